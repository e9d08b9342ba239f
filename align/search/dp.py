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


def align_band(
    band: Band,
    cost_grid: CostGrid,
    beads: Sequence[tuple[int, int]] = BEADS,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Lowest-cost path of beads from ``(0, 0)`` to ``(n, m)`` inside ``band``.

    Args:
        band: row ``i`` of the DP holds cells ``(i, band.lo[i] + k)`` for ``k < band.width``.
        cost_grid: ``cost_grid(a, b)`` returns a ``(n + 1, width)`` array: the cost of the
            bead of ``a`` English and ``b`` Arabic sentences that *ends* at each cell
            (``inf`` where impossible).
        beads: bead types ``(a, b)``.

    Returns:
        ``(english indexes, arabic indexes, cost)`` for each bead, in order.
    """
    n, m, width, lo = band.n, band.m, band.width, band.lo
    costs = [cost_grid(a, b) for a, b in beads]
    inf = np.inf
    dist = np.full((n + 1, width), inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    cols = np.arange(width)
    big = 1e18
    for i in range(n + 1):
        row = np.full(width, inf)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0:
            row[0] = 0.0  # cell (0, 0): lo[0] == 0
        for t, (a, b) in enumerate(beads):
            if a == 0 or a > i:
                continue
            prev = dist[i - a]
            shift = int(lo[i]) - b - int(lo[i - a])
            src = cols + shift
            ok = (src >= 0) & (src < width)
            if not ok.any():
                continue
            cand = np.full(width, inf)
            cand[ok] = prev[src[ok]] + costs[t][i, ok]
            better = cand < row
            row[better] = cand[better]
            arg[better] = t
        # 0-b beads stay in the row: r[k] = min(base[k], r[k - b] + c[k]); for b = 1 this
        # prefix recurrence is C[k] + min_{k' <= k} (base[k'] - C[k']) with C = cumsum(c).
        for t, (a, b) in enumerate(beads):
            if a != 0:
                continue
            if b != 1:
                raise ValueError("only 0-1 among the beads with no English sentence")
            # Only k = 0 (no cell to the left) and columns past m lack a 0-1 bead, and
            # nothing after them can use it, so zero there keeps the cumsum exact.
            c = np.where(np.isfinite(costs[t][i]), costs[t][i], 0.0)
            c[0] = 0.0
            cum = np.cumsum(c)
            base = np.minimum(row, big)
            best = np.minimum.accumulate(base - cum) + cum
            better = best < row - 1e-9
            row[better] = best[better]
            arg[better] = t
        # Columns beyond m are not cells.
        over = lo[i] + cols > m
        row[over] = inf
        row[row >= big / 2] = inf
        dist[i] = row
        back[i] = arg
    k_end = m - int(lo[n])
    if not (0 <= k_end < width) or not np.isfinite(dist[n, k_end]):
        raise RuntimeError("no path through the band")  # a bug: the band always allows one
    out: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        a, b = beads[t]
        cost = float(costs[t][i, j - lo[i]])
        out.append((tuple(range(i - a, i)), tuple(range(j - b, j)), cost))
        i, j = i - a, j - b
    out.reverse()
    return out
