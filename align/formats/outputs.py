"""Checks on output paths, made before any work starts.

A batch run or a long scoring job that fails only when it writes its result has wasted its
time; ``check_writable`` answers the question at once, with the same one-line errors that
``atomic`` gives when the write itself fails.
"""

from __future__ import annotations

import os
from pathlib import Path

from align.errors import OutputError


def check_writable(path: str | Path) -> Path:
    """Raise ``OutputError`` unless a file can be created (or replaced) at ``path``.

    The directory must exist and be writable (``atomic`` writes a temporary file next to the
    target), and the path must not be a directory. Returns the path.
    """
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise OutputError("is a directory", path=p)
    if not parent.is_dir():
        raise OutputError(f"directory {str(parent)!r} does not exist", path=p)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write: directory {str(parent)!r} is not writable", path=p)
    if p.exists() and not os.access(p, os.W_OK):
        raise OutputError("cannot write: permission denied", path=p)
    return p
