"""Render stage: the corpus in, `Page` records (Markdown and JSON) out; nothing is written here.

Templates in templates/ produce Markdown only. Every `{{ value }}` passes through
`escape.markdown_text` unless a helper here returned generated markup (`Markup`), so seed text can
never become live Markdown or HTML.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Call, Expr
from markupsafe import Markup

from . import changes, dates, people
from .arabic import ALPHABET, alphabetical_key, initial
from .escape import isolated_text, markdown_text, yaml_string
from .feeds import FEED_LIMIT, atom, feed_path
from .forked import CORES, ForkedMap
from .models import Actor, Article, Corpus, Figure, Page, Paragraph
from .pagememo import DIGEST_SIZE, PageMemo, digest, digests_by_id
from .timeline import Sourced, merge_events
from .topics import OTHER, Lexicon

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SITE_TITLE = "موجز العراق وسوريا"
OTHER_TITLE = "أخرى"
OTHER_DESCRIPTION = "مقالات لا تندرج تحت أي من مواضيع الموجز، محفوظة هنا كي لا يضيع شيء."
# Lines of the lead shown as a one-line summary on topic and home pages.
SUMMARY_WORDS = 30
# Articles per topic on the home page: the briefing at a glance, the topic page has the rest.
HOME_LATEST = 3
# Articles and timeline events on a topic page, the newest: a page a phone opens at once (at
# 10,000 articles a topic page listing everything was 6 MB). Every one of them is also on the
# topic's page for its year (topic_archive_path), which lists the year in full.
TOPIC_LATEST = 50
TIMELINE_LATEST = 20
# The name of the yearly page of articles with no date (the dated ones are named by their year),
# and its title.
UNDATED = "undated"
UNDATED_TITLE = "غير مؤرَّخة"
# An undated page lists its articles (alphabetically) up to this many; beyond, it links a page per
# initial letter of their titles, since they have no year to be split by (at 10,000 synthetic
# articles, 43% undated, a topic's undated page was 1.5 MB).
UNDATED_SPLIT = 200
# The page name of undated titles that start with no Arabic letter (the letters have theirs).
NO_LETTER = "other"
CORPUS_PATH = "data/corpus.json"
REVIEW_PATH = "dates/review.md"
# Entries on the review page, newest first: the editor's list at a glance (at 10,000 synthetic
# articles the whole list was 2.1 MB); `briefing review` prints all of them, a line each.
REVIEW_SHOWN = 200
UPDATES_PATH = "updates/index.md"
# In excerpt mode (public sites without republication rights) an article shows its lead only.
EXCERPT_PARAGRAPHS = 1
# Key figures on a topic page: a glance, the articles hold the rest.
KEY_FIGURES = 10
# Dates an editor should pin in the catalog: anything vaguer than a month.
VAGUE_PRECISIONS = frozenset({"year", "range"})
# A setting the caller leaves out (or gives as None) takes this value; the CLI's defaults are the
# same, so a run from Python and one from the command line share their page keys (pagememo.py).
DEFAULT_SETTINGS: dict[str, Any] = {
    "month_style": "western+levantine",
    "site_url": "",
    "full_text": True,
}


def effective_settings(settings: dict[str, Any] | None) -> dict[str, Any]:
    """`settings` with every default filled in."""
    given = {name: value for name, value in (settings or {}).items() if value is not None}
    return {**DEFAULT_SETTINGS, **given}


@dataclass(frozen=True, slots=True)
class TopicView:
    id: str
    title: str
    description: str
    path: str
    articles: tuple[Article, ...]


def relative(target: str, here: str) -> str:
    """The path of `target` as seen from page `here` (both docs-relative, POSIX, normalized).

    Plain string work instead of posixpath.relpath, which resolves against the working
    directory and is the slowest call when tens of thousands of links are rendered; remembered
    by the page's folder, since thousands of pages of one folder link the same actors and
    topics.
    """
    return _relative(target, here.rpartition("/")[0])


@lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    here_dirs = folder.split("/") if folder else []
    target_parts = target.split("/")
    common = 0
    while (
        common < len(here_dirs)
        and common < len(target_parts) - 1
        and here_dirs[common] == target_parts[common]
    ):
        common += 1
    return "../" * (len(here_dirs) - common) + "/".join(target_parts[common:])


def _link(text: str, target: str, here: str) -> Markup:
    """A Markdown link from page `here` to page `target` (both docs-relative .md paths)."""
    return _folder_link(text, target, here.rpartition("/")[0])


@lru_cache(maxsize=65536, typed=True)  # typed: Markup("a&amp;b") and "a&amp;b" are not one text
def _folder_link(text: str, target: str, folder: str) -> Markup:
    """`_link`, remembered by the linking page's folder: the pages of one folder link the same
    actors, topics and related articles again and again (an article page makes about 50 links)."""
    return Markup(f"[{markdown_text(text)}]({_relative(target, folder)})")


def _search_link(text: str, query: str, here: str) -> Markup:
    """A link to the search page with `query` filled in (docs/javascripts/search-page.js)."""
    return Markup(f"[{markdown_text(text)}]({relative('search.md', here)}?find={quote(query)})")


def _external_link(text: str, url: str) -> Markup:
    """A link to a catalog URL (validated http(s), no spaces or quotes); brackets encoded."""
    safe = url.replace("(", "%28").replace(")", "%29")
    return Markup(f"[{markdown_text(text)}]({safe})")


def _ltr(text: str) -> Markup:
    """Latin-script text (file names, ids) isolated so it cannot reorder the Arabic line."""
    return Markup(f'<bdi dir="ltr">{markdown_text(text)}</bdi>')


def article_path(article: Article) -> str:
    return f"articles/{article.slug}-{article.id}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def topic_archive_path(topic_id: str, year: str) -> str:
    """A topic's page for one year ("" for its undated articles)."""
    return f"topics/{topic_id}/{year or UNDATED}.md"


