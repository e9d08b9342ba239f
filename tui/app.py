"""The review app's keys and what they do; ``make_app`` builds it for the CLI and tests.

Every key is a ``Binding`` with a short label for the footer and a sentence for the help
screen (``?``), which is generated from this list. Edits are ``align.review.edit`` functions run
on the current bead by ``ReviewBase._apply``; moving, searching and filtering are
``tui.navigate`` functions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from ..align.review import edit
from ..align.review.session import Inputs, SessionState
from ..align.review.session_guard import Stamp
from ..align.types import Alignment
from . import navigate
from .base import ReviewBase
from .bead_table import BeadList
from .edit_dialog import EditResult, EditScreen
from .export_dialog import ExportChoice, ExportScreen
from .help import HelpScreen
from .quit_dialog import QuitChoice, QuitScreen, recovery_path
from .search_dialog import SearchScreen
from .split_dialog import SplitScreen, split_points
from .verdict_dialog import VerdictScreen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..align.config import AlignConfig
    from ..align.review.carry import Reviewed


def _b(key: str, action: str, short: str, long: str, *, show: bool = False,
       display: str | None = None) -> Binding:
    """A binding whose footer label is ``short`` and whose help line is ``long``."""
    return Binding(key, action, short, show=show, key_display=display, tooltip=long,
                   id=re.sub(r"[^a-z]+", "-", action).strip("-"))


class ReviewApp(ReviewBase):
    """Side-by-side review of one English–Arabic alignment."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _b("question_mark", "help", "Help", "show every key", show=True, display="?"),
        _b("j", "down", "Down", "move to the next bead"),
        _b("k", "up", "Up", "move to the previous bead"),
        _b("g", "first", "First", "move to the first bead"),
        _b("G", "last", "Last", "move to the last bead"),
        _b("a", "approve", "Approve", "approve the bead and move to the next one (or "
           "unapprove it); --approve-stays keeps the cursor on it", show=True),
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
        _b("f", "next_flagged", "To review", "jump to the next bead to review: flagged, or "
           "scoring below 0.5, and not approved", show=True),
        _b("w", "next_lowest", "Worst", "jump to the next lowest-score unapproved bead"),
        _b("o", "next_unapproved", "Open", "jump to the next unapproved bead"),
        _b("slash", "search", "Search", "search English and Arabic (diacritics and "
           "alef/yaa/teh marbuta forms ignored)", show=True, display="/"),
        _b("n", "search_next", "Next match", "jump to the next match of the search"),
        _b("N", "search_prev", "Prev match", "jump to the previous match of the search"),
        _b("F", "filter", "Filter", "show only the beads to review (flagged or scoring "
           "below 0.5), or all beads again"),
        _b("r", "realign", "Re-align", "re-align the unapproved beads; approved and "
           "edited beads stay as fixed points"),
        _b("x", "export", "Export", "export to TMX, TSV, Moses, JSONL or beads"),
        _b("ctrl+s", "save", "Save", "save the session now (it is saved after every "
           "change anyway)"),
        _b("v", "verdict", "Verdict", "show the document verdict (are the two texts "
           "translations of each other?) and its evidence"),
        _b("b", "toggle_bidi", "Bidi", "switch Arabic between visual order (terminals "
           "without bidi) and logical order (terminals with bidi)"),
        _b("q", "quit", "Quit", "save and quit", show=True),
    ]

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
            st = self._synced()
            assert st is not None
            self.goto(navigate.next_flagged(st.alignment, st.cursor), "bead left to review")

    def action_next_lowest(self) -> None:
        if self.session is not None:
            st = self._synced()
            assert st is not None
            self.goto(navigate.next_lowest(st.alignment, st.cursor), "unapproved bead left")

    def action_next_unapproved(self) -> None:
        if self.session is not None:
            st = self._synced()
            assert st is not None
            self.goto(navigate.next_unapproved(st.alignment, st.cursor),
                      "unapproved bead left")

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if query:
                self.search_text = query
                self._search(backward=False)

        self.push_screen(SearchScreen(self.search_text, self.visual_order), done)

    def _search(self, *, backward: bool) -> None:
        st = self._synced()
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
        st = self._synced()
        if st is None:
            return
        beads = st.alignment.beads
        if not self.flagged_only and not any(map(navigate.needs_review, beads)):
            self.notify("no beads to review to filter to", severity="warning")
            return
        self.flagged_only = not self.flagged_only
        if self.flagged_only and not navigate.needs_review(beads[st.cursor]):
            nxt = navigate.next_flagged(st.alignment, st.cursor)
            if nxt is None:
                nxt = next(k for k, b in enumerate(beads) if navigate.needs_review(b))
            self.session = st.moved(nxt)
        self.refresh_view()

    def action_toggle_bidi(self) -> None:
        self.visual_order = not self.visual_order
        self.notify("Arabic in " + ("visual order (for terminals without bidi)"
                                    if self.visual_order else
                                    "logical order (for terminals with bidi)"))
        self.refresh_view()

    def action_verdict(self) -> None:
        verdict = self.verdict()
        if verdict is None:
            self.notify("please wait: loading", severity="warning")
            return
        self.push_screen(VerdictScreen(verdict))

    def action_help(self) -> None:
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding)]
        shown = [Binding(b.key, b.action, b.tooltip or b.description,
                         key_display=b.key_display) for b in bindings]
        self.push_screen(HelpScreen(shown))

    # Actions: editing --------------------------------------------------------------------

    def action_approve(self) -> None:
        """Approve the bead and move on to the next row (as a CAT tool's confirm does), or
        take the approval back and stay; ``--approve-stays`` keeps the cursor in place."""
        def toggle(al: Alignment, k: int) -> Alignment:
            status = "auto" if al.beads[k].status == "approved" else "approved"
            return edit.set_status(al, k, status)

        def after(k: int, old: Alignment, new: Alignment) -> int:
            if not self.approve_advances or new.beads[k].status != "approved":
                return k
            rows = navigate.visible_rows(new, self.flagged_only, k)
            return next((r for r in rows if r > k), k)

        self._apply(toggle, after)

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
        """Save and quit; if the work cannot be saved, ask what to do with it."""
        if isinstance(self.screen, QuitScreen):
            return  # ctrl+q again while asking
        if self.session is None or self.save():
            self.exit()
            return
        self._ask_before_quitting()

    def _ask_before_quitting(self, error: str = "") -> None:
        def done(choice: QuitChoice | None) -> None:
            if choice is None:
                return
            if choice.action == "discard":
                self.exit(return_code=1)
                return
            failed = self.save_as(Path(choice.path).expanduser())
            if failed:
                self._ask_before_quitting(failed)
            else:
                self.exit()

        self.push_screen(QuitScreen(f"could not save {self.session_path}: {self.save_error}",
                                    str(recovery_path(self.session_path)), error), done)


def make_app(
    session_path: str | Path,
    *,
    state: SessionState | None = None,
    inputs: Inputs | None = None,
    config: AlignConfig | None = None,
    visual_order: bool = True,
    stamp: Stamp | None = None,
    approve_advances: bool = True,
    carry: Sequence[Reviewed] = (),
) -> ReviewApp:
    """The review app for a loaded session (``state``) or for inputs to align first
    (``inputs``, aligned in a worker thread). The session is saved to ``session_path``;
    ``stamp`` is that file as it was read (``None``: as it is now); ``approve_advances``:
    ``a`` moves to the next bead after approving; ``carry``: review work of an earlier
    version of the inputs, put back on the new alignment (``align.review.carry``)."""
    return ReviewApp(session_path, state=state, inputs=inputs, config=config,
                     visual_order=visual_order, stamp=stamp, approve_advances=approve_advances,
                     carry=carry)
