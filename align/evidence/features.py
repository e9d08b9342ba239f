"""Per-sentence features, computed once: lengths and the match keys of every word.

Every content word becomes a *unit* with a set of keys. English: its Snowball stem plus typed
keys (``keys.py``: number value, month, weekday, name skeleton, the Latin token itself). Arabic:
the English stems of its lexicon glosses plus the same kinds of typed keys. Two words of
opposite sides match when their key sets meet, which is how ``coverage.py`` counts matched
words. Function words are left out: they are in nearly every sentence and carry no signal for
alignment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain, compress, pairwise
from operator import itemgetter, not_
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from ..config import IsnadParams
from ..text.arabic import CLITICS_NAME
from ..text.arabic import LETTER_RE as AR_LETTER_RE
from ..text.isnad import abridged_spans
from ..text.normalize import en_stem, normalize_ar, words
from ..text.stopwords import arabic_stopwords, dialect_stopwords, english_stopwords
from . import keys as K
from .coverage import KeyedSide
from .lexicon import Lexicon
from .numwords import compound_at, is_compound_start


class Unit(NamedTuple):
    """A content word with its offsets in the sentence and its match keys.

    A named tuple, not a frozen dataclass: every content word of both documents becomes one,
    and a frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field) cost four
    times as much; a tuple is as immutable.
    """

    start: int
    end: int
    text: str
    keys: tuple[str, ...]
    weight: float = 1.0


@dataclass(slots=True)
class Vocabulary:
    """Interning of key strings to integer ids shared by both sides."""

    ids: dict[str, int] = field(default_factory=dict)
    #: The ids of each key tuple seen (a word's keys come from the per-word memos, so the
    #: same few tuples recur).
    tuples: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)

    def id(self, key: str) -> int:
        got = self.ids.get(key)
        if got is None:
            got = self.ids[key] = len(self.ids)
        return got

    def ids_of(self, keys: tuple[str, ...]) -> tuple[int, ...]:
        """The ids of a word's keys, in order; new keys get the next ids, in order."""
        got = self.tuples.get(keys)
        if got is None:
            ids = self.ids
            out: list[int] = []
            for k in keys:
                kid = ids.get(k)
                if kid is None:
                    kid = ids[k] = len(ids)
                out.append(kid)
            got = self.tuples[keys] = tuple(out)
        return got


def _name_skeletons_ar(norm: str) -> tuple[str, ...]:
    keys: set[str] = set(K.skeleton_keys(K.skeleton_ar(norm)))
    for p in CLITICS_NAME:
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            keys.update(K.skeleton_keys(K.skeleton_ar(norm[len(p):])))
            break
    return tuple(sorted(keys))


#: Verbs of older English whose modern form is not a regular suffix away (``saith``); the
#: others are read by their endings (``archaic_bases``).
ARCHAIC_EN: dict[str, str] = {"saith": "say", "sayeth": "say", "spake": "speak",
                              "shew": "show", "shewed": "show", "shewn": "shown"}


def archaic_bases(lw: str, second_person: bool = False) -> tuple[str, ...]:
    """Modern forms an older English verb may stand for: the third person in ``-eth``
    (``passeth``, ``cometh``, ``setteth``, ``crieth``) and, with ``second_person`` (after
    "thou"), the second in ``-est``/``-st`` (``knowest``, ``seest``). Yusuf Ali's Qur'an, the
    King James Bible and translated classics write them; their Snowball stems are no gloss
    stem, so the words went unmatched (the Qur'an's faithful beads were "low coverage").
    Candidates only: a wrong one is a key no word of the other side has.

    >>> archaic_bases("passeth"), archaic_bases("knowest", True), archaic_bases("seth")
    (('pass', 'passe'), ('know', 'knowe'), ())
    """
    if lw in ARCHAIC_EN:
        return (ARCHAIC_EN[lw],)
    for end, short in (("eth", 6), ("est", 5), ("st", 5)):
        if lw.endswith(end) and len(lw) >= short and (end == "eth" or second_person):
            base = lw[: -len(end)]
            out = [base, base + "e"]
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "sflz":
                out.append(base[:-1])  # setteth: set (not passeth, telleth)
            if base.endswith("i"):
                out.append(base[:-1] + "y")  # crieth: cry
            return tuple(out)
    return ()


