"""Topic timelines: the dated events articles report, merged across articles.

Steps: (1) collect each article's events (enrich found them in its own text, dated by the text
around them, never by the publication date); (2) bucket them by date value so only events of the
same date are compared; (3) within a bucket, fold events whose clauses share most words into one
event that keeps every source; (4) order oldest first, as a timeline reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .arabic import bare, tokens
from .models import Article, TimelineEvent

# Share of the shorter clause's words that two clauses of one date must share to be one event.
# Two reports of one announcement reuse its key words; two events of one day rarely share half.
SAME_EVENT_OVERLAP = 0.5
# Function words carry no identity; three letters is the shortest content root.
_MIN_WORD_LENGTH = 3


@dataclass(frozen=True, slots=True)
class Sourced:
    """One event of a timeline with the articles (and lines) that report it."""

    event: TimelineEvent
    sources: tuple[tuple[Article, int], ...]


def _words(text: str) -> frozenset[str]:
    return frozenset(bare(t) for t in tokens(text) if len(t) >= _MIN_WORD_LENGTH)


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) / smaller >= SAME_EVENT_OVERLAP


def merge_events(articles: tuple[Article, ...] | list[Article]) -> list[Sourced]:
    """The timeline of these articles (see the module docstring)."""
    buckets: dict[str, list[tuple[TimelineEvent, Article]]] = defaultdict(list)
    for article in articles:
        for event in article.events:
            buckets[event.value].append((event, article))
    timeline: list[Sourced] = []
    for value in sorted(buckets):
        groups: list[tuple[frozenset[str], TimelineEvent, list[tuple[Article, int]]]] = []
        for event, article in sorted(buckets[value], key=lambda item: (item[1].id, item[0].line)):
            words = _words(event.text)
            match = next((g for g in groups if _same(g[0], words)), None)
            if match is None:
                groups.append((words, event, [(article, event.line)]))
            elif all(a.id != article.id for a, _ in match[2]):
                match[2].append((article, event.line))
        timeline += [Sourced(event, tuple(sources)) for _, event, sources in groups]
    return timeline
