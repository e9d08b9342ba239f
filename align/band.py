"""The search band: which sentence pairs the aligner considers.

A full dynamic programme over ``n x m`` cells is quadratic. Translations stay close to the
diagonal, so we search a band of fixed width around a first path and time and memory grow
linearly with document length. The first path comes from anchors: pairs of sentences that share
a rare key (a number, a name) are chained by a longest increasing subsequence, and the path is
interpolated between them by cumulative length. Small documents get a band that covers the
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


def lis_chain(pairs: NDArray[np.int64], weights: NDArray[np.float64]) -> NDArray[np.int64]:
    """Heaviest chain of pairs strictly increasing in both coordinates.

    Args:
        pairs: ``(k, 2)`` array of ``(i, j)`` candidate anchor pairs.
        weights: ``(k,)`` weight of each pair.

    Returns:
        Indexes into ``pairs`` of the chain, in order. ``O(k log k)`` with a Fenwick tree of
        prefix maxima over ``j``.
    """
    k = len(pairs)
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((-pairs[:, 1], pairs[:, 0]))  # by i, then j descending
    js = pairs[:, 1]
    ranks = np.searchsorted(np.unique(js), js) + 1
    size = int(ranks.max()) + 1
    tree_val = np.zeros(size + 1)
    tree_idx = np.full(size + 1, -1, dtype=np.int64)
    best = np.zeros(k)
    back = np.full(k, -1, dtype=np.int64)
    # Pairs with the same i must not chain: process a group of equal i before inserting it.
    pos = 0
    order_l = order.tolist()
    pi = pairs[:, 0].tolist()
    while pos < k:
        end = pos
        while end < k and pi[order_l[end]] == pi[order_l[pos]]:
            end += 1
        group = order_l[pos:end]
        for p in group:
            r = int(ranks[p]) - 1
            v, bi = 0.0, -1
            while r > 0:
                if tree_val[r] > v:
                    v, bi = float(tree_val[r]), int(tree_idx[r])
                r -= r & -r
            best[p] = v + weights[p]
            back[p] = bi
        for p in group:
            r = int(ranks[p])
            while r <= size:
                if best[p] > tree_val[r]:
                    tree_val[r] = best[p]
                    tree_idx[r] = p
                r += r & -r
        pos = end
    cur = int(np.argmax(best))
    chain = []
    while cur >= 0:
        chain.append(cur)
        cur = int(back[cur])
    return np.array(chain[::-1], dtype=np.int64)


def anchored_center(
    n: int,
    m: int,
    en_cum: NDArray[np.float64],
    ar_cum: NDArray[np.float64],
    anchors: NDArray[np.int64],
    weights: NDArray[np.float64],
    max_offset: float,
) -> NDArray[np.float64]:
    """Expected Arabic row for each English row ``0..n``, through a chain of anchor pairs.

    Anchors further than ``max_offset`` rows from the length-proportional diagonal are
    ignored; between chained anchors the path follows cumulative character length.
    """
    en_frac = en_cum / max(en_cum[-1], 1.0)
    ar_frac = ar_cum / max(ar_cum[-1], 1.0)
    # Length-proportional diagonal: Arabic row whose cumulative fraction matches.
    diag = np.interp(en_frac, ar_frac, np.arange(m + 1, dtype=np.float64))
    if len(anchors):
        d = np.abs(diag[anchors[:, 0]] - anchors[:, 1])
        keep = d <= max_offset
        anchors, weights = anchors[keep], weights[keep]
    chain = anchors[lis_chain(anchors, weights)] if len(anchors) else anchors
    # Anchor (i, j) means sentences i and j align: DP cells (i, j) to (i + 1, j + 1).
    xs = [0.0]
    ys = [0.0]
    for i, j in chain.tolist():
        if i + 1 > xs[-1] and j + 1 > ys[-1]:
            xs.append(i + 0.5)
            ys.append(j + 0.5)
    xs.append(float(n))
    ys.append(float(m))
    # Interpolate by cumulative length between consecutive knots.
    knots_en = np.interp(xs, np.arange(n + 1), en_cum)
    knots_ar = np.interp(ys, np.arange(m + 1), ar_cum)
    ar_len_at = np.interp(en_cum, knots_en, knots_ar)
    center: NDArray[np.float64] = np.interp(ar_len_at, ar_cum, np.arange(m + 1, dtype=float))
    return center
