"""Per-document re-estimation of the bead-type priors and the length model (Viterbi).

The first-pass priors (``config.DEFAULT_PRIORS``) are those of news-like translation, where
nine beads in ten are 1-1. A literary translation that runs two English sentences into one
Arabic sentence a third of the time pays ``-log 0.045`` for each of them under those priors
and loses many to 1-1 + 1-0 pairs. So the search runs once, counts the bead types and the
length ratios of its 1-1 beads, and runs again with the estimates: Viterbi re-estimation,
the hard-count form of EM. The counts are shrunk towards the first-pass values by
``ReestimateParams.prior_weight`` (``length_weight``) pseudo-beads, so a short document stays
close to them and a type the first pass never chose keeps a small prior rather than none.

Pure functions over the first pass's path; ``search.run.align_sides`` calls them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from ..config import CostParams, Priors, ReestimateParams
from .costs import DocStats, length_spread
from .dp import Path

FloatArray = NDArray[np.float64]


def bead_priors(path: Path, beads: Sequence[tuple[int, int]], priors: Priors,
                weight: float) -> Priors:
    """``(count(t) + weight * prior(t)) / (beads + weight)`` for each searched type ``t``,
    rescaled to the first-pass priors' total (what the types not searched keep)."""
    counts = Counter((len(e), len(a)) for e, a, _ in path)
    total = sum(priors[t] for t in beads)
    n = sum(counts[t] for t in beads)
    return Priors({
        **{t: p for t, p in priors.items() if t not in beads},
        **{t: total * (counts[t] + weight * priors[t] / total) / (n + weight) for t in beads},
    })


def length_model(path: Path, len_en: FloatArray, len_ar: FloatArray, stats: DocStats,
                 params: CostParams, weight: float) -> tuple[float, float]:
    """``(mu, sigma)`` of the log length ratio of the path's 1-1 beads, shrunk towards the
    first pass's (the ratio of the totals, and ``params.len_sigma``) by ``weight`` beads.

    The 1-1 beads say more than the totals: a side with a block of untranslated lines
    moves the ratio of totals, not that of the pairs."""
    pairs = [(e[0], a[0]) for e, a, _ in path if len(e) == 1 and len(a) == 1]
    if not pairs:
        return stats.mu, params.len_sigma
    i = np.array([p[0] for p in pairs])
    j = np.array([p[1] for p in pairs])
    s = params.len_smooth
    x = np.log((len_ar[j] + s) / (len_en[i] + s))
    # Each pair's deviation in units of the spread at ``len_ref`` (``length_spread``), so
    # the estimate is of ``len_sigma`` whatever the lengths of the document's sentences.
    scale = length_spread(len_en[i], len_ar[j], params) / params.len_sigma
    n = len(x)
    mu = (float(x.sum()) + weight * stats.mu) / (n + weight)
    var = (float((((x - mu) / scale) ** 2).sum()) + weight * params.len_sigma ** 2) / (n + weight)
    return mu, math.sqrt(var)


def reestimated(path: Path, beads: Sequence[tuple[int, int]], len_en: FloatArray,
                len_ar: FloatArray, stats: DocStats, params: CostParams,
                rp: ReestimateParams) -> tuple[CostParams, DocStats] | None:
    """The second pass's cost parameters and statistics, or ``None`` when they are so close
    to the first pass's that a second search would change nothing worth its time.

    Close means: the first pass's beads would cost less than ``rp.min_change`` nats more or
    less each, on average, under the new priors, and the length model moved by less than
    that (its spread by that log ratio, its centre by that many spreads). News-like
    documents then pay for one search only."""
    priors = (bead_priors(path, beads, params.priors, rp.prior_weight) if rp.priors
              else params.priors)
    mu, sigma = length_model(path, len_en, len_ar, stats, params, rp.length_weight)
    counts = Counter((len(e), len(a)) for e, a, _ in path)
    n = max(1, sum(counts.values()))
    change = max(
        sum(c * abs(math.log(priors[t] / params.priors[t])) for t, c in counts.items()
            if t in priors and t in params.priors) / n,
        abs(math.log(sigma / params.len_sigma)),
        abs(mu - stats.mu) / params.len_sigma,
    )
    if change < rp.min_change:
        return None
    return replace(params, priors=priors, len_sigma=sigma), replace(stats, mu=mu)
