"""Sentence splitting: golden table of boundaries and the offset invariant."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.text.segment import split_text

# (language, text, expected sentences) — each row pins one rule.
GOLDEN = [
    # Arabic question mark ends a sentence; ، and ؛ do not.
    ("ar", "هل ذهب؟ نعم، ذهب؛ ثم عاد.", ["هل ذهب؟", "نعم، ذهب؛ ثم عاد."]),
    # Arabic single-letter abbreviation (د. = Dr.) does not end a sentence.
    ("ar", "قال د. أحمد إن الوضع صعب. وأضاف ذلك.", ["قال د. أحمد إن الوضع صعب.", "وأضاف ذلك."]),
    # Closing quote after the stop stays with its sentence.
    ("en", 'He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
    # Opening quote goes with the next sentence.
    ("en", 'It was late. "Stop," she said.', ["It was late.", '"Stop," she said.']),
    # Arabic guillemets and curly quotes.
    ("ar", "قال: «هذا جيد». ثم غادر.", ["قال: «هذا جيد».", "ثم غادر."]),
    # Titles and initials before names.
    ("en", "Mr. Smith met Lt. Gen. J. Doe. They talked.",
     ["Mr. Smith met Lt. Gen. J. Doe.", "They talked."]),
    # U.S. inside a sentence; decimal numbers.
    ("en", "The U.S. Army spent 2.5 billion. It said so.",
     ["The U.S. Army spent 2.5 billion.", "It said so."]),
    # A stop glued to the next word (missing space) is not a boundary (TICO-19 segments).
    ("en", "and pharmacies.On 6 March, it closed.", ["and pharmacies.On 6 March, it closed."]),
    # Lower case after a stop: abbreviation such as e.g.
    ("en", "Some fruit, e.g. apples, is cheap.", ["Some fruit, e.g. apples, is cheap."]),
    # Line breaks are hard boundaries (headline without a stop, Arabic line without a stop).
    ("ar", "بغداد تخطر موسكو\nأكد المبعوث ذلك", ["بغداد تخطر موسكو", "أكد المبعوث ذلك"]),
    # Ellipsis and exclamation.
    ("en", "Wait… Really! Yes.", ["Wait…", "Really!", "Yes."]),
    # Arabic-Indic digits with decimal separator.
    ("ar", "بلغ ٢٫٥ مليون. انتهى.", ["بلغ ٢٫٥ مليون.", "انتهى."]),
    # A month abbreviation holds a sentence together before a day, not before a new sentence.
    ("en", "He left on Oct. 7 and came back.", ["He left on Oct. 7 and came back."]),
    ("en", "It stays closed until Oct. President Widodo came.",
     ["It stays closed until Oct.", "President Widodo came."]),
    # After an abbreviation or an initial, a word that opens sentences ends the sentence.
    ("en", "Most achieved an A. This shows it.", ["Most achieved an A.", "This shows it."]),
    ("en", "It opens at 8 a.m. These are daily.", ["It opens at 8 a.m.", "These are daily."]),
    ("en", "Made in the U.S. The firm said so.", ["Made in the U.S.", "The firm said so."]),
    ("en", "Roe v. Wade holds. Sens. Graham said.", ["Roe v. Wade holds.", "Sens. Graham said."]),
    # A figure reference and its bracket stay together (PubMed).
    ("en", "See (Fig. \u200b(Fig.2).2). Next.", ["See (Fig. \u200b(Fig.2).2).", "Next."]),
    # A word in mixed case starts a sentence even in lower case.
    ("en", "They made one. mRNA vaccines work.", ["They made one.", "mRNA vaccines work."]),
    # Arabic: an attribution after a quoted question stays with it; a new sentence that opens
    # with a verb of saying does not.
    ("ar", 'سألت: "هل أحصل على خصم؟" تساءلت. ثم ذهبت.',
     ['سألت: "هل أحصل على خصم؟" تساءلت.', "ثم ذهبت."]),
    ("ar", 'قالت: "لا سلطة لهن." قال فليك إن مكتبه أصدر بيانا.',
     ['قالت: "لا سلطة لهن."', "قال فليك إن مكتبه أصدر بيانا."]),
    # د. after an opening quote is still an abbreviation.
    ("ar", 'نقلت "د. فورد طلبت ذلك". انتهى.', ['نقلت "د. فورد طلبت ذلك".', "انتهى."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GOLDEN)
def test_golden(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_text(text, lang)] == expected


@pytest.mark.xfail(strict=True, reason="an Arabic sentence with no final stop inside a "
                   "paragraph line is not split without the English side (see README)")
def test_unpunctuated_arabic_inside_a_line() -> None:
    got = [s.text for s in split_text("أكد المبعوث ذلك وقال الوزير إنه سيأتي.", "ar")]
    assert got == ["أكد المبعوث ذلك", "وقال الوزير إنه سيأتي."]


def test_paragraphs_count_blank_lines() -> None:
    sents = split_text("One. Two.\n\nThree.\nFour.", "en")
    assert [s.paragraph for s in sents] == [0, 0, 1, 1]


def test_presplit_takes_lines_as_they_are() -> None:
    sents = split_text("  First. Still first.\n\nSecond\n", "en", presplit=True)
    assert [s.text for s in sents] == ["First. Still first.", "Second"]


def test_regions_limit_the_split() -> None:
    text = "English here. More.\nعربي هنا. أكثر."
    cut = text.index("عربي")
    sents = split_text(text, "ar", ((cut, len(text)),))
    assert [s.text for s in sents] == ["عربي هنا.", "أكثر."]
    assert all(s.start >= cut for s in sents)


ALPHABET = st.sampled_from(
    list("abc XYZ .!?؟؛،:\"'“”«»()\n\t0123456789٠١٢٣٤٥٦٧٨٩")
    + ["قال", "د.", "Mr.", "U.S.", "2.5", "  ", "\n\n", "\u00a0", "ـ", "ًّ"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.sampled_from(["en", "ar"]),
       st.booleans())
def test_offsets_round_trip(text: str, lang: str, presplit: bool) -> None:
    sents = split_text(text, lang, presplit=presplit)
    last = 0
    for s in sents:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.text
        assert s.start >= last
        last = s.end
