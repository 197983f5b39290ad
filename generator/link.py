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
from dataclasses import replace

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


def related(article: Article, groups: dict[frozenset[str], list[Article]]) -> tuple[str, ...]:
    """Articles sharing topics with this one: most shared first, then newest first.

    Articles are grouped by their exact topic set (few sets exist), each group kept newest first,
    so only the head of each group is looked at, not the whole corpus.
    """
    mine = frozenset(article.topics)
    picked: list[tuple[int, str, str]] = []
    for topics, members in groups.items():
        shared = len(mine & topics)
        if not shared:
            continue
        heads = [m for m in members[: RELATED_LIMIT + 1] if m.id != article.id][:RELATED_LIMIT]
        picked += [(shared, m.date_key, m.id) for m in heads]
    picked.sort(reverse=True)
    return tuple(item[2] for item in picked[:RELATED_LIMIT])


def versions(index: _Index, position: int) -> tuple[str, ...]:
    """Other full articles telling the same story (near-duplicate leads), by id."""
    lead = index.leads[position]
    if len(lead) < _MIN_LEAD_WORDS:
        return ()
    found = index.above(lead, index.leads, SAME_LEAD)
    return tuple(sorted(index.articles[p].id for p in found if p != position)[:VERSIONS_LIMIT])


def link(articles: list[Article]) -> list[Article]:
    index = _Index(articles)
    groups: dict[frozenset[str], list[Article]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: (a.date_key, a.id), reverse=True):
        if article.topics:
            groups[frozenset(article.topics)].append(article)
    linked = []
    for position, article in enumerate(articles):
        teasers = tuple(
            replace(t, article=link_teaser(t, index, article.id)) for t in article.teasers
        )
        linked.append(
            replace(
                article,
                teasers=teasers,
                related=related(article, groups),
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
