"""The bead cost model: prior of the bead type, length agreement and lexical coverage.

The cost of a bead is its negative log-likelihood ratio against "these sentences are not
translations of each other", so beads of different sizes are comparable and the path with the
lowest total cost is the most probable segmentation:

    cost = -log P(type) - w_len * LLR_length - w_lex * LLR_lexical

* Length: ``log(len_ar / len_en)`` is normal around the document's own ratio (Arabic is about
  0.7-0.9 of English in characters) with a small spread for translations and a wide one for
  unrelated sentences.
* Lexical: each content word of one side is "covered" when it has a match in the other side
  of the bead. Translations cover a fraction ``p1`` of their words; unrelated text covers
  ``p0 = 1 - (1 - q) ** M`` by chance, ``M`` being the number of words on the other side. Both
  rates are estimated on each document. A bead that joins a sentence with no counterpart
  leaves that sentence's words uncovered and pays for it, which is what separates a 2-1 from a
  1-1 plus a 1-0.
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
    p1_en: float
    p1_ar: float
    q_en: float
    q_ar: float


@dataclass(frozen=True, slots=True)
class PairGrids:
    """Coverage of sentence pairs in the pair band: row ``i`` (English sentence) holds Arabic
    sentences ``plo[i] .. plo[i] + width - 1``. ``cov_en[s, i, k]``: weight of the English
    words of ``i`` matched in the ``s + 1`` Arabic sentences from ``plo[i] + k``;
    ``cov_ar[s, i, k]``: weight of the words of Arabic ``plo[i] + k`` matched in the ``s + 1``
    English sentences from ``i``."""

    plo: IntArray
    width: int
    cov_en: NDArray[np.floating[Any]]
    cov_ar: NDArray[np.floating[Any]]


def pair_band(band: Band, reach: int = 3) -> tuple[IntArray, IntArray]:
    """Arabic range ``[plo, phi)`` of each English sentence that any bead in ``band`` uses."""
    n, m = band.n, band.m
    idx = np.arange(max(n, 1))
    plo = np.maximum(0, band.lo[np.clip(idx - reach, 0, n)] - reach)
    phi = np.minimum(m, band.lo[np.clip(idx + reach + 1, 0, n)] + band.width + reach)
    return plo[:n].astype(np.int64), phi[:n].astype(np.int64)


def estimate_stats(
    grids: PairGrids,
    w_en: FloatArray,
    w_ar: FloatArray,
    len_en: FloatArray,
    len_ar: FloatArray,
) -> DocStats:
    """Estimate the document's length ratio and coverage rates from its own sentences.

    ``p1`` is the median, over sentences, of the best coverage any sentence of the other side
    gives it (most sentences have a translation); ``q`` is the per-word chance rate over all
    pairs of the band (most pairs are unrelated).
    """
    mu = math.log((len_ar.sum() + 1.0) / (len_en.sum() + 1.0))
    n = len(w_en)
    m = len(w_ar)
    if n == 0 or m == 0:
        return DocStats(mu, 0.6, 0.6, 0.01, 0.01)
    with np.errstate(divide="ignore", invalid="ignore"):
        fr_en = np.nan_to_num(grids.cov_en[0] / w_en[:, None])
        best_en = fr_en.max(axis=1)[w_en >= 3]
        cols = grids.plo[:, None] + np.arange(grids.width)[None, :]
        valid = cols < m
        wa = np.where(valid, w_ar[np.minimum(cols, m - 1)], 0.0)
        fr_ar = np.nan_to_num(grids.cov_ar[0] / wa)
        best_ar_by_col = np.zeros(m)
        np.maximum.at(best_ar_by_col, np.minimum(cols, m - 1)[valid], fr_ar[valid])
        best_ar = best_ar_by_col[w_ar >= 3]
        we = w_en[:, None] * np.ones((1, grids.width))
        denom_en = float((we * wa).sum())
        denom_ar = denom_en
        q_en = float(grids.cov_en[0].sum()) / denom_en if denom_en else 0.01
        q_ar = float(grids.cov_ar[0].sum()) / denom_ar if denom_ar else 0.01
    p1_en = float(np.median(best_en)) if len(best_en) else 0.6
    p1_ar = float(np.median(best_ar)) if len(best_ar) else 0.6

    def clip(x: float, a: float, b: float) -> float:
        return float(min(b, max(a, x)))

    return DocStats(
        mu=mu,
        p1_en=clip(p1_en, 0.25, 0.95),
        p1_ar=clip(p1_ar, 0.25, 0.95),
        q_en=clip(q_en, 0.001, 0.2),
        q_ar=clip(q_ar, 0.001, 0.2),
    )


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


def make_cost_grid(
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
    block: int = 2048,
) -> Callable[[int, int], NDArray[np.float32]]:
    """Return ``cost_grid(a, b)`` for ``dp.align_band`` (see there for the grid layout)."""
    n, m, width, lo = band.n, band.m, band.width, band.lo
    cum_len_en = np.concatenate([[0.0], np.cumsum(len_en)])
    cum_len_ar = np.concatenate([[0.0], np.cumsum(len_ar)])
    cum_w_en = np.concatenate([[0.0], np.cumsum(w_en)])
    cum_w_ar = np.concatenate([[0.0], np.cumsum(w_ar)])
    cum_nb_en = np.concatenate([[0.0], np.cumsum(null_bonus_en)])
    cum_nb_ar = np.concatenate([[0.0], np.cumsum(null_bonus_ar)])
    pw = grids.width

    def gather(grid: NDArray[np.floating[Any]], r: IntArray, c: IntArray) -> FloatArray:
        rr = np.clip(r, 0, max(n - 1, 0))
        k = c - grids.plo[rr]
        ok = (k >= 0) & (k < pw) & (r >= 0) & (r < n) & (c >= 0) & (c < m)
        out = np.zeros(r.shape)
        out[ok] = grid[rr[ok], k[ok]]
        return out

    def cost_rows(a: int, b: int, r_start: int, r_end: int) -> NDArray[np.floating[Any]]:
        rows = np.arange(r_start, r_end)[:, None]
        cols = lo[r_start:r_end, None] + np.arange(width)[None, :]
        prior = -math.log(params.priors[(a, b)])
        valid = (rows >= a) & (cols >= b) & (cols <= m)
        start_r = np.clip(rows - a, 0, n)
        start_k = cols - b - lo[start_r]
        valid &= (start_k >= 0) & (start_k < width)
        r0 = np.broadcast_to(rows - a, cols.shape)
        c0 = cols - b
        cost = np.full(cols.shape, math.inf)
        if a == 0 or b == 0:
            # A one-sided bead pays its prior, less a bonus for lines that are often left
            # untranslated (document edges, short unpunctuated lines).
            if b == 0:
                r1 = np.clip(rows, 0, n)
                bonus = cum_nb_en[r1] - cum_nb_en[np.clip(rows - a, 0, n)]
                cost = np.where(valid, prior - np.broadcast_to(bonus, cols.shape), math.inf)
            else:
                c1 = np.clip(cols, 0, m)
                bonus = cum_nb_ar[c1] - cum_nb_ar[np.clip(cols - b, 0, m)]
                cost = np.where(valid, prior - bonus, math.inf)
            return cost
        # Each sentence of the bead: the share of its words matched on the other side of
        # the bead, beyond what chance gives, scored per sentence (not per word: the words of
        # one sentence are not independent evidence).
        rc = np.clip(rows, 0, n)
        r_a = np.clip(rows - a, 0, n)
        cc = np.clip(cols, 0, m)
        c_b = np.clip(cols - b, 0, m)
        tot_en = np.broadcast_to(cum_w_en[rc] - cum_w_en[r_a], cols.shape)
        tot_ar = cum_w_ar[cc] - cum_w_ar[c_b]
        lex = np.zeros(cols.shape)
        for da in range(a):
            acc = gather(grids.cov_en[b - 1], r0 + da, c0)
            wi = w_en[np.clip(r0 + da, 0, max(n - 1, 0))]
            lex += sentence_llr(acc, wi, tot_ar, stats.q_en, params)
        for db in range(b):
            acc = gather(grids.cov_ar[a - 1], r0, c0 + db)
            wj = w_ar[np.clip(c0 + db, 0, max(m - 1, 0))]
            lex += sentence_llr(acc, wj, tot_en, stats.q_ar, params)
        le = np.broadcast_to(cum_len_en[rc] - cum_len_en[r_a], cols.shape)
        la = cum_len_ar[cc] - cum_len_ar[c_b]
        llr_len = length_llr(le, la, stats.mu, params)
        cost = np.where(valid, prior - params.w_len * llr_len - params.w_lex * lex, math.inf)
        return cost

    def cost_grid(a: int, b: int) -> NDArray[np.float32]:
        # Row blocks bound the temporaries; float32 halves the stored grids (a path's total
        # is still summed in float64 by the DP).
        out = np.empty((n + 1, width), dtype=np.float32)
        for r in range(0, n + 1, block):
            out[r : r + block] = cost_rows(a, b, r, min(n + 1, r + block))
        return out

    return cost_grid
