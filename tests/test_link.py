"""Cross-links: teasers link only to the story they announce; related ranks topics and actors."""

from generator.link import link
from generator.models import ActorMention, Article, Paragraph, Teaser

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
