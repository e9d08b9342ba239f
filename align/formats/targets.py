"""Where a write to a path really lands, decided before anything is written.

An atomic write (temporary file + rename) is right for a regular file and wrong for anything
else: renamed over ``/dev/null`` or a FIFO it would replace the node with a regular file, and
renamed over a symlink it would replace the link. So a path is resolved first:

- a regular file, or nothing yet: replaced atomically;
- a symlink to a regular file (or to nothing yet): its real target is replaced atomically,
  from a temporary file in the target's own directory, and the link stays a link;
- a character device or a FIFO (``/dev/null``, ``/dev/tty``, a named pipe), or a file reached
  through a descriptor link (``/dev/stdout``, ``/dev/fd/1``, ``/proc/self/fd/N``): written
  straight through, as a shell redirection would, appending so that ``>>`` keeps what the
  shell's file already held;
- a block device or a socket: refused. No text export is meant for a disk, and a socket cannot
  be opened as a file.

Standard library only; nothing here writes.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError

#: The directory of the descriptor links of a Linux process (``/proc/<pid>/fd``, also per
#: thread): a link there names an open file, not a path we could rename over.
_FD_DIR = re.compile(r"^/proc/[^/]+/(task/[^/]+/)?fd$")
_MAX_LINKS = 40  # as the kernel's own limit on symlinks followed in one lookup


@dataclass(frozen=True, slots=True)
class Target:
    """A resolved output: ``path`` as given (for messages), ``real`` the file that is replaced,
    ``direct`` when it is written straight through instead (``real`` is then ``path``)."""

    path: Path
    real: Path
    direct: bool = False


def resolve_target(path: str | Path, *, follow_symlinks: bool = True) -> Target:
    """How a write to ``path`` is done (see the module docstring).

    With ``follow_symlinks=False`` the path itself is replaced, whatever it is: a symlink or a
    FIFO there becomes a regular file (for files of our own, such as logs in a work folder,
    that nobody should have linked elsewhere).

    Raises:
        OutputError: a block device, a socket, or a loop of symlinks.
    """
    p = Path(path)
    if not follow_symlinks:
        return Target(p, p)
    try:
        mode = os.stat(p).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError("cannot write: too many levels of symbolic links", path=p) from None
        mode = None  # nothing there yet, or a link to nothing yet
    if mode is not None and stat.S_ISBLK(mode):
        raise OutputError("is a block device: refusing to write an export onto it", path=p)
    if mode is not None and stat.S_ISSOCK(mode):
        raise OutputError("is a socket: cannot write to it as a file", path=p)
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Target(p, p, direct=True)
    if os.path.islink(p):
        if through_descriptor(p):
            return Target(p, p, direct=True)
        return Target(p, Path(os.path.realpath(p)))
    return Target(p, p)


def through_descriptor(path: str | Path) -> bool:
    """Whether following the symlinks of ``path`` passes through a descriptor link.

    ``/dev/stdout`` is a link to ``/proc/self/fd/1``, itself a link to whatever standard
    output is: a file the shell opened (maybe for appending), a pipe, a terminal. Writing
    through it is what the user asked for; renaming over the file it names is not.
    """
    p = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        if not os.path.islink(p):
            return False
        parent = os.path.dirname(p)
        if _FD_DIR.match(os.path.realpath(parent)):
            return True
        p = os.path.join(parent, os.readlink(p))
    return False


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether writing ``a`` would overwrite the regular file ``b``.

    Compared by device and inode (``os.path.samestat``), which sees through symlinks, hard
    links, ``..`` and the case-insensitive names of macOS and Windows file systems. A path
    that does not exist overwrites nothing; a device or FIFO (``/dev/stdout`` in a terminal,
    also the ``/dev/stdin`` read from) is written through, not replaced.
    """
    try:
        out, src = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(out.st_mode) and os.path.samestat(out, src)
