"""Command line: `briefing generate`, `briefing build` (also `python -m generator`).

Exit status: 0 when the run went through, 1 when it could not (or, with --strict, when any
problem was reported), 2 for a usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import mkdocs_hooks
from .errors import BriefingError
from .output import docs_lock
from .pipeline import BuildReport, build_corpus, generate
from .reading import read_seeds
from .render import needs_review, newest_first
from .report import account
from .synth import iso_day, synthesize


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("generate", "write the generated pages from the seeds into the docs folder"),
        ("build", "generate, then build the site with `mkdocs build --strict`"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder")
        command.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder")
        command.add_argument("--strict", action="store_true", help="fail on any warning")
        command.add_argument(
            "--month-style",
            choices=("western+levantine", "western", "levantine"),
            default="western+levantine",
            help='month names on pages: "سبتمبر (أيلول)", "سبتمبر" or "أيلول"',
        )
        command.add_argument(
            "--site-url", default="", help="the published site's URL, for absolute feed links"
        )
        command.add_argument(
            "--cache",
            type=Path,
            default=Path(".briefing-cache"),
            help="folder of parsed seeds kept between runs (keyed by seed hash and version)",
        )
        command.add_argument("--no-cache", action="store_true", help="parse every seed again")
        command.add_argument(
            "--previous",
            type=Path,
            default=None,
            help="the last published data/corpus.json (default: the one in the docs folder)",
        )
        command.add_argument(
            "--excerpt",
            action="store_true",
            help="publish each article's lead and a link to the source, not its full text",
        )
        if name == "build":
            command.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
            command.add_argument("--site-dir", type=Path, default=None)
    review = commands.add_parser(
        "review", help="list articles whose date an editor should set in the catalog"
    )
    review.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder")
    synth = commands.add_parser("synth", help="write synthetic seeds for benchmarks")
    synth.add_argument("--articles", type=int, required=True, help="how many articles in all")
    synth.add_argument("--out", type=Path, required=True, help="folder to write the seeds into")
    synth.add_argument(
        "--from", dest="sources", type=Path, default=Path("seeds"), help="real seeds to recombine"
    )
    synth.add_argument("--random-seed", type=int, default=0)
    synth.add_argument(
        "--dated",
        type=iso_day,
        help="an ISO day (YYYY-MM-DD) every article opens with, as a new day's scrape",
    )
    report = commands.add_parser(
        "report", help="what became of every line of the seeds: article, teaser or dropped (why)"
    )
    report.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder")
    return parser


def _report(seeds_dir: Path) -> int:
    """The parse report; exit status 1 if any line was lost or counted twice (a parser bug)."""
    seeds, errors = read_seeds(seeds_dir)
    for error in errors:
        print(f"{error}", file=sys.stderr)
    broken = False
    for seed in seeds:
        result = account(seed)
        counts = Counter(f.fate for f in result.fates)
        print(
            f"{seed.name}: {counts['article']} article lines, {counts['teaser']} teaser lines, "
            f"{counts['dropped']} dropped"
        )
        for fate in result.fates:
            if fate.fate == "dropped":
                print(f"{seed.name}:{fate.line}: dropped: {fate.reason}")
        for line in result.lost:
            print(f"{seed.name}:{line}: error: line lost by the parser", file=sys.stderr)
        for line in result.doubled:
            print(f"{seed.name}:{line}: error: line counted twice", file=sys.stderr)
        broken |= bool(result.lost or result.doubled)
    return 1 if broken or errors else 0


def _review(seeds: Path) -> int:
    """One line per article whose date is missing or vaguer than a month."""
    for article in needs_review(newest_first(build_corpus(seeds).articles)):
        date = f"{article.date.value} ({article.date.basis})" if article.date else "no date"
        print(f"{article.seed}:{article.lines[0]}: {article.id}: {date}: {article.title}")
    return 0


def _settings(options: argparse.Namespace) -> dict[str, Any]:
    """What the renderer is told; left at their defaults, these equal render.DEFAULT_SETTINGS."""
    return {
        "month_style": options.month_style,
        "site_url": options.site_url,
        "full_text": not options.excerpt,
    }


def _summary(report: BuildReport, seconds: float) -> str:
    corpus, written = report.corpus, report.written
    topics = {t for a in corpus.articles for t in a.topics}
    changed = f"{len(written.written)} written, {written.unchanged} unchanged, " if written else ""
    removed = f"{len(written.removed)} removed" if written else ""
    return (
        f"briefing: {len(corpus.seeds)} seeds, {len(corpus.articles)} articles, "
        f"{len(topics)} topics, {len(corpus.actor_ids)} actors; "
        f"{report.pages} pages ({changed}{removed}); "
        f"{len(report.problems)} problems; {seconds:.2f}s"
    )


def _progress_bar() -> Callable[[int, int], None] | None:
    """A one-line progress bar on a terminal; nothing in CI or when output is redirected."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done == total else ""
        print(
            f"\rparsing seeds [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return show


def _mkdocs(config: Path, site_dir: Path | None) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    # Pagefind indexes the site afterwards: MkDocs need not build lunr's index (mkdocs_hooks.py).
    environment = {**os.environ, mkdocs_hooks.PAGEFIND: "1"}
    status = subprocess.run(command, check=False, env=environment).returncode
    if status != 0:
        return status
    # The header search box asks a Pagefind index of the built site (imported here: only
    # `build` needs it, and it loads MkDocs' config machinery).
    from . import search

    return search.index_site(search.site_dir(config, site_dir))


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        if options.command == "review":
            return _review(options.seeds)
        if options.command == "report":
            return _report(options.seeds)
        if options.command == "synth":
            files = synthesize(
                options.sources, options.out, options.articles, options.random_seed, options.dated
            )
            print(f"briefing: wrote {files} synthetic seeds to {options.out}")
            return 0
        # A build holds the docs folder through the MkDocs build too: another run must not
        # rewrite pages while MkDocs reads them.
        with docs_lock(options.docs, _waiting):
            return _generate(options, started)
    except BriefingError as error:
        print(f"briefing: error: {error}", file=sys.stderr)
        return 1


def _waiting(lock: Path) -> None:
    print(f"briefing: another run holds {lock}; waiting for it to end", file=sys.stderr)


def _generate(options: argparse.Namespace, started: float) -> int:
    """`generate` or `build`: the pages, the problems and summary, and the site for `build`."""
    settings = _settings(options)
    cache = None if options.no_cache else options.cache
    report = generate(
        options.seeds, options.docs, settings, cache, options.previous, _progress_bar()
    )
    for problem in report.problems:
        print(problem, file=sys.stderr)
    for path in report.written.foreign if report.written else ():
        print(f"{options.docs / path}: warning: not made by briefing; left alone", file=sys.stderr)
    print(_summary(report, time.perf_counter() - started))
    if options.strict and report.problems:
        print("briefing: --strict: problems above are fatal", file=sys.stderr)
        return 1
    if options.command == "build":
        return _mkdocs(options.config, options.site_dir)
    return 0
