"""Topic pages show the newest; every article and timeline event is on its year's page."""

from __future__ import annotations

import re
from pathlib import Path

from generator import render
from generator.arabic import alphabetical_key, initial
from generator.pipeline import generate
from generator.timeline import merge_events
from generator.topics import OTHER, default_lexicon

from .conftest import SEEDS

TIMELINE_ITEM = re.compile(r"^- \*\*", re.M)


def _page(docs: Path, path: str) -> str:
    return (docs / path).read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    """The text under a second-level heading, up to the next one ("" when there is none)."""
    _, found, rest = text.partition(f"\n## {heading}\n")
    return rest.split("\n## ")[0] if found else ""


def _article_links(text: str) -> list[str]:
    """The article pages a page links to, by file name, in order."""
    return re.findall(r"\]\((?:\.\./)+articles/([^)]+\.md)\)", text)


def test_topic_pages_show_the_newest_and_their_years_hold_everything(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(render, "TOPIC_LATEST", 1)
    monkeypatch.setattr(render, "TIMELINE_LATEST", 2)
    docs = tmp_path / "docs"
    corpus = generate(SEEDS, docs, cache_dir=None).corpus
    views = render._topic_views(corpus, default_lexicon())
    assert any(len(view.articles) > 1 for view in views)
    for view in views:
        page = _page(docs, view.path)
        listed = re.findall(r"^### \[", page, re.M)
        assert len(listed) == min(1, len(view.articles)), view.id
        timeline = merge_events(view.articles) if view.id != OTHER else []
        shown = TIMELINE_ITEM.findall(_section(page, "الخط الزمني"))
        assert len(shown) == min(2, len(timeline))
        years = {render.index_year(a) for a in view.articles}
        years |= {item.event.value[:4] for item in timeline}
        archives = {render.topic_archive_path(view.id, year) for year in years}
        written = {p.relative_to(docs).as_posix() for p in (docs / "topics" / view.id).glob("*.md")}
        assert written == archives
        for year in years:  # the topic page links each of its years' pages
            assert f"({render.topic_archive_path(view.id, year).removeprefix('topics/')})" in page
        # Each article is on the page of its year and on no other; each event likewise.
        for path in archives:
            text = _page(docs, path)
            year = Path(path).stem.replace(render.UNDATED, "")
            own = [a for a in view.articles if render.index_year(a) == year]
            if not year:  # no newest first without dates: by title
                own = list(render.alphabetical(own))
            heading = "المقالات، الأحدث أولاً" if year else "المقالات حسب العنوان"
            listing = _section(text, heading)  # not the events' sources
            assert _article_links(listing) == [Path(render.article_path(a)).name for a in own]
            events = [item for item in timeline if item.event.value[:4] == year]
            assert len(TIMELINE_ITEM.findall(_section(text, "الخط الزمني"))) == len(events)


def test_the_dated_index_has_one_page_per_year_holding_its_articles(tmp_path: Path):
    docs = tmp_path / "docs"
    corpus = generate(SEEDS, docs, cache_dir=None).corpus
    index = _page(docs, "dates/index.md")
    years = {render.index_year(a) for a in corpus.articles}
    assert "" in years and len(years) > 2  # the founding seeds have undated articles
    written = {p.name for p in (docs / "dates").glob("*.md")} - {"index.md", "review.md"}
    assert written == {Path(render.dates_year_path(year)).name for year in years}
    seen = []
    for year in years:
        path = render.dates_year_path(year)
        assert f"]({Path(path).name})" in index
        text = _page(docs, path)
        seen += _article_links(text)
        own = [a for a in corpus.articles if render.index_year(a) == year]
        assert set(_article_links(text)) == {Path(render.article_path(a)).name for a in own}
    assert len(seen) == len(corpus.articles)  # every article once, on its year's page


def test_year_pages_link_their_neighbouring_years():
    archives = render.year_archives(())
    assert archives == []
    from generator.models import TimelineEvent
    from generator.timeline import Sourced

    events = [Sourced(TimelineEvent(v, "day", "x", 1), ()) for v in ("2014-01-02", "2024-05-06")]
    archives = render.year_archives((), events)
    assert [(a.year, a.newer, a.older) for a in archives] == [
        ("2024", None, "2014"),
        ("2014", "2024", None),
    ]


def test_long_undated_lists_are_split_by_the_initial_letter_of_their_titles(
    tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(render, "UNDATED_SPLIT", 1)
    docs = tmp_path / "docs"
    corpus = generate(SEEDS, docs, cache_dir=None).corpus
    undated = [a for a in corpus.articles if a.date is None]
    assert len({initial(a.title) for a in undated}) > 2
    text = _page(docs, "dates/undated.md")
    assert _article_links(text) == []  # only the letters' pages are listed
    seen = []
    for letter_page in sorted((docs / "dates/undated").glob("*.md")):
        assert f"](undated/{letter_page.name})" in text
        listed = _article_links(letter_page.read_text(encoding="utf-8"))
        titles = {Path(render.article_path(a)).name: a.title for a in undated}
        assert len({initial(titles[name]) for name in listed}) == 1  # one letter a page
        keys = [(alphabetical_key(titles[name]), name) for name in listed]
        assert keys == sorted(keys)
        seen += listed
    assert sorted(seen) == sorted(Path(render.article_path(a)).name for a in undated)


def test_titles_are_filed_under_their_first_letter_after_the_article():
    assert initial("الحكومة العراقية تعلن") == "ح"
    assert initial("«أميركا» تنسحب") == "ا"  # hamza folded, quote marks skipped
    assert initial("إلى أين؟") == "ا"  # إلى is a word, not the article
    assert initial("ISIS في سوريا") == initial("2024: عام") == ""
    # Sorted without the article: بغداد, الحكومة, العلاقة, عون (with it, both ال- first).
    keys = [alphabetical_key(t) for t in ("بغداد", "الحكومة", "العلاقة", "عون")]
    assert keys == sorted(keys)


def test_the_review_page_lists_the_newest_and_names_the_full_list(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(render, "REVIEW_SHOWN", 2)
    docs = tmp_path / "docs"
    corpus = generate(SEEDS, docs, cache_dir=None).corpus
    vague = render.needs_review(render.newest_first(corpus.articles))
    assert len(vague) > 2
    page = _page(docs, render.REVIEW_PATH)
    expected = [Path(render.article_path(a)).name for a in vague[:2]]
    assert _article_links(page) == expected
    assert f"عدد المقالات التي تحتاج مراجعة: {len(vague)}" in page
    assert "`briefing review --seeds seeds`" in page
