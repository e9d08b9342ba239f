"""Numbers written in words or in other conventions, as counterparts of digits.

The aligner keys cardinal number words (``keys.EN_NUMBER_WORDS``/``AR_NUMBER_WORDS``),
which is enough to align. The fidelity scorer must not call a number *missing* when the
translation writes it another way, so it also accepts, as counterparts only:

- English compounds and ordinals: ``thirty-two``, ``third``, ``13th`` is already digits;
- Arabic ordinals, teens and compounds: ``الثالثة عشرة`` (13th), ``الثالث والستين`` (63rd),
  numbers with the article (``الخمسين``), duals of scale words (``مليوني``, two million),
  cardinals of several words (``مائة وثمانين``, 180; ``اثنا عشر``, 12);
- decades: ``1980s`` / ``الثمانينيات`` both give the key ``#80``;
- clock times: ``5.30pm`` / ``5:30`` (the parts ``#5`` and ``#30``).

Each function returns match keys in the ``keys`` format (``#value``) and is cached.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.arabic import CLITICS_COUNTERPART
from ..text.normalize import normalize_ar
from . import keys as K

_EN_ORDINALS = {
    w: i + 1 for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split())
}
#: Nouns of a count, which a translation may write as a number (a decade: ١٠ سنوات).
_EN_COUNTS = {"decade": 10}
#: Half, as a fraction and as a percentage (``50 percent`` / النصف, ``half`` / ٥٠٪).
_HALF = ("#0.5", "#50")
_AR_HALF = frozenset({"نصف", "النصف"})
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
#: Normalised Arabic ordinals (masculine and feminine, see ``normalize.normalize_ar``).
_AR_ORDINALS = {
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4,
    "رابعه": 4, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7,
    "ثامن": 8, "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
    "حادي": 1, "حاديه": 1,
}
_AR_TENS = {f"{stem}{end}": 10 * (k + 2) for k, stem in enumerate(
    ("عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع")) for end in ("ين", "ون")}
#: ``ثنتين``/``ثنتان``: two, in the hadith's and poetry's Arabic (``ثنتي عشرة``, 12).
_AR_UNITS = {**K.AR_NUMBER_WORDS, **_AR_ORDINALS, **_AR_TENS, "ثنتين": 2, "ثنتان": 2}
_AR_TEEN = frozenset({"عشر", "عشره"})
_AR_DECADES = {"عشريني": 20, "عشرين": 20, "ثلاثيني": 30, "اربعيني": 40, "خمسيني": 50,
               "ستيني": 60, "سبعيني": 70, "ثمانيني": 80, "تسعيني": 90}
#: Duals of scale words: ``مليوني دولار`` is two million dollars, ``ألفي مسافر`` two
#: thousand travellers (the construct form in ``-ي`` too), ``مئتا``/``مائتين`` two hundred.
#: (Not ``ألفا``, ``مليونا``: also the accusative of one thousand, one million, and alpha.)
_AR_DUALS = {"الفين": 2000, "الفان": 2000, "الفي": 2000,
             "مليونين": 2_000_000, "مليوني": 2_000_000, "مليونان": 2_000_000,
             "مليارين": 2 * 10**9, "ملياري": 2 * 10**9, "ملياران": 2 * 10**9,
             **{f"{h}{end}": 200 for h in ("مئت", "مائت") for end in ("ين", "ي", "ان", "ا")}}
#: Hundreds written as one word (``ثلاثمائة``, ``خمسمئة``) and one scale word alone
#: (``ألف شخص``, ``مليون دولار``: one thousand, one million).
_AR_HUNDREDS = {f"{unit}{h}": 100 * v for unit, v in (
    ("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8),
    ("تسع", 9)) for h in ("مائه", "مئه")}
_AR_ONE_SCALE = {"الف": 1000, "مليون": 10**6, "مليار": 10**9}
#: Scale words after a number word: ``ثلاثة آلاف`` 3,000, ``خمسة ملايين``, ``ثلاث مئة``.
_AR_SCALE_AFTER = {**K.AR_SCALE, "مئه": 100, "مائه": 100, "مئات": 100}
_CLOCK_RE = re.compile(r"^(\d{1,2})[.:](\d{2})$")
#: First words of 11 and 12 (``أحد عشر``, ``إحدى عشرة``, ``اثنا عشر``, ``اثنتي عشرة``):
#: numbers only before ``عشر``/``عشرة`` (``أحد`` alone is "someone", or Sunday).
_AR_TEEN_FIRST = {"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
                  "ثنتا": 2, "ثنتي": 2}
#: Scale words that multiply the group before them in a compound (``خمسة وعشرون ألفًا``
#: 25,000, ``خمسمائة ألف`` 500,000), the accusative ``ألفًا``/``مليونًا`` among them.
_AR_SCALE_WORDS = {**K.AR_SCALE, "الفا": 10**3, "مليونا": 10**6, "مليارا": 10**9}
#: ``مئة``/``مائة`` after a unit: the hundreds written apart (``ثلاث مائة``, ``أربع مئة``).
_AR_HUNDRED_APART = frozenset({"مئه", "مائه"})
#: Words a compound number reads at most (``ألف وتسعمائة وخمسة وأربعون``: four).
_COMPOUND_MAX = 8
#: What ends a word of a compound number: anything but letters, digits, tatweel and
#: Arabic diacritics (``ألفًا`` keeps its tanween).
_WORD_END = re.compile(r"[^\w\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def _key(v: int) -> str:
    return f"#{v}"


@lru_cache(maxsize=20_000)
def en_word_keys(word: str) -> tuple[str, ...]:
    """Keys of an English number word the aligner does not key (compounds, ordinals).

    >>> en_word_keys("Thirty-two"), en_word_keys("third"), en_word_keys("house")
    (('#32',), ('#3',), ())
    >>> en_word_keys("six-month"), en_word_keys("decade")
    (('#6',), ('#10',))
    """
    w = word.lower()
    if w in _EN_ORDINALS:
        return (_key(_EN_ORDINALS[w]),)
    if w in _EN_COUNTS:
        return (_key(_EN_COUNTS[w]),)
    if w == "half":
        return _HALF
    tens, dash, unit = w.partition("-")
    if dash and tens in _EN_TENS:
        u = K.EN_NUMBER_WORDS.get(unit) or _EN_ORDINALS.get(unit)
        if u is not None and u < 10:
            return (_key(_EN_TENS[tens] + u),)
    if dash and tens in K.EN_NUMBER_WORDS and unit in ("hundred", *K.EN_SCALE):
        scale = 100 if unit == "hundred" else K.EN_SCALE[unit]  # seven-hundred
        return (_key(K.EN_NUMBER_WORDS[tens] * scale),)
    if dash and tens in K.EN_NUMBER_WORDS and unit.isalpha():  # six-month, two-day
        return (_key(K.EN_NUMBER_WORDS[tens]),)
    return ()


def _strip(norm: str) -> str:
    """``norm`` without a leading clitic or article, and without the alef of the accusative
    (``واحدًا``, ``ثلاثًا``: the tanween is gone after normalisation) when a number word is
    left."""
    bare = norm
    for p in CLITICS_COUNTERPART:
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            bare = norm[len(p):]
            break
    for form in (norm, bare):  # واحدا: a number word, not و + احدا
        if form.endswith("ا") and form[:-1] in _AR_UNITS:
            return form[:-1]
    return bare


@lru_cache(maxsize=50_000)
@lru_cache(maxsize=50_000)
def ar_number_word(word: str) -> bool:
    """Whether ``ar_word_keys(word, next_word)`` can give a key for some ``next_word``: the
    scorer then need not look for the next word of the other nineteen words in twenty.
    Cached: the scorer asks it of every Arabic word of every bead, and words repeat
    (normalising the word was most of its cost).

    >>> ar_number_word("الثالث"), ar_number_word("بيت")
    (True, False)
    """
    norm = normalize_ar(word)
    base = _strip(norm)
    return (any(stem in base and base != stem for stem in _AR_DECADES)
            or base in _AR_DUALS or base in _AR_UNITS or base in _AR_HALF or norm in _AR_HALF
            or _scale_form(norm, base) is not None)


def _scale_form(norm: str, base: str) -> int | None:
    """The value of a dual or hundreds word or a lone scale word (``ألفي``, ``مئتين``,
    ``ثلاثمائة``, ``ألف``), seen with and without a leading clitic: the ``ال`` of ``ألفين``
    is the word's own, not the article, and ``_strip`` would take it off."""
    for form in (norm, base, norm[1:] if norm[:1] in "وبلف" else norm):
        value = _AR_DUALS.get(form) or _AR_HUNDREDS.get(form) or _AR_ONE_SCALE.get(form)
        if value is not None:
            return value
    return None


