"""The search band: which sentence pairs the aligner considers.

A full dynamic programme over ``n x m`` cells is quadratic. Translations stay close to the
diagonal, so we search a band of fixed width around a first path and time and memory grow
linearly with document length. The first path comes from a coarse alignment of sentence chunks
(``search.coarse_center``). Small documents get a band that covers the
whole matrix, so for them the search is exact.

``Band`` is the one description of that region: the DP walks its rows, and the pair coverage
(``search.run.pair_grids``) and the cost grids (``search.costs``) ask it which sentence pairs
a bead inside it can read (``pair_ranges``, ``column_ranges``), so the three cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..config import MAX_SIDE

IntArray = NDArray[np.int64]

#: Longest side of a bead (``config.MAX_SIDE``): how far from its end cell a bead reads
#: sentences. Callers pass the reach of their own bead set (``reach_of``).
REACH = MAX_SIDE


def reach_of(beads: Iterable[tuple[int, int]]) -> int:
    """Longest side of the bead types searched: how far back a bead reads."""
    return max(max(a, b) for a, b in beads)


@dataclass(frozen=True, slots=True)
class Band:
    """Rows ``i = 0..n`` of the DP; row ``i`` holds columns ``lo[i] .. lo[i] + width - 1``.

    ``lo`` is non-decreasing, ``lo[0] == 0`` and ``lo[n] + width == m + 1``, so the corner
    cells ``(0, 0)`` and ``(n, m)`` are always inside and no row holds a column past ``m``.
    Consecutive rows overlap (``lo[i + 1] - lo[i] < width``), so a path of 0-1 and 1-0 beads
    always crosses the band: the search never fails for want of a way through. These are
    checked on construction, because every index computed from a band relies on them.
    """

    lo: IntArray
    width: int
    n: int
    m: int

    def __post_init__(self) -> None:
        lo = self.lo
        if (
            lo.shape != (self.n + 1,)
            or not 1 <= self.width <= self.m + 1
            or int(lo[0]) != 0
            or int(lo[-1]) + self.width != self.m + 1
            or bool(np.any(np.diff(lo) < 0))
            or bool(np.any(np.diff(lo) >= self.width))
        ):
            raise ValueError(f"malformed band (n={self.n}, m={self.m}, width={self.width})")

    @property
    def full(self) -> bool:
        return bool(self.width >= self.m + 1)

    def pair_ranges(self, reach: int = REACH) -> tuple[IntArray, IntArray]:
        """Arabic range ``[plo[i], phi[i])`` of each English sentence ``i < n``: where the
        runs of up to ``reach`` Arabic sentences start that a bead ending at a cell of the
        band can pair it with, and the Arabic sentences those runs hold.

        English sentence ``i`` belongs to beads ending in rows ``i + 1 .. i + reach``; their
        Arabic runs start at most ``reach`` columns left of those rows' bands and end inside
        them. The ranges are as tight as that, because the coverage grids are as wide as the
        widest range and hold ``reach`` run lengths each.
        """
        n, m = self.n, self.m
        idx = np.arange(n)
        plo = np.maximum(0, self.lo[np.minimum(idx + 1, n)] - reach)
        phi = np.minimum(m, self.lo[np.minimum(idx + reach, n)] + self.width - 1)
        return plo.astype(np.int64), np.maximum(phi, plo).astype(np.int64)

    def column_ranges(self, reach: int = REACH) -> tuple[IntArray, IntArray]:
        """English range ``[lo[j], hi[j])`` of each Arabic sentence ``j < m``, the mirror
        of ``pair_ranges``: the English runs of up to ``reach`` sentences that a bead
        ending at a cell of the band pairs ``j`` with start there, and hold sentences of it.

        Arabic ``j`` belongs to beads ending in columns ``j + 1 .. j + reach``: in the rows
        from the first whose band reaches column ``j + 1`` to the last whose band starts at
        or before ``j + reach``; their English runs start up to ``reach`` rows above.
        """
        cols = np.arange(self.m)
        first = np.searchsorted(self.lo, cols + 2 - self.width, "left")
        last = np.searchsorted(self.lo, cols + reach, "right") - 1
        lo = np.maximum(first - reach, 0).astype(np.int64)
        hi = np.minimum(last, self.n).astype(np.int64)
        return lo, np.maximum(hi, lo)


def full_band(n: int, m: int) -> Band:
    """The whole ``(n + 1) x (m + 1)`` matrix."""
    return Band(np.zeros(n + 1, dtype=np.int64), m + 1, n, m)


def band_around(center: NDArray[np.float64], half_width: int, n: int, m: int) -> Band:
    """A band of ``2 * half_width + 1`` columns around ``center[i]`` (length ``n + 1``).

    Where the centre jumps by more than the band's width between two rows (the coarse path
    crossing a block of sentences missing on one side), the band is pulled towards the jump
    from both ends so that consecutive rows overlap; when the matrix is too flat for any band
    of that width to cross it with overlapping rows, the band is widened just enough.
    """
    width = min(m + 1, 2 * half_width + 1)
    # n * (width - 1) >= m + 1 - width: enough overlap for n steps to cross all m columns.
    width = max(width, min(m + 1, -(-(m + 1 + n) // (n + 1))))
    last = m + 1 - width
    lo = np.rint(center).astype(np.int64) - half_width
    lo = np.maximum.accumulate(np.clip(lo, 0, last))
    lo[0] = 0
    lo[-1] = last
    # Steps of at most width - 1: raise the rows before a jump so that the last row is
    # reachable from them, then lower the rows after it so that each is reachable from the
    # one above (``_close_gaps``, which keeps the first bound: it only lowers a row to the
    # row above plus width - 1, and the bound grows by at most that much per row).
    rows = np.arange(n + 1, dtype=np.int64)
    lo = np.maximum(lo, last - (n - rows) * (width - 1))
    lo = _close_gaps(lo, width)
    return Band(lo, width, n, m)


def _close_gaps(lo: IntArray, width: int) -> IntArray:
    """``lo[i] = min(lo[i], lo[i - 1] + width - 1)`` from left to right, in closed form:
    ``lo[i] = min over k <= i of lo[k] + (i - k) * (width - 1)``."""
    step = np.arange(len(lo), dtype=np.int64) * (width - 1)
    out: IntArray = step + np.minimum.accumulate(lo - step)
    return out
