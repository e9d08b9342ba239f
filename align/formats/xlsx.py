"""An xlsx review sheet (openpyxl), and its reader for the sheet a reviewer sends back.

Reviewers of alignments work in Excel (LF Aligner and XTM hand them a sheet): one row per
bead with ``#``, ``English``, ``Arabic``, ``type``, ``score`` (filled green at 0.8 and above,
yellow at 0.5, red below: the review UI's colours), ``flags``, ``status`` and an
``approved`` column to mark with ``x`` (or ``yes``, ``1``). The Arabic column is
right-to-left (``readingOrder=2``, right-aligned); texts wrap. Hidden columns keep what the
round trip needs: the original texts, so that a changed cell is told apart from the aligned
text.

Reading back: a sheet with ``English``/``Arabic`` (or ``en``/``ar``) columns; with the hidden
originals, an English or Arabic cell that differs from its original becomes that side's
edit and ``approved`` becomes the status (a cleared mark makes the bead ``auto`` again).
Without them (a sheet made by hand) every row is a 1-1 pair as in TSV.

openpyxl is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import FormatError
from ..text.limits import Limits
from ..types import Alignment
from .options import WriteOptions
from .segments import (
    Segment,
    alignment_from_segments,
    check_units,
    export_status,
    parse_score,
    read_bytes,
    split_flags,
)

COLUMNS = ("#", "English", "Arabic", "type", "score", "flags", "status", "approved",
           "en_original", "ar_original")
#: The review UI's score colours (green, yellow, red) as ARGB fills.
FILLS = ((0.8, "FFC6EFCE"), (0.5, "FFFFEB9C"), (0.0, "FFFFC7CE"))
_WIDTHS = {"A": 6, "B": 60, "C": 60, "D": 7, "E": 8, "F": 24, "G": 10, "H": 10}
_MARKS = frozenset({"x", "yes", "y", "1", "true", "✓", "approved"})


def score_fill(score: float) -> str:
    """The ARGB fill of a score cell.

    >>> score_fill(0.93), score_fill(0.6), score_fill(0.1)
    ('FFC6EFCE', 'FFFFEB9C', 'FFFFC7CE')
    """
    return next(colour for floor, colour in FILLS if score >= floor)


def render_xlsx(al: Alignment, opts: WriteOptions) -> bytes:
    """The workbook as bytes: one sheet, a frozen header row, one row per bead."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment as Cell
    from openpyxl.styles import Font, PatternFill

    del opts  # the sheet holds every bead, edits and originals side by side
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "alignment"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    wrap = Cell(wrap_text=True, vertical="top")
    rtl = Cell(wrap_text=True, vertical="top", horizontal="right", readingOrder=2)
    for number, bead in enumerate(al.beads, 1):
        originals = [al.bead_text(bead, lang, edited=False) for lang in ("en", "ar")]
        ws.append([number, al.bead_text(bead, "en"), al.bead_text(bead, "ar"), bead.type,
                   round(bead.score, 4), ",".join(bead.flag_codes), export_status(bead),
                   "x" if bead.status == "approved" else "", *originals])
        row = ws.max_row
        ws.cell(row, 2).alignment = wrap
        ws.cell(row, 3).alignment = rtl
        colour = score_fill(bead.score)
        ws.cell(row, 5).fill = PatternFill("solid", start_color=colour, end_color=colour)
        ws.cell(row, 5).number_format = "0.00"
    for col, width in _WIDTHS.items():
        ws.column_dimensions[col].width = width
    for col in ("I", "J"):
        ws.column_dimensions[col].hidden = True
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _columns(header: list[str], where: str) -> dict[str, int]:
    names = {n.strip().lower(): i for i, n in enumerate(header) if n}
    for alias, name in (("english", "en"), ("arabic", "ar")):
        if alias in names:
            names.setdefault(name, names[alias])
    if "en" not in names or "ar" not in names:
        raise FormatError(f"the first row has no English or Arabic column (found: "
                          f"{', '.join(n for n in header if n)})", path=where, line=1)
    return names


def _row_segment(cells: list[str], col: dict[str, int], where: str, line: int) -> Segment:
    def get(name: str) -> str:
        i = col.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    texts = {"en": get("en"), "ar": get("ar")}
    edits: dict[str, str | None] = {"en": None, "ar": None}
    for lang in ("en", "ar"):
        if f"{lang}_original" in col:
            original = get(f"{lang}_original")
            if texts[lang] != original:
                edits[lang] = texts[lang]
            texts[lang] = original
    if "approved" in col:
        status = "approved" if get("approved").strip().lower() in _MARKS else "auto"
    else:
        status = "approved" if get("status").strip() == "approved" else "auto"
    score = get("score").strip()
    return Segment(en=texts["en"], ar=texts["ar"],
                   score=parse_score(score, where, line) if score else 1.0, status=status,
                   flags=split_flags(get("flags")), en_edit=edits["en"], ar_edit=edits["ar"],
                   line=line)


def read_xlsx(path: str | Path, limits: Limits | None = None) -> Alignment:
    """Read a review sheet (the first sheet of the workbook) as an alignment, one bead per
    non-empty row, with a reviewer's changes as edits and statuses (module docstring).

    Raises:
        InputError: the file cannot be read, or is over ``limits``.
        FormatError: not an xlsx workbook, no English/Arabic column, a bad score, or no row
            with both languages.
    """
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    where = str(path)
    limits = limits or Limits()
    data = read_bytes(path, limits)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FormatError(f"not an xlsx workbook ({exc})", path=where) from None
    ws = wb.worksheets[0]
    rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    if not rows:
        raise FormatError("empty sheet, expected a header row", path=where)
    col = _columns(rows[0], where)
    body = [(n, r) for n, r in enumerate(rows[1:], 2) if any(c.strip() for c in r)]
    check_units(len(body), where, limits)
    segments = [_row_segment(r, col, where, n) for n, r in body]
    return alignment_from_segments(segments, where, meta={"format": "xlsx"})
