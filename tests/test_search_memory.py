"""The memory-saving forms of the search give exactly what the plain forms give.

Issue 15 (100,000 sentences a side in under a GiB) made the DP keep the distances of the
last few rows only and the chosen costs in the costs' own dtype, the coarse joins run in
pieces of whole chunks, and the matchable-word weights use a mask instead of a float per
(word, key) pair. None of it may change a bead or a cost: these tests pin each form against
a plain one on random inputs.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.evidence.coverage import KeyedSide
from tawazi.align.search import coarse
from tawazi.align.search.band import Band, band_around
from tawazi.align.search.dp import align_band, from_grids
from tawazi.align.search.run import matchable_weight


def _side(rng: np.random.Generator, n: int, n_keys: int) -> KeyedSide:
    """A random keyed side of ``n`` sentences: words of 0 to 3 keys, their distinct keys
    per sentence."""
    unit_sent, weight, pair_unit, pair_key = [], [], [], []
    for s in range(n):
        for _ in range(int(rng.integers(0, 5))):
            u = len(unit_sent)
            unit_sent.append(s)
            weight.append(float(rng.integers(1, 5)) / 2)
            for k in sorted(set(rng.integers(0, n_keys, int(rng.integers(0, 4))).tolist())):
                pair_unit.append(u)
                pair_key.append(k)
    us = np.array(unit_sent, dtype=np.int32)
    pu = np.array(pair_unit, dtype=np.int32)
    pk = np.array(pair_key, dtype=np.int32)
    code = np.unique(us[pu].astype(np.int64) * (n_keys + 1) + pk) if pu.size else np.zeros(
        0, dtype=np.int64)
    return KeyedSide(us, np.array(weight, dtype=np.float32), pu, pk,
                     (code // (n_keys + 1)).astype(np.int32),
                     (code % (n_keys + 1)).astype(np.int32), n)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(1, 30), st.integers(0, 2**32 - 1),
       st.floats(0.0, 1.0))
def test_matchable_weight_is_the_per_pair_sum(n: int, m: int, keys: int, seed: int,
                                              unmatched: float) -> None:
    rng = np.random.default_rng(seed)
    side, other = _side(rng, n, keys), _side(rng, m, keys)
    n_keys = int(max(side.pair_key.max(initial=0), other.pair_key.max(initial=0))) + 1
    present = np.zeros(n_keys, dtype=bool)
    present[other.pair_key] = True
    ok = np.bincount(side.pair_unit, weights=present[side.pair_key],
                     minlength=len(side.unit_sent)) > 0
    want = np.bincount(side.unit_sent, weights=side.unit_weight * np.where(ok, 1.0, unmatched),
                       minlength=n).astype(np.float64)
    assert matchable_weight(side, other, unmatched).tobytes() == want.tobytes()


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 120), st.integers(2, 120), st.integers(1, 6), st.integers(1, 6),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 5, 40]))
def test_coarse_joins_in_pieces_are_the_whole_join(n: int, m: int, k_en: int, k_ar: int,
                                                   seed: int, piece: int) -> None:
    """``chunk_similarity`` and ``banded_chunk_similarity`` joined in pieces of a few pairs
    give the numbers of one join, bit for bit."""
    rng = np.random.default_rng(seed)
    en, ar = _side(rng, n, 25), _side(rng, m, 25)
    nc, mc = math.ceil(n / k_en), math.ceil(m / k_ar)
    band = band_around(np.linspace(0, mc - 1, nc), 2, nc - 1, mc - 1)
    saved = coarse.join_piece
    try:
        coarse.join_piece = 1 << 40
        want = (coarse.chunk_similarity(en, ar, k_en, k_ar),
                coarse.banded_chunk_similarity(en, ar, k_en, k_ar, band.lo, band.width))
        coarse.join_piece = piece
        got = (coarse.chunk_similarity(en, ar, k_en, k_ar),
               coarse.banded_chunk_similarity(en, ar, k_en, k_ar, band.lo, band.width))
    finally:
        coarse.join_piece = saved
    for x, y in zip(got, want, strict=True):
        assert x.tobytes() == y.tobytes()


_BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (5, 1), (1, 4))


def _plain_dp(band: Band, grids: dict[tuple[int, int], np.ndarray]
              ) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """The banded DP written cell by cell over whole ``(n + 1, width)`` grids: beads with
    English sentences in list order (the first of equal costs wins), then 0-1 beads from
    the left when better by more than 1e-9."""
    n, width, lo = band.n, band.width, band.lo
    dist = np.full((n + 1, width), math.inf)
    back = np.full((n + 1, width), -1)
    for i in range(n + 1):
        for k in range(width):
            j = int(lo[i]) + k
            if i == 0 and k == 0:
                dist[0, 0] = 0.0
            for t, (a, b) in enumerate(_BEADS):
                if a == 0 or i < a:
                    continue
                ks = j - b - int(lo[i - a])
                if 0 <= ks < width:
                    c = dist[i - a, ks] + float(grids[(a, b)][i, k])
                    if c < dist[i, k]:
                        dist[i, k], back[i, k] = c, t
        for k in range(1, width):
            c = dist[i, k - 1] + float(grids[(0, 1)][i, k])
            if c < dist[i, k] - 1e-9:
                dist[i, k], back[i, k] = c, _BEADS.index((0, 1))
    return _plain_back(band, back, grids)


def _plain_back(band: Band, back: np.ndarray, grids: dict[tuple[int, int], np.ndarray]
                ) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    lo, n = band.lo, band.n
    out = []
    i, j = n, band.m
    while i > 0 or j > 0:
        a, b = _BEADS[int(back[i, j - lo[i]])]
        out.append((tuple(range(i - a, i)), tuple(range(j - b, j)),
                    float(grids[(a, b)][i, j - lo[i]])))
        i, j = i - a, j - b
    return out[::-1]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(2, 6), st.integers(0, 2**32 - 1),
       st.sampled_from([1, 3, 512]), st.sampled_from([np.float32, np.float64]))
def test_dp_on_the_last_rows_is_the_whole_grid_dp(n: int, m: int, hw: int, seed: int,
                                                  block: int, dtype: type) -> None:
    """``align_band``, which keeps the distances of the last rows only and the chosen
    costs in the costs' dtype, finds the path and costs of the DP over whole grids."""
    rng = np.random.default_rng(seed)
    band = band_around(np.linspace(0, m, n + 1), hw, n, m)
    grids = {bt: rng.uniform(0.0, 10.0, (n + 1, band.width)).astype(dtype) for bt in _BEADS}
    got = align_band(band, from_grids(lambda a, b: grids[(a, b)]), _BEADS, block=block)
    assert got == _plain_dp(band, grids)
    if dtype is np.float32:
        def rows32(beads, r0, r1):  # type: ignore[no-untyped-def]
            return np.stack([grids[bt][r0:r1] for bt in beads])
        assert align_band(band, rows32, _BEADS, block=block) == got


