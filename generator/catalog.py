"""Editor overrides from `seeds/catalog.yml` (DESIGN.md section 4).

An entry is keyed by article id, or by "<seed file> | <headline>" for an article whose id the
editor does not know. Overrides win over inference; the pages say which values an editor set.
Every problem (bad YAML, unknown key, bad date, unknown topic or article) is reported with its
line, all at once.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .arabic import tokens
from .errors import DataError, DataErrors
from .models import Article, ArticleDate, Precision

FIELDS = ("date", "source_url", "outlet", "topics", "title", "slug", "hidden")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")


class _DatesAsText(yaml.SafeLoader):
    """A safe loader that keeps dates as written ("2024-13-01" must be reported, not crash)."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    line: int
    values: dict[str, Any]


def _precision(value: str) -> Precision | None:
    """The precision of an ISO date, month, year or interval; None when it is none of these."""
    if "/" in value:
        start, _, end = value.partition("/")
        ok = all(_precision(part) in ("day", "month", "year") for part in (start, end))
        return "range" if ok and start <= end else None
    shapes: tuple[tuple[re.Pattern[str], Precision], ...] = (
        (_DAY, "day"),
        (_MONTH, "month"),
        (_YEAR, "year"),
    )
    for pattern, precision in shapes:
        if pattern.match(value):
            return _valid_calendar(value, precision)
    return None


def _valid_calendar(value: str, precision: Precision) -> Precision | None:
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return None
    if len(parts) > 2 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
        return None
    return precision


def _check_value(name: str, value: Any, topics: set[str]) -> str | None:
    """What is wrong with one field's value, or None."""
    if name == "date":
        return None if _precision(str(value)) else f"date '{value}' is not YYYY[-MM[-DD]] or A/B"
    if name == "source_url":
        return None if isinstance(value, str) and _URL.match(value) else "source_url: http(s) URL"
    if name in ("outlet", "title"):
        return None if isinstance(value, str) and value.strip() else f"{name} must be text"
    if name == "slug":
        return None if isinstance(value, str) and _SLUG.match(value) else "slug: a-z, 0-9 and -"
    if name == "hidden":
        return None if isinstance(value, bool) else "hidden must be true or false"
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        return "topics must be a list of topic ids"
    unknown = sorted(set(value) - topics)
    return f"unknown topic(s): {', '.join(unknown)}" if unknown else None


def _entries(path: Path) -> list[tuple[str, int, Any]]:
    """(key, line, raw value) for each top-level entry, with line numbers from the YAML nodes."""
    loader = _DatesAsText(path.read_text(encoding="utf-8"))
    try:
        root = loader.get_single_node()
        if root is None:
            return []
        if not isinstance(root, yaml.MappingNode):
            raise DataError(str(path), root.start_mark.line + 1, "expected a mapping of entries")
        return [
            (str(key.value), key.start_mark.line + 1, loader.construct_object(value, deep=True))
            for key, value in root.value
        ]
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise DataError(str(path), line, f"invalid YAML: {error.problem}") from error
    finally:
        loader.dispose()


def load_catalog(path: Path, topics: set[str]) -> list[Entry]:
    """The catalog's entries, validated; a missing file is an empty catalog."""
    if not path.exists():
        return []
    errors: list[DataError] = []
    entries: list[Entry] = []
    for key, line, value in _entries(path):
        if not isinstance(value, dict):
            errors.append(DataError(str(path), line, f"entry '{key}' must be a mapping"))
            continue
        for name in sorted(set(value) - set(FIELDS)):
            errors.append(DataError(str(path), line, f"entry '{key}': unknown key '{name}'"))
        for name in FIELDS:
            if name in value and (problem := _check_value(name, value[name], topics)):
                errors.append(DataError(str(path), line, f"entry '{key}': {problem}"))
        entries.append(Entry(key, line, value))
    if errors:
        raise DataErrors(list(errors))
    return entries


def _matches(entry: Entry, article: Article) -> bool:
    if entry.key == article.id:
        return True
    seed, _, headline = entry.key.partition("|")
    return (
        bool(headline)
        and seed.strip() == article.seed
        and tokens(headline) == tokens(article.title)
    )


def resolve(entries: list[Entry], articles: list[Article], path: Path) -> dict[str, Entry]:
    """Entries by the id of the article each names; an entry that names none is an error."""
    by_id: dict[str, Entry] = {}
    errors = []
    for entry in entries:
        found = [a for a in articles if _matches(entry, a)]
        if not found:
            errors.append(DataError(str(path), entry.line, f"no article matches '{entry.key}'"))
        for article in found:
            by_id[article.id] = entry
    if errors:
        raise DataErrors(list(errors))
    return by_id


def apply(article: Article, entry: Entry | None) -> Article | None:
    """The article with the editor's values; None when the editor hid it (a takedown)."""
    if entry is None:
        return article
    values = entry.values
    if values.get("hidden"):
        return None
    changes: dict[str, Any] = {
        k: values[k] for k in ("outlet", "title", "slug", "source_url") if k in values
    }
    if "topics" in values:
        changes["topics"] = tuple(values["topics"])
    if "date" in values:
        value = str(values["date"])
        precision = _precision(value)
        assert precision is not None  # validated on load
        changes["date"] = ArticleDate(value, precision, "set by the editor", "catalog")
    overridden = tuple(sorted(set(changes)))
    return replace(article, **changes, overrides=overridden)
