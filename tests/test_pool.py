"""The one worker pool: a failing job fails alone, in this process or in workers; the batch
runs built on it report progress and never print."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tawazi.align.pipeline
import tawazi.align.quality.reference
from tawazi.align.batch.align_runs import align_outputs, find_output_jobs
from tawazi.align.batch.pool import Outcome, run_jobs
from tawazi.align.batch.run import DocResult, find_jobs, run_batch, write_batch_report
from tawazi.align.batch.score_runs import score_manifest
from tawazi.align.config import AlignConfig
from tawazi.align.errors import InputError, OptionError

ROOT = Path(__file__).resolve().parent.parent

EN = "The minister resigned on Monday after a long dispute. The crash killed 151 people.\n"
AR = "استقال الوزير يوم الاثنين بعد خلاف طويل. أسفر الحادث عن مقتل ١٥١ شخصا.\n"


def nap(seconds: int) -> int:
    """A job function that takes its time."""
    time.sleep(seconds)
    return seconds


def square_unless_odd(n: int) -> int:
    """A job function (module level, so workers can unpickle it)."""
    if n == 3:
        raise RuntimeError("three\nis odd")
    if n == 5:
        raise InputError("five is bad input", path="five.txt")
    if n == 7:
        os._exit(1)  # the worker dies outright
    return n * n


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_job_fails_alone(workers: int) -> None:
    jobs = [1, 2, 3, 4, 5, 6]
    outcomes: list[Outcome[int, int]] = list(run_jobs(square_unless_odd, jobs, workers))
    by_job = {o.job: o for o in outcomes}
    assert sorted(by_job) == jobs and all(jobs[o.index] == o.job for o in outcomes)
    assert {j: o.value for j, o in by_job.items() if o.ok} == {1: 1, 2: 4, 4: 16, 6: 36}
    assert by_job[3].error == "internal error RuntimeError: three is odd"
    assert "Traceback" in by_job[3].detail and "square_unless_odd" in by_job[3].detail
    assert by_job[5].error == "five.txt: five is bad input" and by_job[5].detail == ""


def test_a_dead_worker_fails_its_job_not_the_run() -> None:
    outcomes = list(run_jobs(square_unless_odd, [7, 2], workers=2))
    assert len(outcomes) == 2
    dead = next(o for o in outcomes if o.job == 7)
    assert not dead.ok and "internal error" in dead.error and "\n" not in dead.error


def test_a_negative_worker_count_is_an_option_error() -> None:
    with pytest.raises(OptionError, match="--jobs"):
        list(run_jobs(square_unless_odd, [1], workers=-1))


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "out").mkdir(parents=True)
    for name in ("a", "boom", "c"):
        (d / f"{name}.en.txt").write_text(EN.replace("Monday", f"Monday ({name})"),
                                          encoding="utf-8")
        (d / f"{name}.ar.txt").write_text(AR, encoding="utf-8")
    (d / "m.tsv").write_text("en\tar\tout\n" + "".join(
        f"{n}.en.txt\t{n}.ar.txt\tout/{n}.jsonl\n" for n in ("a", "boom", "c")),
        encoding="utf-8")
    return d


@pytest.fixture()
def buggy_aligner(monkeypatch: pytest.MonkeyPatch) -> None:
    """``align_pair`` with a bug that shows on one document only (inherited by forked
    workers, which start after the patch)."""
    real = tawazi.align.pipeline.align_pair

    def align_pair(en, ar, config, **kw):  # type: ignore[no-untyped-def]
        if "(boom)" in en.text:
            raise RuntimeError("unexpected")
        return real(en, ar, config, **kw)

    monkeypatch.setattr(tawazi.align.pipeline, "align_pair", align_pair)


@pytest.mark.parametrize("workers", [1, 2])
def test_align_manifest_survives_a_bug_and_prints_nothing(
    folder: Path, buggy_aligner: None, workers: int, capfd: pytest.CaptureFixture[str]
) -> None:
    jobs, problems = find_output_jobs(folder / "m.tsv")
    assert problems == [] and [j.line for j in jobs] == [2, 3, 4]
    seen: list[tuple[str, int, int]] = []

    def progress(res: DocResult, done: int, total: int) -> None:
        seen.append((res.name, done, total))

    results = align_outputs(jobs, AlignConfig(), workers=workers, progress=progress)
    assert [r.name for r in results] == ["out/a.jsonl", "out/boom.jsonl", "out/c.jsonl"]
    assert results[1].path is None and results[1].error == "internal error RuntimeError: " \
        "unexpected"
    assert results[0].path == folder.resolve() / "out" / "a.jsonl" and results[0].error == ""
    assert (folder / "out" / "a.jsonl").is_file() and (folder / "out" / "c.jsonl").is_file()
    assert not (folder / "out" / "boom.jsonl").exists()
    assert sorted(name for name, _, _ in seen) == sorted(r.name for r in results)
    assert [(done, total) for _, done, total in seen] == [(1, 3), (2, 3), (3, 3)]
    out, err = capfd.readouterr()  # file descriptors: the workers' output too
    assert out == "" and err == ""


def test_batch_survives_a_bug_keeps_its_traceback_and_prints_nothing(
    folder: Path, tmp_path: Path, buggy_aligner: None, capfd: pytest.CaptureFixture[str]
) -> None:
    jobs, problems = find_jobs(folder)
    assert [j.name for j in jobs] == ["a", "boom", "c"] and problems == []
    calls: list[int] = []
    run = run_batch(jobs, tmp_path / "r.tsv", AlignConfig(), workers=1,
                    progress=lambda res, done, total: calls.append(done))
    assert calls == [1, 2, 3]
    assert [r.name for r in run.failed] == ["boom"]
    error = run.failed[0].error
    assert error.startswith("internal error RuntimeError: unexpected (traceback in ")
    log = Path(error.split("(traceback in ")[1].rstrip(")"))
    assert log.is_file() and "RuntimeError" in log.read_text(encoding="utf-8")
    assert (run.total, run.aligned, run.skipped) == (3, 2, 0)
    write_batch_report(run, tmp_path / "r.tsv")
    docs = (tmp_path / "r.docs.tsv").read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[3] for row in docs[1:]] == ["ok", "failed", "ok"]
    assert capfd.readouterr() == ("", "")


# In a fresh interpreter: a process that has already used polars (as the test above does, in
# the same pytest process) must not fork workers that use it again (its thread pool's locks
# are copied locked); the command line never does, its parent process writes no parquet.
BATCH_IN_WORKERS = r"""
import sys
from pathlib import Path
import tawazi.align.pipeline
from tawazi.align.batch.run import find_jobs, run_batch
from tawazi.align.config import AlignConfig

