"""``tawazi batch --cluster``: the same report on a real Dask ``LocalCluster``, a worker
killed mid-run loses nothing and duplicates nothing, and a clear line without dask."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from test_pool import children_of, linux_only, running

from tawazi.align.batch.run import BatchRun, DocResult, find_jobs, run_batch, write_batch_report
from tawazi.align.config import AlignConfig

distributed = pytest.importorskip("distributed")  # a dev dependency: CI has it

ROOT = Path(__file__).resolve().parent.parent
EN = [
    "The minister resigned on Monday after a long dispute.",
    "The crash killed 151 people in the north of the country.",
    "Rescue teams worked through the night to reach the survivors.",
    "The government promised an inquiry into the causes of the disaster.",
    "Prices rose by 2,400 dollars in March.",
]
AR = [
    "استقال الوزير يوم الاثنين بعد خلاف طويل.",
    "أسفر الحادث عن مقتل ١٥١ شخصا في شمال البلاد.",
    "عملت فرق الإنقاذ طوال الليل للوصول إلى الناجين.",
    "وعدت الحكومة بإجراء تحقيق في أسباب الكارثة.",
    "ارتفعت الأسعار بمقدار ٢٤٠٠ دولار في مارس.",
]
DOCS = 24


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """One LocalCluster of two single-threaded worker processes for the whole module."""
    import logging

    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=None, silence_logs=logging.ERROR)
    try:
        yield local
    finally:
        local.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Documents of different lengths and orders, some with a sentence left out, one that
    fails (Arabic in the English file). Documents 20 to 23 have the files of 0 to 3 under
    other names: one stored result serves both."""
    folder = tmp_path_factory.mktemp("corpus")
    for k in range(DOCS):
        order = [(i + k) % len(EN) for i in range(len(EN))]
        en = [EN[i] for i in order] * (k % 4 + 1)
        ar = [AR[i] for i in order] * (k % 4 + 1)
        if k % 5 == 1:
            ar = ar[:1] + ar[2:]
        (folder / f"d{k:02}.en.txt").write_text(" ".join(en) + "\n", encoding="utf-8")
        (folder / f"d{k:02}.ar.txt").write_text(" ".join(ar) + "\n", encoding="utf-8")
    (folder / "swapped.en.txt").write_text(" ".join(AR) + "\n", encoding="utf-8")
    (folder / "swapped.ar.txt").write_text(" ".join(EN) + "\n", encoding="utf-8")
    return folder


