"""Dates: press expressions, traps, publication dates, timelines, display, tables."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator import datenames
from generator.dates import (
    find_dates,
    format_date,
    infer_publication_date,
    month_name,
    timeline_events,
)
from generator.errors import DataErrors
from generator.vocabulary import read_yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# (text, anchor, ISO value, precision): exactly one date is expected in the text.
EXPRESSIONS = [
    # day, month and year; Western, Levantine and glossed names
    ("في 12 كانون الأول 2024، قال", None, "2024-12-12", "day"),
    ("في ضواحي الحسكة يوم 7 فبراير 2026 (أ.ف.ب)", None, "2026-02-07", "day"),
    ("في خان يونس 29 أكتوبر 2025 (أ.ب)", None, "2025-10-29", "day"),
    ("وكان التحالف قد أعلن في 27 أيلول 2024، رسمياً", None, "2024-09-27", "day"),
    ("في جلسة نقاشية في 23 تشرين الثاني 2024،", None, "2024-11-23", "day"),
    ("علقت الوزارة، في 28 أيلول 2024، على", None, "2024-09-28", "day"),
    ("في 31 ديسمبر 2024", None, "2024-12-31", "day"),
    ("في 29 فبراير 2024", None, "2024-02-29", "day"),
    ("في ١٠ كانون الأول ٢٠٢٤", None, "2024-12-10", "day"),
    ("في 5 آب 2023", None, "2023-08-05", "day"),
    ("في 3 يوليه 2022", None, "2022-07-03", "day"),
    ("في 9 يونيه 2021", None, "2021-06-09", "day"),
    ("في 14 جويلية 2023", None, "2023-07-14", "day"),
    ("في 2 شتنبر 2019", None, "2019-09-02", "day"),
    ("في الأول من يناير (كانون الثاني) 2024", None, "2024-01-01", "day"),
    ("في الحادي عشر من سبتمبر 2001", None, "2001-09-11", "day"),
    ("في السابع والعشرين من أيلول 2024", None, "2024-09-27", "day"),
    ("في 7 يناير (كانون الثاني) 2026", None, "2026-01-07", "day"),
    # month and year
    ("بقيادة القوات العراقية منذ ديسمبر (كانون الأول) 2021، أثبت", None, "2021-12", "month"),
    ("في يوليو (تموز) 2021 عندما أنهت", None, "2021-07", "month"),
    ("منذ نوفمبر (تشرين الثاني) 2018", None, "2018-11", "month"),
    ("خروجهم النهائي في سبتمبر/أيلول 2026، مطمأنين", None, "2026-09", "month"),
    ("في سبتمبر (أيلول) 2024", None, "2024-09", "month"),
    ("منذ أيلول/سبتمبر عام 2014، ويتوزع", None, "2014-09", "month"),
    ("من قاعدة عين الأسد في سبتمبر عام 2025", None, "2025-09", "month"),
    ("ستستمر حتى أيلول 2026", None, "2026-09", "month"),
    ("في موعد أقصاه نهاية سبتمبر 2025", None, "2025-09", "month"),
    ("بدأت في تشرين الأول/أكتوبر 2023", None, "2023-10", "month"),
    ("في كانون الثاني يناير 2024", None, "2024-01", "month"),
    ("جولتان في آذار مارس 2024", None, "2024-03", "month"),
    ("في آب 2023", None, "2023-08", "month"),
    ("في مارس 2024", None, "2024-03", "month"),
    ("في كانون ثاني 2020", None, "2020-01", "month"),
    ("في شهر مايو 2023", None, "2023-05", "month"),
    ("في يونيو من العام 2020", None, "2020-06", "month"),
    ("في أيار 2022", None, "2022-05", "month"),
    ("ديسمبر ٢٠٢٥", None, "2025-12", "month"),
    # a year framed as a time
    ("تسعى منذ عام 2022، وحتى الآن", None, "2022", "year"),
    ("مما كان عليه في العام 2014", None, "2014", "year"),
    ("اجتاحها التنظيم صيف 2014، لكن", None, "2014", "year"),
    ("على المصالح الأميركية نهاية 2019، تورطت", None, "2019", "year"),
    ("منذ بدء النزاع في سوريا عام 2011، شنت", None, "2011", "year"),
    ("سيتم في عام 2026، ولا يزال", None, "2026", "year"),
    ("مطلع عام 2020", None, "2020", "year"),
    ("في سنة 2010", None, "2010", "year"),
    ("أعلن العراق عام ٢٠١٧ النصر", None, "2017", "year"),
    ("كان مرتبا لها في أواخر العام الماضي 2023، لكن", None, "2023", "year"),
    ("العام الماضي 2023", "2026", "2023", "year"),
    # ranges
    ("في 15-16 نيسان/أبريل 2024 والبيان", None, "2024-04-15/2024-04-16", "range"),
    ("في 15 و16 مايو 2024", None, "2024-05-15/2024-05-16", "range"),
    ("بين ديسمبر 2021 وأغسطس 2023", None, "2021-12/2023-08", "range"),
    ("بين يناير ومايو 2024", None, "2024-01/2024-05", "range"),
    ("من عام 2014 إلى عام 2017", None, "2014/2017", "range"),
    ("بين عامي 2014 و2017", None, "2014/2017", "range"),
    # relative forms, resolved against the anchor
    ("في مقابلة في 12 كانون الأول الجاري، أن", "2024-12", "2024-12-12", "day"),
    ("يُذكر أنه في 10 كانون الأول الحالي، أعدم", "2024", "2024-12-10", "day"),
    ("منذ بداية ديسمبر (كانون الأول) الجاري.", "2025-12", "2025-12", "month"),
    ("ستُستَكمل في سبتمبر (أيلول) الحالي، لتحل", "2025-09-01", "2025-09", "month"),
    ("تعمل منذ مطلع شهر ديسمبر الجاري، على", "2025-12-30", "2025-12", "month"),
    ("لزيارة واشنطن منتصف الشهر المقبل، في", "2024-03-24", "2024-04", "month"),
    ("الشهر المقبل", "2024-12", "2025-01", "month"),
    ("الشهر الماضي", "2024-01-15", "2023-12", "month"),
    ("العام الماضي", "2024-03", "2023", "year"),
    ("السنة الماضية", "2024", "2023", "year"),
    ("يشهد العام المقبل ترسيخ", "2025-12", "2026", "year"),
    ("في هجمات التنظيم هذا العام.", "2023-08", "2023", "year"),
    ("في وقت سابق من هذا الشهر مخاوف", "2023-08", "2023-08", "month"),
    ("في ضربة جوية مطلع يناير الماضي.", "2020-05", "2020-01", "month"),
    ("تعقد واشنطن وبغداد منتصف يونيو المقبل حوارا", "2020-05", "2020-06", "month"),
    ("دخول المعارضة لدمشق ديسمبر الماضي", "2025-12", "2024-12", "month"),
    ("اجتماع اللجنة المقرر عقده في 7 يناير (كانون الثاني) المقبل.", "2025-12", "2026-01-07", "day"),
    ("بدأت في كانون الثاني يناير الماضي، فيما", "2024-12", "2024-01", "month"),
    ("في الأول من الشهر الجاري", "2024-12", "2024-12-01", "day"),
    ("في السابع من تشرين الأول/أكتوبر، عندما", "2024-04", "2023-10-07", "day"),
    ("في أبريل (نيسان) وأسفر", "2024-04-14", "2024-04", "month"),
    # weekdays and days need an anchor day
    ("والثلاثاء الماضي، أعلن جهاز", "2024-12-14", "2024-12-10", "day"),
    ("فجر اليوم (الأحد).", "2024-03-24", "2024-03-24", "day"),
    ("أمس الجمعة، القضاء على", "2024-12-14", "2024-12-13", "day"),
    ("قتل فيه 137 شخصاً يوم الجمعة.", "2024-03-24", "2024-03-22", "day"),
    ("انتخابات مقررة الاثنين المقبل.", "2024-12-14", "2024-12-16", "day"),
    ("انتُخب النائب، الاثنين، رئيساً", "2024-12-14", "2024-12-09", "day"),
]


@pytest.mark.parametrize(("text", "anchor", "value", "precision"), EXPRESSIONS)
def test_expression(text: str, anchor: str | None, value: str, precision: str) -> None:
    found = find_dates(text, anchor)
    assert [(m.value, m.precision) for m in found] == [(value, precision)]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_table_is_large_and_varied() -> None:
    assert len(EXPRESSIONS) >= 60
    assert {p for *_, p in EXPRESSIONS} == {"day", "month", "year", "range"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("خروجهم النهائي في سبتمبر/أيلول 2026، مطمأنين", "سبتمبر/أيلول 2026"),
        ("منذ أيلول/سبتمبر عام 2014، ويتوزع", "أيلول/سبتمبر عام 2014"),
        ("بقيادة القوات منذ ديسمبر (كانون الأول) 2021، أثبت", "ديسمبر (كانون الأول) 2021"),
        ("لتتبعها جولتان أخريان في آذار مارس ونيسان أبريل 2024", "آذار مارس"),
        ("تسعى منذ عام 2022، وحتى الآن", "عام 2022"),
        ("في 15-16 نيسان/أبريل 2024 والبيان", "15-16 نيسان/أبريل 2024"),
        ("كان مرتبا لها في أواخر العام الماضي 2023، لكن", "أواخر العام الماضي 2023"),
    ],
)
def test_a_glossed_or_framed_date_is_one_mention_with_its_whole_span(text: str, expected: str):
    assert find_dates(text)[0].text == expected


def test_mentions_come_in_text_order_with_their_spans() -> None:
    text = "من قاعدة عين الأسد في سبتمبر عام 2025، ومن قاعدة حرير في سبتمبر 2026، ولا يوجد"
    found = find_dates(text)
    assert [m.value for m in found] == ["2025-09", "2026-09"]
    assert found[0].end <= found[1].start


def test_a_list_of_months_shares_the_relative_word_after_it() -> None:
    text = "لتتبعها جولتان أخريان في آذار مارس ونيسان أبريل الماضيين."
    found = find_dates(text, "2024-12")
    assert [(m.value, m.tense) for m in found] == [("2024-03", "past"), ("2024-04", "past")]


NOT_DATES = [
    "ويوجد نحو 2500 جندي أميركي في العراق",
    "على قاعة حفلات في روسيا قتل فيه 137 شخصاً",
    "صفقة عسكرية بقيمة 90 مليون دولار",
    "واشنطن توافق على مبيعات عسكرية للعراق بـ90 مليون دولار",
    "الحكومة جادة بنسبة 100 في المائة في هذا الموضوع",
    "إنهاء المهام خلال الأشهر الـ12 المقبلة",
    "74 % نسبة استثمار الغاز المصاحب",
    "وصلت إلى معدلات بلغت 74 في المائة",
    "تسلم العراق 2250 إرهابياً من سوريا ونفذ 10000 طلعة وضرب 1400 هدف",
    "بعد أكثر من 13 عاماً من اشتعال الحرب خلال 12 شهراً",
    "وقعت الحادثة في 2014 دون إطار",
    "مع وباء كوفيد-19 المتفشي",
    "خطبة الجمعة وصلاة الجمعة في المسجد",
    "مارس الضغط على الحكومة لسنوات",
    "اشترى سيارة نيسان جديدة",
    "هو أب لثلاثة أطفال",
    "في فترة قيادة الأمين العام السابق حسن نصر الله",
    "قال المدير العام الحالي للشركة",
    "انضم إلى قوى 14 آذار",
    "منذ أحداث 11 سبتمبر تغير العالم",
    "بالتشكيل الحالي الذي نحن عليه اليوم",
    "وصل الاثنان معاً ثم غادر الاثنين معاً",
    "في 31 نوفمبر 2024",
    "تحت إشراف ماهر الأسد",
]


@pytest.mark.parametrize("text", NOT_DATES)
@pytest.mark.parametrize("anchor", [None, "2024-12-14"])
def test_not_a_date(text: str, anchor: str | None) -> None:
    assert find_dates(text, anchor) == []


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("ديسمبر الجاري", None),  # a current month has no year without an anchor
        ("السابع من تشرين الأول/أكتوبر", None),  # a day and month with no year
        ("مطلع يناير الماضي", "2020"),  # "last January" needs the anchor's month
        ("الشهر المقبل", "2024"),
        ("الثلاثاء الماضي", "2024-12"),  # a weekday needs an anchor day
        ("اليوم (الأحد)", "2024-12"),
        ("اليوم (الأحد)", "2024-12-14"),  # 14 December 2024 was a Saturday
        ("العام الماضي", None),
    ],
)
def test_what_the_anchor_cannot_fix_is_not_returned(text: str, anchor: str | None) -> None:
    assert find_dates(text, anchor) == []


def test_a_malformed_anchor_is_an_error() -> None:
    with pytest.raises(ValueError):
        find_dates("في 12 كانون الأول 2024", "12/2024")


def test_a_range_anchor_lends_what_its_ends_share() -> None:
    assert [m.value for m in find_dates("ديسمبر الجاري", "2024-12-01/2024-12-31")] == ["2024-12"]
    assert find_dates("ديسمبر الجاري", "2022/2026") == []


@pytest.mark.parametrize(
    ("text", "anchor", "tense"),
    [
        ("ستُستَكمل في سبتمبر (أيلول) الحالي", "2025-09", "present"),
        ("تحويل المهام سيتم في عام 2026، ولا يزال", None, "future"),
        ("وفي موعد أقصاه نهاية سبتمبر 2025، والانتقال", None, "future"),
        ("المهمة ستستمر حتى أيلول 2026", None, "future"),
        ("من المقرر عقده في 7 يناير 2026", None, "future"),
        ("اجتماع في 7 يناير (كانون الثاني) المقبل", "2025-12", "future"),
        ("وكان التحالف الدولي، قد أعلن في 27 أيلول 2024، رسمياً", None, "past"),
        ("وقال رضائي في كلمة له ألقاها خلال مؤتمر في 10 كانون الأول 2024", None, "past"),
        ("تسعى منذ عام 2022", None, "past"),
        ("في ضربة جوية مطلع يناير الماضي", "2020-05", "past"),
        ("مما كان عليه في العام 2014", None, "unknown"),
        ("قال الوزير ذلك. وفي عام 2014 تغير", None, "unknown"),  # a cue stops at the sentence
        ("سيتم ذلك. وأنشئ التحالف في عام 2014", None, "past"),
    ],
)
def test_tense(text: str, anchor: str | None, tense: str) -> None:
    assert [m.tense for m in find_dates(text, anchor)] == [tense]


# --- publication date ---------------------------------------------------------------------------
AGENCY_STYLE = [
    "وأكد القائد في مقابلة متلفزة في 12 كانون الأول الجاري، أن التنظيم بدأ يعود.",
    "وقال المسؤول خلال مؤتمر في 10 كانون الأول 2024، إن الخطر قائم.",
    "وتحدد الخروج من القاعدة في سبتمبر 2026، بحسب المراقبين.",
]


@pytest.mark.parametrize(
    ("paragraphs", "captions", "value", "precision"),
    [
        (AGENCY_STYLE, [], "2024-12", "month"),
        (["كان مرتبا لها أن تكون في أواخر العام الماضي 2023، لكن الحرب أثرت."], [], "2024", "year"),
        (
            ["قال التلفزيون إن 25 مواطناً لقوا حتفهم منذ بداية ديسمبر (كانون الأول) الجاري."],
            ["نازحون في مخيم البريج في 29 ديسمبر 2025 (أ.ف.ب)"],
            "2025-12",
            "month",
        ),
        (
            [
                "وكان التحالف قد أعلن في 27 أيلول 2024 انتهاء مهمته.",
                "تعلن اختتام المهمة وفي موعد أقصاه نهاية سبتمبر 2025.",
            ],
            [],
            "2024-09",
            "month",
        ),
        ([], ["قافلة على طريق في ضواحي الحسكة يوم 7 فبراير 2026 (أ.ف.ب)"], "2026-02", "month"),
        (["نشرت الوكالة اليوم (الأحد) 15 ديسمبر 2024 تقريرا."], [], "2024-12-15", "day"),
        (["وكشف الجهاز أمس (السبت) 14 ديسمبر 2024 عن قاعدة بيانات."], [], "2024-12-15", "day"),
        (
            ["تسعى الحكومة منذ عام 2022، وحتى الآن.", "والتحويل سيتم في عام 2026."],
            [],
            "2022/2026",
            "range",
        ),
        (
            ["تقدم المفاوضات منذ مارس الجاري.", "وكان قد أعلن في 27 أيلول 2024."],
            [],
            "2025-03",
            "month",
        ),
        (
            ["أعلنت الوزارة ديسمبر الجاري.", "وكان قد أعلن في 27 أيلول 2024."],
            [],
            "2024-12",
            "month",
        ),
    ],
)
def test_publication_date(paragraphs, captions, value: str, precision: str) -> None:
    found = infer_publication_date(paragraphs, captions)
    assert found is not None
    assert (found.value, found.precision, found.source) == (value, precision, "text")
    assert found.basis


@pytest.mark.parametrize(
    "paragraphs",
    [
        [],
        ["قال مسؤول إن التعاون مستمر مع الشركاء."],
        ["ذكرت الوكالة اليوم (الأحد) أن المجلس أعلن الترشيح."],  # a weekday alone dates nothing
        ["اجتماع مقرر في 7 يناير (كانون الثاني) المقبل."],  # no year anywhere
        ["سيتم التحويل في عام 2026."],  # an announced date is not a publication date
        ["تحقق ذلك بقيادة القوات منذ ديسمبر (كانون الأول) 2021."],  # "since" is only a bound
        ["اجتاحها التنظيم صيف 2014 وأعلن العراق عام 2017 النصر."],  # history, not the news
    ],
)
def test_nothing_firm_dates_the_article(paragraphs: list[str]) -> None:
    assert infer_publication_date(paragraphs) is None


def test_a_caption_date_is_a_firm_lower_bound_even_after_an_announced_date() -> None:
    paragraphs = ["وقال المسؤول إن المهمة ستنتهي في سبتمبر 2025."]
    found = infer_publication_date(paragraphs, ["جنود يغادرون القاعدة في 3 أكتوبر 2025"])
    assert found is not None and (found.value, found.precision) == ("2025-10", "month")
    assert infer_publication_date(paragraphs, ["جنود يغادرون القاعدة (أرشيفية)"]) is None


def test_the_basis_names_the_evidence() -> None:
    found = infer_publication_date(AGENCY_STYLE)
    assert found is not None
    assert "12 كانون الأول الجاري" in found.basis and "10 كانون الأول 2024" in found.basis


# --- the seeds ------------------------------------------------------------------------------------
def seed_lines(prefix: str) -> list[str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")


def between(prefix: str, first: str, last: str) -> list[str]:
    """The non-empty lines of a seed from the one holding `first` to the one holding `last`."""
    lines = seed_lines(prefix)
    start = next(n for n, line in enumerate(lines) if first in line)
    end = next(n for n, line in enumerate(lines) if n >= start and last in line)
    return [line.strip() for line in lines[start : end + 1] if line.strip()]


def line_with(prefix: str, phrase: str) -> str:
    return next(line for line in seed_lines(prefix) if phrase in line)


def test_seed_agency_article_is_dated_to_its_month() -> None:
    paragraphs = between("004", "شفق نيوز/", "ويوجد نحو 2500 عسكري")
    found = infer_publication_date(paragraphs)
    assert found is not None and (found.value, found.precision) == ("2024-12", "month")


def test_seed_article_with_last_year_2023_is_dated_2024() -> None:
    paragraphs = between("002", "قالت السفيرة الأميركية في بغداد", "غير قابلة للتشكيك")
    found = infer_publication_date(paragraphs)
    assert found is not None and (found.value, found.precision) == ("2024", "year")


def test_seed_gaza_article_is_dated_by_current_month_and_caption() -> None:
    paragraphs = between("001", "قال تلفزيون «فلسطين»", "مئات آلاف النازحين")
    caption = line_with("001", "مخيم البريج")
    found = infer_publication_date(paragraphs, [caption])
    assert found is not None and (found.value, found.precision) == ("2025-12", "month")


def test_seed_article_with_an_announced_year_gets_an_honest_range() -> None:
    paragraphs = between("000", "أعلنت السلطات العراقية", "تشمل الذكاء الاصطناعي")
    found = infer_publication_date(paragraphs)
    # Its month is "September (الحالي)" of a year the text does not write; 2026 is announced.
    assert found is not None and found.precision == "range"
    low, high = datenames.iso_interval(found.value)
    assert low <= date(2025, 9, 15) <= high and high.year == 2026


@pytest.mark.parametrize(
    ("prefix", "first", "last", "true_month"),
    [
        ("001", "أمل مسؤولون عسكريون", "لقدراتهم", (2023, 8)),
        ("002", "قتل عسكري وأصيب ثلاثة", "ضابطان كبيران", (2024, 4)),
        ("003", "تعقد واشنطن وبغداد", "مغادرة العراق", (2020, 5)),
        ("001", "أكد الرئيس اللبناني جوزيف عون", "خلال المرحلة الماضية", (2025, 12)),
    ],
)
def test_seed_articles_without_firm_dates_are_never_confidently_wrong(
    prefix: str, first: str, last: str, true_month: tuple[int, int]
) -> None:
    found = infer_publication_date(between(prefix, first, last))
    if found is not None:
        low, high = datenames.iso_interval(found.value)
        assert low <= date(*true_month, 15) <= high


# --- timeline -------------------------------------------------------------------------------------
def seed_paragraphs(prefix: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(seed_lines(prefix), 1) if line.strip()]


def test_seed_timeline_holds_the_coalition_milestones() -> None:
    events = timeline_events(seed_paragraphs("004"), anchor="2024-12")
    found = {(e.value, e.precision) for e in events}
    assert {("2024-09-27", "day"), ("2025-09", "month"), ("2026-09", "month")} <= found
    end = next(e for e in events if e.value == "2024-09-27")
    assert "انتهاء مهمته" in end.text and "27 أيلول 2024" in end.text
    assert any("عين الأسد" in e.text for e in events if e.value == "2025-09")
    assert any("حرير" in e.text for e in events if e.value == "2026-09")
    lines = dict(seed_paragraphs("004"))
    for event in events:
        assert event.text in lines[event.line]
        assert len(event.text.split()) <= datenames.MAX_EVENT_WORDS


def test_timeline_resolves_relative_months_with_the_anchor_only() -> None:
    paragraph = [(121, "بدأت الجولة الأولى من المحادثات في كانون الثاني يناير الماضي.")]
    assert [e.value for e in timeline_events(paragraph, "2024-12")] == ["2024-01"]
    assert timeline_events(paragraph) == []


def test_timeline_never_dates_an_event_by_the_publication_date() -> None:
    undated = [(3, "أعلن الوزير أن التعاون مستمر مع الشركاء.")]
    assert timeline_events(undated, anchor="2024-03-24") == []
    today = [(4, "قصف إسرائيلي استهدف مواقع عسكرية فجر اليوم (الأحد).")]
    assert [e.value for e in timeline_events(today, anchor="2024-03-24")] == ["2024-03-24"]


def test_timeline_keeps_years_only_with_an_event_verb() -> None:
    paragraphs = [
        (1, "تسعى الحكومة منذ عام 2022 إلى تعزيز الأمن."),
        (2, "وأنشئ تحالف العزم الصلب في عام 2014، لمساعدة القوى الشريكة."),
        (3, "مما كان عليه في العام 2014."),
    ]
    assert [(e.value, e.line) for e in timeline_events(paragraphs)] == [("2014", 2)]


def test_timeline_drops_a_repeated_event_and_cuts_long_sentences() -> None:
    sentence = "وكان التحالف الدولي، قد أعلن في 27 أيلول 2024، رسمياً عن انتهاء مهمته في العراق."
    long = "، ".join(["وتحدث المسؤولون عن ملفات كثيرة ومتشعبة"] * 6)
    events = timeline_events([(1, sentence), (2, sentence), (3, f"{long}، في 8 كانون الأول 2024.")])
    assert [(e.value, e.line) for e in events] == [("2024-09-27", 1), ("2024-12-08", 3)]
    assert len(events[1].text.split()) <= datenames.MAX_EVENT_WORDS
    assert "8 كانون الأول 2024" in events[1].text


# --- display --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("month", "style", "name"),
    [
        (9, "western+levantine", "سبتمبر (أيلول)"),
        (9, "western", "سبتمبر"),
        (9, "levantine", "أيلول"),
        (12, "levantine", "كانون الأول"),
        (1, "western+levantine", "يناير (كانون الثاني)"),
    ],
)
def test_month_name(month: int, style: str, name: str) -> None:
    assert month_name(month, style) == name


@pytest.mark.parametrize(
    ("value", "precision", "style", "text"),
    [
        ("2024-12-12", "day", "western+levantine", "12 ديسمبر (كانون الأول) 2024"),
        ("2024-12", "month", "western+levantine", "ديسمبر (كانون الأول) 2024"),
        ("2024", "year", "western+levantine", "2024"),
        (
            "2021-12/2023-08",
            "range",
            "western+levantine",
            "ديسمبر (كانون الأول) 2021 – أغسطس (آب) 2023",
        ),
        ("2024-04-15/2024-04-16", "range", "western", "15–16 أبريل 2024"),
        ("2022/2026", "range", "levantine", "2022 – 2026"),
        ("2024-09-07", "day", "levantine", "7 أيلول 2024"),
    ],
)
def test_format_date(value: str, precision: str, style: str, text: str) -> None:
    assert format_date(value, precision, style) == text
    assert not re.search("[\u0660-\u0669]", text)


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (month_name, (13,)),
        (month_name, (1, "gulf")),
        (format_date, ("2024-12", "day")),
        (format_date, ("2024-13", "month")),
        (format_date, ("2024/2025", "year")),
    ],
)
def test_display_rejects_what_it_cannot_show(call, args) -> None:
    with pytest.raises(ValueError):
        call(*args)


# --- tables, vocabulary, determinism, speed -------------------------------------------------------
BABEL_PROBE = """
import json, sys
from babel import Locale
for code in sys.argv[1:]:
    names = Locale.parse(code)
    names.months["stand-alone"]["wide"][12], names.months["format"]["wide"][12], names.days
