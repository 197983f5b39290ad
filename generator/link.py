"""Link stage: teasers to the articles they announce, and related articles.

Cross-links must never point to a story a teaser does not announce, so a teaser links when:
1. its headline is a near-duplicate of an article's title, or its summary of the article's lead;
2. or (a story re-titled between the teaser and the full article) its photo caption is the
   article's caption AND the article's title and lead hold a good share of the teaser headline's
   words. A caption alone proves nothing: stock photos are reused for unrelated stories.
Two full articles are versions of one story when their leads are near-duplicates. Every lookup
goes through an inverted index, so the cost grows with the corpus, not with its square.

A regeneration with the previous run's state (`LinkState`, kept in the cache folder) links again
only the articles that a change can affect (`_affected`), and gives the same links as linking
every article: at 10,000 synthetic articles, adding one seed linked 143 again.
"""

from __future__ import annotations

import bisect
import itertools
import math
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from . import bitsets
from .arabic import content_words, tokens
from .cache import generator_version
from .forked import CORES, ForkedMap
from .models import Article, evolve
from .pagememo import digest

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
# Changed articles (added, removed, or with other link inputs) up to which a regeneration links
# only the articles they can change (`_affected`); beyond, it links every article again. Each
# change costs a pass over the corpus (a few ms at 10,000 articles), a full link about 2 s.
INCREMENTAL_MAX_CHANGES = 32
# Choices of related articles by nearness that turned on a difference of distance below this
# are remembered one by one (`Choice.close`), each checked against each change; the others only
# by their least difference (`Choice.rest`), checked against every change within the reach.
CLOSE_CHOICE = 8


class Words(NamedTuple):
    """The words of an article that linking compares (`content_words`): of its title, its lead,
    its lead photo's captions, and of each teaser's headline, summary and caption."""

    title: frozenset[str]
    lead: frozenset[str]
    captions: frozenset[str]
    teasers: tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...]


def _lead(article: Article) -> str:
    body = article.body
    return body[0] if body else ""


def link_inputs(article: Article) -> tuple[Any, ...]:
    """Everything linking reads of an article besides its id: its links are a function of these
    (and of every other article's)."""
    return (
        article.title,
        _lead(article),
        article.lead_captions,
        article.topics,
        tuple(sorted({m.actor for m in article.mentions})),
        article.date_key,
        tuple((t.headline, t.summary, t.caption) for t in article.teasers),
    )


def words_of(article: Article) -> Words:
    return Words(
        content_words(article.title),
        content_words(_lead(article)),
        content_words(" ".join(article.lead_captions)),
        tuple(
            (
                content_words(t.headline),
                content_words(t.summary or ""),
                content_words(t.caption or ""),
            )
            for t in article.teasers
        ),
    )


# The fields of an article that `words_of` reads.
_WORDS_READ = ("title", "paragraphs", "captions", "teasers")


class EarlyWords:
    """Articles' words (`words_of`) found before the link stage, as each seed's articles come
    from the parse workers: the parent waits for them with a core to spare, while at the link
    stage it finds the words alone before the linking workers start (1.4 s at 10,000 synthetic
    articles). Called with an article, its early words if the article still holds the objects
    they were found from (a catalog correction may have replaced its title), else its words."""

    def __init__(self) -> None:
        self.found: dict[str, tuple[Article, Words]] = {}

    def add(self, articles: list[Article]) -> None:
        for article in articles:
            self.found.setdefault(article.id, (article, words_of(article)))

    def __call__(self, article: Article) -> Words:
        found = self.found.get(article.id)
        if found is not None and all(
            getattr(article, name) is getattr(found[0], name) for name in _WORDS_READ
        ):
            return found[1]
        return words_of(article)


