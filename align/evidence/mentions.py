"""Mentions of a bead's two sides and the links between them.

A *mention* is a number, month, weekday or name found in one side's text, with its offsets,
its typed match keys (``keys.py``) and the mentions of the other side it matched. Mentions are
found by the aligner's units (``features.units_en``/``units_ar``) and in the few writings the
aligner does not key (``numwords``; possessive dates; ``May``). Candidates are *required*
(reported when they find no counterpart: digits, dates, English names no gloss explains) or
*optional* (counterparts only: number words, Arabic words sharing a key with an English name).
``link`` keeps the required ones and the optional ones that matched, with the indexes of their
partners, which is what the fidelity flags and explanations show.

Not to be confused with a *key* (``keys.py``: the typed string ``#151`` a mention matches by)
or a *highlight* (``review/highlight.py``: any matched word coloured in the review UI).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..text.arabic import DIGITS, TO_ASCII_DIGITS
from ..text.normalize import en_stem, normalize_ar
from ..text.stopwords import arabic_stopwords, english_stopwords
from . import keys as K
from .features import ABBREVIATIONS_EN, Unit, abbreviation_stems
from .lexicon import Glosses
from .names import GLUED_LETTERS_ANY, close, dictionary_words, inside, name_glosses, one_edit
from .numwords import (
    ar_clitic_short,
    ar_number_word,
    ar_word_keys,
    digit_alternates,
    en_compounds,
    en_implied_numbers,
    en_word_keys,
)

#: Arabic weekday forms that are safe on their own; the others (``أحد`` "one of", ``اثنين``
#: "two", ``جمعة`` "assembly", bare forms) count only after ``يوم`` ("day") or next to a digit.
_AR_SAFE_WEEKDAYS = frozenset({"الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"})
#: Arabic month names that are also common words (``مارس`` "practised", ``أب`` "father").
_AR_AMBIGUOUS_MONTHS = frozenset({"مارس", "اب", "جوان", "اوت"})
#: English month abbreviations and "May", which ``keys`` leaves out (``may`` the verb):
#: taken as a counterpart of an Arabic month, never reported missing themselves.
_EN_MONTH_NO = {m: i + 1 for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}
_EN_MONTH_RE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
#: English words for a weekday that are no weekday names: counterparts of السبت / الجمعة.
_EN_DAY_WORDS = {"Sabbath": "@d5", "sabbath": "@d5"}
_EN_DAY_WORD_RE = re.compile(r"\b(Sabbath|sabbath)\b")
#: A name made of a month's name and one or two letters (``Mayo``, ``Junee``), which the
#: Arabic transcribes as the month (مايو): a counterpart of that month, never reported.
_EN_MONTH_NAME_RE = re.compile(r"\b(May|March|June|July|August|April)[a-z]{1,2}\b")
_DIGIT_RE = re.compile(f"[{DIGITS}]")
_NEXT_WORD_RE = re.compile(r"\s+(\w+)")
#: An Arabic word right after a space.
_NEXT_AR_WORD_RE = re.compile(r" [\u0621-\u064a]")
_DOT_THOUSANDS_RE = re.compile(r"^(\d+)[.\u066b](\d{3})$")

#: The kinds of a mention, the order in which the fidelity scorer reports them.
KINDS = ("number", "month", "weekday", "name")


@dataclass(frozen=True, slots=True)
class Mention:
    """A number, month, weekday or name found in one side of a bead.

    ``start``/``end`` are offsets into the text the evidence was computed on; ``partners`` are
    the indexes of the mentions of the other side it matched (empty: no counterpart).
    ``required`` mentions (digits, dates, English names) are reported when unmatched; the
    others (number words, Arabic words matching an English name) appear only as partners.
    ``key`` is the mention's value for numbers and dates (``#151``, ``@d3``).
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


#: A mention candidate: (unit, kind, required, typed keys). Required ones are reported when
#: unmatched; optional ones (number words, Arabic words sharing a key with an English name)
#: only appear as counterparts. Plain tuples: thousands are made per document.
Cand = tuple[Unit, str, bool, frozenset[str]]


@lru_cache(maxsize=200_000)
def classify(keys: tuple[str, ...]) -> tuple[str | None, frozenset[str], bool]:
    """Mention kind suggested by a unit's keys, its typed keys, and whether its only keys are
    name skeletons (an Arabic word the lexicon does not know). Cached: words repeat."""
    kind: str | None = None
    for k in keys:
        c = k[0]
        if c == "@":  # a date before a number: الاثنين is Monday more often than "the two"
            kind = "month" if k[1] == "m" else "weekday"
            break
        if c == "#":
            kind = "number"
        elif c == "~" and kind is None:
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
    _, typed, _ = classify(keys)
    m = _DOT_THOUSANDS_RE.match(text.translate(TO_ASCII_DIGITS))
    if m:
        return typed | {f"#{int(m.group(1) + m.group(2))}"}
    return typed


_GROUP_GAPS = frozenset({" ", ",", ", ", "،", "، ", "٬", "٬ "})
#: Text that may stand before a clause number: the start of the side, a stop, a bracket.
_BEFORE_CLAUSE = re.compile(r"(?:^|[.!?\u061f:\n])[\s(\u200e\u200f]*$")


def _clause_number(text: str, u: Unit, v: Unit) -> bool:
    """Whether ``u-v`` opening a sentence is a clause number: legal Arabic writes clause 3.1
    as ``3-1`` (``3-1 يدفع العميل ...`` for "3.1 The Client shall pay ..."), which is then
    one number, 3.1, not two. Only at the head of a sentence, two short groups."""
    return (text[u.end : v.start] in ("-", "\u2013") and len(u.text) <= 3 and len(v.text) <= 3
            and u.text.isdigit() and v.text.isdigit()
            and _BEFORE_CLAUSE.search(text, 0, u.start) is not None
            and text[v.end : v.end + 1] in ("", " ", ".", ")", "-", "\u00a0"))


_RANGE_DASHES = ("-", "–", "—", "/")


def _year_range_end(text: str, units: list[Unit], i: int) -> tuple[str, ...]:
    """The full year of the end of an abbreviated range (``1950-53``: also 1953)."""
    u = units[i]
    if i == 0 or len(u.text) != 2 or not u.text.isdigit():
        return ()
    v = units[i - 1]
    if (len(v.text) == 4 and v.text.isdigit() and text[v.end : u.start] in _RANGE_DASHES
            and v.text[:2] in ("18", "19", "20")):
        return (f"#{int(v.text[:2] + u.text)}",)
    return ()


