"""The split dialog: choose where a bead is cut, on each side.

Every cut that leaves sentences in both parts is offered, described by the sentence numbers
inside the bead (``E1`` is the bead's first English sentence); the sentences are listed
above so that the numbers mean something.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ..align.types import Alignment
from .detail import ArabicText


def _part(prefix: str, n0: int, n1: int) -> str:
    if n0 >= n1:
        return "—"
    return f"{prefix}{n0 + 1}" if n1 - n0 == 1 else f"{prefix}{n0 + 1}–{n1}"


def split_points(ne: int, na: int) -> list[tuple[int, int]]:
    """Every ``(en_at, ar_at)`` cut of an ``ne``-``na`` bead that leaves both parts with a
    sentence; the diagonal cuts (one sentence of each side together) first."""
    cuts = [(e, a) for e in range(ne + 1) for a in range(na + 1)
            if (e, a) not in ((0, 0), (ne, na))]
    return sorted(cuts, key=lambda c: (not (0 < c[0] < ne and 0 < c[1] < na), c))


def describe(cut: tuple[int, int], ne: int, na: int) -> str:
    """``E1 + A1   |   E2–3 + A2``."""
    e, a = cut
    return (f"{_part('E', 0, e)} + {_part('A', 0, a)}   |   "
            f"{_part('E', e, ne)} + {_part('A', a, na)}")


class SplitScreen(ModalScreen[tuple[int, int] | None]):
    """Enter splits at the highlighted cut; escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="split-cancel"),
    ]

    def __init__(self, al: Alignment, k: int, visual_order: bool = True) -> None:
        super().__init__()
        self.al, self.k, self.visual_order = al, k, visual_order
        bead = al.beads[k]
        self.cuts = split_points(len(bead.en), len(bead.ar))

    def compose(self) -> ComposeResult:
        bead = self.al.beads[self.k]
        with Vertical(id="dialog", classes="dialog"):
            yield Label(f"Split bead {self.k + 1} ({bead.type})", classes="dialog-title")
            yield Label("↑ ↓: choose the cut · enter: split here · esc: cancel", classes="dim")
            with VerticalScroll(id="split-sents"):
                for n, i in enumerate(bead.en):
                    yield Static(
                        Text.assemble((f"E{n + 1} ", "bold"), self.al.en_sents[i].text),
                        classes="split-sent",
                    )
                for n in range(len(bead.ar)):
                    yield ArabicText(id=f"split-ar-{n}", classes="split-sent")
            yield OptionList(
                *(Option(describe(c, len(bead.en), len(bead.ar)), id=f"{c[0]}:{c[1]}")
                  for c in self.cuts),
                id="split-options",
            )

    def on_mount(self) -> None:
        bead = self.al.beads[self.k]
        for n, j in enumerate(bead.ar):
            text = f"A{n + 1} " + self.al.ar_sents[j].text
            self.query_one(f"#split-ar-{n}", ArabicText).set(text, (), self.visual_order)
        options = self.query_one("#split-options", OptionList)
        options.highlighted = 0 if self.cuts else None
        options.focus()

    @on(OptionList.OptionSelected, "#split-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.cuts[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
