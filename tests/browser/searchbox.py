"""Searching the site through its header search box, as a reader does.

Material sends a query on `keyup` only (not on `input`), and Playwright types Arabic text as
`insertText`, which fires no key events: typed that way, Material never searches. So the query
is filled in and then a real key (End) is pressed, whose keyup makes Material read the box, which
is what a person's last keystroke does.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

TOP = 10  # results a reader sees before scrolling (Material renders ten, then more on scroll)

# Counts updates of the result summary line ("n results", "no results"): Material rewrites it
# once for every answer from the search worker, even when the text stays the same.
_WATCH_ANSWERS = """() => {
  const meta = document.querySelector(".md-search-result__meta")
  window.__searchAnswers = 0
  new MutationObserver(() => window.__searchAnswers++).observe(meta, {childList: true})
}"""
_RESULT_LINKS = """items => items.map(item => item.querySelector(":scope > a").href)"""


# True once the search worker is ready and has answered the empty box with Material's prompt.
WORKER_READY = """() => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const meta = document.querySelector(".md-search-result__meta")
  return meta.textContent.trim() === config.translations["search.result.placeholder"]
}"""


def open_search(page: Page, url: str) -> None:
    """Load `url`, open the search box and wait until its worker is ready to answer."""
    page.goto(url)
    page.locator("input.md-search__input").click()
    page.wait_for_function(WORKER_READY, timeout=10_000)
    page.evaluate(_WATCH_ANSWERS)


def search(page: Page, query: str, base: str) -> list[str]:
    """Type `query` and return the result pages, best first, as paths relative to `base`."""
    box = page.locator("input.md-search__input")
    answers = page.evaluate("window.__searchAnswers")
    box.fill(query)
    box.press("End")
    page.wait_for_function("n => window.__searchAnswers > n", arg=answers, timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__item", _RESULT_LINKS)
    return [_relative(link, base) for link in links[:TOP]]


def _relative(link: str, base: str) -> str:
    path = urlsplit(link).path
    base_path = urlsplit(base).path
    assert path.startswith(base_path), f"search result outside the site: {link}"
    return path[len(base_path) :]
