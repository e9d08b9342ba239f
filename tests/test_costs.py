"""The cost grid, document statistics and band choice, against their definitions.

``test_bead_cost.py`` pins the two-sided cost to refinement's independent computation; here
the rest: one-sided beads and their edge bonus, which cells hold a bead at all, the chance
rates, the two log-likelihood ratios, and when a document is searched whole.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.config import AlignConfig
from tawazi.align.evidence.features import Unit, Vocabulary, keyed_side
from tawazi.align.search.band import Band, band_around, full_band
from tawazi.align.search.costs import (
    CostParams,
    cost_inputs,
    cost_rows,
    estimate_stats,
    length_llr,
    length_spread,
    make_cost_rows,
    sentence_llr,
)
from tawazi.align.search.dp import BEADS
from tawazi.align.search.run import _null_bonus, choose_band, matchable_weight, pair_grids

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
    rows_fn = make_cost_rows(cost_inputs(*args))
    whole = rows_fn(BEADS, 0, n + 1)
    one_by_one = np.concatenate([rows_fn(BEADS, r, r + 1) for r in range(n + 1)], axis=1)
    assert np.array_equal(whole, one_by_one)
    for t, (a, b) in enumerate(BEADS):
        rows = cost_rows(inp, a, b, 0, n + 1)
        # Alone or among all bead types (which share their sentence terms): the same costs.
        assert np.array_equal(whole[t], rows.astype(np.float32))
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
    all word pairs they hold (each row exactly its range, no padding), shrunk towards 0.01
    by 30 sentence pairs and clipped to [0.001, 0.2]; ``mu`` the log length ratio."""
    if n == 0 or m == 0:
        st_ = estimate_stats(pair_grids(*_empty(n, m)), np.ones(n), np.ones(m),
                             np.full(n, 3.0), np.full(m, 5.0))
        assert (st_.q_en, st_.q_ar) == (0.01, 0.01)
        assert st_.mu == math.log((5.0 * m + 1) / (3.0 * n + 1))
        return
    band = band_around(np.linspace(0, m, n + 1), 1, n, m) if narrow else full_band(n, m)
    args, inp, _, _ = _inputs(n, m, band, seed, n_keys)
    grids, w_en, w_ar, len_en, len_ar = args[1], args[2], args[3], args[4], args[5]
    matched_en = matched_ar = pairs_en = pairs_ar = 0.0
    count_en = count_ar = 0
    for i in range(n):
        row = grids.en_row(0, i)
        assert len(row) == grids.phi[i] - grids.plo[i]
        for k, cov in enumerate(row):
            pairs_en += w_en[i] * w_ar[int(grids.plo[i]) + k]
            matched_en += float(cov)
            count_en += 1
    for j in range(m):
        row = grids.ar_row(0, j)
        assert len(row) == grids.ahi[j] - grids.alo[j]
        for k, cov in enumerate(row):
            pairs_ar += w_en[int(grids.alo[j]) + k] * w_ar[j]
            matched_ar += float(cov)
            count_ar += 1

    def rate(matched: float, weight: float, count: int) -> float:
        if not weight:
            return 0.01
        shrunk = (count * matched / weight + 30 * 0.01) / (count + 30)
        return min(0.2, max(0.001, shrunk))

    got = inp.stats
    want_en = rate(matched_en, pairs_en, count_en)
    want_ar = rate(matched_ar, pairs_ar, count_ar)
    assert math.isclose(got.q_en, want_en, rel_tol=1e-6)
    assert math.isclose(got.q_ar, want_ar, rel_tol=1e-6)
    assert math.isclose(got.mu, math.log((len_ar.sum() + 1) / (len_en.sum() + 1)))


def _empty(n: int, m: int):  # type: ignore[no-untyped-def]
    vocab = Vocabulary()
    return (keyed_side([[] for _ in range(n)], vocab), keyed_side([[] for _ in range(m)], vocab),
            full_band(n, m))


