"""Dates in Arabic news text: find them, date an article from its own text, list dated events.

Reading a text (`find_dates`):
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
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import cast

from . import datenames as dn
from .arabic import tokens
from .datenames import VOCABULARY as V
from .datenames import Phrase, Tense, format_date, month_name
from .models import ArticleDate, DateMention, Precision, TimelineEvent

__all__ = ["find_dates", "format_date", "infer_publication_date", "month_name", "timeline_events"]

# A tense cue this far back still governs the date: a verb, its subject and a prepositional
# phrase ("وقال فلان في كلمة له ألقاها خلال مؤتمر في …") fit in ten tokens.
TENSE_WINDOW = 10
# Longest multi-word name in tokens ("كانون الأول", "الحادي والعشرين").
MAX_NAME_TOKENS = 2
# Frame words a year can carry ("منذ مطلع عام 2020" has three).
MAX_FRAME_WORDS = 3
# Two clauses of one date sharing this share of the shorter one's words report one event.
DUPLICATE_OVERLAP = 0.8

_BOUNDARIES = frozenset(".!?؟؛\n")
_DASHES = frozenset("-–—")
_COMMAS = frozenset("،,")
_OFFSETS = {"past": -1, "present": 0, "future": 1}
W = V.words


class _Scanner:
    """The tokens of one text and the phrase parsers over them (steps 1-4 of the module doc)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans, self.keys = dn.date_tokens(text)

    def key(self, i: int) -> str:
        return self.keys[i] if 0 <= i < len(self.keys) else ""

    def word(self, group: str, i: int) -> object:
        """The group's value for token i, with or without clitics; None when absent."""
        return next((W[group][f] for f in dn.unclitic(self.key(i)) if f in W[group]), None)

    def name(self, i: int, table: object, clitics: bool = True) -> tuple[int, int] | None:
        """(value, next token) of the longest name in `table` starting at token i."""
        for size in range(MAX_NAME_TOKENS, 0, -1):
            rest = tuple(self.keys[i + 1 : i + size])
            for first in dn.unclitic(self.key(i)) if clitics else (self.key(i),):
                if len(rest) == size - 1 and (value := table.get((first, *rest))):  # type: ignore[attr-defined]
                    return value, i + size
        return None

    def scan(self) -> list[Phrase]:
        """The phrases in order; most words cannot open one and are skipped cheaply."""
        parsers = (self.calendar, self.period, self.framed_year, self.day_word, self.weekday)
        found: list[Phrase] = []
        i = 0
        while i < len(self.keys):
            opens = self.keys[i][:1].isdigit() or V.starters.intersection(dn.unclitic(self.keys[i]))
            phrase = next((p for parse in parsers if (p := parse(i))), None) if opens else None
            found += [phrase] if phrase else []
            i = phrase.last if phrase else i + 1
        for n in range(len(found) - 2, -1, -1):  # "آذار ونيسان الماضيين"/"… 2024": a list
            here, after = found[n], found[n + 1]  # shares the relative word or year after it
            listed = after.first == here.last and self.key(here.last).startswith("و")
            if listed and after.unit == "calendar" and not (here.relative or here.year):
                found[n] = replace(here, relative=after.relative, year=after.year)
        return found

    def day_prefix(self, j: int) -> tuple[int | None, int | None, int]:
        """(day, last day of a range, next token) of "12", "15-16", "15 و16", "السابع من"."""
        day = dn.day_number(self.key(j))
        if day is not None:
            link = self.key(j + 1) in _DASHES or bool(W["range_links"].get(self.key(j + 1)))
            if link and (until := dn.day_number(self.key(j + 2))):
                return day, until, j + 3
            glued = self.key(j + 1)[1:] if self.key(j + 1).startswith("و") else ""
            return (day, until, j + 2) if (until := dn.day_number(glued)) else (day, None, j + 1)
        ordinal = self.name(j, V.ordinals)
        if ordinal and self.key(ordinal[1]) == "من":
            return ordinal[0], None, ordinal[1] + 1
        return None, None, j

    def month_phrase(self, j: int) -> tuple[int, bool, bool, int] | None:
        """(month, ambiguous, glossed, next) of "سبتمبر (أيلول)", "أيلول/سبتمبر", "آذار مارس"."""
        found = self.name(j, V.months)
        if found is None:
            return None
        month, k = found
        rest = tuple(self.keys[j + 1 : k])
        ambiguous = any((f, *rest) in V.ambiguous_months for f in dn.unclitic(self.key(j)))
        opened = self.key(k) in ("(", "/")
        gloss = self.name(k + opened, V.months, clitics=False)
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
        found, n = self.scan(), 0
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


