"""Link stage: teasers to the articles they announce, and related articles.

Cross-links must never point to a story a teaser does not announce, so a teaser links when:
1. its headline is a near-duplicate of an article's title, or its summary of the article's lead;
2. or (a story re-titled between the teaser and the full article) its photo caption is the
   article's caption AND the article's title and lead hold a good share of the teaser headline's
   words. A caption alone proves nothing: stock photos are reused for unrelated stories.
Two full articles are versions of one story when their leads are near-duplicates. Every lookup
goes through an inverted index, so the cost grows with the corpus, not with its square.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace

from .arabic import bare, tokens
from .models import Article, Teaser

# Share of the teaser headline's distinct words that the article title must also hold. Two
# headlines of one story share most words; unrelated headlines on one topic rarely pass half.
HEADLINE_OVERLAP = 0.7
# The same for a teaser summary against the article's lead paragraph, used when the headline was
# rewritten (a story re-titled between the teaser and the full article).
SUMMARY_OVERLAP = 0.6
# Share of a teaser caption's words an article caption must hold to count as the same photo.
SAME_CAPTION = 0.8
# With the same photo, the share of the teaser headline's words that the article's title and lead
# must hold: a re-titled story keeps its key words ("threats", "guards", "prisoners").
STORY_SUPPORT = 0.4
# Share of one lead's words another lead must hold for two full articles to be one story.
SAME_LEAD = 0.6
# Words too common in this press to say anything about which story a headline is.
_MIN_WORD_LENGTH = 3
# How many related articles a page lists; more is a list nobody reads.
RELATED_LIMIT = 5
# A shared topic says more than a shared actor: topics are few and chosen, actors many.
TOPIC_WEIGHT = 3
# An actor named in more than this share of articles (and more than the floor) is background
# (العراق, داعش in this corpus): sharing it says nothing, and its article list is too long to scan.
COMMON_ACTOR_SHARE = 0.2
COMMON_ACTOR_FLOOR = 20
# Versions listed on a page; a wire story reprinted everywhere would otherwise list them all.
VERSIONS_LIMIT = 10
# A lead this short ("قال الوزير.") says too little to call two articles one story.
_MIN_LEAD_WORDS = 8


def _words(text: str) -> frozenset[str]:
    return frozenset(bare(t) for t in tokens(text) if len(t) >= _MIN_WORD_LENGTH)


class _Index:
    """Articles findable by the words of their title and lead."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.titles = [_words(a.title) for a in articles]
        self.leads = [_words(a.body[0] if a.body else "") for a in articles]
        self.stories = [t | lead for t, lead in zip(self.titles, self.leads, strict=True)]
        self.captions = [_words(" ".join(a.lead_captions)) for a in articles]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for position, words in enumerate(self.stories):
            for word in words | self.captions[position]:
                self.postings[word].append(position)

    def above(self, words: frozenset[str], side: list[frozenset[str]], floor: float) -> list[int]:
        """Articles whose `side` words cover at least `floor` of `words`, best first.

        A match must hold `need` of the words, so it holds at least one of the
        len(words) - need + 1 rarest ones: only their postings are candidates (pigeonhole),
        which keeps common words from making every article a candidate.
        """
        if not words:
            return []
        need = math.ceil(floor * len(words))
        rarest = sorted(words, key=lambda w: (len(self.postings.get(w, ())), w))
        candidates = {p for w in rarest[: len(words) - need + 1] for p in self.postings.get(w, ())}
        scored = sorted(((len(words & side[p]), -p) for p in candidates), reverse=True)
        return [-p for shared, p in scored if shared >= need]

    def best(self, words: frozenset[str], side: list[frozenset[str]], floor: float) -> int | None:
        found = self.above(words, side, floor)
        return found[0] if found else None