@lru_cache(maxsize=50_000)
def ar_word_keys(word: str, next_word: str) -> tuple[str, ...]:
    """Keys of an Arabic number word the aligner does not key: ordinals, numbers with the
    article, teens and compounds (``next_word``: the word after it, as in ``الثالثة عشرة``,
    13th, or ``الثالث والستين``, 63rd), decades and duals.

    >>> ar_word_keys("الثالثة", "عشر"), ar_word_keys("الثالث", "والستين")
    (('#13',), ('#63',))
    >>> ar_word_keys("الثمانينيات", ""), ar_word_keys("مليوني", ""), ar_word_keys("بيت", "")
    (('#80',), ('#2000000',), ())
    >>> ar_word_keys("النصف", "")
    ('#0.5', '#50')
    """
    norm = normalize_ar(word)
    base = _strip(norm)
    if base in _AR_HALF or norm in _AR_HALF:
        return _HALF
    for stem, value in _AR_DECADES.items():
        if stem in base and base != stem:
            return (_key(value),)
    scaled = _scale_form(norm, base)
    if scaled is not None:
        return (_key(scaled),)
    unit = _AR_UNITS.get(base)
    if unit is None:
        return ()
    nxt = normalize_ar(next_word)
    scale = _AR_SCALE_AFTER.get(nxt) if base not in _AR_ORDINALS else None
    if scale is not None:  # ثلاثة آلاف: 3,000; also 3, as "three thousand" writes it
        return tuple(sorted((_key(unit), _key(unit * scale))))
    if unit < 10:
        if _strip(nxt) in _AR_TEEN:
            return (_key(unit + 10),)
        tens = _AR_TENS.get(_strip(nxt), 0)
        if nxt.startswith("و") and tens >= 20:
            return (_key(unit + tens),)
    return (_key(unit),)