def dates_year_path(year: str) -> str:
    """The dated index's page for one year ("" for the undated articles)."""
    return f"dates/{year or UNDATED}.md"


def index_year(article: Article) -> str:
    """The year the dated index and the topic archives file an article under: its date's year, a
    range's end year, or "" when undated (the order of `Article.date_key`)."""
    return article.date_key[:4]


def summary(article: Article) -> str:
    """A one-line summary: the subtitle, else the lead's first words."""
    if article.subtitle:
        return article.subtitle
    lead = article.body[0] if article.body else ""
    words = lead.split()
    return " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")


def date_label(article: Article, style: str) -> str:
    if article.date is None:
        return "غير مؤرخ"
    text = dates.format_date(article.date.value, article.date.precision, style)
    return text if article.date.precision == "day" else f"{text} (تقريبي)"


def year_of(article: Article) -> str:
    """The year a search filter files the article under: only when its date names one year; a
    range ("2022/2026") would put it in years it may not belong to."""
    if article.date is None or article.date.precision == "range":
        return "غير محدد"
    return article.date.value[:4]


def newest_first(articles: list[Article] | tuple[Article, ...]) -> tuple[Article, ...]:
    return tuple(sorted(articles, key=lambda a: (a.date_key, a.id), reverse=True))


class _EscapedOutput(CodeGenerator):
    """Template code that writes each `{{ value }}` as `finalize` returns it.

    `finalize` (markdown_text) escapes every value for Markdown and leaves Markup (macro output,
    `isolated`, `link`) as it is; autoescape, which makes macros return Markup, then wrapped
    each result in `escape()`, which only copied it into a new Markup: two to three Python calls
    for each of the ~190 values of an article page, 20% of the instructions of rendering the
    pages of 1,000 synthetic articles (valgrind)."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if _as_jinja_writes(frame, finalize):
            super()._output_child_pre(node, frame, finalize)
        else:
            self.write(finalize.src)

    def _output_child_post(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if _as_jinja_writes(frame, finalize):
            super()._output_child_post(node, frame, finalize)
        else:
            self.write(")")

    def visit_Call(self, node: Call, frame: Frame, forward_caller: bool = False) -> None:
        """A call as Python writes it, where Jinja wrote context.call(function, ...): that
        serves functions that ask for the template's context (pass_context), which none of
        the globals, filters or macros here does, and cost a Python call with four attribute
        checks for each of the ~110 calls of an article page. `f(*(), ...)` lets Jinja's own
        argument writer, which starts each argument with a comma, write the rest."""
        if forward_caller or self.environment.is_async or self.environment.sandboxed:
            super().visit_Call(node, frame, forward_caller)
            return
        self.write("(")
        self.visit(node.node, frame)
        self.write(")(*()")
        self.signature(node, frame)
        self.write(")")


def _as_jinja_writes(frame: Frame, finalize: Any) -> bool:
    """Output Jinja's own way: in an autoescape block that changes at run time, or without a
    finalize (neither happens with this module's environment)."""
    return bool(frame.eval_ctx.volatile or finalize.src is None)


class _Environment(Environment):
    code_generator_class = _EscapedOutput

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals: the environment's own dict when it has none of its own, as
        here, instead of a ChainMap over it. Every page and every macro import reads them whole
        (Context copies them, `from ... import` compares their keys with the page's), and a
        ChainMap answers each key in Python: 4% of an article page's time (cProfile). Still
        live: globals set after a template is loaded are seen, as with the ChainMap."""
        return self.globals if not d else super().make_globals(d)


def _environment(settings: dict[str, Any], compiled: BytecodeCache | None = None) -> Environment:
    env = _Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=compiled,
        # An environment lives for one run: its templates are not checked for edits on disk
        # again each time a page asks for one (two stat calls per article page).
        auto_reload=False,
        # Every value is escaped for Markdown by `finalize`, and written as it returns it
        # (`_EscapedOutput`); autoescape makes macro output Markup, which `finalize` leaves
        # alone, so nothing is escaped twice or forgotten.
        finalize=markdown_text,
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    style = settings["month_style"]
    env.globals.update(
        link=_link,
        isolated=isolated_text,
        external_link=_external_link,
        ltr=_ltr,
        yaml=lambda v: Markup(yaml_string(v)),
        article_path=article_path,
        topic_path=topic_path,
        topic_archive_path=topic_archive_path,
        dates_year_path=dates_year_path,
        index_year=index_year,
        by_month=by_month,
        letter_path=letter_path,
        year_title=lambda year: year or UNDATED_TITLE,
        summary=summary,
        date_label=lambda a: date_label(a, style),
        year_of=year_of,
        month_name=lambda m: dates.month_name(m, style),
        event_date=lambda e: dates.format_date(e.value, e.precision, style),
        review_path=REVIEW_PATH,
        updates_path=UPDATES_PATH,
        actor_path=people.actor_path,
        kind_titles=people.KIND_TITLES,
        articles_shown=people.ARTICLES_SHOWN,
        quotes_shown=people.QUOTES_SHOWN,
        search_link=_search_link,
        feed_path=lambda name: feed_path(name),
        full_text=settings["full_text"],
        shown_paragraphs=lambda a: _shown(a, settings["full_text"]),
        corpus_path=CORPUS_PATH,
    )
    return env


def _topic_views(corpus: Corpus, lexicon: Lexicon) -> list[TopicView]:
    members: dict[str, list[Article]] = defaultdict(list)
    for article in corpus.articles:
        for topic in article.topics or (OTHER,):
            members[topic].append(article)
    views = [
        TopicView(t.id, t.title, t.description, topic_path(t.id), newest_first(members[t.id]))
        for t in lexicon.topics
    ]
    views.append(
        TopicView(
            OTHER, OTHER_TITLE, OTHER_DESCRIPTION, topic_path(OTHER), newest_first(members[OTHER])
        )
    )
    return views


def _neighbours(views: list[TopicView]) -> dict[str, tuple[Article | None, Article | None]]:
    """Previous (newer) and next (older) article within each article's first topic."""
    result: dict[str, tuple[Article | None, Article | None]] = {}
    for view in views:
        items = view.articles
        for position, article in enumerate(items):
            if (article.topics[0] if article.topics else OTHER) != view.id:
                continue
            newer = items[position - 1] if position > 0 else None
            older = items[position + 1] if position + 1 < len(items) else None
            result[article.id] = (newer, older)
    return result


@dataclass(frozen=True, slots=True)
class YearArchive:
    """One year of a topic or of the whole briefing: its articles (newest first) and the
    timeline events dated in it (oldest first). Year "" holds the undated articles. `newer` and
    `older` are the neighbouring years that have a page, for the links between them."""

    year: str
    articles: tuple[Article, ...]
    events: tuple[Sourced, ...]
    newer: str | None
    older: str | None


def year_archives(
    articles: tuple[Article, ...], timeline: list[Sourced] | None = None
) -> list[YearArchive]:
    """The years of these articles (newest first, in their order) and of the timeline's events,
    newest first, the undated last. An event's year may have no article: "established in 2014"
    in an article of 2024 files the event under 2014."""
    by_year: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_year[index_year(article)].append(article)
    events: dict[str, list[Sourced]] = defaultdict(list)
    for item in timeline or ():
        events[item.event.value[:4]].append(item)
    years = sorted(by_year.keys() | events.keys(), reverse=True)
    dated = [year for year in years if year]
    neighbours = {
        year: (dated[i - 1] if i else None, dated[i + 1] if i + 1 < len(dated) else None)
        for i, year in enumerate(dated)
    }
    return [
        YearArchive(
            year,
            tuple(by_year[year]) if year else alphabetical(by_year[year]),
            tuple(events[year]),
            *neighbours.get(year, (None, None)),
        )
        for year in years
    ]


def alphabetical(articles: list[Article] | tuple[Article, ...]) -> tuple[Article, ...]:
    """By title (`arabic.alphabetical_key`), then id: the order of undated lists."""
    return tuple(sorted(articles, key=lambda a: (alphabetical_key(a.title), a.id)))


@dataclass(frozen=True, slots=True)
class LetterGroup:
    """Undated articles whose titles start with one letter (`arabic.initial`; "" for none)."""

    letter: str
    name: str  # the page's file name: the letter's ASCII name, or NO_LETTER
    articles: tuple[Article, ...]  # alphabetical


def letter_groups(articles: tuple[Article, ...]) -> list[LetterGroup]:
    """The letters these (alphabetical) articles' titles start with, in alphabetical order, the
    titles with no Arabic initial last."""
    by_letter: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_letter[initial(article.title)].append(article)
    return [
        LetterGroup(letter, name, tuple(by_letter[letter]))
        for letter, name in [*ALPHABET, ("", NO_LETTER)]
        if letter in by_letter
    ]


def letter_path(undated_page: str, group: LetterGroup) -> str:
    """The page of one letter of an undated page: topics/x/undated.md -> topics/x/undated/ba.md."""
    return f"{undated_page.removesuffix('.md')}/{group.name}.md"


def by_month(articles: tuple[Article, ...]) -> list[tuple[str, list[Article]]]:
    """[(month as "MM" or "" when unknown, articles)], newest first, of articles of one year."""
    months: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        months[article.date_key[5:7]].append(article)
    return sorted(months.items(), key=lambda item: item[0], reverse=True)


def _shown(article: Article, full_text: bool) -> tuple[Paragraph, ...]:
    """All paragraphs, or in excerpt mode the lead paragraph alone (for public sites)."""
    if full_text:
        return article.paragraphs
    return tuple(p for p in article.paragraphs if p.kind == "text")[:EXCERPT_PARAGRAPHS]


def published_body(article: Article, full_text: bool) -> list[str]:
    """The body text paragraphs as corpus.json publishes them (the lead alone in excerpt mode)."""
    return article.body if full_text else article.body[:EXCERPT_PARAGRAPHS]


def _key_figures(articles: tuple[Article, ...]) -> list[Figure]:
    """The figures of a topic's newest articles, newest first, at most KEY_FIGURES."""
    return [f for a in articles for f in a.figures][:KEY_FIGURES]


def needs_review(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """Articles whose date is missing or vaguer than a month, and not set by an editor."""
    return tuple(
        a
        for a in articles
        if a.date is None or (a.date.source == "text" and a.date.precision in VAGUE_PRECISIONS)
    )


def corpus_json(
    corpus: Corpus,
    full_text: bool = True,
    actors: dict[str, Actor] | None = None,
    moved: dict[str, str] | None = None,
    earlier: Callable[[Article], bytes | None] | None = None,
) -> tuple[bytes, list[tuple[Article, int, int]]]:
    """`data/corpus.json` as DESIGN.md section 4 specifies it, encoded, and where each article's
    line lies in it (start and end, in bytes).

    JSON with each top-level field, and each element of a list field, on a line of its own: a
    diff between two corpora shows which articles changed, and every piece goes through the C
    encoder (json.dumps with `indent` runs the pure-Python one, 10x slower on 10,000 articles).
    `earlier` gives an article's line as a previous run wrote it, when the article is the same
    (pagememo.py): copied, not encoded again (1.5 s of an incremental run on 10,000 articles)."""
    actors = people.registry(corpus) if actors is None else actors
    head = {
        "generated_from": [{"seed": s.name, "sha256": s.sha256} for s in corpus.seeds],
        "actors": {
            i: {
                "name": a.name,
                "kind": a.kind,
                "latin": a.latin,
                "url": people.actor_path(i).removesuffix(".md") + "/",
            }
            for i, a in actors.items()
        },
    }
    # Pieces joined once at the end: appending each line to a growing buffer copied the
    # 50 MB of 10,000 articles' lines twice more.
    pieces = [b"{\n", *(_json_field(name, value) + b",\n" for name, value in head.items())]
    ordered = newest_first(corpus.articles)
    pieces.append(b'"articles": [\n' if ordered else b'"articles": []')
    offset = sum(map(len, pieces))
    spans = []
    for position, article in enumerate(ordered):
        line = earlier(article) if earlier is not None else None
        if line is None:
            line = _json(_article_json(article, full_text))
        spans.append((article, offset, offset + len(line)))
        separator = b",\n" if position < len(ordered) - 1 else b"\n]"
        pieces += (line, separator)
        offset += len(line) + len(separator)
    pieces.append(b",\n" + _json_field("redirects", moved or {}) + b"\n}\n")
    return b"".join(pieces), spans


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _json_field(name: str, value: Any) -> bytes:
    """`"name": value`, with a non-empty list one element a line."""
    if isinstance(value, list) and value:
        return _json(name) + b": [\n" + b",\n".join(map(_json, value)) + b"\n]"
    return _json(name) + b": " + _json(value)


def _article_json(article: Article, full_text: bool) -> dict[str, Any]:
    date = article.date
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "subtitle": article.subtitle,
        "outlet": article.outlet,
        "source_url": article.source_url,
        "seed": article.seed,
        "lines": list(article.lines),
        "topics": list(article.topics),
        "topic_scores": {
            s.topic: {"score": s.score, "terms": list(s.terms)} for s in article.topic_scores
        },
        "date": None
        if date is None
        else {
            "value": date.value,
            "precision": date.precision,
            "basis": date.basis,
            "source": date.source,
        },
        "captions": list(article.captions),
        "body": published_body(article, full_text),
        "subheads": [p.text for p in article.paragraphs if p.kind == "subhead"],
        "teasers": [
            {
                "headline": t.headline,
                "label": t.label,
                "caption": t.caption,
                "summary": t.summary,
                "byline": t.byline,
                "lines": list(t.lines),
                "article": t.article,
            }
            for t in article.teasers
        ],
        "related": list(article.related),
        "versions": list(article.versions),
        "also_titled": list(article.also_titled),
        "actors": sorted({m.actor for m in article.mentions}),
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "paragraph": q.paragraph,
            }
            for q in article.quotes
        ],
        "figures": [
            {"text": f.text, "value": f.value, "unit": f.unit, "counts": f.counts}
            for f in article.figures
        ],
        "overrides": list(article.overrides),
    }


