"""Pages whose inputs did not change since the last run are neither rendered nor written again.

Most of a regeneration's rendering is one page per article and per actor; when one seed arrives,
almost none of them change. Each such page gets a key: a digest of everything its template reads
(the article itself, the title, path, date and outlet of each article it links to, the names of
the actors it names, the settings, and the code and templates that render it). The memo keeps, per
page, the key it was last written with and the size and modification time of the file written.
A page is kept as it is when its key is the same and its file is still exactly what was written
(same size, same mtime): a file an editor touched or deleted is rendered again.

The corpus file (data/corpus.json, one article a line) is written on every run, but most of its
lines are the same: the memo also keeps where each article's line lies in the file as written,
by the article's digest, and a line whose article did not change is copied from the file instead
of being encoded again (when the file is still exactly as written).

It also keeps what the next run reads of that corpus file as its previous corpus (changes.py):
the summary `load_previous` would make of it, used while the file is exactly as written, and
each article's fingerprint by the article's digest, so an unchanged article is not digested again.

The memo lives in the cache folder, one file per docs folder, and is replaced only after a
successful write; a missing or unreadable memo means every page is rendered.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .cache import generator_version, load_pickle, save_pickle
from .models import Article

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# path -> (key digest, file size, file mtime in ns)
Entries = dict[str, tuple[bytes, int, int]]
# path -> article digest -> (start, end) of the article's line in the file, in bytes
Spans = dict[str, dict[bytes, tuple[int, int]]]
# What a memo file holds, by name: pages (Entries), spans (Spans), previous (a corpus summary, as
# changes.load_previous makes them, or None) and fingerprints (article digest -> fingerprint).
SAVED = frozenset({"pages", "spans", "previous", "fingerprints"})


@cache
def render_version() -> str:
    """The package version and every template: a change to either re-renders every page."""
    digest = hashlib.sha256(generator_version().encode())
    for path in sorted(TEMPLATES.glob("*.j2")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# The size of a digest, in bytes.
DIGEST_SIZE = 16


def digest(key: Any) -> bytes:
    """A short digest of a key made of tuples, strings, numbers and the frozen model types.

    Through repr, not pickle: pickle's bytes depend on which equal strings happen to be the same
    object (a freshly parsed article and one loaded from the cache pickle differently), while
    the repr of the frozen model types (no sets among their fields) depends on values only."""
    return hashlib.blake2b(repr(key).encode("utf-8"), digest_size=DIGEST_SIZE).digest()


def digests_by_id(part: Callable[[Article], Any]) -> Callable[[Article], bytes]:
    """`digest(part(article))`, made once per article (by id) for as long as the function lives:
    one run, in which ids are unique."""
    made: dict[str, bytes] = {}

    def of(article: Article) -> bytes:
        found = made.get(article.id)
        if found is None:
            found = made[article.id] = digest(part(article))
        return found

    return of


def _no_line(article: Article) -> None:
    return None


class PageMemo:
    def __init__(
        self,
        folder: Path | None,
        docs: Path,
        settings: Any,
        identity: Callable[[Article], object] = lambda article: article,
    ) -> None:
        self.docs = docs
        # The folder as a string prefix: a page's file is stat'ed by a joined string, not a
        # Path built for it (two stats for each of 10,000 article pages, every run).
        self.root = os.path.join(docs, "")
        self.path = None
        self.previous: Entries = {}
        self.previous_spans: Spans = {}
        self.keys: dict[str, bytes] = {}
        self.spans: Spans = {}
        self.kept: set[str] = set()
        self.previous_summary: dict[str, Any] | None = None
        self.previous_fingerprints: dict[bytes, bytes] = {}
        self.summary: dict[str, Any] | None = None
        self.fingerprints: dict[bytes, bytes] = {}
        self.settings = digest((render_version(), sorted((settings or {}).items())))
        # An article's identity (the article itself, or a cheaper equivalent such as
        # pipeline.fingerprint) and the settings, digested once per article and run: an article
        # page's key and its corpus line both name the article by it.
        self.article_digest = digests_by_id(lambda article: (self.settings, identity(article)))
        if folder is None:
            return
        where = hashlib.sha256(str(docs.resolve()).encode()).hexdigest()[:16]
        self.path = folder / f"pages-{where}.pickle"
        loaded = load_pickle(self.path)
        if isinstance(loaded, dict) and loaded.keys() == SAVED:
            self.previous, self.previous_spans = loaded["pages"], loaded["spans"]
            self.previous_summary = loaded["previous"]
            self.previous_fingerprints = loaded["fingerprints"]
        # else no memo: every page is rendered

    @property
    def active(self) -> bool:
        return self.path is not None

    def unchanged(self, page: str, key: bytes) -> bool:
        """True when `page` (a docs-relative path) was written with this key and is intact. The
        key is what the page is a function of, as bytes: a `digest`, or digests joined."""
        if self.path is None:
            return False
        current = hashlib.blake2b(self.settings + key, digest_size=DIGEST_SIZE).digest()
        self.keys[page] = current
        before = self.previous.get(page)
        if before is None or before[0] != current or not self._intact(page, before):
            return False
        self.kept.add(page)
        return True

    def _intact(self, page: str, before: tuple[bytes, int, int]) -> bool:
        """True when the file of `page` is exactly as the memo saw it written (size and mtime)."""
        try:
            stat = os.stat(self.root + page)
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == before[1:]

    def earlier_lines(self, page: str) -> Callable[[Article], bytes | None]:
        """An article's line in `page` as the last run wrote it, or None when the article's
        digest changed or the file is no longer exactly as written."""
        before, spans = self.previous.get(page), self.previous_spans.get(page)
        if before is None or not spans or not self._intact(page, before):
            return _no_line
        try:
            content = (self.docs / page).read_bytes()
        except OSError:
            return _no_line
        if len(content) != before[1]:  # changed between the stat and the read
            return _no_line

        def line(article: Article) -> bytes | None:
            span = spans.get(self.article_digest(article))
            return None if span is None else content[span[0] : span[1]]

        return line

    def previous_corpus(self, page: str, path: Path) -> dict[str, Any] | None:
        """The summary of the corpus file `page` the last run recorded (`record_corpus`), when
        `path` is that file and it is still exactly as written; else None: read the file."""
        before = self.previous.get(page)
        if self.previous_summary is None or before is None or not self._intact(page, before):
            return None
        try:
            same = path.resolve() == (self.docs / page).resolve()
        except OSError:
            return None
        return self.previous_summary if same else None

    def known_fingerprint(self, article: Article) -> bytes | None:
        """The fingerprint the last run made of this same article (by its digest), or None."""
        return self.previous_fingerprints.get(self.article_digest(article))

    def record_corpus(
        self, summary: dict[str, Any], articles: list[Article], current: dict[str, bytes]
    ) -> None:
        """What the next run will read of the corpus file as it is about to be written: its
        summary, and the fingerprints (`current`, by id) of its articles."""
        if self.path is None:
            return
        self.summary = summary
        self.fingerprints = {self.article_digest(a): current[a.id] for a in articles}

    def record_lines(self, page: str, lines: list[tuple[Article, int, int]]) -> None:
        """Where each article's line (start, end) lies in `page` as it is about to be written."""
        if self.path is None:
            return
        self.spans[page] = {self.article_digest(a): (start, end) for a, start, end in lines}

    def save(self) -> None:
        """Record the file state of every page keyed in this run (kept or rendered) or whose
        lines were recorded, with its key (none for the latter); called once they are written."""
        if self.path is None:
            return
        entries: Entries = {}
        for page in [*self.keys, *self.spans]:
            key = self.keys.get(page, b"")
            try:
                stat = os.stat(self.root + page)
            except OSError:
                continue
            entries[page] = (key, stat.st_size, stat.st_mtime_ns)
        spans = {page: spans for page, spans in self.spans.items() if page in entries}
        saved = {
            "pages": entries,
            "spans": spans,
            "previous": self.summary,
            "fingerprints": self.fingerprints,
        }
        save_pickle(self.path, saved)
