"""The help screen (``?``): every key of the review, generated from the bindings so that
it cannot fall out of date."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

#: Keys the bead table handles itself.
TABLE_KEYS = (
    ("↑ ↓", "move to the previous / next bead"),
    ("PgUp PgDn", "move a page up / down"),
    ("Home End", "move to the first / last bead"),
    ("mouse", "click a row to move to it"),
    ("ctrl+q", "quit (Textual's own key; the session is saved after every change)"),
)


def key_label(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return " ".join(k.strip() for k in binding.key.split(","))


def help_table(bindings: Iterable[Binding]) -> Table:
    """Two columns: the keys and what they do."""
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=False)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for keys, what in TABLE_KEYS:
        table.add_row(keys, what)
    for b in bindings:
        table.add_row(key_label(b), b.description)
    return table


class HelpScreen(ModalScreen[None]):
    """A scrollable list of the keys; any of escape, ``?`` or ``q`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close help", id="close-help"),
    ]

    def __init__(self, bindings: Iterable[Binding]) -> None:
        super().__init__()
        self.listed = list(bindings)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("tawazi review — keys", style="bold"))
            yield Static(help_table(self.listed))
            yield Static(Text(
                "Every change is saved to the session file at once; undo and redo have no "
                "limit and survive a restart.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
