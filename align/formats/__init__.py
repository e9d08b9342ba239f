"""Output formats and structured-input readers, as plain registries.

A format is one module with a pure ``render_<fmt>(al, opts)`` returning text (Moses: two
texts; xlsx: bytes); ``write_alignment`` renders first and then writes atomically, so a
failure leaves no partial file and never clobbers an existing one. The CLI's ``choices=`` come from
``WRITERS`` and ``READERS``. Importing this package loads no lxml, openpyxl, polars or
numpy (the xlsx module imports openpyxl when it runs).

Where the signature goes: the JSONL first bead (``"signature"`` key) and the TMX header
(``x-tawazi-signature`` prop), the XLIFF file's metadata. Beads, TSV, xlsx and Moses files
have no room for it without breaking the tools that read them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import OptionError, OutputError
from ..text.limits import Limits
from ..types import Alignment
from .atomic import atomic_write_bytes, atomic_write_text, atomic_write_texts
from .beads import render_beads
from .jsonl import read_jsonl, render_jsonl
from .moses import moses_paths, render_moses
from .options import WriteOptions
from .outputs import check_not_input
from .tmx import read_tmx, render_tmx
from .tsv import read_tsv, render_tsv
from .xliff import read_xliff, render_xliff2, render_xliff12
from .xlsx import read_xlsx, render_xlsx

__all__ = [
    "CORPUS_FORMATS",
    "EXTENSIONS",
    "READERS",
    "READER_EXTENSIONS",
    "READER_NAMES",
    "WRITERS",
    "Rendered",
    "WriteOptions",
    "check_write_options",
    "format_for_path",
    "output_files",
    "read_alignment",
    "reader_for_path",
    "write_alignment",
]

#: A rendered export: one text, bytes (xlsx), or (English, Arabic) for the two files of Moses.
Rendered = str | bytes | tuple[str, str]

WRITERS: dict[str, Callable[[Alignment, WriteOptions], Rendered]] = {
    "jsonl": render_jsonl,
    "tsv": render_tsv,
    "tmx": render_tmx,
    "moses": render_moses,
    "beads": render_beads,
    "xliff": render_xliff2,
    "xliff12": render_xliff12,
    "xlsx": render_xlsx,
}

#: The formats of a parallel corpus, which leave beads out (one-sided ones unless
#: ``include_unaligned``; ``one_to_one``, ``min_score``). The others are complete records.
CORPUS_FORMATS = frozenset({"tmx", "moses", "xliff", "xliff12"})

EXTENSIONS = {
    ".jsonl": "jsonl",
    ".tsv": "tsv",
    ".tmx": "tmx",
    ".pred": "beads",
    ".beads": "beads",
    ".txt": "moses",
    ".xliff": "xliff",
    ".xlf": "xliff",
    ".xlsx": "xlsx",
}

READERS: dict[str, Callable[[str | Path, Limits | None], Alignment]] = {
    "jsonl": read_jsonl,
    "tmx": read_tmx,
    "tsv": read_tsv,
    "xliff": read_xliff,
    "xlsx": read_xlsx,
}

READER_EXTENSIONS = {".jsonl": "jsonl", ".tmx": "tmx", ".tsv": "tsv", ".xliff": "xliff",
                     ".xlf": "xliff", ".xlsx": "xlsx"}
#: What the input of each reader is called in messages.
READER_NAMES = {"jsonl": "a tawazi JSONL alignment", "tmx": "a TMX translation memory",
                "tsv": "a TSV translation memory", "xliff": "an XLIFF file",
                "xlsx": "an xlsx review sheet"}


def _pick(
    path: str | Path,
    explicit: str | None,
    known: dict[str, str],
    names: list[str],
    what: str,
) -> str:
    choices = ", ".join(names)
    if explicit is not None:
        if explicit not in names:
            raise OptionError(f"unknown {what} format {explicit!r} (choose from {choices})")
        return explicit
    suffix = Path(path).suffix.lower()
    if suffix not in known:
        raise OptionError(
            f"cannot tell the {what} format of {str(path)!r} from its extension"
            f" ({', '.join(known)}); name the format ({choices})"
        )
    return known[suffix]


def format_for_path(path: str | Path, explicit: str | None) -> str:
    """The output format: ``explicit`` if given, else from the extension.

    >>> format_for_path("run/doc.pred", None), format_for_path("x.out", "tmx")
    ('beads', 'tmx')

    Raises:
        OptionError: an unknown format name, or an extension that names none.
    """
    return _pick(path, explicit, EXTENSIONS, list(WRITERS), "output")


def reader_for_path(path: str | Path, explicit: str | None) -> str:
    """The structured-input format: ``explicit`` if given, else from the extension."""
    return _pick(path, explicit, READER_EXTENSIONS, list(READERS), "input")


def read_alignment(path: str | Path, fmt: str | None = None,
                   limits: Limits | None = None) -> Alignment:
    """Read a translation memory (TMX, XLIFF, TSV) or an xlsx review sheet as an alignment,
    one bead per unit, refusing one over ``limits`` (bytes before reading, units before
    building the alignment)."""
    return READERS[reader_for_path(path, fmt)](path, limits)


def output_files(path: str | Path, fmt: str | None = None) -> list[Path]:
    """The files a write of ``fmt`` to ``path`` creates: Moses makes two (``moses_paths``).

    ``fmt=None`` takes the format of the extension, and an extension that names none gives
    ``path`` alone, so that a check of the files can run before the format is refused.

    >>> [str(p) for p in output_files("out.txt", None)]
    ['out.en.txt', 'out.ar.txt']

    Raises:
        OutputError: ``path`` is empty (``Path("")`` would quietly be the current folder).
    """
    if not str(path):
        raise OutputError("empty output path")
    if fmt is None:
        fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt == "moses":
        return list(moses_paths(path))
    return [Path(path)]


def check_write_options(fmt: str, opts: WriteOptions) -> None:
    """Refuse filters that ``fmt`` would ignore: they are for the formats of a parallel
    corpus (``CORPUS_FORMATS``); a complete record (JSONL, TSV, beads, xlsx) keeps every
    bead. (``include_unaligned`` is accepted everywhere: those formats hold one-sided beads
    anyway.)

    Raises:
        OptionError: ``one_to_one`` or ``min_score`` with another format.
    """
    if opts.excel and fmt != "tsv":
        raise OptionError(f"--excel is for TSV output, not {fmt}")
    if fmt in CORPUS_FORMATS:
        return
    given = [name for name, on in (("--only-1-1", opts.one_to_one),
                                   ("--min-score", opts.min_score is not None)) if on]
    if given:
        raise OptionError(f"{' and '.join(given)}: only TMX, XLIFF and Moses exports are "
                          f"filtered; {fmt} holds every bead")


def write_alignment(
    al: Alignment, path: str | Path, fmt: str, opts: WriteOptions | None = None
) -> list[Path]:
    """Render ``al`` as ``fmt`` and write it atomically; returns the files written.

    Moses writes two files next to ``path`` (see ``moses_paths``). Rendering happens before
    any file is opened, so an error while rendering leaves the disk as it was.

    Raises:
        OptionError: ``fmt`` is not a known format.
        OutputError: the file cannot be written, or it is the alignment's own input.
    """
    if fmt not in WRITERS:
        raise OptionError(f"unknown output format {fmt!r} (choose from {', '.join(WRITERS)})")
    files = output_files(path, fmt)
    # The callers check before their work starts; this is the guard for any that forgets.
    check_not_input(files, [d.path for d in (al.en_doc, al.ar_doc) if d.path])
    opts = opts or WriteOptions()
    check_write_options(fmt, opts)
    rendered = WRITERS[fmt](al, opts)
    if isinstance(rendered, str):
        atomic_write_text(path, rendered)
        return files
    if isinstance(rendered, bytes):
        atomic_write_bytes(path, rendered)
        return files
    en_path, ar_path = files
    atomic_write_texts({en_path: rendered[0], ar_path: rendered[1]})
    return files
