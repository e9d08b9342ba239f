"""Refinement's ``bead_cost`` is the search's cost of the same bead.

Refinement re-scores beads one at a time from word units and key sets; the search reads them
from vectorised pair grids. Given the same document statistics (``q_en``, ``q_ar``, ``mu``)
the two must agree, or a split would be judged under a different model from the search's.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.config import MAX_SIDE, AlignConfig, RefineParams
from tawazi.align.evidence.features import Unit, Vocabulary, keyed_side, units_ar, units_en
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.search.band import full_band
from tawazi.align.search.costs import CostInputs, cost_inputs, cost_rows, estimate_stats
from tawazi.align.search.refine import bead_cost
from tawazi.align.search.run import _null_bonus, pair_grids, sentence_lengths
from tawazi.align.text.readers import read_bilingual
from tawazi.align.text.segment import split_document
from tawazi.align.types import Sentence

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@lru_cache(maxsize=1)
def _document() -> tuple[
    tuple[Sentence, ...], tuple[Sentence, ...], list[list[Unit]], list[list[Unit]], CostInputs
]:
    en_doc, ar_doc = read_bilingual(next(SEEDS.glob("002_*.txt")))
    en, ar = split_document(en_doc), split_document(ar_doc)
    lexicon = load_lexicon()
    ue = [units_en(s.text) for s in en]
    ua = [units_ar(s.text, lexicon) for s in ar]
    vocab = Vocabulary()
    es, as_ = keyed_side(ue, vocab), keyed_side(ua, vocab)
    config = AlignConfig()
    band = full_band(len(en), len(ar))
    grids = pair_grids(es, as_, band)
    w_en = es.sentence_weight()
    w_ar = as_.sentence_weight()
    len_en, len_ar = sentence_lengths(en), sentence_lengths(ar)
    stats = estimate_stats(grids, w_en, w_ar, len_en, len_ar)
    inp = cost_inputs(band, grids, w_en, w_ar, len_en, len_ar, stats, config.cost,
                      _null_bonus(len(en), config), _null_bonus(len(ar), config))
    return en, ar, ue, ua, inp


@settings(max_examples=150, deadline=None)
@given(st.integers(1, MAX_SIDE), st.floats(0, 1), st.floats(0, 1))
def test_bead_cost_is_the_grid_cost_given_the_same_statistics(a: int, fi: float, fj: float
                                                             ) -> None:
    en, ar, ue, ua, inp = _document()
    n, m = len(en), len(ar)
    i = a + int(fi * (n - a))  # bead of English i - a .. i - 1 ...
    j = 1 + int(fj * (m - 1))  # ... and Arabic j - 1
    grid = float(cost_rows(inp, a, 1, i, i + 1)[0, j])
    stats, params = inp.stats, inp.params
    got = bead_cost(ue[i - a:i], [s.text for s in en[i - a:i]], ua[j - 1], ar[j - 1].text,
                    stats.mu, params, q_en=stats.q_en, q_ar=stats.q_ar)
    assert abs(got - grid) <= 1e-6 * max(1.0, abs(grid))


def test_with_its_default_rate_bead_cost_differs_only_by_the_chance_rate() -> None:
    """Refinement's own default (fixed chance rate) stays what it was: it differs from the
    grid's cost of a real bead, and only through ``q``."""
    en, ar, ue, ua, inp = _document()
    stats, params = inp.stats, inp.params
    q = RefineParams().q
    default = bead_cost(ue[1:2], [en[1].text], ua[1], ar[1].text, stats.mu, params, q, q)
    fixed = bead_cost(ue[1:2], [en[1].text], ua[1], ar[1].text, stats.mu, params,
                      q_en=0.008, q_ar=0.008)
    assert q == 0.008
    assert default == fixed
    if not np.isclose(stats.q_en, 0.008) or not np.isclose(stats.q_ar, 0.008):
        grid = float(cost_rows(inp, 1, 1, 2, 3)[0, 2])
        assert default != grid