def batch(corpus: Path, report: Path, **kw: object) -> BatchRun:
    jobs, problems = find_jobs(corpus)
    assert problems == []
    run = run_batch(jobs, report, AlignConfig(), **kw)  # type: ignore[arg-type]
    write_batch_report(run, report)
    return run


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the default local process pool, TSV and parquet."""
    out = tmp_path_factory.mktemp("local")
    for name in ("r.tsv", "r.parquet"):
        run = batch(corpus, out / name, workers=2)
        assert run.aligned + run.skipped == DOCS and len(run.failed) == 1
        assert run.aligned >= DOCS - 4
    return out


def same_reports(a: Path, b: Path) -> None:
    """Byte for byte for TSV; equal frames and signature for parquet."""
    for name in ("r.tsv", "r.docs.tsv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    for name in ("r.parquet", "r.docs.parquet"):
        assert pl.read_parquet(a / name).equals(pl.read_parquet(b / name)), name
        sig = pl.read_parquet_metadata(a / name)["tawazi_signature"]
        assert sig == pl.read_parquet_metadata(b / name)["tawazi_signature"]
        assert sig.startswith("tawazi:")


def test_the_cluster_report_is_the_local_report(cluster: object, corpus: Path,
                                                reference: Path, tmp_path: Path) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    for name in ("r.tsv", "r.parquet"):
        run = batch(corpus, tmp_path / name, cluster=address)
        assert run.aligned + run.skipped == DOCS and len(run.failed) == 1
        assert run.failed[0].name == "swapped" and "Traceback" not in run.failed[0].error
    same_reports(reference, tmp_path)
    beads = pl.read_parquet(tmp_path / "r.parquet")
    assert beads.height > 3 * DOCS and beads["doc"].n_unique() == DOCS
    # Beads in document order, then bead order, each once.
    assert beads.select("doc", "bead").is_duplicated().sum() == 0
    assert beads["doc"].to_list() == sorted(beads["doc"].to_list())
    assert all(g["bead"].to_list() == list(range(g.height))
               for g in beads.partition_by("doc", maintain_order=True))


def test_the_command_line_with_a_local_cluster(corpus: Path, reference: Path,
                                               tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-m", "tawazi.align.cli", "batch", str(corpus), "-o",
                          str(tmp_path / "r.tsv"), "--cluster", "local:2"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr  # "swapped"
    assert f"{DOCS + 1} documents, {DOCS} aligned, 1 failed" in res.stdout
    for name in ("r.tsv", "r.docs.tsv"):
        assert (tmp_path / name).read_bytes() == (reference / name).read_bytes()


def test_a_killed_worker_loses_nothing_and_duplicates_nothing(
    cluster: object, corpus: Path, reference: Path, tmp_path: Path
) -> None:
    client = distributed.Client(cluster)
    victims: list[tuple[str, int, int]] = []

    def kill_one(res: DocResult, done: int, total: int) -> None:
        if victims or res.skipped:
            return
        busy = {w: len(keys) for w, keys in client.processing().items() if keys}
        pids = client.run(os.getpid)
        worker = max(busy, key=busy.__getitem__)
        victims.append((worker, busy[worker], pids[worker]))
        os.kill(pids[worker], signal.SIGKILL)

    try:
        jobs, _ = find_jobs(corpus)
        run = run_batch(jobs, tmp_path / "r.tsv", AlignConfig(),
                        cluster=cluster.scheduler_address,  # type: ignore[attr-defined]
                        progress=kill_one)
        write_batch_report(run, tmp_path / "r.tsv")
        pids_after = set(client.run(os.getpid).values())
    finally:
        client.close()
    ((_, held, pid),) = victims
    assert held >= 1, "the killed worker had no document in hand"
    assert pid not in pids_after  # it is dead; its nanny started another
    assert run.aligned + run.skipped == DOCS and len(run.failed) == 1
    for name in ("r.tsv", "r.docs.tsv"):  # every document once, every bead once
        assert (tmp_path / name).read_bytes() == (reference / name).read_bytes()


def test_a_rerun_on_the_cluster_resumes_from_the_local_results(
    cluster: object, corpus: Path, reference: Path, tmp_path: Path
) -> None:
    """The stored results do not depend on where they were made."""
    import shutil

    shutil.copytree(reference / "r.tsv.work", tmp_path / "r.tsv.work")
    run = batch(corpus, tmp_path / "r.tsv",
                cluster=cluster.scheduler_address)  # type: ignore[attr-defined]
    assert (run.aligned, run.skipped, len(run.failed)) == (0, DOCS, 1)
    for name in ("r.tsv", "r.docs.tsv"):
        assert (tmp_path / name).read_bytes() == (reference / name).read_bytes()


def cli(*args: str, code: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    prog = f"{code}import sys\nfrom tawazi.align.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", prog, *args], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.mark.parametrize(("spec", "extra", "message"), [
    ("local:2", (), "install the 'cluster' extra"),
    ("nowhere", (), "expected local:N"),
    ("local:0", (), "at least one worker"),
    ("local:2", ("--jobs", "2"), "--jobs is for the local pool"),
    ("tcp://127.0.0.1:99999", (), "the port must be 1 to 65535"),
], ids=["no-dask", "bad-spec", "no-workers", "with-jobs", "bad-port"])
def test_cluster_options_fail_in_one_line_before_any_work(
    corpus: Path, tmp_path: Path, spec: str, extra: tuple[str, ...], message: str
) -> None:
    block = "import sys\nsys.modules['distributed'] = None\n" if "extra" in message else ""
    res = cli("batch", str(corpus), "-o", str(tmp_path / "r.tsv"), "--cluster", spec, *extra,
              code=block)
    lines = res.stderr.splitlines()
    assert res.returncode == 2 and len(lines) == 1 and message in lines[0], res.stderr
    assert not (tmp_path / "r.tsv.work").exists()


def test_an_unreachable_scheduler_is_one_line(corpus: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = cli("batch", str(corpus), "-o", str(tmp_path / "r.tsv"), "--cluster",
              f"tcp://127.0.0.1:{port}")
    assert res.returncode == 2 and "cannot reach the Dask scheduler" in res.stderr
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr, res.stderr


def test_an_address_where_a_server_takes_the_connection_and_says_nothing(
        corpus: Path, tmp_path: Path) -> None:
    """A server that waits for the client to speak first (a database, a wrong port): Dask's
    Client waited for good, its own timeout notwithstanding; now one line after Dask's
    connect timeout (2 s here)."""
    import socket
    import time

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()  # the connection completes in the backlog; nothing is ever sent
        port = server.getsockname()[1]
        t0 = time.monotonic()
        res = cli("batch", str(corpus), "-o", str(tmp_path / "r.tsv"), "--cluster",
                  f"tcp://127.0.0.1:{port}")
    assert time.monotonic() - t0 < 60
    assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
    (line,) = res.stderr.strip().splitlines()
    assert line == (f"tawazi: error: --cluster: tcp://127.0.0.1:{port} did not answer as a "
                    "Dask scheduler (nothing came in 2 s)"), line


def test_an_address_where_no_scheduler_answers_is_one_line(corpus: Path,
                                                           tmp_path: Path) -> None:
    """A web server (or anything else) at the address: Dask read its first bytes as the
    length of a frame and died of a MemoryError traceback for 3 EiB."""
    import socket
    import threading

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()

        def answer() -> None:
            conn, _ = server.accept()
            with conn, contextlib.suppress(OSError):  # the client may hang up first
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 4)
                conn.recv(1024)

        threading.Thread(target=answer, daemon=True).start()
        port = server.getsockname()[1]
        res = cli("batch", str(corpus), "-o", str(tmp_path / "r.tsv"), "--cluster",
                  f"tcp://127.0.0.1:{port}")
    assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
    (line,) = res.stderr.strip().splitlines()  # how Dask fails on the bytes is its own
    assert line.startswith(f"tawazi: error: --cluster: tcp://127.0.0.1:{port} did not answer "
                           "as a Dask scheduler ("), line


def sigint_ignored_by(pid: int) -> bool:
    """Whether process ``pid`` ignores SIGINT (its ``SigIgn`` mask in ``/proc``)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn"))
    return bool(int(mask, 16) >> (signal.SIGINT - 1) & 1)