class _Index:
    """Articles findable by the words of their title and lead.

    Lookups are remembered by their words: a wire story reprinted in many papers asks the same
    question once per copy, and each answer costs a scan of its words' postings.
    """

    def __init__(self, articles: list[Article], words: list[Words] | None = None) -> None:
        self.articles = articles
        read = words if words is not None else [words_of(a) for a in articles]
        self.titles = [w.title for w in read]
        self.leads = [w.lead for w in read]
        self.stories = [t | lead for t, lead in zip(self.titles, self.leads, strict=True)]
        self.captions = [w.captions for w in read]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for position, story in enumerate(self.stories):
            for word in story | self.captions[position]:
                self.postings[word].append(position)
        self.lead_postings: dict[str, list[int]] = defaultdict(list)
        for position, lead in enumerate(self.leads):
            for word in lead:
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
        need = _needed(words, floor)
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
        need = _needed(lead, floor)
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


def link_teaser(
    words: tuple[frozenset[str], frozenset[str], frozenset[str]], index: _Index, own_id: str
) -> str | None:
    """The id of the held article the teaser of these words (`Words.teasers`) announces, or
    None."""
    headline, summary, caption = words
    position = index.best(headline, index.titles, HEADLINE_OVERLAP)
    if position is None and summary:
        position = index.best(summary, index.leads, SUMMARY_OVERLAP)
    if position is None and caption:
        same_photo = index.above(caption, index.captions, SAME_CAPTION)
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
    """Articles that share topics and actors with this one, best first, then nearest in date order
    (`_related`)."""
    return _related(article, around).related


class Choice(NamedTuple):
    """The related articles of one article, and what their choice turned on (for `_affected`);
    distances are in places of the date order."""

    related: tuple[str, ...]
    # The greatest distance to an article the choice looked at by nearness (the nearest of a
    # topic set and the first left out, the same among the articles of actors in many, the
    # chosen): articles added or removed farther away change none of the distances below.
    reach: int
    # The choices by nearness, each as (the difference of distance it turned on, the greater
    # distance): between the last taken and the first left of a topic set's nearest or of the
    # bitsets' level, and between two candidates of one score, one of them chosen. One article
    # added or removed changes a difference by one place at most, and only when it lies nearer
    # than the greater distance: fewer changes than the difference leave the choice as it is.
    # Those of a difference below CLOSE_CHOICE are kept one by one, the others by the least.
    close: tuple[tuple[int, int], ...]
    rest: int
    # Shared actors (in many articles) of the last article the bitsets took, when they took as
    # many as they could, and its distance: an article sharing fewer, or as many and farther,
    # is not taken. 0 when any article sharing one would be.
    level: int
    level_distance: int

    def shifted(self, places: int) -> Choice:
        """The same choice, its distances and differences as they may be once `places` articles
        were added or removed within its reach: its related articles are the same (`_affected`),
        but its distances and differences are no longer exact, only bounds, loosened by
        `places` each."""
        return self._replace(
            reach=self.reach + places,
            close=tuple((difference - places, far + places) for difference, far in self.close),
            rest=self.rest - places,
            level_distance=self.level_distance + places,
        )


