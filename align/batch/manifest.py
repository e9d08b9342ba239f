"""The one manifest format of ``tawazi align --manifest``, ``tawazi batch`` and
``tawazi score --manifest``.

A manifest is a TSV file whose first line names its columns. A column means the same thing
to every command, so one manifest can serve several of them:

- ``en``, ``ar``: the English and Arabic input files (``align``, ``batch``);
- ``out``: the output file of the row (``align``; ``batch`` accepts and ignores it);
- ``hyp``, and ``ref``, ``ref2``, ... (any name starting with ``ref``): a hypothesis and its
  references (``score``);
- ``name``: what the row is called in messages and reports; ``lang``: the row's language.

Each command says which columns it requires and which it accepts; a header lacking one or
naming another is refused at once with one line, rather than being half understood (a typo
in ``out`` would otherwise put every result nowhere). Paths are relative to the manifest's
folder. Blank lines and lines starting with ``#`` are skipped. A row that cannot run (a
missing input file, an empty required cell) is returned with its problem and its line
number, so that every problem is reported in one go and the other rows still run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import FormatError, InputError

#: Columns naming input files, which must exist.
INPUT_COLUMNS = ("en", "ar", "hyp", "ref")
#: Columns naming files to write: resolved, not checked.
OUTPUT_COLUMNS = ("out",)
#: Columns holding plain text.
TEXT_COLUMNS = ("name", "lang")
#: Columns that may appear several times, under any name starting with theirs.
FAMILIES = ("ref",)
KNOWN_COLUMNS = (*INPUT_COLUMNS, *OUTPUT_COLUMNS, *TEXT_COLUMNS)


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One row: its line number, its cells by header column, the resolved paths of its
    non-empty path cells, and why it cannot run (empty when it can)."""

    line: int
    cells: tuple[tuple[str, str], ...]
    paths: tuple[tuple[str, Path], ...]
    problem: str = ""

    def text(self, column: str) -> str:
        """The cell of ``column`` as written (stripped); empty when absent."""
        return next((v for k, v in self.cells if k == column), "")

    def path(self, column: str) -> Path:
        """The resolved path of ``column``; ``KeyError`` when its cell is empty."""
        for k, v in self.paths:
            if k == column:
                return v
        raise KeyError(f"line {self.line} has no {column} path")

    def family(self, column: str) -> tuple[Path, ...]:
        """The paths of every non-empty column of a family (``ref``, ``ref2``...), in order."""
        return tuple(v for k, v in self.paths if _column_of(k) == column)


def _column_of(name: str) -> str:
    """The known column a header name stands for (``ref2`` -> ``ref``), or ``name``."""
    return next((f for f in FAMILIES if name.startswith(f)), name)


def _describe(required: Sequence[str], optional: Sequence[str]) -> str:
    text = ", ".join(required)
    return text + (f"; optionally {', '.join(optional)}" if optional else "")


def read_header(first: str, path: Path, required: Sequence[str], optional: Sequence[str]
                ) -> list[str]:
    """The column names of a manifest's first line, checked against what the command takes.

    Raises:
        FormatError: a required column is missing, or a column is unknown or repeated.
    """
    names = [h.strip().lstrip("\ufeff").lower() for h in first.rstrip("\r").split("\t")]
    wanted = _describe(required, optional)
    columns = [_column_of(n) for n in names]
    missing = [c for c in required if c not in columns]
    if missing:
        raise FormatError(f"manifest header lacks column(s) {', '.join(missing)} "
                          f"(the first line names the columns: {wanted})", path=path, line=1)
    unknown = [n for n, c in zip(names, columns, strict=True)
               if c not in (*required, *optional)]
    if unknown:
        raise FormatError(f"manifest header has unknown column(s) {', '.join(unknown)} "
                          f"(this command takes {wanted})", path=path, line=1)
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise FormatError(f"manifest header repeats column(s) {', '.join(repeated)}",
                          path=path, line=1)
    return names


def read_manifest(path: str | Path, *, required: Sequence[str],
                  optional: Sequence[str] = ()) -> list[ManifestRow]:
    """Every row of a manifest, each with its line number and its problem, if any.

    Args:
        required: columns the header must have (a family such as ``ref`` at least once);
            a row with an empty required cell has a problem.
        optional: other columns the header may have.

    Raises:
        InputError: the manifest is missing, unreadable or empty.
        FormatError: its header does not fit ``required`` and ``optional`` (``read_header``).
    """
    from ..text.decode import read_text

    unknown = [c for c in (*required, *optional) if c not in KNOWN_COLUMNS]
    if unknown:  # a programming error, not the user's
        raise ValueError(f"not manifest columns: {unknown}")
    p = Path(path)
    lines = read_text(p).split("\n")
    if not lines[0].strip():
        raise FormatError(f"empty manifest: expected a header naming the columns "
                          f"{_describe(required, optional)}", path=p)
    header = read_header(lines[0], p, required, optional)
    base = p.resolve().parent
    return [_row(no, raw, header, base, required) for no, raw in enumerate(lines[1:], start=2)
            if raw.strip() and not raw.lstrip().startswith("#")]


