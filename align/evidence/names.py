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

import gzip
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from ..text.arabic import CLITICS_COUNTERPART, CLITICS_NAME
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


#: The English common-word list (``scripts/build_wordlist.py``): Snowball stems of the
#: lower-case words of a dictionary that the lexicon's glosses do not hold. Its sha256 (of the
#: uncompressed bytes) is checked on loading and, being a constant here, named by every
#: output signature.
WORDLIST = "wordlist/en-words.txt.gz"
WORDLIST_SHA256 = "cf48561bd3c07b4bfe09cf73306dd2205f9125b1ac606249f4f06c8435dca20e"


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Stems of English common words beyond the lexicon's glosses (``arctic``, ``virolog``):
    a capitalised word with such a stem is a translated common noun, not a name. Read once
    (about 30 ms), when a capitalised word is first judged."""
    here = Path(__file__).resolve().parent.parent  # align/
    for base in (here.parent / "corpora", here / "_corpora"):
        path = base / WORDLIST
        if path.is_file():
            raw = gzip.decompress(path.read_bytes())
            if hashlib.sha256(raw).hexdigest() != WORDLIST_SHA256:
                raise RuntimeError(f"{path}: not the word list this version was built with")
            return frozenset(line for line in raw.decode("utf-8").splitlines()
                             if line and not line.startswith("#"))
    raise FileNotFoundError(f"English word list {WORDLIST} not found under "
                            f"{here.parent / 'corpora'} or {here / '_corpora'}")


#: The lexicon's glosses that are names (``scripts/build_name_glosses.py``): stems spelled like
#: an Arabic headword they gloss (``istanbul`` for اسطنبول, ``shoukri`` for شكري), less a
#: dictionary's common words. A capitalised word with such a stem must find its counterpart,
#: though the lexicon translates it. Checked and named like ``WORDLIST``.
NAME_GLOSSES = "wordlist/name-glosses.txt.gz"
NAME_GLOSSES_SHA256 = "293922913470e00fb859260e0c272652907376711d638b165ebb6e7f4d29f734"


@lru_cache(maxsize=1)
def name_glosses() -> frozenset[str]:
    """The stems of ``NAME_GLOSSES``, read once (a few ms), when a capitalised word is
    first judged."""
    return _stem_list(NAME_GLOSSES, NAME_GLOSSES_SHA256)


def _stem_list(name: str, sha256: str) -> frozenset[str]:
    """A shipped gzip list of stems, one a line after ``#`` headers, checked against its hash."""
    here = Path(__file__).resolve().parent.parent  # align/
    for base in (here.parent / "corpora", here / "_corpora"):
        path = base / name
        if path.is_file():
            raw = gzip.decompress(path.read_bytes())
            if hashlib.sha256(raw).hexdigest() != sha256:
                raise RuntimeError(f"{path}: not the list this version was built with")
            return frozenset(line for line in raw.decode("utf-8").splitlines()
                             if line and not line.startswith("#"))
    raise FileNotFoundError(f"{name} not found under {here.parent / 'corpora'} or "
                            f"{here / '_corpora'}")


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


#: Other readings of Latin spellings that Arabic transcribes by sound, not by the English
#: reading the aligner's skeleton assumes: ``cz`` and Chinese ``q``/``x`` as ch (تش, read as
#: ش below), ``ch`` as k (``Technion`` التخنيون, ``Czech`` تشيك), ``j`` as y (``Kaljulaid``
#: كاليولايد), and the romanisation of Arabic words, where ``dh`` writes ذ (``Nabidh``
#: نبيذ, ``Adhan`` أذان). Tried only for a name already unmatched by the usual reading.
_EN_READINGS = (
    (("cz", "sh"), ("ch", "k")),
    (("dh", "z"),),
    (("cz", "sh"),),
    (("q", "sh"), ("x", "sh")),
    (("j", "y"),),
)


