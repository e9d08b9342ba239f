"""From two documents to an alignment: split, compute features, band, costs, search."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from align.band import Band, anchored_center, band_around, full_band
from align.config import AlignConfig
from align.costs import PairGrids, estimate_stats, make_cost_grid, pair_band
from align.coverage import KeyedSide, coverage_pairs
from align.dp import align_band
from align.features import Unit, Vocabulary, keyed_side, units_ar, units_en
from align.lexicon import Lexicon, load_lexicon
from align.segment import split_document
from align.types import Alignment, Bead, Document, Sentence

FloatArray = NDArray[np.float64]


def _lengths(sents: tuple[Sentence, ...]) -> FloatArray:
    """Sentence lengths in non-space characters (spacing conventions differ by script)."""
    return np.array([sum(1 for ch in s.text if not ch.isspace()) for s in sents], dtype=float)


def _anchor_pairs(en: KeyedSide, ar: KeyedSide) -> tuple[NDArray[np.int64], FloatArray]:
    """Sentence pairs sharing a key that is rare on both sides (numbers, names, rare words)."""
    ke, ka = en.sent_key_key, ar.sent_key_key
    df_e = np.bincount(ke, minlength=max(int(ke.max(initial=0)), int(ka.max(initial=0))) + 1)
    df_a = np.bincount(ka, minlength=len(df_e))
    df_e = np.pad(df_e, (0, max(0, len(df_a) - len(df_e))))
    rare = (df_e >= 1) & (df_e <= 2) & (df_a >= 1) & (df_a <= 2)
    se = en.sent_key_sent[rare[ke]]
    ke_r = ke[rare[ke]]
    sa = ar.sent_key_sent[rare[ka]]
    ka_r = ka[rare[ka]]
    order = np.argsort(ka_r, kind="stable")
    ka_r, sa = ka_r[order], sa[order]
    left = np.searchsorted(ka_r, ke_r, "left")
    right = np.searchsorted(ka_r, ke_r, "right")
    counts = right - left
    total = int(counts.sum())
    if total == 0:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    ei = np.repeat(se, counts)
    aj = sa[np.repeat(left - (np.cumsum(counts) - counts), counts) + np.arange(total)]
    code = ei * (ar.n_sents + 1) + aj
    uniq, cnt = np.unique(code, return_counts=True)
    pairs = np.stack([uniq // (ar.n_sents + 1), uniq % (ar.n_sents + 1)], axis=1)
    return pairs.astype(np.int64), cnt.astype(float)


def choose_band(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    config: AlignConfig,
) -> Band:
    """The whole matrix for small documents, a band around an anchored path otherwise."""
    n, m = en.n_sents, ar.n_sents
    if (n + 1) * (m + 1) <= config.full_cells:
        return full_band(n, m)
    pairs, weights = _anchor_pairs(en, ar)
    en_cum = np.concatenate([[0.0], np.cumsum(len_en)])
    ar_cum = np.concatenate([[0.0], np.cumsum(len_ar)])
    center = anchored_center(
        n, m, en_cum, ar_cum, pairs, weights, max_offset=max(50.0, 0.1 * max(n, m))
    )
    return band_around(center, config.half_width, n, m)


def pair_grids(en: KeyedSide, ar: KeyedSide, band: Band, spans: int = 3) -> PairGrids:
    """Coverage of every sentence pair (and run of up to ``spans`` sentences on the other
    side) that a bead inside ``band`` can use."""
    n, m = band.n, band.m
    plo, phi = pair_band(band)
    width = max(int((phi - plo).max()) if n else 1, 1)
    cov_en = np.zeros((spans, max(n, 1), width))
    cov_ar = np.zeros((spans, max(n, 1), width))
    if n and m:
        for s, (x, y, w) in enumerate(coverage_pairs(en, ar, plo, phi, spans)):
            k = y - plo[x]
            ok = (k >= 0) & (k < width)
            cov_en[s, x[ok], k[ok]] = w[ok]
        # Arabic sentence j pairs with English rows whose Arabic range holds it.
        ar_lo = np.searchsorted(phi, np.arange(m), "right").astype(np.int64)
        ar_hi = np.searchsorted(plo, np.arange(m), "right").astype(np.int64)
        ar_lo = np.maximum(ar_lo - spans, 0)
        for s, (y2, x2, w2) in enumerate(coverage_pairs(ar, en, ar_lo, ar_hi, spans)):
            k = y2 - plo[np.minimum(x2, n - 1)]
            ok = (k >= 0) & (k < width) & (x2 < n)
            cov_ar[s, x2[ok], k[ok]] = w2[ok]
    return PairGrids(plo, width, cov_en, cov_ar)


def _null_bonus(n: int, config: AlignConfig) -> FloatArray:
    bonus = np.zeros(n)
    span = min(config.cost.edge_span, n)
    bonus[:span] = config.cost.edge_bonus
    bonus[max(0, n - span) :] = config.cost.edge_bonus
    return bonus


def align_sentences(
    en_doc: Document,
    ar_doc: Document,
    en_sents: tuple[Sentence, ...],
    ar_sents: tuple[Sentence, ...],
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
) -> Alignment:
    """Align already split sentences (see ``align_pair``)."""
    config = config or AlignConfig()
    lexicon = lexicon or load_lexicon()
    signature = config.signature(lexicon.sha)
    n, m = len(en_sents), len(ar_sents)
    if n == 0 or m == 0:
        beads = tuple(Bead((i,), ()) for i in range(n)) + tuple(Bead((), (j,)) for j in range(m))
        return Alignment(en_doc, ar_doc, en_sents, ar_sents, beads, signature)
    en_units: list[list[Unit]] = [units_en(s.text) for s in en_sents]
    ar_units: list[list[Unit]] = [units_ar(s.text, lexicon) for s in ar_sents]
    vocab = Vocabulary()
    en_side = keyed_side(en_units, vocab)
    ar_side = keyed_side(ar_units, vocab)
    len_en, len_ar = _lengths(en_sents), _lengths(ar_sents)
    band = choose_band(en_side, ar_side, len_en, len_ar, config)
    grids = pair_grids(en_side, ar_side, band)
    w_en, w_ar = en_side.sentence_weight(), ar_side.sentence_weight()
    stats = estimate_stats(grids, w_en, w_ar, len_en, len_ar)
    cost_grid = make_cost_grid(
        band, grids, w_en, w_ar, len_en, len_ar, stats, config.cost,
        _null_bonus(n, config), _null_bonus(m, config),
    )
    path = align_band(band, cost_grid, config.beads)
    beads = tuple(Bead(e, a, cost=c) for e, a, c in path)
    return Alignment(en_doc, ar_doc, en_sents, ar_sents, beads, signature)


def align_pair(
    en_doc: Document,
    ar_doc: Document,
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
) -> Alignment:
    """Split both documents into sentences and align them.

    Every sentence of both sides ends up in exactly one bead, in order.
    """
    return align_sentences(
        en_doc, ar_doc, split_document(en_doc), split_document(ar_doc), config, lexicon
    )


def recheck(al: Alignment, config: AlignConfig | None = None) -> Alignment:
    """An existing alignment (a TMX or TSV translation memory) kept as it is, with this
    run's signature, for review or re-export; its beads are not moved."""
    config = config or AlignConfig()
    lexicon = load_lexicon()
    return Alignment(
        al.en_doc, al.ar_doc, al.en_sents, al.ar_sents, al.beads,
        config.signature(lexicon.sha), dict(al.meta),
    )
