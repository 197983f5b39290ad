"""`make bench`: generator and site-build figures at 100, 1,000 and 10,000 synthetic articles.

For each size: synthesize seeds (not timed), a full generation without cache in a fresh process
(wall time, CPU time of the process and its workers, time per stage, peak memory, files written),
then three incremental regenerations with the cache (filled by a first run with it, not timed):
after adding one new seed, after adding one dated after every article (a new day's scrape, as
seeds arrive in practice), and after editing one seed (time and pages rewritten); then
`briefing build` of the result, as `make site` runs it (time, site size, search index size). Its
own summary line gives the generator's part of that time (an unchanged regeneration): the rest is
MkDocs and Pagefind (`mkdocs_s`), and `gen%` is the full generation's wall time as a share of it.

Each timed generation runs `--repeat` times (3) from the same state and the fastest run is kept:
on this machine the same run takes from 29 to 40 s from one minute to the next. `spread%` is how
much slower the slowest full run was. `machine_s` is the time of a fixed workload that runs none
of the generator's code, taken as each size starts: the machine's speed at that moment. Prints a
table and writes bench/results.json (every run's wall time under `walls`) so runs can be compared
between commits, when their `machine_s` agree.

Usage: python bench/run.py [--sizes 100,1000,10000] [--out bench/results.json] [--no-site]
       [--repeat 3]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("read", "segment", "extract", "enrich", "link", "render", "write")
# The day of the "new day's scrape": later than every year `briefing synth` writes (2029).
NEWEST_DAY = "2031-06-15"

# The child process runs one generation and reports what it measured as JSON on stdout.
CHILD = """
import json, resource, sys, time
from pathlib import Path
from generator.pipeline import generate
started = time.perf_counter()
cache = Path(sys.argv[3]) if sys.argv[3] else None
report = generate(Path(sys.argv[1]), Path(sys.argv[2]), cache_dir=cache)
wall = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = sum(u.ru_utime + u.ru_stime for u in (own, workers))
print(json.dumps({"wall": wall, "cpu": cpu, "stages": report.seconds,
                  "articles": len(report.corpus.articles),
                  "written": len(report.written.written), "unchanged": report.written.unchanged,
                  "pages": report.pages, "peak_mib": max(own.ru_maxrss, workers.ru_maxrss) / 1024}))
"""


# A fixed pure-Python workload that runs none of the generator's code: the speed of this machine
# when a size's runs start (the fastest of 3, in seconds). The same full run took 33 s in one hour
# and 60 s in another, and MkDocs slowed down alike; figures of two commits compare only when
# this one is about equal, or after dividing by it.
CALIBRATION = """
import time
best = float("inf")
for _ in range(3):
    started = time.perf_counter()
    words = sorted(str(n * 7919 % 100003) for n in range(300_000))
    counts = {}
    for word in words:
        counts[word[:3]] = counts.get(word[:3], 0) + len(word)
    best = min(best, time.perf_counter() - started)
print(best)
"""


def machine_seconds() -> float:
    """The calibration workload's time, in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", CALIBRATION], capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def generation(seeds: Path, docs: Path, cache: Path | None) -> dict:
    """One generation in a fresh process, as the child reports it."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(seeds), str(docs), str(cache or "")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"generation failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def size_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def site_build(work: Path, docs: Path) -> dict:
    """Build the generated docs with the project's mkdocs.yml and theme overrides."""
    for name in ("mkdocs.yml", "overrides", "generator/mkdocs_hooks.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, dirs_exist_ok=True)
        elif source.exists():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, work / name)
    for hand_written in (ROOT / "docs").iterdir():
        target = docs / hand_written.name
        if not target.exists():
            copy = shutil.copytree if hand_written.is_dir() else shutil.copy
            copy(hand_written, target)
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--seeds",
            str(work / "seeds"),
            "--docs",
            str(docs),
            "--config",
            str(work / "mkdocs.yml"),
            "--site-dir",
            str(work / "site"),
            "--cache",
            str(work / "cache"),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - started
    # "briefing: ... N problems; 1.23s": the generator's part of the build.
    summary = re.search(r"^briefing: .*; ([0-9.]+)s$", result.stdout, re.MULTILINE)
    if summary is None:
        raise RuntimeError(f"no summary line in the build's output:\n{result.stdout}")
    generator_seconds = float(summary.group(1))
    site = work / "site"
    index = [site / "pagefind", site / "search"]
    return {
        "build_seconds": seconds,
        "generator_seconds": generator_seconds,
        "mkdocs_seconds": seconds - generator_seconds,
        "site_mib": size_mib(site),
        "search_index_mib": sum(size_mib(p) for p in index if p.exists()),
    }


def synthesize(count: int, out: Path, random_seed: int = 0, dated: str | None = None) -> None:
    command = [
        "synth",
        "--articles",
        str(count),
        "--out",
        str(out),
        "--random-seed",
        str(random_seed),
        *(("--dated", dated) if dated else ()),
    ]
    subprocess.run(
        [sys.executable, "-m", "generator", *command], cwd=ROOT, check=True, capture_output=True
    )


def fastest(runs: list[dict]) -> dict:
    """The run of least wall time, with every run's wall time beside it (`walls`): this machine's
    speed varies by a third from one minute to the next, and the fastest run is the one least
    slowed by what else ran; the spread shows how much to trust a difference."""
    if len({(run["written"], run["pages"]) for run in runs}) > 1:  # not the same work
        raise RuntimeError(f"repetitions wrote different pages: {runs}")
    best = min(runs, key=lambda run: run["wall"])
    return {**best, "walls": [run["wall"] for run in runs]}


