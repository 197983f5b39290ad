"""Names and values of dates: Babel's month and weekday names, the dates.yml vocabulary, the ISO
value of a recognised phrase, and display. The scanner that finds phrases is in datescan.py.

Built once at import, never changed afterwards:
1. Western months from `Locale.parse("ar")`, Levantine ones from `Locale.parse("ar_IQ")`, weekdays
   from `Locale.parse("ar")`, always in the "format" context: ar_IQ's "stand-alone" months were
   seen to come back Western once "ar" had been loaded in the same process; "format" never did.
2. Each table is checked: 12 (or 7) distinct names, Western and Levantine names disjoint.
3. dates.yml is read and validated; every problem is collected and raised together (DataErrors),
   each naming the file, the group and the entry.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from babel import Locale

from .arabic import normalize
from .errors import DataError, DataErrors
from .models import Precision
from .vocabulary import read_yaml

VOCABULARY_PATH = Path(__file__).with_name("dates.yml")
WESTERN_LOCALE = "ar"  # Babel's Arabic: يناير … ديسمبر, الأحد … السبت
LEVANTINE_LOCALE = "ar_IQ"  # Iraq, like Syria, Lebanon and Jordan: كانون الثاني … كانون الأول
STYLES = ("western", "levantine", "western+levantine")
DEFAULT_STYLE = "western+levantine"
# Years current-affairs text cites; a larger four-digit count ("2500 جندي") is never a year.
MIN_YEAR, MAX_YEAR = 1900, 2099
# A timeline clause of at most a long headline's length is read at a glance.
MAX_EVENT_WORDS = 30
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?؟؛…]+[\"'»”)\]]*(?=\s|$)|\n")
_CLAUSE_END = re.compile(r"[،,:؛]")
# Words keep their clitics ("وأغسطس", "الـ12", "بـ90"); each other mark is a token of its own.
_TOKEN = re.compile(r"[\u0621-\u065f\u066e-\u06d3\u0660-\u0669\u06f0-\u06f9A-Za-z0-9]+|\n|[^\s\w]")
Tense = Literal["past", "present", "future", "unknown"]
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _distinct(what: str, names: tuple[str, ...], expected: int) -> tuple[str, ...]:
    if len(set(names)) != expected or not all(names):
        raise RuntimeError(f"Babel gave {what}: {names!r}; expected {expected} distinct names")
    return names


def babel_names(code: str, kind: str = "months") -> tuple[str, ...]:
    """Wide names in the stable "format" context: 12 months from January, or 7 "days" from
    Monday (as `date.weekday()` counts)."""
    wide = getattr(Locale.parse(code), kind)["format"]["wide"]
    numbers = range(1, 13) if kind == "months" else range(7)
    return _distinct(f"{kind} for {code}", tuple(str(wide[n]) for n in numbers), len(numbers))


WESTERN_MONTHS = babel_names(WESTERN_LOCALE)
LEVANTINE_MONTHS = babel_names(LEVANTINE_LOCALE)
WEEKDAYS = babel_names(WESTERN_LOCALE, "days")
if set(WESTERN_MONTHS) & set(LEVANTINE_MONTHS):
    raise RuntimeError(f"Babel's {LEVANTINE_LOCALE} months are not Levantine: {LEVANTINE_MONTHS}")


# --- dates.yml -----------------------------------------------------------------------------------
def _allowed(options: range | tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda value: type(value) in (int, str) and value in options


# group -> (the field its entries carry besides text and reason, its check), or None.
SCHEMA: dict[str, tuple[str, Callable[[Any], bool]] | None] = {
    "month_variants": ("month", _allowed(range(1, 13))),
    "ambiguous_months": None,
    "ordinal_days": ("day", _allowed(range(1, 32))),
    "relative_words": ("tense", _allowed(("past", "present", "future"))),
    "this_words": None,
    "period_nouns": ("unit", _allowed(("month", "year"))),
    "qualifiers": None,
    "month_words": None,
    "year_frames": ("kind", _allowed(("noun", "dual", "season", "since", "until"))),
    "day_words": ("offset", _allowed(range(-1, 2))),
    "day_parts": None,
    "weekday_frames": None,
    "ambiguous_weekdays": None,
    "tense_cues": ("tense", _allowed(("past", "future"))),
    "range_starts": None,
    "range_links": None,
    "weekday_blockers": None,
    "year_adjective_heads": None,
    "no_year_blockers": None,
}
# The groups whose words can open a phrase (with month, ordinal and weekday names and digits).
STARTING_GROUPS: tuple[str, ...] = ("qualifiers", "month_words", "this_words", "period_nouns")
STARTING_GROUPS += ("year_frames", "day_parts", "day_words", "weekday_frames")


def _entry_problems(group: str, index: int, entry: Any) -> list[str]:
    if not isinstance(entry, dict):
        return [f"group '{group}' entry {index}: expected a mapping with text and reason"]
    name, spec = f"group '{group}' entry {index} ({entry.get('text')})", SCHEMA[group]
    problems = [f"{name}: no {key}" for key in ("text", "reason") if not str(entry.get(key) or "")]
    if spec and not spec[1](entry.get(spec[0])):
        problems.append(f"{name}: invalid {spec[0]} {entry.get(spec[0])!r}")
    extra = sorted(set(entry) - {"text", "reason", *(spec[:1] if spec else ())})
    return problems + [f"{name}: unknown field '{key}'" for key in extra]


def _group_problems(group: str, body: Any) -> list[str]:
    if group not in SCHEMA:
        return [f"unknown group '{group}'"]
    entries = body.get("entries") if isinstance(body, dict) else None
    if not isinstance(entries, list) or not entries or not str(body.get("reason") or "").strip():
        return [f"group '{group}' needs a reason and a list of entries"]
    problems = [p for n, e in enumerate(entries, 1) for p in _entry_problems(group, n, e)]
    keys = [normalize(str(e.get("text"))) for e in entries if isinstance(e, dict)]
    return problems + [
        f"group '{group}': '{k}' is listed twice" for k in sorted(set(keys)) if keys.count(k) > 1
    ]


def validate(data: Any, path: Path) -> dict[str, list[dict[str, Any]]]:
    """The groups of a parsed dates.yml; raises DataErrors listing every problem at once."""
    if not isinstance(data, dict):
        raise DataError(str(path), None, "expected a mapping of groups")
    problems = [p for group, body in data.items() for p in _group_problems(str(group), body)]
    problems += [f"group '{group}' is missing" for group in SCHEMA if group not in data]
    if problems:
        raise DataErrors([DataError(str(path), None, problem) for problem in problems])
    return {group: data[group]["entries"] for group in SCHEMA}


def _key(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).split())


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Lookup tables of normalized words; multi-word names are keyed by tuples of words."""

    months: Mapping[tuple[str, ...], int]
    ambiguous_months: frozenset[tuple[str, ...]]
    ordinals: Mapping[tuple[str, ...], int]
    weekdays: Mapping[str, int]
    words: Mapping[str, Mapping[str, Any]]  # group -> word -> the entry's field (or True)
    starters: frozenset[str]  # every word a phrase can begin with (a digit aside)


