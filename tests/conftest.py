"""Shared test helpers: the project's folders and a parsed view of the founding seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.models import Article
from generator.pipeline import parse_seed
from generator.reading import read_seed

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What a site build needs besides seeds: the config, the files it names (theme overrides, the
# MkDocs hook) and the hand-written pages of docs/.
SITE_FILES = ("mkdocs.yml", "overrides", "generator/mkdocs_hooks.py")


def copy_site_project(work: Path) -> Path:
    """A project folder in `work` that `briefing build` or `mkdocs build` can build, no seeds."""
    from generator.output import OWNED_FILES, OWNED_FOLDERS

    for name in SITE_FILES:
        source, target = ROOT / name, work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    (work / "docs").mkdir(parents=True)
    for path in (ROOT / "docs").iterdir():
        if path.name not in OWNED_FILES | OWNED_FOLDERS:
            copy = shutil.copytree if path.is_dir() else shutil.copy
            copy(path, work / "docs" / path.name)
    return work


def parse_file(path: Path) -> list[Article]:
    return parse_seed(read_seed(path))


@pytest.fixture(scope="session")
def seed_articles() -> dict[str, list[Article]]:
    """The articles of every founding seed, by file name."""
    return {p.name: parse_file(p) for p in sorted(SEEDS.glob("*.txt"))}
