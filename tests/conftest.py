"""Shared test helpers: the project's folders and a parsed view of the founding seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.models import Article
from generator.pipeline import parse_seed
from generator.reading import read_seed

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def parse_file(path: Path) -> list[Article]:
    return parse_seed(read_seed(path))


@pytest.fixture(scope="session")
def seed_articles() -> dict[str, list[Article]]:
    """The articles of every founding seed, by file name."""
    return {p.name: parse_file(p) for p in sorted(SEEDS.glob("*.txt"))}
