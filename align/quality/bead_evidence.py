"""What a bead's two sides share and what they do not: the evidence fidelity is judged on.

Both sides are reduced to the aligner's content-word units (``features.units_en`` /
``units_ar``: lexicon glosses and typed match keys), and each unit is *matched* when one of its
keys occurs among the keys of the other side. From that come the lexical coverage both ways,
the longest run of unmatched words (a clause left out or added), and the mentions — numbers,
months, weekdays, names (``mentions.Mention``) — each with its offsets and the mentions of the
other side it matched, so that a person can be shown *why* a bead was flagged.

Reusing the aligner's units keeps one notion of "these words correspond" across the project
and costs little: the per-word caches of ``features`` are already warm when a document has
just been aligned, and the classification of a unit's keys is cached here.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..config import LEN_SMOOTH, IsnadParams
from ..evidence.features import Unit, UnitCache, abbreviation_stems
from ..evidence.lexicon import Lexicon
from ..evidence.mentions import (
    KINDS,
    Mention,
    cands_ar,
    cands_en,
    classify,
    counted_keys,
    fuzzy_names,
    glued_dates,
    glued_names,
    latin_names,
    link,
    misspelt_words,
    swapped_abbreviations,
    swapped_names,
    swapped_numbers,
    transcribed_dates,
)
from ..evidence.names import close, gloss_vocabulary
from ..text.arabic import LETTER_RE as AR_LETTER_RE
from ..text.clutter import line_kind
from ..text.isnad import Span, abridged_length, abridged_spans, chain_length
from ..text.normalize import LATIN_LETTER_RE, non_space_length, script_of
from ..text.segment import inner_starts
from .contrasts import contradicted_words
from .expected import (
    TRANSLATED_SHARE,
    asides_ar,
    expected_ar,
    expected_en,
    reference,
    remarks_ar,
)
from .measures import contradicted_bounds, contradicted_counts, contradicted_measures
from .negation import dropped_negation
from .romanised import romanised_pairs
from .terms import contradicted_offices

__all__ = ["KINDS", "LEN_SMOOTH", "DocNorms", "Evidence", "Mention", "Parts", "Side",
           "ar_length", "bead_evidence", "document_mu", "document_norms", "length_z",
           "non_space_length", "part_gap"]

# ``LEN_SMOOTH`` (``align.config``): added to both lengths before their log ratio, the same
# number as the aligner's ``CostParams.len_smooth``; the length model below was fit with it.

#: Mean of ``log((len_ar + c) / (len_en + c))`` on the true beads of the bench's clean sets
#: (-0.065); each document's own mean is used where it has enough beads (``document_mu``).
LEN_MU = -0.065
#: Whether romanised Arabic names (``romanised.py``) count as matched words.
ROMANISED_NAMES = True
#: Spread of that log ratio around the document's mean, which shrinks with sentence length:
#: ``sigma**2 = A + B / (L + 30)``, ``L`` the longer side in English characters. Fit on the
#: same beads (robust spread: 0.16 at 20 characters, 0.13 at 125, 0.12 at 400);
#: ``scripts/fit_fidelity.py`` prints the fit.
LEN_VAR_A = 0.0118
LEN_VAR_B = 0.71
LEN_VAR_L0 = 30.0
#: English characters an acronym's letter stands for beyond itself, in the length model: an
#: Arabic translation spells ``RCGP RSC`` out (مركز البحوث والرصد التابع للكلية الملكية ...).
#: Fit by ``scripts/fit_fidelity.py`` on the clean sets' true beads: the value that gives the
#: beads with unmatched acronyms the median length residual of the others.
ACRONYM_CHARS = 3.58
#: An acronym: a word of two to six capitals (``U.S.`` is split into letters, not one).
_ACRONYM_MAX = 6
#: English symbols and abbreviations Arabic writes out, with the English characters the
#: written-out word has beyond the symbol ("12%" is "12 percent", في المئة; "$4.5bn" is
#: "4.5 billion dollars", 4.5 مليار دولار; "Q3" is "third quarter", الربع الثالث), for the
#: length model as for acronyms. A symbol the Arabic side writes as well ("12%" / "12%")
#: counts nothing: only the English side's surplus of it.
SPELLED_SYMBOLS = (("%", 6.0, "%\u066a"), ("$", 6.0, "$"), ("€", 4.0, "€"), ("£", 5.0, "£"),
                   ("°", 12.0, "°"))
#: A number with a scale letter glued to it ("4.5bn", "$2m", "10k"), and a quarter ("Q3").
_SCALE_SUFFIX_RE = re.compile(r"\d(?:bn|tn|m|k)\b")
_SCALE_SUFFIX_CHARS = 5.0
_QUARTER_RE = re.compile(r"\bQ[1-4]\b")
_QUARTER_CHARS = 10.0


#: Chains of transmission (``text.isnad``): a translation abridges a hadith's chain of
#: narrators to "X reported:" by convention, so the words of the chain it leaves out (all
#: but the last link) are neither missing words nor a length that needs explaining. The
#: words of the chain it keeps (a narrator it names) still count as matched.
ISNAD = IsnadParams()


def ar_length(text: str) -> int:
    """The Arabic length the length model judges: non-space characters, the abridged part
    of a chain of transmission counted as the search counts it
    (``text.isnad.abridged_length``)."""
    return round(abridged_length(text, ISNAD))


def _chain_length_z(len_en: float, ar_text: str, len_ar: float, mu: float,
                    ar_dropped: float = 0.0, en_optional: float = 0.0,
                    ar_optional: float = 0.0) -> tuple[float, float]:
    """``length_z`` of a bead whose Arabic may hold chains of transmission, and the Arabic
    length it judged.

    A translator abridges a chain to its last link or renders it in full ("Zuhair b. Harb
    said: Jarir reported on the authority of A'mash ..."), or anything between, so the
    Arabic length a faithful English answers to lies anywhere from the text without the
    abridged parts to the whole text. The bead is as far off as the nearer end of that
    range (0 inside it); without a chain, ``length_z`` of ``len_ar``. The same holds for
    an English gloss the Arabic does not match (``en_optional``: its characters, see
    ``_dropped``; the lexicon misses words of a gloss more often than a whole remark) and an
    Arabic aside (``ar_optional``, ``expected``), which the translation may render or
    not. ``ar_dropped``: the characters of Arabic remarks left untranslated
    (``_dropped``), which count in neither end."""
    spans = abridged_spans(ar_text, ISNAD) if ISNAD.enabled else ()
    if not spans and not en_optional and not ar_optional:
        return length_z(len_en, len_ar, mu), float(len_ar)
    full = max(1.0, non_space_length(ar_text) - ar_dropped) if spans else len_ar
    bare = max(1.0, full - chain_length(ar_text, spans) - ar_optional)
    z_bare = length_z(len_en, bare, mu)
    if z_bare > 0:
        return z_bare, float(bare)
    z_full = length_z(max(1.0, len_en - en_optional), full, mu)
    if z_full < 0:
        return z_full, float(full)
    ratio_one = math.exp(mu) * (len_en + LEN_SMOOTH) - LEN_SMOOTH
    return 0.0, ratio_one


def _dropped(text: str, spans: tuple[Span, ...], units: list[Unit], other_keys: set[str]
             ) -> float:
    """Non-space characters of the expected ``spans`` (``expected``) too few of whose
    words match the other side: material the translation added or left out by convention,
    which the length model does not count. A span of which ``TRANSLATED_SHARE`` of the
    words match was translated, and counts in full; so an expected span is no excuse for
    the length of a bead that does not render it (a grading remark paired with an English
    sentence of its own)."""
    out = 0.0
    for s, e in spans:
        inner = [u for u in units if s <= u.start and u.end <= e]
        weight = sum(u.weight for u in inner)
        matched = sum(u.weight for u in inner if not other_keys.isdisjoint(u.keys))
        if matched < TRANSLATED_SHARE * weight or not inner:
            out += non_space_length(text[s:e])
    return out


def _abridged_out(units: list[Unit], text: str, other_keys: set[str],
                  expected: tuple[Span, ...] = (), chains: bool = True) -> list[Unit]:
    """``units`` without the words of ``text``'s abridged chains (``ISNAD``; an Arabic side,
    ``chains``) and of its ``expected`` spans that match nothing on the other side: what the
    translation left out (or added) by convention."""
    spans = abridged_spans(text, ISNAD) if chains and ISNAD.enabled else ()
    spans = (*spans, *expected)
    if not spans:
        return units
    return [u for u in units
            if not (other_keys.isdisjoint(u.keys)
                    and any(s <= u.start and u.end <= e for s, e in spans))]


def length_z(len_en: float, len_ar: float, mu: float) -> float:
    """How unusual the Arabic length is for the English one, in standard deviations."""
    x = math.log((len_ar + LEN_SMOOTH) / (len_en + LEN_SMOOTH)) - mu
    longer = max(len_en, len_ar * math.exp(-mu))
    return x / math.sqrt(LEN_VAR_A + LEN_VAR_B / (longer + LEN_VAR_L0))


#: Lines with more words than this are not checked for web clutter.
_CLUTTER_WORDS = 15


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a bead: content-word weight, matched weight, the longest run of unmatched
    words (weight and character span) and the larger unmatched run at either end (``edge``:
    a clause cut off at the start or end of the other side leaves one there)."""

    words: float
    matched: float
    run: float
    length: int
    mentions: tuple[Mention, ...] = ()
    unknown: tuple[str, ...] = ()
    run_span: tuple[int, int] = (0, 0)
    edge: float = 0.0

    @property
    def coverage(self) -> float:
        """Matched share of the content words, shrunk towards one half for short sides
        (one pseudo-word each way), so that a two-word line is not judged on two coin flips."""
        return (self.matched + 0.5) / (self.words + 1.0)

    def unmatched(self, *kinds: str) -> list[Mention]:
        """Required mentions of these kinds with no counterpart."""
        return [m for m in self.mentions if m.required and not m.partners and m.kind in kinds]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything the fidelity scorer looks at in one two-sided bead.

    ``unknown`` of the Arabic side: unmatched words the lexicon does not know (mostly names).
    ``len_z``: the length ratio in standard deviations from the document's usual one;
    ``ratio``: the length ratio divided by the usual one (2.0: Arabic twice as long).
    ``terms``: office titles, units, currencies, bounds and opposite words the two sides
    contradict (``terms.contradicted_offices``, ``measures.contradicted_measures`` and
    ``contradicted_bounds``, ``contrasts.contradicted_words``); ``counts``: the
    units both sides count with no count in common (``measures.contradicted_counts``: "an
    hour" for ساعتين), a number mismatch. ``negation``: the English negation the Arabic
    leaves out (``negation.dropped_negation``), or ``""``.
    ``acronyms``: letters of the English acronyms with no counterpart (``RCGP``, ``CDC``),
    which the Arabic usually spells out: ``len_z`` counts ``ACRONYM_CHARS`` English
    characters more for each, and an Arabic run of unmatched words up to that many is no
    addition (``fidelity.flags_of``).
    ``part_gap``: for a side of several sentences (``bead_evidence``'s ``parts``), how much
    less covered its least covered sentence is than the side (a sentence taken in with no
    counterpart: the aligner's commonest wrong bead, whose whole-bead evidence the
    neighbouring sentence's matches dilute). ``gap_part``: which side's sentence that is
    (``"en"``/``"ar"``) and its span in that side's text, for the flag that names it.
    """

    en: Side
    ar: Side
    len_z: float
    ratio: float
    untranslated: str
    clutter: str
    terms: tuple[str, ...] = ()
    acronyms: float = 0.0
    part_gap: float = 0.0
    gap_part: tuple[str, int, int] | None = None
    counts: tuple[str, ...] = ()
    negation: str = ""


@dataclass(frozen=True, slots=True)
class _Cover:
    words: float
    matched: float
    run: float
    run_span: tuple[int, int]
    edge: float
    missed: list[int]


def _coverage(units: list[Unit], other_keys: set[str]) -> _Cover:
    """Matched weight, longest unmatched run and unmatched unit indexes of one side."""
    words = matched = run = best = lead = 0.0
    missed: list[int] = []
    start = 0
    span = (0, 0)
    leading = True
    for i, u in enumerate(units):
        words += u.weight
        if other_keys.isdisjoint(u.keys):
            if run == 0.0:
                start = u.start
            run += u.weight
            if leading:
                lead = run
            if run > best:
                best = run
                span = (start, u.end)
            missed.append(i)
        else:
            leading = False
            matched += u.weight
            run = 0.0
    return _Cover(words, matched, best, span, max(lead, run), missed)


def document_mu(pairs: list[tuple[int, int]]) -> float:
    """The document's own mean log length ratio (Arabic over English), from the lengths of its
    two-sided beads: the median, shrunk towards the bench mean by five pseudo-beads, so that
    a translator's style (or a text full of numbers) does not read as omissions."""
    if not pairs:
        return LEN_MU
    logs = sorted(math.log((a + LEN_SMOOTH) / (e + LEN_SMOOTH)) for e, a in pairs)
    n = len(logs)
    med = logs[n // 2] if n % 2 else 0.5 * (logs[n // 2 - 1] + logs[n // 2])
    return (n * med + 5 * LEN_MU) / (n + 5)


#: Median over the true beads of the bench's clean sets of a bead's mean coverage
#: (``(en.coverage + ar.coverage) / 2``): what ``DocNorms.coverage`` is compared with.
COVERAGE_REF = 0.65
#: Pseudo-beads of the model's values (spread 1, ``COVERAGE_REF``) that a document's own
#: spread and coverage are shrunk towards, so that a short document is judged mostly by the
#: model and a long one by itself.
NORM_PSEUDO_BEADS = 10


@dataclass(frozen=True, slots=True)
class DocNorms:
    """What is usual in one document, for its flags (``fidelity.flags_of``).

    A free translation makes long Arabic sentences, short ones and unexplained clauses all
    through a document; judged against the bench's faithful news, a third of its beads were
    flagged. ``spread``: the spread of the document's length ``z`` (robust, 1.4826 MAD),
    never below the model's 1; ``coverage``: the median mean coverage of its beads. Both are
    shrunk towards the model by ``NORM_PSEUDO_BEADS``. The score does not use them: it is
    calibrated on the bench, and a loose document's true beads do score lower.
    """

    spread: float = 1.0
    coverage: float = COVERAGE_REF


def document_norms(evidence: Sequence[Evidence]) -> DocNorms:
    """The ``DocNorms`` of a document from the evidence of its two-sided beads."""
    n = len(evidence)
    if not n:
        return DocNorms()
    zs = [e.len_z for e in evidence]
    mid = statistics.median(zs)
    mad = 1.4826 * statistics.median(abs(z - mid) for z in zs)
    var = (n * mad * mad + NORM_PSEUDO_BEADS) / (n + NORM_PSEUDO_BEADS)
    cov = statistics.median((e.en.coverage + e.ar.coverage) / 2 for e in evidence)
    cov = (n * cov + NORM_PSEUDO_BEADS * COVERAGE_REF) / (n + NORM_PSEUDO_BEADS)
    return DocNorms(max(1.0, math.sqrt(var)), cov)


#: Parts of a bead's sides: the offsets in each side's text where its second, third, ...
#: sentence starts (``()``: one sentence, or not known).
Parts = tuple[tuple[int, ...], tuple[int, ...]]


def part_gap(units: list[Unit], other_keys: set[str], starts: tuple[int, ...],
             abridged: bool = False) -> float:
    """How much less covered the least covered sentence of a side is than the whole side;
    0 for one sentence. Coverage is shrunk as ``Side.coverage`` (one pseudo-word), so a
    sentence of two content words cannot make a large gap on its own. ``abridged``: the
    units are those left once an abridged chain of transmission and the unmatched words
    of expected spans are taken out (``_abridged_out``), so a sentence left without any is
    the chain, which the translation renders by a name, or a remark or gloss ("(Laughter)",
    a grading) no counterpart is expected for: not a part missing from the bead."""
    return least_part(units, other_keys, starts, abridged)[0]


def least_part(units: list[Unit], other_keys: set[str], starts: tuple[int, ...],
               abridged: bool = False) -> tuple[float, int]:
    """``part_gap`` and the index of the sentence it comes from (0: the first)."""
    if not starts or not units:
        return 0.0, 0
    n = len(starts) + 1
    words = [0.0] * n
    matched = [0.0] * n
    for u in units:
        k = bisect.bisect_right(starts, u.start)
        words[k] += u.weight
        if not other_keys.isdisjoint(u.keys):
            matched[k] += u.weight
    side = (sum(matched) + 0.5) / (sum(words) + 1.0)
    low, at = min((((m + 0.5) / (w + 1.0), k) for k, (m, w)
                   in enumerate(zip(matched, words, strict=True)) if w > 0 or not abridged),
                  default=(side, 0))
    return max(0.0, side - low), at


def _part_span(starts: tuple[int, ...], k: int, text: str) -> tuple[int, int]:
    """The span of sentence ``k`` of a side whose later sentences start at ``starts``."""
    return (starts[k - 1] if k else 0), (starts[k] if k < len(starts) else len(text))


def bead_evidence(en_text: str, ar_text: str, lexicon: Lexicon, mu: float | None = None,
                  units: UnitCache | None = None, *,
                  pair_units: tuple[list[Unit], list[Unit]] | None = None,
                  parts: Parts = ((), ()), inner_parts: bool = True) -> Evidence:
    """Match the two sides of a bead word by word and mention by mention (see the module
    docstring). ``mu`` is the document's mean log length ratio (``document_mu``); ``LEN_MU``
    (read at call time, the value the signature hashes) when not given. ``units``: the
    alignment's unit cache, which already holds the units of its sentences; ``pair_units``:
    the two texts' units when the caller has them (bitext mining scores each sentence
    against several candidates); ``parts``: where the sides' later sentences start
    (``Evidence.part_gap``), to which ``inner_parts`` adds the sentences the splitter finds
    inside each side (``segment.inner_starts``; bitext mining, whose candidates grow from
    one-to-one pairs and whose model was fit without them, leaves them out)."""
    mu = LEN_MU if mu is None else mu
    if pair_units is not None:
        ue, ua = pair_units
    else:
        cache = UnitCache.of(lexicon, units)
        ue, ua = cache.units_en(en_text), cache.units_ar(ar_text)
    keys_en: set[str] = set().union(*[u.keys for u in ue])
    keys_ar: set[str] = set().union(*[u.keys for u in ua])
    ce = cands_en(en_text, ue, keys_ar, gloss_vocabulary(lexicon))
    names = frozenset().union(*(c[3] for c in ce if c[1] == "name"))
    ca = cands_ar(ar_text, ua, names, counted_keys(ce))
    ce, ca = swapped_numbers(en_text, ce, ca, keys_en, keys_ar, ua)
    if ROMANISED_NAMES:
        ue2, ua2 = romanised_pairs(ue, ua, keys_en, keys_ar, gloss_vocabulary(lexicon))
        if ue2 is not ue:
            ue, ua = ue2, ua2
            keys_en = set().union(*[u.keys for u in ue])
            keys_ar = set().union(*[u.keys for u in ua])
    exp_en, exp_ar = expected_en(en_text), expected_ar(ar_text)
    kept_en = _abridged_out(ue, en_text, keys_ar, exp_en, chains=False) if exp_en else ue
    cov_en = _coverage(kept_en, keys_ar)
    kept = _abridged_out(ua, ar_text, keys_en, exp_ar)
    cov_ar = _coverage(kept, keys_en)
    fuzzy: list[tuple[int, int]] = []
    # Every unmatched word may still be an English name's fuzzy counterpart, those of an
    # abridged chain too ("Abu Huraira" for a chain's last but one narrator).
    missed = [u for u in ua if keys_en.isdisjoint(u.keys) and not u.text[0].isdigit()]
    ce = swapped_names(ce, ua, keys_en, keys_ar, lexicon.glosses)
    ce = misspelt_words(ce, keys_ar)
    ce = swapped_abbreviations(ce, ua, keys_en, keys_ar)
    lost = [i for i, c in enumerate(ce) if c[1] == "name" and c[2] and c[3].isdisjoint(keys_ar)]
    if lost and missed:
        fuzzy, missed = fuzzy_names(ce, ca, lost, missed)
    if lost and LATIN_LETTER_RE.search(ar_text):
        fuzzy += latin_names(ce, ca, lost, fuzzy, ar_text)
    if lost:
        fuzzy += glued_names(ce, ca, lost, fuzzy, ua)
    fuzzy += glued_dates(ce, ca, keys_ar, ua)
    fuzzy += transcribed_dates(ce, ca, keys_ar, ua)
    caps = [u.text for u in ue if u.text[0].isupper()]
    counted = set(kept) if len(kept) < len(ua) else None
    unknown = [u for u in missed if classify(u.keys)[2]
               and (counted is None or u in counted)
               and not any(close(c, u.text) for c in caps)]
    en_mentions, ar_mentions = link(en_text, ar_text, ce, ca, fuzzy)
    en_mentions, ar_mentions = (_unrequire(en_mentions, exp_en, en_text),
                                _unrequire(ar_mentions, exp_ar, ar_text))
    en = Side(cov_en.words, cov_en.matched, cov_en.run, non_space_length(en_text),
              en_mentions, (), cov_en.run_span, cov_en.edge)
    ar = Side(cov_ar.words, cov_ar.matched, cov_ar.run, ar_length(ar_text),
              ar_mentions, tuple(u.text for u in unknown), cov_ar.run_span, cov_ar.edge)
    acronyms = acronym_letters(ue, keys_ar)
    en_len = en.length + ACRONYM_CHARS * acronyms + spelled_out_chars(en_text, ar_text)
    ar_dropped = _dropped(ar_text, remarks_ar(ar_text), ua, keys_en) if exp_ar else 0.0
    z, judged = _chain_length_z(en_len, ar_text, max(1.0, ar.length - ar_dropped), mu,
                                ar_dropped, _dropped(en_text, exp_en, ue, keys_ar),
                                chain_length(ar_text, asides_ar(ar_text)) if exp_ar else 0.0)
    ratio = math.exp(math.log((judged + LEN_SMOOTH) / (en_len + LEN_SMOOTH)) - mu)
    starts_en = _with_inner(parts[0], en_text, "en") if inner_parts else parts[0]
    starts_ar = _with_inner(parts[1], ar_text, "ar") if inner_parts else parts[1]
    gap_en, k_en = least_part(kept_en, keys_ar, starts_en, abridged=len(kept_en) < len(ue))
    gap_ar, k_ar = least_part(kept, keys_en, starts_ar, abridged=len(kept) < len(ua))
    gap = max(gap_en, gap_ar)
    where: tuple[str, int, int] | None = None
    if gap > 0:
        where = (("en", *_part_span(starts_en, k_en, en_text)) if gap_en >= gap_ar
                 else ("ar", *_part_span(starts_ar, k_ar, ar_text)))
    return Evidence(en, ar, z, ratio, _untranslated(en_text, ar_text),
                    _clutter(en_text, ar_text),
                    contradicted_offices(en_text, ar_text)
                    + contradicted_measures(en_text, ar_text)
                    + contradicted_bounds(en_text, ar_text)
                    + contradicted_words(ue, ua, keys_en, keys_ar),
                    acronyms, gap, where, contradicted_counts(en_text, ar_text),
                    dropped_negation(en_text, ar_text))


def _with_inner(starts: tuple[int, ...], text: str, lang: str) -> tuple[int, ...]:
    """``starts`` (where a side's later sentences start) with the starts of the sentences
    inside them (``segment.inner_starts``), sorted."""
    inner = inner_starts(text, lang)
    if not inner:
        return starts
    return tuple(sorted({*starts, *inner}))


def _unrequire(mentions: tuple[Mention, ...], spans: tuple[Span, ...], text: str
               ) -> tuple[Mention, ...]:
    """``mentions`` with the unmatched ones inside expected ``spans`` (a gloss
    "(Jadha'a)") no longer required: no counterpart is expected. A number stays required
    unless its span is a reference (``expected.reference``: "(33:33)"): a bracketed figure
    in a report ("(95% CI: 3.51-4.05)") is translated."""
    if not spans:
        return mentions
    out = []
    for m in mentions:
        if m.required and not m.partners:
            span = next((sp for sp in spans if sp[0] <= m.start and m.end <= sp[1]), None)
            if span is not None and (m.kind != "number" or reference(text[span[0]:span[1]])):
                m = replace(m, required=False)
        out.append(m)
    return tuple(out)


def spelled_out_chars(en_text: str, ar_text: str) -> float:
    """English characters the symbols and abbreviations of ``en_text`` stand for beyond
    themselves, where the Arabic writes them out (``SPELLED_SYMBOLS``, scale letters after
    a number, quarters)."""
    total = 0.0
    for sym, chars, ar_forms in SPELLED_SYMBOLS:
        n = en_text.count(sym)
        if n:
            total += chars * max(0, n - sum(ar_text.count(c) for c in ar_forms))
    total += _SCALE_SUFFIX_CHARS * len(_SCALE_SUFFIX_RE.findall(en_text))
    total += _QUARTER_CHARS * len(_QUARTER_RE.findall(en_text))
    return total


def acronym_letters(units: list[Unit], other_keys: set[str]) -> float:
    """Letters of the English words of two to ``_ACRONYM_MAX`` capitals (``CDC``, ``EU``)
    none of whose keys the Arabic side has: acronyms the translation spells out."""
    total = 0
    for u in units:
        bare = u.text.removesuffix("'s").removesuffix("’s")  # SCIS's
        if (2 <= len(bare) <= _ACRONYM_MAX and bare.isascii() and bare.isalpha()
                and bare.isupper()):
            # Matched by the words it stands for (``ABBREVIATIONS_EN``), it is spelled out.
            spelled = abbreviation_stems(bare)
            if other_keys.isdisjoint(u.keys) or (
                    spelled and other_keys.isdisjoint(set(u.keys) - spelled)):
                total += len(bare)
    return float(total)


#: A web address or an e-mail address: written the same in every language.
_ADDRESS_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'\u060c]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                         r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|io)\b\S*")
_LATIN_TOKEN_RE = re.compile(r"[A-Za-z][\w.'\u2019+-]*")


def _carried_over(ar_text: str, en_text: str) -> str:
    """``ar_text`` without what a translation carries over as it is written: web and e-mail
    addresses, and the Latin tokens of the English side that are a label, a name or code
    (capitalised, upper-case, or with a digit or a dot: ``Settings``, ``PDF``, ``v3.2``).
    Software help writes ``انقر على Settings واختر Export to PDF.``: read by its letters
    alone, that Arabic was "in Latin script", untranslated, and scored 0; so was every line
    with a long link. A copy of the English sentence keeps its lower-case words, and is
    still Latin by them."""
    rest = _ADDRESS_RE.sub(" ", ar_text)
    if not LATIN_LETTER_RE.search(rest):
        return rest
    english = {t.lower() for t in _LATIN_TOKEN_RE.findall(_ADDRESS_RE.sub(" ", en_text))}

    def keep(m: re.Match[str]) -> str:
        tok = m.group()
        labelled = tok[0].isupper() or any(ch.isdigit() or ch == "." for ch in tok)
        return " " if labelled and tok.lower() in english else tok

    return _LATIN_TOKEN_RE.sub(keep, rest)


def _untranslated(en_text: str, ar_text: str) -> str:
    """Why the bead looks untranslated (same script on both sides), or ``""``. An Arabic
    side with Arabic letters is judged without what it carries over from the English
    (``_carried_over``); one without any is untranslated, a title-case headline copied
    (every word capitalised, so every word "carried over") included."""
    if LATIN_LETTER_RE.search(ar_text) and (
            not AR_LETTER_RE.search(ar_text)
            or script_of(_carried_over(ar_text, en_text)) == "en"):
        return "the Arabic side is in Latin script"
    if AR_LETTER_RE.search(en_text) and script_of(en_text) == "ar":
        return "the English side is in Arabic script"
    return ""


def _clutter(en_text: str, ar_text: str) -> str:
    """Why the bead looks like web-page furniture rather than text, or ``""``."""
    for lang, text in (("English", en_text), ("Arabic", ar_text)):
        if text.count(" ") > _CLUTTER_WORDS:
            continue  # prose: clutter lines are short, and line_kind is not free
        kind = line_kind(text.strip()) if text.strip() else None
        if kind:
            return f"the {lang} side looks like web-page clutter ({kind})"
    return ""
