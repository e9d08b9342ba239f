"""Paragraphs aligned before sentences, and the confident pairs that bound the search.

When both sides show paragraph breaks, a translation nearly always keeps them, and a
paragraph is a much bigger and so much less ambiguous unit than a sentence: its numbers,
names and lexicon keys together say where it is. So the paragraphs are aligned first, by a
small monotone DP over paragraph beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2; ``ParagraphParams``),
each priced by

* its prior (``ParagraphParams.priors``);
* the length model of the sentence search (``costs.length_llr`` with ``AlignConfig.cost``)
  applied to the paragraphs' lengths, around the document's ratio;
* the IDF-weighted cosine of the key sets (the keys the sentence search reads: numbers,
  names, lexicon glosses), keys found in too many paragraphs weighing nothing (as in
  ``search.coarse``), relative to the document's typical best cosine
  (``ParagraphParams``: ``lex_k * (cos / scale - rel_t)``).

Only the *confident* 1-1 pairs of that path are used (``ParagraphParams``: strong key
agreement, the best pair of its row and column by a ratio, better than merging it with a
neighbouring paragraph, lengths that agree). Their corners, a boundary both sides share,
become anchors that no bead may cross (``search.bound``). Everything else (a paragraph only
one side has, two run into one, a stretch with no strong anchor) is left to the sentence
search between the anchors around it. One side in a single paragraph, or no confident pair:
no anchor, and the search is what it was.

The DP reads only paragraph corners that are cells of the sentence band, so for a long
document (a band around the coarse path) it is banded too, and its anchors always lie
inside the band.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..config import AlignConfig, CoarseParams, ParagraphParams
from ..evidence.coverage import KeyedSide, unique_ints
from .band import Band
from .bound import Bound, make_bound
from .costs import length_llr, length_spread

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
PBead = tuple[tuple[int, ...], tuple[int, ...]]

_SHIFT = 31


@dataclass(frozen=True, slots=True)
class ParagraphAlignment:
    """The paragraph path, its confident 1-1 pairs and the sentence corners they give.

    ``beads`` hold paragraph indexes (English, Arabic); ``anchors`` are interior sentence
    corners ``(e, a)`` in order (``search.bound.make_bound``)."""

    beads: tuple[PBead, ...]
    confident: tuple[tuple[int, int], ...]
    anchors: tuple[tuple[int, int], ...]
    n_en: int
    n_ar: int


def paragraph_starts(paragraphs: Sequence[int] | IntArray) -> IntArray:
    """First sentence of each paragraph (a new paragraph wherever the index changes), and
    the sentence count at the end."""
    para = np.asarray(paragraphs, dtype=np.int64)
    if para.size == 0:
        return np.zeros(1, dtype=np.int64)
    cuts = np.flatnonzero(para[1:] != para[:-1]) + 1
    return np.concatenate([[0], cuts, [para.size]]).astype(np.int64)


def _para_keys(side: KeyedSide, starts: IntArray) -> tuple[IntArray, IntArray]:
    """Distinct ``(paragraph, key)`` pairs of a side."""
    para_of = np.searchsorted(starts, np.arange(side.n_sents), "right") - 1
    code = unique_ints(para_of[side.sent_key_sent].astype(np.int64) << _SHIFT
                       | side.sent_key_key.astype(np.int64))
    return code >> _SHIFT, code & ((1 << _SHIFT) - 1)


def _idf2(ke: IntArray, ka: IntArray, n_p: int, n_q: int, coarse: CoarseParams) -> FloatArray:
    """Squared IDF of each key over the paragraphs of both sides; 0 for keys in more than
    ``coarse.max_df_share`` of them (they say nothing about position)."""
    n_keys = int(max(ke.max(initial=0), ka.max(initial=0))) + 1
    df = np.bincount(ke, minlength=n_keys) + np.bincount(ka, minlength=n_keys)
    max_df = max(coarse.min_df_cut, int(max(n_p, n_q) * coarse.max_df_share + 1e-9))
    idf = np.log((n_p + n_q) / np.maximum(df, 1))
    idf[df > max_df] = 0.0
    out: FloatArray = idf * idf
    return out


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Key agreement of paragraph pairs in a banded layout: ``dot[p, q - lo[p]]`` (squared
    IDF of the keys ``p`` and ``q`` share) and ``shared`` (how many), for ``q`` in
    ``lo[p] .. lo[p] + width - 1``; ``norm`` the squared norms, ``adj`` the dot product of
    each paragraph with the next one of its side (for merged paragraphs)."""

    dot: FloatArray
    shared: IntArray
    lo: IntArray
    width: int
    norm_en: FloatArray
    norm_ar: FloatArray
    adj_en: FloatArray
    adj_ar: FloatArray

    def get(self, p: int, q: int) -> float:
        k = q - int(self.lo[p])
        return float(self.dot[p, k]) if 0 <= k < self.width else 0.0

    def cos(self, ps: range, qs: range) -> float:
        """Cosine of the paragraphs ``ps`` (English, together) and ``qs`` (Arabic)."""
        dot = sum(self.get(p, q) for p in ps for q in qs)
        ne = sum(float(self.norm_en[p]) for p in ps) + 2 * sum(
            float(self.adj_en[p]) for p in ps[:-1])
        na = sum(float(self.norm_ar[q]) for q in qs) + 2 * sum(
            float(self.adj_ar[q]) for q in qs[:-1])
        return dot / math.sqrt(ne * na) if ne > 0 and na > 0 else 0.0

    def cos_grid(self) -> FloatArray:
        """Cosine of every 1-1 pair of the layout (0 outside the matrix)."""
        n_q = self.norm_ar.size
        cols = np.minimum(self.lo[:, None] + np.arange(self.width)[None, :], n_q - 1)
        den = np.sqrt(self.norm_en[:, None] * self.norm_ar[cols])
        out: FloatArray = np.where(den > 0, self.dot / np.maximum(den, 1e-12), 0.0)
        return out