real = tawazi.align.pipeline.align_pair
def align_pair(en, ar, config, **kw):
    if "(boom)" in en.text:
        raise RuntimeError("unexpected")
    return real(en, ar, config, **kw)
tawazi.align.pipeline.align_pair = align_pair
jobs, _ = find_jobs(sys.argv[1])
run = run_batch(jobs, Path(sys.argv[2]), AlignConfig(), workers=2)
failed = {res.name: res.error for res in run.failed}
for job in jobs:
    sys.stdout.write(f"{job.name}\t{job.name not in failed}\t{failed.get(job.name, '')}\n")
"""


def test_batch_in_two_processes_survives_a_bug(folder: Path, tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, "-c", BATCH_IN_WORKERS, str(folder),
                          str(tmp_path / "r.tsv")], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert res.returncode == 0 and res.stderr == "", res.stderr
    rows = [line.split("\t") for line in res.stdout.splitlines()]
    assert [(name, ok) for name, ok, _ in rows] == [("a", "True"), ("boom", "False"),
                                                     ("c", "True")]
    assert rows[1][2].startswith("internal error RuntimeError: unexpected (traceback in ")


def test_score_manifest_survives_a_bug_and_prints_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    for name in ("h", "r", "boom"):
        (tmp_path / f"{name}.txt").write_text("the cat sat\n", encoding="utf-8")
    (tmp_path / "m.tsv").write_text("hyp\tref\tname\nh.txt\tr.txt\tfine\n"
                                    "boom.txt\tr.txt\tbad\nh.txt\tgone.txt\tgone\n",
                                    encoding="utf-8")
    real = tawazi.align.quality.reference.score_reference

    def score_reference(hyps, refs, **kw):  # type: ignore[no-untyped-def]
        if "boom" in kw["names"][0]:
            raise RuntimeError("unexpected")
        return real(hyps, refs, **kw)

    monkeypatch.setattr(tawazi.align.quality.reference, "score_reference", score_reference)
    rows = score_manifest(tmp_path / "m.tsv", lang="en")
    assert [(r.line, r.name) for r in rows] == [(2, "fine"), (3, "bad"), (4, "gone")]
    assert rows[0].result is not None and rows[0].result.chrf == pytest.approx(100.0)
    assert rows[1].result is None and rows[1].error == "internal error RuntimeError: unexpected"
    assert rows[2].result is None and rows[2].error.startswith("missing file")
    assert capfd.readouterr() == ("", "")


def _stat(pid: int) -> tuple[str, int] | None:
    """State and parent of a process, from ``/proc`` (``None``: no such process)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2:].split()  # after "pid (comm) "
    return fields[0], int(fields[1])


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) and st[1] == pid:
            found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` still runs: a zombie (dead, not yet reaped) does not."""
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")


@pytest.fixture()
def many(tmp_path: Path) -> Path:
    """200 document pairs: minutes of work for two workers if nothing stops them."""
    d = tmp_path / "many"
    d.mkdir()
    for k in range(200):
        (d / f"doc{k:03}.en.txt").write_text(EN * 8, encoding="utf-8")
        (d / f"doc{k:03}.ar.txt").write_text(AR * 8, encoding="utf-8")
    return d


@pytest.fixture()
def distinct(tmp_path: Path) -> Path:
    """As ``many``, but each document differs (its number): a batch aligns identical files
    once and serves the others from that result, which ends a run of ``many`` within a
    second of its first document, so a Ctrl-C sent then may come after the end on a loaded
    machine."""
    d = tmp_path / "distinct"
    d.mkdir()
    for k in range(200):
        (d / f"doc{k:03}.en.txt").write_text(f"{EN * 8}Page {k + 1}.\n", encoding="utf-8")
        (d / f"doc{k:03}.ar.txt").write_text(f"{AR * 8}الصفحة {k + 1}.\n", encoding="utf-8")
    return d


def start_batch(source: Path, report: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """``tawazi batch --jobs 2`` in its own process group, once it has aligned a document;
    returns the process and its two workers."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "tawazi.align.cli", "batch", str(source), "-o",
                             str(report), "--jobs", "2"], stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)
    assert proc.stderr is not None
    line = proc.stderr.readline()  # the first document done: the workers are at work
    assert line.startswith("tawazi: [1/200]"), line
    workers = children_of(proc.pid)
    assert len(workers) == 2
    return proc, workers


def stop_group(proc: subprocess.Popen[str], workers: list[int]) -> None:
    """Leave nothing behind, whatever the test found."""
    for pid in (proc.pid, *workers):
        if running(pid):
            os.kill(pid, signal.SIGKILL)
    proc.wait(timeout=10)


linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="reads processes from /proc")


@linux_only
@pytest.mark.parametrize(("target", "times"), [("main", 1), ("group", 2)],
                         ids=["sigint-to-main", "ctrl-c-twice-on-a-terminal"])
def test_ctrl_c_stops_batch_at_once_and_its_workers_with_it(
    distinct: Path, tmp_path: Path, target: str, times: int
) -> None:
    report = tmp_path / "r.tsv"
    proc, workers = start_batch(distinct, report)
    try:
        for _ in range(times):  # a terminal's Ctrl-C reaches every process of the group
            if target == "group":
                os.killpg(proc.pid, signal.SIGINT)
            else:
                os.kill(proc.pid, signal.SIGINT)
            time.sleep(0.05)
        _, err = proc.communicate(timeout=5)  # not the minutes the queue would take
    finally:
        stop_group(proc, workers)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert err.splitlines()[-1] == "tawazi: interrupted"
    assert not [pid for pid in workers if running(pid)]
    assert len(list((tmp_path / "r.tsv.work").glob("*.parquet"))) < 100  # the queue dropped
    assert not report.exists()


@linux_only
def test_killing_batch_kills_its_workers_and_a_rerun_completes(many: Path,
                                                               tmp_path: Path) -> None:
    report = tmp_path / "r.tsv"
    proc, workers = start_batch(many, report)
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
        deadline = time.monotonic() + 5
        while any(running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if running(pid)], "orphaned workers"
    finally:
        stop_group(proc, workers)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-m", "tawazi.align.cli", "batch", str(many), "-o",
                          str(report), "--jobs", "2"], capture_output=True, text=True,
                         env=env, timeout=600)
    assert res.returncode == 0 and "already done, skipped" in res.stderr, res.stderr
    docs = (tmp_path / "r.docs.tsv").read_text(encoding="utf-8").splitlines()
    assert len(docs) == 201 and all("\tok\t" in row for row in docs[1:])


def test_an_exception_in_the_caller_s_loop_stops_the_workers() -> None:
    import multiprocessing
    from contextlib import closing

    t0 = time.monotonic()
    with pytest.raises(KeyboardInterrupt), closing(run_jobs(nap, [0, 30, 30, 30], 2)) as it:
        for _ in it:
            raise KeyboardInterrupt
    assert time.monotonic() - t0 < 20 and multiprocessing.active_children() == []


LOWER_THAN_BATCH = ("text", "evidence", "search", "quality", "formats", "review")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_nothing_below_batch_imports_it() -> None:
    files = [p for d in LOWER_THAN_BATCH for p in (ROOT / "align" / d).glob("*.py")]
    files += [ROOT / "align" / f for f in ("config.py", "pipeline.py", "types.py", "errors.py")]
    assert len(files) > 20
    bad = [str(p.relative_to(ROOT)) for p in files
           if any(m.startswith(("tawazi.align.batch", "tawazi.align.cli")) for m in _imports(p))]
    assert bad == []


def test_only_the_cli_prints_or_exits() -> None:
    offenders = []
    for path in sorted((ROOT / "align").rglob("*.py")):
        if "cli" in path.relative_to(ROOT / "align").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = ast.unparse(node.func) if isinstance(node, ast.Call) else ""
            attr = ast.unparse(node) if isinstance(node, ast.Attribute) else ""
            if name in ("print", "sys.exit", "exit") or attr in ("sys.stdout", "sys.stderr"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


FORK_PROBE = r"""
import os, sys
seen = []
real_fork = os.fork
def fork():
    seen.append("polars" in sys.modules)
    return real_fork()
os.fork = fork
from tawazi.align.cli import main
code = main(sys.argv[1:])
print("FORKS", seen, file=sys.__stdout__)
sys.exit(code)
"""


@pytest.mark.parametrize("command", ["batch", "align"])
def test_workers_fork_before_polars_starts_its_threads(tmp_path: Path, command: str) -> None:
    """polars starts threads when imported; forking a process with threads may deadlock
    the child (Python 3.13 warns). Each command forks its workers first."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.en.txt").write_text(EN, encoding="utf-8")
        (tmp_path / f"{name}.ar.txt").write_text(AR, encoding="utf-8")
    manifest = tmp_path / "m.tsv"
    manifest.write_text("en\tar\tout\n" + "".join(
        f"{n}.en.txt\t{n}.ar.txt\t{n}.jsonl\n" for n in "abc"), encoding="utf-8")
    args = (["batch", str(manifest), "-o", str(tmp_path / "r.parquet")] if command == "batch"
            else ["align", "--manifest", str(manifest)])
    res = subprocess.run([sys.executable, "-c", FORK_PROBE, *args, "--jobs", "2"],
                         capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert res.returncode == 0, res.stderr
    seen = ast.literal_eval(res.stdout.split("FORKS", 1)[1].strip())
    assert seen and not any(seen), seen


#: A command whose Ctrl-C lands inside code run by ``exec`` of a string, as a second Ctrl-C
#: during an import that builds dataclasses does (polars' first import in the batch's last
#: write, where CI once saw the process die by SIGINT after its message).
INTERRUPT_IN_EXEC = """
import argparse, sys
import tawazi.align.cli as cli

class Parser:
    def parse_args(self, argv):
        return argparse.Namespace(_run=lambda args: exec("raise KeyboardInterrupt"))

cli.build_parser = Parser
sys.exit(cli.main(["batch"]))
"""


def test_an_interrupt_raised_in_exec_code_still_ends_with_130(tmp_path: Path) -> None:
    # Run with -m, as ``python -m tawazi`` is: a script file or -c ends through another path
    # of CPython's, which does not look at the flag.
    (tmp_path / "interrupt_probe.py").write_text(INTERRUPT_IN_EXEC, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(tmp_path)]))
    done = subprocess.run([sys.executable, "-m", "interrupt_probe"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 130, done.stderr  # not -2: killed by its own SIGINT
    assert done.stderr.splitlines() == ["tawazi: interrupted"]


@linux_only
def test_ctrl_c_during_the_callers_work_is_raised_at_the_next_outcome() -> None:
    # Raised anywhere, the interrupt could leave a lock the pool's thread needs held by this
    # one (a future's, taken by wait or add_done_callback), and the process hung at exit.
    before = signal.getsignal(signal.SIGINT)
    outcomes = run_jobs(nap, [0, 0, 0, 0, 30, 30], workers=2)
    try:
        first = next(outcomes)
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(100_000):  # bytecodes run, the handler among them: nothing raised
            pass
        time.sleep(0.05)
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            for _ in outcomes:  # the rest of the short jobs may come first
                pass
        assert time.monotonic() - started < 20  # not after the 30 s jobs
    finally:
        outcomes.close()
    assert first.ok and signal.getsignal(signal.SIGINT) is before
