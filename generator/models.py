"""The records passed between pipeline stages. All frozen: a stage returns new records, never edits.

Line numbers are 1-based and inclusive, as an editor sees them in the seed file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal, NamedTuple, TypeVar, cast

Layout = Literal["A", "B", "C"]
Precision = Literal["day", "month", "year", "range"]
ParagraphKind = Literal["text", "subhead", "caption"]


@dataclass(frozen=True, slots=True)
class Seed:
    """One scraped page, decoded and normalized; `lines[i]` is line i + 1 of the file."""

    name: str
    text: str
    sha256: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True, slots=True)
class SeedFile:
    """A seed file by its name and the SHA-256 of its bytes: what its parse is a function of
    (with the code), and all a corpus keeps of a seed once it is parsed."""

    name: str
    sha256: str


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    """The lines of one article as cut out of a seed, header and related-articles block included.

    `header` holds the article's own top matter (headline, subtitle, doubled captions) with the
    scraper's repeats already removed; `body` the lines after it up to the teaser block; `teasers`
    the lines of the related-articles block. Lines dropped as boilerplate are listed in `dropped`
    with the reason, so nothing disappears unaccounted.
    """

    seed: str
    layout: Layout
    headline: SourceLine | None
    subtitle: tuple[SourceLine, ...]
    captions: tuple[SourceLine, ...]
    body: tuple[SourceLine, ...]
    teasers: tuple[SourceLine, ...]
    dropped: tuple[tuple[int, str], ...] = ()


class Paragraph(NamedTuple):
    """One paragraph of an article (a named tuple: see `_rebuilt_in_one_call`)."""

    text: str
    kind: ParagraphKind
    line: int


@dataclass(frozen=True, slots=True)
class Teaser:
    """A "related articles" entry: a link to a story, not a story we hold."""

    headline: str
    label: str | None
    caption: str | None
    summary: str | None
    byline: str | None
    lines: tuple[int, int]
    article: str | None = None  # id of the held article it announces, set by the link stage


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text: `text[start:end]` is what the source wrote."""

    start: int
    end: int
    text: str
    value: str  # ISO: "2024-12-12", "2024-12", "2024" or an interval "2021-12/2023-08"
    precision: Precision
    tense: Literal["past", "present", "future", "unknown"] = "unknown"


@dataclass(frozen=True, slots=True)
class ArticleDate:
    value: str
    precision: Precision
    basis: str  # a short reason in words, shown to editors
    source: Literal["text", "catalog"] = "text"


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated happening an article reports: the clause around a date, not the article's date."""

    value: str  # ISO, as in DateMention
    precision: Precision
    text: str  # the sentence or clause, as written
    line: int  # seed line of the paragraph it came from


@dataclass(frozen=True, slots=True)
class Actor:
    """A gazetteer or discovered entity: one canonical name, many spellings."""

    id: str  # ASCII, stable: used in URLs (actors/<id>/)
    name: str  # canonical Arabic name, as displayed
    kind: Literal["person", "organization", "place"]
    latin: str
    description: str
    variants: tuple[str, ...] = ()


class ActorMention(NamedTuple):
    """Where an article names an actor (a named tuple: see `_rebuilt_in_one_call`)."""

    actor: str  # Actor.id
    paragraph: int  # index into the paragraphs given
    start: int
    end: int
    text: str  # as written


class Quote(NamedTuple):
    """A direct quote and its speaker (a named tuple: see `_rebuilt_in_one_call`)."""

    text: str  # inside the quote marks, as written
    speaker: str | None  # Actor.id when resolved to a known actor, else the name as written
    speaker_name: str | None  # the speaker as written in the attribution
    paragraph: int
    cue: str | None  # the attribution verb or phrase that named the speaker ("وقال", "وأضاف")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number that matters: "2500 جندي أميركي", "90 مليون دولار"."""

    text: str  # as written, number and unit together
    value: float
    unit: str  # normalized unit word, e.g. "جندي", "دولار", "شخص"
    counts: str  # what it counts, as written after the unit (may be empty)
    paragraph: int


@dataclass(frozen=True, slots=True)
class TopicScore:
    topic: str
    score: float
    terms: tuple[str, ...]  # the lexicon terms that fired, as written in the lexicon


