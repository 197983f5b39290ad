"""The site as a reader gets it: built from the seeds into a temp dir, served under a base path,
opened in headless Chromium. Used by conftest.py and by `python -m tests.browser.measure`.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, Playwright

from tests.conftest import copy_site_project

ROOT = Path(__file__).resolve().parents[2]


# The site is served below a path, as a GitHub project page is, so a root-absolute link breaks
# visibly; the build is told that address (mkdocs.yml reads SITE_URL), which the 404 page needs.
BASE_PATH = "/briefing/"
SITE_URL = "https://example.org" + BASE_PATH
CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, headless and quiet: without the background-networking flags it keeps
# calling Google's services, which this machine cannot reach. Playwright gives every launch a
# fresh temporary profile (its own --user-data-dir).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless (Playwright's own browser builds cannot be downloaded here)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=_ENV, check=False)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"


def prepare(work: Path) -> Path:
    """A project folder in `work`: the config, theme overrides, hand-written docs and seeds."""
    copy_site_project(work)
    shutil.copytree(ROOT / "seeds", work / "seeds")
    return work


def build(work: Path) -> Path:
    """`briefing build` (generate, mkdocs build --strict, Pagefind) into `work`/site."""
    sources = ["--seeds", "seeds", "--docs", "docs", "--config", "mkdocs.yml"]
    _run([sys.executable, "-m", "generator", "build", *sources, "--site-dir", "site"], cwd=work)
    return work / "site"


def build_without_pagefind(work: Path) -> Path:
    """The same site from a plain `mkdocs build`: the search box falls back to Material's lunr."""
    generate = ["generate", "--seeds", "seeds", "--docs", "docs"]
    _run([sys.executable, "-m", "generator", *generate], work)
    _run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "lunr"],
        work,
    )
    return work / "lunr"


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site below BASE_PATH; anything else is 404, as on a project's Pages site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(BASE_PATH):
            return str(Path(self.directory) / "\0missing")  # no file has that name
        return super().translate_path("/" + path[len(BASE_PATH) :])

    def end_headers(self) -> None:
        # Cacheable for ten minutes, as GitHub Pages serves files: a reader's browser keeps the
        # theme's scripts and fonts between pages instead of asking again for each page.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's 404.html, as GitHub Pages serves it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # requests are checked in the browser, not read from a log


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A tab closed mid-download breaks the connection; that is the browser's business.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) for the block; yields the site's URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
