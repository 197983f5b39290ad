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

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .arabic import normalize, stem_variants, strip_diacritics
from .errors import DataError, DataErrors
from .models import Actor, ActorMention
from .vocabulary import HERE, read_yaml

KINDS = ("person", "organization", "place")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELDS = ("id", "name", "kind", "latin", "description")
_OPTIONAL_FIELDS = ("variants", "short_forms")
_WORD_GROUPS = (
    "office_words",
    "complement_prepositions",
    "name_stopwords",
    "not_surnames",
)
# Letters, digits, tatweel and harakat: a word keeps its diacritics so its span is exact.
_WORD = re.compile(
    r"[\u0621-\u063a\u0640-\u065f\u0660-\u0669\u066e-\u06d3\u06f0-\u06f9\u0670A-Za-z0-9]+"
)
_TANWIN = re.compile("[\u064b-\u064d]")
_BREAK = re.compile(r"[.:;؛!?؟…()\[\]\-–—/|\n]")
# Key, forms, definite, plain definite, tanwin, bare: see Token.
_Features = tuple[str, tuple[str, ...], bool, bool, bool, str]
# A definite word as written: hamza-seated إ/أ are not the article, so "إلهام" is not definite.
_DEFINITE = re.compile(r"^[وف]?(?:[بك]?ال|لل)\w\w")
# A name is two words or more: one word after a title is too often a common noun ("منتصف").
MIN_NAME_WORDS = 2
# Four words covers "مايكل إيرك كوريلا" and "هيبت حمد عباس الحلبوسي"; longer runs are prose.
MAX_NAME_WORDS = 4
# The longest title complement seen: "نائب مساعد وزير الدفاع الأميركي لشؤون الشرق الأوسط، في
# وزارة الدفاع البنتاغون" is 12 words; beyond that the title has ended without a name.
MAX_TITLE_WORDS = 14
# Words that take a definite second part in a name: عبد الله, أبو بكر, نصر الله.
_NAME_JOINERS = frozenset({"عبد", "ابو", "نصر", "جار", "فضل", "سيف", "نور", "عز", "محيي"})
# Stopwords written with a final ى ("على"): normalization folds them onto names ("علي").
_MAQSURA_STOPS = "maqsura_stops"
# A last name this short is too often a word ("علي" aside, which is a first name anyway).
MIN_LAST_NAME_LETTERS = 3


class GazetteerError(DataErrors, ValueError):
    """An invalid actors.yml or variants.yml: every problem, each naming the file and entry."""


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    gap: str  # "" (space), "quote", "comma" or "break": what separates it from the token before
    key: str  # normalized, spelling variants folded
    forms: tuple[str, ...]  # key and its clitic-stripped forms
    definite: bool  # starts with the article (maybe after a clitic) as written
    plain_definite: bool  # starts with the article itself, no clitic before it
    tanwin: bool  # an adverbial accusative ("اجتماعاً"): never part of a name
    bare: str  # as written, without diacritics and tatweel


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]
    target: str  # actor id (names) or the title as written (titles)
    short: bool = False


@dataclass(frozen=True, slots=True)
class Folds:
    """Spelling variants (variants.yml): whole stems and stem prefixes mapped to one spelling."""

    whole: dict[str, str]
    prefix: dict[str, str]

    def fold(self, key: str) -> str:
        """`key` with its stem's variant spelling replaced; proclitics stay as written."""
        for form in stem_variants(key):
            if not key.endswith(form):
                continue
            head = key[: len(key) - len(form)]
            if form in self.whole:
                return head + self.whole[form]
            for variant, canonical in self.prefix.items():
                if form.startswith(variant):
                    return head + canonical + form[len(variant) :]
        return key


