"""Issue 7 in a real browser: every page built from the hostile corpus (tests/hostile/) loads with
no dialog, no script error and no request to a non-local address: scraped markup stays text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from . import harness, searchbox
from .conftest import open_reader
from .test_pages import page_paths

HOSTILE = harness.ROOT / "tests" / "hostile"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = harness.prepare(tmp_path_factory.mktemp("hostile") / "project")
    shutil.rmtree(work / "seeds")
    shutil.copytree(HOSTILE, work / "seeds", ignore=shutil.ignore_patterns("EXPECTED.yml"))
    return harness.build(work)


def test_hostile_pages_run_no_seed_script(browser: Browser, hostile_site: Path):
    paths = page_paths(hostile_site)
    articles = [p for p in paths if p.startswith("articles/")]
    assert len(articles) >= 20
    with harness.serve(hostile_site) as base_url:
        reader = open_reader(browser)
        for path in paths:
            reader.page.goto(base_url + path)
            # The search worker starts on every page: wait until its requests are done.
            reader.page.wait_for_function(searchbox.WORKER_READY, timeout=10_000)
        # A script from a seed would have set this or opened a dialog (noted by the reader).
        assert reader.page.evaluate("typeof window.xss === 'undefined'")
        reader.page.context.close()
    assert reader.problems == []
