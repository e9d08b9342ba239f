"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Every output of the project (exports, sessions, autosaves, logs) goes through here. The data
is written to a temporary file ``.NAME.XXXXXXXX.tmp`` in the target's own directory
(``os.replace`` is only atomic within one file system), flushed to disk, then renamed over the
target, and the directory is flushed too, so that the rename itself survives a power cut. On
any failure, including ``KeyboardInterrupt``, the temporary file is removed and an existing
target is left untouched. A ``kill -9`` cannot be caught, so it may leave a temporary file
behind: such files of our own naming, for the same target and older than an hour, are removed
by the next write of that target.

What "the target" is comes from ``targets.resolve_target``: a symlink's real file is replaced
and the link kept; a device or FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is written
straight through, since renaming over it would replace the node with a regular file.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from ..errors import OutputError
from .targets import Target, resolve_target

_BINARY = getattr(os, "O_BINARY", 0)
#: A temporary file of ours is this old (seconds) before it counts as left by a killed write.
STALE_AGE = 3600.0
#: The name of our temporary files: ``.`` + target name + ``.`` + 8 hex digits + ``.tmp``.
_TEMP_NAME = re.compile(r"\.(.+)\.[0-9a-f]{8}\.tmp", re.DOTALL)


def atomic_write_text(
    path: str | Path, text: str, encoding: str = "utf-8", *, follow_symlinks: bool = True
) -> None:
    """Write ``text`` to ``path`` atomically, with ``\\n`` line ends on every platform.

    ``follow_symlinks=False`` replaces a symlink at ``path`` itself instead of its target.

    Raises:
        OutputError: the directory is missing or unwritable, or the text cannot be encoded.
    """
    atomic_write_files({path: _encode(path, text, encoding)}, follow_symlinks=follow_symlinks)