@dataclass(frozen=True, slots=True, eq=False)
class Gazetteer:
    actors: dict[str, Actor]
    names: dict[str, tuple[Phrase, ...]]  # first word -> phrases, longest first
    titles: dict[str, tuple[Phrase, ...]]
    words: dict[str, frozenset[str]]  # the word groups of actors.yml, normalized
    folds: Folds
    _keys: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    _features: dict[str, _Features] = field(default_factory=dict)

    def analyse(self, word: str) -> tuple[str, tuple[str, ...]]:
        """Key and clitic-stripped forms of a word as written (cached: words repeat a lot)."""
        known = self._keys.get(word)
        if known is None:
            key = self.folds.fold(normalize(word))
            known = self._keys[word] = (key, stem_variants(key))
        return known

    def features(self, word: str) -> _Features:
        """Everything a Token needs to know about a word as written, computed once per word."""
        known = self._features.get(word)
        if known is None:
            key, forms = self.analyse(word)
            bare = strip_diacritics(word).replace("\u0640", "")
            definite = bool(_DEFINITE.match(bare))
            plain = definite and bare.startswith("ال")
            tanwin = bool(_TANWIN.search(word))
            known = self._features[word] = (key, forms, definite, plain, tanwin, bare)
        return known

    def phrase_words(self, text: str) -> tuple[str, ...]:
        return tuple(self.analyse(w)[0] for w in _WORD.findall(text))

    def is_title(self, word: str) -> bool:
        return any(form in self.titles for form in self.analyse(word)[1])


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer beside this module, loaded once."""
    return load_gazetteer()


# ----- loading -----------------------------------------------------------------------------


def load_gazetteer(path: Path | None = None, variants_path: Path | None = None) -> Gazetteer:
    """Read actors.yml (and the variants table), validate everything, build the indexes."""
    path = path or HERE / "actors.yml"
    errors: list[DataError] = []
    folds = _load_folds(variants_path or HERE / "variants.yml", errors)
    data = _read(path, errors)
    if errors:
        raise GazetteerError(list(errors))
    gazetteer = Gazetteer({}, {}, {}, {}, folds)
    where = str(path)
    titles = _load_titles(where, data.get("titles"), gazetteer, errors)
    for group in _WORD_GROUPS:
        words = _group_entries(where, group, data.get(group), errors)
        gazetteer.words[group] = frozenset(gazetteer.analyse(w)[0] for w in words)
        if group == "name_stopwords":
            maqsura = (gazetteer.analyse(w)[0] for w in words if w.endswith("ى"))
            gazetteer.words[_MAQSURA_STOPS] = frozenset(maqsura)
    names = _load_actors(where, data.get("actors"), gazetteer, errors)
    if errors:
        raise GazetteerError(list(errors))
    gazetteer.names.update(_index(names))
    gazetteer.titles.update(_index(titles))
    return gazetteer


def _read(path: Path, errors: list[DataError]) -> dict[str, Any]:
    try:
        data = read_yaml(path)
    except DataError as error:
        errors.append(error)
        return {}
    if not isinstance(data, dict):
        errors.append(DataError(str(path), None, "expected a mapping with 'actors' and 'titles'"))
        return {}
    return data


def _group_entries(where: str, name: str, group: Any, errors: list[DataError]) -> list[str]:
    """Entries of a `{reason, entries}` group; a missing reason or a non-text entry is an error."""
    if not isinstance(group, dict) or not str(group.get("reason") or "").strip():
        errors.append(DataError(where, None, f"'{name}' needs a reason and an entries list"))
        return []
    entries = group.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, str) and e for e in entries):
        errors.append(DataError(where, None, f"'{name}': entries must be a list of words"))
        return []
    return entries


def _load_titles(where: str, raw: Any, gaz: Gazetteer, errors: list[DataError]) -> list[Phrase]:
    if not isinstance(raw, list) or not raw:
        errors.append(DataError(where, None, "'titles' must be a list of groups with a reason"))
        return []
    return [
        Phrase(gaz.phrase_words(title), title)
        for index, group in enumerate(raw)
        for title in _group_entries(where, f"titles[{index}]", group, errors)
    ]


def _load_folds(path: Path, errors: list[DataError]) -> Folds:
    """The variants table: every entry needs a reason, a canonical and variants."""
    data = _read(path, errors)
    whole: dict[str, str] = {}
    prefix: dict[str, str] = {}
    for index, entry in enumerate(data.get("folds") or [] if data else []):
        label = f"fold {index + 1}"
        if not isinstance(entry, dict) or not str(entry.get("reason") or "").strip():
            errors.append(DataError(str(path), None, f"{label}: needs a reason"))
            continue
        canonical, variants = entry.get("canonical"), entry.get("variants")
        if not isinstance(canonical, str) or not isinstance(variants, list) or not variants:
            errors.append(DataError(str(path), None, f"{label}: needs canonical and variants"))
            continue
        table = prefix if entry.get("prefix") else whole
        for variant in map(normalize, map(str, variants)):
            if table.setdefault(variant, normalize(canonical)) != normalize(canonical):
                errors.append(DataError(str(path), None, f"{label}: '{variant}' folded twice"))
    if data and not data.get("folds"):
        errors.append(DataError(str(path), None, "expected a 'folds' list"))
    return Folds(whole, prefix)


def _actor_problems(entry: Any, ids: set[str]) -> list[str]:
    if not isinstance(entry, dict):
        return ["must be a mapping"]
    problems = [f"missing '{key}'" for key in _FIELDS if not str(entry.get(key) or "").strip()]
    unknown = sorted(set(entry) - set(_FIELDS) - set(_OPTIONAL_FIELDS))
    problems += [f"unknown field '{key}'" for key in unknown]
    actor_id = str(entry.get("id") or "")
    if actor_id and not _ID.match(actor_id):
        problems.append(f"id '{actor_id}' is not an ASCII slug (a-z, 0-9, hyphens)")
    if actor_id in ids:
        problems.append(f"duplicate id '{actor_id}'")
    if entry.get("kind") and entry.get("kind") not in KINDS:
        problems.append(f"kind '{entry.get('kind')}' is not one of {', '.join(KINDS)}")
    for key in _OPTIONAL_FIELDS:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problems.append(f"'{key}' must be a list of spellings")
    return problems


def _load_actors(where: str, raw: Any, gaz: Gazetteer, errors: list[DataError]) -> list[Phrase]:
    """Validate every actor entry; the phrases of the valid ones, spellings claimed once."""
    if not isinstance(raw, list) or not raw:
        errors.append(DataError(where, None, "'actors' must be a non-empty list"))
        return []
    claimed: dict[tuple[str, ...], str] = {}
    phrases: list[Phrase] = []
    for index, entry in enumerate(raw):
        label = f"actor {index + 1} ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        problems = _actor_problems(entry, set(gaz.actors))
        errors += [DataError(where, None, f"{label}: {problem}") for problem in problems]
        if problems:
            continue
        variants = tuple(entry.get("variants", [])) + tuple(entry.get("short_forms", []))
        actor = Actor(
            entry["id"], entry["name"], entry["kind"], entry["latin"],
            " ".join(str(entry["description"]).split()), variants,
        )  # fmt: skip
        gaz.actors[actor.id] = actor
        spellings = [(s, False) for s in (actor.name, *entry.get("variants", []))]
        for spelling, short in spellings + [(s, True) for s in entry.get("short_forms", [])]:
            words = gaz.phrase_words(spelling)
            owner = claimed.setdefault(words, actor.id)
            if owner != actor.id:
                errors.append(DataError(where, None, f"{label}: '{spelling}' is also {owner}'s"))
            elif words and all(p.words != words for p in phrases if p.target == actor.id):
                phrases.append(Phrase(words, actor.id, short))
    return phrases


def _index(phrases: list[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    """Phrases by first word, longest first (ties in file order, so matching is deterministic)."""
    index: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        index.setdefault(phrase.words[0], []).append(phrase)
    return {k: tuple(sorted(v, key=lambda p: -len(p.words))) for k, v in index.items()}


# ----- tokens and phrase matching ------------------------------------------------------------


def tokenize(text: str, gazetteer: Gazetteer) -> list[Token]:
    """Word tokens of `text` with their spans, keys and the punctuation before each."""
    result = []
    previous_end = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        between = text[previous_end:start]
        gap = "" if between == " " else _gap(between)
        result.append(Token(start, end, gap, *gazetteer.features(match.group())))
        previous_end = end
    return result


@lru_cache(maxsize=4096)
def _gap(between: str) -> str:
    if "،" in between or "," in between:
        return "comma"
    if _BREAK.search(between):
        return "break"
    return "quote" if between.strip() else ""


def longest_at(
    index: dict[str, tuple[Phrase, ...]], tokens: Sequence[Token], i: int, allow_short: set[str]
) -> tuple[Phrase, str] | None:
    """The longest phrase starting at token i (and the form of token i it matched), if any."""
    best: tuple[Phrase, str] | None = None
    for form in tokens[i].forms:
        for phrase in index.get(form, ()):
            if best and len(phrase.words) <= len(best[0].words):
                break
            if phrase.short and phrase.target not in allow_short:
                continue
            if _follows(phrase.words, tokens, i):
                best = (phrase, form)
                break
    return best


def _follows(words: tuple[str, ...], tokens: Sequence[Token], i: int) -> bool:
    if i + len(words) > len(tokens):
        return False
    rest = zip(words[1:], tokens[i + 1 : i + len(words)], strict=True)
    return all(token.key == word and token.gap in ("", "quote") for word, token in rest)


def _clitic_cut(text: str, token: Token, form: str) -> int:
    """Where the matched form starts inside the token as written (after و, ب, ل...)."""
    if form == token.key or not token.key.endswith(form):
        return token.start
    letters = len(token.key) - len(form)
    written = text[token.start : token.end]
    cut = 0
    while cut < len(written) and len(normalize(written[:cut])) < letters:
        cut += 1
    while cut < len(written) and not strip_diacritics(written[cut]):
        cut += 1
    return token.start + cut if normalize(written[:cut]) == token.key[:letters] else token.start


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
    i = 0
    while i < len(tokens):
        match = longest_at(article.gazetteer.names, tokens, i, article.seen)
        if match is None:
            i += 1
            continue
        phrase, form = match
        end = i + len(phrase.words)
        if not phrase.short:
            article.seen.add(phrase.target)
        claimed.update(dict.fromkeys(range(i, end), phrase.target))
        found.append((_clitic_cut(text, tokens[i], form), tokens[end - 1].end, phrase.target))
        i = end
    return found


def _discover(text: str, tokens: list[Token], article: _Article, claimed: dict[int, str]):
    """People introduced by a title: each title is followed to its name, if it has one."""
    gaz = article.gazetteer
    found: list[Found] = []
    i = 0
    while i < len(tokens):
        title = 0 if i in claimed else _title_at(tokens, i, gaz)
        if not title:
            i += 1
            continue
        name = _name_after_title(tokens, i + title, gaz, claimed)
        if name is None:
            i += title
            continue
        start, end = name
        actor_id = _introduce(article, text, tokens, (i, start, end))
        claimed.update(dict.fromkeys(range(start, end), actor_id))
        found.append((tokens[start].start, tokens[end - 1].end, actor_id))
        i = end
    return found


def _name_after_title(
    tokens: list[Token], j: int, gaz: Gazetteer, claimed: dict[int, str]
) -> tuple[int, int] | None:
    """Token range of the name that completes the title ending before token j, if any.

    Steps: walk the complement (further titles, definite words, office words, a preposition and
    its object, places and organizations the gazetteer found); after a comma a name may start
    at once ("الخبير الأمني، علي المعماري"); the first word that can start a name starts it.
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
    name_not_stop = token.bare.endswith("ي") and all(h in gaz.words[_MAQSURA_STOPS] for h in hits)
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
    # A trailing feminine noun is prose after the name ("محمد فنيش مسؤولية"), not a last name.
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
    # Another definite last name ("صباح النعمان،") only right before a comma or clause end.
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
    latin = _transliterate(name)
    actor_id = _unique_id(_slug(latin, name), article)
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
    i = 0
    while i < len(tokens):
        full = longest_at(article.full_names, tokens, i, set())
        size = len(full[0].words) if full else 1
        if full is None or any(j in claimed for j in range(i, i + size)):
            form = next((f for f in tokens[i].forms if f in article.last_names), None)
            full = (Phrase((form,), article.last_names[form]), form) if form else None
            size = 1
        if full is not None and i not in claimed:
            claimed.update(dict.fromkeys(range(i, i + size), full[0].target))
            end = tokens[i + size - 1].end
            found.append((_clitic_cut(text, tokens[i], full[1]), end, full[0].target))
        i += size
    return found


