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

import bisect
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, replace

from . import bitsets
from .arabic import content_words, tokens
from .forked import CORES, ForkedMap
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
# An actor named in more articles than this is looked up as a bitset of its articles: scoring
# its articles one by one in Python costs more than a few bitset operations over the corpus.
BITSET_ARTICLES = 32
# Candidate articles checked one by one when looking for versions of a story; beyond that, the
# lead's words are counted as bitsets (a few operations over the whole corpus per word).
SCANNED_CANDIDATES = 256
# Articles are linked on both cores from this many on, where the workers start to pay for their
# start and for the index and neighbourhood built before them, here: at 1,000 synthetic articles
# both ways took 0.21-0.22 s, at 10,000 forked workers took 2.5 s against 3.4 s (measured).
PARALLEL_MIN_ARTICLES = 1000
# Articles handed to a worker at a time: enough to amortize sending the results back.
PARALLEL_CHUNK = 250
WORKERS = CORES


class _Index:
    """Articles findable by the words of their title and lead.

    Lookups are remembered by their words: a wire story reprinted in many papers asks the same
    question once per copy, and each answer costs a scan of its words' postings.
    """

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.titles = [content_words(a.title) for a in articles]
        self.leads = [content_words(a.body[0] if a.body else "") for a in articles]
        self.stories = [t | lead for t, lead in zip(self.titles, self.leads, strict=True)]
        self.captions = [content_words(" ".join(a.lead_captions)) for a in articles]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for position, words in enumerate(self.stories):
            for word in words | self.captions[position]:
                self.postings[word].append(position)
        self.lead_postings: dict[str, list[int]] = defaultdict(list)
        for position, words in enumerate(self.leads):
            for word in words:
                self.lead_postings[word].append(position)
        self._found: dict[tuple[frozenset[str], int, float], tuple[int, ...]] = {}
        self._same_lead: dict[frozenset[str], list[tuple[str, int]]] = {}
        self._lead_bits: dict[str, int] = {}

    def above(
        self, words: frozenset[str], side: list[frozenset[str]], floor: float
    ) -> tuple[int, ...]:
        """Articles whose `side` words cover at least `floor` of `words`, best first."""
        key = (words, id(side), floor)  # `side` is one of this index's own lists
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._above(words, side, floor)
        return found

    def _above(
        self, words: frozenset[str], side: list[frozenset[str]], floor: float
    ) -> tuple[int, ...]:
        """`above`, computed. A match must hold `need` of the words, so it holds at least one of
        the len(words) - need + 1 rarest ones: only their postings are candidates (pigeonhole),
        which keeps common words from making every article a candidate.
        """
        if not words:
            return ()
        need = math.ceil(floor * len(words))
        rarest = sorted(words, key=lambda w: (len(self.postings.get(w, ())), w))
        postings = [self.postings.get(w, ()) for w in rarest[: len(words) - need + 1]]
        candidates = sorted(set().union(*postings))
        shared = map(len, map(words.intersection, map(side.__getitem__, candidates)))
        matches = [(count, p) for count, p in zip(shared, candidates, strict=True) if count >= need]
        matches.sort(key=lambda match: -match[0])  # stable: the lowest position first on a tie
        return tuple(p for _, p in matches)

    def best(self, words: frozenset[str], side: list[frozenset[str]], floor: float) -> int | None:
        found = self.above(words, side, floor)
        return found[0] if found else None

    def same_lead(self, position: int) -> list[tuple[str, int]]:
        """(id, position) of the articles whose lead is a near-duplicate of this one's, by id."""
        lead = self.leads[position]
        found = self._same_lead.get(lead)
        if found is None:
            matches = self._same_words(lead, SAME_LEAD)
            found = self._same_lead[lead] = sorted((self.articles[p].id, p) for p in matches)
        return found

    def _same_words(self, lead: frozenset[str], floor: float) -> list[int] | tuple[int, ...]:
        """Articles whose lead holds at least `floor` of these words, in no particular order.

        When the rarest words' postings are short, through `above`; else (a paragraph reprinted
        in many articles) by counting every word's articles as bitsets, whose cost does not
        depend on how many articles hold a word.
        """
        need = math.ceil(floor * len(lead))
        sizes = sorted(len(self.lead_postings[w]) for w in lead)
        if sum(sizes[: len(lead) - need + 1]) <= SCANNED_CANDIDATES:
            return self.above(lead, self.leads, floor)
        return bitsets.members(bitsets.at_least([self._lead_bitset(w) for w in lead], need))

    def _lead_bitset(self, word: str) -> int:
        """The articles whose lead holds this word; kept only for words in many leads."""
        known = self._lead_bits.get(word)
        if known is None:
            known = bitsets.from_positions(self.lead_postings[word], len(self.leads))
            if len(self.lead_postings[word]) > BITSET_ARTICLES:
                self._lead_bits[word] = known
        return known


def link_teaser(teaser: Teaser, index: _Index, own_id: str) -> str | None:
    """The id of the held article this teaser announces, or None."""
    headline = content_words(teaser.headline)
    position = index.best(headline, index.titles, HEADLINE_OVERLAP)
    if position is None and teaser.summary:
        position = index.best(content_words(teaser.summary), index.leads, SUMMARY_OVERLAP)
    if position is None and teaser.caption:
        same_photo = index.above(content_words(teaser.caption), index.captions, SAME_CAPTION)
        supported = set(index.above(headline, index.stories, STORY_SUPPORT))
        position = next((p for p in same_photo if p in supported), None)
    if position is None or index.articles[position].id == own_id:
        return None
    return index.articles[position].id


