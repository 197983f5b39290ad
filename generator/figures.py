"""Figures that matter: a number with its unit and what it counts ("2500 جندي أميركي").

`find_figures`, per paragraph:
1. Tokenize into numbers (Latin or Arabic-Indic digits, with , ٬ thousands and . ٫ decimals),
   words and percent signs, keeping spans. A number glued to a word ("كوفيد-19", "الـ12",
   "10:30") is not a quantity; a one-letter proclitic ("بـ90") is allowed.
2. A number expression: parts joined by و, each digits with an optional scale word or a scale
   word alone ("مليون و200 ألف" = 1,200,000); a part joins only when smaller than the one
   before it, so "بين 2500 و3000" stays two numbers.
3. After it, past quote marks and an optional "من" ("57 ألفاً من عوائل"), a unit from
   figures.yml, or a percent form: then it is a figure. Without a unit it is not (years, dates,
   day numbers, ordinals and phone numbers have none).
4. What it counts: up to MAX_COUNTS_WORDS words after the unit, until punctuation or a stopword.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .arabic import ChunkTable, latin_digits, normalize
from .errors import DataError, DataErrors, LocatedError
from .models import Figure, build_named_tuple
from .vocabulary import HERE, read_yaml

PERCENT = "%"
# "2500 جندي أميركي" counts "أميركي"; three words cover "عناصر تنظيم داعش" without running on.
MAX_COUNTS_WORDS = 3
_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,٫٬]\d+)*)|(?P<word>[\u0621-\u063a\u0640-\u065f\u0670A-Za-z]+)|(?P<sign>[%٪])"
)
_PROCLITICS = frozenset("وبلفك")
# A paragraph without a digit or a scale word holds no figure: skipped without tokenizing.
_MAY_COUNT = re.compile(r"\d|[أا]لف|آلاف|مليون|ملايين|مليار|بليون")
_GLUE = re.compile(r"[-/:–]$")  # a number right after these belongs to a name, range or time


class FiguresError(DataErrors, ValueError):
    """An invalid figures.yml: every problem, each naming the file and entry."""


@dataclass(frozen=True, slots=True)
class Units:
    scales: dict[str, float]  # normalized form -> multiplier
    units: dict[tuple[str, ...], str]  # normalized form words -> unit (singular, as in the file)
    percent: frozenset[tuple[str, ...]]
    stopwords: frozenset[str]
    longest: int  # words in the longest unit or percent form


class _Token(NamedTuple):
    """A number, word or sign. A named tuple: hundreds per article, cheap to build."""

    start: int
    end: int
    kind: str  # number, word or sign
    key: str  # normalized (words), Latin digits (numbers)
    glued: bool  # no space before it


def load_units(path: Path | None = None) -> Units:
    """Read and validate the unit vocabulary; every problem is reported at once."""
    path = path or HERE / "figures.yml"
    where = str(path)
    try:
        data = read_yaml(path)
    except DataError as error:
        raise FiguresError([error]) from error
    errors: list[LocatedError] = []
    if not isinstance(data, dict):
        message = "expected a mapping of vocabulary groups"
        raise FiguresError([DataError(where, None, message)])
    for name in ("scales", "percent", "counts_stopwords"):
        if not str((data.get(name) or {}).get("reason") or "").strip():
            errors.append(DataError(where, None, f"'{name}' needs a reason"))
    scales = {
        _key(form): float(entry["value"])
        for entry in _entries(where, "scales", (data.get("scales") or {}).get("entries"), errors)
        for form in entry["forms"]
    }
    units: dict[tuple[str, ...], str] = {}
    for index, group in enumerate(data.get("units") or []):
        label = f"units[{index}]"
        if not isinstance(group, dict) or not str(group.get("reason") or "").strip():
            errors.append(DataError(where, None, f"{label} needs a reason"))
            continue
        for entry in _entries(where, label, group.get("entries"), errors, "unit"):
            for form in entry["forms"]:
                if units.setdefault(_words(form), entry["unit"]) != entry["unit"]:
                    errors.append(DataError(where, None, f"{label}: '{form}' is two units"))
    percent = frozenset(_words(f) for f in (data.get("percent") or {}).get("forms") or [])
    stopwords = (data.get("counts_stopwords") or {}).get("entries") or []
    if errors or not units or not percent:
        errors += [] if units and percent else [DataError(where, None, "needs units and percent")]
        raise FiguresError(errors)
    longest = max(len(words) for words in [*units, *percent])
    return Units(scales, units, percent, frozenset(map(_key, stopwords)), longest)


def _entries(
    where: str, label: str, raw: Any, errors: list[LocatedError], name: str = "value"
) -> list[dict[str, Any]]:
    """The valid entries of a group: each with `name` and a non-empty `forms` list."""
    if not isinstance(raw, list) or not raw:
        errors.append(DataError(where, None, f"{label}: expected a list of entries"))
        return []
    valid = []
    for index, entry in enumerate(raw):
        forms = entry.get("forms") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or entry.get(name) in (None, "") or not forms:
            errors.append(DataError(where, None, f"{label} entry {index + 1}: needs {name}, forms"))
        else:
            valid.append(entry)
    return valid


def _key(word: str) -> str:
    return normalize(str(word)).replace(" ", "")


def _words(form: str) -> tuple[str, ...]:
    return tuple(_key(w) for w in str(form).split())


@cache
def default_units() -> Units:
    return load_units()


def find_figures(paragraphs: Sequence[str]) -> list[Figure]:
    """Figures of one article, in text order (see the module docstring for the steps)."""
    units = default_units()
    figures = []
    for number, text in enumerate(paragraphs):
        if not _MAY_COUNT.search(text):
            continue
        tokens = _tokenize(text)
        i = 0  # the token after the last figure
        starts = [n for n, t in enumerate(tokens) if t.kind == "number" or t.key in units.scales]
        for start in starts:  # a figure can only start at a number or a scale word
            found = _figure_at(text, tokens, start, units, number) if start >= i else None
            if found is not None:
                figure, i = found
                figures.append(figure)
    return figures


def _tokenize(text: str) -> list[_Token]:
    """The tokens of a text. None holds a space, so each space-separated chunk (mostly a word)
    is tokenized once (`_chunk_tokens`) and its tokens shifted into place."""
    result = []
    offset = 0
    for chunk in text.split(" "):
        for start, end, kind, key, glued in _CHUNK_TOKENS[chunk]:
            result.append(
                build_named_tuple(_Token, (start + offset, end + offset, kind, key, glued))
            )
        offset += len(chunk) + 1
    return result


def _chunk_tokens(chunk: str) -> tuple[tuple[int, int, str, str, bool], ...]:
    """A chunk's tokens; what precedes the first is a space or nothing, so it is never glued."""
    result = []
    for match in _TOKEN.finditer(chunk):
        kind = match.lastgroup or "word"
        value = match.group()
        key = latin_digits(value) if kind == "number" else normalize(value)
        glued = match.start() > 0 and not chunk[match.start() - 1].isspace()
        result.append((match.start(), match.end(), kind, key, glued))
    return tuple(result)


