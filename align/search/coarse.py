"""The coarse passes that place the search band of a long document.

The fine search (``search.dp``) only looks at a band of ``2 * half_width + 1`` Arabic
sentences around an expected Arabic row for each English row, so that expectation has to be
right to within the band. It comes from two passes over chunks of consecutive sentences,
compared by the IDF-weighted cosine of their key sets (numbers, names, lexicon keys):

1. the **first level** cuts both sides into about ``coarse.chunks`` (300) chunks and finds a
   monotone path through the full chunk-by-chunk similarity matrix (dynamic time warping), so
   a block of hundreds of sentences missing on one side is found wherever it is;
2. the **second level** cuts both sides into chunks of about ``coarse.fine_chunk`` sentences
   and finds the path again, but only among the fine chunks within a window around the first
   path as wide as a first-level chunk (its resolution). This pass is linear in length.

One level was enough up to about 20,000 sentences a side, where a first-level chunk holds
67 sentences; at 100,000 a chunk holds 334, the first path was off by up to a hundred
sentences, more than the band's half width of 30, and strict F1 fell from 0.95 to 0.46
(``benchmarks/speed.py``). This is vecalign's coarse-to-fine idea, two levels deep.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

from ..config import AlignConfig, CoarseParams
from ..evidence.coverage import KeyedSide, unique_ints
from .band import band_around

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def _chunk_key_pieces(side: KeyedSide, k: int, first: int = 0, stop: int | None = None
                      ) -> Iterator[tuple[int, int, IntArray, IntArray]]:
    """Distinct ``(chunk, key)`` pairs of chunks ``first .. stop - 1`` of a side cut into
    chunks of ``k`` sentences, in pieces of whole chunks ``c0 .. c1 - 1`` of about
    ``join_piece`` sentence keys (chunk indexes int64, key ids int32).

    The keys are sorted by sentence, so the pieces' distinct codes, end to end, are those
    of the whole range, without its int64 temporaries (at 100,000 sentences a side, half
    a GiB)."""
    n_chunks = math.ceil(side.n_sents / k)
    stop = n_chunks if stop is None else min(stop, n_chunks)
    sents, keys = side.sent_key_sent, side.sent_key_key
    per_chunk = max(1, len(sents) // max(n_chunks, 1))
    step = max(1, join_piece // per_chunk)
    cuts = np.arange(first, stop + step, step, dtype=np.int64)
    cuts[-1] = stop
    bounds = np.searchsorted(sents, np.minimum(cuts * k, side.n_sents).astype(sents.dtype))
    for i in range(len(cuts) - 1):
        a, b = int(bounds[i]), int(bounds[i + 1])
        if b > a:
            code = unique_ints((sents[a:b].astype(np.int64) // k) * (1 << 31)
                               + keys[a:b].astype(np.int64))
            yield (int(cuts[i]), int(cuts[i + 1]), code >> 31,
                   (code & ((1 << 31) - 1)).astype(np.int32))


def _chunk_keys(side: KeyedSide, k: int) -> tuple[IntArray, IntArray, int]:
    """Distinct ``(chunk, key)`` pairs of a side cut into chunks of ``k`` sentences."""
    parts = list(_chunk_key_pieces(side, k))
    n_chunks = math.ceil(side.n_sents / k)
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), n_chunks
    return (np.concatenate([p[2] for p in parts]), np.concatenate([p[3] for p in parts]),
            n_chunks)


def _streamed_idf_norms(side: KeyedSide, other: KeyedSide, k: int, k_other: int,
                        coarse: CoarseParams) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``_idf`` and both sides' ``_norms`` made piece by piece (``_chunk_key_pieces``):
    the same counts and, chunk by chunk, the same sums in the same order."""
    nc, mc = math.ceil(side.n_sents / k), math.ceil(other.n_sents / k_other)
    n_keys = int(max(side.sent_key_key.max(initial=0), other.sent_key_key.max(initial=0))) + 1
    df = np.zeros(n_keys, dtype=np.int64)
    for sd, kk in ((side, k), (other, k_other)):
        for _, _, _, key in _chunk_key_pieces(sd, kk):
            df += np.bincount(key, minlength=n_keys)
    max_df = max(coarse.min_df_cut, int(max(nc, mc) * coarse.max_df_share + 1e-9))
    idf: FloatArray = np.log((nc + mc) / np.maximum(df, 1))
    idf[df > max_df] = 0.0
    norms = []
    for sd, kk, n_ch in ((side, k, nc), (other, k_other, mc)):
        sq = np.zeros(n_ch)
        for c0, c1, c, key in _chunk_key_pieces(sd, kk):
            sq[c0:c1] = np.bincount(c - c0, weights=idf[key] ** 2, minlength=c1 - c0)
        norms.append(np.sqrt(sq))
    return idf, norms[0], norms[1]


