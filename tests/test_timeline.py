"""Timelines: events of one date from several articles fold into one; order is oldest first."""

from dataclasses import replace

from generator.models import Article, ArticleDate, Paragraph, TimelineEvent
from generator.render import needs_review
from generator.timeline import merge_events


def article(article_id: str, events: list[TimelineEvent], date: ArticleDate | None = None):
    return Article(
        "s.txt",
        "A",
        article_id,
        False,
        None,
        None,
        (),
        (Paragraph("نص.", "text", 1),),
        (),
        (1, 1),
        article_id,
        article_id,
        date=date,
        events=tuple(events),
    )


END = TimelineEvent("2024-09-27", "day", "أعلن التحالف الدولي انتهاء مهمته في العراق", 5)
END_AGAIN = TimelineEvent("2024-09-27", "day", "التحالف الدولي يعلن رسمياً انتهاء مهمته", 9)
OTHER_SAME_DAY = TimelineEvent("2024-09-27", "day", "زلزال يضرب شمال إيران", 3)
EXIT = TimelineEvent("2025-09", "month", "الخروج من قاعدة عين الأسد", 12)


def test_same_event_in_two_articles_is_one_entry_with_both_sources():
    timeline = merge_events([article("b", [END_AGAIN, EXIT]), article("a", [END])])
    assert [item.event.value for item in timeline] == ["2024-09-27", "2025-09"]
    first = timeline[0]
    assert [a.id for a, _ in first.sources] == ["a", "b"]
    assert [line for _, line in first.sources] == [5, 9]


def test_different_events_of_one_date_stay_apart():
    timeline = merge_events([article("a", [END, OTHER_SAME_DAY])])
    assert len(timeline) == 2


def test_timeline_is_independent_of_article_order():
    one = merge_events([article("a", [END]), article("b", [END_AGAIN, EXIT])])
    two = merge_events([article("b", [END_AGAIN, EXIT]), article("a", [END])])
    assert one == two


def test_review_lists_vague_and_missing_dates_but_not_editor_dates():
    year = ArticleDate("2024", "year", "عام فقط")
    month = ArticleDate("2024-12", "month", "الشهر الجاري")
    pinned = ArticleDate("2024", "year", "set by the editor", "catalog")
    items = (
        article("a", [], year),
        article("b", [], month),
        article("c", [], None),
        replace(article("d", [], pinned)),
    )
    assert [a.id for a in needs_review(items)] == ["a", "c"]


def test_an_event_folds_into_the_first_group_it_matches_even_after_others_opened():
    first = TimelineEvent("2024-03-05", "day", "أعلنت الحكومة انسحاب القوات من القاعدة", 1)
    other = TimelineEvent("2024-03-05", "day", "افتتح الوزير معرض الكتاب في بغداد", 2)
    again = TimelineEvent("2024-03-05", "day", "أعلنت الحكومة انسحاب القوات من القاعدة", 3)
    timeline = merge_events(
        [article("a", [first]), article("b", [other]), article("c", [again, first])]
    )
    assert [[a.id for a, _ in s.sources] for s in timeline] == [["a", "c"], ["b"]]
