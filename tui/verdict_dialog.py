"""The document verdict: a banner above the beads when it is not ``parallel``, and its
evidence on ``v``.

The verdict itself is the library's (``align.quality.verdict.document_verdict``, the same
one ``tawazi align`` warns with and JSONL, TMX and batch reports carry); these widgets only
lay it out. The banner takes a line only when the texts do not look like translations of
each other: the beads of such a pair are not worth approving one by one, and a reviewer must
see that before starting. The screen gives the evidence, one line per piece, with what the
label means for the review.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..align.quality.verdict import Verdict

#: What each verdict means for the person reviewing the beads.
MEANINGS = {
    "parallel": "The two texts read as translations of each other.",
    "partly parallel": "The pairs are translations, but one side has a large share of text "
                       "that pairs with nothing (extra material).",
    "comparable": "Same topic, few translated sentences: most beads pair sentences that are "
                  "not translations of each other. 'tawazi mine' finds the ones that are.",
    "unrelated": "The texts do not look related: almost nothing pairs as a translation.",
}

#: The style of each verdict's name.
STYLES = {"parallel": "bold green", "partly parallel": "bold yellow",
          "comparable": "bold red", "unrelated": "bold red"}


def evidence_table(v: Verdict) -> Table:
    """The evidence, one row each: what was measured and its value."""
    t = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=False)
    t.add_column(style="bold cyan", no_wrap=True)
    t.add_column(justify="right", no_wrap=True)
    t.add_row("confidently translated (score ≥ 0.5)", f"{v.confident:.0%} of the paired text")
    t.add_row("low lexical coverage", f"{v.low_coverage:.0%} of the paired text")
    t.add_row("numbers or dates disagree", f"{v.anchor_mismatch:.0%} of the paired text")
    t.add_row("English paired with nothing", f"{v.unpaired_en:.0%} of the English")
    t.add_row("Arabic paired with nothing", f"{v.unpaired_ar:.0%} of the Arabic")
    t.add_row("length drift (median |z|)", f"{v.length_drift:.1f}")
    return t


def banner_text(v: Verdict) -> Text:
    """``⚠ Not a parallel text (verdict: comparable); press v for the evidence``: one
    line at 80 columns."""
    return Text.assemble(("⚠ Not a parallel text", "bold"), " (verdict: ",
                         (v.label, STYLES[v.label]), "); press v for the evidence")


class VerdictBanner(Static):
    """One line over the beads while the verdict is not ``parallel``; hidden otherwise."""

    def show(self, verdict: Verdict | None) -> None:
        shown = verdict is not None and not verdict.parallel
        self.set_class(shown, "active")
        self.update(banner_text(verdict) if shown and verdict is not None else "")


class VerdictScreen(ModalScreen[None]):
    """The verdict, its meaning and its evidence; escape, ``v`` or ``q`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,v,q", "close", "Close", id="close-verdict"),
    ]

    def __init__(self, verdict: Verdict) -> None:
        super().__init__()
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        v = self.verdict
        with Vertical(id="verdict-box", classes="dialog"):
            yield Label(Text.assemble("Document verdict: ",
                                      (v.label, STYLES.get(v.label, "bold"))),
                        id="verdict-title", classes="dialog-title")
            yield Static(MEANINGS.get(v.label, ""), id="verdict-meaning")
            yield Static(evidence_table(v), id="verdict-evidence")
            yield Static("Shares of the text in characters, recomputed after every edit. "
                         "esc closes.", classes="dim")

    def action_close(self) -> None:
        self.dismiss(None)