def _term(norm: str) -> int | None:
    """The value of one word of a compound number: a unit, ten, hundred, teen part, dual
    or lone scale word (normalised, its clitic already off)."""
    for form in (norm, norm[:-1] if norm.endswith("ا") else norm):
        value = (_AR_UNITS.get(form) if form not in _AR_ORDINALS else None) or _AR_TENS.get(
            form) or _AR_HUNDREDS.get(form) or _AR_DUALS.get(form) or _AR_ONE_SCALE.get(form)
        if value is not None:
            return value
    return None


def _kind(value: int) -> str:
    return ("unit" if value < 10 else "pair" if value < 20 else "tens" if value < 100
            else "hundred" if value < 1000 else "scale")


def ar_compound_value(words: tuple[str, ...]) -> int | None:
    """The value of a cardinal number written in several words, from its first word, or
    ``None`` when ``words`` do not start one: ``مائة وثمانين`` 180, ``اثنا عشر`` 12,
    ``ألفًا وخمسمائة`` 1,500, ``مليونين وخمسمائة ألف`` 2,500,000, ``خمسة وعشرون ألفًا``
    25,000. Legal and literary Arabic writes numbers so; read word by word, each part
    alone (100 and 80) answered no English "180", a false number mismatch.

    The grammar is the one Arabic writes, largest first: a unit then ``و`` and its ten
    (``خمسة وعشرون``), a unit then ``عشر``/``عشرة`` (a teen), a hundred then ``و`` and
    what is below a hundred, a scale word right after a group multiplying it, and after a
    scale ``و`` and what is below it. Anything else ends the number: ``خمسة وأربعة`` is a
    list of two (5 and 4), not 9.

    >>> ar_compound_value(("مائة", "وثمانين", "يوما")), ar_compound_value(("اثنا", "عشر"))
    (180, 12)
    >>> ar_compound_value(("مليونين", "وخمسمائة", "ألف")), ar_compound_value(("ألفا", "وخمسمائة"))
    (2500000, 1500)
    >>> ar_compound_value(("خمسة", "وعشرون", "ألفا")), ar_compound_value(("ثلاثة", "كتب"))
    (25000, None)
    >>> ar_compound_value(("خمسة", "وأربعة")), ar_compound_value(("أحد", "الأشخاص"))
    (None, None)
    >>> ar_compound_value(("بأربع", "مئة", "ألف")), ar_compound_value(("إحدى", "وسبعين"))
    (400000, 71)
    """
    got = ar_compound(words)
    return None if got is None else got[0]


