"""Omissions: a sentence whose translation was dropped must come out as a 1-0 or 0-1 bead,
not be absorbed into a neighbouring bead.

The search scores each sentence of a bead by the share of its words matched anywhere on the
bead's other side. That is right for a sentence that is translated there, and wrong for one
that is not but shares its topic with the bead: a sentence whose translation was left out
next to one that was translated ("The WHO said ..." beside "The WHO added ...") finds its
words matched, by the words of its neighbour's translation. In a 2-1 bead the Arabic words
its words meet are the very words the other English sentence already explains, so the
sentence adds nothing; the search still counts it as translated (on the bench's hard sets
the median such sentence scores +0.7 nats of lexical evidence, a translated one +4.1), and
the one-sided bead it should have been loses by a nat or two.

So after the search, each sentence at the edge of a bead's longer side (the first or the
last of two or more) is asked what it adds: its words are counted as matched only when
they meet a word of the other side that none of its bead-mates' words meets (its
*exclusive* coverage). A sentence whose translation is in the bead keeps most of its
matches (median share 0.64 on the hard sets' gold beads, against 0 for absorbed
sentences). The bead is re-priced with that sentence's term from its exclusive share, under
the search's own model (``SearchModel``: priors, length model, chance rates), and the
sentence is detached as a one-sided bead when the bead without it plus the one-sided bead
cost less (by ``DetachParams.margin``). Only edge sentences can leave a bead: the beads
stay monotone. This runs as a step after the search (and refinement) because the exclusive
share of a sentence depends on its bead-mates, which the DP's per-sentence terms, shared by
every bead size, cannot see.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from itertools import chain
from operator import itemgetter

import numpy as np
from numpy.typing import NDArray

from ..config import AlignConfig, CostParams, IsnadParams
from ..evidence.features import Unit, UnitCache
from ..text.isnad import abridged_length, mostly_chain
from ..text.normalize import non_space_length
from ..types import Alignment, Bead
from .costs import DocStats, length_llr, sentence_llr
from .run import _null_bonus, edge_eligible

FloatArray = NDArray[np.float64]

_keys_of = itemgetter(3)  # ``Unit.keys``


class _Side:
    """One side's words, as the cost model reads them: units, the weight of each unit (a
    unit matching nothing anywhere on the other side weighs ``unmatched_weight``,
    ``run.matchable_weight``), sentence lengths, paragraph marks and edge bonuses.

    Only the sentences of beads with two or more sentences on a side are ever priced, and
    each such bead several times (with and without each edge sentence), so a sentence's
    weights, total, key set and length are made when first asked for, once.

    With ``isnad`` (the Arabic side), a sentence's length counts a chain of transmission
    at its abridged share (``text.isnad.abridged_length``), as the search does; ``chains``
    are the sentences that are mostly such a chain (``IsnadParams.chain_sentence``), never
    detached (``_try_detach``)."""

    __slots__ = (
        "_keysets",
        "_lengths",
        "_totals",
        "_weights",
        "bonus",
        "chains",
        "isnad",
        "marks",
        "other_keys",
        "texts",
        "units",
        "unmatched",
    )

    def __init__(self, units: list[list[Unit]], texts: list[str], other_keys: set[str],
                 unmatched: float, marks: FloatArray | None, bonus: FloatArray,
                 isnad: IsnadParams | None = None, chains: frozenset[int] = frozenset()
                 ) -> None:
        self.units, self.texts, self.other_keys = units, texts, other_keys
        self.unmatched, self.marks, self.bonus = unmatched, marks, bonus
        self.isnad, self.chains = isnad, chains
        self._weights: dict[int, list[float]] = {}
        self._totals: dict[int, float] = {}
        self._keysets: dict[int, frozenset[str]] = {}
        self._lengths: dict[int, float] = {}

    def weights(self, i: int) -> list[float]:
        got = self._weights.get(i)
        if got is None:
            other, unmatched = self.other_keys, self.unmatched
            got = self._weights[i] = [
                u.weight * (1.0 if not other.isdisjoint(u.keys) else unmatched)
                for u in self.units[i]]
        return got

    def total(self, i: int) -> float:
        got = self._totals.get(i)
        if got is None:
            got = self._totals[i] = float(sum(self.weights(i)))
        return got

    def length(self, i: int) -> float:
        got = self._lengths.get(i)
        if got is None:
            text = self.texts[i]
            got = self._lengths[i] = (non_space_length(text) if self.isnad is None
                                      else abridged_length(text, self.isnad))
        return got

    def keys(self, idx: Sequence[int]) -> set[str]:
        return set().union(*[self._keyset(i) for i in idx])

    def _keyset(self, i: int) -> frozenset[str]:
        got = self._keysets.get(i)
        if got is None:
            got = self._keysets[i] = frozenset([k for u in self.units[i] for k in u.keys])
        return got

    def covered(self, i: int, keys: set[str]) -> float:
        return float(sum(w for u, w in zip(self.units[i], self.weights(i), strict=True)
                         if not keys.isdisjoint(u.keys)))

    def exclusive(self, i: int, mates: Sequence[int], other: _Side, idx: Sequence[int]
                  ) -> float:
        """Weight of sentence ``i``'s words that a one-to-one word matching with ``other``'s
        sentences ``idx`` adds to the best matching of ``mates`` (same side, same bead).

        Word occurrences, not keys: a word the translation repeats ("the virus" in both
        halves of a 2-1) is there to match once for each sentence that says it. The mates'
        words are matched first; augmenting paths (Kuhn's algorithm) never unmatch a
        matched word, so they stay matched, and what ``i``'s words match on top is what
        ``i`` adds."""
        where: dict[str, list[int]] = {}
        targets = [u for j in idx for u in other.units[j]]
        for t, u in enumerate(targets):
            for k in u.keys:
                where.setdefault(k, []).append(t)

        def edges(u: Unit) -> list[int]:
            return sorted({t for k in u.keys for t in where.get(k, ())})

        words = [edges(u) for m in mates for u in self.units[m]]
        mine = [edges(u) for u in self.units[i]]
        owner = [-1] * len(targets)
        adj = words + mine
        for w in range(len(words)):
            _augment(adj, owner, w)
        return float(sum(weight for k, weight in enumerate(self.weights(i))
                         if _augment(adj, owner, len(words) + k)))


def _augment(adj: list[list[int]], owner: list[int], start: int) -> bool:
    """Match word ``start`` along an augmenting path (``owner[t]``: the word target ``t``
    is matched to, -1 if none); iterative, since a long bead's path can be longer than
    Python's recursion allows. Returns whether it found one."""
    if not adj[start]:
        return False
    seen: set[int] = set()
    # Each frame: (word, index of its next edge); ``via[w]`` is the target w would take.
    stack = [(start, 0)]
    via: dict[int, int] = {}
    while stack:
        w, e = stack[-1]
        if e >= len(adj[w]):
            stack.pop()
            continue
        stack[-1] = (w, e + 1)
        t = adj[w][e]
        if t in seen:
            continue
        seen.add(t)
        via[w] = t
        if owner[t] < 0:
            for word, _ in stack:  # flip the path: every word on it takes its target
                owner[via[word]] = word
            return True
        stack.append((owner[t], 0))
    return False


def _breaks(side: _Side, idx: Sequence[int]) -> float:
    if side.marks is None or len(idx) < 2:
        return 0.0
    return float(side.marks[idx[-1]] - side.marks[idx[0]])


class _Pricer:
    """Bead costs under the search's model, as ``costs.two_sided_rows`` and
    ``costs.one_sided_rows`` give them, with one sentence's term optionally taken from its
    exclusive share."""

    def __init__(self, en: _Side, ar: _Side, params: CostParams, stats: DocStats,
                 para: bool) -> None:
        self.en, self.ar, self.params, self.stats, self.para = en, ar, params, stats, para

    def _terms(self, side: _Side, idx: Sequence[int], covs: list[float], other_total: float,
               q: float) -> list[float]:
        """``sentence_llr`` of the sentences ``idx`` of one side of a bead, in one call:
        the same element-wise operations on the same numbers as one call per sentence."""
        out: list[float] = sentence_llr(np.array(covs), np.array([side.total(i) for i in idx]),
                                        np.array(other_total), q, self.params).tolist()
        return out

    def two_sided(self, e: Sequence[int], a: Sequence[int],
                  exclusive: tuple[str, int] | None = None, *, nothing: bool = False
                  ) -> float:
        """Cost of the bead ``e``-``a``; ``exclusive = (side, i)``: sentence ``i`` of that
        side scored by its exclusive coverage (``_Side.exclusive``), or, with ``nothing``,
        as if none of its words were covered: the most that cost can be (a bead's cost
        does not rise with a sentence's coverage, step by step in floating point too)."""
        p, st = self.params, self.stats
        prior = p.priors.get((len(e), len(a)))
        if prior is None:
            return math.inf
        en, ar = self.en, self.ar
        keys_a, keys_e = ar.keys(a), en.keys(e)
        tot_a = sum(ar.total(j) for j in a)
        tot_e = sum(en.total(i) for i in e)
        cov_e = [(0.0 if nothing else en.exclusive(i, [k for k in e if k != i], ar, a))
                 if exclusive == ("en", i) else en.covered(i, keys_a) for i in e]
        cov_a = [(0.0 if nothing else ar.exclusive(j, [k for k in a if k != j], en, e))
                 if exclusive == ("ar", j) else ar.covered(j, keys_e) for j in a]
        lex = 0.0
        for term in (self._terms(en, e, cov_e, tot_a, st.q_en)
                     + self._terms(ar, a, cov_a, tot_e, st.q_ar)):
            lex += term
        le = float(sum(en.length(i) for i in e))
        la = float(sum(ar.length(j) for j in a))
        llr_len = float(length_llr(np.array(le), np.array(la), st.mu, p))
        breaks = (_breaks(en, e) + _breaks(ar, a)) if self.para else 0.0
        return -math.log(prior) - p.w_len * llr_len - p.w_lex * lex + p.para_cross * breaks

    def one_sided(self, side: str, i: int) -> float:
        key = (1, 0) if side == "en" else (0, 1)
        bonus = (self.en if side == "en" else self.ar).bonus[i]
        return -math.log(self.params.priors[key]) - float(bonus)


def _try_detach(b: Bead, pricer: _Pricer, margin: float) -> list[Bead] | None:
    """The bead with one edge sentence of its longer side(s) detached, or ``None`` when no
    detachment pays; the one detached that gains most."""
    best: tuple[float, list[Bead]] | None = None
    for side in ("en", "ar"):
        idx = b.en if side == "en" else b.ar
        if len(idx) < 2:
            continue
        chains = (pricer.en if side == "en" else pricer.ar).chains
        for pos in (0, len(idx) - 1):
            i = idx[pos]
            if i in chains:
                # A chain of narrators is rendered by a name ("Abu Huraira reported:"), not
                # by words of its own: what it adds to its report's bead cannot be told
                # from exclusive coverage, and leaving it one-sided splits the report.
                continue
            rest = idx[1:] if pos == 0 else idx[:-1]
            e, a = (b.en, b.ar)
            kept = (rest, b.ar) if side == "en" else (b.en, rest)
            split = pricer.two_sided(*kept) + pricer.one_sided(side, i)
            # The exclusive matching is the costly part: skipped when even a sentence
            # covering nothing would not make detaching it pay (or beat the best so far).
            most = pricer.two_sided(e, a, (side, i), nothing=True) - split - margin
            if most <= 0 or (best is not None and most <= best[0]):
                continue
            whole = pricer.two_sided(e, a, (side, i))
            gain = whole - split - margin
            if gain > 0 and (best is None or gain > best[0]):
                null = Bead((i,), ()) if side == "en" else Bead((), (i,))
                rest_bead = replace(b, en=kept[0], ar=kept[1])
                beads = [null, rest_bead] if pos == 0 else [rest_bead, null]
                best = (gain, beads)
    return None if best is None else best[1]


def detach_absorbed(al: Alignment, params: CostParams, stats: DocStats, config: AlignConfig,
                    cache: UnitCache, marks: tuple[FloatArray, FloatArray] | None) -> Alignment:
    """``al`` with every sentence absorbed into a neighbour's bead detached as a one-sided
    bead (see the module docstring); beads stay in order, every sentence in one bead.

    ``params`` and ``stats`` are the model of the search that made ``al``
    (``search.model.SearchModel``); ``marks`` the paragraph marks both sides show
    (``costs.shared_paragraphs``), or ``None``."""
    if not al.beads or not config.detach.enabled:
        return al
    en_units = [cache.units_en(s.text) for s in al.en_sents]
    ar_units = [cache.units_ar_search(s.text, config.isnad) for s in al.ar_sents]
    en_keys = set(chain.from_iterable(map(_keys_of, chain.from_iterable(en_units))))
    ar_keys = set(chain.from_iterable(map(_keys_of, chain.from_iterable(ar_units))))
    w = params.unmatched_weight
    en = _Side(en_units, [s.text for s in al.en_sents], ar_keys, w,
               marks[0] if marks else None,
               _null_bonus(len(al.en_sents), config,
                           edge_eligible(al.en_sents, al.en_doc.text, al.en_doc.presplit)))
    chains = frozenset(j for j, s in enumerate(al.ar_sents)
                       if mostly_chain(s.text, config.isnad))
    ar = _Side(ar_units, [s.text for s in al.ar_sents], en_keys, w,
               marks[1] if marks else None,
               _null_bonus(len(al.ar_sents), config,
                           edge_eligible(al.ar_sents, al.ar_doc.text, al.ar_doc.presplit)),
               config.isnad, chains)
    pricer = _Pricer(en, ar, params, stats, marks is not None)
    out: list[Bead] = []
    changed = False
    todo = list(al.beads)[::-1]
    while todo:
        b = todo.pop()
        got = _try_detach(b, pricer, config.detach.margin) if b.en and b.ar else None
        if got is None:
            out.append(b)
            continue
        changed = True
        # The shrunk bead may have absorbed a sentence at its other edge too.
        todo.extend(got[::-1])
    return replace(al, beads=tuple(out)) if changed else al
