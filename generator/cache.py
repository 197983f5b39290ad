"""A cache of parsed and enriched articles per seed, so unchanged seeds are not parsed again.

Key: the seed's sha256 and name, and the generator version, a hash of every source and data file
of the package (code, YAML vocabularies) and of the templates; any change to them invalidates
every entry. The per-seed work (segment, extract, enrich) depends on nothing else: catalog
overrides and cross-corpus links are applied after the cache, on every run.

Entries are pickles written atomically; an unreadable entry is a miss, never an error. They
live in a folder per generator version, and after each generation the cache keeps only what that
run used (`ArticleCache.prune`): a site regenerated for years, through many versions of the code,
must not leave every parse it ever made behind (a cache of 10,000 synthetic articles had grown to
764 MB and 36,000 files, eight times what its current entries took).

The same folder keeps the compiled templates (`TemplateCache`), one file per template.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import tempfile
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from .models import Article, Seed, SeedFile

PACKAGE = Path(__file__).resolve().parent
# The folder of one generator version's entries: "articles-" and the version.
ENTRIES_PREFIX = "articles-"
# The folder of the compiled templates (TemplateCache).
TEMPLATES_FOLDER = "templates"
# What the cache held before entries had a folder per version: a seed key, at the top.
_UNFOLDED_ENTRY = re.compile(r"[0-9a-f]{32}\.pickle")


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
        self.used: set[str] = set()  # the entries (file names) this run read or wrote

    def _entries(self) -> Path | None:
        return self.folder / f"{ENTRIES_PREFIX}{generator_version()}" if self.folder else None

    def _path(self, seed: Seed | SeedFile) -> Path | None:
        entries = self._entries()
        if entries is None:
            return None
        name = f"{seed_key(seed)}.pickle"
        self.used.add(name)
        return entries / name

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

    def prune(self) -> None:
        """Remove every entry this run did not use: those of seeds removed or edited since they
        were cached, and all those of other generator versions.

        Called after a generation succeeded. A run of other seeds with the same cache folder
        would find its entries gone and parse its seeds again: a cost, never a wrong page. An
        entry that cannot be removed stays, and so does the run's result."""
        entries = self._entries()
        if entries is None or not entries.parent.is_dir():
            return
        # Other versions' folders, and entries from before entries had a folder per version.
        older = [
            path
            for path in entries.parent.iterdir()
            if (path.name.startswith(ENTRIES_PREFIX) and path != entries)
            or _UNFOLDED_ENTRY.fullmatch(path.name)
        ]
        unused = []
        if entries.is_dir():
            unused = [
                p for p in entries.iterdir() if p.suffix == ".pickle" and p.name not in self.used
            ]
        for path in older + unused:
            try:
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue


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
    """`save_pickle` of a value already pickled. A cache that cannot be written (a full disk,
    its folder removed by another run's `prune`) costs a parse next time, never the run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


class TemplateCache(FileSystemBytecodeCache):
    """The templates compiled by Jinja, kept in the cache folder: compiling the twelve templates
    took 0.2 s of every run, loading them 5 ms (measured).

    Jinja names an entry after the template's name and checks it against the template's source
    and Jinja's own version when loading it, so an edited template is compiled again and its
    entry replaced: the folder holds one file per template and does not grow. The compiled code
    depends on the environment too (render.py: its options and code generator), so the check
    covers the generator's version as well. As with articles, a cache that cannot be read or
    written costs a compilation, never the run."""

    def __init__(self, folder: Path) -> None:
        with suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha1(f"{generator_version()}\n{source}".encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def template_cache(folder: Path | None) -> TemplateCache | None:
    """The compiled templates' cache in the cache `folder`, if there is one."""
    return TemplateCache(folder / TEMPLATES_FOLDER) if folder is not None else None