def atomic_write_texts(files: Mapping[str | Path, str], encoding: str = "utf-8") -> None:
    """Write several text files that belong together (see ``atomic_write_files``)."""
    atomic_write_files({path: _encode(path, text, encoding) for path, text in files.items()})


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module docstring)."""
    atomic_write_files({path: data})


def atomic_write_files(files: Mapping[str | Path, bytes], *, follow_symlinks: bool = True
                       ) -> None:
    """Write several files that belong together (the two sides of a Moses corpus).

    All temporary files are written before the first rename, so a full disk or a missing
    directory leaves every target untouched. The renames themselves are not one transaction:
    if the second of two renames failed (it practically cannot: same directory, same file
    system) the first target would already be new. Targets written straight through (devices,
    FIFOs) are written after the temporary files and before the renames.

    Raises:
        OutputError: a directory is missing or unwritable, or a target is a directory.
    """
    targets = [(resolve_target(path, follow_symlinks=follow_symlinks), data)
               for path, data in files.items()]
    pending: list[tuple[Target, Path]] = []
    try:
        for target, data in targets:
            if not target.direct:
                pending.append((target, _write_temp(target, data)))
        for target, data in targets:
            if target.direct:
                _write_through(target, data)
        while pending:
            target, tmp = pending[0]
            try:
                os.replace(tmp, target.real)
            except OSError as exc:
                raise _output_error(target.path, exc) from None
            pending.pop(0)
    finally:
        for _, tmp in pending:
            tmp.unlink(missing_ok=True)
    for directory in dict.fromkeys(t.real.parent for t, _ in targets if not t.direct):
        sync_directory(directory)


def atomic_write_streams(files: Mapping[str | Path, Callable[[Path], None]]) -> None:
    """``atomic_write_files`` for files too large to hold as bytes: each writer is given the
    path of a fresh temporary file next to its target and fills it (polars' ``sink_*``);
    then every temporary file is renamed over its target. A device or FIFO target is written
    through from a temporary file in the same way.

    Raises:
        OutputError: a directory is missing or unwritable, or a writer fails with an
            ``OSError`` (a full disk).
    """
    targets = [(resolve_target(path), write) for path, write in files.items()]
    pending: list[tuple[Target, Path]] = []
    try:
        for target, write in targets:
            pending.append((target, _direct_temp(write) if target.direct
                            else _write_temp(target, b"", write)))
        for target, tmp in pending:
            if target.direct:
                _write_through(target, tmp.read_bytes())
        while pending:
            target, tmp = pending[0]
            if not target.direct:
                try:
                    os.replace(tmp, target.real)
                except OSError as exc:
                    raise _output_error(target.path, exc) from None
            else:
                tmp.unlink(missing_ok=True)
            pending.pop(0)
    finally:
        for _, tmp in pending:
            tmp.unlink(missing_ok=True)
    for directory in dict.fromkeys(t.real.parent for t, _ in targets if not t.direct):
        sync_directory(directory)


def _direct_temp(write: Callable[[Path], None]) -> Path:
    """A temporary file filled by ``write``, in the system's temporary folder: a device's
    own folder (``/dev``) takes no file of ours."""
    import tempfile

    fd, name = tempfile.mkstemp(suffix=".tmp")
    os.close(fd)
    try:
        write(Path(name))
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _encode(path: str | Path, text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"character {exc.object[exc.start]!r} at offset {exc.start} cannot be written"
            f" as {encoding}",
            path=path,
        ) from None


def _write_temp(target: Target, data: bytes,
                write: Callable[[Path], None] | None = None) -> Path:
    """Write ``data`` (or whatever ``write`` puts in the file) to a new hidden file next to
    ``target.real`` and return its path."""
    real = target.real
    parent = real.parent
    if not parent.is_dir():
        raise OutputError(f"directory {str(parent)!r} does not exist", path=target.path)
    if real.is_dir():
        raise OutputError("is a directory", path=target.path)
    remove_stale_temps(parent, real.name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    while True:
        tmp = parent / f".{real.name}.{secrets.token_hex(4)}.tmp"
        try:
            # Mode 0o666 lets the umask decide, as for any new file; mkstemp would force 0o600.
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _output_error(target.path, exc) from None
        break
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if write is None:
                os.fsync(fh.fileno())
        if write is not None:
            write(tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        _keep_mode(real, tmp)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _output_error(target.path, exc) from None
        raise
    return tmp


def _write_through(target: Target, data: bytes) -> None:
    """Open a device or FIFO and write to it, as ``cmd > /dev/null`` would; appending, so that
    ``/dev/stdout`` onto a file opened with ``>>`` keeps what it held. No temporary file and no
    rename: the node stays what it is."""
    try:
        fd = os.open(target.path, os.O_WRONLY | os.O_APPEND | _BINARY)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise _output_error(target.path, exc) from None


def _keep_mode(target: Path, tmp: Path) -> None:
    """Give the new file the permissions of the file it replaces, as editors do."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


def sync_directory(directory: Path) -> None:
    """Flush a directory's entries to disk, so that a rename in it survives a power cut.

    POSIX only: where a directory cannot be opened (Windows) or its file system refuses to
    flush it (some network and FUSE file systems), the rename is still done and nothing is
    said, since the data itself is already on disk.
    """
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # the file system cannot flush a directory; the rename is done all the same
    finally:
        os.close(fd)


#: Per directory (absolute), the stale temporary files found in it at this
#: process's first write there, by target name. One scan per directory and process: a batch
#: work folder of 100,000 results is not listed again for every result written.
_stale: dict[str, dict[str, list[str]]] = {}
_stale_lock = threading.Lock()


def remove_stale_temps(directory: Path, name: str) -> None:
    """Remove the temporary files of earlier writes of ``name`` killed before they could clean
    up: exactly our naming (``.NAME.XXXXXXXX.tmp``, 8 hex digits), regular files, older than
    ``STALE_AGE``. Nothing else is touched, and a file that cannot be removed is left."""
    key = os.path.abspath(directory)
    with _stale_lock:
        found = _stale.get(key)
        if found is None:
            found = _stale[key] = _find_stale(directory)
        names = found.pop(name, [])
    for tmp in names:
        path = directory / tmp
        try:
            st = path.lstat()
            if stat.S_ISREG(st.st_mode) and st.st_mtime < time.time() - STALE_AGE:
                path.unlink()
        except OSError:
            continue


def _find_stale(directory: Path) -> dict[str, list[str]]:
    cutoff = time.time() - STALE_AGE
    found: dict[str, list[str]] = {}
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                m = _TEMP_NAME.fullmatch(entry.name)
                if m is None or not entry.is_file(follow_symlinks=False):
                    continue
                if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    found.setdefault(m.group(1), []).append(entry.name)
    except OSError:
        pass  # an unlistable directory has nothing we could clean
    return found


def _output_error(target: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or exc.__class__.__name__
    return OutputError(f"cannot write: {reason}", path=target)