def find_dates(text: str, anchor: str | None = None) -> list[DateMention]:
    """Every date expression of `text` in order (steps in the module docstring).

    `anchor`: an ISO day, month, year or range (the publication date when known). Explicit dates
    are always returned; relative and yearless ones (a day and month, no year) only when the
    anchor fixes them; weekdays and أمس/اليوم, though recognised, only with an anchor day. The
    clock is never read. Raises ValueError for a malformed anchor.
    """
    return [mention for mention, _ in _Scanner(text).mentions(dn.parse_anchor(anchor))]


# --- publication date --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Evidence:
    phrase: Phrase
    shown: str  # as written, quoted, marked when from a caption
    tense: str
    how: str
    value: tuple[str, Precision] | None  # explicit ISO value (no anchor)
    pins: str | None = None  # the publication day, when اليوم/أمس stands beside a full date


def _evidence(texts: Sequence[str], caption: bool) -> list[_Evidence]:
    found: list[_Evidence] = []
    for text in texts:
        scanner = _Scanner(text)
        phrases = scanner.scan()
        for n, phrase in enumerate(phrases):
            after = phrases[min(n + 1, len(phrases) - 1)]  # the last phrase has none after it
            tense, how = scanner.tense(phrase)
            tense = "past" if caption and tense == "unknown" else tense  # a photo shows the past
            start, end = scanner.spans[phrase.first][0], scanner.spans[phrase.last - 1][1]
            value = dn.resolve(phrase, None, tense)
            beside = phrase.unit == "day" and after.day and 0 <= after.first - phrase.last <= 1
            day = dn.resolve(after, None, tense) if beside else None
            pins = day and day[1] == "day" and date.fromisoformat(day[0]) - timedelta(phrase.offset)
            pin = pins.isoformat() if pins else None
            shown = f"'{text[start:end]}'" + (" (caption)" if caption else "")
            found.append(_Evidence(phrase, shown, tense, how, value, pin))
    return found


def _implied_year(evidence: list[_Evidence]) -> tuple[int, _Evidence] | None:
    """ "العام الماضي 2023" says the article was written in 2024."""
    for item in evidence:
        if item.phrase.unit == "year" and item.phrase.relative and item.phrase.year:
            return item.phrase.year - item.phrase.offset, item
    return None


def _current_year(current: _Evidence, evidence: list[_Evidence]) -> tuple[int, str] | None:
    """The year of a current-month word: written with it, with that month elsewhere, or implied."""
    if current.phrase.year:
        return current.phrase.year, "written with it"
    month = current.phrase.month
    same = [e for e in evidence if e.phrase.month == month and e.phrase.year]
    same = [e for e in same if e.tense != "future"]
    if latest := max(same, key=lambda e: e.phrase.year or 0, default=None):
        return latest.phrase.year or 0, f"from {latest.shown}"
    implied = _implied_year(evidence)
    return (implied[0], f"from {implied[1].shown}") if implied else None


def _bounds(evidence: list[_Evidence]) -> tuple[_Evidence | None, _Evidence | None]:
    """(latest date the article is not before, earliest announced date it is not after)."""
    spans = {id(e): dn.iso_interval(e.value[0]) for e in evidence if e.value}
    future = [e for e in evidence if e.value and e.tense == "future"]
    upper = min(future, key=lambda e: spans[id(e)][0], default=None)
    limit = spans[id(upper)][0] if upper else date.max
    firm = [e for e in evidence if e.value and e.tense in ("past", "present")]
    firm += [e for e in evidence if e.value and e.tense == "unknown" and spans[id(e)][1] <= limit]
    lower = max(firm, key=lambda e: spans[id(e)][1], default=None)
    return lower, upper if lower and spans[id(lower)][1] < limit else None


