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
exactly once (its future's done-callback), however many times it ran, so the parent's one
writer (``store.py``) never sees a document twice. Tasks are submitted a window ahead of the
workers (``WINDOW`` per thread, at least ``MIN_WINDOW``, refreshed as workers join), so a
stream of millions of jobs is never all queued.

Stopping is the local pool's: a Ctrl-C is the main process's to handle. A ``LocalCluster``'s
worker processes are in the terminal's process group, so they get the same SIGINT; left to
Python, each printed a ``KeyboardInterrupt`` traceback from Dask's event loop before
"interrupted". They ignore it instead: the first workers are started with SIGINT ignored,
which a new process keeps (``pool.sigint_ignored``), and a worker a nanny starts later runs this
module as its preload (``dask_setup``). Closing the cluster ignores a second Ctrl-C, so that it
cannot leave worker processes behind.

dask is an optional dependency (the ``cluster`` extra) and is imported only here, when a
cluster is asked for; without it the option fails with one line naming the extra.
"""

from __future__ import annotations

import logging
import queue
import re
import secrets
import signal
import struct
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from ..errors import OptionError
from .pool import Outcome, attempt, finished_in_turn, one_line, sigint_ignored

J = TypeVar("J")
R = TypeVar("R")

#: Tasks submitted ahead per worker thread, and at least this many in all.
WINDOW = 4
MIN_WINDOW = 16
#: Seconds between two looks at how many worker threads the cluster has.
REFRESH = 5.0

_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S+")
#: The port at the end of an address (``tcp://HOST:8786``, ``tcp://[::1]:8786``).
_PORT = re.compile(r":(\d+)/?$")
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
        port = _PORT.search(spec)
        if port and not 0 < int(port.group(1)) < 65536:
            raise OptionError(f"--cluster {spec!r}: the port must be 1 to 65535")
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
        OptionError: dask is missing, the scheduler cannot be reached, or what
            answers at the address is not a Dask scheduler.
    """
    distributed = _distributed()
    if spec.address:
        _probe(spec.address)
        try:
            # How long to wait is Dask's own setting, distributed.comm.timeouts.connect
            # (30 s; DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s in the environment).
            client = distributed.Client(spec.address)
        except (OSError, TimeoutError) as exc:
            why = " ".join(str(exc).split()) or type(exc).__name__
            raise OptionError(f"--cluster: cannot reach the Dask scheduler at {spec.address} "
                              f"({why})") from None
        except Exception as exc:  # something else answered there (a web server...)
            # Dask reads the first bytes of the answer as a frame length, and then fails
            # as it likes (MemoryError for 3 EiB, a decoding error...).
            raise OptionError(f"--cluster: {spec.address} did not answer as a Dask scheduler "
                              f"({type(exc).__name__})") from None
        try:
            yield client
        finally:
            client.close()
        return
    # Dask's own log stays quiet below CRITICAL: what a user needs comes back as each
    # document's outcome (a failed job, KilledWorker), and what Dask logs at ERROR here is
    # its teardown racing itself (a worker's heartbeat to a scheduler already closed).
    with sigint_ignored():  # the worker processes start ignoring it (module docstring)
        local = distributed.LocalCluster(n_workers=spec.workers, threads_per_worker=1,
                                         processes=True, dashboard_address=None,
                                         silence_logs=logging.CRITICAL, preload=[__name__])
        client = distributed.Client(local)
    try:
        yield client
    finally:
        with sigint_ignored():
            client.close()
            local.close()


def _probe(address: str) -> None:
    """Refuse a ``tcp://`` address where a server takes the connection and says nothing.

    A Dask scheduler speaks first: it writes its handshake as it accepts a connection. A
    server that waits for the client to speak (a database, a mail server, a wrong port)
    made ``distributed.Client`` wait for good, its own timeout notwithstanding (seen with
    distributed 2025: more than 90 s with ``timeout=5``). So the address is opened here
    first, with Dask's connect timeout, and must send, within it, the length of a first
    frame a handshake could have (anything else, a web server's answer, is refused here
    too). Other schemes (``tls://``, ``ucx://``) are left to Dask.

    Raises:
        OptionError: the connection is refused or times out, or nothing answers in time.
    """
    import socket

    import dask
    from dask.utils import parse_timedelta

    m = re.fullmatch(r"tcp://(\[[^\]]+\]|[^:/]+):(\d+)/?", address)
    if m is None:
        return
    host, port = m.group(1).strip("[]"), int(m.group(2))
    wait = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "s") or 30.0
    try:
        sock = socket.create_connection((host, port), timeout=wait)
    except OSError as exc:  # refused, no route, or no connection in time
        why = exc.strerror or " ".join(str(exc).split()) or type(exc).__name__
        raise OptionError(f"--cluster: cannot reach the Dask scheduler at {address} "
                          f"({why})") from None
    answer = b""
    with sock:
        try:
            while len(answer) < _FRAME.size:
                got = sock.recv(_FRAME.size - len(answer))
                if not got:
                    break
                answer += got
        except TimeoutError:
            if not answer:
                raise OptionError(f"--cluster: {address} did not answer as a Dask scheduler "
                                  f"(nothing came in {wait:g} s)") from None
        except OSError:  # reset by the peer
            pass
    if not answer:
        raise OptionError(f"--cluster: {address} did not answer as a Dask scheduler (it "
                          "closed the connection)")
    if len(answer) < _FRAME.size or _FRAME.unpack(answer)[0] > _MAX_HANDSHAKE:
        # Dask reads these bytes as its first frame's length: a web server's "HTTP/1.1"
        # asks for 3 EiB (Dask then died of a MemoryError).
        raise OptionError(f"--cluster: {address} did not answer as a Dask scheduler (what "
                          "came is no Dask message)")


