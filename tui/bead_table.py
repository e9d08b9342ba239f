"""The bead table: one row per bead, English on the left, Arabic on the right.

A line-API widget rather than Textual's ``DataTable``: a DataTable measures every cell of
every row whenever it is refilled (half a second per edit at 3,000 beads), while this table
lays out only what is on screen, plus the row heights, which are cached by text and width.

Text columns get a fixed width computed from the window. English is wrapped; Arabic is
wrapped in logical order, then reordered for a terminal without bidi and right-aligned
(``tui.rtl``). Rows are at most ``MAX_LINES`` high, so that several beads fit on an 80x24
screen; the detail panel shows the whole text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from ..align.review.display import layout
from ..align.types import Alignment, Bead
from .messages import CursorMoved
from .rtl import rtl_layout, truncate

MAX_LINES = 3
#: Widths of the bead number (with the review mark), type and score columns.
NUM, TYPE, SCORE = 5, 4, 5
#: Cells that are not English or Arabic text on a line: margins, gaps, the separator.
FIXED = 1 + NUM + 2 + TYPE + 2 + SCORE + 2 + 3 + 1
SEP = " │ "


def score_style(score: float) -> str:
    """Green for a trustworthy bead, yellow for one to look at, red for a likely error."""
    if score >= 0.8:
        return "green"
    if score >= 0.5:
        return "yellow"
    return "bold red"


def marker(bead: Bead) -> tuple[str, str]:
    """One character for the review state: approved, flagged, edited, or nothing."""
    if bead.status == "approved":
        return "✓", "bold green"
    if bead.flags:
        return "⚑", "bold red"
    if bead.en_edit is not None or bead.ar_edit is not None:
        return "✎", "yellow"
    return " ", ""


def text_widths(total: int) -> tuple[int, int]:
    """Widths of the English and Arabic columns on a line ``total`` cells wide."""
    free = max(20, total - FIXED)
    return free // 2, free - free // 2


@lru_cache(maxsize=100_000)
def text_lines(text: str, width: int, rtl: bool, visual_order: bool) -> tuple[str, ...]:
    """A text cell as lines of exactly ``width`` cells, at most ``MAX_LINES`` of them."""
    lines = (rtl_layout(text, width, visual_order=visual_order) if rtl
             else layout(text, width, rtl=False))
    return tuple(truncate(lines, MAX_LINES, rtl=rtl and visual_order))


class BeadList(ScrollView, can_focus=True):
    """The rows; the app owns the alignment and calls ``show`` after every change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Previous bead", show=False),
        Binding("down", "cursor_down", "Next bead", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First bead", show=False),
        Binding("end", "last", "Last bead", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"bead-list--cursor", "bead-list--odd"}
    DEFAULT_CSS = """
    BeadList { overflow-y: scroll; scrollbar-size-vertical: 1; }
    BeadList > .bead-list--cursor { background: $primary 45%; text-style: bold; }
    BeadList:blur > .bead-list--cursor { background: $primary 25%; }
    BeadList > .bead-list--odd { background: $boost; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.al: Alignment | None = None
        self.rows: list[int] = []
        self.cursor = 0
        self.visual_order = True
        self.starts: list[int] = [0]
        self.widths = (0, 0)

    # Filling -------------------------------------------------------------------------

    def show(self, al: Alignment, rows: Sequence[int], cursor: int, visual_order: bool) -> None:
        """Show beads ``rows`` of ``al`` with the cursor on row ``cursor``."""
        self.al, self.rows, self.visual_order = al, list(rows), visual_order
        self.cursor = max(0, min(cursor, len(self.rows) - 1))
        self._relayout()

    def line_width(self) -> int:
        return self.scrollable_content_region.width or self.app.size.width - 1

    def _relayout(self) -> None:
        total = self.line_width()
        self.widths = text_widths(total)
        starts = [0]
        for k in self.rows:
            starts.append(starts[-1] + self._height(k))
        self.starts = starts
        self.virtual_size = Size(total, starts[-1])
        self.refresh()
        self._scroll_to_cursor()

    def _height(self, k: int) -> int:
        assert self.al is not None
        bead = self.al.beads[k]
        w_en, w_ar = self.widths
        en = text_lines(self.al.bead_text(bead, "en"), w_en, False, self.visual_order)
        ar = text_lines(self.al.bead_text(bead, "ar"), w_ar, True, self.visual_order)
        return max(len(en), len(ar))

    def on_resize(self, event: events.Resize) -> None:
        if self.al is not None and text_widths(self.line_width()) != self.widths:
            self._relayout()

    # Drawing -------------------------------------------------------------------------

    def _row_line(self, r: int, line: int) -> Text:
        """Line ``line`` of row ``r`` as styled text."""
        assert self.al is not None
        k = self.rows[r]
        bead = self.al.beads[k]
        w_en, w_ar = self.widths
        en = text_lines(self.al.bead_text(bead, "en"), w_en, False, self.visual_order)
        ar = text_lines(self.al.bead_text(bead, "ar"), w_ar, True, self.visual_order)
        t = Text(" ", end="", no_wrap=True)
        if line == 0:
            mark, mark_style = marker(bead)
            t.append(mark, mark_style)
            t.append(f"{k + 1:>{NUM - 1}}  {bead.type:<{TYPE}}  ")
            t.append(f"{bead.score:.2f}"[:SCORE].ljust(SCORE), score_style(bead.score))
            t.append("  ")
        else:
            t.append(" " * (NUM + 2 + TYPE + 2 + SCORE + 2))
        t.append(en[line] if line < len(en) else " " * w_en,
                 "italic" if bead.en_edit is not None else "")
        t.append(SEP, "dim")
        t.append(ar[line] if line < len(ar) else " " * w_ar,
                 "italic" if bead.ar_edit is not None else "")
        t.append(" ")
        return t

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        y += scroll_y
        if self.al is None or y >= self.starts[-1]:
            return Strip.blank(width, base)
        r = bisect_right(self.starts, y) - 1
        text = self._row_line(r, y - self.starts[r])
        segments = list(text.render(self.app.console, end=""))
        strip = Strip(segments).crop_extend(
            scroll_x, scroll_x + width, None)
        if r == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("bead-list--cursor"))
        elif r % 2:
            strip = strip.apply_style(self.get_component_rich_style("bead-list--odd"))
        return strip.apply_style(base)

    # Moving --------------------------------------------------------------------------

    def _scroll_to_cursor(self) -> None:
        if not self.rows:
            return
        top, bottom = self.starts[self.cursor], self.starts[self.cursor + 1]
        self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, force=True)

    def move_to(self, row: int) -> None:
        """Put the cursor on ``row`` and tell the app which bead that is."""
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        if row != self.cursor:
            self.cursor = row
            self.refresh()
        self._scroll_to_cursor()
        self.post_message(CursorMoved(self.rows[row]))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def _page_rows(self) -> int:
        """About one screen of rows from the cursor."""
        target = self.starts[self.cursor] + max(1, self.size.height - 1)
        return max(1, bisect_right(self.starts, target) - 1 - self.cursor)

    def action_page_down(self) -> None:
        if self.rows:
            self.move_to(self.cursor + self._page_rows())

    def action_page_up(self) -> None:
        if self.rows:
            target = max(0, self.starts[self.cursor] - max(1, self.size.height - 1))
            self.move_to(min(self.cursor - 1, bisect_right(self.starts, target) - 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        y = event.y + self.scroll_offset.y
        if self.rows and 0 <= y < self.starts[-1]:
            self.move_to(bisect_right(self.starts, y) - 1)


def header_text(total: int) -> Text:
    """The column titles, aligned with the rows of a table ``total`` cells wide."""
    w_en, w_ar = text_widths(total)
    return Text.assemble(
        " ", "#".rjust(NUM), "  ", "Type"[:TYPE].ljust(TYPE), "  ", "Score"[:SCORE], "  ",
        "English".ljust(w_en), SEP, "Arabic".rjust(w_ar), " ",
        style="bold", end="", no_wrap=True,
    )


class BeadTable(Vertical):
    """The column titles and the rows."""

    DEFAULT_CSS = """
    BeadTable { height: 1fr; }
    BeadTable > #beads-head { height: 1; background: $primary 20%; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="beads-head")
        yield BeadList(id="bead-list")

    def show(self, al: Alignment, rows: Sequence[int], cursor: int, visual_order: bool) -> None:
        """Show beads ``rows`` of ``al`` with the cursor on row ``cursor``."""
        beads = self.query_one(BeadList)
        beads.show(al, rows, cursor, visual_order)
        self._head(beads)

    def _head(self, beads: BeadList) -> None:
        self.query_one("#beads-head", Static).update(header_text(beads.line_width()))

    def on_resize(self, event: events.Resize) -> None:
        self._head(self.query_one(BeadList))
