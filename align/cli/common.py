"""Helpers shared by the subcommands: reading inputs, reporting, terminal views."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import OptionError
from ..text.limits import MAX_MB, MAX_SENTENCES, Limits
from ..types import Alignment, Clutter, Document


def add_limit_arguments(p: argparse.ArgumentParser) -> None:
    """``--max-mb`` and ``--max-sentences``, the same for every command that reads inputs."""
    p.add_argument("--max-mb", type=float, default=MAX_MB, metavar="MB",
                   help=f"refuse an input file larger than this (default {MAX_MB:g} MB)")
    p.add_argument("--max-sentences", type=int, default=MAX_SENTENCES, metavar="N",
                   help=f"refuse an input with more sentences on one side (default "
                   f"{MAX_SENTENCES:,}; alignment memory grows with the count)")


def add_excel_argument(p: argparse.ArgumentParser | argparse._ArgumentGroup, what: str) -> None:
    """``--excel``, one meaning in every command that writes a table (``formats.tsv.for_excel``):
    a UTF-8 byte-order mark first, without which Excel shows Arabic as mojibake."""
    p.add_argument("--excel", action="store_true",
                   help=f"{what}: start with a UTF-8 byte-order mark, so that Excel shows Arabic")


def check_excel_rows(manifest: str, outs: Sequence[Path]) -> None:
    """``--excel`` with a manifest applies to the rows that write TSV; a manifest with none is
    refused before any work rather than the option silently doing nothing."""
    if not any(Path(out).suffix.lower() == ".tsv" for out in outs):
        raise OptionError(f"--excel is for TSV output: no row of {manifest} writes a .tsv file")


def check_filtered_rows(manifest: str, outs: Sequence[Path]) -> None:
    """``--only-1-1`` and ``--min-score`` with a manifest filter the rows that write TMX,
    XLIFF or Moses (the other formats hold every bead); a manifest with none of them is
    refused before any work, and otherwise a note says which rows keep every bead."""
    from ..formats import CORPUS_FORMATS, format_for_path

    kept = 0
    for out in outs:
        try:
            kept += format_for_path(out, None) not in CORPUS_FORMATS
        except OptionError:
            kept += 1  # an unknown extension fails on its own row
    if kept == len(outs):
        raise OptionError(f"--only-1-1 and --min-score filter TMX, XLIFF and Moses exports: "
                          f"no row of {manifest} writes one")
    if kept:
        print(f"tawazi: note: the filters apply to the {len(outs) - kept} TMX/XLIFF/Moses "
              f"rows; the other {kept} rows keep every bead", file=sys.stderr)


def limits_of(args: argparse.Namespace) -> Limits:
    """The ``Limits`` of ``add_limit_arguments``' options; a bad value fails at once."""
    return Limits.from_mb(args.max_mb, args.max_sentences)


def print_notes(notes: Sequence[str]) -> None:
    """Each note as a ``tawazi: note:`` line on stderr."""
    for note in notes:
        print(f"tawazi: note: {note}", file=sys.stderr)


def report_clutter(path: str, text: str, clutter: Sequence[Clutter]) -> None:
    """One note per span left out as web clutter: nothing is dropped silently."""
    from ..text.notes import clutter_notes

    print_notes(clutter_notes(path, text, clutter))


def note_extracted(path: str, text: str, source: str) -> None:
    """A note that an input's text was extracted (``text.notes.extracted_note``)."""
    from ..text.notes import extracted_note

    note = extracted_note(path, text, source)
    print_notes([note] if note else [])


def report_inputs(docs: Sequence[Document]) -> None:
    """The notes of the documents of one pair (``text.notes.input_notes``)."""
    from ..text.notes import input_notes

    print_notes(input_notes(docs))