def ar_compound(words: tuple[str, ...]) -> tuple[int, int] | None:
    """``ar_compound_value`` and how many of ``words`` the number spans."""
    if not words:
        return None
    first = _strip(normalize_ar(words[0]))
    teen = _AR_TEEN_FIRST.get(first)
    value = teen if teen is not None else (_term(first) or _term(normalize_ar(words[0])))
    if value is None:
        return None
    total, group = (value, 0) if value >= 1000 else (0, value)
    kind = "teen-first" if teen is not None else _kind(value)
    least_scale = value if value >= 1000 else 0  # the smallest scale used so far
    terms = 1
    for word in words[1:_COMPOUND_MAX]:
        norm = normalize_ar(word)
        if norm in _AR_TEEN and kind in ("unit", "teen-first"):
            group += 10
            kind = "pair"
        elif norm in _AR_HUNDRED_APART and kind == "unit" and group >= 3:
            group *= 100  # أربع مئة: the hundreds written in two words
            kind = "hundred"
        elif (norm in _AR_SCALE_WORDS and group and kind != "teen-first"
              and (not least_scale or _AR_SCALE_WORDS[norm] < least_scale)):
            least_scale = _AR_SCALE_WORDS[norm]
            total += group * least_scale
            group, kind = 0, "scale"
        elif norm.startswith("و") and (v := _term(norm[1:])) is not None and (
                (kind in ("unit", "teen-first") and _kind(v) == "tens")
                or (kind == "hundred" and v < 100)
                or (kind == "scale" and v < least_scale)):
            if v >= 1000:
                total += v
                least_scale = v
            else:
                group += v
            kind = "pair" if kind == "unit" else _kind(v)
        else:
            break
        terms += 1
    return (total + group, terms) if terms >= 2 and kind != "teen-first" else None


_TOKEN_RE = re.compile(r"\S+")


def compound_at(text: str, start: int) -> tuple[int, int] | None:
    """The value and end offset of a cardinal of several words starting at ``text[start]``
    (``ar_compound``), read up to the first punctuation: a number does not run across a
    comma (``خمسة، وعشرون``)."""
    words: list[str] = []
    ends: list[int] = []
    for m in _TOKEN_RE.finditer(text, start, start + 160):
        tok = m.group()
        cut = _WORD_END.search(tok)
        if cut is not None:
            if cut.start():
                words.append(tok[: cut.start()])
                ends.append(m.start() + cut.start())
            break
        words.append(tok)
        ends.append(m.end())
        if len(words) == _COMPOUND_MAX:
            break
    got = ar_compound(tuple(words))
    return None if got is None else (got[0], ends[got[1] - 1])


def is_compound_start(norm: str) -> bool:
    """Whether a normalised word may start a cardinal of several words (``compound_at``):
    a unit, ten, hundred, dual, scale word or the first word of 11 and 12."""
    base = _strip(norm)
    return base in _AR_TEEN_FIRST or _term(base) is not None or _term(norm) is not None


def digit_alternates(token: str, following: str) -> tuple[str, ...]:
    """Extra keys of a digit token: the decade of ``1980s`` and the parts of a clock time.

    >>> digit_alternates("1980", "s in"), digit_alternates("5.30", "pm"), digit_alternates("7", "")
    (('#80',), ('#5', '#30'), ())
    >>> digit_alternates("2.52", " m"), digit_alternates("5:30", " ")
    ((), ('#5', '#30'))
    """
    if len(token) == 4 and token.isdigit() and following[:1] == "s" and token.endswith("0"):
        return (_key(int(token[2:])),)
    m = _CLOCK_RE.match(token)
    # A dot makes a clock time only before am/pm: ``2.52 million`` is a decimal, and its
    # parts would match those of ``1.52``.
    clock = ":" in token or following.lstrip().lower()[:2] in ("am", "pm", "a.", "p.")
    if m and clock and int(m.group(1)) <= 24 and int(m.group(2)) < 60:
        return (_key(int(m.group(1))), _key(int(m.group(2))))
    return ()


