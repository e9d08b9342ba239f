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

Where it pays: only where the lexicon covers the document poorly, at most
``max_coverage`` of the confident beads' word weight matched (news and health texts, which
the lexicon was built for, match about 0.64 of it, the 10th percentile of the bench's
documents 0.53; the Qur'an and hadith collections 0.49, their 90th percentile 0.54; the
bench with half the lexicon's entries dropped 0.47), and only when the learned pairs would
newly match at least ``min_gain`` of that weight. A document the lexicon covers well keeps
its first search and pays for one pass over its confident beads. Otherwise the pairs are
added as keys of the Arabic words (``evidence.learned``) and the document is searched
again in the same band.

Pure functions over the first pass's path and the sentences' units; ``pipeline`` calls them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

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


def _residual(units: Sequence[Unit], other_keys: set[str], ar: bool
              ) -> tuple[set[str], float, float]:
    """Identities of the words of ``units`` that no key of the other side matches, the
    weight of all of ``units`` and that of the matched ones."""
    idents: set[str] = set()
    total = matched = 0.0
    for u in units:
        total += u.weight
        if not other_keys.isdisjoint(u.keys):  # no set built per word
            matched += u.weight
            continue
        ident = ar_unit_identity(u) if ar else en_identity(u)
        if ident is not None:
            idents.add(ident)
    return idents, total, matched


def _keys(units: Sequence[Unit]) -> set[str]:
    return {k for u in units for k in u.keys}


def learn_pairs(path: Path, en_units: Sequence[Sequence[Unit]],
                ar_units: Sequence[Sequence[Unit]], params: LexreParams) -> LearnedPairs:
    """Word pairs learned from the confident beads of ``path`` (``en_units[i]``: the units
    of English sentence ``i``), or none when it would not pay: too few confident beads, a
    lexicon that already matches more than ``params.max_coverage`` of their words, or pairs
    that would newly match less than ``params.min_gain`` of them (see the module's
    docstring)."""
    beads = confident_beads(path, params)
    if len(beads) < params.min_beads:
        return LearnedPairs()
    sides: list[tuple[set[str], set[str]]] = []
    total = matched = 0.0
    for k in beads:
        e_idx, a_idx, _ = path[k]
        eu = [u for i in e_idx for u in en_units[i]]
        au = [u for j in a_idx for u in ar_units[j]]
        es, w_en, m_en = _residual(eu, _keys(au), ar=False)
        as_, w_ar, m_ar = _residual(au, _keys(eu), ar=True)
        total += w_en + w_ar
        matched += m_en + m_ar
        sides.append((es, as_))
    if total <= 0 or matched > params.max_coverage * total:
        return LearnedPairs()
    links = _link(*_counts(sides, params.min_count), len(beads), params)
    if not links:
        return LearnedPairs()
    if _gain(links, sides, beads, path, en_units, ar_units) < params.min_gain * total:
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


def _counts(sides: Sequence[tuple[set[str], set[str]]], floor: int
            ) -> tuple[dict[tuple[str, str], int], Counter[str], Counter[str]]:
    """``c(e, a)`` for the pairs seen in at least ``floor`` beads, and ``c(e)``, ``c(a)``.

    The pairs of every bead (each unmatched English word with each unmatched Arabic one)
    are counted as integer codes in numpy: a long document has hundreds of thousands of
    them, and a Counter of string pairs held about 80 MiB at 20,000 sentences a side."""
    c_en: Counter[str] = Counter()
    c_ar: Counter[str] = Counter()
    en_id: dict[str, int] = {}
    ar_id: dict[str, int] = {}
    e_flat: list[int] = []
    a_flat: list[int] = []
    n_e: list[int] = []
    n_a: list[int] = []
    for es, as_ in sides:
        c_en.update(es)
        c_ar.update(as_)
        e_flat += [en_id.setdefault(e, len(en_id)) for e in sorted(es)]
        a_flat += [ar_id.setdefault(a, len(ar_id)) for a in sorted(as_)]
        n_e.append(len(es))
        n_a.append(len(as_))
    le, la = np.array(n_e, dtype=np.int64), np.array(n_a, dtype=np.int64)
    per = le * la
    total = int(per.sum())
    if total == 0:
        return {}, c_en, c_ar
    # Pair t of bead b is English word t // la[b] and Arabic word t % la[b] of that bead.
    bead = np.repeat(np.arange(len(per)), per)
    t = np.arange(total) - np.repeat(np.cumsum(per) - per, per)
    e_off, a_off = np.cumsum(le) - le, np.cumsum(la) - la
    e_ids = np.array(e_flat, dtype=np.int64)[e_off[bead] + t // la[bead]]
    a_ids = np.array(a_flat, dtype=np.int64)[a_off[bead] + t % la[bead]]
    code = np.sort(e_ids * max(1, len(ar_id)) + a_ids)
    starts = np.flatnonzero(np.concatenate([[True], code[1:] != code[:-1]]))
    counts = np.diff(np.append(starts, code.size))
    keep = counts >= floor
    en_words, ar_words = list(en_id), list(ar_id)
    width = max(1, len(ar_id))
    pairs = {(en_words[int(c) // width], ar_words[int(c) % width]): int(n)
             for c, n in zip(code[starts[keep]], counts[keep], strict=True)}
    return pairs, c_en, c_ar


def _link(c_pair: dict[tuple[str, str], int], c_en: Counter[str], c_ar: Counter[str], n: int,
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
