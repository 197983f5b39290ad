"""The whole generator, one stage a line: read, segment, extract, enrich, link, render, write."""

from __future__ import annotations

import gc
import pickle
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import Any

from . import catalog
from .actors import default_gazetteer
from .cache import ArticleCache, pickle_articles, seed_key, template_cache
from .changes import load_previous
from .enrich import enrich
from .errors import SeedError
from .extract import extract, page_outlet
from .figures import default_units
from .forked import CORES, ForkedMap
from .link import EarlyWords, LinkState, inputs_digest, link_incremental
from .models import Article, Corpus, Page, Problem, Seed, SeedFile
from .output import WriteReport, discard_staged, docs_lock, stage_page, write_pages
from .pagememo import PageMemo
from .reading import CATALOG_NAME, decode_seed, read_seed_files
from .render import CORPUS_PATH, effective_settings, render_pages
from .segment import segment
from .topics import OTHER, Lexicon, default_lexicon

# Parsing runs on several processes only for this many uncached seeds: starting a worker costs
# about as much as parsing a few dozen seeds.
PARALLEL_MIN_SEEDS = 64
# Seeds handed to a worker at a time: large enough to amortize the transfer, small enough to
# keep both cores busy to the end.
PARALLEL_CHUNK = 16
WORKERS = CORES
# The link stage's state, kept in the cache folder so that the next run links only the articles
# a change can affect (link.link_incremental).
LINK_STATE = "links.pickle"


# Called with (seeds parsed, seeds to parse) as parsing goes on.
Progress = Callable[[int, int], None]


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
    kept: int = 0  # pages the memo knew unchanged: not rendered at all (pagememo.py)
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


def process_seed(seed: Seed) -> tuple[list[Article], dict[str, float]]:
    """Segment, extract and enrich one seed: the per-seed work, cached and run in parallel."""
    watch, lexicon = Stopwatch(), default_lexicon()
    with watch.stage("segment"):
        blocks = segment(seed)
    with watch.stage("extract"):
        outlet = page_outlet(blocks)
        articles = [a for block in blocks if (a := extract(block, outlet)) is not None]
    with watch.stage("enrich"):
        enriched = [enrich(a, lexicon) for a in articles]
    return enriched, dict(watch.seconds)


# A seed file's parse as a worker sends it: the articles pickled (`process_seed_file`) and the
# seconds by stage, or the error that refused the file.
Parsed = tuple[bytes, dict[str, float]] | SeedError


def process_seed_file(file: tuple[SeedFile, bytes]) -> Parsed:
    """A seed file's bytes decoded into a seed (where it is parsed: decoding the 4,536 files of
    10,000 synthetic articles took 0.97 s, which the parent spent alone before any worker
    started), then `process_seed`, the articles pickled once, as the cache stores them: a
    worker's result crosses to the parent pickled anyway, and the parent writes the cache entry
    as it came instead of pickling the articles again (1.4 s at 10,000 articles, on the one core
    the workers leave free)."""
    (seed_file, data), started = file, time.perf_counter()
    try:
        seed = decode_seed(seed_file.name, data, seed_file.sha256)
    except SeedError as error:
        return error
    read = time.perf_counter() - started
    articles, seconds = process_seed(seed)
    return pickle_articles(articles), {"read": read, **seconds}


def _read_all(
    seeds_dir: Path, watch: Stopwatch, cache: ArticleCache
) -> tuple[
    list[SeedFile], dict[int, list[Article]], list[tuple[int, SeedFile, bytes]], list[SeedError]
]:
    """Every seed file read and hashed, in name order; the articles of those the cache holds
    (by position); the others, with their bytes, to parse; the errors of those refused.

    A cached seed is not decoded nor checked again: its entry was made from the same bytes by
    the same code, so they passed. The others are decoded where they are parsed. Their bytes
    stay in memory only until then (the decoded text of 10,000 synthetic articles is 53 MB).
    """
    with watch.stage("read"):
        read, errors = read_seed_files(seeds_dir)
    files: list[SeedFile] = []
    found: dict[int, list[Article]] = {}
    todo: list[tuple[int, SeedFile, bytes]] = []
    for file, data in read:
        cached = cache.get(file)
        if cached is None:
            todo.append((len(files), file, data))
        else:
            found[len(files)] = cached
        files.append(file)
    return files, found, todo, errors


