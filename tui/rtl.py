"""Arabic for a terminal that has no bidi: wrapped, reordered and highlighted, as Rich text.

``align.display.layout`` wraps the logical text and then reorders each line (wrapping after
reordering would put the end of the sentence on the first line). Highlights cannot be carried
through python-bidi, which returns a string without the reordering map, so a highlighted
word is found again in the reordered line by its own reordered form, at word boundaries. A
word that occurs twice on a line is then highlighted twice, which is harmless: it is the same
word.

python-bidi leaves combining marks (Arabic diacritics) *before* their base letter once a
right-to-left run is reversed; a terminal draws a mark on the cell before it, so ``مَر`` would
show its fatha on the wrong letter. ``marks_after_base`` applies rule L3 of the bidi
algorithm (move such marks after their base), which python-bidi leaves to the renderer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rich.text import Text

from align.display import layout, visual

_MARKS_BEFORE_RTL = re.compile(r"([\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670"
                               r"\u06d6-\u06ed\u08d3-\u08ff]+)(.)", re.S)


def marks_after_base(line: str) -> str:
    """Rule L3: a run of combining marks followed by a right-to-left letter (where reversal
    put it) moves after that letter.

    >>> [hex(ord(c)) for c in marks_after_base("\u064e\u0645")]
    ['0x645', '0x64e']
    """

    def fix(m: re.Match[str]) -> str:
        base = m.group(2)
        if unicodedata.bidirectional(base) in ("R", "AL"):
            return base + m.group(1)
        return m.group(0)

    return _MARKS_BEFORE_RTL.sub(fix, line)


def rtl_layout(text: str, width: int, *, visual_order: bool = True) -> list[str]:
    """``align.display.layout`` for Arabic, with diacritics kept on their letters."""
    lines = layout(text, width, rtl=True, visual_order=visual_order)
    return [marks_after_base(x) for x in lines] if visual_order else lines


def shown_word(word: str, visual_order: bool) -> str:
    """How one Arabic word appears in a line of ``rtl_layout``."""
    return marks_after_base(visual(word, True)) if visual_order else word


def _word_re(shown: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(shown)}(?!\w)")


def rtl_lines(
    text: str,
    width: int,
    *,
    visual_order: bool = True,
    marks: Iterable[tuple[str, str]] = (),
) -> list[Text]:
    """Lines of exactly ``width`` cells, right-aligned, with each ``(phrase, style)`` of
    ``marks`` highlighted wherever its words appear."""
    lines = rtl_layout(text, width, visual_order=visual_order)
    pats: list[tuple[re.Pattern[str], str]] = []
    for phrase, style in marks:
        for word in phrase.split():
            pats.append((_word_re(shown_word(word, visual_order)), style))
    out = []
    for line in lines:
        t = Text(line, no_wrap=True, end="")
        for pat, style in pats:
            for m in pat.finditer(line):
                t.stylize(style, m.start(), m.end())
        out.append(t)
    return out


def truncate(lines: list[str], limit: int, *, rtl: bool) -> list[str]:
    """At most ``limit`` lines; when text is cut, the last line shows ``…`` where the text
    goes on (at its right end for English, at its left end for visual-order Arabic)."""
    if len(lines) <= limit:
        return lines
    kept = lines[:limit]
    last = kept[-1]
    if rtl:
        kept[-1] = "…" + last[1:]
    else:
        body = last.rstrip()
        if len(body) >= len(last):
            body = body[:-1]
        kept[-1] = (body + "…").ljust(len(last))
    return kept
