"""Names across scripts, beyond the aligner's exact skeleton keys.

The aligner matches a name when the consonant skeletons of both spellings are equal or one
deletion apart (``keys.skeleton_keys``), and only for skeletons of five consonants or more.
That is right for alignment, where a false match costs more than a missed one, but the
fidelity scorer must not call a name *missing* merely because English spelling and Arabic
transcription disagree on a letter: ``Kavanaugh`` (kfng) / ``كافانو`` (kfn), ``Spieth``
(sbt) / ``سبيث`` (sbs), ``Berners-Lee`` (brnrsl) / ``بيرنرز`` (brnrz). So before a name is
reported missing, its skeleton is compared with the unmatched, unknown Arabic words of the
bead through coarser consonant classes and one edit.
"""

from __future__ import annotations

from functools import lru_cache

from ..text.arabic import CLITICS_COUNTERPART
from ..text.normalize import normalize_ar
from . import keys as K
from .lexicon import Lexicon

#: Coarser consonant classes for the fuzzy comparison (voicing and emphasis are the usual
#: disagreements between an English spelling and an Arabic transcription).
_COARSE = str.maketrans({"z": "s", "d": "t", "g": "k", "f": "b"})

_glosses: dict[str, frozenset[str]] = {}


def gloss_vocabulary(lexicon: Lexicon) -> frozenset[str]:
    """Every English stem the lexicon can produce: a capitalised word with such a stem is a
    translatable word ("Council", "Prime"), not a name. Built once per lexicon version."""
    got = _glosses.get(lexicon.sha)
    if got is None:
        got = _glosses[lexicon.sha] = frozenset().union(*lexicon.glosses.values())
    return got


def _coarse(skel: str) -> str:
    out: list[str] = []
    for ch in skel.translate(_COARSE):
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=50_000)
def en_skeleton(word: str) -> str:
    """Coarse skeleton of an English name (possessive dropped)."""
    w = word.removesuffix("'s").removesuffix("’s")
    return _coarse(K.skeleton_en(w))


@lru_cache(maxsize=50_000)
def ar_skeletons(word: str) -> tuple[str, ...]:
    """Coarse skeletons of an Arabic word, with and without a leading clitic or article
    (the longest that leaves three letters)."""
    norm = normalize_ar(word)
    forms = [norm]
    for p in CLITICS_COUNTERPART:
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            forms.append(norm[len(p):])
            break
    if "ث" in norm:  # th: ث in transcriptions of English names, s in the aligner's skeleton
        forms += [f.replace("ث", "ت") for f in forms]
    return tuple(dict.fromkeys(_coarse(K.skeleton_ar(f)) for f in forms))


@lru_cache(maxsize=50_000)
def _latin_part(word: str) -> str:
    """The Latin letters of an Arabic-script word that has three or more, lower-cased."""
    latin = "".join(ch for ch in word if ch.isascii() and ch.isalpha())
    return latin.lower() if len(latin) >= 3 else ""


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are at most one substitution, insertion or deletion apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def close(en_word: str, ar_word: str, *, known: bool = False) -> bool:
    """Whether an English name and an Arabic word can be two spellings of the same name.

    Equal coarse skeletons always count. One edit counts when a skeleton has four consonants
    or more (three-consonant skeletons one edit apart are mostly chance: ``Furyk`` / خروج);
    for an Arabic word the lexicon knows (``known``: a common word more often than a name)
    only a dropped consonant counts, not a changed one. A prefix counts from four consonants
    (``Berners-Lee`` / بيرنرز).

    A word with Latin letters glued to Arabic ones matches when its Latin part is the name.

    >>> close("Kavanaugh", "كافانو"), close("Berners-Lee", "بيرنرز"), close("Furyk", "خروج")
    (True, True, False)
    >>> close("Inrupt", "شركةInrupt"), close("Inrupt", "شركةSolid")
    (True, False)
    """
    e = en_skeleton(en_word)
    if len(e) < 3:
        return False
    latin = _latin_part(ar_word)
    if latin:  # the name in Latin letters glued to an Arabic word (شركةInrupt)
        return latin == en_word.removesuffix("'s").removesuffix("’s").lower()
    for a in ar_skeletons(ar_word):
        if len(a) < 3:
            continue
        if a == e:
            return True
        short, long_ = (a, e) if len(a) < len(e) else (e, a)
        if len(long_) >= 4 and _one_edit(a, e) and (not known or len(short) < len(long_)):
            return True
        if len(short) >= 4 and long_.startswith(short):
            return True
    return False