def _card(article: Article) -> tuple[Any, ...]:
    """What a page shows of an article it links to: title, path, date and outlet."""
    return (article.id, article.slug, article.title, article.date, article.outlet)


# An article's card in a page key: a digest of `_card`, or None for no article.
Cards = Callable[[Article | None], bytes | None]
# No article, where a key joins cards as bytes (`_article_key`): as long as a card's digest.
NO_CARD = bytes(DIGEST_SIZE)


def _card_digests() -> Cards:
    """Digests of the cards, each made once per run. Keys name the articles a page links to by
    them: the cards themselves (dates carry their evidence) made article keys of 5 KB each,
    1.1 s of digesting for 10,000 articles (measured)."""
    of = digests_by_id(_card)
    return lambda article: None if article is None else of(article)


def _article_key(
    article: Article,
    by_id: dict[str, Article],
    newer: Article | None,
    older: Article | None,
    name: Callable[[str], bytes],
    digest_of: Callable[[Article], bytes],
    card: Cards,
) -> bytes:
    """Everything article.md.j2 reads for one article, for the page memo: the article itself
    (by its digest, `PageMemo.article_digest`), the cards of the articles it links to and of its
    neighbours, and the names of the actors it names (`_name_digests`).

    Digests joined as bytes, not put in a tuple: the memo would digest the tuple through its
    repr, 1.6 KB of escaped bytes an article (0.33 s at 10,000 articles, measured). Every part
    after the count of linked articles is one digest (NO_CARD for no neighbour), so no two keys
    join alike.
    """
    teasers = [t.article for t in article.teasers if t.article]
    linked = [*article.versions, *article.related, *teasers]
    speakers = {q.speaker for q in article.quotes if q.speaker}
    named = sorted({m.actor for m in article.mentions} | speakers)
    parts = [b"article", digest_of(article), len(linked).to_bytes(4, "big")]
    parts += [card(a) or NO_CARD for a in (*[by_id[i] for i in linked], newer, older)]
    parts += map(name, named)
    return b"".join(parts)


