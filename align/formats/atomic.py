"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Every output of the project (exports, sessions, autosaves) goes through here. The data is
written to a temporary file in the target's own directory (``os.replace`` is only atomic
within one file system), flushed to disk, then renamed over the target. On any failure,
including ``KeyboardInterrupt``, the temporary file is removed and an existing target is left
untouched.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

from align.errors import OutputError

_BINARY = getattr(os, "O_BINARY", 0)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, with ``\\n`` line ends on every platform.

    Raises:
        OutputError: the directory is missing or unwritable, or the text cannot be encoded.
    """
    atomic_write_files({path: _encode(path, text, encoding)})


def atomic_write_texts(files: Mapping[str | Path, str], encoding: str = "utf-8") -> None:
    """Write several text files that belong together (see ``atomic_write_files``)."""
    atomic_write_files({path: _encode(path, text, encoding) for path, text in files.items()})


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module docstring)."""
    atomic_write_files({path: data})


def atomic_write_files(files: Mapping[str | Path, bytes]) -> None:
    """Write several files that belong together (the two sides of a Moses corpus).

    All temporary files are written before the first rename, so a full disk or a missing
    directory leaves every target untouched. The renames themselves are not one transaction:
    if the second of two renames failed (it practically cannot: same directory, same file
    system) the first target would already be new.

    Raises:
        OutputError: a directory is missing or unwritable, or a target is a directory.
    """
    pending: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            pending.append((Path(target), _write_temp(Path(target), data)))
        while pending:
            target, tmp = pending[0]
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise _output_error(target, exc) from None
            pending.pop(0)
    finally:
        for _, tmp in pending:
            tmp.unlink(missing_ok=True)


def _encode(path: str | Path, text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"character {exc.object[exc.start]!r} at offset {exc.start} cannot be written"
            f" as {encoding}",
            path=path,
        ) from None


def _write_temp(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new hidden file next to ``target`` and return its path."""
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"directory {str(parent)!r} does not exist", path=target)
    if target.is_dir():
        raise OutputError("is a directory", path=target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    while True:
        tmp = parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            # Mode 0o666 lets the umask decide, as for any new file; mkstemp would force 0o600.
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _output_error(target, exc) from None
        break
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _keep_mode(target, tmp)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _output_error(target, exc) from None
        raise
    return tmp


def _keep_mode(target: Path, tmp: Path) -> None:
    """Give the new file the permissions of the file it replaces, as editors do."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


def _output_error(target: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or exc.__class__.__name__
    return OutputError(f"cannot write: {reason}", path=target)