def build_vocabulary(groups: dict[str, list[dict[str, Any]]], path: Path) -> Vocabulary:
    """Babel's names plus the entries of dates.yml; an ambiguous month must be a known name."""
    names = [*enumerate(WESTERN_MONTHS, 1), *enumerate(LEVANTINE_MONTHS, 1)]
    months = {_key(name): month for month, name in names}
    months |= {_key(e["text"]): e["month"] for e in groups["month_variants"]}
    ambiguous = frozenset(_key(e["text"]) for e in groups["ambiguous_months"])
    unknown = sorted(" ".join(k) for k in ambiguous - set(months))
    if unknown:
        raise DataErrors(
            [DataError(str(path), None, f"ambiguous_months: no month '{k}'") for k in unknown]
        )
    words = {
        group: MappingProxyType(
            {" ".join(_key(e["text"])): e[s[0]] if s else True for e in groups[group]}
        )
        for group, s in SCHEMA.items()
    }
    ordinals = {_key(e["text"]): e["day"] for e in groups["ordinal_days"]}
    weekdays = {normalize(name): day for day, name in enumerate(WEEKDAYS)}
    return Vocabulary(
        months=MappingProxyType(months),
        ambiguous_months=ambiguous,
        ordinals=MappingProxyType(ordinals),
        weekdays=MappingProxyType(weekdays),
        words=MappingProxyType(words),
        starters=frozenset([*weekdays, *(k[0] for k in [*months, *ordinals])]).union(
            *(words[g] for g in STARTING_GROUPS)
        ),
    )


def load_vocabulary(path: Path = VOCABULARY_PATH) -> Vocabulary:
    return build_vocabulary(validate(read_yaml(path), path), path)


VOCABULARY = load_vocabulary()


