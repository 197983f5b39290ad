"""The enrichment fast paths give what the plain versions they replace gave, on any text.

Each plain version is kept here as the specification: the loop over every character of a quote,
the linear search for a mention, zip-and-all phrase matching, tokens listed to be counted, one
dictionary lookup per chunk, python-slugify's "auto" backend, the words of a whole text read one
by one, `dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from slugify import slugify

from generator import arabic
from generator.actors import default_gazetteer
from generator.arabic import ChunkTable, token_count, tokens
from generator.gazetteer import WORD
from generator.models import Article, Teaser, evolve
from generator.phrasematch import _follows, _gap, tokenize
from generator.quotespans import Mention, Paragraph, Span, _close, quote_spans
from generator.slugs import slug, transliterate
from generator.topics import _term_words_of, default_lexicon

# Words, quote marks of every kind, sentence ends, spaces and diacritics: what the paths branch on.
PIECES = [
    "قال", "الوزير", "محمد", "شياع", "السوداني", "التحالف", "الدولي", "انسحاب", "القوات",
    "مهمة", "سجن", "سجناء", "ألف", "2500", "«", "»", "“", "”", '"', " ", " ", " ", "  ", ".",
    "،", ":", "؟", "\n", "\u064e", "\u0640", "و", "ل",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
_CLOSERS = {"«": "»", "“": "”", '"': '"'}


def _close_by_character(text: str, i: int) -> tuple[int, bool] | None:
    """The loop `_close` replaced: every character after the opener; None when unclosed."""
    opener = text[i]
    closer, depth = _CLOSERS[opener], 1
    for j in range(i + 1, len(text)):
        mark = text[j]
        if opener == '"':
            if mark == '"' and not text[j - 1].isspace():
                return j, True
        elif mark == closer:
            depth -= 1
            if depth == 0:
                return j, True
        elif mark == opener:
            depth += 1
    return None


@given(TEXTS)
def test_close_finds_the_mark_the_character_loop_found(text):
    for i, mark in enumerate(text):
        if mark in _CLOSERS:
            span = _close(text, i)
            expected = _close_by_character(text, i)
            assert (span.end, span.closed) == expected if expected else not span.closed


def test_straight_quotes_do_not_nest_and_guillemets_do():
    assert _close('"أ "ب" ج"', 0) == Span(0, 5, True)
    assert _close("«أ «ب» ج»", 0) == Span(0, 8, True)
    assert _close('""', 0) == Span(0, 1, True)  # the closing mark right after the opener


@given(TEXTS)
def test_token_count_is_the_number_of_tokens(text):
    assert token_count(text) == len(tokens(text))


@given(TEXTS, st.lists(st.integers(0, 60), max_size=6))
def test_mention_at_is_the_first_mention_starting_inside_the_word(text, starts):
    mentions = [Mention(s, s + 3, f"a{n}", "x", "person") for n, s in enumerate(sorted(starts))]
    paragraph = Paragraph(text, mentions)
    for word in paragraph.words:
        linear = next((m for m in mentions if word.start <= m.start < word.end), None)
        assert paragraph.mention_at(word) == linear


@given(TEXTS)
def test_follows_matches_zip_and_all(text):
    found = tokenize(text, default_gazetteer())
    keys = [t.key for t in found]
    for i in range(len(found)):
        for j in range(len(found)):  # phrases from the text itself, matching or not at i
            for words in (tuple(keys[j : j + 2]), tuple(keys[j : j + 3]), (keys[j], "قال")):
                if i + len(words) > len(found):
                    expected = False
                else:
                    rest = zip(words[1:], found[i + 1 : i + len(words)], strict=True)
                    expected = all(t.key == w and t.gap in ("", "quote") for w, t in rest)
                assert _follows(words, found, i) == expected


def _tokens_word_by_word(text: str) -> list[tuple]:
    """What `tokenize` reads chunk by chunk: every word of the whole text, its gap read from the
    text since the word before, its features looked up."""
    gazetteer, found, previous_end = default_gazetteer(), [], 0
    for match in WORD.finditer(text):
        between = text[previous_end : match.start()]
        gap = "" if between == " " else _gap(between)
        found.append((*match.span(), gap, *gazetteer.features(match.group())))
        previous_end = match.end()
    return found


# Punctuation beside spaces is where a chunk's first gap depends on the chunk before it.
GAPPED_TEXTS = st.lists(st.sampled_from([*PIECES, "-", "(", ")", "، ", " -", "؛"]), max_size=40)


@given(GAPPED_TEXTS.map("".join))
def test_tokenize_gives_the_tokens_read_word_by_word(text):
    assert [tuple(t) for t in tokenize(text, default_gazetteer())] == _tokens_word_by_word(text)


@given(TEXTS)
def test_term_keys_of_a_text_are_the_keys_of_its_tokens(text):
    term_words = _term_words_of(default_lexicon())
    expected = [term_words.keys(t) for t in tokens(text)]
    assert term_words.of_text(text) == expected
    assert term_words.of_text(text) == expected  # the second time from the chunk memory


@given(st.lists(st.sampled_from([*PIECES, "ۆ", "ک", "ی", "؛", "…", "&amp;", "'"]), max_size=30))
def test_slug_is_what_the_auto_backend_gives(pieces):
    text = "".join(pieces)
    expected = slugify(transliterate(text), max_length=60, word_boundary=True) or "article"
    assert slug(text) == expected


def test_quote_spans_still_skip_a_straight_quote_that_opens_nothing():
    assert quote_spans('قال " ثم') == []


def test_a_chunk_table_analyses_each_chunk_once_and_keeps_the_chunks_in_use(monkeypatch):
    monkeypatch.setattr(arabic, "KNOWN_CHUNKS", 4)  # generations of two chunks
    analysed: list[str] = []

    def analyse(chunk: str) -> list[str]:
        analysed.append(chunk)
        return tokens(chunk)

    table = ChunkTable(analyse)
    chunks = ["قال", "«الوزير»", "قال", "محمد،", "«الوزير»", "شياع", "قال"]
    assert [table[c] for c in chunks] == [tokens(c) for c in chunks]
    # A chunk seen before is not analysed again, even from the older generation ("«الوزير»"
    # after "محمد،" started a new one); "قال" was in neither of the last two generations.
    assert analysed == ["قال", "«الوزير»", "محمد،", "شياع", "قال"]
    assert len(table) + len(table.older) <= 4


def test_evolve_is_dataclasses_replace():
    teaser = Teaser("عنوان", None, "تعليق", None, None, (3, 4))
    article = Article(
        "seed.txt", "A", "عنوان", False, None, None, (), (), (teaser,), (1, 9), "id1", "identity"
    )
    changes = {"teasers": (evolve(teaser, article="id2"),), "related": ("id3",), "slug": "s"}
    assert evolve(article, **changes) == replace(article, **changes)
    assert evolve(teaser, article="id2") == replace(teaser, article="id2")
    assert article.related == () and teaser.article is None  # the originals are as they were
    with pytest.raises(TypeError, match="no field 'relatd'"):
        evolve(article, relatd=())