def test_chance_rates_are_clipped() -> None:
    """No match at all gives the floor 0.001, everything matching the ceiling 0.2 (not
    shrunk). Shrunk by the default 30 pairs of rate 0.01, the 16 pairs of a 4 x 4 document
    give (16 * 0 + 30 * 0.01) / 46 with no match, and still the ceiling when every word
    matches ((16 + 0.3) / 46 is above it)."""
    vocab = Vocabulary()
    one = [[Unit(0, 1, "w", ("k",))] for _ in range(4)]
    other = [[Unit(0, 1, "w", ("z",))] for _ in range(4)]
    raw = CostParams(q_pseudo_pairs=0.0)
    for side, want, params in ((other, 0.001, raw), (one, 0.2, raw),
                               (one, 0.2, CostParams()), (other, 0.01 * 30 / 46, CostParams())):
        es, as_ = keyed_side(one, vocab), keyed_side(side, vocab)
        grids = pair_grids(es, as_, full_band(4, 4))
        s = estimate_stats(grids, es.sentence_weight(), as_.sentence_weight(),
                           np.ones(4), np.ones(4), params)
        assert math.isclose(s.q_en, want) and math.isclose(s.q_ar, want)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 30), st.floats(0.5, 30), st.floats(0, 40), st.floats(0.0001, 0.3))
def test_sentence_llr_is_the_documented_formula(cov: float, total: float, other: float,
                                                q: float) -> None:
    cov = min(cov, total)
    share = (cov + P.lex_prior * P.lex_t) / (total + P.lex_prior)
    p0 = 1 - (1 - q) ** other
    want = P.lex_k * (max((share - p0) / max(1 - p0, 1e-3), -P.lex_floor) - P.lex_t)
    got = float(sentence_llr(np.array(cov), np.array(total), np.array(other), q, P))
    assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


def test_a_share_below_chance_costs_no_more_than_the_floor() -> None:
    """Against a long run of the other side the chance share nears 1 and a sentence with
    no match would cost tens of nats under the raw formula; the floor bounds that, so a
    sentence of a long bead is not cut off as 1-0 for it."""
    long_run = float(sentence_llr(np.array(0.0), np.array(4.0), np.array(150.0), 0.008, P))
    assert long_run == pytest.approx(-P.lex_k * (P.lex_floor + P.lex_t))
    assert long_run > -P.lex_k  # the unbounded formula gives about -23 here
    # Shares above chance are untouched by the floor.
    assert float(sentence_llr(np.array(3.0), np.array(4.0), np.array(10.0), 0.008, P)) > 0


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

    size = 0.5 * (le + la) + P.len_smooth
    spread = P.len_sigma * math.sqrt(P.len_floor + (1 - P.len_floor) * P.len_ref / size)
    want = logpdf(spread) - logpdf(P.len_sigma_bg)
    got = float(length_llr(np.array(le), np.array(la), mu, P))
    assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


@given(st.floats(1, 5000), st.floats(1.01, 10))
def test_length_spread_shrinks_with_length_towards_its_floor(size: float, grow: float) -> None:
    """Gale and Church's observation: a long bead's length ratio varies less than a short
    one's; never below the floor, and exactly ``len_sigma`` at ``len_ref``."""
    def spread(n: float, p: CostParams = P) -> float:
        return float(length_spread(np.array(n), np.array(n), p))

    assert spread(size * grow) < spread(size)
    assert spread(1e12) >= P.len_sigma * math.sqrt(P.len_floor) * (1 - 1e-9)
    ref = P.len_ref - P.len_smooth
    assert math.isclose(spread(ref), P.len_sigma, rel_tol=1e-12)
    flat = replace(P, len_floor=1.0)
    assert math.isclose(spread(size, flat), spread(size * grow, flat), rel_tol=1e-12)


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


def _beads_read(band: Band, reach: int):  # type: ignore[no-untyped-def]
    """``(i0, j0, i1, j1)`` of every bead of up to ``reach`` sentences a side (both sides
    non-empty) that ends at a cell of the band."""
    for i in range(1, band.n + 1):
        for k in range(band.width):
            j = int(band.lo[i]) + k
            for a in range(1, min(reach, i) + 1):
                for b in range(1, min(reach, j) + 1):
                    if j <= band.m:
                        yield i - a, j - b, i, j


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 14), st.integers(1, 14), st.integers(0, 4), st.integers(1, 8),
       st.integers(0, 2**32 - 1))