def link_teaser(teaser: Teaser, index: _Index, own_id: str) -> str | None:
    """The id of the held article this teaser announces, or None."""
    headline = _words(teaser.headline)
    position = index.best(headline, index.titles, HEADLINE_OVERLAP)
    if position is None and teaser.summary:
        position = index.best(_words(teaser.summary), index.leads, SUMMARY_OVERLAP)
    if position is None and teaser.caption:
        same_photo = index.above(_words(teaser.caption), index.captions, SAME_CAPTION)
        supported = set(index.above(headline, index.stories, STORY_SUPPORT))
        position = next((p for p in same_photo if p in supported), None)
    if position is None or index.articles[position].id == own_id:
        return None
    return index.articles[position].id


@dataclass(frozen=True, slots=True)
class _Neighbourhood:
    """What `related` looks up: topic groups (newest first) and articles by actor."""

    groups: dict[frozenset[str], list[Article]]
    by_actor: dict[str, list[Article]]
    common: frozenset[str]  # actors in so many articles that sharing them says nothing


def _neighbourhood(articles: list[Article]) -> _Neighbourhood:
    newest = sorted(articles, key=lambda a: (a.date_key, a.id), reverse=True)
    groups: dict[frozenset[str], list[Article]] = defaultdict(list)
    by_actor: dict[str, list[Article]] = defaultdict(list)
    for article in newest:
        if article.topics:
            groups[frozenset(article.topics)].append(article)
        for actor in sorted({m.actor for m in article.mentions}):
            by_actor[actor].append(article)
    ceiling = max(COMMON_ACTOR_FLOOR, COMMON_ACTOR_SHARE * len(articles))
    common = frozenset(a for a, members in by_actor.items() if len(members) > ceiling)
    return _Neighbourhood(dict(groups), dict(by_actor), common)


def related(article: Article, around: _Neighbourhood) -> tuple[str, ...]:
    """Articles that share topics and actors with this one, best first, then newest first.

    Score: TOPIC_WEIGHT per shared topic plus one per shared actor, actors that most articles
    mention left out. Candidates come from the head of each topic group and from the articles of
    each (uncommon) actor, never from a scan of the whole corpus.
    """
    mine = frozenset(article.topics)
    score: dict[str, float] = defaultdict(float)
    known: dict[str, Article] = {}
    for topics, members in around.groups.items():
        shared = len(mine & topics)
        for other in members[: RELATED_LIMIT + 1] if shared else ():
            score[other.id] += TOPIC_WEIGHT * shared
            known[other.id] = other
    for actor in sorted({m.actor for m in article.mentions} - around.common):
        for other in around.by_actor.get(actor, ()):
            score[other.id] += 1
            known[other.id] = other
    score.pop(article.id, None)
    ranked = sorted(score, key=lambda i: (score[i], known[i].date_key, i), reverse=True)
    return tuple(ranked[:RELATED_LIMIT])


def versions(index: _Index, position: int) -> tuple[str, ...]:
    """Other full articles telling the same story (near-duplicate leads), by id."""
    lead = index.leads[position]
    if len(lead) < _MIN_LEAD_WORDS:
        return ()
    found = index.above(lead, index.leads, SAME_LEAD)
    return tuple(sorted(index.articles[p].id for p in found if p != position)[:VERSIONS_LIMIT])


def link(articles: list[Article]) -> list[Article]:
    index, around = _Index(articles), _neighbourhood(articles)
    linked = []
    for position, article in enumerate(articles):
        teasers = tuple(
            replace(t, article=link_teaser(t, index, article.id)) for t in article.teasers
        )
        linked.append(
            replace(
                article,
                teasers=teasers,
                related=related(article, around),
                versions=versions(index, position),
            )
        )
    return _with_other_headlines(linked)


def _with_other_headlines(articles: list[Article]) -> list[Article]:
    """Each article learns the other headlines its story was announced under (by teasers)."""
    headlines: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for teaser in article.teasers:
            if teaser.article:
                headlines[teaser.article].add(teaser.headline)
    return [
        replace(
            a, also_titled=tuple(sorted(h for h in headlines[a.id] if tokens(h) != tokens(a.title)))
        )
        if headlines.get(a.id)
        else a
        for a in articles
    ]
