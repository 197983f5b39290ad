"""The date-phrase scanner: the tokens of one text and the phrases they hold, before any anchor.

Reading a text (steps 1-4 and 6; `dates.py` resolves and uses what is found):
1. Tokenize: runs of letters and digits (a clitic stays on its word: "وأغسطس", "الـ12", "بـ90")
   and single punctuation marks; each word gets its matching key (`arabic.normalize`).
2. At each token try, in order, and consume what matches:
   a calendar phrase  [qualifier] [day | day-day | ordinal من] [شهر] month [gloss] [relative]
                      [[من] [عام] year]   ("مطلع يناير الماضي", "15-16 نيسان/أبريل 2024");
   a relative period  [qualifier] (الشهر|العام|السنة) relative [year], هذا العام;
   a framed year      (عام|صيف|نهاية|منذ|عامي …) year [و year];
   a day word         [فجر] (أمس | اليوم + weekday) [weekday];  a weekday  [يوم] الأحد [الماضي].
3. Trap rules (dates.yml): an ambiguous month (مارس, نيسان) needs a day, gloss, year, relative
   word or شهر beside it; no date after صلاة, no year in "الأمين العام السابق", no yearless date
   after قوى/ثورة/أحداث (a name); a bare number is never a year.
4. "بين A وB" and "من A إلى B" become one range.
5. Resolve against the anchor (`datenames.resolve`); what it cannot fix is not returned.
6. Tense: the relative word; else منذ before the date (past); else the nearest tense cue
   (سيتم, من المقرر … / أعلن, قال …) up to TENSE_WINDOW tokens back in the same sentence.

The scan is done once per paragraph text (`scanned`): publication-date inference and the timeline
read the same paragraphs, and only the anchor differs between them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import cast

from . import datenames as dn
from .arabic import ChunkTable
from .datenames import VOCABULARY as V
from .datenames import Phrase, Tense
from .models import DateMention

# A tense cue this far back still governs the date: a verb, its subject and a prepositional
# phrase ("وقال فلان في كلمة له ألقاها خلال مؤتمر في …") fit in ten tokens.
TENSE_WINDOW = 10
# Longest multi-word name in tokens ("كانون الأول", "الحادي والعشرين").
MAX_NAME_TOKENS = 2
# Frame words a year can carry ("منذ مطلع عام 2020" has three).
MAX_FRAME_WORDS = 3
# Paragraphs scanned and kept: an article's paragraphs and captions are read twice (publication
# date, then timeline), a few dozen texts; more would only hold texts never read again.
SCANNED_TEXTS = 256
# Space-separated chunks (mostly single words) remembered with their tokens: a working vocabulary
# of news text fits, and a chunk costs a few hundred bytes.
KNOWN_CHUNKS = 65536

_BOUNDARIES = frozenset(".!?؟؛\n")
_DASHES = frozenset("-–—")
_COMMAS = frozenset("،,")
_OFFSETS = {"past": -1, "present": 0, "future": 1}
W = V.words


class Scanner:
    """The tokens of one text and the phrase parsers over them (steps 1-4 of the module doc)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.keys, openers = _tokens(text)
        self._spans: list[tuple[int, int]] | None = None
        self.phrases = self._scan(openers) if openers else ()

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Where each token stands in the text: needed only where a phrase was found."""
        if self._spans is None:
            self._spans = dn.date_spans(self.text)
        return self._spans

    def key(self, i: int) -> str:
        return self.keys[i] if 0 <= i < len(self.keys) else ""

    def word(self, group: str, i: int) -> object:
        """The group's value for token i, with or without clitics; None when absent."""
        return _word(group, self.key(i))

    def name(self, i: int, table: str, clitics: bool = True) -> tuple[int, int] | None:
        """(value, next token) of the longest name in V.`table` starting at token i."""
        found = _name(table, clitics, self.key(i), tuple(self.keys[i + 1 : i + MAX_NAME_TOKENS]))
        return (found[0], i + found[1]) if found else None

    def _scan(self, openers: list[int]) -> tuple[Phrase, ...]:
        """The phrases in order; only a word that can open one is tried, left to right."""
        parsers = (self.calendar, self.period, self.framed_year, self.day_word, self.weekday)
        found: list[Phrase] = []
        i = 0
        for start in openers:
            if start < i:  # inside the phrase found last
                continue
            phrase = next((p for parse in parsers if (p := parse(start))), None)
            if phrase:
                found.append(phrase)
                i = phrase.last
        for n in range(len(found) - 2, -1, -1):  # "آذار ونيسان الماضيين"/"… 2024": a list
            here, after = found[n], found[n + 1]  # shares the relative word or year after it
            listed = after.first == here.last and self.key(here.last).startswith("و")
            if listed and after.unit == "calendar" and not (here.relative or here.year):
                found[n] = replace(here, relative=after.relative, year=after.year)
        return tuple(found)

    def day_prefix(self, j: int) -> tuple[int | None, int | None, int]:
        """(day, last day of a range, next token) of "12", "15-16", "15 و16", "السابع من"."""
        day = dn.day_number(self.key(j))
        if day is not None:
            link = self.key(j + 1) in _DASHES or bool(W["range_links"].get(self.key(j + 1)))
            if link and (until := dn.day_number(self.key(j + 2))):
                return day, until, j + 3
            glued = self.key(j + 1)[1:] if self.key(j + 1).startswith("و") else ""
            return (day, until, j + 2) if (until := dn.day_number(glued)) else (day, None, j + 1)
        ordinal = self.name(j, "ordinals")
        if ordinal and self.key(ordinal[1]) == "من":
            return ordinal[0], None, ordinal[1] + 1
        return None, None, j

    def month_phrase(self, j: int) -> tuple[int, bool, bool, int] | None:
        """(month, ambiguous, glossed, next) of "سبتمبر (أيلول)", "أيلول/سبتمبر", "آذار مارس"."""
        found = self.name(j, "months")
        if found is None:
            return None
        month, k = found
        rest = tuple(self.keys[j + 1 : k])
        ambiguous = any((f, *rest) in V.ambiguous_months for f in dn.unclitic(self.key(j)))
        opened = self.key(k) in ("(", "/")
        gloss = self.name(k + opened, "months", clitics=False)
        if gloss and gloss[0] == month and (self.key(k) != "(" or self.key(gloss[1]) == ")"):
            return month, ambiguous, True, gloss[1] + (self.key(k) == "(")
        return month, ambiguous, False, k

    def year_after(self, k: int) -> tuple[int | None, int]:
        j = k + (self.key(k) == "من")
        j += self.word("year_frames", j) == "noun"
        year = dn.year_number(self.key(j))
        return (year, j + 1) if year else (None, k)

    def calendar(self, i: int) -> Phrase | None:
        day, until, j = self.day_prefix(i + bool(self.word("qualifiers", i)))
        named = bool(self.word("month_words", j))
        found = self.month_phrase(j + named)
        if found is None:
            return None
        month, ambiguous, glossed, k = found
        relative = W["relative_words"].get(self.key(k))
        year, k = self.year_after(k + bool(relative))
        if ambiguous and not (day or glossed or relative or year or named):
            return None
        if year is None and self.word("no_year_blockers", i - 1):
            return Phrase(i, k, "name")  # "قوى 14 آذار": consumed, never dated
        return Phrase(i, k, "calendar", year, month, day, until, relative=relative)

    def period(self, i: int) -> Phrase | None:
        day, _, j = self.day_prefix(i + bool(self.word("qualifiers", i)))
        this = bool(W["this_words"].get(self.key(j)))
        unit = self.word("period_nouns", j + this)
        relative = "present" if this else W["relative_words"].get(self.key(j + 1))
        if not isinstance(unit, str) or not relative or (unit == "year" and day):
            return None
        if unit == "year" and self.word("year_adjective_heads", j - 1):
            return None  # "الأمين العام السابق"
        year, k = self.year_after(j + 2) if unit == "year" else (None, j + 2)
        return Phrase(i, k, unit, year, day=day, offset=_OFFSETS[relative], relative=relative)

    def framed_year(self, i: int) -> Phrase | None:
        kinds: list[object] = []
        while len(kinds) < MAX_FRAME_WORDS:
            at = i + len(kinds)
            kind = self.word("year_frames", at) or (self.word("qualifiers", at) and "qualifier")
            if not kind or (kind == "since" and kinds):
                break
            kinds.append(kind)
        j = i + len(kinds)
        year = dn.year_number(self.key(j))
        if not kinds or year is None:
            return None
        first = i + (kinds[0] in ("since", "until"))  # a preposition stays outside the date
        glued = self.key(j + 1)[1:] if self.key(j + 1).startswith("و") else ""
        if "dual" in kinds and (until := dn.year_number(glued)):
            return Phrase(first, j + 2, "year", year, until_year=until)
        return Phrase(first, j + 1, "year", year)

    def day_word(self, i: int) -> Phrase | None:
        j = i + bool(self.word("day_parts", i))
        offset, k = self.word("day_words", j), j + 1
        if type(offset) is not int:
            return None
        bracketed = self.key(k) == "(" and self.key(k + 2) == ")"
        weekday = V.weekdays.get(self.key(k + bracketed))
        k += 0 if weekday is None else 1 + 2 * bracketed
        if weekday is None and offset == 0 and j == i:  # a bare اليوم also means "nowadays"
            return None
        return Phrase(i, k, "day", offset=offset, weekday=weekday)

    def weekday(self, i: int) -> Phrase | None:
        j = i + bool(self.word("weekday_frames", i))
        form = next((f for f in dn.unclitic(self.key(j)) if f in V.weekdays), None)
        if form is None or self.word("weekday_blockers", i - 1):
            return None
        relative = W["relative_words"].get(self.key(j + 1))
        around = (self.key(j - 1), self.key(j + 1))
        framed = j > i or relative or around == ("(", ")") or set(around) <= _COMMAS
        if W["ambiguous_weekdays"].get(form) and not framed:
            return None
        weekday = V.weekdays[form]
        return Phrase(i, j + 1 + bool(relative), "weekday", weekday=weekday, relative=relative)

    def tense(self, phrase: Phrase) -> tuple[Tense, str]:
        """(tense, what decided it: "relative", "since", "cue" or "none")."""
        if phrase.relative:
            return cast(Tense, phrase.relative), "relative"
        if self.word("year_frames", phrase.first - 1) == "since":
            return "past", "since"
        for j in range(phrase.first - 1, max(phrase.first - 1 - TENSE_WINDOW, -1), -1):
            if self.keys[j] in _BOUNDARIES:
                break
            if isinstance(cue := self.word("tense_cues", j), str):
                return cast(Tense, cue), "cue"
        return "unknown", "none"

    def groups(self) -> Iterator[tuple[Phrase, ...]]:
        """The phrases, "بين A وB" / "من A إلى B" paired (A may borrow B's year)."""
        found, n = self.phrases, 0
        while n < len(found):
            here, after = found[n], found[n + 1] if n + 1 < len(found) else found[n]
            gap = self.keys[here.last : after.first]
            linked = (not gap and self.key(here.last).startswith("و")) or (
                len(gap) == 1 and (gap[0] in _DASHES or self.word("range_links", here.last))
            )
            paired = after is not here and linked and self.word("range_starts", here.first - 1)
            if paired and here.unit == "calendar" and not (here.year or here.relative):
                here = replace(here, year=after.year)
            yield (here, after) if paired else (here,)
            n += 2 if paired else 1

    def mentions(self, anchor: dn.Anchor | None) -> Iterator[tuple[DateMention, str]]:
        for group in self.groups():
            tense, how = self.tense(group[0])
            values = [dn.resolve(phrase, anchor, tense) for phrase in group]
            points = [v for v in values if v is not None and (v[1] != "range" or len(group) == 1)]
            if len(points) != len(group):
                continue
            value, precision = points[0]
            if len(points) == 2:
                value, precision = f"{points[0][0]}/{points[1][0]}", "range"
            start, end = self.spans[group[0].first][0], self.spans[group[-1].last - 1][1]
            yield DateMention(start, end, self.text[start:end], value, precision, tense), how


