"""The terminal view of ``tawazi align`` (``align.cli.common.side_by_side``): every flag is
shown whole, on its own line, and never runs into the text, at any width."""

from __future__ import annotations

import pytest

from tawazi.align.cli.common import side_by_side
from tawazi.align.types import Alignment, Bead, Document, Flag, Sentence

EN = "Police said the rental truck was found near the border on Monday morning."
AR = "قالت الشرطة إن الشاحنة المستأجرة عثر عليها قرب الحدود صباح الاثنين."


def alignment() -> Alignment:
    en = Document(EN + " Short.", "en")
    ar = Document(AR + " قصير.", "ar")
    es = (Sentence(0, len(EN), EN), Sentence(len(EN) + 1, len(en.text), "Short."))
    as_ = (Sentence(0, len(AR), AR), Sentence(len(AR) + 1, len(ar.text), "قصير."))
    flags = (Flag("length-outlier"), Flag("number-mismatch"), Flag("addition"))
    return Alignment(en, ar, es, as_, (Bead((0,), (0,), score=0.04, flags=flags),
                                       Bead((1,), (1,), score=0.9)))


@pytest.mark.parametrize("width", [20, 40, 60, 80, 100, 120, 200])
def test_every_flag_is_whole_on_its_own_line_and_clear_of_the_text(width: int) -> None:
    view = side_by_side(alignment(), width, visual_order=False)
    lines = view.splitlines()
    first = lines[: lines.index("")]  # the rows of bead 1
    text_at = first[0].index("Police")
    for code in ("length-outlier", "number-mismatch", "addition"):
        row = next(line for line in first if line[1:].startswith(code))
        assert row[1 + len(code) : text_at].strip() == "", (code, row)
        assert len(row[: text_at].rstrip()) < text_at - 1  # a gap before the text
    english = " ".join(line[text_at:].split("│")[0].strip() for line in first)
    assert " ".join(english.split()) == EN  # the text is whole too
    assert "length-outlrental" not in view


def test_a_bead_without_flags_has_only_its_text_lines() -> None:
    view = side_by_side(alignment(), 100, visual_order=False)
    bead2 = view.split("\n\n")[1].splitlines()
    assert len(bead2) == 1 and bead2[0].lstrip().startswith("2 1-1")
