"""The one worker pool of the batch commands: many jobs, some processes, no job stops another.

A run over thousands of documents must not end because one of them hits a bug, and it must
not end silently either. ``run_jobs`` maps a job function over jobs in ``workers`` processes
and yields one ``Outcome`` per job as it completes: the function's value, or a one-line reason
why the job failed. A ``TawaziError`` (bad input) gives its own message; any other exception
(a bug) gives ``internal error Type: message`` and keeps its traceback in ``detail`` for the
caller to store. A worker process that dies fails only the jobs its pool had not finished
(``ProcessPoolExecutor`` fails them all at once); the jobs not yet submitted go to a new pool.

The jobs may be a stream of any length: they are taken ``WINDOW`` per worker ahead of the
workers, so neither the jobs nor their futures are all held. ``cluster=`` runs the same
``attempt`` of the same job function on Dask instead (``cluster.py``).

With ``workers=1`` the jobs run in this process, in order: no fork, and what a test
monkeypatches is what runs. The job function and the jobs must be picklable (a module-level
function, or a ``functools.partial`` of one) when ``workers`` is more than one.

Stopping: when the run is interrupted (Ctrl-C, or the caller closing the iterator), the jobs
not started are cancelled and the workers are killed at once, rather than letting the pool
align everything already queued; whatever finished is already on disk (every write is
atomic), so a re-run resumes. The workers ignore SIGINT: a Ctrl-C on a terminal reaches the
whole process group, and the main process alone decides what it means. Workers also die with
their parent (``_die_with_parent``), so killing the main process leaves no orphans.

Nothing here prints; the callers report the outcomes.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from typing import Any, Generic, TypeVar

from ..errors import OptionError, TawaziError

#: Linux ``prctl`` option: the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1
#: Longest wait, in seconds, for each killed worker and the pool's thread when stopping.
STOP_WAIT = 1.0
#: Jobs submitted ahead per worker: enough that no worker waits for the next one, few enough
#: that a stream of millions is never all queued.
WINDOW = 4

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


def worker_count(workers: int, jobs: int | None = None) -> int:
    """Processes to use: ``workers`` (0: one per core), never more than there are ``jobs``
    (when their number is known).

    Raises:
        OptionError: a negative ``workers``.
    """
    if workers < 0:
        raise OptionError("--jobs must be 0 (one per core) or more")
    n = workers or os.cpu_count() or 1
    return n if jobs is None else min(n, max(1, jobs))


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


def run_jobs(fn: Callable[[J], R], jobs: Iterable[J], workers: int = 0, *,
             cluster: str | None = None) -> Generator[Outcome[J, R], None, None]:
    """``fn`` over every job, ``workers`` processes at a time (0: one per core), or on the
    Dask cluster ``cluster`` names (``cluster.py``: ``local:N`` or a scheduler's address);
    one outcome per job, yielded as each completes.

    ``jobs`` may be a stream (a generator over a manifest of millions of rows): it is read
    only as fast as the workers take jobs, ``WINDOW`` per worker ahead, so neither the jobs
    nor their futures are ever all in memory.

    Use it in a ``with contextlib.closing(...)`` block: an exception in the caller's loop
    (a ``KeyboardInterrupt`` in a progress callback) then stops the workers at once too.

    Raises:
        OptionError: a negative ``workers``, a bad ``cluster`` (raised when the iteration
            starts).
    """
    if cluster is not None:
        from .cluster import cluster_jobs

        yield from cluster_jobs(fn, jobs, cluster)
        return
    n = worker_count(workers, len(jobs) if isinstance(jobs, Sized) else None)
    if n <= 1:
        for index, job in enumerate(jobs):
            yield attempt(fn, index, job)
        return
    pools = [_new_pool(n)]  # a pool whose worker died is replaced by a new one
    try:
        yield from _pooled(pools, n, fn, enumerate(jobs))
    except BaseException:  # KeyboardInterrupt, GeneratorExit: stop now, not after the queue
        _stop(pools[-1])
        raise
    pools[-1].shutdown(wait=True)


def _new_pool(n: int) -> ProcessPoolExecutor:
    """A pool of ``n`` forked workers: forked, not spawned, so that they share the lexicon
    the parent loaded copy-on-write and start at once (Python 3.14 makes ``forkserver`` the
    default on Linux; the choice is written here so that it does not change under us). The
    callers fork before anything starts a thread in the parent: polars' threads start
    when it is imported, so the batch parent imports it only once its workers run."""
    ctx = (multiprocessing.get_context("fork")
           if "fork" in multiprocessing.get_all_start_methods() else None)
    return ProcessPoolExecutor(max_workers=n, initializer=_worker_start, mp_context=ctx)


def _pooled(pools: list[ProcessPoolExecutor], n: int, fn: Callable[[J], R],
            jobs: Iterator[tuple[int, J]]) -> Iterator[Outcome[J, R]]:
    """The outcomes of ``jobs`` on ``n`` processes, ``WINDOW`` per process submitted ahead.

    A worker that dies breaks its pool: the jobs it held fail (with every other job the
    pool had not finished, as ``ProcessPoolExecutor`` does), and the jobs not yet submitted
    go to a new pool (``pools[-1]``), so one crash does not fail the rest of a long stream.

    Finished futures come through a queue their done-callbacks fill, and a Ctrl-C is turned
    into ``KeyboardInterrupt`` only where that queue is read (``finished_in_turn``).
    """
    pending: dict[Future[Outcome[J, R]], tuple[int, J]] = {}
    finished: queue.SimpleQueue[Future[Outcome[J, R]] | None] = queue.SimpleQueue()

    def submit(index: int, job: J) -> None:
        try:
            fut = pools[-1].submit(attempt, fn, index, job)
        except BrokenProcessPool:
            pools[-1].shutdown(wait=False)
            pools.append(_new_pool(n))
            fut = pools[-1].submit(attempt, fn, index, job)
        pending[fut] = (index, job)
        fut.add_done_callback(finished.put)

    def refill() -> None:
        for index, job in islice(jobs, max(0, n * WINDOW - len(pending))):
            submit(index, job)

    for fut in finished_in_turn(finished, refill, lambda: bool(pending)):
        index, job = pending.pop(fut)
        try:
            outcome = fut.result()
        except Exception as exc:  # the worker died, or its result could not come back
            outcome = Outcome(index, job, None, one_line(exc), "".join(
                traceback.format_exception(exc)))
        yield outcome


F = TypeVar("F")


def finished_in_turn(finished: queue.SimpleQueue[F | None], refill: Callable[[], None],
                     more: Callable[[], bool]) -> Iterator[F]:
    """The futures their done-callbacks put in ``finished``, as they come, while ``more()``
    says some are pending; ``refill()`` submits more before the first and after each.

    The one place a Ctrl-C stops a run of the pool or of the cluster: it is noted by
    ``_interrupt_deferred`` and raised here, at the queue, as ``KeyboardInterrupt``; one that
    came while the caller handled the last future is raised after it too.
    """
    with _interrupt_deferred(finished) as interrupted:
        refill()
        while more():
            fut = finished.get()
            if fut is None or interrupted():
                raise KeyboardInterrupt
            yield fut
            refill()
        if interrupted():  # during the last future's handling: still a stop, not an end
            raise KeyboardInterrupt


@contextmanager
def _interrupt_deferred(wake: queue.SimpleQueue[Any]) -> Iterator[Callable[[], bool]]:
    """Inside the block, SIGINT wakes ``wake`` (a ``None`` put in it) and is remembered,
    instead of raising ``KeyboardInterrupt`` wherever this thread happens to be; yields the
    test of whether it came.

    Python raises ``KeyboardInterrupt`` between any two bytecodes, and this thread shares
    locks with the pool's own thread: a future's condition taken by ``wait`` or
    ``add_done_callback``, the work-id queue's by ``submit``. An interrupt raised while one is
    held leaves it held for good; the pool's thread then blocks on it as it cancels the
    queued jobs, and the interpreter, which joins that thread at exit, hangs after printing
    "interrupted". Read at the queue, the interrupt finds every such lock free. Outside the
    main thread (where signal handlers cannot be set) the block changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    came: list[bool] = []  # no lock: a second Ctrl-C may run the handler inside the first

    def note(signum: int, frame: object) -> None:
        came.append(True)
        wake.put(None)

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield lambda: bool(came)
    finally:
        signal.signal(signal.SIGINT, previous)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the jobs not started and kill the workers, within a second or two.

    ``shutdown(cancel_futures=True)`` alone would still wait for the jobs in flight, which on
    long documents take minutes; Python 3.11 has no public way to kill a pool's workers
    (3.14 adds ``kill_workers``), so their processes are read off the pool before
    ``shutdown`` forgets them. A second Ctrl-C during this is ignored, so that it cannot leave
    the pool half stopped.
    """
    with sigint_ignored():
        processes = list((getattr(pool, "_processes", None) or {}).values())
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.kill()
        for proc in processes:
            proc.join(STOP_WAIT)
        if isinstance(manager, threading.Thread):
            manager.join(STOP_WAIT)


@contextmanager
def sigint_ignored() -> Iterator[None]:
    """SIGINT ignored inside the block (only the main thread may change signal handlers).

    A process started inside it keeps ignoring SIGINT, even across ``exec``: Python installs
    its ``KeyboardInterrupt`` handler only where SIGINT had its default action."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _worker_start() -> None:
    """The initializer of every worker: SIGINT is the main process's to handle (module
    docstring), and the worker must not outlive it (``_die_with_parent``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Make this worker exit as soon as the process that started it is gone.

    Two mechanisms, because neither covers every case alone:

    - on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker when its
      parent dies, even while it is deep in C code holding the GIL, where no Python thread
      could run. (It follows the parent *thread*: the pool starts its workers from the
      thread that submits the jobs, which lives as long as the run.)
    - everywhere else too, a daemon thread blocked on the parent's sentinel
      (``multiprocessing.parent_process()``, a pipe or process handle that becomes ready when
      the parent exits): portable (macOS, the BSDs, Windows), no polling, and no race, since
      a parent already gone makes the wait return at once. The thread then ends the worker
      with ``os._exit``.

    Polling ``os.getppid()`` was the other candidate: it needs a period, and on Windows the
    parent id never changes.
    """
    if sys.platform.startswith("linux"):
        _set_parent_death_signal()
    watched = multiprocessing.parent_process()
    if watched is None:  # not started by multiprocessing: nothing to watch
        return

    def watch() -> None:
        watched.join()
        os._exit(1)

    threading.Thread(target=watch, name="tawazi-parent-watch", daemon=True).start()


def _set_parent_death_signal() -> None:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)``; should it fail, the sentinel thread remains."""
    import ctypes

    with suppress(OSError, AttributeError):  # no libc, or no prctl in it
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
