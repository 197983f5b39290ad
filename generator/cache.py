"""A cache of parsed and enriched articles per seed, so unchanged seeds are not parsed again.

Key: the seed's sha256 and name, and the generator version, a hash of every source and data file
of the package (code, YAML vocabularies) and of the templates; any change to them invalidates
every entry. The per-seed work (segment, extract, enrich) depends on nothing else: catalog
overrides and cross-corpus links are applied after the cache, on every run.

Entries are pickles written atomically; an unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from .models import Article, Seed, SeedFile

PACKAGE = Path(__file__).resolve().parent


@cache
def generator_version() -> str:
    """A hash of the package's code and data files (sorted, so the order is stable)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")) + sorted(PACKAGE.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def seed_key(seed: Seed | SeedFile) -> str:
    """What the parsed articles of `seed` are a function of: its name, content and the code."""
    key = hashlib.sha256(f"{generator_version()}|{seed.name}|{seed.sha256}".encode())
    return key.hexdigest()[:32]


class ArticleCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _path(self, seed: Seed | SeedFile) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{seed_key(seed)}.pickle"

    def get(self, seed: Seed | SeedFile) -> list[Article] | None:
        path = self._path(seed)
        articles = load_pickle(path) if path is not None else None
        if articles is None:  # absent, damaged or stale: parsed again
            self.misses += 1
            return None
        self.hits += 1
        return list(articles)

    def load_state(self, name: str) -> Any:
        """What `save_state` kept under `name` (a file beside the entries), or None."""
        return load_pickle(self.folder / name) if self.folder is not None else None

    def save_state(self, name: str, value: Any) -> None:
        """Keep the state a cross-corpus stage leaves for the next run (link.LinkState)."""
        if self.folder is not None:
            save_pickle(self.folder / name, value)

    def put(self, seed: Seed | SeedFile, pickled: bytes) -> None:
        """Store the articles of `seed`, as `pickle_articles` made them (where they were parsed,
        so they are pickled once)."""
        path = self._path(seed)
        if path is not None:
            save_bytes(path, pickled)


def pickle_articles(articles: list[Article]) -> bytes:
    """The articles of one seed as a cache entry holds them."""
    return pickle.dumps(tuple(articles), protocol=pickle.HIGHEST_PROTOCOL)


def load_pickle(path: Path) -> Any:
    """What a cache file holds, or None when it is missing or unreadable (never an error)."""
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None


def save_pickle(path: Path, value: Any) -> None:
    """Replace a cache file atomically; a failure leaves the old file (a cache may be stale)."""
    save_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def save_bytes(path: Path, content: bytes) -> None:
    """`save_pickle` of a value already pickled."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
