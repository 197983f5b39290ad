"""The hostile corpus (tests/hostile/): each file gives its documented result, the clear message is
tested, and the site built from the good ones is --strict clean with every seed's markup inert."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.pipeline import build_corpus
from generator.reading import MAX_SEED_BYTES, read_seed

from .conftest import copy_site_project

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED = yaml.safe_load((HOSTILE / "EXPECTED.yml").read_text(encoding="utf-8"))
SEED_FILES = sorted(p.name for p in HOSTILE.iterdir() if p.name != "EXPECTED.yml")


@pytest.fixture(scope="module")
def corpus():
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / "hostile-seeds"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("EXPECTED.yml"))
    return build_corpus(folder)


def test_every_hostile_file_has_a_documented_result():
    assert len(SEED_FILES) >= 30
    assert sorted(EXPECTED) == SEED_FILES


@pytest.mark.parametrize("name", SEED_FILES)
def test_documented_result(corpus, name):
    expected = EXPECTED[name]
    counts = Counter(a.seed for a in corpus.articles)
    problems = [str(p) for p in corpus.problems if p.path == name]
    if "articles" in expected:
        assert counts[name] == expected["articles"]
        assert problems == []
    else:
        [line] = problems
        kind = "error" if "error" in expected else "warning"
        assert f": {kind}: {expected[kind]}" in line
        assert counts[name] == 0


def test_no_control_character_survives(corpus):
    for article in corpus.articles:
        for text in [article.title, *article.body, *article.captions]:
            assert not re.search("[\u200b\u200d\u202a-\u202e\u2066-\u2069\x00-\x08]", text)


def test_unbalanced_quote_does_not_swallow_the_next_paragraph(corpus):
    [article] = [a for a in corpus.articles if a.seed == "unbalanced_quotes.txt"]
    assert any(p.startswith("وأضاف أن الفقرة التالية مستقلة") for p in article.body)
    assert all("وأضاف أن الفقرة" not in q.text for q in article.quotes)


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.truncate(MAX_SEED_BYTES + 1)
    with pytest.raises(Exception, match=r"big.txt: too large"):
        read_seed(big)


def test_site_from_the_hostile_corpus_builds_strict_and_runs_no_seed_markup(tmp_path: Path):
    copy_site_project(tmp_path)
    shutil.copytree(HOSTILE, tmp_path / "seeds", ignore=shutil.ignore_patterns("EXPECTED.yml"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--seeds",
            "seeds",
            "--docs",
            "docs",
            "--no-cache",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "empty.txt: error: empty file" in result.stderr
    pages = list((tmp_path / "site/articles").rglob("index.html"))
    assert len(pages) == len([n for n, e in EXPECTED.items() if "articles" in e])
    for page in pages:
        text = page.read_text(encoding="utf-8")
        body = text.split('<article class="md-content__inner md-typeset">', 1)[-1]
        assert not re.search(r"<script>alert|<img[^>]*onerror|href=\"javascript:|<style>body", body)
        assert "\u202e" not in text
    page = next(p for p in pages if "script" in p.parent.name).read_text(encoding="utf-8")
    shown = html.unescape(re.sub(r"</?bdi[^>]*>", "", page))  # what a reader sees
    assert "<script>alert('xss')</script> وفقرة عادية." in shown
