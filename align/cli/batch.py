"""Align and score many document pairs and write a quality report.

``MANIFEST_OR_DIR``: a directory, whose files are paired by name (``x.en.txt`` with
``x.ar.txt``, or ``x.en`` with ``x.ar``), or a TSV manifest with header columns ``en`` and
``ar`` (and optionally ``name``; an ``out`` column, as ``tawazi align --manifest`` reads it,
is ignored), paths relative to it.

``-o REPORT.parquet`` (or ``.tsv``, ``.csv``) writes two tables: ``REPORT.parquet``, one row
per bead (document, bead type, offsets, score, flags, texts), and ``REPORT.docs.parquet``,
one row per document (bead-type counts, mean and minimum score, beads scoring below 0.5, flag
counts, omission rate, unaligned sentences, status, the document verdict and its evidence).
A short summary, worst documents first, is printed, then one ``warning:`` line per document
whose verdict is not ``parallel`` and their count.

One process per core (``--jobs``), or a Dask cluster (``--cluster local:N`` or
``--cluster tcp://HOST:8786``, with the ``cluster`` extra). The source is streamed, and the
results are kept in ``REPORT.parquet.work/`` in chunks as documents finish: a re-run skips
documents already done whose inputs have not changed, so an interrupted run resumes.
Ctrl-C stops at once (exit status 130), the workers with it. A failing document is
reported and the others go on; the exit status is then 1.

``--mine``: the documents are comparable, not parallel; each pair is mined as ``tawazi mine``
does, and the bead table holds one row per mined pair (``score``: the mining score), so the
document table counts pairs by type with their scores and flags.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..batch.sources import DocJob
    from ..mine.types import MineConfig

HELP = "align and score many document pairs; write a per-bead and per-document report"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .common import add_excel_argument, add_limit_arguments

    p.add_argument("source", metavar="MANIFEST_OR_DIR",
                   help="directory of x.en.txt/x.ar.txt (or x.en/x.ar) files, or manifest TSV")
    p.add_argument("-o", "--output", required=True, metavar="REPORT",
                   help="report path: .parquet, .tsv or .csv (documents go to REPORT.docs.*)")
    p.add_argument("--jobs", type=int, default=0, help="processes (default: one per core)")
    p.add_argument("--cluster", metavar="SPEC", default=None,
                   help="run on Dask instead of local processes: local:N (N worker "
                        "processes here) or a scheduler address tcp://HOST:8786; needs the "
                        "'cluster' extra")
    p.add_argument("--presplit", action="store_true",
                   help="inputs are one sentence per line (prefers x.en/x.ar in a directory)")
    p.add_argument("--band", type=int, default=None, metavar="N",
                   help="half width of the search band for long documents (sentences)")
    p.add_argument("--top", type=int, default=10, help="documents shown in the summary")
    p.add_argument("--mine", action="store_true",
                   help="comparable documents: mine translated pairs (as 'tawazi mine'), "
                        "one report row per pair")
    p.add_argument("--min-score", type=float, default=None, metavar="S",
                   help="--mine: report pairs scoring at least S (default as 'tawazi mine')")
    add_excel_argument(p, "a .tsv or .csv report (both tables)")
    add_limit_arguments(p)


def run(args: argparse.Namespace) -> int:
    from ..batch.report import report_paths
    from ..batch.run import (
        make_work_folder,
        run_batch,
        work_folder,
        write_batch_report,
    )
    from ..config import AlignConfig
    from ..errors import OptionError
    from ..formats.outputs import check_outputs
    from .align_cmd import warn_not_parallel
    from .common import limits_of
    from .progress import Progress

    if args.jobs < 0:
        raise OptionError("--jobs must be 0 (one per core) or more")
    if args.top < 0:
        raise OptionError("--top must be 0 or more")
    if args.excel and Path(args.output).suffix.lower() not in (".tsv", ".csv"):
        raise OptionError("--excel is for a .tsv or .csv report, not "
                          f"{Path(args.output).suffix or 'one without an extension'}")
    _check_cluster(args)
    mine = _mine_config(args)
    limits = limits_of(args)
    config = AlignConfig(half_width=args.band) if args.band is not None else AlignConfig()
    check_outputs(report_paths(args.output), [args.source])  # the work folder goes next to them
    total, problems = _survey(args.source, args.presplit)
    make_work_folder(args.output)  # before any problem is shown: a taken name stops the run
    for msg in problems:
        print(f"tawazi: error: {msg}", file=sys.stderr)
    progress = Progress(sys.stderr, sys.stderr.isatty())
    result = run_batch(_jobs(args.source, args.presplit), args.output, config,
                       presplit=args.presplit, workers=args.jobs, progress=progress,
                       limits=limits, mine=mine, cluster=args.cluster, total=total)
    if progress.skipped:
        print(f"tawazi: {progress.skipped} document(s) already done, skipped "
              f"(results in {work_folder(args.output)})", file=sys.stderr)
    bead_path, doc_path, worst, not_parallel = write_batch_report(result, args.output,
                                                                  args.top, excel=args.excel)
    _summary(worst, result.total, len(result.failed), "mined" if mine else "aligned")
    counts = warn_not_parallel(not_parallel)
    print(f"tawazi: wrote {bead_path} and {doc_path}", file=sys.stderr)
    if counts:
        print(f"tawazi: {result.total} documents{counts}", file=sys.stderr)
    failures = len(result.failed) + len(problems)
    if failures:
        print(f"tawazi: {failures} document(s) could not be {'mined' if mine else 'aligned'}",
              file=sys.stderr)
    return 1 if failures else 0


def _check_cluster(args: argparse.Namespace) -> None:
    """A bad ``--cluster``, or one without dask installed, fails before any work."""
    from ..errors import OptionError

    if args.cluster is None:
        return
    from ..batch.cluster import check_cluster_available, parse_cluster

    parse_cluster(args.cluster)
    if args.jobs:
        raise OptionError("--jobs is for the local pool; with --cluster the cluster's "
                          "workers run the documents")
    check_cluster_available()


def _survey(source: str, presplit: bool) -> tuple[int, list[str]]:
    """A first pass over the source: how many documents (for the progress bar) and the
    problems, shown before any work as they always were. Streamed, like the run itself;
    the problems are kept, one line each, since a run shows them all."""
    from ..batch.sources import Problem, iter_jobs

    total, problems = 0, []
    for item in iter_jobs(source, presplit):
        if isinstance(item, Problem):
            problems.append(item.message)
        else:
            total += 1
    return total, problems


def _jobs(source: str, presplit: bool) -> Iterator[DocJob]:
    """The documents of the source, streamed for the run (problems were shown already)."""
    from ..batch.sources import DocJob, iter_jobs

    return (item for item in iter_jobs(source, presplit) if isinstance(item, DocJob))


def _mine_config(args: argparse.Namespace) -> MineConfig | None:
    """The mining settings of ``--mine`` (``None`` without it); a bad value fails at once."""
    from ..errors import OptionError
    from ..mine.types import MineConfig

    if not args.mine:
        if args.min_score is not None:
            raise OptionError("--min-score is for --mine")
        return None
    if args.band is not None:
        raise OptionError("--band is for alignment, not --mine")
    return MineConfig() if args.min_score is None else MineConfig(min_score=args.min_score)


def _summary(worst: list[dict[str, object]], total: int, failed: int,
             done: str = "aligned") -> None:
    """A few lines on stdout: the worst documents first (``done``: what happened to the
    documents that did not fail, ``aligned`` or ``mined``; a mined pair's beads are pairs)."""
    from ..batch.report import sql_name
    from ..quality.fidelity import FLAG_CODES

    print(f"{total} documents, {total - failed} {done}, {failed} failed; worst first:")
    print(f"{'document':40} {'beads':>6} {'mean':>5} {'min':>5} {'<0.5':>5} {'omit%':>6}  flags")
    for row in worst:
        name = str(row["doc"])
        name = name if len(name) <= 40 else "…" + name[-39:]
        if row["status"] != "ok":
            print(f"{name:40} failed: {row['error']}")
            continue
        flags = ", ".join(f"{c} {row[sql_name(f'flag_{c}')]}" for c in FLAG_CODES
                          if row.get(sql_name(f"flag_{c}")))
        verdict = row.get("verdict")
        if verdict and verdict != "parallel":  # not translations: say so before the flags
            flags = f"verdict {verdict}" + (f"; {flags}" if flags else "")
        omit = row.get("omission_rate")
        omit_s = f"{100 * omit:.1f}" if isinstance(omit, float) else "-"
        print(f"{name:40} {_num(row, 'beads', '>6')} {_num(row, 'mean_score', '>5.2f')} "
              f"{_num(row, 'min_score', '>5.2f')} {_num(row, 'low_score_beads', '>5')} "
              f"{omit_s:>6}  {flags}")


def _num(row: dict[str, object], key: str, fmt: str) -> str:
    value = row.get(key)
    return format(value, fmt) if isinstance(value, (int, float)) else "-"
