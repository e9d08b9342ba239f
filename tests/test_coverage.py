"""``run_coverage`` against a naive set intersection, and ``pair_grids`` against it.

The vectorised join (sorted keys, ``searchsorted``, codes packed into integers) is checked on
random small sides against the definition written out in pure Python: the weight of the words
of sentence ``x`` that share a key with at least one sentence of the run, each word counted
once however many sentences of the run or keys match it.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.evidence.coverage import KeyedSide, row_offsets, run_coverage
from tawazi.align.evidence.features import Unit, Vocabulary, keyed_side
from tawazi.align.search.band import band_around, full_band
from tawazi.align.search.run import pair_grids

# A side: sentences of words; a word is (weight in quarters, key ids).
WORD = st.tuples(st.integers(1, 8), st.frozensets(st.integers(0, 7), min_size=1, max_size=3))
SIDE = st.lists(st.lists(WORD, max_size=4), min_size=1, max_size=7)
Side = list[list[tuple[int, frozenset[int]]]]


def _keyed(side: Side) -> KeyedSide:
    """Build the flat arrays through ``features.keyed_side``, as the aligner does."""
    units = [
        [Unit(0, 1, "w", tuple(f"k{k}" for k in sorted(keys)), w / 4) for w, keys in sent]
        for sent in side
    ]
    vocab = Vocabulary({f"k{k}": k for k in range(8)})
    return keyed_side(units, vocab)


def _naive(
    units: Side, other: Side, lo: list[int], hi: list[int], spans: int
) -> dict[tuple[int, int, int], float]:
    """``(s, x, y) -> weight`` of the words of ``x`` matched in ``other[y : y + s]``, only
    sentences of the run inside ``x``'s band ``[lo[x], hi[x])`` counting, non-zero only."""
    out: dict[tuple[int, int, int], float] = {}
    for s in range(1, spans + 1):
        for x, words in enumerate(units):
            for y in range(len(other)):
                run = [t for t in range(y, y + s) if lo[x] <= t < hi[x] and t < len(other)]
                keys = set().union(*(k for t in run for _, k in other[t]))
                w = sum(wt / 4 for wt, k in words if k & keys)
                if w:
                    out[(s, x, y)] = w
    return out


def _collect(
    units: KeyedSide, other: KeyedSide, lo: np.ndarray, hi: np.ndarray, spans: int, block: int
) -> dict[tuple[int, int, int], float]:
    """``run_coverage`` as ``(s, x, y) -> weight``, non-zero cells only."""
    grid = run_coverage(units, other, lo, hi, spans, block)
    off = row_offsets(lo, hi)
    assert grid.shape == (spans, int(off[-1]))
    got: dict[tuple[int, int, int], float] = {}
    for s in range(spans):
        for x in range(units.n_sents):
            for k, w in enumerate(grid[s, off[x] : off[x + 1]]):
                if w:
                    got[(s + 1, x, int(lo[x]) + k)] = float(w)
    return got


@settings(max_examples=300, deadline=None)
@given(SIDE, SIDE, st.integers(1, 8), st.integers(0, 2**32 - 1), st.integers(1, 3))
def test_run_coverage_is_the_naive_union_count(
    units: Side, other: Side, spans: int, seed: int, block: int
) -> None:
    """Every run starting inside a sentence's range, of every length up to ``spans``."""
    rng = np.random.default_rng(seed)
    n, m = len(units), len(other)
    lo = np.sort(rng.integers(0, m + 1, size=n))
    hi = np.maximum.accumulate(np.minimum(m + 2, lo + rng.integers(0, 4, size=n)))
    got = _collect(_keyed(units), _keyed(other), lo.astype(np.int64), hi.astype(np.int64),
                   spans, block)
    want = {key: w for key, w in _naive(units, other, lo.tolist(), hi.tolist(), spans).items()
            if lo[key[1]] <= key[2] < hi[key[1]]}
    assert got.keys() == want.keys()
    for key, w in want.items():
        assert abs(got[key] - w) < 1e-6, key


def test_a_word_matched_in_two_sentences_of_the_run_counts_once() -> None:
    units: Side = [[(4, frozenset({1})), (4, frozenset({2}))]]
    other: Side = [[(4, frozenset({1}))], [(4, frozenset({1}))], [(4, frozenset({2}))]]
    got = _collect(_keyed(units), _keyed(other), np.array([0]), np.array([3]), 3, 64)
    assert got[(1, 0, 0)] == 1.0
    assert got[(2, 0, 0)] == 1.0  # word 1 matched by sentences 0 and 1: once
    assert got[(2, 0, 1)] == 2.0
    assert got[(3, 0, 0)] == 2.0


