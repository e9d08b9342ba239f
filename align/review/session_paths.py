"""Where a review session lives (next to the first input, ``NAME.tawazi.json``, or in the
folder ``--session`` names), where its backups go, and the rule that neither is ever an
input."""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import OptionError, OutputError

#: Suffix of a session file next to its first input.
SESSION_SUFFIX = ".tawazi.json"


def default_session_path(paths: Sequence[str]) -> Path:
    """The session file of a review of ``paths``: next to the first input.

    >>> str(default_session_path(["news/article.txt"]))
    'news/article.tawazi.json'
    """
    first = Path(paths[0])
    return first.with_name(first.stem + SESSION_SUFFIX)


def session_path_for(paths: Sequence[str], session: str | None = None) -> Path:
    """The session file of a review of ``paths`` given ``--session``: the default (next to
    the first input), the file named, or, when ``session`` is a folder (one that exists,
    or a name ending in ``/``), the default file name in that folder, so that sessions
    can be kept out of a repository's input folders.

    >>> str(session_path_for(["seeds/002.txt"], "reviews/"))
    'reviews/002.tawazi.json'
    """
    if session is None:
        return default_session_path(paths)
    if session.endswith(("/", os.sep)) or Path(session).is_dir():
        return Path(session) / default_session_path(paths).name
    return Path(session)


def is_session_path(path: str) -> bool:
    """A ``.json`` argument is a session file (no input format of tawazi is JSON)."""
    return Path(path).suffix.lower() == ".json"


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two names are one file: the same resolved path, or (links) the same inode."""
    if Path(a).resolve() == Path(b).resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_not_input(path: str | Path, inputs: Sequence[str | Path], what: str) -> None:
    """Refuse a file the review would write (or move) when it is one of the inputs.

    Raises:
        OptionError: ``path`` is an input.
    """
    for f in inputs:
        if same_file(path, f):
            raise OptionError(f"the {what} {path} is an input of this review, which tawazi "
                              "never writes or moves; choose another --session")


def keep_backup(session: Path) -> Path:
    """Move ``session`` aside to the first free ``.bak``, ``.bak.1``, ``.bak.2`` ...: an
    older backup is never overwritten. A hard link then an unlink is a rename that fails
    instead of replacing (where links are not supported, a rename, which on Windows fails
    the same way).

    Raises:
        OutputError: the session cannot be moved.
    """
    for n in itertools.count():
        backup = session.with_name(session.name + (".bak" if n == 0 else f".bak.{n}"))
        if backup.exists() or backup.is_symlink():
            continue
        try:
            try:
                os.link(session, backup)
            except FileExistsError:
                continue
            except OSError:  # no hard links here
                if os.name != "nt" and backup.exists():
                    continue
                os.rename(session, backup)
                return backup
            os.unlink(session)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(f"cannot keep the previous session as {backup.name}: "
                              f"{exc.strerror}", path=session) from None
        return backup
    raise AssertionError("unreachable")
