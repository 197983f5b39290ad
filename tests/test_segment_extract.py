"""Segmentation and extraction on short files written in the seeds' layouts, one quirk each."""

import pytest

from generator.extract import classify, derive_title, split_agency
from generator.models import SourceLine
from generator.teasers import parse_teasers, split_label
from generator.vocabulary import layout_vocabulary

from .conftest import FIXTURES, parse_file


def test_layout_a_without_subtitle_or_teasers():
    [article] = parse_file(FIXTURES / "no_subtitle_no_teasers.txt")
    assert article.layout == "A"
    assert article.title == "البرلمان العراقي يناقش موازنة الأمن الاتحادي"
    assert article.subtitle is None
    assert article.captions == ("نواب خلال جلسة سابقة للبرلمان (أرشيفية)",)
    assert [p.kind for p in article.paragraphs] == ["text", "text", "subhead", "text"]
    assert article.teasers == ()
    assert article.lines == (1, 18)


def test_extra_blank_lines_change_nothing_but_line_numbers():
    [article] = parse_file(FIXTURES / "extra_blank_lines.txt")
    assert article.title == "وزير الدفاع يتفقد الحدود الغربية"
    assert len(article.captions) == 1
    assert len(article.body) == 2
    assert article.lines == (4, 25)


def test_header_without_scraper_marker_is_still_a_header():
    [article] = parse_file(FIXTURES / "no_tt_marker.txt")
    assert article.title == "محافظ كركوك يفتتح مستشفى جديداً"
    assert len(article.body) == 2
    assert not any("محافظ كركوك يفتتح" in p for p in article.body)


def test_two_articles_with_subtitle_and_teasers_between_them():
    first, second = parse_file(FIXTURES / "two_articles_teasers.txt")
    assert first.subtitle == "المفوضية تعلن جدول التصويت"
    assert first.lines == (1, 15)
    assert [t.headline for t in first.teasers] == [
        "نازحو سنجار يطالبون بالعودة قبل الشتاء",
        "إعادة إعمار الجامع النوري تقترب من نهايتها",
    ]
    sinjar, mosul = first.teasers
    assert (sinjar.label, sinjar.byline) == ("العالم العربي", "«الشرق الأوسط» (أربيل)")
    assert sinjar.caption == "عائلات نازحة في مخيم قرب دهوك (رويترز)"
    assert (mosul.label, mosul.caption, mosul.byline) == (
        "خاص",
        "لقطة عامة لمدينة الموصل القديمة",
        None,
    )
    assert second.title == "وصول أول قطار شحن إلى ميناء الفاو"
    assert second.lines[0] == 35
    assert first.outlet == second.outlet == "الشرق الأوسط"
    assert not any("سنجار" in p for p in first.body + second.body)


def test_broadcaster_layout_keeps_caption_and_derives_title():
    first, second = parse_file(FIXTURES / "caption_twice_broadcaster.txt")
    assert first.layout == second.layout == "C"
    assert first.captions == ("جنود عراقيون خلال تدريب في قاعدة عسكرية",)
    assert first.title_derived and first.title != first.captions[0]
    assert first.title.startswith("أعلنت قيادة العمليات المشتركة في العراق انتهاء")
    assert second.title.startswith("اتفقت بغداد وواشنطن")  # opening clause skipped
    assert second.lines == (8, 13)


def test_agency_dateline_with_city_and_nbsp_paragraphs():
    [article] = parse_file(FIXTURES / "agency_dateline_city.txt")
    assert article.layout == "B"
    assert article.outlet == "وكالة الرافدين"
    assert article.body[0].startswith("أعلنت مديرية الكمارك")
    assert "اليوم" not in article.title
    assert [p.kind for p in article.paragraphs] == ["text", "text", "subhead", "text"]


def test_agency_slash_prefix_is_removed_from_the_lead():
    [article] = parse_file(FIXTURES / "agency_slash.txt")
    assert article.outlet == "وكالة الرافدين"
    assert not article.body[0].startswith("وكالة")
    assert article.title.startswith("دعت الحكومة العراقية")


def test_identity_ignores_file_position_and_diacritics():
    [a] = parse_file(FIXTURES / "no_tt_marker.txt")
    text = (FIXTURES / "no_tt_marker.txt").read_text(encoding="utf-8")
    from generator.models import Seed
    from generator.pipeline import parse_seed

    [b] = parse_seed(Seed("other-name.txt", "\n\n\n" + text.replace("جديداً", "جديدًا"), "x"))
    assert a.id == b.id
    assert b.lines[0] == a.lines[0] + 3


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("تنسيق سياسي", "subhead"),
        ('"لا تريث"', "subhead"),
        ("أوستن يستقبل العباسي في واشنطن أمس (البنتاغون)", "caption"),
        ("وقال الوزير إن الاجتماع انتهى (الأحد).", "text"),
        ("وأضاف أن «الملف محسوم بين الطرفين منذ أشهر طويلة وفق الاتفاق»", "text"),
    ],
)
def test_paragraph_classes(line, kind):
    assert classify(line) == kind


@pytest.mark.parametrize(
    ("line", "agency", "rest"),
    [
        ("شفق نيوز/ في ظل التوتر", "شفق نيوز", "في ظل التوتر"),
        ("وكالة الأنباء- بغداد", "وكالة الأنباء", ""),
        ("وكالة الأنباء- بغداد/ أعلن الوزير", "وكالة الأنباء", "أعلن الوزير"),
        ("قال الوزير إن الاجتماع بين الطرفين - وهو الأول - انتهى", None, None),
        ("أعلن رئيس الوزراء العراقي أمس في بيان رسمي/ وقال", None, None),
    ],
)
def test_agency_dateline(line, agency, rest):
    found, remainder = split_agency(line)
    assert found == agency
    assert remainder == (rest if agency else line)


def test_derived_title_drops_weekday_aside_and_brackets():
    lead = "كشف جهاز الأمن الوطني (الجهاز الاستخباري)، الإثنين، عن اعتقال خلية في الأنبار."
    assert derive_title(lead) == "كشف جهاز الأمن الوطني عن اعتقال خلية في الأنبار"


def test_derived_title_is_cut_at_a_clause_boundary():
    lead = (
        "تعقد بغداد وأنقرة منتصف الشهر المقبل اجتماعا فنيا لبحث ملف المياه والسدود على نهري دجلة "
        "والفرات، الذي يثير قلق المزارعين، كما أعلن وزير الموارد المائية."
    )
    title = derive_title(lead)
    assert title.endswith("والفرات")
    assert len(title.split()) <= 18


def test_label_split_prefers_longest_label():
    labels = layout_vocabulary()["section_labels"]
    assert split_label("العالم العربي صورة من الحدث", labels) == ("العالم العربي", "صورة من الحدث")
    assert split_label("العالمية صورة", labels) == (None, "العالمية صورة")


def test_teaser_lines_that_fit_nothing_are_reported_not_lost():
    lines = tuple(
        SourceLine(n, t)
        for n, t in enumerate(
            [
                "سطر غريب لا ينتمي",
                "خاص صورة أرشيفية",
                "عنوان الخبر المعلن",
                "ملخص الخبر المعلن في جملة واحدة طويلة بما يكفي لتكون ملخصاً.",
            ],
            start=10,
        )
    )
    teasers, unparsed = parse_teasers(lines, ("خاص",))
    assert [t.headline for t in teasers] == ["عنوان الخبر المعلن"]
    assert unparsed == [(10, "line in a related-articles block that fits no teaser part")]
