"""Segment stage: one seed's lines in, one `Block` per article out.

Layouts are recognised from structure, never from content:

- **A** (a daily's page): an article header is a headline, an optional subtitle, a photo caption
  printed twice, an optional scraper marker ("TT"), then the headline again and the doubled caption
  again. The repeat of the headline is what proves a header: the line after the caption (or the
  marker) also stands a few lines above it.
- **C** (a broadcaster's page): no headers of kind A, but doubled lines: each doubled caption opens
  an article without a headline.
- **B** (an agency's page, or anything else): no doubled lines; the whole file is one article.

Inside an article's region, a "related articles" heading splits the body from the teaser block.
Every line that is dropped (repeats, markers, headings) is recorded with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Block, Layout, Seed, SourceLine
from .vocabulary import layout_vocabulary

# How many non-blank lines above the caption the headline may stand: the headline, then at most
# a subtitle of one or two lines. Looking further would let a previous article's lines match.
HEADLINE_LOOKBACK = 3

REASON_REPEAT = "doubled line (the scraper prints captions twice)"
REASON_MARKER = "scraper marker"
REASON_HEADLINE_REPEAT = "headline repeated after the header"
REASON_CAPTION_REPEAT = "caption block repeated after the header"
REASON_RELATED = "related-articles heading"


@dataclass(frozen=True, slots=True)
class _Header:
    """Where a kind-A header sits: indexes into the seed's lines (0-based)."""

    start: int  # the headline
    end: int  # first index after the header
    subtitle: tuple[int, ...]
    captions: tuple[int, ...]
    dropped: tuple[tuple[int, str], ...]


def _next_nonblank(lines: list[str], index: int) -> int | None:
    while index < len(lines):
        if lines[index].strip():
            return index
        index += 1
    return None


def _previous_nonblank(lines: list[str], index: int) -> list[int]:
    """Indexes of the non-blank lines above `index`, nearest first, at most HEADLINE_LOOKBACK."""
    found: list[int] = []
    while index >= 0 and len(found) < HEADLINE_LOOKBACK:
        if lines[index].strip():
            found.append(index)
        index -= 1
    return found


def _is_marker(line: str) -> bool:
    return line.strip() in layout_vocabulary()["scraper_markers"]


def _is_doubled(lines: list[str], index: int) -> bool:
    return (
        index + 1 < len(lines) and bool(lines[index].strip()) and lines[index] == lines[index + 1]
    )


def _header_at(lines: list[str], anchor: int) -> _Header | None:
    """A kind-A header whose caption pair or marker is at `anchor`, or None.

    Steps: (1) find the caption pair just above a marker, or take the pair at `anchor`; (2) the
    first non-blank line after the pair/marker is the headline's repeat; (3) the same line must
    stand within HEADLINE_LOOKBACK lines above the caption; lines between are the subtitle;
    (4) the caption pair printed again after the repeat belongs to the header too.
    """
    dropped: list[tuple[int, str]] = []
    if _is_marker(lines[anchor]):
        dropped.append((anchor, REASON_MARKER))
        above = _previous_nonblank(lines, anchor - 1)
        pair = above[0] - 1 if above and above[0] > 0 and _is_doubled(lines, above[0] - 1) else None
        after = anchor + 1
    else:
        pair, after = anchor, anchor + 2
    top = pair if pair is not None else anchor
    repeat = _next_nonblank(lines, after)
    if repeat is None:
        return None
    above = _previous_nonblank(lines, top - 1)
    matches = [i for i in above if lines[i].strip() == lines[repeat].strip()]
    if not matches:
        return None
    headline = matches[0]
    captions: tuple[int, ...] = ()
    if pair is not None:
        captions = (pair,)
        dropped.append((pair + 1, REASON_REPEAT))
    dropped.append((repeat, REASON_HEADLINE_REPEAT))
    end = repeat + 1
    again = _next_nonblank(lines, end)
    repeated = again is not None and _is_doubled(lines, again)
    if pair is not None and again is not None and repeated and lines[again] == lines[pair]:
        dropped += [(again, REASON_CAPTION_REPEAT), (again + 1, REASON_CAPTION_REPEAT)]
        end = again + 2
    subtitle = tuple(i for i in range(headline + 1, top) if lines[i].strip())
    return _Header(headline, end, subtitle, captions, tuple(sorted(dropped)))