@dataclass(frozen=True, slots=True)
class Article:
    seed: str
    layout: Layout
    title: str
    title_derived: bool  # True when the source had no headline and the title came from the lead
    subtitle: str | None
    outlet: str | None
    captions: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    teasers: tuple[Teaser, ...]
    lines: tuple[int, int]
    id: str
    identity: str  # what the id hashes: outlet + normalized headline (or lead)
    date: ArticleDate | None = None
    topics: tuple[str, ...] = ()
    topic_scores: tuple[TopicScore, ...] = ()
    source_url: str | None = None
    slug: str = ""
    related: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()  # names of the fields an editor set in the catalog
    events: tuple[TimelineEvent, ...] = ()
    # Who and what the article mentions; `paragraph` in each indexes `paragraphs`.
    mentions: tuple[ActorMention, ...] = ()
    discovered: tuple[Actor, ...] = ()  # actors found by the title pattern, not in the gazetteer
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    versions: tuple[str, ...] = ()  # ids of other full articles telling the same story
    also_titled: tuple[str, ...] = ()  # other headlines the story was announced under
    # Provenance of every seed line the article accounts for (see report.py): the lines its
    # content came from, and the lines dropped as boilerplate with the reason.
    source_lines: tuple[int, ...] = ()
    dropped: tuple[tuple[int, str], ...] = ()

    @property
    def body(self) -> list[str]:
        """Plain paragraphs (no subheads or inline captions), as the corpus JSON lists them."""
        return [p.text for p in self.paragraphs if p.kind == "text"]

    @property
    def lead_captions(self) -> tuple[str, ...]:
        """The captions of the photo at the head of the article (inline ones excluded)."""
        inline = sum(1 for p in self.paragraphs if p.kind == "caption")
        return self.captions[: len(self.captions) - inline]

    @property
    def url(self) -> str:
        return f"articles/{self.slug}-{self.id}/"

    @property
    def date_key(self) -> str:
        """Sorts articles by date (a range by its end); undated articles sort oldest."""
        return self.date.value.rpartition("/")[2] if self.date else ""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input: shown as `file:line: message`."""

    path: str
    line: int | None
    message: str
    severity: Literal["error", "warning"] = "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class Corpus:
    articles: tuple[Article, ...]
    seeds: tuple[SeedFile, ...]
    problems: tuple[Problem, ...] = field(default=())

    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Every actor some article mentions, sorted."""
        return tuple(sorted({m.actor for a in self.articles for m in a.mentions}))


@dataclass(frozen=True, slots=True)
class Staged:
    """A page's content already in a temporary file beside its target (output.stage_page), or
    None when the target already holds exactly that content."""

    temporary: str | None


@dataclass(frozen=True, slots=True)
class Page:
    """A generated file: path relative to the docs folder, and its full content."""

    path: str
    content: str | bytes | Staged  # text is written as UTF-8


# Field name -> position in a record's state (`_fast_pickling`), for `evolve`.
_POSITIONS: dict[type, dict[str, int]] = {}
Record = TypeVar("Record")


def _fast_pickling(cls: type) -> None:
    """Pickle a frozen slotted dataclass as the tuple of its field values, in field order.

    The article cache loads tens of thousands of these objects per regeneration, and the state
    methods dataclasses generate call `fields()` for every object: that was most of the time of
    loading a 10,000-article cache (3.7 s of 4.8 s, profiled). Same state, precomputed names."""
    names = tuple(f.name for f in fields(cls))
    # Calling each slot's own descriptor skips the attribute lookup `object.__setattr__` makes per
    # field: the 10,000-article cache unpickled in 0.67 s instead of 1.03 s (measured).
    setters = tuple(cls.__dict__[name].__set__ for name in names)

    def getstate(self: Any) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in names)

    def setstate(self: Any, state: Any) -> None:
        for set_field, value in zip(setters, state, strict=True):
            set_field(self, value)

    cls.__getstate__ = getstate  # type: ignore[attr-defined,assignment]
    cls.__setstate__ = setstate  # type: ignore[attr-defined,assignment]
    _POSITIONS[cls] = {name: position for position, name in enumerate(names)}


def evolve(record: Record, **changes: Any) -> Record:
    """`dataclasses.replace` for the frozen slotted records of this module: a copy with these
    fields changed, built from the record's state in field order instead of through `__init__`
    (none of them checks anything there). Linking replaces every article and most teasers: at
    10,000 articles, 18,000 calls of `replace` at 16 microseconds each against 4 this way."""
    positions = _POSITIONS[type(record)]
    fast: Any = record  # its state methods are `_fast_pickling`'s
    state = list(fast.__getstate__())
    for name, value in changes.items():
        if name not in positions:
            raise TypeError(f"{type(record).__name__} has no field {name!r}")
        state[positions[name]] = value
    copy: Any = object.__new__(type(record))
    copy.__setstate__(state)
    return cast(Record, copy)


# A named tuple from its values in one C call: `build_named_tuple(Token, (start, end, ...))`.
# The tokenizers build hundreds per article, and a named tuple's own __new__ (Python code) calls
# this in the end.
build_named_tuple = tuple.__new__


def _rebuilt_in_one_call(cls: type) -> None:
    """Pickle a named tuple as `tuple.__new__(cls, values)`, which rebuilds it in one C call.

    The most numerous parts of an article (its mentions, paragraphs and quotes: 437,000 of the
    532,000 objects of 10,000 synthetic articles) are named tuples rather than frozen dataclasses
    for this: unpickling a dataclass runs Python code per object and field (`_fast_pickling`),
    and so does a named tuple's own `__new__`. The 10,000-article cache loaded in 1.04-1.14 s
    with these three as named tuples, 1.04-1.18 s with the mentions alone, against 1.68-2.10 s
    with all three as dataclasses (each the best of 5, twice, alternating)."""

    def reduce(self: tuple[Any, ...]) -> tuple[Any, ...]:
        return build_named_tuple, (cls, tuple(self))

    cls.__reduce__ = reduce  # type: ignore[method-assign,assignment]


for _model in list(globals().values()):
    if isinstance(_model, type) and _model.__module__ == __name__:
        if is_dataclass(_model):
            _fast_pickling(_model)
        elif issubclass(_model, tuple):
            _rebuilt_in_one_call(_model)
