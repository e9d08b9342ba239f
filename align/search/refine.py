"""Second look at sentence boundaries the text alone cannot show, using the alignment.

About 6% of Arabic sentences in news text end without a full stop and run on into the next
one on the same line (``... على الممر ولتنفيذ عقوبة الإعدام ...``). The splitter cannot see
those boundaries, but the aligner can: such a sentence ends up facing two English sentences in
a 2-1 bead. Here each such Arabic sentence is tried split at every word gap, and the split is
kept when the two halves make a clearly better pair of beads, under the same cost model as the
search, than the one bead. The same is tried when the search paired the run-on sentence with
one English sentence and left the next one out (a 2-1 bead cost more than leaving it). The
cost is flat across the words between the two translations, so surface cues
(``boundary_cues.py``) place the cut. When many sentences are cut, ``pipeline.align_pair``
searches again. The English side does not need this: English punctuation is reliable.

Not every Arabic sentence facing several English ones lost a stop. Literary, legal and much
news Arabic joins what English writes as separate sentences into one, with ``،``, ``؛`` or
``، و`` between the clauses and a stop at the end; there the 2-1 (3-1 ...) bead is right.
The alignment cost cannot tell the two apart (on news, genuine splits gain 3-9 nats, and so
do splits of such long sentences); the text can. A lost stop leaves no mark at the joint (and
the next clause often opens with a verb, ``وأضاف``, ``كما``), while a writer who chose to go
on marks the joint with clause punctuation. So a cut that falls on the writer's own clause
punctuation, in a sentence that ends with a stop, must clear a much larger margin
(``RefineParams.punct_margin``), and when it is made it goes to that punctuation rather than
a word or two off. No cut is ever made after a connective or preposition, inside an open
quotation, or between two words of one name (``boundary_cues.blocked``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..config import AlignConfig, CostParams
from ..evidence.features import Unit, UnitCache
from ..evidence.lexicon import Lexicon
from ..text.normalize import non_space_length
from ..types import Alignment, Bead, Sentence
from .boundary_cues import (
    blocked,
    clause_punct_gap,
    cue_score,
    ends_punctuated,
    english_names,
)
from .costs import length_llr, sentence_llr


def _keys(units: Sequence[Unit]) -> set[str]:
    return {k for u in units for k in u.keys}


def _covered(units: Sequence[Unit], keys: set[str]) -> float:
    # ``isdisjoint``, not ``intersection``: the same test without building a set per word.
    return float(sum(u.weight for u in units if not keys.isdisjoint(u.keys)))


def _weight(units: Sequence[Unit]) -> float:
    return float(sum(u.weight for u in units))


def bead_cost(
    en_units: Sequence[Sequence[Unit]],
    en_texts: Sequence[str],
    ar_units: Sequence[Unit],
    ar_text: str,
    mu: float,
    params: CostParams,
    q_en: float,
    q_ar: float,
) -> float:
    """The search's cost of one bead (see ``costs.py``), for sentences given as units.

    With the document's own chance rates ``q_en``, ``q_ar`` and length ratio ``mu`` (as
    ``costs.estimate_stats`` gives them) this is the cost grid's value for the same bead.
    Refinement sees only the finished alignment, not the search's estimates, and one bead
    has too few words to estimate them, so it passes the typical rate ``RefineParams.q`` for
    both (hence its costs differ from the grid's by a few hundredths of a nat).
    """
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
                                  np.array(w_ar), q_en, params))
    lex += float(sentence_llr(np.array(_covered(ar_units, en_keys)), np.array(w_ar),
                              np.array(w_en), q_ar, params))
    le = sum(non_space_length(t) for t in en_texts)
    llr_len = float(length_llr(np.array(le), np.array(non_space_length(ar_text)), mu, params))
    return -math.log(prior) - params.w_len * llr_len - params.w_lex * lex


_WORD_START = re.compile(r"(?<=\s)\S")


def _numbers(units: Iterable[Unit]) -> set[str]:
    """The number keys (``#...``) of the units written in digits: a year or a figure is
    an anchor, a number word ("one", أحد) too often a pronoun or an idiom."""
    return {k for u in units if u.text[:1].isdigit() for k in u.keys if k[0] == "#"}


def split_candidates(
    en_units: Sequence[Sequence[Unit]],
    en_texts: Sequence[str],
    text: str,
    units: Sequence[Unit],
    mu: float,
    params: CostParams,
    q: float,
) -> list[tuple[int, int, float]]:
    """Every ``(English group size, cut offset in text, gain in nats)`` of splitting one
    Arabic sentence between the English sentences of its bead."""
    whole = bead_cost(en_units, en_texts, units, text, mu, params, q, q)
    # Every word gap is a candidate: the cost is flat across function words, the cues
    # (``boundary_cues.py``) tell a cut before "في" from one after it.
    gaps = [m.start() for m in _WORD_START.finditer(text)]
    out: list[tuple[int, int, float]] = []
    for g in range(1, len(en_units)):
        en_left = _numbers(u for us in en_units[:g] for u in us)
        en_right = _numbers(u for us in en_units[g:] for u in us)
        for cut in gaps:
            left = [u for u in units if u.end <= cut]
            right = [u for u in units if u.start >= cut]
            if len(left) < 2 or len(right) < 2:
                continue
            if (_numbers(left) & en_right) - en_left or (_numbers(right) & en_left) - en_right:
                continue  # a number would face the English sentence that does not hold it
            cost = bead_cost(en_units[:g], en_texts[:g], left, text[:cut], mu, params, q, q)
            cost += bead_cost(en_units[g:], en_texts[g:], right, text[cut:], mu, params, q, q)
            out.append((g, cut, whole - cost))
    return out


@dataclass(frozen=True, slots=True)
class Split:
    """The chosen cut of one Arabic sentence: English group size, offset, gain (nats), and the
    margin the gain must clear for the cut to be kept."""

    group: int
    cut: int
    gain: float
    margin: float


def _best_split(
    en_units: Sequence[Sequence[Unit]],
    en_texts: Sequence[str],
    text: str,
    units: Sequence[Unit],
    mu: float,
    config: AlignConfig,
    stop_ended: bool | None = None,
) -> Split | None:
    """Where to cut one Arabic sentence between the English sentences of its bead, and how
    clearly the cut must pay. ``stop_ended``: whether the sentence this text is a piece of
    ends with a stop (default: whether ``text`` does).

    Cuts no sentence can end at are left out (``boundary_cues.blocked``: after a connective
    or preposition, inside an open quotation, between two words of one transliterated name).
    Among the rest, the gain of the alignment cost is flat across unmatched words, so the
    cuts within ``refine.zone`` nats of the best gain (for the same English grouping) are the
    region where the two translations meet. If that region holds clause punctuation
    (``، ؛ :``), the writer marked the joint and chose to go on with the same sentence; when
    the sentence also ends with a stop it is a well-punctuated long sentence, as literary,
    legal and news Arabic write them (several English sentences joined with ``،`` or
    ``، و``), and a 2-1 bead is often the right answer. The cut is then placed at that
    punctuation and must clear ``refine.punct_margin`` more. A joint with no punctuation in a
    sentence that otherwise keeps its stops is what a lost stop looks like (a run-on): the
    surface cues (``boundary_cues.py``) place the cut and the plain margin applies. In a
    sentence without a final stop (text typed without stops, or a lost final stop) the
    writer's commas say little about where sentences end: the cues alone place the cut and
    the plain margin applies.
    """
    params = config.refine
    en_len = [non_space_length(t) for t in en_texts]
    total = max(1.0, sum(en_len))
    names = english_names(en_texts)
    cands = [(g, cut, gain, gain + cue_score(text, cut, sum(en_len[:g]) / total))
             for g, cut, gain in split_candidates(en_units, en_texts, text, units, mu,
                                                  config.cost, params.q)
             if not blocked(text, cut, names)]
    if not cands:
        return None
    g, cut, gain, _ = max(cands, key=lambda c: c[3])
    if ends_punctuated(text) if stop_ended is None else stop_ended:
        marked = _marked(cands, g, cut, text, params.zone)
        if marked:
            _, cut, gain, _ = max(marked, key=lambda c: c[3])
            return Split(g, cut, gain, params.margin + params.punct_margin)
        if any(_marked(cands, other, -1, text, params.zone)
               for other in {c[0] for c in cands} - {g}):
            # The writer marked another joint of this sentence with clause punctuation: one
            # who joins sentences, and a bare joint beside it ("عاد بعد ساعة وقد اسودّ
            # حذاؤه بالطين، وأخبرنا") may be a join without a comma rather than a lost stop.
            return Split(g, cut, gain, params.margin + params.joiner_margin)
    return Split(g, cut, gain, params.margin)


def _marked(cands: list[tuple[int, int, float, float]], g: int, cut: int, text: str,
            zone: float) -> list[tuple[int, int, float, float]]:
    """The cuts of grouping ``g`` at clause punctuation (``clause_punct_gap``) that are
    ``cut`` or within ``zone`` nats of the grouping's best gain: where the writer marked
    the joint between its English sentences."""
    mine = [c for c in cands if c[0] == g]
    top = max(c[2] for c in mine)
    return [c for c in mine if clause_punct_gap(text, c[1])
            and (c[1] == cut or c[2] >= top - zone)]


def _refine(
    en_idx: tuple[int, ...],
    en_units: list[list[Unit]],
    en_texts: list[str],
    start: int,
    end: int,
    doc_text: str,
    cache: UnitCache,
    mu: float,
    config: AlignConfig,
    extra: float,
    stop_ended: bool | None = None,
) -> list[tuple[tuple[int, ...], int, int]]:
    """Beads ``(English indexes, Arabic start, Arabic end)`` covering one Arabic sentence.

    The pieces of a cut sentence are cut again as needed; whether the sentence ended with a
    stop is decided once, on the whole sentence (``stop_ended``): its left piece never ends
    with one, and would otherwise be cut at its commas with the plain margin, as if the
    writer had typed no stops at all."""
    if len(en_idx) < 2:
        return [(en_idx, start, end)]
    text = doc_text[start:end]
    if stop_ended is None:
        stop_ended = ends_punctuated(text)
    units = cache.units_ar(text)
    best = _best_split(en_units, en_texts, text, units, mu, config, stop_ended)
    if best is None or best.gain < best.margin + extra:
        return [(en_idx, start, end)]
    g, cut = best.group, best.cut
    left_end = start + len(text[:cut].rstrip())
    return _refine(en_idx[:g], en_units[:g], en_texts[:g], start, left_end, doc_text, cache,
                   mu, config, extra, stop_ended) + _refine(
        en_idx[g:], en_units[g:], en_texts[g:], start + cut, end, doc_text, cache, mu,
        config, extra, stop_ended)


def _unaligned_english(al: Alignment, bead: Bead) -> bool:
    """An English sentence left without partner inside the document (not a headline or a
    caption at an edge, and ending like a sentence)."""
    if bead.ar or len(bead.en) != 1:
        return False
    k = bead.en[0]
    if k == 0 or k == len(al.en_sents) - 1:
        return False
    return al.en_sents[k].text.rstrip("\"'\u201d\u2019)]").endswith((".", "!", "?", "\u2026"))


def _group_at(
    al: Alignment, i: int, cache: UnitCache, mu: float, params: CostParams, q: float
) -> tuple[list[Bead], float]:
    """Beads from ``i`` whose one Arabic sentence may hold several English sentences, and the
    extra margin a split must clear beyond the one bead they would make.

    Two cases. A bead of one Arabic sentence and several English ones (the search saw the
    run-on sentence and paired it whole). Or a one-to-one bead next to an English sentence
    the search left alone: the Arabic sentence holds the translations of both, but a 2-1 bead
    cost more than leaving one out. Then the split must beat what the search chose (the
    one-to-one bead plus the unaligned sentence), not the 2-1 bead it did not choose. Only
    inside one English paragraph.
    """
    bead = al.beads[i]
    if len(bead.ar) == 1 and len(bead.en) >= 2:
        return [bead], 0.0
    nxt = al.beads[i + 1] if i + 1 < len(al.beads) else None
    if nxt is None:
        return [], 0.0
    if len(bead.ar) == 1 and len(bead.en) == 1 and _unaligned_english(al, nxt):
        group, pair = [bead, nxt], bead
    elif _unaligned_english(al, bead) and len(nxt.ar) == 1 and len(nxt.en) == 1:
        group, pair = [bead, nxt], nxt
    else:
        return [], 0.0
    en_idx = [k for b in group for k in b.en]
    if len({al.en_sents[k].paragraph for k in en_idx}) > 1:
        # The sentence left out ends one paragraph and the pair opens the next: one Arabic
        # sentence does not hold both (an interview's answer whose last sentence the Arabic
        # dropped, and the next question, "س: لماذا ‖ غادرت لبنان؟").
        return [], 0.0
    sent = al.ar_sents[pair.ar[0]]
    units = cache.units_ar(sent.text)
    en_units = [cache.units_en(al.en_sents[k].text) for k in en_idx]
    en_texts = [al.en_sents[k].text for k in en_idx]
    whole = bead_cost(en_units, en_texts, units, sent.text, mu, params, q, q)
    mine = en_idx.index(pair.en[0])
    chosen = bead_cost([en_units[mine]], [en_texts[mine]], units, sent.text, mu, params, q, q)
    chosen -= math.log(params.priors[(1, 0)])
    return group, max(0.0, whole - chosen)


def split_run_on(al: Alignment, lexicon: Lexicon, config: AlignConfig,
                 units: UnitCache | None = None) -> Alignment:
    """Split Arabic sentences that face several English sentences where the English says a
    sentence ended; every sentence stays in exactly one bead, in order.

    The whole config is taken, not loose numbers, so that the margin and chance rate used
    are the ones the alignment's signature names (``config.refine``, ``config.cost``).
    ``units``: the alignment's unit cache (``pipeline``), which holds its sentences' units."""
    if al.ar_doc.presplit or not al.beads:
        return al
    cache = UnitCache.of(lexicon, units)
    len_en = sum(non_space_length(s.text) for s in al.en_sents)
    len_ar = sum(non_space_length(s.text) for s in al.ar_sents)
    mu = math.log((len_ar + 1.0) / (len_en + 1.0))
    text = al.ar_doc.text
    ar_sents: list[Sentence] = []
    beads: list[Bead] = []
    changed = False
    src = al.beads
    i = 0
    while i < len(src):
        bead = src[i]
        group, extra = _group_at(al, i, cache, mu, config.cost, config.refine.q)
        if group:
            anchor = next(b for b in group if b.ar)
            sent = al.ar_sents[anchor.ar[0]]
            en_idx = tuple(k for b in group for k in b.en)
            en_units = [cache.units_en(al.en_sents[k].text) for k in en_idx]
            en_texts = [al.en_sents[k].text for k in en_idx]
            parts = _refine(en_idx, en_units, en_texts, sent.start, sent.end, text, cache,
                            mu, config, extra)
            if len(parts) > 1:
                changed = True
                for part_en, s, e in parts:
                    beads.append(replace(anchor, en=part_en, ar=(len(ar_sents),)))
                    ar_sents.append(Sentence(s, e, text[s:e], sent.paragraph))
                i += len(group)
                continue
        new_ar = tuple(range(len(ar_sents), len(ar_sents) + len(bead.ar)))
        ar_sents.extend(al.ar_sents[j] for j in bead.ar)
        beads.append(replace(bead, ar=new_ar))
        i += 1
    if not changed:
        return al
    return replace(al, ar_sents=tuple(ar_sents), beads=tuple(beads))
