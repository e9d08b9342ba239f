"""Material a faithful translation adds or leaves out by convention: the ``expected`` spans.

A translator of religious or classical text adds glosses in brackets ("(they will be) in a
position of Security", "Nabidh (wine of dates)"), writes formulas of respect on one side
only ("(ﷺ)", "peace be upon him", صلى الله عليه وسلم, رضي الله عنه), and leaves out the
compiler's remarks on a report's grading (هذا حديث حسن صحيح, وفي الباب عن ...). Judged as
ordinary words these read as additions and omissions, and the right beads of a hadith
collection or a glossed scripture scored below 0.5 by the dozen.

So the words inside these spans that match nothing on the other side are neither missing
words nor required mentions (numbers only in a reference such as "(33:33)"). For the
length (``bead_evidence``), a span of which at least ``TRANSLATED_SHARE`` of the words match
was translated and counts in full. One that was not: an Arabic remark is left out of the
length (so a remark paired with an English sentence of its own leaves that sentence
nothing to answer to), while an English gloss or an Arabic editor's aside
(``- يعني ابن مضر -``) makes the length a range, from the side without it to the whole
side, as an abridged chain of narrators does (``text.isnad``): the lexicon misses some
words of a rendered gloss. The patterns are general conventions of the genre, not of one
book: bracketed English, the honorifics in common use, grading vocabulary (``حديث حسن``,
``إسناده ضعيف``) and the formulas of a note on the jurists' practice (``وهو قول``); news
brackets that hold a translated acronym or place ("(UK and Ireland)") are matched and so
count as usual.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.isnad import Span

#: The Hijri months, as Arabic dates write them (normalised spellings are matched loosely).
AR_HIJRI_MONTHS = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني",
                   "جمادى الأولى", "جمادى الآخرة", "جمادى الثانية", "رجب", "شعبان", "رمضان",
                   "شوال", "ذو القعدة", "ذي القعدة", "ذو الحجة", "ذي الحجة")
_HIJRI = (r"(?:\d{1,2}\s+(?:" + "|".join(AR_HIJRI_MONTHS) + r")\s+(?:سنة\s+|عام\s+)?)?"
          r"\d{1,4}\s*(?:هـ|ه(?=[\s).,\u060c]|$)|للهجرة|هجري(?:ة|ا)?)")
#: A citation mark on the Arabic side, as Arabic encyclopedias write them.
_CITATION_AR = r"\[\d{1,3}(?:\s*[,\u060c\u2013-]\s*\d{1,3})*\]"

#: English: a bracketed aside of up to this many characters (a longer one is a clause the
#: translation should render, and an unclosed bracket is left alone).
BRACKET_MAX = 160
#: English honorifics written without brackets (case-insensitive, whole words); the sign ﷺ
#: wherever it stands.
EN_FORMULAS = (
    r"peace (?:and blessings of allah )?be upon (?:him|her|them)",
    r"may allah (?:be pleased with|have mercy (?:on|upon)|bless) "
    r"(?:him|her|them|both of them|us)",
    r"(?:allah|god) be pleased with (?:him|her|them|both of them)",
    r"the exalted and (?:the )?(?:glorious|majestic)",
)
#: Arabic honorifics and praise formulas, written without diacritics (the matcher lets
#: diacritics and tatweel stand between letters, any hamza form for alef, ى for ي).
AR_FORMULAS = (
    "صلى الله عليه وسلم",
    "صلى الله عليه وآله وسلم",
    "رضي الله عنه", "رضي الله عنها", "رضي الله عنهما", "رضي الله عنهم",
    "رحمه الله", "رحمهم الله",
    "عليه السلام", "عليهم السلام", "عليها السلام",
    "عز وجل", "تبارك وتعالى", "سبحانه وتعالى", "جل جلاله",
    "ﷺ",
)
#: Arabic grading vocabulary and the formulas of a compiler's note on the jurists' practice:
#: a sentence (from the last stop to the next) holding one of these is a remark on the
#: report, which translations mostly leave out.
AR_GRADING = (
    "حديث حسن", "حديث صحيح", "حديث غريب", "حديث ضعيف", "حديث مرسل", "حديث منكر",
    "حسن صحيح", "حسن غريب", "صحيح غريب",
    "اسناده صحيح", "اسناده ضعيف", "اسناده حسن", "هذا اسناد",
    "وفي الباب عن",
    # remarks on the jurists' practice that follow a report ("this is the view of ...")
    "وهو قول", "والعمل على هذا", "والعمل عليه", "وبه يقول",
)

#: Arabic: an editor's aside between spaced dashes, opened by one of these words of
#: explanation (``- يعني ابن مضر -``, ``- وهو ابن سلام -``, ``- واللفظ لابن أبي عمر -``), of up
#: to ``BRACKET_MAX`` characters; a translation renders it or not, as an English bracket.
#: A dash clause of prose (``- الذي لا يزال ... -``) is not one, nor Arabic brackets, which
#: in news hold translated text (on the bench they made cuts harder to see).
AR_ASIDE_OPENERS = ("يعني", "وهو", "وهي", "هو", "هي", "اي", "أي", "واللفظ", "قال")
#: An expected span counts as translated (its length judged with the rest) when at least
#: this share of its content-word weight matches the other side: the words of a formula
#: (قال, حديث, الله) match in every bead of the genre, so one match proves nothing.
TRANSLATED_SHARE = 0.5

_MARKS = "[\u064b-\u065f\u0670\u0640\u200f\u200e]*"
_LETTER = {"ا": "[اأإآٱ]", "ي": "[يى]", "ى": "[يى]", "ه": "[هة]", "ة": "[هة]"}
_STOP_AR = re.compile(r"[.!?؟\u06d4]")


def _loose(phrase: str) -> str:
    """A regex for an undiacritised Arabic phrase that lets diacritics stand between its
    letters and any spacing between its words."""
    words = []
    for word in phrase.split():
        words.append("".join(_LETTER.get(ch, re.escape(ch)) + _MARKS for ch in word))
    return r"\s+".join(words)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    n = BRACKET_MAX
    brackets = rf"\([^()\n]{{1,{n}}}\)|\[[^\[\]\n]{{1,{n}}}\]"
    en = re.compile(rf"{brackets}|\b(?:{'|'.join(EN_FORMULAS)})\b|ﷺ", re.IGNORECASE)
    ar = re.compile("|".join([*(_loose(p) for p in AR_FORMULAS), _HIJRI, _CITATION_AR]))
    grading = re.compile("|".join(_loose(p) for p in AR_GRADING))
    openers = "|".join(_loose(w) for w in AR_ASIDE_OPENERS)
    aside = rf"(?:^|\s)[-–—]\s(?:{openers})\s[^-–—\n]{{1,{n}}}?\s[-–—](?=\s|$)"
    return en, ar, grading, re.compile(aside)


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


@lru_cache(maxsize=20_000)
def expected_en(text: str) -> tuple[Span, ...]:
    """Character spans of ``text`` a translation may hold without a counterpart: bracketed
    asides and honorifics (``EN_FORMULAS``).

    >>> t = "Allah's Messenger (ﷺ) said: (They will be) in Gardens."
    >>> [t[s:e] for s, e in expected_en(t)]
    ['(ﷺ)', '(They will be)']
    """
    en = _patterns()[0]
    return _merged([m.span() for m in en.finditer(text)])


@lru_cache(maxsize=20_000)
def remarks_ar(text: str) -> tuple[Span, ...]:
    """Character spans of Arabic ``text`` a translation leaves out by convention:
    honorifics (``AR_FORMULAS``), Hijri dates and citation marks (``_REFERENCE``) and each
    sentence that holds grading vocabulary (``AR_GRADING``), from the stop before it to
    the stop after it.

    >>> t = "قَالَ رَسُولُ اللَّهِ صلى الله عليه وسلم كذا. قَالَ هَذَا حَدِيثٌ حَسَنٌ صَحِيحٌ."
    >>> [t[s:e].strip() for s, e in remarks_ar(t)]
    ['صلى الله عليه وسلم', 'قَالَ هَذَا حَدِيثٌ حَسَنٌ صَحِيحٌ.']
    """
    _, ar, grading, _ = _patterns()
    spans = [m.span() for m in ar.finditer(text)]
    for m in grading.finditer(text):
        stops = [s.end() for s in _STOP_AR.finditer(text, 0, m.start())]
        start = stops[-1] if stops else 0
        after = _STOP_AR.search(text, m.end())
        spans.append((start, after.end() if after else len(text)))
    return _merged(spans)


@lru_cache(maxsize=20_000)
def asides_ar(text: str) -> tuple[Span, ...]:
    """Character spans of the asides of Arabic ``text`` (``AR_ASIDE_OPENERS``): an
    explanation the translation may render or not, as an English bracket.

    >>> t = "حَدَّثَنَا بَكْرٌ، - يَعْنِي ابْنَ مُضَرَ - عَنِ ابْنِ الْهَادِ"
    >>> [t[s:e].strip() for s, e in asides_ar(t)]
    ['- يَعْنِي ابْنَ مُضَرَ -']
    """
    return _merged([m.span() for m in _patterns()[3].finditer(text)])


def expected_ar(text: str) -> tuple[Span, ...]:
    """All expected spans of Arabic ``text``: ``remarks_ar`` and ``asides_ar``."""
    return _merged([*remarks_ar(text), *asides_ar(text)])


#: A bracketed reference to a chapter and verse, with or without the book's name, the chapter
#: in digits or Roman numerals (``(ii. 189)``, as Sahih Muslim's translation cites the
#: Qur'an; not ``(c. 1900)``, circa); a
#: citation mark (``[5]``, ``[3, 4]``), whose number an edition of the other language gives
#: otherwise; a Hijri date (``17 رجب 703 هـ``, ``750هـ``, ``سنة 750 للهجرة``), which Arabic
#: encyclopedias and histories add beside the Gregorian one.
_REFERENCE = re.compile(
    r"[(\[]\s*(?:[A-Za-z][\w.'’ -]*\s)?\d+\s*:\s*\d+(?:\s*[-–,]\s*\d+)*\s*[)\]]"
    r"|[(\[]\s*(?:[A-Za-z][\w.'’ -]*\s)?(?i:(?!c\b)[ivxlc]{1,8})\s*[.,:]\s*\d+"
    r"(?:\s*[-–,]\s*\d+)*\s*[)\]]"
    r"|\[\d{1,3}(?:\s*[,\u060c\u2013-]\s*\d{1,3})*\]|" + _HIJRI)


def reference(span_text: str) -> bool:
    """Whether an expected span is a reference such as ``(33:33)`` or ``(Al-Baqara 2:255)``,
    a citation mark or a Hijri date, whose numbers a translation adds or gives otherwise.

    >>> reference("(33:33)"), reference("(95% CI: 3.51-4.05)"), reference("[5]")
    (True, False, True)
    >>> reference("17 رجب 703 هـ"), reference("750هـ"), reference("703 شخصاً")
    (True, True, False)
    >>> reference("(lvii. 16)"), reference("(Qur'an ii. 189)"), reference("(c. 1900)")
    (True, True, False)
    """
    return _REFERENCE.fullmatch(span_text) is not None


__all__ = ["AR_ASIDE_OPENERS", "AR_FORMULAS", "AR_GRADING", "AR_HIJRI_MONTHS", "BRACKET_MAX",
           "EN_FORMULAS", "TRANSLATED_SHARE", "asides_ar", "expected_ar", "expected_en",
           "reference", "remarks_ar"]