def one_size(count: int, site: bool, repeat: int, work: Path) -> dict:
    """Every figure for one corpus size, in the empty folder `work`; each timed generation is run
    `repeat` times from the same state, and the fastest kept.

    Nothing is deleted before a timed run (the caller deletes every size's folder at the end):
    on this machine's file system, creating a file costs a scan of the inodes freed in the last
    30 s or so, and with the 10,000 pages of the previous full run just deleted, that scan was
    7-10% of a full run's CPU samples (perf: recently_deleted, find_get_block_common in
    __ext4_new_inode), against 1% with no recent deletion. A site is not regenerated just after
    its pages are deleted."""
    machine = machine_seconds()
    seeds, docs, cache = work / "seeds", work / "docs", work / "cache"
    synthesize(count, seeds)
    full = []
    for run in range(repeat):
        fresh = work / f"full-{run}"
        full.append(generation(seeds, fresh, None))
    # Regenerate the same docs with the cache: fills the parse cache and the page memo, as
    # the previous run of a site that is regenerated regularly would have.
    generation(seeds, docs, cache)

    def after(change: Callable[[], object], undo: Callable[[], object]) -> dict:
        """The fastest of `repeat` timed regenerations after `change`. Each is followed by
        `undo` and two regenerations (not timed): the undo is taken in, then "what's new"
        says nothing is, so every repetition starts from the same state."""
        runs = []
        for _ in range(repeat):
            change()
            runs.append(generation(seeds, docs, cache))
            undo()
            generation(seeds, docs, cache)
            generation(seeds, docs, cache)
        return fastest(runs)

    synthesize(1, work / "extra", random_seed=7)
    extra, added_seed = next((work / "extra").iterdir()), seeds / "zz_added.txt"
    added = after(lambda: shutil.copy(extra, added_seed), added_seed.unlink)
    # The same article, opened with a date after every other synthetic article's.
    synthesize(1, work / "newest", random_seed=7, dated=NEWEST_DAY)
    newest, newest_seed = next((work / "newest").iterdir()), seeds / "zz_newest.txt"
    arrived = after(lambda: shutil.copy(newest, newest_seed), newest_seed.unlink)
    # The edit is timed with the added seed in place, as a site that keeps growing has it.
    shutil.copy(extra, added_seed)
    generation(seeds, docs, cache)
    generation(seeds, docs, cache)
    edited_seed = sorted(seeds.iterdir())[0]
    original = edited_seed.read_text(encoding="utf-8")
    edited = after(
        lambda: edited_seed.write_text(original + "\nفقرة مضافة للقياس.\n", encoding="utf-8"),
        lambda: edited_seed.write_text(original, encoding="utf-8"),
    )
    result = {
        "machine_s": machine,
        "articles": full[0]["articles"],
        "full": fastest(full),
        "add_one_seed": added,
        "add_newest_seed": arrived,
        "edit_one_seed": edited,
    }
    if site:
        result["site"] = site_build(work, docs)
    return result


def spread(walls: list[float]) -> float:
    """How much slower the slowest run was than the fastest, in percent."""
    return 100 * (max(walls) / min(walls) - 1)


def table(results: dict[str, dict]) -> str:
    lines = [
        "articles  wall_s  spread%  cpu_s  art/s   peak_MiB  files  "
        + "  ".join(f"{s:>7}" for s in STAGES)
        + "  add1_s  add1_written  new1_s  new1_written  edit1_s  edit1_written  mkdocs_s  gen%"
        + "  site_MiB  index_MiB  machine_s"
    ]
    for count, r in results.items():
        full = r["full"]
        per = [1000 * full["stages"].get(s, 0.0) / max(full["articles"], 1) for s in STAGES]
        site = r.get("site", {})
        mkdocs = site.get("mkdocs_seconds", float("nan"))
        lines.append(
            f"{count:>8}  {full['wall']:6.2f}  {spread(full['walls']):7.0f}  {full['cpu']:5.1f}"
            f"  {full['articles'] / full['wall']:6.0f}  "
            f"{full['peak_mib']:8.0f}  {full['written']:5d}  "
            + "  ".join(f"{p:6.3f}ms" for p in per)
            + f"  {r['add_one_seed']['wall']:6.2f}  {r['add_one_seed']['written']:12d}"
            f"  {r['add_newest_seed']['wall']:6.2f}  {r['add_newest_seed']['written']:12d}"
            f"  {r['edit_one_seed']['wall']:7.2f}  {r['edit_one_seed']['written']:13d}"
            f"  {mkdocs:8.2f}  {100 * full['wall'] / mkdocs:4.0f}"
            f"  {site.get('site_mib', float('nan')):8.1f}"
            f"  {site.get('search_index_mib', float('nan')):9.1f}"
            f"  {r.get('machine_s', float('nan')):9.3f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--no-site", action="store_true", help="skip the mkdocs build")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each timed generation; the fastest is kept"
    )
    options = parser.parse_args()
    # The generator's modules compiled to bytecode before anything is timed, as an installed
    # package has them: this machine's shell sets PYTHONDONTWRITEBYTECODE, and every timed
    # process compiled them from source again, 0.15 of its 0.3 s of imports (measured).
    compileall.compile_dir(ROOT / "generator", quiet=1)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        for count in (int(s) for s in options.sizes.split(",")):
            folder = Path(work) / str(count)
            folder.mkdir()
            results[str(count)] = one_size(
                count, not options.no_site, max(options.repeat, 1), folder
            )
            print(f"done: {count} articles", file=sys.stderr)
    print(table(results))
    options.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"results: {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
