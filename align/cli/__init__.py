"""The ``tawazi`` command: the only place that prints or exits.

Each subcommand is a module with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; importing them is cheap (heavy libraries load inside ``run``), so
``tawazi --help`` answers at once. A ``TawaziError`` becomes one line on stderr and exit
status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import ModuleType

from align import __version__
from align.errors import TawaziError

#: Subcommand name -> module. ``review`` lives in ``tui/`` and is loaded by name, so the
#: library never imports the UI.
COMMANDS: dict[str, str] = {
    "demo": "align.cli.demo",
    "split": "align.cli.split",
    "align": "align.cli.align_cmd",
    "review": "tui.cli",
    "score": "align.cli.score",
    "batch": "align.cli.batch",
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tawazi`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        code: int = args._run(args)
        return code
    except TawaziError as exc:
        print(f"tawazi: error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # The process is ending: a second Ctrl-C must not cut its exit short with a traceback.
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("tawazi: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``| head``): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
