"""Read stage: seed files in, decoded and normalized `Seed` records out.

Normalization keeps line numbers intact (an editor must find line N of the file at line N of the
seed): only characters inside lines change, never the number of lines.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import charset_normalizer

from .arabic import has_arabic
from .errors import SeedError
from .models import Seed, SeedFile

CATALOG_NAME = "catalog.yml"
# Legacy encodings of Arabic web pages (Windows, ISO and DOS code pages). Detection is limited to
# them so a short page cannot be "detected" as some unrelated script.
LEGACY_ARABIC_CODECS = ("cp1256", "iso8859_6", "cp864", "cp720")
# A legacy decoding is believed only when most letters come out Arabic: a wrong code page turns
# Arabic into Latin accented letters or symbols, which this share catches.
MIN_ARABIC_SHARE = 0.5
# A scraped page runs 5-50 KB; 5 MB is a hundred pages' worth, so a larger file is a dump or a
# mistake, and parsing it would hold up every other seed.
MAX_SEED_BYTES = 5 * 2**20
# Scrapes quote a stray tag now and then; a page's source has hundreds. Past this count in the
# first 20,000 characters, the file is markup.
MAX_HTML_TAGS = 20
_HTML_PAGE = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml)", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:div|span|p|a|script|style|meta|link|li|ul|td|tr|img|br)\b[^>]*>", re.IGNORECASE
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# No-break spaces and their narrow/figure cousins act as plain spaces in scraped text; lines
# holding only one of them are paragraph separators in the agency layout.
_SPACE_LIKE = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000\t]")
# Zero-width and bidi controls carry no content and must never reach a page (they can reorder
# what a reader sees); the zero-width non-joiner is kept because it shapes Persian names.
_INVISIBLE = re.compile(
    "[\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c"
    # C0 and C1 control characters other than newline and tab: never text, sometimes scraper
    # debris (a NUL in the middle of a page).
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)


def seed_paths(folder: Path) -> list[Path]:
    """Every seed file in `folder`: all files except the catalog and dotfiles, sorted by name."""
    if not folder.is_dir():
        raise SeedError(str(folder), None, "seeds folder not found")
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name != CATALOG_NAME
    )


def normalize_text(raw: str) -> str:
    """LF newlines, plain spaces, no invisible controls, no trailing spaces; same line count."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _SPACE_LIKE.sub(" ", text))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def decode(data: bytes, name: str) -> str:
    """Decode a seed; the steps, first match wins:

    1. a byte-order mark says UTF-8 or UTF-16;
    2. the bytes are valid UTF-8;
    3. NUL bytes without a UTF-16 mark mean a binary file: rejected;
    4. charset-normalizer picks among the legacy encodings Arabic pages use, and the result is
       kept only if Arabic letters make up at least MIN_ARABIC_SHARE of its letters.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if b"\x00" in data:
        raise SeedError(name, None, "binary file (NUL bytes), not text")
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ARABIC_CODECS)).best()
    if best is not None:
        text = str(best)
        if _arabic_share(text) >= MIN_ARABIC_SHARE:
            return text
    line = data[: utf8_error.start].count(b"\n") + 1
    raise SeedError(name, line, f"not valid UTF-8 ({utf8_error.reason}) nor legacy Arabic text")


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise SeedError(name, None, f"not valid {codec} despite its byte-order mark") from error


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(has_arabic(c) for c in letters) / len(letters) if letters else 0.0


def read_seed(path: Path) -> Seed:
    """One seed, or a SeedError saying why it cannot be one (see `decode_seed`)."""
    data = read_seed_bytes(path)
    return decode_seed(path.name, data, hashlib.sha256(data).hexdigest())


def read_seed_bytes(path: Path) -> bytes:
    """A seed file's bytes; a SeedError if it is larger than MAX_SEED_BYTES: a scraped news page
    is never that big (a dump or a mistake)."""
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        raise SeedError(path.name, None, f"too large ({size:,} bytes > {MAX_SEED_BYTES:,})")
    return path.read_bytes()


def decode_seed(name: str, data: bytes, sha256: str) -> Seed:
    """The seed a file's bytes make, or a SeedError saying why they make none. The documented
    refusals (besides the size, `read_seed_bytes`):

    - empty, or only white space;
    - an HTML page saved as a seed: its markup would be published as text, so it is refused
      with the advice to save the page's text instead;
    - binary or undecodable bytes (see `decode`);
    - no Arabic letter at all: this is a briefing of Arabic sources.
    """
    text = normalize_text(decode(data, name))
    if not text.strip():
        raise SeedError(name, None, "empty file")
    if _HTML_PAGE.match(text) or len(_HTML_TAG.findall(text[:20000])) > MAX_HTML_TAGS:
        raise SeedError(name, 1, "an HTML page, not a text scrape: save the page's text")
    if not has_arabic(text):
        raise SeedError(name, None, "no Arabic text")
    return Seed(name=name, text=text, sha256=sha256)


def read_seed_files(folder: Path) -> tuple[list[tuple[SeedFile, bytes]], list[SeedError]]:
    """Every seed file of `folder` in name order with its bytes, not yet decoded, and the errors
    of those that could not be read."""
    files: list[tuple[SeedFile, bytes]] = []
    errors: list[SeedError] = []
    for path in seed_paths(folder):
        try:
            data = read_seed_bytes(path)
        except SeedError as error:
            errors.append(error)
            continue
        files.append((SeedFile(path.name, hashlib.sha256(data).hexdigest()), data))
    return files, errors


def read_seeds(folder: Path) -> tuple[list[Seed], list[SeedError]]:
    """All seeds of `folder` in name order, and the errors of those that could not be read."""
    seeds: list[Seed] = []
    errors: list[SeedError] = []
    for path in seed_paths(folder):
        try:
            seeds.append(read_seed(path))
        except SeedError as error:
            errors.append(error)
    return seeds, errors