def _name_digests(actors: dict[str, Actor]) -> Callable[[str], bytes]:
    """The digest of an actor's id and name (None for an actor without a page), made once per
    actor and run."""
    return cache(
        lambda actor_id: digest((actor_id, actors[actor_id].name if actor_id in actors else None))
    )


def _archive_key(
    template: str,
    values: dict[str, Any],
    archive: YearArchive,
    card: Cards,
    item: Callable[[Article], bytes],
) -> tuple[Any, ...]:
    """Everything a year's page reads, for the page memo: the topic's id and title (when it is a
    topic's), the neighbouring years, each article's item (`_item`), and each event with its
    sources' cards and lines."""
    return (
        template,
        _topic_of(values),
        archive.year,
        archive.newer,
        archive.older,
        tuple(map(item, archive.articles)),
        tuple((s.event, tuple((card(a), line) for a, line in s.sources)) for s in archive.events),
    )


def _topic_of(values: dict[str, Any]) -> tuple[str, str] | None:
    """What a year or letter page shows of its topic, if it is a topic's: id (path) and title."""
    topic = values.get("topic")
    return (topic.id, topic.title) if topic else None


def _item(article: Article) -> tuple[Any, ...]:
    """What a list of articles shows of one: its card and its summary."""
    return (*_card(article), summary(article))


