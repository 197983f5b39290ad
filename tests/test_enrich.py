"""Enrichment uses the article's own text only: a teaser's date never dates the article."""

from generator.enrich import enrich
from generator.topics import default_lexicon

from .conftest import FIXTURES, parse_file


def test_an_article_is_never_dated_from_its_teasers():
    [article] = parse_file(FIXTURES / "dates_only_in_teasers.txt")
    assert "2024" in article.teasers[0].summary  # the teaser does carry a date
    assert enrich(article, default_lexicon()).date is None


def test_enrichment_is_deterministic_and_keeps_evidence(seed_articles):
    lexicon = default_lexicon()
    for articles in seed_articles.values():
        for article in articles:
            first, second = enrich(article, lexicon), enrich(article, lexicon)
            assert first == second
            if first.date is not None:
                assert first.date.basis and first.date.source == "text"


def test_agency_article_is_dated_to_its_month_and_last_year_anchor_to_a_year(seed_articles):
    lexicon = default_lexicon()
    every = [enrich(a, lexicon) for articles in seed_articles.values() for a in articles]
    agency = next(a for a in every if a.layout == "B")
    assert (agency.date.value, agency.date.precision) == ("2024-12", "month")
    ambassador = next(a for a in every if a.title.startswith("سفيرة واشنطن"))
    assert (ambassador.date.value, ambassador.date.precision) == ("2024", "year")
