"""The xlsx review sheet: layout (right-to-left Arabic, colour-coded scores) and the round trip
of a sheet a reviewer edited (changed cells become edits, the approved column statuses)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_formats import sample, units

from tawazi.align.errors import FormatError
from tawazi.align.formats import read_alignment, write_alignment
from tawazi.align.formats.xlsx import COLUMNS, score_fill


def test_sheet_layout(tmp_path: Path) -> None:
    al = sample()
    out = tmp_path / "review.xlsx"
    write_alignment(al, out, "xlsx")
    ws = load_workbook(out).active
    assert ws is not None
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert ws.max_row == len(al.beads) + 1
    assert ws["C2"].alignment.readingOrder == 2 and ws["C2"].alignment.horizontal == "right"
    assert ws["B2"].alignment.readingOrder == 0
    assert ws["E2"].fill.start_color.rgb == score_fill(0.93) == "FFC6EFCE"
    assert ws["E4"].fill.start_color.rgb == score_fill(0.5)
    assert ws["E5"].fill.start_color.rgb == "FFFFC7CE"
    assert ws["H7"].value == "x" and ws["G7"].value == "approved"
    assert ws.column_dimensions["I"].hidden and ws.freeze_panes == "A2"


def test_round_trip_unchanged(tmp_path: Path) -> None:
    al = sample()
    out = tmp_path / "review.xlsx"
    write_alignment(al, out, "xlsx")
    back = read_alignment(out)
    assert [u[:2] + u[3:] for u in units(back)] == [u[:2] + u[3:] for u in units(al)]
    assert [(b.en_edit, b.ar_edit) for b in back.beads] == [
        (b.en_edit, b.ar_edit) for b in al.beads]


def test_reviewer_edits_become_edits_and_statuses(tmp_path: Path) -> None:
    out = tmp_path / "review.xlsx"
    write_alignment(sample(), out, "xlsx")
    wb = load_workbook(out)
    ws = wb.active
    assert ws is not None
    ws["C2"] = "قال الوزير إننا موافقون."  # the reviewer rewrites an Arabic cell
    ws["H2"] = "yes"  # and approves the bead
    ws["H7"] = None  # and withdraws an approval
    wb.save(out)
    back = read_alignment(out)
    first, last = back.beads[0], back.beads[-1]
    assert first.ar_edit == "قال الوزير إننا موافقون." and first.en_edit is None
    assert back.bead_text(first, "ar", edited=False) == 'قال الوزير: "نحن موافقون."'
    assert first.status == "approved" and last.status == "auto"
    assert last.en_edit == "Signed, the editor"  # an earlier edit is kept


def test_hand_made_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["English", "Arabic"])
    ws.append(["Hello.", "مرحبا."])
    ws.append([None, None])
    ws.append(["Bye.", "وداعا."])
    wb.save(tmp_path / "hand.xlsx")
    back = read_alignment(tmp_path / "hand.xlsx")
    assert [(u[0], u[1], u[3]) for u in units(back)] == [
        ("Hello.", "مرحبا.", "auto"), ("Bye.", "وداعا.", "auto")]


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(FormatError, match="not an xlsx workbook"):
        read_alignment(bad)