#: Separators of a numeric date (``14/3/2025``, ``2025-03-14``, ``14.3.2025``).
_DATE_SEPS = frozenset("/-.")


def _numeric_months(text: str, units: list[Unit], digits: list[int], day_first: bool
                    ) -> dict[int, int]:
    """Unit index -> month, for the month of each numeric date: three digit tokens joined
    by one separator, the year (four digits) first or last. Year first is year/month/day;
    year last is day/month/year when the first part is over 12 or ``day_first`` (Arabic
    writes dates so), month/day/year when the second is over 12; an English ``3/5/2025``
    stays three numbers. ``صدر الحكم بتاريخ 14/3/2025`` against "on 14 March 2025" had
    the 3 a number with no counterpart and March a date with none."""
    out: dict[int, int] = {}
    for n in range(len(digits) - 2):
        i = digits[n]
        if digits[n + 1] != i + 1 or digits[n + 2] != i + 2:
            continue
        a, b, c = units[i], units[i + 1], units[i + 2]
        sep = text[a.end : b.start]
        if sep not in _DATE_SEPS or text[b.end : c.start] != sep or not all(
                u.text.isdigit() for u in (a, b, c)):
            continue
        x, y, z = (int(u.text.translate(TO_ASCII_DIGITS)) for u in (a, b, c))
        if len(a.text) == 4 and 1 <= y <= 12 and 1 <= z <= 31:
            out[i + 1] = y
        elif len(c.text) == 4 and 1 <= x <= 31 and 1 <= y <= 31:
            if 1 <= y <= 12 and (x > 12 or day_first):
                out[i + 1] = y
            elif y > 12 and x <= 12:
                out[i] = x
    return out


def _digit_cands(text: str, units: list[Unit], day_first: bool = False) -> dict[int, Cand]:
    """Candidates of the digit tokens of one side, with the keys of other writings: the
    decade of ``1980s``, the parts of a clock time (``numwords.digit_alternates``), the year
    that ends an abbreviated range (``1950-53``), and a
    thousands group written apart (``30, 000``: the first token also keys 30000, the second
    is not reported on its own). A lone ``00`` of a clock time (``04:00``) is not reported.
    The month of a numeric date is a month (``_numeric_months``)."""
    out: dict[int, Cand] = {}
    digits = [i for i, u in enumerate(units) if u.text[0].isdigit()]
    months = _numeric_months(text, units, digits, day_first) if len(digits) > 2 else {}
    follower: set[int] = set()
    for n, i in enumerate(digits):
        u = units[i]
        if i in months:  # the month of a numeric date answers a month name
            out[i] = (u, "month", True, frozenset({f"@m{months[i]}"}))
            continue
        keys = set(_number_keys(u.text, u.keys))
        keys.update(digit_alternates(u.text, text[u.end : u.end + 4]))
        keys.update(_year_range_end(text, units, i))
        if n + 1 < len(digits) and digits[n + 1] == i + 1:
            v = units[i + 1]
            if (len(v.text) == 3 and v.text.isdigit() and u.text.isdigit()
                    and text[u.end : v.start] in _GROUP_GAPS):
                whole = (int(u.text.translate(TO_ASCII_DIGITS)) * 1000
                         + int(v.text.translate(TO_ASCII_DIGITS)))
                keys.add(f"#{whole}")
                follower.add(i + 1)
            elif _clause_number(text, u, v):
                keys.add(f"#{u.text.translate(TO_ASCII_DIGITS)}.{v.text.translate(TO_ASCII_DIGITS)}")
                follower.add(i + 1)
        required = i not in follower and not (
            set(u.text) <= {"0", "٠"} and text[max(0, u.start - 1) : u.start] == ":"
        )
        out[i] = (u, "number", required, frozenset(keys))
    return out


@lru_cache(maxsize=50_000)
def _en_name(word: str, glosses: frozenset[str]) -> tuple[str | None, bool]:
    """For a capitalised English word: a date key if it is a possessive date (``Friday's``,
    which the aligner does not key), and whether it must find a counterpart as a name.
    Cached (``glosses`` is the lexicon's one ``gloss_vocabulary``, whose hash a frozenset
    keeps): the scorer asks it of every capitalised word of every bead, and the compound
    test walks every cut of the word.

    A word the lexicon can translate ("Council", "Prime") is judged by coverage; a name is a
    word no gloss explains, neither an acronym (CDC, HCoVs: often spelled out in Arabic) nor
    a compound (PCR-based). (A known name, "Istanbul", is required where the Arabic names
    another one: ``swapped_names``.)
    """
    bare = word.removesuffix("'s").removesuffix("’s")
    if bare != word:
        date = K.months_weekdays_en(bare.lower())
        if date is not None:
            return date, True
    required = (en_stem(bare) not in glosses and "-" not in bare
                and sum(ch.isupper() for ch in bare) < 2 and not _compound(bare, glosses)
                and not bare.lower().endswith(("n't", "n’t")))  # "Didn't" opening a quote
    return None, required


#: The shortest part of a capitalised compound of two dictionary words (``Southwest``,
#: ``Premiership``, ``Healthcare``); shorter parts split too many names (``Johnson``: john +
#: son, ``Newcastle``).
COMPOUND_PART = 4


#: Prefixes that make a dictionary word of a dictionary word (``Biosafety``, ``Seafood``,
#: ``Reusable``); not ``co``, ``de``, ``al`` and the like, which begin too many names.
COMPOUND_PREFIXES = ("anti", "bio", "inter", "micro", "multi", "non", "over", "re", "sea",
                     "sub", "super", "un", "under")


def _known(part: str, vocabs: tuple[frozenset[str], ...]) -> bool:
    stem = en_stem(part)
    return any(part in v or stem in v for v in vocabs)


def _compound(word: str, *vocabs: frozenset[str]) -> bool:
    """Whether ``word`` is two words the vocabularies know (the lexicon's English side, and
    for ``common_word`` the dictionary list too), written as one, or a known word behind a
    common prefix: a translated common noun (``Northeast`` = شمال شرق), not a name."""
    w = word.lower()
    if any(w.startswith(p) and len(w) - len(p) >= COMPOUND_PART and _known(w[len(p):], vocabs)
           for p in COMPOUND_PREFIXES):
        return True
    for i in range(COMPOUND_PART, len(w) - COMPOUND_PART + 1):
        if _known(w[:i], vocabs) and _known(w[i:], vocabs):
            return True
    return False