def settled(pid: int) -> bool:
    """Whether a Dask worker process is past the start a Ctrl-C may still interrupt: it
    ignores SIGINT, or it has loaded polars to run a job (polars then handles SIGINT itself,
    passing it on to whatever handled it before; ignored by a worker that ignored it)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return sigint_ignored_by(pid) or "polars" in maps


def dask_workers(pid: int) -> list[int]:
    """The worker processes a ``LocalCluster`` in process ``pid`` started (its children but
    multiprocessing's resource tracker)."""
    return [k for k in children_of(pid)
            if "resource_tracker" not in Path(f"/proc/{k}/cmdline").read_bytes().decode()]


@pytest.fixture()
def long_corpus(tmp_path: Path) -> Path:
    """200 distinct documents: minutes of work for two workers if nothing stops them."""
    folder = tmp_path / "long"
    folder.mkdir()
    for k in range(200):
        (folder / f"d{k:03}.en.txt").write_text(" ".join(EN * 8) + f" Page {k + 1}.\n",
                                                encoding="utf-8")
        (folder / f"d{k:03}.ar.txt").write_text(" ".join(AR * 8) + f" الصفحة {k + 1}.\n",
                                                encoding="utf-8")
    return folder


def start_cluster_batch(source: Path, report: Path) -> subprocess.Popen[str]:
    """``tawazi batch --cluster local:2`` in its own process group (as a terminal runs it),
    once it has aligned a document."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "tawazi.align.cli", "batch", str(source),
                             "-o", str(report), "--cluster", "local:2"],
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    while line and not line.startswith("tawazi: ["):
        line = proc.stderr.readline()
    assert line.startswith("tawazi: [1/200]"), line
    return proc


def interrupt(proc: subprocess.Popen[str], workers: list[int]) -> str:
    """A terminal's Ctrl-C (SIGINT to the whole group); stderr after it; nothing left behind."""
    try:
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        for pid in (proc.pid, *workers):
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=10)
    return err


@pytest.mark.fault
@linux_only
def test_ctrl_c_on_a_local_cluster_is_one_line_and_leaves_no_worker(long_corpus: Path,
                                                                     tmp_path: Path) -> None:
    """The workers are in the terminal's process group: they ignore the Ctrl-C (a traceback
    from each worker's event loop came before "interrupted") and the cluster closes."""
    proc = start_cluster_batch(long_corpus, tmp_path / "r.tsv")
    workers = dask_workers(proc.pid)
    assert len(workers) == 2
    err = interrupt(proc, workers)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert err.splitlines()[-1] == "tawazi: interrupted"
    assert not [pid for pid in workers if running(pid)]
    assert not (tmp_path / "r.tsv").exists()


@pytest.mark.fault
@linux_only
def test_a_worker_its_nanny_restarts_ignores_ctrl_c_too(long_corpus: Path,
                                                        tmp_path: Path) -> None:
    """A worker started after a crash comes from a thread of the batch process, which does
    not ignore SIGINT then: the preload makes it ignore it."""
    proc = start_cluster_batch(long_corpus, tmp_path / "r.tsv")
    first = dask_workers(proc.pid)
    os.kill(first[0], signal.SIGKILL)
    deadline = time.monotonic() + 30
    fresh: list[int] = []
    while time.monotonic() < deadline:
        fresh = [pid for pid in dask_workers(proc.pid) if pid not in first]
        if fresh and settled(fresh[0]):
            break
        time.sleep(0.05)
    assert fresh and settled(fresh[0]), "no worker restarted"
    os.kill(fresh[0], signal.SIGINT)  # to it alone: it must go on
    time.sleep(1.0)
    assert running(fresh[0])
    err = interrupt(proc, first + fresh)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert not [pid for pid in first + fresh if running(pid)]
