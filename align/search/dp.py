"""Banded dynamic programming over bead types.

Bead types are data: ``align.config.BEADS`` lists ``(English sentences, Arabic sentences)``
per bead. The DP walks the band's rows in blocks; for each block it asks for the cost of
every bead of every type ending there (``costs.cost_block``), so only one block of costs is
held at a time, and each row is relaxed by all bead types at once with one gather. Time is
``O(n * width * len(beads))`` and memory ``O(n * width)``: linear in document length for a
fixed band width, whatever the number of bead types.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..config import BEADS
from .band import Band

FloatArray = NDArray[np.float64]

#: ``cost_rows(beads, r_start, r_end)``: array ``(len(beads), r_end - r_start, width)``, the
#: cost of each bead type ending at each band cell of those rows (``inf`` where impossible;
#: 0-1 beads must be finite wherever one fits, i.e. everywhere but the first column).
CostRows = Callable[[Sequence[tuple[int, int]], int, int], NDArray[np.floating[Any]]]

Path = list[tuple[tuple[int, ...], tuple[int, ...], float]]

#: Stand-in for ``inf`` in the 0-1 prefix minimum (``inf - inf`` would be ``nan``).
_BIG = 1e18


def from_grids(cost_grid: Callable[[int, int], NDArray[np.floating[Any]]]) -> CostRows:
    """``CostRows`` from whole per-type grids ``cost_grid(a, b)`` of shape
    ``(n + 1, width)``: for callers that already hold them (tests, tools)."""

    def rows(beads: Sequence[tuple[int, int]], r0: int, r1: int) -> NDArray[np.float64]:
        return np.stack([np.asarray(cost_grid(a, b), dtype=np.float64)[r0:r1]
                         for a, b in beads])

    return rows


def align_band(
    band: Band,
    cost_rows: CostRows,
    beads: Sequence[tuple[int, int]] = BEADS,
    block: int = 512,
) -> Path:
    """Lowest-cost path of beads from ``(0, 0)`` to ``(n, m)`` inside ``band``.

    Args:
        band: row ``i`` of the DP holds cells ``(i, band.lo[i] + k)`` for ``k < band.width``.
        cost_rows: the bead costs, a block of rows at a time (see ``CostRows``).
        beads: bead types ``(a, b)``; the only one with no English sentence may be 0-1.
        block: rows whose costs are held at once.

    Returns:
        ``(english indexes, arabic indexes, cost)`` for each bead, in order.
    """
    for a, b in beads:
        if a == 0 and b != 1:
            raise ValueError("only 0-1 among the beads with no English sentence")
    n, m, width = band.n, band.m, band.width
    down = [t for t, (a, _) in enumerate(beads) if a > 0]
    zero_one = [t for t, (a, _) in enumerate(beads) if a == 0]
    types = np.asarray(down, dtype=np.int8)
    # Distances of the last ``ring`` rows only: a bead reads at most ``max(a)`` rows up.
    ring = max((a for a, _ in beads), default=0) + 1
    dist = np.full(ring * width, np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    chosen: NDArray[np.floating[Any]] | None = None
    cols = np.arange(width)
    for r0 in range(0, n + 1, block):
        r1 = min(n + 1, r0 + block)
        given = cost_rows(beads, r0, r1)
        if chosen is None:
            # The cost of the bead chosen at each cell, for the path's report, in the
            # costs' own dtype: float32 costs (``costs.make_cost_rows``) are held exactly
            # at half the memory of float64.
            chosen = np.zeros((n + 1, width), dtype=np.result_type(given.dtype, np.float32))
        costs = np.asarray(given, dtype=np.float64)
        del given
        src = _sources(band, beads, down, r0, r1, costs, ring)
        c_down = costs[down]
        zero = _zero_one_prefix(costs[zero_one[0]]) if zero_one else None
        for i in range(r0, r1):
            row, arg = _relax_row(i, dist, src[:, i - r0], c_down[:, i - r0], types, cols)
            if zero is not None:
                _zero_one_row(row, arg, zero[i - r0], np.int8(zero_one[0]))
            row[row >= _BIG / 2] = np.inf
            at = (i % ring) * width
            dist[at : at + width] = row
            back[i] = arg
        safe = np.maximum(back[r0:r1], 0).astype(np.int64)
        chosen[r0:r1] = np.take_along_axis(costs, safe[None], axis=0)[0]
        del costs, src, c_down, zero
    if not np.isfinite(dist[(n % ring) * width + m - int(band.lo[n])]):
        raise RuntimeError("no path through the band (a cost grid forbids every path)")
    assert chosen is not None  # n + 1 >= 1 rows, so one block at least
    return _backtrace(band, back, chosen, beads)


def _sources(band: Band, beads: Sequence[tuple[int, int]], down: list[int], r0: int,
             r1: int, costs: FloatArray, ring: int) -> NDArray[np.int64]:
    """Flat index into ``dist`` (the last ``ring`` rows, row ``i`` at ``i % ring``) of the
    cell each bead of ``a >= 1`` English sentences starts from, for the cells of rows
    ``r0 .. r1 - 1``; beads starting outside the band get the cost ``inf`` in ``costs``
    (in place), so no row needs its own mask."""
    lo, width = band.lo, band.width
    rows = np.arange(r0, r1)
    out = np.zeros((len(down), r1 - r0, width), dtype=np.int64)
    for s, t in enumerate(down):
        a, b = beads[t]
        prev = np.maximum(rows - a, 0)
        k = np.arange(width)[None, :] + (lo[rows] - b - lo[prev])[:, None]
        ok = (k >= 0) & (k < width) & (rows >= a)[:, None]
        costs[t][~ok] = np.inf
        # ``np.clip`` of integers without its Python-level dispatch (see ``costs._Terms``).
        out[s] = (prev % ring)[:, None] * width + np.minimum(np.maximum(k, 0), width - 1)
    return out


def _relax_row(
    i: int, dist: FloatArray, src: NDArray[np.int64], c_down: FloatArray,
    types: NDArray[np.int8], cols: NDArray[np.int64],
) -> tuple[FloatArray, NDArray[np.int8]]:
    """Best distance and bead type of each cell of row ``i`` over the beads of ``a >= 1``
    English sentences: they come from finished rows above, so this is one gather and a
    minimum over the types."""
    if types.size and i > 0:
        cand = dist[src] + c_down
        best_t = cand.argmin(axis=0)
        row: FloatArray = cand[best_t, cols]
        arg: NDArray[np.int8] = types[best_t]
    else:
        row = np.full(len(cols), np.inf)
        arg = np.full(len(cols), -1, dtype=np.int8)
    if i == 0:
        row[0] = 0.0  # cell (0, 0): lo[0] == 0
    return row, arg


def _zero_one_prefix(c01: FloatArray) -> FloatArray:
    """Cumulative 0-1 costs along each row of a block (see ``_zero_one_row``).

    Only ``k = 0`` lacks a 0-1 bead (its source is outside the band) and nothing before it
    can use it, so a zero there keeps the cumsum exact."""
    assert np.isfinite(c01[:, 1:]).all(), (
        "a 0-1 bead forbidden inside the band: the prefix is wrong")
    c = c01.copy()
    c[:, 0] = 0.0
    out: FloatArray = np.cumsum(c, axis=1)
    return out


def _zero_one_row(row: FloatArray, arg: NDArray[np.int8], cum: FloatArray, t: np.int8
                  ) -> None:
    """Relax row (in place) with 0-1 beads, which stay in the row.

    ``r[k] = min(base[k], r[k - 1] + c[k])`` is a sequential recurrence; unrolled it is the
    prefix minimum ``C[k] + min_{k' <= k} (base[k'] - C[k'])`` with ``C = cumsum(c)``, one
    vector operation. A tie keeps the bead with English sentences (the 1e-9 absorbs the
    cumsum's rounding)."""
    best = np.minimum.accumulate(np.minimum(row, _BIG) - cum) + cum
    better = best < row - 1e-9
    row[better] = best[better]
    arg[better] = t


def _backtrace(
    band: Band, back: NDArray[np.int8], chosen: NDArray[np.floating[Any]],
    beads: Sequence[tuple[int, int]],
) -> Path:
    """Follow the chosen bead of each cell back from ``(n, m)`` to ``(0, 0)``."""
    lo = band.lo
    out: Path = []
    i, j = band.n, band.m
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        a, b = beads[t]
        cost = float(chosen[i, j - lo[i]])
        out.append((tuple(range(i - a, i)), tuple(range(j - b, j)), cost))
        i, j = i - a, j - b
    out.reverse()
    return out
