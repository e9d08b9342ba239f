"""Units and currencies that contradict each other across a bead ("20 dollars", ٢٠ يورو).

Coverage and the number check cannot see this error: the figure matches, and the unit is one
word among many. A bilingual table of units and currencies can: when the English puts a unit
of one kind right after (or a currency symbol right before) a number and the Arabic puts
another unit of the same dimension next to the same number, and neither side has the other's
unit, the bead is contradicted (``term-mismatch``, counted as a referent replaced, as
``terms.contradicted_offices``). Only a unit attached to a number counts, and only against
the same number: a conversion ("two weeks", ١٤ يوما; "5 miles", ٨ كيلومترات) is no
contradiction, and a figure that differs is the number check's to report.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..evidence import keys as K
from ..evidence.numwords import ar_word_keys
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
_SYMBOLS = "".join(re.escape(w) for w in _EN_UNIT if len(w) == 1 and not w.isalpha())
_EN_WORDS = "|".join(sorted((re.escape(w) for w in _EN_UNIT if w[-1].isalpha()), key=len,
                            reverse=True))
_EN_NUMBER = r"\d[\d,]*(?:\.\d+)?|" + "|".join(
    sorted(K.EN_NUMBER_WORDS, key=len, reverse=True))
#: One word between a number and its unit: "10 working days", "20 US dollars", "three
#: consecutive years" (not a number word, nor "and", "or", "to": "5 or 6 days").
_EN_BETWEEN = (r"(?!(?:and|or|to|by|of|per|a|an|the|" + "|".join(K.EN_NUMBER_WORDS) + "|"
               + _EN_WORDS + r")\b)[a-z]+")
#: A number and the unit after it ("20 dollars", "500mg", "five-hour", "ten (10) working
#: days") or a currency symbol before it ("$20", "US$ 5"), in English; case is ignored, so
#: "USD 5" counts too.
_EN_MEASURE_RE = re.compile(
    rf"\b({_EN_NUMBER})\)?(?:\s+{_EN_BETWEEN}\s+|\s*|-)({_EN_WORDS})\b"
    rf"|(?:\b(us\$|usd|eur|gbp|aed|sar)|([{_SYMBOLS}]))\s*(\d[\d,]*(?:\.\d+)?)",
    re.IGNORECASE)
_AR_TOKEN_RE = re.compile(r"[$€£¥]|\d+(?:[.,٫٬]\d+)*|\w+")


def _en_value(word: str) -> str | None:
    w = word.lower()
    if w in K.EN_NUMBER_WORDS:
        return f"#{K.EN_NUMBER_WORDS[w]}"
    value = K.number_value(word.rstrip(".,"))
    return None if value is None else f"#{value:g}"


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
    for m in _EN_MEASURE_RE.finditer(text):
        if m.group(1):
            value, unit = _en_value(m.group(1)), _EN_UNIT[m.group(2).lower()]
        else:
            value = _en_value(m.group(5))
            unit = _EN_UNIT[(m.group(3) or m.group(4)).lower()]
        if value is not None:
            out.add((value, unit))
    return frozenset(out)


@lru_cache(maxsize=20_000)
def ar_measures(text: str) -> frozenset[tuple[str, str]]:
    """``(value key, unit)`` of every Arabic number with a unit from ``UNITS`` after it (a
    currency symbol before it too), and of every dual of a unit (``ساعتين``: two hours).

    >>> sorted(ar_measures("كلفت 20 يورو ورحلة خمس ساعات ويومين"))
    [('#2', 'day'), ('#20', 'euro'), ('#5', 'hour')]
    """
    toks = [m.group() for m in _AR_TOKEN_RE.finditer(text.translate(TO_ASCII_DIGITS))]
    norms = [normalize_ar(t) for t in toks]
    out: set[tuple[str, str]] = set()
    for k, (tok, norm) in enumerate(zip(toks, norms, strict=True)):
        dual = _AR_DUAL.get(norm) or _AR_DUAL.get(norm[1:]) if len(norm) > 3 else None
        if dual is not None:
            out.add(("#2", dual))
            continue
        values = _ar_values(tok, norms[k + 1] if k + 1 < len(toks) else "")
        if not values:
            continue
        after = norms[k + 1] if k + 1 < len(toks) else ""
        if after == "يوم" and k + 2 < len(toks) and norms[k + 2] in K.AR_WEEKDAYS:
            after = ""  # الدقيقة 89 يوم السبت: "on Saturday", no count of days
        units = [_AR_UNIT.get(after),
                 _AR_UNIT.get(toks[k - 1]) if k and not toks[k - 1].isalpha() else None]
        for unit in units:
            if unit is not None:
                out.update((v, unit) for v in values)
    return frozenset(out)


def _ar_values(tok: str, next_norm: str) -> tuple[str, ...]:
    if tok[0].isdigit():
        value = K.number_value(tok.rstrip(".,"))
        return () if value is None else (f"#{value:g}",)
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


__all__ = ["UNITS", "ar_measures", "contradicted_measures", "en_measures"]
