"""The copied camel-tools functions (``align.text.camel``) behave exactly as camel-tools' own.

camel-tools stays a development dependency for this test only (uv's overrides keep its ML stack
out of the development environment): the installed tool no longer depends on it, so a copy
that drifted from the original would otherwise go unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from camel_tools.utils import dediac, normalize
from camel_tools.utils.charmap import CharMapper
from hypothesis import given
from hypothesis import strategies as st

from tawazi.align.text import camel
from tawazi.align.text.normalize import normalize_ar

PAIRS: list[tuple[Callable[[str], str], Callable[[str], str]]] = [
    (camel.dediac_ar, dediac.dediac_ar),
    (camel.normalize_alef_ar, normalize.normalize_alef_ar),
    (camel.normalize_alef_maksura_ar, normalize.normalize_alef_maksura_ar),
    (camel.normalize_teh_marbuta_ar, normalize.normalize_teh_marbuta_ar),
    (camel.bw2ar, CharMapper.builtin_mapper("bw2ar").map_string),
]
IDS = ["dediac", "alef", "alef_maksura", "teh_marbuta", "bw2ar"]

#: The Arabic blocks, Latin (Buckwalter's alphabet) and a few neighbours.
_CHARS = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z"))
_ARABIC = st.sampled_from([chr(c) for c in range(0x0600, 0x0700)] + list("'|>&<}~`{ abc"))


@pytest.mark.parametrize(("ours", "theirs"), PAIRS, ids=IDS)
def test_every_character_maps_as_in_camel_tools(
    ours: Callable[[str], str], theirs: Callable[[str], str]
) -> None:
    for c in [chr(c) for c in range(0x20, 0x0800)] + [chr(c) for c in range(0xFB50, 0xFF00)]:
        assert ours(c) == theirs(c), f"U+{ord(c):04X}"


@pytest.mark.parametrize(("ours", "theirs"), PAIRS, ids=IDS)
@given(text=st.text(st.one_of(_ARABIC, _CHARS), max_size=40))
def test_random_text_maps_as_in_camel_tools(
    ours: Callable[[str], str], theirs: Callable[[str], str], text: str
) -> None:
    assert ours(text) == theirs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مَدْرَسَةٌ", "مدرسه"),  # harakat and tanween go, teh marbuta folds to heh
        ("أإآٱ", "اااا"),  # every hamza / madda / wasla alef becomes bare alef
        ("على", "علي"),  # alef maksura folds to yaa
        ("هٰذا", "هذا"),  # dagger alef is a diacritic
        ("ـعـربـي", "عربي"),  # tatweel goes (tawazi's own step, before camel-tools')
        ("ﻻ", "لا"),  # presentation forms are decomposed (NFKC) first
        ("\u0653آ", "\u0653ا"),  # Quranic madda U+0653 is not in camel-tools' diacritic set
    ],
)
def test_normalize_ar_golden(text: str, expected: str) -> None:
    assert normalize_ar(text) == expected


def test_normalize_ar_options_turn_steps_off() -> None:
    assert normalize_ar("مَدْرَسَةٌ", dediac=False) == "مَدْرَسَهٌ"
    assert normalize_ar("مَدْرَسَةٌ على", letters=False) == "مدرسة على"