#: Abbreviations news writes for what Arabic writes out (``U.S.`` for الولايات المتحدة, ``EU``
#: for الاتحاد الأوروبي): the words they stand for, whose stems join the abbreviation's keys.
#: "US" and "WHO" were no unit at all (the stopwords "us", "who"), "U.S." two one-letter
#: tokens: the words of the Arabic went unmatched in nearly every news bead naming them.
ABBREVIATIONS_EN: dict[str, str] = {
    "US": "united states america american", "USA": "united states america american",
    "UK": "united kingdom britain british", "UN": "united nations",
    "EU": "european union europe", "UAE": "united arab emirates",
    "WHO": "world health organization organisation", "IMF": "international monetary fund",
    "NATO": "north atlantic treaty alliance", "GCC": "gulf cooperation council",
    "GDP": "gross domestic product", "CEO": "chief executive",
    "IAEA": "international atomic energy agency", "ICC": "international criminal court",
}


@lru_cache(maxsize=64)
def abbreviation_stems(abbr: str) -> frozenset[str]:
    """The stems of what ``abbr`` (upper case, no dots) stands for (``ABBREVIATIONS_EN``)."""
    return frozenset(en_stem(x) for x in ABBREVIATIONS_EN.get(abbr, "").split())


@lru_cache(maxsize=300_000)
def _en_word_keys(w: str, inner: bool) -> tuple[str, ...]:
    """Keys of one English word (``inner``: not the first word of the sentence, where a
    capital says nothing about names)."""
    lw = w.lower()
    keys: set[str] = set()
    mw = K.months_weekdays_en(lw)
    if mw:
        keys.add(mw)
    if lw in K.EN_NUMBER_WORDS:
        keys.add(f"#{K.EN_NUMBER_WORDS[lw]}")
    if w.isupper() and w in ABBREVIATIONS_EN:
        keys.update(abbreviation_stems(w))
    if lw in english_stopwords and not keys:
        return ()
    if len(lw) > 1:
        keys.add(en_stem(lw))
        keys.update(en_stem(b) for b in archaic_bases(lw))
    if (w[0].isupper() and inner) or (w.isupper() and len(w) > 1):
        keys.update(K.skeleton_keys(K.skeleton_en(w)))
    if w[0].isupper() or w.isupper():
        keys.add("=" + lw)
    if "-" in w and w.islower():
        # A hyphenated compound ("over-knead", "state-run", "anti-government") is matched by
        # its parts too: Arabic writes it in words (لا تبالغي في العجن, تديرها الدولة). Not a
        # name with its article ("al-Khattab"), whose keys are its skeleton's.
        keys.update(en_stem(part) for part in lw.split("-")
                    if len(part) > 2 and part.isalpha() and part not in english_stopwords)
    return tuple(sorted(keys))


#: Memo of the context-free part of ``units_en``, one table for a sentence's first word and
#: one for the others: a word's keys (``()``: no unit), or the value of a digit token. Most
#: words of a document repeat, so a token then costs one dictionary look-up.
_en_memo: tuple[dict[str, tuple[str, ...] | float], dict[str, tuple[str, ...] | float]] = (
    {}, {})
#: Bound of every per-word memo of this module (distinct words; cleared when passed);
#: lower-case, as caches are, so that the signature does not hash it.
_memo_max = 500_000


def _en_entry(w: str, inner: bool) -> tuple[str, ...] | float:
    """What an English token gives wherever it stands (see ``units_en``), memoised."""
    memo = _en_memo[inner]
    if len(memo) > _memo_max:
        memo.clear()
    got: tuple[str, ...] | float
    if w[0].isdigit():
        value = K.number_value(w)
        got = () if value is None else value
    elif not w[0].isalpha():
        got = ()
    else:
        got = _en_word_keys(w, inner)
    memo[w] = got
    return got


def _opens(text: str, toks: list[tuple[int, int, str]], k: int) -> bool:
    """Whether token ``k`` opens the sentence: the first word, or the first after a label's
    colon (one word, or a word and a number: "Note:", "Warning:", "Q:", "Step 3:"), whose
    capital says nothing about a name. "Note: Offline mode is available ..." had "Offline",
    no word the lexicon glosses, keyed as a name and then required as one (0.03, a name
    mismatch). Not after "He said:", where a name often follows (al-Tirmidhi's right beads
    below 0.5 rose from 27.1% to 27.6% when it counted)."""
    if k == 0:
        return True
    if k > 2 or ":" not in text[toks[k - 1][1] : toks[k][0]]:
        return False
    return k == 1 or toks[1][2][0].isdigit()


