"""The header search box, used as a reader uses it (SEARCH.md has the measurements behind it)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from . import harness, measure, searchbox
from .conftest import Reader, open_reader

QUERIES = measure.load_queries()
ARABIC = re.compile(r"[\u0621-\u064a]")
# What article.md.j2 writes around an article's own text: the breadcrumb, the metadata list (its
# date line links to the dated index) and the sections after the body.
NOT_ARTICLE_TEXT = [
    "الرئيسية ›",
    "روايات أخرى للخبر نفسه",
    "الفهرس الزمني",
    "الفاعلون في المقال",
    "مقالات ذات صلة في الموجز",
    "ما أعلنته الصفحة الأصلية من مقالات",
    "لماذا صُنِّف هنا",
    "ملف البذرة",
]


@pytest.fixture(scope="module")
def search_tab(browser: Browser, base_url: str) -> Iterator[Reader]:
    """One tab for all queries: a reader searching again and again from the home page."""
    reader = open_reader(browser)
    searchbox.open_search(reader.page, base_url)
    yield reader
    reader.page.context.close()


@pytest.fixture(scope="module")
def paths(site: Path) -> dict[str, str]:
    return measure.article_paths(site)


@pytest.mark.parametrize("query", QUERIES, ids=[q.query for q in QUERIES])
def test_query_finds_every_expected_article_in_the_top_ten(
    search_tab: Reader, base_url: str, paths: dict[str, str], query: measure.Query
):
    unknown = [i for i in query.expect if i not in paths]
    assert unknown == [], "queries.yml names articles the seeds no longer give (ids changed?)"
    found = searchbox.search(search_tab.page, query.query, base_url)
    missed = [i for i in query.expect if paths[i] not in found]
    assert missed == [], f"{query.query} ({query.why}): found {found}"
    assert search_tab.problems == []


def test_pagefind_finds_more_and_better_than_materials_lunr(
    browser: Browser, project: Path, site: Path, paths: dict[str, str]
):
    """The reason for the choice, kept true: the same query set on the site built without the
    Pagefind index, where the search box falls back to Material's lunr search as configured."""
    lunr_site = harness.build_without_pagefind(project)
    outcomes = {}
    for name, built in {"pagefind": site, "lunr": lunr_site}.items():
        reader = open_reader(browser)
        with harness.serve(built) as base:
            outcomes[name] = measure.totals(measure.run(reader.page, base, QUERIES, paths))
        reader.page.context.close()
    pagefind, lunr = outcomes["pagefind"], outcomes["lunr"]
    assert lunr["recall"] > 0  # the fallback answers: the comparison is with a working lunr
    assert pagefind["recall"] > lunr["recall"] + 0.3
    assert pagefind["precision"] > lunr["precision"] + 0.3


def _indexed_pages(page: Page, base_url: str) -> list[dict]:
    """Every page in the Pagefind index with its indexed text, asked of Pagefind's own API."""
    return page.evaluate(
        """async base => {
            const pagefind = await import(base + "pagefind/pagefind.js")
            await pagefind.init()
            const { results } = await pagefind.search(null)
            return Promise.all(results.map(result => result.data()))
        }""",
        base_url,
    )


def test_the_index_holds_each_articles_own_text_and_nothing_else(
    reader: Reader, site: Path, base_url: str
):
    corpus = json.loads((site / "data/corpus.json").read_text(encoding="utf-8"))
    reader.page.goto(base_url)
    indexed = {
        p["url"].removeprefix(harness.BASE_PATH): p for p in _indexed_pages(reader.page, base_url)
    }
    assert sorted(indexed) == sorted(a["url"] for a in corpus["articles"])
    for article in corpus["articles"]:
        content = indexed[article["url"]]["content"]
        own = " ".join([article["title"], *article["body"]])
        assert article["body"][-1][-20:] in content  # down to the body's last paragraph
        assert [marker for marker in NOT_ARTICLE_TEXT if marker in content] == []
        teasers = [t["headline"] for t in article["teasers"] if t["headline"] not in own]
        assert [t for t in teasers if t in content] == [], article["id"]
    assert reader.problems == []


def test_the_site_does_not_ship_lunrs_documents(site: Path):
    """Material's scripts fetch search_index.json on every page; the search box no longer reads
    its documents, so `briefing build` keeps only the settings Material's highlighter needs."""
    lunr = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert lunr["docs"] == []
    assert lunr["config"]["separator"]


def test_scraped_markup_in_a_title_shows_as_text_in_the_results(search_tab: Reader, base_url: str):
    searchbox.search(search_tab.page, "شيفرة", base_url)
    results = search_tab.page.locator(".md-search-result__list")
    assert "<script>alert(1)</script>" in results.locator("h1").first.inner_text()
    assert results.locator("script, img").count() == 0
    assert search_tab.problems == []  # no alert() dialog, no error


def test_enter_opens_the_best_result(reader: Reader, base_url: str, paths: dict[str, str]):
    searchbox.open_search(reader.page, base_url)
    searchbox.search(reader.page, "رومانوفسكي", base_url)
    reader.page.locator("input.md-search__input").press("Enter")
    reader.page.wait_for_url(re.compile(r"/articles/"))
    expected = next(q for q in QUERIES if q.query == "رومانوفسكي").expect
    assert reader.page.url.split("?")[0] in {base_url + paths[i] for i in expected}
    assert reader.problems == []


def test_search_box_is_right_to_left_with_an_arabic_prompt(search_tab: Reader, base_url: str):
    page = search_tab.page
    box = page.locator("input.md-search__input")
    assert box.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert ARABIC.search(box.get_attribute("placeholder") or "")
    # Mirrored: the magnifier sits at the box's right end, where Arabic text starts.
    icon = page.locator(".md-search__form > label.md-search__icon").bounding_box()
    field = box.bounding_box()
    assert icon and field and icon["x"] > field["x"] + field["width"] / 2
    searchbox.search(page, "داعش", base_url)
    result = page.locator(".md-search-result__article").first
    assert result.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert result.evaluate("e => getComputedStyle(e).textAlign") in {"start", "right"}
    assert not result.locator("h1").inner_text().endswith("¶")  # the permalink is not indexed
    assert ARABIC.search(page.locator(".md-search-result__meta").inner_text())


def test_phone_reader_opens_search_from_the_header_button(browser: Browser, base_url: str):
    reader = open_reader(browser, 390, 844)
    page = reader.page
    page.goto(base_url)
    page.wait_for_function(searchbox.WORKER_READY, timeout=10_000)
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    assert box.is_visible()
    field = box.bounding_box()
    assert field and field["width"] > 250  # the box spans the phone's width
    page.context.close()
    assert reader.problems == []