@lru_cache(maxsize=50_000)
def en_skeletons(word: str) -> tuple[str, ...]:
    """Coarse skeletons of an English name under its usual reading and the readings of
    ``_EN_READINGS`` (``q``/``x`` only before a vowel: ``Qinghai``, not ``Iraq``)."""
    w = word.removesuffix("'s").removesuffix("’s").lower()
    out = [en_skeleton(word)]
    for rules in _EN_READINGS:
        v = w
        for a, b in rules:
            v = _replace_before_vowel(v, a, b) if a in ("q", "x") else v.replace(a, b)
        if v != w:
            out.append(_coarse(K.skeleton_en(v)))
    return tuple(dict.fromkeys(out))


def _replace_before_vowel(word: str, a: str, b: str) -> str:
    return "".join(b if ch == a and word[i + 1 : i + 2] in ("a", "e", "i", "o")
                   else ch for i, ch in enumerate(word))


@lru_cache(maxsize=50_000)
def ar_skeletons(word: str) -> tuple[str, ...]:
    """Coarse skeletons of an Arabic word, with and without a leading clitic or article
    (the longest that leaves three letters); تش (the transcription of ch) also as ش; a
    final ة also as ت, as romanised Arabic writes it (``Zakat`` الزكاة, ``Sadaqat``)."""
    norm = normalize_ar(word)
    forms = [norm]
    if "ة" in word and norm.endswith("ه"):
        forms.append(norm[:-1] + "ت")
    for f in list(forms):
        for p in CLITICS_COUNTERPART:
            if f.startswith(p) and len(f) - len(p) >= 3:
                forms.append(f[len(p):])
                break
    if "ث" in norm:  # th: ث in transcriptions of English names, s in the aligner's skeleton
        forms += [f.replace("ث", "ت") for f in forms]
    if "تش" in norm:
        forms += [f.replace("تش", "ش") for f in forms]
    return tuple(dict.fromkeys(_coarse(K.skeleton_ar(f)) for f in forms))


@lru_cache(maxsize=50_000)
def _fine_skeletons(word: str) -> tuple[str, ...]:
    """The aligner's (not coarse) skeletons of an Arabic word and its clitic-less form."""
    norm = normalize_ar(word)
    forms = [norm] + [norm[len(p):] for p in CLITICS_COUNTERPART
                      if norm.startswith(p) and len(norm) - len(p) >= 3][:1]
    if "تش" in norm:
        forms += [f.replace("تش", "ش") for f in forms]
    return tuple(dict.fromkeys(K.skeleton_ar(f) for f in forms))


#: An Arabic word of this many letters or more that the lexicon does not know is read as
#: words run together (a translation typed without spaces: قامتشارلزسزيسلر), in which a name
#: is looked for as a part (``close``); any word of ``GLUED_LETTERS_ANY`` letters or more,
#: known or not, matched or not (the lexicon's light stemmer finds readings in such tokens:
#: تمريرهالمينجا "pass" + Menga), by ``mentions.glued_names``.
GLUED_LETTERS = 8
GLUED_LETTERS_ANY = 11

@lru_cache(maxsize=50_000)
def _latin_part(word: str) -> str:
    """The Latin letters of an Arabic-script word that has three or more, lower-cased."""
    latin = "".join(ch for ch in word if ch.isascii() and ch.isalpha())
    return latin.lower() if len(latin) >= 3 else ""


