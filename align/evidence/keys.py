"""Typed match keys: numbers, months, weekdays, names and Latin tokens.

A *key* is a string that the same content produces on both sides of a translation whatever
the script: ``١٥١`` and ``151`` both give ``#151``; ``تشرين الأوّل`` and ``October`` give
``@m10``; ``لافرينتيف`` and ``Lavrentyev`` share a consonant skeleton ``~lfrntf``. The aligner
counts shared keys like lexicon matches; the fidelity scorer compares them to find a number or
name present on one side and missing on the other (``mentions.py``). Keys are prefixed by type
(``#`` number, ``@m`` month, ``@d`` weekday, ``~`` name skeleton, ``=`` Latin token) so that a
person can be told which kind of key matched (``review.highlight.key_kind``).

>>> number_keys(2.5, 10**6), months_weekdays_en("october"), months_weekdays_en("friday")
(('#2.5', '#2500000'), '@m10', '@d4')
>>> skeleton_ar("لافرينتيف") == skeleton_en("Lavrentyev") == "lfrntf"
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..text.arabic import CLITICS_LOOKUP, TO_ASCII_DIGITS

EN_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
# Normalised forms (alef, yaa, teh marbuta folded; see normalize.normalize_ar).
AR_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "جانفي": 1, "فيفري": 2, "افريل": 4, "جوان": 6, "جويليه": 7,
    "اوت": 8,
}
# Two-word Levantine months: first word -> {second word: month}.
AR_MONTHS_2 = {
    "تشرين": {"الاول": 10, "الثاني": 11, "اول": 10, "ثاني": 11},
    "كانون": {"الاول": 12, "الثاني": 1, "اول": 12, "ثاني": 1},
}
EN_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
AR_WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4,
               "السبت": 5, "الاحد": 6, "اثنين": 0, "ثلاثاء": 1, "اربعاء": 2, "خميس": 3,
               "جمعه": 4, "سبت": 5, "احد": 6}

# Multipliers written as words after a number: "2.5 million", "820 ألف".
EN_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
AR_SCALE = {"الف": 10**3, "الاف": 10**3, "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9,
            "مليارات": 10**9, "بليون": 10**9, "ترليون": 10**12, "تريليون": 10**12}
EN_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
EN_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                        "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12})
AR_NUMBER_WORDS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3,
    "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7,
    "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10,
    "عشره": 10, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40,
    "اربعون": 40, "خمسين": 50, "خمسون": 50, "مائه": 100, "ميه": 100, "مئه": 100,
    # Spoken spellings (Egyptian, Levantine: ث said and written ت).
    "اتنين": 2, "تنين": 2, "تلات": 3, "تلاته": 3, "تمانيه": 8, "تمنيه": 8, "تلاتين": 30,
}

_NUM_RE = re.compile(r"^\d+(?:[.,٫٬]\d+)*$")


def number_value(token: str) -> float | None:
    """Numeric value of a digit token in any digit system, or ``None``.

    ``2,400`` and ``٢٬٤٠٠`` are 2400; ``2.5`` and ``٢٫٥`` are 2.5; a comma followed by exactly
    three digits is a thousands separator, otherwise a decimal comma.

    >>> number_value("٢٬٤٠٠"), number_value("2,400"), number_value("٢٫٥"), number_value("1.5")
    (2400.0, 2400.0, 2.5, 1.5)
    """
    t = token.translate(TO_ASCII_DIGITS)
    if not _NUM_RE.match(t):
        return None
    t = t.replace("٬", ",").replace("٫", ".")
    parts = re.split(r"([.,])", t)
    digits = parts[0]
    i = 1
    while i < len(parts):
        sep, grp = parts[i], parts[i + 1]
        if (sep == "," and len(grp) == 3) or (sep == "." and len(grp) == 3 and t.count(".") > 1):
            digits += grp
        else:
            digits += "." + grp
        i += 2
    try:
        return float(digits)
    except ValueError:
        return None


def _num_key(v: float) -> str:
    return "#" + (str(int(v)) if v == int(v) else f"{v:g}")


def number_keys(value: float, scale: int | None) -> tuple[str, ...]:
    """Keys of a number, with and without a following scale word (``2.5 million``)."""
    keys = [_num_key(value)]
    if scale:
        keys.append(_num_key(value * scale))
    return tuple(keys)


# Names across scripts -------------------------------------------------------------------
# Both scripts are reduced to a skeleton of consonant classes, dropping vowels and the letters
# that serve as vowels in transcribed names (ا و ي ى ة ء ع, a e i o u y w h).
_AR_SKEL = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "ج": "g", "چ": "g", "ح": "", "خ": "k",
    "د": "d", "ض": "d", "ذ": "z", "ر": "r", "ز": "z", "ظ": "z", "س": "s", "ص": "s", "ش": "s",
    "غ": "g", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
    "ه": "",
}
_EN_DIGRAPHS = (("sch", "s"), ("tch", "s"), ("ch", "s"), ("sh", "s"), ("th", "t"),
                ("ph", "f"), ("kh", "k"), ("gh", "g"), ("ck", "k"), ("dj", "g"), ("ts", "s"),
                ("tz", "s"), ("zh", "z"), ("qu", "k"))
_EN_SKEL = {
    "b": "b", "p": "b", "c": "k", "d": "d", "f": "f", "v": "f", "g": "g", "j": "g", "k": "k",
    "q": "k", "l": "l", "m": "m", "n": "n", "r": "r", "s": "s", "t": "t", "x": "ks",
    "z": "z",
}


def collapse_skeleton(letters: str, table: dict[str, str]) -> str:
    """The consonants ``table`` gives ``letters``, letters it lacks dropped and a consonant
    repeated at once written once (doubled letters and shadda spell one sound)."""
    out: list[str] = []
    for ch in letters:
        c = table.get(ch, "")
        if c and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=100_000)
def skeleton_ar(word: str) -> str:
    """Consonant skeleton of a normalised Arabic word (``لافرينتيف`` -> ``lfrntf``)."""
    return collapse_skeleton(word, _AR_SKEL)


@lru_cache(maxsize=100_000)
def skeleton_en(word: str) -> str:
    """Consonant skeleton of a Latin-script name (``Lavrentyev`` -> ``lfrntf``)."""
    w = word.lower()
    for a, b in _EN_DIGRAPHS:
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w)
    out: list[str] = []
    for ch in w:
        c = _EN_SKEL.get(ch, "")
        if c and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


def skeleton_keys(skel: str) -> tuple[str, ...]:
    """Match keys of a skeleton: itself, and its one-deletion variants when long enough.

    Two skeletons share a key when they are equal or one edit (a deletion on one side, or a
    substitution) apart, the SymSpell trick: exact-key joins then find fuzzy matches.

    >>> set(skeleton_keys("lfrntf")) & set(skeleton_keys("lfrnt")), skeleton_keys("bg")
    ({'~lfrnt'}, ())
    """
    if len(skel) < 3:
        return ()
    keys = {"~" + skel}
    if len(skel) >= 5:
        keys.update("~" + skel[:i] + skel[i + 1 :] for i in range(len(skel)))
    return tuple(sorted(keys))


def months_weekdays_en(word_lower: str) -> str | None:
    if word_lower in EN_MONTHS and word_lower not in ("may", "mar", "jan", "dec", "sep"):
        return f"@m{EN_MONTHS[word_lower]}"
    if word_lower in EN_WEEKDAYS:
        return f"@d{EN_WEEKDAYS[word_lower]}"
    return None


def clitic_index(table: Iterable[str]) -> dict[str, str]:
    """Every word ``strip_clitic`` finds in ``table``, mapped to what it returns: one dict
    look-up per word instead of a walk over the clitics (a table's own forms first, then the
    clitics in ``CLITICS_LOOKUP``'s order, as ``strip_clitic`` tries them)."""
    forms = list(table)
    out = {t: t for t in forms}
    for c in CLITICS_LOOKUP:
        for t in forms:
            out.setdefault(c + t, t)
    return out


def strip_clitic(word: str, table: Iterable[str]) -> str | None:
    """The form of ``word`` found in ``table`` after removing a leading conjunction or
    preposition (``والخميس`` -> ``الخميس``), or ``None``.

    >>> strip_clitic("والخميس", AR_WEEKDAYS), strip_clitic("بيت", AR_WEEKDAYS)
    ('الخميس', None)
    """
    tbl = set(table) if not isinstance(table, (dict, set, frozenset)) else table
    if word in tbl:
        return word
    for c in CLITICS_LOOKUP:
        if word.startswith(c) and word[len(c):] in tbl:
            return word[len(c):]
    return None
