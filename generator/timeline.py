"""Topic timelines: the dated events articles report, merged across articles.

Steps: (1) collect each article's events (enrich found them in its own text, dated by the text
around them, never by the publication date); (2) bucket them by date value so only events of the
same date are compared; (3) within a bucket, fold events whose clauses share most words into one
event that keeps every source; (4) order oldest first, as a timeline reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .arabic import content_words
from .models import Article, TimelineEvent

# Share of the shorter clause's words that two clauses of one date must share to be one event.
# Two reports of one announcement reuse its key words; two events of one day rarely share half.
SAME_EVENT_OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class Sourced:
    """One event of a timeline with the articles (and lines) that report it."""

    event: TimelineEvent
    sources: tuple[tuple[Article, int], ...]


# Event clauses remembered with their words: an article filed under several topics is read once
# per topic timeline.
KNOWN_CLAUSES = 65536


_words = lru_cache(maxsize=KNOWN_CLAUSES)(content_words)


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
        timeline += _merge_bucket(sorted(buckets[value], key=lambda i: (i[1].id, i[0].line)))
    return timeline


@dataclass(slots=True)
class _Group:
    words: frozenset[str]  # of the event that opened the group
    event: TimelineEvent
    sources: list[tuple[Article, int]]
    articles: set[str]  # ids of the articles among the sources


def _merge_bucket(events: list[tuple[TimelineEvent, Article]]) -> list[Sourced]:
    """Events of one date folded into the first earlier group they share most words with.

    Only groups sharing a word can match, so they are found through an index of the groups'
    words; and an event whose words were seen before matches the group they matched then (the
    groups before it did not match those words, and a group's words never change).
    """
    groups: list[_Group] = []
    by_word: dict[str, list[int]] = defaultdict(list)
    matched: dict[frozenset[str], int] = {}
    for event, article in events:
        words = _words(event.text)
        found = matched.get(words)
        if found is None:
            candidates = sorted(set().union(*(by_word.get(w, ()) for w in words)))
            found = next((g for g in candidates if _same(groups[g].words, words)), None)
        if found is None:
            found = len(groups)
            groups.append(_Group(words, event, [(article, event.line)], {article.id}))
            for word in words:
                by_word[word].append(found)
        elif article.id not in groups[found].articles:
            groups[found].sources.append((article, event.line))
            groups[found].articles.add(article.id)
        if words:  # an event with no words matches nothing, not even itself
            matched[words] = found
    return [Sourced(g.event, tuple(g.sources)) for g in groups]
