"""The whole generator, one stage a line: read, segment, extract, enrich, link, render, write."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import catalog
from .enrich import enrich
from .errors import SeedError
from .extract import extract, page_outlet
from .link import link
from .models import Article, Corpus, Page, Problem, Seed
from .output import WriteReport, write_pages
from .reading import CATALOG_NAME, read_seeds
from .render import render
from .segment import segment
from .topics import OTHER, Lexicon, default_lexicon


@dataclass(slots=True)
class Stopwatch:
    """Seconds spent per stage, summed over calls (for the summary line and `make bench`)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started


@dataclass(frozen=True, slots=True)
class BuildReport:
    corpus: Corpus
    pages: int
    written: WriteReport | None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.corpus.problems


def parse_seed(seed: Seed) -> list[Article]:
    """The articles of one seed, in file order."""
    blocks = segment(seed)
    outlet = page_outlet(blocks)
    return [a for block in blocks if (a := extract(block, outlet)) is not None]


def _deduplicate(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """One article per id: the same story in two seeds (or twice in one) is kept once."""
    seen: dict[str, Article] = {}
    problems = []
    for article in articles:
        first = seen.setdefault(article.id, article)
        if first is not article:
            problems.append(
                Problem(
                    article.seed,
                    article.lines[0],
                    f"same article as {first.seed}:{first.lines[0]}; kept once",
                )
            )
    return list(seen.values()), problems


def _parse_all(seeds: list[Seed], watch: Stopwatch) -> tuple[list[Article], list[Problem]]:
    extracted, problems = [], []
    for seed in seeds:
        with watch.stage("segment"):
            blocks = segment(seed)
        with watch.stage("extract"):
            outlet = page_outlet(blocks)
            articles = [a for block in blocks if (a := extract(block, outlet)) is not None]
        if not articles:
            problems.append(Problem(seed.name, None, "no article found in this seed"))
        extracted += articles
    return extracted, problems


def _apply_catalog(articles: list[Article], seeds_dir: Path, lexicon: Lexicon) -> list[Article]:
    path = seeds_dir / CATALOG_NAME
    entries = catalog.load_catalog(path, {t.id for t in lexicon.topics} | {OTHER})
    chosen = catalog.resolve(entries, articles, path)
    kept = [x for a in articles if (x := catalog.apply(a, chosen.get(a.id))) is not None]
    return [_without_other(a) for a in kept]


def build_corpus(
    seeds_dir: Path, lexicon: Lexicon | None = None, watch: Stopwatch | None = None
) -> Corpus:
    """Read every seed and return the linked corpus, with the problems met on the way."""
    lexicon, watch = lexicon or default_lexicon(), watch or Stopwatch()
    with watch.stage("read"):
        seeds, errors = read_seeds(seeds_dir)
    problems = [Problem(e.path, e.line, e.message, "error") for e in errors]
    extracted, empty = _parse_all(seeds, watch)
    with watch.stage("enrich"):
        articles, duplicates = _deduplicate([enrich(a, lexicon) for a in extracted])
        articles = _apply_catalog(articles, seeds_dir, lexicon)
    with watch.stage("link"):
        linked = link(articles)
    return Corpus(tuple(linked), tuple(seeds), tuple(problems + empty + duplicates))


def _without_other(article: Article) -> Article:
    """An editor may file an article under "other" explicitly: that is the empty topic list."""
    if OTHER in article.topics:
        return replace(article, topics=tuple(t for t in article.topics if t != OTHER))
    return article


def generate(
    seeds_dir: Path, docs_dir: Path, settings: dict[str, Any] | None = None
) -> BuildReport:
    """Build the corpus, render every page, then write the changed ones (nothing before that)."""
    lexicon, watch = default_lexicon(), Stopwatch()
    corpus = build_corpus(seeds_dir, lexicon, watch)
    with watch.stage("render"):
        pages: list[Page] = render(corpus, lexicon, settings)
    with watch.stage("write"):
        written = write_pages(docs_dir, pages)
    return BuildReport(corpus, len(pages), written, dict(watch.seconds))


__all__ = ["BuildReport", "SeedError", "Stopwatch", "build_corpus", "generate", "parse_seed"]
