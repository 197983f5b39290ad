"""The founding seeds against tests/golden/seeds.yml (reviewed by reading the seeds).

To refresh after an intended change: `python -m tests.golden --update`, then read the diff.
"""

from itertools import pairwise

import yaml

from .conftest import SEEDS
from .golden import GOLDEN, describe


def test_seeds_match_the_reviewed_golden_file():
    expected = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    actual = describe(SEEDS)
    assert sorted(actual) == sorted(expected)
    for seed, articles in expected.items():
        assert actual[seed] == articles, f"{seed} differs from the golden file"


def test_thirteen_articles_none_merged(seed_articles):
    counts = {name: len(articles) for name, articles in seed_articles.items()}
    assert sum(counts.values()) == 13
    assert sorted(counts.values()) == [1, 2, 2, 4, 4]


def test_no_teaser_is_promoted_to_an_article(seed_articles):
    articles = [a for articles in seed_articles.values() for a in articles]
    titles = {a.title for a in articles}
    for article in articles:
        for teaser in article.teasers:
            # A teaser may announce a held article (linked later) but is never one by itself.
            assert not (teaser.headline in titles and teaser.summary in article.body)


def test_no_marker_or_doubled_caption_leaks_into_any_article(seed_articles):
    for articles in seed_articles.values():
        for article in articles:
            texts = [p.text for p in article.paragraphs]
            assert "TT" not in texts
            assert all(a != b for a, b in pairwise(texts))
            assert not set(article.lead_captions) & set(texts)
            assert article.title not in texts


def test_spans_do_not_overlap_and_exclude_teasers(seed_articles):
    for articles in seed_articles.values():
        spans = sorted(a.lines for a in articles)
        for (_, end), (start, _) in pairwise(spans):
            assert end < start
        for article in articles:
            for teaser in article.teasers:
                assert teaser.lines[0] > article.lines[1]
