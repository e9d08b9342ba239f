"""The fast paths of the core give exactly what the plain code they replaced gave.

Speed work (issue 15) rewrote the word regex, memoised per-word keys and shares each
sentence's units between the aligner, refinement and the scorer; none of it may change a
single bead, score or flag. These tests pin the fast forms against the slow reference forms
on random text, so that a later edit to one is caught.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from align.text.arabic import DIGITS, WORD_MARKS
from align.text.normalize import words

#: The word regex as first written: one letter or mark per group entry. Slow, obviously right.
_REFERENCE_WORD_RE = re.compile(
    rf"[{DIGITS}]+(?:[.,\u066b\u066c][{DIGITS}]+)*"
    rf"|[^\W\d_](?:[^\W\d_]|[{WORD_MARKS}])*(?:['’][^\W\d_]+)*"
    r"(?:-[^\W\d_]+)*",
    re.UNICODE,
)

_ALPHABET = "ab Zé'’-.,_ ١٢3\u064b\u064e\u0640\u0670\u065fبت ٫٬x\n!ًّ"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_word_regex_matches_reference(text: str) -> None:
    ref = [(m.start(), m.end(), m.group()) for m in _REFERENCE_WORD_RE.finditer(text)]
    assert words(text) == ref
