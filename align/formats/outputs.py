"""Checks on output paths, made before any work starts.

A batch run or a long scoring job that fails only when it writes its result has wasted its
time, and one that writes its result over its own input has destroyed it. ``check_outputs``
answers both questions at once, with the same one-line errors that ``atomic`` gives when the
write itself fails. Every command that writes a user-named path calls it (``align -o``,
``score -o``, the review's export, and each row of ``align --manifest`` for the input part).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError
from .targets import resolve_target, same_file

#: The output name that means standard output (``-o -``); it is never checked as a file.
STDOUT = "-"


def check_writable(path: str | Path) -> Path:
    """Raise ``OutputError`` unless a file can be created (or replaced) at ``path``.

    The path must not be empty (``-o ''`` is a slip, not a request for no output) nor a
    directory; for a file replaced atomically, the directory it is really in (a symlink's
    target's) must exist and be writable, since ``atomic`` writes a temporary file there; a
    device or FIFO, written straight through, must be writable itself. Returns the path.
    """
    if not str(path):
        raise OutputError("empty output path")
    target = resolve_target(path)
    p = target.path
    if target.direct:
        if not os.access(p, os.W_OK):
            raise OutputError("cannot write: permission denied", path=p)
        return p
    real = target.real
    parent = real.parent if str(real.parent) else Path(".")
    if real.is_dir():
        raise OutputError("is a directory", path=p)
    if not parent.is_dir():
        raise OutputError(f"directory {str(parent)!r} does not exist", path=p)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write: directory {str(parent)!r} is not writable", path=p)
    if real.exists() and not os.access(real, os.W_OK):
        raise OutputError("cannot write: permission denied", path=p)
    return p


def check_not_input(outputs: Iterable[str | Path], inputs: Iterable[str | Path]) -> None:
    """Raise ``OutputError`` if writing any of ``outputs`` would overwrite one of ``inputs``.

    The files are compared, not their names (``same_file``): ``./a.txt``, a symlink or a hard
    link to it, or ``A.TXT`` on a case-insensitive disk are all ``a.txt``. Give every file a
    write expands to (``formats.output_files``: Moses writes two).
    """
    sources = [Path(s) for s in inputs]
    for out in outputs:
        for src in sources:
            if same_file(out, src):
                raise OutputError(f"would overwrite the input {str(src)!r}; choose another "
                                  "output", path=out)


def check_outputs(outputs: Iterable[str | Path], inputs: Iterable[str | Path]) -> list[Path]:
    """``check_writable`` each output, then ``check_not_input``; returns the outputs.

    ``-`` (standard output) is no file and passes.

    Raises:
        OutputError: an output is empty, a directory, in a missing or unwritable directory,
            a block device or socket, or one of the inputs.
    """
    paths = [check_writable(out) for out in outputs if str(out) != STDOUT]
    check_not_input(paths, [i for i in inputs if str(i) != STDOUT])
    return [Path(o) for o in outputs]
