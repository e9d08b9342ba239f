"""Typed anchors: numbers in any digit system, months, names across scripts."""

from __future__ import annotations

import pytest

from align.anchors import number_value, skeleton_ar, skeleton_en, skeleton_keys
from align.features import units_ar, units_en
from align.lexicon import load_lexicon


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
    from align.normalize import normalize_ar

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
def test_anchor_keys_meet_across_languages(ar: str, en: str, key: str) -> None:
    lex = load_lexicon()
    assert key in _keys(units_ar(ar, lex))
    assert key in _keys(units_en(en))
