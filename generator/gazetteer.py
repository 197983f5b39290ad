"""The actor gazetteer: actors.yml and variants.yml loaded, validated and indexed for matching.

`load_gazetteer`, in order:
1. Read variants.yml: spelling folds (whole stems and stem prefixes), each with a reason.
2. Read actors.yml: the titles that introduce people, the word groups discovery reads (office
   words, prepositions, stopwords, nationalities), then the actors; every problem in either file
   is collected and raised at once (GazetteerError), each naming the file and entry.
3. Index names and titles by their first word (normalized, variants folded), longest first.
Per-word analysis (key, clitic-stripped forms, what a Token needs) is cached on the gazetteer:
the same words come back in every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .arabic import normalize, stem_variants, strip_diacritics
from .errors import DataError, DataErrors
from .models import Actor
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
WORD = re.compile(
    r"[\u0621-\u063a\u0640-\u065f\u0660-\u0669\u066e-\u06d3\u06f0-\u06f9\u0670A-Za-z0-9]+"
)
_TANWIN = re.compile("[\u064b-\u064d]")
# Key, forms, definite, plain definite, tanwin, bare, starts a name, starts a title: see Token.
Features = tuple[str, tuple[str, ...], bool, bool, bool, str, bool, bool]
# A definite word as written: hamza-seated إ/أ are not the article, so "إلهام" is not definite.
_DEFINITE = re.compile(r"^[وف]?(?:[بك]?ال|لل)\w\w")
# Stopwords written with a final ى ("على"): normalization folds them onto names ("علي").
MAQSURA_STOPS = "maqsura_stops"


class GazetteerError(DataErrors, ValueError):
    """An invalid actors.yml or variants.yml: every problem, each naming the file and entry."""


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
    _features: dict[str, Features] = field(default_factory=dict)

    def analyse(self, word: str) -> tuple[str, tuple[str, ...]]:
        """Key and clitic-stripped forms of a word as written (cached: words repeat a lot)."""
        known = self._keys.get(word)
        if known is None:
            key = self.folds.fold(normalize(word))
            known = self._keys[word] = (key, stem_variants(key))
        return known

    def features(self, word: str) -> Features:
        """Everything a Token needs to know about a word as written, computed once per word
        (only once the indexes are built: whether the word can start a name or title)."""
        known = self._features.get(word)
        if known is None:
            key, forms = self.analyse(word)
            bare = strip_diacritics(word).replace("\u0640", "")
            definite = bool(_DEFINITE.match(bare))
            plain = definite and bare.startswith("ال")
            tanwin = bool(_TANWIN.search(word))
            name = any(form in self.names for form in forms)
            title = any(form in self.titles for form in forms)
            known = (key, forms, definite, plain, tanwin, bare, name, title)
            self._features[word] = known
        return known

    def phrase_words(self, text: str) -> tuple[str, ...]:
        return tuple(self.analyse(w)[0] for w in WORD.findall(text))

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
            gazetteer.words[MAQSURA_STOPS] = frozenset(maqsura)
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
