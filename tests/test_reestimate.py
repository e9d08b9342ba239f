"""Per-document re-estimation (``search.reestimate``) against its formulas, and its use.

The first pass's bead counts become priors shrunk towards the defaults, the 1-1 length
ratios a length model; a document shaped like the defaults is searched once, one that is
not is searched again, and with the new estimates the search finds the beads a literary
text has.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tawazi.align.config import DEFAULT_PRIORS, AlignConfig, CostParams, Priors, ReestimateParams
from tawazi.align.errors import OptionError
from tawazi.align.search.costs import DocStats
from tawazi.align.search.reestimate import bead_priors, length_model, reestimated

BEADS = AlignConfig().beads


def _path(types: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    out = []
    i = j = 0
    for a, b in types:
        out.append((tuple(range(i, i + a)), tuple(range(j, j + b)), 0.0))
        i, j = i + a, j + b
    return out


def test_priors_are_the_counts_shrunk_towards_the_first_pass() -> None:
    types = [(1, 1)] * 14 + [(2, 1)] * 6  # 30% 2-1, as in literary prose
    got = bead_priors(_path(types), BEADS, DEFAULT_PRIORS, 10.0)
    total = sum(DEFAULT_PRIORS[t] for t in BEADS)
    assert got[(2, 1)] == pytest.approx(total * (6 + 10 * DEFAULT_PRIORS[(2, 1)] / total) / 30)
    assert got[(2, 1)] > 3 * DEFAULT_PRIORS[(2, 1)]
    # A type never chosen keeps a share of its prior, never zero.
    assert 0 < got[(5, 1)] < DEFAULT_PRIORS[(5, 1)]
    assert sum(got.values()) == pytest.approx(sum(DEFAULT_PRIORS.values()))
    # Types not searched keep their prior.
    only = bead_priors(_path([(1, 1)] * 5), ((1, 1), (1, 0), (0, 1)), DEFAULT_PRIORS, 10.0)
    assert only[(2, 1)] == DEFAULT_PRIORS[(2, 1)]


def test_the_length_model_is_the_shrunk_mean_and_spread_of_the_one_to_one_beads() -> None:
    p = CostParams()
    len_en = np.array([100.0, 50.0, 80.0, 30.0])
    len_ar = np.array([60.0, 30.0, 50.0, 20.0])
    path = _path([(1, 1), (1, 1), (2, 1), (0, 1)])
    stats = DocStats(mu=-0.2, q_en=0.01, q_ar=0.01)
    mu, sigma = length_model(path, len_en, len_ar, stats, p, 3.0)
    x = np.log((len_ar[[0, 1]] + p.len_smooth) / (len_en[[0, 1]] + p.len_smooth))
    want_mu = (x.sum() + 3.0 * -0.2) / 5
    assert mu == pytest.approx(want_mu)
    # Each pair's deviation in units of its own spread relative to ``len_sigma``: the
    # estimate is of the spread at ``len_ref``, whatever the sentences' lengths.
    scale = np.sqrt(p.len_floor + (1 - p.len_floor) * p.len_ref
                    / (0.5 * (len_en[[0, 1]] + len_ar[[0, 1]]) + p.len_smooth))
    assert sigma == pytest.approx(math.sqrt(((((x - want_mu) / scale) ** 2).sum()
                                             + 3.0 * p.len_sigma ** 2) / 5))
    assert length_model(_path([(2, 1)]), len_en, len_ar, stats, p, 3.0) == (-0.2,
                                                                             p.len_sigma)


def test_a_document_shaped_like_the_priors_is_searched_once() -> None:
    # One spread for every length, so that +-len_sigma below is exactly the assumed spread.
    p = CostParams(priors=Priors({(1, 1): 0.5, (2, 1): 0.25, (1, 2): 0.25}), len_floor=1.0)
    beads = ((1, 1), (2, 1), (1, 2))
    types = [(1, 1)] * 20 + [(2, 1)] * 10 + [(1, 2)] * 10
    n_en = sum(a for a, _ in types)
    n_ar = sum(b for _, b in types)
    len_en = np.full(n_en, 40.0)
    # 1-1 log ratios of +-len_sigma around 0: the spread the priors already assume.
    spread = (40.0 + p.len_smooth) * np.exp(p.len_sigma * np.array([1.0, -1.0]))
    len_ar = np.resize(spread - p.len_smooth, n_ar)
    stats = DocStats(mu=0.0, q_en=0.01, q_ar=0.01)
    rp = ReestimateParams(priors=True)
    assert reestimated(_path(types), beads, len_en, len_ar, stats, p, rp) is None
    skewed = [(1, 1)] * 10 + [(2, 1)] * 30
    got = reestimated(_path(skewed), beads, np.full(70, 40.0), np.full(40, 40.0), stats, p,
                      rp)
    assert got is not None
    params, _ = got
    assert params.priors[(2, 1)] > 0.4  # from 0.25, towards the 75% of the path
    # By default only the length model is re-estimated: the priors stay as they were.
    default = reestimated(_path(skewed), beads, np.full(70, 40.0), np.full(40, 40.0), stats,
                          p, ReestimateParams())
    assert default is not None and default[0].priors == p.priors


def test_invalid_reestimation_options_are_refused() -> None:
    with pytest.raises(OptionError):
        ReestimateParams(prior_weight=0)
    with pytest.raises(OptionError):
        ReestimateParams(length_weight=-1)
    with pytest.raises(OptionError):
        ReestimateParams(passes=-1)


def test_a_second_pass_runs_only_when_the_estimates_move(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """With ``passes=0`` the search never re-estimates; with no threshold it always runs a
    second time; the signature tells the configs apart."""
    from test_align import AR, EN

    import tawazi.align.search.run as run
    from tawazi.align.pipeline import align_sentences
    from tawazi.align.signature import alignment_signature
    from tawazi.align.text.segment import split_text
    from tawazi.align.types import Document

    calls: list[int] = []
    real = run.align_band

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "align_band", counting)
    en_text, ar_text = "\n".join(EN) + "\n", "\n".join(AR) + "\n"
    en_doc, ar_doc = Document(en_text, "en"), Document(ar_text, "ar")
    es, as_ = split_text(en_text, "en"), split_text(ar_text, "ar")
    align_sentences(en_doc, ar_doc, es, as_, AlignConfig(reestimate=ReestimateParams(passes=0)))
    assert len(calls) == 1
    calls.clear()
    align_sentences(en_doc, ar_doc, es, as_,
                    AlignConfig(reestimate=ReestimateParams(min_change=0.0)))
    assert len(calls) == 2
    assert alignment_signature(AlignConfig(), "x") != alignment_signature(
        AlignConfig(reestimate=ReestimateParams(passes=0)), "x")
