"""Arabic for a terminal that has no bidi: wrapped, reordered and highlighted, as Rich text.

``align.review.display.layout`` wraps the logical text and then reorders each line (wrapping after
reordering would put the end of the sentence on the first line). Highlights cannot be carried
through python-bidi, which returns a string without the reordering map, so a highlighted
word is found again in the reordered line by its own reordered form, at word boundaries. A
word that occurs twice on a line is then highlighted twice, which is harmless: it is the same
word.

Diacritics are kept on their letters by ``align.review.display.visual`` (bidi rule L3).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.text import Text

from ..align.review.display import layout, visual


def rtl_layout(text: str, width: int, *, visual_order: bool = True) -> list[str]:
    """``align.review.display.layout`` for Arabic, with diacritics kept on their letters."""
    return layout(text, width, rtl=True, visual_order=visual_order)


def shown_word(word: str, visual_order: bool) -> str:
    """How one Arabic word appears in a line of ``rtl_layout``."""
    return visual(word, True) if visual_order else word


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