def _related(article: Article, around: _Neighbourhood) -> Choice:
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

    Each choice by nearness asks for one more than it takes: the first one left says how near
    the choice came to turning (`Choice.close`). Taking the first n of n + 1 nearest is taking
    the n nearest, in `_nearest` as in `bitsets.most_shared`.
    """
    mine = frozenset(article.topics)
    own = around.position[article.id]
    actors = around.actors[own] - around.common
    window: set[int] = set()
    choices: list[tuple[int, int]] = []  # (difference, greater distance)
    near: list[int] = []  # the places looked at by nearness
    for topics, members in around.by_topics.items():
        if not mine.isdisjoint(topics):
            nearest = _nearest(members, own, RELATED_LIMIT + 2)
            taken = nearest[: RELATED_LIMIT + 1]
            window.update(taken)
            if len(nearest) > len(taken):
                left, last = abs(nearest[-1] - own), abs(taken[-1] - own)
                choices.append((left - last, left))
                near.append(nearest[-1])
    listed = set(window)
    for actor in actors:
        listed.update(around.few.get(actor, ()))
    listed.discard(own)
    ranked = [(len(actors & around.actors[p]), p) for p in listed]
    many = [around.many[a] for a in sorted(actors) if a in around.many]
    near += window
    level = level_distance = 0
    if many:
        excluded = bitsets.from_positions([*listed, own], len(around.newest))
        found = bitsets.most_shared(many, excluded, RELATED_LIMIT + 1, own)
        shared_most = found[:RELATED_LIMIT]
        ranked += shared_most
        near += [p for _, p in shared_most]
        if len(shared_most) == RELATED_LIMIT:
            level, last = shared_most[-1]
            level_distance = abs(last - own)
            if len(found) > RELATED_LIMIT and found[-1][0] == level:
                left = abs(found[-1][1] - own)
                choices.append((left - level_distance, left))
                near.append(found[-1][1])
    scored = [(TOPIC_WEIGHT * len(mine & around.topics[p]) + shared, p) for shared, p in ranked]
    ordered = sorted(scored, key=lambda s: (-s[0], abs(s[1] - own), s[1]))
    best = ordered[:RELATED_LIMIT]
    near += [p for _, p in best]
    for at, (score, position) in enumerate(best):  # ties of score, one side chosen
        for other, other_position in ordered[max(at - 1, 0) : at + 2]:
            if other == score and other_position != position:
                one, two = sorted((abs(other_position - own), abs(position - own)))
                choices.append((two - one, two))
                near.append(other_position)
    return Choice(
        tuple(around.newest[p].id for _, p in best),
        max((abs(p - own) for p in near), default=0),
        tuple(sorted({c for c in choices if c[0] < CLOSE_CHOICE})),
        min((d for d, _ in choices if d >= CLOSE_CHOICE), default=len(around.newest)),
        level,
        level_distance,
    )


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


class Links(NamedTuple):
    """One article's links: its teasers' targets, its related articles (with what their choice
    turned on) and its versions."""

    teasers: tuple[str | None, ...]
    choice: Choice
    versions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LinkState:
    """What a link stage leaves for the next run's (kept in the cache folder): for each article
    by id, what it is (`Identity`), its date order key, topics and actors, the words it is linked
    by and its links; the ids in corpus order, and the actors too common to relate articles.
    Made by one version of the generator, used only by it."""

    version: str
    order: tuple[str, ...]
    common: frozenset[str]
    identities: dict[str, object]
    places: dict[str, Place]
    words: dict[str, Words]
    links: dict[str, Links]


class Place(NamedTuple):
    """Where an article stands among the others for `related`."""

    date_key: str
    topics: frozenset[str]
    actors: frozenset[str]


def _place(article: Article, around: _Neighbourhood, position: int) -> Place:
    """The article at `position` in `around`, its topic and actor names interned: each is then
    pickled once in the state, not once per article (0.045 s instead of 0.18 s to save and load
    the places of 10,000 synthetic articles)."""
    return Place(
        article.date_key,
        frozenset(map(sys.intern, around.topics[position])),
        frozenset(map(sys.intern, around.actors[position])),
    )


# What an article is, as far as linking goes: two articles of one id and equal identities have
# equal link inputs (`link_inputs`). The default is a digest of those inputs; the pipeline passes
# a cheaper one, the parse the article came from (pipeline.fingerprint).
Identity = Callable[[Article], object]


def inputs_digest(article: Article) -> bytes:
    return digest(link_inputs(article))


def link(articles: list[Article]) -> list[Article]:
    """The articles with their teasers linked, and their related articles and versions."""
    return link_incremental(articles, None)[0]


def link_incremental(
    articles: list[Article],
    previous: LinkState | None,
    identity: Identity = inputs_digest,
    words_for: Callable[[Article], Words] = words_of,
) -> tuple[list[Article], LinkState]:
    """`link`, and what the next run needs to link incrementally (`previous` itself when nothing
    changed). With the state the previous run left (`previous`), only the articles a change can
    affect are linked again (`_affected`); the others keep their links. The result is the same
    as linking every article: each article's links are a pure function of the index and the
    neighbourhood, found on forked workers when there are enough articles to link."""
    if previous is not None and previous.version != generator_version():
        previous = None
    identities = [identity(a) for a in articles]
    known = previous.identities if previous is not None else {}
    kept = {a.id for a, i in zip(articles, identities, strict=True) if known.get(a.id) == i}
    saved = previous.words if previous is not None else {}
    words = [saved[a.id] if a.id in kept else words_for(a) for a in articles]
    index, around = _Index(articles, words), _neighbourhood(articles)
    todo, links = _affected(articles, kept, words, around, previous)

    def links_of(position: int) -> Links:
        article = articles[position]
        teasers = tuple(link_teaser(t, index, article.id) for t in words[position].teasers)
        return Links(teasers, _related(article, around), versions(index, position))

    found: dict[int, Links] = {}
    with ForkedMap(
        links_of,
        todo,
        minimum=PARALLEL_MIN_ARTICLES,
        chunk=PARALLEL_CHUNK,
        workers=WORKERS,
    ) as produced:
        found.update(zip(todo, produced, strict=True))
    linked = []
    for position, article in enumerate(articles):
        made = links[article.id] = found[position] if position in found else links[article.id]
        teasers = tuple(
            evolve(t, article=target)
            for t, target in zip(article.teasers, made.teasers, strict=True)
        )
        linked.append(
            evolve(article, teasers=teasers, related=made.choice.related, versions=made.versions)
        )
    # Nothing added or removed, and (`_affected` checked) the same order: the same state.
    if previous is not None and not todo and len(kept) == len(articles) == len(previous.order):
        return _with_other_headlines(linked), previous
    state = LinkState(
        generator_version(),
        tuple(a.id for a in articles),
        around.common,
        {a.id: i for a, i in zip(articles, identities, strict=True)},
        {a.id: _place(a, around, n) for n, a in enumerate(around.newest)},
        {a.id: w for a, w in zip(articles, words, strict=True)},
        links,
    )
    return _with_other_headlines(linked), state


class _Change(NamedTuple):
    """An article added or removed (a changed one is both), as `_affected` compares it."""

    place: int  # its place in the newest-first order (where it would be, when removed)
    topics: frozenset[str]
    # Its actors not too common to relate articles: those in so many articles that they surely
    # stay found by bitsets (`_Neighbourhood.many`), and the others.
    many: frozenset[str]
    few: frozenset[str]
    words: Words


def _affected(
    articles: list[Article],
    kept: set[str],
    words: list[Words],
    around: _Neighbourhood,
    previous: LinkState | None,
) -> tuple[list[int], dict[str, Links]]:
    """The positions of the articles to link, and the links of the others by id: all of them,
    unless the previous run's state describes nearly this corpus; then the new and changed ones
    and those a change can affect. An article that keeps its links but has a change within its
    reach keeps its choice `shifted`.

    A change (an article added or removed; a changed article is both) shifts the places after
    it in date order by one, and can alter the links of an unchanged article A only when:
    - it shares with A an actor of few articles (it enters or leaves A's candidates);
    - it shares with A actors of many articles, as many as the last the bitsets took for A or
      more (`Choice.level`; it enters or leaves what they take);
    - it shares a topic with A and fewer than RELATED_LIMIT + 1 articles of its topic set lie
      between them in date order (it enters or leaves the nearest of that set);
    - a choice of A's by nearness turned on a difference of distance no greater than the shift
      (`Choice.close`), and it lies within its greater distance plus one (beyond, neither of the
      two distances moves);
    - its lead holds enough of A's lead for one story (`versions`), its title of a teaser's
      headline, its lead of a teaser's summary or its caption of a teaser's caption (`link_teaser`);
    - A's links name it (it is removed).
    The places and counts compared widen by the number of changes, each of which shifts places
    by one. The list is all articles when there are more than INCREMENTAL_MAX_CHANGES changes,
    or when the actors too common to count or the corpus order of the articles kept changed
    (ties between teaser matches go to the article first in corpus order).
    """
    everything: tuple[list[int], dict[str, Links]] = (list(range(len(articles))), {})
    if previous is None or previous.common != around.common:
        return everything
    added = [p for p, a in enumerate(articles) if a.id not in kept]
    removed = [i for i in previous.order if i not in kept]
    margin = len(added) + len(removed)
    if margin > INCREMENTAL_MAX_CHANGES:
        return everything
    if [i for i in previous.order if i in kept] != [a.id for a in articles if a.id in kept]:
        return everything

    def change(place: int, topics: frozenset[str], actors: frozenset[str], of: Words) -> _Change:
        actors -= around.common
        many = frozenset(
            a
            for a in actors
            if a in around.many and around.many[a].bit_count() > BITSET_ARTICLES + margin
        )
        return _Change(place, topics, many, actors - many, of)

    changes = []
    for p in added:
        place = around.position[articles[p].id]
        changes.append(change(place, around.topics[place], around.actors[place], words[p]))
    # Where a removed article would fall in the newest-first order: after every article whose
    # (date, id) is greater.
    ascending = [(a.date_key, a.id) for a in reversed(around.newest)]
    for old in removed:
        was = previous.places[old]
        place = len(ascending) - bisect.bisect_right(ascending, (was.date_key, old))
        changes.append(change(place, was.topics, was.actors, previous.words[old]))
    gone = set(removed) - {a.id for a in articles}
    todo, links = set(added), {}
    for position, article in enumerate(articles):
        if position in todo:
            continue
        before = previous.links[article.id]
        named = (*before.choice.related, *before.versions, *before.teasers)
        own, mine = around.position[article.id], words[position]
        removed_named = bool(gone) and not gone.isdisjoint(named)
        if removed_named or any(
            _touches(c, own, mine, before.choice, around, margin) for c in changes
        ):
            todo.add(position)
        elif any(abs(c.place - own) <= before.choice.reach + 1 + margin for c in changes):
            links[article.id] = before._replace(choice=before.choice.shifted(margin))
        else:
            links[article.id] = before
    return sorted(todo), links


def _touches(
    change: _Change, own: int, mine: Words, choice: Choice, around: _Neighbourhood, margin: int
) -> bool:
    """True when `change` can alter the links of the unchanged article at `own` in the
    newest-first order, of these words, whose related articles were chosen as `choice` says
    (`_affected`)."""
    actors = around.actors[own]
    if not actors.isdisjoint(change.few):
        return True
    distance = abs(change.place - own)
    shared = len(actors & change.many)
    if shared > choice.level or (
        shared and shared == choice.level and distance <= choice.level_distance + margin
    ):
        return True
    if choice.rest <= margin and distance <= choice.reach + 1 + margin:
        return True
    if any(d <= margin and distance <= far + 1 + margin for d, far in choice.close):
        return True
    if not around.topics[own].isdisjoint(change.topics):
        members = around.by_topics.get(change.topics, [])
        low, high = sorted((own, change.place))
        between = bisect.bisect_left(members, high) - bisect.bisect_right(members, low)
        if between < RELATED_LIMIT + 1 + margin:
            return True
    lead = mine.lead
    if len(lead) >= _MIN_LEAD_WORDS and _covers(change.words.lead, lead, SAME_LEAD):
        return True
    return any(
        _covers(change.words.title, headline, HEADLINE_OVERLAP)
        or _covers(change.words.lead, summary, SUMMARY_OVERLAP)
        or _covers(change.words.captions, caption, SAME_CAPTION)
        for headline, summary, caption in mine.teasers
    )


def _covers(side: frozenset[str], words: frozenset[str], floor: float) -> bool:
    """True when `side` holds at least `floor` of `words` (none of no words): a match of
    `_Index.above`."""
    return bool(words) and len(words & side) >= _needed(words, floor)


def _needed(words: frozenset[str], floor: float) -> int:
    """How many of `words` a match must hold to hold `floor` of them."""
    return math.ceil(floor * len(words))


def _with_other_headlines(articles: list[Article]) -> list[Article]:
    """Each article learns the other headlines its story was announced under (by teasers)."""
    headlines: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for teaser in article.teasers:
            if teaser.article:
                headlines[teaser.article].add(teaser.headline)
    return [
        evolve(
            a, also_titled=tuple(sorted(h for h in headlines[a.id] if tokens(h) != tokens(a.title)))
        )
        if headlines.get(a.id)
        else a
        for a in articles
    ]