def _idf(ke: IntArray, ka: IntArray, nc: int, mc: int, coarse: CoarseParams) -> FloatArray:
    """IDF of each key over the chunks of both sides; keys found in more than
    ``coarse.max_df_share`` of the chunks get 0: they say nothing about position, and they
    would make the similarity join quadratic."""
    n_keys = int(max(ke.max(initial=0), ka.max(initial=0))) + 1
    df = np.bincount(ke, minlength=n_keys) + np.bincount(ka, minlength=n_keys)
    # The small epsilon keeps the floor exact for integer shares (2/5 of 10 is 4, not 3).
    max_df = max(coarse.min_df_cut, int(max(nc, mc) * coarse.max_df_share + 1e-9))
    idf: FloatArray = np.log((nc + mc) / np.maximum(df, 1))
    idf[df > max_df] = 0.0
    return idf


def _norms(c: IntArray, k: IntArray, idf: FloatArray, n_chunks: int) -> FloatArray:
    out: FloatArray = np.sqrt(np.bincount(c, weights=idf[k] ** 2, minlength=n_chunks))
    return out


#: Most joined ``(English chunk key, Arabic occurrence)`` pairs expanded at once: the
#: join of a long document runs in pieces of whole English chunks, so its temporaries stay
#: a few tens of MiB (at 100,000 sentences a side the whole join held over a GiB). A
#: speed setting (lower-case): a piece adds each chunk's whole sum, in the same order,
#: so the similarities are the same numbers.
join_piece = 1 << 19


def _pieces(ce: IntArray, counts: IntArray) -> list[tuple[int, int, int, int]]:
    """Cut the sorted English chunk indexes ``ce`` (with the ``counts`` of Arabic
    occurrences each entry joins) into pieces ``ce[a:b]`` of whole chunks ``e0 .. e1 - 1``
    holding about ``join_piece`` joined pairs each (a chunk with more is a piece alone)."""
    if not len(ce):
        return []
    ends = np.flatnonzero(np.diff(ce)) + 1  # where a new chunk starts in ``ce``
    bounds = np.concatenate([[0], ends, [len(ce)]])
    cum = np.concatenate([[0], np.cumsum(counts)])
    out, a = [], 0
    while a < len(ce):
        # The last chunk boundary whose piece holds at most ``join_piece`` pairs, and at
        # least the next boundary.
        k = int(np.searchsorted(cum[bounds], cum[a] + join_piece, "right")) - 1
        b = int(bounds[max(k, int(np.searchsorted(bounds, a, "right")))])
        if cum[b] > cum[a]:
            out.append((a, b, int(ce[a]), int(ce[b - 1]) + 1))
        a = b
    return out


def _expand(ce: IntArray, ke: IntArray, left: IntArray, right: IntArray
            ) -> tuple[IntArray, IntArray, IntArray]:
    """The join of one piece: each entry's English chunk (as int64) and key repeated once
    per occurrence ``left .. right - 1`` of its key on the Arabic side, and those indexes."""
    counts = right - left
    total = int(counts.sum())
    idx = np.repeat(left - (np.cumsum(counts) - counts), counts) + np.arange(total)
    return np.repeat(ce.astype(np.int64), counts), np.repeat(ke, counts), idx


