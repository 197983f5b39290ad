"""Topic classification from a weighted lexicon (topics.yml): multi-label, explainable.

Steps for one article:
1. Tokenize title, subtitle, captions and body on normalized Arabic; index every token under the
   term words one of its clitic-stripped forms is (or, for a "*" word, starts with).
2. For each term, find its occurrences: the first word through the index, the following words
   checked in place (a word may carry proclitics; a term word ending in "*" matches as a prefix).
3. Score each topic (see topics.yml for the formula) and keep the terms that fired.
4. The article's topics are those whose score reaches the threshold, highest score first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

from .arabic import ChunkTable, stem_variants, tokens
from .errors import DataError, DataErrors
from .models import Article, TopicScore
from .vocabulary import HERE, read_yaml

OTHER = "other"


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # as written in the lexicon
    words: tuple[str, ...]  # normalized; a trailing "*" marks a prefix match
    weight: float


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str
    description: str
    threshold: float
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    topics: tuple[Topic, ...]
    max_count: int
    title_bonus: float

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)


def _term_words(text: str) -> tuple[str, ...]:
    star = text.endswith("*")
    words = tokens(text.rstrip("*"))
    return (*words[:-1], words[-1] + "*") if star and words else tuple(words)


def _parse_topic(path: str, topic_id: str, raw: Any, errors: list[DataError]) -> Topic | None:
    def fail(message: str) -> None:
        errors.append(DataError(path, None, f"topic '{topic_id}': {message}"))

    if not isinstance(raw, dict):
        fail("must be a mapping")
        return None
    for key in ("title", "description", "threshold", "terms"):
        if key not in raw:
            fail(f"missing '{key}'")
    terms: list[Term] = []
    for index, group in enumerate(raw.get("terms") or []):
        if not isinstance(group, dict) or not str(group.get("reason", "")).strip():
            fail(f"term group {index} needs a reason")
            continue
        weight = group.get("weight")
        if not isinstance(weight, int | float) or weight <= 0:
            fail(f"term group {index} needs a positive weight")
            continue
        for text in group.get("terms") or []:
            words = _term_words(str(text))
            if not words:
                fail(f"term group {index} has an empty term")
            terms.append(Term(str(text), words, float(weight)))
    threshold = raw.get("threshold")
    if not isinstance(threshold, int | float) or threshold <= 0:
        fail("threshold must be a positive number")
        return None
    return Topic(
        topic_id,
        str(raw.get("title", "")),
        str(raw.get("description", "")).strip(),
        float(threshold),
        tuple(terms),
    )


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and validate a lexicon; every problem is reported at once."""
    path = path or HERE / "topics.yml"
    data = read_yaml(path)
    errors: list[DataError] = []
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
        raise DataError(str(path), None, "expected 'topics' as a mapping of topic ids")
    if OTHER in data["topics"]:
        errors.append(DataError(str(path), None, f"'{OTHER}' is reserved for unfiled articles"))
    topics = [_parse_topic(str(path), tid, raw, errors) for tid, raw in data["topics"].items()]
    if errors:
        raise DataErrors(list(errors))
    settings = data.get("settings") or {}
    return Lexicon(
        topics=tuple(t for t in topics if t is not None),
        max_count=int(settings.get("max_count", 3)),
        title_bonus=float(settings.get("title_bonus", 2)),
    )


@cache
def default_lexicon() -> Lexicon:
    return load_lexicon()


