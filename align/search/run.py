"""The search: band selection (coarse-to-fine), pair coverage, costs and the DP.

Small documents are searched exhaustively. Long ones are first aligned at a coarse level —
consecutive sentences grouped into about 300 chunks a side, a monotone path through the
similarity of their key sets — and the fine search then runs in a band around that path, so
time and memory grow linearly with length while the band still follows the translation when
one side drops or adds hundreds of sentences (``search.coarse``: vecalign's coarse-to-fine
idea, two levels deep).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from ..config import AlignConfig, CostParams, IsnadParams
from ..evidence.coverage import KeyedSide, row_offsets, run_coverage, slice_side
from ..text.isnad import abridged_length
from ..text.normalize import non_space_length
from ..types import Sentence
from . import stretch
from .band import REACH, Band, band_around, full_band, reach_of
from .bound import Bound, Segment, segments
from .boundary_cues import ends_with_stop
from .coarse import coarse_center
from .costs import (
    DocStats,
    LexStore,
    PairGrids,
    cost_inputs,
    estimate_stats,
    make_cost_rows,
)
from .dp import align_band
from .reestimate import reestimated
from .stretch import chance_grids, grids_size, stretched_cost_rows

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Path_ = list[tuple[tuple[int, ...], tuple[int, ...], float]]

#: Bytes of lexical scores a search may keep from its first pass for the next
#: (``costs.LexStore``): documents of up to about 3,000 sentences a side; a longer one
#: computes them again rather than hold more memory (lower-case: a speed setting, not
#: part of the model).
lex_store_bytes = 32 << 20


def sentence_lengths(sents: tuple[Sentence, ...], isnad: IsnadParams | None = None
                     ) -> FloatArray:
    """Sentence lengths in non-space characters (spacing conventions differ by script);
    with ``isnad`` (Arabic sentences), a chain of transmission counts only its
    ``length_share`` (``text.isnad.abridged_length``)."""
    if isnad is None:
        return np.array([non_space_length(s.text) for s in sents], dtype=float)
    return np.array([abridged_length(s.text, isnad) for s in sents], dtype=float)


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


def _null_bonus(n: int, config: AlignConfig, eligible: NDArray[np.bool_] | None = None
                ) -> FloatArray:
    """What a one-sided bead of each of ``n`` sentences costs less: ``edge_bonus`` for the
    first and last ``edge_span`` sentences, where headlines, bylines and captions stand, if
    ``eligible`` (``edge_eligible``; default: all)."""
    bonus = np.zeros(n)
    span = min(config.cost.edge_span, n)
    bonus[:span] = config.cost.edge_bonus
    bonus[max(0, n - span) :] = config.cost.edge_bonus
    if eligible is not None:
        bonus[~eligible[:n]] = 0.0
    return bonus


def edge_eligible(sents: Sequence[Sentence], text: str, presplit: bool) -> NDArray[np.bool_]:
    """Which sentences may be a headline, a byline or a caption, the lines a translation
    leaves out at a document's edges: in running text, one that stands alone on its line
    or ends with no stop; a sentence among others of a paragraph is prose, which a
    translation keeps ("Ibuprofen is a painkiller." opening a leaflet was left a 1-0, its
    Arabic joined to the next two). Pre-split input tells nothing: every line may be one."""
    if presplit:
        return np.ones(len(sents), dtype=bool)
    # Line ends found once, neighbours compared: a search or a slice from each sentence
    # would be quadratic in a long line.
    ends = [m.start() for m in re.finditer("\n", text)]
    out = np.zeros(len(sents), dtype=bool)
    for i, s in enumerate(sents):
        k = bisect.bisect_left(ends, s.start)
        line_start = ends[k - 1] + 1 if k else 0
        line_end = ends[k] if k < len(ends) else len(text)
        # Alone: no other sentence on the line (text outside sentences is white space or
        # left out, as clutter is, whole lines).
        alone = ((i == 0 or sents[i - 1].end <= line_start)
                 and (i + 1 == len(sents) or sents[i + 1].start >= line_end))
        out[i] = alone or not ends_with_stop(s.text)
    return out


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


class Searched(NamedTuple):
    """What ``search_document`` returns: the path, the cost parameters and statistics of
    its last pass, and how many paragraph anchors bounded it (0: unbounded)."""

    path: Path_
    params: CostParams
    stats: DocStats
    anchors: int


def search_document(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    band: Band,
    config: AlignConfig,
    params: CostParams | None = None,
    paragraphs: tuple[FloatArray, FloatArray] | None = None,
    bound: Bound | None = None,
    eligible: tuple[NDArray[np.bool_], NDArray[np.bool_]] | None = None,
) -> Searched:
    """Lowest-cost beads of two keyed sides inside ``band`` (a bead crossing a paragraph
    break costs ``para_cross`` per break when ``paragraphs`` gives both sides' paragraph
    indexes, see ``costs.shared_paragraphs``), searched again with priors
    and length model re-estimated on the document (``search.reestimate``) while they move.

    ``eligible``: which sentences of each side may take the edge bonus (``edge_eligible``).

    With ``bound`` (paragraph anchors, ``search.paragraphs``) no bead crosses an anchor:
    the document is cut at anchors into stretches of ``ParagraphParams.segment_rows``
    sentences or more (``bound.segments``), each searched in the band of its own blocks,
    which is narrower than the document's; should the anchors leave no way through (a
    bead of a path pays the bound's penalty), the search runs again without them. The
    document statistics are estimated on ``band`` either way: the chance rate of a word
    match is measured on pairs that are mostly unrelated, which the bounded band's are
    not.

    The band and the coverage grids do not depend on those estimates, so a second search
    costs the costs and the DP only. Returns the path with the cost parameters and document
    statistics of the last pass (re-alignment prices a stretch with them,
    ``search.model``)."""
    params = params or config.cost
    reach = reach_of(config.beads)
    # A long document's coverage grids are made a stretch at a time (``search.stretch``):
    # here only the runs of one sentence, which the chance rates read.
    stretched = grids_size(band, reach) > stretch.grid_bytes
    grids = (chance_grids(en, ar, band, reach) if stretched
             else pair_grids(en, ar, band, reach))
    w_en = matchable_weight(en, ar, params.unmatched_weight)
    w_ar = matchable_weight(ar, en, params.unmatched_weight)
    stats = estimate_stats(grids, w_en, w_ar, len_en, len_ar, params)
    bonus = (_null_bonus(en.n_sents, config, eligible[0] if eligible else None),
             _null_bonus(ar.n_sents, config, eligible[1] if eligible else None))

    store = (LexStore(lex_store_bytes) if config.reestimate.passes
             and LexStore.size(band, config.beads) <= lex_store_bytes else None)

    def whole(p: CostParams, st: DocStats) -> Path_ | None:
        inp = cost_inputs(band, grids, w_en, w_ar, len_en, len_ar, st, p, *bonus, paragraphs)
        rows = (stretched_cost_rows(inp, en, ar, reach) if stretched
                else make_cost_rows(inp, store))
        return align_band(band, rows, config.beads)

    if bound is not None:
        parts = [_Part(seg, pair_grids(slice_side(en, seg.en0, seg.en1),
                                       slice_side(ar, seg.ar0, seg.ar1), seg.band, reach))
                 for seg in segments(band, bound, config.paragraphs.segment_rows)]

        def bounded(p: CostParams, st: DocStats) -> Path_ | None:
            path: Path_ = []
            for part in parts:
                got = part.search(w_en, w_ar, len_en, len_ar, st, p, bonus, paragraphs,
                                  config)
                if got is None:
                    return None
                path += got
            return path

        found = _search_passes(bounded, len_en, len_ar, stats, params, config)
        if found is not None:
            return Searched(*found, bound.anchors)
    found = _search_passes(whole, len_en, len_ar, stats, params, config)
    assert found is not None  # no bound, no penalty
    return Searched(*found, 0)


class _Part(NamedTuple):
    """One stretch of a bounded search (``bound.Segment``) and its coverage grids."""

    seg: Segment
    grids: PairGrids

    def search(self, w_en: FloatArray, w_ar: FloatArray, len_en: FloatArray,
               len_ar: FloatArray, stats: DocStats, params: CostParams,
               bonus: tuple[FloatArray, FloatArray],
               paragraphs: tuple[FloatArray, FloatArray] | None, config: AlignConfig,
               ) -> Path_ | None:
        """The stretch's best path in document indexes; ``None`` when it crosses an
        anchor. Every per-sentence input is the document's, cut to the stretch, and the
        statistics are the document's: a bead costs what it costs in the whole search."""
        seg = self.seg
        e, a = slice(seg.en0, seg.en1), slice(seg.ar0, seg.ar1)
        paras = None if paragraphs is None else (paragraphs[0][e], paragraphs[1][a])
        inp = cost_inputs(seg.band, self.grids, w_en[e], w_ar[a], len_en[e], len_ar[a],
                          stats, params, bonus[0][e], bonus[1][a], paras)
        rows = seg.bound.cost_rows(make_cost_rows(inp), seg.band)
        path = align_band(seg.band, rows, config.beads)
        if any(c >= seg.bound.penalty / 2 for _, _, c in path):
            return None
        return [(tuple(seg.en0 + i for i in ei), tuple(seg.ar0 + j for j in aj), c)
                for ei, aj, c in path]


def _search_passes(
    search: Callable[[CostParams, DocStats], Path_ | None], len_en: FloatArray,
    len_ar: FloatArray, stats: DocStats, params: CostParams, config: AlignConfig,
) -> tuple[Path_, CostParams, DocStats] | None:
    """The search and its re-estimated passes (``search_document``); ``None`` when a
    search gave no path (a bounded one that had to cross an anchor)."""
    path = search(params, stats)
    for _ in range(config.reestimate.passes):
        if path is None:
            return None
        nxt = reestimated(path, config.beads, len_en, len_ar, stats, params, config.reestimate)
        if nxt is None:
            break
        params, stats = nxt
        path = search(params, stats)
    return None if path is None else (path, params, stats)


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
    # The words with a key present: a mask of the side's (word, key) pairs, not a float
    # per pair (eight times the memory, at 100,000 sentences half a GiB).
    ok = np.zeros(len(side.unit_sent), dtype=bool)
    ok[side.pair_unit[present[side.pair_key]]] = True
    out: FloatArray = np.bincount(side.unit_sent,
                                  weights=side.unit_weight * np.where(ok, 1.0, unmatched),
                                  minlength=side.n_sents).astype(np.float64)
    return out
