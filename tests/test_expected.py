"""Issue 13: material a faithful translation adds or leaves out by convention (glosses in
brackets, honorifics, grading remarks, verse references) is no evidence of a bad bead, and
romanised Arabic words (``Nabidh``, ``Zakat``) are matched as the names they look like."""

from __future__ import annotations

import pytest

from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.evidence.names import close
from tawazi.align.quality.bead_evidence import bead_evidence
from tawazi.align.quality.expected import asides_ar, expected_ar, expected_en, reference
from tawazi.align.quality.fidelity import bead_score


def test_expected_spans_of_each_side() -> None:
    en = "Abu Huraira (may Allah be pleased with him) reported: peace be upon him."
    assert [en[s:e] for s, e in expected_en(en)] == [
        "(may Allah be pleased with him)", "peace be upon him"]
    ar = ("عَنْ أَبِي هُرَيْرَةَ، رضى الله عنه أَنَّ رَسُولَ اللَّهِ صلى الله عليه وسلم قَالَ "
          "كذا ‏.‏ قَالَ أَبُو عِيسَى هَذَا حَدِيثٌ حَسَنٌ صَحِيحٌ ‏.‏")
    got = [ar[s:e].strip(" \u200f") for s, e in expected_ar(ar)]
    assert got[:2] == ["رضى الله عنه", "صلى الله عليه وسلم"]
    assert got[2].startswith("قَالَ أَبُو عِيسَى") and "حَسَنٌ صَحِيحٌ" in got[2]
    # Plain prose has none: nothing is excused.
    assert expected_en("The minister said the plan would work.") == ()
    assert expected_ar("قال الوزير إن الخطة ستنجح.") == ()


def test_reference_numbers_only() -> None:
    assert reference("(33:33)") and reference("[Al-Baqara 2:255]")
    assert not reference("(95% CI: 3.51-4.05)") and not reference("(UK and Ireland)")


def test_grading_remark_is_no_addition() -> None:
    lex = load_lexicon()
    en = "The Prophet prohibited celibacy."
    ar = "نَهَى النَّبِيُّ عَنِ التَّبَتُّلِ"
    graded = ar + " ‏.‏ قَالَ أَبُو عِيسَى حَدِيثُ سَمُرَةَ حَدِيثٌ حَسَنٌ غَرِيبٌ ‏.‏"
    plain, with_remark = bead_evidence(en, ar, lex), bead_evidence(en, graded, lex)
    assert with_remark.ar.words == plain.ar.words
    assert abs(with_remark.len_z) <= abs(plain.len_z) + 0.5
    # The same length of unexplained Arabic that is not a grading is an addition.
    other = ar + " ‏.‏ وَذَهَبَ الرَّجُلُ إِلَى السُّوقِ فَاشْتَرَى ثَوْبًا جَدِيدًا ‏.‏"
    assert bead_score(bead_evidence(en, other, lex)) < bead_score(with_remark)


def test_bracketed_gloss_is_not_an_omission_but_a_translated_one_counts() -> None:
    lex = load_lexicon()
    ar = "وَنُيَسِّرُكَ لِلْيُسْرَىٰ"
    glossed = bead_evidence("And We will make it easy for thee (to follow) the simple (Path).",
                            ar, lex)
    bare = bead_evidence("And We will make it easy for thee the simple.", ar, lex)
    assert glossed.en.words == bare.en.words
    # Brackets in news are matched, and a bracketed figure stays required.
    ev = bead_evidence("Cases rose (by 40 percent) in Cairo.", "ارتفعت الحالات في القاهرة.", lex)
    assert [m.text for m in ev.en.unmatched("number")] == ["40"]
    ref = bead_evidence("Allah wishes to purify you (33:33).", "يريد الله أن يطهركم", lex)
    assert ref.en.unmatched("number") == []


def test_romanised_arabic_words() -> None:
    assert close("Nabidh", "النَّبِيذِ", known=True) and close("Zakat", "الزكاة", known=True)
    assert close("Sadaqa", "صدقة")
    assert not close("Furyk", "خروج") and not close("Zakat", "زكي", known=True)


def test_arabic_aside_of_the_editor_only() -> None:
    t = "حَدَّثَنَا بَكْرٌ، - يَعْنِي ابْنَ مُضَرَ - عَنِ ابْنِ الْهَادِ"
    assert [t[s:e].strip() for s, e in asides_ar(t)] == ["- يَعْنِي ابْنَ مُضَرَ -"]
    # A dash clause of prose is translated text, not an aside.
    assert asides_ar("نفى أن موراليس - الذي لا يزال أحد أشهر الرؤساء - كان يستخدم القضية") == ()


def test_a_remark_is_no_excuse_for_a_bead_that_does_not_render_it() -> None:
    """An Arabic grading remark paired with an English sentence of its own (a sentence of
    the report the aligner put here): the remark is left out of the length, so the English
    has nothing to answer to and the bead scores low; the remark with its own rendering
    ("This Hadith is Hasan") or its report keeps a normal length."""
    lex = load_lexicon()
    remark = "قَالَ أَبُو عِيسَى هَذَا حَدِيثٌ حَسَنٌ صَحِيحٌ ‏.‏"
    wrong = bead_evidence("He said: You only mentioned the Name of Allah over your dog, you "
                          "did not mention it over the others.", remark, lex)
    assert wrong.len_z < -3.0 and bead_score(wrong) < 0.5
    report = "نَهَى النَّبِيُّ عَنِ التَّبَتُّلِ ‏.‏ " + remark
    right = bead_evidence("The Prophet prohibited celibacy.", report, lex)
    assert abs(right.len_z) < abs(wrong.len_z) and bead_score(right) > bead_score(wrong)


def test_translated_gloss_counts_in_the_length() -> None:
    """An English bracket the Arabic renders is judged with the rest: it widens no range
    (a bead that took in a neighbour's sentence is not excused by its brackets)."""
    lex = load_lexicon()
    en = ("But I chose not to reward someone (by purchasing his music or clothing) who I "
          "believe is spewing harmful ideology. He is free.")
    ar = "لكنني اخترت عدم مكافأة أي شخص يعتنق الأيديولوجية الضارة (عبر شراء موسيقاه أو ملابسه)."
    plain = bead_evidence(en.replace("(", ",").replace(")", ","), ar, lex)
    assert bead_evidence(en, ar, lex).len_z == pytest.approx(plain.len_z, abs=0.05)