@settings(max_examples=12, deadline=None)
@given(st.integers(150, 1200), st.integers(150, 1200), st.integers(0, 2**32 - 1),
       st.integers(5, 12), st.sampled_from([64, 200, 512]))
def test_grids_by_stretches_give_the_whole_grids_search(n: int, m: int, seed: int, hw: int,
                                                         rows: int) -> None:
    """A search whose coverage grids are made a stretch of rows at a time
    (``search.stretch``) finds the path, costs and statistics of the whole-grid search."""
    from dataclasses import replace

    from tawazi.align.config import AlignConfig
    from tawazi.align.search import stretch
    from tawazi.align.search.run import search_document

    rng = np.random.default_rng(seed)
    en, ar = _side(rng, n, 60), _side(rng, m, 60)
    len_en, len_ar = rng.uniform(5, 80, size=n), rng.uniform(5, 80, size=m)
    config = replace(AlignConfig(), half_width=hw)
    band = band_around(np.linspace(0, m, n + 1) + rng.uniform(-3, 3, n + 1), hw, n, m)
    saved = stretch.grid_bytes, stretch.stretch_rows
    try:
        stretch.grid_bytes = 1 << 40
        want = search_document(en, ar, len_en, len_ar, band, config)
        stretch.grid_bytes, stretch.stretch_rows = 0, rows
        got = search_document(en, ar, len_en, len_ar, band, config)
    finally:
        stretch.grid_bytes, stretch.stretch_rows = saved
    assert got == want


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 300), st.integers(1, 300), st.integers(0, 2**32 - 1), st.integers(5, 12),
       st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_window_grids_are_cells_of_the_whole_grids(n: int, m: int, seed: int, hw: int,
                                                   f0: float, f1: float) -> None:
    """The grids of a window of rows (``stretch.window_grids``) are the whole grids' cells
    of the window's sentences, bit for bit, and cover every sentence its rows' beads read;
    the run-of-one grids made by stretches are the whole grids' first run length."""
    from tawazi.align.search import stretch
    from tawazi.align.search.run import pair_grids

    rng = np.random.default_rng(seed)
    en, ar = _side(rng, n, 40), _side(rng, m, 40)
    band = band_around(np.linspace(0, m, n + 1) + rng.uniform(-4, 4, n + 1), hw, n, m)
    whole = pair_grids(en, ar, band, 8)
    r0 = int(f0 * n)
    r1 = r0 + 1 + int(f1 * (n - r0))
    win = stretch.window_grids(en, ar, band, 8, (r0, r1))
    for side, full, part, off in (("en", whole.cov_en, win.cov_en, whole.off_en),
                                  ("ar", whole.cov_ar, win.cov_ar, whole.off_ar)):
        s0, s1 = win.window(side)
        assert part.tobytes() == full[:, off[s0] : off[s1]].tobytes()
    e0, e1 = win.window("en")
    a0, a1 = win.window("ar")
    assert e0 <= max(0, r0 - 8) and e1 >= min(n, r1 - 1)
    assert a0 <= max(0, int(band.lo[r0]) - 8)
    assert a1 >= min(m, int(band.lo[r1 - 1]) + band.width - 1)
    saved = stretch.stretch_rows
    try:
        stretch.stretch_rows = 64
        ones = stretch.chance_grids(en, ar, band, 8)
    finally:
        stretch.stretch_rows = saved
    assert ones.cov_en.tobytes() == whole.cov_en[:1].tobytes()
    assert ones.cov_ar.tobytes() == whole.cov_ar[:1].tobytes()