def _parse_all(
    files: list[SeedFile],
    found: dict[int, list[Article]],
    todo: list[tuple[int, SeedFile, bytes]],
    watch: Stopwatch,
    cache: ArticleCache,
    progress: Progress | None = None,
    arrived: Callable[[list[Article]], None] | None = None,
) -> tuple[list[SeedFile], list[Article], list[Problem], list[SeedError]]:
    """The seed files that make seeds, and the articles of every one in seed order: `found`
    (from the cache) as they are, `todo` parsed on forked workers when there are enough of them
    to pay for starting the workers; the errors of the files refused. Each new parse is cached
    and given to `arrived` as it arrives, while the workers go on."""
    if todo:  # loaded before any worker is forked, so that the workers share them
        default_gazetteer(), default_units()
    refused: list[SeedError] = []
    with ForkedMap(
        process_seed_file,
        [(file, data) for _, file, data in todo],
        minimum=PARALLEL_MIN_SEEDS,
        chunk=PARALLEL_CHUNK,
        workers=WORKERS,
    ) as produced:
        for done, ((position, file, _), parsed) in enumerate(
            zip(todo, produced, strict=True), start=1
        ):
            if isinstance(parsed, SeedError):
                refused.append(parsed)
            else:
                pickled, seconds = parsed
                found[position] = list(pickle.loads(pickled))
                cache.put(file, pickled)
                if arrived is not None:
                    arrived(found[position])
                for stage, spent in seconds.items():
                    watch.seconds[stage] += spent
            if progress is not None:
                progress(done, len(todo))
    kept = [(position, file) for position, file in enumerate(files) if position in found]
    problems = [
        Problem(file.name, None, "no article found in this seed")
        for p, file in kept
        if not found[p]
    ]
    return [file for _, file in kept], [a for p, _ in kept for a in found[p]], problems, refused


def _apply_catalog(articles: list[Article], seeds_dir: Path, lexicon: Lexicon) -> list[Article]:
    path = seeds_dir / CATALOG_NAME
    entries = catalog.load_catalog(path, {t.id for t in lexicon.topics} | {OTHER})
    chosen = catalog.resolve(entries, articles, path)
    kept = [x for a in articles if (x := catalog.apply(a, chosen.get(a.id))) is not None]
    return [_without_other(a) for a in kept]


def build_corpus(
    seeds_dir: Path,
    lexicon: Lexicon | None = None,
    watch: Stopwatch | None = None,
    cache: ArticleCache | None = None,
    progress: Progress | None = None,
    origins: Origins | None = None,
) -> Corpus:
    """Read every seed and return the linked corpus, with the problems met on the way.

    `origins`, when given, is filled with each article's origin (see `fingerprint`)."""
    lexicon, watch = lexicon or default_lexicon(), watch or Stopwatch()
    cache = cache or ArticleCache(None)
    files, found, todo, unread = _read_all(seeds_dir, watch, cache)
    early = EarlyWords()
    seeds, enriched, empty, refused = _parse_all(
        files, found, todo, watch, cache, progress, early.add
    )
    errors = sorted(unread + refused, key=lambda error: error.path)  # name order, as read
    problems = [Problem(e.path, e.line, e.message, "error") for e in errors]
    if origins is not None:
        keys, positions = {s.name: seed_key(s) for s in seeds}, Counter[str]()
        for article in enriched:
            position = positions[article.seed]
            positions[article.seed] += 1
            origins.setdefault(article.id, (keys[article.seed], position, article))
    with watch.stage("enrich"):
        articles, duplicates = _deduplicate(enriched)
        articles = _apply_catalog(articles, seeds_dir, lexicon)
    with watch.stage("link"):
        before = cache.load_state(LINK_STATE)  # anything but a LinkState: link every article
        previous = before if isinstance(before, LinkState) else None
        # An article known by its parse, when known: cheaper than digesting what linking reads.
        identity = inputs_digest if origins is None else partial(fingerprint, origins=origins)
        linked, state = link_incremental(articles, previous, identity, early)
        if state is not previous:  # saving it took 0.2-0.4 s at 10,000 articles
            cache.save_state(LINK_STATE, state)
    return Corpus(tuple(linked), tuple(seeds), tuple(problems + empty + duplicates))


# Article id -> (key of its seed's parse, its position in the seed, the article as parsed).
Origins = dict[str, tuple[str, int, Article]]
ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