@dataclass(frozen=True, slots=True)
class _Neighbourhood:
    """What `related` looks up, articles by position newest first: the articles of each topic
    set, the topics and actors of each article, and the articles of each (uncommon) actor."""

    newest: list[Article]
    position: dict[str, int]  # article id -> position in `newest`
    by_topics: dict[frozenset[str], list[int]]  # topic set -> its articles' positions, ascending
    topics: list[frozenset[str]]  # the topics of each article
    actors: list[frozenset[str]]  # the actors of each article
    few: dict[str, list[int]]  # an actor of at most BITSET_ARTICLES articles -> their positions
    many: dict[str, int]  # an actor of more (uncommon still) -> its articles as a bitset
    common: frozenset[str]  # actors in so many articles that sharing them says nothing


def _neighbourhood(articles: list[Article]) -> _Neighbourhood:
    newest = sorted(articles, key=lambda a: (a.date_key, a.id), reverse=True)
    by_topics: dict[frozenset[str], list[int]] = defaultdict(list)
    by_actor: dict[str, list[int]] = defaultdict(list)
    topics, actors = [], []
    for position, article in enumerate(newest):
        topics.append(frozenset(article.topics))
        if article.topics:
            by_topics[topics[-1]].append(position)
        actors.append(frozenset(m.actor for m in article.mentions))
        for actor in actors[-1]:
            by_actor[actor].append(position)
    ceiling = max(COMMON_ACTOR_FLOOR, COMMON_ACTOR_SHARE * len(articles))
    common = frozenset(a for a, members in by_actor.items() if len(members) > ceiling)
    uncommon = [(a, members) for a, members in by_actor.items() if a not in common]
    return _Neighbourhood(
        newest,
        {a.id: position for position, a in enumerate(newest)},
        dict(by_topics),
        topics,
        actors,
        {a: members for a, members in uncommon if len(members) <= BITSET_ARTICLES},
        {
            a: bitsets.from_positions(members, len(newest))
            for a, members in uncommon
            if len(members) > BITSET_ARTICLES
        },
        common,
    )


def related(article: Article, around: _Neighbourhood) -> tuple[str, ...]:
    """Articles that share topics and actors with this one, best first, then nearest in date order.

    Score: TOPIC_WEIGHT per shared topic plus one per shared actor, actors that most articles
    mention left out. Candidates come from each topic set's articles nearest in time to this one
    and from the articles of each (uncommon) actor, never from a scan of the whole corpus: those
    and the articles of actors in few articles are scored one by one; among the articles of
    actors in many, the bitsets find those sharing most of these actors, nearest first, and
    their shared topics are added to their score.

    Nearest, not newest: a reader of an older article is best served by coverage of its own
    time; and an article that arrives newer than all the others then enters only the lists of
    the articles near it in date order, so a regeneration rewrites their pages, not every page
    of its topics. Date order, not distance in days, because undated articles have a place in
    it too (they sort oldest, by id).
    """
    mine = frozenset(article.topics)
    own = around.position[article.id]
    actors = around.actors[own] - around.common
    listed: set[int] = set()
    for topics, members in around.by_topics.items():
        if not mine.isdisjoint(topics):
            listed.update(_nearest(members, own, RELATED_LIMIT + 1))
    for actor in actors:
        listed.update(around.few.get(actor, ()))
    listed.discard(own)
    ranked = [(len(actors & around.actors[p]), p) for p in listed]
    many = [around.many[a] for a in sorted(actors) if a in around.many]
    if many:
        excluded = bitsets.from_positions([*listed, own], len(around.newest))
        ranked += bitsets.most_shared(many, excluded, RELATED_LIMIT, own)
    scored = [(TOPIC_WEIGHT * len(mine & around.topics[p]) + shared, p) for shared, p in ranked]
    best = sorted(scored, key=lambda s: (-s[0], abs(s[1] - own), s[1]))[:RELATED_LIMIT]
    return tuple(around.newest[p].id for _, p in best)


def _nearest(members: list[int], own: int, limit: int) -> list[int]:
    """Up to `limit` of the ascending positions `members`, the nearest to `own` first (the lower
    of two as near, as `bitsets.nearest` orders a bitset): they lie within `limit` places on
    either side of where `own` falls."""
    at = bisect.bisect_left(members, own)
    window = members[max(at - limit, 0) : at + limit]
    return sorted(window, key=lambda position: (abs(position - own), position))[:limit]


def versions(index: _Index, position: int) -> tuple[str, ...]:
    """Other full articles telling the same story (near-duplicate leads), by id."""
    if len(index.leads[position]) < _MIN_LEAD_WORDS:
        return ()
    others = (i for i, p in index.same_lead(position) if p != position)
    return tuple(itertools.islice(others, VERSIONS_LIMIT))


def link(articles: list[Article]) -> list[Article]:
    """The articles with their teasers linked, and their related articles and versions.

    Each article's links are a pure function of the index and the neighbourhood, found on
    forked workers when there are enough articles (the results are the same either way)."""
    index, around = _Index(articles), _neighbourhood(articles)

    def links_of(position: int) -> tuple[tuple[str | None, ...], tuple[str, ...], tuple[str, ...]]:
        article = articles[position]
        teasers = tuple(link_teaser(t, index, article.id) for t in article.teasers)
        return teasers, related(article, around), versions(index, position)

    linked = []
    with ForkedMap(
        links_of,
        len(articles),
        minimum=PARALLEL_MIN_ARTICLES,
        chunk=PARALLEL_CHUNK,
        workers=WORKERS,
    ) as found:
        for article, (targets, near, same) in zip(articles, found, strict=True):
            teasers = tuple(
                replace(t, article=target)
                for t, target in zip(article.teasers, targets, strict=True)
            )
            linked.append(replace(article, teasers=teasers, related=near, versions=same))
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
