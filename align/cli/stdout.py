"""Standard output that fails in one line: closed (``>&-``), full (``> /dev/full``), or a
reader gone away (``| head -1``).

Python reports these badly: with fd 1 closed ``sys.stdout`` is ``None`` (an
``AttributeError`` traceback at the first print), and a failed write or the final flush
gives a traceback or "Exception ignored ... BrokenPipeError" at exit. ``guard()`` puts a
writer in front of fd 1 that turns any failure of fd 1 into ``StdoutFailed`` (told apart from
the failures of the files we write, which have their own errors) and discards what follows,
so nothing fails again at exit; ``main`` then prints one line, or nothing for a closed pipe.
"""

from __future__ import annotations

import io
import os
import sys


class StdoutFailed(Exception):
    """Writing to standard output failed; ``broken_pipe`` when its reader went away."""

    def __init__(self, reason: str, *, broken_pipe: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.broken_pipe = broken_pipe


class _Fd1(io.RawIOBase):
    """fd 1, raising ``StdoutFailed`` once and swallowing everything after it."""

    def __init__(self, closed_reason: str | None = None) -> None:
        super().__init__()
        self._failed = closed_reason

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return self._failed is None and os.isatty(1)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(memoryview(data))
        if self._failed is not None:
            reason, self._failed = self._failed, ""
            if reason:  # the first write to a closed stdout: tell it once
                raise StdoutFailed(reason)
            return size
        try:
            return os.write(1, data)
        except BrokenPipeError:
            self._failed = ""
            raise StdoutFailed("the reader of standard output went away",
                               broken_pipe=True) from None
        except OSError as exc:
            self._failed = ""
            raise StdoutFailed(exc.strerror or str(exc)) from None


def guard() -> None:
    """Route ``sys.stdout`` through ``_Fd1`` unless it is a terminal (a terminal neither
    fills up nor goes away, and the review UI draws on it as it is).

    A closed fd 1 is reopened on ``/dev/null`` first, so that no file we open later gets
    fd 1 and receives what was meant for standard output; writing to it then fails."""
    closed = sys.stdout is None
    if closed:
        try:
            os.fstat(1)
        except OSError:
            fd = os.open(os.devnull, os.O_WRONLY)
            if fd != 1:
                os.dup2(fd, 1)
                os.close(fd)
    elif sys.stdout.isatty():
        return
    old = sys.stdout
    raw = _Fd1("standard output is closed" if closed else None)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=old.encoding if old is not None else "utf-8",
        errors=old.errors if old is not None else "strict",
        line_buffering=bool(old is not None and old.line_buffering),
    )


def finish() -> None:
    """Flush standard output now, while a failure can still be reported."""
    sys.stdout.flush()
