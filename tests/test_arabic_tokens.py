"""`arabic.tokens` and `arabic.content_words` read text chunk by space-separated chunk: the same
result as normalizing the whole text first, whatever characters stand around the spaces."""

from hypothesis import given
from hypothesis import strategies as st

from generator.arabic import _TOKEN, MIN_CONTENT_LETTERS, bare, content_words, normalize, tokens

# Arabic letters and diacritics, tatweel, digits of three scripts, presentation forms and
# ligatures that NFKC expands (some into several words), combining marks, odd spaces and case.
PIECES = list(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة\u064b\u064e\u0651\u0670\u0640٠١٩۰۹09AZaz"
    "\ufefb\ufdfa\ufdf2\ufe8e\u0301\u00b4 \u00a0\u2009\n\t.،«»\"'()-İΣσ"
)


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_tokens_by_chunk_equal_tokens_of_the_normalized_text(text):
    assert tokens(text) == _TOKEN.findall(normalize(text))


@given(st.lists(st.sampled_from([*PIECES, "وبالتحالف", "الذي", "في"]), max_size=40).map("".join))
def test_content_words_are_the_stems_of_the_longer_tokens(text):
    words = _TOKEN.findall(normalize(text))
    expected = {bare(w) for w in words if len(w) >= MIN_CONTENT_LETTERS}
    assert content_words(text) == expected
