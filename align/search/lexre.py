"""Lexical re-estimation: word pairs the lexicon lacks, learned from a first search.

Moore (2002) aligns a text once by sentence length, trains IBM Model 1 on the beads that
pass with high probability, and aligns again with the word model. tawazi's first pass
already has a lexicon; what a literary, religious or technical text lacks is the part of its
vocabulary the lexicon does not know ("the Messenger of Allah", "the Fire"), and those
sentences then look half translated. So the first search's confident beads (one-to-one,
cheap, between neighbours that are two-sided and cheap too) are read as a small parallel
corpus of the document itself, and word associations are counted on the words the lexicon
left unmatched inside them: a cheaper and, on a few dozen beads, sturdier statistic than
Model 1's EM. For each English stem ``e`` and Arabic word identity ``a``
(``evidence.learned``), ``c(e, a)`` is the number of confident beads in which both are left
unmatched, and the Dice coefficient ``2 c(e, a) / (c(e) + c(a))`` says how exclusively they
go together; pairs seen at least ``LexreParams.min_count`` times with a Dice of at least
``min_dice`` are linked competitively (best first, each word once: Melamed's competitive
linking, so that a frequent word does not pair with all its neighbours).

Where it pays: only when the learned pairs would match at least ``min_gain`` of the
confident beads' word weight that the lexicon left unmatched... measured as a share of all
their word weight, so that a news text the lexicon covers well (few unmatched words, fewer
pairs) keeps its first search and pays for the counting only. Otherwise the pairs are added
as keys of the Arabic words (``evidence.learned``) and the document is searched again.

Pure functions over the first pass's path and the sentences' units; ``pipeline`` calls them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from ..config import LexreParams
from ..evidence.features import Unit
from ..evidence.learned import LearnedPairs, ar_unit_identity, en_identity
from .dp import Path


def confident_beads(path: Path, params: LexreParams) -> list[int]:
    """Indexes of the path's confident beads: two-sided, of at most ``params.max_side``
    sentences a side, costing at most ``params.max_cost`` nats per sentence of their longer
    side, and (with ``params.neighbours``) whose neighbours are two-sided, so that the bead
    is not next to a place where the first search left a sentence out."""
    def two_sided(k: int) -> bool:
        e, a, _ = path[k]
        return bool(e) and bool(a)

    out: list[int] = []
    for k, (e, a, c) in enumerate(path):
        side = max(len(e), len(a))
        if not e or not a or side > params.max_side or c > params.max_cost * side:
            continue
        if params.neighbours and ((k > 0 and not two_sided(k - 1))
                                  or (k + 1 < len(path) and not two_sided(k + 1))):
            continue
        out.append(k)
    return out


def _residual(units: Sequence[Unit], other_keys: set[str], ar: bool) -> tuple[set[str], float]:
    """Identities of the words of ``units`` that no key of the other side matches, and the
    weight of all of ``units``."""
    idents: set[str] = set()
    total = 0.0
    for u in units:
        total += u.weight
        if other_keys.intersection(u.keys):
            continue
        ident = ar_unit_identity(u) if ar else en_identity(u)
        if ident is not None:
            idents.add(ident)
    return idents, total


def _keys(units: Sequence[Unit]) -> set[str]:
    return {k for u in units for k in u.keys}


def learn_pairs(path: Path, en_units: Sequence[Sequence[Unit]],
                ar_units: Sequence[Sequence[Unit]], params: LexreParams) -> LearnedPairs:
    """Word pairs learned from the confident beads of ``path`` (``en_units[i]``: the units
    of English sentence ``i``), or none when too few beads are confident or the pairs would
    not pay (``params.min_gain``; see the module's docstring)."""
    beads = confident_beads(path, params)
    if len(beads) < params.min_beads:
        return LearnedPairs()
    c_en: Counter[str] = Counter()
    c_ar: Counter[str] = Counter()
    c_pair: Counter[tuple[str, str]] = Counter()
    sides: list[tuple[set[str], set[str]]] = []
    total = 0.0
    for k in beads:
        e_idx, a_idx, _ = path[k]
        eu = [u for i in e_idx for u in en_units[i]]
        au = [u for j in a_idx for u in ar_units[j]]
        es, w_en = _residual(eu, _keys(au), ar=False)
        as_, w_ar = _residual(au, _keys(eu), ar=True)
        total += w_en + w_ar
        c_en.update(es)
        c_ar.update(as_)
        c_pair.update((e, a) for e in es for a in as_)
        sides.append((es, as_))
    links = _link(c_pair, c_en, c_ar, len(beads), params)
    if not links or total <= 0:
        return LearnedPairs()
    gain = _gain(links, sides, beads, path, en_units, ar_units)
    if gain < params.min_gain * total:
        return LearnedPairs()
    return LearnedPairs(tuple(sorted((a, e) for e, a in links)))


def llr(c: int, c_e: int, c_a: int, n: int) -> float:
    """Dunning's log-likelihood ratio (G²) of a 2x2 table: ``c`` beads with both words,
    ``c_e`` and ``c_a`` with each, ``n`` in all; 0 when they co-occur no more than chance
    predicts (only attraction counts).

    Dice alone does not correct for chance: two words each in four beads of five share at
    least three of them whether or not they translate each other (a formula such as "may
    peace be upon him" beside "he said", in every hadith).

    >>> round(llr(3, 3, 3, 30), 1), llr(1, 5, 5, 25)
    (19.5, 0.0)
    """
    if c * n <= c_e * c_a:
        return 0.0
    cells = ((c, c_e, c_a), (c_e - c, c_e, n - c_a), (c_a - c, n - c_e, c_a),
             (n - c_e - c_a + c, n - c_e, n - c_a))
    return 2.0 * sum(k * math.log(k * n / (r * col)) for k, r, col in cells if k > 0)


def _link(c_pair: Counter[tuple[str, str]], c_en: Counter[str], c_ar: Counter[str], n: int,
          params: LexreParams) -> list[tuple[str, str]]:
    """Competitive linking of the candidate pairs, best Dice first (ties: more beads, then
    the words' order, so that the result does not depend on counting order)."""
    cands = []
    for (e, a), c in c_pair.items():
        if c < params.min_count:
            continue
        dice = 2.0 * c / (c_en[e] + c_ar[a])
        if dice >= params.min_dice and llr(c, c_en[e], c_ar[a], n) >= params.min_llr:
            cands.append((-dice, -c, e, a))
    cands.sort()
    used_en: Counter[str] = Counter()
    used_ar: set[str] = set()
    links: list[tuple[str, str]] = []
    for _, _, e, a in cands:
        if a in used_ar or used_en[e] >= params.fanout:
            continue
        used_ar.add(a)
        used_en[e] += 1
        links.append((e, a))
    return links


def _gain(links: list[tuple[str, str]], sides: list[tuple[set[str], set[str]]],
          beads: list[int], path: Path, en_units: Sequence[Sequence[Unit]],
          ar_units: Sequence[Sequence[Unit]]) -> float:
    """Word weight of the confident beads that the learned pairs newly match (the words of
    a linked pair both left unmatched by the lexicon in one bead)."""
    partners: dict[str, set[str]] = {}
    for e, a in links:
        partners.setdefault(e, set()).add(a)
    gain = 0.0
    for k, (es, as_) in zip(beads, sides, strict=True):
        hits = [(e, a) for e in es for a in partners.get(e, ()) if a in as_]
        if not hits:
            continue
        hit_en = {e for e, _ in hits}
        hit_ar = {a for _, a in hits}
        e_idx, a_idx, _ = path[k]
        gain += sum(u.weight for i in e_idx for u in en_units[i] if en_identity(u) in hit_en)
        gain += sum(u.weight for j in a_idx for u in ar_units[j]
                    if ar_unit_identity(u) in hit_ar)
    return gain
