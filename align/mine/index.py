"""Candidate pairs through an inverted index of match keys, never all ``n x m`` pairs.

Every sentence is reduced to the distinct match keys of its content words (``features``:
lexicon glosses, numbers, names, months, Latin tokens). Two sentences that translate each
other share many keys; a key found in a large share of a side's sentences (``said``,
``قال``) names no pair and is skipped. For each key the sentences holding it on both sides
are joined, each shared key adding its inverse document frequency, and the sum is normalised
by both sentences' key weights (a cosine). Each sentence keeps its ``top_k`` best partners;
the union of both sides' lists is what the fidelity model then scores.

The join is done in numpy over ``(sentence, key)`` postings, so its cost grows with the
number of shared rare-key postings, which the document-frequency cap bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..evidence.features import Unit

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Postings:
    """The distinct keys of each sentence of one side: ``sent[p]`` holds ``key[p]``."""

    sent: IntArray
    key: IntArray
    n_sents: int


def postings(units: Sequence[Sequence[Unit]], ids: dict[str, int]) -> Postings:
    """The ``(sentence, key id)`` postings of one side, interning keys in ``ids``.

    >>> ids: dict[str, int] = {}
    >>> p = postings([[Unit(0, 1, "a", ("x", "y"))], [Unit(0, 1, "b", ("y",))]], ids)
    >>> p.sent.tolist(), p.key.tolist(), ids
    ([0, 0, 1], [0, 1, 1], {'x': 0, 'y': 1})
    """
    sent: list[int] = []
    key: list[int] = []
    for si, sent_units in enumerate(units):
        seen: set[int] = set()
        for unit in sent_units:
            for k in unit.keys:
                kid = ids.setdefault(k, len(ids))
                if kid not in seen:
                    seen.add(kid)
                    sent.append(si)
                    key.append(kid)
    return Postings(np.asarray(sent, np.int64), np.asarray(key, np.int64), len(units))


def _by_key(p: Postings, n_keys: int) -> tuple[IntArray, IntArray, IntArray]:
    """Sentences sorted by key, and each key's start and count in that order."""
    order = np.argsort(p.key, kind="stable")
    count = np.bincount(p.key, minlength=n_keys).astype(np.int64)
    start = np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    return p.sent[order], start, count


def candidates(
    en: Postings, ar: Postings, n_keys: int, *, top_k: int, max_df: int, max_df_share: float
) -> tuple[IntArray, IntArray, FloatArray]:
    """Candidate pairs ``(en sentence, ar sentence, similarity)``, each sentence's ``top_k``
    best partners by idf-weighted key cosine, both sides' lists merged.

    >>> ids: dict[str, int] = {}
    >>> e = postings([[Unit(0, 1, "a", ("x", "y"))], [Unit(0, 1, "b", ("z",))]], ids)
    >>> a = postings([[Unit(0, 1, "c", ("z",))], [Unit(0, 1, "d", ("x",))]], ids)
    >>> ei, ai, _ = candidates(e, a, len(ids), top_k=1, max_df=5, max_df_share=1.0)
    >>> sorted(zip(ei.tolist(), ai.tolist()))
    [(0, 1), (1, 0)]
    """
    df_en = np.bincount(en.key, minlength=n_keys)
    df_ar = np.bincount(ar.key, minlength=n_keys)
    cap_en = max(max_df, int(max_df_share * en.n_sents))
    cap_ar = max(max_df, int(max_df_share * ar.n_sents))
    n_all = en.n_sents + ar.n_sents
    idf = np.log1p(n_all / np.maximum(df_en + df_ar, 1))
    usable = (df_en <= cap_en) & (df_ar <= cap_ar) & (df_en > 0) & (df_ar > 0)
    weight = np.where(usable, idf, 0.0)
    # Each sentence's norm counts all its rarer keys, shared or not: a long sentence that
    # shares three words with a short one is not its translation.
    rare_en = (df_en <= cap_en)[en.key]
    rare_ar = (df_ar <= cap_ar)[ar.key]
    norm_en = np.sqrt(np.bincount(en.sent[rare_en], weights=idf[en.key[rare_en]] ** 2,
                                  minlength=en.n_sents)) + 1e-9
    norm_ar = np.sqrt(np.bincount(ar.sent[rare_ar], weights=idf[ar.key[rare_ar]] ** 2,
                                  minlength=ar.n_sents)) + 1e-9
    keep = usable[en.key]
    e_sent, e_key = en.sent[keep], en.key[keep]
    a_sorted, a_start, a_count = _by_key(Postings(ar.sent, ar.key, ar.n_sents), n_keys)
    reps = a_count[e_key]
    total = int(reps.sum())
    if total == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0, np.float64)
    rows = np.repeat(np.arange(e_key.size), reps)
    first = np.repeat(np.cumsum(reps) - reps, reps)
    a_idx = a_start[e_key][rows] + (np.arange(total) - first)
    code = e_sent[rows] * ar.n_sents + a_sorted[a_idx]
    w = weight[e_key][rows] ** 2
    order = np.argsort(code, kind="stable")
    code, w = code[order], w[order]
    bounds = np.flatnonzero(np.concatenate([[True], code[1:] != code[:-1]]))
    codes = code[bounds]
    sims = np.add.reduceat(w, bounds)
    ei, ai = codes // ar.n_sents, codes % ar.n_sents
    sims = sims / (norm_en[ei] * norm_ar[ai])
    chosen = _top_k(ei, sims, top_k) | _top_k(ai, sims, top_k)
    return ei[chosen], ai[chosen], sims[chosen]


def _top_k(group: IntArray, score: FloatArray, k: int) -> NDArray[np.bool_]:
    """Mask of the ``k`` best-scoring entries of each group."""
    order = np.lexsort((-score, group))
    g = group[order]
    starts = np.flatnonzero(np.concatenate([[True], g[1:] != g[:-1]]))
    rank = np.arange(g.size) - np.repeat(starts, np.diff(np.concatenate([starts, [g.size]])))
    mask = np.zeros(g.size, dtype=bool)
    mask[order] = rank < k
    return mask
