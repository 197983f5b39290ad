"""Editor overrides: validated with line numbers, applied over inference, takedowns honoured."""

from pathlib import Path

import pytest

from generator import catalog
from generator.errors import DataErrors
from generator.pipeline import build_corpus

from .conftest import FIXTURES

TOPICS = {"coalition-withdrawal", "isis-detainees", "syria-spillover", "other"}


def _seeds(tmp_path: Path, catalog_text: str) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("two_articles_teasers.txt", "agency_slash.txt"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "catalog.yml").write_text(catalog_text, encoding="utf-8")
    return folder


def test_every_problem_is_reported_with_its_line(tmp_path: Path):
    path = tmp_path / "catalog.yml"
    path.write_text(
        "abc:\n"
        "  date: 2024-13-01\n"
        "  colour: red\n"
        "def:\n"
        "  topics: [gaza]\n"
        "  source_url: javascript:alert(1)\n"
        "ghi:\n"
        "  slug: Not A Slug\n"
        "  hidden: yes please\n",
        encoding="utf-8",
    )
    with pytest.raises(DataErrors) as caught:
        catalog.load_catalog(path, TOPICS)
    lines = str(caught.value).splitlines()
    assert any(line.startswith(f"{path}:1:") and "date" in line for line in lines)
    assert any(line.startswith(f"{path}:1:") and "unknown key 'colour'" in line for line in lines)
    assert any(line.startswith(f"{path}:4:") and "unknown topic(s): gaza" in line for line in lines)
    assert any(line.startswith(f"{path}:4:") and "source_url" in line for line in lines)
    assert any(line.startswith(f"{path}:7:") and "slug" in line for line in lines)
    assert any(line.startswith(f"{path}:7:") and "hidden" in line for line in lines)


def test_bad_yaml_names_the_line(tmp_path: Path):
    path = tmp_path / "catalog.yml"
    path.write_text("a:\n  date: [unclosed\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"catalog.yml:\d+: invalid YAML"):
        catalog.load_catalog(path, TOPICS)


def test_unknown_article_is_an_error(tmp_path: Path):
    seeds = _seeds(tmp_path, "0000000000:\n  outlet: X\n")
    with pytest.raises(DataErrors, match=r"catalog.yml:1: no article matches '0000000000'"):
        build_corpus(seeds)


def test_overrides_win_and_are_recorded(tmp_path: Path):
    seeds = _seeds(tmp_path, "")
    corpus = build_corpus(seeds)
    target = next(a for a in corpus.articles if a.title.startswith("وصول أول قطار"))
    (seeds / "catalog.yml").write_text(
        f"{target.id}:\n"
        "  date: 2024-05\n"
        "  title: عنوان مصحح\n"
        "  topics: [other]\n"
        "  source_url: https://example.org/a(1)\n"
        f"'two_articles_teasers.txt | انتخابات محلية في نينوى الشهر المقبل':\n"
        "  hidden: true\n",
        encoding="utf-8",
    )
    corpus = build_corpus(seeds)
    by_id = corpus.by_id()
    changed = by_id[target.id]
    assert changed.title == "عنوان مصحح"
    assert changed.slug == target.slug  # a title correction leaves the URL alone
    assert (changed.date.value, changed.date.precision, changed.date.source) == (
        "2024-05",
        "month",
        "catalog",
    )
    assert changed.topics == ()
    assert set(changed.overrides) == {"date", "source_url", "title", "topics"}
    assert not any(a.title.startswith("انتخابات محلية") for a in corpus.articles)
