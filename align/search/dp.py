"""Banded dynamic programming over bead types.

Bead types are data: ``align.config.BEADS`` lists ``(English sentences, Arabic sentences)``
per bead, and the cost of every bead of every type is computed beforehand as a grid over the
band (see ``costs.py``), so the recursion is a handful of numpy operations per row. Time and
memory are ``O(n * width * len(beads))``: linear in document length for a fixed band width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from align.config import BEADS
from align.search.band import Band

FloatArray = NDArray[np.float64]

CostGrid = Callable[[int, int], NDArray[np.floating[Any]]]


Path = list[tuple[tuple[int, ...], tuple[int, ...], float]]

#: Stand-in for ``inf`` in the 0-1 prefix minimum (``inf - inf`` would be ``nan``).
_BIG = 1e18


def align_band(
    band: Band,
    cost_grid: CostGrid,
    beads: Sequence[tuple[int, int]] = BEADS,
) -> Path:
    """Lowest-cost path of beads from ``(0, 0)`` to ``(n, m)`` inside ``band``.

    Args:
        band: row ``i`` of the DP holds cells ``(i, band.lo[i] + k)`` for ``k < band.width``.
        cost_grid: ``cost_grid(a, b)`` returns a ``(n + 1, width)`` array: the cost of the
            bead of ``a`` English and ``b`` Arabic sentences that *ends* at each cell
            (``inf`` where impossible; 0-1 beads must be finite wherever one fits, i.e.
            everywhere but the first column of each row).
        beads: bead types ``(a, b)``; the only one with no English sentence may be 0-1.

    Returns:
        ``(english indexes, arabic indexes, cost)`` for each bead, in order.
    """
    n, m, width = band.n, band.m, band.width
    costs = [cost_grid(a, b) for a, b in beads]
    for a, b in beads:
        if a == 0 and b != 1:
            raise ValueError("only 0-1 among the beads with no English sentence")
    dist = np.full((n + 1, width), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    for i in range(n + 1):
        row = np.full(width, np.inf)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0:
            row[0] = 0.0  # cell (0, 0): lo[0] == 0
        _down_steps(band, i, dist, costs, beads, row, arg)
        _zero_one_steps(i, costs, beads, row, arg)
        row[row >= _BIG / 2] = np.inf
        dist[i] = row
        back[i] = arg
    k_end = m - int(band.lo[n])
    if not np.isfinite(dist[n, k_end]):
        raise RuntimeError("no path through the band (a cost grid forbids every path)")
    return _backtrace(band, back, costs, beads)


def _down_steps(
    band: Band, i: int, dist: FloatArray, costs: list[NDArray[np.floating[Any]]],
    beads: Sequence[tuple[int, int]], row: FloatArray, arg: NDArray[np.int8],
) -> None:
    """Relax row ``i`` (in place) with every bead of ``a >= 1`` English sentences: these come
    from finished rows above, so each bead type is one shifted vector operation."""
    lo, width = band.lo, band.width
    cols = np.arange(width)
    for t, (a, b) in enumerate(beads):
        if a == 0 or a > i:
            continue
        src = cols + (int(lo[i]) - b - int(lo[i - a]))
        ok = (src >= 0) & (src < width)
        if not ok.any():
            continue
        cand = np.full(width, np.inf)
        cand[ok] = dist[i - a][src[ok]] + costs[t][i, ok]
        better = cand < row
        row[better] = cand[better]
        arg[better] = t


def _zero_one_steps(
    i: int, costs: list[NDArray[np.floating[Any]]], beads: Sequence[tuple[int, int]],
    row: FloatArray, arg: NDArray[np.int8],
) -> None:
    """Relax row ``i`` (in place) with 0-1 beads, which stay in the row.

    ``r[k] = min(base[k], r[k - 1] + c[k])`` is a sequential recurrence; unrolled it is the
    prefix minimum ``C[k] + min_{k' <= k} (base[k'] - C[k'])`` with ``C = cumsum(c)``, one
    vector operation. Only ``k = 0`` lacks a 0-1 bead (its source is outside the band) and
    nothing before it can use it, so a zero there keeps the cumsum exact; a tie keeps the bead
    found by ``_down_steps`` (the 1e-9 absorbs the cumsum's rounding).
    """
    for t, (a, _) in enumerate(beads):
        if a != 0:
            continue
        finite = np.isfinite(costs[t][i])
        assert finite[1:].all(), "a 0-1 bead forbidden inside the band: the prefix is wrong"
        c = np.where(finite, costs[t][i], 0.0)
        c[0] = 0.0
        cum = np.cumsum(c)
        base = np.minimum(row, _BIG)
        best = np.minimum.accumulate(base - cum) + cum
        better = best < row - 1e-9
        row[better] = best[better]
        arg[better] = t


def _backtrace(
    band: Band, back: NDArray[np.int8], costs: list[NDArray[np.floating[Any]]],
    beads: Sequence[tuple[int, int]],
) -> Path:
    """Follow the chosen bead of each cell back from ``(n, m)`` to ``(0, 0)``."""
    lo = band.lo
    out: Path = []
    i, j = band.n, band.m
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        a, b = beads[t]
        cost = float(costs[t][i, j - lo[i]])
        out.append((tuple(range(i - a, i)), tuple(range(j - b, j)), cost))
        i, j = i - a, j - b
    out.reverse()
    return out