# ----- ids for discovered people -------------------------------------------------------------

# Consonants one to one (digraphs for the letters Latin lacks); ع and ة read as "a", as in the
# usual press spellings (Abbas, Hamza). Long vowels: و and ي inside a word read u and i.
_LATIN = str.maketrans(
    {
        **dict.fromkeys("اأآٱعةى", "a"), **dict.fromkeys("إئ", "i"), "ؤ": "u", "ء": "",
        "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
        "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n",
        "ه": "h", "و": "w", "ي": "y", "ی": "y", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
    }
)  # fmt: skip
_INNER_VOWELS = str.maketrans({"و": "u", "ي": "i", "ی": "i"})


def _transliterate(name: str) -> str:
    """A readable Latin form of an Arabic name, word by word: "باسم العوادي" -> "Basm al-Auadi"."""
    words = []
    for word in name.split():
        if word == "الله":
            words.append("Allah")
            continue
        article = "al-" if word.startswith("ال") and len(word) > 3 else ""
        body = word[2:] if article else word
        latin = body[:1].translate(_LATIN) + body[1:].translate(_INNER_VOWELS).translate(_LATIN)
        words.append(article + latin.capitalize())
    return " ".join(words)


def _slug(latin: str, name: str) -> str:
    """ASCII id from the Latin form; a name with no Latin letters gets a hash of its key."""
    slug = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    return slug or "person-" + hashlib.sha1(normalize(name).encode()).hexdigest()[:8]


def _unique_id(slug: str, article: _Article) -> str:
    """`slug`, suffixed when a gazetteer actor or another person of the article holds it."""
    taken = set(article.gazetteer.actors) | set(article.discovered)
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
