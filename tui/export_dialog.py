"""The export dialog: a format of ``align.formats.WRITERS`` and a path.

The writers are the CLI's own, so an export from the review is byte for byte what
``tawazi align -o`` writes: statuses and edits included (TSV and JSONL keep both texts; TMX
and Moses write the edit, TMX keeping the original in a property).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select

from ..align.formats import EXTENSIONS, WRITERS


@dataclass(frozen=True, slots=True)
class ExportChoice:
    fmt: str
    path: str
    include_unaligned: bool = False


def extension(fmt: str) -> str:
    """The usual extension of a format (``moses`` -> ``.txt``)."""
    return next(ext for ext, f in EXTENSIONS.items() if f == fmt)


def default_export_path(first_input: str, fmt: str) -> str:
    """``article.reviewed.tmx`` next to the first input."""
    p = Path(first_input)
    stem = p.name.removesuffix(".tawazi.json")
    stem = Path(stem).stem if stem == p.name else stem
    return str(p.with_name(f"{stem}.reviewed{extension(fmt)}"))


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Tab moves between the fields, enter in the path field exports, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
    ]

    def __init__(self, first_input: str, fmt: str = "tmx") -> None:
        super().__init__()
        self.first_input, self.fmt = first_input, fmt

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("Export the reviewed alignment", classes="dialog-title")
            yield Select([(f, f) for f in WRITERS], value=self.fmt, allow_blank=False,
                         id="export-format")
            yield Input(value=default_export_path(self.first_input, self.fmt),
                        id="export-path")
            yield Checkbox("include one-sided beads (TMX, Moses)", id="export-unaligned")
            yield Label("enter: export · tab: next field · esc: cancel", classes="dim")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format(self, event: Select.Changed) -> None:
        fmt = str(event.value)
        path = self.query_one("#export-path", Input)
        if fmt != self.fmt:
            old = Path(path.value)
            path.value = str(old.with_suffix(extension(fmt)))
            self.fmt = fmt

    @on(Input.Submitted, "#export-path")
    def _submit(self, event: Input.Submitted) -> None:
        unaligned = self.query_one("#export-unaligned", Checkbox).value
        self.dismiss(ExportChoice(self.fmt, event.value.strip(), unaligned))

    def action_cancel(self) -> None:
        self.dismiss(None)
