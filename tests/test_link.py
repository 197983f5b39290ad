"""Cross-links: teasers link only to the story they announce; related ranks topics and actors."""

from dataclasses import replace

from generator.link import RELATED_LIMIT, EarlyWords, link, link_incremental, words_of
from generator.models import ActorMention, Article, ArticleDate, Paragraph, Teaser

CAPTION = "قافلة عسكرية على طريق قرب الحدود (أ.ف.ب)"


def article(
    article_id: str,
    title: str,
    lead: str,
    captions=(CAPTION,),
    teasers=(),
    topics=(),
    actors=(),
) -> Article:
    mentions = tuple(ActorMention(a, 0, 0, 1, "x") for a in actors)
    return Article(
        "s.txt",
        "A",
        title,
        False,
        None,
        None,
        tuple(captions),
        (Paragraph(lead, "text", 3),),
        tuple(teasers),
        (1, 3),
        article_id,
        article_id,
        topics=tuple(topics),
        mentions=mentions,
    )


def teaser(headline: str, summary: str, caption: str | None = CAPTION) -> Teaser:
    return Teaser(headline, "خاص", caption, summary, None, (10, 14))


HELD = article(
    "held",
    "سجناء التنظيم يهددون الأمن في البلاد",
    "كشفت مصادر أن سجناء من التنظيم وجهوا تهديدات إلى حراس خلال نقلهم من الحسكة إلى بغداد.",
)


def test_same_headline_links():
    page = article(
        "page",
        "خبر آخر تماماً",
        "نص لا علاقة له.",
        teasers=[
            teaser(
                "سجناء التنظيم يهددون الأمن في البلاد", "ملخص مختلف الصياغة عن الخبر نفسه.", None
            )
        ],
    )
    linked = {a.id: a for a in link([HELD, page])}
    assert linked["page"].teasers[0].article == "held"


def test_retitled_story_links_through_same_photo_and_shared_story_words():
    page = article(
        "page",
        "خبر آخر",
        "نص آخر.",
        teasers=[
            teaser("«سنهرب»... حراس يتلقون تهديدات من سجناء التنظيم", "يواصل العراق نقل السجناء.")
        ],
    )
    linked = {a.id: a for a in link([HELD, page])}
    assert linked["page"].teasers[0].article == "held"
    assert linked["held"].also_titled == ("«سنهرب»... حراس يتلقون تهديدات من سجناء التنظيم",)


def test_same_stock_photo_alone_proves_nothing():
    page = article(
        "page",
        "خبر آخر",
        "نص آخر.",
        teasers=[
            teaser(
                "وزير النفط يعلن زيادة صادرات الغاز المصاحب", "أعلن الوزير أرقاماً جديدة للإنتاج."
            )
        ],
    )
    linked = {a.id: a for a in link([HELD, page])}
    assert linked["page"].teasers[0].article is None


def test_a_teaser_never_links_to_its_own_page():
    own = article(
        "own",
        "سجناء التنظيم يهددون الأمن في البلاد",
        "نص.",
        teasers=[teaser("سجناء التنظيم يهددون الأمن في البلاد", "ملخص.")],
    )
    assert link([own])[0].teasers[0].article is None


def test_two_full_articles_with_one_lead_are_versions_of_one_story():
    copy = article("copy", "عنوان مختلف للخبر ذاته", HELD.body[0])
    linked = {a.id: a for a in link([HELD, copy])}
    assert linked["held"].versions == ("copy",)
    assert linked["copy"].versions == ("held",)


def test_related_ranks_shared_topics_then_shared_actors():
    base = article("base", "أ", "نص.", topics=["t1"], actors=["x", "y"])
    same_topic = article("topic", "ب", "نص.", topics=["t1"])
    two_actors = article("actors", "ج", "نص.", actors=["x", "y"])
    one_actor = article("actor", "د", "نص.", actors=["y"])
    unrelated = article("none", "هـ", "نص.", topics=["t2"], actors=["z"])
    linked = {a.id: a for a in link([base, same_topic, two_actors, one_actor, unrelated])}
    assert linked["base"].related == ("topic", "actors", "actor")


def _dated(article_id: str, month: str, topics=("t1",), actors=()) -> Article:
    made = article(article_id, article_id, "نص.", topics=topics, actors=actors)
    return replace(made, date=ArticleDate(month, "month", "test"))


def test_among_equally_related_articles_the_nearest_in_date_order_come_first():
    base = _dated("base", "2020-06")
    months = ("2020-01", "2020-05", "2020-07", "2021-01", "2022-01", "2023-01", "2024-01")
    others = [_dated(month, month) for month in months]
    linked = {a.id: a for a in link([base, *others])}
    # In date order: 2024, 2023, 2022, 2021, 2020-07, base, 2020-05, 2020-01. At one distance,
    # the newer first.
    assert linked["base"].related == ("2020-07", "2020-05", "2021-01", "2020-01", "2022-01")


def test_related_scores_every_candidates_shared_topics():
    """An article sharing an actor and a topic outranks one sharing only the actor, wherever
    it stands in date order."""
    base = _dated("base", "2020-06", topics=("t1",), actors=("x",))
    near_topic = [_dated(f"2020-0{m}", f"2020-0{m}") for m in (3, 4, 5, 7, 8, 9)]
    actor_only = _dated("actor-only", "2020-06", topics=("t2",), actors=("x",))
    both = _dated("both", "2010-01", topics=("t1",), actors=("x",))
    linked = {a.id: a for a in link([base, *near_topic, actor_only, both])}
    assert linked["base"].related[0] == "both"
    assert "actor-only" not in linked["base"].related


def test_an_article_newer_than_all_enters_only_the_related_lists_of_articles_near_it():
    corpus = [
        _dated(f"{2000 + n // 12}-{n % 12 + 1:02d}", f"{2000 + n // 12}-{n % 12 + 1:02d}")
        for n in range(60)
    ]
    before = {a.id: a.related for a in link(corpus)}
    arrival = _dated("arrival", "2031-01")
    after = {a.id: a.related for a in link([*corpus, arrival])}
    changed = sorted(i for i in before if before[i] != after[i])
    assert changed, "the arrival is related to its nearest articles"
    newest_first = sorted(before, reverse=True)
    assert set(changed) <= set(newest_first[:RELATED_LIMIT])
    assert all("arrival" in after[i] for i in changed)


def test_early_words_are_used_only_for_the_article_they_were_found_from():
    """Words found as the articles arrive from the parse stand for an article only while it
    holds the same title, paragraphs, captions and teasers; a catalog correction of the title
    (a new article object) gets its own words: a teaser with the old headline no longer links."""
    page = article(
        "page", "خبر آخر تماماً", "نص لا علاقة له.", teasers=[teaser(HELD.title, "ملخص.", None)]
    )
    corrected = replace(HELD, title="عنوان جديد مختلف كلياً عن السابق")
    early = EarlyWords()
    early.add([HELD, page])
    assert early(HELD) is early.found["held"][1]
    assert early(replace(HELD, topics=("t1",))) is early.found["held"][1]  # words unread
    assert early(corrected) == words_of(corrected) != words_of(HELD)
    assert early(article("new", "عنوان", "نص.")) == words_of(article("new", "عنوان", "نص."))
    linked, _ = link_incremental([corrected, page], None, words_for=early)
    assert linked[1].teasers[0].article is None  # the old headline no longer names it
    linked, _ = link_incremental([HELD, page], None, words_for=early)
    assert linked[1].teasers[0].article == "held"