def _entry_pieces(ce: IntArray) -> list[tuple[int, int]]:
    """``ce`` (sorted chunk indexes) cut into pieces of whole chunks of about
    ``join_piece`` entries: the key look-ups of a piece are made together."""
    out, a, n = [], 0, len(ce)
    while a < n:
        b = min(n, a + join_piece)
        if b < n:  # end on a chunk boundary (a chunk with more entries is a piece alone)
            b = int(np.searchsorted(ce, ce[b - 1], "left"))
            if b <= a:
                b = int(np.searchsorted(ce, ce[a], "right"))
        out.append((a, b))
        a = b
    return out


def chunk_similarity(en: KeyedSide, ar: KeyedSide, k_en: int, k_ar: int,
                     coarse: CoarseParams | None = None) -> FloatArray:
    """IDF-weighted cosine between the key sets of English and Arabic chunks."""
    ce, ke, nc = _chunk_keys(en, k_en)
    ca, ka, mc = _chunk_keys(ar, k_ar)
    coarse = coarse or CoarseParams()
    idf = _idf(ke, ka, nc, mc, coarse)
    sim = np.zeros((nc, mc))
    order = np.argsort(ka, kind="stable")
    ka_s, ca_s = ka[order], ca[order]
    keep = (idf > 0)[ke]
    ce_k, ke_k = ce[keep], ke[keep]
    for p0, p1 in _entry_pieces(ce_k):
        cp, kp = ce_k[p0:p1], ke_k[p0:p1]
        left = np.searchsorted(ka_s, kp, "left")
        right = np.searchsorted(ka_s, kp, "right")
        for a, b, e0, e1 in _pieces(cp, right - left):
            rep_e, rep_k, idx = _expand(cp[a:b], kp[a:b], left[a:b], right[a:b])
            sim[e0:e1] += np.bincount((rep_e - e0) * mc + ca_s[idx],
                                      weights=idf[rep_k] ** 2,
                                      minlength=(e1 - e0) * mc).reshape(e1 - e0, mc)
    norm_e, norm_a = _norms(ce, ke, idf, nc), _norms(ca, ka, idf, mc)
    sim /= np.maximum(norm_e[:, None] * norm_a[None, :], 1e-9)
    return sim


def banded_chunk_similarity(en: KeyedSide, ar: KeyedSide, k_en: int, k_ar: int,
                            lo: IntArray, width: int,
                            coarse: CoarseParams | None = None) -> FloatArray:
    """``chunk_similarity`` restricted to Arabic chunks ``lo[i] .. lo[i] + width - 1`` for
    English chunk ``i``: an ``(nc, width)`` array, column ``c`` of row ``i`` for Arabic
    chunk ``lo[i] + c``. Each English ``(chunk, key)`` is joined only with the Arabic
    occurrences of its key inside its window, so the work is linear in length."""
    coarse = coarse or CoarseParams()
    nc, mc = math.ceil(en.n_sents / k_en), math.ceil(ar.n_sents / k_ar)
    idf, norm_e, norm_a = _streamed_idf_norms(en, ar, k_en, k_ar, coarse)
    sim = np.zeros((nc, width))
    stride = np.int64(mc + 1)
    useful = idf > 0
    for c0, c1, ce, ke in _chunk_key_pieces(en, k_en):
        # The Arabic chunks these English ones face, their keys sorted by key then chunk:
        # the same occurrences, in the same order, as in the whole side's sorted codes.
        a0, a1 = int(lo[c0]), min(mc, int(lo[c1 - 1]) + width)
        ar_code = np.concatenate(
            [key.astype(np.int64) * stride + c
             for _, _, c, key in _chunk_key_pieces(ar, k_ar, a0, a1)] or [np.zeros(0, np.int64)])
        ar_code.sort()
        keep = useful[ke]
        ce_k, ke_k = ce[keep], ke[keep]
        first = ke_k * stride + lo[ce_k]
        left = np.searchsorted(ar_code, first, "left")
        right = np.searchsorted(ar_code, first + width, "left")
        for a, b, e0, e1 in _pieces(ce_k, right - left):
            rep_e, rep_k, idx = _expand(ce_k[a:b], ke_k[a:b], left[a:b], right[a:b])
            col = ar_code[idx] % stride - lo[rep_e]
            sim[e0:e1] += np.bincount((rep_e - e0) * width + col, weights=idf[rep_k] ** 2,
                                      minlength=(e1 - e0) * width).reshape(e1 - e0, width)
    cols = np.minimum(lo[:, None] + np.arange(width)[None, :], mc - 1)
    sim /= np.maximum(norm_e[:, None] * norm_a[cols], 1e-9)
    return sim


