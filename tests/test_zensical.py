"""The site also builds with Zensical, Material's successor, from the same mkdocs.yml and theme
overrides, so moving to it is a switch, not a rewrite (Material 9.x reaches its end of life in
May 2027). What differs between the two builds is recorded in tests/ZENSICAL.md; this test holds
what must not differ: every page, its reading direction, its text, and the search markers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import harness

ZENSICAL = Path(sys.executable).with_name("zensical")
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
TAG = re.compile(r"<[^>]+>")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=ENV)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds' site built by MkDocs and by Zensical, both in strict mode."""
    work = harness.prepare(tmp_path_factory.mktemp("zensical") / "project")
    run([sys.executable, "-m", "generator", "generate", "--seeds", "seeds", "--docs", "docs"], work)
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "mkdocs-site"], work)
    # Zensical has no --site-dir option: it writes to mkdocs.yml's site_dir.
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    (work / "zensical.yml").write_text(
        config.replace("site_dir: site", "site_dir: zensical-site"), encoding="utf-8"
    )
    result = run([str(ZENSICAL), "build", "--strict", "-f", "zensical.yml"], work)
    assert "No issues found" in result.stdout + result.stderr
    return work / "mkdocs-site", work / "zensical-site"


def pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html")}


def article_text(html: str) -> str:
    """The words of the page's <article>, as a reader sees them."""
    found = ARTICLE.search(html)
    assert found, "no <article> element"
    return " ".join(TAG.sub(" ", found.group()).split())


def test_zensical_builds_every_page_mkdocs_builds(builds: tuple[Path, Path]):
    mkdocs_site, zensical_site = builds
    built = pages(mkdocs_site)
    assert len(built) > 100
    assert pages(zensical_site) == built


def test_every_page_reads_the_same_right_to_left(builds: tuple[Path, Path]):
    mkdocs_site, zensical_site = builds
    for page in sorted(pages(mkdocs_site)):
        theirs = (zensical_site / page).read_text(encoding="utf-8")
        ours = (mkdocs_site / page).read_text(encoding="utf-8")
        assert '<html lang="ar"' in theirs, page
        assert '<body dir="rtl"' in theirs, page
        assert article_text(theirs) == article_text(ours), page


def test_article_pages_keep_their_search_markers(builds: tuple[Path, Path]):
    """The theme override that marks what Pagefind indexes works under Zensical's template
    engine too (overrides/partials/content.html)."""
    _, zensical_site = builds
    articles = sorted((zensical_site / "articles").glob("*/index.html"))
    assert articles
    for path in articles:
        html = path.read_text(encoding="utf-8")
        assert html.count("<div data-pagefind-body>") == 1, path
        assert 'data-pagefind-filter="الموضوع"' in html, path
        assert "<!-- search:" not in html, path  # every marker was turned into its wrapper
