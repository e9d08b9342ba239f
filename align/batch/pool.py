"""The one worker pool of the batch commands: many jobs, some processes, no job stops another.

A run over thousands of documents must not end because one of them hits a bug, and it must
not end silently either. ``run_jobs`` maps a job function over jobs in ``workers`` processes
and yields one ``Outcome`` per job as it completes: the function's value, or a one-line reason
why the job failed. A ``TawaziError`` (bad input) gives its own message; any other exception
(a bug) gives ``internal error Type: message`` and keeps its traceback in ``detail`` for the
caller to store. A worker process that dies fails only the jobs it could not finish.

With ``workers=1`` the jobs run in this process, in order: no fork, and what a test
monkeypatches is what runs. The job function and the jobs must be picklable (a module-level
function, or a ``functools.partial`` of one) when ``workers`` is more than one.

Nothing here prints; the callers report the outcomes.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Generic, TypeVar

from align.errors import OptionError, TawaziError

J = TypeVar("J")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[J, R]):
    """What became of one job: its value, or why it failed (``error`` is then not empty).

    ``index`` is the job's position in the sequence given to ``run_jobs``, since outcomes
    arrive in the order the jobs finish. ``detail`` holds the traceback of an unexpected
    exception, which the one-line ``error`` cannot carry.
    """

    index: int
    job: J
    value: R | None = None
    error: str = ""
    detail: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


def worker_count(workers: int, jobs: int) -> int:
    """Processes to use: ``workers`` (0: one per core), never more than there are jobs.

    Raises:
        OptionError: a negative ``workers``.
    """
    if workers < 0:
        raise OptionError("--jobs must be 0 (one per core) or more")
    return min(workers or os.cpu_count() or 1, max(1, jobs))


def one_line(exc: BaseException) -> str:
    """The message of an exception on one line: a typed error's own, else its type and text."""
    if isinstance(exc, TawaziError):
        return exc.message
    text = " ".join(str(exc).split())
    return f"internal error {type(exc).__name__}" + (f": {text}" if text else "")


def attempt(fn: Callable[[J], R], index: int, job: J) -> Outcome[J, R]:
    """Run one job, turning any exception into a failed outcome (runs in the worker)."""
    t0 = time.perf_counter()
    try:
        value = fn(job)
    except TawaziError as exc:
        return Outcome(index, job, None, one_line(exc), "", time.perf_counter() - t0)
    except Exception as exc:  # a bug in one job must not stop the others (module docstring)
        return Outcome(index, job, None, one_line(exc), traceback.format_exc(),
                       time.perf_counter() - t0)
    return Outcome(index, job, value, "", "", time.perf_counter() - t0)


def run_jobs(fn: Callable[[J], R], jobs: Sequence[J], workers: int = 0
             ) -> Iterator[Outcome[J, R]]:
    """``fn`` over every job, ``workers`` processes at a time (0: one per core); one outcome
    per job, yielded as each completes.

    Raises:
        OptionError: a negative ``workers`` (raised when the iteration starts).
    """
    n = worker_count(workers, len(jobs))
    if n <= 1:
        for index, job in enumerate(jobs):
            yield attempt(fn, index, job)
        return
    with ProcessPoolExecutor(max_workers=n) as pool:
        futures = {pool.submit(attempt, fn, index, job): (index, job)
                   for index, job in enumerate(jobs)}
        for fut in as_completed(futures):
            try:
                outcome: Outcome[J, R] = fut.result()
            except Exception as exc:  # the worker died, or its result could not come back
                index, job = futures[fut]
                outcome = Outcome(index, job, None, one_line(exc), "".join(
                    traceback.format_exception(exc)))
            yield outcome
