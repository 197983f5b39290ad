"""Work spread over forked worker processes, which inherit what the work reads (the corpus, the
template environment, an index) instead of receiving it pickled.

`ForkedMap(job, items, ...)` is job(item) for each of the items, in order. With enough items, the
workers are forked and given every chunk of positions at once, so they work while the caller does
something else; results come back pickled and wait in memory until taken. With few items (a
worker costs about as much to start as some hundred small jobs), on one core, or where processes
cannot be forked, each job runs here as its result is taken. Results are the same either way:
a job must be a pure function of what existed when the map was made.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Both cores of the machine this runs on; more workers than cores only adds switching.
CORES = min(2, os.cpu_count() or 1)
# The job forked workers run, on a position in the items: set just before the fork, so workers
# inherit it (and the items).
_JOB: Callable[[int], object] | None = None


def _run(positions: range) -> list[object]:
    assert _JOB is not None, "a worker was started without its job"
    return [_JOB(position) for position in positions]


class ForkedMap(Generic[Result]):
    def __init__(
        self,
        job: Callable[[Item], Result],
        items: Sequence[Item],
        *,
        minimum: int,
        chunk: int,
        workers: int = CORES,
    ) -> None:
        """Start job(item) for each of the items: on `workers` forked processes, `chunk` items
        at a time, when there are at least `minimum`; else lazily, here."""
        global _JOB
        self.pool: ProcessPoolExecutor | None = None
        forkable = "fork" in multiprocessing.get_all_start_methods()
        count = len(items)
        if count < minimum or workers < 2 or not forkable:
            self.results: Iterator[Result] = map(job, items)
            return
        chunks = [range(start, min(start + chunk, count)) for start in range(0, count, chunk)]

        def at(position: int) -> Result:
            return job(items[position])

        _JOB = at
        try:
            context = multiprocessing.get_context("fork")
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
            # Every chunk is submitted, and the workers forked, here, while _JOB is set.
            done = self.pool.map(_run, chunks)
            self.results = itertools.chain.from_iterable(done)  # type: ignore[arg-type]
        except BaseException:
            self.close()
            raise
        finally:
            _JOB = None

    def __iter__(self) -> Iterator[Result]:
        return self.results

    def close(self) -> None:
        """Stop the workers, whether or not every result was taken."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> ForkedMap[Result]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
