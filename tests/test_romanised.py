"""Issue 13: short romanised Arabic names (``Umar``, ``Ka'b``, ``Abu Huraira``) and kin words
count as matched words of a bead, so a right bead of a chain of narrators is not scored as
half untranslated; the pairing is fidelity-only and adds no required mention."""

from __future__ import annotations

import pytest

from tawazi.align.evidence.features import units_ar, units_en
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.quality import bead_evidence as be
from tawazi.align.quality.romanised import ar_romanised, romanised_pairs, romanised_skeletons


@pytest.mark.parametrize(("en", "ar"), [
    ("Umar", "عمر"),            # ع is dropped as the vowels are
    ("Ka'b", "كعب"),            # the apostrophe writes ع
    ("Zirr", "زر"),             # a doubled letter is one consonant
    ("Huraira", "هريرة"),       # h for ه, ة a vowel
    ("Talhah", "طلحة"),         # h for ح, ة as h
    ("Al-Khattab", "الخطاب"),   # the article on both sides
    ("Anas", "وأنس"),           # a clitic on the Arabic side
])
def test_same_name_same_skeleton(en: str, ar: str) -> None:
    assert set(romanised_skeletons(en)) & set(ar_romanised(ar))


@pytest.mark.parametrize(("en", "ar"), [
    ("Umar", "عمرو"), ("Umar", "عامر"),  # same consonants: the vowels are not compared
])
def test_vowels_are_not_compared(en: str, ar: str) -> None:
    # A known limit, pinned: عمرو (Amr) and عامر (Amir) read as Umar.
    assert set(romanised_skeletons(en)) & set(ar_romanised(ar))


@pytest.mark.parametrize(("en", "ar"), [
    ("Umar", "كعب"), ("Anas", "زر"), ("Huraira", "هارون"), ("Zaid", "زيدان"),
])
def test_other_names_differ(en: str, ar: str) -> None:
    assert not set(romanised_skeletons(en)) & set(ar_romanised(ar))


def _pairs(en: str, ar: str) -> list[tuple[str, str]]:
    lex = load_lexicon()
    ue, ua = units_en(en), units_ar(ar, lex)
    keys_en = set().union(*[u.keys for u in ue])
    keys_ar = set().union(*[u.keys for u in ua])
    ne, na = romanised_pairs(ue, ua, keys_en, keys_ar, frozenset())
    by_key = {k: u.text for u in na for k in u.keys if k.startswith("%r")}
    return [(u.text, by_key[k]) for u in ne for k in u.keys if k.startswith("%r")]


def test_pairs_names_and_kin_words() -> None:
    # (Ibn and Umar the lexicon already matches: they are not paired again.)
    got = _pairs("Narrated Ibn 'Umar from Abu Huraira", "عن ابن عمر عن أبي هريرة")
    assert got == [("Abu", "أبي"), ("Huraira", "هريرة")]


def test_lower_case_and_dictionary_words_are_not_paired() -> None:
    # "more" has the skeleton of مر but is no name: capitalised non-dictionary words only.
    assert _pairs("he went more", "مر") == []
    assert _pairs("More", "مر") == []


def test_raises_coverage_of_a_chain_not_of_a_wrong_bead() -> None:
    lex = load_lexicon()
    en = "Ka'b said to Umar: Anas saw it."
    ar = "قال كعب لعمر رأى أنس ذلك"
    on = be.bead_evidence(en, ar, lex)
    wrong = be.bead_evidence("The minister visited Paris on Monday.", ar, lex)
    try:
        be.ROMANISED_NAMES = False
        off = be.bead_evidence(en, ar, lex)
    finally:
        be.ROMANISED_NAMES = True
    assert on.en.coverage > off.en.coverage and on.ar.coverage > off.ar.coverage
    assert wrong.en.coverage < on.en.coverage
    # No required mention comes from the pairing: nothing more can be reported missing.
    assert [m.text for m in on.en.unmatched("name")] == [m.text for m in off.en.unmatched("name")]
