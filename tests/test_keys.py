"""Typed match keys (numbers in any digit system, months, names across scripts) and the
review highlights built on them."""

from __future__ import annotations

import pytest

from tawazi.align.evidence.features import units_ar, units_en
from tawazi.align.evidence.keys import number_value, skeleton_ar, skeleton_en, skeleton_keys
from tawazi.align.evidence.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("token", "value"),
    [("151", 151), ("١٥١", 151), ("2,400", 2400), ("٢٬٤٠٠", 2400), ("2.5", 2.5),
     ("٢٫٥", 2.5), ("1,000,000", 1_000_000), ("3,5", 3.5), ("abc", None)],
)
def test_number_value(token: str, value: float | None) -> None:
    assert number_value(token) == value


@pytest.mark.parametrize(
    ("ar", "en"),
    [("لافرينتيف", "Lavrentyev"), ("بغداد", "Baghdad"), ("طالبان", "Taliban"),
     ("سايبوف", "Saipov"), ("أفغانستان", "Afghanistan")],
)
def test_names_share_a_skeleton_key(ar: str, en: str) -> None:
    from tawazi.align.text.normalize import normalize_ar

    assert set(skeleton_keys(skeleton_ar(normalize_ar(ar)))) & set(
        skeleton_keys(skeleton_en(en))
    )


def test_unrelated_names_do_not_match() -> None:
    ar = set(skeleton_keys(skeleton_ar("موسكو")))
    assert not ar & set(skeleton_keys(skeleton_en("Lavrentyev")))


def _keys(units: list) -> set[str]:  # type: ignore[type-arg]
    return {k for u in units for k in u.keys}


@pytest.mark.parametrize(
    ("ar", "en", "key"),
    [
        ("منذ 17 تشرين الأوّل/أكتوبر الماضي", "since October 17", "@m10"),
        ("26 كانون الثاني", "26 January", "@m1"),
        ("اليوم الجمعة", "on Friday", "@d4"),
        ("أكثر من ١٥١ استهدافاً", "more than 151 attacks", "#151"),
        ("820 ألف شخص", "820,000 people", "#820000"),
        ("2.5 مليون", "2.5 million", "#2500000"),
        ("ثماني تهم", "eight charges", "#8"),
    ],
)
def test_typed_keys_meet_across_languages(ar: str, en: str, key: str) -> None:
    lex = load_lexicon()
    assert key in _keys(units_ar(ar, lex))
    assert key in _keys(units_en(en))


def test_highlighted_words_are_the_matched_ones_with_their_strongest_kind() -> None:
    from tawazi.align.review.highlight import HIGHLIGHT_KINDS, matched_words

    en_text = "On Monday Lavrentyev said 151 soldiers died in March."
    ar_text = "قال لافرينتيف يوم الاثنين إن 151 جنديا قتلوا في مارس. وأضاف كلاما آخر"
    en, ar = matched_words(en_text, ar_text, load_lexicon())
    kinds_en = {a.text: a.kind for a in en}
    kinds_ar = {a.text: a.kind for a in ar}
    assert kinds_en["151"] == kinds_ar["151"] == "number"
    assert kinds_en["March"] == kinds_ar["مارس"] == "date"
    assert kinds_en["Lavrentyev"] == kinds_ar["لافرينتيف"] == "name"
    assert "آخر" not in kinds_ar  # "another" has nothing facing it
    assert {a.kind for a in en + ar} <= set(HIGHLIGHT_KINDS)
    assert all(en_text[a.start : a.end] == a.text for a in en)
    assert all(ar_text[a.start : a.end] == a.text for a in ar)


def test_words_typed_without_spaces_are_cut_into_known_words() -> None:
    from tawazi.align.evidence.features import glued_pieces
    from tawazi.align.text.normalize import normalize_ar

    lexicon = load_lexicon()
    pieces = glued_pieces(normalize_ar("علىهامشالجمعيةالعامة"), lexicon)
    assert pieces is not None
    assert [p for p, _ in pieces] == ["علي", "هامش", "الجمعيه", "العامه"]
    # A known long word is left whole.
    assert glued_pieces(normalize_ar("والاستثمارات"), lexicon) is None
    # The glued token now matches its translation.
    en = {k for u in units_en("on the sidelines of the General Assembly") for k in u.keys}
    ar = {k for u in units_ar("علىهامشالجمعيةالعامة", lexicon) for k in u.keys}
    assert en & ar


def test_a_hyphenated_compound_is_keyed_by_its_parts_too() -> None:
    """"over-knead" matches العجن (knead) as the Arabic writes it in words; a name with its
    article ("al-Khattab") is not cut."""
    from tawazi.align.evidence.features import units_en

    (u,) = [u for u in units_en("Do not over-knead it.") if u.text == "over-knead"]
    assert "knead" in u.keys
    (v,) = [u for u in units_en("Umar al-Khattab said it.") if u.text == "al-Khattab"]
    assert "khattab" not in v.keys


@pytest.mark.parametrize(("en", "ar"), [
    ("He passeth by the house.", "يمر"),
    ("And he cometh to the city.", "يأتي"),
    ("Thou knowest what is in my heart.", "تعلم"),
    ("He saith unto them.", "يقول"),
    ("He giveth to whom He will.", "يعطي"),
])
def test_older_english_verbs_meet_their_arabic(en: str, ar: str) -> None:
    """A verb of older English (Yusuf Ali's Qur'an, the King James Bible) is keyed by its
    modern form too, so the Arabic verb's glosses answer it."""
    keys_ar = {k for u in units_ar(ar, load_lexicon()) for k in u.keys}
    verb = [u for u in units_en(en) if u.text.lower().endswith(("eth", "est", "ith"))]
    assert verb and not keys_ar.isdisjoint(verb[0].keys), (verb, keys_ar)


def test_thou_art_is_no_content_word_and_art_stays_a_noun() -> None:
    assert "art" not in [u.text for u in units_en("Thou art not mad.")]
    assert "art" in [u.text for u in units_en("The art of war.")]


@pytest.mark.parametrize(("en", "ar"), [
    ("The U.S. said so.", "الولايات المتحدة"),
    ("The US said so.", "الولايات المتحدة"),
    ("The EU said so.", "الاتحاد الأوروبي"),
    ("WHO officials said so.", "منظمة الصحة العالمية"),
    ("The U.N. said so.", "الأمم المتحدة"),
])
def test_an_abbreviation_meets_the_words_it_stands_for(en: str, ar: str) -> None:
    """Every Arabic word of what an abbreviation stands for is matched by it, dotted or not;
    "who" and "us" stay function words."""
    keys_en = {k for u in units_en(en) for k in u.keys}
    ua = units_ar(ar, load_lexicon())
    assert ua and all(not keys_en.isdisjoint(u.keys) for u in ua), (keys_en, ua)
    assert not units_en("Those who told us left.")[1:2] or all(
        u.text not in ("who", "us") for u in units_en("Those who told us left."))


def test_a_calendar_noun_before_its_date_is_no_content_word() -> None:
    lex = load_lexicon()
    texts = [u.text for u in units_ar("اجتمعوا يوم الخميس في شهر مارس عام 2019", lex)]
    assert "يوم" not in texts and "شهر" not in texts and "عام" not in texts
    assert "الخميس" in texts and "2019" in texts
    assert "يوم" in [u.text for u in units_ar("كل يوم مهم", lex)]


def test_thou_auxiliaries_are_no_content_words_but_haste_is() -> None:
    assert [u.text for u in units_en("Thou hast seen it.")] == ["seen"]
    assert "haste" in [u.text for u in units_en("He left in haste.")]
