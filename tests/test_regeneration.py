"""Regeneration: cache equals full run, stable URLs, what's new, redirects for moved URLs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from generator.cache import ArticleCache, pickle_articles, template_cache
from generator.pipeline import generate
from generator.reading import read_seed
from generator.render import TEMPLATES

from .conftest import FIXTURES, SEEDS


def _tree(folder: Path) -> dict[str, bytes]:
    files = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def _memoized(docs: Path) -> list[Path]:
    """The pages the page memo may keep: one per article, per actor (not the actors index) and
    per year of each topic and of the dated index (not the indexes, nor the review list)."""
    indexes = {docs / "actors/index.md", docs / "dates/index.md", docs / "dates/review.md"}
    pages = [*docs.glob("articles/*.md"), *docs.glob("actors/*.md"), *docs.glob("dates/*.md")]
    return [*(p for p in pages if p not in indexes), *docs.glob("topics/*/*.md")]


def _corpus(docs: Path) -> dict:
    return json.loads((docs / "data/corpus.json").read_text(encoding="utf-8"))


def _seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def test_cached_run_is_byte_identical_to_a_full_run(tmp_path: Path):
    seeds, cache = _seeds(tmp_path), tmp_path / "cache"
    generate(seeds, tmp_path / "full", cache_dir=None)
    generate(seeds, tmp_path / "warm", cache_dir=cache)  # fills the cache
    second = generate(seeds, tmp_path / "cached", cache_dir=cache)
    assert _tree(tmp_path / "full") == _tree(tmp_path / "warm") == _tree(tmp_path / "cached")
    assert second.seconds.get("segment", 0) == 0  # nothing was parsed again


def test_cache_entries_follow_the_seed_content(tmp_path: Path):
    cache = ArticleCache(tmp_path / "cache")
    seed = read_seed(FIXTURES / "agency_slash.txt")
    assert cache.get(seed) is None
    cache.put(seed, pickle_articles([]))
    assert cache.get(seed) == []
    changed = read_seed(FIXTURES / "no_tt_marker.txt")
    assert cache.get(changed) is None
    (entry,) = (tmp_path / "cache").glob("articles-*/*.pickle")
    entry.write_bytes(b"damaged")
    assert cache.get(seed) is None  # a damaged entry is a miss, not an error


def test_the_cache_keeps_only_what_the_last_generation_used(tmp_path: Path):
    """Entries of removed seeds and of other generator versions (older layouts included) go;
    the link state, the page memo and files the cache does not own stay."""
    seeds, cache = _seeds(tmp_path), tmp_path / "cache"
    generate(seeds, tmp_path / "docs", cache_dir=cache)
    (current,) = cache.glob("articles-*")
    assert len(list(current.iterdir())) == len(list(seeds.glob("*.txt")))
    (cache / "articles-0123456789abcdef").mkdir()
    (cache / "articles-0123456789abcdef" / f"{'a' * 32}.pickle").write_bytes(b"older version")
    (cache / f"{'b' * 32}.pickle").write_bytes(b"before entries had a folder")
    (cache / "notes.txt").write_text("not the cache's", "utf-8")
    kept = {p.name for p in cache.iterdir()} - {"articles-0123456789abcdef", f"{'b' * 32}.pickle"}
    removed = sorted(seeds.glob("*.txt"))[0]
    removed.unlink()
    generate(seeds, tmp_path / "docs", cache_dir=cache)
    assert {p.name for p in cache.iterdir()} == kept
    assert len(list(current.iterdir())) == len(list(seeds.glob("*.txt")))
    again = generate(seeds, tmp_path / "docs", cache_dir=cache)
    assert again.seconds.get("segment", 0) == 0  # what was kept is still used


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(tmp_path: Path):
    seeds, cache = _seeds(tmp_path), tmp_path / "cache"
    generate(seeds, tmp_path / "full", cache_dir=None)
    generate(seeds, tmp_path / "warm", cache_dir=cache)
    compiled = sorted((cache / "templates").iterdir())
    assert 0 < len(compiled) <= len(list(TEMPLATES.glob("*.j2")))  # one per template rendered
    compiled[0].write_bytes(b"damaged")
    generate(seeds, tmp_path / "again", cache_dir=cache)
    assert sorted((cache / "templates").iterdir()) == compiled  # replaced, not added to
    assert _tree(tmp_path / "full") == _tree(tmp_path / "warm") == _tree(tmp_path / "again")
    assert compiled[0].read_bytes() != b"damaged"  # compiled again and replaced


def test_an_edited_template_is_compiled_again_not_taken_from_the_cache(tmp_path: Path):
    compiled = template_cache(tmp_path)

    def rendered(source: str) -> str:
        env = Environment(loader=DictLoader({"page.md.j2": source}), bytecode_cache=compiled)
        return env.get_template("page.md.j2").render()

    assert rendered("first") == "first"
    assert rendered("first") == "first"  # now from the cache
    assert rendered("edited") == "edited"
    assert len(list((tmp_path / "templates").iterdir())) == 1


def test_a_cache_that_cannot_be_written_costs_a_parse_not_the_run(tmp_path: Path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", "utf-8")
    report = generate(_seeds(tmp_path), tmp_path / "docs", cache_dir=blocker)
    assert report.corpus.articles
    assert blocker.read_text("utf-8") == "a file where the cache folder should be"


def test_adding_a_seed_keeps_every_existing_url_and_shows_as_new(tmp_path: Path):
    seeds, docs = _seeds(tmp_path), tmp_path / "docs"
    generate(seeds, docs)
    before = {a["id"]: a["url"] for a in _corpus(docs)["articles"]}
    shutil.copy(FIXTURES / "two_articles_teasers.txt", seeds / "zzz_new.txt")
    shutil.copy(FIXTURES / "agency_slash.txt", seeds / "000_first_by_name.txt")
    report = generate(seeds, docs)
    after = {a["id"]: a["url"] for a in _corpus(docs)["articles"]}
    assert {i: after[i] for i in before} == before
    updates = (docs / "updates/index.md").read_text(encoding="utf-8")
    assert "- مقالات جديدة: 3\n" in updates
    assert "وصول أول قطار شحن إلى ميناء الفاو" in updates
    assert len(report.written.written) < report.pages  # unchanged pages were not rewritten


def test_a_pinned_slug_leaves_a_redirect_that_survives_later_runs(tmp_path: Path):
    seeds, docs = _seeds(tmp_path), tmp_path / "docs"
    generate(seeds, docs)
    article = _corpus(docs)["articles"][0]
    (seeds / "catalog.yml").write_text(f"{article['id']}:\n  slug: pinned-name\n", encoding="utf-8")
    generate(seeds, docs)
    new_url = f"articles/pinned-name-{article['id']}/"
    assert _corpus(docs)["redirects"] == {article["url"]: new_url}
    page = (docs / article["url"] / "index.html").read_text(encoding="utf-8")
    assert f'url=../../{new_url}"' in page
    generate(seeds, docs)  # the previous corpus no longer lists the old URL as an article
    assert _corpus(docs)["redirects"] == {article["url"]: new_url}
    assert (docs / article["url"] / "index.html").is_file()


def test_a_damaged_previous_corpus_is_a_clear_error(tmp_path: Path):
    import pytest

    from generator.errors import DataError

    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "data/corpus.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="previous corpus is not readable JSON"):
        generate(_seeds(tmp_path), docs)


def test_a_takedown_removes_the_article_from_every_page_and_feed(tmp_path: Path):
    seeds, docs = _seeds(tmp_path), tmp_path / "docs"
    generate(seeds, docs)
    article = _corpus(docs)["articles"][0]
    (seeds / "catalog.yml").write_text(f"{article['id']}:\n  hidden: true\n", encoding="utf-8")
    generate(seeds, docs)
    assert not (docs / article["url"]).exists()
    for path in docs.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert article["id"] not in text, path
            assert article["title"] not in text, path


def _incremental_equals_full(tmp_path: Path, seeds: Path, change) -> int:
    """Generate into one docs folder with the cache, apply `change` to the seeds folder,
    regenerate there; the result must equal a full run without cache on a copy of the docs folder
    as it was before (the same previous corpus). Returns the pages the incremental run rendered."""
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    generate(seeds, docs, cache_dir=cache)
    shutil.copytree(docs, tmp_path / "full")
    change(seeds, docs)
    shutil.copytree(docs, tmp_path / "full", dirs_exist_ok=True)  # hand edits, as the change did
    incremental = generate(seeds, docs, cache_dir=cache)
    generate(seeds, tmp_path / "full", cache_dir=None)
    assert _tree(docs) == _tree(tmp_path / "full")
    return incremental.pages - incremental.kept


def test_adding_each_founding_seed_incrementally_equals_a_full_run(tmp_path: Path):
    """Each founding seed in turn arrives last: its teasers, versions, related articles and
    actors change pages of the others, which the incremental run must render again."""
    for seed in sorted(SEEDS.glob("*.txt")):
        work = tmp_path / seed.stem
        seeds = _seeds(work)
        held = work / "held.txt"
        shutil.move(seeds / seed.name, held)
        arrive = lambda s, _d, h=held, n=seed.name: shutil.move(h, s / n)  # noqa: E731
        _incremental_equals_full(work, seeds, arrive)


def test_editing_removing_and_redating_incrementally_equal_a_full_run(tmp_path: Path):
    first, second = sorted(SEEDS.glob("*.txt"))[:2]

    def edit(seeds: Path, _docs: Path) -> None:
        # A new paragraph naming an actor the seed did not name, and a changed line.
        text = (seeds / first.name).read_text(encoding="utf-8")
        extra = "\n\nوقال وزير الخارجية العراقي فؤاد حسين إن الحوار مستمر.\n"
        (seeds / first.name).write_text(text.replace("\n", " \n", 1) + extra, encoding="utf-8")

    def remove(seeds: Path, _docs: Path) -> None:
        (seeds / second.name).unlink()

    def redate(seeds: Path, docs: Path) -> None:
        article = _corpus(docs)["articles"][0]
        catalog = f"{article['id']}:\n  date: 2019-05-04\n"
        (seeds / "catalog.yml").write_text(catalog, encoding="utf-8")

    for name, change in {"edit": edit, "remove": remove, "redate": redate}.items():
        _incremental_equals_full(tmp_path / name, _seeds(tmp_path / name), change)


def test_a_hand_edited_or_deleted_page_is_rendered_again(tmp_path: Path):
    def tamper(_seeds: Path, docs: Path) -> None:
        pages = sorted((docs / "articles").glob("*.md"))
        pages[0].write_text(pages[0].read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
        pages[1].unlink()
        actor = sorted((docs / "actors").glob("*.md"))[1]
        actor.write_text("gone\n", encoding="utf-8")
        # One character of an article's body replaced by as many bytes: same size, but the
        # article's line may no longer be copied from the file (pagememo.earlier_lines).
        corpus = docs / "data/corpus.json"
        text = corpus.read_text(encoding="utf-8")
        at = text.index('"body": ["') + len('"body": ["')
        same_size = "x" * len(text[at].encode("utf-8"))
        corpus.write_text(text[:at] + same_size + text[at + 1 :], encoding="utf-8")

    # The copy for the full run carries the same damage; both must repair it.
    seeds = _seeds(tmp_path)
    rendered = _incremental_equals_full(tmp_path, seeds, tamper)
    generate(seeds, tmp_path / "fresh", cache_dir=None)
    fresh = tmp_path / "fresh"
    # Memoized pages are kept when intact; every other page is rendered.
    unmemoized = len(_tree(fresh)) - len(_memoized(fresh))
    assert rendered == unmemoized + 3


def test_an_unchanged_regeneration_renders_no_memoized_page(tmp_path: Path, monkeypatch):
    from generator import render

    seeds, docs, cache = _seeds(tmp_path), tmp_path / "docs", tmp_path / "cache"
    generate(seeds, docs, cache_dir=cache)
    encoded = []
    original = render._article_json
    monkeypatch.setattr(render, "_article_json", lambda *a: encoded.append(a) or original(*a))
    again = generate(seeds, docs, cache_dir=cache)
    memoized = _memoized(docs)
    assert len(list(docs.glob("articles/*.md"))) > 10 and len(list(docs.glob("actors/*.md"))) > 50
    assert len(list(docs.glob("topics/*/*.md"))) > 10 and len(list(docs.glob("dates/*.md"))) > 3
    assert again.kept == len(memoized)
    assert again.written.written == ("updates/index.md",)  # "nothing new since the last run"
    assert encoded == []  # every article's corpus line was copied from the file as written


def test_page_keys_depend_on_values_not_on_object_identity(tmp_path: Path):
    """An article parsed now and the same article loaded from the cache give the same key."""
    import pickle

    from generator.pagememo import digest

    report = generate(_seeds(tmp_path), tmp_path / "docs", cache_dir=None)
    for article in report.corpus.articles:
        assert digest(article) == digest(pickle.loads(pickle.dumps(article)))
    first, second = report.corpus.articles[:2]
    assert digest(first) != digest(second)


def test_pages_rendered_on_forked_workers_are_the_same(tmp_path: Path, monkeypatch):
    from generator import render

    seeds = _seeds(tmp_path)
    generate(seeds, tmp_path / "one", cache_dir=None)
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(render, "PARALLEL_CHUNK", 3)
    monkeypatch.setattr(render, "PARALLEL_MIN_ACTOR_PAGES", 1)
    monkeypatch.setattr(render, "PARALLEL_ACTOR_CHUNK", 2)
    monkeypatch.setattr(render, "WORKERS", 2)
    generate(seeds, tmp_path / "two", cache_dir=None)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert len(list((tmp_path / "two" / "actors").glob("*.md"))) > 3  # both workers had some


def test_links_found_on_forked_workers_are_the_same(tmp_path: Path, monkeypatch):
    from generator import link
    from generator.synth import synthesize

    seeds = _seeds(tmp_path)
    synthesize(SEEDS, seeds, 60, seed=2)  # beside the founding seeds: reprinted leads too
    here = generate(seeds, tmp_path / "one", cache_dir=None)
    monkeypatch.setattr(link, "PARALLEL_MIN_ARTICLES", 1)
    monkeypatch.setattr(link, "PARALLEL_CHUNK", 2)
    monkeypatch.setattr(link, "WORKERS", 2)
    workers = generate(seeds, tmp_path / "two", cache_dir=None)
    assert workers.corpus == here.corpus
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    # The comparison covers every kind of link.
    assert any(a.related for a in here.corpus.articles)
    assert any(t.article for a in here.corpus.articles for t in a.teasers)
    assert any(a.versions for a in here.corpus.articles)


def test_seeds_parsed_on_workers_give_the_same_site_and_cache(tmp_path: Path, monkeypatch):
    """Parsed on two worker processes (one seed at a time), the articles and the cache entries
    the workers pickled are those of a parse in this process."""
    from generator import pipeline
    from generator.reading import read_seeds

    seeds = _seeds(tmp_path)
    generate(seeds, tmp_path / "here", cache_dir=tmp_path / "here-cache")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SEEDS", 1)
    monkeypatch.setattr(pipeline, "PARALLEL_CHUNK", 1)
    monkeypatch.setattr(pipeline, "WORKERS", 2)
    parsed = generate(seeds, tmp_path / "workers", cache_dir=tmp_path / "workers-cache")
    assert parsed.seconds["segment"] > 0  # parsed, not taken from a cache
    assert _tree(tmp_path / "here") == _tree(tmp_path / "workers")
    here, workers = ArticleCache(tmp_path / "here-cache"), ArticleCache(tmp_path / "workers-cache")
    read = read_seeds(seeds)[0]
    for seed in read:
        assert workers.get(seed) == here.get(seed) is not None
    assert workers.hits == here.hits == len(read) > 1


def test_seeds_refused_on_workers_are_reported_as_in_one_process(tmp_path: Path, monkeypatch):
    """Seeds are decoded where they are parsed: a worker's refusal comes back as the same
    error, in name order among the others, and the progress counts the refused seeds too."""
    from generator import pipeline

    seeds = _seeds(tmp_path)
    (seeds / "0_empty.txt").write_text("  \n", encoding="utf-8")
    (seeds / "m_page.txt").write_text("<!DOCTYPE html><html><p>نص</p></html>", encoding="utf-8")
    (seeds / "z_latin.txt").write_text("No Arabic here.\n", encoding="utf-8")
    here = generate(seeds, tmp_path / "here", cache_dir=None)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SEEDS", 1)
    monkeypatch.setattr(pipeline, "PARALLEL_CHUNK", 1)
    monkeypatch.setattr(pipeline, "WORKERS", 2)
    counted: list[tuple[int, int]] = []
    there = generate(
        seeds, tmp_path / "workers", cache_dir=None, progress=lambda *n: counted.append(n)
    )
    errors = [(p.path, p.line, p.message) for p in there.problems if p.severity == "error"]
    assert errors == [
        ("0_empty.txt", None, "empty file"),
        ("m_page.txt", 1, "an HTML page, not a text scrape: save the page's text"),
        ("z_latin.txt", None, "no Arabic text"),
    ]
    assert there.problems == here.problems
    assert [s.name for s in there.corpus.seeds] == [s.name for s in here.corpus.seeds]
    assert "m_page.txt" not in {s.name for s in there.corpus.seeds}
    assert counted[-1] == (len(list(seeds.glob("*.txt"))),) * 2
    assert _tree(tmp_path / "here") == _tree(tmp_path / "workers")


def test_a_failed_write_stops_the_rendering_workers_and_leaves_the_docs(
    tmp_path: Path, monkeypatch
):
    """When writing fails while article pages render on workers, the workers are stopped at
    once and the docs folder is as it was."""
    import multiprocessing

    from generator import output, render

    seeds, docs = _seeds(tmp_path), tmp_path / "docs"
    generate(seeds, docs, cache_dir=None)
    before = _tree(docs)
    (seeds / "zz_new.txt").write_text((FIXTURES / "agency_slash.txt").read_text(encoding="utf-8"))
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(render, "PARALLEL_CHUNK", 1)
    monkeypatch.setattr(render, "WORKERS", 2)
    real_stage, staged = output._stage, []

    def failing_stage(target, content):
        staged.append(target)
        if sum(path.parent.name == "articles" for path in staged) == 2:  # the workers are busy
            raise OSError("no space")
        return real_stage(target, content)

    monkeypatch.setattr(output, "_stage", failing_stage)
    try:
        generate(seeds, docs, cache_dir=None)
    except OSError as error:
        failure = error  # holds the traceback, and with it the run's frames, as a caller may
    else:
        pytest.fail("the write did not fail")
    assert str(failure) == "no space"
    assert multiprocessing.active_children() == []
    assert _tree(docs) == before


def test_fingerprints_match_between_a_fresh_parse_and_the_cache(tmp_path: Path):
    """The memo's stand-in for an article (pipeline.fingerprint) names its seed's parse and the
    fields replaced after it: equal for a fresh parse and a cached one, different when the
    linker gives the article another related article."""
    from dataclasses import replace

    from generator.pagememo import digest
    from generator.pipeline import build_corpus, fingerprint

    seeds, cache = _seeds(tmp_path), ArticleCache(tmp_path / "cache")
    fresh_origins, cached_origins = {}, {}
    fresh = build_corpus(seeds, cache=cache, origins=fresh_origins)
    cached = build_corpus(seeds, cache=cache, origins=cached_origins)
    assert cache.hits == len(fresh.seeds)
    for one, other in zip(fresh.articles, cached.articles, strict=True):
        assert digest(fingerprint(one, fresh_origins)) == digest(fingerprint(other, cached_origins))
    article = fresh.articles[0]
    relinked = replace(article, related=(*article.related, "another-id"))
    before = digest(fingerprint(article, fresh_origins))
    assert digest(fingerprint(relinked, fresh_origins)) != before


def test_a_generation_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path):
    """The collector is paused during a run (pipeline._collector_spared), never left paused."""
    import gc

    seeds = _seeds(tmp_path)
    assert gc.isenabled()
    generate(seeds, tmp_path / "on")
    assert gc.isenabled()
    gc.disable()
    try:
        generate(seeds, tmp_path / "off")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_generation_leaves_its_objects_out_of_the_young_generations(tmp_path: Path):
    """Turned back on after a run, the collector does not walk the run's objects as young ones:
    no collection during or right after a run finds more than a few hundred objects young."""
    import gc

    seeds = _seeds(tmp_path)
    young: list[int] = []

    def count_young(phase: str, info: dict) -> None:
        if phase == "start":
            young.append(len(gc.get_objects(generation=0)))

    gc.callbacks.append(count_young)
    try:
        generate(seeds, tmp_path / "docs")
        [[] for _ in range(10 * gc.get_threshold()[0])]  # tracked allocations: a collection
    finally:
        gc.callbacks.remove(count_young)
    assert young and max(young) < 5 * gc.get_threshold()[0]


def test_settings_left_out_and_given_as_their_defaults_share_the_page_memo(tmp_path: Path):
    """A run from Python without settings, then one with the command line's defaults: the same
    settings, so the second renders no article page again."""
    from generator import cli

    seeds, docs, cache = _seeds(tmp_path), tmp_path / "docs", tmp_path / "cache"
    generate(seeds, docs, cache_dir=cache)
    cli_defaults = cli._settings(cli._parser().parse_args(["generate"]))
    again = generate(seeds, docs, cli_defaults, cache_dir=cache)
    assert again.kept >= len(list((docs / "articles").glob("*.md")))
    excerpt = generate(seeds, docs, {**cli_defaults, "full_text": False}, cache_dir=cache)
    assert excerpt.kept == 0  # another setting: every page is rendered again


def test_an_unchanged_excerpt_site_reports_nothing_changed(tmp_path: Path):
    """In excerpt mode corpus.json publishes each article's lead only; "what's new" compares
    like with like (it reported every article as changed on every run)."""
    seeds, docs = _seeds(tmp_path), tmp_path / "docs"
    generate(seeds, docs, {"full_text": False})
    generate(seeds, docs, {"full_text": False})
    updates = (docs / "updates/index.md").read_text(encoding="utf-8")
    assert "- مقالات جديدة: 0\n" in updates
    assert "- مقالات تغيّر نصها أو تاريخها أو مواضيعها: 0\n" in updates


def test_corpus_json_bodies_hold_text_paragraphs_only(tmp_path: Path):
    """The published body is the text paragraphs (no subheads or inline captions): all of them,
    or the lead alone in excerpt mode."""
    seeds = _seeds(tmp_path)
    report = generate(seeds, tmp_path / "full")
    published = {a["id"]: a for a in _corpus(tmp_path / "full")["articles"]}
    with_subheads = [
        a for a in report.corpus.articles if any(p.kind == "subhead" for p in a.paragraphs)
    ]
    assert with_subheads  # the founding seeds have subheads: the check below means something
    for article in report.corpus.articles:
        text = [p.text for p in article.paragraphs if p.kind == "text"]
        assert published[article.id]["body"] == text
    generate(seeds, tmp_path / "excerpt", {"full_text": False})
    for entry in _corpus(tmp_path / "excerpt")["articles"]:
        assert entry["body"] == published[entry["id"]]["body"][:1]


def test_adding_a_seed_renders_only_the_year_pages_it_changes(tmp_path: Path, monkeypatch):
    """A year's page of a topic or of the dated index is rendered again only when what it shows
    changed (its articles, their cards, its events, its neighbouring years)."""
    from generator import pipeline

    rendered: list[str] = []
    original = pipeline.render_pages

    def recording(*args, **kwargs):
        for page in original(*args, **kwargs):
            rendered.append(page.path)
            yield page

    monkeypatch.setattr(pipeline, "render_pages", recording)
    seeds, docs, cache = _seeds(tmp_path), tmp_path / "docs", tmp_path / "cache"
    generate(seeds, docs, cache_dir=cache)
    before = _tree(docs)
    shutil.copy(FIXTURES / "two_articles_teasers.txt", seeds / "zzz_new.txt")
    rendered.clear()
    generate(seeds, docs, cache_dir=cache)
    after = _tree(docs)
    year_pages = {p.relative_to(docs).as_posix() for p in _memoized(docs)} - {
        p for p in after if p.startswith(("articles/", "actors/"))
    }
    changed = {p for p in year_pages if before.get(p) != after[p]}
    assert changed and len(changed) < len(year_pages)
    assert {p for p in rendered if p in year_pages} == changed


def test_rewording_a_timeline_event_renders_its_years_page_again(tmp_path: Path):
    """An event's words are part of its year's page: the memo must not keep the page."""
    from generator.enrich import enrich
    from generator.pipeline import parse_seed
    from generator.topics import default_lexicon

    lexicon = default_lexicon()
    before: dict[str, bytes] = {}

    def reword(seeds: Path, docs: Path) -> None:
        before.update(_tree(docs))
        path, event = next(
            (path, events[0])
            for path in sorted(seeds.glob("*.txt"))
            for parsed in parse_seed(read_seed(path))
            if (events := enrich(parsed, lexicon).events)
        )
        lines = path.read_text(encoding="utf-8").split("\n")
        assert event.text in lines[event.line - 1]
        doubled = f"{event.text.split()[0]} {event.text}"  # its first word twice
        lines[event.line - 1] = lines[event.line - 1].replace(event.text, doubled, 1)
        path.write_text("\n".join(lines), encoding="utf-8")

    seeds = _seeds(tmp_path)
    _incremental_equals_full(tmp_path, seeds, reword)
    after = _tree(tmp_path / "docs")
    years = [p for p in after if p.startswith("topics/") and p.count("/") == 2]
    assert any(before.get(p) != after[p] for p in years)


def _letter_pages(docs: Path) -> list[Path]:
    return sorted((docs / "dates/undated").glob("*.md"))


def test_a_retitled_undated_article_moves_between_letter_pages_incrementally(
    tmp_path: Path, monkeypatch
):
    """With undated lists split by letter, a title correction moves the article to its new
    letter's page and out of the old one, as a full run would."""
    from collections import Counter

    from generator import render
    from generator.arabic import initial

    monkeypatch.setattr(render, "UNDATED_SPLIT", 1)
    moved: list[str] = []

    def retitle(seeds: Path, docs: Path) -> None:
        undated = [a for a in _corpus(docs)["articles"] if not a["date"]]
        letters = Counter(initial(a["title"]) for a in undated)
        # One whose letter has others: its page stays, and must lose it.
        article = next(a for a in undated if letters[initial(a["title"])] > 1)
        moved.append(article["title"])
        assert any(moved[0] in p.read_text(encoding="utf-8") for p in _letter_pages(docs))
        catalog = f"{article['id']}:\n  title: يوم جديد في العاصمة\n"  # under ي
        (seeds / "catalog.yml").write_text(catalog, encoding="utf-8")

    _incremental_equals_full(tmp_path, _seeds(tmp_path), retitle)
    docs = tmp_path / "docs"
    page = (docs / "dates/undated/ya.md").read_text(encoding="utf-8")
    assert "يوم جديد في العاصمة" in page
    assert not any(moved[0] in p.read_text(encoding="utf-8") for p in _letter_pages(docs))


