"""ASCII slugs for URLs: an Arabic-to-Latin mapping in front of python-slugify.

python-slugify's own transliteration (unidecode) drops ع, merges ة into nothing and so gives عمل and
أمل the same "ml". This mapping keeps every consonant distinct, using the Arabizi digit for ع (3)
that Arabic readers know from chat, and digraphs for the letters Latin lacks (th, kh, sh, dh, gh).
Short vowels are not written in Arabic, so they are not invented here.
"""

from __future__ import annotations

from typing import Final

from slugify import slugify

from .arabic import latin_digits, strip_diacritics

_ARABIC_TO_LATIN = str.maketrans(
    {
        "ا": "a",
        "أ": "a",
        "إ": "i",
        "آ": "aa",
        "ٱ": "a",
        "ء": "",
        "ؤ": "u",
        "ئ": "e",
        "ب": "b",
        "ت": "t",
        "ث": "th",
        "ج": "j",
        "ح": "h",
        "خ": "kh",
        "د": "d",
        "ذ": "dh",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "sh",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "ع": "3",
        "غ": "gh",
        "ف": "f",
        "ق": "q",
        "ك": "k",
        "ک": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "ة": "a",
        "و": "w",
        "ي": "y",
        "ی": "y",
        "ى": "a",
        "پ": "p",
        "چ": "ch",
        "ڤ": "v",
        "گ": "g",
    }
)
# Long enough to recognise the story in a URL, short enough to share; the id keeps it unique.
SLUG_MAX_LENGTH = 60
FALLBACK_SLUG = "article"
# What is left non-ASCII after the mapping (« » ، ؟, Persian letters) goes through text-unidecode,
# python-slugify's own dependency and what its "auto" backend resolves to here. Named, because
# "auto" first tries to import Unidecode, and a failed import is not remembered: it searched
# sys.path again on every title (a third of the slug stage). Named, the slugs also no longer
# depend on whether Unidecode happens to be installed.
_BACKEND: Final = "text-unidecode"


def transliterate(text: str) -> str:
    """Arabic letters to their Latin mapping; other characters pass through unchanged."""
    return latin_digits(strip_diacritics(text)).translate(_ARABIC_TO_LATIN)


def slug(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """An ASCII slug of `text`, cut at a word boundary; "article" when nothing is left."""
    result = slugify(
        transliterate(text), max_length=max_length, word_boundary=True, backend=_BACKEND
    )
    return result or FALLBACK_SLUG