@settings(max_examples=100, deadline=None)
@given(SIDE, SIDE, st.integers(0, 2**32 - 1), st.booleans())
def test_pair_grids_hold_the_naive_coverage_of_every_bead_in_the_band(
    en: Side, ar: Side, seed: int, narrow: bool
) -> None:
    """Every cell a bead of the band reads (English sentence ``i`` against Arabic run
    ``j .. j + s - 1`` and the reverse) holds the unrestricted naive coverage."""
    n, m = len(en), len(ar)
    rng = np.random.default_rng(seed)
    band = (band_around(np.sort(rng.uniform(0, m, n + 1)), 1, n, m) if narrow
            else full_band(n, m))
    grids = pair_grids(_keyed(en), _keyed(ar), band, 4)
    free_en = _naive(en, ar, [0] * n, [m] * n, 4)
    free_ar = _naive(ar, en, [0] * m, [n] * m, 4)
    for i in range(n + 1):
        for k in range(band.width):
            j = int(band.lo[i]) + k
            if j > m:
                continue
            for a in range(1, 5):
                for b in range(1, 5):
                    if i < a or j < b:
                        continue
                    i0, j0 = i - a, j - b
                    for d in range(a):
                        row = grids.en_row(b - 1, i0 + d)
                        kk = j0 - int(grids.plo[i0 + d])
                        assert 0 <= kk < len(row)
                        want = free_en.get((b, i0 + d, j0), 0.0)
                        assert abs(row[kk] - want) < 1e-6
                    for d in range(b):
                        row = grids.ar_row(a - 1, j0 + d)
                        kk = i0 - int(grids.alo[j0 + d])
                        assert 0 <= kk < len(row)
                        want = free_ar.get((a, j0 + d, i0), 0.0)
                        assert abs(row[kk] - want) < 1e-6


def test_unused_pairs_do_not_leak_into_the_grids() -> None:
    """Pairs far outside the band are not written (they would be stale counts of another
    column after the band offset)."""
    side: Side = [[(4, frozenset({k}))] for k in range(6)]
    band = band_around(np.arange(7, dtype=float), 0, 6, 6)
    grids = pair_grids(_keyed(side), _keyed(side), band, 3)
    counts: defaultdict[int, float] = defaultdict(float)
    for i in range(6):
        for k, w in enumerate(grids.en_row(0, i)):
            counts[int(grids.plo[i]) + k - i] += float(w)
    assert counts[0] == 6.0
    assert sum(v for d, v in counts.items() if d != 0) == 0.0


@settings(max_examples=100, deadline=None)
@given(SIDE, SIDE, st.integers(0, 2**32 - 1))
def test_every_cell_of_the_pair_grids_is_the_banded_coverage_or_zero(
    en: Side, ar: Side, seed: int
) -> None:
    """Not only the cells beads read: every cell holds the coverage of its pair within the
    ranges the band gives (or 0 past them), so no write lands in a neighbouring column."""
    rng = np.random.default_rng(seed)
    _check_every_cell(en, ar, np.sort(rng.uniform(0, len(ar), len(en) + 1)))


def test_runs_starting_before_the_pair_range_are_not_written() -> None:
    """Every sentence shares a key, so runs that start one left of a row's pair range have
    coverage; written at offset -1 they would land in the row's last column, which on the
    bottom rows is past the range and must stay 0."""
    side: Side = [[(4, frozenset({0})), (4, frozenset({1 + k % 6}))] for k in range(14)]
    _check_every_cell(side, side, np.arange(15, dtype=float))


def _check_every_cell(en: Side, ar: Side, center: np.ndarray) -> None:
    n, m = len(en), len(ar)
    band = band_around(center, 0, n, m)
    grids = pair_grids(_keyed(en), _keyed(ar), band, 3)
    plo, phi = band.pair_ranges(3)
    a_lo, a_hi = band.column_ranges(3)
    # Each row exactly as long as its range: the chance rate counts every cell.
    assert grids.cov_en.shape == (3, int((phi - plo).sum()))
    assert grids.cov_ar.shape == (3, int((a_hi - a_lo).sum()))
    want_en = _naive(en, ar, plo.tolist(), phi.tolist(), 3)
    want_ar = _naive(ar, en, a_lo.tolist(), a_hi.tolist(), 3)
    for s in range(1, 4):
        for i in range(n):
            for k, got in enumerate(grids.en_row(s - 1, i)):
                j = int(grids.plo[i]) + k
                assert abs(got - want_en.get((s, i, j), 0.0)) < 1e-6, (s, i, j)
        for j in range(m):
            for k, got in enumerate(grids.ar_row(s - 1, j)):
                i = int(grids.alo[j]) + k
                assert abs(got - want_ar.get((s, j, i), 0.0)) < 1e-6, (s, j, i)
