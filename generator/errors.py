"""The generator's exceptions: every message names the file and, where known, the line."""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the generator reports to a user (never a bare traceback)."""


class LocatedError(BriefingError):
    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[LocatedError], tuple[str, int | None, str]]:
        # Pickled as made (a worker process sends the errors it meets), not by the one
        # formatted message Exception would keep.
        return type(self), (self.path, self.line, self.message)


class SeedError(LocatedError):
    """A seed that cannot be read or parsed; the other seeds go on."""


class DataError(LocatedError):
    """A YAML data file (lexicon, catalog, gazetteer) that is invalid."""


class DataErrors(BriefingError):
    """Several problems in data files, reported together (all at once, like MkDocs' config)."""

    def __init__(self, errors: list[LocatedError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class BuildError(BriefingError):
    """The site could not be written or built."""
