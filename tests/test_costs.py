"""The cost grid, document statistics and band choice, against their definitions.

``test_bead_cost.py`` pins the two-sided cost to refinement's independent computation; here
the rest: one-sided beads and their edge bonus, which cells hold a bead at all, the chance
rates, the two log-likelihood ratios, and when a document is searched whole.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from align.config import AlignConfig
from align.evidence.features import Unit, Vocabulary, keyed_side
from align.search.band import Band, band_around, full_band
from align.search.costs import (
    CostParams,
    cost_inputs,
    cost_rows,
    estimate_stats,
    length_llr,
    make_cost_grid,
    sentence_llr,
)
from align.search.dp import BEADS
from align.search.run import _null_bonus, choose_band, pair_grids

P = CostParams()


def _side(rng: np.random.Generator, n: int, n_keys: int) -> tuple[object, np.ndarray]:
    units = [
        [Unit(0, 1, "w", (f"k{int(k)}",), float(rng.integers(1, 4)) / 2)
         for k in rng.integers(0, n_keys, size=int(rng.integers(0, 5)))]
        for _ in range(n)
    ]
    return units, rng.uniform(5, 80, size=n)


def _inputs(n: int, m: int, band: Band, seed: int, n_keys: int = 12):  # type: ignore[no-untyped-def]
    """Random sides; with few distinct keys most pairs match, with many the chance rate
    falls inside the clipping range of ``estimate_stats``."""
    rng = np.random.default_rng(seed)
    ue, len_en = _side(rng, n, n_keys)
    ua, len_ar = _side(rng, m, n_keys)
    vocab = Vocabulary()
    es, as_ = keyed_side(ue, vocab), keyed_side(ua, vocab)  # type: ignore[arg-type]
    grids = pair_grids(es, as_, band)
    w_en, w_ar = es.sentence_weight(), as_.sentence_weight()
    stats = estimate_stats(grids, w_en, w_ar, len_en, len_ar)
    nb_en, nb_ar = rng.uniform(0, 2, size=n), rng.uniform(0, 2, size=m)
    args = (band, grids, w_en, w_ar, len_en, len_ar, stats, P, nb_en, nb_ar)
    return args, cost_inputs(*args), es, as_


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.integers(0, 2**32 - 1), st.integers(0, 3))
def test_cost_grid_holds_a_bead_exactly_where_it_fits_in_the_band(
    n: int, m: int, seed: int, hw: int
) -> None:
    """Finite where both corners of the bead are band cells, ``inf`` elsewhere; one-sided
    beads cost their prior less the bonus of their sentence; the row blocks do not matter."""
    band = band_around(np.linspace(0, m, n + 1), hw, n, m)
    args, inp, _, _ = _inputs(n, m, band, seed)
    nb_en, nb_ar = args[8], args[9]
    grid = make_cost_grid(cost_inputs(*args))
    grid_1 = make_cost_grid(cost_inputs(*args), block=1)
    for a, b in BEADS:
        rows = cost_rows(inp, a, b, 0, n + 1)
        assert np.array_equal(grid(a, b), rows.astype(np.float32))
        assert np.array_equal(grid_1(a, b), grid(a, b))
        for i in range(n + 1):
            for k in range(band.width):
                j = int(band.lo[i]) + k
                i0, j0 = i - a, j - b
                fits = (i0 >= 0 and j0 >= 0
                        and band.lo[i0] <= j0 < band.lo[i0] + band.width)
                assert math.isfinite(rows[i, k]) == fits, (a, b, i, j)
                if fits and b == 0:
                    want = -math.log(P.priors[(1, 0)]) - nb_en[i - 1]
                    assert math.isclose(rows[i, k], want, abs_tol=1e-12)
                if fits and a == 0:
                    want = -math.log(P.priors[(0, 1)]) - nb_ar[j - 1]
                    assert math.isclose(rows[i, k], want, abs_tol=1e-12)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.integers(0, 2**32 - 1), st.booleans(),
       st.sampled_from([12, 80]))
def test_estimate_stats_is_the_chance_rate_over_the_grid_pairs(
    n: int, m: int, seed: int, narrow: bool, n_keys: int
) -> None:
    """``q`` = matched weight of the single-sentence pairs in the grids over the weight of
    all word pairs they hold, clipped to [0.001, 0.2]; ``mu`` the log length ratio."""
    if n == 0 or m == 0:
        st_ = estimate_stats(pair_grids(*_empty(n, m)), np.ones(n), np.ones(m),
                             np.full(n, 3.0), np.full(m, 5.0))
        assert (st_.q_en, st_.q_ar) == (0.01, 0.01)
        assert st_.mu == math.log((5.0 * m + 1) / (3.0 * n + 1))
        return
    band = band_around(np.linspace(0, m, n + 1), 1, n, m) if narrow else full_band(n, m)
    args, inp, _, _ = _inputs(n, m, band, seed, n_keys)
    grids, w_en, w_ar, len_en, len_ar = args[1], args[2], args[3], args[4], args[5]
    matched_en = matched_ar = pairs = 0.0
    for i in range(n):
        for k in range(grids.width):
            j = int(grids.plo[i]) + k
            if j < m:
                pairs += w_en[i] * w_ar[j]
                matched_en += float(grids.cov_en[0, i, k])
                matched_ar += float(grids.cov_ar[0, i, k])

    def clip(x: float) -> float:
        return min(0.2, max(0.001, x))

    got = inp.stats
    want_en = clip(matched_en / pairs) if pairs else 0.01
    want_ar = clip(matched_ar / pairs) if pairs else 0.01
    assert math.isclose(got.q_en, want_en, rel_tol=1e-6)
    assert math.isclose(got.q_ar, want_ar, rel_tol=1e-6)
    assert math.isclose(got.mu, math.log((len_ar.sum() + 1) / (len_en.sum() + 1)))


def _empty(n: int, m: int):  # type: ignore[no-untyped-def]
    vocab = Vocabulary()
    return (keyed_side([[] for _ in range(n)], vocab), keyed_side([[] for _ in range(m)], vocab),
            full_band(n, m))


def test_chance_rates_are_clipped() -> None:
    """No match at all gives the floor 0.001, everything matching the ceiling 0.2."""
    vocab = Vocabulary()
    one = [[Unit(0, 1, "w", ("k",))] for _ in range(4)]
    other = [[Unit(0, 1, "w", ("z",))] for _ in range(4)]
    for side, want in ((other, 0.001), (one, 0.2)):
        es, as_ = keyed_side(one, vocab), keyed_side(side, vocab)
        grids = pair_grids(es, as_, full_band(4, 4))
        s = estimate_stats(grids, es.sentence_weight(), as_.sentence_weight(),
                           np.ones(4), np.ones(4))
        assert s.q_en == want and s.q_ar == want


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 30), st.floats(0.5, 30), st.floats(0, 40), st.floats(0.0001, 0.3))
def test_sentence_llr_is_the_documented_formula(cov: float, total: float, other: float,
                                                q: float) -> None:
    cov = min(cov, total)
    share = (cov + P.lex_prior * P.lex_t) / (total + P.lex_prior)
    p0 = 1 - (1 - q) ** other
    want = P.lex_k * ((share - p0) / max(1 - p0, 1e-3) - P.lex_t)
    got = float(sentence_llr(np.array(cov), np.array(total), np.array(other), q, P))
    assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


def test_sentence_llr_rewards_coverage_and_discounts_chance() -> None:
    f = lambda c, q: float(sentence_llr(np.array(c), np.array(10.0), np.array(12.0), q, P))  # noqa: E731
    assert f(8, 0.01) > f(4, 0.01) > f(0, 0.01)
    assert f(6, 0.001) > f(6, 0.05)
    # No evidence either way at the threshold with no chance matches.
    assert abs(float(sentence_llr(np.array(P.lex_t * 10), np.array(10.0), np.array(0.0),
                                  0.01, P))) < 1e-12
    # Chance covers everything: the discount is bounded, not a division by zero.
    assert math.isfinite(float(sentence_llr(np.array(1.0), np.array(1.0),
                                            np.array(1e6), 0.2, P)))


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 500), st.floats(0, 500), st.floats(-1, 1))
def test_length_llr_is_a_ratio_of_two_normal_densities(le: float, la: float, mu: float
                                                      ) -> None:
    x = math.log((la + P.len_smooth) / (le + P.len_smooth)) - mu

    def logpdf(s: float) -> float:
        return -0.5 * (x / s) ** 2 - math.log(s * math.sqrt(2 * math.pi))

    want = logpdf(P.len_sigma) - logpdf(P.len_sigma_bg)
    got = float(length_llr(np.array(le), np.array(la), mu, P))
    assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


def test_null_bonus_is_at_both_edges() -> None:
    c = AlignConfig()
    b = c.cost.edge_bonus
    assert c.cost.edge_span == 2
    assert list(_null_bonus(5, c)) == [b, b, 0.0, b, b]
    assert list(_null_bonus(3, c)) == [b, b, b]
    assert list(_null_bonus(1, c)) == [b]
    assert list(_null_bonus(0, c)) == []


def test_documents_up_to_full_cells_are_searched_whole() -> None:
    vocab = Vocabulary()
    side = keyed_side([[Unit(0, 1, "w", (f"k{i}",))] for i in range(14)], vocab)
    lens = np.full(14, 20.0)
    whole = choose_band(side, side, lens, lens, AlignConfig(full_cells=225, half_width=5))
    assert whole.full and np.array_equal(whole.lo, full_band(14, 14).lo)
    banded = choose_band(side, side, lens, lens, AlignConfig(full_cells=224, half_width=5))
    assert not banded.full and banded.width == 11


def test_pair_ranges_cover_every_bead_with_the_documented_margin() -> None:
    """English ``i`` reads Arabic from ``lo[i - 3] - 3`` to ``lo[i + 4] + width + 3`` (rows
    clamped to the band, columns to the document): a worked example."""
    band = Band(np.array([0, 0, 2, 4, 6, 8, 10]), 5, 6, 14)
    plo, phi = band.pair_ranges()
    assert list(plo) == [0, 0, 0, 0, 0, 0]
    assert list(phi) == [14, 14, 14, 14, 14, 14]
    band = Band(np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 3, 10, 12)
    plo, phi = band.pair_ranges()
    assert list(plo) == [0, 0, 0, 0, 0, 0, 0, 1, 2, 3]
    assert list(phi) == [10, 11, 12, 12, 12, 12, 12, 12, 12, 12]
    assert list(band.pair_ranges(1)[0]) == [0, 0, 0, 1, 2, 3, 4, 5, 6, 7]
    # The first rows read from row 0 of the band (lo = 0), not from row 1.
    assert list(Band(np.array([0, 4, 8, 8]), 5, 3, 12).pair_ranges()[0]) == [0, 0, 0]
    lo, hi = band.column_ranges()
    # Arabic j is in the range of English rows plo <= j < phi, from 3 rows higher.
    for j in range(12):
        rows = [i for i in range(10) if plo[i] <= j < phi[i]]
        assert hi[j] == rows[-1] + 1 and lo[j] == max(0, rows[0] - 3)
