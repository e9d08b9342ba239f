"""``tawazi review``: beads side by side in the terminal, every edit undoable and saved.

Inputs: two files (English, Arabic), one bilingual file, a TMX/TSV memory, or a saved session
(``.json``). The review is saved after every change to a session file next to the first
input (``article.txt`` -> ``article.tawazi.json``, or ``--session PATH``); running the same
command again reopens it where it was left. Press ``?`` in the review for every key.

This subcommand lives in ``tui/`` (the ``tawazi`` command loads it by name) so that the library
``align/`` never imports the UI.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "review and correct an alignment in the terminal (side by side, autosaved)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from align.text.limits import MAX_MB, MAX_SENTENCES

    p.add_argument("files", nargs="+", metavar="FILE",
                   help="EN AR, one bilingual file, a .tmx/.tsv, or a session .json")
    p.add_argument("--session", metavar="PATH",
                   help="session file (default: next to the first input, NAME.tawazi.json)")
    p.add_argument("--new-session", action="store_true",
                   help="start afresh even if the session file exists (the old one is kept "
                        "as PATH.bak)")
    p.add_argument("--presplit", action="store_true",
                   help="inputs are one sentence per line; lines are taken as they are")
    p.add_argument("--band", type=int, default=None, metavar="N",
                   help="half width of the search band for long documents (sentences)")
    p.add_argument("--bidi", choices=("visual", "logical"), default=None,
                   help="Arabic in visual order (default: for terminals without bidi, "
                        "which is most) or logical order (terminals that reorder "
                        "themselves); also TAWAZI_BIDI")
    # The same two limits, defaults and messages as ``tawazi align``.
    p.add_argument("--max-mb", type=float, default=MAX_MB, metavar="MB",
                   help=f"refuse an input file larger than this (default {MAX_MB:g} MB)")
    p.add_argument("--max-sentences", type=int, default=MAX_SENTENCES, metavar="N",
                   help=f"refuse an input with more sentences on one side (default "
                   f"{MAX_SENTENCES:,})")


def _visual(choice: str | None) -> bool:
    mode = choice or os.environ.get("TAWAZI_BIDI", "visual")
    return mode != "logical"


def run(args: argparse.Namespace) -> int:
    from align.errors import InputError, OptionError
    from align.review.session import load_session, open_inputs
    from align.review.session_paths import default_session_path, is_session_path
    from align.text.limits import Limits

    files: list[str] = args.files
    limits = Limits.from_mb(args.max_mb, args.max_sentences)
    state = inputs = None
    if len(files) == 1 and is_session_path(files[0]):
        if args.session or args.new_session:
            raise OptionError("a session file is opened as it is: drop --session and "
                              "--new-session, or give the input files")
        session = Path(files[0])
        state = load_session(session)
    else:
        if len(files) > 2:
            raise OptionError(f"expected at most two input files, got {len(files)}")
        if any(is_session_path(f) for f in files):
            raise OptionError("a session file is opened alone: tawazi review SESSION.json")
        session = Path(args.session) if args.session else default_session_path(files)
        wanted = tuple(str(Path(f).resolve()) for f in files)
        if session.exists() and args.new_session:
            os.replace(session, str(session) + ".bak")
            print(f"tawazi: previous session kept as {session}.bak", file=sys.stderr)
        if session.exists():
            state = load_session(session)
            if state.sources.paths != wanted:
                raise InputError(
                    f"this session reviews {', '.join(state.sources.paths)}, not "
                    f"{', '.join(wanted)}; choose another file with --session, or start "
                    "afresh with --new-session",
                    path=session,
                )
        else:
            inputs = open_inputs(files, presplit=args.presplit, limits=limits)
    config = None
    if args.band is not None:
        from align.config import AlignConfig

        config = AlignConfig(half_width=args.band)
    from tui.app import make_app

    app = make_app(session, state=state, inputs=inputs, config=config,
                   visual_order=_visual(args.bidi))
    app.run()
    if app.session is not None:
        print(f"tawazi: review saved in {session} ({app.save_state})", file=sys.stderr)
    return 0