@lru_cache(maxsize=50_000)
def common_word(word: str, glosses: frozenset[str]) -> bool:
    """Whether a capitalised word no gloss explains is an English common word all the same:
    in the dictionary word list (``names.dictionary_words``: ``Arctic``, ``Virology``,
    ``Taxonomy``), or a compound or prefixed word whose parts are (``Reusable``). Such a
    word in a title (``State Research Center of Virology``) is translated, not transcribed."""
    words = dictionary_words()
    bare = word.removesuffix("'s").removesuffix("’s")
    if en_stem(bare) in words:
        return True
    return _compound(bare, glosses, words)


def cands_en(text: str, units: list[Unit], ar_keys: set[str], glosses: frozenset[str]
             ) -> list[Cand]:
    """Mention candidates of an English side: its digits, number words, dates and names,
    plus the month abbreviations the aligner does not key when the Arabic side has that
    month (``ar_keys``); ``glosses`` tells a translatable capitalised word from a name.

    A capitalised common word (``common_word``) is a required name only next to one that
    is not (``Carnegie Mellon``, not ``the Arctic`` or ``Murine coronavirus``)."""
    out: list[Cand] = []
    digits = _digit_cands(text, units)
    common: list[tuple[int, int]] = []  # (index in out, index in units)
    proper: set[int] = set()
    for i, u in enumerate(units):
        c = digits.get(i) or _en_word_cand(u, glosses)
        if c is None:
            continue
        if c[1] == "name" and c[2]:
            if common_word(u.text, glosses):
                common.append((len(out), i))
                c = (u, "name", False, c[3])
            else:
                proper.add(i)
        out.append(c)
    for k, i in common:
        u = out[k][0]
        if any(j in proper and not text[min(u.end, units[j].end) : max(u.start, units[j].start)]
               .strip() for j in (i - 1, i + 1)):
            out[k] = (u, "name", True, out[k][3])
    extra = _en_month_cands(text, ar_keys)
    if extra:
        out.extend(extra)
        out.sort(key=lambda c: c[0].start)
    return [_with_counted(text, c) for c in out]


#: The counts Arabic writes in the noun alone: a dual (قرصين "2 tablets", يومين "2 days") or
#: a singular (لمدة ساعة "for 1 hour"), with no number word.
_NOUN_COUNTS = ("#1", "#2")


def _with_counted(text: str, c: Cand) -> Cand:
    """An English 1 or 2 before a noun also keys ``#N~stem`` of that noun, which an Arabic
    dual or singular of a word glossed so answers (``counted_keys``). The word after it is
    keyed too when it is no function word, since the noun may come second: "1 whole
    chicken" (دجاجة كاملة), "1 teaspoon salt" (ملعقة ملح), "2 cups of flour"."""
    unit, kind, required, typed = c
    if kind != "number" or not unit.text[0].isdigit():
        return c
    count = next((k for k in _NOUN_COUNTS if k in typed), None)
    if count is None:
        return c
    m = _NEXT_WORD_RE.match(text, unit.end)
    if m is not None and m.group(1).lower() in ("or", "to"):
        # "1 or 2 tablets": the noun after the second number counts the first too
        m2 = _NEXT_WORD_RE.match(text, m.end())
        if m2 is not None and m2.group(1).isdigit():
            m = _NEXT_WORD_RE.match(text, m2.end())
    if m is None or not m.group(1).isalpha() or m.group(1)[0].isupper():
        # A capitalised word is no counted noun: "1 March" is a date, and a month the
        # Arabic names (الأول من مارس) answered the 1 as a singular noun and left March
        # unmatched, hiding a wrong day (الثاني من يناير for "1 January").
        return c
    keys = {f"{count}~{en_stem(m.group(1).lower())}"}
    m2 = _NEXT_WORD_RE.match(text, m.end())
    if m2 is not None and m2.group(1).lower() == "of":
        m2 = _NEXT_WORD_RE.match(text, m2.end())
    if m2 is not None and m2.group(1).isalpha() and m2.group(1).islower() \
            and m2.group(1) not in english_stopwords:
        keys.add(f"{count}~{en_stem(m2.group(1))}")
    return (unit, kind, required, typed | keys)


def counted_keys(ce: list[Cand]) -> frozenset[str]:
    """The ``#N~stem`` keys of an English side's candidates (``_with_counted``)."""
    return frozenset(k for c in ce if c[1] == "number" for k in c[3] if "~" in k)


_DUAL_ENDS = ("ين", "ان")
_PLURAL_ENDS = ("ات", "ون", "ين", "ان")


#: A construct dual: the dual that drops its nun before the noun it is joined to
#: (``كوبا دقيق``, ``حبتا ليمون``: two cups of flour, two lemons).
_CONSTRUCT_DUAL_RE = re.compile(r"[\u0621-\u064a]{3,}[\u0627]")
#: A measure or piece word's construct dual before the noun it counts: feminine ones only
#: (``حبتا``, ``ملعقتا``, ``قطعتا``, ``علبتا``), since a word in ``ا`` before a noun is
#: more often an accusative (``أيضا``) or a pronoun (``لديها``) than a dual.
_MEASURE_DUAL_RE = re.compile(r"[\u0621-\u064a]{2,}\u062a\u0627")


def _counted_cand(text: str, u: Unit, counted: frozenset[str]) -> Cand | None:
    """An Arabic noun that carries the count of an English ``1``/``2`` before the same noun
    (``counted``): a dual for 2, a singular with no number before it for 1. A dual is
    ``ـان``/``ـين``, or a construct dual: the noun's own (``كوبا`` before the noun it is
    joined to) or that of the measure or piece before it (``حبتا ليمون``, two pieces of
    lemon, for "2 lemons")."""
    norm = normalize_ar(u.text)
    prev = text[max(0, u.start - 12) : u.start].split()
    if prev and (prev[-1][0].isdigit() or ar_number_word(prev[-1])):
        return None  # "3 ساعات", "ثلاث ساعات": the count is that number
    before = normalize_ar(prev[-1]) if prev and text[u.start - 1 : u.start] == " " else ""
    dual = (len(norm) >= 5 and norm.endswith(_DUAL_ENDS)) or (
        _MEASURE_DUAL_RE.fullmatch(before) is not None and before not in arabic_stopwords)
    # A noun in ``ا`` before another word may be a construct dual or a singular (عصا).
    maybe = not dual and _CONSTRUCT_DUAL_RE.fullmatch(norm) is not None \
        and _NEXT_AR_WORD_RE.match(text, u.end) is not None
    if not dual and not maybe and norm.endswith(_PLURAL_ENDS):
        return None
    counts = ("#2",) if dual else ("#1", "#2") if maybe else ("#1",)
    keys = frozenset(f"{n}~{g}" for n in counts for g in u.keys) & counted
    return (u, "number", False, keys) if keys else None