#: English words of a cardinal written in words (``keys.EN_NUMBER_WORDS`` and the tens of
#: ``twenty-five``), the scale words, and the ``and`` that may join them.
_EN_CARDINAL_RE = re.compile(
    r"\b(?:(?:" + "|".join(sorted({*K.EN_NUMBER_WORDS, *K.EN_SCALE},
                                   key=lambda w: (-len(w), w)))
    + r")(?:-(?:" + "|".join(w for w, v in K.EN_NUMBER_WORDS.items() if 0 < v < 10)
    + r"|hundred))?(?:\s+(?:and\s+)?|\b))+", re.IGNORECASE)


@lru_cache(maxsize=20_000)
def en_compounds(text: str) -> tuple[tuple[int, int, int], ...]:
    """``(start, end, value)`` of every English cardinal written in several words:
    ``two hundred`` 200, ``ten thousand`` 10,000, ``one hundred and twenty-five`` 125,
    ``three million`` 3,000,000. Word by word (2 and 100) they answer no Arabic ``مائتين``;
    the scorer's check of number words (``mentions.swapped_numbers``) reads them whole. A
    word that cannot continue the number starts the next one (``six hundred and seven
    hundred``: 600 and 700).

    >>> en_compounds("two hundred and fifty men, ten thousand women")
    ((0, 21, 250), (27, 39, 10000))
    >>> en_compounds("between six hundred and seven hundred"), en_compounds("five men")
    (((8, 19, 600), (24, 37, 700)), ())
    """
    out: list[tuple[int, int, int]] = []
    for m in _EN_CARDINAL_RE.finditer(text):
        run: list[tuple[int, int, int]] = []  # (start, end, value) of the words
        for w in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)?", m.group()):
            value = en_word_value(w.group().lower())
            if value is not None:
                run.append((m.start() + w.start(), m.start() + w.end(), value))
        out.extend(_en_numbers(run))
    return tuple(out)


def en_word_value(word: str) -> int | None:
    """The value of one English number word, lower case (``twenty-five``, ``four-hundred``,
    ``thousand`` too), or ``None``."""
    if word in K.EN_SCALE:
        return K.EN_SCALE[word]
    tens, dash, unit = word.partition("-")
    if dash and unit == "hundred" and 0 < K.EN_NUMBER_WORDS.get(tens, 0) < 10:
        return K.EN_NUMBER_WORDS[tens] * 100  # four-hundred
    if dash and unit in K.EN_SCALE and tens in K.EN_NUMBER_WORDS:
        return K.EN_NUMBER_WORDS[tens] * K.EN_SCALE[unit]  # fifty-thousand
    if dash:
        return _EN_TENS.get(tens, 0) + K.EN_NUMBER_WORDS.get(unit, 0) if tens in _EN_TENS \
            else None
    return K.EN_NUMBER_WORDS.get(word)


