"""Quotes: spans (nested, unbalanced, short names), attribution, "وأضاف" chains, seed quotes."""

from __future__ import annotations

import re
from pathlib import Path

from generator.actors import default_gazetteer, find_actors
from generator.models import Quote
from generator.quotes import MIN_QUOTE_WORDS, find_quotes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_paragraphs(name: str) -> list[str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def quotes_of(*paragraphs: str) -> list[Quote]:
    mentions, _ = find_actors(list(paragraphs), default_gazetteer())
    return find_quotes(list(paragraphs), mentions)


def seed_quotes(name: str) -> tuple[list[Quote], dict[str, str]]:
    """The seed's quotes and its discovered people by name -> id."""
    paragraphs = seed_paragraphs(name)
    mentions, actors = find_actors(paragraphs, default_gazetteer())
    return find_quotes(paragraphs, mentions), {a.name: a.id for a in actors}


def by_speaker(quotes: list[Quote], speaker: str) -> list[Quote]:
    return [q for q in quotes if q.speaker == speaker]


# ----- spans --------------------------------------------------------------------------------


def test_short_quoted_names_are_not_quotes() -> None:
    quotes = quotes_of("وقال إن «داعش» و«قسد» و«حزب الله» ليسوا سواء، بحسب «الشرق الأوسط»")
    assert quotes == []
    assert MIN_QUOTE_WORDS == 4


def test_nested_marks_stay_inside_the_outer_quote() -> None:
    quotes = quotes_of(
        'وقال بومبيو: «إن تنظيم (داعش) لم ينته، و"الخطر" ما زال قائماً في المنطقة».',
        'وأضاف "هذه «المرحلة» تتطلب تعاوناً أكبر بين الحكومتين".',
    )
    assert [q.text for q in quotes] == [
        'إن تنظيم (داعش) لم ينته، و"الخطر" ما زال قائماً في المنطقة',
        "هذه «المرحلة» تتطلب تعاوناً أكبر بين الحكومتين",
    ]
    assert [q.speaker for q in quotes] == ["mike-pompeo", "mike-pompeo"]


def test_an_unclosed_quote_ends_with_its_sentence_and_never_crosses_a_paragraph() -> None:
    paragraphs = (
        "وقال بومبيو إن «الحوار سيبدأ في يونيو المقبل بين البلدين. وهذا ما أكده الجانبان أيضاً",
        "وأضاف: «سنواصل العمل مع الحكومة العراقية في كل الملفات المشتركة»",
    )
    quotes = quotes_of(*paragraphs)
    assert [(q.paragraph, q.text) for q in quotes] == [
        (0, "الحوار سيبدأ في يونيو المقبل بين البلدين"),
        (1, "سنواصل العمل مع الحكومة العراقية في كل الملفات المشتركة"),
    ]
    assert quotes[1].speaker == "mike-pompeo" and quotes[1].cue == "وأضاف"


def test_an_unclosed_mark_before_a_name_is_no_quote() -> None:
    text = "وتزايدت الضربات منذ بدء الحرب بين إسرائيل و«حماس في قطاع غزة في السابع من أكتوبر، عندما"
    assert quotes_of(text + " شنت الحركة هجوماً غير مسبوق على جنوب إسرائيل.") == []


def test_a_stray_closing_straight_quote_opens_nothing() -> None:
    quotes = quotes_of(
        'وشدد على أن الأيام المقبلة ستشهد عمليات نوعية في استهداف المخابئ".',
        'وقال بومبيو "هذه مرحلة جديدة من التعاون بين البلدين"',
    )
    assert [q.text for q in quotes] == ["هذه مرحلة جديدة من التعاون بين البلدين"]


# ----- attribution --------------------------------------------------------------------------


def test_a_chain_of_he_added_refers_back_across_paragraphs() -> None:
    quotes = quotes_of(
        "وقال المتحدث باسم الحكومة العراقية، سامر الدليمي، إن «الحكومة ماضية في تنفيذ الاتفاق».",
        "وأضاف: «لا عودة إلى الوراء في ملف الانسحاب بعد اليوم»،"
        " مشيراً إلى أن «الجدول الزمني واضح للطرفين».",
        "وزاد أن «الجانب الأميركي ملتزم بما تم الاتفاق عليه».",
        "ونوه بأن «المفاوضات ستستمر حتى نهاية العام الحالي».",
    )
    assert len(quotes) == 5
    assert {q.speaker for q in quotes} == {"samr-al-dlimi"}
    assert [q.cue for q in quotes] == ["وقال", "وأضاف", "مشيراً", "وزاد", "ونوه"]
    assert quotes[0].speaker_name == "سامر الدليمي"


def test_an_unknown_speaker_keeps_the_name_as_written() -> None:
    quotes = quotes_of(
        "وقال مصدر أمني لـ«الشرق الأوسط» إن «الاشتباكات استمرت حتى ساعات الصباح الأولى».",
        "وأضاف أن «القوات استعادت السيطرة على المنطقة بالكامل».",
    )
    assert [(q.speaker, q.speaker_name) for q in quotes] == [(None, "مصدر أمني")] * 2


def test_the_speaker_can_come_after_the_quote_or_before_the_verb() -> None:
    quotes = quotes_of(
        "«العمليات ضد خلايا التنظيم مستمرة في كل المحافظات»، بحسب خلية الإعلام الأمني.",
        "وأفاد بيان بأن بومبيو أكد «التزام بلاده بدعم القوات العراقية في المرحلة المقبلة».",
    )
    assert [q.speaker for q in quotes] == ["security-media-cell", "mike-pompeo"]
    assert quotes[0].cue == "بحسب"


def test_a_bare_title_refers_to_the_person_it_introduced() -> None:
    quotes = quotes_of(
        "قالت السفيرة الأميركية في بغداد ماري جونسون إن «التعاون الأمني بين البلدين مستمر».",
        "وقالت السفيرة في تعليق لاحق «لم ننجز عملنا بشكل كامل حتى الآن».",
    )
    assert [q.speaker for q in quotes] == ["mari-junsun", "mari-junsun"]
    assert quotes[1].speaker_name == "السفيرة"


def test_a_participle_continues_its_sentence_not_the_previous_speaker() -> None:
    quotes = quotes_of(
        "وقال بومبيو: «نحن ملتزمون بأمن شركائنا في المنطقة كلها».",
        "كما أثار تقرير لوزارة الدفاع الأميركية مخاوف في شأن الجهاز، مشيراً إلى أنه"
        " «لم يجند أي عناصر جديدة منذ سنوات عدة».",
    )
    assert [q.speaker for q in quotes] == ["mike-pompeo", "pentagon"]


# ----- the founding seeds -----------------------------------------------------------------------


def test_shafaq_seed_quotes() -> None:
    quotes, people = seed_quotes("004_9b0f9bd658ff7730.txt")
    speakers = {q.speaker for q in quotes}
    for name in ("علي نعمة البنداوي", "دانييل شابيرو", "علي المعماري", "سرمد البياتي"):
        assert people[name] in speakers, name
    assert {"mazloum-abdi", "antony-blinken", "qasim-al-araji"} <= speakers
    bandawi = by_speaker(quotes, people["علي نعمة البنداوي"])
    assert [q.cue for q in bandawi] == ["أكد", "وأضاف", "مشيراً"]
    assert bandawi[0].text.startswith("القوات العراقية بمختلف صنوفها قادرة")
    blinken = by_speaker(quotes, "antony-blinken")
    assert blinken[0].text == "فرصة عظيمة لكنها تحمل أيضاً خطراً كبيراً"
    abdi = by_speaker(quotes, "mazloum-abdi")
    assert [q.text for q in abdi] == ["نعلم أن خطتهم تشمل مهاجمة سجن جويران ومخيم الهول"]
    assert len(by_speaker(quotes, people["علي المعماري"])) == 5
    assert len(by_speaker(quotes, "qasim-al-araji")) == 3
    assert all(q.text != "أشد خطورة" for q in quotes)  # a two-word quoted term


def test_ambassador_seed_quotes_and_the_added_chain() -> None:
    quotes, people = seed_quotes("002_158dcc2fb926e4d5.txt")
    romanowski = by_speaker(quotes, people["ألينا رومانوفسكي"])
    assert [q.cue for q in romanowski] == ["قالت", "وأضافت", "وقالت", "وقالت", "وأضافت"]
    assert romanowski[0].text == "تنظيم (داعش) لا يزال يشكل تهديدا في العراق"
    awadi = by_speaker(quotes, people["باسم العوادي"])
    assert [q.cue for q in awadi] == ["وقال", "وأضاف", "ونوه", "قال", "وزاد", "وأكد", "مشدداً"]
    assert awadi[0].text.startswith("العنوان الأساسي لزيارة رئيس مجلس الوزراء")
    assert awadi[3].text == "هذا الملف محسوم من الطرفين العراقي والأميركي"
    # The unbalanced «الأنباء العراقية (واع): swallows neither the quote nor the next paragraph.
    assert all(not q.text.startswith("الأنباء") for q in quotes)
    assert all(q.text.count("«") == q.text.count("»") for q in quotes)


def test_seed_quote_texts_lie_inside_their_paragraphs() -> None:
    for seed in sorted(p.name for p in SEEDS.glob("*.txt")):
        paragraphs = seed_paragraphs(seed)
        quotes, _ = seed_quotes(seed)
        assert all(q.text in paragraphs[q.paragraph] for q in quotes), seed


# ----- spacing ---------------------------------------------------------------------------------


def test_runs_of_spaces_give_the_same_speakers() -> None:
    """Words are read space by space (and cached per chunk): wider spacing changes no speaker."""
    paragraphs = seed_paragraphs("002_158dcc2fb926e4d5.txt")
    spaced = [p.replace(" ", " \t ") for p in paragraphs]
    quotes = quotes_of(*paragraphs)
    wide = quotes_of(*spaced)
    assert quotes
    assert [(q.speaker, q.paragraph) for q in wide] == [(q.speaker, q.paragraph) for q in quotes]
    assert [q.text.split() for q in wide] == [q.text.split() for q in quotes]