def test_a_seed_newer_than_every_article_rewrites_only_the_pages_that_link_to_it(tmp_path: Path):
    """A new day's scrape changes the article pages that now link to it (related articles,
    versions, teasers, the newer-in-topic link) and no other article page: related lists rank
    ties by nearness in date order, so it does not push an older article out of every list of
    its topics."""
    from generator.synth import synthesize

    seeds, docs, cache = tmp_path / "seeds", tmp_path / "docs", tmp_path / "cache"
    synthesize(SEEDS, seeds, 150, seed=1)
    generate(seeds, docs, cache_dir=cache)
    before = _tree(docs)
    synthesize(SEEDS, tmp_path / "new", 1, seed=7, dated="2031-06-15")
    shutil.copy(tmp_path / "new/synth_000000.txt", seeds / "zz_new.txt")
    generate(seeds, docs, cache_dir=cache)
    new = next(a for a in _corpus(docs)["articles"] if a["seed"] == "zz_new.txt")
    assert new["date"]["value"] == "2031-06"
    new_page = new["url"].rstrip("/") + ".md"
    after = _tree(docs)
    pages = {p: content for p, content in after.items() if p.startswith("articles/")}
    linking = {
        p
        for p, content in pages.items()
        if f"]({new_page[len('articles/') :]})".encode() in content
    }
    rewritten = {p for p, content in pages.items() if before.get(p) != content}
    assert linking  # the newer-in-topic link of the article that was the newest, at least
    assert rewritten == linking | {new_page}


