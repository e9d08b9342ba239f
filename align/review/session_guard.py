"""Whether a session file is still the one this review last read or wrote.

Two reviews of one session (or an editor) would otherwise overwrite each other's work
silently. The lock (``align.review.session_lock``) keeps a second tawazi away; this check also
catches what a lock cannot: a writer that does not take it, or a platform without one.
A stamp is the file's identity (device, inode, mtime, size) and the sha256 of its bytes:
the identity is a cheap first test (an atomic save always makes a new inode), the hash
decides when the identity moved but the content did not (a copy, a ``touch``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, OutputError


class SessionChangedError(OutputError):
    """The session file changed on disk since this review read or wrote it."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """A session file as last seen: ``sha256`` of its bytes, ``None`` when there was none."""

    sha256: str | None
    identity: tuple[int, int, int, int] = (0, 0, 0, 0)


#: The stamp of a session file that does not exist yet.
ABSENT = Stamp(None)


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def stamp_of(st: os.stat_result, data: bytes) -> Stamp:
    """The stamp of a file whose status is ``st`` and whose bytes are ``data``."""
    return Stamp(hashlib.sha256(data).hexdigest(), _identity(st))


def current_stamp(path: str | Path) -> Stamp:
    """The stamp of ``path`` now (``ABSENT`` if there is no such file).

    Raises:
        InputError: the file exists but cannot be read.
    """
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            return stamp_of(st, fh.read())
    except FileNotFoundError:
        return ABSENT
    except OSError as exc:
        raise InputError(f"cannot read the session: {exc.strerror}", path=path) from None


def check_unchanged(path: str | Path, since: Stamp) -> None:
    """Refuse to go on if ``path`` is not what ``since`` recorded.

    A file that was deleted meanwhile is no one's work: writing it again is allowed.

    Raises:
        SessionChangedError: the file was created or changed by someone else.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot check the session: {exc.strerror}", path=path) from None
    if since.sha256 is not None and _identity(st) == since.identity:
        return
    if since.sha256 is None or current_stamp(path).sha256 != since.sha256:
        raise SessionChangedError(
            "the session file changed on disk since this review last read or saved it "
            "(another tawazi review, or another program?); it was not overwritten", path=path)
