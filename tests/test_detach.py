"""Omissions: a sentence whose translation was dropped comes out one-sided, not absorbed."""

from __future__ import annotations

import numpy as np
import pytest

from tawazi.align.config import AlignConfig, DetachParams
from tawazi.align.errors import OptionError
from tawazi.align.evidence.features import Unit
from tawazi.align.pipeline import align_sentences
from tawazi.align.search.detach import _Side
from tawazi.align.signature import alignment_signature
from tawazi.align.text.segment import split_text
from tawazi.align.types import Document, check_alignment
from tests.test_align import AR, EN

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]

OFF = AlignConfig(detach=DetachParams(enabled=False))


def _align(en_lines: list[str], ar_lines: list[str], config: AlignConfig) -> Beads:
    et, at = "\n".join(en_lines), "\n".join(ar_lines)
    al = align_sentences(
        Document(et, "en", presplit=True), Document(at, "ar", presplit=True),
        split_text(et, "en", presplit=True), split_text(at, "ar", presplit=True), config,
    )
    check_alignment(al)
    return [(b.en, b.ar) for b in al.beads]


# An English sentence with no translation whose words all repeat its neighbour's
# (minister, prime minister, security, discussed): the search takes it into a 2-1 bead
# with the neighbour's Arabic; it adds nothing to what that bead's other sentence matches.
UNTRANSLATED = [
    "Security was discussed by the minister and the prime minister.",
    "The minister discussed security again.",
]


@pytest.mark.parametrize("extra", UNTRANSLATED)
def test_an_untranslated_sentence_on_its_neighbours_topic_is_detached(extra: str) -> None:
    en = EN[:2] + [extra] + EN[2:]
    absorbed = _align(en, AR, OFF)
    assert ((1, 2), (1,)) in absorbed  # what the search alone gives
    beads = _align(en, AR, AlignConfig())
    assert ((2,), ()) in beads
    assert ((1,), (1,)) in beads and ((3,), (2,)) in beads


def test_an_untranslated_arabic_sentence_is_detached_too() -> None:
    extra = "وناقش الوزير ورئيس الوزراء الأمن مجددا."
    ar = AR[:2] + [extra] + AR[2:]
    beads = _align(EN, ar, AlignConfig())
    assert ((), (2,)) in beads
    assert ((1,), (1,)) in beads and ((2,), (3,)) in beads


def test_two_translated_sentences_joined_stay_one_bead() -> None:
    ar = AR[:1] + [AR[1] + " " + AR[2]] + AR[3:]
    assert ((1, 2), (1,)) in _align(EN, ar, AlignConfig())
    en = EN[:3] + [EN[3] + " " + EN[4]] + EN[5:]
    assert ((3,), (3, 4)) in _align(en, AR, AlignConfig())


def _unit(*keys: str) -> Unit:
    return Unit(0, 1, keys[0], keys)


def _side(sents: list[list[Unit]]) -> _Side:
    # Every unit's keys among the "other side's keys": each word weighs 1.
    every = {k for s in sents for u in s for k in u.keys}
    return _Side(sents, ["x"] * len(sents), every, 0.25, None, np.zeros(len(sents)))


def test_exclusive_coverage_counts_what_a_sentence_adds_to_its_bead_mates() -> None:
    # English 0 and 1 both say "virus"; the Arabic says it once: it is 0's (matched
    # first), and 1 adds only "vaccine".
    en = _side([[_unit("virus"), _unit("spread")], [_unit("virus"), _unit("vaccine")]])
    ar = _side([[_unit("virus"), _unit("spread"), _unit("vaccine")]])
    assert en.exclusive(1, [0], ar, [0]) == 1.0
    assert en.covered(1, ar.keys([0])) == 2.0
    # Said twice in the Arabic, "virus" is there for both.
    ar2 = _side([[_unit("virus"), _unit("spread"), _unit("virus"), _unit("vaccine")]])
    assert en.exclusive(1, [0], ar2, [0]) == 2.0
    # A mate that could take either occurrence leaves one for the sentence tested
    # (augmenting paths, not first come first served).
    en3 = _side([[_unit("virus", "germ")], [_unit("virus")]])
    ar3 = _side([[_unit("virus")], [_unit("germ")]])
    assert en3.exclusive(1, [0], ar3, [0, 1]) == 1.0


def test_detach_options_are_checked_and_signed() -> None:
    with pytest.raises(OptionError, match="detach margin"):
        DetachParams(margin=-1.0)
    base = alignment_signature(AlignConfig(), "x")
    assert alignment_signature(OFF, "x") != base
    assert alignment_signature(AlignConfig(detach=DetachParams(margin=2.0)), "x") != base
