"""Anchor corners that bound the sentence search: no bead may cross them.

An anchor is a sentence corner ``(e, a)``: the first ``e`` English sentences are the
translation of the first ``a`` Arabic ones (``search.paragraphs`` finds them at the
boundaries of confidently matched paragraphs). A path through the DP honours the anchors
when it passes through every one of them, i.e. each bead lies in one *block* between two
consecutive anchors: it starts at or after the block's first corner and ends at or before
its last, on both sides. The search space is then the union of those blocks; a block between
two confident paragraph pairs is one paragraph pair, a stretch with no confident pair between
its ends is left as wide as the two corners allow.

Two things follow, and this module computes both:

* ``bounded_band``: a band (``search.band.Band``) just wide enough to hold every block inside
  the original band, so the DP walks fewer cells (``Band`` has one width for all rows: the
  widest row of the union sets it);
* ``Bound.cost_rows``: bead costs with ``penalty`` added to every bead that leaves its
  block. The penalty is finite because the DP needs a 0-1 bead wherever one fits; a path
  that has to pay it means the anchors left no way through, and the caller falls back to
  the unbounded search.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .band import Band
from .dp import CostRows

IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Bound:
    """Anchor corners ``(en[k], ar[k])``, both non-decreasing, from ``(0, 0)`` to
    ``(n, m)`` (the two ends are always there), and the penalty of a bead leaving its
    block."""

    en: IntArray
    ar: IntArray
    n: int
    m: int
    penalty: float

    def __post_init__(self) -> None:
        en, ar = self.en, self.ar
        if (en.shape != ar.shape or en.size < 2 or int(en[0]) != 0 or int(ar[0]) != 0
                or int(en[-1]) != self.n or int(ar[-1]) != self.m
                or bool(np.any(np.diff(en) < 0)) or bool(np.any(np.diff(ar) < 0))):
            raise ValueError("anchors must be a monotone chain from (0, 0) to (n, m)")

    @property
    def anchors(self) -> int:
        """Interior anchors: the corners the search is bound to besides its two ends."""
        return int(self.en.size) - 2

    def legal(self, a: int, b: int, rows: IntArray, cols: IntArray) -> NDArray[np.bool_]:
        """Whether the ``a``-``b`` bead ending at each cell ``(rows, cols)`` lies in one
        block: some ``k`` with ``en[k] <= i0``, ``ar[k] <= j0`` (its start) and
        ``en[k + 1] >= i1``, ``ar[k + 1] >= j1`` (its end). The anchors being a chain, the
        blocks the start allows are ``k < min(#en <= i0, #ar <= j0)`` and those the end
        allows ``k >= max(#en < i1, #ar < j1) - 1``."""
        return _legal(self._counts(), a, b, rows, cols)

    def _counts(self) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        """How many anchors lie before (``<``) and at or before (``<=``) each row and each
        column: what ``legal`` reads, looked up instead of searched for every cell."""
        rows, cols = np.arange(self.n + 1), np.arange(self.m + 1)
        return (np.searchsorted(self.en, rows, "left"), np.searchsorted(self.en, rows, "right"),
                np.searchsorted(self.ar, cols, "left"), np.searchsorted(self.ar, cols, "right"))

    def row_limits(self) -> tuple[IntArray, IntArray]:
        """First and last column of each row ``0..n`` that a path honouring the anchors can
        pass through: the union of the blocks holding the row."""
        rows = np.arange(self.n + 1)
        first = np.maximum(np.searchsorted(self.en, rows, "left") - 1, 0)
        last = np.minimum(np.searchsorted(self.en, rows, "right"), self.en.size - 1)
        return self.ar[first].astype(np.int64), self.ar[last].astype(np.int64)

    def cost_rows(self, inner: CostRows, band: Band) -> CostRows:
        """``inner``'s bead costs with ``penalty`` added to the beads leaving their block."""
        lo, width, penalty = band.lo, band.width, np.float32(self.penalty)
        counts = self._counts()

        def rows_fn(beads: Sequence[tuple[int, int]], r0: int, r1: int
                    ) -> NDArray[np.floating[Any]]:
            costs = inner(beads, r0, r1)
            rows = np.arange(r0, r1, dtype=np.int64)[:, None]
            cols = lo[r0:r1, None] + np.arange(width, dtype=np.int64)[None, :]
            for t, (a, b) in enumerate(beads):
                costs[t][~_legal(counts, a, b, rows, cols)] += penalty
            return costs

        return rows_fn


def _legal(counts: tuple[IntArray, IntArray, IntArray, IntArray], a: int, b: int,
           rows: IntArray, cols: IntArray) -> NDArray[np.bool_]:
    """``Bound.legal`` from the anchor counts of ``Bound._counts``."""
    en_lt, en_le, ar_lt, ar_le = counts
    first_ok = np.minimum(en_le[np.maximum(rows - a, 0)], ar_le[np.maximum(cols - b, 0)])
    out: NDArray[np.bool_] = np.maximum(en_lt[rows], ar_lt[cols]) <= first_ok
    return out


def make_bound(anchors: Sequence[tuple[int, int]], n: int, m: int, penalty: float) -> Bound:
    """The ``Bound`` of interior ``anchors`` (sorted, a monotone chain)."""
    pts = [(0, 0), *[(e, a) for e, a in anchors if (e, a) not in ((0, 0), (n, m))], (n, m)]
    return Bound(np.array([e for e, _ in pts], dtype=np.int64),
                 np.array([a for _, a in pts], dtype=np.int64), n, m, penalty)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the document between two anchors, searched on its own: sentences
    ``en0 .. en1 - 1`` and ``ar0 .. ar1 - 1``, its band and its anchors in its own
    indexes."""

    en0: int
    en1: int
    ar0: int
    ar1: int
    band: Band
    bound: Bound


def _block_band(band: Band, bound: Bound, e0: int, a0: int) -> Band:
    """The narrowest band of ``bound``'s blocks (indexes from ``(e0, a0)`` of ``band``'s)
    inside ``band``; its rows overlap because the blocks' do, so it is a valid ``Band``."""
    first, last = bound.row_limits()
    rows = np.arange(e0, e0 + bound.n + 1)
    lo = np.maximum(first, band.lo[rows] - a0)
    hi = np.minimum(last, band.lo[rows] + band.width - 1 - a0)
    if bool(np.any(hi < lo)):
        raise ValueError("an anchor lies outside the band")
    width = int((hi - lo).max()) + 1
    start = np.minimum(lo, bound.m + 1 - width)
    return Band(np.maximum.accumulate(start).astype(np.int64), width, bound.n, bound.m)


def bounded_band(band: Band, bound: Bound) -> Band:
    """The narrowest band that holds every cell of ``band`` a path honouring ``bound`` can
    pass through (the anchors must be cells of ``band``: ``search.paragraphs`` only takes
    corners the band holds).

    Row ``i`` keeps columns ``max(first[i], lo[i]) .. min(last[i], lo[i] + width - 1)``
    (``Bound.row_limits``)."""
    return _block_band(band, bound, 0, 0)


def segments(band: Band, bound: Bound, min_rows: int) -> list[Segment]:
    """``bound``'s document cut at anchors into stretches of at least ``min_rows`` English
    sentences (the last one too, unless there is only one), each with the narrowest band
    of its own blocks.

    A path honouring the anchors passes through every cut, so the best path is the best
    paths of the stretches end to end; ``Band`` has one width for all its rows, and a
    stretch's band is only as wide as its own widest row, not the document's."""
    en, ar = bound.en, bound.ar
    last = en.size - 1
    cuts = [0]
    for k in range(1, last):
        if en[k] - en[cuts[-1]] >= min_rows and en[last] - en[k] >= min_rows:
            cuts.append(k)
    cuts.append(last)
    out = []
    for k0, k1 in itertools.pairwise(cuts):
        e0, a0, e1, a1 = int(en[k0]), int(ar[k0]), int(en[k1]), int(ar[k1])
        sub = Bound(en[k0:k1 + 1] - e0, ar[k0:k1 + 1] - a0, e1 - e0, a1 - a0, bound.penalty)
        out.append(Segment(e0, e1, a0, a1, _block_band(band, sub, e0, a0), sub))
    return out