def _en_numbers(run: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The numbers of several words in a run of number words (``en_compounds``), largest
    part first: a unit continues a ten, hundred or scale; a ten or teen a hundred or scale;
    ``hundred`` a unit; a scale a smaller one. ``hundred`` after a unit that continued a
    hundred takes that unit into the next number (``six hundred and seven hundred``)."""
    out: list[tuple[int, int, int]] = []
    words: list[tuple[int, int, int]] = []

    def close(ws: list[tuple[int, int, int]]) -> None:
        if len(ws) >= 2:
            out.append((ws[0][0], ws[-1][1], _en_value_of([v for _, _, v in ws])))

    for word in run:
        v = word[2]
        if not words and v >= 1000:
            continue  # "1.7 million four years": a scale after digits starts no number
        if words and not _continues([w[2] for w in words], v):
            if v == 100 and len(words) >= 2 and words[-1][2] < 10:
                close(words[:-1])
                words = [words[-1]]
            else:
                close(words)
                words = []
        words.append(word)
    close(words)
    return out


def _en_value_of(values: list[int]) -> int:
    """The value of number words that make one number (``_continues``): a hundred
    multiplies the group before it, a scale word the group and closes it."""
    total, group = 0, 0
    for v in values:
        if v >= 1000:
            total, group = total + max(group, 1) * v, 0
        elif v == 100:
            group = max(group, 1) * 100
        else:
            group += v
    return total + group


def _continues(values: list[int], v: int) -> bool:
    """Whether number word ``v`` continues the number of ``values`` (``_en_numbers``)."""
    scales = [x for x in values if x >= 1000]
    group = _en_value_of([x for x in values[len(values) - _since_scale(values):]])
    if v >= 1000:
        return group > 0 and (not scales or v < scales[-1])
    if v == 100:
        return 0 < group < 10
    if v < 10:
        return group % 10 == 0 and not 10 <= group % 100 < 20 and (group > 0 or bool(scales))
    return group % 100 == 0 and (group > 0 or bool(scales))


def _since_scale(values: list[int]) -> int:
    """How many of ``values`` come after the last scale word."""
    for k in range(len(values) - 1, -1, -1):
        if values[k] >= 1000:
            return len(values) - 1 - k
    return len(values)


_EN_NUMBER_PREFIX_RE = re.compile(
    r"\b(" + "|".join(sorted((w for w, v in K.EN_NUMBER_WORDS.items() if v > 1), key=len,
                            reverse=True)) + r")[a-z]{3,}", re.IGNORECASE)


_EN_FOLD_RE = re.compile(
    r"\b(" + "|".join(w for w, v in K.EN_NUMBER_WORDS.items() if 1 < v < 100)
    + r")[\s-]+(hundred)fold\b", re.IGNORECASE)
_ROMAN = {"I": 1, "V": 5, "X": 10}
_ROMAN_RE = re.compile(r"\b(?=[IVX]{2,5}\b)(X{0,2})(IX|IV|V?I{0,3})\b")
_YEAR_RE = re.compile(r"\b(1[0-9]|20)\d\d(?:s\b|\b)")


@lru_cache(maxsize=20_000)
def en_number_prefixes(text: str) -> frozenset[str]:
    """Keys of the number words that start longer English words (``fourballs``,
    ``threefold``, ``twelvemonth``): the Arabic writes that count as a number word
    (``الأربع كرات``), which is then no number put for another. Only a counterpart: a
    false hit (``tennis``) can only spare a flag.

    >>> sorted(en_number_prefixes("He lost in the fourballs and a threefold rise"))
    ['#3', '#4']
    """
    return frozenset(f"#{K.EN_NUMBER_WORDS[m.group(1).lower()]}"
                     for m in _EN_NUMBER_PREFIX_RE.finditer(text))


@lru_cache(maxsize=20_000)
def en_implied_numbers(text: str) -> frozenset[str]:
    """Keys of the counts an English text writes in no number word: the number words that
    start longer words (``fourballs``, ``threefold``: الأربع كرات), Roman numerals
    (``Phase III``: المرحلة الثالثة) and the century of a year (``the 1930s``:
    ثلاثينيات القرن العشرين). Only counterparts of Arabic number words: a false hit
    (``tennis``) can only spare a flag.

    >>> sorted(en_implied_numbers("Phase III of the fourballs in the 1930s"))
    ['#20', '#3', '#4']
    """
    keys = set(en_number_prefixes(text))
    for m in _EN_FOLD_RE.finditer(text):  # "seven hundredfold": 700
        keys.add(f"#{K.EN_NUMBER_WORDS[m.group(1).lower()] * K.EN_NUMBER_WORDS[m.group(2)]}")
    for m in _ROMAN_RE.finditer(text):
        keys.add(f"#{_roman(m.group())}")
    for m in _YEAR_RE.finditer(text):
        keys.add(f"#{int(m.group(1)) + 1}")
    return frozenset(keys)


def _roman(numeral: str) -> int:
    """The value of a Roman numeral of ``_ROMAN_RE`` (up to XXIX)."""
    total = 0
    for k, ch in enumerate(numeral):
        v = _ROMAN[ch]
        total += -v if k + 1 < len(numeral) and _ROMAN[numeral[k + 1]] > v else v
    return total


def ar_clitic_short(word: str) -> bool:
    """Whether an Arabic number word is a short one read only after taking off a clitic or
    the article (``لست`` "I am not" read ل + ست, six; ``السبع`` the beast of prey, or the
    seven; ``العشر`` the ten nights): too loose to be called a number put for another."""
    norm = normalize_ar(word)
    base = _strip(norm)
    return base != norm and len(base) <= 3