def read_documents(
    paths: Sequence[str], presplit: bool, max_bytes: int = Limits().max_bytes
) -> tuple[Document, Document]:
    """Two files (English, Arabic) or one bilingual file."""
    from ..text.readers import read_bilingual, read_pair

    if list(paths).count("-") > 1:
        raise OptionError("only one input can be standard input (-)")
    if len(paths) == 2:
        return read_pair(paths[0], paths[1], presplit=presplit, max_bytes=max_bytes)
    if len(paths) == 1:
        return read_bilingual(paths[0], presplit=presplit, max_bytes=max_bytes)
    raise OptionError("give two files (English, Arabic) or one bilingual file")


def is_structured(path: str) -> bool:
    """TMX, TSV, XLIFF, xlsx or JSONL input: an existing translation memory, review sheet
    or alignment (by its extension), which ``align`` reads as one and re-checks."""
    return structured_name(path) is not None


def structured_name(path: str) -> str | None:
    """What a structured input (``is_structured``) is called in messages, as ``a TMX
    translation memory``; ``None`` for any other input."""
    from ..formats import READER_EXTENSIONS, READER_NAMES

    fmt = READER_EXTENSIONS.get(Path(path).suffix.lower())
    return None if fmt is None else READER_NAMES[fmt]


#: Widths the side-by-side view is laid out at: narrower leaves no room for the text, wider
#: only pads lines with blanks (and a huge ``--width`` would build huge strings).
MIN_WIDTH, MAX_WIDTH = 20, 1000


def view_width(text: str) -> int:
    """``--width``: 0 (the terminal's) or a width from ``MIN_WIDTH`` to ``MAX_WIDTH``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value != 0 and not MIN_WIDTH <= value <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(
            f"{value} is not a view width: 0 (the terminal's) or {MIN_WIDTH} to {MAX_WIDTH}")
    return value


def terminal_width(default: int = 100) -> int:
    """The terminal's width, kept within the widths the view is laid out at."""
    columns = shutil.get_terminal_size((default, 24)).columns
    return min(MAX_WIDTH, max(MIN_WIDTH, columns))


def use_visual_order(mode: str) -> bool:
    """``auto``: reorder Arabic for display when writing to a terminal (most terminals do no
    bidi of their own); logical order in pipes and files, where other programs read it."""
    if mode == "auto":
        env = os.environ.get("TAWAZI_BIDI", "")
        if env in ("visual", "logical"):
            return env == "visual"
        return sys.stdout.isatty()
    return mode == "visual"


#: Cells of the head column before the text: ``   4 1-2  0.83`` and a gap of two.
HEAD_CELLS = 16


def side_by_side(al: Alignment, width: int, visual_order: bool) -> str:
    """A readable side-by-side view: bead number, type, score, English | Arabic.

    Every flag of a bead gets a line of its own under the bead's number, and the head column
    is as wide as the longest flag code plus a gap, so that a flag is never cut and never
    runs into the English (``length-outlier`` next to the text, not ``length-outlrental``),
    whatever ``width`` is; the text columns take what is left.
    """
    from ..review.display import layout

    codes = [c for b in al.beads for c in b.flag_codes]
    head_w = max(HEAD_CELLS, 1 + max(map(len, codes), default=0) + 2)
    col = max(10, (width - head_w - 3) // 2)
    lines: list[str] = []
    for k, bead in enumerate(al.beads, 1):
        en = layout(al.bead_text(bead, "en"), col, rtl=False, visual_order=visual_order)
        ar = layout(al.bead_text(bead, "ar"), col, rtl=True, visual_order=visual_order)
        heads = [f"{k:>4} {bead.type:<4}{bead.score:5.2f}", *(f" {c}" for c in bead.flag_codes)]
        rows = max(len(en), len(ar), len(heads))
        en += [" " * col] * (rows - len(en))
        ar += [" " * col] * (rows - len(ar))
        heads += [""] * (rows - len(heads))
        for r in range(rows):
            lines.append(f"{heads[r].ljust(head_w)}{en[r]} │ {ar[r]}".rstrip())
        lines.append("")
    return "\n".join(lines)
