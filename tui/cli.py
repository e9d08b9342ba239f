"""``tawazi review``: beads side by side in the terminal, every edit undoable and saved.

Inputs: two files (English, Arabic), one bilingual file, a TMX/TSV memory, or a saved session
(``.json``). The review is saved after every change to a session file next to the first
input (``article.txt`` -> ``article.tawazi.json``, or ``--session PATH``, which may be a
folder); running the same command again reopens it where it was left, and when an input
changed meanwhile it offers to carry the approved and edited beads over to a new review of
the new text (``align.review.carry``). Press ``?`` in the review for every key.

This subcommand lives in ``tui/`` (the ``tawazi`` command loads it by name) so that the library
``align/`` never imports the UI.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..align.review.carry import Reviewed
    from ..align.review.session import Inputs, SessionState, StaleSessionError
    from ..align.review.session_guard import Stamp

    #: What a review opens: a saved state and its stamp, or inputs and work to carry over.
    Opened = tuple[SessionState | None, Inputs | None, Stamp, tuple[Reviewed, ...]]

HELP = "review and correct an alignment in the terminal (side by side, autosaved)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..align.text.limits import MAX_MB, MAX_SENTENCES

    p.add_argument("files", nargs="+", metavar="FILE",
                   help="EN AR, one bilingual file, a .tmx/.tsv, or a session .json")
    p.add_argument("--session", metavar="PATH",
                   help="session file, or a folder to keep it in (default: next to the "
                        "first input, NAME.tawazi.json)")
    p.add_argument("--new-session", action="store_true",
                   help="start afresh even if the session file exists (the old one is kept "
                        "as PATH.bak, or .bak.1, .bak.2 ...: no backup is overwritten)")
    p.add_argument("--carry-over", action="store_true",
                   help="when an input changed since the session was saved, start a new "
                        "review of the new text that keeps the approved and edited beads "
                        "whose sentences are found again (asked when not given)")
    p.add_argument("--approve-stays", action="store_true",
                   help="a (approve) keeps the cursor on the bead instead of moving to the "
                        "next one")
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


def _has_terminal() -> bool:
    """Both ends are a terminal: without one the UI would write escape codes into a pipe or
    a file and wait for keys that never come."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _session_and_inputs(args: argparse.Namespace) -> tuple[Path, list[str]]:
    """The session file and the inputs given (none: a session file opened alone)."""
    from ..align.errors import OptionError
    from ..align.review.session_paths import is_session_path, session_path_for

    files: list[str] = args.files
    if len(files) == 1 and is_session_path(files[0]):
        if args.session or args.new_session:
            raise OptionError("a session file is opened as it is: drop --session and "
                              "--new-session, or give the input files")
        return Path(files[0]), []
    if len(files) > 2:
        raise OptionError(f"expected at most two input files, got {len(files)}")
    if any(is_session_path(f) for f in files):
        raise OptionError("a session file is opened alone: tawazi review SESSION.json")
    return session_path_for(files, args.session), files


def _ask(question: str) -> bool:
    """Ask on the terminal; enter or ``y`` is yes."""
    print(f"tawazi: {question} [Y/n] ", end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("", "y", "yes")


def _fresh(args: argparse.Namespace, session: Path, files: list[str],
           carry: tuple[Reviewed, ...] = ()) -> Opened:
    """A new review of ``files``; an existing session is kept as a backup."""
    from ..align.review.session import open_inputs
    from ..align.review.session_guard import ABSENT
    from ..align.review.session_paths import keep_backup
    from ..align.text.limits import Limits

    limits = Limits.from_mb(args.max_mb, args.max_sentences)
    # Bad inputs: the old session stays where it is.
    inputs = open_inputs(files, presplit=args.presplit, limits=limits)
    if session.exists():
        backup = keep_backup(session)
        print(f"tawazi: previous session kept as {backup}", file=sys.stderr)
    return None, inputs, ABSENT, carry


def _changed_input(args: argparse.Namespace, session: Path, files: list[str],
                   exc: StaleSessionError) -> Opened:
    """An input changed since the session was saved: carry the review work over to a new
    review of the new text (``--carry-over``, or yes when asked), else stop and say how."""
    from ..align.review.session import StaleSessionError
    from ..align.review.session_load import read_reviewed

    reviewed = read_reviewed(session)
    if not reviewed:
        raise exc
    question = (f"{exc.reason.split(' has changed')[0]} has changed since the session was "
                f"saved. Start a new review of the new text, carrying over the "
                f"{len(reviewed)} approved or edited beads whose sentences are found again?")
    if args.carry_over or _ask(question):
        return _fresh(args, session, files, reviewed)
    raise StaleSessionError(f"{exc.reason}; or keep the approved and edited beads with "
                            "--carry-over", path=exc.path)


def _open(args: argparse.Namespace, session: Path, files: list[str]) -> Opened:
    """The saved state (and its stamp) to resume, or the inputs of a new review and the
    review work to carry over to it."""
    from ..align.errors import InputError
    from ..align.review.session import StaleSessionError
    from ..align.review.session_load import read_session

    if not files:
        loaded = read_session(session)
        return loaded.state, None, loaded.stamp, ()
    if args.new_session or not session.exists():
        return _fresh(args, session, files)
    try:
        loaded = read_session(session)
    except StaleSessionError as exc:
        return _changed_input(args, session, files, exc)
    wanted = tuple(str(Path(f).resolve()) for f in files)
    if loaded.state.sources.paths != wanted:
        raise InputError(
            f"this session reviews {', '.join(loaded.state.sources.paths)}, not "
            f"{', '.join(wanted)}; choose another file with --session, or start "
            "afresh with --new-session",
            path=session,
        )
    return loaded.state, None, loaded.stamp, ()


def _make_folder(folder: Path) -> None:
    from ..align.errors import OutputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the session folder: {exc.strerror}",
                          path=folder) from None


def run(args: argparse.Namespace) -> int:
    from ..align.errors import OptionError
    from ..align.review.session_lock import SessionLock, lock_path
    from ..align.review.session_paths import check_not_input

    session, files = _session_and_inputs(args)
    check_not_input(session, files, "session file")
    check_not_input(lock_path(session), files, "session's lock file")
    if not _has_terminal():
        raise OptionError("review needs a terminal: its input and output are not one (a "
                          "pipe or a file); run it in a terminal, or use tawazi align")
    if files and args.session and args.session.endswith(("/", os.sep)):
        _make_folder(session.parent)  # --session reviews/: a folder made for it
    config = None
    if args.band is not None:
        from ..align.config import AlignConfig

        config = AlignConfig(half_width=args.band)
    from .app import make_app

    with SessionLock(session):
        state, inputs, stamp, carry = _open(args, session, files)
        app = make_app(session, state=state, inputs=inputs, config=config,
                       visual_order=_visual(args.bidi), stamp=stamp,
                       approve_advances=not args.approve_stays, carry=carry)
        app.run()
    if app.session is None:
        return 0
    if app.save_state != "saved":
        print(f"tawazi: error: {app.unsaved_note()}", file=sys.stderr)
        return 1
    print(f"tawazi: review saved in {app.session_path}", file=sys.stderr)
    return 0