def test_a_cached_seed_is_not_decoded_again_and_refusals_are_reported_alike(
    tmp_path: Path, monkeypatch
):
    """A seed the cache holds is taken from it without decoding its bytes again; the seeds that
    are refused are refused with the same messages, in name order, with the cache or without."""
    from generator import reading

    seeds, docs, cache = _seeds(tmp_path), tmp_path / "docs", tmp_path / "cache"
    shutil.copy(FIXTURES / "cp1256.txt", seeds / "legacy.txt")
    (seeds / "broken.txt").write_bytes(b"\xd8\xa7\n\xff\xfe\n")
    (seeds / "page.txt").write_text("<!doctype html><html><body>نص</body></html>", "utf-8")
    first = generate(seeds, docs, cache_dir=cache)
    decoded: list[bytes] = []
    original = reading.decode

    def counting(data: bytes, name: str) -> str:
        decoded.append(data)
        return original(data, name)

    monkeypatch.setattr(reading, "decode", counting)
    shutil.copy(docs / "data/corpus.json", tmp_path / "previous.json")
    edited = sorted(SEEDS.glob("*.txt"))[0].name
    (seeds / edited).write_text((seeds / edited).read_text("utf-8") + "\nفقرة.\n", "utf-8")
    second = generate(seeds, docs, cache_dir=cache)
    # The edited seed and the two refused ones (a refusal is never cached); not the others.
    expected = sorted(("broken.txt", edited, "page.txt"))
    assert decoded == [(seeds / name).read_bytes() for name in expected]
    refusals = [(p.path, p.line, p.message) for p in first.problems if p.severity == "error"]
    assert [p.path for p in first.problems if p.severity == "error"] == ["broken.txt", "page.txt"]
    assert [(p.path, p.line, p.message) for p in second.problems if p.severity == "error"] == (
        refusals
    )
    assert [s.name for s in second.corpus.seeds] == [s.name for s in first.corpus.seeds]
    assert "legacy.txt" in [s.name for s in second.corpus.seeds]
    generate(seeds, tmp_path / "full", cache_dir=None, previous=tmp_path / "previous.json")
    assert _tree(docs) == _tree(tmp_path / "full")


