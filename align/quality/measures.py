"""Units and currencies that contradict each other across a bead ("20 dollars", ٢٠ يورو).

Coverage and the number check cannot see this error: the figure matches, and the unit is one
word among many. A bilingual table of units and currencies can: when the English puts a unit
of one kind right after (or a currency symbol right before) a number and the Arabic puts
another unit of the same dimension next to the same number, and neither side has the other's
unit, the bead is contradicted (``term-mismatch``, counted as a referent replaced, as
``terms.contradicted_offices``). Only a unit attached to a number counts, and only against
the same number: a conversion ("two weeks", ١٤ يوما; "5 miles", ٨ كيلومترات) is no
contradiction, and a figure that differs is the number check's to report.

The same reading of numbers with their units gives two more checks: a unit both sides count
with no count in common (``contradicted_counts``, a number mismatch: "an hour ago" for قبل
ساعتين), and a bound turned round next to the same number (``contradicted_bounds``: "over
18" for أقل من 18).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..evidence import keys as K
from ..evidence.numwords import (
    ar_compound,
    ar_number_word,
    ar_word_keys,
    en_compounds,
    en_word_value,
    is_compound_start,
)
from ..text.arabic import TO_ASCII_DIGITS
from ..text.normalize import normalize_ar

#: Unit -> (dimension, English forms (lower case; symbols as written), Arabic forms after
#: ``normalize_ar``, duals among them, which carry the count 2).
UNITS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "dollar": ("currency", ("dollar", "dollars", "$", "usd", "us$"),
               ("دولار", "دولارا", "دولارات", "الدولارات", "$"), ("دولارين", "دولاران")),
    "euro": ("currency", ("euro", "euros", "€", "eur"), ("يورو", "€"), ()),
    "sterling": ("currency", ("£", "gbp", "sterling"), ("استرليني", "£"), ()),
    "yen": ("currency", ("yen", "¥", "jpy"), ("ين", "¥"), ()),
    "yuan": ("currency", ("yuan", "renminbi", "rmb", "cny"), ("يوان",), ()),
    "riyal": ("currency", ("riyal", "riyals", "rial", "rials", "sar", "qar"),
              ("ريال", "ريالا", "ريالات"), ("ريالين", "ريالان")),
    "dirham": ("currency", ("dirham", "dirhams", "aed"), ("درهم", "درهما", "دراهم"),
               ("درهمين", "درهمان")),
    "dinar": ("currency", ("dinar", "dinars", "kwd", "jod", "iqd"), ("دينار", "دينارا",
                                                                    "دنانير"), ("دينارين",)),
    "lira": ("currency", ("lira", "liras", "lire"), ("ليره", "ليرات"), ("ليرتين",)),
    "rupee": ("currency", ("rupee", "rupees", "inr"), ("روبيه", "روبيات"), ()),
    "rouble": ("currency", ("rouble", "roubles", "ruble", "rubles"), ("روبل",), ()),
    "shekel": ("currency", ("shekel", "shekels"), ("شيكل", "شيكلا", "شيقل"), ()),
    "milligram": ("mass", ("mg", "milligram", "milligrams", "milligramme", "milligrammes"),
                  ("ملغ", "مغ", "ملجم", "مجم", "مليغرام", "ملليغرام", "ميليغرام",
                   "ملليجرام", "مليجرام", "ميلليغرام"), ()),
    "microgram": ("mass", ("mcg", "µg", "μg", "microgram", "micrograms"),
                  ("ميكروغرام", "ميكروجرام", "مكغ", "ميكروغراما"), ()),
    "gram": ("mass", ("g", "gram", "grams", "gramme", "grammes"),
             ("غرام", "غراما", "غرامات", "جرام", "جراما", "جرامات", "غ", "جم"),
             ("غرامين", "جرامين")),
    "kilogram": ("mass", ("kg", "kilogram", "kilograms", "kilo", "kilos"),
                 ("كيلوغرام", "كيلوغراما", "كيلوغرامات", "كيلوجرام", "كيلوجراما", "كغ",
                  "كجم", "كلغ"), ("كيلوغرامين",)),
    "tonne": ("mass", ("ton", "tons", "tonne", "tonnes"), ("طن", "طنا", "اطنان"),
              ("طنين", "طنان")),
    "millimetre": ("length", ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
                   ("مم", "مليمتر", "ملليمتر", "مليمترا", "مليمترات"), ()),
    "centimetre": ("length", ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
                   ("سم", "سنتيمتر", "سنتيمترا", "سنتيمترات", "سنتمتر", "سنتمترا"), ()),
    "metre": ("length", ("metre", "metres", "meter", "meters"),
              ("متر", "مترا", "امتار"), ("مترين", "متران")),
    "kilometre": ("length", ("km", "kilometre", "kilometres", "kilometer", "kilometers"),
                  ("كم", "كيلومتر", "كيلومترا", "كيلومترات", "كلم"), ("كيلومترين",)),
    "mile": ("length", ("mile", "miles"), ("ميل", "ميلا", "اميال"), ("ميلين",)),
    "millilitre": ("volume", ("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
                   ("مل", "ملليلتر", "مليلتر", "ملليلترا", "مليلترا"), ()),
    "litre": ("volume", ("l", "litre", "litres", "liter", "liters"),
              ("لتر", "لترا", "لترات"), ("لترين", "لتران")),
    "second": ("time", ("second", "seconds"), ("ثانيه", "ثوان", "ثواني"), ("ثانيتين",)),
    "minute": ("time", ("minute", "minutes"), ("دقيقه", "دقائق"), ("دقيقتين", "دقيقتان")),
    "hour": ("time", ("hour", "hours"), ("ساعه", "ساعات"), ("ساعتين", "ساعتان")),
    "day": ("time", ("day", "days"), ("يوم", "يوما", "ايام"), ("يومين", "يومان")),
    "week": ("time", ("week", "weeks"), ("اسبوع", "اسبوعا", "اسابيع"),
             ("اسبوعين", "اسبوعان")),
    "month": ("time", ("month", "months"), ("شهر", "شهرا", "اشهر", "شهور"),
              ("شهرين", "شهران")),
    "year": ("time", ("year", "years"), ("عام", "عاما", "اعوام", "سنه", "سنوات", "سنين"),
             ("عامين", "عامان", "سنتين", "سنتان")),
}

_DIM = {u: spec[0] for u, spec in UNITS.items()}
_EN_UNIT = {w: u for u, spec in UNITS.items() for w in spec[1]}
_AR_UNIT = {w: u for u, spec in UNITS.items() for w in spec[2]}
_AR_DUAL = {w: u for u, spec in UNITS.items() for w in spec[3]}
_SYMBOLS_RAW = "".join(w for w in _EN_UNIT if len(w) == 1 and not w.isalpha())
_SYMBOLS = re.escape(_SYMBOLS_RAW)
_EN_WORDS = "|".join(sorted((re.escape(w) for w in _EN_UNIT if w[-1].isalpha()), key=len,
                            reverse=True))
#: A figure or a word (``_en_value`` keeps the number words: "thirty-six", "five-hundred").
#: (Sorted by length then spelling: a set's order changes between processes, and the
#: pattern is hashed into the signature.)
_EN_NUMBER_WORD = "|".join(sorted({*K.EN_NUMBER_WORDS, *K.EN_SCALE},
                                  key=lambda w: (-len(w), w)))
_EN_NUMBER = rf"\d[\d,]*(?:\.\d+)?|(?:{_EN_NUMBER_WORD})(?:-(?:{_EN_NUMBER_WORD}))?"
#: One word between a number and its unit: "10 working days", "20 US dollars", "three
#: consecutive years" (not a number word, nor "and", "or", "to": "5 or 6 days").
_EN_BETWEEN = (r"(?!(?:and|or|to|by|of|per|a|an|the|" + "|".join(K.EN_NUMBER_WORDS) + "|"
               + "|".join(K.EN_SCALE) + "|" + _EN_WORDS + r")\b)[a-z]+")
#: A number and the unit after it ("20 dollars", "500mg", "five-hour", "ten (10) working
#: days") or a currency symbol before it ("$20", "US$ 5"), in English; case is ignored, so
#: "USD 5" counts too.
_EN_MEASURE_RE = re.compile(
    rf"\b({_EN_NUMBER})\)?(?:\s*(thousand|million|billion|trillion|bn|mn)\b)?"
    rf"(?:\s+{_EN_BETWEEN}\s+|\s*|-)({_EN_WORDS})\b"
    rf"|(?:\b(us\$|usd|eur|gbp|aed|sar)|([{_SYMBOLS}]))\s*(\d[\d,]*(?:\.\d+)?)",
    re.IGNORECASE)
#: One of a unit of time in words: "an hour", "a week" (not before "or", "to", "and" or
#: "half": "a day or two", "an hour and a half").
_EN_ONE_RE = re.compile(
    r"\b(?:an?|one)\s+(second|minute|hour|day|week|month|year)\b"
    r"(?![,\s]+(?:or|to|and|half)\b|-)", re.IGNORECASE)
_DOT_THOUSANDS = re.compile(r"(\d+)[.\u066b](\d{3})")
_EN_SCALES = {**K.EN_SCALE, "bn": 10**9, "b": 10**9, "m": 10**6, "mn": 10**6, "k": 10**3}
_EN_SCALE_AFTER_RE = re.compile(r"\s?(thousand|million|billion|trillion|bn|mn|m|b|k)\b",
                                re.IGNORECASE)
#: Arabic counted nouns in the indefinite accusative, written with their tanween, with no
#: number before them: one (قضى عامًا في العراق, "spent a year in Iraq"). Without the
#: tanween the form is also a construct dual (شهرا عيد, the two months of Eid).
_AR_ONE = {"عامًا": "year", "يومًا": "day", "شهرًا": "month", "أسبوعًا": "week",
           "عاماً": "year", "يوماً": "day", "شهراً": "month", "أسبوعاً": "week"}
_EN_WORD_RE = re.compile(r"[a-zµμ]+")
_EN_UNIT_WORDS = frozenset(w for w in _EN_UNIT if w.isalpha()) | {"us"}


def _names_a_unit(text: str) -> bool:
    """Whether an English text holds a unit word or symbol of ``UNITS`` at all: a test a
    tenth as costly as ``_EN_MEASURE_RE``, which most sentences need not meet."""
    if any(c in text for c in _SYMBOLS_RAW):
        return True
    return not _EN_UNIT_WORDS.isdisjoint(_EN_WORD_RE.findall(text.lower()))


_AR_TOKEN_RE = re.compile(r"[$€£¥]|\d+(?:[.,٫٬]\d+)*|(?:[^\W\d_]|[\u064b-\u065f\u0670])+")


#: ``normalize_ar`` of one token, memoised: the tokens of numbers and units repeat.
_norm = lru_cache(maxsize=50_000)(normalize_ar)


def _key(value: float) -> str:
    """The key of a value, as the number keys write it (``#2000000``, ``#2.5``)."""
    return f"#{int(value)}" if value == int(value) else f"#{value:g}"


def _en_value(word: str) -> str | None:
    if word[0].isalpha():
        got = en_word_value(word.lower())
        return None if got is None else f"#{got}"
    value = K.number_value(word.rstrip(".,"))
    return None if value is None else _key(value)


@lru_cache(maxsize=20_000)
def en_measures(text: str) -> frozenset[tuple[str, str]]:
    """``(value key, unit)`` of every English number with a unit from ``UNITS``.

    >>> sorted(en_measures("It costs $20 and weighs 5 kg, a five-hour trip."))
    [('#20', 'dollar'), ('#5', 'hour'), ('#5', 'kilogram')]
    >>> sorted(en_measures("within ten (10) working days, or 5 or 6 weeks"))
    [('#10', 'day'), ('#6', 'week')]
    >>> sorted(en_measures("a four day week in the 89th minute"))
    [('#4', 'day')]
    """
    out: set[tuple[str, str]] = set()
    if not _names_a_unit(text):
        return frozenset()  # most sentences name no unit: the costly pattern is not run
    compounds: dict[int, int] | None = None
    for m in _EN_MEASURE_RE.finditer(text):
        if m.group(1):
            value, unit = _en_value(m.group(1)), _EN_UNIT[m.group(3).lower()]
            if m.group(1)[0].isalpha():  # "two hundred days": 200, not 100
                if compounds is None:
                    compounds = {end: value for _, end, value in en_compounds(text)}
                whole = compounds.get(m.end(1))
                if whole is not None:
                    value = f"#{whole}"
            if value is not None and m.group(2):  # "3 million dollars"
                value = _times(value, _EN_SCALES[m.group(2).lower()])
        else:
            value, unit = _en_symbol_measure(text, m)
        if value is not None:
            out.add((value, unit))
    for m in _EN_ONE_RE.finditer(text):  # "an hour", "a week" (not "a day or two")
        half = text[max(0, m.start() - 5) : m.start()].lower() == "half "
        out.add(("#0.5" if half else "#1", _EN_UNIT[m.group(1).lower()]))
    return frozenset(out)


def _en_symbol_measure(text: str, m: re.Match[str]) -> tuple[str | None, str]:
    """Value and unit of a currency symbol or code before a figure, with the scale word
    after it ("$2 billion", "$2bn")."""
    value = _en_value(m.group(6))
    unit = _EN_UNIT[(m.group(4) or m.group(5)).lower()]
    scale = _EN_SCALE_AFTER_RE.match(text, m.end())
    if value is not None and scale is not None:
        value = _times(value, _EN_SCALES[scale.group(1).lower()])
    return value, unit


def _times(value: str, scale: int) -> str:
    return _key(float(value[1:]) * scale)


@lru_cache(maxsize=20_000)
def ar_measures(text: str) -> frozenset[tuple[str, str]]:
    """``(value key, unit)`` of every Arabic number with a unit from ``UNITS`` after it (a
    currency symbol before it too), and of every dual of a unit (``ساعتين``: two hours).

    >>> sorted(ar_measures("كلفت 20 يورو ورحلة خمس ساعات ويومين"))
    [('#2', 'day'), ('#20', 'euro'), ('#5', 'hour')]
    """
    toks = [m.group() for m in _AR_TOKEN_RE.finditer(text.translate(TO_ASCII_DIGITS))]
    norms = [_norm(t) for t in toks]
    out: set[tuple[str, str]] = set()
    for k in range(len(toks)):
        out.update(_ar_measures_at(toks, norms, k))
    return frozenset(out)


def _ar_measures_at(toks: list[str], norms: list[str], k: int) -> list[tuple[str, str]]:
    """The measures ``ar_measures`` reads at token ``k``: a dual, a singular with its
    tanween, or a number with the unit after it (past a scale word) or symbol before it."""
    tok, norm = toks[k], norms[k]
    dual = _AR_DUAL.get(norm) or _AR_DUAL.get(norm[1:]) if len(norm) > 3 else None
    if dual is not None:
        return [("#2", dual)]
    if tok in _AR_ONE and not (k and (toks[k - 1][0].isdigit() or ar_word_keys(
            toks[k - 1], norm) or norms[k - 1] in K.AR_SCALE)):
        return [("#1", _AR_ONE[tok])]
    if norm in K.AR_SCALE and k and (toks[k - 1][0].isdigit()
                                     or ar_word_keys(toks[k - 1], norm)):
        return []  # the number before it carries it: 2 مليار دولار, ثلاثة ملايين دولار
    values = _ar_values(tok, norms[k + 1] if k + 1 < len(toks) else "")
    if not values:
        return []
    at = k  # the token the unit follows
    if k + 2 < len(toks) and norms[k + 1] in K.AR_SCALE:
        scale = K.AR_SCALE[norms[k + 1]]  # 375 ألف دولار, ثلاثة ملايين دولار
        values = tuple(v for v in values if float(v[1:]) >= scale) or tuple(
            _times(v, scale) for v in values)
        at = k + 1
    whole = _ar_compound_ending(toks, at)
    if whole is not None:  # خمسة وعشرين يوما: 25, not 20
        values = (f"#{whole}",)
    after = norms[at + 1] if at + 1 < len(toks) else ""
    if after == "يوم" and at + 2 < len(toks) and norms[at + 2] in K.AR_WEEKDAYS:
        after = ""  # الدقيقة 89 يوم السبت: "on Saturday", no count of days
    units = [_AR_UNIT.get(after),
             _AR_UNIT.get(toks[k - 1]) if k and not toks[k - 1].isalpha() else None]
    return [(v, unit) for unit in units if unit is not None for v in values]


def _ar_compound_ending(toks: list[str], k: int) -> int | None:
    """The value of the Arabic cardinal of several words that ends at token ``k``."""
    if not k or not (ar_number_word(toks[k - 1]) or is_compound_start(_norm(toks[k - 1]))):
        return None  # a number of several words ends with two number words at least
    for j in range(max(0, k - 7), k):
        got = ar_compound(tuple(toks[j : k + 1]))
        if got is not None and got[1] == k - j + 1:
            return got[0]
    return None


def _ar_values(tok: str, next_norm: str) -> tuple[str, ...]:
    if tok[0].isdigit():
        value = K.number_value(tok.rstrip(".,"))
        if value is None:
            return ()
        m = _DOT_THOUSANDS.fullmatch(tok)  # 15.000: fifteen thousand in much Arabic writing
        return (_key(value), f"#{m.group(1)}{m.group(2)}") if m else (_key(value),)
    return ar_word_keys(tok, next_norm)


def contradicted_measures(en_text: str, ar_text: str) -> tuple[str, ...]:
    """One line per English unit the Arabic puts another unit of the same dimension for,
    next to the same number, and does not have itself.

    >>> contradicted_measures("The ticket costs 20 dollars.", "سعر التذكرة 20 يورو.")
    ('20 dollar on the English side; the Arabic has 20 euro',)
    >>> contradicted_measures("The ticket costs $20.", "سعر التذكرة 20 دولارا.")
    ()
    """
    en = en_measures(en_text)
    if not en:
        return ()
    ar = ar_measures(ar_text)
    if not ar or ar == en:
        return ()
    units_en, units_ar = {u for _, u in en}, {u for _, u in ar}
    out: list[str] = []
    for value, unit in sorted(en):
        if unit in units_ar:
            continue
        other = sorted(u for v, u in ar if v == value and _DIM[u] == _DIM[unit]
                       and u not in units_en)
        if other:
            shown = value[1:]
            out.append(f"{shown} {unit} on the English side; the Arabic has "
                       + ", ".join(f"{shown} {u}" for u in other))
    return tuple(out)


_NUM_WORDS = "|".join(sorted(K.EN_NUMBER_WORDS, key=len, reverse=True))
#: Two numbers as a range or alternative ("six or seven months", "18 to 29", "5-7 days"),
#: which a translation may give the other way round or as one: no count to contradict.
_EN_RANGE_RE = re.compile(
    rf"\b(?:\d+|{_NUM_WORDS})(?:-\w+)?\s*(?:or|to|-|–)\s*(?:\d+|{_NUM_WORDS})\b",
    re.IGNORECASE)
_AR_RANGE_RE = re.compile(r"(?:\d+|[^\W\d_]+)\s+(?:او|أو|إلى|الى|و)\s*\d+|\d+\s*[-–]\s*\d+"
                          r"|\sأو\s(?:ثلاث|أربع|خمس|ست|سبع|ثماني|تسع|عشر)"
                          r"|\s(?:أو|او)\s+\w+(?:ين|ان)(?=[\s،,.]|$)")  # شهر أو شهرين


def contradicted_counts(en_text: str, ar_text: str) -> tuple[str, ...]:
    """One line per unit both sides count with no count in common: "an hour" for
    ``ساعتين`` (two hours), "two days" for ``ثلاثة أيام``. English "two" and "a", which the
    number check leaves alone (an Arabic dual or singular writes them), are seen here
    with their unit.

    >>> contradicted_counts("The last train left an hour ago.", "غادر آخر قطار قبل ساعتين.")
    ('1 hour on the English side; the Arabic has 2 hour',)
    >>> contradicted_counts("It lasted two days.", "استمر يومين.")
    ()
    """
    en = en_measures(en_text)
    if not en or _EN_RANGE_RE.search(en_text):
        return ()
    ar = ar_measures(ar_text)
    if not ar or _AR_RANGE_RE.search(ar_text.translate(TO_ASCII_DIGITS)):
        return ()
    out: list[str] = []
    for unit in sorted({u for _, u in en} & {u for _, u in ar}):
        have_en = sorted(v[1:] for v, u in en if u == unit)
        have_ar = sorted(v[1:] for v, u in ar if u == unit)
        if set(have_en).isdisjoint(have_ar):
            out.append(f"{', '.join(have_en)} {unit} on the English side; the Arabic has "
                       f"{', '.join(have_ar)} {unit}")
    return tuple(out)



#: Comparators before a number, as bounds: the negated ones first ("no more than" is an upper
#: bound, "not less than" a lower one).
_EN_BOUNDS: tuple[tuple[str, str], ...] = (
    ("no more than", "max"), ("not more than", "max"), ("not exceeding", "max"),
    ("no less than", "min"), ("not less than", "min"), ("no fewer than", "min"),
    ("more than", "min"), ("greater than", "min"), ("at least", "min"), ("over", "min"),
    ("above", "min"), ("exceeding", "min"), ("in excess of", "min"), ("upwards of", "min"),
    ("less than", "max"), ("fewer than", "max"), ("under", "max"), ("below", "max"),
    ("at most", "max"), ("up to", "max"))
_AR_BOUNDS: tuple[tuple[str, str], ...] = (
    ("لا يزيد على", "max"), ("لا يزيد عن", "max"), ("لا تزيد على", "max"),
    ("لا تزيد عن", "max"), ("لا يتجاوز", "max"), ("لا تتجاوز", "max"),
    ("لا يقل عن", "min"), ("لا تقل عن", "min"), ("أكثر من", "min"), ("أكبر من", "min"),
    ("أعلى من", "min"), ("ما يزيد على", "min"), ("ما يزيد عن", "min"), ("يزيد على", "min"),
    ("يزيد عن", "min"), ("يتجاوز", "min"), ("تتجاوز", "min"), ("فوق", "min"),
    ("أقل من", "max"), ("أدنى من", "max"), ("دون", "max"), ("تحت", "max"))
_EN_BOUND_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w, _ in _EN_BOUNDS) + r")\s+(?:the\s+age\s+of\s+)?"
    rf"({_EN_NUMBER})\b", re.IGNORECASE)
