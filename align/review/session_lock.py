"""One review per session file: an OS lock held for the life of the review.

Two ``tawazi review`` processes on one session would each save their own state over the
other's. The second one is refused before its UI starts, naming the first one's pid. The
lock is ``flock`` on a hidden ``.NAME.lock`` next to the session (``msvcrt.locking`` on
Windows): the kernel releases it when the process dies, even by ``kill -9``, so a crash never
leaves a session locked. The lock file is written in place, not through
``align.formats.atomic``: a lock must stay on one inode, and it holds only the pid. Where no
lock can be taken (a file system without locks), the review goes on unlocked and the
changed-on-disk check of ``align.review.session_guard`` still refuses to overwrite.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from types import TracebackType

from ..errors import InputError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class SessionBusyError(InputError):
    """The session is open in another ``tawazi review``."""


def lock_path(session: str | Path) -> Path:
    """The lock file of a session: ``.NAME.lock`` beside it."""
    p = Path(session)
    return p.with_name(f".{p.name}.lock")


def _try_lock(fd: int) -> bool | None:
    """``True``: locked; ``False``: someone else holds it; ``None``: no lock possible here."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            return False
        return None  # ENOLCK, EOPNOTSUPP: a file system without locks
    except ImportError:
        return None
    return True


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid = os.read(fd, 32).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _still_there(fd: int, path: Path) -> bool:
    """Whether the file we locked is still the one at ``path``: its holder may have
    removed it between our open and our lock, and a lock on a removed file locks nothing."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


class SessionLock:
    """The lock on one session; ``release`` (or leaving the ``with`` block) gives it up."""

    def __init__(self, session: str | Path) -> None:
        self.session = Path(session)
        self.path = lock_path(session)
        self._fd: int | None = None
        self.locked = False

    def acquire(self) -> SessionLock:
        """Take the lock, or refuse at once (never wait for another review to end).

        Where the lock file cannot be made (a read-only folder, where the review cannot
        save either) or locked (a file system without locks), the review goes on unlocked.

        Raises:
            SessionBusyError: another process holds it.
        """
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError:
                return self  # a read-only folder: nothing can be saved there to clobber
            got = _try_lock(fd)
            if got is False:
                who = _holder(fd)
                os.close(fd)
                raise SessionBusyError(f"session {self.session} is open in another tawazi "
                                       f"review{who}")
            if got is None or _still_there(fd, self.path):
                break
            os.close(fd)
        self._fd, self.locked = fd, bool(got)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except OSError:
            pass  # the pid is a courtesy to the next process, the lock is what matters
        return self

    def release(self) -> None:
        """Remove the lock file, then let go of the lock (in this order, so that a process
        waiting on the old file sees it is gone and takes a fresh one)."""
        if self._fd is None:
            return
        if self.locked and fcntl is not None:
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None
        if self.locked and fcntl is None:
            with contextlib.suppress(OSError):  # Windows: another process has it open
                self.path.unlink(missing_ok=True)
        self.locked = False

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