def swapped_names(ce: list[Cand], ua: Sequence[Unit], keys_en: set[str],
                  keys_ar: set[str], table: Glosses) -> list[Cand]:
    """``ce`` with the known names (a capitalised word whose gloss is a name,
    ``names.name_glosses``: "Istanbul", "Shoukry") required when one is unmatched and the
    Arabic side holds an unmatched known name of its own (أنقرة, أحمد): one name put for
    another ("killed in Istanbul" for قتل في أنقرة; ``table``: the lexicon's entries). A
    known name left out, or rendered by a
    description ("Brexit" for خروج بريطانيا), stays judged by coverage: translators do
    that, and requiring every known name flagged 2% more faithful news beads."""
    known = name_glosses()
    lost = [i for i, c in enumerate(ce) if c[1] == "name" and not c[2]
            and c[3].isdisjoint(keys_ar) and en_stem(_bare(c[0].text)) in known]
    if not lost or not any(keys_en.isdisjoint(u.keys) and _known_name(u, known, table)
                           for u in ua):
        return ce
    out = list(ce)
    for i in lost:
        u, kind, _, typed = out[i]
        out[i] = (u, kind, True, typed)
    return out


def swapped_abbreviations(ce: list[Cand], ua: Sequence[Unit], keys_en: set[str],
                          keys_ar: set[str]) -> list[Cand]:
    """``ce`` with the abbreviations (``features.ABBREVIATIONS_EN``) required that have no
    counterpart while an unmatched Arabic word is one of the words another abbreviation
    stands for: one body put for another ("the EU" for المملكة المتحدة, the UK, scored 0.95
    once "U.S." beside it met الولايات المتحدة). An abbreviation merely left out ("based on
    preliminary U.S. data" with no "American") stays judged by coverage, as a known name
    is (``swapped_names``)."""
    lost = [i for i, c in enumerate(ce) if c[1] == "name" and not c[2]
            and c[0].text in ABBREVIATIONS_EN and c[3].isdisjoint(keys_ar)]
    if not lost:
        return ce
    out = list(ce)
    for i in lost:
        u, kind, _, typed = ce[i]
        others = _ABBREVIATION_STEMS - typed
        if any(keys_en.isdisjoint(v.keys) and not others.isdisjoint(v.keys) for v in ua):
            out[i] = (u, kind, True, typed)
    return out


#: Every stem an abbreviation stands for (derived from ``ABBREVIATIONS_EN``, not hashed).
_ABBREVIATION_STEMS = frozenset().union(*(abbreviation_stems(a) for a in ABBREVIATIONS_EN))


#: Shortest stem of a required English name that is compared with the Arabic side's glosses
#: for a misspelt word (``misspelt_words``): shorter stems are one edit from too many.
MISSPELT_MIN = 6


def misspelt_words(ce: list[Cand], keys_ar: set[str]) -> list[Cand]:
    """``ce`` with the required names no longer required whose stem is one edit from a gloss
    stem of the Arabic side: a common word misspelt, which a capital made a name ("Allah's
    Measenger" and "The Messengger of Allah" for رسول, "messenger"). Hadith translations and
    scanned books have such typos; each was a name mismatch (0.02) on a faithful bead. The
    word itself stays unmatched, so coverage still counts it."""
    lost = [i for i, c in enumerate(ce) if c[1] == "name" and c[2]
            and c[3].isdisjoint(keys_ar)]
    if not lost:
        return ce
    out = ce
    for i in lost:
        u, kind, _, typed = ce[i]
        stem = en_stem(_bare(u.text))
        if len(stem) < MISSPELT_MIN or not stem.isalpha():
            continue
        if any(len(k) >= MISSPELT_MIN and k[0].isalpha() and one_edit(stem, k) for k in keys_ar):
            out = list(out) if out is ce else out
            out[i] = (u, kind, False, typed)
    return out


#: Values too loose for a number word to be called swapped: "one" ("the one who", أحد
#: "someone of") and a half; and the words of "second" (ثانية is also "again", and a
#: second of time), of a percentage (في المائة) and of plural scales (آلاف "thousands").
_LOOSE_VALUES = frozenset({"#0", "#1", "#0.5", "#50"})
#: English "two", whose count Arabic writes in a dual noun more often than in a number
#: word (مرتين "two times"): left unanswered, it is no sign of another number.
_LOOSE_EN = frozenset({"two", "second", "seconds", "hundreds", "thousands", "millions"})
_LOOSE_AR_ENDS = ("ثاني", "ثانيه", "ثانيا", "المائه", "المئه", "الاف", "ملايين", "مليارات")


def _word_values(c: Cand, lang: str) -> frozenset[str]:
    """The values of a number candidate written in words, or none: a digit, a counted
    noun (``#2~stem``), a loose word (``_LOOSE_VALUES``) and any other mention give none."""
    unit, kind, _, typed = c
    if kind != "number" or unit.text[0].isdigit():
        return frozenset()
    values = frozenset(k for k in typed if "~" not in k)
    if values <= _LOOSE_VALUES:
        return frozenset()
    if lang == "en":
        loose = unit.text.lower() in _LOOSE_EN
    else:
        loose = normalize_ar(unit.text).endswith(_LOOSE_AR_ENDS) or ar_clitic_short(unit.text)
    return frozenset() if loose else values


