"""Parsing of a "related articles" block into teasers.

A teaser is printed as: a line holding a section label run straight into a photo caption, the
headline, a one-sentence summary, and an optional byline. The first teaser may also show its
headline once before the label line, and a label such as "خاص" may prefix the headline itself.

The summary is the anchor (it is the only line that reads as a full sentence), so the parse is:
1. summaries: lines of at least SUMMARY_MIN_WORDS words that end a sentence, with room for a
   caption and a headline above them that no earlier teaser used;
2. for each summary, the line above is the headline and the one above that the label + caption;
3. a leftover line right after a summary is that teaser's byline if it is short; a leftover line
   that repeats the next headline is a preview and is dropped; anything else is reported.
"""

from __future__ import annotations

from dataclasses import replace

from .arabic import tokens
from .models import SourceLine, Teaser

# Teaser summaries are one full sentence; headlines are shorter and rarely end with a full stop.
SUMMARY_MIN_WORDS = 8
# Bylines are a name, or «outlet» (city): a handful of words.
BYLINE_MAX_WORDS = 6

REASON_PREVIEW = "teaser headline shown twice"
REASON_UNPARSED = "line in a related-articles block that fits no teaser part"

_SENTENCE_FINAL = (".", "!", "…")


def _is_summary(text: str) -> bool:
    return (
        text.rstrip("\"'«»”").endswith(_SENTENCE_FINAL) and len(text.split()) >= SUMMARY_MIN_WORDS
    )


def _is_byline(text: str) -> bool:
    return len(text.split()) <= BYLINE_MAX_WORDS and not _is_summary(text)


def split_label(text: str, labels: tuple[str, ...]) -> tuple[str | None, str]:
    """`(label, rest)` when `text` starts with a known section label followed by a space."""
    for label in sorted(labels, key=len, reverse=True):
        if text.startswith(label + " ") and len(text) > len(label) + 1:
            return label, text[len(label) + 1 :].strip()
    return None, text


def _same_headline(a: str, b: str) -> bool:
    return tokens(a) == tokens(b)


def _anchors(lines: tuple[SourceLine, ...]) -> list[int]:
    anchors: list[int] = []
    for index, line in enumerate(lines):
        floor = anchors[-1] if anchors else -1
        if index - 2 > floor and _is_summary(line.text):
            anchors.append(index)
    return anchors


def _teaser(lines: tuple[SourceLine, ...], anchor: int, labels: tuple[str, ...]) -> Teaser:
    label, caption = split_label(lines[anchor - 2].text, labels)
    headline = lines[anchor - 1].text
    if label and headline.startswith(label + " "):
        headline = headline[len(label) + 1 :].strip()
    return Teaser(
        headline=headline,
        label=label,
        caption=caption or None,
        summary=lines[anchor].text,
        byline=None,
        lines=(lines[anchor - 2].number, lines[anchor].number),
    )


def parse_teasers(
    lines: tuple[SourceLine, ...], labels: tuple[str, ...]
) -> tuple[list[Teaser], list[tuple[int, str]]]:
    """Teasers of a related-articles block, and the lines that fit none (with the reason)."""
    anchors = _anchors(lines)
    teasers = [_teaser(lines, a, labels) for a in anchors]
    unparsed: list[tuple[int, str]] = []
    starts = [a - 2 for a in anchors] + [len(lines)]
    previous_end = -1
    for number, start in enumerate(starts):
        for index in range(previous_end + 1, start):
            text = lines[index].text
            owner = teasers[number - 1] if number > 0 else None
            upcoming = teasers[number] if number < len(teasers) else None
            if upcoming and _same_headline(text, upcoming.headline):
                unparsed.append((lines[index].number, REASON_PREVIEW))
            elif owner and owner.byline is None and index == previous_end + 1 and _is_byline(text):
                span = (owner.lines[0], lines[index].number)
                teasers[number - 1] = replace(owner, byline=text, lines=span)
            else:
                unparsed.append((lines[index].number, REASON_UNPARSED))
        if number < len(anchors):
            previous_end = anchors[number]
    return teasers, unparsed
