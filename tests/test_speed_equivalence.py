"""The fast paths of the core give exactly what the plain code they replaced gave.

Speed work (issue 15) rewrote the word regex, memoised per-word keys and shares each
sentence's units between the aligner, refinement and the scorer; none of it may change a
single bead, score or flag. These tests pin the fast forms against the slow reference forms
on random text, so that a later edit to one is caught.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align.text.normalize import _WORD_RE, words

_ALPHABET = "ab Zé'’-.,_ ١٢3\u064b\u064e\u0640\u0670\u065fبت ٫٬x\n!ًّ"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_word_regex_matches_reference(text: str) -> None:
    ref = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    assert words(text) == ref
