"""The search core against brute force: the DP, the band, and bead costs.

The DP (``search.dp.align_band``) is checked against an exhaustive enumeration of every bead
sequence on tiny random cost grids, inside full and narrow bands; the band against its
documented invariants; and a wide band against the full search on random grids and on a real
document, so that the banded, vectorised code is pinned to the plain definition of "lowest-cost
path of beads".
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# The seven-sentence news sample of test_align (one translation per sentence).
from test_align import AR, EN

from tawazi.align.config import AlignConfig
from tawazi.align.pipeline import align_sentences
from tawazi.align.search.band import Band, band_around, full_band
from tawazi.align.search.dp import BEADS, align_band, from_grids
from tawazi.align.text.segment import split_text
from tawazi.align.types import Document

Path_ = list[tuple[tuple[int, ...], tuple[int, ...], float]]


def _random_costs(
    rng: np.random.Generator, n: int, m: int, p_inf: float
) -> dict[tuple[int, int], np.ndarray]:
    """Full ``(n + 1) x (m + 1)`` cost of the bead of each type ending at each cell.

    Costs may be negative (they are log-likelihood ratios). Two-sided and 1-0 beads are
    ``inf`` with probability ``p_inf``; 0-1 beads stay finite wherever they fit, which is the
    DP's documented precondition (the cost model never forbids one inside the band).
    """
    out: dict[tuple[int, int], np.ndarray] = {}
    for a, b in BEADS:
        c = rng.uniform(-3.0, 8.0, size=(n + 1, m + 1))
        if (a, b) != (0, 1):
            c[rng.random(c.shape) < p_inf] = np.inf
        out[(a, b)] = c
    return out


def _grid_fn(costs: dict[tuple[int, int], np.ndarray], band: Band):  # type: ignore[no-untyped-def]
    """``cost_grid(a, b)`` in band coordinates: column ``k`` of row ``i`` is ``lo[i] + k``."""

    def cost_grid(a: int, b: int) -> np.ndarray:
        out = np.full((band.n + 1, band.width), np.inf)
        for i in range(band.n + 1):
            for k in range(band.width):
                j = int(band.lo[i]) + k
                if j <= band.m:
                    out[i, k] = costs[(a, b)][i, j]
        return out

    return cost_grid


def _in_band(band: Band, i: int, j: int) -> bool:
    return int(band.lo[i]) <= j < int(band.lo[i]) + band.width and j <= band.m


def _oracle(
    costs: dict[tuple[int, int], np.ndarray], band: Band
) -> list[tuple[float, list[tuple[int, int, int, int]]]]:
    """Every bead sequence from ``(0, 0)`` to ``(n, m)`` whose cells all lie in the band, with
    its total cost, by plain recursion (only for tiny grids)."""
    n, m = band.n, band.m

    @cache
    def paths(i: int, j: int) -> tuple[tuple[float, tuple[tuple[int, int, int, int], ...]], ...]:
        if (i, j) == (0, 0):
            return ((0.0, ()),)
        out = []
        for a, b in BEADS:
            i0, j0 = i - a, j - b
            if i0 < 0 or j0 < 0 or not _in_band(band, i0, j0):
                continue
            c = float(costs[(a, b)][i, j])
            if not math.isfinite(c):
                continue
            for total, p in paths(i0, j0):
                out.append((total + c, (*p, (i0, j0, i, j))))
        return tuple(out)

    return [(t, list(p)) for t, p in paths(n, m)] if _in_band(band, n, m) else []


def _as_cells(path: Path_) -> list[tuple[int, int, int, int]]:
    """Bead path as ``(i0, j0, i1, j1)`` corners; a one-sided bead keeps its position."""
    out = []
    i = j = 0
    for en, ar, _ in path:
        out.append((i, j, i + len(en), j + len(ar)))
        i, j = i + len(en), j + len(ar)
    return out


def _check_against_oracle(costs: dict[tuple[int, int], np.ndarray], band: Band) -> None:
    every = sorted(_oracle(costs, band), key=lambda tp: tp[0])
    if not every:
        with pytest.raises(RuntimeError):
            align_band(band, from_grids(_grid_fn(costs, band)))
        return
    path = align_band(band, from_grids(_grid_fn(costs, band)))
    total = sum(c for _, _, c in path)
    assert total == pytest.approx(every[0][0], abs=1e-6)
    # Each bead is reported with its own grid cost, and beads tile both sides in order.
    cells = _as_cells(path)
    for (i0, j0, i1, j1), (_, _, c) in zip(cells, path, strict=True):
        assert (i1 - i0, j1 - j0) in BEADS
        assert c == costs[(i1 - i0, j1 - j0)][i1, j1]
        assert _in_band(band, i1, j1) and _in_band(band, i0, j0)
    assert cells[-1][2:] == (band.n, band.m)
    if len(every) == 1 or every[1][0] - every[0][0] > 1e-6:
        assert cells == every[0][1]


GRID = st.tuples(
    st.integers(0, 4), st.integers(0, 4), st.integers(0, 2**32 - 1),
    st.sampled_from([0.0, 0.3, 0.7]),
)


@settings(max_examples=300, deadline=None)
@given(GRID)
def test_full_band_dp_finds_the_brute_force_minimum(grid: tuple[int, int, int, float]) -> None:
    n, m, seed, p_inf = grid
    if n + m == 0:
        return
    costs = _random_costs(np.random.default_rng(seed), n, m, p_inf)
    _check_against_oracle(costs, full_band(n, m))


@settings(max_examples=300, deadline=None)
@given(GRID, st.integers(0, 3), st.integers(0, 2**32 - 1))
def test_narrow_band_dp_finds_the_brute_force_minimum_inside_the_band(
    grid: tuple[int, int, int, float], half_width: int, seed2: int
) -> None:
    """Inside any band, the DP's path is the cheapest of the paths that stay in the band,
    and when none does it says so rather than returning a path that leaves it."""
    n, m, seed, p_inf = grid
    if n + m == 0:
        return
    n, m = n + 1, m + 1  # bands need a little room to be narrower than the matrix
    center = np.sort(np.random.default_rng(seed2).uniform(0, m, size=n + 1))
    band = band_around(center, half_width, n, m)
    costs = _random_costs(np.random.default_rng(seed), n, m, p_inf)
    _check_against_oracle(costs, band)


def test_an_expensive_zero_one_step_is_not_taken_when_a_cheaper_path_exists() -> None:
    """The 0-1 recurrence inside a row is a prefix minimum: a costly 0-1 bead must lose to
    the 1-1 diagonal, and a cheap one must win over an expensive 1-2."""
    n, m = 2, 3
    costs = {t: np.full((n + 1, m + 1), 50.0) for t in BEADS}
    costs[(1, 1)][1, 1] = 1.0
    costs[(1, 1)][2, 3] = 1.0
    costs[(0, 1)][1, 2] = 0.5
    costs[(1, 2)][2, 3] = 2.0
    path = align_band(full_band(n, m), from_grids(_grid_fn(costs, full_band(n, m))))
    assert [(e, a) for e, a, _ in path] == [((0,), (0,)), ((), (1,)), ((1,), (2,))]
    costs[(0, 1)][1, 2] = 5.0
    path = align_band(full_band(n, m), from_grids(_grid_fn(costs, full_band(n, m))))
    assert [(e, a) for e, a, _ in path] == [((0,), (0,)), ((1,), (1, 2))]


BAND_ARGS = st.tuples(
    st.integers(1, 40), st.integers(1, 40), st.integers(0, 12), st.integers(0, 2**32 - 1),
    st.floats(-5.0, 5.0),
)


@settings(max_examples=200, deadline=None)
@given(BAND_ARGS)
def test_band_around_keeps_its_invariants(args: tuple[int, int, int, int, float]) -> None:
    n, m, half_width, seed, shift = args
    rng = np.random.default_rng(seed)
    # Centres from a noisy diagonal, jumps and all: the band must stay well formed anyway.
    center = np.linspace(0, m, n + 1) + shift + rng.normal(0, 3, size=n + 1)
    band = band_around(center, half_width, n, m)
    assert band.lo.shape == (n + 1,)
    want = min(m + 1, 2 * half_width + 1)
    # Wider only when no band of that width has overlapping rows from corner to corner.
    assert band.width == want or (n * (want - 1) < m + 1 - want and band.width > want)
    assert band.lo[0] == 0
    assert np.all(np.diff(band.lo) >= 0)
    # Consecutive rows overlap, so 1-0 and 0-1 beads always cross the band.
    assert np.all(np.diff(band.lo) < band.width)
    assert np.all(band.lo >= 0) and np.all(band.lo + band.width <= m + 1)
    assert _in_band(band, 0, 0) and _in_band(band, n, m)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_a_band_wider_than_the_matrix_is_the_full_matrix(n: int, m: int, seed: int) -> None:
    center = np.random.default_rng(seed).uniform(-10, m + 10, size=n + 1)
    band = band_around(center, n + m, n, m)
    full = full_band(n, m)
    assert band.full and band.width == full.width
    assert np.array_equal(band.lo, full.lo)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_wide_band_search_equals_full_search_on_random_grids(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    costs = _random_costs(rng, n, m, 0.2)
    full = full_band(n, m)
    wide = band_around(rng.uniform(0, m, size=n + 1), n + m, n, m)
    try:
        want = align_band(full, from_grids(_grid_fn(costs, full)))
    except RuntimeError:
        with pytest.raises(RuntimeError):
            align_band(wide, from_grids(_grid_fn(costs, wide)))
        return
    assert align_band(wide, from_grids(_grid_fn(costs, wide))) == want




def _beads(en: list[str], ar: list[str], config: AlignConfig) -> list[tuple[object, ...]]:
    et, at = "\n".join(en), "\n".join(ar)
    al = align_sentences(
        Document(et, "en", presplit=True), Document(at, "ar", presplit=True),
        split_text(et, "en", presplit=True), split_text(at, "ar", presplit=True), config,
    )
    return [(b.en, b.ar, b.cost) for b in al.beads]


def test_wide_band_search_equals_full_search_on_a_real_document() -> None:
    """Forced through the banded path (``full_cells=0``) with a band wider than the
    document, the search gives the full search's beads and costs exactly; a narrower band on
    a document with dropped and added sentences still finds the same path."""
    en = EN * 4
    ar = [s for k in range(4) for i, s in enumerate(AR) if (k + i) % 5] + AR[:2]
    full = _beads(en, ar, AlignConfig())
    assert _beads(en, ar, AlignConfig(full_cells=0, half_width=500)) == full
    assert [b[:2] for b in _beads(en, ar, AlignConfig(full_cells=0, half_width=8))] == [
        b[:2] for b in full
    ]


def test_an_arabic_sentence_added_mid_document_gives_a_0_1_bead() -> None:
    """Symmetric to the 1-0 test in ``test_align.py``: an Arabic sentence with no English
    counterpart, inside the document (not at an edge, where it would be cheap), is left
    alone as a 0-1 bead rather than joined to a neighbour in a 1-2 bead."""
    extra = "وأعلنت الشرطة اعتقال خمسة أشخاص في مدينة البصرة الجنوبية مساء الأحد."
    ar = AR[:3] + [extra] + AR[3:]
    beads = [b[:2] for b in _beads(EN, ar, AlignConfig())]
    assert ((), (3,)) in beads
    assert ((2,), (2,)) in beads
    assert ((3,), (4,)) in beads
    assert sum(len(e) == 1 and len(a) == 2 for e, a in beads) == 0


def test_a_band_around_a_jumping_centre_still_has_a_path() -> None:
    """A coarse path that crosses a block of sentences missing on one side makes the centre
    jump by far more than the band's width; the band used to leave a gap there and the
    search failed with "no path through the band" (``--band 5``)."""
    n, m = 20, 200
    center = np.concatenate([np.arange(11.0), np.arange(10.0) + 190])
    band = band_around(center, 5, n, m)
    assert np.all(np.diff(band.lo) < band.width)
    path = align_band(band, from_grids(lambda a, b: np.zeros((n + 1, band.width))))
    assert sum(len(e) for e, _, _ in path) == n and sum(len(a) for _, a, _ in path) == m
    # Too flat for overlapping rows of 11 columns: the band widens just enough.
    flat = band_around(np.array([0.0, 100.0, 200.0]), 5, 2, 200)
    assert flat.width == 68  # 2 * 67 >= 201 - 68 > 2 * 66
    assert len(align_band(flat, from_grids(lambda a, b: np.zeros((3, flat.width))))) > 0


def test_a_malformed_band_is_refused() -> None:
    with pytest.raises(ValueError):
        Band(np.array([0, 5, 6]), 3, 2, 8)  # gap between rows 0 and 1
    with pytest.raises(ValueError):
        Band(np.array([1, 1, 6]), 3, 2, 8)  # (0, 0) outside
    with pytest.raises(ValueError):
        Band(np.array([0, 2, 5]), 3, 2, 8)  # (n, m) outside
    assert Band(np.array([0, 2, 4]), 5, 2, 8).lo[-1] == 4


def test_ties_go_to_the_earlier_bead_type() -> None:
    """On equal costs the DP keeps the first bead type of ``BEADS`` (1-1), so a flat grid
    gives one-to-one beads rather than whatever type happens to be listed last."""
    band = full_band(3, 3)
    path = align_band(band, from_grids(lambda a, b: np.zeros((4, 4))))
    assert [(e, a) for e, a, _ in path] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_bead_sets_the_dp_cannot_search_are_refused() -> None:
    band = full_band(2, 2)
    with pytest.raises(ValueError):
        align_band(band, from_grids(lambda a, b: np.zeros((3, 3))), ((1, 1), (0, 2)))
    grid = np.zeros((3, 3))
    grid[1, 1] = np.inf  # a 0-1 bead forbidden inside the band breaks the prefix minimum
    with pytest.raises(AssertionError):
        align_band(band, from_grids(lambda a, b: grid if (a, b) == (0, 1) else np.zeros((3, 3))))


def test_band_validation_edges() -> None:
    assert full_band(3, 0).width == 1 and full_band(3, 0).full
    with pytest.raises(ValueError):
        Band(np.array([0, 2, 1]), 3, 2, 3)  # decreasing
    with pytest.raises(ValueError):
        Band(np.array([0, 3, 3]), 3, 2, 5)  # step of a whole width: rows do not overlap
    assert Band(np.array([0, 2, 3]), 3, 2, 5).lo[1] == 2
    assert not Band(np.array([0, 0, 1]), 5, 2, 5).full  # width m is one short of full
    assert Band(np.array([0, 0, 0]), 6, 2, 5).full


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_band_around_follows_a_smooth_centre(n: int, m: int, seed: int) -> None:
    """Away from the corners, a band around a smooth centre is ``rint(centre) - half_width``
    clipped to the matrix and made non-decreasing: nothing else moves it."""
    rng = np.random.default_rng(seed)
    half_width = max(1, m // n + 1) + int(rng.integers(0, 4))
    center = np.linspace(0, m, n + 1) + rng.uniform(-1, 1, size=n + 1)
    band = band_around(center, half_width, n, m)
    width = min(m + 1, 2 * half_width + 1)
    last = m + 1 - width
    want = np.maximum.accumulate(np.clip(np.rint(center).astype(int) - half_width, 0, last))
    want[0], want[-1] = 0, last
    if np.all(np.diff(want) < width) and band.width == width:
        assert np.array_equal(band.lo, want)


def test_a_centre_stuck_at_the_top_still_reaches_the_last_corner() -> None:
    """The coarse path can leave the centre at column 0 until the last row: the band must
    then climb to ``(n, m)`` in overlapping steps before the end, not jump at the end."""
    for n, m in ((20, 100), (5, 60), (1, 30), (3, 40)):
        band = band_around(np.zeros(n + 1), 5, n, m)
        # The narrowest band whose rows can overlap from corner to corner, at least 11 wide.
        assert band.width == max(11, next(w for w in range(1, m + 2)
                                          if n * (w - 1) >= m + 1 - w))
        assert band.lo[-1] + band.width == m + 1
        assert np.all(np.diff(band.lo) < band.width)
        path = align_band(band, from_grids(lambda a, b, n=n, w=band.width: np.zeros((n + 1, w))))
        assert sum(len(x) for _, x, _ in path) == m


def test_band_around_worked_example() -> None:
    """Centre starting high and ending short of the last column: the first row is forced to
    0 and the last to ``m + 1 - width``, every other row is ``rint(centre) - half_width``."""
    center = 5 + np.linspace(0, 12, 11)
    band = band_around(center, 3, 10, 20)
    want = np.rint(center).astype(int) - 3
    want[0], want[-1] = 0, 14
    assert list(band.lo) == list(want)


def test_only_a_line_of_its_own_or_one_with_no_stop_takes_the_edge_bonus() -> None:
    """Headlines, bylines and captions, which translations leave out at a document's edges,
    stand on their own lines or end with no stop; a sentence of a paragraph is prose."""
    from tawazi.align.search.run import edge_eligible
    from tawazi.align.text.segment import split_text

    text = "Doctors warn of heat\nIbuprofen is a painkiller. It relieves pain.\nBy our reporter\n"
    sents = split_text(text, "en")
    assert [s.text for s in sents][:2] == ["Doctors warn of heat", "Ibuprofen is a painkiller."]
    assert edge_eligible(sents, text, presplit=False).tolist() == [True, False, False, True]
    assert edge_eligible(sents, text, presplit=True).all()
