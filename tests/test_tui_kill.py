"""A real kill of a real review: ``tawazi review`` runs in its own process on a
pseudo-terminal, receives keys, is killed with SIGKILL right after the last one, and the
session it leaves must hold every action but, at most, the last."""

from __future__ import annotations

import os
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tawazi.align.review import edit
from tawazi.align.review.session import load_session
from tawazi.align.types import Alignment

pty = pytest.importorskip("pty", reason="pseudo-terminals need a POSIX system")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

TAWAZI = Path(sys.executable).with_name("tawazi")


class Terminal:
    """A process on a pseudo-terminal of 100x30 whose output is drained in a thread (a
    full pty buffer would block the program)."""

    def __init__(self, argv: list[str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size its terminal, then become the program
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            os.environ["TERM"] = "xterm-256color"
            os.execv(argv[0], argv)
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.output.extend(data)

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)

    def wait(self, timeout: float) -> int | None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.05)
        return None


def wait_for(cond: Callable[[], bool], timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if cond():
                return
        except (OSError, ValueError):
            pass  # not written yet
        time.sleep(0.05)
    raise AssertionError("timed out")


def shape(al: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(b.en, b.ar, b.status) for b in al.beads]


@pytest.mark.skipif(not TAWAZI.exists(), reason=f"no tawazi script at {TAWAZI}")
def test_kill_9_loses_at_most_the_last_action(tmp_path: Path, seed002: Path) -> None:
    session = tmp_path / "review.tawazi.json"
    term = Terminal([str(TAWAZI), "review", str(seed002), "--session", str(session)])
    try:
        wait_for(lambda: session.exists() and bool(load_session(session).alignment.beads))
        wait_for(lambda: b"approved" in term.output)  # the status bar is on screen
        start = load_session(session).alignment
        time.sleep(0.3)
        # Keys and the alignment each edit must give, computed with align.review.edit itself.
        steps: list[tuple[str, Callable[[Alignment], Alignment] | None]] = [
            ("j", None),
            ("m", lambda al: edit.merge_next(al, 1)),
            ("a", lambda al: edit.set_status(al, 1, "approved")),  # and moves to bead 3
            ("m", lambda al: edit.merge_next(al, 2)),
            ("j", None),
            ("a", lambda al: edit.set_status(al, 3, "approved")),
        ]
        expected = [start]
        for n, (key, fn) in enumerate(steps):
            term.send(key)
            if fn is not None:
                expected.append(fn(expected[-1]))
            if n < len(steps) - 1:
                time.sleep(0.15)
        term.kill()  # at once after the last key: it may be lost, nothing before it
    except BaseException:
        term.kill()
        raise
    left = load_session(session)  # also proves the file is whole (atomic writes)
    got = shape(left.alignment)
    # The app also re-scores the beads it changes; what must match is the grouping and
    # the statuses.
    assert got in (shape(expected[-1]), shape(expected[-2])), term.output[-2000:]

    # Reopening restores it: a new process starts from the saved session, and quits.
    again = Terminal([str(TAWAZI), "review", str(seed002), "--session", str(session)])
    wait_for(lambda: b"approved" in again.output)
    time.sleep(0.3)
    again.send("q")
    code = again.wait(30)
    if code is None:
        again.kill()
    assert code == 0
    assert shape(load_session(session).alignment) == got
