"""Sentence spans keep every visible character, and attributions stay short.

``test_segment.py`` checks that spans round-trip and are stripped; these check that
stripping never eats a character that is not whitespace, and the word limit of the
attribution rule (``قالت سارة:`` after a quote is not a new sentence).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.text.segment import _attribution, split_text

PIECES = st.sampled_from(
    ["Word", "ab", "x", ".", "!", "?", " ", "  ", "\n", "\t", "\u00a0", "كلمة", "قال",
     "\u061f", "2.5", "Dr.", "\n\n"]
)
_WS = set(" \t\r\n\u00a0\u200b\u200c\u200d\u200e\u200f\u2009\u202f\ufeff")


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from(["en", "ar"]),
       st.booleans())
def test_every_visible_character_is_in_exactly_one_sentence(
    text: str, lang: str, presplit: bool
) -> None:
    covered: list[int] = []
    for s in split_text(text, lang, presplit=presplit):
        covered.extend(range(s.start, s.end))
    assert len(covered) == len(set(covered))
    visible = {i for i, ch in enumerate(text) if ch not in _WS}
    assert visible <= set(covered)


def test_a_single_trailing_space_is_stripped_and_nothing_else() -> None:
    text = "One sentence here. \nAb \n"
    assert [s.text for s in split_text(text, "en")] == ["One sentence here.", "Ab"]


def test_an_attribution_is_a_speech_verb_and_at_most_two_more_words() -> None:
    assert _attribution("قالت سارة احمد.", 0)
    assert not _attribution("قالت سارة:", 0)  # a colon opens the next quote
    assert _attribution("قائلة:", 0)  # the participle goes on with the sentence
    assert not _attribution("قالت سارة احمد اليوم.", 0)
    assert not _attribution("ذهبت سارة.", 0)
