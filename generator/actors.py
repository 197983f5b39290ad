"""Actors: gazetteer matching (clitic- and variant-aware) and discovery of people by their title.

`find_actors`, for the paragraphs of one article, in order:
1. Tokenize each paragraph keeping every token's span in the original text (the offset map); a
   token's key is its normalized form with spelling variants folded (variants.yml).
2. Gazetteer: the token's clitic-stripped forms look up, in an index keyed by first word, the
   names that may start there; the longest whose further words follow in place (nothing but
   spaces or quote marks between) wins, and matching resumes after it. A `short_forms` entry
   counts only once the actor's full name has appeared earlier in the article.
3. Discovery: a title from actors.yml, its complement (definite words, office words, prepositions
   with their object, places and organizations), then a name of 2-4 words nobody has claimed
   introduces a person (see `_name_after_title`). A name the gazetteer knows stays that actor.
4. A discovered person's last name alone later in the article ("وقال العوادي") is that person.
Mentions come back ordered by (paragraph, start); the actors returned are the discovered ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .arabic import strip_diacritics
from .gazetteer import (
    MAQSURA_STOPS,
    Gazetteer,
    GazetteerError,
    Phrase,
    default_gazetteer,
    load_gazetteer,
)
from .models import Actor, ActorMention
from .personids import person_slug, transliterate
from .phrasematch import Token, clitic_cut, longest_at, tokenize

__all__ = ["Gazetteer", "GazetteerError", "default_gazetteer", "find_actors", "load_gazetteer"]

# A name is two words or more: one word after a title is too often a common noun ("منتصف").
MIN_NAME_WORDS = 2
# Four words covers a Western name with a middle name and an Arabic one with father's and
# grandfather's names before the family name; longer runs are prose.
MAX_NAME_WORDS = 4
# A long title complement, "نائب مساعد وزير الخارجية البريطاني لشؤون شمال أفريقيا، في وزارة
# الخارجية البريطانية", is 12 words; beyond 14 the title has ended without a name.
MAX_TITLE_WORDS = 14
# Words that take a definite second part in a name: عبد الله, أبو بكر, نصر الله.
_NAME_JOINERS = frozenset({"عبد", "ابو", "نصر", "جار", "فضل", "سيف", "نور", "عز", "محيي"})
# A last name this short is too often a word ("علي" aside, which is a first name anyway).
MIN_LAST_NAME_LETTERS = 3


# ----- finding actors in an article ----------------------------------------------------------

Found = tuple[int, int, str]  # start, end (in the paragraph as written), actor id


@dataclass(slots=True)
class _Article:
    """What `find_actors` has learnt so far in one article."""

    gazetteer: Gazetteer
    seen: set[str] = field(default_factory=set)  # actors already named in full
    discovered: dict[str, Actor] = field(default_factory=dict)
    by_name: dict[tuple[str, ...], str] = field(default_factory=dict)
    last_names: dict[str, str] = field(default_factory=dict)  # last-name key -> actor id
    full_names: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)  # as Gazetteer.names


def find_actors(
    paragraphs: Sequence[str], gazetteer: Gazetteer
) -> tuple[list[ActorMention], list[Actor]]:
    """Mentions of gazetteer and discovered actors in one article, and the discovered actors."""
    article = _Article(gazetteer)
    mentions = []
    for number, text in enumerate(paragraphs):
        tokens = tokenize(text, gazetteer)
        claimed: dict[int, str] = {}  # token index -> actor id
        found = _match_names(text, tokens, article, claimed)
        found += _discover(text, tokens, article, claimed)
        found += _match_last_names(text, tokens, article, claimed)
        mentions += [ActorMention(a, number, s, e, text[s:e]) for s, e, a in sorted(found)]
    return mentions, list(article.discovered.values())


def _match_names(text: str, tokens: list[Token], article: _Article, claimed: dict[int, str]):
    """Gazetteer names, longest first, left to right; a short form only after the full name."""
    found: list[Found] = []
    end = 0
    for i in [n for n, token in enumerate(tokens) if token.name_start]:
        match = longest_at(article.gazetteer.names, tokens, i, article.seen) if i >= end else None
        if match is None:  # no name here, or inside the one just matched
            continue
        phrase, form = match
        end = i + len(phrase.words)
        if not phrase.short:
            article.seen.add(phrase.target)
        claimed.update(dict.fromkeys(range(i, end), phrase.target))
        found.append((clitic_cut(text, tokens[i], form), tokens[end - 1].end, phrase.target))
    return found


def _discover(text: str, tokens: list[Token], article: _Article, claimed: dict[int, str]):
    """People introduced by a title: each title is followed to its name, if it has one."""
    gaz = article.gazetteer
    found: list[Found] = []
    resume = 0  # the token after the last title or name read
    for i in [n for n, token in enumerate(tokens) if token.title_start]:
        title = 0 if i < resume or i in claimed else _title_at(tokens, i, gaz)
        if not title:
            continue
        name = _name_after_title(tokens, i + title, gaz, claimed)
        if name is None:
            resume = i + title
            continue
        start, resume = name
        actor_id = _introduce(article, text, tokens, (i, start, resume))
        claimed.update(dict.fromkeys(range(start, resume), actor_id))
        found.append((tokens[start].start, tokens[resume - 1].end, actor_id))
    return found


def _name_after_title(
    tokens: list[Token], j: int, gaz: Gazetteer, claimed: dict[int, str]
) -> tuple[int, int] | None:
    """Token range of the name that completes the title ending before token j, if any.

    Steps: walk the complement (further titles, definite words, office words, a preposition and
    its object, places and organizations the gazetteer found); after a comma a name may start
    at once ("الخبير الأمني، سامر الخطيب"); the first word that can start a name starts it.
    A person the gazetteer already found there, clause punctuation, or anything else ends the
    search without a name.
    """
    words = gaz.words
    for _ in range(MAX_TITLE_WORDS):
        if j >= len(tokens) or tokens[j].gap == "break":
            return None
        token = tokens[j]
        if j in claimed:
            known = gaz.actors.get(claimed[j])
            if known is None or known.kind == "person":
                return None
            j += 1
        elif token.gap == "comma" and _can_start_name(token, gaz):
            return _name_run(tokens, j, gaz, claimed)
        elif title := _title_at(tokens, j, gaz):
            j += title
        elif token.key in words["complement_prepositions"]:
            j += 2
        elif _is_stop(token, gaz):
            return None
        elif token.definite or _in(token, words["office_words"]):
            j += 1
        elif _can_start_name(token, gaz):
            return _name_run(tokens, j, gaz, claimed)
        else:
            return None
    return None


def _title_at(tokens: list[Token], j: int, gaz: Gazetteer) -> int:
    """Words in the title starting at token j (0: none). A title may take و or ف, not a
    preposition: "لمساعدة العراق" is "to help Iraq", not an assistant."""
    if not tokens[j].title_start:
        return 0
    match = longest_at(gaz.titles, tokens, j, set())
    key = tokens[j].key
    if match is None or match[1] not in (key, key[1:] if key[:1] in "وف" else key):
        return 0
    return len(match[0].words)


def _in(token: Token, group: frozenset[str]) -> bool:
    return any(form in group for form in token.forms)


def _is_stop(token: Token, gaz: Gazetteer) -> bool:
    """A name stopword; but "علي" (a name) is not "على" (on), which normalization folds."""
    hits = [form for form in token.forms if form in gaz.words["name_stopwords"]]
    name_not_stop = token.bare.endswith("ي") and all(h in gaz.words[MAQSURA_STOPS] for h in hits)
    return bool(hits) and not name_not_stop


def _can_start_name(token: Token, gaz: Gazetteer) -> bool:
    """A first name: an indefinite word, not a function word, an office word or an adverb."""
    clitic_noun = token.bare.endswith("ة") and token.bare[0] in "وفبلك"  # "لزيارة", "بمشاركة"
    return not (
        token.tanwin
        or token.definite
        or clitic_noun
        or not token.key.isalpha()
        or _is_stop(token, gaz)
        or _in(token, gaz.words["office_words"])
    )


def _name_run(
    tokens: list[Token], j: int, gaz: Gazetteer, claimed: dict[int, str]
) -> tuple[int, int] | None:
    """The name starting at token j: 2-4 name words followed by a plausible boundary."""
    k = j + 1
    while k < len(tokens) and k - j < MAX_NAME_WORDS and _continues_name(tokens, k, gaz, claimed):
        k += 1
    # A trailing feminine noun is prose after the name ("سامر الخطيب مسؤولية"), not a last name.
    while k - j > MIN_NAME_WORDS and tokens[k - 1].bare.endswith("ة"):
        k -= 1
    if k - j < MIN_NAME_WORDS or not _ends_name(tokens, k, gaz, claimed):
        return None
    return j, k


def _continues_name(tokens: list[Token], k: int, gaz: Gazetteer, claimed: dict[int, str]) -> bool:
    """Whether token k is a further part of the name before it."""
    token, words = tokens[k], gaz.words
    if token.gap or k in claimed or token.tanwin or not token.key.isalpha():
        return False
    if _is_stop(token, gaz) or gaz.is_title(token.key):
        return False
    if token.key.startswith("ي") and len(token.key) >= 4:  # a present-tense verb: "يستقبل"
        return False
    if not token.definite:
        return True
    if not token.plain_definite:  # "والعراقي": a conjunction, the name has ended
        return False
    if tokens[k - 1].key in _NAME_JOINERS:  # عبد الله, أبو بكر
        return True
    if token.key.endswith("ي"):  # a family nisba (السوداني), unless a nationality (العراقي)
        return token.key not in words["not_surnames"]
    # Another definite last name ("كريم الساعدي،") only right before a comma or clause end.
    return k + 1 == len(tokens) or tokens[k + 1].gap in ("comma", "break")


def _ends_name(tokens: list[Token], k: int, gaz: Gazetteer, claimed: dict[int, str]) -> bool:
    """Whether what follows a name run lets it be a name (not the start of a noun phrase)."""
    if k == len(tokens):
        return True
    token = tokens[k]
    return bool(
        token.gap
        or k in claimed
        or token.tanwin
        or token.bare.endswith("ة")
        or token.key.startswith("ي")
        or _is_stop(token, gaz)
        or gaz.is_title(token.key)
    )


def _introduce(article: _Article, text: str, tokens: list[Token], where: tuple[int, int, int]):
    """The discovered person named by tokens[start:end] after the title at tokens[title]."""
    title, start, end = where
    key = tuple(t.key for t in tokens[start:end])
    if key in article.by_name:
        return article.by_name[key]
    name = " ".join(
        strip_diacritics(text[t.start : t.end]).replace("\u0640", "") for t in tokens[start:end]
    )
    latin = transliterate(name)
    actor_id = _unique_id(person_slug(latin, name), article)
    described = " ".join(text[tokens[title].start : tokens[start].start].split()).rstrip("،, ")
    actor = Actor(actor_id, name, "person", latin, described)
    article.discovered[actor_id] = actor
    article.by_name[key] = actor_id
    article.full_names.setdefault(key[0], ())
    article.full_names[key[0]] += (Phrase(key, actor_id),)
    last = tokens[end - 1].key
    if len(last) >= MIN_LAST_NAME_LETTERS and not _is_stop(tokens[end - 1], article.gazetteer):
        article.last_names.setdefault(last, actor_id)
    return actor_id


def _match_last_names(text: str, tokens: list[Token], article: _Article, claimed: dict[int, str]):
    """A discovered person named again in full, or by last name alone, where nothing else is."""
    found: list[Found] = []
    if not article.discovered:
        return found
    known = set(article.full_names) | set(article.last_names)
    i = 0
    while i < len(tokens):
        if known.isdisjoint(tokens[i].forms):  # neither a full name nor a last name starts here
            i += 1
            continue
        full = longest_at(article.full_names, tokens, i, set())
        size = len(full[0].words) if full else 1
        if full is None or any(j in claimed for j in range(i, i + size)):
            form = next((f for f in tokens[i].forms if f in article.last_names), None)
            full = (Phrase((form,), article.last_names[form]), form) if form else None
            size = 1
        if full is not None and i not in claimed:
            claimed.update(dict.fromkeys(range(i, i + size), full[0].target))
            end = tokens[i + size - 1].end
            found.append((clitic_cut(text, tokens[i], full[1]), end, full[0].target))
        i += size
    return found


def _unique_id(slug: str, article: _Article) -> str:
    """`slug`, suffixed when a gazetteer actor or another person of the article holds it."""
    taken = set(article.gazetteer.actors) | set(article.discovered)
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