def iter_manifest(path: str | Path, *, required: Sequence[str],
                  optional: Sequence[str] = ()) -> Iterator[ManifestRow]:
    """The rows of ``read_manifest``, one at a time, from a file of any size.

    The file is decoded as it is read (``_lines``), so a manifest of millions of rows is
    never held whole; ``tawazi batch`` reads its manifest this way. The header is checked
    on the first ``next``.

    Raises:
        InputError, FormatError: as ``read_manifest``; a byte that does not decode is
            reported with its line when it is reached.
    """
    unknown = [c for c in (*required, *optional) if c not in KNOWN_COLUMNS]
    if unknown:  # a programming error, not the user's
        raise ValueError(f"not manifest columns: {unknown}")
    p = Path(path)
    lines = _lines(p)
    first = next(lines, "")
    if not first.strip():
        raise FormatError(f"empty manifest: expected a header naming the columns "
                          f"{_describe(required, optional)}", path=p)
    header = read_header(first, p, required, optional)
    base = p.resolve().parent
    for no, raw in enumerate(lines, start=2):
        if raw.strip() and not raw.lstrip().startswith("#"):
            yield _row(no, raw, header, base, required)


#: Bytes read first to tell a manifest's encoding (``_lines``).
_SAMPLE = 1 << 16


def _lines(path: Path) -> Iterator[str]:
    """The lines of a text file without their line ends, decoded incrementally.

    The encoding is told from the first ``_SAMPLE`` bytes by the rules of every input
    (``text.decode.decode_bytes``: a byte-order mark, else UTF-8, else Windows-1256 or
    ISO-8859-6 that reads as Arabic). A legacy code page is read whole, as ``read_text``
    does: only the whole file shows whether it is plausible text.
    """
    from ..text.decode import LEGACY_ENCODINGS, decode_bytes, read_text

    try:
        with open(path, "rb") as fh:
            head = fh.read(_SAMPLE)
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    cut = head if len(head) < _SAMPLE else head[: head.rfind(b"\n") + 1] or head
    _, encoding = decode_bytes(cut, str(path))
    if encoding in LEGACY_ENCODINGS:
        yield from read_text(path).split("\n")
        return
    if encoding != "utf-8":  # UTF-16 or UTF-32, by its byte-order mark
        with open(path, encoding=encoding, newline=None) as fh:
            try:
                for line in fh:
                    yield line.rstrip("\n")
            except UnicodeDecodeError as exc:
                raise InputError(f"not {encoding.upper()} text ({exc.reason})",
                                 path=path) from None
        return
    with open(path, "rb") as fh:  # line by line, so that a bad byte is told with its line
        for no, raw in enumerate(fh, start=1):
            try:
                yield raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 text ({exc.reason})", path=path,
                                 line=no) from None


def _row(no: int, raw: str, header: list[str], base: Path, required: Sequence[str]
         ) -> ManifestRow:
    values = [c.strip() for c in raw.rstrip("\r").split("\t")]
    cells = tuple(zip(header, values + [""] * (len(header) - len(values)), strict=False))
    paths = tuple((k, base / v) for k, v in cells
                  if v and _column_of(k) in (*INPUT_COLUMNS, *OUTPUT_COLUMNS))
    return ManifestRow(no, cells, paths, _problem(cells, paths, len(header), values, required))


def _problem(cells: tuple[tuple[str, str], ...], paths: tuple[tuple[str, Path], ...],
             width: int, values: list[str], required: Sequence[str]) -> str:
    """Why a row cannot run, or ``""``: extra cells, an empty required cell, missing files."""
    if any(values[width:]):
        return f"{len(values)} cells, the header has {width} columns"
    empty = [c for c in required if not any(_column_of(k) == c and v for k, v in cells)]
    if empty:
        short = f" (the row has {len(values)} of {width} cells)" if len(values) < width else ""
        return f"empty {', '.join(empty)} cell{'s' if len(empty) > 1 else ''}{short}"
    missing = [str(f) for k, f in paths
               if _column_of(k) in INPUT_COLUMNS and not f.is_file()]
    return f"missing file {', '.join(missing)}" if missing else ""
