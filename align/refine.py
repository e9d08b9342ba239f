"""Second look at sentence boundaries the text alone cannot show, using the alignment.

About 6% of Arabic sentences in news text end without a full stop and run on into the next
one on the same line (``... على الممر ولتنفيذ عقوبة الإعدام ...``). The splitter cannot see
those boundaries, but the aligner can: such a sentence ends up facing two English sentences in
a 2-1 bead. Here each such Arabic sentence is tried split at every word gap, and the split is
kept when the two halves make a clearly better pair of beads, under the same cost model as the
search, than the one bead. The English side does not need this: English punctuation is
reliable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from align.costs import CostParams, length_llr, sentence_llr
from align.features import Unit, units_ar, units_en
from align.lexicon import Lexicon
from align.types import Alignment, Bead, Sentence

#: Chance that a word has a match in one unrelated word of the other language (the DP
#: estimates it per document; on the bench it is 0.006-0.009).
_Q = 0.008
#: Required improvement (nats) before a sentence is split: a false split costs a boundary.
MARGIN = 3.0


def _solid(text: str) -> float:
    return float(sum(1 for ch in text if not ch.isspace()))


def _keys(units: Sequence[Unit]) -> set[str]:
    return {k for u in units for k in u.keys}


def _covered(units: Sequence[Unit], keys: set[str]) -> float:
    return float(sum(u.weight for u in units if keys.intersection(u.keys)))


def _weight(units: Sequence[Unit]) -> float:
    return float(sum(u.weight for u in units))


def bead_cost(
    en_units: Sequence[Sequence[Unit]],
    en_texts: Sequence[str],
    ar_units: Sequence[Unit],
    ar_text: str,
    mu: float,
    params: CostParams,
) -> float:
    """The search's cost of one bead (see ``costs.py``), for sentences given as units."""
    a = len(en_units)
    prior = params.priors.get((a, 1))
    if prior is None:
        return math.inf
    ar_keys = _keys(ar_units)
    en_keys = set().union(*(_keys(u) for u in en_units))
    w_ar = _weight(ar_units)
    w_en = sum(_weight(u) for u in en_units)
    lex = 0.0
    for units in en_units:
        lex += float(sentence_llr(np.array(_covered(units, ar_keys)), np.array(_weight(units)),
                                  np.array(w_ar), _Q, params))
    lex += float(sentence_llr(np.array(_covered(ar_units, en_keys)), np.array(w_ar),
                              np.array(w_en), _Q, params))
    le = sum(_solid(t) for t in en_texts)
    llr_len = float(length_llr(np.array(le), np.array(_solid(ar_text)), mu, params))
    return -math.log(prior) - params.w_len * llr_len - params.w_lex * lex


#: Words that often open an Arabic sentence (normalised); a word with the conjunction و or ف
#: does too. Used only to choose where to cut, not whether to.
_OPENERS = frozenset("في هل ان كما لكن ثم عند منذ بعد قبل لقد قد هذا هذه هناك يجب".split())
OPENER_BONUS = 1.5


def _opens_sentence(rest: str) -> bool:
    from align.normalize import normalize_ar

    first = rest.split(maxsplit=1)[0] if rest.split() else ""
    norm = normalize_ar(first.strip("\"'“”«»("))
    return norm in _OPENERS or (len(norm) >= 3 and norm[0] in "وف")


def _gap_after(text: str, pos: int) -> int | None:
    """Start of the first word after the white space that follows ``pos``."""
    sp = text.find(" ", pos)
    if sp < 0:
        return None
    while sp < len(text) and text[sp] == " ":
        sp += 1
    return sp if sp < len(text) else None


