"""Batch jobs on a Dask cluster: ``--cluster local:N`` or ``--cluster tcp://HOST:8786``.

The same jobs as the local pool (``pool.attempt`` around the same job function), run by
Dask ``distributed`` instead of ``concurrent.futures``: ``local:N`` starts a ``LocalCluster``
of N worker processes of one thread each on this machine (its scheduler in this process);
an address (``tcp://``, ``tls://``...) connects to a scheduler already running, such as one
that dask-jobqueue started on SLURM or the dask-kubernetes operator on Kubernetes, whose
workers must have the same tawazi installed (a worker whose model gives another signature
fails its documents: ``run.align_job``).

Why Dask's own machinery and not more of ours: a worker that dies (killed, pre-empted, out
of memory) is replaced by its nanny, and the scheduler runs the tasks it held on the other
workers, so its documents are aligned elsewhere and nothing is lost; a task that kills
``distributed.scheduler.allowed-failures`` workers in turn (3 by default) fails alone with
``KilledWorker``. Each job is one task with its own key, and its result comes back here
exactly once (``distributed.as_completed``), however many times it ran, so the parent's one
writer (``store.py``) never sees a document twice. Tasks are submitted a window ahead of the
workers (``WINDOW`` per thread, at least ``MIN_WINDOW``, refreshed as workers join), so a
stream of millions of jobs is never all queued.

dask is an optional dependency (the ``cluster`` extra) and is imported only here, when a
cluster is asked for; without it the option fails with one line naming the extra.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from ..errors import OptionError
from .pool import Outcome, attempt, one_line

J = TypeVar("J")
R = TypeVar("R")

#: Tasks submitted ahead per worker thread, and at least this many in all.
WINDOW = 4
MIN_WINDOW = 16
#: Seconds between two looks at how many worker threads the cluster has.
REFRESH = 5.0

_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S+")
EXTRA_HINT = ("needs Dask: install the 'cluster' extra (pip install 'tawazi-align[cluster]', "
              "or uv sync --extra cluster)")


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """Where to run: ``workers`` local processes, or the scheduler at ``address``."""

    workers: int = 0
    address: str = ""


def parse_cluster(spec: str) -> ClusterSpec:
    """The cluster ``--cluster`` names, checked before any work (dask is not imported).

    >>> parse_cluster("local:2"), parse_cluster("tcp://10.0.0.5:8786").address
    (ClusterSpec(workers=2, address=''), 'tcp://10.0.0.5:8786')

    Raises:
        OptionError: neither ``local:N`` (N at least 1) nor a scheduler address.
    """
    if m := _LOCAL.fullmatch(spec):
        workers = int(m.group(1))
        if workers < 1:
            raise OptionError("--cluster local:N needs at least one worker")
        return ClusterSpec(workers=workers)
    if _ADDRESS.fullmatch(spec):
        return ClusterSpec(address=spec)
    raise OptionError(f"--cluster {spec!r}: expected local:N (N worker processes here) or a "
                      "Dask scheduler's address such as tcp://HOST:8786")


def check_cluster_available() -> None:
    """Raise at once, before any work, when dask is not installed.

    Raises:
        OptionError: naming the extra that installs it.
    """
    _distributed()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise OptionError(f"--cluster {EXTRA_HINT}") from None
    return distributed


@contextmanager
def connect(spec: ClusterSpec) -> Iterator[Any]:
    """A ``distributed.Client`` on the cluster; a local cluster is shut down on exit, its
    worker processes with it.

    Raises:
        OptionError: dask is missing, or the scheduler cannot be reached.
    """
    distributed = _distributed()
    if spec.address:
        try:
            # How long to wait is Dask's own setting, distributed.comm.timeouts.connect
            # (30 s; DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s in the environment).
            client = distributed.Client(spec.address)
        except (OSError, TimeoutError) as exc:
            raise OptionError(f"--cluster: cannot reach the Dask scheduler at {spec.address} "
                              f"({one_line(exc)})") from None
        try:
            yield client
        finally:
            client.close()
        return
    local = distributed.LocalCluster(n_workers=spec.workers, threads_per_worker=1,
                                     processes=True, dashboard_address=None,
                                     silence_logs=logging.ERROR)
    client = distributed.Client(local)
    try:
        yield client
    finally:
        client.close()
        local.close()


def cluster_jobs(fn: Callable[[J], R], jobs: Iterable[J], cluster: str
                 ) -> Iterator[Outcome[J, R]]:
    """``fn`` over every job on the cluster ``cluster`` names (``parse_cluster``), one
    outcome per job as it completes (as ``pool.run_jobs``)."""
    spec = parse_cluster(cluster)
    with connect(spec) as client:
        yield from _run(client, fn, enumerate(jobs))


def _run(client: Any, fn: Callable[[J], R], jobs: Iterator[tuple[int, J]]
         ) -> Iterator[Outcome[J, R]]:
    distributed = _distributed()
    tag = secrets.token_hex(4)  # task keys of this run, apart from any other client's
    pending: dict[str, tuple[int, J, Any]] = {}
    futures = distributed.as_completed()
    window = _Window(client)

    def refill() -> None:
        for index, job in islice(jobs, max(0, window.size() - len(pending))):
            key = f"tawazi-{tag}-{index}"
            fut = client.submit(attempt, fn, index, job, key=key, pure=False)
            pending[key] = (index, job, fut)
            futures.add(fut)

    try:
        refill()
        for fut in futures:
            index, job, _ = pending.pop(fut.key)
            yield _outcome(fut, index, job)
            fut.release()
            refill()
    except BaseException:  # Ctrl-C, or the caller stopped: drop what is queued, at once
        client.cancel([f for _, _, f in pending.values()], force=True)
        raise


def _outcome(fut: Any, index: int, job: J) -> Outcome[J, R]:
    """The job's outcome; a task Dask itself failed (``KilledWorker``: it took down too many
    workers; or its result could not come back) fails that job alone."""
    try:
        outcome: Outcome[J, R] = fut.result()
    except Exception as exc:
        return Outcome(index, job, None, one_line(exc), "".join(traceback.format_exception(exc)))
    return outcome


class _Window:
    """How many tasks to keep submitted: ``WINDOW`` per worker thread, looked up again every
    ``REFRESH`` seconds, so that workers that join a running cluster get work too."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.checked = 0.0
        self.value = MIN_WINDOW

    def size(self) -> int:
        now = time.monotonic()
        if now - self.checked >= REFRESH:
            self.checked = now
            threads = sum(self.client.nthreads().values())
            self.value = max(MIN_WINDOW, WINDOW * threads)
        return self.value
