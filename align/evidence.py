"""What a bead's two sides share and what they do not: the evidence fidelity is judged on.

Both sides are reduced to the aligner's content-word units (``features.units_en`` /
``units_ar``: lexicon glosses and typed anchor keys), and each unit is *matched* when one of its
keys occurs among the keys of the other side. From that come the lexical coverage both ways,
the longest run of unmatched words (a clause left out or added), and the typed anchors —
numbers, months, weekdays, names — each with its offsets and the anchors of the other side it
matched, so that a person can be shown *why* a bead was flagged.

Reusing the aligner's units keeps one notion of "these words correspond" across the project
and costs little: the per-word caches of ``features`` are already warm when a document has
just been aligned, and the classification of a unit's keys is cached here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from align import anchors as A
from align.clutter import line_kind
from align.features import Unit, units_ar, units_en
from align.lexicon import Lexicon
from align.names import close, gloss_vocabulary
from align.numwords import ar_word_keys, digit_alternates, en_word_keys
from align.normalize import (
    AR_LETTER_RE,
    LATIN_LETTER_RE,
    en_stem,
    normalize_ar,
    script_of,
)

#: Added to both lengths (non-space characters) before taking their log ratio, so that very
#: short lines (a headline, a number) do not swing the ratio; the aligner uses the same value.
LEN_SMOOTH = 12.0
#: Mean of ``log((len_ar + c) / (len_en + c))`` on the true beads of the bench's clean sets
#: (-0.065); each document's own mean is used where it has enough beads (``document_mu``).
LEN_MU = -0.065
#: Spread of that log ratio around the document's mean, which shrinks with sentence length:
#: ``sigma**2 = A + B / (L + 30)``, ``L`` the longer side in English characters. Fit on the
#: same beads (robust spread: 0.16 at 20 characters, 0.13 at 125, 0.12 at 400);
#: scripts/fit_fidelity.py
#: prints the fit.
LEN_VAR_A = 0.0118
LEN_VAR_B = 0.71
LEN_VAR_L0 = 30.0


def length_z(len_en: int, len_ar: int, mu: float) -> float:
    """How unusual the Arabic length is for the English one, in standard deviations."""
    x = math.log((len_ar + LEN_SMOOTH) / (len_en + LEN_SMOOTH)) - mu
    longer = max(len_en, len_ar * math.exp(-mu))
    return x / math.sqrt(LEN_VAR_A + LEN_VAR_B / (longer + LEN_VAR_L0))


#: Arabic weekday forms that are safe on their own; the others (``أحد`` "one of", ``اثنين``
#: "two", ``جمعة`` "assembly", bare forms) count only after ``يوم`` ("day") or next to a digit.
_AR_SAFE_WEEKDAYS = frozenset({"الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"})
#: Arabic month names that are also common words (``مارس`` "practised", ``أب`` "father").
_AR_AMBIGUOUS_MONTHS = frozenset({"مارس", "اب", "جوان", "اوت"})
#: English month abbreviations and "May", which ``anchors`` leaves out (``may`` the verb):
#: taken as a counterpart of an Arabic month, never reported missing themselves.
_EN_MONTH_NO = {m: i + 1 for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}
_EN_MONTH_RE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
_DIGIT_RE = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_NEXT_WORD_RE = re.compile(r"\s+(\w+)")
_DOT_THOUSANDS_RE = re.compile(r"^(\d+)[.\u066b](\d{3})$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

KINDS = ("number", "month", "weekday", "name")
#: Lines with more words than this are not checked for web clutter.
_CLUTTER_WORDS = 15


@dataclass(frozen=True, slots=True)
class Anchor:
    """A typed anchor of one side: a number, month, weekday or name.

    ``start``/``end`` are offsets into the text the evidence was computed on; ``partners`` are
    the indexes of the anchors of the other side it matched (empty: no counterpart).
    ``required`` anchors (digits, dates, English names) are reported when unmatched; the
    others (number words, Arabic words matching an English name) appear only as partners.
    ``key`` is the anchor's value for numbers and dates (``#151``, ``@d3``).
    """

    kind: str
    start: int
    end: int
    text: str
    partners: tuple[int, ...]
    required: bool = True
    key: str = ""

    @property
    def matched(self) -> bool:
        return bool(self.partners)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a bead: content-word weight, matched weight, the longest run of unmatched
    words (weight and character span) and the larger unmatched run at either end (``edge``:
    a clause cut off at the start or end of the other side leaves one there)."""

    words: float
    matched: float
    run: float
    length: int
    anchors: tuple[Anchor, ...] = ()
    unknown: tuple[str, ...] = ()
    run_span: tuple[int, int] = (0, 0)
    edge: float = 0.0

    @property
    def coverage(self) -> float:
        """Matched share of the content words, shrunk towards one half for short sides
        (one pseudo-word each way), so that a two-word line is not judged on two coin flips."""
        return (self.matched + 0.5) / (self.words + 1.0)

    def unmatched(self, *kinds: str) -> list[Anchor]:
        """Required anchors of these kinds with no counterpart."""
        return [a for a in self.anchors if a.required and not a.partners and a.kind in kinds]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything the fidelity scorer looks at in one two-sided bead.

    ``unknown`` of the Arabic side: unmatched words the lexicon does not know (mostly names).
    ``len_z``: the length ratio in standard deviations from the document's usual one;
    ``ratio``: the length ratio divided by the usual one (2.0: Arabic twice as long).
    """

    en: Side
    ar: Side
    len_z: float
    ratio: float
    untranslated: str
    clutter: str


#: An anchor candidate: (unit, kind, required, typed keys). Required ones are reported when
#: unmatched; optional ones (number words, Arabic words sharing a key with an English name)
#: only appear as counterparts. Plain tuples: thousands are made per document.
_Cand = tuple[Unit, str, bool, frozenset[str]]


@lru_cache(maxsize=200_000)
def _classify(keys: tuple[str, ...]) -> tuple[str | None, frozenset[str], bool]:
    """Anchor kind suggested by a unit's keys, its typed keys, and whether its only keys are
    name skeletons (an Arabic word the lexicon does not know). Cached: words repeat."""
    kind: str | None = None
    for k in keys:
        c = k[0]
        if c == "#":
            kind = "number"
            break
        if c == "@":
            kind = "month" if k[1] == "m" else "weekday"
            break
        if c == "~":
            kind = "name"
    if kind == "number":
        typed = frozenset(k for k in keys if k[0] == "#")
    elif kind in ("month", "weekday"):
        typed = frozenset(k for k in keys if k[0] == "@")
    else:
        typed = frozenset(k for k in keys if k[0] not in "#@")
    return kind, typed, bool(keys) and all(k[0] == "~" for k in keys)


@lru_cache(maxsize=50_000)
def _number_keys(text: str, keys: tuple[str, ...]) -> frozenset[str]:
    """A number's keys, plus the other reading of a dot before three digits (``77.000`` is
    77000 in much Arabic and European writing, 77 in English)."""
    _, typed, _ = _classify(keys)
    m = _DOT_THOUSANDS_RE.match(text.translate(_DIGITS))
    if m:
        return typed | {f"#{int(m.group(1) + m.group(2))}"}
    return typed


_GROUP_GAPS = frozenset({" ", ",", ", ", "، ", "٬", "٬ "})


def _digit_cands(text: str, units: list[Unit]) -> dict[int, _Cand]:
    """Candidates of the digit tokens of one side, with the keys of other writings: the
    decade of ``1980s``, the parts of a clock time (``numwords.digit_alternates``), and a
    thousands group written apart (``30, 000``: the first token also keys 30000, the second
    is not reported on its own). A lone ``00`` of a clock time (``04:00``) is not reported."""
    out: dict[int, _Cand] = {}
    digits = [i for i, u in enumerate(units) if u.text[0].isdigit()]
    follower: set[int] = set()
    for n, i in enumerate(digits):
        u = units[i]
        keys = set(_number_keys(u.text, u.keys))
        keys.update(digit_alternates(u.text, text[u.end : u.end + 2]))
        if n + 1 < len(digits) and digits[n + 1] == i + 1:
            v = units[i + 1]
            if (len(v.text) == 3 and v.text.isdigit() and u.text.isdigit()
                    and text[u.end : v.start] in _GROUP_GAPS):
                keys.add(f"#{int(u.text.translate(_DIGITS)) * 1000 + int(v.text.translate(_DIGITS))}")
                follower.add(i + 1)
        required = i not in follower and not (
            set(u.text) <= {"0", "٠"} and text[max(0, u.start - 1) : u.start] == ":")
        out[i] = (u, "number", required, frozenset(keys))
    return out


@lru_cache(maxsize=50_000)
def _en_name(word: str, glosses: frozenset[str]) -> tuple[str | None, bool]:
    """For a capitalised English word: a date key if it is a possessive date (``Friday's``,
    which the aligner does not key), and whether it must find a counterpart as a name.

    A word the lexicon can translate ("Council", "Prime") is judged by coverage; a name is a
    word no gloss explains, neither an acronym (CDC, HCoVs: often spelled out in Arabic) nor
    a compound (PCR-based).
    """
    bare = word.removesuffix("'s").removesuffix("’s")
    if bare != word:
        date = A.months_weekdays_en(bare.lower())
        if date is not None:
            return date, True
    required = (en_stem(bare) not in glosses and "-" not in bare
                and sum(ch.isupper() for ch in bare) < 2)
    return None, required


def _cands_en(text: str, units: list[Unit], ar_keys: set[str], glosses: frozenset[str]
              ) -> list[_Cand]:
    out: list[_Cand] = []
    digits = _digit_cands(text, units)
    for i, u in enumerate(units):
        if i in digits:
            out.append(digits[i])
            continue
        kind, typed, _ = _classify(u.keys)
        words = en_word_keys(u.text) if kind != "number" else ()
        if words:
            out.append((u, "number", False, frozenset(words)))
        elif kind is None:
            continue
        elif kind == "name":
            date, required = _en_name(u.text, glosses)
            if date is not None:
                dk = "month" if date[1] == "m" else "weekday"
                out.append((u, dk, True, frozenset((date,))))
            else:
                out.append((u, "name", required, typed))
        elif kind == "number":
            out.append((u, "number", False, typed))
        else:
            out.append((u, kind, u.text[0].isupper(), typed))
    # "May" and abbreviations (Oct., Sept) are not keyed by the aligner: only as a counterpart.
    extra = False
    for m in _EN_MONTH_RE.finditer(text):
        key = f"@m{_EN_MONTH_NO[m.group(1)[:3]]}"
        if key in ar_keys:
            u = Unit(m.start(), m.end(1), m.group(1), (key,))
            out.append((u, "month", False, frozenset((key,))))
            extra = True
    if extra:
        out.sort(key=lambda c: c[0].start)
    return out


def _ar_date_required(text: str, unit: Unit, kind: str) -> bool:
    """Whether an Arabic month or weekday word is surely a date (see the tables above)."""
    norm = normalize_ar(unit.text)
    near_digit = bool(_DIGIT_RE.search(text, max(0, unit.start - 12), unit.end + 12))
    after_day = "يوم" in text[max(0, unit.start - 5) : unit.start]
    if kind == "weekday":
        form = A.strip_clitic(norm, _AR_SAFE_WEEKDAYS)
        return form is not None or after_day or (near_digit and norm.startswith("ال"))
    ambiguous = A.strip_clitic(norm, _AR_AMBIGUOUS_MONTHS) is not None
    return not ambiguous or near_digit


def _cands_ar(text: str, units: list[Unit], en_names: frozenset[str]) -> list[_Cand]:
    out: list[_Cand] = []
    digits = _digit_cands(text, units)
    for i, u in enumerate(units):
        if i in digits:
            out.append(digits[i])
            continue
        kind, typed, _ = _classify(u.keys)
        m = _NEXT_WORD_RE.match(text, u.end)
        words = ar_word_keys(u.text, m.group(1) if m else "")
        if words or kind == "number":
            out.append((u, "number", False, typed | frozenset(words)))
        elif kind in ("month", "weekday"):
            out.append((u, kind, _ar_date_required(text, u, kind), typed))
        elif en_names and not en_names.isdisjoint(u.keys):
            out.append((u, "name", False, typed))
    return out


@lru_cache(maxsize=10_000)
def _is_scale(word: str) -> bool:
    return word.lower() in A.EN_SCALE or normalize_ar(word) in A.AR_SCALE


def _number_text(text: str, unit: Unit) -> tuple[int, str]:
    """End and display text of a number, with its scale word (``820 ألف``, ``2.5 million``)."""
    m = _NEXT_WORD_RE.match(text, unit.end)
    if m and _is_scale(m.group(1)):
        return m.end(), text[unit.start : m.end()]
    return unit.end, unit.text


def _anchors(
    en_text: str, ar_text: str, ce: list[_Cand], ca: list[_Cand],
    fuzzy: list[tuple[int, int]],
) -> tuple[tuple[Anchor, ...], tuple[Anchor, ...]]:
    """Keep the required candidates and the optional ones that found a counterpart, and link
    them both ways (``fuzzy``: extra links found by ``_fuzzy_names``)."""
    index: dict[tuple[str, str], list[int]] = {}
    for j, (_, kind, _, typed) in enumerate(ca):
        for k in typed:
            index.setdefault((kind, k), []).append(j)
    links: list[set[int]] = []
    for _, kind, _, typed in ce:
        found: set[int] = set()
        for k in typed:
            hit = index.get((kind, k))
            if hit:
                found.update(hit)
        links.append(found)
    for i, j in fuzzy:
        links[i].add(j)
    back: list[list[int]] = [[] for _ in ca]
    for i, js in enumerate(links):
        for j in js:
            back[j].append(i)
    keep_e = [i for i, a in enumerate(ce) if a[2] or any(ca[j][2] for j in links[i])]
    keep_a = [j for j, b in enumerate(ca) if b[2] or any(ce[i][2] for i in back[j])]
    new_e = {i: k for k, i in enumerate(keep_e)}
    new_a = {j: k for k, j in enumerate(keep_a)}

    def make(text: str, c: _Cand, partners: Iterable[int], index: dict[int, int]) -> Anchor:
        unit, kind, required, typed = c
        if kind == "number":
            end, shown = _number_text(text, unit)
        else:
            end, shown = unit.end, unit.text
        kept = tuple(sorted({index[p] for p in partners if p in index}))
        key = min(typed) if kind != "name" and typed else ""
        return Anchor(kind, unit.start, end, shown, kept, required, key)

    en = tuple(make(en_text, ce[i], links[i], new_a) for i in keep_e)
    ar = tuple(make(ar_text, ca[j], back[j], new_e) for j in keep_a)
    return en, ar


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


def _fuzzy_names(
    ce: list[_Cand], ca: list[_Cand], lost: list[int], unknown: list[Unit]
) -> tuple[list[tuple[int, int]], list[Unit]]:
    """Pair English names left unmatched with unmatched Arabic words spelled alike
    (``names.close``); the Arabic words join ``ca`` as name anchors. Returns the links and
    the Arabic words still unpaired."""
    links: list[tuple[int, int]] = []
    left: list[Unit] = []
    for v in unknown:
        known = not _classify(v.keys)[2]
        hit = [i for i in lost if close(ce[i][0].text, v.text, known=known)]
        if hit:
            ca.append((v, "name", False, frozenset()))
            links.extend((i, len(ca) - 1) for i in hit)
        else:
            left.append(v)
    return links, left


def non_space_length(text: str) -> int:
    """Length in characters without spaces: spacing conventions differ between scripts."""
    return len(text) - sum(text.count(c) for c in " \t\n\u00a0")


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


def bead_evidence(en_text: str, ar_text: str, lexicon: Lexicon, mu: float = LEN_MU
                  ) -> Evidence:
    """Match the two sides of a bead word by word and anchor by anchor (see the module
    docstring). ``mu`` is the document's mean log length ratio (``document_mu``)."""
    ue, ua = units_en(en_text), units_ar(ar_text, lexicon)
    keys_en: set[str] = set().union(*[u.keys for u in ue])
    keys_ar: set[str] = set().union(*[u.keys for u in ua])
    ce = _cands_en(en_text, ue, keys_ar, gloss_vocabulary(lexicon))
    names = frozenset().union(*(c[3] for c in ce if c[1] == "name"))
    ca = _cands_ar(ar_text, ua, names)
    cov_en = _coverage(ue, keys_ar)
    cov_ar = _coverage(ua, keys_en)
    fuzzy: list[tuple[int, int]] = []
    missed = [ua[i] for i in cov_ar.missed if not ua[i].text[0].isdigit()]
    lost = [i for i, c in enumerate(ce) if c[1] == "name" and c[2] and c[3].isdisjoint(keys_ar)]
    if lost and missed:
        fuzzy, missed = _fuzzy_names(ce, ca, lost, missed)
    caps = [u.text for u in ue if u.text[0].isupper()]
    unknown = [u for u in missed if _classify(u.keys)[2]
               and not any(close(c, u.text) for c in caps)]
    en_anchors, ar_anchors = _anchors(en_text, ar_text, ce, ca, fuzzy)
    en = Side(cov_en.words, cov_en.matched, cov_en.run, non_space_length(en_text),
              en_anchors, (), cov_en.run_span, cov_en.edge)
    ar = Side(cov_ar.words, cov_ar.matched, cov_ar.run, non_space_length(ar_text),
              ar_anchors, tuple(u.text for u in unknown), cov_ar.run_span, cov_ar.edge)
    z = length_z(en.length, ar.length, mu)
    ratio = math.exp(math.log((ar.length + LEN_SMOOTH) / (en.length + LEN_SMOOTH)) - mu)
    return Evidence(en, ar, z, ratio, _untranslated(en_text, ar_text),
                    _clutter(en_text, ar_text))


def _untranslated(en_text: str, ar_text: str) -> str:
    """Why the bead looks untranslated (same script on both sides), or ``""``."""
    if LATIN_LETTER_RE.search(ar_text) and script_of(ar_text) == "en":
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
