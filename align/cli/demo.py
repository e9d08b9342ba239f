"""Align the bundled sample (seed 002, an Al Mayadeen article in English and Arabic, one
bilingual file) and show it side by side."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import view_width

HELP = "align the bundled sample article and show it side by side"


def sample_path() -> Path:
    """Seed 002 in the source tree, or its copy inside the installed package."""
    here = Path(__file__).resolve().parent.parent
    for base in (here.parent / "seeds", here / "_seeds"):
        found = sorted(base.glob("002_*.txt"))
        if found:
            return found[0]
    from ..errors import InputError

    raise InputError("the bundled sample (seeds/002_*.txt) is missing from this install")


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .common import add_excel_argument

    p.add_argument("-o", "--output", metavar="OUT",
                   help="also write the alignment to OUT (format from the extension)")
    p.add_argument("--bidi", choices=("auto", "visual", "logical"), default="auto",
                   help="order of Arabic on the terminal view (auto: visual on a terminal)")
    p.add_argument("--width", type=view_width, default=0, help="view width (default: auto)")
    add_excel_argument(p, "-o x.tsv")


def run(args: argparse.Namespace) -> int:
    from ..config import AlignConfig
    from ..errors import OptionError
    from ..formats import WriteOptions, check_write_options
    from .align_cmd import align_inputs, checked_output, summary
    from .common import side_by_side, terminal_width, use_visual_order

    path = sample_path()
    # Before the work: a bad -o used to fail only after the whole view was printed.
    fmt = checked_output(args.output, None, [str(path)])
    opts = WriteOptions(excel=args.excel)
    if fmt is None and args.excel:
        raise OptionError("--excel is for TSV output: give -o OUT.tsv")
    if fmt is not None:
        check_write_options(fmt, opts)
    print(f"tawazi demo: aligning {path.name} (English block, then Arabic block)",
          file=sys.stderr)
    al = align_inputs([str(path)], AlignConfig(), presplit=False)
    width = args.width or terminal_width()
    sys.stdout.write(side_by_side(al, width, use_visual_order(args.bidi)))
    sys.stdout.write(summary(al) + "\n")
    if fmt is not None:
        from ..formats import write_alignment

        for written in write_alignment(al, args.output, fmt, opts):
            print(f"tawazi: wrote {written}", file=sys.stderr)
    return 0