def test_pair_and_column_ranges_are_the_tightest_that_hold_every_bead(
    n: int, m: int, hw: int, reach: int, seed: int
) -> None:
    """Over every bead of up to ``reach`` sentences a side ending at a band cell: each
    English sentence's Arabic run starts and the Arabic sentences of the runs lie in its
    pair range, each Arabic sentence's English run starts and sentences in its column range,
    and the ranges are no wider than the union of what those beads read (clipped to the
    document)."""
    rng = np.random.default_rng(seed)
    band = band_around(np.sort(rng.uniform(0, m, n + 1)), hw, n, m)
    plo, phi = band.pair_ranges(reach)
    alo, ahi = band.column_ranges(reach)
    en: dict[int, tuple[int, int]] = {}
    ar: dict[int, tuple[int, int]] = {}
    for i0, j0, i1, j1 in _beads_read(band, reach):
        for x in range(i0, i1):
            assert plo[x] <= j0 and j1 <= phi[x]
            lo_, hi_ = en.get(x, (m, 0))
            en[x] = (min(lo_, j0), max(hi_, j1))
        for y in range(j0, j1):
            assert alo[y] <= i0 and i1 <= ahi[y]
            lo_, hi_ = ar.get(y, (n, 0))
            ar[y] = (min(lo_, i0), max(hi_, i1))
    for x, (lo_, hi_) in en.items():
        assert plo[x] == max(0, min(lo_, int(band.lo[x + 1]) - reach)) and phi[x] == hi_
    for y, (lo_, hi_) in ar.items():
        assert (alo[y], ahi[y]) == (lo_, hi_)


def test_a_bead_pays_for_each_paragraph_break_it_crosses() -> None:
    """With paragraphs on both sides, a 2-1 bead whose English sentences sit in two
    paragraphs costs ``para_cross`` more than the same bead without paragraph information;
    a bead inside one paragraph costs the same; one side in a single paragraph means no
    shared structure, so nothing is charged."""
    from tawazi.align.search.costs import shared_paragraphs

    n, m = 6, 5
    band = full_band(n, m)
    args, plain, _, _ = _inputs(n, m, band, 7)
    para = shared_paragraphs([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 2])
    assert para is not None
    with_para = cost_inputs(*args, paragraphs=para)
    base = cost_rows(plain, 2, 1, 0, n + 1)
    got = cost_rows(with_para, 2, 1, 0, n + 1)
    # Bead English 1-2 (paragraphs 0 and 1) and Arabic 1 ending at (3, 2): one break.
    assert got[3, 2] == pytest.approx(base[3, 2] + P.para_cross)
    # English 3-4 (paragraph 1) and Arabic 2 (paragraph 1): none.
    assert got[5, 3] == pytest.approx(base[5, 3])
    # English 4-5 (paragraphs 1, 2) against Arabic 4 (paragraph 2): one.
    assert got[6, 5] == pytest.approx(base[6, 5] + P.para_cross)
    # 1-2 bead of English 2 and Arabic 0-1 (paragraphs 0, 1): one, on the Arabic side.
    assert cost_rows(with_para, 1, 2, 3, 4)[0, 2] == pytest.approx(
        cost_rows(plain, 1, 2, 3, 4)[0, 2] + P.para_cross)
    assert shared_paragraphs([0, 0, 1], [0, 0, 0]) is None
    assert shared_paragraphs([], [0, 1]) is None


def test_words_matching_nothing_on_the_other_side_count_a_share() -> None:
    """A word whose keys appear nowhere on the other side weighs ``unmatched``; one that
    matches anywhere (not necessarily in the same bead) weighs in full."""
    vocab = Vocabulary()
    en = keyed_side([[Unit(0, 1, "a", ("x",)), Unit(2, 3, "b", ("nowhere",), 2.0)],
                     [Unit(0, 1, "c", ("y", "z"))]], vocab)
    ar = keyed_side([[Unit(0, 1, "d", ("z",))], [Unit(0, 1, "e", ("x",)),
                                                  Unit(2, 3, "f", ("alone",))]], vocab)
    assert matchable_weight(en, ar, 0.25).tolist() == [1.0 + 0.5, 1.0]
    assert matchable_weight(ar, en, 0.25).tolist() == [1.0, 1.25]
    assert matchable_weight(en, ar, 1.0).tolist() == en.sentence_weight().tolist()


def test_paragraph_marks_count_breaks_and_discount_the_one_after_a_heading() -> None:
    from tawazi.align.search.costs import paragraph_marks, shared_paragraphs

    texts = ["Headline without a stop", "First sentence.", "Second.", "New paragraph.",
             "Section name", "Its text."]
    para = [0, 1, 1, 2, 3, 4]
    assert paragraph_marks(para).tolist() == [0, 1, 1, 2, 3, 4]
    assert paragraph_marks(para, texts, 0.5).tolist() == [0, 0.5, 0.5, 1.5, 2.5, 3.0]
    # A stop-less last sentence of a longer paragraph is no heading.
    assert paragraph_marks([0, 0, 1], ["A.", "b", "C."], 0.0).tolist() == [0, 0, 1]
    # One side in a single paragraph: nothing is charged.
    assert shared_paragraphs([0, 0, 0], [0, 1, 2]) is None