_CHUNK_TOKENS = ChunkTable(_chunk_tokens)


def _figure_at(
    text: str, tokens: list[_Token], i: int, units: Units, paragraph: int
) -> tuple[Figure, int] | None:
    """The figure whose number starts at token i, and the index after it; None if no figure."""
    number = _number_at(text, tokens, i, units)
    if number is None:
        return None
    value, j = number
    if j < len(tokens) and tokens[j].key == "من" and _joined(text, tokens, j):
        j += 1
    unit = _unit_at(text, tokens, j, units)
    if unit is None:
        return None
    name, after_unit = unit
    counts_end = after_unit
    while (
        name != PERCENT  # what a share is of comes before it ("نسبة البطالة 30 %")
        and counts_end < len(tokens)
        and counts_end - after_unit < MAX_COUNTS_WORDS
        and tokens[counts_end].kind == "word"
        and tokens[counts_end].key not in units.stopwords
        and _joined(text, tokens, counts_end)
    ):
        counts_end += 1
    counts = (
        text[tokens[after_unit].start : tokens[counts_end - 1].end]
        if counts_end > after_unit
        else ""
    )
    start, end = tokens[i].start, tokens[after_unit - 1].end
    if text.count("«", start, end) > text.count("»", start, end) and text[end : end + 1] == "»":
        end += 1  # 2250 «إرهابياً»: keep the quoted unit whole
    return Figure(text[start:end], value, name, counts, paragraph), max(counts_end, i + 1)


