"""A failing machine, with real processes (issue 10, "Tests that keep it so"): ``align -o``,
``batch`` and ``review`` killed with SIGKILL or interrupted with SIGINT at random moments,
a full disk (a 64 KB tmpfs) and a read-only folder (a tmpfs remounted read-only).

After each: the inputs are as they were, an earlier output is either intact or replaced by a
complete new one (never partial), no stray file is left once a re-run is done, and the
re-run completes. The kill moments are drawn from a seeded generator and printed, so a
failure can be replayed. The slow tests carry the ``fault`` marker (CI runs them; about a
minute and a half on a slow machine).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_batch import AR, EN, write_pair

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def start(*args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "tawazi.align.cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def finish(proc: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def one_error_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("tawazi: note:")]
    assert len(lines) == 1 and lines[0].startswith("tawazi: error: "), err
    return lines[0]


def survivors(marker: str) -> list[int]:
    """Processes whose command line holds ``marker`` (a test's own folder)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker in (proc / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(proc.name))
            except OSError:
                pass
    return found


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """Two bilingual files in ``tmp_path/in``: the bundled article (seed 002) and a short
    text."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("002_*.txt")), folder / "s0.txt")
    (folder / "s1.txt").write_text("\n".join(EN[:2]) + "\n\n" + "\n".join(AR[:2]) + "\n",
                                   encoding="utf-8")
    return folder


# ------------------------------------------------------------------------ align -o


def _kill_align(tmp_path: Path, inputs: Path, sig: signal.Signals, delay: float) -> None:
    src, other = inputs / "s0.txt", inputs / "s1.txt"
    out = tmp_path / "out" / "a.jsonl"
    out.parent.mkdir()
    code, _, err = finish(start("align", str(other), "-o", str(out)))
    assert code == 0, err
    earlier = out.read_bytes()  # an earlier output, of another text
    before = digest(inputs)
    proc = start("align", str(src), "-o", str(out))
    time.sleep(delay)
    proc.send_signal(sig)
    code, _, err = finish(proc, 60)
    print(f"{sig.name} after {delay:.2f} s: exit {code}")
    assert digest(inputs) == before
    assert "Traceback" not in err, err
    if sig == signal.SIGINT:
        # -2: the signal came as the interpreter was exiting, after the work was done;
        # a shell reports it as 130 too.
        assert code in (0, 130, -signal.SIGINT), err
        if code == 130:
            assert err.rstrip().splitlines()[-1] == "tawazi: interrupted"
    middle = out.read_bytes()
    code, _, err = finish(start("align", str(src), "-o", str(out)))
    assert code == 0, err
    assert middle in (earlier, out.read_bytes())  # never a partial file
    for line in out.read_text(encoding="utf-8").splitlines():
        json.loads(line)
    # A hidden temporary file a kill left is cleaned by the next write to that folder.
    assert [p.name for p in out.parent.iterdir()] == ["a.jsonl"]


@pytest.mark.fault
@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill9", "sigint"])
def test_align_killed_at_a_random_moment(tmp_path: Path, inputs: Path, sig: signal.Signals,
                                         seed: int) -> None:
    _kill_align(tmp_path, inputs, sig, random.Random(seed).uniform(0.05, 2.5))


# -------------------------------------------------------------------------- batch


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    rng = random.Random(0)
    for k in range(8):
        order = list(range(len(EN)))
        rng.shuffle(order)
        write_pair(folder, f"d{k}", [EN[i] for i in order] * (k % 3 + 1),
                   [AR[i] for i in order] * (k % 3 + 1))
    return folder


@pytest.mark.fault
@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill9", "sigint"])
def test_batch_killed_at_a_random_moment(tmp_path: Path, corpus: Path, sig: signal.Signals,
                                         seed: int) -> None:
    delay = random.Random(100 + seed).uniform(0.3, 5.0)
    report = tmp_path / "r.tsv"
    before = digest(corpus)
    proc = start("batch", str(corpus), "-o", str(report), "--jobs", "2")
    time.sleep(delay)
    t0 = time.monotonic()
    proc.send_signal(sig)
    code, _, err = finish(proc, 60)
    print(f"{sig.name} after {delay:.2f} s: exit {code}")
    assert "Traceback" not in err, err
    if sig == signal.SIGINT:
        assert code in (0, 130, -signal.SIGINT), err
        assert time.monotonic() - t0 < 5
    time.sleep(1.5)  # workers die with their parent
    assert survivors(str(corpus)) == []
    assert digest(corpus) == before
    code, _, err = finish(start("batch", str(corpus), "-o", str(report), "--jobs", "2"))
    assert code == 0, err
    rows = report.with_name("r.docs.tsv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 8
    assert digest(corpus) == before


# ------------------------------------------------------------------------- review


@pytest.mark.fault
@pytest.mark.parametrize("seed", range(1))
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill9", "sigint"])
def test_review_killed_at_a_random_moment(tmp_path: Path, inputs: Path, sig: signal.Signals,
                                          seed: int) -> None:
    """Killed while it aligns, draws or saves: the input is intact, a session left behind
    loads, and a new review of it opens and quits cleanly."""
    kill = pytest.importorskip("test_tui_kill")
    if not kill.TAWAZI.exists():
        pytest.skip(f"no tawazi script at {kill.TAWAZI}")
    from tawazi.align.review.session import load_session

    src, session = inputs / "s0.txt", tmp_path / "s.tawazi.json"
    before = digest(inputs)
    delay = random.Random(200 + seed).uniform(0.2, 4.0)
    term = kill.Terminal([str(kill.TAWAZI), "review", str(src), "--session", str(session)])
    time.sleep(delay)
    os.kill(term.pid, sig)
    if term.wait(10) is None:
        term.kill()
    print(f"{sig.name} after {delay:.2f} s")
    assert digest(inputs) == before
    if session.exists():
        load_session(session)  # whole, never partial
    again = kill.Terminal([str(kill.TAWAZI), "review", str(src), "--session", str(session)])
    try:
        kill.wait_for(lambda: b"approved" in again.output)
    except AssertionError:
        again.kill()
        raise
    time.sleep(0.3)
    again.send("q")
    code = again.wait(30)
    if code is None:
        again.kill()
    assert code == 0, again.output[-2000:]
    assert load_session(session).alignment.beads
    assert digest(inputs) == before


# -------------------------------------------------------- full disk, read-only folder


def _mount(target: Path, *options: str) -> None:
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=64k", *options)),
                          "tmpfs", str(target)], capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({res.stderr.strip() or 'not root'})")


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs, nearly full: 4 KB are left."""
    target = tmp_path / "disk"
    target.mkdir()
    _mount(target)
    try:
        free = shutil.disk_usage(target).free
        (target / "filler").write_bytes(b"x" * max(0, free - 4096))
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.fixture()
def read_only(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "ro"
    target.mkdir()
    _mount(target)
    try:
        (target / "old.jsonl").write_text("{}\n", encoding="utf-8")
        res = subprocess.run(["mount", "-o", "remount,ro", str(target)],
                             capture_output=True, text=True)
        if res.returncode != 0:
            pytest.skip(f"cannot remount read-only ({res.stderr.strip()})")
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.mark.parametrize("fmt", ["a.jsonl", "a.tmx", "a.txt"])
def test_a_full_disk_is_one_line_and_leaves_nothing(small_disk: Path, inputs: Path,
                                                    fmt: str) -> None:
    before, disk = digest(inputs), sorted(p.name for p in small_disk.iterdir())
    code, _, err = finish(start("align", str(inputs / "s0.txt"), "-o", str(small_disk / fmt)))
    assert code == 2
    assert "space" in one_error_line(err).lower()
    assert sorted(p.name for p in small_disk.iterdir()) == disk  # no partial, no temp file
    assert digest(inputs) == before


def test_a_full_disk_fails_batch_in_one_line(small_disk: Path, corpus: Path) -> None:
    code, _, err = finish(start("batch", str(corpus), "-o", str(small_disk / "r.tsv"),
                                "--jobs", "1"))
    assert code in (1, 2) and "Traceback" not in err, err
    assert not (small_disk / "r.tsv").exists()


def test_a_read_only_folder_is_refused_before_any_work(read_only: Path, inputs: Path) -> None:
    t0 = time.monotonic()
    code, _, err = finish(start("align", str(inputs / "s0.txt"), "-o",
                                str(read_only / "old.jsonl")))
    assert code == 2
    one_error_line(err)
    assert time.monotonic() - t0 < 15
    assert (read_only / "old.jsonl").read_text(encoding="utf-8") == "{}\n"
    code, _, err = finish(start("batch", str(inputs), "-o", str(read_only / "r.tsv")))
    assert code == 2
    one_error_line(err)
