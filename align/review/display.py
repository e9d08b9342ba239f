"""Text layout for terminals: wrapping by display cells and right-to-left visual order.

Most terminals (xterm, tmux, Windows Terminal, the Linux console, Textual's renderer) draw
characters left to right in the order they receive them, so Arabic must be sent in *visual*
order. The order of operations matters: wrap the logical text first (so that the first line
holds the beginning of the sentence), then reorder each visual line with the Unicode bidi
algorithm (python-bidi). Reordering first and wrapping after would put the end of the sentence
on the first line. Letters are not reshaped into presentation forms: terminals that draw
Arabic at all join the letters themselves, and presentation forms break copy and search.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..text.arabic import ZERO_WIDTH

_MARKS_BEFORE_RTL = re.compile(r"([\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670"
                               r"\u06d6-\u06ed\u08d3-\u08ff]+)(.)", re.S)


def marks_after_base(line: str) -> str:
    """Rule L3 of the bidi algorithm, which python-bidi leaves to the renderer: a run of
    combining marks that reversal put before its right-to-left letter moves after it, since
    a terminal draws a mark on the cell before it (``مَر`` would show its fatha on the wrong
    letter).

    >>> [hex(ord(c)) for c in marks_after_base("\u064e\u0645")]
    ['0x645', '0x64e']
    """

    def fix(m: re.Match[str]) -> str:
        base = m.group(2)
        if unicodedata.bidirectional(base) in ("R", "AL"):
            return base + m.group(1)
        return m.group(0)

    return _MARKS_BEFORE_RTL.sub(fix, line)


def cell_width(text: str) -> int:
    """Display cells of ``text``: combining marks (Arabic diacritics) take none, wide East
    Asian characters two."""
    w = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in ZERO_WIDTH:
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap ``text`` (logical order) into lines of at most ``width`` cells at spaces; a word
    longer than a line is cut."""
    width = max(1, width)
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        cur_w = 0
        for word in para.split():
            ww = cell_width(word)
            while ww > width:  # cut an overlong word
                if cur:
                    lines.append(cur)
                    cur, cur_w = "", 0
                cut, cw = "", 0
                for ch in word:
                    c = cell_width(ch)
                    if cw + c > width:
                        break
                    cut, cw = cut + ch, cw + c
                lines.append(cut)
                word = word[len(cut) :]
                ww = cell_width(word)
            if not word:
                continue
            if cur and cur_w + 1 + ww > width:
                lines.append(cur)
                cur, cur_w = "", 0
            cur = f"{cur} {word}" if cur else word
            cur_w = cur_w + 1 + ww if cur_w else ww
        lines.append(cur)
    return lines or [""]


@lru_cache(maxsize=4096)
def visual(line: str, rtl: bool) -> str:
    """One line in visual (left-to-right display) order; base direction RTL for Arabic."""
    if not line:
        return line
    from bidi import get_display

    out: str = get_display(line, base_dir="R" if rtl else "L")
    return marks_after_base(out)


def starts_rtl(text: str) -> bool:
    """Whether the first letter with a direction is right-to-left (rule P2 of the bidi
    algorithm): the direction a line of unknown language is laid out in.

    >>> starts_rtl("26 كانون"), starts_rtl("the Arabic adds “كانون”"), starts_rtl("26")
    (True, False, False)
    """
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (and so needs reordering to be read)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def inline(text: str, visual_order: bool = True) -> str:
    """One line that may mix English and Arabic (a message, a search query, a file name),
    in visual order, in the direction of its first letter: what the rows do for Arabic,
    for every other place that shows text. Text without Arabic is returned as it is.

    >>> inline("no bead matches 'رويترز'") == "no bead matches '" + "رويترز"[::-1] + "'"
    True
    """
    if not visual_order or not has_rtl(text):
        return text
    return "\n".join(visual(line, starts_rtl(line)) for line in text.split("\n"))


def layout(text: str, width: int, *, rtl: bool, visual_order: bool = True) -> list[str]:
    """Lines of exactly ``width`` cells: wrapped, reordered and aligned (right for RTL)."""
    out = []
    for line in wrap_cells(text, width):
        shown = visual(line, rtl) if visual_order else line
        pad = " " * max(0, width - cell_width(shown))
        out.append(pad + shown if rtl else shown + pad)
    return out