def _actor_key(view: people.ActorView, card: Cards) -> tuple[Any, ...]:
    """Everything actor.md.j2 reads for one actor, for the page memo."""
    return (
        "actor",
        view.actor,
        len(view.articles),
        len(view.quotes),
        tuple(card(a) for a in view.articles[: people.ARTICLES_SHOWN]),
        tuple((quote, card(a)) for quote, a in view.quotes[: people.QUOTES_SHOWN]),
        tuple((other.id, other.name, count) for other, count in view.co_actors),
    )


def render_pages(
    corpus: Corpus,
    lexicon: Lexicon,
    settings: dict[str, Any] | None = None,
    previous: dict[str, Any] | None = None,
    memo: PageMemo | None = None,
    prepare: Callable[[Page], Page] | None = None,
    compiled: BytecodeCache | None = None,
) -> Generator[Page, None, None]:
    """Every generated page of the site, in a stable order, one at a time, so a caller can write
    each to a temporary file and let it go (on 10,000 articles, holding them all cost about
    300 MB). `previous` is the last published corpus.

    With a `memo`, the article and actor pages it reports unchanged are left out (their files
    stay as they are: `memo.kept`). `prepare`, when given, is applied to each article page where
    it is rendered (output.stage_page: written to its temporary file there). `compiled` keeps
    the compiled templates from one run to the next (cache.TemplateCache).

    Article pages come last; many render on forked workers (forked.py), started first, while the
    other pages render here; the actor pages, next to last, on workers of their own, started
    once the actor views exist. A caller that stops early closes the generator, which stops
    them all."""
    settings = effective_settings(settings)
    env = _environment(settings, compiled)
    views = _topic_views(corpus, lexicon)
    titles = {v.id: v.title for v in views}
    env.globals["topic_tags"] = lambda a: [titles[t] for t in a.topics]
    ordered = newest_first(corpus.articles)
    actors = people.registry(corpus)
    # The actors an article names that have a page, sorted: in Python, since the same through
    # template filters (map, unique, select, sort) cost 3.4% of the instructions of rendering a
    # 200-article synthetic site (callgrind: 3.24 G against 3.35 G).
    env.globals["named_actors"] = lambda a: sorted({m.actor for m in a.mentions} & actors.keys())
    common = {
        "topics": views,
        "topic_titles": titles,
        "corpus": corpus,
        "articles": ordered,
        "actors": actors,
    }

    def markdown(path: str, template: str, **values: Any) -> str:
        return env.get_template(template).render(**common, here=path, **values)

    def page(path: str, template: str, **values: Any) -> Page:
        return Page(path, markdown(path, template, **values))

    card, item = _card_digests(), digests_by_id(_item)  # each made once per article and run
    name = _name_digests(actors)

    def archive_pages(
        path: Callable[[str], str], template: str, archives: list[YearArchive], **values: Any
    ) -> Iterator[Page]:
        """The pages of these years (and of the undated articles' letters, when they are split),
        each left out when the memo knows it unchanged."""
        for archive in archives:
            where = path(archive.year)
            split = not archive.year and len(archive.articles) > UNDATED_SPLIT
            letters = letter_groups(archive.articles) if split else []
            key = digest((_archive_key(template, values, archive, card, item), split))
            if memo is None or not memo.unchanged(where, key):
                yield page(
                    where, template, archive=archive, year_path=path, letters=letters, **values
                )
            for group in letters:
                at = letter_path(where, group)
                listed = tuple(map(item, group.articles))
                key = digest((_topic_of(values), group.name, listed))
                if memo is None or not memo.unchanged(at, key):
                    yield page(at, "undated_letter.md.j2", group=group, undated=where, **values)

    by_id, neighbours = corpus.by_id(), _neighbours(views)
    todo = []
    for article in ordered:
        if memo is not None:
            newer, older = neighbours.get(article.id, (None, None))
            key = _article_key(article, by_id, newer, older, name, memo.article_digest, card)
            if memo.unchanged(article_path(article), key):
                continue
        todo.append(article)

    def article_page(article: Article) -> Page:
        path = article_path(article)
        newer, older = neighbours.get(article.id, (None, None))
        linked = people.linked_paragraphs(article, actors, lambda t, to, h=path: _link(t, to, h))
        values = {"article": article, "by_id": by_id, "newer": newer, "older": older}
        rendered = Page(path, markdown(path, "article.md.j2", **values, linked=linked))
        return rendered if prepare is None else prepare(rendered)

    def other_pages() -> Iterator[Page]:
        """Every page but the articles', rendered here."""
        yield page("index.md", "home.md.j2", latest=HOME_LATEST)
        for view in views:
            timeline = merge_events(view.articles) if view.id != OTHER else []
            archives = year_archives(view.articles, timeline)
            yield page(
                view.path,
                "topic.md.j2",
                topic=view,
                latest=TOPIC_LATEST,
                timeline=timeline[-TIMELINE_LATEST:],
                events=len(timeline),
                archives=archives,
                main_actors=people.main_actors(view.articles, actors),
                key_figures=_key_figures(view.articles),
            )
            yield from archive_pages(
                partial(topic_archive_path, view.id),
                "topic_year.md.j2",
                archives,
                topic=view,
            )
        archives = year_archives(ordered)
        yield page("dates/index.md", "dates.md.j2", archives=archives)
        yield from archive_pages(dates_year_path, "dates_year.md.j2", archives)
        yield page(REVIEW_PATH, "review.md.j2", vague=needs_review(ordered), shown=REVIEW_SHOWN)
        actor_views = people.views(corpus, actors, ordered)
        yield page("actors/index.md", "actors.md.j2", actor_views=actor_views)
        changed_actors = [
            view
            for view in actor_views
            if memo is None
            or not memo.unchanged(people.actor_path(view.actor.id), digest(_actor_key(view, card)))
        ]
        # The actor pages render on workers of their own (forked now: they need the views) while
        # this process renders the rest. Rendered here, after the other pages, this process
        # finished last and a core idled through the end of every run (0.3 s of a 6 s run at
        # 1,000 synthetic articles, the machine's load sampled every 50 ms).
        with _on_workers(
            env,
            "actor.md.j2",
            actor_page,
            changed_actors,
            PARALLEL_MIN_ACTOR_PAGES,
            PARALLEL_ACTOR_CHUNK,
        ) as actor_pages:
            yield from last_pages()
            yield from actor_pages

    def actor_page(view: people.ActorView) -> Page:
        rendered = page(people.actor_path(view.actor.id), "actor.md.j2", view=view)
        return rendered if prepare is None else prepare(rendered)

    def last_pages() -> Iterator[Page]:
        """What's new, redirects, the corpus file and the feeds: rendered here."""
        full_text = settings["full_text"]
        known = memo.known_fingerprint if memo is not None else None
        current = changes.fingerprints(
            corpus.articles, lambda a: published_body(a, full_text), known
        )
        yield page(
            UPDATES_PATH, "updates.md.j2", changes=changes.compare(previous, corpus, current)
        )
        moved = changes.redirects(previous, corpus)
        for old, new_path in moved.items():
            yield Page(f"{old}index.html", changes.redirect_page(old, new_path))
        earlier = memo.earlier_lines(CORPUS_PATH) if memo is not None else None
        encoded, lines = corpus_json(corpus, full_text, actors, moved, earlier)
        if memo is not None:
            memo.record_lines(CORPUS_PATH, lines)
            # The articles in the order the file lists them, as corpus_json wrote it.
            written = [article for article, _, _ in lines]
            memo.record_corpus(changes.summary(written, current, moved), written, current)
        yield Page(CORPUS_PATH, encoded)
        yield from _feeds(views, settings, ordered)

    # Article pages render on forked workers when there are enough of them (the results are the
    # same either way; tests/test_regeneration.py compares), started before the other pages so
    # that the workers render while this process renders the home, topic, year and corpus
    # pages: before, the workers were forked only after those, and one core idled through them
    # (1.1 s of a 5.9 s run at 1,000 synthetic articles). Closed, so the workers stop, when the
    # pages are all taken or the caller gives up.
    with _on_workers(
        env, "article.md.j2", article_page, todo, PARALLEL_MIN_PAGES, PARALLEL_CHUNK
    ) as rendered:
        yield from other_pages()
        yield from rendered


