"""Find the sentences of two comparable documents that translate each other.

Comparable documents (two outlets' reports of one event, a press release and an article
quoting it) share a few translated or closely paraphrased sentences in any order, among many
that have no counterpart. ``tawazi mine`` finds them without a monotone alignment: pairs of
sentences, and one sentence against two adjacent ones, anywhere in the two texts, each with a
score in [0, 1] (the mining probability less a margin against the sentence's other
candidates) and the fidelity flags of the pair. Output: TSV on standard output, or ``-o``
as ``.tsv``, ``.jsonl`` or ``.tmx`` (best pair first). With ``--presplit`` the TSV gives
0-based line numbers (``en_line ar_line``), otherwise character offsets into the file
(``en_start en_end ar_start ar_end``). ``--manifest FILE`` mines every row of a TSV with
header ``en ar out`` (as ``align --manifest``: paths relative to it, one process per core,
outputs checked before any work; exit status 1 when a row failed).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..types import Document

HELP = "find translated sentence pairs in comparable (not parallel) texts"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..mine.types import MineConfig
    from ..mine.write import MINE_WRITERS
    from .common import add_excel_argument, add_limit_arguments

    p.add_argument("files", nargs="*", metavar="FILE",
                   help="EN AR (either may be a bilingual file: its block of that language "
                   "is used), or one bilingual file")
    p.add_argument("-o", "--output", metavar="OUT", help="write the pairs to OUT")
    p.add_argument("--format", choices=tuple(MINE_WRITERS),
                   help="output format (default: from the extension of OUT; TSV on stdout)")
    p.add_argument("--presplit", action="store_true",
                   help="inputs are one sentence per line; lines are taken as they are")
    p.add_argument("--min-score", type=float, default=MineConfig().min_score, metavar="S",
                   help=f"report pairs scoring at least S (default {MineConfig().min_score:g})")
    p.add_argument("--manifest", metavar="FILE",
                   help="TSV with header 'en ar out': mine every pair, one process per core")
    p.add_argument("--jobs", type=int, default=0,
                   help="processes for --manifest (default: one per core)")
    p.add_argument("--allow-outside", action="store_true",
                   help="--manifest: let outputs resolve outside the manifest's folder")
    add_excel_argument(p, "TSV (standard output, -o x.tsv, the .tsv rows of --manifest)")
    add_limit_arguments(p)


def _manifest(args: argparse.Namespace) -> int:
    """Every row of the manifest, as ``align --manifest`` does it."""
    from ..batch.align_runs import find_output_jobs
    from ..batch.mine_runs import mine_outputs
    from ..batch.pool import worker_count
    from ..mine.types import MineConfig
    from .common import check_excel_rows, limits_of
    from .progress import Progress

    config = MineConfig(min_score=args.min_score)
    limits = limits_of(args)
    worker_count(args.jobs, 1)
    jobs, problems = find_output_jobs(args.manifest, allow_outside=args.allow_outside)
    if args.excel:
        check_excel_rows(args.manifest, [j.out for j in jobs])
    for msg in problems:
        print(f"tawazi: error: {msg}", file=sys.stderr)
    progress = Progress(sys.stderr, sys.stderr.isatty(), unit="pairs")
    results = mine_outputs(jobs, config, presplit=args.presplit, workers=args.jobs,
                           progress=progress, limits=limits, excel=args.excel)
    done = sum(1 for r in results if r.path is not None)
    print(f"tawazi: mined {done} of {len(jobs) + len(problems)} pairs of documents",
          file=sys.stderr)
    return 0 if done == len(jobs) and not problems else 1


def _check_options(args: argparse.Namespace) -> None:
    """Options that cannot work together, before any file is read."""
    from ..errors import OptionError

    if args.allow_outside:
        raise OptionError("--allow-outside is for --manifest (-o is written where it says)")
    if not args.files:
        raise OptionError("give two files (English, Arabic), one bilingual file, or --manifest")
    if len(args.files) > 2:
        raise OptionError(f"expected at most two input files, got {len(args.files)}")


def _read(args: argparse.Namespace, max_bytes: int) -> tuple[Document, Document]:
    from .common import read_documents, report_inputs

    if len(args.files) == 2:
        from ..mine.read import read_comparable

        en, ar = read_comparable(*args.files, presplit=args.presplit, max_bytes=max_bytes)
    else:
        en, ar = read_documents(args.files, args.presplit, max_bytes)
    report_inputs((en, ar))
    return en, ar


def run(args: argparse.Namespace) -> int:
    from ..errors import OptionError, OutputError
    from ..formats.tsv import for_excel
    from ..mine.search import mine_sentences
    from ..mine.types import MineConfig
    from ..mine.write import MINE_WRITERS, mine_format
    from ..text.segment import split_document
    from .common import limits_of

    config = MineConfig(min_score=args.min_score)
    limits = limits_of(args)
    if args.manifest:
        if args.files or args.output is not None:
            raise OptionError("--manifest takes no input files and no -o (outputs are in it)")
        return _manifest(args)
    _check_options(args)
    fmt = mine_format(args.output, args.format)
    if args.excel and fmt != "tsv":
        raise OptionError(f"--excel is for TSV output, not {fmt}")
    if args.output is not None:
        from ..formats.outputs import check_outputs

        if not args.output:
            raise OutputError("empty output path")
        check_outputs([args.output], args.files)
    en, ar = _read(args, limits.max_bytes)
    en_sents, ar_sents = split_document(en), split_document(ar)
    limits.check_sentences(len(en_sents), "en", en.path)
    limits.check_sentences(len(ar_sents), "ar", ar.path)
    mining = mine_sentences(en, ar, en_sents, ar_sents, config)
    text = for_excel(MINE_WRITERS[fmt](mining), args.excel)
    if args.output is None:
        sys.stdout.write(text)
    else:
        from ..formats.atomic import atomic_write_text

        atomic_write_text(args.output, text)
        print(f"tawazi: wrote {args.output} ({len(mining.pairs)} pairs)", file=sys.stderr)
    print(f"tawazi: {len(mining.pairs)} pairs among {len(en_sents)} English and "
          f"{len(ar_sents)} Arabic sentences", file=sys.stderr)
    return 0