#: Dask's TCP frame header, read as ``distributed.comm.tcp`` reads it (a native unsigned 64-bit
#: length), and a bound no handshake comes near (it is a few hundred bytes).
_FRAME = struct.Struct("Q")
_MAX_HANDSHAKE = 1 << 32


def dask_setup(worker: object) -> None:
    """Dask's preload hook, run in every worker process of a ``LocalCluster`` as it starts:
    SIGINT is ignored there, the main process alone deciding what a Ctrl-C means (module
    docstring). A worker the nanny restarts after a crash is started by a thread of the main
    process, which does not ignore SIGINT then, so it needs this."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def cluster_jobs(fn: Callable[[J], R], jobs: Iterable[J], cluster: str
                 ) -> Iterator[Outcome[J, R]]:
    """``fn`` over every job on the cluster ``cluster`` names (``parse_cluster``), one
    outcome per job as it completes (as ``pool.run_jobs``)."""
    spec = parse_cluster(cluster)
    with connect(spec) as client:
        yield from _run(client, fn, enumerate(jobs))


def _run(client: Any, fn: Callable[[J], R], jobs: Iterator[tuple[int, J]]
         ) -> Iterator[Outcome[J, R]]:
    """The outcomes of ``jobs`` on the cluster, a window ahead of its workers.

    Finished futures come through a queue their done-callbacks fill (Dask runs those in a
    thread of its own), as in the local pool, and a Ctrl-C becomes ``KeyboardInterrupt`` only
    where that queue is read (``pool.finished_in_turn``): raised inside one of the
    client's blocking calls, it made Dask log a traceback from its event loop (its
    ``sync`` cancels a future it has not made yet).
    """
    tag = secrets.token_hex(4)  # task keys of this run, apart from any other client's
    pending: dict[str, tuple[int, J, Any]] = {}
    finished: queue.SimpleQueue[Any] = queue.SimpleQueue()
    window = _Window(client)

    def refill() -> None:
        for index, job in islice(jobs, max(0, window.size() - len(pending))):
            key = f"tawazi-{tag}-{index}"
            fut = client.submit(attempt, fn, index, job, key=key, pure=False)
            pending[key] = (index, job, fut)
            fut.add_done_callback(finished.put)

    try:
        for fut in finished_in_turn(finished, refill, lambda: bool(pending)):
            index, job, _ = pending.pop(fut.key)
            yield _outcome(fut, index, job)
            fut.release()
    except BaseException:  # Ctrl-C, or the caller stopped: drop what is queued, at once
        with sigint_ignored():
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
