"""End to end: generate from the seeds, `mkdocs build --strict`, then read the HTML."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output import OWNED_FILES, OWNED_FOLDERS

from .conftest import FIXTURES, ROOT, SEEDS, copy_site_project

HOSTILE_SEED = "hostile_markup.txt"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    work = copy_site_project(tmp_path_factory.mktemp("build"))
    shutil.copytree(SEEDS, work / "seeds")
    shutil.copy(FIXTURES / HOSTILE_SEED, work / "seeds" / HOSTILE_SEED)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", "seeds", "--docs", "docs"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return work


def _pages(site: Path) -> list[Path]:
    return sorted((site / "site").rglob("*.html"))


def test_every_page_is_arabic_and_right_to_left(site: Path):
    pages = _pages(site)
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="ar"', text), page
        assert re.search(r'<body dir="rtl"', text), page


def test_every_article_has_its_page(site: Path):
    corpus = json.loads((site / "docs/data/corpus.json").read_text(encoding="utf-8"))
    assert len(corpus["articles"]) == 14  # 13 founding articles and the hostile fixture
    for article in corpus["articles"]:
        assert re.fullmatch(r"articles/[a-z0-9-]+-[0-9a-f]{10}/", article["url"])
        assert (site / "site" / article["url"] / "index.html").is_file()


def test_internal_links_resolve(site: Path):
    root = site / "site"
    # 404.html is served for any missing path, so the theme gives it root-absolute links.
    for page in [p for p in _pages(site) if p.name != "404.html"]:
        for target in re.findall(r'href="([^"#?]+)', page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target) or target.startswith("//"):
                continue
            resolved = (page.parent / html.unescape(target)).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            assert resolved.exists(), f"{page.relative_to(root)} links to missing {target}"


def test_teasers_link_exactly_to_the_articles_they_announce(site: Path):
    corpus = json.loads((site / "docs/data/corpus.json").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in corpus["articles"]}
    links = {
        (t["headline"], by_id[t["article"]]["title"])
        for a in corpus["articles"]
        for t in a["teasers"]
        if t["article"]
    }
    fourth_division = "تقرير: إيران تعمل على حشد فلول «الفرقة الرابعة» لتأجيج الوضع في سوريا"
    assert links == {
        (fourth_division, fourth_division),  # teaser and full article on one page
        (  # the same story re-titled: a teaser on one page, the full article on another
            "«سنهرب ونقتلكم»... حراس عراقيون يتلقون تهديدات من سجناء «داعش»",
            "سجناء «داعش» يهددون الأمن العراقي",
        ),
    }
    retitled = next(a for a in corpus["articles"] if a["title"].startswith("سجناء «داعش»"))
    assert retitled["also_titled"] == [
        "«سنهرب ونقتلكم»... حراس عراقيون يتلقون تهديدات من سجناء «داعش»"
    ]


def test_actor_pages_exist_for_every_mentioned_actor(site: Path):
    corpus = json.loads((site / "docs/data/corpus.json").read_text(encoding="utf-8"))
    mentioned = {i for a in corpus["articles"] for i in a["actors"]}
    assert mentioned == set(corpus["actors"])
    for actor in corpus["actors"].values():
        assert (site / "site" / actor["url"] / "index.html").is_file(), actor
    index = (site / "site/actors/index.html").read_text(encoding="utf-8")
    assert "أشخاص" in index and "أماكن" in index


def test_no_boilerplate_and_no_seed_markup_reaches_the_html(site: Path):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert "<p>TT</p>" not in text
        assert not re.search(r"<script>alert|<img[^>]*onerror|href=\"javascript:", text), page
    hostile = [p for p in _pages(site) if "script" in p.parent.name]
    assert len(hostile) == 1
    text = hostile[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; عنوان يحاول تشغيل شيفرة" in text
    # What a reader sees: character references decoded, bidi isolation tags taken out.
    shown = html.unescape(re.sub(r"</?bdi[^>]*>", "", text))
    assert "<p># فقرة تبدأ بعلامة عنوان وفيها [رابط](javascript:alert(1))" in shown
    assert "{{ config }}" in shown and "!!! note" in shown and ":material-home:" in shown


def test_corpus_json_has_the_documented_fields(site: Path):
    corpus = json.loads((site / "docs/data/corpus.json").read_text(encoding="utf-8"))
    assert {s["seed"] for s in corpus["generated_from"]} >= {p.name for p in SEEDS.glob("*.txt")}
    required = {
        "id",
        "url",
        "title",
        "subtitle",
        "outlet",
        "source_url",
        "seed",
        "lines",
        "topics",
        "date",
        "body",
        "teasers",
        "related",
    }
    for article in corpus["articles"]:
        assert required <= set(article)
        assert article["lines"][0] <= article["lines"][1]
        for teaser in article["teasers"]:
            assert {"headline", "label", "caption", "summary", "byline", "lines", "article"} <= set(
                teaser
            )


def test_hand_written_pages_are_untouched(site: Path):
    for path in (ROOT / "docs").rglob("*"):
        relative = path.relative_to(ROOT / "docs")
        if path.is_file() and relative.parts[0] not in OWNED_FOLDERS | OWNED_FILES:
            assert (site / "docs" / relative).read_bytes() == path.read_bytes()


def test_navigation_lists_every_topic_page_the_generator_writes(site: Path):
    import yaml

    class Loader(yaml.SafeLoader):  # mkdocs.yml uses MkDocs' !ENV tag
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    listed = set(re.findall(r"topics/[a-z0-9-]+\.md", json.dumps(config["nav"])))
    written = {p.relative_to(site / "docs").as_posix() for p in (site / "docs/topics").glob("*.md")}
    assert listed == written


def test_noindex_setting_marks_every_page(tmp_path: Path, site: Path):
    copy_site_project(tmp_path)
    shutil.copytree(site / "docs", tmp_path / "docs", dirs_exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for flag, expected in (("true", True), ("false", False)):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", f"site-{flag}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**env, "BRIEFING_NOINDEX": flag},
            check=False,
        )
        assert result.returncode == 0, result.stderr
        home = (tmp_path / f"site-{flag}/index.html").read_text(encoding="utf-8")
        assert ('<meta name="robots" content="noindex, nofollow">' in home) is expected


def test_the_lunr_index_is_skipped_only_when_pagefind_replaces_it(monkeypatch):
    from types import SimpleNamespace

    from generator import mkdocs_hooks

    page = SimpleNamespace(meta={"title": "x"})
    monkeypatch.delenv(mkdocs_hooks.PAGEFIND, raising=False)
    assert mkdocs_hooks.on_page_markdown("text", page=page) == "text"
    assert "search" not in page.meta  # `mkdocs serve`: lunr is the search box's fallback
    monkeypatch.setenv(mkdocs_hooks.PAGEFIND, "1")
    assert mkdocs_hooks.on_page_markdown("text", page=page) == "text"
    assert page.meta == {"title": "x", "search": {"exclude": True}}


def test_long_actor_pages_list_the_newest_and_link_the_search_for_the_rest(
    tmp_path: Path, monkeypatch
):
    from generator import people
    from generator.pipeline import generate

    monkeypatch.setattr(people, "ARTICLES_SHOWN", 1)
    monkeypatch.setattr(people, "QUOTES_SHOWN", 1)
    work = copy_site_project(tmp_path)
    report = generate(SEEDS, work / "docs", cache_dir=None)
    counts = {}
    for article in report.corpus.articles:
        for actor in {m.actor for m in article.mentions}:
            counts[actor] = counts.get(actor, 0) + 1
    actor, mentioned = max(sorted(counts.items()), key=lambda item: item[1])
    assert mentioned > 2
    page = (work / "docs" / people.actor_path(actor)).read_text(encoding="utf-8")
    listed = re.findall(r"^- \[.*\]\(\.\./articles/", page, re.M)
    assert len(listed) == 1
    assert f"مقالات أقدم تذكره: {mentioned - 1}" in page
    # The link survives a strict build and reaches the search page with the name as its query.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    built = work / "site" / people.actor_path(actor).removesuffix(".md") / "index.html"
    html_text = built.read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./search/\?find=%[0-9A-F]{2}', html_text)


def test_a_briefing_build_leaves_lunr_its_settings_only(site: Path):
    """Pagefind answers the search box; Material's index keeps the settings its scripts read."""
    index = json.loads((site / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    assert "separator" in index["config"]
