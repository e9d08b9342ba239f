"""Words to highlight in a bead: those whose match keys meet a word on the other side.

The aligner's own features (``align.evidence.features.units_en``/``units_ar``) give every content
word a set of keys (number value, month, weekday, name skeleton, lexicon glosses); a word is
highlighted when one of its keys is also a key of a word on the other side. The kind shown to
the reviewer is the strongest kind among the shared keys, so that a number that matched is
shown as a number and not as a mere dictionary hit.

A highlight is not a *mention* (:class:`align.evidence.mentions.Mention`): mentions are the
numbers, dates and names the fidelity score judges, including those with no counterpart;
highlights are every content word the aligner matched, dictionary hits included, which is
what a reviewer wants coloured when reading a bead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..evidence.features import Unit
    from ..evidence.lexicon import Lexicon

#: Kinds of highlights, strongest first (a word whose shared keys are of several kinds is
#: shown as the strongest).
HIGHLIGHT_KINDS = ("number", "date", "name", "lexicon")


@dataclass(frozen=True, slots=True)
class Highlight:
    """A matched word: ``[start, end)`` in its side's text, its text and its kind."""

    start: int
    end: int
    text: str
    kind: str


def key_kind(key: str) -> str:
    """``#26`` is a number, ``@m1``/``@d4`` a month or weekday, ``~lfrntf`` (consonant
    skeleton) or ``=lavrentyev`` (the Latin token) a name, anything else a lexicon stem.

    >>> [key_kind(k) for k in ("#151", "@m10", "~lfrntf", "=lavrentyev", "soldier")]
    ['number', 'date', 'name', 'name', 'lexicon']
    """
    if key.startswith("#"):
        return "number"
    if key.startswith("@"):
        return "date"
    if key.startswith(("~", "=")):
        return "name"
    return "lexicon"


def _matched(units: list[Unit], other: set[str]) -> list[Highlight]:
    out = []
    for u in units:
        shared = other.intersection(u.keys)
        if shared:
            kind = min((key_kind(k) for k in shared), key=HIGHLIGHT_KINDS.index)
            out.append(Highlight(u.start, u.end, u.text, kind))
    return out


def matched_words(en: str, ar: str, lexicon: Lexicon) -> tuple[list[Highlight], list[Highlight]]:
    """Highlights of the English text ``en`` and the Arabic text ``ar`` of one bead."""
    from ..evidence.features import units_ar, units_en

    ue, ua = units_en(en), units_ar(ar, lexicon)
    keys_en = {k for u in ue for k in u.keys}
    keys_ar = {k for u in ua for k in u.keys}
    return _matched(ue, keys_ar), _matched(ua, keys_en)