def swapped_numbers(en_text: str, ce: list[Cand], ca: list[Cand], keys_en: set[str],
                    keys_ar: set[str], ua: Sequence[Unit] = ()
                    ) -> tuple[list[Cand], list[Cand]]:
    """``ce`` and ``ca`` with their number words required when each side holds one the
    other side does not answer: one number put for another ("five hours" for ثلاث
    ساعات). Number words are optional, since a translation may write a count in the noun
    (an Arabic dual for "two"), drop it, or write it in digits (a digit left unanswered is
    reported already); two unanswered number words, one a side, are a different number.
    English cardinals of several words are read whole (``numwords.en_compounds``: "two
    hundred" is مائتين), Arabic ones already are (``features.units_ar``). An English "two"
    is judged too when the Arabic counts the same noun with another number word ("two
    children" for ثلاثة أطفال; ``ua``: the Arabic units, whose noun after the number is
    looked at)."""
    lost_ar = [j for j, c in enumerate(ca) if _word_values(c, "ar")]
    if not lost_ar:
        return ce, ca
    nouns = _counted_nouns([ca[j][0] for j in lost_ar], ua)
    lost_en = [i for i, c in enumerate(ce)
               if _word_values(c, "en") or _two_of(en_text, c, nouns)]
    if not lost_en:
        return ce, ca
    compounds = en_compounds(en_text)
    num_en = {k for k in keys_en if k[0] == "#"}.union(
        *(c[3] for c in ce if c[1] == "number"), (f"#{v}" for _, _, v in compounds),
        en_implied_numbers(en_text))
    num_ar = {k for k in keys_ar if k[0] == "#"}.union(*(c[3] for c in ca if c[1] == "number"))

    def whole(c: Cand) -> frozenset[str]:
        s = c[0].start
        return c[3].union(f"#{v}" for a, b, v in compounds if a <= s < b)

    lost_en = [i for i in lost_en if whole(ce[i]).isdisjoint(num_ar)]
    lost_ar = [j for j in lost_ar if ca[j][3].isdisjoint(num_en)
               and not _after_answered(ca, j, num_en)]
    if not lost_en or not lost_ar:
        return ce, ca
    out_e, out_a = list(ce), list(ca)
    for i in lost_en:
        u, kind, _, typed = out_e[i]
        out_e[i] = (u, kind, True, typed)
    for j in lost_ar:
        u, kind, _, typed = out_a[j]
        out_a[j] = (u, kind, True, typed)
    return out_e, out_a


def _counted_nouns(numbers: list[Unit], ua: Sequence[Unit]) -> frozenset[str]:
    """The keys of the Arabic words right after ``numbers`` (the nouns they count)."""
    out: set[str] = set()
    for u in numbers:
        nxt = next((v for v in ua if v.start >= u.end), None)
        if nxt is not None and nxt.start - u.end <= 1:
            out.update(nxt.keys)
    return frozenset(out)


def _two_of(en_text: str, c: Cand, nouns: frozenset[str]) -> bool:
    """Whether English candidate ``c`` is "two" before a noun the Arabic counts with a
    number word of its own (``nouns``: ``_counted_nouns``)."""
    if not nouns or c[1] != "number" or c[0].text.lower() != "two":
        return False
    m = _NEXT_WORD_RE.match(en_text, c[0].end)
    return m is not None and en_stem(m.group(1).lower()) in nouns


def _after_answered(ca: list[Cand], j: int, num_en: set[str]) -> bool:
    """Whether Arabic number word ``j`` follows, one space after, a number the English
    answers: the second word of that number (``عشر`` of ``الثالثة عشر``, 13th), not a
    number of its own."""
    if j == 0:
        return False
    prev, cur = ca[j - 1][0], ca[j][0]
    return ca[j - 1][1] == "number" and cur.start - prev.end <= 1 \
        and not ca[j - 1][3].isdisjoint(num_en)


def _known_name(u: Unit, known: frozenset[str], table: Glosses) -> bool:
    """Whether an Arabic word is a name the lexicon knows: its own entry (with or without
    the article; not the readings of its clitics, أ + نقر in أنقرة) glossed by names at
    least as much as by words (أنقرة ankara; not كتاب, book and kuttab)."""
    norm = normalize_ar(u.text)
    entry = table.get(norm) or (table.get(norm[2:]) if norm.startswith("ال") else None)
    if not entry:
        return False
    return 2 * len(known.intersection(entry)) >= len(entry)


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


def _en_word_cand(u: Unit, glosses: frozenset[str]) -> Cand | None:
    """The candidate of an English word that is not a digit token, or ``None``: number
    words are optional (counterparts only), and so are numbers keyed as words; a
    capitalised word no gloss explains is a required name, a possessive date a required
    date; a month or weekday is required when capitalised. An abbreviation of
    ``features.ABBREVIATIONS_EN`` is an optional name, whose counterparts are the words it
    stands for and its own letters (``swapped_abbreviations`` requires it)."""
    if u.text in ABBREVIATIONS_EN:  # "EU", "U.S.": met by what they stand for
        return (u, "name", False, frozenset(k for k in u.keys if k[0] != "="))
    kind, typed, _ = classify(u.keys)
    words = en_word_keys(u.text) if kind != "number" else ()
    if words:
        return (u, "number", False, frozenset(words))
    if kind is None:
        return None
    if kind == "name":
        date, required = _en_name(u.text, glosses)
        if date is not None:
            return (u, "month" if date[1] == "m" else "weekday", True, frozenset((date,)))
        return (u, "name", required, typed)
    if kind == "number":
        return (u, "number", False, typed)
    return (u, kind, u.text[0].isupper(), typed)


#: Every key ``_en_month_cands`` can give (lower-case: derived from the tables above, which
#: the signature hashes).
_month_cand_keys = frozenset({*_EN_DAY_WORDS.values(), *(f"@m{n}" for n in _EN_MONTH_NO.values())})


def _en_month_cands(text: str, ar_keys: set[str]) -> list[Cand]:
    """"May" and abbreviations (Oct., Sept), which the aligner does not key (``may`` the
    verb), ``Sabbath`` and names that begin with a month's (``Mayo``): optional candidates,
    only for a date that the Arabic side has: none when the Arabic side has none of the
    keys these can give (``_month_cand_keys``), so most beads skip the three scans."""
    if ar_keys.isdisjoint(_month_cand_keys):
        return []
    out: list[Cand] = []
    for m in _EN_DAY_WORD_RE.finditer(text):  # the Sabbath: السبت
        key = _EN_DAY_WORDS[m.group(1)]
        if key in ar_keys:
            u = Unit(m.start(), m.end(1), m.group(1), (key,))
            out.append((u, "weekday", False, frozenset((key,))))
    for m in _EN_MONTH_NAME_RE.finditer(text):  # Mayo Clinic: مايو كلينيك
        key = f"@m{_EN_MONTH_NO[m.group(1)[:3]]}"
        if key in ar_keys:
            u = Unit(m.start(), m.end(), m.group(), (key,))
            out.append((u, "month", False, frozenset((key,))))
    for m in _EN_MONTH_RE.finditer(text):
        key = f"@m{_EN_MONTH_NO[m.group(1)[:3]]}"
        if key in ar_keys:
            u = Unit(m.start(), m.end(1), m.group(1), (key,))
            out.append((u, "month", False, frozenset((key,))))
    return out