def fingerprint(article: Article, origins: Origins) -> object:
    """A stand-in for `article` in page keys that is cheap to digest: an article is a function
    of its seed's parse (named by the cache key and its position) and of the fields the catalog
    and the linker replaced afterwards; a field still holding the parsed object is unchanged."""
    origin = origins.get(article.id)
    if origin is None:
        return article
    key, position, parsed = origin
    replaced = tuple(
        (name, value)
        for name in ARTICLE_FIELDS
        if (value := getattr(article, name)) is not getattr(parsed, name)
    )
    return ("parsed", key, position, replaced)


def _without_other(article: Article) -> Article:
    """An editor may file an article under "other" explicitly: that is the empty topic list."""
    if OTHER in article.topics:
        return replace(article, topics=tuple(t for t in article.topics if t != OTHER))
    return article


def generate(
    seeds_dir: Path,
    docs_dir: Path,
    settings: dict[str, Any] | None = None,
    cache_dir: Path | None = None,
    previous: Path | None = None,
    progress: Progress | None = None,
    waiting: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build the corpus, render every page, then write the changed ones (nothing before that).

    `previous` is the last published corpus (default: the one in the docs folder), for "what's
    new" and redirects; it is read before anything is written. One generation at a time writes
    a docs folder: another one waits (`waiting(lock_file)` is told, see output.docs_lock).
    """
    lexicon, watch = default_lexicon(), Stopwatch()
    settings = effective_settings(settings)  # equal settings, however given: equal page keys
    origins: Origins = {}
    with docs_lock(docs_dir, waiting), _collector_spared():
        # With a cache, article and actor pages whose inputs did not change are not rendered
        # again, and the previous corpus is not read again while it is as the last run wrote it.
        memo = PageMemo(cache_dir, docs_dir, settings, lambda a: fingerprint(a, origins))
        previous = previous or docs_dir / CORPUS_PATH
        before = memo.previous_corpus(CORPUS_PATH, previous) or load_previous(previous)
        cache = ArticleCache(cache_dir)
        corpus = build_corpus(seeds_dir, lexicon, watch, cache, progress, origins)
        # Pages are rendered as the writer asks for them and staged in temporary files (article
        # pages where they are rendered: on the workers, when there are many); the docs folder
        # changes only once every page is rendered (output.write_pages).
        pages = render_pages(
            corpus,
            lexicon,
            settings,
            before,
            memo if memo.active else None,
            stage_page(docs_dir),
            template_cache(cache_dir),
        )
        started = time.perf_counter()
        try:
            written = write_pages(docs_dir, _timed(pages, watch, "render"), memo.kept)
        except BaseException:
            pages.close()  # stops the rendering (and its workers) now, not when collected...
            discard_staged(docs_dir)  # ...so that no page is staged after this
            raise
        pages.close()
        watch.seconds["write"] += time.perf_counter() - started - watch.seconds["render"]
        memo.save()
        cache.prune()  # only once the run succeeded: a failed one may be run again as it was
    total = len(written.written) + written.unchanged
    return BuildReport(corpus, total, written, len(memo.kept), dict(watch.seconds))


@contextmanager
def _collector_spared() -> Iterator[None]:
    """Automatic garbage collection off for a generation, as it was before afterwards.

    A generation builds a few million objects that all live to its end, and no reference cycles
    worth collecting (peak memory at 10,000 articles was the same with the collector off: 915
    against 913 MiB); the collector, triggered by the allocations, walked them again and again:
    adding one seed to 10,000 articles took 10.8 s with it and 7.8 s without (measured).

    Turned back on, the collector would find every object of the run in its youngest generation
    and walk them all at the next allocation (0.39 s at 10,000 articles, timed with
    gc.callbacks): they are moved to the oldest generation first, collected with it as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()  # two list splices, no walk: the young generations are now empty...
            gc.unfreeze()  # ...and what they held is in the oldest
            gc.enable()


def _timed(pages: Iterator[Page], watch: Stopwatch, stage: str) -> Iterator[Page]:
    """`pages`, with the time spent producing them counted as `stage`."""
    while True:
        with watch.stage(stage):
            page = next(pages, None)
        if page is None:
            return
        yield page


__all__ = ["BuildReport", "SeedError", "Stopwatch", "build_corpus", "generate", "parse_seed"]