class _TermWords:
    """Every word the lexicon's terms hold, to tell quickly which tokens a term can match.

    A token's *keys* are the term words it matches: its clitic-stripped forms that are term words,
    and "prefix*" for each starred prefix one of its forms starts with. Most tokens match no term
    word and get no key, so an article's index holds only the few tokens a term can use.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        words = {w for topic in lexicon.topics for term in topic.terms for w in term.words}
        self.exact = frozenset(w for w in words if not w.endswith("*"))
        self.prefixes = frozenset(w[:-1] for w in words if w.endswith("*"))
        self.prefix_lengths = sorted({len(p) for p in self.prefixes})
        self._keys = ChunkTable(self._token_keys)
        self._chunks = ChunkTable(self._chunk_keys)

    def of_text(self, text: str) -> list[frozenset[str]]:
        """The keys of each token of a text (as `arabic.tokens` splits it), read chunk by
        space-separated chunk, each chunk's keys computed once."""
        # Looked up all at once (map runs in C); only the chunks never seen are computed.
        return list(chain.from_iterable(map(self._chunks.__getitem__, text.split(" "))))

    def _chunk_keys(self, chunk: str) -> tuple[frozenset[str], ...]:
        return tuple(map(self._keys.__getitem__, tokens(chunk)))

    def keys(self, token: str) -> frozenset[str]:
        """The term words this (normalized) token matches; remembered, as words repeat a lot."""
        return self._keys[token]

    def _token_keys(self, token: str) -> frozenset[str]:
        forms = stem_variants(token)
        exact = [f for f in forms if f in self.exact]
        starred = [
            f[:size] + "*"
            for f in forms
            for size in self.prefix_lengths
            if f[:size] in self.prefixes
        ]
        return frozenset(exact + starred) if exact or starred else _NONE


_NONE: frozenset[str] = frozenset()
# One `_TermWords` per lexicon, kept with the lexicon so its id is never reused while cached.
_TERM_WORDS: dict[int, tuple[Lexicon, _TermWords]] = {}


def _term_words_of(lexicon: Lexicon) -> _TermWords:
    known = _TERM_WORDS.get(id(lexicon))
    if known is None:
        known = _TERM_WORDS[id(lexicon)] = (lexicon, _TermWords(lexicon))
    return known[1]


class _Index:
    """Tokens of one text, findable by the term words (see `_TermWords`) they match."""

    def __init__(self, text: str, term_words: _TermWords) -> None:
        self.keys = term_words.of_text(text)
        self.positions: dict[str, list[int]] = defaultdict(list)
        # Most tokens match no term word (an empty key set): only the others are indexed.
        for position in [n for n, keys in enumerate(self.keys) if keys]:
            for key in self.keys[position]:
                self.positions[key].append(position)

    def count(self, term: Term) -> int:
        """Occurrences of the term: its first word through the index, the rest in place."""
        starts = self.positions.get(term.words[0])
        if not starts:
            return 0
        if len(term.words) == 1:
            return len(starts)
        keys, end = self.keys, len(self.keys)
        return sum(
            all(s + k < end and w in keys[s + k] for k, w in enumerate(term.words[1:], start=1))
            for s in starts
        )


def _article_text(article: Article) -> str:
    parts = [article.subtitle or "", *article.captions, *(p.text for p in article.paragraphs)]
    return "\n".join(parts)


def score_topics(article: Article, lexicon: Lexicon) -> list[TopicScore]:
    """Every topic's score for the article, with the terms that fired (lexicon order)."""
    term_words = _term_words_of(lexicon)
    body, title = _Index(_article_text(article), term_words), _Index(article.title, term_words)
    scores = []
    for topic in lexicon.topics:
        total, fired = 0.0, []
        for term in topic.terms:
            # A term whose first word the article lacks cannot occur: most terms, most articles.
            first = term.words[0]
            if first not in body.positions and first not in title.positions:
                continue
            in_body, in_title = body.count(term), title.count(term)
            if in_body or in_title:
                fired.append(term.text)
                total += term.weight * min(in_body, lexicon.max_count)
                total += term.weight * lexicon.title_bonus * min(in_title, 1)
        scores.append(TopicScore(topic.id, round(total, 2), tuple(fired)))
    return scores


def classify(article: Article, lexicon: Lexicon) -> tuple[tuple[str, ...], tuple[TopicScore, ...]]:
    """The article's topics (highest score first; empty means "other") and all scores."""
    scores = score_topics(article, lexicon)
    thresholds = {t.id: t.threshold for t in lexicon.topics}
    chosen = sorted(
        (s for s in scores if s.score >= thresholds[s.topic]), key=lambda s: (-s.score, s.topic)
    )
    return tuple(s.topic for s in chosen), tuple(scores)
