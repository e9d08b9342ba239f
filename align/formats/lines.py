"""Segments to score, one per line or unit, from a text file, a TSV column or a TMX side.

``tawazi score --hyp/--ref`` and ``score --manifest`` read their inputs here; reading files is
the formats stage's work, so the reference metrics (``quality/reference.py``) take plain lists
of strings and never open a file.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import FormatError, InputError, OptionError
from ..text.decode import read_text
from . import read_alignment
from .tsv import unescape


def read_segments(spec: str | Path, lang: str | None = None) -> list[str]:
    """The segments of an input, one per line or unit.

    ``spec`` is a text file (one segment per line), a TMX file (the ``lang`` side of each
    unit, a reviewer's edit if any), or a TSV file with a header row: ``file.tsv:column``
    names the column; without it the column named like ``lang`` (``ar``, ``ar-SA``) is used,
    or the only column.

    Raises:
        InputError: the file is missing, unreadable or empty.
        FormatError: the TSV has no such column, or it cannot be chosen.
    """
    text = str(spec)
    path, column = Path(text), None
    if not path.exists() and ":" in text:
        head, _, tail = text.rpartition(":")
        if Path(head).suffix.lower() == ".tsv":
            path, column = Path(head), tail
    suffix = path.suffix.lower()
    if suffix == ".tmx":
        if lang not in ("ar", "en"):
            raise OptionError(f"{path}: give --lang to choose the side of the TMX units")
        al = read_alignment(path)
        return [al.bead_text(b, lang) for b in al.beads]
    content = read_text(path)
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise InputError("is empty", path=path)
    if suffix != ".tsv":
        return lines
    return _tsv_column(path, lines, column, lang)


def _tsv_column(path: Path, lines: list[str], column: str | None, lang: str | None
                ) -> list[str]:
    names = [c.strip().lstrip("\ufeff") for c in lines[0].split("\t")]
    lower = [n.lower() for n in names]
    if column is not None:
        if column.lower() not in lower:
            raise FormatError(f"no column {column!r} (found: {', '.join(names)})",
                              path=path, line=1)
        idx = lower.index(column.lower())
    elif lang is not None and any(n == lang or n.startswith(lang + "-") for n in lower):
        idx = next(i for i, n in enumerate(lower) if n == lang or n.startswith(lang + "-"))
    elif len(names) == 1:
        idx = 0
    else:
        raise FormatError(f"name the column to score as {path}:COLUMN "
                          f"(found: {', '.join(names)})", path=path, line=1)
    out = []
    for raw in lines[1:]:
        cells = raw.rstrip("\r").split("\t")
        out.append(unescape(cells[idx]) if idx < len(cells) else "")
    return out