@pytest.mark.parametrize("cached", [False, True])
def test_whats_new_counts_an_edited_text_and_skips_entries_that_are_not_articles(
    tmp_path: Path, cached: bool
):
    """An article whose published text changed is "changed", the others are not; an entry of the
    previous corpus that is not an object (a hand-edited file) is left out, not a crash. With
    the cache, the hand-edited file is read, not what the page memo kept of it as written."""
    seeds, docs = _seeds(tmp_path), tmp_path / "docs"
    cache = tmp_path / "cache" if cached else None
    shutil.copy(FIXTURES / "agency_slash.txt", seeds / "zz_agency.txt")
    generate(seeds, docs, cache_dir=cache)
    corpus = _corpus(docs)
    # Not an object; an object whose line span is not a list, at a URL no article serves.
    corpus["articles"] += [42, {"id": "gone", "url": "articles/gone-0/", "lines": 5}]
    corpus["articles"][0]["title"] += "\ud800"  # a lone surrogate, which JSON can escape
    corpus["redirects"] = ["not", "an", "object"]
    (docs / "data/corpus.json").write_text(json.dumps(corpus), "utf-8")
    text = (seeds / "zz_agency.txt").read_text(encoding="utf-8")
    edited = text.replace("الاجتماع سيعقد", "الاجتماع سوف يعقد")
    assert edited != text
    (seeds / "zz_agency.txt").write_text(edited, encoding="utf-8")
    generate(seeds, docs, cache_dir=cache)
    updates = (docs / "updates/index.md").read_text(encoding="utf-8")
    assert "- مقالات جديدة: 0\n" in updates
    assert "- مقالات تغيّر نصها أو تاريخها أو مواضيعها: 2\n" in updates  # and the retitled
    assert "- مقالات أُزيلت: 1\n" in updates  # the object: no article has its id now


