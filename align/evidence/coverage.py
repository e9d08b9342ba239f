"""Lexical coverage between sentences of the two sides, inside the search band.

For every sentence pair ``(x, y)`` in the band, ``coverage[x, y]`` is the (weighted) number of
words of ``x`` that have a match in ``y``: a word of ``x`` is matched when one of its keys
(lexicon glosses, anchor keys) is among the keys of ``y``. Counting matched words, rather than
shared keys, is what lets the cost model compare "all words explained" with "half the words
explained" when it weighs a 2-1 bead against a 1-1 and a 1-0.

The computation is an exact-key join done in numpy, block by block along the band, so its cost
grows with the band's area and never builds an ``n x m`` matrix; ``run_coverage`` also counts
each sentence against runs of up to ``spans`` consecutive sentences of the other side, which
is what the beads of more than one sentence a side read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
Int32Array = NDArray[np.int32]
Float32Array = NDArray[np.float32]



def unique_ints(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """Sorted distinct values of an integer array.

    ``np.unique`` without ``return_inverse`` takes a hash-based path in numpy 2.3+ that is
    about 100x slower than sorting on the large integer codes used here (0.8 s against 7 ms
    for a million values); it was a fifth of the time of a 20k-sentence alignment.
    """
    out = np.sort(values)
    if out.size < 2:
        return out
    keep = np.empty(out.size, dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]

@dataclass(frozen=True, slots=True)
class KeyedSide:
    """One side's words and keys as flat arrays (see ``features.py``).

    ``unit_sent[u]``/``unit_weight[u]``: sentence and weight of word ``u`` (sorted by
    sentence); ``pair_unit[p]``/``pair_key[p]``: the keys of each word, sorted by unit;
    ``sent_key_sent[q]``/``sent_key_key[q]``: the distinct keys of each sentence, sorted by
    sentence; ``n_sents`` sentences.
    """

    unit_sent: Int32Array
    unit_weight: Float32Array
    pair_unit: Int32Array
    pair_key: Int32Array
    sent_key_sent: Int32Array
    sent_key_key: Int32Array
    n_sents: int

    def sentence_weight(self) -> FloatArray:
        """Total word weight of each sentence."""
        out: FloatArray = np.bincount(
            self.unit_sent, weights=self.unit_weight, minlength=self.n_sents
        ).astype(np.float64)
        return out


def slice_side(side: KeyedSide, s0: int, s1: int) -> KeyedSide:
    """Sentences ``s0 .. s1 - 1`` of a side as a side of their own (indexes from 0, the
    same keys): a stretch searched apart from the rest (``search.run``'s bounded search)."""
    # The bounds in the arrays' own dtype: searchsorted would convert a whole int32 array
    # to int64 for int64 keys, on every call.
    def find(arr: Int32Array, lo: int, hi: int) -> tuple[int, int]:
        got = np.searchsorted(arr, np.array([lo, hi], dtype=arr.dtype))
        return int(got[0]), int(got[1])

    u0, u1 = find(side.unit_sent, s0, s1)
    p0, p1 = find(side.pair_unit, u0, u1)
    k0, k1 = find(side.sent_key_sent, s0, s1)
    return KeyedSide(
        (side.unit_sent[u0:u1] - s0).astype(np.int32), side.unit_weight[u0:u1],
        (side.pair_unit[p0:p1] - u0).astype(np.int32), side.pair_key[p0:p1],
        (side.sent_key_sent[k0:k1] - s0).astype(np.int32), side.sent_key_key[k0:k1],
        s1 - s0)


def row_offsets(lo: IntArray, hi: IntArray) -> IntArray:
    """Start of each row's range in a flat grid whose row ``x`` holds ``hi[x] - lo[x]``
    cells (and the total at the end)."""
    out: IntArray = np.concatenate([[0], np.cumsum(hi - lo)]).astype(np.int64)
    return out


def run_coverage(
    units: KeyedSide,
    other: KeyedSide,
    lo: IntArray,
    hi: IntArray,
    spans: int,
    block: int = 64,
) -> Float32Array:
    """Weighted count of the words of each sentence ``x`` of ``units`` matched in a run of
    ``s`` consecutive sentences of ``other``, for ``s = 1 .. spans``, as a ragged grid.

    ``out[s - 1, off[x] + k]`` (``off = row_offsets(lo, hi)``) is the weight of the words of
    ``x`` that have a match in one of the sentences ``y .. y + s - 1`` with ``y = lo[x] + k``
    (``k < hi[x] - lo[x]``), only sentences inside ``x``'s range ``lo[x] <= t < hi[x]``
    counting (``lo``, ``hi`` non-decreasing). A word matched in two sentences of the run
    counts once: the union, not the sum, which would make two neighbouring sentences on the
    same topic look like one translation. Rows are as long as their own range, not the
    longest one: where the band is flat a few ranges are much wider than the rest.

    Why a difference array: a word matched at ``t`` whose previous match (in the same
    range) is at ``p`` is newly covered by exactly the runs of length ``s`` that start in
    ``max(p + 1, t - s + 1) .. t``, so each distinct (word, sentence) match adds its weight
    to one interval of run starts per length, and a cumulative sum along the row turns the
    intervals into counts. Cost: one pass over the matches and one cumulative sum per run
    length, whatever ``spans`` is (enumerating the runs instead grows with ``spans ** 2``).
    """
    n = units.n_sents
    off = row_offsets(lo, hi)
    out = np.zeros((spans, int(off[-1])), dtype=np.float32)
    pair_sent = units.unit_sent[units.pair_unit]
    p_start = np.searchsorted(pair_sent, np.arange(n + 1))
    q_start = np.searchsorted(other.sent_key_sent, np.arange(other.n_sents + 1))
    for x0 in range(0, n, block):
        x1 = min(n, x0 + block)
        y0, y1 = int(lo[x0]), int(hi[x1 - 1])
        if y1 <= y0:
            continue
        p_slice = (int(p_start[x0]), int(p_start[x1]))
        q_slice = (int(q_start[y0]), int(q_start[min(y1, other.n_sents)]))
        matched = _block_join(units, other, p_slice, q_slice, lo, hi)
        if matched is not None:
            _fill_runs(units, matched, (x0, x1), lo, off, out)
    return out


def _fill_runs(
    units: KeyedSide,
    matched: tuple[IntArray, IntArray],
    rows: tuple[int, int],
    lo: IntArray,
    off: IntArray,
    out: Float32Array,
) -> None:
    """Add one block's matches to ``out`` (rows ``x0 .. x1 - 1``; see ``run_coverage``).

    The block's rows are laid end to end, each followed by one spare cell, in one flat
    difference array: every interval a match adds ends inside its own row or on the spare
    cell, so one flat cumulative sum is back at zero at the start of each row."""
    x0, x1 = rows
    spans = out.shape[0]
    rep_unit, y = matched
    y_min = int(y.min())
    span_w = int(y.max()) - y_min + 1
    # One entry per distinct (word, sentence), sorted by word then sentence.
    code = unique_ints(rep_unit * span_w + (y - y_min))
    u = code // span_w
    t = code % span_w + y_min
    prev = np.full(t.shape, np.iinfo(np.int64).min // 2, dtype=np.int64)
    same = u[1:] == u[:-1]
    prev[1:][same] = t[:-1][same]
    x = units.unit_sent[u].astype(np.int64)
    base = lo[x]
    w = units.unit_weight[u].astype(np.float64)
    # Row x starts at off[x] - off[x0] + (x - x0) in the block's difference array.
    row_start = np.arange(x0, x1 + 1) - x0 + off[x0 : x1 + 1] - off[x0]
    cell = row_start[x - x0] - base
    size = int(row_start[-1])
    keep = np.ones(size, dtype=bool)
    keep[row_start[1:] - 1] = False  # the spare cells
    # Runs end (exclusive) one past the match; t < hi[x] keeps that inside the row or on
    # its spare cell.
    idx = np.concatenate([cell + t + 1, cell])
    wts = np.concatenate([-w, w])
    first = np.empty_like(t)
    floor = np.maximum(prev + 1, base)  # integers: the order of the maxima is free
    for s in range(1, spans + 1):
        np.maximum(floor, t - s + 1, out=first)
        first += cell
        idx[t.size :] = first
        diff = np.bincount(idx, weights=wts, minlength=size)
        out[s - 1, off[x0] : off[x1]] = np.cumsum(diff)[keep].astype(np.float32)


def _block_join(
    units: KeyedSide,
    other: KeyedSide,
    p_slice: tuple[int, int],
    q_slice: tuple[int, int],
    lo: IntArray,
    hi: IntArray,
) -> tuple[IntArray, IntArray] | None:
    """Every ``(word u, sentence y)`` of one block whose keys meet, ``y`` inside the band of
    ``u``'s sentence; ``None`` when there is none.

    An exact-key join without a hash table: the other side's ``(key, sentence)`` pairs of
    the block are sorted by key, and each word key finds its run of equal keys with two
    ``searchsorted``; the runs are then expanded with ``repeat`` into one flat array.
    """
    p0, p1 = p_slice
    q0, q1 = q_slice
    if p1 <= p0 or q1 <= q0:
        return None
    # Sorted by key, then sentence, in one code (a sort, not an argsort: several times as
    # fast); the order among equal keys does not matter, ``_fill_runs`` sorts the matches.
    stride = other.n_sents + 1
    code = np.sort(other.sent_key_key[q0:q1].astype(np.int64) * stride
                   + other.sent_key_sent[q0:q1])
    okeys, osents = code // stride, code % stride
    pkeys = units.pair_key[p0:p1].astype(np.int64)
    punits = units.pair_unit[p0:p1].astype(np.int64)
    left = np.searchsorted(okeys, pkeys, "left")
    right = np.searchsorted(okeys, pkeys, "right")
    counts = right - left
    total = int(counts.sum())
    if total == 0:
        return None
    rep_unit = np.repeat(punits, counts)
    starts = np.repeat(left - (np.cumsum(counts) - counts), counts)
    y = osents[starts + np.arange(total)]
    x = units.unit_sent[rep_unit].astype(np.int64)
    inband = (y >= lo[x]) & (y < hi[x])
    if not inband.any():
        return None
    return rep_unit[inband], y[inband]