def _ar_date_required(text: str, unit: Unit, kind: str) -> bool:
    """Whether an Arabic month or weekday word is surely a date (see the tables above)."""
    norm = normalize_ar(unit.text)
    near_digit = bool(_DIGIT_RE.search(text, max(0, unit.start - 12), unit.end + 12))
    after_day = "يوم" in text[max(0, unit.start - 5) : unit.start]
    if kind == "weekday":
        if norm in K.AR_NUMBER_WORDS:  # واحد "one" (و + احد, Sunday), اثنين "two"
            return False
        form = K.strip_clitic(norm, _AR_SAFE_WEEKDAYS)
        return form is not None or after_day or (near_digit and norm.startswith("ال"))
    ambiguous = K.strip_clitic(norm, _AR_AMBIGUOUS_MONTHS)
    # An ambiguous month is a date next to a digit, and written as it is: لاب in لاب كورب
    # (LabCorp) is no "for August".
    return ambiguous is None or (near_digit and ambiguous == norm)


#: A match's score in words, as Arabic sports reports write "2-1", "3-0", "1-1": a dual on
#: either side of ``مقابل`` is 2 and a singular of the same noun 1 (بهدفين مقابل هدف), ``لا
#: شيء`` after it 0; a "clean" winner (``نظيف``: بهدف نظيف "1-0", بهدفين نظيفين, بثلاثية
#: نظيفة "3-0") stands against a 0; and the run of goals has a word of its own (ثنائية 2,
#: ثلاثية 3, ...). Number words (ثلاثة أهداف) are numbers already. Normalised forms.
_AR_SCORE_RUNS = {"ثنائيه": 2, "ثلاثيه": 3, "رباعيه": 4, "خماسيه": 5, "سداسيه": 6,
                  "سباعيه": 7}
_AR_SCORE_AGAINST = "مقابل"
_AR_SCORE_CLEAN = frozenset({"نظيف", "نظيفه", "نظيفين", "نظيفتين"})
_AR_SCORE_NIL = ("لا", "شيء")
#: A draw: "بهدف لمثله" (1-1, a goal for its like), "بهدفين لمثلهما" (2-2); a goalless one
#: (التعادل السلبي, 0-0).
_AR_SCORE_LIKE = frozenset({"لمثله", "لمثلها", "لمثلهما", "مثله", "بمثله"})
_AR_SCORE_GOALLESS = frozenset({"السلبي", "سلبي"})
#: A score needs a word of the game in its sentence: "مقابل معتقلين" (for prisoners, a
#: plural in -ين) is no score.
_AR_SCORE_CUES = ("هدف", "اهداف", "مباراه", "فاز", "فوز", "تعادل", "خسر", "هزم", "هزيم",
                  "تغلب", "نتيجه", "شوط", "نقط", "نقاط")
_AR_TOKEN_RE = re.compile(r"[^\s.,:;!?\u060c\u061b\u061f()\"\u00ab\u00bb]+")


def _score_word(norm: str, other: str) -> int | None:
    """The count of one side of a score (``norm``, its neighbour across ``مقابل`` or the
    ``نظيف`` after it: ``other``): a run word, a dual, or a singular of the other's dual."""
    bare = norm[1:] if norm[:1] in "بول" and len(norm) > 4 else norm
    if bare in _AR_SCORE_RUNS:
        return _AR_SCORE_RUNS[bare]
    if len(bare) >= 5 and bare.endswith(("ين", "ان")) and not bare.startswith("ال"):
        return 2
    other_bare = other[1:] if other[:1] in "بول" and len(other) > 4 else other
    if other_bare.endswith(("ين", "ان")) and len(bare) >= 3 and other_bare[:-2] == bare:
        return 1
    return None


_Tok = tuple[int, int, str]


def score_cands(text: str, taken: set[int]) -> list[Cand]:
    """Optional number candidates of a score written in words (see ``_AR_SCORE_RUNS``), for
    the English digits of "won 2-1", which were a number mismatch (0.0007) on a faithful
    match report; ``taken``: start offsets of the side's own number candidates."""
    if not any(w in text for w in (_AR_SCORE_AGAINST, "نظيف", "مثل", "سلبي")):
        return []
    toks = [(m.start(), m.end(), normalize_ar(m.group())) for m in _AR_TOKEN_RE.finditer(text)]
    if not any(cue in norm for _, _, norm in toks for cue in _AR_SCORE_CUES):
        return []
    found: dict[int, tuple[int, int, int]] = {}
    for t in range(1, len(toks)):
        found.update(_score_at(toks, t))
    out: list[Cand] = []
    for s, e, value in sorted(found.values()):
        if s in taken:
            continue
        key = f"#{value}"
        out.append((Unit(s, e, text[s:e], (key,)), "number", False, frozenset((key,))))
    return out


def _score_at(toks: list[_Tok], t: int) -> dict[int, tuple[int, int, int]]:
    """The counts of a score around token ``t`` (``مقابل`` or ``نظيف``), by start offset."""
    found: dict[int, tuple[int, int, int]] = {}
    prev, norm = toks[t - 1], toks[t][2]
    nxt = toks[t + 1] if t + 1 < len(toks) else None
    if norm == _AR_SCORE_AGAINST and nxt:
        after = toks[t + 2] if t + 2 < len(toks) else None
        if after and (nxt[2], after[2]) == _AR_SCORE_NIL:
            found[nxt[0]] = (nxt[0], after[1], 0)
        for a, b in ((prev, nxt), (nxt, prev)):
            value = _score_word(a[2], b[2])
            if value is not None:
                found[a[0]] = (a[0], a[1], value)
    elif norm in _AR_SCORE_CLEAN or norm in _AR_SCORE_LIKE:
        value = _score_word(prev[2], "")
        if value is None and prev[2].removeprefix("ب") in ("هدف", "نقطه"):
            value = 1
        if value is not None:
            found[prev[0]] = (prev[0], prev[1], value)
            found[toks[t][0]] = (toks[t][0], toks[t][1], 0 if norm in _AR_SCORE_CLEAN
                                 else value)
    elif norm in _AR_SCORE_GOALLESS and "تعادل" in prev[2]:
        found[toks[t][0]] = (toks[t][0], toks[t][1], 0)
    return found