def _row_scores(base: FloatArray, sim_row: FloatArray, gap: float
                ) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Best scores of one DTW row once steps from the left are allowed, and where a step
    from the left won. ``row[j] = max(base[j], row[j - 1] - gap + sim[j])`` unrolls to
    ``max(base[j], T[j] + max_{k < j} (base[k] - T[k]))`` with ``T`` the running sum of
    ``sim - gap``: a running maximum instead of a Python loop over the row."""
    t = np.cumsum(sim_row - gap)
    run = np.maximum.accumulate(base - t)
    left = np.full_like(base, -np.inf)
    left[1:] = t[1:] + run[:-1]
    from_left = left > base
    return np.where(from_left, left, base), from_left


def monotone_path(sim: FloatArray, gap: float) -> list[tuple[int, int]]:
    """Highest-similarity monotone path through a small matrix (dynamic time warping):
    each cell on the path adds its similarity, a step along one side only costs ``gap``."""
    nc, mc = sim.shape
    return banded_path(sim, np.zeros(nc, dtype=np.int64), mc, gap)


def banded_path(sim: FloatArray, lo: IntArray, mc: int, gap: float
                ) -> list[tuple[int, int]]:
    """``monotone_path`` over a band: row ``i`` holds columns ``lo[i] .. lo[i] + width - 1``
    (``sim`` is ``(nc, width)``), ``lo`` non-decreasing with ``lo[0] == 0``, the last row
    ending at column ``mc - 1`` and consecutive rows overlapping, so a path always exists."""
    nc, width = sim.shape
    score = np.full((nc, width), -np.inf)
    move = np.zeros((nc, width), dtype=np.int8)  # 0 diagonal, 1 from above, 2 from left
    cols = np.arange(width)
    for i in range(nc):
        if i == 0:
            base = np.full(width, -np.inf)
            base[0] = sim[0, 0]
            mv = np.zeros(width, dtype=np.int8)
        else:
            shift = int(lo[i] - lo[i - 1])
            prev = score[i - 1]
            up_idx = cols + shift
            diag_idx = up_idx - 1
            up = np.where(up_idx < width, prev[np.minimum(up_idx, width - 1)], -np.inf) - gap
            diag = np.where((diag_idx >= 0) & (diag_idx < width),
                            prev[np.clip(diag_idx, 0, width - 1)], -np.inf)
            base = np.maximum(diag, up) + sim[i]
            mv = np.where(diag >= up, 0, 1).astype(np.int8)
        row, from_left = _row_scores(base, sim[i], gap)
        mv[from_left] = 2
        score[i] = row
        move[i] = mv
    i, c = nc - 1, int(mc - 1 - lo[nc - 1])
    path = [(i, int(lo[i]) + c)]
    while i > 0 or lo[i] + c > 0:
        step = int(move[i, c])
        j = int(lo[i]) + c
        if step == 0 and i > 0 and j > 0:
            c = j - 1 - int(lo[i - 1])
            i -= 1
        elif (step == 1 and i > 0) or j == 0:
            c = j - int(lo[i - 1])
            i -= 1
        else:
            c -= 1
        path.append((i, int(lo[i]) + c))
    return path[::-1]


def _gap(sim: FloatArray) -> float:
    """Steps along one side are for content missing on the other: they cost a typical
    aligned chunk's similarity."""
    return _median(sim.max(axis=1)) if sim.size else 0.0


