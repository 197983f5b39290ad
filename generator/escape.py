"""Scraped text is data, never markup: escaping for Markdown pages and their front matter.

Everything a seed says reaches a page through `markdown_text`, which the template environment
applies to every `{{ value }}` that is not explicitly marked as generated markup. Characters are
replaced by HTML character references rather than backslash escapes, because a backslash escape
only works for the characters the enabled Markdown extensions know, while a character reference
is shown literally by every renderer and every browser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

# Characters that start Markdown or HTML syntax anywhere in a line: HTML tags and entities,
# emphasis, code, links and images, attribute lists, tables, strike-through, and the backslash.
_INLINE = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "~": "&#126;",
    "\\": "&#92;",
    ":": "&#58;",
}
_INLINE_PATTERN = re.compile("[" + re.escape("".join(_INLINE)) + "]")
# Syntax that only counts at the start of a line: headings, lists, admonitions, setext and
# horizontal rules, content tabs ("==="), numbered lists ("1." / "1)").
_LINE_START = re.compile(r"^(\s?)([#=+\-!%]|\d+[.)](?=\s|$))")
_WHITESPACE = re.compile(r"\s+")
# Bidi controls and zero-width characters can reorder or hide what a reader sees; seed text is
# already free of them (reading.py), but names (a seed's file name) reach pages too.
_CONTROLS = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\x00-\x08\x0b-\x1f\x7f]")


def markdown_text(value: object) -> str:
    """`value` as literal text inside a Markdown paragraph: one line, no live syntax."""
    if isinstance(value, Markup):
        return str(value)
    return _escaped(str(value))


@lru_cache(maxsize=65536)
def _escaped(value: str) -> str:
    """The escaping of `markdown_text`, cached: titles and names recur on many pages."""
    # Whitespace runs fold to one space (a value never spans lines), but separators such as
    # "، " keep their space.
    text = _WHITESPACE.sub(" ", _CONTROLS.sub("", value))
    # ":" is escaped only where it could close an emoji/icon shortcode like ":material-x:".
    text = _INLINE_PATTERN.sub(lambda m: _inline(m, text), text)
    text = _LINE_START.sub(lambda m: m.group(1) + _start_token(m.group(2)), text)
    return text


def _inline(match: re.Match[str], text: str) -> str:
    char = match.group(0)
    if char == ":" and not _is_shortcode_colon(text, match.start()):
        return char
    return _INLINE[char]


def _is_shortcode_colon(text: str, position: int) -> bool:
    """True when a colon touches a Latin word on one side, as in ":material-x:"."""
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())


def _start_token(token: str) -> str:
    """The line-start token with its syntax character as a character reference ("1." too)."""
    return token[:-1] + f"&#{ord(token[-1])};"


# A run of Latin-script words (a name, an acronym, "COVID-19") inside Arabic text.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ .'’\-][A-Za-z0-9]+)*")


def isolated_text(value: str) -> Markup:
    """`markdown_text` with each Latin-script run isolated in <bdi dir="ltr">, so a Latin name or
    acronym followed by punctuation cannot reorder the Arabic line around it."""
    pieces, cursor = [], 0
    for match in _LATIN_RUN.finditer(value):
        pieces.append(_escaped(value[cursor : match.start()]))
        pieces.append(f'<bdi dir="ltr">{_escaped(match.group())}</bdi>')
        cursor = match.end()
    pieces.append(_escaped(value[cursor:]))
    return Markup("".join(pieces))


def yaml_string(value: object) -> str:
    """A double-quoted YAML scalar holding `value` with HTML specials as character references.

    Front matter reaches the theme's HTML templates (page title) without Markdown escaping, so
    angle brackets and ampersands are neutralized here too.
    """
    text = _WHITESPACE.sub(" ", str(value)).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
