"""The edit dialog: a reviewer's own text for one side of a bead, kept apart from the
original (both are exported; see ``align.review.edit.edit_text``).

Textual's input field has no bidi, so Arabic typed into it shows in logical order (backwards
on a terminal without bidi); the line under the field, ``reads:``, shows the text as it will
read, laid out like the table, and follows every keystroke. What is saved is the logical
text, as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ..align.review.display import has_rtl
from .detail import ArabicText


@dataclass(frozen=True, slots=True)
class EditResult:
    """The text to keep; ``None`` restores the original."""

    text: str | None


class EditScreen(ModalScreen[EditResult | None]):
    """Enter keeps the text, escape cancels, ctrl+r restores the original."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="edit-cancel"),
        Binding("ctrl+r", "revert", "Restore original", id="edit-revert"),
    ]

    def __init__(self, title: str, lang: str, current: str, original: str,
                 visual_order: bool = True) -> None:
        super().__init__()
        self.title_text, self.lang = title, lang
        self.current, self.original, self.visual_order = current, original, visual_order

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            # A correction is usually a few words added or changed, not a new sentence: the
            # cursor starts at the end with nothing selected, so typing appends.
            yield Input(value=self.current, id="edit-input", select_on_focus=False)
            yield Label("reads:", id="edit-reads", classes="dim")
            yield ArabicText(id="edit-preview", rtl=self.lang == "ar")
            yield Label("original:", classes="dim")
            if self.lang == "ar":
                yield ArabicText(id="edit-original")
            else:
                yield Static(self.original, id="edit-original")
            yield Label("enter: keep · esc: cancel · ctrl+r: restore the original",
                        classes="dim")

    def on_mount(self) -> None:
        self._preview_text(self.current)
        if self.lang == "ar":
            self.query_one("#edit-original", ArabicText).set(self.original, (),
                                                              self.visual_order)
        field = self.query_one("#edit-input", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def _preview_text(self, text: str) -> None:
        """Show the text as it will read: always for Arabic, for English once it holds
        Arabic (a quoted name, say); plain English reads the same in the field."""
        shown = self.visual_order and (self.lang == "ar" or has_rtl(text))
        for widget in (self.query_one("#edit-reads"), self.query_one("#edit-preview")):
            widget.display = shown
        self.query_one("#edit-preview", ArabicText).set(text, (), self.visual_order)

    @on(Input.Changed, "#edit-input")
    def _preview(self, event: Input.Changed) -> None:
        self._preview_text(event.value)

    @on(Input.Submitted, "#edit-input")
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(EditResult(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_revert(self) -> None:
        self.dismiss(EditResult(None))
