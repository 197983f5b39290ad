"""Dates in Arabic news text: find them, date an article from its own text, list dated events.

Reading a text (`find_dates`): datescan.py tokenizes, finds the calendar phrases, relative
periods, framed years, day words and weekdays, applies the trap rules and the tense cues (its
docstring lists the steps); this module resolves each phrase against the anchor
(`datenames.resolve`), and what the anchor cannot fix is not returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from . import datenames as dn
from .arabic import tokens
from .datenames import Phrase, format_date, month_name
from .datescan import Scanner, scanned
from .models import ArticleDate, DateMention, Precision, TimelineEvent

__all__ = ["find_dates", "format_date", "infer_publication_date", "month_name", "timeline_events"]

# Two clauses of one date sharing this share of the shorter one's words report one event.
DUPLICATE_OVERLAP = 0.8


def find_dates(text: str, anchor: str | None = None) -> list[DateMention]:
    """Every date expression of `text` in order (steps in the module docstring).

    `anchor`: an ISO day, month, year or range (the publication date when known). Explicit dates
    are always returned; relative and yearless ones (a day and month, no year) only when the
    anchor fixes them; weekdays and أمس/اليوم, though recognised, only with an anchor day. The
    clock is never read. Raises ValueError for a malformed anchor.
    """
    return [mention for mention, _ in Scanner(text).mentions(dn.parse_anchor(anchor))]


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
        scanner = scanned(text)
        phrases = scanner.phrases
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
        for mention, how in scanned(text).mentions(point):
            coarse = mention.precision == "year" or len(mention.value) == len("2014/2017")
            if coarse and how != "cue":
                continue
            clause = dn.event_clause(text, mention.start, mention.end)
            event = TimelineEvent(mention.value, mention.precision, clause, line)
            if not _repeats(event, events):
                events.append(event)
    return events
