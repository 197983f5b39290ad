"""Fixtures of the browser tests: one site built from the seeds, served, and a headless Chromium.

Locally, a missing Chromium, node_modules (`npm ci`) or java skips these tests; in CI (the CI
variable set) it fails them, so a CI machine that lost a tool cannot pass by running nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import FIXTURES

from . import harness

NODE_MODULES = harness.ROOT / "node_modules"
# Scraped markup must show as text on pages and in search results: the hostile fixture proves it.
HOSTILE_SEED = FIXTURES / "hostile_markup.txt"


def require(what: str, present: bool) -> None:
    """Fail (in CI) or skip (elsewhere) when a tool the browser tests need is missing."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing; CI must run the browser tests (see .ci/run)")
    pytest.skip(f"{what} is missing")


def node_module(relative: str) -> Path:
    path = NODE_MODULES / relative
    require(f"{path} (run `npm ci`)", path.is_file())
    return path


def java() -> str:
    found = shutil.which("java")
    require("java (a JRE, for the Nu HTML checker)", found is not None)
    return str(found)


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built from the seeds (plus the hostile fixture): `project / "site"`."""
    work = harness.prepare(tmp_path_factory.mktemp("browser") / "project")
    shutil.copy(HOSTILE_SEED, work / "seeds" / HOSTILE_SEED.name)
    harness.build(work)
    return work


@pytest.fixture(scope="session")
def site(project: Path) -> Path:
    return project / "site"


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with harness.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require(f"Chromium ({harness.CHROMIUM})", harness.CHROMIUM.is_file())
    with sync_playwright() as playwright:
        chromium = harness.launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class Reader:
    """A browser tab and everything that went wrong in it: console errors, uncaught exceptions,
    failed or refused requests, and requests that left this machine."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def note(self, problem: str) -> None:
        self.problems.append(f"{self.page.url}: {problem}")


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


def open_reader(browser: Browser, width: int = 1280, height: int = 900) -> Reader:
    """A fresh tab (its own profile and cache) watched for problems, its workers' requests too.
    Requests are observed, not intercepted: interception costs a round trip to Python for each
    one, which made loading every page half as fast again."""
    context = browser.new_context(viewport={"width": width, "height": height})
    reader = Reader(context.new_page())
    page = reader.page
    page.on("request", lambda r: _local(r.url) or reader.note(f"non-local request: {r.url}"))
    page.on("console", lambda m: m.type == "error" and reader.note(f"console error: {m.text}"))
    page.on("pageerror", lambda error: reader.note(f"uncaught: {error}"))
    # net::ERR_ABORTED is the browser cancelling a request itself: the favicon still loading
    # when the test goes on to the next page (seen once in CI). A file that is missing shows as
    # an HTTP error below, and a request that leaves the machine is noted above.
    page.on(
        "requestfailed",
        lambda r: r.failure == "net::ERR_ABORTED" or reader.note(f"failed: {r.url} ({r.failure})"),
    )
    page.on("response", lambda r: r.status >= 400 and reader.note(f"HTTP {r.status}: {r.url}"))
    page.on("dialog", lambda dialog: (reader.note(f"dialog: {dialog.message}"), dialog.dismiss()))
    return reader


@pytest.fixture
def reader(browser: Browser) -> Iterator[Reader]:
    reader = open_reader(browser)
    yield reader
    reader.page.context.close()
