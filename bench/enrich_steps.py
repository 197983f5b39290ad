"""Where the enrich stage's time goes: CPU milliseconds per article for each of its steps.

Enrichment is most of a full generation's work (about 3 ms of CPU an article, on two cores), so
this is the table to read before trying to make a full run faster. It synthesizes a corpus
(`briefing synth`, not timed), parses it, then enriches every article `--repeat` times in this
process, timing each step `generator.enrich` calls (the functions it imported are wrapped, so
the steps are exactly enrich's), and prints the fastest repetition's figures.

Usage: python bench/enrich_steps.py [--articles 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator import enrich as enrich_module
from generator.pipeline import parse_seed
from generator.reading import read_seeds
from generator.synth import synthesize
from generator.topics import default_lexicon

ROOT = Path(__file__).resolve().parent.parent
# The functions generator/enrich.py calls, one per step, by the name it imported them under.
STEPS = (
    "classify",
    "infer_publication_date",
    "timeline_events",
    "find_actors",
    "find_quotes",
    "find_figures",
    "slug",
)


def timed(function: Callable[..., Any], spent: dict[str, float], name: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - started

    return wrapper


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enrich-steps-") as folder:
        synthesize(ROOT / "seeds", Path(folder), options.articles)
        seeds, _ = read_seeds(Path(folder))
    articles = [article for seed in seeds for article in parse_seed(seed)]
    lexicon = default_lexicon()
    best: dict[str, float] | None = None
    for _ in range(max(options.repeat, 1)):
        spent: dict[str, float] = defaultdict(float)
        originals = {name: getattr(enrich_module, name) for name in STEPS}
        for name, function in originals.items():
            setattr(enrich_module, name, timed(function, spent, name))
        started = time.process_time()
        try:
            for article in articles:
                enrich_module.enrich(article, lexicon)
        finally:
            for name, function in originals.items():
                setattr(enrich_module, name, function)
        spent["total"] = time.process_time() - started
        if best is None or spent["total"] < best["total"]:
            best = dict(spent)
    assert best is not None
    best["other"] = best["total"] - sum(best[name] for name in STEPS)
    print(f"{len(articles)} articles, CPU ms per article (fastest of {options.repeat} runs)")
    for name in (*STEPS, "other", "total"):
        print(f"  {name:24s} {1000 * best[name] / len(articles):6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