def _find_headers(lines: list[str]) -> list[_Header]:
    """Kind-A headers in file order; a header's own repeats are never taken for another header."""
    headers: list[_Header] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        candidate = None
        if _is_marker(line):
            candidate = _header_at(lines, index)
        elif _is_doubled(lines, index):
            following = _next_nonblank(lines, index + 2)
            if following is None or not _is_marker(lines[following]):
                candidate = _header_at(lines, index)
        if candidate is not None and (not headers or candidate.start >= headers[-1].end):
            headers.append(candidate)
            index = candidate.end
        else:
            index += 1
    return headers


def _source(lines: list[str], indexes: tuple[int, ...] | list[int]) -> tuple[SourceLine, ...]:
    return tuple(SourceLine(i + 1, lines[i].strip()) for i in indexes)


def _split_region(
    seed: Seed, lines: list[str], start: int, end: int
) -> tuple[tuple[SourceLine, ...], tuple[SourceLine, ...], list[tuple[int, str]]]:
    """Body and teaser lines of `lines[start:end]`; doubled lines and markers are dropped."""
    headings = layout_vocabulary()["related_headings"]
    body: list[int] = []
    teasers: list[int] = []
    dropped: list[tuple[int, str]] = []
    target = body
    for i in range(start, end):
        text = lines[i].strip()
        if not text:
            continue
        if _is_marker(text):
            dropped.append((i, REASON_MARKER))
        elif i > start and lines[i] == lines[i - 1]:
            dropped.append((i, REASON_REPEAT))
        elif text in headings:
            dropped.append((i, REASON_RELATED))
            target = teasers
        else:
            target.append(i)
    return _source(lines, body), _source(lines, teasers), dropped


def _block(
    seed: Seed,
    layout: Layout,
    lines: list[str],
    region: tuple[int, int],
    header: _Header | None = None,
    caption: int | None = None,
) -> Block:
    start, end = region
    body_start = header.end if header else start
    dropped = list(header.dropped) if header else []
    captions: tuple[int, ...] = header.captions if header else ()
    if caption is not None:
        captions, body_start = (caption,), caption + 2
        dropped.append((caption + 1, REASON_REPEAT))
    body, teasers, more = _split_region(seed, lines, body_start, end)
    return Block(
        seed=seed.name,
        layout=layout,
        headline=SourceLine(header.start + 1, lines[header.start].strip()) if header else None,
        subtitle=_source(lines, header.subtitle) if header else (),
        captions=_source(lines, captions),
        body=body,
        teasers=teasers,
        dropped=tuple((i + 1, reason) for i, reason in sorted(dropped + more)),
    )


def _has_text(lines: list[str], start: int, end: int) -> bool:
    return any(line.strip() for line in lines[start:end])


def segment(seed: Seed) -> list[Block]:
    """Split a seed into article blocks, in file order (see the module docstring for the rules)."""
    lines = seed.lines
    headers = _find_headers(lines)
    if headers:
        blocks = []
        if _has_text(lines, 0, headers[0].start):
            blocks.append(_block(seed, "B", lines, (0, headers[0].start)))
        bounds = [h.start for h in headers[1:]] + [len(lines)]
        for header, end in zip(headers, bounds, strict=True):
            blocks.append(_block(seed, "A", lines, (header.start, end), header=header))
        return blocks
    pairs = [
        i
        for i in range(len(lines))
        if _is_doubled(lines, i) and (i == 0 or not _is_doubled(lines, i - 1))
    ]
    if pairs:
        blocks = []
        if _has_text(lines, 0, pairs[0]):
            blocks.append(_block(seed, "B", lines, (0, pairs[0])))
        bounds = [*pairs[1:], len(lines)]
        for pair, end in zip(pairs, bounds, strict=True):
            blocks.append(_block(seed, "C", lines, (pair, end), caption=pair))
        return blocks
    if _has_text(lines, 0, len(lines)):
        return [_block(seed, "B", lines, (0, len(lines)))]
    return []
