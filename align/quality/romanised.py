"""Romanised Arabic names as match evidence between a bead's two sides (fidelity only).

The aligner keys a name by a consonant skeleton of three consonants or more
(``keys.skeleton_keys``) whose English reading drops ``h`` and treats ``'`` as nothing; the
short names of Arabic narrative (``Umar`` عمر, ``Ka'b`` كعب, ``Anas`` أنس, ``Abu Huraira``
أبو هريرة, ``Ibn 'Umar`` ابن عمر) therefore match nothing, and a right bead of a chain of
narrators looks half untranslated. Here an unmatched capitalised English word and an
unmatched Arabic word are paired when their *romanisation skeletons* agree: consonants as a
transliteration writes them (``h`` for ح and ه, ``'`` for ع and ء dropped as the vowels are,
``dh`` ذ, ``th`` ث, ``kh`` خ, ``gh`` غ, ``sh`` ش), with the article (``Al-``, ``ad-``, ال) and
a leading clitic optional. Kin words (``Abu``/``Abi``/``Aba`` أبو/أبي/أبا, ``Ibn``/``bin`` ابن/بن,
``Umm`` أم, ``Bint`` بنت) pair by a table, their skeleton being a letter or two.

Fidelity only: the aligner's keys (``keys.py``) are untouched, so alignments do not change.
A pair only counts as matched in the coverage and the unmatched runs; it creates no required
mention, so no name can be reported missing because of it.

>>> romanised_skeletons("Ka'b") == ar_romanised("كعب") == ("kb",)
True
>>> romanised_skeletons("Huraira"), "hr" in ar_romanised("هريرة")
(('hr',), True)
>>> "ktb" in romanised_skeletons("Al-Khattab"), "ktb" in ar_romanised("الخطاب")
(True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..evidence.features import Unit
from ..evidence.keys import collapse_skeleton
from ..evidence.names import dictionary_words
from ..text.arabic import CLITICS_COUNTERPART
from ..text.normalize import en_stem, normalize_ar

#: Shortest romanisation skeleton paired by spelling (two consonants: ``Umar`` mr); a single
#: consonant is too often chance, which is why kin words go by ``KIN``.
MIN_SKELETON = 2

#: Kin words of Arabic names, romanised -> the normalised Arabic forms they write.
KIN = {
    "abu": ("ابو", "ابي", "ابا"), "abi": ("ابي", "ابو", "ابا"), "aba": ("ابا", "ابو", "ابي"),
    "ibn": ("ابن", "بن"), "bin": ("ابن", "بن"), "ben": ("ابن", "بن"), "bint": ("بنت", "ابنه"),
    "umm": ("ام",),
}

#: Latin digraphs of a transliteration and the consonant class they write.
_DIGRAPHS = (("sh", "s"), ("th", "t"), ("dh", "z"), ("kh", "k"), ("gh", "g"), ("ch", "s"))
_EN = {
    "b": "b", "p": "b", "t": "t", "d": "d", "j": "g", "g": "g", "h": "h", "k": "k", "q": "k",
    "c": "k", "r": "r", "z": "z", "s": "s", "f": "f", "v": "f", "l": "l", "m": "m", "n": "n",
    "x": "ks", "S": "s", "T": "t", "Z": "z", "K": "k", "G": "g",
}
_AR = {
    "ب": "b", "ت": "t", "ط": "t", "ث": "t", "د": "d", "ض": "d", "ذ": "z", "ظ": "z", "ج": "g",
    "غ": "g", "ح": "h", "ه": "h", "خ": "k", "ق": "k", "ك": "k", "ر": "r", "ز": "z", "س": "s",
    "ص": "s", "ش": "s", "ف": "f", "ل": "l", "م": "m", "ن": "n",
}
#: The article as romanisations write it, assimilated or not (``al-``, ``ad-Darda'``).
_ARTICLE_RE = re.compile(r"^(?:a|e)(?:l|d|t|s|sh|z|r|n|th|dh)[-‑]")


@lru_cache(maxsize=50_000)
def romanised_skeletons(word: str) -> tuple[str, ...]:
    """Skeletons of a romanised Arabic word, with and without its article."""
    w = word.removesuffix("'s").removesuffix("’s").lower()
    forms = [w]
    m = _ARTICLE_RE.match(w)
    if m:
        forms.append(w[m.end():])
    out: list[str] = []
    for f in forms:
        for a, b in _DIGRAPHS:  # a digraph becomes its class, upper-cased: no second lookup
            f = f.replace(a, b.upper())
        out.append(collapse_skeleton(f, _EN))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=50_000)
def ar_romanised(word: str) -> tuple[str, ...]:
    """Skeletons of an Arabic word, with and without one leading clitic or the article."""
    forms = list(_ar_forms(word))
    if word.endswith("ة"):  # ة (ه once normalised) is a vowel in Huraira, h in Talhah
        forms += [f[:-1] for f in forms]
    return tuple(dict.fromkeys(collapse_skeleton(f, _AR) for f in forms))


@lru_cache(maxsize=50_000)
def _name_like(word: str) -> bool:
    """A capitalised word that is no English dictionary word: a candidate romanised name."""
    bare = word.removesuffix("'s").removesuffix("’s")
    if not bare[:1].isupper() or not bare.isascii():
        return False
    low = bare.lower()
    if low in KIN:
        return True
    return en_stem(low) not in dictionary_words() and low not in dictionary_words()


def _ar_forms(word: str) -> tuple[str, ...]:
    """A normalised Arabic word with and without one leading clitic or the article
    (two letters left at least: لعمر is ل + عمر)."""
    norm = normalize_ar(word)
    forms = [norm] + [norm[len(p):] for p in CLITICS_COUNTERPART
                      if norm.startswith(p) and len(norm) - len(p) >= 2][:1]
    return tuple(forms)


def romanised_pairs(ue: list[Unit], ua: list[Unit], keys_en: set[str], keys_ar: set[str],
                    glosses: frozenset[str]) -> tuple[list[Unit], list[Unit]]:
    """The two sides' units with a shared key ``%r<n>`` added to each pair of unmatched
    words that are one romanised name (or kin word); the lists unchanged when none pair.

    An English word pairs only when capitalised and neither a gloss nor a dictionary word,
    and only when the aligner keys it as no name, number or date (those are the mentions'
    business: ``mentions.fuzzy_names`` finds their counterparts among the unmatched words),
    each Arabic word with one English word at most, in order, so a repeated name pairs
    with its repetitions."""
    en_idx = [i for i, u in enumerate(ue) if keys_ar.isdisjoint(u.keys)
              and not any(k[0] in "~#@" for k in u.keys)
              and (u.text.lower() in KIN
                   or (_name_like(u.text) and en_stem(u.text.lower()) not in glosses))]
    if not en_idx:
        return ue, ua
    ar_idx = [j for j, u in enumerate(ua) if keys_en.isdisjoint(u.keys)
              and not u.text[0].isdigit()]
    if not ar_idx:
        return ue, ua
    new_e, new_a = list(ue), list(ua)
    used: set[int] = set()
    n = 0
    for i in en_idx:
        word = ue[i].text
        low = word.removesuffix("'s").removesuffix("’s").lower()
        kin = KIN.get(low)
        skels = {s for s in romanised_skeletons(word) if len(s) >= MIN_SKELETON}
        for j in ar_idx:
            if j in used:
                continue
            v = ua[j].text
            if kin is not None:
                hit = any(f in kin for f in _ar_forms(v))
            else:
                hit = bool(skels) and not skels.isdisjoint(ar_romanised(v))
            if hit:
                key = f"%r{n}"
                n += 1
                used.add(j)
                new_e[i] = ue[i]._replace(keys=ue[i].keys + (key,))
                new_a[j] = ua[j]._replace(keys=ua[j].keys + (key,))
                break
    return (new_e, new_a) if n else (ue, ua)