def _adjacent(p: IntArray, k: IntArray, w: FloatArray, n_p: int) -> FloatArray:
    """Squared-IDF weight of the keys each paragraph shares with the next one (``p``,
    ``k``: distinct pairs sorted by paragraph, then key, as ``_para_keys`` gives them)."""
    code = p << _SHIFT | k
    want = (p + 1) << _SHIFT | k
    at = np.minimum(np.searchsorted(code, want), max(code.size - 1, 0))
    hit = code[at] == want if code.size else np.zeros(0, dtype=bool)
    out: FloatArray = np.bincount(p[hit], weights=w[k[hit]],
                                  minlength=n_p)[:n_p].astype(np.float64)
    return out


def _evidence(en: KeyedSide, ar: KeyedSide, st_en: IntArray, st_ar: IntArray,
              lo: IntArray, width: int, coarse: CoarseParams) -> _Evidence:
    """Key agreement of each English paragraph with Arabic ones ``lo[p] ..`` (a join of
    the two sides' ``(paragraph, key)`` pairs inside that window, linear in length)."""
    n_p, n_q = st_en.size - 1, st_ar.size - 1
    pe, ke = _para_keys(en, st_en)
    qa, ka = _para_keys(ar, st_ar)
    w = _idf2(ke, ka, n_p, n_q, coarse)
    stride = np.int64(n_q + 1)
    ar_code = np.sort(ka * stride + qa)
    keep = w[ke] > 0
    pe_k, ke_k = pe[keep], ke[keep]
    left = np.searchsorted(ar_code, ke_k * stride + lo[pe_k], "left")
    right = np.searchsorted(ar_code, ke_k * stride + lo[pe_k] + width, "left")
    counts = right - left
    dot = np.zeros(n_p * width)
    shared = np.zeros(n_p * width, dtype=np.int64)
    total = int(counts.sum())
    if total:
        rep_p = np.repeat(pe_k, counts)
        rep_k = np.repeat(ke_k, counts)
        idx = np.repeat(left - (np.cumsum(counts) - counts), counts) + np.arange(total)
        cell = rep_p * width + ar_code[idx] % stride - lo[rep_p]
        dot += np.bincount(cell, weights=w[rep_k], minlength=n_p * width)
        shared += np.bincount(cell, minlength=n_p * width)
    return _Evidence(
        dot.reshape(n_p, width), shared.reshape(n_p, width), lo, width,
        np.bincount(pe, weights=w[ke], minlength=n_p).astype(np.float64),
        np.bincount(qa, weights=w[ka], minlength=n_q).astype(np.float64),
        _adjacent(pe, ke, w, n_p), _adjacent(qa, ka, w, n_q))


