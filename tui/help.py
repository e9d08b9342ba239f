"""The help screen (``?``): every key of the review, generated from the bindings so that
it cannot fall out of date."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
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
    """A scrollable list of the keys; any of escape, ``?`` or ``q`` closes it, as the line
    at its foot says (it stays in view however far the list is scrolled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close help", id="close-help"),
    ]

    def __init__(self, bindings: Iterable[Binding]) -> None:
        super().__init__()
        self.listed = list(bindings)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(self.listed))
                yield Static(Text(
                    "Every change is saved to the session file at once; undo and redo have "
                    "no limit and survive a restart.", style="dim"))
            yield Static(Text.assemble(("esc", "bold"), " closes · ", ("↑ ↓ PgUp PgDn", "bold"),
                                       " scroll"), id="help-foot")

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "tawazi review — keys"
        self.query_one("#help-scroll").focus()  # so that the arrows and pages scroll it

    def action_close(self) -> None:
        self.dismiss(None)
