"""Vecalign-style bead lines, the format of the bench's gold files and its scorer.

One bead per line, English first, 0-based sentence indexes, then the score with two
decimals, as vecalign prints its cost: ``[0]:[0, 1]:0.93``; an empty side is ``[]``. Every
bead is written, one-sided ones included: a scorer counts them in precision. There is no
signature line: the scorer reads every non-blank line as a bead.
"""

from __future__ import annotations

from ..types import Alignment
from .options import WriteOptions


def _indexes(idx: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in idx) + "]"


def render_beads(al: Alignment, opts: WriteOptions) -> str:
    """One ``[en]:[ar]:score`` line per bead.

    >>> from tawazi.align.types import Bead, Document, Sentence
    >>> d = Document("x", "en")
    >>> al = Alignment(d, Document("y", "ar"), (Sentence(0, 1, "x"),), (), (Bead((0,), ()),))
    >>> render_beads(al, WriteOptions())
    '[0]:[]:1.00\\n'
    """
    del opts  # every bead is written whatever the options: the file is the whole alignment
    return "".join(f"{_indexes(b.en)}:{_indexes(b.ar)}:{b.score:.2f}\n" for b in al.beads)