def _node_ranges(band: Band, st_en: IntArray, st_ar: IntArray) -> tuple[IntArray, IntArray]:
    """For each count ``p = 0..P`` of English paragraphs, the Arabic counts ``q`` whose
    corner ``(st_en[p], st_ar[q])`` is a cell of the band (first, last; empty: first >
    last)."""
    lo = band.lo[st_en]
    first = np.searchsorted(st_ar, lo, "left")
    last = np.searchsorted(st_ar, lo + band.width - 1, "right") - 1
    return first.astype(np.int64), last.astype(np.int64)


class _Costs:
    """Costs of every paragraph bead ending at every node, one vector per bead type.

    Nodes are laid out row by row: node ``(p, q)`` for ``q`` in ``first[p] .. last[p]`` is
    at ``off[p] + q - first[p]``."""

    def __init__(self, ev: _Evidence, len_en: FloatArray, len_ar: FloatArray, mu: float,
                 scale: float, config: AlignConfig, first: IntArray, last: IntArray) -> None:
        self.ev, self.mu, self.scale, self.config = ev, mu, scale, config
        self.cum_en = np.concatenate([[0.0], np.cumsum(len_en)])
        self.cum_ar = np.concatenate([[0.0], np.cumsum(len_ar)])
        sizes = last - first + 1
        self.off = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.node_p = np.repeat(np.arange(first.size, dtype=np.int64), sizes)
        self.node_q = (np.arange(int(self.off[-1]), dtype=np.int64)
                       - self.off[self.node_p] + first[self.node_p])

    def _dot(self, p: IntArray, q: IntArray) -> FloatArray:
        ev = self.ev
        k = q - ev.lo[np.clip(p, 0, ev.lo.size - 1)]
        ok = (k >= 0) & (k < ev.width) & (p >= 0) & (q >= 0)
        out: FloatArray = np.where(
            ok, ev.dot[np.clip(p, 0, ev.lo.size - 1), np.clip(k, 0, ev.width - 1)], 0.0)
        return out

    def table(self, a: int, b: int) -> FloatArray:
        """Cost of the ``a``-``b`` bead ending at each node (``inf`` where none fits)."""
        pp, ev = self.config.paragraphs, self.ev
        p, q = self.node_p, self.node_q
        fits = (p >= a) & (q >= b)
        prior = -math.log(pp.priors[(a, b)])
        if a == 0 or b == 0:
            return np.where(fits, prior, math.inf)
        dot = sum((self._dot(p - i, q - d) for i in range(1, a + 1) for d in range(1, b + 1)),
                  np.zeros(p.shape))
        pc, qc = np.maximum(p - 1, 0), np.maximum(q - 1, 0)
        ne = ev.norm_en[pc] + (ev.norm_en[np.maximum(p - 2, 0)]
                               + 2 * ev.adj_en[np.maximum(p - 2, 0)] if a == 2 else 0.0)
        na = ev.norm_ar[qc] + (ev.norm_ar[np.maximum(q - 2, 0)]
                               + 2 * ev.adj_ar[np.maximum(q - 2, 0)] if b == 2 else 0.0)
        den = np.sqrt(ne * na)
        cos = np.where(den > 0, dot / np.maximum(den, 1e-12), 0.0)
        le = self.cum_en[p] - self.cum_en[np.maximum(p - a, 0)]
        la = self.cum_ar[q] - self.cum_ar[np.maximum(q - b, 0)]
        llr = length_llr(le, la, self.mu, self.config.cost)
        lex = pp.lex_k * (cos / self.scale - pp.rel_t)
        out: FloatArray = np.where(fits, prior - self.config.cost.w_len * llr - lex, math.inf)
        return out