def _median(x: FloatArray) -> float:
    """``float(np.median(x))`` of a non-empty vector, the same number (the middle value, or
    the mean of the two middle ones, as ``np.mean`` adds and divides them), without
    ``np.median``'s first call importing ``numpy.ma`` (a tenth of a second of start-up)."""
    v = np.sort(x)
    n = len(v)
    if np.isnan(v[-1]):
        return math.nan
    if n % 2:
        return float(v[n // 2])
    return float(np.mean(v[n // 2 - 1 : n // 2 + 1]))


def _center_from_path(path: list[tuple[int, int]], k_en: int, k_ar: int,
                      len_en: FloatArray, len_ar: FloatArray) -> FloatArray:
    """Expected Arabic row for each English row ``0..n``: the chunk centres matched on the
    path are knots, and between knots the rows advance in proportion to text length."""
    n, m = len(len_en), len(len_ar)
    en_full = np.concatenate([[0.0], np.cumsum(len_en)])
    ar_full = np.concatenate([[0.0], np.cumsum(len_ar)])
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


def _fine_center(en: KeyedSide, ar: KeyedSide, len_en: FloatArray, len_ar: FloatArray,
                 center: FloatArray, k_coarse: int, c: CoarseParams) -> FloatArray:
    """The second level: the path among fine chunks near ``center`` (the first level's
    expectation, good to about one first-level chunk of ``k_coarse`` sentences)."""
    n, m = en.n_sents, ar.n_sents
    k_en = c.fine_chunk
    k_ar = max(1, round(k_en * m / max(n, 1)))
    nc, mc = math.ceil(n / k_en), math.ceil(m / k_ar)
    if nc < 2 or mc < 2:
        return center
    rows = np.minimum(n, (np.arange(nc) + 0.5) * k_en)
    expected = np.interp(rows, np.arange(n + 1), center) / k_ar - 0.5
    half = math.ceil(c.fine_window * k_coarse * max(m, 1) / max(n, 1) / k_ar)
    band = band_around(np.clip(expected, 0, mc - 1), half, nc - 1, mc - 1)
    sim = banded_chunk_similarity(en, ar, k_en, k_ar, band.lo, band.width, c)
    path = banded_path(sim, band.lo, mc, _gap(sim))
    return _center_from_path(path, k_en, k_ar, len_en, len_ar)


def coarse_center(
    en: KeyedSide, ar: KeyedSide, len_en: FloatArray, len_ar: FloatArray, config: AlignConfig
) -> FloatArray:
    """Expected Arabic row for each English row, from the two coarse levels.

    Both sides are cut into about ``config.coarse.chunks`` (300) chunks (English chunks of
    ``k`` sentences, Arabic ones of about ``k * m / n``); the path through their similarity
    matrix says which part of one side faces which part of the other. When a chunk holds
    more than twice ``coarse.fine_chunk`` sentences, the second level sharpens that path
    with chunks of ``fine_chunk`` sentences; the fine search runs in a band around the result.
    """
    n, m = en.n_sents, ar.n_sents
    c = config.coarse
    k_en = max(c.min_chunk, math.ceil(n / c.chunks))
    k_ar = max(c.min_chunk, round(k_en * m / max(n, 1)))
    sim = chunk_similarity(en, ar, k_en, k_ar, c)
    center = _center_from_path(monotone_path(sim, _gap(sim)), k_en, k_ar, len_en, len_ar)
    if c.fine_chunk and k_en > 2 * c.fine_chunk:
        center = _fine_center(en, ar, len_en, len_ar, center, k_en, c)
    return center