@pytest.mark.parametrize("full_text", [True, False])
def test_the_page_memo_keeps_the_previous_corpus_as_it_would_be_read(
    tmp_path: Path, full_text: bool
):
    """What the memo keeps of the corpus file for the next run (its summary and each article's
    fingerprint) is what reading the file gives, redirects and excerpt mode included; it is
    used only for that file, and only while it is as written."""
    from generator.changes import load_previous
    from generator.pagememo import PageMemo
    from generator.pipeline import Origins, build_corpus, fingerprint
    from generator.render import CORPUS_PATH, effective_settings

    seeds, docs, cache = _seeds(tmp_path), tmp_path / "docs", tmp_path / "cache"
    settings = effective_settings({"full_text": full_text})
    generate(seeds, docs, settings, cache_dir=cache)
    article = _corpus(docs)["articles"][0]
    catalog = f"{article['id']}:\n  slug: pinned-by-an-editor\n"  # a redirect from its old URL
    (seeds / "catalog.yml").write_text(catalog, encoding="utf-8")
    report = generate(seeds, docs, settings, cache_dir=cache)
    corpus_file = docs / CORPUS_PATH
    origins: Origins = {}  # articles named as a generation names them to the memo
    corpus = build_corpus(seeds, cache=ArticleCache(cache), origins=origins)
    assert corpus.articles == report.corpus.articles
    memo = PageMemo(cache, docs, settings, lambda article: fingerprint(article, origins))
    kept = memo.previous_corpus(CORPUS_PATH, corpus_file)
    read = load_previous(corpus_file)
    assert kept == read is not None and read["redirects"]
    assert len(kept["articles"]) == len(report.corpus.articles) > 1
    fingerprints = {a["id"]: a["fingerprint"] for a in read["articles"]}
    for article in corpus.articles:
        assert memo.known_fingerprint(article) == fingerprints[article.id]
    shutil.copy(corpus_file, tmp_path / "elsewhere.json")
    assert memo.previous_corpus(CORPUS_PATH, tmp_path / "elsewhere.json") is None
    corpus_file.write_bytes(corpus_file.read_bytes() + b"\n")  # no longer as written
    assert memo.previous_corpus(CORPUS_PATH, corpus_file) is None


