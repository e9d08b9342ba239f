"""The search prompt (``/``): one line at the bottom, like a pager's.

Textual's input field has no bidi, so an Arabic query shows in logical order while it is
typed (backwards on a terminal without bidi); the line under it shows the query as it reads,
in visual order like the rows, as soon as it holds Arabic.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..align.review.display import has_rtl, inline


class SearchScreen(ModalScreen[str | None]):
    """Enter searches both languages from the current bead on; escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="search-cancel"),
    ]

    def __init__(self, last: str = "", visual_order: bool = True) -> None:
        super().__init__()
        self.last, self.visual_order = last, visual_order

    def compose(self) -> ComposeResult:
        with Vertical(id="search-bar"):
            with Horizontal(id="search-line"):
                yield Label("search: ")
                yield Input(value=self.last, id="search-input",
                            placeholder="English or Arabic (diacritics ignored)")
            yield Label(id="search-preview", classes="dim")

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()  # the last query, selected
        self._show(self.last)

    def _show(self, query: str) -> None:
        preview = self.query_one("#search-preview", Label)
        preview.display = self.visual_order and has_rtl(query)
        preview.update("reads: " + inline(query, self.visual_order))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#search-input")
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
