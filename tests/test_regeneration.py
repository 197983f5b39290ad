"""Regeneration: cache equals full run, stable URLs, what's new, redirects for moved URLs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.cache import ArticleCache
from generator.pipeline import generate
from generator.reading import read_seed

from .conftest import FIXTURES, SEEDS


def _tree(folder: Path) -> dict[str, bytes]:
    files = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


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
    cache.put(seed, [])
    assert cache.get(seed) == []
    changed = read_seed(FIXTURES / "no_tt_marker.txt")
    assert cache.get(changed) is None
    (next((tmp_path / "cache").iterdir())).write_bytes(b"damaged")
    assert cache.get(seed) is None  # a damaged entry is a miss, not an error


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
    assert "3 مقالاً جديداً" in updates
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