def units_en(text: str) -> list[Unit]:
    """Content words of an English sentence with their keys."""
    toks = words(text)
    if "." in text:
        toks = _dotted_abbreviations(text, toks)
    out: list[Unit] = []
    first, inner = _en_memo
    for k, (s, e, w) in enumerate(toks):
        opening = _opens(text, toks, k)
        got = (first if opening else inner).get(w)
        if got is None:
            got = _en_entry(w, not opening)
        if isinstance(got, float):
            nxt = toks[k + 1][2].lower() if k + 1 < len(toks) else ""
            out.append(Unit(s, e, w, K.number_keys(got, K.EN_SCALE.get(nxt)), 1.5))
        elif got:
            if k and w[-1] == "t" and toks[k - 1][2].lower() == "thou":
                if w in _THOU_AUXILIARIES:  # "thou art": "you are", no content word
                    continue
                got = _thou_keys(w, got)
            out.append(_unit((s, e, w, got, 1.0)))
    return out


def _dotted_abbreviations(text: str, toks: list[tuple[int, int, str]]
                          ) -> list[tuple[int, int, str]]:
    """``toks`` with the letters of a dotted abbreviation of ``ABBREVIATIONS_EN`` (``U.S.``,
    ``U.N.``) made one token, written without its dots: the tokeniser cuts it into one-letter
    words."""
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(toks):
        s = toks[k][0]
        j = k
        while (j + 1 < len(toks) and len(toks[j][2]) == 1 and toks[j][2].isupper()
               and text[toks[j][1]:toks[j + 1][0]] == "." and len(toks[j + 1][2]) == 1
               and toks[j + 1][2].isupper()):
            j += 1
        abbr = "".join(t[2] for t in toks[k:j + 1])
        if j > k and abbr in ABBREVIATIONS_EN:
            out.append((s, toks[j][1], abbr))
            k = j + 1
        else:
            out.append(toks[k])
            k += 1
    return out


#: Auxiliaries after "thou" ("thou art", "thou hast", "thou wast"): no content word there,
#: but elsewhere a noun ("art") or the stem of one ("haste", "waste"), so no stopwords.
_THOU_AUXILIARIES = frozenset({"art", "hast", "wast", "wert"})