# --- words -------------------------------------------------------------------------------------
def date_keys(text: str) -> list[str]:
    """Matching keys of the words (clitics attached) of text; punctuation marks as written."""
    return [normalize(g) if g[0].isalnum() else g for g in _TOKEN.findall(text)]


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where each token of `date_keys` stands in text."""
    return [m.span() for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=65536)
def unclitic(key: str) -> tuple[str, ...]:
    """The key, then what remains after a conjunction (و ف) and/or a preposition (ب ل)."""
    forms = [key, key[1:]] if len(key) > 2 and key[0] in "وف" else [key]
    for form in forms[:]:
        if len(form) > 2 and form[0] in "بل":
            forms.append("ا" + form[1:] if form.startswith("لل") else form[1:])
    return tuple(forms)


def _number(key: str, size: int, low: int, high: int) -> int | None:
    ok = key.isascii() and key.isdigit() and 0 < len(key) <= size and low <= int(key) <= high
    return int(key) if ok and (size != 4 or len(key) == 4) else None


def year_number(key: str) -> int | None:
    return _number(key, 4, MIN_YEAR, MAX_YEAR)


def day_number(key: str) -> int | None:
    return _number(key, 2, 1, 31)


# --- values ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Phrase:
    """A recognised date phrase, tokens [first, last) of its text, before any anchor is applied."""

    first: int
    last: int
    unit: str  # "calendar", "month" (الشهر …), "year", "weekday", "day" (أمس, اليوم), "name"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    until_day: int | None = None
    until_year: int | None = None
    offset: int = 0  # periods before (-1) or after (+1) the anchor's
    weekday: int | None = None
    relative: str | None = None  # the tense a relative word gives (الماضي, المقبل, الجاري)


@dataclass(frozen=True, slots=True)
class Anchor:
    year: int
    month: int | None
    day: int | None


def parse_iso(value: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) of "2024", "2024-12" or "2024-12-12"; ValueError for anything else."""
    match = _ISO.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not an ISO year, month or day: {value!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    date(year or 0, month or 1, day or 1)  # ValueError for month 13 or 30 February
    return year or 0, month, day


def parse_anchor(value: str | None) -> Anchor | None:
    """An ISO anchor; for a range, what its two ends share (nothing when their years differ)."""
    if not value:
        return None
    ends = [parse_iso(part) for part in value.split("/", 1)]
    (year, month, day), last = ends[0], ends[-1]
    if year != last[0]:
        return None
    month = month if month == last[1] else None
    return Anchor(year, month, day if month and day == last[2] else None)


def iso_interval(value: str) -> tuple[date, date]:
    """The first and last day a value ("2024", "2024-12", "2024-04-15/2024-04-16") covers."""
    first, _, last = value.partition("/")
    year, month, day = parse_iso(first)
    start = date(year, month or 1, day or 1)
    year, month, day = parse_iso(last or first)
    month = month or 12
    return start, date(year, month, day or calendar.monthrange(year, month)[1])


def _iso(year: int, month: int, day: int | None, until: int | None) -> tuple[str, Precision] | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    last = calendar.monthrange(year, month)[1]
    if day > last or (until is not None and not day < until <= last):
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    return (value, "day") if until is None else (f"{value}/{value[:8]}{until:02d}", "range")


def _calendar_year(phrase: Phrase, anchor: Anchor | None, tense: str) -> int | None:
    """The year of a yearless month: the anchor's, or the one before or after it."""
    month, relative = phrase.month or 0, phrase.relative
    if anchor is None:
        return None
    if relative == "present" or anchor.month is None:
        return anchor.year if relative in (None, "present") else None
    if relative == "future" or (relative is None and tense == "future"):
        return anchor.year + (month < anchor.month or (month == anchor.month and bool(relative)))
    return anchor.year - (month > anchor.month or (month == anchor.month and bool(relative)))


def _day_of(phrase: Phrase, anchor: Anchor) -> date | None:
    today = date(anchor.year, anchor.month or 1, anchor.day or 1)
    weekday = phrase.weekday
    if phrase.unit == "day":
        target = today + timedelta(days=phrase.offset)
        return target if weekday in (None, target.weekday()) else None
    if weekday is None:
        return None
    if phrase.relative == "future":
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    back = (today.weekday() - weekday) % 7
    return today - timedelta(days=back or (7 if phrase.relative == "past" else 0))


def resolve(phrase: Phrase, anchor: Anchor | None, tense: str) -> tuple[str, Precision] | None:
    """The ISO value of a phrase, or None when its words and the anchor do not fix one.

    Relative forms and yearless dates need the anchor's year (and its month for الماضي/المقبل or
    a bare month, taken as the latest one not after the anchor, or the next one when the tense is
    future); weekdays and أمس/اليوم need an anchor day. An explicit year always wins.
    """
    if phrase.unit == "calendar" and phrase.month:
        year = phrase.year or _calendar_year(phrase, anchor, tense)
        return _iso(year, phrase.month, phrase.day, phrase.until_day) if year else None
    if phrase.unit == "year" and phrase.year:
        until = phrase.until_year
        return (f"{phrase.year}/{until}", "range") if until else (str(phrase.year), "year")
    if anchor is None or phrase.unit == "name":
        return None
    if phrase.unit == "year":
        return str(anchor.year + phrase.offset), "year"
    if phrase.unit == "month" and anchor.month:
        index = anchor.year * 12 + anchor.month - 1 + phrase.offset
        return _iso(index // 12, index % 12 + 1, phrase.day, None)
    found = _day_of(phrase, anchor) if anchor.day and phrase.unit in ("day", "weekday") else None
    return (found.isoformat(), "day") if found else None


# --- display -----------------------------------------------------------------------------------
def month_name(month: int, style: str = DEFAULT_STYLE) -> str:
    """ "سبتمبر (أيلول)" for 9; styles: "western", "levantine", "western+levantine"."""
    if not 1 <= month <= 12 or style not in STYLES:
        raise ValueError(f"no month name for {month} in style {style!r} (styles: {STYLES})")
    western, levantine = WESTERN_MONTHS[month - 1], LEVANTINE_MONTHS[month - 1]
    return {"western": western, "levantine": levantine}.get(style, f"{western} ({levantine})")


def _point(value: str, style: str) -> str:
    year, month, day = parse_iso(value)
    text = f"{month_name(month, style)} {year}" if month else str(year)
    return f"{day} {text}" if day else text


# Remembered: a site shows the same few thousand dates again and again (every list of articles
# and every timeline formats each of its dates); rendering 1,000 synthetic articles' pages took
# 2.17-2.38 s of CPU with it and 2.73-2.82 s without (best of 6, two rounds).
@lru_cache(maxsize=65536)
def format_date(value: str, precision: str, style: str = DEFAULT_STYLE) -> str:
    """A value for readers in Latin digits: "12 ديسمبر (كانون الأول) 2024", "2024", ranges as
    "ديسمبر (كانون الأول) 2021 – أغسطس (آب) 2023" or in one month "15–16 أبريل (نيسان) 2024"."""
    first, slash, last = value.partition("/")
    lengths = {"year": 4, "month": 7, "day": 10}
    if (precision == "range") != bool(slash) or (
        not slash and len(value) != lengths.get(precision)
    ):
        raise ValueError(f"value {value!r} does not have precision {precision!r}")
    if not slash:
        return _point(value, style)
    if len(first) == len(last) == lengths["day"] and first[:7] == last[:7]:
        return f"{int(first[8:])}–{_point(last, style)}"
    return f"{_point(first, style)} – {_point(last, style)}"


def event_clause(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], narrowed to whole clauses of MAX_EVENT_WORDS."""
    stops = [m.end() for m in _SENTENCE_END.finditer(text)]
    begin = max([s for s in stops if s <= start], default=0)
    finish = min([s for s in stops if s > end], default=len(text))
    cuts = [
        m.end() for m in _CLAUSE_END.finditer(text, begin, finish) if not start <= m.start() < end
    ]
    pieces = list(zip([begin, *cuts], [*cuts, finish], strict=True))
    low = high = next(n for n, (a, b) in enumerate(pieces) if a <= start < b)

    def fits(a: int, b: int) -> bool:
        return len(text[pieces[a][0] : pieces[b][1]].split()) <= MAX_EVENT_WORDS

    while (low > 0 and fits(low - 1, high)) or (high < len(pieces) - 1 and fits(low, high + 1)):
        low -= low > 0 and fits(low - 1, high)
        high += high < len(pieces) - 1 and fits(low, high + 1)
    a, b = pieces[low][0], pieces[high][1]
    words = [m.span() for m in _WORD.finditer(text, a, b)]
    if len(words) > MAX_EVENT_WORDS:  # one clause too long: the words around the date
        at = next(n for n, (_, y) in enumerate(words) if y > start)
        first = max(0, min(at - MAX_EVENT_WORDS // 2, len(words) - MAX_EVENT_WORDS))
        a, b = words[first][0], words[first + MAX_EVENT_WORDS - 1][1]
    return text[a:b].strip(" \t\u00a0،,:؛-")
