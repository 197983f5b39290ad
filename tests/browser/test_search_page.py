"""The search page (docs/search.md): Pagefind's interface with filters by topic, outlet and year,
which the article pages declare (templates/article.md.j2). Checked against data/corpus.json: a
filter narrows the results to exactly the articles it names."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.topics import default_lexicon

from .conftest import open_reader

QUERY = "داعش"
RESULT_LINKS = ".pagefind-ui__result-link"
FILTER_GROUPS = ".pagefind-ui__filter-name"


def corpus(site: Path) -> dict:
    return json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))


def result_paths(page: Page, base_url: str) -> set[str]:
    """The article paths (relative to the site) of every result, after loading them all."""
    while page.locator(".pagefind-ui__button").count():  # "load more"
        page.locator(".pagefind-ui__button").click()
    base = urlsplit(base_url).path
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    return {urlsplit(h).path.removeprefix(base) for h in hrefs}


def search(page: Page, base_url: str, typed: str) -> set[str]:
    """Type a query into the search page and return its results once they have settled.

    The whole text goes in as one input event (Pagefind's box searches on `input`, debounced), and
    the results are read until two readings agree, so a search for a prefix of the query that
    answers late cannot pass for the query's own results."""
    page.goto(base_url + "search/")
    page.locator(".pagefind-ui__search-input").fill(typed)
    page.wait_for_selector(RESULT_LINKS, timeout=10_000)
    previous: set[str] | None = None
    for _ in range(20):
        current = result_paths(page, base_url)
        if current == previous:
            return current
        previous = current
        page.wait_for_timeout(400)
    raise AssertionError(f"the results for {typed!r} never settled")


def wait_for_count(page: Page, expected: int) -> None:
    page.wait_for_function(
        "n => document.querySelector('.pagefind-ui__message')?.textContent.includes(String(n))",
        arg=expected,
        timeout=10_000,
    )


def test_filters_narrow_the_results_to_the_articles_they_name(
    browser: Browser, site: Path, base_url: str
):
    data = corpus(site)
    titles = {t.id: t.title for t in default_lexicon().topics}
    reader = open_reader(browser)
    page = reader.page
    unfiltered = search(page, base_url, QUERY)
    assert len(unfiltered) >= 3

    # The three filter groups, named in Arabic, with the values the articles declare. Pagefind
    # may show them one by one after the first results (a CI run read two of the three).
    # On a timeout, the assertion below names the missing group.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "args => document.querySelectorAll(args[0]).length >= args[1]",
            arg=[FILTER_GROUPS, 3],
            timeout=10_000,
        )
    groups = page.locator(FILTER_GROUPS).all_inner_texts()
    assert sorted(g.strip() for g in groups) == sorted(["الموضوع", "المصدر", "السنة"])

    topic = "isis-detainees"
    expected = {
        a["url"] for a in data["articles"] if topic in a["topics"] and a["url"] in unfiltered
    }
    assert expected and expected != unfiltered  # the filter must have something to remove
    page.locator(".pagefind-ui__filter-label", has_text=titles[topic]).click()
    wait_for_count(page, len(expected))
    assert result_paths(page, base_url) == expected
    reader.page.context.close()
    assert reader.problems == []


def test_the_search_page_is_laid_out_right_to_left(browser: Browser, base_url: str):
    """Pagefind's interface places its controls for left-to-right pages; ours are mirrored: the
    magnifier at the start (right) of the box, the clear button at its end (left)."""
    reader = open_reader(browser)
    page = reader.page
    search(page, base_url, QUERY)
    box = page.locator(".pagefind-ui__search-input").bounding_box()
    clear = page.locator(".pagefind-ui__search-clear").bounding_box()
    magnifier = page.evaluate(
        """() => {
            const form = document.querySelector('.pagefind-ui__form')
            const style = getComputedStyle(form, '::before')
            return {right: parseFloat(style.right), left: style.left}
        }"""
    )
    assert box and clear
    assert clear["x"] + clear["width"] < box["x"] + box["width"] / 2  # on the left half
    assert magnifier["right"] < box["width"] / 4  # near the right edge
    filters = page.locator(".pagefind-ui__filter-panel").bounding_box()
    results = page.locator(".pagefind-ui__results").bounding_box()
    assert filters and results and filters["x"] > results["x"]  # filters on the start side
    reader.page.context.close()
    assert reader.problems == []


def test_quote_marks_and_harakat_do_not_change_what_is_found(browser: Browser, base_url: str):
    """Pagefind's tokenizer drops «» and harakat by itself (checked: the page passes no query
    through our own normalising), so the page needs none of the header box's query processing."""
    found = []
    for typed in (QUERY, f"«{QUERY}»", "دَاعِش"):
        reader = open_reader(browser)
        found.append(search(reader.page, base_url, typed))
        reader.page.context.close()
        assert reader.problems == []
    assert found[0] and found[1] == found[0] and found[2] == found[0]


def test_a_query_in_the_address_is_searched_on_arrival(browser: Browser, base_url: str):
    """Actor pages link to search/?find=<name> for the articles they do not list."""
    reader = open_reader(browser)
    typed = search(reader.page, base_url, QUERY)
    reader.page.goto(base_url + "search/?find=" + QUERY)
    # Until the page reports as many results as the typed search found: a fixed 800 ms wait
    # once read 5 of 6 results on a slow CI machine.
    wait_for_count(reader.page, len(typed))
    assert result_paths(reader.page, base_url) == typed
    assert reader.page.locator(".pagefind-ui__search-input").input_value() == QUERY
    reader.page.context.close()
    assert reader.problems == []