def _held_elsewhere(docs: Path):
    """The docs folder's lock, taken as another process would take it (its own open file)."""
    import fcntl

    handle = (docs.parent / f".{docs.name}.briefing-lock").open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise
    return handle


def test_a_generation_waits_while_another_run_writes_the_docs_folder(tmp_path: Path):
    import threading

    seeds, docs = _seeds(tmp_path), tmp_path / "docs"
    other = _held_elsewhere(docs)
    told = threading.Event()
    told_of: list[Path] = []

    def waiting(lock: Path) -> None:
        told_of.append(lock)
        told.set()

    run = threading.Thread(target=generate, args=(seeds, docs), kwargs={"waiting": waiting})
    run.start()
    try:
        assert told.wait(timeout=60)
        assert told_of == [tmp_path / ".docs.briefing-lock"]
        assert not docs.exists()  # nothing written while the other run holds the folder
    finally:
        other.close()  # the other run ends
        run.join(timeout=120)
    assert not run.is_alive()
    assert (docs / "index.md").is_file()


def test_a_build_holds_the_docs_folder_through_the_mkdocs_build(tmp_path: Path, monkeypatch):
    from generator import cli

    seeds, docs = _seeds(tmp_path), tmp_path / "docs"
    held: list[bool] = []

    def mkdocs(config: Path, site_dir: Path | None) -> int:
        try:
            _held_elsewhere(docs).close()
        except BlockingIOError:
            held.append(True)
        else:
            held.append(False)
        return 0

    monkeypatch.setattr(cli, "_mkdocs", mkdocs)
    assert cli.main(["build", "--seeds", str(seeds), "--docs", str(docs), "--no-cache"]) == 0
    assert held == [True]
    _held_elsewhere(docs).close()  # and released at the end


