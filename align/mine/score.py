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

from ..evidence.features import Unit
from ..evidence.lexicon import Lexicon
from ..quality.bead_evidence import Evidence, bead_evidence
from ..quality.fidelity import COEF, FEATURES, bead_score, probability
from ..types import Sentence

#: Length z past which a candidate is also tried with a neighbour added to its short side.
GROW_Z = 1.0


#: Features and coefficients of the mining probability (first: intercept). Fit by
#: ``benchmarks/mining.py --fit`` (IRLS, L2 1.0) on the 1-1 candidates of the tuning seeds
#: (1, 2, 3; easy and hard variants): a candidate is positive when it is a gold pair.
MINE_FEATURES = ("intercept", "fidelity_logit", "cov_en", "cov_ar", "cov_min")
MINE_COEF = (-8.1564, 0.6462, 8.8869, 1.9968, 5.4810)


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


def _covered(units: Sequence[Unit], other: frozenset[str]) -> float:
    """``Side.coverage`` of ``units`` against the other side's keys, as ``bead_evidence``
    computes it (matched weight, one pseudo-word each way)."""
    words = matched = 0.0
    for u in units:
        words += u.weight
        if not other.isdisjoint(u.keys):
            matched += u.weight
    return (matched + 0.5) / (words + 1.0)


def probability_bound(cov_en: float, cov_ar: float) -> float:
    """The highest mining probability a pair of these coverages can reach: every other
    fidelity feature has a negative coefficient and is at least 0, so the fidelity's
    log-odds is at most that of its intercept and coverages. Candidates below ``min_p`` on
    this bound are not scored at all (``Scorer.worth``); the gate loses nothing.

    >>> probability_bound(0.1, 0.1) < 0.02 < probability_bound(0.9, 0.9)
    True
    """
    t = 0.0
    for name, c in zip(FEATURES, COEF, strict=True):
        if name == "intercept":
            t += c
        elif name in ("cov_en", "cov_ar"):
            t += c * (cov_en if name == "cov_en" else cov_ar)
        elif c > 0:  # a refit gave another feature a positive weight: no bound
            return 1.0
    # ``mine_features`` of that fidelity: its log-odds clipped as there.
    logit = min(max(t, _LOGIT_MIN), -_LOGIT_MIN)
    return probability([1.0, logit, cov_en, cov_ar, min(cov_en, cov_ar)], MINE_COEF)


_LOGIT_MIN = math.log(1e-4 / (1 - 1e-4))


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
    #: ``units_en``/``units_ar`` of each sentence, when computed already: a sentence is
    #: scored against several candidates, and its units are most of the cost.
    units: tuple[Sequence[list[Unit]], Sequence[list[Unit]]] | None = None

    def worth(self, e: int, a: int, keys: tuple[Sequence[frozenset[str]],
                                              Sequence[frozenset[str]]], min_p: float) -> bool:
        """Whether the 1-1 candidate ``(e, a)`` can reach ``min_p`` (``probability_bound``
        of its coverages; ``keys``: each sentence's keys)."""
        if self.units is None:
            return True
        cov_en = _covered(self.units[0][e], keys[1][a])
        cov_ar = _covered(self.units[1][a], keys[0][e])
        return probability_bound(cov_en, cov_ar) >= min_p

    def score(self, en: tuple[int, ...], ar: tuple[int, ...]) -> Candidate:
        got = self.cache.get((en, ar))
        if got is None:
            known = None
            if self.units is not None and len(en) == len(ar) == 1:
                known = (self.units[0][en[0]], self.units[1][ar[0]])
            ev = bead_evidence(_text(self.en_sents, en), _text(self.ar_sents, ar),
                               self.lexicon, self.mu, pair_units=known, inner_parts=False)
            fid = bead_score(ev)
            got = self.cache[en, ar] = Candidate(en, ar, fid, ev, mine_probability(fid, ev))
        return got


def grown(c: Candidate, n_en: int, n_ar: int, groups: Iterable[tuple[int, int]]
          ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The 1-2/2-1 groups worth trying around a 1-1 candidate: a neighbour added to the side
    that is too short for the other (length ``z`` beyond ``GROW_Z``).

    >>> from tawazi.align.quality.bead_evidence import Evidence, Side
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


def _best_other(c: Candidate, side: str, index: dict[int, list[Candidate]]) -> float:
    """Best ``p`` among the candidates sharing a sentence of ``side`` with ``c`` and none of
    the other side."""
    mine, theirs = (c.en, c.ar) if side == "en" else (c.ar, c.en)
    best = 0.0
    for i in mine:
        for o in index[i]:
            if o.p > best and set(o.ar if side == "en" else o.en).isdisjoint(theirs):
                best = o.p
    return best


def rivals(cands: list[Candidate]) -> list[float]:
    """For each candidate, the best probability ``p`` of another candidate that shares a
    sentence with it on one side and none on the other (its competitor for that sentence)."""
    by_en: dict[int, list[Candidate]] = defaultdict(list)
    by_ar: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        for i in c.en:
            by_en[i].append(c)
        for j in c.ar:
            by_ar[j].append(c)
    return [max(_best_other(c, "en", by_en), _best_other(c, "ar", by_ar)) for c in cands]
