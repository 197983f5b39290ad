"""Atom feeds: valid XML, newest first, dates from the articles (never the clock), escaped."""

from xml.etree import ElementTree

from generator.feeds import atom, timestamp
from generator.models import Article, ArticleDate, Paragraph

ATOM = "{http://www.w3.org/2005/Atom}"


def article(article_id: str, title: str, date: ArticleDate | None) -> Article:
    return Article(
        "s.txt",
        "A",
        title,
        False,
        None,
        "منفذ <إعلامي>",
        (),
        (Paragraph("نص.", "text", 1),),
        (),
        (1, 1),
        article_id,
        article_id,
        date=date,
        slug="s",
    )


def test_timestamps_follow_the_date_precision():
    assert timestamp(article("a", "t", ArticleDate("2024-12-12", "day", "b"))) == (
        "2024-12-12T00:00:00Z"
    )
    assert timestamp(article("a", "t", ArticleDate("2024-12", "month", "b"))) == (
        "2024-12-01T00:00:00Z"
    )
    assert timestamp(article("a", "t", ArticleDate("2021-12/2023-08", "range", "b"))) == (
        "2023-08-01T00:00:00Z"
    )
    assert timestamp(article("a", "t", None)) is None


def test_feed_is_valid_atom_with_escaped_arabic_titles():
    items = (
        article("new", "عنوان <b>جديد</b> & آخر", ArticleDate("2025-01-02", "day", "b")),
        article("old", "عنوان قديم", ArticleDate("2024", "year", "b")),
    )
    summaries = {"new": ("ملخص", "2 يناير 2025"), "old": ("ملخص", "2024 (تقريبي)")}
    xml = atom("all", "موجز", items, "https://example.org/b/", summaries)
    root = ElementTree.fromstring(xml)
    assert root.find(f"{ATOM}updated").text == "2025-01-02T00:00:00Z"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "عنوان <b>جديد</b> & آخر",
        "عنوان قديم",
    ]
    assert entries[0].find(f"{ATOM}link").get("href") == "https://example.org/b/articles/s-new/"
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == "منفذ <إعلامي>"


def test_feed_without_dates_is_stable():
    items = (article("x", "t", None),)
    first = atom("all", "موجز", items, "", {"x": ("م", "غير مؤرخ")})
    assert first == atom("all", "موجز", items, "", {"x": ("م", "غير مؤرخ")})
    assert "<updated>1970-01-01T00:00:00Z</updated>" in first
