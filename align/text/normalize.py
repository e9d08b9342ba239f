"""Normalisation, word tokens and light stems for both languages.

Arabic spelling varies in ways that carry no meaning for alignment or search: diacritics,
tatweel, the alef forms (أ إ آ ا), alef maksura / yaa (ى ي) and teh marbuta / heh (ة ه).
camel-tools' functions do the normalisation (copied into ``align.text.camel``, so that no ML
stack comes with them); light stemming strips the clitics and inflectional
affixes that a lexicon lookup must see through (``والقوات`` -> ``قو``/``قوات``). English words are
lower-cased and stemmed with Snowball, so that glosses and text meet on the same key.

Importing this module costs nothing: Snowball is imported when first needed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from .arabic import CLITICS_STEM, DIGITS, LETTER_RE, TATWEEL, WORD_MARKS
from .camel import (
    dediac_ar,
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")

#: Word tokens: a number with its inner separators, or a letter followed by letters and
#: Arabic marks, then apostrophe and hyphen parts. This is the definition (the signature's
#: ``norm:`` field hashes it); ``words`` matches with ``_fast_word_re``.
_WORD_RE = re.compile(
    rf"[{DIGITS}]+(?:[.,\u066b\u066c][{DIGITS}]+)*"
    rf"|[^\W\d_](?:[^\W\d_]|[{WORD_MARKS}])*(?:['’][^\W\d_]+)*"
    r"(?:-[^\W\d_]+)*",
    re.UNICODE,
)
# The same tokens as ``_WORD_RE`` (a property test checks it), about twice as fast: runs are
# matched whole and possessively (``++``, ``*+``), so the regex engine enters a group once
# per run of letters rather than once per letter. Every tail is optional, so a token never
# needs to give back what a greedy part took. Lower-case: an implementation, not a table.
_fast_word_re = re.compile(
    rf"[{DIGITS}]++(?:[.,\u066b\u066c][{DIGITS}]++)*+"
    rf"|[^\W\d_](?:[^\W\d_]++|[{WORD_MARKS}]++)*+(?:['’][^\W\d_]++)*+"
    r"(?:-[^\W\d_]++)*+",
    re.UNICODE,
)


def normalize_ar(text: str, *, dediac: bool = True, letters: bool = True) -> str:
    """Arabic normalisation used for matching and search.

    >>> normalize_ar("تشرين الأوّل")
    'تشرين الاول'
    >>> normalize_ar("مدرسةٌ على")
    'مدرسه علي'
    """
    text = unicodedata.normalize("NFKC", text).replace(TATWEEL, "")
    if dediac:
        text = dediac_ar(text)
    if letters:
        text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return text


def non_space_length(text: str) -> int:
    """Length in characters without white space: the unit of the length models, since
    spacing conventions differ between scripts (Arabic clitics are written attached).

    >>> non_space_length("و الجنود"), non_space_length("والجنود")
    (7, 7)
    """
    return len("".join(text.split()))


def words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with their ``[start, end)`` offsets: letter runs and numbers.

    Numbers keep their inner separators (``2,400``, ``2.5``, ``٢٬٤٠٠``); punctuation is
    dropped. Offsets let the UI highlight a matched word in place.

    >>> words("Le 2,400 ٢٬٤٠٠ الجنودُ!")
    [(0, 2, 'Le'), (3, 8, '2,400'), (9, 14, '٢٬٤٠٠'), (15, 22, 'الجنودُ')]
    """
    return [(m.start(), m.end(), m.group()) for m in _fast_word_re.finditer(text)]


def script_of(text: str) -> str:
    """``ar``, ``en`` or ``none`` by the majority of letters (Latin counts as English).

    >>> script_of("قال Lavrentyev"), script_of("قال الوزير Lavrov"), script_of("42 !")
    ('en', 'ar', 'none')
    """
    ar = len(LETTER_RE.findall(text))
    la = len(LATIN_LETTER_RE.findall(text))
    if ar == 0 and la == 0:
        return "none"
    return "ar" if ar >= la else "en"


# Arabic light stemming --------------------------------------------------------------------
# Proclitics: ``arabic.CLITICS_STEM`` (every combination, longest first), applied to the
# normalised form, so alef variants are already folded. Suffixes: pronouns and inflections.
_AR_SUFFIXES = (
    "تهما", "كما", "هما", "تها", "تهم", "تنا", "ات", "ون", "ين", "ان", "ها", "هم", "هن",
    "كم", "نا", "ني", "يه", "يا", "تي", "ه", "ي", "ت", "ا",
)


#: ``arabic.CLITICS_STEM`` by first letter and ``_AR_SUFFIXES`` by last letter, each group in
#: its table's order: a word is tried only against the affixes it can start or end with
#: (lower-case: derived from the tables, which the signature hashes).
_clitics_by_first: dict[str, tuple[str, ...]] = {
    first: tuple(p for p in CLITICS_STEM if p[0] == first) for first in {p[0] for p in CLITICS_STEM}
}
_ar_suffixes_by_last: dict[str, tuple[str, ...]] = {
    last: tuple(s for s in _AR_SUFFIXES if s[-1] == last)
    for last in {s[-1] for s in _AR_SUFFIXES}
}


@lru_cache(maxsize=200_000)
def ar_stems(word: str) -> tuple[str, ...]:
    """Candidate stems of a normalised Arabic word: the word itself, then the word without
    each proclitic that fits (longest first), then each of those without each suffix.

    Light stemming cannot know which leading ``و`` or ``ب`` is a clitic, so it proposes every
    split that leaves at least two letters; a lexicon lookup then keeps the ones it knows and
    takes the union of their glosses, so the order of the candidates changes no match.

    >>> ar_stems("والقوات")[:3]
    ('والقوات', 'قوات', 'القوات')
    >>> "قو" in ar_stems("والقوات"), ar_stems("من")
    (True, ('من',))
    """
    out: list[str] = [word]
    bases = [word]
    for p in _clitics_by_first.get(word[:1], ()):
        if word.startswith(p) and len(word) - len(p) >= 2:
            bases.append(word[len(p):])
    for b in bases:
        if b not in out:
            out.append(b)
    for b in list(bases):
        for s in _ar_suffixes_by_last.get(b[-1], ()):
            if b.endswith(s) and len(b) - len(s) >= 2:
                c = b[: -len(s)]
                if c not in out:
                    out.append(c)
    return tuple(out)


@lru_cache(maxsize=1)
def _en_stemmer() -> Callable[[str], str]:
    """Snowball's English stemmer: PyStemmer's compiled one (the same Snowball algorithm,
    about 30 times as fast; ``tests/test_speed_equivalence.py`` checks that both give the
    same stems), else snowballstemmer's pure-Python one. Imported directly: ``import
    snowballstemmer`` loads the stemmers of all its 34 languages (0.15 s)."""
    try:
        import Stemmer
    except ImportError:  # no wheel for this platform and no compiler: the same, slower
        from snowballstemmer.english_stemmer import EnglishStemmer

        slow: Callable[[str], str] = EnglishStemmer().stemWord
        return slow
    stem: Callable[[str], str] = Stemmer.Stemmer("english").stemWord
    return stem


@lru_cache(maxsize=200_000)
def en_stem(word: str) -> str:
    """Lower-cased Snowball stem of an English word, possessive dropped.

    >>> en_stem("Withdrawing"), en_stem("Iraq’s")
    ('withdraw', 'iraq')
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return _en_stemmer()(w)
