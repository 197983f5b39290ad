"""Property-based tests of read, segment and extract: no exception on any text, and content
conservation (every non-blank line accounted for exactly once, see generator/report.py)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.models import Seed
from generator.reading import normalize_text
from generator.report import account

from .conftest import SEEDS

# Lines that exercise the layouts' structure: headline-like, captions, markers, the related
# heading, labels, bylines, sentences, subheads, datelines, markup and odd characters.
STRUCTURAL = [
    "TT",
    "مقالات ذات صلة",
    "عنوان قصير عن الحدود",
    "صورة من الاجتماع (أرشيفية)",
    "خاص صورة أرشيفية للقوات",
    "المشرق العربي لافتة في المدينة (أ.ف.ب)",
    "«الشرق الأوسط» (بغداد)",
    "وقال المسؤول إن الاجتماع انتهى باتفاق على مواصلة الحوار بين الطرفين في الشهر المقبل.",
    "ملف الحدود",
    "وكالة الأنباء/ أعلن الوزير أن الخطة جاهزة للتنفيذ.",
    "وكالة الأنباء- بغداد",
    "<script>alert(1)</script>",
    "# عنوان",
    "\u00a0",
    "",
    "   ",
]

line = st.one_of(st.sampled_from(STRUCTURAL), st.text(max_size=40))
# Repeats are what the segmenter keys on, so draw some lines twice in a row on purpose.
lines = st.lists(st.one_of(line, line.map(lambda x: x + "\n" + x)), max_size=60)


def check(text: str) -> None:
    seed = Seed("generated.txt", normalize_text(text), "0")
    report = account(seed)
    assert report.lost == (), f"lost lines {report.lost}"
    assert report.doubled == (), f"lines counted twice {report.doubled}"


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_conservation_on_generated_pages(parts):
    check("\n".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_exception_on_any_text(text):
    check(text)


def test_conservation_on_the_founding_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        check(path.read_text(encoding="utf-8"))
