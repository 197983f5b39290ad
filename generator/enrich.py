"""Enrich stage: an extracted article in, the same article with date, topics and slug out."""

from __future__ import annotations

from .actors import default_gazetteer, find_actors
from .dates import infer_publication_date, timeline_events
from .figures import find_figures
from .models import Article, evolve
from .quotes import find_quotes
from .slugs import slug
from .topics import Lexicon, classify


def enrich(article: Article, lexicon: Lexicon) -> Article:
    """Date from the article's own text (never its teasers), topics with their evidence, slug.

    The slug comes from the title as extracted, so an editor's title correction in the catalog
    leaves the URL where it was.
    """
    topics, scores = classify(article, lexicon)
    own_text = [p.text for p in article.paragraphs if p.kind != "caption"]
    inline_captions = [p.text for p in article.paragraphs if p.kind == "caption"]
    date = infer_publication_date(own_text, [*article.lead_captions, *inline_captions])
    text_lines = [(p.line, p.text) for p in article.paragraphs if p.kind == "text"]
    events = timeline_events(text_lines, anchor=date.value if date else None)
    paragraphs = article.paragraphs
    texts = [p.text for p in paragraphs]
    mentions, discovered = find_actors(texts, default_gazetteer())
    return evolve(
        article,
        topics=topics,
        topic_scores=scores,
        date=date,
        slug=slug(article.title),
        events=tuple(events),
        mentions=tuple(mentions),
        discovered=tuple(discovered),
        quotes=tuple(find_quotes(texts, mentions)),
        figures=tuple(find_figures([p.text if p.kind == "text" else "" for p in paragraphs])),
    )
