"""Readable ASCII ids for people the articles introduce: a Latin form of the name as a slug."""

from __future__ import annotations

import hashlib
import re

from .arabic import normalize

# Consonants one to one (digraphs for the letters Latin lacks); ع and ة read as "a", as in the
# usual press spellings (Abbas, Hamza). Long vowels: و and ي inside a word read u and i.
_LATIN = str.maketrans(
    {
        **dict.fromkeys("اأآٱعةى", "a"), **dict.fromkeys("إئ", "i"), "ؤ": "u", "ء": "",
        "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
        "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n",
        "ه": "h", "و": "w", "ي": "y", "ی": "y", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
    }
)  # fmt: skip
_INNER_VOWELS = str.maketrans({"و": "u", "ي": "i", "ی": "i"})


def transliterate(name: str) -> str:
    """A readable Latin form of an Arabic name, word by word: "كريم الساعدي" -> "Krim al-Saadi"."""
    words = []
    for word in name.split():
        if word == "الله":
            words.append("Allah")
            continue
        article = "al-" if word.startswith("ال") and len(word) > 3 else ""
        body = word[2:] if article else word
        latin = body[:1].translate(_LATIN) + body[1:].translate(_INNER_VOWELS).translate(_LATIN)
        words.append(article + latin.capitalize())
    return " ".join(words)


def person_slug(latin: str, name: str) -> str:
    """ASCII id from the Latin form; a name with no Latin letters gets a hash of its key."""
    slug = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    return slug or "person-" + hashlib.sha1(normalize(name).encode()).hexdigest()[:8]
