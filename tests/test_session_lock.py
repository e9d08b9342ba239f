"""One review per session: a second ``tawazi review`` of the same session is refused before
its UI starts (one line naming the first one's pid, exit 2), the lock dies with its process
(even by ``kill -9``), and a session changed on disk is never overwritten."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_tui import make_state
from test_tui_kill import Terminal, wait_for

from tawazi.align.review.session import save_session
from tawazi.align.review.session_lock import SessionBusyError, SessionLock, lock_path

pytest.importorskip("fcntl", reason="the flock lock is POSIX; Windows uses msvcrt")

HOLD = """
import sys
from tawazi.align.review.session_lock import SessionLock
lock = SessionLock(sys.argv[1]).acquire()
print("locked" if lock.locked else "unlocked", flush=True)
sys.stdin.read()
"""


def _holder(session: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(session)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_lock_held_by_another_process_refuses_and_dies_with_it(tmp_path: Path) -> None:
    session = tmp_path / "s.json"
    proc = _holder(session)
    try:
        with pytest.raises(SessionBusyError, match=rf"open in another tawazi review \(pid "
                                                     rf"{proc.pid}\)"):
            SessionLock(session).acquire()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # The kernel released it with the process: the lock file is left, the lock is not.
    with SessionLock(session) as lock:
        assert lock.locked
    assert not lock_path(session).exists()  # a clean release removes its file


def test_released_lock_can_be_taken_again_in_one_process(tmp_path: Path) -> None:
    session = tmp_path / "s.json"
    for _ in range(3):
        with SessionLock(session) as lock:
            assert lock.locked and lock_path(session).read_text().strip().isdigit()


def test_read_only_folder_goes_on_unlocked(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if _can_write(folder):
            pytest.skip("running as root: a read-only folder is writable")
        with SessionLock(folder / "s.json") as lock:
            assert not lock.locked
    finally:
        folder.chmod(0o755)


def _can_write(folder: Path) -> bool:
    try:
        (folder / "probe").touch()
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


def test_second_review_of_a_session_is_refused_before_its_ui(tmp_path: Path) -> None:
    """Two real reviews on pseudo-terminals: the second says who has the session and exits
    2 without writing anything; the first goes on, saves and quits normally."""
    session = tmp_path / "article.tawazi.json"
    save_session(session, make_state(tmp_path))
    argv = [sys.executable, "-m", "tawazi.align.cli", "review", str(session)]
    first = Terminal(argv)
    try:
        wait_for(lambda: b"approved" in first.output)
        before = session.read_bytes()
        second = Terminal(argv)
        wait_for(lambda: b"\n" in second.output)  # read it before the pty closes
        code = second.wait(30)
        if code is None:
            second.kill()
        assert code == 2, second.output[-2000:]
        text = second.output.decode("utf-8", "replace")
        assert f"session {session} is open in another tawazi review (pid {first.pid})" in text
        assert "Traceback" not in text and "\x1b[?1049h" not in text  # no UI was started
        assert session.read_bytes() == before
        time.sleep(0.3)
        first.send("a")
        wait_for(lambda: session.read_bytes() != before)
        first.send("q")
        assert first.wait(30) == 0
    except BaseException:
        first.kill()
        raise
    assert not lock_path(session).exists()