Item = TypeVar("Item")


def _on_workers(
    env: Environment,
    template: str,
    job: Callable[[Item], Page],
    items: Sequence[Item],
    minimum: int,
    chunk: int,
) -> ForkedMap[Page]:
    """The pages `job` renders from `items` with `template`, on forked workers from `minimum`
    items (forked.ForkedMap). The template is compiled here first, so that the workers inherit
    it compiled instead of each compiling it again (56 ms for the article page, measured)."""
    env.get_template(template)
    return ForkedMap(job, items, minimum=minimum, chunk=chunk, workers=WORKERS)


# Article pages are rendered on both cores when there are at least this many to render: a
# forked worker costs about as much as rendering a hundred pages (measured with `make bench`).
PARALLEL_MIN_PAGES = 400
PARALLEL_CHUNK = 100
# Actor pages, on workers of their own, from this many: an actor page lists up to
# people.ARTICLES_SHOWN articles and costs about three article pages.
PARALLEL_MIN_ACTOR_PAGES = 50
PARALLEL_ACTOR_CHUNK = 25
WORKERS = CORES


def _feeds(
    views: list[TopicView],
    settings: dict[str, Any],
    ordered: tuple[Article, ...],
) -> list[Page]:
    """The Atom feed of the whole briefing and of each topic; `ordered` is every article, newest
    first."""
    base = str(settings["site_url"])
    base = base if not base or base.endswith("/") else base + "/"
    style = settings["month_style"]
    # Only the articles the feeds list (the newest of each feed): summarizing every article took
    # 0.13 s of a full run at 10,000 synthetic articles, 0.004 s this way (timed).
    shown = itertools.chain(ordered[:FEED_LIMIT], *(v.articles[:FEED_LIMIT] for v in views))
    summaries = {a.id: (summary(a), date_label(a, style)) for a in shown}
    pages = [Page(feed_path("all"), atom("all", SITE_TITLE, ordered, base, summaries))]
    for view in views:
        title = f"{SITE_TITLE}: {view.title}"
        pages.append(Page(feed_path(view.id), atom(view.id, title, view.articles, base, summaries)))
    return pages
