"""Coverage grids of a long document computed a stretch of rows at a time.

The pair grids (``run.pair_grids``) hold, for every sentence, its coverage by every run of
up to eight sentences of the other side in its band: about 4 KiB a sentence pair of sides,
460 MiB at 100,000 sentences a side, most of the search's memory. The DP reads them a block
of rows at a time (``costs.cost_block``), so a long document's search computes the grids
for a stretch of ``stretch_rows`` rows when its blocks reach it and drops them after: the
memory is that of one stretch, for the time of computing the grids once more per pass
(the passes re-estimate priors and length model, ``run.search_document``).

Each window starts and ends on a block of ``coverage_block`` sentences of
``evidence.coverage.run_coverage`` (its blocks sum each row's matches in one flat array), so
its cells are the numbers of the whole grids bit for bit; the chance rates are estimated on
the run-of-one grids of the whole document, made the same way, so the costs and the beads
are those of the whole-grid search (``tests/test_search_memory.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from ..evidence.coverage import KeyedSide, row_offsets, run_coverage, slice_side
from .band import Band
from .costs import CostInputs, PairGrids, make_cost_rows

IntArray = NDArray[np.int64]

#: Bytes of coverage grids above which a search computes them by stretches (a memory
#: setting, lower-case: the grids' numbers and so the beads are the same either way).
grid_bytes = 160 << 20
#: DP rows of one stretch (a multiple of the DP's block of 512 rows).
stretch_rows = 4096
#: ``run_coverage``'s block of sentences: a window starts and ends on one.
coverage_block = 64


def ranges(band: Band, reach: int) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """``plo, phi, alo, ahi`` of ``run.pair_grids``."""
    plo, phi = band.pair_ranges(reach)
    alo, ahi = band.column_ranges(reach)
    return plo, phi, alo, ahi


def grids_size(band: Band, reach: int) -> int:
    """Bytes of the whole coverage grids of ``band`` (float32, ``reach`` run lengths)."""
    plo, phi, alo, ahi = ranges(band, reach)
    return 4 * reach * int((phi - plo).sum() + (ahi - alo).sum())


def _aligned(lo: int, hi: int, n: int) -> tuple[int, int]:
    b = coverage_block
    return lo // b * b, min(n, -(-hi // b) * b)


def window_grids(en: KeyedSide, ar: KeyedSide, band: Band, reach: int, rows: tuple[int, int],
                 spans: int | None = None) -> PairGrids:
    """The grids of the sentences that beads ending in DP rows ``rows[0] .. rows[1] - 1``
    read (``spans`` run lengths, ``reach`` if ``None``): English sentences from ``reach``
    rows above the first, Arabic ones from ``reach`` columns left of its band to the end
    of the last row's band."""
    plo, phi, alo, ahi = ranges(band, reach)
    n, m = band.n, band.m
    r0, r1 = rows
    e0, e1 = _aligned(max(0, r0 - reach), r1, n)
    a0, a1 = _aligned(max(0, int(band.lo[r0]) - reach), int(band.lo[r1 - 1]) + band.width, m)
    k = reach if spans is None else spans
    return PairGrids(plo, phi, row_offsets(plo, phi), _cov(en, ar, plo, phi, e0, e1, k),
                     alo, ahi, row_offsets(alo, ahi), _cov(ar, en, alo, ahi, a0, a1, k),
                     e0, e1, a0, a1)


def _cov(side: KeyedSide, other: KeyedSide, lo: IntArray, hi: IntArray, s0: int, s1: int,
         spans: int) -> NDArray[np.float32]:
    """``run_coverage`` of sentences ``s0 .. s1 - 1`` of ``side``, both sides cut to the
    sentences the window reads (its cells count sentences relative to their ranges, so
    cutting the other side's front changes no number): the whole sides' per-sentence
    index arrays are not rebuilt for every window."""
    y0, y1 = (int(lo[s0]), int(hi[s1 - 1])) if s1 > s0 else (0, 0)
    if y1 <= y0:
        return np.zeros((spans, int((hi[s0:s1] - lo[s0:s1]).sum())), dtype=np.float32)
    return run_coverage(slice_side(side, s0, s1), slice_side(other, y0, y1),
                        lo[s0:s1] - y0, hi[s0:s1] - y0, spans, coverage_block)


def chance_grids(en: KeyedSide, ar: KeyedSide, band: Band, reach: int) -> PairGrids:
    """Grids of runs of one sentence over the whole document, made by stretches (each
    holding the run-of-one cells only, a fraction of the whole grids' memory): what
    ``costs.estimate_stats`` reads."""
    plo, phi, alo, ahi = ranges(band, reach)
    step = max(coverage_block, stretch_rows // coverage_block * coverage_block)

    def side(units: KeyedSide, other: KeyedSide, lo: IntArray, hi: IntArray
             ) -> NDArray[np.float32]:
        parts = [_cov(units, other, lo, hi, s, min(units.n_sents, s + step), 1)[0]
                 for s in range(0, units.n_sents, step)]
        return np.concatenate(parts)[None] if parts else np.zeros((1, 0), dtype=np.float32)

    return PairGrids(plo, phi, row_offsets(plo, phi), side(en, ar, plo, phi),
                     alo, ahi, row_offsets(alo, ahi), side(ar, en, alo, ahi))


def stretched_cost_rows(inp: CostInputs, en: KeyedSide, ar: KeyedSide, reach: int
                        ) -> Callable[[Sequence[tuple[int, int]], int, int],
                                      NDArray[np.float32]]:
    """``costs.make_cost_rows`` of ``inp`` with the grids of a stretch of rows at a time,
    computed when the DP's blocks reach it (``inp.grids`` is not read)."""
    band = inp.band
    held: dict[str, tuple[int, int, Callable[..., NDArray[np.float32]]]] = {}

    def rows_fn(beads: Sequence[tuple[int, int]], r0: int, r1: int) -> NDArray[np.float32]:
        got = held.get("w")
        if got is None or not got[0] <= r0 < r1 <= got[1]:
            held.clear()  # the last stretch's grids go before the next one's are made
            end = min(band.n + 1, max(r1, r0 + stretch_rows))
            grids = window_grids(en, ar, band, reach, (r0, end))
            got = (r0, end, make_cost_rows(replace(inp, grids=grids)))
            held["w"] = got
        return got[2](beads, r0, r1)

    return rows_fn
