"""Office titles that contradict each other across a bead (``Foreign Secretary``, وزير الدفاع).

Coverage cannot see this error: both sides have a minister, a portfolio and a name, and every
word but the portfolio matches. A bilingual table of portfolios does: when the English names an
office of one portfolio and the Arabic an office of another, and neither side has the other's,
the bead is contradicted (``term-mismatch``), and it counts as a name missing in the score (a
referent replaced by another, the same kind of error). The check is a regular expression on
each side, run only when the Arabic has a minister or ministry at all.
"""

from __future__ import annotations

import re

from ..text.normalize import normalize_ar

#: Portfolio -> (English words naming it before ``Secretary``/``Minister``/``Ministry``/...
#: or after ``... of (the)``, Arabic words after ``وزير``/``وزارة`` in normalised form).
PORTFOLIOS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "defence": (("defence", "defense"), ("الدفاع",)),
    "foreign affairs": (("foreign", "state"), ("الخارجيه",)),
    "interior": (("interior", "home"), ("الداخليه",)),
    "finance": (("finance", "treasury", "exchequer"), ("الماليه", "الخزانه")),
    "justice": (("justice",), ("العدل",)),
    "health": (("health",), ("الصحه",)),
    "education": (("education",), ("التعليم", "التربيه")),
    "trade": (("trade", "commerce"), ("التجاره",)),
    "energy": (("energy",), ("الطاقه",)),
    "agriculture": (("agriculture",), ("الزراعه",)),
    "transport": (("transport", "transportation"), ("النقل",)),
    "labour": (("labour", "labor"), ("العمل",)),
    "environment": (("environment",), ("البيئه",)),
    "culture": (("culture",), ("الثقافه",)),
    "tourism": (("tourism",), ("السياحه",)),
    "oil": (("oil", "petroleum"), ("النفط",)),
}

_EN_WORD = {w: p for p, (ws, _) in PORTFOLIOS.items() for w in ws}
_AR_WORD = {w: p for p, (_, ws) in PORTFOLIOS.items() for w in ws}
_OFFICE = r"(?:Secretar(?:y|ies)|Minist(?:er|ers|ry|ries)|Department|Office)"
_EN_NAMES = "|".join(sorted((w.capitalize() for w in _EN_WORD), key=len, reverse=True))
#: ``Defence Secretary``, ``Foreign Minister``, ``Secretary of State``, ``Ministry of the
#: Interior`` (capitalised: a title, not "the health of the economy").
EN_OFFICE_RE = re.compile(
    rf"\b(?:({_EN_NAMES})\s+{_OFFICE}|{_OFFICE}\s+of\s+(?:the\s+)?({_EN_NAMES}))\b")
#: ``وزير الدفاع``, ``وزارة الخارجية``, ``وزيري الخارجية والدفاع`` (normalised text).
AR_OFFICE_RE = re.compile(r"وز(?:ير|يره|يرا|اره|راء|يري|ارات)\s+((?:و?ال\w+)(?:\s+وال\w+)?)")
_AR_HINT = ("وزير", "وزار", "وزراء")


def _en_offices(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in EN_OFFICE_RE.finditer(text):
        word = (m.group(1) or m.group(2)).lower()
        out.setdefault(_EN_WORD[word], m.group(0))
    return out


def _ar_offices(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in AR_OFFICE_RE.finditer(normalize_ar(text)):
        for word in m.group(1).split():
            portfolio = _AR_WORD.get(word.removeprefix("و"))
            if portfolio is not None:
                out.setdefault(portfolio, m.group(0).strip())
    return out


def contradicted_offices(en_text: str, ar_text: str) -> tuple[str, ...]:
    """One line per office of the English whose portfolio the Arabic names differently.

    >>> [line] = contradicted_offices("Foreign Secretary Lloyd Austin arrived.",
    ...                               "وصل وزير الدفاع لويد أوستن.")
    >>> line.split("; ")[0]
    'Foreign Secretary (foreign affairs) on the English side'
    >>> line.split("; ")[1]
    'the Arabic has وزير الدفاع (defence)'
    >>> contradicted_offices("Defence Secretary Lloyd Austin arrived.",
    ...                      "وصل وزير الدفاع لويد أوستن.")
    ()
    """
    if not any(h in ar_text for h in _AR_HINT):
        return ()
    en = _en_offices(en_text)
    if not en:
        return ()
    ar = _ar_offices(ar_text)
    other = {p: t for p, t in ar.items() if p not in en}
    if not other:
        return ()
    return tuple(
        f"{text} ({p}) on the English side; the Arabic has "
        + ", ".join(f"{t} ({q})" for q, t in other.items())
        for p, text in en.items() if p not in ar)


__all__ = ["PORTFOLIOS", "contradicted_offices"]
