"""The bead cost model: prior of the bead type, length agreement and lexical coverage.

The cost of a bead is its negative log-likelihood ratio against "these sentences are not
translations of each other", so beads of different sizes are comparable and the path with the
lowest total cost is the most probable segmentation:

    cost = -log P(type) - w_len * LLR_length - w_lex * LLR_lexical

* Length: ``log(len_ar / len_en)`` is normal around the document's own ratio (Arabic is about
  0.7-0.9 of English in characters) with a small spread for translations and a wide one for
  unrelated sentences.
* Lexical: each content word of one side is "covered" when it has a match in the other side
  of the bead. Unrelated text covers ``p0 = 1 - (1 - q) ** M`` by chance, ``M`` being the
  number of words on the other side, with the per-word chance rate ``q`` estimated on each
  document; the share covered beyond chance is scored against a fixed threshold
  (``CostParams.lex_t``, ``lex_k``; see ``sentence_llr``). A bead that joins a sentence with
  no counterpart leaves that sentence's words uncovered and pays for it, which is what
  separates a 2-1 from a 1-1 plus a 1-0.
* One-sided beads carry only their prior, made cheaper at the edges of a document (headlines,
  captions, bylines rarely translated) and for short unpunctuated lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from align.config import CostParams
from align.search.band import Band

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class DocStats:
    """Rates estimated on one document: length ratio and coverage rates."""

    mu: float
    q_en: float
    q_ar: float


@dataclass(frozen=True, slots=True)
class PairGrids:
    """Coverage of sentence pairs in the pair band: row ``i`` (English sentence) holds Arabic
    sentences ``plo[i] .. plo[i] + width - 1``. ``cov_en[s, i, k]``: weight of the English
    words of ``i`` matched in the ``s + 1`` Arabic sentences from ``plo[i] + k``;
    ``cov_ar[s, i, k]``: weight of the words of Arabic ``plo[i] + k`` matched in the ``s + 1``
    English sentences from ``i``. ``plo`` comes from ``Band.pair_ranges``, which is what makes
    every pair a bead of the band reads present here (``_gather`` checks it)."""

    plo: IntArray
    width: int
    cov_en: NDArray[np.floating[Any]]
    cov_ar: NDArray[np.floating[Any]]


def estimate_stats(
    grids: PairGrids,
    w_en: FloatArray,
    w_ar: FloatArray,
    len_en: FloatArray,
    len_ar: FloatArray,
    params: CostParams | None = None,
) -> DocStats:
    """Estimate the document's length ratio and chance coverage rates from its own sentences.

    ``mu`` is the log ratio of the two sides' total lengths; ``q`` is the per-word chance rate
    over all pairs of the pair grids (most pairs are unrelated, so their matches are chance).
    """
    p = params or CostParams()
    mu = math.log((len_ar.sum() + 1.0) / (len_en.sum() + 1.0))
    m = len(w_ar)
    if len(w_en) == 0 or m == 0:
        return DocStats(mu, p.q_default, p.q_default)
    cols = grids.plo[:, None] + np.arange(grids.width)[None, :]
    # The grid's last columns run past the last Arabic sentence on the bottom rows: no pair.
    valid = cols < m
    wa = np.where(valid, w_ar[np.minimum(cols, m - 1)], 0.0)
    we = w_en[:, None] * np.ones((1, grids.width))
    denom = float((we * wa).sum())
    q_en = float(grids.cov_en[0].sum()) / denom if denom else p.q_default
    q_ar = float(grids.cov_ar[0].sum()) / denom if denom else p.q_default

    def clip(x: float) -> float:
        return float(min(p.q_max, max(p.q_min, x)))

    return DocStats(mu=mu, q_en=clip(q_en), q_ar=clip(q_ar))


def sentence_llr(
    cov: FloatArray,
    total: FloatArray,
    other: FloatArray,
    q: float,
    params: CostParams,
) -> FloatArray:
    """Evidence that a sentence is translated inside its bead, from its matched share.

    The share is shrunk towards the threshold by ``params.lex_prior`` pseudo-words (short
    sentences give noisy shares), chance matches ``p0 = 1 - (1 - q) ** M`` are discounted, and
    the excess over ``lex_t`` is scaled by ``lex_k``.
    """
    t = params.lex_t
    share = (cov + params.lex_prior * t) / (total + params.lex_prior)
    p0 = 1.0 - np.power(1.0 - q, other)
    excess = (share - p0) / np.maximum(1.0 - p0, 1e-3)
    out: FloatArray = params.lex_k * (excess - t)
    return out


def length_llr(len_en: FloatArray, len_ar: FloatArray, mu: float, params: CostParams
               ) -> FloatArray:
    """Log-likelihood ratio of the lengths: translation (narrow normal around the document's
    ratio ``mu``) against unrelated sentences (wide normal)."""
    s_len, s_bg = params.len_sigma, params.len_sigma_bg
    x = np.log((len_ar + params.len_smooth) / (len_en + params.len_smooth)) - mu
    out: FloatArray = 0.5 * x * x * (1 / (s_bg * s_bg) - 1 / (s_len * s_len)) + math.log(
        s_bg / s_len
    )
    return out


def _cum(x: FloatArray) -> FloatArray:
    out: FloatArray = np.concatenate([[0.0], np.cumsum(x)])
    return out


@dataclass(frozen=True, slots=True)
class CostInputs:
    """What a bead's cost reads. Per-sentence quantities are kept as cumulative sums
    (``cum_*[k]`` = sum over the first ``k`` sentences) so that the total of any bead is the
    difference of two entries, whatever its size."""

    band: Band
    grids: PairGrids
    w_en: FloatArray
    w_ar: FloatArray
    cum_len_en: FloatArray
    cum_len_ar: FloatArray
    cum_w_en: FloatArray
    cum_w_ar: FloatArray
    cum_nb_en: FloatArray
    cum_nb_ar: FloatArray
    stats: DocStats
    params: CostParams


def cost_inputs(
    band: Band,
    grids: PairGrids,
    w_en: FloatArray,
    w_ar: FloatArray,
    len_en: FloatArray,
    len_ar: FloatArray,
    stats: DocStats,
    params: CostParams,
    null_bonus_en: FloatArray,
    null_bonus_ar: FloatArray,
) -> CostInputs:
    """Bundle the inputs of ``cost_rows`` (see ``make_cost_grid`` for the arguments)."""
    return CostInputs(
        band, grids, w_en, w_ar, _cum(len_en), _cum(len_ar), _cum(w_en), _cum(w_ar),
        _cum(null_bonus_en), _cum(null_bonus_ar), stats, params,
    )


def _gather(
    grids: PairGrids, grid: NDArray[np.floating[Any]], r: IntArray, c: IntArray,
    valid: NDArray[np.bool_],
) -> FloatArray:
    """``grid`` at English row ``r`` and Arabic column ``c`` for the cells of a bead in the
    band (``valid``); 0 elsewhere, where the cost is ``inf`` anyway.

    Every pair a valid bead reads lies in the pair grids (``Band.pair_ranges`` is built for
    that): one outside would silently count as "no word matched", so it is a bug.
    """
    rr = np.where(valid, r, 0)
    k = c - grids.plo[rr]
    kv = k[valid]
    assert kv.size == 0 or (int(kv.min()) >= 0 and int(kv.max()) < grids.width), (
        "a bead of the band reads a pair outside the pair grids"
    )
    out = np.zeros(r.shape)
    out[valid] = grid[rr[valid], kv]
    return out


def one_sided_rows(
    inp: CostInputs, a: int, b: int, rows: IntArray, cols: IntArray,
    valid: NDArray[np.bool_],
) -> FloatArray:
    """Costs of 1-0 (``b == 0``) or 0-1 beads ending at ``(rows, cols)``.

    A one-sided bead pays its prior, less a bonus for lines that are often left untranslated
    (document edges, short unpunctuated lines): there is nothing to compare it with.
    """
    prior = -math.log(inp.params.priors[(a, b)])
    cost: FloatArray
    if b == 0:
        bonus = inp.cum_nb_en[rows] - inp.cum_nb_en[np.maximum(rows - a, 0)]
        cost = np.where(valid, prior - np.broadcast_to(bonus, cols.shape), math.inf)
    else:
        bonus = inp.cum_nb_ar[cols] - inp.cum_nb_ar[np.maximum(cols - b, 0)]
        cost = np.where(valid, prior - bonus, math.inf)
    return cost


def two_sided_rows(
    inp: CostInputs, a: int, b: int, rows: IntArray, cols: IntArray,
    valid: NDArray[np.bool_],
) -> FloatArray:
    """Costs of ``a``-``b`` beads (both sides non-empty) ending at ``(rows, cols)``.

    Each sentence of the bead is scored by the share of its words matched on the other side
    of the bead, beyond what chance gives (per sentence, not per word: the words of one
    sentence are not independent evidence), and the bead's two lengths by ``length_llr``.
    """
    params, stats, grids = inp.params, inp.stats, inp.grids
    prior = -math.log(params.priors[(a, b)])
    # Indexes below 0 occur only on cells that are not beads (``valid`` false).
    r_a = np.maximum(rows - a, 0)
    c_b = np.maximum(cols - b, 0)
    tot_en = np.broadcast_to(inp.cum_w_en[rows] - inp.cum_w_en[r_a], cols.shape)
    tot_ar = inp.cum_w_ar[cols] - inp.cum_w_ar[c_b]
    r0 = np.broadcast_to(rows - a, cols.shape)
    c0 = cols - b
    lex = np.zeros(cols.shape)
    for da in range(a):
        acc = _gather(grids, grids.cov_en[b - 1], r0 + da, c0, valid)
        wi = inp.w_en[np.maximum(r0 + da, 0)]
        lex += sentence_llr(acc, wi, tot_ar, stats.q_en, params)
    for db in range(b):
        acc = _gather(grids, grids.cov_ar[a - 1], r0, c0 + db, valid)
        wj = inp.w_ar[np.maximum(c0 + db, 0)]
        lex += sentence_llr(acc, wj, tot_en, stats.q_ar, params)
    le = np.broadcast_to(inp.cum_len_en[rows] - inp.cum_len_en[r_a], cols.shape)
    la = inp.cum_len_ar[cols] - inp.cum_len_ar[c_b]
    llr_len = length_llr(le, la, stats.mu, params)
    cost: FloatArray = np.where(
        valid, prior - params.w_len * llr_len - params.w_lex * lex, math.inf
    )
    return cost


def cost_rows(inp: CostInputs, a: int, b: int, r_start: int, r_end: int) -> FloatArray:
    """Costs (float64) of the ``a``-``b`` beads ending at the band cells of rows
    ``r_start .. r_end - 1``, laid out as ``dp.align_band`` expects; ``inf`` where no such
    bead fits (too close to the top or left edge, or starting outside the band)."""
    band = inp.band
    lo, width = band.lo, band.width
    rows = np.arange(r_start, r_end)[:, None]
    # No column past m: ``Band`` guarantees lo[i] + width <= m + 1.
    cols = lo[r_start:r_end, None] + np.arange(width)[None, :]
    valid = (rows >= a) & (cols >= b)
    start_k = cols - b - lo[np.maximum(rows - a, 0)]
    valid &= (start_k >= 0) & (start_k < width)
    if a == 0 or b == 0:
        return one_sided_rows(inp, a, b, rows, cols, valid)
    if not valid.any():
        return np.full(cols.shape, math.inf)
    return two_sided_rows(inp, a, b, rows, cols, valid)


def make_cost_grid(inp: CostInputs, block: int = 2048
                   ) -> Callable[[int, int], NDArray[np.float32]]:
    """Return ``cost_grid(a, b)`` for ``dp.align_band`` (see there for the grid layout),
    from the inputs ``cost_inputs`` bundles."""
    band = inp.band
    n = band.n

    def cost_grid(a: int, b: int) -> NDArray[np.float32]:
        # Row blocks bound the temporaries; float32 halves the stored grids (a path's total
        # is still summed in float64 by the DP).
        out = np.empty((n + 1, band.width), dtype=np.float32)
        for r in range(0, n + 1, block):
            out[r : r + block] = cost_rows(inp, a, b, r, min(n + 1, r + block))
        return out

    return cost_grid
