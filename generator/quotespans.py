"""One paragraph read for quotes: its quoted spans, the words outside them, its sentences.

Quoted spans: «…», “…” or "…". Inside an open quote the other marks nest ("«… (داعش) …»",
"«… "x" …»" stay one quote). A straight " opens only before a word and closes only after one.
Quotes never cross a paragraph boundary; an unclosed quote (a missing » or ") ends at the end of
its sentence: the first . ! ? ؟ : ؛ or new opening «, else the paragraph's end. Spans shorter than
MIN_QUOTE_WORDS are quoted names and terms («داعش», «حزب الله»), not quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import NamedTuple

from .arabic import ChunkTable, normalize, token_count
from .models import build_named_tuple

# Quoted names and terms run to three words («التحالف الدولي ضد», «حزب الله»); a statement worth
# quoting as someone's words is longer.
MIN_QUOTE_WORDS = 4
_WORD = re.compile(r"[\u0621-\u063a\u0640-\u065f\u0670A-Za-z0-9\u0660-\u0669]+")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_UNCLOSED_END = re.compile(r"[.!?؟:؛\n«“]")
# The marks that close (or, nested, open) a quote of each kind. A straight " closes after a
# non-space (the lookbehind sees the text before the search start, as `_close` needs).
_MARKS = {"«": re.compile("[«»]"), "“": re.compile("[“”]"), '"': re.compile(r'(?<=\S)"')}
_OPENING = re.compile('[«“"]')


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # the opening mark
    end: int  # one past the content (the closing mark, or the sentence end)
    closed: bool


class Word(NamedTuple):
    """A word outside the quotes. A named tuple: hundreds per article, cheap to build."""

    start: int
    end: int
    key: str  # normalized
    gap: str  # text between the previous word and this one


class Mention(NamedTuple):
    """An actor's mention as quotes read it. A named tuple: dozens per article, and a frozen
    dataclass's __init__ sets each field through object.__setattr__."""

    start: int
    end: int
    actor: str
    text: str
    kind: str  # person, organization or place (discovered actors are people)

    @property
    def person(self) -> bool:
        return self.kind == "person"


class Paragraph:
    """One paragraph's quotes, words outside them, sentences and actor mentions."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.mentions = mentions
        spans = quote_spans(text)
        self.spans = [s for s in spans if token_count(content(text, s)) >= MIN_QUOTE_WORDS]
        ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self.sentence_ends = [e for e in ends if not any(s.start < e < s.end for s in self.spans)]

    @cached_property
    def words(self) -> list[Word]:
        """The words outside the quotes, read on first use: a paragraph with no cue needs none."""
        return _words(self.text, self.spans)

    @cached_property
    def after_quote(self) -> set[int]:
        """The index of the first word after each quote."""
        starts = [w.start for w in self.words]
        return {bisect.bisect(starts, s.start) for s in self.spans}

    def may_hold(self, keys: frozenset[str]) -> bool:
        """Whether a word of the paragraph (in a quote or not) has one of these keys."""
        words = chain.from_iterable(map(_CHUNK_KEYS.__getitem__, self.text.split(" ")))
        return not keys.isdisjoint(words)  # all in C

    def sentence(self, position: int) -> int:
        """How many sentence ends come before `position` (they are in text order)."""
        return bisect.bisect_left(self.sentence_ends, position)

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    def mention_at(self, word: Word) -> Mention | None:
        """The first mention starting inside the word. The mentions come in text order (by
        start), so that is the first at or after the word's start, found by bisection."""
        n = bisect.bisect_left(self._mention_starts, word.start)
        return (
            self.mentions[n]
            if n < len(self.mentions) and self.mentions[n].start < word.end
            else None
        )


def quote_spans(text: str) -> list[Span]:
    """Every quoted span of a paragraph, outermost only, in order."""
    spans = []
    i = 0
    while (found := _OPENING.search(text, i)) is not None:
        i = found.start()
        if text[i] == '"' and not _opens_straight(text, i):
            i += 1
            continue
        span = _close(text, i)
        spans.append(span)
        i = span.end + 1 if span.closed else max(span.end, i + 1)
    return spans


def _opens_straight(text: str, i: int) -> bool:
    """A straight " opens a quote before a word, after a space, bracket or lone proclitic."""
    after = text[i + 1 : i + 2]
    if not after or after.isspace():
        return False
    before = text[:i].rstrip("\u0640")  # tatweel: لـ"
    if not before or not before[-1].isalnum():
        return True
    return before[-1] in "وبلفك" and (len(before) == 1 or not before[-2].isalnum())


def _close(text: str, i: int) -> Span:
    """The span opened at i: to its matching mark, else (unclosed) to the end of its sentence."""
    opener = text[i]
    depth = 1
    # Only the marks of this kind are visited (one regex search from mark to mark), not every
    # character of the quote.
    for found in _MARKS[opener].finditer(text, i + 1):
        if found.group() == opener and opener != '"':  # a straight " never nests
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            return Span(i, found.start(), True)
    end = _UNCLOSED_END.search(text, i + 1)
    return Span(i, end.start() if end else len(text), False)


def content(text: str, span: Span) -> str:
    return text[span.start + 1 : span.end].strip()


def _words(text: str, hidden: list[Span]) -> list[Word]:
    """Normalized words outside the kept quotes; a word's gap shows a quote passed over.

    No word holds a space, so the text is read chunk by space-separated chunk, each chunk's
    words found and normalized once (`_chunk_words`) and shifted into place.
    """
    result = []
    previous = offset = 0
    spans = iter(hidden)
    span = next(spans, None)
    for chunk in text.split(" "):
        for local_start, local_end, key in _CHUNK_WORDS[chunk]:
            start, end = offset + local_start, offset + local_end
            while span is not None and span.end <= start:
                span = next(spans, None)
            if span is None or span.start >= start:
                result.append(build_named_tuple(Word, (start, end, key, text[previous:start])))
            previous = end
        offset += len(chunk) + 1
    return result


def _chunk_words(chunk: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), normalize(m.group())) for m in _WORD.finditer(chunk))


_CHUNK_WORDS = ChunkTable(_chunk_words)
# The keys alone, for `Paragraph.may_hold`.
_CHUNK_KEYS = ChunkTable(lambda chunk: tuple(key for _, _, key in _CHUNK_WORDS[chunk]))