def _thou_keys(w: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """``keys`` of a verb after "thou" with those of its modern form (``archaic_bases``:
    "thou knowest" is "you know")."""
    more = {en_stem(b) for b in archaic_bases(w.lower(), second_person=True)}
    return tuple(sorted(more.union(keys)))


#: ``Unit(start, end, text, keys, weight)`` from one tuple, without the named tuple's
#: Python-level ``__new__``: the per-word paths make one per content word.
_unit = partial(tuple.__new__, Unit)


class _ArWord(NamedTuple):
    """The context-free part of an Arabic-script word for ``units_ar``: normalised form,
    keys, the month it starts when it is the first word of a two-word month, and whether
    it may start a cardinal of several words (``numwords.compound_at``)."""

    norm: str
    keys: tuple[str, ...]
    month2: str | None
    number: bool = False


#: Per lexicon version, memo of ``units_ar``'s context-free work per token: an Arabic word,
#: the value of a digit token, or the keys of a Latin token (``()``: no unit). Running text
#: repeats its words, and lookups are the costly part.
_ar_memo: dict[str, dict[str, _ArWord | float | tuple[str, ...]]] = {}
_norm_memo: dict[str, str] = {}


def _norm(w: str) -> str:
    """``normalize_ar`` of one token, memoised (the word after a number or a month)."""
    got = _norm_memo.get(w)
    if got is None:
        if len(_norm_memo) > _memo_max:
            _norm_memo.clear()
        got = _norm_memo[w] = normalize_ar(w)
    return got


#: ``K.strip_clitic`` over the typed-key tables as dicts (``K.clitic_index``): four of them
#: are asked about every distinct Arabic word.
_months_of = K.clitic_index(K.AR_MONTHS)
_months2_of = K.clitic_index(K.AR_MONTHS_2)
_weekdays_of = K.clitic_index(K.AR_WEEKDAYS)
_number_words_of = K.clitic_index(K.AR_NUMBER_WORDS)


def _ar_entry(w: str, lexicon: Lexicon) -> _ArWord | float | tuple[str, ...]:
    """What an Arabic-side token gives wherever it stands (see ``units_ar``), memoised."""
    memo = _ar_memo.setdefault(lexicon.sha, {})
    if len(memo) > _memo_max:
        memo.clear()
    got: _ArWord | float | tuple[str, ...]
    if w[0].isdigit():
        value = K.number_value(w)
        got = () if value is None else value
    elif not AR_LETTER_RE.match(w[0]):
        # A Latin token inside Arabic text matches itself.
        got = _latin_in_ar(w) if w[0].isalpha() else ()
    else:
        norm, keys = _ar_word_uncached(w, lexicon)
        got = _ArWord(norm, keys, _months2_of.get(norm), is_compound_start(norm))
    memo[w] = got
    return got


def _ar_word_uncached(w: str, lexicon: Lexicon) -> tuple[str, tuple[str, ...]]:
    norm = normalize_ar(w)
    keys: set[str] = set()
    mon = _months_of.get(norm)
    if mon is not None:
        keys.add(f"@m{K.AR_MONTHS[mon]}")
    day = _weekdays_of.get(norm)
    if day is not None:
        keys.add(f"@d{K.AR_WEEKDAYS[day]}")
    num = _number_words_of.get(norm)
    if num is not None:
        keys.add(f"#{K.AR_NUMBER_WORDS[num]}")
    if (norm in arabic_stopwords or norm in dialect_stopwords) and not keys:
        return norm, ()
    glosses = lexicon.lookup(norm)
    keys.update(glosses)
    keys.update(_name_skeletons_ar(norm))
    if not glosses and GLUED_MIN <= len(norm) <= GLUED_MAX:
        for piece, known in glued_pieces(norm, lexicon) or ():
            keys.update(lexicon.lookup_standard(piece) if known
                        else _name_skeletons_ar(piece))
    return norm, tuple(sorted(keys))


#: Lengths of unknown tokens tried as several words written without spaces (NTREX has whole
#: clauses of 300 letters glued; the bound keeps a token that is no text at all cheap).
GLUED_MIN, GLUED_MAX = 10, 500


def glued_pieces(norm: str, lexicon: Lexicon) -> list[tuple[str, bool]] | None:
    """Words of a token typed without spaces (``علىهامشالجمعيةالعامة``), or ``None``.

    Some translations lose the spaces between Arabic words (the final letter forms hide it
    on screen); such a token matches nothing and the aligner loses its keys. A dynamic
    programme cuts it into pieces that the lexicon or the function-word list knows, allowing
    unknown pieces of three letters or more (names: ``بومبيو``), and keeps the cut only when
    known pieces cover at least 70% of the letters. Returns ``(piece, known)`` pairs.
    """
    n = len(norm)
    table = lexicon.glosses

    def known(piece: str) -> bool:
        # A piece the table holds with glosses is known without its other readings (the
        # piece itself is the first of them, ``candidates``).
        return piece in arabic_stopwords or (len(piece) >= 3 and (
            bool(table.get(piece)) or lexicon.knows(piece)))

    # best[i]: (known letters - 0.5 per piece, pieces) over norm[:i]
    best: list[tuple[float, list[tuple[str, bool]]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(2, n + 1):
        for j in range(max(0, i - 12), i - 1):
            prev = best[j]
            if prev is None:
                continue
            top = best[i]
            if top is not None and prev[0] + (i - j) - 0.5 <= top[0]:
                continue  # not even as a known piece would it do better: no look-up
            piece = norm[j:i]
            is_known = known(piece)
            if not is_known and (len(piece) < 3 or (prev[1] and not prev[1][-1][1])):
                continue  # two unknown pieces in a row are one unknown piece
            score = prev[0] + (len(piece) if is_known else 0.0) - 0.5
            if best[i] is None or score > best[i][0]:  # type: ignore[index]
                best[i] = (score, [*prev[1], (piece, is_known)])
    end = best[n]
    if end is None or len(end[1]) < 2:
        return None
    covered = sum(len(p) for p, k in end[1] if k)
    return end[1] if covered >= 0.7 * n else None


@lru_cache(maxsize=100_000)
def _latin_in_ar(w: str) -> tuple[str, ...]:
    lw = w.lower()
    return tuple(sorted({"=" + lw, en_stem(lw), *K.skeleton_keys(K.skeleton_en(w))}))


def units_ar(text: str, lexicon: Lexicon) -> list[Unit]:
    """Content words of an Arabic sentence with their keys (glosses and typed keys)."""
    toks = words(text)
    out: list[Unit] = []
    memo = _ar_memo.get(lexicon.sha) or {}
    skip_next = False
    compounds: list[tuple[int, int, str]] = []  # (start, end, key) of cardinals in words
    for k, (s, e, w) in enumerate(toks):
        if skip_next:
            skip_next = False
            continue
        got = memo.get(w)
        if got is None:
            got = _ar_entry(w, lexicon)
            memo = _ar_memo[lexicon.sha]
        if isinstance(got, _ArWord):
            # A number word may start a cardinal of several words (``_note_compound``).
            got.number and _note_compound(text, s, compounds)
            if got.month2 is None and got.norm not in NAME_COMPOUNDS:  # most words: no next
                if got.keys and not (got.norm in CALENDAR_NOUNS
                                     and _dated(toks, k + 1, CALENDAR_NOUNS[got.norm])):
                    out.append(_unit((s, e, w, got.keys, 1.0)))
                continue
            unit = _ar_word_unit(text, toks, k, got)
            skip_next = unit.end != e
            if unit.keys:
                out.append(unit)
        elif isinstance(got, float):
            nxt = _norm(toks[k + 1][2]) if k + 1 < len(toks) else ""
            scale = K.AR_SCALE.get(nxt) or K.EN_SCALE.get(nxt.lower())
            out.append(Unit(s, e, w, K.number_keys(got, scale), 1.5))
        elif got:
            out.append(_unit((s, e, w, got, 1.0)))
    return _with_compounds(out, compounds)


def _note_compound(text: str, start: int, compounds: list[tuple[int, int, str]]) -> bool:
    """Add to ``compounds`` the cardinal of several words starting at ``text[start]``, if
    one does and the word is not inside the last one found."""
    if compounds and start < compounds[-1][1]:
        return False
    whole = compound_at(text, start)
    if whole is not None:
        compounds.append((start, whole[1], f"#{whole[0]}"))
    return whole is not None


def _with_compounds(units: list[Unit], compounds: list[tuple[int, int, str]]) -> list[Unit]:
    """``units`` with the value of each cardinal written in several words added to the keys
    of its words (``ألف وتسعمائة وخمسة وأربعين`` all match "1945"): read alone they matched
    nothing of it, and the side looked as if it added four words."""
    if not compounds:
        return units
    out: list[Unit] = []
    for u in units:
        key = next((k for s, e, k in compounds if s <= u.start < e), None)
        out.append(u if key is None or key in u.keys
                   else u._replace(keys=tuple(sorted({*u.keys, key}))))
    return out


#: Arabic nouns that name the kind of the date after them, which English leaves unsaid:
#: يوم الخميس "on Thursday", شهر مارس "in March", عام 2019 "in 2019". Before such a date
#: the noun is no content word (it matched nothing in the English, a word "added" to
#: nearly every dated news bead).
CALENDAR_NOUNS: dict[str, str] = {
    **dict.fromkeys(("يوم", "ويوم", "بيوم", "ليوم", "فيوم"), "weekday"),
    **dict.fromkeys(("شهر", "وشهر", "بشهر", "لشهر", "الشهر"), "month"),
    **dict.fromkeys(("عام", "العام", "وعام", "بعام", "لعام", "والعام", "سنه", "السنه",
                     "وسنه", "لسنه"), "year"),
}


def _dated(toks: list[tuple[int, int, str]], k: int, kind: str) -> bool:
    """Whether token ``k`` is a date of ``kind`` (``CALENDAR_NOUNS``): a weekday, a month,
    or a year of four digits."""
    if k >= len(toks):
        return False
    w = toks[k][2]
    if kind == "year":
        return len(w) == 4 and w.isdigit()
    return _norm(w) in (_weekdays_of if kind == "weekday" else _months_of)


#: First words of Arabic names that English writes as one word with the next (``عبد الله``
#: Abdullah, ``عبد الرحمن`` Abdur-Rahman), after a conjunction or preposition
#: (``وعبد``, ``بعبد``): such a word also gets the name skeletons of the two together.
NAME_COMPOUNDS = frozenset({"عبد", "وعبد", "بعبد", "لعبد"})


def _ar_word_unit(text: str, toks: list[tuple[int, int, str]], k: int, got: _ArWord) -> Unit:
    """The unit of Arabic word ``k``; with the next word when the two make a Levantine month
    (``تشرين الأول``, ``كانون الثاني``): then the unit ends where that word ends. The first
    word of a compound name (``NAME_COMPOUNDS``) keeps its own keys and adds the skeletons
    of the compound (``عبدالله`` ~ Abdullah), which chains of narrators are full of."""
    s, e, w = toks[k]
    if got.month2 is not None and k + 1 < len(toks):
        second = K.AR_MONTHS_2[got.month2].get(_norm(toks[k + 1][2]))
        if second is not None:
            end = toks[k + 1][1]
            return Unit(s, end, text[s:end], (f"@m{second}",))
    if got.norm in NAME_COMPOUNDS and k + 1 < len(toks):
        nxt = _norm(toks[k + 1][2])
        if AR_LETTER_RE.match(nxt[:1]):
            head = got.norm[got.norm.index("عبد"):]
            extra = K.skeleton_keys(K.skeleton_ar(head + nxt))
            if extra:
                return _unit((s, e, w, tuple(sorted({*got.keys, *extra})), 1.0))
    return _unit((s, e, w, got.keys, 1.0))


@dataclass(slots=True)
class UnitCache:
    """The units of the texts of one alignment, each computed once.

    The search, refinement and the fidelity scorer read the units of the same sentences
    (a one-to-one bead's text is its two sentences); computing them once was two fifths of
    the time of a long document. One cache serves one call of the pipeline, so it is bounded
    by that document, and it cannot go stale: units are a function of the text and the
    lexicon. The lists it returns are shared: callers must not change them.
    """

    lexicon: Lexicon
    en: dict[str, list[Unit]] = field(default_factory=dict)
    ar: dict[str, list[Unit]] = field(default_factory=dict)
    ar_search: dict[tuple[str, IsnadParams], list[Unit]] = field(default_factory=dict)

    @classmethod
    def of(cls, lexicon: Lexicon, given: UnitCache | None) -> UnitCache:
        """``given`` if it was made for ``lexicon``, else a new, empty cache."""
        return given if given is not None and given.lexicon is lexicon else cls(lexicon)

    def units_en(self, text: str) -> list[Unit]:
        """``units_en(text)``, computed once."""
        got = self.en.get(text)
        if got is None:
            got = self.en[text] = units_en(text)
        return got

    def units_ar(self, text: str) -> list[Unit]:
        """``units_ar(text, self.lexicon)``, computed once."""
        got = self.ar.get(text)
        if got is None:
            got = self.ar[text] = units_ar(text, self.lexicon)
        return got

    def units_ar_search(self, text: str, params: IsnadParams) -> list[Unit]:
        """``search_units_ar`` of ``text``'s units: what the search weighs them at."""
        if not params.enabled:
            return self.units_ar(text)
        key = (text, params)
        got = self.ar_search.get(key)
        if got is None:
            got = self.ar_search[key] = search_units_ar(text, self.units_ar(text), params)
        return got


def search_units_ar(text: str, units: list[Unit], params: IsnadParams) -> list[Unit]:
    """``units`` of ``text`` with the words inside a chain of transmission, but for its
    last link (``text.isnad.abridged_spans``), weighing ``params.word_weight`` of their
    weight: translations abridge
    the chain by convention, so its words say little about whether, or where, the sentence
    is translated; counted in full they make a sentence that is mostly chain look
    untranslated (a 0-1 bead next to the "X reported:" that renders it). ``units`` itself
    (the same list) when there is no chain."""
    spans = abridged_spans(text, params) if params.enabled else ()
    if not spans:
        return units
    w = params.word_weight
    return [u._replace(weight=u.weight * w) if _inside(u, spans) else u for u in units]


def _inside(u: Unit, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= u.start and u.end <= e for s, e in spans)


def keyed_side(units: Iterable[Sequence[Unit]], vocab: Vocabulary) -> KeyedSide:
    """Flatten per-sentence units into the arrays that ``coverage.py`` joins.

    Key ids are given in order of first appearance, word by word; each sentence's distinct
    keys are listed in that order too. The words are walked by C-level ``map`` and
    ``fromiter`` rather than a Python loop per word (that loop was a sixth of a long
    document's time); only key tuples new to ``vocab`` go through ``Vocabulary.ids_of``, in
    document order, so the ids are those a word-by-word walk gives.
    """
    per = [u if isinstance(u, list) else list(u) for u in units]
    flat = list(chain.from_iterable(per))
    keys = list(map(_unit_keys, flat))
    tuples = vocab.tuples
    # Tuples new to ``vocab``, each once, in order of first appearance: that is the order in
    # which a word-by-word walk would give their keys ids.
    for new in dict.fromkeys(compress(keys, map(not_, map(tuples.get, keys)))):
        vocab.ids_of(new)
    kids = list(map(tuples.__getitem__, keys))
    n_units = len(flat)
    counts = np.fromiter(map(len, kids), dtype=np.int64, count=n_units)
    pair_key = np.fromiter(chain.from_iterable(kids), dtype=np.int32, count=int(counts.sum()))
    unit_weight = np.fromiter(map(_unit_weight, flat), dtype=np.float32, count=n_units)
    unit_sent = np.repeat(np.arange(len(per), dtype=np.int32),
                          np.fromiter(map(len, per), dtype=np.int64, count=len(per)))
    pair_unit = np.repeat(np.arange(n_units, dtype=np.int32), counts)
    sk_sent, sk_key = _first_keys(unit_sent[pair_unit], pair_key)
    return KeyedSide(
        unit_sent=unit_sent,
        unit_weight=unit_weight,
        pair_unit=pair_unit,
        pair_key=pair_key,
        sent_key_sent=sk_sent,
        sent_key_key=sk_key,
        n_sents=len(per),
    )


_unit_keys = itemgetter(3)
_unit_weight = itemgetter(4)


#: Pairs sorted at once by ``_first_keys``: its sort keys and order are three int64 arrays
#: of that many entries, which for a whole long document were the peak of its memory.
_first_keys_chunk = 1 << 19  # lower-case: a speed setting, not a table the signature hashes


def _first_keys(pair_sent: NDArray[np.int32], pair_key: NDArray[np.int32]
                ) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    """The distinct ``(sentence, key)`` pairs of a side, each at its first appearance, in
    order (what ``dict.fromkeys`` over each sentence's keys gives).

    The pairs come sentence by sentence (``pair_sent`` does not decrease), so the answer
    for a run of whole sentences is the answer's part for them: a long side is done in
    runs of about ``_first_keys_chunk`` pairs, the same arrays with a fraction of the
    temporary memory."""
    if pair_key.size <= _first_keys_chunk:
        return _first_keys_of(pair_sent, pair_key)
    cuts = [0]
    while cuts[-1] < pair_key.size:
        at = cuts[-1] + _first_keys_chunk
        if at >= pair_key.size:
            cuts.append(pair_key.size)
            break
        # The start of the sentence holding pair ``at`` (or of the next one, when a single
        # sentence has more pairs than a chunk).
        cut = int(np.searchsorted(pair_sent, pair_sent[at], side="left"))
        if cut <= cuts[-1]:
            cut = int(np.searchsorted(pair_sent, pair_sent[at], side="right"))
        cuts.append(cut)
    parts = [_first_keys_of(pair_sent[a:b], pair_key[a:b])
             for a, b in pairwise(cuts)]
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))


def _first_keys_of(pair_sent: NDArray[np.int32], pair_key: NDArray[np.int32]
                   ) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    if pair_key.size == 0:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    code = pair_sent.astype(np.int64) * (int(pair_key.max()) + 1) + pair_key
    order = np.argsort(code, kind="stable")
    ordered = code[order]
    first = np.empty(code.size, dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    keep = np.sort(order[first])
    return pair_sent[keep], pair_key[keep]
