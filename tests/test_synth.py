"""Synthetic seeds for the bench: as many articles as asked, the same files for the same
arguments, and dated seeds whose every article is dated to their day's month."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.enrich import enrich
from generator.pipeline import parse_seed
from generator.reading import read_seeds
from generator.synth import synthesize
from generator.topics import default_lexicon

from .conftest import SEEDS


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _articles(folder: Path):
    seeds, problems = read_seeds(folder)
    assert not problems
    return [enrich(a, default_lexicon()) for seed in seeds for a in parse_seed(seed)]


def test_synthesized_seeds_hold_the_articles_asked_for_the_same_every_time(tmp_path: Path):
    files = synthesize(SEEDS, tmp_path / "one", 12, seed=3)
    synthesize(SEEDS, tmp_path / "two", 12, seed=3)
    synthesize(SEEDS, tmp_path / "other", 12, seed=4)
    assert len(_files(tmp_path / "one")) == files
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert _files(tmp_path / "one") != _files(tmp_path / "other")
    assert len(_articles(tmp_path / "one")) == 12


def test_a_dated_seed_opens_every_article_with_its_day_and_every_other_year_is_earlier(
    tmp_path: Path,
):
    synthesize(SEEDS, tmp_path, 6, seed=7, dated="2019-03-15")
    dates = [a.date.value if a.date else "" for a in _articles(tmp_path)]
    assert len(dates) == 6
    # Paragraphs that name "this December" («الجاري») may move an article from the day's month,
    # within its year or to the year named with that month; never past the day's year.
    assert "2019-03" in dates
    assert all("2018" <= date < "2020" for date in dates)
    text = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert text.count("في 15 مارس 2019، ") == 6
    assert not any(str(year) in text for year in range(2020, 2030))


def test_the_command_refuses_a_date_that_is_not_a_day(tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["synth", "--articles", "2", "--out", str(tmp_path), "--dated", "2031-06"])
    assert stopped.value.code == 2
    assert "--dated: invalid iso_day value: '2031-06'" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