def one_edit(a: str, b: str) -> bool:
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
    (``Berners-Lee`` / بيرنرز). A name whose coarse skeleton is shorter than three (``Saipov``:
    b and f are one class) is compared by the aligner's finer skeleton, exactly. Other
    readings of the Latin spelling are tried too (``en_skeletons``: ``Qinghai`` / تشينغهاي).

    A word with Latin letters glued to Arabic ones matches when its Latin part is the name;
    an unknown Arabic word of ``GLUED_LETTERS`` or more (words typed without spaces) when it
    contains the name's skeleton, of four consonants or more, or of three at one of its ends.

    >>> close("Kavanaugh", "كافانو"), close("Berners-Lee", "بيرنرز"), close("Furyk", "خروج")
    (True, True, False)
    >>> close("Inrupt", "شركةInrupt"), close("Inrupt", "شركةSolid")
    (True, False)
    >>> close("Qinghai", "تشينغهاي"), close("Saipov", "لسايبوف")
    (True, True)
    >>> close("Czeisler", "قامتشارلزسزيسلر")
    True
    >>> close("Chozick", "تشوزيك"), close("Ryder", "كأسرادير"), close("Ryder", "خارج")
    (True, True, False)
    """
    latin = _latin_part(ar_word)
    if latin:  # the name in Latin letters glued to an Arabic word (شركةInrupt)
        return latin == en_word.removesuffix("'s").removesuffix("’s").lower()
    skels = [e for e in en_skeletons(en_word) if len(e) >= 3]
    ar = ar_skeletons(ar_word)
    if any(_close_skeletons(e, a, known) for e in skels for a in ar):
        return True
    if len(en_skeleton(en_word)) < 3 and _fine_skeleton(en_word) in _fine_skeletons(ar_word):
        return True
    if nisba(en_word, ar_word):
        return True
    return not known and len(normalize_ar(ar_word)) >= GLUED_LETTERS and inside(en_word, ar_word)


#: An English dynasty or sect name: Hafsid, Abbasids, Hashemite, Maronites.
_EN_NISBA_RE = re.compile(r"([A-Z][a-z]+?)(?:id|ite)s?(?:'s|’s)?")
#: The Arabic nisba ending (after normalisation): الحفصي, الحفصيه, الحفصيون, الحفصيين.
_AR_NISBA_RE = re.compile("(.+?)(?:ي|يه|يون|يين)")


def nisba(en_word: str, ar_word: str) -> bool:
    """Whether an English dynasty or sect name and an Arabic nisba adjective name the same
    founder: ``Hafsid`` / ``الحفصي`` (Hafs), ``Abbasids`` / ``العباسيين``, ``Hashemite`` /
    ``الهاشمي``. Their skeletons differ by the suffixes (``fsd`` against ``fs``), and the
    stems are too short for a fuzzy match, so the stems are compared, exactly, by the
    aligner's skeleton: the two suffixes agreeing is what makes two consonants enough.

    >>> nisba("Hafsid", "الحفصي"), nisba("Abbasids", "العباسيين"), nisba("Hashemite", "الهاشمي")
    (True, True, True)
    >>> nisba("Hafsid", "الحفص"), nisba("Rashid", "راشد"), nisba("Hafsid", "المريني")
    (False, False, False)
    """
    m = _EN_NISBA_RE.fullmatch(en_word)
    if m is None:
        return False
    stem = K.skeleton_en(m.group(1))
    if len(stem) < 2:
        return False
    norm = normalize_ar(ar_word)
    bare = next((norm[len(p):] for p in CLITICS_NAME[:7] if norm.startswith(p)), None)
    a = _AR_NISBA_RE.fullmatch(bare or "")
    return a is not None and K.skeleton_ar(a.group(1)) == stem


def _fine_skeleton(en_word: str) -> str:
    fine = K.skeleton_en(en_word.removesuffix("'s").removesuffix("’s"))
    return fine if len(fine) >= 3 else "-"


def inside(en_word: str, ar_word: str) -> bool:
    """Whether an Arabic token of several words typed without spaces contains the name: its
    coarse skeleton (any reading) of four consonants or more anywhere, of three at either
    end, or, for a name whose coarse skeleton is shorter (``Saipov``), the aligner's finer
    one at either end (المحامينالاتحاديينالممثلينلسايبوف).

    >>> inside("Pyongyang", "لبيونغيانغعلىالخطواتالمتخذة"), inside("Menga", "تمريرهالمينجا")
    (True, True)
    """
    if len(en_skeleton(en_word)) < 3:
        fine = _fine_skeleton(en_word)
        return any(a.startswith(fine) or a.endswith(fine) for a in _fine_skeletons(ar_word))
    return any(e in a if len(e) >= 4 else (a.startswith(e) or a.endswith(e))
               for e in en_skeletons(en_word) if len(e) >= 3 for a in ar_skeletons(ar_word))


def _close_skeletons(e: str, a: str, known: bool) -> bool:
    """The skeleton comparison of ``close``: equal, one edit apart or a prefix."""
    if len(a) < 3:
        return False
    if a == e:
        return True
    short, long_ = (a, e) if len(a) < len(e) else (e, a)
    if len(long_) >= 4 and one_edit(a, e) and (not known or len(short) < len(long_)):
        return True
    return len(short) >= 4 and long_.startswith(short)
