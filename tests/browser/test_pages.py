"""Every page as a reader's browser gets it: it loads cleanly, its links resolve, nothing it asks
for leaves this machine; and screenshots of the main pages for the README."""

from __future__ import annotations

import os
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

from playwright.sync_api import Browser

from . import searchbox
from .conftest import open_reader

# The README's screenshots; a test run refreshes them only when asked (`BRIEFING_SCREENSHOTS=1
# make test`), so an ordinary run never dirties tracked files.
README_SCREENSHOTS = Path(__file__).with_name("screenshots")
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


def page_paths(site: Path) -> list[str]:
    """Every page of the built site, as a path below the site's URL ("" is the home page)."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    )


def test_every_page_loads_with_no_error_and_no_failed_or_remote_request(
    browser: Browser, site: Path, base_url: str
):
    reader = open_reader(browser)
    paths = page_paths(site)
    assert len(paths) > 20
    for path in paths:
        reader.page.goto(base_url + path)
        # The search worker starts on every page: wait until it is ready (its requests done).
        reader.page.wait_for_function(searchbox.WORKER_READY, timeout=10_000)
    reader.page.context.close()
    assert reader.problems == []


def test_a_missing_page_gets_a_working_404_page(browser: Browser, base_url: str):
    reader = open_reader(browser)
    missing = base_url + "no-such-page/"
    response = reader.page.goto(missing)
    assert response is not None and response.status == 404
    assert "الصفحة غير موجودة" in reader.page.locator("h1").inner_text()
    # The theme's stylesheet applied (the header bar is laid out) and its scripts ran.
    assert reader.page.locator("header.md-header").evaluate("e => getComputedStyle(e).position")
    assert reader.page.evaluate("document.documentElement.classList.contains('js')")
    # Its link leads back to the home page under the site's base path, not the server's root.
    reader.page.locator("article a").first.click()
    reader.page.wait_for_load_state()
    assert reader.page.url == base_url
    reader.page.context.close()
    # The page's own 404 is expected, and Chromium logs it to the console too; a missing asset
    # would show as a further "HTTP 404" naming its URL.
    expected = (f"HTTP 404: {missing}", "status of 404 (Not Found)")
    assert [p for p in reader.problems if not p.endswith(expected)] == []


def _links(html: str) -> list[str]:
    """Every href, and every src of an embedded resource, in the page's markup."""
    found: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for name, value in attrs:
                if value and (name == "href" or (name == "src" and tag != "a")):
                    found.append(value)

    Collector().feed(html)
    return found


def test_no_internal_link_is_broken_and_every_page_is_reachable(site: Path, base_url: str):
    """Crawl from the home page over HTTP, as a reader clicking through would."""
    seen, broken = {base_url}, []
    queue = deque([base_url])
    while queue:
        url = queue.popleft()
        try:
            with urlopen(url) as response:
                kind = response.headers.get_content_type()
                body = response.read().decode("utf-8") if kind == "text/html" else ""
        except HTTPError as error:
            broken.append(f"{url} ({error.code})")
            continue
        for link in _links(body):
            target = urljoin(url, link).split("#")[0]
            if target.startswith(base_url) and target not in seen:
                seen.add(target)
                queue.append(target)
    assert broken == []
    reached = {urlsplit(u).path for u in seen}
    unreachable = [p for p in page_paths(site) if urlsplit(base_url + p).path not in reached]
    assert unreachable == []


def test_screenshots_of_home_topic_and_article_at_phone_and_desktop_widths(
    browser: Browser, site: Path, base_url: str, tmp_path: Path
):
    """Each is checked to be a real capture of a styled page; kept for the README on request."""
    article = next(p for p in page_paths(site) if p.startswith("articles/"))
    pages = {"home": "", "topic": "topics/coalition-withdrawal/", "article": article}
    screenshots = README_SCREENSHOTS if os.environ.get("BRIEFING_SCREENSHOTS") else tmp_path
    for name, path in pages.items():
        for width_name, (width, height) in WIDTHS.items():
            reader = open_reader(browser, width, height)
            reader.page.goto(base_url + path)
            reader.page.wait_for_function(searchbox.WORKER_READY, timeout=10_000)
            reader.page.evaluate("document.fonts.ready")
            target = screenshots / f"{name}-{width_name}.png"
            target.write_bytes(reader.page.screenshot())
            reader.page.context.close()
            assert reader.problems == []
            assert target.stat().st_size > 10_000, target  # a blank page compresses far smaller
