"""Align English and Arabic sentences.

Inputs: two files (English, Arabic), one bilingual file (an English block and an Arabic block),
or one TMX/TSV translation memory to re-check. Without ``-o`` the alignment is shown side by
side; with ``-o`` it is written in the format of the extension (``.jsonl``, ``.tsv``,
``.tmx``, ``.pred``/``.beads``, ``.txt`` = Moses) or of ``--format``. ``--manifest FILE``
aligns every row of a TSV with header ``en ar out`` (optionally ``name``; paths relative to
the manifest), one process per core, showing progress as ``tawazi batch`` does; the exit
status is 1 when a row could not be aligned. Missing output folders are created. Before any
work, a manifest is refused (exit 2) if two rows write the same file (Moses writes two per
row), if a row writes another row's input, or if an output resolves outside the manifest's
folder (``..``, an absolute path, a symlink) without ``--allow-outside``. When the two texts
do not look like translations of each other (the document verdict is not ``parallel``), one
``warning:`` line on stderr says so and why; with ``--manifest``, one such line per row, with
the row's name, and their count on the last line.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .common import view_width

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..batch.run import DocResult
    from ..config import AlignConfig
    from ..formats import WriteOptions
    from ..text.limits import Limits
    from ..types import Alignment

HELP = "align sentences of an English and an Arabic text"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..formats import WRITERS
    from .common import add_limit_arguments

    p.add_argument("files", nargs="*", metavar="FILE",
                   help="EN AR, or one bilingual file, or one .tmx/.tsv/.xlf/.xlsx to "
                   "re-check; - is standard input")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write the alignment to OUT (- for standard output)")
    p.add_argument("--format", choices=list(WRITERS),
                   help="output format (default: from the extension of OUT)")
    p.add_argument("--presplit", action="store_true",
                   help="inputs are one sentence per line; lines are taken as they are")
    p.add_argument("--manifest", metavar="FILE",
                   help="TSV with header 'en ar out': align every pair, one process per core")
    p.add_argument("--jobs", type=int, default=0,
                   help="processes for --manifest (default: one per core)")
    p.add_argument("--allow-outside", action="store_true",
                   help="--manifest: let outputs resolve outside the manifest's folder "
                   "('..', absolute paths, symlinks); refused without it")
    p.add_argument("--include-unaligned", action="store_true",
                   help="TMX/XLIFF/Moses: also export one-sided beads")
    _add_export_arguments(p)
    p.add_argument("--band", type=int, default=None, metavar="N",
                   help="half width of the search band for long documents (sentences)")
    p.add_argument("--realign", action="store_true",
                   help="TMX/TSV input: align the segments afresh instead of keeping the units")
    add_limit_arguments(p)
    p.add_argument("--bidi", choices=("auto", "visual", "logical"), default="auto",
                   help="order of Arabic on the terminal view (auto: visual on a terminal)")
    p.add_argument("--width", type=view_width, default=0,
                   help="terminal view width, 20 to 1000 (default: the terminal's)")


def _add_export_arguments(p: argparse.ArgumentParser) -> None:
    from .common import add_excel_argument

    g = p.add_argument_group("exports (TMX, XLIFF, Moses, TSV)")
    g.add_argument("--srclang", choices=("en", "ar"), default="en",
                   help="TMX/XLIFF: the source language (default en)")
    g.add_argument("--en-locale", default="en", metavar="TAG",
                   help="language tag of the English side, e.g. en-GB (default en)")
    g.add_argument("--ar-locale", default="ar", metavar="TAG",
                   help="language tag of the Arabic side, e.g. ar-SA (default ar)")
    g.add_argument("--only-1-1", action="store_true", dest="one_to_one",
                   help="TMX/XLIFF/Moses: export only 1-1 beads")
    g.add_argument("--min-score", type=float, default=None, metavar="X",
                   help="TMX/XLIFF/Moses: export only beads scoring at least X (0 to 1)")
    g.add_argument("--creation-date", metavar="WHEN",
                   help="TMX: creationdate, 'now' or an ISO date (default: none)")
    g.add_argument("--creation-id", metavar="NAME", help="TMX: creationid (default: none)")
    add_excel_argument(g, "TSV (-o x.tsv, and the .tsv rows of --manifest)")


def write_options(args: argparse.Namespace) -> WriteOptions:
    """The export options of the command line; impossible combinations fail here, before
    any input is read."""
    from ..formats import WriteOptions
    from ..formats.options import creation_date

    return WriteOptions(
        include_unaligned=args.include_unaligned, srclang=args.srclang,
        en_locale=args.en_locale, ar_locale=args.ar_locale, one_to_one=args.one_to_one,
        min_score=args.min_score, excel=args.excel,
        creation_date=creation_date(args.creation_date) if args.creation_date else None,
        creation_id=args.creation_id,
    )


def _config(args: argparse.Namespace) -> AlignConfig:
    from ..config import AlignConfig

    if args.band is not None:
        return AlignConfig(half_width=args.band)
    return AlignConfig()


def run(args: argparse.Namespace) -> int:
    from ..errors import OptionError
    from .common import limits_of

    limits = limits_of(args)
    if args.manifest:
        if args.files or args.output is not None:
            raise OptionError("--manifest takes no input files and no -o (outputs are in it)")
        return _manifest(args, limits)
    if args.allow_outside:
        raise OptionError("--allow-outside is for --manifest (-o is written where it says)")
    if not args.files:
        raise OptionError("give two files (English, Arabic), one bilingual file, or --manifest")
    if args.format == "moses" and args.output in (None, "-"):
        raise OptionError("--format moses writes two files: give -o OUT")
    if len(args.files) > 2:
        raise OptionError(f"expected at most two input files, got {len(args.files)}")
    config = _config(args)
    opts = write_options(args)
    fmt = _output_format(args, opts)
    al = align_inputs(args.files, config, presplit=args.presplit, realign=args.realign,
                      limits=limits)
    from ..pipeline import collector_paused

    return collector_paused(_emit)(args, al, fmt, opts)


def _emit(args: argparse.Namespace, al: Alignment, fmt: str | None, opts: WriteOptions
          ) -> int:
    """The verdict warning, then the alignment written or shown. ``run`` calls it with the
    cycle collector paused: writing makes many small objects and no cycles, and every
    collection they trigger walks the lexicon and the per-word memos still alive (about
    0.08 CPU s of a 2,000-sentence run)."""
    warn_verdict(al)
    if fmt is not None and args.output in (None, "-"):
        from ..formats import WRITERS

        _to_stdout(WRITERS[fmt](al, opts))
        return 0
    if fmt is not None:
        from ..formats import write_alignment

        for path in write_alignment(al, args.output, fmt, opts):
            print(f"tawazi: wrote {path} ({len(al.beads)} beads)", file=sys.stderr)
        return 0
    from .common import side_by_side, terminal_width, use_visual_order

    width = args.width or terminal_width()
    sys.stdout.write(side_by_side(al, width, use_visual_order(args.bidi)))
    sys.stdout.write(summary(al) + "\n")
    return 0


def _to_stdout(rendered: str | bytes | tuple[str, str]) -> None:
    if isinstance(rendered, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered)
        return
    sys.stdout.write(rendered if isinstance(rendered, str) else rendered[0])


def _output_format(args: argparse.Namespace, opts: WriteOptions) -> str | None:
    """The format of ``-o`` or ``--format`` (``None``: the terminal view), after checking
    its files and options: before any reading or aligning, a path that cannot be written,
    or that is one of the inputs (for Moses, ``-o a.txt`` writes ``a.en.txt`` and
    ``a.ar.txt``), or a filter the format would ignore, is refused. ``-o -`` is standard
    output and needs ``--format``."""
    from ..errors import OptionError, OutputError
    from ..formats import check_write_options, format_for_path, output_files
    from ..formats.outputs import STDOUT, check_outputs

    if args.output is None or args.output == STDOUT:
        if args.output == STDOUT and not args.format:
            raise OptionError("-o - writes to standard output: name the format (--format)")
        if args.format:
            check_write_options(args.format, opts)
        elif opts.filters or opts.excel:
            raise OptionError("export options need -o OUT or --format")
        chosen: str | None = args.format
        return chosen
    if not args.output:
        raise OutputError("empty output path")
    fmt = format_for_path(args.output, args.format)
    check_write_options(fmt, opts)
    check_outputs(output_files(args.output, fmt), args.files)
    return fmt


def checked_output(output: str | None, explicit: str | None, inputs: list[str]) -> str | None:
    """The format of ``-o`` (``None`` without it) for a command that writes a file only
    (``demo``), after the same checks as ``align -o``, before any work."""
    from ..errors import OutputError
    from ..formats import format_for_path, output_files
    from ..formats.outputs import check_outputs

    if output is None:
        return None
    if not output:
        raise OutputError("empty output path")
    fmt = format_for_path(output, explicit)
    check_outputs(output_files(output, fmt), inputs)
    return fmt


def _manifest(args: argparse.Namespace, limits: Limits) -> int:
    """Every row of the manifest: problems first, then progress, then a count."""
    from ..batch.align_runs import align_outputs, find_output_jobs
    from ..batch.pool import worker_count
    from .common import check_excel_rows, check_filtered_rows
    from .progress import Progress

    worker_count(args.jobs, 1)  # a bad --jobs fails before any work
    opts = write_options(args)
    jobs, problems = find_output_jobs(args.manifest, allow_outside=args.allow_outside)
    if args.excel:
        check_excel_rows(args.manifest, [j.out for j in jobs])
    if opts.filters:
        check_filtered_rows(args.manifest, [j.out for j in jobs])
    for msg in problems:
        print(f"tawazi: error: {msg}", file=sys.stderr)
    progress = Progress(sys.stderr, sys.stderr.isatty(), unit="pairs")
    results = align_outputs(jobs, _config(args), presplit=args.presplit, options=opts,
                            workers=args.jobs, progress=progress, limits=limits)
    done = sum(1 for r in results if r.path is not None)
    counts = warn_not_parallel(r for r in results if r.path is not None)
    print(f"tawazi: aligned {done} of {len(jobs) + len(problems)} pairs{counts}",
          file=sys.stderr)
    return 0 if done == len(jobs) and not problems else 1


def align_inputs(
    files: list[str],
    config: AlignConfig,
    *,
    presplit: bool,
    realign: bool = False,
    limits: Limits | None = None,
) -> Alignment:
    """Read the inputs as the user gave them and align (or re-check) them, refusing any
    over ``limits`` (the same for every kind of input)."""
    from ..pipeline import align_pair, recheck
    from ..text.limits import Limits
    from .common import is_structured, read_documents, report_inputs

    limits = limits or Limits()

    if len(files) == 1 and is_structured(files[0]):
        from ..formats import read_alignment

        al = read_alignment(files[0], limits=limits)
        if realign:
            return align_pair(al.en_doc, al.ar_doc, config, limits=limits)
        return recheck(al, config)
    en, ar = read_documents(files, presplit, limits.max_bytes)
    report_inputs((en, ar))
    return align_pair(en, ar, config, limits=limits)


def warn_verdict(al: Alignment) -> None:
    """One ``warning:`` line on stderr when the two texts do not look like translations of
    each other (``quality.verdict``): the alignment is still written, since a partly parallel
    pair has good beads, but a user must not take it for a parallel text."""
    from ..quality.verdict import document_verdict

    verdict = document_verdict(al)
    if not verdict.parallel:
        print(f"tawazi: warning: not a parallel text, verdict {verdict.describe()}",
              file=sys.stderr)


def warn_not_parallel(results: Iterable[DocResult]) -> str:
    """One ``warning:`` line per document of a run whose verdict is not ``parallel`` (its
    name and the evidence, as ``warn_verdict`` says it for one), and the count for the
    run's last line: ``; 2 not parallel (comparable 1, unrelated 1)``, or ``""`` when every
    document is parallel."""
    from collections import Counter

    labels: Counter[str] = Counter()
    for res in results:
        if res.verdict and res.verdict != "parallel":
            labels[res.verdict] += 1
            print(f"tawazi: warning: {res.name}: not a parallel text, verdict "
                  f"{res.verdict_evidence or res.verdict}", file=sys.stderr)
    if not labels:
        return ""
    from ..quality.verdict import VERDICTS

    parts = ", ".join(f"{v} {labels[v]}" for v in VERDICTS if labels[v])
    return f"; {sum(labels.values())} not parallel ({parts})"


def summary(al: Alignment) -> str:
    """One line: sentence and bead counts by type."""
    from collections import Counter

    types = Counter(b.type for b in al.beads)
    parts = ", ".join(f"{t}: {c}" for t, c in sorted(types.items(), key=lambda x: -x[1]))
    return (f"{len(al.en_sents)} English and {len(al.ar_sents)} Arabic sentences in "
            f"{len(al.beads)} beads ({parts})")
