"""Atom feeds: the whole briefing and one per topic, newest first (feeds/<name>.xml).

Feed dates are built from article dates, never from the clock: an entry dated to a month or a
year is stamped at the start of that period, and its summary says how precise the date is. A feed
with no dated entry carries a fixed epoch as `updated` so the file stays byte-stable.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .models import Article

FEED_FOLDER = "feeds"
# Readers show the newest entries; a long tail only makes every poll heavier.
FEED_LIMIT = 50
_EPOCH = "1970-01-01T00:00:00Z"


def feed_path(name: str) -> str:
    return f"{FEED_FOLDER}/{name}.xml"


def timestamp(article: Article) -> str | None:
    """RFC 3339 time at the start of the article's date (a range: its end), or None."""
    if article.date is None:
        return None
    value = article.date_key
    parts = value.split("-")
    year, month, day = parts[0], (parts[1:2] or ["01"])[0], (parts[2:3] or ["01"])[0]
    return f"{year}-{month}-{day}T00:00:00Z"


def _entry(article: Article, base: str, summary: str, date_label: str) -> str:
    stamp = timestamp(article) or _EPOCH
    url = base + article.url
    outlet = f"<author><name>{escape(article.outlet)}</name></author>" if article.outlet else ""
    return (
        "  <entry>\n"
        f"    <id>{escape(url)}</id>\n"
        f"    <title>{escape(article.title)}</title>\n"
        f"    <link href={quoteattr(url)}/>\n"
        f"    <updated>{stamp}</updated>\n"
        f"    {outlet}\n"
        f"    <summary>{escape(date_label + ' — ' + summary)}</summary>\n"
        "  </entry>\n"
    )


def atom(
    name: str,
    title: str,
    articles: tuple[Article, ...],
    base: str,
    summaries: dict[str, tuple[str, str]],
) -> str:
    """An Atom document. `base` is the site URL ending in "/" (or "" for relative links);
    `summaries` maps article id to (summary, date label)."""
    entries = articles[:FEED_LIMIT]
    stamps = [s for a in entries if (s := timestamp(a))]
    updated = max(stamps) if stamps else _EPOCH
    body = "".join(_entry(a, base, *summaries[a.id]) for a in entries)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">\n'
        f"  <id>{escape(base + feed_path(name))}</id>\n"
        f"  <title>{escape(title)}</title>\n"
        f'  <link rel="self" href={quoteattr(base + feed_path(name))}/>\n'
        f"  <link href={quoteattr(base or './')}/>\n"
        f"  <updated>{updated}</updated>\n"
        f"{body}"
        "</feed>\n"
    )
