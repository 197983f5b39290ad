"""Loading of the YAML vocabularies beside the code: validated, all errors reported at once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataErrors

HERE = Path(__file__).parent
# libyaml's safe loader when PyYAML was built with it (its wheels are): the vocabularies are read
# at every start, and the pure-Python loader spends 0.4 s on them. Same documents, same result.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; a syntax error becomes a DataError naming the file and line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise DataError(str(path), line, f"invalid YAML: {error.problem}") from error
    except OSError as error:
        raise DataError(str(path), None, f"cannot read: {error.strerror}") from error


def _check_group(path: Path, name: str, group: Any) -> list[DataError]:
    where = str(path)
    if not isinstance(group, dict):
        return [DataError(where, None, f"group '{name}' must be a mapping with reason and entries")]
    errors = []
    if not str(group.get("reason") or "").strip():
        errors.append(DataError(where, None, f"group '{name}' has no reason"))
    entries = group.get("entries")
    if not isinstance(entries, list) or not entries:
        errors.append(DataError(where, None, f"group '{name}' has no entries list"))
    else:
        for index, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry.strip():
                errors.append(DataError(where, None, f"group '{name}' entry {index} is not text"))
    return errors


def load_groups(path: Path) -> dict[str, tuple[str, ...]]:
    """A vocabulary file of `{group: {reason, entries}}` as `{group: entries}`, validated."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(str(path), None, "expected a mapping of groups")
    errors = [e for name, group in data.items() for e in _check_group(path, name, group)]
    if errors:
        raise DataErrors(list(errors))
    return {name: tuple(e.strip() for e in group["entries"]) for name, group in data.items()}


@cache
def layout_vocabulary() -> dict[str, tuple[str, ...]]:
    return load_groups(HERE / "layout.yml")