def test_a_docs_folder_that_cannot_be_locked_is_a_clear_error(tmp_path: Path, capsys):
    from generator.cli import main

    (tmp_path / "parent").write_text("a file, not a folder", "utf-8")
    docs = tmp_path / "parent" / "docs"
    assert main(["generate", "--seeds", str(_seeds(tmp_path)), "--docs", str(docs)]) == 1
    assert f"briefing: error: {docs}: cannot lock the docs folder" in capsys.readouterr().err


def test_an_article_page_key_changes_with_everything_the_page_shows():
    """The article-page key (digests joined as bytes) changes with the article, the cards of
    the articles it links to and of its neighbours, and the names of the actors it names."""
    from dataclasses import replace

    from generator.models import Actor
    from generator.pagememo import digest
    from generator.render import _article_key, _card_digests, _name_digests

    from .test_link import article

    one = replace(article("a1", "عنوان", "نص", actors=("x",)), related=("a2",))
    two, three = article("a2", "عنوان آخر", "نص"), article("a3", "ثالث", "نص")
    actors = {"x": Actor("x", "فلان", "person", "Fulan", "")}

    def key(subject=one, by_id=None, newer=None, older=None, names=actors) -> bytes:
        by_id = by_id or {"a2": two, "a3": three}
        return _article_key(
            subject, by_id, newer, older, _name_digests(names), digest, _card_digests()
        )

    first = key()
    assert key() == first
    assert key(subject=replace(one, title="عنوان معدّل")) != first
    assert key(by_id={"a2": replace(two, title="عنوان جديد"), "a3": three}) != first
    assert len({first, key(newer=three), key(older=three)}) == 3
    assert key(names={"x": replace(actors["x"], name="فلان الفلاني")}) != first
    assert key(subject=replace(one, related=())) != first


def test_a_template_compiled_by_another_version_of_the_generator_is_compiled_again(
    tmp_path: Path, monkeypatch
):
    compiled = template_cache(tmp_path)
    compiles = []

    def rendered() -> str:
        env = Environment(loader=DictLoader({"page.md.j2": "{{ 1 + 1 }}"}), bytecode_cache=compiled)
        original = env.compile
        env.compile = lambda *args, **kwargs: compiles.append(1) or original(*args, **kwargs)
        return env.get_template("page.md.j2").render()

    assert rendered() == rendered() == "2"
    assert len(compiles) == 1  # the second time from the cache
    # Another generator may compile the same source differently (render.py's environment).
    monkeypatch.setattr("generator.cache.generator_version", lambda: "another")
    assert rendered() == "2"
    assert len(compiles) == 2
    assert len(list((tmp_path / "templates").iterdir())) == 1  # replaced, not added to
