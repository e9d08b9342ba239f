"""Candidate groups scored with the fidelity model, and the margin against rivals.

A candidate is judged by ``quality.fidelity`` exactly as an aligned bead is: coverage both
ways, length against the usual ratio, numbers, names and dates. That model was fit to tell a
faithful bead from a damaged one (a number changed, a clause cut off); it was never shown two
unrelated sentences, and gives 0.8 to a pair of which a tenth of the words match, because
nothing in them *contradicts* a translation. Mining asks another question, so the fidelity's
log-odds is one feature of a small logistic model (``MINE_COEF``) with the coverage both ways,
fit on comparable pairs of the tuning seeds (``benchmarks/mining.py --fit``).

That alone does not tell a translation from a sentence on the same topic that shares its
names and terms; the margin does, as in LASER's bitext mining: a pair's score is its mining
probability minus a share of the best probability of a *rival* (another candidate of one of
its sentences whose other side does not overlap it). A sentence with one clear partner keeps
its score; one that three sentences explain almost as well is ambiguous and drops.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from align.evidence.lexicon import Lexicon
from align.quality.bead_evidence import Evidence, bead_evidence
from align.quality.fidelity import bead_score, probability
from align.types import Sentence

#: Length z past which a candidate is also tried with a neighbour added to its short side.
GROW_Z = 1.0


#: Features and coefficients of the mining probability (first: intercept). Fit by
#: ``benchmarks/mining.py --fit`` (IRLS, L2 1.0) on the 1-1 candidates of the tuning seeds
#: (1, 2, 3; easy and hard variants): a candidate is positive when it is a gold pair.
MINE_FEATURES = ("intercept", "fidelity_logit", "cov_en", "cov_ar", "cov_min")
MINE_COEF = (-7.6312, 0.5792, 7.4275, 2.7912, 5.3673)


def mine_features(fidelity: float, ev: Evidence) -> list[float]:
    """The feature vector of ``MINE_FEATURES``; the log-odds is clipped at 1e-4."""
    f = min(max(fidelity, 1e-4), 1.0 - 1e-4)
    cov_en, cov_ar = ev.en.coverage, ev.ar.coverage
    return [1.0, math.log(f / (1.0 - f)), cov_en, cov_ar, min(cov_en, cov_ar)]


def mine_probability(fidelity: float, ev: Evidence,
                     coef: Sequence[float] | None = None) -> float:
    """How likely a candidate is a translation pair; 0 when the fidelity is 0 (untranslated)."""
    if fidelity <= 0.0:
        return 0.0
    return probability(mine_features(fidelity, ev), MINE_COEF if coef is None else coef)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored candidate group (``en``/``ar`` sentence indexes, adjacent): its fidelity,
    its mining probability ``p`` and the evidence both were read from."""

    en: tuple[int, ...]
    ar: tuple[int, ...]
    fidelity: float
    evidence: Evidence
    p: float


def _text(sents: tuple[Sentence, ...], idx: tuple[int, ...]) -> str:
    return " ".join(sents[i].text for i in idx)


@dataclass(frozen=True, slots=True)
class Scorer:
    """Scores groups of one document pair, each group once (``cache``)."""

    en_sents: tuple[Sentence, ...]
    ar_sents: tuple[Sentence, ...]
    lexicon: Lexicon
    mu: float
    cache: dict[tuple[tuple[int, ...], tuple[int, ...]], Candidate]

    def score(self, en: tuple[int, ...], ar: tuple[int, ...]) -> Candidate:
        got = self.cache.get((en, ar))
        if got is None:
            ev = bead_evidence(_text(self.en_sents, en), _text(self.ar_sents, ar),
                               self.lexicon, self.mu)
            fid = bead_score(ev)
            got = self.cache[en, ar] = Candidate(en, ar, fid, ev, mine_probability(fid, ev))
        return got


def grown(c: Candidate, n_en: int, n_ar: int, groups: Iterable[tuple[int, int]]
          ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The 1-2/2-1 groups worth trying around a 1-1 candidate: a neighbour added to the side
    that is too short for the other (length ``z`` beyond ``GROW_Z``).

    >>> from align.quality.bead_evidence import Evidence, Side
    >>> s = Side(1, 1, 0, 1)
    >>> c = Candidate((3,), (5,), 0.5, Evidence(s, s, -2.0, 0.5, "", ""), 0.5)
    >>> grown(c, 10, 10, [(1, 2)])
    [((3,), (4, 5)), ((3,), (5, 6))]
    """
    (e,), (a,) = c.en, c.ar
    shapes = set(groups)
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    if c.evidence.len_z < -GROW_Z and (1, 2) in shapes:
        out += [((e,), (b, b + 1)) for b in (a - 1, a) if b >= 0 and b + 1 < n_ar]
    if c.evidence.len_z > GROW_Z and (2, 1) in shapes:
        out += [((f, f + 1), (a,)) for f in (e - 1, e) if f >= 0 and f + 1 < n_en]
    return out


def rivals(cands: list[Candidate]) -> list[float]:
    """For each candidate, the best probability ``p`` of another candidate that shares a sentence
    with it on one side and none on the other (its competitor for that sentence)."""
    by_en: dict[int, list[Candidate]] = defaultdict(list)
    by_ar: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        for i in c.en:
            by_en[i].append(c)
        for j in c.ar:
            by_ar[j].append(c)
    out: list[float] = []
    for c in cands:
        best = 0.0
        for i in c.en:
            for o in by_en[i]:
                if o.p > best and set(o.ar).isdisjoint(c.ar):
                    best = o.p
        for j in c.ar:
            for o in by_ar[j]:
                if o.p > best and set(o.en).isdisjoint(c.en):
                    best = o.p
        out.append(best)
    return out