def cands_ar(text: str, units: list[Unit], en_names: frozenset[str],
             counted: frozenset[str] = frozenset()) -> list[Cand]:
    """Mention candidates of an Arabic side; ``counted``: the English side's counted nouns
    (``counted_keys``), which an Arabic dual or singular answers."""
    out: list[Cand] = []
    digits = _digit_cands(text, units, day_first=True)
    nouns = frozenset(k.split("~", 1)[1] for k in counted)
    for i, u in enumerate(units):
        if i in digits:
            out.append(digits[i])
            continue
        if counted and not nouns.isdisjoint(u.keys):
            c = _counted_cand(text, u, counted)
            if c is not None:
                out.append(c)
                continue
        kind, typed, _ = classify(u.keys)
        if kind in ("month", "weekday"):
            out.append((u, kind, _ar_date_required(text, u, kind), typed))
        words: tuple[str, ...] = ()
        if ar_number_word(u.text):
            m = _NEXT_WORD_RE.match(text, u.end)
            words = ar_word_keys(u.text, m.group(1) if m else "")
        # A number word with glosses besides its value (واحد "one", "someone") is classed
        # as a word, but its value still answers a digit (شخص واحد for "1 in 10"). Keys are
        # sorted, so a word with a ``#`` key has one first; the words of a cardinal of
        # several words carry its value among their keys (``features.units_ar``).
        num = (typed if kind == "number"
               else frozenset(k for k in u.keys if k[0] == "#")
               if u.keys and u.keys[0][0] == "#" else frozenset())
        if words or num:
            out.append((u, "number", False, num | frozenset(words)))
        elif kind not in ("month", "weekday") and en_names and not en_names.isdisjoint(u.keys):
            out.append((u, "name", False, typed))
    scores = score_cands(text, {c[0].start for c in out if c[1] == "number"})
    if scores:
        out = sorted([*out, *scores], key=lambda c: c[0].start)
    return out


@lru_cache(maxsize=10_000)
def _is_scale(word: str) -> bool:
    return word.lower() in K.EN_SCALE or normalize_ar(word) in K.AR_SCALE


def _number_text(text: str, unit: Unit) -> tuple[int, str]:
    """End and display text of a number, with its scale word (``820 ألف``, ``2.5 million``)."""
    m = _NEXT_WORD_RE.match(text, unit.end)
    if m and _is_scale(m.group(1)):
        return m.end(), text[unit.start : m.end()]
    return unit.end, unit.text


def link(
    en_text: str, ar_text: str, ce: list[Cand], ca: list[Cand],
    fuzzy: list[tuple[int, int]],
) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """Keep the required candidates and the optional ones that found a counterpart, and link
    them both ways (``fuzzy``: extra links found by ``fuzzy_names``)."""
    links, back = _links(ce, ca, fuzzy)
    # A matched English name is shown even when a gloss explains it ("Baghdad" / بغداد).
    keep_e = [i for i, a in enumerate(ce)
              if a[2] or any(ca[j][2] for j in links[i]) or (a[1] == "name" and links[i])]
    kept = set(keep_e)
    keep_a = [j for j, b in enumerate(ca) if b[2] or any(i in kept for i in back[j])]
    new_e = {i: k for k, i in enumerate(keep_e)}
    new_a = {j: k for k, j in enumerate(keep_a)}
    en = tuple(_mention(en_text, ce[i], links[i], new_a) for i in keep_e)
    ar = tuple(_mention(ar_text, ca[j], back[j], new_e) for j in keep_a)
    return en, ar


def _links(
    ce: list[Cand], ca: list[Cand], fuzzy: list[tuple[int, int]]
) -> tuple[list[set[int]], list[list[int]]]:
    """For each English candidate the Arabic ones sharing a typed key of the same kind (plus
    the ``fuzzy`` pairs), and the same links seen from the Arabic side. An index of the
    Arabic keys keeps this linear in the number of keys, not quadratic in candidates."""
    index: dict[tuple[str, str], list[int]] = {}
    for j, (_, kind, _, typed) in enumerate(ca):
        for k in typed:
            index.setdefault((kind, k), []).append(j)
    links: list[set[int]] = []
    for c in ce:
        _, kind, _, typed = c
        found: set[int] = set()
        for k in typed:
            hit = index.get((kind, k))
            if hit:
                found.update(hit)
        links.append(_same_scale(c, found, ca) if found and kind == "number" else found)
    for i, j in fuzzy:
        links[i].add(j)
    back: list[list[int]] = [[] for _ in ca]
    for i, js in enumerate(links):
        for j in js:
            back[j].append(i)
    return links, back


def _scaled_key(c: Cand) -> str | None:
    """The key of a digit number's value times the scale word after it (``18.1 billion``:
    ``#18100000000``), or ``None`` without one. Its keys are then that and the bare value
    (``features``: ``keys.number_keys``), and two numbers that both carry a scale word are
    the same only if these agree: sharing the bare value, ``18.1 billion`` answered
    ``١٨٫١ مليون`` (million), a translation error that changes a figure a thousandfold.
    Against a number without one, the bare value still answers (a scale word left out, or
    written as digits)."""
    unit = c[0]
    keys = unit.keys
    if len(keys) == 2 and unit.text[0].isdigit() and keys[0] != keys[1] \
            and keys[0][0] == keys[1][0] == "#":
        return keys[1]
    return None


def _same_scale(c: Cand, found: set[int], ca: list[Cand]) -> set[int]:
    """The numbers of ``found`` that can answer the number ``c``: all of them, unless both
    carry a scale word and the scaled values differ (``_scaled_key``)."""
    scaled = _scaled_key(c)
    if scaled is None:
        return found
    return {j for j in found if _scaled_key(ca[j]) in (None, scaled)}


def _mention(text: str, c: Cand, partners: Iterable[int], index: dict[int, int]) -> Mention:
    """The mention of a kept candidate: a number shown with its scale word, its partners
    renumbered among the kept candidates of the other side (``index``: old -> new), and the
    smallest typed key as its value (names have none: their keys are spelling skeletons)."""
    unit, kind, required, typed = c
    if kind == "number":
        end, shown = _number_text(text, unit)
    else:
        end, shown = unit.end, unit.text
    kept = tuple(sorted({index[p] for p in partners if p in index}))
    key = min(typed) if kind != "name" and typed else ""
    return Mention(kind, unit.start, end, shown, kept, required, key)