def _joined(text: str, tokens: list[_Token], j: int) -> bool:
    """Token j continues the phrase before it: only spaces or quote marks between."""
    between = text[tokens[j - 1].end : tokens[j].start]
    return not any(c in between for c in "،,.:;؛()[]!?؟\n-–/")


def _attached(text: str, tokens: list[_Token], i: int) -> bool:
    """A number glued to a word or joined by - / : is part of a name, range or time."""
    token = tokens[i]
    if not token.glued:
        return False
    if i and tokens[i - 1].end == token.start and tokens[i - 1].kind == "word":
        letters = tokens[i - 1].key
        return not (len(letters) == 1 and letters in _PROCLITICS)  # "بـ90", "و700"
    return (
        bool(_GLUE.search(text[: token.start]))
        and token.start > 1
        and text[token.start - 2].isalnum()
    )


def _number_at(text: str, tokens: list[_Token], i: int, units: Units) -> tuple[float, int] | None:
    """A number expression at token i: value and the index after it."""
    part = _part_at(text, tokens, i, units)
    if part is None:
        return None
    total, previous, j = part
    while j + 1 < len(tokens) and tokens[j].key == "و" and _joined(text, tokens, j):
        following = _part_at(text, tokens, j + 1, units)
        if following is None or following[0] >= previous:
            break
        total += following[0]
        previous, j = following[0], following[2]
    return total, j


def _part_at(
    text: str, tokens: list[_Token], i: int, units: Units
) -> tuple[float, float, int] | None:
    """Digits with an optional scale word ("90 مليون"), or a scale word alone ("ألف")."""
    token = tokens[i]
    if token.kind == "word":
        scale = units.scales.get(token.key)
        return (scale, scale, i + 1) if scale else None
    if token.kind != "number" or _attached(text, tokens, i):
        return None
    value = _parse(token.key)
    following = i + 1
    if following < len(tokens) and tokens[following].key in units.scales:
        value *= units.scales[tokens[following].key]
        following += 1
    return value, value, following


def _parse(digits: str) -> float:
    """ "2,500" and "1.400.000" are thousands; "3.8", "3٫8" and "3,8" decimals."""
    groups = re.split(r"[.,٫٬]", digits)
    separators = re.findall(r"[.,٫٬]", digits)
    if not separators:
        return float(digits)
    thousands = all(len(g) == 3 for g in groups[1:])
    if thousands and (len(separators) > 1 or separators[0] in ",٬"):
        return float("".join(groups))
    if len(separators) == 1:
        return float(f"{groups[0]}.{groups[1]}")
    return float("".join(groups))


def _unit_at(text: str, tokens: list[_Token], j: int, units: Units) -> tuple[str, int] | None:
    """The longest unit or percent form starting at token j: its unit name and the index after."""
    for size in range(units.longest, 0, -1):
        window = tokens[j : j + size]
        if len(window) < size or not all(_joined(text, tokens, k) for k in range(j, j + size)):
            continue
        words = tuple(t.key for t in window)
        if words in units.percent:
            return PERCENT, j + size
        if words in units.units:
            return units.units[words], j + size
    return None
