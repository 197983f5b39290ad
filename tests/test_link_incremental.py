"""Incremental linking gives exactly the links of a full link, after any few changes.

Random corpora are built to make every rule of `link._affected` matter: dates from a short list
(many articles at one place in date order, ties of distance everywhere), topic sets of three
topics, actors in few articles, in many (found through bitsets) and in most (too common to
count), leads and teasers drawn from a small vocabulary (versions and teaser matches happen).
Each case applies a few random changes (add, remove, re-date, re-topic, re-actor, re-title,
new lead) to a corpus whose link state is known, then compares with linking it all again; the
states are chained, as regenerations chain them.
"""

import datetime
import random
from dataclasses import replace

import pytest

from generator import link as link_module
from generator.link import LinkState, link, link_incremental
from generator.models import ActorMention, Article, ArticleDate, Paragraph, Teaser
from tests.test_link import article

WORDS = [
    "سجناء",
    "التنظيم",
    "الحدود",
    "القوات",
    "الأمريكية",
    "بغداد",
    "دمشق",
    "الحسكة",
    "مخيم",
    "الهول",
    "انسحاب",
    "التحالف",
]
# Few dates, many articles at each: ties of distance everywhere, the hardest case.
MONTHS = [f"{year}-{month:02d}" for year in (2021, 2022) for month in (1, 4, 7, 10)]
# A date for nearly every article, as a corpus gathered over two years has them.
DAYS = [f"{y}-{m:02d}-{d:02d}" for y in (2021, 2022) for m in range(1, 13) for d in range(1, 29)]
TOPICS = ("t1", "t2", "t3")
# In more than link.BITSET_ARTICLES articles each and fewer than the common share of SIZE:
# found through bitsets. The rare ones are in few articles; "everyone" is too common to count.
MANY = ("m1", "m2", "m3")
RARE = tuple(f"r{n}" for n in range(12))
# Articles in a corpus, changes made to it one after the other, and corpora per kind of dates:
# with fewer articles, a change lies within nearly every article's reach and every article is
# linked again, and the rules of `_affected` are not put to the test one by one.
SIZE, STEPS, SEEDS = 400, 8, 3


def _sentence(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length))


def _article(rng: random.Random, number: int, dates: list[str]) -> Article:
    topics = tuple(t for t in TOPICS if rng.random() < 0.45)
    actors = ["everyone"] if rng.random() < 0.6 else []
    actors += [a for a in MANY if rng.random() < 0.16]
    actors += [a for a in RARE if rng.random() < 0.03]
    teasers = tuple(
        Teaser(_sentence(rng, 4), "خاص", None, _sentence(rng, 6), None, (10, 11))
        for _ in range(rng.randrange(3))
    )
    date = rng.choice(dates)
    return Article(
        "s.txt",
        "A",
        _sentence(rng, 4),
        False,
        None,
        None,
        (),
        (Paragraph(_sentence(rng, 10), "text", 3),),
        teasers,
        (1, 3),
        f"a{number:04d}",
        f"a{number:04d}",
        date=ArticleDate(date, "day" if len(date) == 10 else "month", "test")
        if rng.random() < 0.9
        else None,
        topics=topics,
        mentions=tuple(ActorMention(a, 0, 0, 1, "x") for a in actors),
    )


def _changed(
    rng: random.Random, corpus: list[Article], fresh: int, dates: list[str], most: int
) -> list[Article]:
    """The corpus after one to `most` random changes; new articles numbered from `fresh`."""
    corpus = list(corpus)
    for _ in range(rng.randint(1, most)):
        kind = rng.choice(("add", "remove", "date", "topics", "actors", "title", "lead"))
        if kind == "add":
            corpus.insert(rng.randrange(len(corpus) + 1), _article(rng, fresh, dates))
            fresh += 1
            continue
        at = rng.randrange(len(corpus))
        old = corpus[at]
        other = _article(rng, 0, dates)  # the changed parts are drawn from a new random article
        if kind == "remove":
            del corpus[at]
        elif kind == "date":
            corpus[at] = replace(old, date=other.date)
        elif kind == "topics":
            corpus[at] = replace(old, topics=other.topics)
        elif kind == "actors":
            corpus[at] = replace(old, mentions=other.mentions)
        elif kind == "title":
            corpus[at] = replace(old, title=other.title)
        else:
            corpus[at] = replace(old, paragraphs=other.paragraphs)
    return corpus


@pytest.mark.parametrize("seed", range(SEEDS))
@pytest.mark.parametrize("dates", [MONTHS, DAYS], ids=["few dates", "many dates"])
def test_incremental_link_equals_a_full_link_after_random_changes(seed, dates, monkeypatch):
    rng = random.Random(seed)
    corpus = [_article(rng, n, dates) for n in range(SIZE)]
    linked, state = link_incremental(corpus, None)
    assert linked == link(corpus)
    relinked = []  # how many articles each incremental link linked again
    counted = link_module._related

    def counting(article, around):
        relinked[-1] += 1
        return counted(article, around)

    monkeypatch.setattr(link_module, "_related", counting)
    for step in range(STEPS):
        corpus = _changed(rng, corpus, 1000 + 10 * step, dates, most=5 if dates is MONTHS else 2)
        relinked.append(0)
        linked, state = link_incremental(corpus, state)
        relinked.append(0)
        full, full_state = link_incremental(corpus, None)
        assert linked == full, f"seed {seed}, step {step}"
        # What the next step reuses: the same links (their choices' bounds may be looser).
        assert {i: (k.teasers, k.choice.related, k.versions) for i, k in state.links.items()} == {
            i: (k.teasers, k.choice.related, k.versions) for i, k in full_state.links.items()
        }
    if dates is DAYS:  # at 10,000 synthetic articles, adding a seed links 1-7% of them again
        assert sum(relinked[0::2]) < 0.9 * sum(relinked[1::2]), "some articles keep their links"


