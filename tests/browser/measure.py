"""Recall and precision of the search box on the query set (queries.yml), top ten results.

    python -m tests.browser.measure

builds the site from the seeds twice, with the Pagefind index (`briefing build`) and without it
(a plain `mkdocs build`, where the search box falls back to Material's own lunr search exactly as
mkdocs.yml configures it), types every query into each, and prints the tables of SEARCH.md.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Page, sync_playwright

from . import harness, searchbox

QUERIES = Path(__file__).with_name("queries.yml")
KINDS = frozenset(
    {"prefix", "hamza", "diacritics", "quote marks", "name", "place", "month", "number"}
    | {"multi-word"}
)


@dataclass(frozen=True, slots=True)
class Query:
    query: str
    kind: str
    why: str
    expect: tuple[str, ...]  # article ids


@dataclass(frozen=True, slots=True)
class Outcome:
    query: Query
    expected: frozenset[str]  # page paths relative to the site
    found: tuple[str, ...]  # the top results, best first

    @property
    def hits(self) -> int:
        return len(self.expected.intersection(self.found))

    @property
    def missed(self) -> list[str]:
        return sorted(self.expected.difference(self.found))


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query set; every malformed entry is reported at once."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []
    for number, entry in enumerate(entries, 1):
        if set(entry) != {"query", "kind", "why", "expect"}:
            problems.append(f"entry {number}: needs exactly query, kind, why, expect")
        elif entry["kind"] not in KINDS or not entry["expect"]:
            problems.append(f"entry {number} ({entry['query']}): unknown kind or nothing expected")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return [Query(str(e["query"]), e["kind"], e["why"], tuple(e["expect"])) for e in entries]


def article_paths(site: Path) -> dict[str, str]:
    """Article id -> page path, from the corpus the site publishes."""
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    return {article["id"]: article["url"] for article in corpus["articles"]}


# Pagefind's own API, without the search box's worker: its ranking and query handling alone.
_PAGEFIND_ALONE = """async ([base, query]) => {
  const pagefind = await import(base + "pagefind/pagefind.js")
  await pagefind.init()
  const { results } = await pagefind.search(query)
  return Promise.all(results.slice(0, 10).map(async result => (await result.data()).url))
}"""


def run_pagefind_alone(
    page: Page, base: str, queries: Iterable[Query], paths: dict[str, str]
) -> list[Outcome]:
    """The query set asked of Pagefind directly: what the worker's query handling adds."""
    page.goto(base)
    base_path = base[base.index("/", len("http://")) :]
    outcomes = []
    for query in queries:
        urls = page.evaluate(_PAGEFIND_ALONE, [base, query.query])
        found = tuple(url.removeprefix(base_path) for url in urls)
        outcomes.append(Outcome(query, frozenset(paths[i] for i in query.expect), found))
    return outcomes


def run(page: Page, base: str, queries: Iterable[Query], paths: dict[str, str]) -> list[Outcome]:
    """Type each query into the search box of the site at `base`."""
    searchbox.open_search(page, base)
    outcomes = []
    for query in queries:
        expected = frozenset(paths[i] for i in query.expect)
        outcomes.append(Outcome(query, expected, tuple(searchbox.search(page, query.query, base))))
    return outcomes


def totals(outcomes: list[Outcome]) -> dict[str, float]:
    """Recall and precision over all queries' top tens (micro-averaged), and queries answered."""
    hits = sum(o.hits for o in outcomes)
    return {
        "recall": hits / sum(len(o.expected) for o in outcomes),
        "precision": hits / max(1, sum(len(o.found) for o in outcomes)),
        "answered": sum(not o.missed for o in outcomes),
        "queries": len(outcomes),
    }


def _table(engines: dict[str, list[Outcome]]) -> str:
    lines = ["| engine | recall | precision | queries fully answered |", "|---|---|---|---|"]
    for name, outcomes in engines.items():
        t = totals(outcomes)
        lines.append(
            f"| {name} | {t['recall']:.2f} | {t['precision']:.2f} "
            f"| {t['answered']:.0f} of {t['queries']:.0f} |"
        )
    lines += ["", "| query | kind | expected | " + " | ".join(engines) + " |"]
    lines.append("|---|---|---|" + "---|" * len(engines))
    rows = zip(*engines.values(), strict=True)
    for row in rows:
        first = row[0]
        cells = [f"{o.hits} of {len(o.found)}" for o in row]
        lines.append(
            f"| {first.query.query} | {first.query.kind} | {len(first.expected)} | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines)


def main() -> int:
    queries = load_queries()
    with tempfile.TemporaryDirectory() as temp:
        work = harness.prepare(Path(temp) / "project")
        sites = {"Pagefind": harness.build(work), "lunr": harness.build_without_pagefind(work)}
        # Reported as: the search box (Pagefind with the worker's query handling), Pagefind's
        # API alone on the same index, and the search box falling back to lunr.
        paths = article_paths(sites["Pagefind"])
        engines = {}
        with sync_playwright() as playwright:
            browser = harness.launch(playwright)
            for name, site in sites.items():
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                with harness.serve(site) as base:
                    engines[name] = run(page, base, queries, paths)
                    if name == "Pagefind":
                        alone = run_pagefind_alone(page, base, queries, paths)
                        engines["Pagefind alone"] = alone
                page.close()
            browser.close()
    print(_table(engines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
