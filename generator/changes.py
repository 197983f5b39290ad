"""What changed since the previous regeneration, and where old URLs must now lead.

The previous corpus is the `data/corpus.json` of the last published site (DESIGN.md section 4):
by default the one already in the docs folder, or a file passed with `--previous`. From it:
- "what's new": articles added, changed (title, text, date or topics) and removed;
- redirects: an article whose URL moved (an editor pinned a slug, or its identity changed while
  it stayed at the same place in the same seed) keeps its old URL as a redirect page. Earlier
  redirects are carried forward, so a URL published once keeps working.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DataError
from .models import Article, Corpus

# Only URLs of the shape this generator publishes are redirected: a previous corpus is input, and
# nothing in it may name a path outside the articles folder.
_ARTICLE_URL = re.compile(r"^articles/[a-z0-9]+(?:-[a-z0-9]+)*/$")


@dataclass(frozen=True, slots=True)
class Changes:
    first: bool  # no previous corpus: everything is new
    added: tuple[Article, ...]
    changed: tuple[Article, ...]
    removed: tuple[dict[str, Any], ...]  # the previous corpus' entries (what load_previous keeps)


def load_previous(path: Path | None) -> dict[str, Any] | None:
    """The previous corpus, None when there is none; a damaged one is a clear error."""
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        message = f"previous corpus is not readable JSON: {error}"
        raise DataError(str(path), None, message) from error
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise DataError(str(path), None, "previous corpus has no 'articles' list")
    # What `compare` and `redirects` read: each article's fields, the text by its digest, and the
    # earlier redirects (not the seeds' and actors' lists). The whole file parsed is 175 MB at
    # 10,000 articles, held for the whole run; this is a few MB, and the memory the rest took is
    # reused by what the run loads next.
    articles = [_what_counts(a) for a in data["articles"] if isinstance(a, dict)]
    redirects = data.get("redirects")
    return {"articles": articles, "redirects": redirects if isinstance(redirects, dict) else {}}


def _what_counts(entry: dict[str, Any]) -> dict[str, Any]:
    date = entry.get("date")
    fingerprint = _fingerprint(
        entry.get("title", ""),
        entry.get("body", []),
        date.get("value") if isinstance(date, dict) else None,
        entry.get("topics", []),
    )
    return _kept(
        entry.get("id"), entry.get("url"), entry.get("seed"), entry.get("lines"), fingerprint
    )


def _kept(identity: Any, url: Any, seed: Any, lines: Any, fingerprint: bytes) -> dict[str, Any]:
    """One article of a previous corpus as `compare` and `redirects` read it: made alike from
    the file (`load_previous`) and from the articles it was written of (`summary`)."""
    return {"id": identity, "url": url, "seed": seed, "lines": lines, "fingerprint": fingerprint}


def _fingerprint(title: Any, body: Any, date: Any, topics: Any) -> bytes:
    """What "changed" compares: title, text as published, date and topics, digested.

    The text, most of the bytes, is joined rather than serialized (0.08 s against 0.18 s for
    10,000 articles, on each side of the comparison); published text holds no NUL (reading.py
    removes control characters), and a previous corpus that bends the rule can only mislabel
    its own articles in "what's new". "surrogatepass": a JSON file may escape a lone surrogate.
    """
    if isinstance(body, list) and all(isinstance(paragraph, str) for paragraph in body):
        text = "\x00".join(body)
    else:
        text = json.dumps(body, ensure_ascii=False)
    head = json.dumps([title, date, topics], ensure_ascii=False)
    encoded = f"{head}\x01{text}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(encoded, digest_size=16).digest()


def fingerprints(
    articles: tuple[Article, ...] | list[Article],
    published_body: Callable[[Article], list[str]],
    known: Callable[[Article], bytes | None] | None = None,
) -> dict[str, bytes]:
    """Each article's fingerprint by id, as `load_previous` will read it back from the corpus.json
    written of them. An article's text is taken as corpus.json publishes it (`published_body`):
    in excerpt mode, its lead alone. `known` gives a fingerprint already made of the same article
    (the page memo's, from the last run), or None."""
    made = {}
    for article in articles:
        found = known(article) if known is not None else None
        if found is None:
            date = article.date.value if article.date else None
            body = published_body(article)
            found = _fingerprint(article.title, body, date, list(article.topics))
        made[article.id] = found
    return made


def summary(
    written: list[Article], current: dict[str, bytes], moved: dict[str, str]
) -> dict[str, Any]:
    """What `load_previous` reads back from the corpus.json that lists `written` (in its order)
    with these fingerprints and redirects: the page memo keeps it, so that the next run need not
    parse that file again while it is as written (1.2 s at 10,000 articles)."""
    articles = [_kept(a.id, a.url, a.seed, list(a.lines), current[a.id]) for a in written]
    return {"articles": articles, "redirects": dict(moved)}


def compare(previous: dict[str, Any] | None, corpus: Corpus, current: dict[str, bytes]) -> Changes:
    """Articles added, changed and removed since `previous`, by their `current` fingerprints
    (`fingerprints`)."""
    if previous is None:
        return Changes(True, tuple(corpus.articles), (), ())
    before = {a["id"]: a for a in previous["articles"]}
    added, changed = [], []
    for article in corpus.articles:
        old = before.get(article.id)
        if old is None:
            added.append(article)
        elif old["fingerprint"] != current[article.id]:
            changed.append(article)
    now = {a.id for a in corpus.articles}
    removed = tuple(a for i, a in sorted(before.items(), key=lambda x: str(x[0])) if i not in now)
    return Changes(False, tuple(added), tuple(changed), removed)


def redirects(previous: dict[str, Any] | None, corpus: Corpus) -> dict[str, str]:
    """Old site-relative URL -> current URL, for every published URL that no longer serves."""
    if previous is None:
        return {}
    urls = {a.url for a in corpus.articles}
    by_id = {a.id: a.url for a in corpus.articles}
    by_place: dict[tuple[Any, Any], str] = {(a.seed, a.lines[0]): a.url for a in corpus.articles}
    moved: dict[str, str] = {}
    for old in previous["articles"]:
        url = old.get("url")
        if not isinstance(url, str) or url in urls or not _ARTICLE_URL.match(url):
            continue
        lines = old.get("lines")
        first = lines[0] if isinstance(lines, list) and lines else None
        target = by_id.get(old.get("id")) or by_place.get((old.get("seed"), first))
        if target:
            moved[url] = target
    for url, target in previous["redirects"].items():
        if url not in urls and isinstance(target, str) and _ARTICLE_URL.match(url):
            moved.setdefault(url, _follow(target, moved, urls))
    return {u: t for u, t in sorted(moved.items()) if t in urls and u != t}


def _follow(target: str, moved: dict[str, str], urls: set[str]) -> str:
    """Resolve a chain of redirects (a URL that moved twice) to where it ends now."""
    seen = set()
    while target not in urls and target in moved and target not in seen:
        seen.add(target)
        target = moved[target]
    return target


def redirect_page(old_url: str, new_url: str) -> str:
    """A static HTML page at the old URL that sends readers (and search engines) on."""
    depth = old_url.strip("/").count("/") + 1
    target = "../" * depth + new_url
    return (
        "<!doctype html>\n<!-- Generated by briefing: a redirect from a published URL -->\n"
        '<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        f'<title>نُقلت الصفحة</title>\n<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        '<meta name="robots" content="noindex">\n</head>\n'
        f'<body><p>نُقلت هذه الصفحة إلى <a href="{target}">عنوانها الجديد</a>.</p></body>\n'
        "</html>\n"
    )
