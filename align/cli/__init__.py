"""The ``tawazi`` command: the only place that prints or exits.

Each subcommand is a module with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; importing them is cheap (heavy libraries load inside ``run``), so
``tawazi --help`` answers at once. A ``TawaziError`` becomes one line on stderr and exit
status 2; so does standard output closed or full (``cli.stdout``), while a reader that went
away (``| head -1``) ends the command quietly with status 141, as SIGPIPE ends other Unix
tools. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import signal
import sys
import threading
from collections.abc import Sequence
from types import ModuleType

from .. import __version__
from ..errors import TawaziError
from .stdout import StdoutFailed, finish, guard

#: Subcommand name -> module. ``review`` lives in ``tui/`` and is loaded by name, so the
#: library never imports the UI.
COMMANDS: dict[str, str] = {
    "demo": "tawazi.align.cli.demo",
    "split": "tawazi.align.cli.split",
    "align": "tawazi.align.cli.align_cmd",
    "review": "tawazi.tui.cli",
    "score": "tawazi.align.cli.score",
    "batch": "tawazi.align.cli.batch",
    "mine": "tawazi.align.cli.mine",
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tawazi",
        description="Arabic–English sentence alignment, fidelity scoring and review.",
    )
    parser.add_argument("--version", action="version", version=f"tawazi {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        mod = _module(name)
        p = sub.add_parser(name, help=mod.HELP, description=mod.__doc__)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


#: Exit status after the reader of standard output went away: that of a process ended by
#: SIGPIPE, which is how ``cat`` or ``grep`` end in ``| head -1``.
SIGPIPE_STATUS = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tawazi`` console script."""
    if argv is None:  # the command itself, not a caller inside a longer-lived process
        # The interpreter's last garbage collection walks every object still alive (the
        # lexicon, the per-word memos, the alignment): a third of a second after a 2,000
        # sentence document, for nothing, since the process is ending. Frozen objects are
        # not walked; they are still freed, and every exit handler still runs.
        atexit.register(gc.freeze)
    guard()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            # A usage error like argparse's own: the help, then one error line, on stderr.
            parser.print_help(sys.stderr)
            print("tawazi: error: give a command (tawazi COMMAND --help for its options)",
                  file=sys.stderr)
            return 2
        code: int = args._run(args)
        finish()
        return code
    except TawaziError as exc:
        print(f"tawazi: error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # The process is ending: a second Ctrl-C must not cut its exit short with a traceback.
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        _forget_interrupt()
        print("tawazi: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:  # argparse: --help, --version, a usage error
        return _exit_status(exc)
    except StdoutFailed as exc:
        return _stdout_failed(exc)


def _forget_interrupt() -> None:
    """Make the interrupt handled in CPython's eyes too, so that the process ends with 130.

    Run as ``python -m tawazi``, CPython ends a process whose ``KeyboardInterrupt`` went
    unhandled by sending itself SIGINT (status -2 to its parent, bpo-1054041; the console
    script ends through another path). It tells so by a flag that any code run
    by ``exec`` of a string sets when a ``KeyboardInterrupt`` passes out of it, and that
    catching the exception later does not clear: a second Ctrl-C during an import that
    builds dataclasses or named tuples (polars' first import, in the batch's last write)
    then killed the process after it had printed its message. Each ``exec`` of a string
    clears the flag first, so an empty one clears it."""
    exec("")  # a constant empty string, run for its side effect on the flag


def _stdout_failed(exc: StdoutFailed) -> int:
    """A reader gone away ends quietly (as Unix tools do); a closed or full standard output
    is one line."""
    if exc.broken_pipe:
        return SIGPIPE_STATUS
    print(f"tawazi: error: cannot write to standard output ({exc.reason})", file=sys.stderr)
    return 2


def _exit_status(exc: SystemExit) -> int:
    """The status of ``exc`` once what argparse printed is flushed (where a full or closed
    standard output can still be told)."""
    try:
        finish()
    except StdoutFailed as failed:
        return _stdout_failed(failed)
    code = exc.code
    return code if isinstance(code, int) else (0 if code is None else 2)


if __name__ == "__main__":
    sys.exit(main())
