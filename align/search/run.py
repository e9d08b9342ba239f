"""The search: band selection (coarse-to-fine), pair coverage, costs and the DP.

Small documents are searched exhaustively. Long ones are first aligned at a coarse level —
consecutive sentences grouped into about 300 chunks a side, a monotone path through the
similarity of their key sets — and the fine search then runs in a band around that path, so
time and memory grow linearly with length while the band still follows the translation when
one side drops or adds hundreds of sentences (vecalign's coarse-to-fine idea, one level deep).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from ..config import AlignConfig, CoarseParams, CostParams
from ..evidence.coverage import KeyedSide, row_offsets, run_coverage, unique_ints
from ..text.normalize import non_space_length
from ..types import Sentence
from .band import REACH, Band, band_around, full_band, reach_of
from .costs import (
    DocStats,
    PairGrids,
    cost_inputs,
    estimate_stats,
    make_cost_rows,
)
from .dp import align_band
from .reestimate import reestimated

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Path_ = list[tuple[tuple[int, ...], tuple[int, ...], float]]

def sentence_lengths(sents: tuple[Sentence, ...]) -> FloatArray:
    """Sentence lengths in non-space characters (spacing conventions differ by script)."""
    return np.array([non_space_length(s.text) for s in sents], dtype=float)


def choose_band(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    config: AlignConfig,
) -> Band:
    """The whole matrix for small documents, a band around a coarse path otherwise."""
    n, m = en.n_sents, ar.n_sents
    if (n + 1) * (m + 1) <= config.full_cells:
        return full_band(n, m)
    center = coarse_center(en, ar, len_en, len_ar, config)
    return band_around(center, config.half_width, n, m)


def pair_grids(en: KeyedSide, ar: KeyedSide, band: Band, reach: int = REACH) -> PairGrids:
    """Coverage of every sentence against every run of up to ``reach`` sentences of the other
    side that a bead inside ``band`` can read.

    English sentence ``i`` is counted against the Arabic runs starting in its pair range
    (``Band.pair_ranges``), Arabic sentence ``j`` against the English runs starting in its
    column range (``Band.column_ranges``); each side's grid is laid out by its own sentences.
    """
    plo, phi = band.pair_ranges(reach)
    alo, ahi = band.column_ranges(reach)
    if band.n and band.m:
        cov_en = run_coverage(en, ar, plo, phi, reach)
        cov_ar = run_coverage(ar, en, alo, ahi, reach)
    else:
        cov_en = np.zeros((reach, int((phi - plo).sum())), dtype=np.float32)
        cov_ar = np.zeros((reach, int((ahi - alo).sum())), dtype=np.float32)
    return PairGrids(plo, phi, row_offsets(plo, phi), cov_en,
                     alo, ahi, row_offsets(alo, ahi), cov_ar)


def _null_bonus(n: int, config: AlignConfig) -> FloatArray:
    bonus = np.zeros(n)
    span = min(config.cost.edge_span, n)
    bonus[:span] = config.cost.edge_bonus
    bonus[max(0, n - span) :] = config.cost.edge_bonus
    return bonus


def align_sides(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    band: Band,
    config: AlignConfig,
    params: CostParams | None = None,
    paragraphs: tuple[FloatArray, FloatArray] | None = None,
) -> Path_:
    """The path of ``search_document`` (see there)."""
    return search_document(en, ar, len_en, len_ar, band, config, params, paragraphs)[0]


def search_document(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    band: Band,
    config: AlignConfig,
    params: CostParams | None = None,
    paragraphs: tuple[FloatArray, FloatArray] | None = None,
) -> tuple[Path_, CostParams, DocStats]:
    """Lowest-cost beads of two keyed sides inside ``band`` (a bead crossing a paragraph
    break costs ``para_cross`` per break when ``paragraphs`` gives both sides' paragraph
    indexes, see ``costs.shared_paragraphs``), searched again with priors
    and length model re-estimated on the document (``search.reestimate``) while they move.

    The band and the coverage grids do not depend on those estimates, so a second search
    costs the costs and the DP only. Returns the path with the cost parameters and document
    statistics of the last pass (re-alignment prices a stretch with them,
    ``search.model``)."""
    params = params or config.cost
    grids = pair_grids(en, ar, band, reach_of(config.beads))
    w_en = matchable_weight(en, ar, params.unmatched_weight)
    w_ar = matchable_weight(ar, en, params.unmatched_weight)
    stats = estimate_stats(grids, w_en, w_ar, len_en, len_ar, params)
    bonus = _null_bonus(en.n_sents, config), _null_bonus(ar.n_sents, config)

    def search(p: CostParams, st: DocStats) -> Path_:
        inp = cost_inputs(band, grids, w_en, w_ar, len_en, len_ar, st, p, *bonus, paragraphs)
        return align_band(band, make_cost_rows(inp), config.beads)

    path = search(params, stats)
    for _ in range(config.reestimate.passes):
        nxt = reestimated(path, config.beads, len_en, len_ar, stats, params, config.reestimate)
        if nxt is None:
            break
        params, stats = nxt
        path = search(params, stats)
    return path, params, stats


def matchable_weight(side: KeyedSide, other: KeyedSide, unmatched: float) -> FloatArray:
    """Word weight of each sentence, a word that matches nothing anywhere on the other side
    counting ``unmatched`` of its weight (``CostParams.unmatched_weight``).

    Such a word cannot be covered in any bead, so it does not tell one bead from another;
    counted in full it only lowers its sentence's share everywhere and makes a sentence the
    lexicon knows little of look untranslated, which pushes it out of its bead into a 1-0
    (the first English sentence of a 3-1 bead left alone, in long Arabic sentences above
    all). Left out altogether, a truly untranslated sentence (most of its words match
    nothing) would look neutral and be absorbed by a neighbour; a fraction keeps that
    evidence."""
    n_keys = int(max(side.pair_key.max(initial=0), other.pair_key.max(initial=0))) + 1
    present = np.zeros(n_keys, dtype=bool)
    present[other.pair_key] = True
    ok = np.bincount(side.pair_unit, weights=present[side.pair_key],
                     minlength=len(side.unit_sent)) > 0
    out: FloatArray = np.bincount(side.unit_sent,
                                  weights=side.unit_weight * np.where(ok, 1.0, unmatched),
                                  minlength=side.n_sents).astype(np.float64)
    return out


def _chunk_keys(side: KeyedSide, k: int) -> tuple[IntArray, IntArray, int]:
    """Distinct ``(chunk, key)`` pairs of a side cut into chunks of ``k`` sentences."""
    n_chunks = math.ceil(side.n_sents / k)
    code = unique_ints((side.sent_key_sent.astype(np.int64) // k) * (1 << 31)
                       + side.sent_key_key.astype(np.int64))
    return code >> 31, code & ((1 << 31) - 1), n_chunks


def chunk_similarity(en: KeyedSide, ar: KeyedSide, k_en: int, k_ar: int,
                     coarse: CoarseParams | None = None) -> FloatArray:
    """IDF-weighted cosine between the key sets of English and Arabic chunks.

    Keys found in more than ``coarse.max_df_share`` of the chunks are left out: they say
    nothing about position, and they would make this join quadratic.
    """
    ce, ke, nc = _chunk_keys(en, k_en)
    ca, ka, mc = _chunk_keys(ar, k_ar)
    n_keys = int(max(ke.max(initial=0), ka.max(initial=0))) + 1
    df = np.bincount(ke, minlength=n_keys) + np.bincount(ka, minlength=n_keys)
    coarse = coarse or CoarseParams()
    # The small epsilon keeps the floor exact for integer shares (2/5 of 10 is 4, not 3).
    max_df = max(coarse.min_df_cut, int(max(nc, mc) * coarse.max_df_share + 1e-9))
    idf = np.log((nc + mc) / np.maximum(df, 1))
    idf[df > max_df] = 0.0
    sim = np.zeros((nc, mc))
    order = np.argsort(ka, kind="stable")
    ka_s, ca_s = ka[order], ca[order]
    keep = idf[ke] > 0
    ce_k, ke_k = ce[keep], ke[keep]
    left = np.searchsorted(ka_s, ke_k, "left")
    right = np.searchsorted(ka_s, ke_k, "right")
    counts = right - left
    total = int(counts.sum())
    if total:
        rep_e = np.repeat(ce_k, counts)
        rep_k = np.repeat(ke_k, counts)
        idx = np.repeat(left - (np.cumsum(counts) - counts), counts) + np.arange(total)
        np.add.at(sim, (rep_e, ca_s[idx]), idf[rep_k] ** 2)
    norm_e = np.sqrt(np.bincount(ce, weights=idf[ke] ** 2, minlength=nc))
    norm_a = np.sqrt(np.bincount(ca, weights=idf[ka] ** 2, minlength=mc))
    sim /= np.maximum(norm_e[:, None] * norm_a[None, :], 1e-9)
    return sim


def monotone_path(sim: FloatArray, gap: float) -> list[tuple[int, int]]:
    """Highest-similarity monotone path through a small matrix (dynamic time warping):
    each cell on the path adds its similarity, a step along one side only costs ``gap``."""
    nc, mc = sim.shape
    score = np.full((nc, mc), -np.inf)
    move = np.zeros((nc, mc), dtype=np.int8)  # 0 diagonal, 1 from above, 2 from left
    for i in range(nc):
        row = np.full(mc, -np.inf)
        mv = np.zeros(mc, dtype=np.int8)
        if i == 0:
            row[0] = sim[0, 0]
        else:
            prev = score[i - 1]
            diag = np.concatenate([[-np.inf], prev[:-1]])
            up = prev - gap
            best = np.maximum(diag, up)
            row = best + sim[i]
            mv = np.where(diag >= up, 0, 1).astype(np.int8)
        # Steps from the left: a running maximum along the row.
        for j in range(1, mc):
            cand = row[j - 1] - gap + sim[i, j]
            if cand > row[j]:
                row[j] = cand
                mv[j] = 2
        score[i] = row
        move[i] = mv
    i, j = nc - 1, mc - 1
    path = [(i, j)]
    while i > 0 or j > 0:
        step = int(move[i, j])
        if step == 0 and i > 0 and j > 0:
            i, j = i - 1, j - 1
        elif (step == 1 and i > 0) or j == 0:
            i -= 1
        else:
            j -= 1
        path.append((i, j))
    return path[::-1]


def coarse_center(
    en: KeyedSide, ar: KeyedSide, len_en: FloatArray, len_ar: FloatArray, config: AlignConfig
) -> FloatArray:
    """Expected Arabic row for each English row, from a path through chunk similarities.

    Both sides are cut into about ``config.coarse.chunks`` (300) chunks (English chunks of
    ``k`` sentences, Arabic ones of about ``k * m / n``); the path through their similarity
    matrix says which part of one side faces which part of the other, and the fine search
    runs in a band around it.
    """
    n, m = en.n_sents, ar.n_sents
    c = config.coarse
    k_en = max(c.min_chunk, math.ceil(n / c.chunks))
    k_ar = max(c.min_chunk, round(k_en * m / max(n, 1)))
    sim = chunk_similarity(en, ar, k_en, k_ar, c)
    # Steps along one side are for content missing on the other: make them cost a typical
    # aligned chunk's similarity.
    gap = float(np.median(sim.max(axis=1))) if sim.size else 0.0
    path = monotone_path(sim, gap)
    en_full = np.concatenate([[0.0], np.cumsum(len_en)])
    ar_full = np.concatenate([[0.0], np.cumsum(len_ar)])
    # Knots at chunk centres matched on the path, in sentence rows.
    xs = [0.0] + [min(n, (i + 0.5) * k_en) for i, _ in path] + [float(n)]
    ys = [0.0] + [min(m, (j + 0.5) * k_ar) for _, j in path] + [float(m)]
    xs_a, ys_a = np.maximum.accumulate(np.array(xs)), np.maximum.accumulate(np.array(ys))
    knots_en = np.interp(xs_a, np.arange(n + 1), en_full)
    knots_ar = np.interp(ys_a, np.arange(m + 1), ar_full)
    # Several knots share an English position where the path moves along Arabic: average.
    uniq, inv = np.unique(knots_en, return_inverse=True)
    ar_mean = np.bincount(inv, weights=knots_ar) / np.bincount(inv)
    ar_len_at = np.interp(en_full, uniq, ar_mean)
    center: FloatArray = np.interp(ar_len_at, ar_full, np.arange(m + 1, dtype=float))
    return center