def _from_bounds(evidence: list[_Evidence], current: _Evidence | None) -> ArticleDate | None:
    """A dated event gives the month; a year or منذ bound with an announced date, a range."""
    lower, upper = _bounds(evidence)
    if lower is None or lower.value is None:
        return None
    end = dn.iso_interval(lower.value[0])[1]
    note = f"; current month {current.shown}" if current else ""
    if lower.value[1] != "year" and lower.how != "since":
        month = current.phrase.month if current and current.phrase.month else end.month
        basis = f"latest dated event {lower.shown}; published on or after it{note}"
        return ArticleDate(f"{end.year + (month < end.month):04d}-{month:02d}", "month", basis)
    if upper is None or upper.value is None:
        return None
    low, high = lower.value[0].rpartition("/")[2], upper.value[0].partition("/")[0]
    basis = f"after {lower.shown}, before announced {upper.shown}{note}"
    return ArticleDate(f"{low}/{high}", "range", basis)


def infer_publication_date(
    paragraphs: Sequence[str], captions: Sequence[str] = ()
) -> ArticleDate | None:
    """The article's publication date from its own text, only as precise as the text allows.

    Steps (the first that applies wins):
    1. اليوم (or أمس) written beside a full date pins the day.
    2. A current-month word ("ديسمبر الجاري", "12 كانون الأول الحالي") gives the month; its year
       is the one written with it, else the latest year written with that same month in a
       mention not announced for the future, else the year "العام الماضي 2023" implies.
    3. "العام الماضي 2023" (or الحالي, المقبل with a year) gives the year.
    4. The latest dated event (a day or month, not after منذ; captions count, as past) gives its
       month, or with step 2's month (year unknown) the first such month not before it.
    5. A lower bound that is only a year or a منذ date, with an announced date after it, gives
       the range between the two.
    6. Else None. Announced future dates never date an article; a date of unknown tense later
       than an announced one is no bound.
    """
    evidence = _evidence(paragraphs, False) + _evidence(captions, True)
    pinned = next((e for e in evidence if e.pins), None)
    if pinned and pinned.pins:
        return ArticleDate(pinned.pins, "day", f"{pinned.shown} beside a full date")
    current = next((e for e in evidence if e.phrase.relative == "present" and e.phrase.month), None)
    year = _current_year(current, evidence) if current else None
    if current and current.phrase.month and year:
        basis = f"current month {current.shown}, year {year[1]}"
        return ArticleDate(f"{year[0]:04d}-{current.phrase.month:02d}", "month", basis)
    if implied := _implied_year(evidence):
        return ArticleDate(str(implied[0]), "year", f"{implied[1].shown} names another year")
    return _from_bounds(evidence, current)


# --- timeline ----------------------------------------------------------------------------------
def _repeats(event: TimelineEvent, kept: list[TimelineEvent]) -> bool:
    words = set(tokens(event.text))
    for other in (k for k in kept if k.value == event.value):
        theirs = set(tokens(other.text))
        if len(words & theirs) >= DUPLICATE_OVERLAP * max(1, min(len(words), len(theirs))):
            return True
    return False


def timeline_events(
    paragraphs: Sequence[tuple[int, str]], anchor: str | None = None
) -> list[TimelineEvent]:
    """The dated happenings the paragraphs report, in text order.

    Steps: 1. find each paragraph's dates, relative ones resolved against `anchor` (the words
    date an event; the anchor only completes "الجاري", "الماضي", "اليوم" …); 2. keep days,
    months and ranges of them, and years only when a verb cue dates the event ("أنشئ … في عام
    2014"), not "منذ عام 2022" or a bare "عام 2017"; 3. take the sentence around the date,
    narrowed to whole clauses of at most MAX_EVENT_WORDS; 4. drop an event of the same date whose
    words mostly repeat an earlier one.
    """
    point = dn.parse_anchor(anchor)
    events: list[TimelineEvent] = []
    for line, text in paragraphs:
        for mention, how in _Scanner(text).mentions(point):
            coarse = mention.precision == "year" or len(mention.value) == len("2014/2017")
            if coarse and how != "cue":
                continue
            clause = dn.event_clause(text, mention.start, mention.end)
            event = TimelineEvent(mention.value, mention.precision, clause, line)
            if not _repeats(event, events):
                events.append(event)
    return events
