"""Tokens of a paragraph and the longest gazetteer phrase at a token (names and titles).

A token keeps its span in the text as written (the offset map) and what separates it from the
token before ("" for a space, "quote", "comma" or "break"); a phrase matches where its words
follow one another with nothing but spaces or quote marks between.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache, partial
from typing import NamedTuple

from .arabic import ChunkTable, normalize, strip_diacritics
from .gazetteer import WORD, Features, Gazetteer, Phrase
from .models import build_named_tuple

# What may stand between two words of one phrase: a space or a quote mark.
_JOINING_GAPS = ("", "quote")
_BREAK = re.compile(r"[.:;؛!?؟…()\[\]\-–—/|\n]")


class Token(NamedTuple):
    """One word of a paragraph. A named tuple, not a frozen dataclass: an article has hundreds
    of words, and building a tuple costs a fraction of a frozen dataclass's field-by-field init."""

    start: int
    end: int
    gap: str  # "" (space), "quote", "comma" or "break": what separates it from the token before
    key: str  # normalized, spelling variants folded
    forms: tuple[str, ...]  # key and its clitic-stripped forms
    definite: bool  # starts with the article (maybe after a clitic) as written
    plain_definite: bool  # starts with the article itself, no clitic before it
    tanwin: bool  # an adverbial accusative ("اجتماعاً"): never part of a name
    bare: str  # as written, without diacritics and tatweel
    name_start: bool  # one of its forms starts a gazetteer name
    title_start: bool  # one of its forms starts a title


def tokenize(text: str, gazetteer: Gazetteer) -> list[Token]:
    """Word tokens of `text` with their spans, keys and the punctuation before each.

    No word holds a space, so the text is read chunk by space-separated chunk: a chunk (mostly
    one word, maybe with punctuation) is analysed once and its tokens are shifted into place.
    """
    result = []
    previous_end = offset = 0
    chunks = _chunks_of(gazetteer)
    for chunk in text.split(" "):
        for start, end, gap, features in chunks[chunk]:
            start += offset
            if gap is None:  # the chunk's first word: the text before it spans the space
                between = text[previous_end:start]
                gap = "" if between == " " else _gap(between)
            previous_end = end + offset
            # Concatenated, not unpacked into a new tuple: 3% fewer instructions.
            result.append(build_named_tuple(Token, (start, previous_end, gap) + features))  # noqa: RUF005
        offset += len(chunk) + 1
    return result


# A word of a chunk: start, end (in the chunk), gap (None for the first word), features.
_ChunkWord = tuple[int, int, str | None, Features]


@lru_cache(maxsize=8)
def _chunks_of(gazetteer: Gazetteer) -> ChunkTable[tuple[_ChunkWord, ...]]:
    """The chunks read with this gazetteer (a word's features depend on it)."""
    return ChunkTable(partial(_chunk, gazetteer))


def _chunk(gazetteer: Gazetteer, chunk: str) -> tuple[_ChunkWord, ...]:
    """(start, end, gap or None for the first, features) of each word of a chunk."""
    found: list[_ChunkWord] = []
    previous_end = None
    for match in WORD.finditer(chunk):
        start, end = match.span()
        gap = None if previous_end is None else _gap(chunk[previous_end:start])
        found.append((start, end, gap, gazetteer.features(match.group())))
        previous_end = end
    return tuple(found)


@lru_cache(maxsize=4096)
def _gap(between: str) -> str:
    if "،" in between or "," in between:
        return "comma"
    if _BREAK.search(between):
        return "break"
    return "quote" if between.strip() else ""


def longest_at(
    index: dict[str, tuple[Phrase, ...]], tokens: Sequence[Token], i: int, allow_short: set[str]
) -> tuple[Phrase, str] | None:
    """The longest phrase starting at token i (and the form of token i it matched), if any."""
    best: tuple[Phrase, str] | None = None
    for form in tokens[i].forms:
        for phrase in index.get(form, ()):
            if best and len(phrase.words) <= len(best[0].words):
                break
            if phrase.short and phrase.target not in allow_short:
                continue
            if _follows(phrase.words, tokens, i):
                best = (phrase, form)
                break
    return best


def _follows(words: tuple[str, ...], tokens: Sequence[Token], i: int) -> bool:
    # A plain loop that stops at the first word out of place: most candidates fail on their
    # second word, and one-word phrases need no check at all (the tokens' own loop is cheaper
    # than building a zip and a generator for each of the many candidates).
    size = len(words)
    if i + size > len(tokens):
        return False
    for k in range(1, size):
        token = tokens[i + k]
        if token.key != words[k] or token.gap not in _JOINING_GAPS:
            return False
    return True


def clitic_cut(text: str, token: Token, form: str) -> int:
    """Where the matched form starts inside the token as written (after و, ب, ل...)."""
    if form == token.key or not token.key.endswith(form):
        return token.start
    letters = len(token.key) - len(form)
    written = text[token.start : token.end]
    cut = 0
    while cut < len(written) and len(normalize(written[:cut])) < letters:
        cut += 1
    while cut < len(written) and not strip_diacritics(written[cut]):
        cut += 1
    return token.start + cut if normalize(written[:cut]) == token.key[:letters] else token.start