def _tokens(text: str) -> tuple[list[str], list[int]]:
    """The keys of a text's tokens (as `datenames.date_keys`) and the indices of those that can
    open a phrase. No token holds a space, so the text is read space-separated chunk by chunk,
    and a chunk, mostly one word repeated across articles, is tokenized once."""
    keys: list[str] = []
    openers: list[int] = []
    for chunk in text.split(" "):
        chunk_keys, chunk_openers = _CHUNKS[chunk]
        if chunk_openers:
            openers += [len(keys) + n for n in chunk_openers]
        keys += chunk_keys
    return keys, openers


def _chunk(chunk: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    keys = tuple(dn.date_keys(chunk))
    return keys, tuple(n for n, key in enumerate(keys) if _opens(key))


_CHUNKS = ChunkTable(_chunk)


def _opens(key: str) -> bool:
    """Whether a phrase can begin at a token with this key: a number or a starter word."""
    return key[:1].isdigit() or not V.starters.isdisjoint(dn.unclitic(key))


@lru_cache(maxsize=SCANNED_TEXTS)
def scanned(text: str) -> Scanner:
    """The scanner of a text, shared by every reader of it (it is never changed once built)."""
    return Scanner(text)


@lru_cache(maxsize=KNOWN_CHUNKS)
def _word(group: str, key: str) -> object:
    return next((W[group][f] for f in dn.unclitic(key) if f in W[group]), None)


@lru_cache(maxsize=KNOWN_CHUNKS)
def _name(table: str, clitics: bool, key: str, rest: tuple[str, ...]) -> tuple[int, int] | None:
    """(value, words) of the longest name of a table starting with `key`, `rest` following."""
    names = getattr(V, table)
    for size in range(MAX_NAME_TOKENS, 0, -1):
        for first in dn.unclitic(key) if clitics else (key,):
            if len(rest) >= size - 1 and (value := names.get((first, *rest[: size - 1]))):
                return value, size
    return None
