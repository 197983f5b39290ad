"""The command line: exit statuses, messages naming file and line, determinism."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.cli import main

from .conftest import FIXTURES, ROOT, SEEDS


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_generate_reports_a_broken_seed_and_publishes_the_rest(tmp_path: Path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(FIXTURES / "agency_slash.txt", seeds)
    (seeds / "broken.txt").write_bytes(b"\xd8\xa7\n\xff\xfe\n")
    docs = tmp_path / "docs"
    assert main(["generate", "--seeds", str(seeds), "--docs", str(docs)]) == 0
    err = capsys.readouterr().err
    assert "broken.txt:2: error: not valid UTF-8" in err
    assert len(list((docs / "articles").glob("*.md"))) == 1
    assert main(["generate", "--seeds", str(seeds), "--docs", str(docs), "--strict"]) == 1


def test_invalid_catalog_stops_the_run_before_anything_is_written(tmp_path: Path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(FIXTURES / "agency_slash.txt", seeds)
    (seeds / "catalog.yml").write_text("abc:\n  colour: red\n", encoding="utf-8")
    docs = tmp_path / "docs"
    assert main(["generate", "--seeds", str(seeds), "--docs", str(docs)]) == 1
    assert "catalog.yml:1: entry 'abc': unknown key 'colour'" in capsys.readouterr().err
    assert not docs.exists()


def test_same_seeds_give_identical_pages_whatever_the_hash_seed_and_file_order(tmp_path: Path):
    """Determinism (DESIGN.md section 4): byte-identical docs across runs and hash seeds."""
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    for path in sorted(SEEDS.iterdir(), reverse=True):  # created in reverse order
        shutil.copy(path, shuffled / path.name)
    outputs = []
    for hash_seed, seeds in (("1", SEEDS), ("4242", shuffled)):
        docs = tmp_path / f"docs-{hash_seed}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "generate",
                "--seeds",
                str(seeds),
                "--docs",
                str(docs),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            check=True,
            capture_output=True,
        )
        outputs.append(_tree(docs))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 15


def test_usage_error_is_status_2(capsys):
    import pytest

    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def test_excerpt_mode_publishes_only_the_lead_everywhere(tmp_path: Path):
    import json

    docs = tmp_path / "docs"
    assert main(["generate", "--seeds", str(SEEDS), "--docs", str(docs), "--excerpt"]) == 0
    corpus = json.loads((docs / "data/corpus.json").read_text(encoding="utf-8"))
    assert all(len(a["body"]) <= 1 for a in corpus["articles"])
    page = next((docs / "articles").glob("*.md")).read_text(encoding="utf-8")
    assert "هذا مقتطف" in page