def _path(costs: _Costs, first: IntArray, last: IntArray,
          types: Sequence[tuple[int, int]]) -> list[PBead] | None:
    """Lowest-cost monotone path of paragraph beads from node ``(0, 0)`` to ``(P, Q)``
    through the nodes ``first[p] .. last[p]`` of each row; ``None`` when there is none.

    Each row is relaxed by the beads with English paragraphs at once, then by 0-1 beads
    (which stay in the row) one node at a time: rows hold a few dozen nodes."""
    n_p, off = first.size - 1, costs.off
    tables = [costs.table(a, b) for a, b in types]
    dist = np.full(int(off[-1]), math.inf)
    back = np.full(int(off[-1]), -1, dtype=np.int8)
    down = [(t, a, b) for t, (a, b) in enumerate(types) if a > 0]
    zero = [(t, b) for t, (a, b) in enumerate(types) if a == 0]
    for p in range(n_p + 1):
        r0, r1 = int(off[p]), int(off[p + 1])
        qs = costs.node_q[r0:r1]
        row = np.full(r1 - r0, math.inf)
        arg = np.full(r1 - r0, -1, dtype=np.int8)
        if p == 0 and qs.size and qs[0] == 0:
            row[0] = 0.0
        for t, a, b in down:
            if p < a:
                continue
            src = qs - b - first[p - a]
            ok = (src >= 0) & (src <= last[p - a] - first[p - a])
            cand = np.where(ok, dist[off[p - a] + np.where(ok, src, 0)], math.inf)
            cand = cand + tables[t][r0:r1]
            better = cand < row
            row[better], arg[better] = cand[better], t
        for t, b in zero:
            step = tables[t][r0:r1]
            for k in range(b, r1 - r0):
                c = row[k - b] + step[k]
                if c < row[k]:
                    row[k], arg[k] = c, t
        dist[r0:r1], back[r0:r1] = row, arg
    if not np.isfinite(dist[-1]):
        return None
    out: list[PBead] = []
    p, q = n_p, int(last[n_p])
    while p or q:
        a, b = types[int(back[int(off[p]) + q - int(first[p])])]
        out.append((tuple(range(p - a, p)), tuple(range(q - b, q))))
        p, q = p - a, q - b
    return out[::-1]


def _others_max(group: IntArray, values: FloatArray) -> FloatArray:
    """For each entry, the largest value among the other entries of its group."""
    order = np.lexsort((-values, group))
    g, v = group[order], values[order]
    head = np.concatenate([[True], g[1:] != g[:-1]])
    start = np.maximum.accumulate(np.where(head, np.arange(g.size), 0))
    top = v[start]
    second_at = np.minimum(start + 1, g.size - 1)
    second = np.where((second_at < g.size) & (g[second_at] == g) & (second_at != start),
                      v[second_at], 0.0)
    other = np.where(np.arange(g.size) == start, second, top)
    out = np.empty_like(values)
    out[order] = other
    return out


def _rivals(ev: _Evidence) -> tuple[FloatArray, FloatArray]:
    """Best cosine of another pair in each cell's row and in its column (banded layout)."""
    cos = ev.cos_grid()
    n_p, width = cos.shape
    rows = np.repeat(np.arange(n_p), width)
    cols = (ev.lo[:, None] + np.arange(width)[None, :]).ravel()
    flat = cos.ravel()
    return (_others_max(rows, flat).reshape(n_p, width),
            _others_max(cols, flat).reshape(n_p, width))


def _confident(ev: _Evidence, pair: tuple[int, int], costs: _Costs,
               rivals: tuple[FloatArray, FloatArray], pp: ParagraphParams) -> bool:
    """Whether a 1-1 paragraph pair of the path is sure enough to bound the search."""
    p, q = pair
    k = q - int(ev.lo[p])
    if not 0 <= k < ev.width:
        return False
    cos = ev.cos(range(p, p + 1), range(q, q + 1))
    if cos < pp.min_rel * costs.scale or int(ev.shared[p, k]) < pp.min_shared:
        return False
    if cos < pp.ratio * max(float(rivals[0][p, k]), float(rivals[1][p, k])):
        return False
    n_p, n_q = ev.norm_en.size, ev.norm_ar.size
    merged = [ev.cos(range(p0, p0 + 2), range(q, q + 1)) for p0 in (p - 1, p)
              if p0 >= 0 and p0 + 1 < n_p]
    merged += [ev.cos(range(p, p + 1), range(q0, q0 + 2)) for q0 in (q - 1, q)
               if q0 >= 0 and q0 + 1 < n_q]
    if merged and cos < (1 + pp.merge_margin) * max(merged):
        return False
    le = np.array([costs.cum_en[p + 1] - costs.cum_en[p]])
    la = np.array([costs.cum_ar[q + 1] - costs.cum_ar[q]])
    s = costs.config.cost.len_smooth
    dev = abs(math.log((la[0] + s) / (le[0] + s)) - costs.mu)
    return dev <= pp.max_z * float(length_spread(le, la, costs.config.cost)[0])


