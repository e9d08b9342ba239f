r"""Tab-separated values: a table of beads for review in a spreadsheet, and its reader.

Columns: ``en ar type score flags status en_offsets ar_offsets en_edit ar_edit``. ``en``/``ar``
hold the original sentences of the bead joined by a space, ``flags`` the flag codes
(``code,code``), the offsets the sentence spans (``0-120;121-200``), the edit columns a
reviewer's text (empty: no edit). Every bead is written, one-sided ones with an empty cell.

The dialect is the one of every tawazi table (this file, ``batch`` reports, ``score``):
RFC 4180 quoting with a tab (or, for ``.csv``, a comma) as separator, which is what Excel,
LibreOffice, polars, pandas and Python's ``csv`` read. A cell holding the separator, a
double quote, a line end or a backslash is written in double quotes, a quote in it doubled
(``""``). The backslash is quoted too so that files written with the old
escaping (``\t``, ``\n``, ``\r``, ``\\`` in unquoted cells, by earlier versions) still read
correctly: in an unquoted cell those escapes are decoded, in a quoted one nothing is. Rows
may end with ``\n`` or ``\r\n``.
``excel`` starts the file with a UTF-8 byte-order mark, without which Excel reads UTF-8 as
a legacy code page and shows Arabic as mojibake.

There are no comment lines and no signature: ``# ...`` lines are rows to every plain TSV
reader (polars, pandas, a spreadsheet), and a column holding one value on row one would
confuse a reviewer. The signature goes where the format has room (JSONL, TMX header).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FormatError
from ..text.decode import read_text_encoding
from ..text.limits import Limits
from ..types import Alignment
from .options import WriteOptions, fmt_score
from .segments import (
    Segment,
    alignment_from_segments,
    check_status,
    check_units,
    export_status,
    parse_score,
    split_flags,
)

COLUMNS = (
    "en",
    "ar",
    "type",
    "score",
    "flags",
    "status",
    "en_offsets",
    "ar_offsets",
    "en_edit",
    "ar_edit",
)

#: The byte-order mark ``excel`` puts first (U+FEFF, bytes ``EF BB BF`` in UTF-8).
BOM = "\ufeff"

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_NEEDS_QUOTES = re.compile('[\t\n\r"\\\\]')
_QUOTED = re.compile('"((?:[^"]|"")*)"\r?(?=[\t\n]|$)')


def quote(text: str) -> str:
    r"""A cell in the tawazi dialect: as it is, or in double quotes when it must be.

    >>> quote("plain"), quote('a "b" c'), quote("a\tb")
    ('plain', '"a ""b"" c"', '"a\tb"')
    """
    if not _NEEDS_QUOTES.search(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def for_excel(text: str, excel: bool) -> str:
    r"""``text`` with one byte-order mark first when ``excel`` (none added to a table that has
    one already, as a TSV read from Excel does); as it is otherwise. Every table tawazi writes
    itself goes through here (the batch reports, written by polars, use its ``include_bom``),
    so ``--excel`` means the same in every command.

    >>> for_excel("en\tar\n", True) == for_excel("\ufeffen\tar\n", True) == "\ufeffen\tar\n"
    True
    """
    return BOM + text.removeprefix(BOM) if excel else text


def escape(text: str) -> str:
    r"""A cell value on one line, in the old escaping (kept for the readers of old files).

    >>> escape("a\tb\\c\nd")
    'a\\tb\\\\c\\nd'
    """
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def records(text: str) -> list[tuple[int, list[str]]]:
    r"""The rows of a table in the tawazi dialect: ``(line where the row starts, cells)``.

    A quoted cell may span lines and is taken as written; an unquoted one is ``unescape``-d.

    >>> records('a\t"b\tc"\n"x\ny"\tz\\t\n')
    [(1, ['a', 'b\tc']), (2, ['x\ny', 'z\t'])]
    """
    out: list[tuple[int, list[str]]] = []
    pos, line, end = 0, 1, len(text)
    while pos < end:
        start, cells = line, []
        while True:
            quoted = _QUOTED.match(text, pos)
            if quoted:
                cells.append(quoted.group(1).replace('""', '"'))
                line += quoted.group(0).count("\n")
                stop = quoted.end()
            else:
                stop = text.find("\t", pos)
                row_end = text.find("\n", pos)
                if stop < 0 or (0 <= row_end < stop):
                    stop = row_end if row_end >= 0 else end
                cells.append(unescape(text[pos:stop]))
            pos = stop + 1
            if stop >= end or text[stop] == "\n":
                if not quoted:  # a CRLF row end is not cell text
                    cells[-1] = cells[-1].removesuffix("\r")
                break
        out.append((start, cells))
        line += 1
    return out


def unescape(cell: str) -> str:
    r"""The inverse of ``escape``; an unknown ``\x`` is kept as written (a hand-made file).

    >>> unescape(escape("a\tb\\c\nd")) == "a\tb\\c\nd"
    True
    """
    if "\\" not in cell:
        return cell
    out: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in _UNESCAPES:
            out.append(_UNESCAPES[cell[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _offsets(spans: list[tuple[int, int]]) -> str:
    return ";".join(f"{s}-{e}" for s, e in spans)


def render_tsv(al: Alignment, opts: WriteOptions) -> str:
    """Header row, then one row per bead; every row ends with ``\\n``. The table is the
    whole alignment, with originals and edits side by side; of the options only ``excel``
    (a byte-order mark first) applies."""
    rows = ["\t".join(COLUMNS)]
    for bead in al.beads:
        cells = [
            al.bead_text(bead, "en", edited=False),
            al.bead_text(bead, "ar", edited=False),
            bead.type,
            fmt_score(bead.score),
            ",".join(bead.flag_codes),
            export_status(bead),
            _offsets(al.bead_spans(bead, "en")),
            _offsets(al.bead_spans(bead, "ar")),
            bead.en_edit or "",
            bead.ar_edit or "",
        ]
        rows.append("\t".join(quote(c) for c in cells))
    return for_excel("\n".join(rows) + "\n", opts.excel)


def _column(names: list[str], lang: str) -> int | None:
    """Index of the ``en``/``ar`` column: the name or a tag of that language (``en-US``)."""
    found = [
        i for i, n in enumerate(names) if n == lang or (n.startswith(lang + "-") and len(n) > 3)
    ]
    if len(found) > 1:
        raise FormatError(f"more than one {lang!r} column in the header", line=1)
    return found[0] if found else None


def read_tsv(path: str | Path, limits: Limits | None = None) -> Alignment:
    """Read a table with ``en`` and ``ar`` columns as an alignment of one bead per row.

    Other columns are optional (``score``, ``status``, ``flags``, ``en_edit``, ``ar_edit``
    are kept when present) or ignored. Blank rows are skipped; a row shorter than the header
    is padded (spreadsheets drop trailing empty cells), a longer one is an error.

    A byte-order mark (UTF-8, or the UTF-16 of Excel's "Unicode text") is not part of the
    first column's name.

    Raises:
        InputError: the file cannot be read or decoded, or is over ``limits``.
        FormatError: no ``en``/``ar`` column, a bad score or status, a row too long, or no
            row with both languages.
    """
    where = str(path)
    limits = limits or Limits()
    text, encoding = read_text_encoding(path, max_bytes=limits.max_bytes, newlines=False)
    rows = records(text.removeprefix("\ufeff"))
    if not rows:
        raise FormatError("empty file, expected a header row with en and ar columns", path=where)
    body = [(n, cells) for n, cells in rows[1:] if any(c.strip() for c in cells)]
    check_units(len(body), where, limits)
    names = [c.strip().lower() for c in rows[0][1]]
    en_i, ar_i = _language_columns(names, where)
    index = {n: i for i, n in enumerate(names)}
    segments: list[Segment] = []
    for lineno, cells in body:
        if len(cells) > len(names):
            raise FormatError(
                f"{len(cells)} fields, the header has {len(names)}", path=where, line=lineno
            )
        cells += [""] * (len(names) - len(cells))

        def cell(name: str, cells: list[str] = cells) -> str:
            i = index.get(name)
            return cells[i] if i is not None else ""

        score, status = cell("score").strip(), cell("status").strip()
        segments.append(
            Segment(
                en=cells[en_i],
                ar=cells[ar_i],
                score=parse_score(score, where, lineno) if score else 1.0,
                status=check_status(status, where, lineno) if status else "auto",
                flags=split_flags(cell("flags")),
                en_edit=cell("en_edit") or None,
                ar_edit=cell("ar_edit") or None,
                line=lineno,
            )
        )
    return alignment_from_segments(segments, where, encoding=encoding, meta={"format": "tsv"})


def _language_columns(names: list[str], where: str) -> tuple[int, int]:
    try:
        en_i, ar_i = _column(names, "en"), _column(names, "ar")
    except FormatError as exc:
        raise FormatError(exc.reason, path=where, line=1) from None
    if en_i is None or ar_i is None:
        missing = [lang for lang, i in (("en", en_i), ("ar", ar_i)) if i is None]
        raise FormatError(
            f"the header has no {' or '.join(missing)} column (found: {', '.join(names)})",
            path=where,
            line=1,
        )
    return en_i, ar_i
