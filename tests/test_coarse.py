"""The coarse passes that place the band of long documents (``search.coarse``).

The banded DTW is pinned to a plain, cell-by-cell dynamic programme; the banded chunk
similarity to the full matrix it restricts; and the two levels together must put the
expected Arabic row of a long synthetic document within a few sentences of the truth where
the first level alone is off by more than the search band's half width.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.config import AlignConfig, CoarseParams
from tawazi.align.evidence.coverage import KeyedSide
from tawazi.align.search.band import band_around
from tawazi.align.search.coarse import (
    banded_chunk_similarity,
    banded_path,
    chunk_similarity,
    coarse_center,
    monotone_path,
)


def _plain_dtw(sim: np.ndarray, lo: np.ndarray, gap: float) -> float:
    """Best path score by the textbook recurrence over the band's cells."""
    nc, width = sim.shape
    mc = int(lo[-1]) + width
    score = np.full((nc, mc), -np.inf)
    for i in range(nc):
        for j in range(int(lo[i]), int(lo[i]) + width):
            s = sim[i, j - int(lo[i])]
            if i == 0 and j == 0:
                score[i, j] = s
                continue
            best = -np.inf
            if i > 0 and j > 0:
                best = max(best, score[i - 1, j - 1] + s)
            if i > 0:
                best = max(best, score[i - 1, j] - gap + s)
            if j > 0:
                best = max(best, score[i, j - 1] - gap + s)
            score[i, j] = best
    return float(score[nc - 1, mc - 1])


def _path_score(sim: np.ndarray, lo: np.ndarray, path: list[tuple[int, int]],
                gap: float) -> float:
    total = 0.0
    for k, (i, j) in enumerate(path):
        total += sim[i, j - int(lo[i])]
        if k:
            pi, pj = path[k - 1]
            step = (i - pi, j - pj)
            assert step in ((1, 1), (1, 0), (0, 1)), step
            if step != (1, 1):
                total -= gap
    return total


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_banded_path_is_the_best_monotone_path(nc: int, mc: int, half: int, seed: int) -> None:
    """The vectorised rows (a running maximum for the steps from the left) give a path
    whose score is the plain DP's optimum, in full and narrow bands, and stays inside them."""
    rng = np.random.default_rng(seed)
    center = np.linspace(0, mc - 1, nc) + rng.uniform(-2, 2, size=nc)
    band = band_around(center, half, nc - 1, mc - 1)
    sim = rng.uniform(0, 1, size=(nc, band.width))
    gap = float(rng.uniform(0, 1))
    path = banded_path(sim, band.lo, mc, gap)
    assert path[0] == (0, 0) and path[-1] == (nc - 1, mc - 1)
    for i, j in path:
        assert band.lo[i] <= j < band.lo[i] + band.width
    assert np.isclose(_path_score(sim, band.lo, path, gap), _plain_dtw(sim, band.lo, gap))


def test_monotone_path_follows_the_diagonal_of_a_diagonal_matrix() -> None:
    sim = np.eye(6) + 0.01
    assert monotone_path(sim, 0.5) == [(i, i) for i in range(6)]


def _side(keys_per_sent: list[list[int]]) -> KeyedSide:
    sents = np.array([s for s, ks in enumerate(keys_per_sent) for _ in ks], dtype=np.int32)
    keys = np.array([k for ks in keys_per_sent for k in ks], dtype=np.int32)
    units = np.arange(len(keys), dtype=np.int32)
    return KeyedSide(sents, np.ones(len(keys), dtype=np.float32), units, keys, sents, keys,
                     len(keys_per_sent))


@settings(max_examples=60, deadline=None)
@given(st.integers(5, 60), st.integers(5, 60), st.integers(0, 2**32 - 1))
def test_banded_similarity_is_the_full_one_inside_the_band(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    en = _side([list(rng.choice(40, size=3, replace=False)) for _ in range(n)])
    ar = _side([list(rng.choice(40, size=3, replace=False)) for _ in range(m)])
    k_en, k_ar = 3, 2
    full = chunk_similarity(en, ar, k_en, k_ar)
    nc, mc = full.shape
    band = band_around(np.linspace(0, mc - 1, nc), 2, nc - 1, mc - 1)
    banded = banded_chunk_similarity(en, ar, k_en, k_ar, band.lo, band.width)
    for i in range(nc):
        for c in range(band.width):
            assert np.isclose(banded[i, c], full[i, band.lo[i] + c])


def test_the_second_level_puts_a_long_document_within_the_band() -> None:
    """20,000 sentences a side, the Arabic missing blocks of 5 to 40 sentences here and there
    and sentence lengths that vary: the first level alone (chunks of 67 sentences) is off by
    more than the band's half width somewhere; with the second level the expected row stays
    within half the band's width of the truth everywhere."""
    rng = np.random.default_rng(7)
    n = 20_000
    keep = np.ones(n, dtype=bool)
    for start in rng.choice(n - 50, size=60, replace=False):
        keep[start:start + int(rng.integers(5, 41))] = False
    truth = np.cumsum(keep) - keep  # Arabic row of each English row
    # Each sentence carries a distinctive key (a name, a number) and two shared words.
    en_keys = [[1_000_000 + i, int(rng.integers(0, 50)), int(rng.integers(0, 50))]
               for i in range(n)]
    ar_keys = [en_keys[i] for i in range(n) if keep[i]]
    en, ar = _side(en_keys), _side(ar_keys)
    len_en = rng.uniform(20, 400, size=n)
    len_ar = len_en[keep] * rng.uniform(0.8, 1.2, size=int(keep.sum()))
    one = AlignConfig(coarse=CoarseParams(fine_chunk=0))
    two = AlignConfig()
    err_one = np.abs(coarse_center(en, ar, len_en, len_ar, one)[:n] - truth)
    err_two = np.abs(coarse_center(en, ar, len_en, len_ar, two)[:n] - truth)
    assert err_one.max() > one.half_width
    # Measured: first level median 15.7, max 47.4; both levels median 1.8, max 9.5.
    assert err_two.max() < two.half_width / 2
    assert np.median(err_two) < np.median(err_one) / 4