def align_paragraphs(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    para_en: Sequence[int] | IntArray,
    para_ar: Sequence[int] | IntArray,
    band: Band,
    config: AlignConfig,
) -> ParagraphAlignment | None:
    """The paragraph alignment of two keyed sides (sentence lengths ``len_*``, paragraph
    index of each sentence ``para_*``) inside the sentence ``band``; ``None`` when a side
    has a single paragraph or no path of paragraph corners crosses the band."""
    st_en, st_ar = paragraph_starts(para_en), paragraph_starts(para_ar)
    n_p, n_q = st_en.size - 1, st_ar.size - 1
    if n_p < 2 or n_q < 2:
        return None
    first, last = _node_ranges(band, st_en, st_ar)
    if bool(np.any(first > last)):
        return None
    # Arabic paragraphs a bead of English paragraph p can hold: from the first node of row
    # p - 1 (a 2-x bead) to the last node of row p + 2, less one.
    lo = first[np.maximum(np.arange(n_p) - 1, 0)]
    hi = np.minimum(last[np.minimum(np.arange(n_p) + 2, n_p)], n_q) - 1
    lo = np.minimum(lo, np.maximum(hi, 0))
    width = max(1, int((hi - lo).max()) + 1)
    ev = _evidence(en, ar, st_en, st_ar, lo, width, config.coarse)
    mu = math.log((float(len_ar.sum()) + 1.0) / (float(len_en.sum()) + 1.0))
    p_len_en = np.add.reduceat(len_en, st_en[:-1]) if len_en.size else np.zeros(n_p)
    p_len_ar = np.add.reduceat(len_ar, st_ar[:-1]) if len_ar.size else np.zeros(n_q)
    best = ev.cos_grid().max(axis=1)
    scale = float(np.median(best))
    if scale <= 0:
        return None  # no key in common anywhere: nothing to anchor on
    costs = _Costs(ev, p_len_en, p_len_ar, mu, scale, config, first, last)
    pp = config.paragraphs
    path = _path(costs, first, last, tuple(pp.priors))
    if path is None:
        return None
    rivals = _rivals(ev)
    sure = tuple((e[0], a[0]) for e, a in path if len(e) == len(a) == 1
                 and _confident(ev, (e[0], a[0]), costs, rivals, pp))
    corners = sorted({(int(st_en[c]), int(st_ar[d])) for p, q in sure
                      for c, d in ((p, q), (p + 1, q + 1))})
    inner = tuple(c for c in corners if c not in ((0, 0), (int(st_en[-1]), int(st_ar[-1]))))
    return ParagraphAlignment(tuple(path), sure, inner, n_p, n_q)


def paragraph_bound(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    para_en: Sequence[int] | IntArray,
    para_ar: Sequence[int] | IntArray,
    band: Band,
    config: AlignConfig,
) -> Bound | None:
    """The anchors of ``align_paragraphs`` as a ``search.bound.Bound``; ``None`` when the
    paragraphs give none (or ``ParagraphParams.enabled`` is off): the search is then
    unbounded, as without paragraphs."""
    if not config.paragraphs.enabled:
        return None
    pa = align_paragraphs(en, ar, len_en, len_ar, para_en, para_ar, band, config)
    if pa is None or not pa.anchors:
        return None
    return make_bound(pa.anchors, en.n_sents, ar.n_sents, config.paragraphs.penalty)
