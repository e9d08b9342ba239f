"""The detail panel: the whole current bead, its matched words highlighted, its flags explained.

English is a Rich text that the panel wraps; Arabic is laid out by ``ArabicText`` at the
panel's width (wrapped in logical order, reordered, right-aligned), because a terminal
without bidi cannot be left to wrap it. Highlights come from the aligner's own features
(``align.review.highlight``), so what is highlighted is what the aligner used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from ..align.review.display import layout
from ..align.review.highlight import Highlight, matched_words
from ..align.types import Alignment, Flag
from .rtl import rtl_lines

if TYPE_CHECKING:
    from ..align.evidence.lexicon import Lexicon

#: How each kind of highlight is drawn on both sides (the legend counts the matched words).
HIGHLIGHT_STYLES = {
    "number": "bold black on #d7af5f",
    "date": "bold black on #87afd7",
    "name": "bold black on #afd787",
    "lexicon": "underline",
}


class ArabicText(Widget):
    """Arabic text laid out for a terminal without bidi, at this widget's width; with
    ``rtl=False``, English that may quote Arabic (left-aligned, Arabic runs reordered)."""

    DEFAULT_CSS = "ArabicText { height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 rtl: bool = True) -> None:
        super().__init__(id=id, classes=classes)
        self.rtl = rtl
        self.text = ""
        self.marks: tuple[tuple[str, str], ...] = ()
        self.visual_order = True

    def set(self, text: str, marks: Sequence[tuple[str, str]] = (),
            visual_order: bool = True) -> None:
        self.text, self.marks, self.visual_order = text, tuple(marks), visual_order
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        if not self.rtl:
            return [Text(line.rstrip(), end="", no_wrap=True) for line in
                    layout(self.text, max(1, width), rtl=False, visual_order=self.visual_order)]
        return rtl_lines(self.text, max(1, width), visual_order=self.visual_order,
                         marks=self.marks)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n", end="").join(self._lines(self.size.width))


def _english(text: str, highlights: Sequence[Highlight], style: str = "") -> Text:
    t = Text(text, style=style)
    for a in highlights:
        t.stylize(HIGHLIGHT_STYLES[a.kind], a.start, a.end)
    return t


def sentences(lang: str, idx: tuple[int, ...]) -> str:
    """Which sentences of one side a bead holds, worded so that the numbers cannot be
    read as counts: ``EN sentence 3``, ``AR sentences 4–5``, ``no AR sentence``.

    >>> sentences("en", (2,)), sentences("ar", (3, 4)), sentences("ar", ())
    ('EN sentence 3', 'AR sentences 4–5', 'no AR sentence')
    """
    side = lang.upper()
    if not idx:
        return f"no {side} sentence"
    if len(idx) == 1:
        return f"{side} sentence {idx[0] + 1}"
    return f"{side} sentences {idx[0] + 1}–{idx[-1] + 1}"


def headline(al: Alignment, k: int) -> Text:
    """``Bead 4/17 · 1-2 · score 0.83 · not approved · EN sentence 3 · AR sentences 4–5``."""
    bead = al.beads[k]
    t = Text.assemble(
        (f"Bead {k + 1}/{len(al.beads)}", "bold"), f" · {bead.type} · score ",
        (f"{bead.score:.2f}", "bold"), " · ",
        ("approved" if bead.status == "approved" else "not approved",
         "green" if bead.status == "approved" else "dim"),
        f" · {sentences('en', bead.en)} · {sentences('ar', bead.ar)}",
    )
    if bead.en_edit is not None or bead.ar_edit is not None:
        t.append(" · edited", "yellow")
    return t


def flag_lines(flags: Sequence[Flag], width: int, visual_order: bool = True) -> list[Text]:
    """Each flag, its code and the scorer's explanation, wrapped to ``width`` cells and then
    put in visual order line by line, as the rows are: an explanation quotes the Arabic
    (``the Arabic adds “…”``), which a terminal without bidi would show backwards."""
    if not flags:
        return [Text("no flags", style="dim", end="")]
    out: list[Text] = []
    for f in flags:
        head = f"⚑ {f.code}"
        text = head + (f" — {f.detail}" if f.detail else "")
        for n, line in enumerate(layout(text, max(1, width), rtl=False,
                                        visual_order=visual_order)):
            t = Text(line.rstrip(), end="", no_wrap=True)
            if n == 0:  # a line that starts left-to-right keeps its start in place
                t.stylize("bold red", 0, 1)
                t.stylize("bold", 2, len(head))
            out.append(t)
    return out


class FlagList(Widget):
    """The flags of the current bead, laid out at this widget's width."""

    DEFAULT_CSS = "FlagList { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.flags: tuple[Flag, ...] = ()
        self.visual_order = True

    def set(self, flags: Sequence[Flag], visual_order: bool = True) -> None:
        self.flags, self.visual_order = tuple(flags), visual_order
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(flag_lines(self.flags, width, self.visual_order))

    def render(self) -> Text:
        return Text("\n", end="").join(flag_lines(self.flags, self.size.width,
                                                   self.visual_order))


def legend(en: Sequence[Highlight], ar: Sequence[Highlight]) -> Text:
    """Which colours mean what, and how many words of each kind matched."""
    t = Text("matched words: ", style="dim")
    for kind, style in HIGHLIGHT_STYLES.items():
        n = sum(a.kind == kind for a in en)
        t.append(kind, style)
        t.append(f" {n}  ")
    if not en and not ar:
        t.append("(none matched)", "dim")
    return t


class DetailPanel(VerticalScroll):
    """Full text of the current bead, highlights, original text of edits, and flags."""

    def compose(self) -> ComposeResult:
        yield Static(id="d-head")
        yield Static(id="d-en")
        yield Static(id="d-en-orig", classes="original")
        yield ArabicText(id="d-ar")
        yield ArabicText(id="d-ar-orig", classes="original")
        yield Static(id="d-legend")
        yield FlagList(id="d-flags")

    def show(self, al: Alignment, k: int, lexicon: Lexicon | None, visual_order: bool) -> None:
        """Show bead ``k``; ``lexicon`` is ``None`` until it has loaded, and highlights are
        shown from then on."""
        if not al.beads:
            return
        bead = al.beads[k]
        en, ar = al.bead_text(bead, "en"), al.bead_text(bead, "ar")
        highlights: tuple[list[Highlight], list[Highlight]] = ([], [])
        if lexicon is not None:
            highlights = matched_words(en, ar, lexicon)
        self.query_one("#d-head", Static).update(headline(al, k))
        en_shown = _english(en, highlights[0]) if en else Text("(no English)", style="dim")
        self.query_one("#d-en", Static).update(en_shown)
        en_orig = self.query_one("#d-en-orig", Static)
        en_orig.display = bead.en_edit is not None
        if bead.en_edit is not None:
            en_orig.update(Text("original: " + al.bead_text(bead, "en", edited=False)))
        marks = [(a.text, HIGHLIGHT_STYLES[a.kind]) for a in highlights[1]]
        self.query_one("#d-ar", ArabicText).set(ar or "(no Arabic)", marks, visual_order)
        ar_orig = self.query_one("#d-ar-orig", ArabicText)
        ar_orig.display = bead.ar_edit is not None
        if bead.ar_edit is not None:
            ar_orig.set("الأصل: " + al.bead_text(bead, "ar", edited=False), (), visual_order)
        self.query_one("#d-legend", Static).update(legend(*highlights))
        self.query_one("#d-flags", FlagList).set(bead.flags, visual_order)
