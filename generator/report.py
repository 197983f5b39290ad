"""The parse report: what became of every line of a seed (`briefing report`).

Content conservation: every non-blank line of a seed is accounted for exactly once, as part of an
article (headline, subtitle, caption, paragraph), as part of a teaser, or as dropped boilerplate
with the reason. A line with no fate, or with two, is a parser bug; the property tests look for
both on the founding seeds and on thousands of generated inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .extract import extract, page_outlet
from .models import Block, Seed
from .segment import segment

REASON_NO_TEXT = "article block without a text paragraph"

Fate = Literal["article", "teaser", "dropped"]


@dataclass(frozen=True, slots=True)
class LineFate:
    line: int
    fate: Fate
    article: str | None  # the id of the article it belongs to (or was dropped from)
    reason: str  # for dropped lines; "" otherwise


@dataclass(frozen=True, slots=True)
class SeedReport:
    seed: str
    fates: tuple[LineFate, ...]
    lost: tuple[int, ...]  # non-blank lines with no fate (a bug if any)
    doubled: tuple[int, ...]  # lines given two fates (a bug if any)


def _block_lines(block: Block) -> list[int]:
    lines = [block.headline] if block.headline else []
    lines += [*block.subtitle, *block.captions, *block.body, *block.teasers]
    return [line.number for line in lines] + [number for number, _ in block.dropped]


def _fates(seed: Seed) -> list[LineFate]:
    fates: list[LineFate] = []
    blocks = segment(seed)
    outlet = page_outlet(blocks)
    for block in blocks:
        article = extract(block, outlet)
        if article is None:
            fates += [LineFate(n, "dropped", None, REASON_NO_TEXT) for n in _block_lines(block)]
            continue
        fates += [LineFate(n, "article", article.id, "") for n in article.source_lines]
        dropped = {n for n, _ in article.dropped}  # a marker may sit inside a teaser's span
        for teaser in article.teasers:
            first, last = teaser.lines
            span = [n for n in range(first, last + 1) if n not in dropped]
            fates += [LineFate(n, "teaser", article.id, "") for n in span]
        fates += [LineFate(n, "dropped", article.id, reason) for n, reason in article.dropped]
    return fates


def account(seed: Seed) -> SeedReport:
    """The fate of every line of `seed`; blank lines need none."""
    lines = seed.lines
    fates = [f for f in _fates(seed) if lines[f.line - 1].strip()]
    seen: dict[int, int] = {}
    for fate in fates:
        seen[fate.line] = seen.get(fate.line, 0) + 1
    lost = tuple(n for n, text in enumerate(lines, start=1) if text.strip() and n not in seen)
    doubled = tuple(sorted(n for n, count in seen.items() if count > 1))
    return SeedReport(seed.name, tuple(sorted(fates, key=lambda f: f.line)), lost, doubled)