def test_a_state_of_another_version_or_corpus_order_links_everything(monkeypatch):
    rng = random.Random(7)
    corpus = [_article(rng, n, DAYS) for n in range(60)]
    _, state = link_incremental(corpus, None)
    stale = LinkState("another version", *[getattr(state, f) for f in LinkState.__slots__[1:]])
    reordered = [corpus[1], corpus[0], *corpus[2:]]
    calls = []
    counted = link_module._related
    monkeypatch.setattr(
        link_module, "_related", lambda a, around: [calls.append(a), counted(a, around)][1]
    )
    unchanged, same = link_incremental(corpus, state)
    assert calls == [], "an unchanged corpus keeps every link"
    assert same is state, "and the state, which is not saved again"
    assert unchanged == link(corpus)
    for previous, articles in ((stale, corpus), (state, reordered)):
        calls.clear()
        again = link_incremental(articles, previous)[0]
        assert len(calls) == len(articles)
        assert again == link(articles)


def test_an_article_far_away_that_a_teaser_announces_is_linked_by_the_teaser():
    # No topics, no actors, far apart in date order: only the teaser's summary ties the
    # newcomer to the article that announced it.
    rng = random.Random(3)
    lead = "انسحاب القوات الأمريكية من قاعدة عين الأسد في الأنبار بعد اتفاق مع بغداد"
    teasing = replace(
        _article(rng, 0, DAYS),
        date=ArticleDate("2021-01-01", "day", "test"),
        topics=(),
        mentions=(),
        teasers=(Teaser("عنوان لا يشبه أي عنوان", "خاص", None, lead, None, (10, 11)),),
    )
    others = [
        replace(a, date=ArticleDate(DAYS[200 + n], "day", "test"), topics=(), mentions=())
        for n, a in enumerate(_article(rng, n, DAYS) for n in range(1, 60))
    ]
    _, state = link_incremental([teasing, *others], None)
    newcomer = replace(
        others[-1],
        id="newcomer",
        identity="newcomer",
        title="خبر بعنوان آخر",
        paragraphs=(Paragraph(lead, "text", 3),),
        teasers=(),
    )
    linked, _ = link_incremental([teasing, *others, newcomer], state)
    assert linked[0].teasers[0].article == "newcomer"
    assert linked == link([teasing, *others, newcomer])


def _on_day(article_id: str, day: int, topics: tuple[str, ...] = ()) -> Article:
    """An article of a short lead, no actors, captions or teasers, dated `day` days into 2021."""
    date = datetime.date(2021, 1, 1) + datetime.timedelta(days=day)
    made = article(article_id, article_id, "نص.", captions=(), topics=topics)
    return replace(made, date=ArticleDate(date.isoformat(), "day", "test"))


def _spaced(step: int) -> list[Article]:
    """A base article of one topic (first), and its candidates, which share that topic and
    nothing else: at `step`, 2 * `step`, ... 7 * `step` places from it, alternately newer and
    older but for the fifth, which lies older like the fourth; every other day holds a filler
    of no topic. The fifth chosen lies 5 * `step` places older, the first left out 6 * `step`
    places newer: `step` fillers added between the base and the fifth make them as near, and
    the newer wins."""
    offsets = [step * n for n in (-1, 2, -3, 4, 5, -6, 7)]  # places from the base, newer < 0
    members = [_on_day(f"member{o:+d}", 100 - o, ("t1",)) for o in offsets]
    days = range(100 - 8 * step, 100 + 8 * step)
    fillers = [_on_day(f"filler{d}", d) for d in days if d != 100 and 100 - d not in offsets]
    return [_on_day("base", 100, ("t1",)), *members, *fillers]


def _fillers(count: int, day: int, name: str) -> list[Article]:
    return [_on_day(f"{name}{n}", day) for n in range(count)]


def test_a_choice_kept_through_one_change_is_looser_at_the_next():
    # Two places apart; one filler, then another: after the first, nothing changes, but the
    # kept choice must be looser, or the second looks as if it could not matter.
    corpus = _spaced(2)
    _, state = link_incremental(corpus, None)
    once = [*corpus, *_fillers(1, 91, "once")]
    linked, state = link_incremental(once, state)
    assert linked[0].related == link(corpus)[0].related
    assert linked[0].related[-1] == "member+10"
    twice = [*once, *_fillers(1, 91, "twice")]
    linked, _ = link_incremental(twice, state)
    assert link(twice)[0].related[-1] == "member-12"
    assert linked == link(twice)


def test_a_choice_far_from_turning_turns_when_as_many_articles_arrive():
    # Eight places apart (CLOSE_CHOICE): the choice is kept by its least difference only.
    corpus = _spaced(8)
    _, state = link_incremental(corpus, None)
    grown = [*corpus, *_fillers(8, 64, "added")]
    linked, _ = link_incremental(grown, state)
    assert link(corpus)[0].related[-1] == "member+40"
    assert link(grown)[0].related[-1] == "member-48"
    assert linked == link(grown)
