"""The actor side of the site: who is mentioned where, who said what, who appears with whom.

Pure functions over the linked corpus; render.py turns their results into pages.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from .actors import default_gazetteer
from .escape import isolated_text
from .models import Actor, Article, Corpus, Quote
from .slugs import slug

KIND_TITLES = {"person": "أشخاص", "organization": "منظمات وهيئات", "place": "أماكن"}
# Co-occurring actors listed on an actor page: enough to show a network, not a dump.
CO_ACTORS_LIMIT = 12
# An actor page lists this many of its newest articles and quotes, and links the search page for
# the rest: in 10,000 articles the most named actors appear in thousands, a page of several MB
# that no phone opens well and every new article would make MkDocs rebuild whole.
ARTICLES_SHOWN = 100
QUOTES_SHOWN = 50
# Main actors on a topic page.
TOPIC_ACTORS_LIMIT = 10


@dataclass(frozen=True, slots=True)
class ActorView:
    actor: Actor
    articles: tuple[Article, ...]  # newest first
    quotes: tuple[tuple[Quote, Article], ...]
    co_actors: tuple[tuple[Actor, int], ...]  # with the number of articles shared


@lru_cache(maxsize=65536)
def actor_path(actor_id: str) -> str:
    """The page of an actor; ids are ASCII slugs already, `slug` guards odd discovered ones."""
    return f"actors/{slug(actor_id, max_length=80)}.md"


def registry(corpus: Corpus) -> dict[str, Actor]:
    """Every actor the corpus mentions: gazetteer entries, then discovered people."""
    known = default_gazetteer().actors
    found: dict[str, Actor] = {}
    for article in corpus.articles:
        for actor in article.discovered:
            found.setdefault(actor.id, actor)
    return {i: known.get(i) or found[i] for i in corpus.actor_ids if i in known or i in found}


def views(corpus: Corpus, actors: dict[str, Actor], newest: tuple[Article, ...]) -> list[ActorView]:
    """One view per mentioned actor, in id order."""
    mentioned: dict[str, list[Article]] = defaultdict(list)
    together: dict[str, Counter[str]] = defaultdict(Counter)
    for article in newest:
        present = sorted({m.actor for m in article.mentions if m.actor in actors})
        for actor_id in present:
            mentioned[actor_id].append(article)
            # Counted with itself (a list goes through Counter's C loop; a filtering generator
            # cost 0.5 s on 10,000 articles), which is taken out below.
            together[actor_id].update(present)
    for actor_id, counts in together.items():
        del counts[actor_id]
    said: dict[str, list[tuple[Quote, Article]]] = defaultdict(list)
    for article in newest:
        for quote in article.quotes:
            if quote.speaker in actors:
                said[quote.speaker].append((quote, article))
    return [
        ActorView(
            actors[i],
            tuple(mentioned[i]),
            tuple(said[i]),
            tuple((actors[o], n) for o, n in _ranked(together[i])[:CO_ACTORS_LIMIT]),
        )
        for i in sorted(mentioned)
    ]


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def main_actors(articles: tuple[Article, ...], actors: dict[str, Actor]) -> list[tuple[Actor, int]]:
    """The actors most articles of a topic mention, with their article counts."""
    counts = Counter(i for a in articles for i in {m.actor for m in a.mentions} if i in actors)
    return [(actors[i], n) for i, n in _ranked(counts)[:TOPIC_ACTORS_LIMIT]]


def linked_paragraphs(article: Article, actors: dict[str, Actor], link) -> dict[int, Markup]:
    """Paragraph index -> its text with the first mention of each actor linked to its page.

    `link(text, target)` makes one Markdown link; the text between links is escaped as usual.
    """
    firsts: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    seen: set[str] = set()
    for mention in sorted(article.mentions, key=lambda m: (m.paragraph, m.start)):
        if mention.actor in actors and mention.actor not in seen:
            seen.add(mention.actor)
            firsts[mention.paragraph].append((mention.start, mention.end, mention.actor))
    result = {}
    for index, spans in firsts.items():
        text, pieces, cursor = article.paragraphs[index].text, [], 0
        for start, end, actor_id in spans:
            before, name = text[cursor:start], text[start:end]
            pieces += [isolated_text(before), link(name, actor_path(actor_id))]
            cursor = end
        pieces.append(isolated_text(text[cursor:]))
        result[index] = Markup("".join(pieces))
    return result
