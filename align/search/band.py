"""The search band: which sentence pairs the aligner considers.

A full dynamic programme over ``n x m`` cells is quadratic. Translations stay close to the
diagonal, so we search a band of fixed width around a first path and time and memory grow
linearly with document length. The first path comes from a coarse alignment of sentence chunks
(``search.coarse_center``). Small documents get a band that covers the
whole matrix, so for them the search is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Band:
    """Rows ``i = 0..n`` of the DP; row ``i`` holds columns ``lo[i] .. lo[i] + width - 1``.

    ``lo`` is non-decreasing, ``lo[0] == 0`` and ``lo[n] + width > m``, so the corner cells
    ``(0, 0)`` and ``(n, m)`` are always inside.
    """

    lo: IntArray
    width: int
    n: int
    m: int

    @property
    def full(self) -> bool:
        return bool(self.width >= self.m + 1)


def full_band(n: int, m: int) -> Band:
    """The whole ``(n + 1) x (m + 1)`` matrix."""
    return Band(np.zeros(n + 1, dtype=np.int64), m + 1, n, m)


def band_around(center: NDArray[np.float64], half_width: int, n: int, m: int) -> Band:
    """A band of ``2 * half_width + 1`` columns around ``center[i]`` (length ``n + 1``)."""
    width = min(m + 1, 2 * half_width + 1)
    lo = np.rint(center).astype(np.int64) - half_width
    lo = np.maximum.accumulate(np.clip(lo, 0, m + 1 - width))
    lo[0] = 0
    lo[-1] = m + 1 - width
    lo = np.minimum(lo, m + 1 - width)
    # Keep lo non-decreasing after forcing the last row.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    return Band(lo, width, n, m)