from generator import datenames
print(json.dumps([datenames.WESTERN_MONTHS, datenames.LEVANTINE_MONTHS, datenames.WEEKDAYS,
                  datenames.babel_names("ar_IQ"), datenames.babel_names("ar")]))
"""


def run_python(code: str, *args: str, hash_seed: str = "0") -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_babel_tables_do_not_depend_on_locale_load_order() -> None:
    outputs = {run_python(BABEL_PROBE, *order) for order in ([], ["ar", "ar_IQ"], ["ar_IQ", "ar"])}
    assert len(outputs) == 1
    western, levantine, weekdays, levantine_again, western_again = json.loads(outputs.pop())
    assert (levantine_again, western_again) == (levantine, western)
    assert western[8] == "سبتمبر" and levantine[8] == "أيلول" and levantine[11] == "كانون الأول"
    assert len(set(western)) == len(set(levantine)) == 12 and len(set(weekdays)) == 7
    assert weekdays[date(2024, 12, 15).weekday()] == "الأحد"


def test_results_do_not_depend_on_hash_seed() -> None:
    probe = (
        "from pathlib import Path\nfrom generator.dates import find_dates, timeline_events\n"
        "text = next(Path('seeds').glob('004_*.txt')).read_text(encoding='utf-8')\n"
        "print(find_dates(text, '2024-12-14'), timeline_events([(1, text)], '2024-12'))\n"
    )
    assert run_python(probe, hash_seed="1") == run_python(probe, hash_seed="2")


def test_vocabulary_errors_are_reported_together_with_file_and_entry(tmp_path: Path) -> None:
    data = read_yaml(datenames.VOCABULARY_PATH)
    data["month_variants"]["entries"].append({"text": "يوليه2", "month": 13, "reason": "bad"})
    data["relative_words"]["entries"].append({"text": "الفائت", "tense": "past"})
    data["qualifiers"]["entries"].append({"text": "مطلع", "reason": "twice"})
    del data["day_parts"]
    bad = tmp_path / "dates.yml"
    with pytest.raises(DataErrors) as raised:
        datenames.validate(data, bad)
    messages = [str(error) for error in raised.value.errors]
    assert len(messages) == 5
    assert all(message.startswith(str(bad)) for message in messages)
    assert any("month_variants" in m and "يوليه2" in m and "month 13" in m for m in messages)
    assert any("relative_words" in m and "no reason" in m for m in messages)
    assert any("'الفايت' is listed twice" in m for m in messages)
    assert any("'مطلع' is listed twice" in m for m in messages)
    assert any("'day_parts' is missing" in m for m in messages)


def test_every_vocabulary_entry_has_a_reason() -> None:
    data = read_yaml(datenames.VOCABULARY_PATH)
    assert all(
        str(entry.get("reason") or "").strip() for g in data.values() for entry in g["entries"]
    )


def test_ambiguous_months_must_be_months() -> None:
    groups = datenames.validate(read_yaml(datenames.VOCABULARY_PATH), datenames.VOCABULARY_PATH)
    groups["ambiguous_months"] = [{"text": "رمضان", "reason": "not in the tables"}]
    with pytest.raises(DataErrors, match="no month 'رمضان'"):
        datenames.build_vocabulary(groups, datenames.VOCABULARY_PATH)


def test_no_seed_sentence_and_no_clock_in_the_module() -> None:
    sources = [
        ROOT / "generator" / name
        for name in ("dates.py", "datescan.py", "datenames.py", "dates.yml")
    ]
    code = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    seed_text = [
        line.strip() for p in SEEDS.glob("*.txt") for line in p.read_text("utf-8").split("\n")
    ]
    assert not [line for line in seed_text if len(line) >= 30 and line in code]
    assert not re.search(r"\b(today|now|utcnow|time\.time|localtime)\(", code)


@pytest.mark.parametrize("space", ["  ", " \t"])
def test_runs_of_spaces_find_the_same_dates(space: str) -> None:
    """Tokens are read space by space (and cached per chunk): wider spacing changes no date."""
    lines = [line for line in seed_lines("004") if line.strip()]
    spaced = [line.replace(" ", space) for line in lines]
    found = [[(d.value, d.tense) for d in find_dates(line, "2024-12-12")] for line in lines]
    assert any(found)
    assert [[(d.value, d.tense) for d in find_dates(s, "2024-12-12")] for s in spaced] == found
    date, wide_date = infer_publication_date(lines), infer_publication_date(spaced)
    assert (
        date
        and wide_date
        and (wide_date.value, wide_date.precision) == (date.value, date.precision)
    )
    events = timeline_events(list(enumerate(lines)), "2024-12")
    assert [e.value for e in timeline_events(list(enumerate(spaced)), "2024-12")] == [
        e.value for e in events
    ]


def test_reading_a_paragraph_again_gives_the_same_answers() -> None:
    """Publication date and timeline share one scan per paragraph: neither disturbs the other."""
    lines = [line for line in seed_lines("003") if line.strip()]
    events = timeline_events(list(enumerate(lines)), "2024-12")
    date = infer_publication_date(lines)
    assert timeline_events(list(enumerate(lines)), "2024-12") == events
    assert infer_publication_date(lines) == date
