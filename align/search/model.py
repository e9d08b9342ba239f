"""The search with its document model kept, and the search of one stretch under that model.

Re-alignment (``pipeline.realign``) searches the stretches between a reviewer's fixed beads
again. A stretch searched as if it were a document of its own gets its own length ratio,
chance rates and re-estimated length model, and the bonus one-sided beads get at a
document's edges at its own ends: a correct 2-2 in the middle of a document then reads as
two 1-1 beads. So the whole document is searched once, as ``run.align_sides`` does, and the
cost parameters and statistics of its last pass (``SearchModel``) are kept; a stretch is
then searched with exactly those, and with the edge bonus and paragraph indexes of its
place in the document. Every bead inside a stretch then costs what it costs in the
whole-document search, so the best path of the stretch is the best path of the document
through the stretch's two ends (the DP's optimal substructure).

``search_with_model`` is ``run.search_document`` (the search ``run.align_sides`` runs)
with its last pass's parameters and statistics bundled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..config import AlignConfig, CostParams
from ..evidence.coverage import KeyedSide
from ..evidence.learned import LearnedPairs
from .band import Band, reach_of
from .bound import Bound
from .costs import DocStats, cost_inputs, make_cost_rows
from .dp import Path, align_band
from .run import _null_bonus, matchable_weight, pair_grids, search_document

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class SearchModel:
    """What the last pass of a document's search priced beads with: the cost parameters
    (priors and length model as re-estimated on the document) and the document statistics
    (length ratio, chance coverage rates). Nothing per sentence: refinement cuts sentences
    after the search, so a stretch takes its edge bonus and paragraphs from the sentences
    it is given. ``learned``: the word pairs lexical re-estimation added to the Arabic
    words' keys for that pass (``search.lexre``), which every later step that reads keys
    (refinement, detaching, a stretch searched again) must see too."""

    params: CostParams
    stats: DocStats
    learned: LearnedPairs = field(default_factory=LearnedPairs)
    #: Paragraph anchors that bounded the search (``search.paragraphs``; 0: none).
    anchors: int = 0


def search_with_model(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    band: Band,
    config: AlignConfig,
    paragraphs: tuple[FloatArray, FloatArray] | None = None,
    bound: Bound | None = None,
    eligible: tuple[NDArray[np.bool_], NDArray[np.bool_]] | None = None,
) -> tuple[Path, SearchModel]:
    """``run.search_document``'s path and the model of its last pass."""
    path, params, stats, anchors = search_document(en, ar, len_en, len_ar, band, config,
                                                   paragraphs=paragraphs, bound=bound,
                                                   eligible=eligible)
    return path, SearchModel(params, stats, anchors=anchors)


def search_stretch(
    en: KeyedSide,
    ar: KeyedSide,
    len_en: FloatArray,
    len_ar: FloatArray,
    band: Band,
    config: AlignConfig,
    model: SearchModel,
    at: tuple[int, int],
    after: tuple[int, int],
    whole: tuple[KeyedSide, KeyedSide],
    paragraphs: tuple[FloatArray, FloatArray] | None = None,
    eligible: tuple[NDArray[np.bool_], NDArray[np.bool_]] | None = None,
) -> Path:
    """The lowest-cost path of a stretch of a document, priced by the document's ``model``.

    ``at`` is the number of English and Arabic sentences before the stretch, ``after`` the
    number after it (one-sided beads near the document's edges are cheaper, not those near
    a stretch's); ``paragraphs`` the paragraph indexes of the stretch's sentences when the
    whole document shows paragraphs on both sides (``costs.shared_paragraphs``), else
    ``None``; ``eligible`` the whole document's ``run.edge_eligible`` a side. ``whole``
    holds the whole document's words a side (keyed with the same
    ``Vocabulary`` as ``en`` and ``ar``; one pseudo-sentence each is enough): a word weighs
    less when it matches nothing anywhere on the other side of the document
    (``run.matchable_weight``), not of the stretch. The path's indexes are the stretch's
    own, from 0.

    No re-estimation: the model already is the document's re-estimated one, and a stretch
    is too short to estimate anything better."""
    (e0, a0), n, m = at, en.n_sents, ar.n_sents
    grids = pair_grids(en, ar, band, reach_of(config.beads))
    unmatched = model.params.unmatched_weight
    w_en = matchable_weight(en, whole[1], unmatched)
    w_ar = matchable_weight(ar, whole[0], unmatched)
    bonus_en = _null_bonus(e0 + n + after[0], config,
                           eligible[0] if eligible else None)[e0 : e0 + n]
    bonus_ar = _null_bonus(a0 + m + after[1], config,
                           eligible[1] if eligible else None)[a0 : a0 + m]
    inp = cost_inputs(band, grids, w_en, w_ar, len_en, len_ar, model.stats, model.params,
                      bonus_en, bonus_ar, paragraphs)
    return align_band(band, make_cost_rows(inp), config.beads)


__all__ = ["SearchModel", "search_stretch", "search_with_model"]
