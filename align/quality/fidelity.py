"""Reference-free fidelity of aligned beads: a calibrated score in [0, 1] and named flags.

A reviewer wants to know where a translation is unfaithful, not only what matches what. Each
two-sided bead is judged on the evidence of ``bead_evidence.py`` (lexical coverage both ways,
length against the document's own ratio, numbers, names and dates present on one side and
missing on the other, office titles that contradict each other, text left untranslated). The
flags are rules a person can check, each with a one-line explanation; the score is a logistic
regression on the same evidence, so a threshold means something measurable (see ``COEF``).
One-sided and untranslated beads score 0: nothing of them is translated.

Measured on the bench's hard sets (``benchmarks/fidelity.py``): below 0.5 fall 3.9% of the
true beads and 91% of corrupted ones (partner replaced, a neighbouring sentence taken in, a
third cut off, a number changed, a name replaced, untranslated); below 0.8, 12.5% and 96%.
What a translation adds or leaves out by convention (glosses, honorifics, a compiler's
remarks: ``expected``) is no evidence against a bead.

The score is computed for every alignment (``pipeline.align_sentences`` and ``recheck`` call
``score_alignment``), so it must stay cheap: a few dictionary look-ups per word, all cached.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from ..evidence.features import UnitCache
from ..evidence.lexicon import Lexicon, load_lexicon
from ..text.clutter import line_kind
from ..text.normalize import non_space_length, script_of
from ..types import Alignment, Bead, Flag
from .bead_evidence import (
    COVERAGE_REF,
    DocNorms,
    Evidence,
    Mention,
    Parts,
    ar_length,
    bead_evidence,
    document_mu,
    document_norms,
)

#: Flag codes, in the order they are reported.
FLAG_CODES = (
    "omission",
    "addition",
    "number-mismatch",
    "name-mismatch",
    "term-mismatch",
    "negation-mismatch",
    "date-mismatch",
    "length-outlier",
    "low-lexical-coverage",
    "untranslated",
    "clutter",
)

#: Feature names and logistic-regression coefficients (first: intercept). They, the length
#: model of ``bead_evidence`` and the flag thresholds below are hashed into the ``fidelity:``
#: field of every signature (``align.signature``), so a refit changes it. Fit by
#: ``scripts/fit_fidelity.py`` (IRLS, L2 1.0) on the 2,239 true two-sided beads of the
#: bench's ``ntrex_clean`` and ``tico_clean`` sets against corrupted copies of them (seed 1:
#: partner replaced, a neighbouring sentence taken in, a third cut off, a number changed, a
#: name replaced), each corruption kind weighted to a fifth of the true beads' total (the
#: clean sets' beads are 1-1, so ``part_gap`` is learnt from the taken-in sentences alone;
#: the hard sets' true 2-1 beads check it), so that 0.5 is the point where the
#: evidence for "faithful" and for "one of these errors" is even. Untranslated text is a
#: rule, not a feature (score 0). Judged on the ``*_hard`` sets with other corruptions
#: (seed 2) by ``benchmarks/fidelity.py``.
FEATURES = (
    "intercept", "cov_en", "cov_ar", "abs_z", "z2", "numbers_missing", "names_missing",
    "dates_missing", "run_ar", "omission", "addition", "part_gap",
)
COEF = (
    1.9886, 1.5056, 0.7536, -0.5474, -0.2064, -4.2401, -5.9193,
    -1.2166, -1.0659, -1.8740, -0.8483, -5.7103,
)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

# Flag thresholds, set on the true beads of the clean bench sets (false alarms per flag are
# printed by benchmarks/fidelity.py). The length ones are in units of the document's own
# spread (``DocNorms.spread``); the unmatched-run share of ``omission``/``addition`` is
# scaled by how well the lexicon covers the document (``coverage_scale``). Low coverage is
# judged on the bench's scale whatever the document: the verdict counts those flags to tell
# a loose translation from another text (``verdict``), which a document-relative threshold
# would hide; it needs ``_LOW_WORDS`` content words, as a three-word line is often idiomatic.
_Z_OUTLIER = 3.0
_LOW_COVERAGE = 0.25
_LOW_WORDS = 6
_RUN_MIN = 4.0
_RUN_SHARE = 0.35
_RUN_Z = 1.5
#: A sentence of a several-sentence side this much less covered than its side
#: (``Evidence.part_gap``) is named as left out or added, when the bead is doubtful and no
#: unmatched run was named already: a sentence taken in without counterpart gives gaps of
#: 0.3 and more, a translated one of a few hundredths.
_GAP_FLAG = 0.3
#: The lowest ``coverage_scale``: a document the lexicon hardly covers is not a loose
#: translation but another text, whose unmatched runs are not made normal.
_COVERAGE_SCALE_MIN = 0.7
#: The score below which the rules of length and coverage (omission, addition,
#: length-outlier, low-lexical-coverage) are reported: they explain a doubtful score. Above
#: it the bead's other evidence outweighs them (a free but faithful rendering); the rules of
#: numbers, names and terms report a fact a person can check, whatever the score, and so
#: do dates that differ (Thursday against الثلاثاء); a date on one side only (``on Friday``
#: left out) is reported as the other rules are.
_DOUBT_SCORE = 0.5


def features(ev: Evidence) -> list[float]:
    """The feature vector of ``FEATURES`` for one bead's evidence.

    Counts are capped (a sentence with five unmatched numbers is not five times as wrong as
    one with one); ``omission``/``addition`` weigh an unmatched run at one end of a side by
    how much shorter the other side is than usual (a clause cut off).
    """
    en, ar = ev.en, ev.ar
    z = ev.len_z
    num = len(en.unmatched("number")) + len(ar.unmatched("number")) + len(ev.counts)
    names = len(en.unmatched("name")) + len(ev.terms)  # an office, unit or word replaced
    dates = len(en.unmatched("month", "weekday")) + len(ar.unmatched("month", "weekday"))
    return [
        1.0,
        en.coverage,
        ar.coverage,
        min(abs(z), 6.0),
        min(z * z, 36.0),
        float(min(num, 3)),
        float(min(names, 3)),
        float(min(dates, 2)),
        ar.run / (ar.words + 1.0),
        en.edge / (en.words + 1.0) * min(max(-z, 0.0), 4.0),
        ar.edge / (ar.words + 1.0) * min(max(z, 0.0), 4.0),
        ev.part_gap,
    ]


def bead_score(ev: Evidence) -> float:
    """The calibrated score of a two-sided bead; 0 when it is not translated at all."""
    if ev.untranslated:
        return 0.0
    return probability(features(ev))


def probability(x: Sequence[float], coef: Sequence[float] | None = None) -> float:
    """Logistic function of the linear score; ``COEF`` (read at call time, the table the
    signature hashes) unless ``coef`` is given."""
    t = sum(c * v for c, v in zip(COEF if coef is None else coef, x, strict=True))
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    e = math.exp(t)
    return e / (1.0 + e)


def _shown(a: Mention) -> str:
    """A mention as written; an Arabic date with its English name (``الثلاثاء (Tuesday)``)."""
    if a.key.startswith("@") and not a.text.isascii():
        n = int(a.key[2:])
        name = _MONTHS[n - 1] if a.key[1] == "m" else _WEEKDAYS[n]
        return f"{a.text} ({name})"
    return a.text


def _list(mentions: Sequence[Mention]) -> str:
    return ", ".join(_shown(a) for a in mentions)


def _mismatch(what: str, en: list[Mention], ar: list[Mention]) -> str:
    """``151 on the English side has no counterpart; Arabic has 15``."""
    if en:
        verb = "has" if len(en) == 1 else "have"
        tail = f"; Arabic has {_list(ar)}" if ar else ""
        return f"{_list(en)} on the English side {verb} no counterpart{tail}"
    verb = "has" if len(ar) == 1 else "have"
    return f"{_list(ar)} on the Arabic side {verb} no counterpart in the English"


def _quote(text: str, span: tuple[int, int], limit: int = 60) -> str:
    s = text[span[0] : span[1]]
    return s if len(s) <= limit else s[: limit - 1] + "…"


def coverage_scale(norms: DocNorms) -> float:
    """How much lower than the bench's a document's coverage is (1: as usual or better),
    bounded by ``_COVERAGE_SCALE_MIN``."""
    return min(1.0, max(_COVERAGE_SCALE_MIN, norms.coverage / COVERAGE_REF))


def flags_of(ev: Evidence, en_text: str, ar_text: str,
             norms: DocNorms | None = None) -> tuple[Flag, ...]:
    """The named problems of a two-sided bead, each with a short explanation.

    ``norms``: what is usual in the bead's document (``document_norms``; the model's own
    when not given). A length is an outlier beyond ``_Z_OUTLIER`` of the document's spread;
    an unmatched run must stand out from the document's usual coverage to be reported as a
    clause left out or added.

    An untranslated bead gets that flag alone (and ``clutter``): its mentions and length say
    nothing about a translation that is not there.
    """
    if ev.untranslated:
        clutter = (Flag("clutter", ev.clutter),) if ev.clutter else ()
        return (Flag("untranslated", ev.untranslated), *clutter)
    norms = norms or DocNorms()
    doubtful = bead_score(ev) < _DOUBT_SCORE
    scale = coverage_scale(norms)
    run_share = _RUN_SHARE / scale
    run_z = _RUN_Z * norms.spread
    out: list[Flag] = []
    en, ar, z = ev.en, ev.ar, ev.len_z
    if doubtful and en.run >= _RUN_MIN and en.run >= run_share * en.words and z <= -run_z:
        left_out = _quote(en_text, en.run_span)
        out.append(Flag("omission", f"the Arabic seems to leave out “{left_out}”"))
    added = ar.run - ev.acronyms  # an acronym spelled out is no addition
    if doubtful and added >= _RUN_MIN and added >= run_share * ar.words and z >= run_z:
        out.append(Flag("addition", f"the Arabic adds “{_quote(ar_text, ar.run_span)}”"))
    out.extend(_gap_flag(ev, en_text, ar_text, wanted=doubtful and not out))
    out.extend(_fact_flags(ev))
    d_en, d_ar = en.unmatched("month", "weekday"), ar.unmatched("month", "weekday")
    if (d_en and d_ar) or ((d_en or d_ar) and doubtful):
        out.append(Flag("date-mismatch", _mismatch("date", d_en, d_ar)))
    if doubtful and abs(z) > _Z_OUTLIER * norms.spread:
        how = f"{ev.ratio:.1f}× as long as" if ev.ratio > 1 else f"{1 - ev.ratio:.0%} shorter than"
        out.append(Flag("length-outlier", f"the Arabic is {how} usual in this document"))
    if (doubtful and (en.coverage + ar.coverage) / 2 < _LOW_COVERAGE
            and en.words + ar.words >= _LOW_WORDS):
        out.append(Flag(
            "low-lexical-coverage",
            f"only {en.matched:.0f} of {en.words:.0f} English and {ar.matched:.0f} of "
            f"{ar.words:.0f} Arabic content words have a counterpart",
        ))
    if ev.clutter:
        out.append(Flag("clutter", ev.clutter))
    return tuple(out)


def _fact_flags(ev: Evidence) -> list[Flag]:
    """The flags of facts a person can check, raised whatever the score: numbers and
    counts, names, terms (offices, units, opposite words) and a negation left out."""
    out: list[Flag] = []
    en, ar = ev.en, ev.ar
    num_en, num_ar = en.unmatched("number"), ar.unmatched("number")
    if num_en or num_ar or ev.counts:
        counts = "; ".join(f"counts differ: {c}" for c in ev.counts)
        detail = _mismatch("number", num_en, num_ar) if num_en or num_ar else ""
        out.append(Flag("number-mismatch", "; ".join(x for x in (detail, counts) if x)))
    names = en.unmatched("name")
    if names:
        unknown = ", ".join(ar.unknown[:3])
        extra = f"; Arabic words not explained: {unknown}" if unknown else ""
        verb = "has" if len(names) == 1 else "have"
        out.append(Flag("name-mismatch",
                        f"{_list(names)} on the English side {verb} no counterpart{extra}"))
    out.extend(Flag("term-mismatch", t) for t in ev.terms)
    if ev.negation:
        out.append(Flag("negation-mismatch", ev.negation))
    return out


def _gap_flag(ev: Evidence, en_text: str, ar_text: str, *, wanted: bool) -> tuple[Flag, ...]:
    """The sentence of a several-sentence side that the other side barely covers
    (``Evidence.gap_part``, ``_GAP_FLAG``), named as left out or added when ``wanted`` (a
    doubtful bead with no unmatched run named): a bead scored 0.06 with no flag when its
    low score came from that sentence alone."""
    if not wanted or ev.part_gap < _GAP_FLAG or ev.gap_part is None:
        return ()
    side, start, end = ev.gap_part
    if side == "en":
        piece = _quote(en_text, (start, end))
        return (Flag("omission", f"the Arabic seems to leave out “{piece}”"),)
    return (Flag("addition", f"the Arabic adds “{_quote(ar_text, (start, end))}”"),)


def _one_sided(en_text: str, ar_text: str, n: int) -> tuple[Flag, ...]:
    out: list[Flag] = []
    if en_text.strip():
        what = "this English sentence has" if n == 1 else f"these {n} English sentences have"
        out.append(Flag("omission", f"{what} no Arabic counterpart"))
        text = en_text
        if script_of(en_text) == "ar":
            out.append(Flag("untranslated", "the English side is in Arabic script"))
    else:
        what = "this Arabic sentence has" if n == 1 else f"these {n} Arabic sentences have"
        out.append(Flag("addition", f"{what} no English counterpart"))
        text = ar_text
        if script_of(ar_text) == "en":
            out.append(Flag("untranslated", "the Arabic side is in Latin script"))
    kind = line_kind(text.strip())
    if kind:
        out.append(Flag("clutter", f"looks like web-page clutter ({kind})"))
    return tuple(out)


def explain(ev: Evidence) -> str:
    """A few lines for a person: coverage, length, and every mention matched or not."""
    lines = [
        f"coverage: {ev.en.matched:.0f}/{ev.en.words:.0f} English and "
        f"{ev.ar.matched:.0f}/{ev.ar.words:.0f} Arabic content words matched",
        f"length: z = {ev.len_z:+.1f} against this document's Arabic/English ratio",
    ]
    for kind in ("number", "name", "month", "weekday"):
        pairs = [f"{a.text} = {' / '.join(ev.ar.mentions[p].text for p in a.partners)}"
                 for a in ev.en.mentions if a.kind == kind and a.partners]
        lost = [a.text + " (en)" for a in ev.en.unmatched(kind)]
        lost += [a.text + " (ar)" for a in ev.ar.unmatched(kind)]
        if pairs or lost:
            parts = []
            if pairs:
                parts.append("matched " + "; ".join(pairs))
            if lost:
                parts.append("unmatched " + ", ".join(lost))
            lines.append(f"{kind}s: " + "; ".join(parts))
    return "\n".join(lines)


def score_bead(
    en_text: str,
    ar_text: str,
    *,
    lexicon: Lexicon | None = None,
    mu: float | None = None,
    n_sents: int = 1,
    norms: DocNorms | None = None,
) -> tuple[float, tuple[Flag, ...], str]:
    """Score one pair of texts: ``(score, flags, explanation)``.

    ``mu`` is the document's mean log length ratio (``evidence.document_mu``); the bench
    mean (``LEN_MU``) by default; ``norms`` what else is usual in the document
    (``document_norms``), the model's by default. A side that is blank makes a one-sided
    bead (score 0).

    >>> score, flags, _ = score_bead("It cost 2,400 dollars.", "كلف ٢٤٠٠ دولار.")
    >>> [f.code for f in flags], score > 0.5
    ([], True)
    """
    if not en_text.strip() or not ar_text.strip():
        flags = _one_sided(en_text, ar_text, n_sents)
        return 0.0, flags, flags[0].detail
    ev = bead_evidence(en_text, ar_text, lexicon or load_lexicon(), mu)
    return bead_score(ev), flags_of(ev, en_text, ar_text, norms), explain(ev)


def score_pairs(
    pairs: Sequence[tuple[str, str]], lexicon: Lexicon | None = None
) -> list[tuple[float, tuple[Flag, ...]]]:
    """Score many pairs of one document; the length ratio and the flags' norms
    (``document_norms``) are adapted to them all."""
    lex = lexicon or load_lexicon()
    cache = UnitCache(lex)
    mu = document_mu([(non_space_length(e), ar_length(a)) for e, a in pairs
                      if e.strip() and a.strip()])
    evs = [bead_evidence(e, a, lex, mu, cache) if e.strip() and a.strip() else None
           for e, a in pairs]
    norms = document_norms([ev for ev in evs if ev is not None])
    out: list[tuple[float, tuple[Flag, ...]]] = []
    for (en_text, ar_text), ev in zip(pairs, evs, strict=True):
        if ev is None:
            out.append((0.0, _one_sided(en_text, ar_text, 1)))
        else:
            out.append((bead_score(ev), flags_of(ev, en_text, ar_text, norms)))
    return out


#: Key of ``Alignment.meta`` holding the length ratio (``document_mu``) the beads were scored
#: with, as ``repr`` of a float (exact round trip through a session file).
MU_KEY = "fidelity_mu"
#: Key of ``Alignment.meta`` holding the flags' document norms (``document_norms``) as the
#: ``repr`` of its spread and coverage, space-separated.
NORMS_KEY = "fidelity_norms"


def _texts_mu(texts: Sequence[tuple[str, str]]) -> float:
    return document_mu([(non_space_length(e), ar_length(a)) for e, a in texts
                        if e.strip() and a.strip()])


def alignment_mu(al: Alignment) -> float:
    """The document length ratio ``al`` was scored with: the one ``score_alignment`` stored
    in ``al.meta``, else (an alignment scored before it was stored, e.g. a session of an
    earlier version) ``document_mu`` of its two-sided beads, as ``score_alignment`` computes
    it.

    A reviewer's edit must not move it: one unlinked pair changes the median by a hair, and
    a bead is then scored differently from the same pair a minute earlier."""
    stored = al.meta.get(MU_KEY)
    if stored is not None:
        try:
            mu = float(stored)
        except ValueError:
            mu = math.nan
        if math.isfinite(mu):
            return mu
    return _texts_mu([(al.bead_text(b, "en"), al.bead_text(b, "ar")) for b in al.beads])


def _parse_norms(stored: str | None) -> DocNorms | None:
    if stored is None:
        return None
    try:
        spread, coverage = (float(x) for x in stored.split())
    except ValueError:
        return None
    if not (math.isfinite(spread) and math.isfinite(coverage) and spread >= 1.0):
        return None
    return DocNorms(spread, coverage)


def alignment_norms(al: Alignment, lexicon: Lexicon | None = None) -> DocNorms:
    """The flags' document norms ``al`` was scored with (``al.meta[NORMS_KEY]``), else (a
    session of an earlier version) ``document_norms`` of its two-sided beads against
    ``alignment_mu``, as ``score_alignment`` computes them; like the length ratio, an edit
    does not move them."""
    got = _parse_norms(al.meta.get(NORMS_KEY))
    if got is not None:
        return got
    lex = lexicon or load_lexicon()
    mu = alignment_mu(al)
    cache = UnitCache(lex)
    texts = [(al.bead_text(b, "en"), al.bead_text(b, "ar")) for b in al.beads]
    return document_norms([bead_evidence(e, a, lex, mu, cache) for e, a in texts
                           if e.strip() and a.strip()])


def with_mu(al: Alignment, mu: float, norms: DocNorms | None = None) -> Alignment:
    """``al`` with ``mu`` recorded as its scoring length ratio, and ``norms`` as its flags'
    norms when given (a new ``meta`` dict)."""
    meta = {**al.meta, MU_KEY: repr(mu)}
    if norms is not None:
        meta[NORMS_KEY] = f"{norms.spread!r} {norms.coverage!r}"
    if meta == al.meta:
        return al
    return replace(al, meta=meta)


def bead_parts(al: Alignment, bead: Bead) -> Parts:
    """Where the later sentences of each side of ``bead`` start in ``al.bead_text`` (its
    sentences joined by a space); none for an edited side, which is one text."""
    out: list[tuple[int, ...]] = []
    for lang, idx, edit in (("en", bead.en, bead.en_edit), ("ar", bead.ar, bead.ar_edit)):
        if edit is not None or len(idx) < 2:
            out.append(())
            continue
        sents = al.en_sents if lang == "en" else al.ar_sents
        starts: list[int] = []
        pos = 0
        for i in idx[:-1]:
            pos += len(sents[i].text) + 1
            starts.append(pos)
        out.append(tuple(starts))
    return out[0], out[1]


def score_bead_of(al: Alignment, bead: Bead, lexicon: Lexicon, mu: float,
                  units: UnitCache | None = None, norms: DocNorms | None = None) -> Bead:
    """``bead`` with the score and flags of its texts in ``al`` (edits in place of the
    originals) against the length ratio ``mu`` and the document norms ``norms``: the one
    place a bead of an alignment is scored, so the same texts always get the same score and
    flags (``units``: the cache of the texts' units, which changes the speed, never the
    result)."""
    en_text, ar_text = al.bead_text(bead, "en"), al.bead_text(bead, "ar")
    if not en_text.strip() or not ar_text.strip():
        n = len(bead.en) or len(bead.ar)
        return replace(bead, score=0.0, flags=_one_sided(en_text, ar_text, n))
    ev = bead_evidence(en_text, ar_text, lexicon, mu, units, parts=bead_parts(al, bead))
    return replace(bead, score=bead_score(ev), flags=flags_of(ev, en_text, ar_text, norms))


def score_alignment(al: Alignment, lexicon: Lexicon | None = None,
                    units: UnitCache | None = None, *, mu: float | None = None,
                    norms: DocNorms | None = None) -> Alignment:
    """The same alignment with every bead's ``score`` and ``flags`` filled in. Edited text
    is scored in place of the original, so a reviewer's correction is judged again.
    ``units``: the cache the aligner filled (``pipeline``), so that no sentence's units are
    computed twice.

    The length ratio is ``mu`` when given, else ``document_mu`` of the beads, and the flags'
    norms ``norms`` when given, else ``document_norms`` of the two-sided beads' evidence;
    both are kept in ``al.meta`` (``MU_KEY``, ``NORMS_KEY``) so that a later rescore of an
    edited bead (``review.edit.rescore``) judges it against the same document. The
    signature is left as it is: it is made in one place (``align.signature``) and already
    names the fidelity model; the callers that produce alignments set it."""
    lex = lexicon or load_lexicon()
    cache = UnitCache.of(lex, units)
    texts = [(al.bead_text(b, "en"), al.bead_text(b, "ar")) for b in al.beads]
    if mu is None:
        mu = _texts_mu(texts)
    evs = [bead_evidence(e, a, lex, mu, cache, parts=bead_parts(al, b))
           if e.strip() and a.strip() else None for b, (e, a) in zip(al.beads, texts, strict=True)]
    if norms is None:
        norms = document_norms([ev for ev in evs if ev is not None])
    beads: list[Bead] = []
    for bead, (en_text, ar_text), ev in zip(al.beads, texts, evs, strict=True):
        if ev is None:
            n = len(bead.en) or len(bead.ar)
            beads.append(replace(bead, score=0.0, flags=_one_sided(en_text, ar_text, n)))
        else:
            beads.append(replace(bead, score=bead_score(ev),
                                 flags=flags_of(ev, en_text, ar_text, norms)))
    return with_mu(replace(al, beads=tuple(beads)), mu, norms)


__all__ = [
    "FLAG_CODES",
    "MU_KEY",
    "NORMS_KEY",
    "alignment_mu",
    "alignment_norms",
    "bead_parts",
    "bead_score",
    "coverage_scale",
    "explain",
    "features",
    "flags_of",
    "probability",
    "score_alignment",
    "score_bead",
    "score_bead_of",
    "score_pairs",
    "with_mu",
]
