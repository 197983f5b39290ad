"""Synthetic seeds for benchmarks (`briefing synth`): never shipped as content.

Seeds are written in the three layouts by recombining the pieces of real seeds (headlines,
captions, paragraphs, subheads, teasers), with years shifted so dates vary and a serial word in
every headline so each synthetic article has its own identity. The same source seeds, article
count and random seed always give the same files.

`dated` (an ISO day) makes seeds as they arrive in practice: every article opens with that date
and every other year in it is earlier, so each is dated to that day's month or near it (a
recombined paragraph that names "this December" can move one within its year, or to the year
named with that month). The bench adds such a seed dated after the whole corpus, as a new
day's scrape is.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from .datenames import format_date, parse_iso
from .models import Article
from .pipeline import parse_seed
from .reading import read_seeds

# Share of seeds per layout: most pages in the corpus are a daily's multi-article pages.
LAYOUT_WEIGHTS = {"A": 0.7, "B": 0.15, "C": 0.15}
# Articles per page in the multi-article layouts, as seen in the founding seeds.
ARTICLES_PER_PAGE = {"A": (1, 4), "B": (1, 1), "C": (1, 3)}
PARAGRAPHS_PER_ARTICLE = (3, 14)
TEASERS_PER_PAGE = (0, 5)
YEARS = range(2014, 2027)
# No shifted year goes past this one (nor reaches a dated seed's year).
LAST_YEAR = 2029
_YEAR = re.compile(r"\b20[12]\d\b")


@dataclass(frozen=True, slots=True)
class Pools:
    headlines: tuple[str, ...]
    captions: tuple[str, ...]
    paragraphs: tuple[str, ...]
    subheads: tuple[str, ...]
    # (label + caption line, headline, summary, byline)
    teasers: tuple[tuple[str, str, str, str], ...]
    agencies: tuple[str, ...]


def pools(articles: list[Article]) -> Pools:
    """The reusable pieces of a set of parsed articles."""
    teasers = tuple(
        (
            f"{t.label} {t.caption}" if t.label else t.caption or "",
            t.headline,
            t.summary or "",
            t.byline or "",
        )
        for a in articles
        for t in a.teasers
        if t.summary
    )
    return Pools(
        headlines=tuple(a.title for a in articles if not a.title_derived),
        captions=tuple(c for a in articles for c in a.lead_captions),
        paragraphs=tuple(p.text for a in articles for p in a.paragraphs if p.kind == "text"),
        subheads=tuple(p.text for a in articles for p in a.paragraphs if p.kind == "subhead"),
        teasers=teasers,
        agencies=tuple(sorted({a.outlet for a in articles if a.layout == "B" and a.outlet})),
    )


class _Writer:
    def __init__(self, source: Pools, rng: random.Random, dated: str | None = None) -> None:
        self.pools, self.rng, self.serial = source, rng, 0
        # A dateline opening every article's first paragraph ("في 15 يونيو 2031، ").
        self.dateline = f"في {format_date(dated, 'day', 'western')}، " if dated else ""
        self.last_year = min(LAST_YEAR, parse_iso(dated)[0] - 1) if dated else LAST_YEAR

    def _vary(self, text: str) -> str:
        shift = self.rng.choice(YEARS) - 2024
        return _YEAR.sub(
            lambda m: str(min(max(int(m.group()) + shift, 2000), self.last_year)), text
        )

    def _body(self) -> list[str]:
        count = self.rng.randint(*PARAGRAPHS_PER_ARTICLE)
        body = [self._vary(p) for p in self.rng.choices(self.pools.paragraphs, k=count)]
        body[0] = self.dateline + body[0]
        if self.pools.subheads and count > 4:
            body.insert(count // 2, self.rng.choice(self.pools.subheads))
        return body

    def _headline(self) -> str:
        self.serial += 1
        return f"{self.rng.choice(self.pools.headlines)} ({self.serial})"

    def layout_a(self, count: int) -> str:
        parts: list[str] = []
        for index in range(count):
            headline, caption = self._headline(), self._vary(self.rng.choice(self.pools.captions))
            parts += [headline, "", caption, caption, "TT", "", headline, "", caption, caption, ""]
            parts += [line for p in self._body() for line in (p, "")]
            if index == 0 and self.pools.teasers:
                parts += ["", "مقالات ذات صلة", ""]
                teasers = self.rng.sample(
                    self.pools.teasers,
                    min(len(self.pools.teasers), self.rng.randint(*TEASERS_PER_PAGE)),
                )
                for label_caption, headline_t, summary, byline in teasers:
                    parts += [label_caption, "", headline_t, "", summary, "", byline]
                parts.append("")
        return "\n".join(parts) + "\n"

    def layout_b(self) -> str:
        agency = self.rng.choice(self.pools.agencies or ("وكالة",))
        body = self._body()
        body[0] = f"{agency}/ {body[0]} ({self._headline()})"
        return "\n\u00a0\n".join(body) + "\n"

    def layout_c(self, count: int) -> str:
        parts: list[str] = []
        for _ in range(count):
            caption = self._vary(self.rng.choice(self.pools.captions))
            body = self._body()
            body[0] = f"{body[0]} ({self._headline()})"
            parts += [caption, caption, ""] + [line for p in body for line in (p, "")]
        return "\n".join(parts)


def iso_day(value: str) -> str:
    """`value` if it is an ISO day (YYYY-MM-DD); ValueError if not."""
    if parse_iso(value)[2] is None:
        raise ValueError(f"not an ISO day (YYYY-MM-DD): {value!r}")
    return value


def synthesize(
    sources: Path, out: Path, articles: int, seed: int = 0, dated: str | None = None
) -> int:
    """Write seeds holding `articles` articles in total into `out`; returns the file count.
    `dated`: an ISO day every article opens with (see the module docstring)."""
    if dated is not None:
        iso_day(dated)
    parsed = [a for s in read_seeds(sources)[0] for a in parse_seed(s)]
    writer = _Writer(pools(parsed), random.Random(seed), dated)
    out.mkdir(parents=True, exist_ok=True)
    made, files = 0, 0
    layouts, weights = list(LAYOUT_WEIGHTS), list(LAYOUT_WEIGHTS.values())
    while made < articles:
        layout = writer.rng.choices(layouts, weights)[0]
        low, high = ARTICLES_PER_PAGE[layout]
        count = min(writer.rng.randint(low, high), articles - made)
        if layout == "A":
            text = writer.layout_a(count)
        elif layout == "B":
            text, count = writer.layout_b(), 1
        else:
            text = writer.layout_c(count)
        (out / f"synth_{files:06d}.txt").write_text(text, encoding="utf-8")
        made, files = made + count, files + 1
    return files