def _glossed_as(name: str, keys: tuple[str, ...]) -> bool:
    """Whether the lexicon translates an Arabic word as the name or a derivative of it
    (التشيكوسلوفاكيين: ``czechoslovakian`` for ``Czechoslovaks``): a gloss stem and the
    name's stem, one a prefix of the other, of five letters or more."""
    stem = en_stem(name)
    return len(stem) >= 5 and any(
        k[0].isalpha() and len(k) >= 5 and (k.startswith(stem) or stem.startswith(k))
        for k in keys)


def fuzzy_names(
    ce: list[Cand], ca: list[Cand], lost: list[int], unknown: list[Unit]
) -> tuple[list[tuple[int, int]], list[Unit]]:
    """Pair English names left unmatched with unmatched Arabic words spelled alike
    (``names.close``); the Arabic words join ``ca`` as name mentions. Returns the links and
    the Arabic words still unpaired."""
    links: list[tuple[int, int]] = []
    left: list[Unit] = []
    for v in unknown:
        known = not classify(v.keys)[2]
        hit = [i for i in lost if close(ce[i][0].text, v.text, known=known)
               or (known and _glossed_as(ce[i][0].text, v.keys))]
        if hit:
            ca.append((v, "name", False, frozenset()))
            links.extend((i, len(ca) - 1) for i in hit)
        else:
            left.append(v)
    return links, left


_LATIN_RUN_RE = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _bare_lower(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s").lower()


def latin_names(ce: list[Cand], ca: list[Cand], lost: list[int],
                linked: list[tuple[int, int]], ar_text: str) -> list[tuple[int, int]]:
    """Links of the English names still unmatched that the Arabic writes in Latin letters,
    often glued to an Arabic word the tokenizer then drops (وEpitope, كأسBetfred,
    مهمةInruptهي); each Latin run found joins ``ca`` as an optional name mention."""
    done = {i for i, _ in linked}
    todo = [i for i in lost if i not in done]
    if not todo:
        return []
    runs: dict[str, tuple[int, int, str]] = {}
    for m in _LATIN_RUN_RE.finditer(ar_text):
        runs.setdefault(_bare_lower(m.group()), (m.start(), m.end(), m.group()))
    out: list[tuple[int, int]] = []
    at: dict[str, int] = {}
    for i in todo:
        key = _bare_lower(ce[i][0].text)
        hit = runs.get(key)
        if hit is None:
            continue
        if key not in at:
            ca.append((Unit(hit[0], hit[1], hit[2], ()), "name", False, frozenset()))
            at[key] = len(ca) - 1
        out.append((i, at[key]))
    return out


def glued_names(ce: list[Cand], ca: list[Cand], lost: list[int],
                linked: list[tuple[int, int]], ar_units: list[Unit]) -> list[tuple[int, int]]:
    """Links of the English names still unmatched found inside an Arabic token of words run
    together (``names.inside``), of ``GLUED_LETTERS_ANY`` letters or more whatever the
    lexicon read in it; each such token joins ``ca`` as an optional name mention."""
    done = {i for i, _ in linked}
    todo = [i for i in lost if i not in done]
    long_ = [u for u in ar_units if len(u.text) >= GLUED_LETTERS_ANY
             and len(normalize_ar(u.text)) >= GLUED_LETTERS_ANY]
    out: list[tuple[int, int]] = []
    if not todo or not long_:
        return out
    for u in long_:
        hit = [i for i in todo if inside(ce[i][0].text, u.text)]
        if hit:
            ca.append((u, "name", False, frozenset()))
            out.extend((i, len(ca) - 1) for i in hit)
    return out


#: Arabic forms of each date key, of four letters or more (shorter ones, سبت, احد, are
#: found by chance inside words), for ``glued_dates``.
_AR_DATE_FORMS: dict[str, tuple[str, ...]] = {}
for _form, _n in K.AR_MONTHS.items():
    if len(_form) >= 4:
        _AR_DATE_FORMS.setdefault(f"@m{_n}", ())
        _AR_DATE_FORMS[f"@m{_n}"] += (_form,)
for _form, _n in K.AR_WEEKDAYS.items():
    if len(_form) >= 4:
        _AR_DATE_FORMS.setdefault(f"@d{_n}", ())
        _AR_DATE_FORMS[f"@d{_n}"] += (_form,)


def glued_dates(ce: list[Cand], ca: list[Cand], keys_ar: set[str], ar_units: list[Unit]
                ) -> list[tuple[int, int]]:
    """Links of the English months and weekdays with no counterpart that the Arabic has
    inside a token of words run together (يومالخميسأنه, Thursday), of
    ``GLUED_LETTERS_ANY`` letters or more; each such token joins ``ca`` as an optional
    date mention."""
    todo = [i for i, c in enumerate(ce) if c[1] in ("month", "weekday") and c[2]
            and c[3].isdisjoint(keys_ar)]
    if not todo:
        return []
    long_ = [(u, normalize_ar(u.text)) for u in ar_units if len(u.text) >= GLUED_LETTERS_ANY]
    out: list[tuple[int, int]] = []
    for u, norm in long_:
        if len(norm) < GLUED_LETTERS_ANY:
            continue
        hit = [i for i in todo if any(f in norm for k in ce[i][3]
                                      for f in _AR_DATE_FORMS.get(k, ()))]
        if hit:
            kind = ce[hit[0]][1]
            ca.append((u, kind, False, frozenset()))
            out.extend((i, len(ca) - 1) for i in hit)
    return out


def transcribed_dates(ce: list[Cand], ca: list[Cand], keys_ar: set[str],
                      ar_units: list[Unit]) -> list[tuple[int, int]]:
    """Links of the English months and weekdays with no counterpart that the Arabic
    transcribes as part of a name (``Saturday Night Live``: ساترداي نايت لايف): an Arabic
    word with the date's name skeleton (``~strd``), or one the lexicon does not know spelled
    like it (``names.close``)."""
    out: list[tuple[int, int]] = []
    todo = [i for i, c in enumerate(ce) if c[1] in ("month", "weekday") and c[2]
            and c[3].isdisjoint(keys_ar)]
    for i in todo:
        u = ce[i][0]
        skel = {k for k in u.keys if k[0] == "~"}
        for v in ar_units:
            if not skel.isdisjoint(v.keys) or (classify(v.keys)[2] and close(u.text, v.text)):
                ca.append((v, ce[i][1], False, frozenset()))
                out.append((i, len(ca) - 1))
                break
    return out
