"""Batch reports in TSV/CSV are in the one dialect tawazi reads (``formats.tsv``)."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from tawazi.align.batch.report import _sink
from tawazi.align.formats.tsv import records

CELLS = ["plain", "a\\tb", 'say "x"', "two\nlines", "tab\there", "عربي\\n"]


def test_report_cells_read_back_as_written(tmp_path: Path) -> None:
    """A backslash, quote, tab or line end in a cell survives the TSV report and reads
    back as the same value with tawazi's reader and with Python's csv module."""
    frame = pl.DataFrame({"text": CELLS, "n": list(range(len(CELLS)))}).lazy()
    path = tmp_path / "r.tsv"
    _sink(frame, path, ".tsv", "", False)
    body = path.read_text(encoding="utf-8")
    rows = [cells for _, cells in records(body)]
    assert [r[0] for r in rows[1:]] == CELLS
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(CELLS))]
    with path.open(newline="", encoding="utf-8") as fh:
        assert [r[0] for r in list(csv.reader(fh, delimiter="\t"))[1:]] == CELLS
