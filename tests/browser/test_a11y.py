"""Accessibility: axe-core finds no serious or critical violation on the main kinds of page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from . import searchbox
from .conftest import node_module, open_reader
from .measure import article_paths

PAGES = {
    "home": "",
    "topic": "topics/isis-detainees/",
    "topic year": "topics/isis-detainees/2024/",  # a year the founding seeds' events name
    "article": "5bd35d6ec7",  # an article id: its URL carries a slug that may change
    "dated index": "dates/",
    "dated year": "dates/2025/",
    "about": "about/",
    "actors index": "actors/",
    "actor": "actors/baghdad/",  # a gazetteer actor the founding seeds mention
    "search page": "search/",
}
SEVERE = {"serious", "critical"}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_accessibility_violation(browser: Browser, site, base_url: str, path: str):
    axe = node_module("axe-core/axe.min.js")
    path = article_paths(site).get(path, path)
    reader = open_reader(browser)
    response = reader.page.goto(base_url + path)
    assert response is not None and response.ok, path
    reader.page.wait_for_function(searchbox.WORKER_READY, timeout=10_000)
    reader.page.add_script_tag(path=str(axe))
    violations = reader.page.evaluate("async () => (await axe.run(document)).violations")
    reader.page.context.close()
    severe = [
        f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in SEVERE
    ]
    assert severe == [], "\n".join(severe)
    assert reader.problems == []
