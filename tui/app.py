"""The review app: a bead table, a detail panel, a status bar, keys for every edit.

The app owns one ``SessionState`` (``align.session``) and replaces it on every action with
the value an ``align.edit`` function returns; the previous value goes onto the undo
history. Each change is written to the session file before the action returns (an atomic
write), so killing the process at any moment loses at most the action being saved. Cursor
moves alone are saved a moment later, batched. Slow work (the first alignment,
re-alignment, export) runs in threads and reports back with messages; while it runs, edits
wait, so that a result is never applied to an alignment it was not computed from.

``make_app`` is the one way to build the app, used by ``tawazi review`` and the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Label, ProgressBar

from align import edit
from align.errors import TawaziError
from align.session import Inputs, SessionState, first_alignment, new_session, save_session
from align.types import Alignment
from tui import navigate
from tui.bead_table import BeadList, BeadTable
from tui.detail import DetailPanel
from tui.edit_dialog import EditResult, EditScreen
from tui.export_dialog import ExportChoice, ExportScreen
from tui.help import HelpScreen
from tui.messages import (
    CursorMoved,
    LexiconLoaded,
    Loaded,
    Progress,
    Realigned,
    WorkDone,
    WorkFailed,
)
from tui.search_dialog import SearchScreen
from tui.split_dialog import SplitScreen, split_points
from tui.status import StatusBar

if TYPE_CHECKING:
    from align.config import AlignConfig

#: Seconds between a cursor move and the save that records it.
CURSOR_SAVE_DELAY = 0.5

Edit = Callable[[Alignment, int], Alignment]


def _b(key: str, action: str, short: str, long: str, *, show: bool = False,
       display: str | None = None) -> Binding:
    """A binding whose footer label is ``short`` and whose help line is ``long``."""
    return Binding(key, action, short, show=show, key_display=display, tooltip=long,
                   id=action.split("(")[0].replace("_", "-"))


class ReviewApp(App[None]):
    """Side-by-side review of one English–Arabic alignment."""

    CSS_PATH = "app.tcss"
    TITLE = "tawazi review"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        _b("question_mark", "help", "Help", "show every key", show=True, display="?"),
        _b("j", "down", "Down", "move to the next bead"),
        _b("k", "up", "Up", "move to the previous bead"),
        _b("g", "first", "First", "move to the first bead"),
        _b("G", "last", "Last", "move to the last bead"),
        _b("a", "approve", "Approve", "approve the bead, or unapprove it", show=True),
        _b("m", "merge_next", "Merge", "merge the bead with the next one", show=True),
        _b("M", "merge_prev", "Merge prev", "merge the bead with the previous one"),
        _b("s", "split", "Split", "split the bead at a sentence boundary you choose",
           show=True),
        _b("left_square_bracket", "shift('en','first')", "EN first up",
           "move the first English sentence to the previous bead", display="["),
        _b("right_square_bracket", "shift('en','last')", "EN last down",
           "move the last English sentence to the next bead", display="]"),
        _b("left_curly_bracket", "shift('ar','first')", "AR first up",
           "move the first Arabic sentence to the previous bead", display="{"),
        _b("right_curly_bracket", "shift('ar','last')", "AR last down",
           "move the last Arabic sentence to the next bead", display="}"),
        _b("u", "unlink", "Unlink", "unlink the bead into an English-only and an "
           "Arabic-only bead"),
        _b("l", "link", "Link", "link a one-sided bead with the next, opposite one"),
        _b("e", "edit('en')", "Edit", "edit the English text (the original is kept)",
           show=True),
        _b("E", "edit('ar')", "Edit AR", "edit the Arabic text (the original is kept)"),
        _b("z,ctrl+z", "undo", "Undo", "undo the last change (no limit)", show=True),
        _b("Z,ctrl+y", "redo", "Redo", "redo the last undone change"),
        _b("f", "next_flagged", "Flagged", "jump to the next flagged bead not approved",
           show=True),
        _b("w", "next_lowest", "Worst", "jump to the next lowest-score unapproved bead"),
        _b("o", "next_unapproved", "Open", "jump to the next unapproved bead"),
        _b("slash", "search", "Search", "search English and Arabic (diacritics and "
           "alef/yaa/teh marbuta forms ignored)", show=True, display="/"),
        _b("n", "search_next", "Next match", "jump to the next match of the search"),
        _b("N", "search_prev", "Prev match", "jump to the previous match of the search"),
        _b("F", "filter", "Filter", "show only flagged beads, or all beads again"),
        _b("r", "realign", "Re-align", "re-align the unapproved beads; approved and "
           "edited beads stay as fixed points"),
        _b("x", "export", "Export", "export to TMX, TSV, Moses, JSONL or beads"),
        _b("ctrl+s", "save", "Save", "save the session now (it is saved after every "
           "change anyway)"),
        _b("b", "toggle_bidi", "Bidi", "switch Arabic between visual order (terminals "
           "without bidi) and logical order (terminals with bidi)"),
        _b("q", "quit", "Quit", "save and quit", show=True),
    ]

    def __init__(
        self,
        session_path: str | Path,
        *,
        state: SessionState | None = None,
        inputs: Inputs | None = None,
        config: AlignConfig | None = None,
        visual_order: bool = True,
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
        self.search_text = ""
        self.busy = ""
        self.save_state = "saved" if state is not None else "not saved yet"
        self.lexicon: object | None = None
        self._cursor_timer: Timer | None = None

    # Layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
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
            n = len(self.inputs.en_doc.text) + len(self.inputs.ar_doc.text)
            self._set_busy(f"aligning {n:,} characters…")
            self._align(self.inputs)
        else:
            self.refresh_view()
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
                                       query=self.search_text, busy=self.busy)

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
            save_session(self.session_path, self.session)
        except TawaziError as exc:
            self.save_state = "NOT SAVED"
            self.notify(f"could not save the session: {exc.message}", severity="error")
            return False
        self.save_state = "saved"
        return True

    def _commit(self, state: SessionState) -> None:
        """Make ``state`` current, write it to disk, then show it."""
        self.session = state
        self.save()
        self.refresh_view()

    def _editable(self) -> SessionState | None:
        if self.session is None or self.busy:
            self.notify(f"please wait: {self.busy or 'loading'}", severity="warning")
            return None
        return self.session

    def _apply(self, fn: Edit, cursor: Callable[[int, Alignment, Alignment], int]
               | None = None) -> None:
        """Run one edit on the current bead; its ``EditError`` becomes a notification."""
        st = self._editable()
        if st is None:
            return
        k = st.cursor
        try:
            new = fn(st.alignment, k)
        except TawaziError as exc:
            self.notify(exc.message, severity="error")
            return
        if new is st.alignment:
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
            self.save_state = "saved"  # the edits are on disk; the cursor follows shortly
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
            state = new_session(inputs, first_alignment(inputs, self.config))
        except TawaziError as exc:
            self.post_message(WorkFailed(exc.message))
            return
        except Exception as exc:  # a bug: say so, keep the app (and the user's files) alive
            self.post_message(WorkFailed(f"alignment failed: {exc!r}"))
            return
        self.post_message(Loaded(state))

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
        from align.formats import WriteOptions, write_alignment

        try:
            opts = WriteOptions(include_unaligned=choice.include_unaligned)
            paths = write_alignment(al, choice.path, choice.fmt, opts)
        except TawaziError as exc:
            self.post_message(WorkFailed(f"export failed: {exc.message}"))
            return
        self.post_message(WorkDone("exported " + ", ".join(str(p) for p in paths)))

    @work(thread=True, group="lexicon", exit_on_error=False)
    def _load_lexicon(self) -> None:
        from align.lexicon import load_lexicon

        try:
            lexicon = load_lexicon()
        except Exception as exc:  # anchors are a help, not a must: say why they are missing
            self.post_message(WorkFailed(f"no anchor highlights: {exc}"))
            return
        self.post_message(LexiconLoaded(lexicon))

    # Actions: moving ---------------------------------------------------------------------

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

    def action_down(self) -> None:
        self.query_one(BeadList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(BeadList).action_cursor_up()

    def action_first(self) -> None:
        self.goto(0)

    def action_last(self) -> None:
        if self.session is not None:
            self.goto(len(self.session.alignment.beads) - 1)

    def action_next_flagged(self) -> None:
        if self.session is not None:
            st = self.session
            self.goto(navigate.next_flagged(st.alignment, st.cursor), "flagged bead left")

    def action_next_lowest(self) -> None:
        if self.session is not None:
            st = self.session
            self.goto(navigate.next_lowest(st.alignment, st.cursor), "unapproved bead left")

    def action_next_unapproved(self) -> None:
        if self.session is not None:
            st = self.session
            self.goto(navigate.next_unapproved(st.alignment, st.cursor),
                      "unapproved bead left")

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if query:
                self.search_text = query
                self._search(backward=False)

        self.push_screen(SearchScreen(self.search_text), done)

    def _search(self, *, backward: bool) -> None:
        st = self.session
        if st is None or not self.search_text:
            self.notify("no search yet: press /", severity="warning")
            return
        k = navigate.search(st.alignment, self.search_text, st.cursor, backward=backward)
        self.goto(k, f"bead matches {self.search_text!r}")

    def action_search_next(self) -> None:
        self._search(backward=False)

    def action_search_prev(self) -> None:
        self._search(backward=True)

    def action_filter(self) -> None:
        st = self.session
        if st is None:
            return
        if not self.flagged_only and not any(b.flags for b in st.alignment.beads):
            self.notify("no flagged beads to filter to", severity="warning")
            return
        self.flagged_only = not self.flagged_only
        if self.flagged_only and not st.alignment.beads[st.cursor].flags:
            nxt = navigate.next_flagged(st.alignment, st.cursor)
            if nxt is None:
                nxt = next(k for k, b in enumerate(st.alignment.beads) if b.flags)
            self.session = st.moved(nxt)
        self.refresh_view()

    def action_toggle_bidi(self) -> None:
        self.visual_order = not self.visual_order
        self.notify("Arabic in " + ("visual order (for terminals without bidi)"
                                    if self.visual_order else
                                    "logical order (for terminals with bidi)"))
        self.refresh_view()

    def action_help(self) -> None:
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding)]
        shown = [Binding(b.key, b.action, b.tooltip or b.description,
                         key_display=b.key_display) for b in bindings]
        self.push_screen(HelpScreen(shown))

    # Actions: editing --------------------------------------------------------------------

    def action_approve(self) -> None:
        def toggle(al: Alignment, k: int) -> Alignment:
            status = "auto" if al.beads[k].status == "approved" else "approved"
            return edit.set_status(al, k, status)

        self._apply(toggle)

    def action_merge_next(self) -> None:
        self._apply(edit.merge_next)

    def action_merge_prev(self) -> None:
        self._apply(edit.merge_prev, lambda k, old, new: k - 1)

    def action_unlink(self) -> None:
        self._apply(edit.unlink)

    def action_link(self) -> None:
        self._apply(edit.link)

    def action_shift(self, lang: str, which: str) -> None:
        def after(k: int, old: Alignment, new: Alignment) -> int:
            # Shifting the only sentence of a bead up removes it: stay on the receiver.
            gone = len(new.beads) < len(old.beads)
            return k - 1 if which == "first" and gone else k

        self._apply(lambda al, k: edit.shift(al, k, lang, which), after)

    def action_split(self) -> None:
        st = self._editable()
        if st is None:
            return
        bead = st.alignment.beads[st.cursor]
        if not split_points(len(bead.en), len(bead.ar)):
            self.notify(f"a {bead.type} bead has nothing to split", severity="error")
            return

        def done(cut: tuple[int, int] | None) -> None:
            if cut is not None:
                self._apply(lambda al, k: edit.split_bead(al, k, cut[0], cut[1]))

        self.push_screen(SplitScreen(st.alignment, st.cursor, self.visual_order), done)

    def action_edit(self, lang: str) -> None:
        st = self._editable()
        if st is None:
            return
        al, k = st.alignment, st.cursor
        bead = al.beads[k]
        name = "English" if lang == "en" else "Arabic"

        def done(result: EditResult | None) -> None:
            if result is not None:
                self._apply(lambda a, i: edit.edit_text(a, i, lang, result.text))

        self.push_screen(EditScreen(f"{name} text of bead {k + 1}", lang,
                                    al.bead_text(bead, lang),
                                    al.bead_text(bead, lang, edited=False),
                                    self.visual_order), done)

    def action_undo(self) -> None:
        st = self._editable()
        if st is not None:
            prev = st.undone()
            if prev is None:
                self.notify("nothing to undo", severity="warning")
            else:
                self._commit(prev)

    def action_redo(self) -> None:
        st = self._editable()
        if st is not None:
            nxt = st.redone()
            if nxt is None:
                self.notify("nothing to redo", severity="warning")
            else:
                self._commit(nxt)

    def action_realign(self) -> None:
        st = self._editable()
        if st is None:
            return
        if all(b.status == "approved" for b in st.alignment.beads):
            self.notify("every bead is approved: nothing to re-align", severity="warning")
            return
        self._set_busy("re-aligning the unapproved beads…")
        self._realign(st.alignment)

    def action_export(self) -> None:
        st = self._editable()
        if st is None:
            return

        def done(choice: ExportChoice | None) -> None:
            if choice is not None and self.session is not None:
                self._set_busy(f"exporting {choice.fmt}…")
                self._export(self.session.alignment, choice)

        self.push_screen(ExportScreen(st.sources.paths[0]), done)

    def action_save(self) -> None:
        if self.save():
            self._show_status()
            self.notify(f"saved {self.session_path}")

    async def action_quit(self) -> None:
        self.save()
        self.exit()


def make_app(
    session_path: str | Path,
    *,
    state: SessionState | None = None,
    inputs: Inputs | None = None,
    config: AlignConfig | None = None,
    visual_order: bool = True,
) -> ReviewApp:
    """The review app for a loaded session (``state``) or for inputs to align first
    (``inputs``, aligned in a worker thread). The session is saved to ``session_path``."""
    return ReviewApp(session_path, state=state, inputs=inputs, config=config,
                     visual_order=visual_order)
