"""The dialog shown when ``q`` would leave unsaved work behind (a read-only folder, a full
disk, a session file changed by another program): save it elsewhere, quit without saving,
or go back to the review. Leaving without a word would lose the work the status bar had
marked NOT SAVED."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


@dataclass(frozen=True, slots=True)
class QuitChoice:
    """``save`` (to ``path``) or ``discard`` (quit without saving)."""

    action: str
    path: str = ""


def recovery_path(session: Path) -> Path:
    """A free name to offer: ``NAME.recovered.json`` beside the session (then ``-2`` ...);
    the user can type a folder that is writable instead."""
    stem = session.name.removesuffix(".json")
    for n in itertools.count(1):
        p = session.with_name(f"{stem}.recovered{'' if n == 1 else f'-{n}'}.json")
        if not p.exists():
            return p
    raise AssertionError("unreachable")


class QuitScreen(ModalScreen[QuitChoice | None]):
    """Enter in the path field saves there; escape (or Cancel) goes back to the review."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="quit-cancel-key"),
    ]

    def __init__(self, reason: str, suggested: str, error: str = "") -> None:
        super().__init__()
        self.reason, self.suggested, self.error = reason, suggested, error

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("The review is NOT SAVED", classes="dialog-title")
            yield Label(self.reason)
            if self.error:
                yield Label(self.error, id="quit-error", classes="error")
            yield Label("Save it to another file:")
            yield Input(value=self.suggested, id="quit-path")
            with Horizontal(id="quit-buttons"):
                yield Button("Save there and quit", id="quit-save", variant="primary")
                yield Button("Quit without saving", id="quit-discard", variant="error")
                yield Button("Cancel", id="quit-cancel")
            yield Label("enter: save there · tab: next button · esc: back to the review",
                        classes="dim")

    def on_mount(self) -> None:
        self.query_one("#quit-path", Input).focus()

    @on(Input.Submitted, "#quit-path")
    @on(Button.Pressed, "#quit-save")
    def _save(self) -> None:
        self.dismiss(QuitChoice("save", self.query_one("#quit-path", Input).value.strip()))

    @on(Button.Pressed, "#quit-discard")
    def _discard(self) -> None:
        self.dismiss(QuitChoice("discard"))

    @on(Button.Pressed, "#quit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
