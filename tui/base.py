"""The core of the review app: state, saving, the widgets, workers and their messages.

The app owns one ``SessionState`` (``align.review.session``) and replaces it on every action with
the value an ``align.review.edit`` function returns; the previous value goes onto the undo
history. Each change is written to the session file before the action returns (an atomic
write), so killing the process at any moment loses at most the action being saved. Cursor
moves alone are saved a moment later, batched. Slow work (the first alignment,
re-alignment, export) runs in threads and reports back with messages; while it runs, edits
wait, so that a result is never applied to an alignment it was not computed from.

The keys and what they do are in ``tui.app``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Footer, Label, ProgressBar

from ..align.errors import TawaziError
from ..align.quality.verdict import Verdict, document_verdict
from ..align.review import edit
from ..align.review.carry import Reviewed, carry_over
from ..align.review.display import inline
from ..align.review.session import (
    Inputs,
    SessionState,
    first_alignment,
    new_session,
    save_session,
    session_json,
)
from ..align.review.session_guard import ABSENT, SessionChangedError, Stamp, current_stamp
from ..align.types import Alignment
from . import navigate
from .bead_table import BeadList, BeadTable
from .detail import DetailPanel
from .export_dialog import ExportChoice
from .messages import (
    CursorMoved,
    LexiconLoaded,
    Loaded,
    Progress,
    Realigned,
    WorkDone,
    WorkFailed,
)
from .status import StatusBar
from .verdict_dialog import VerdictBanner

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from ..align.config import AlignConfig
    from ..align.evidence.lexicon import Lexicon

def _now() -> str:
    return time.strftime("%H:%M:%S")


#: Seconds between a cursor move and the save that records it.
CURSOR_SAVE_DELAY = 0.5

Edit = Callable[[Alignment, int], Alignment]
#: Where the cursor goes after an edit of bead ``k``: ``(k, before, after) -> bead``.
Cursor = Callable[[int, Alignment, Alignment], int]


class ReviewBase(App[None]):
    """State, saving and workers of the review; ``tui.app.ReviewApp`` adds the keys."""

    CSS_PATH = "app.tcss"
    TITLE = "tawazi review"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        session_path: str | Path,
        *,
        state: SessionState | None = None,
        inputs: Inputs | None = None,
        config: AlignConfig | None = None,
        visual_order: bool = True,
        stamp: Stamp | None = None,
        approve_advances: bool = True,
        carry: Sequence[Reviewed] = (),
    ) -> None:
        super().__init__()
        if (state is None) == (inputs is None):
            raise ValueError("give either a session state or inputs to align")
        self.session_path = Path(session_path)
        self.session = state
        self.inputs = inputs
        self.config = config
        self.visual_order = visual_order
        self.flagged_only = False
        #: ``a`` moves on to the next bead after approving (``--approve-stays``: it stays).
        self.approve_advances = approve_advances
        #: Review work of an earlier version of the inputs, for the first alignment.
        self.carry = tuple(carry)
        self.search_text = ""
        self.busy = ""
        self.save_state = "saved" if state is not None else "not saved yet"
        #: The session file as this review last read or wrote it: a save over anything else
        #: is refused (another review, or an editor, changed it).
        self.disk_stamp = stamp if stamp is not None else (
            current_stamp(self.session_path) if state is not None else ABSENT)
        #: When the session file last held this review's work (``None``: never).
        self.last_saved: str | None = _now() if self.disk_stamp.sha256 is not None else None
        self.save_error = ""
        self.lexicon: Lexicon | None = None
        self._cursor_timer: Timer | None = None
        #: The alignment last judged and its verdict (``verdict``).
        self._verdict: tuple[Alignment, Verdict] | None = None

    # Layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield VerdictBanner(id="verdict-banner")
        yield BeadTable(id="beads")
        yield DetailPanel(id="detail")
        with Horizontal(id="busy"):
            yield Label(id="busy-label")
            yield ProgressBar(id="busy-bar", show_eta=False)
        yield StatusBar(id="status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(BeadList).focus()
        if self.session is None:
            assert self.inputs is not None
            n = sum(e - s for doc in (self.inputs.en_doc, self.inputs.ar_doc)
                    for s, e in doc.regions)
            self._set_busy(f"aligning {n:,} characters…")
            self._align(self.inputs)
        else:
            self.refresh_view()
            self._warn_verdict()
        self._load_lexicon()

    def refresh_view(self) -> None:
        """Show the current state in every widget."""
        st = self.session
        if st is not None and st.alignment.beads:
            rows = navigate.visible_rows(st.alignment, self.flagged_only, st.cursor)
            self.query_one(BeadTable).show(st.alignment, rows,
                                           navigate.row_of(rows, st.cursor),
                                           self.visual_order)
            self._show_detail()
        self._show_status()

    def _show_detail(self) -> None:
        if self.session is not None:
            self.query_one(DetailPanel).show(self.session.alignment, self.session.cursor,
                                             self.lexicon, self.visual_order)

    def _show_status(self) -> None:
        al = self.session.alignment if self.session is not None else None
        self.query_one(StatusBar).show(al, self.session_path, self.save_state,
                                       flagged_only=self.flagged_only,
                                       query=self.search_text, busy=self.busy,
                                       visual_order=self.visual_order)
        self.query_one(VerdictBanner).show(self.verdict())

    def verdict(self) -> Verdict | None:
        """The document verdict of the current alignment (``None`` before there is one),
        computed once per alignment value: every edit makes a new one, and its beads are
        scored again (``edit.rescore``), so the verdict follows the review."""
        if self.session is None:
            return None
        al = self.session.alignment
        if self._verdict is None or self._verdict[0] is not al:
            self._verdict = (al, document_verdict(al))
        return self._verdict[1]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A notification with any Arabic in it (a search, a file name) in visual order, as
        everywhere else; a toast is a line of the terminal like any other."""
        super().notify(inline(message, self.visual_order), title=title, severity=severity,
                       timeout=timeout, markup=markup)

    def _set_busy(self, label: str) -> None:
        self.busy = label
        box = self.query_one("#busy")
        box.set_class(bool(label), "active")
        self.query_one("#busy-label", Label).update(label)
        if label:
            self.query_one("#busy-bar", ProgressBar).update(total=None, progress=0)
        self._show_status()

    # Saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the session now; on failure say so, loudly, and keep working."""
        if self._cursor_timer is not None:
            self._cursor_timer.stop()
            self._cursor_timer = None
        if self.session is None:
            return False
        try:
            self.disk_stamp = save_session(self.session_path, self.session,
                                           since=self.disk_stamp)
        except TawaziError as exc:
            if self.save_state != "NOT SAVED" or exc.message != self.save_error:
                hint = " (q offers to save elsewhere)"
                self.notify(f"could not save the session: {exc.message}{hint}",
                            severity="error", timeout=10)
            self.save_state, self.save_error = "NOT SAVED", exc.message
            if isinstance(exc, SessionChangedError):
                self.last_saved = None  # what the file held of this review is gone
            return False
        self.save_state, self.save_error, self.last_saved = "saved", "", _now()
        return True

    def save_as(self, path: Path) -> str:
        """Write the session to a new file (not over any existing one: it could be an
        input, or someone's work) and make it the session; ``""`` or why it failed."""
        from ..align.formats.atomic import atomic_write_text

        if self.session is None:
            return "nothing to save"
        if not path.name:
            return "give a file name"
        if path.exists() or path.is_symlink():
            return f"{path} exists already; choose a new name"
        try:
            atomic_write_text(path, session_json(self.session, path))
        except TawaziError as exc:
            return exc.message
        self.session_path, self.disk_stamp = path, current_stamp(path)
        self.save_state, self.save_error, self.last_saved = "saved", "", _now()
        return ""

    def unsaved_note(self) -> str:
        """One line for the terminal after quitting without saving."""
        if self.last_saved is not None:
            where = f"the last good autosave is {self.session_path} (as of {self.last_saved})"
        else:
            where = f"no good autosave of this review is left in {self.session_path}"
        return f"the review was NOT SAVED ({self.save_error}); {where}"

    def _commit(self, state: SessionState) -> None:
        """Make ``state`` current, write it to disk, then show it."""
        self.session = state
        self.save()
        self.refresh_view()

    def _synced(self) -> SessionState | None:
        """The session with the cursor where the table shows it.

        The table tells the app about cursor moves by a message, which arrives after any key
        already queued: without this, ``j j a`` typed fast would approve the bead the cursor
        was on before the moves.
        """
        st = self.session
        if st is None:
            return None
        try:
            table = self.query_one(BeadList)
        except NoMatches:  # the table is not mounted yet (loading)
            return st
        if table.rows and 0 <= table.cursor < len(table.rows):
            bead = table.rows[table.cursor]
            if bead != st.cursor and bead < len(st.alignment.beads):
                self.session = st = st.moved(bead)
        return st

    def _editable(self) -> SessionState | None:
        if self.session is None or self.busy:
            self.notify(f"please wait: {self.busy or 'loading'}", severity="warning")
            return None
        return self._synced()

    def _apply(self, fn: Edit, cursor: Cursor | None = None) -> None:
        """Run one edit on the current bead, score the beads it made, save; an
        ``EditError`` becomes a notification."""
        st = self._editable()
        if st is None:
            return
        k = st.cursor
        try:
            new = fn(st.alignment, k)
            if new is st.alignment:
                return
            new = edit.rescore(st.alignment, new, self.lexicon)
        except TawaziError as exc:
            self.notify(exc.message, severity="error")
            return
        self._commit(st.changed(new, cursor(k, st.alignment, new) if cursor else k))

    # Messages from widgets and workers ---------------------------------------------------

    @on(CursorMoved)
    def _cursor_moved(self, message: CursorMoved) -> None:
        st = self.session
        if st is None or message.bead >= len(st.alignment.beads):
            return
        if message.bead != st.cursor:
            self.session = st.moved(message.bead)
            if self._cursor_timer is None:
                self._cursor_timer = self.set_timer(CURSOR_SAVE_DELAY, self._save_cursor)
        self._show_detail()

    def _save_cursor(self) -> None:
        self._cursor_timer = None
        self.save()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self._set_busy("")
        self._commit(message.state)
        self.notify(f"{len(message.state.alignment.beads)} beads; session "
                    f"{self.session_path}")
        if message.note:
            self.notify(message.note, timeout=15)
        self._warn_verdict()

    def _warn_verdict(self) -> None:
        """Say once, as ``tawazi align`` does, that the texts do not look like translations
        of each other; the status bar keeps saying it."""
        verdict = self.verdict()
        if verdict is not None and not verdict.parallel:
            self.notify(f"not a parallel text, verdict {verdict.label} (v: the evidence)",
                        severity="warning", timeout=15)

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if self.busy:
            self.query_one("#busy-label", Label).update(message.label)
            self.query_one("#busy-bar", ProgressBar).update(total=message.total,
                                                            progress=message.done)

    @on(Realigned)
    def _realigned(self, message: Realigned) -> None:
        self._set_busy("")
        st = self.session
        if st is None or st.alignment is not message.base:
            self.notify("the alignment changed meanwhile; re-alignment dropped",
                        severity="warning")
            return
        if message.alignment.beads == st.alignment.beads:
            self.notify("re-alignment changed nothing")
            return
        old = set(st.alignment.beads)
        changed = sum(1 for b in message.alignment.beads if b not in old)
        self._commit(st.changed(message.alignment, st.cursor))
        self.notify(f"re-aligned: {changed} new beads (undo with z)")

    @on(WorkFailed)
    def _failed(self, message: WorkFailed) -> None:
        self._set_busy("")
        self.notify(message.reason, severity="error", timeout=10)

    @on(WorkDone)
    def _done(self, message: WorkDone) -> None:
        self._set_busy("")
        self.notify(message.note)

    @on(LexiconLoaded)
    def _lexicon_loaded(self, message: LexiconLoaded) -> None:
        self.lexicon = message.lexicon
        self._show_detail()

    # Workers ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def _align(self, inputs: Inputs) -> None:
        try:
            al = first_alignment(inputs, self.config, progress=self._step)
            note = ""
            if self.carry:
                al, note = self._carried(al)
            state = new_session(inputs, al)
        except TawaziError as exc:
            self.post_message(WorkFailed(exc.message))
            return
        except Exception as exc:  # a bug: say so, keep the app (and the user's files) alive
            self.post_message(WorkFailed(f"alignment failed: {exc!r}"))
            return
        self.post_message(Loaded(state, note))

    def _step(self, step: str, done: float) -> None:
        """A step of the first alignment began (called in the worker's thread)."""
        self.post_message(Progress(f"{step}…", round(100 * done), 100))

    def _carried(self, al: Alignment) -> tuple[Alignment, str]:
        """``al`` with the carried review work, scored again, and what to tell about it."""
        got = carry_over(self.carry, al)
        new = edit.rescore(al, got.alignment)
        note = (f"carried {got.carried} of {len(self.carry)} approved or edited beads over "
                "to the changed input")
        if got.lost:
            note += (f"; {len(got.lost)} could not be (their sentences changed, or the new "
                     "alignment groups them with others)")
        return new, note

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def _realign(self, base: Alignment) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(Progress(f"re-aligning stretch {done}/{total}…", done, total))

        try:
            new = edit.realign_unapproved(base, self.config, progress=progress)
        except TawaziError as exc:
            self.post_message(WorkFailed(exc.message))
            return
        except Exception as exc:  # a bug: report it without losing the session
            self.post_message(WorkFailed(f"re-alignment failed: {exc!r}"))
            return
        self.post_message(Realigned(base, new))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, al: Alignment, choice: ExportChoice) -> None:
        from ..align.formats import WriteOptions, output_files, write_alignment
        from ..align.formats.outputs import check_outputs

        sources = [d.path for d in (al.en_doc, al.ar_doc) if d.path]
        try:
            # Not over an input, nor over the session file that holds the review itself.
            check_outputs(output_files(choice.path, choice.fmt), [*sources, self.session_path])
            opts = WriteOptions(include_unaligned=choice.include_unaligned)
            paths = write_alignment(al, choice.path, choice.fmt, opts)
        except TawaziError as exc:
            self.post_message(WorkFailed(f"export failed: {exc.message}"))
            return
        self.post_message(WorkDone("exported " + ", ".join(str(p) for p in paths)))

    @work(thread=True, group="lexicon", exit_on_error=False)
    def _load_lexicon(self) -> None:
        from ..align.evidence.lexicon import load_lexicon

        try:
            lexicon = load_lexicon()
        except Exception as exc:  # highlights are a help, not a must: say why they are missing
            self.post_message(WorkFailed(f"no anchor highlights: {exc}"))
            return
        self.post_message(LexiconLoaded(lexicon))

    def goto(self, k: int | None, what: str = "bead") -> None:
        """Put the cursor on bead ``k`` (``None``: say there is no such bead)."""
        if self.session is None:
            return
        if k is None:
            self.notify(f"no {what}", severity="warning")
            return
        self.session = self.session.moved(k)
        if self._cursor_timer is None:
            self._cursor_timer = self.set_timer(CURSOR_SAVE_DELAY, self._save_cursor)
        self.refresh_view()