_AR_BOUND_RE = re.compile(
    r"(?:^|\s)(?:و|ف)?(" + "|".join(normalize_ar(w) for w, _ in _AR_BOUNDS)
    + r")\s+(?:[^\W\d]+\s+)?(\d+(?:[.,]\d+)?|[^\W\d]+)")
_EN_BOUND_KIND = {w: k for w, k in _EN_BOUNDS}
_AR_BOUND_KIND = {normalize_ar(w): k for w, k in _AR_BOUNDS}


def _bounds(matches: list[tuple[str, str, str | None]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for _, kind, value in matches:
        if value is not None:
            out.setdefault(value, set()).add(kind)
    return out


def contradicted_bounds(en_text: str, ar_text: str) -> tuple[str, ...]:
    """One line per number the English bounds one way and the Arabic the other ("over 18"
    for أقل من 18 عاما, "under 12" for أكثر من 12): an age limit, a dose or a fine turned
    round, which every word of the bead but one still matches.

    >>> contradicted_bounds("The patient must be over 18 years old.",
    ...                     "يجب أن يكون عمر المريض أقل من 18 عاما.")
    ('over 18 on the English side; the Arabic has اقل من 18',)
    >>> contradicted_bounds("Not less than thirty (30) days' notice.",
    ...                     "إشعار قبل ثلاثين (30) يوما على الأقل، أي لا يقل عن 30 يوما.")
    ()
    """
    low = en_text.lower()
    if not any(w in low for w in ("than", "over", "above", "under", "below", "least", "most",
                                  "up to", "exceed", "excess", "upwards")):
        return ()
    en = [(m.group(0), _EN_BOUND_KIND[m.group(1).lower()], _en_value(m.group(2)))
          for m in _EN_BOUND_RE.finditer(en_text)]
    if not en:
        return ()
    ar_norm = normalize_ar(ar_text.translate(TO_ASCII_DIGITS))
    ar = []
    for m in _AR_BOUND_RE.finditer(ar_norm):
        values = _ar_values(m.group(2), "")
        ar.append((m.group(1) + " " + m.group(2), _AR_BOUND_KIND[m.group(1)],
                   values[0] if values else None))
    if not ar:
        return ()
    by_en, by_ar = _bounds(en), _bounds(ar)
    out = []
    for text, kind, value in en:
        if value is None or kind in by_ar.get(value, {kind}):
            continue
        shown = next(t for t, k, v in ar if v == value)
        out.append(f"{text} on the English side; the Arabic has {shown}")
    return tuple(out) if all(len(k) == 1 for k in by_en.values()) else ()


__all__ = ["UNITS", "ar_measures", "contradicted_bounds", "contradicted_counts",
           "contradicted_measures", "en_measures"]
