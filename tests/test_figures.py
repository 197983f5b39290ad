"""Figures: numbers with units and scales, percentages, and the numbers that are not figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.figures import PERCENT, FiguresError, find_figures, load_units
from generator.models import Figure

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_figures(name: str) -> list[Figure]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return find_figures([p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()])


def one(text: str) -> tuple[str, float, str, str]:
    (figure,) = find_figures([text])
    return figure.text, figure.value, figure.unit, figure.counts


def summary(figures: list[Figure]) -> set[tuple[float, str]]:
    return {(f.value, f.unit) for f in figures}


# ----- the founding seeds -----------------------------------------------------------------------


def test_shafaq_seed_figures() -> None:
    figures = seed_figures("004_9b0f9bd658ff7730.txt")
    troops = next(f for f in figures if f.value == 2500)
    assert (troops.text, troops.unit, troops.counts) == ("2500 عسكري", "عسكري", "أميركي")
    camp = next(f for f in figures if f.value == 57000)
    assert (camp.text, camp.unit) == ("57 ألفاً من عوائل", "عائلة")
    assert camp.counts == "ومقاتلي داعش"
    assert {(11000.0, "عنصر"), (54.0, "عنصر"), (1400.0, "هدف"), (111000.0, "فرد")} <= summary(
        figures
    )
    # Years, dates and day numbers of this seed (2014, 2024, 2026, 23, 27 ...) are not figures.
    assert not {2014.0, 2024.0, 2025.0, 2026.0, 23.0, 27.0} & {f.value for f in figures}


def test_lead_seeds_figures() -> None:
    assert (2500.0, "جندي") in summary(seed_figures("001_64f758dd62b5ca01.txt"))
    assert {(64.0, PERCENT), (74.0, PERCENT), (1_700_000.0, "شخص"), (1000.0, "مقاتل")} <= summary(
        seed_figures("001_64f758dd62b5ca01.txt")
    )
    assert (90_000_000.0, "دولار") in summary(seed_figures("000_071d4f1c30a62385.txt"))
    ambassador = seed_figures("002_158dcc2fb926e4d5.txt")
    assert {(137.0, "شخص"), (100.0, PERCENT), (3_800_000_000.0, "دولار")} == summary(ambassador)


def test_covid_19_and_dates_in_the_agency_seed_are_not_figures() -> None:
    figures = seed_figures("003_826104cd01632c07.txt")
    assert [(f.text, f.unit) for f in figures] == [("10 من مسلحي", "مسلح")]


def test_figure_texts_are_as_written_in_their_paragraphs() -> None:
    for seed in sorted(p.name for p in SEEDS.glob("*.txt")):
        text = (SEEDS / seed).read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        assert all(f.text in paragraphs[f.paragraph] for f in find_figures(paragraphs))


# ----- passages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ينتشر نحو 2500 جندي أميركي في العراق", ("2500 جندي", 2500, "جندي", "أميركي")),
        ("صفقة بقيمة 90 مليون دولار من برنامج", ("90 مليون دولار", 9e7, "دولار", "")),
        ("بـ3.8 مليار دولار", ("3.8 مليار دولار", 3.8e9, "دولار", "")),
        ("قتل فيه 137 شخصاً.", ("137 شخصاً", 137, "شخص", "")),
        ("انخفاضاً بنسبة 64 في المائة في الهجمات", ("64 في المائة", 64, PERCENT, "")),
        ("74 % نسبة الاستثمار", ("74 %", 74, PERCENT, "")),
        ("استقبل نحو مليون و700 ألف شخص", ("مليون و700 ألف شخص", 1.7e6, "شخص", "")),
        ("تدريب 11 ألفاً من عناصر داعش", ("11 ألفاً من عناصر", 11000, "عنصر", "داعش")),
        ("ينتشر ٢٥٠٠ جندي في القاعدة", ("٢٥٠٠ جندي", 2500, "جندي", "")),
        ("بقيمة ٣٫٨ مليار دولار", ("٣٫٨ مليار دولار", 3.8e9, "دولار", "")),
        ("أكثر من 2,500 عسكري", ("2,500 عسكري", 2500, "عسكري", "")),
        ("تسلّم 2250 «إرهابياً» من سوريا", ("2250 «إرهابياً»", 2250, "إرهابي", "")),
        ("أقل من ألف مقاتل في العراق", ("ألف مقاتل", 1000, "مقاتل", "")),
        ("بين 2500 و3000 جندي", ("3000 جندي", 3000, "جندي", "")),
    ],
)
def test_a_number_with_its_unit(text: str, expected: tuple[str, float, str, str]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "سيطر التنظيم على المدينة عام 2014 ثم طرد منها عام 2017",
        "على طريق في ضواحي الحسكة يوم 7 فبراير 2026",
        "مع وباء كوفيد-19 المتفشي في العالم",
        "في 15-16 نيسان/أبريل 2024 وفي 10 كانون الأول الجاري",
        "خلال الأشهر الـ12 المقبلة وفي السابع من تشرين الأول",
        "للتواصل على الرقم 07701234567 أو 0096477",
        "بدأ الاجتماع عند الساعة 10:30 صباحاً واستمر 3 ساعات",
        "تم القبض على 9 منهم اعترفوا صراحة",
    ],
)
def test_numbers_without_a_unit_are_not_figures(text: str) -> None:
    assert find_figures([text]) == []


def test_figures_carry_their_paragraph() -> None:
    figures = find_figures(["لا أرقام هنا", "قتل 12 مدنياً", "وأصيب 30 آخرون و5 جرحى"])
    assert [(f.paragraph, f.value, f.unit) for f in figures] == [(1, 12, "مدني"), (2, 5, "جريح")]


def test_a_unit_claimed_twice_and_a_missing_reason_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "figures.yml"
    path.write_text(
        """
scales: {reason: r, entries: [{value: 1000, forms: [ألف]}]}
percent: {forms: ["%"]}
counts_stopwords: {reason: r, entries: [في]}
units:
  - reason: people
    entries:
      - {unit: جندي, forms: [جندي, جنود]}
      - {unit: عسكري, forms: [جنود]}
""",
        encoding="utf-8",
    )
    with pytest.raises(FiguresError) as raised:
        load_units(path)
    message = str(raised.value)
    assert "'percent' needs a reason" in message and "'جنود' is two units" in message
    assert all(line.startswith(str(path)) for line in message.splitlines())


@pytest.mark.parametrize("space", ["  ", " \t"])
def test_runs_of_spaces_find_the_same_figures(space: str) -> None:
    """Tokens are read space by space (and cached per chunk): wider spacing changes no figure."""
    text = (SEEDS / "004_9b0f9bd658ff7730.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    figures = find_figures(paragraphs)
    wide = find_figures([p.replace(" ", space) for p in paragraphs])
    assert figures
    assert [(f.value, f.unit, f.counts.split()) for f in wide] == [
        (f.value, f.unit, f.counts.split()) for f in figures
    ]
