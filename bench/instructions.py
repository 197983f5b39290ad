"""Instructions per article of the enrich and render stages: a measure that does not drift.

On this machine the same run takes from 29 to 40 s from one minute to the next, and two runs of
one piece of code alternated with two of another can differ more than the two codes do (link
stage, 1,000 articles: 1.0 to 1.9 s for the same code within ten minutes). valgrind counts the
instructions the work executes instead: with a fixed hash seed, the same from one run to the
next to the printed precision, so a change of 1% shows and two commits compare without repeating
anything. It does
not see the caches' misses or the second core: `make bench` gives the times.

For each stage, the work runs under valgrind twice, each time in a fresh process: one pass over
the articles that fills the memories (chunk tables, digests) as a long run has them, then none or
`--passes` more; the difference, divided by the passes and the articles, is printed. enrich
enriches every parsed article of a synthetic corpus (`briefing synth`); render renders every
page of the linked corpus on this process (no workers), without writing them.

Needs valgrind (Debian: apt-get install valgrind). The corpus is made and parsed outside
valgrind; a run takes one to three minutes per stage.

Usage: python bench/instructions.py [--articles 300] [--passes 1] [--stages enrich,render]
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("enrich", "render")

# The measured process: load what the caller prepared, one pass to fill the memories, then N.
CHILD = """
import gc, pickle, sys
gc.disable()
from generator.topics import default_lexicon
stage, prepared, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
loaded, lexicon = pickle.load(open(prepared, "rb")), default_lexicon()
if stage == "enrich":
    from generator.enrich import enrich
    def one_pass():
        for article in loaded:
            enrich(article, lexicon)
else:
    import generator.render as render
    # Every page on this process, where valgrind counts (forked workers add their start-up).
    render.PARALLEL_MIN_PAGES = render.PARALLEL_MIN_ACTOR_PAGES = 10**9
    def one_pass():
        for _ in render.render_pages(loaded, lexicon):
            pass
one_pass()  # in both runs: it fills the memories, and the difference leaves it out
for _ in range(passes):
    one_pass()
"""


def instructions(stage: str, prepared: Path, passes: int) -> int:
    """Instructions valgrind counted for the child process (and any it forked)."""
    result = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-c",
            CHILD,
            stage,
            str(prepared),
            str(passes),
        ],
        cwd=ROOT,
        # A fixed hash seed: with a random one, sets and dicts of strings differ from one
        # process to the next, and so did the counts (by 0.1-0.2%).
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    counts = re.findall(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if not counts:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{result.stderr}")
    return sum(int(count.replace(",", "")) for count in counts)


def prepare(articles: int, folder: Path) -> tuple[Path, Path, int]:
    """The parsed articles (for enrich) and the linked corpus (for render) of a synthetic corpus
    of `articles`, pickled; and the number of articles parsed."""
    sys.path.insert(0, str(ROOT))
    from generator.pipeline import build_corpus, parse_seed
    from generator.reading import read_seeds
    from generator.synth import synthesize

    seeds = folder / "seeds"
    synthesize(ROOT / "seeds", seeds, articles)
    parsed = [a for seed in read_seeds(seeds)[0] for a in parse_seed(seed)]
    corpus = build_corpus(seeds)
    paths = folder / "parsed.pickle", folder / "corpus.pickle"
    paths[0].write_bytes(pickle.dumps(parsed))
    paths[1].write_bytes(pickle.dumps(corpus))
    return paths[0], paths[1], len(parsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--stages", default=",".join(STAGES))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-instructions-") as folder:
        parsed, corpus, count = prepare(options.articles, Path(folder))
        for stage in options.stages.split(","):
            prepared = parsed if stage == "enrich" else corpus
            base = instructions(stage, prepared, 0)
            measured = instructions(stage, prepared, options.passes)
            per_article = (measured - base) / options.passes / count
            print(f"{stage:8s} {per_article / 1e6:8.3f} M instructions per article ({count})")


if __name__ == "__main__":
    main()