def _best_split(
    en_units: Sequence[Sequence[Unit]],
    en_texts: Sequence[str],
    text: str,
    units: Sequence[Unit],
    mu: float,
    params: CostParams,
) -> tuple[int, int, float] | None:
    """``(English group size, split offset in text, gain in nats)`` of the best split of one
    Arabic sentence between the English sentences of its bead, or ``None``."""
    whole = bead_cost(en_units, en_texts, units, text, mu, params)
    # Cut at the first gap after a content word: the function words between two content
    # words change no cost, and Arabic sentences start with them (في، هل، وقد) far more
    # often than they end with them.
    gaps = sorted({g for u in units if (g := _gap_after(text, u.end)) is not None})
    best: tuple[int, int, float] | None = None
    best_rank = -math.inf
    for g in range(1, len(en_units)):
        for cut in gaps:
            left = [u for u in units if u.end <= cut]
            right = [u for u in units if u.start >= cut]
            if len(left) < 2 or len(right) < 2:
                continue
            cost = bead_cost(en_units[:g], en_texts[:g], left, text[:cut], mu, params)
            cost += bead_cost(en_units[g:], en_texts[g:], right, text[cut:], mu, params)
            gain = whole - cost
            rank = gain + (OPENER_BONUS if _opens_sentence(text[cut:]) else 0.0)
            if best is None or rank > best_rank:
                best, best_rank = (g, cut, gain), rank
    return best


def _refine(
    en_idx: tuple[int, ...],
    en_units: list[list[Unit]],
    en_texts: list[str],
    start: int,
    end: int,
    doc_text: str,
    lexicon: Lexicon,
    mu: float,
    params: CostParams,
    margin: float,
) -> list[tuple[tuple[int, ...], int, int]]:
    """Beads ``(English indexes, Arabic start, Arabic end)`` covering one Arabic sentence."""
    if len(en_idx) < 2:
        return [(en_idx, start, end)]
    text = doc_text[start:end]
    units = units_ar(text, lexicon)
    best = _best_split(en_units, en_texts, text, units, mu, params)
    if best is None or best[2] < margin:
        return [(en_idx, start, end)]
    g, cut, _ = best
    left_end = start + len(text[:cut].rstrip())
    return _refine(en_idx[:g], en_units[:g], en_texts[:g], start, left_end, doc_text, lexicon,
                   mu, params, margin) + _refine(
        en_idx[g:], en_units[g:], en_texts[g:], start + cut, end, doc_text, lexicon, mu,
        params, margin)


def split_run_on(
    al: Alignment, lexicon: Lexicon, params: CostParams, margin: float = MARGIN
) -> Alignment:
    """Split Arabic sentences that face several English sentences where the English says a
    sentence ended; every sentence stays in exactly one bead, in order."""
    if al.ar_doc.presplit or not al.beads:
        return al
    len_en = sum(_solid(s.text) for s in al.en_sents)
    len_ar = sum(_solid(s.text) for s in al.ar_sents)
    mu = math.log((len_ar + 1.0) / (len_en + 1.0))
    text = al.ar_doc.text
    ar_sents: list[Sentence] = []
    beads: list[Bead] = []
    changed = False
    for bead in al.beads:
        if len(bead.ar) == 1 and len(bead.en) >= 2:
            sent = al.ar_sents[bead.ar[0]]
            en_units = [units_en(al.en_sents[i].text) for i in bead.en]
            en_texts = [al.en_sents[i].text for i in bead.en]
            parts = _refine(bead.en, en_units, en_texts, sent.start, sent.end, text, lexicon,
                            mu, params, margin)
            if len(parts) > 1:
                changed = True
                for en_idx, s, e in parts:
                    beads.append(replace(bead, en=en_idx, ar=(len(ar_sents),)))
                    ar_sents.append(Sentence(s, e, text[s:e], sent.paragraph))
                continue
        new_ar = tuple(range(len(ar_sents), len(ar_sents) + len(bead.ar)))
        ar_sents.extend(al.ar_sents[j] for j in bead.ar)
        beads.append(replace(bead, ar=new_ar))
    if not changed:
        return al
    return replace(al, ar_sents=tuple(ar_sents), beads=tuple(beads))
