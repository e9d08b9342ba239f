"""``tawazi align --manifest``: every row of a manifest aligned to its own output file.

A thin client of the batch machinery: the rows come from the one manifest reader
(``manifest.py``; columns ``en``, ``ar``, ``out`` and optionally ``name``), the work is done
by the one worker pool (``pool.py``), so a row that fails, for bad input or for a bug, is
reported and the others go on, and each result is a ``DocResult`` given to the same progress
callback as ``tawazi batch``'s. Each output is written atomically in the format of its
extension, so a failure or a kill never leaves a partial file. Unlike ``tawazi batch``,
nothing is kept between runs: the output files are the result.

Nothing here prints; the caller (``cli/align_cmd.py``) shows progress and problems.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import AlignConfig
from ..errors import FormatError, OutputError
from ..text.limits import Limits
from .manifest import ManifestRow
from .run import DocResult, Progress

if TYPE_CHECKING:
    from ..formats.options import WriteOptions


@dataclass(frozen=True, slots=True)
class Written:
    """What a worker of ``align --manifest`` (``mine --manifest``) reports: the file
    written, the document verdict (``quality.verdict``) with its one-line evidence, and the
    notes on its inputs (``text.notes.input_notes``: clutter left out, text extracted), which
    the worker may not print itself."""

    path: Path
    verdict: str = ""
    verdict_evidence: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OutputJob:
    """One row to align: its manifest line, its name in messages, its files."""

    line: int
    name: str
    en: Path
    ar: Path
    out: Path


def find_output_jobs(manifest: str | Path, *, allow_outside: bool = False
                     ) -> tuple[list[OutputJob], list[str]]:
    """The rows of a manifest that can run, and one ``path:line: problem`` per row that
    cannot (a missing input file, an empty cell).

    The outputs of all rows are checked together first (``check_outputs``): a manifest
    whose rows would overwrite each other, or write outside its folder without
    ``allow_outside``, is refused as a whole, before any work.

    Raises:
        InputError: the manifest is missing or unreadable.
        FormatError: its header lacks ``en``, ``ar`` or ``out``, or has another column; two
            rows write the same file, or a row writes another row's input.
        OutputError: an output outside the manifest's folder, and not ``allow_outside``; a
            row's output is one of its own inputs or the manifest.
    """
    from .manifest import read_manifest

    rows = read_manifest(manifest, required=("en", "ar", "out"), optional=("name",))
    check_outputs(Path(manifest), rows, allow_outside=allow_outside)
    jobs: list[OutputJob] = []
    problems: list[str] = []
    for row in rows:
        if row.problem:
            problems.append(f"{manifest}:{row.line}: {row.problem}")
            continue
        name = row.text("name") or row.text("out")
        out = row.path("out").resolve()  # as checked: ``sub/../x`` needs no folder ``sub``
        jobs.append(OutputJob(row.line, name, row.path("en"), row.path("ar"), out))
        _check_own_inputs(jobs[-1], manifest)
    return jobs, problems


def _check_own_inputs(job: OutputJob, manifest: str | Path) -> None:
    """Refuse, before any work, a row whose output (either file of Moses) is one of its own
    inputs or the manifest itself."""
    from ..formats import output_files
    from ..formats.outputs import check_not_input

    try:
        check_not_input(output_files(job.out), [job.en, job.ar, manifest])
    except OutputError as exc:
        raise OutputError(f"out {exc.message}", path=manifest, line=job.line) from None


def written_files(out: Path) -> tuple[Path, ...]:
    """The files a row with output ``out`` writes: Moses writes two (``moses_paths``)."""
    from ..errors import OptionError
    from ..formats import format_for_path
    from ..formats.moses import moses_paths

    try:
        fmt = format_for_path(out, None)
    except OptionError:  # the row fails on its own later, having written nothing
        return (out,)
    return moses_paths(out) if fmt == "moses" else (out,)


def _file_key(path: Path) -> str:
    """What makes two paths one file: the same resolved path (``..``, symlinks), compared
    without case where the usual file systems ignore it (macOS, Windows)."""
    text = os.path.normcase(str(path.resolve()))
    return text.casefold() if sys.platform in ("darwin", "win32") else text


def check_outputs(manifest: Path, rows: Sequence[ManifestRow], *, allow_outside: bool
                  ) -> None:
    """Refuse a manifest whose outputs collide or stray, before anything is written.

    Two rows writing one file would leave only the last one's result, with both reported
    as done; a row writing another row's input would destroy that input. An output that
    resolves outside the manifest's folder (``..``, an absolute path, a symlink) is refused
    unless ``allow_outside``: a manifest received from someone else must not be able to
    write anywhere the user can. (A row writing its own input is the row's own problem,
    checked with its other cells.)

    Raises:
        FormatError: two rows write one file, or a row writes another's input.
        OutputError: an output outside the manifest's folder, and not ``allow_outside``.
    """
    base = manifest.resolve().parent
    inputs = {_file_key(p): (row.line, col) for row in rows for col, p in row.paths
              if col in ("en", "ar")}
    outputs: dict[str, int] = {}
    for row in (r for r in rows if r.text("out")):
        for f in written_files(row.path("out")):
            if not allow_outside and not f.resolve().is_relative_to(base):
                raise OutputError(f"output {f} is outside the manifest's folder {base} "
                                  "(give --allow-outside to write there)",
                                  path=manifest, line=row.line)
            key = _file_key(f)
            if key in outputs:
                raise FormatError(f"output {f} is also the output of line {outputs[key]}",
                                  path=manifest, line=row.line)
            line, col = inputs.get(key, (row.line, ""))
            if line != row.line:
                raise FormatError(f"output {f} is the {col} input of line {line}",
                                  path=manifest, line=row.line)
            outputs[key] = row.line


def row_options(options: WriteOptions, fmt: str) -> WriteOptions:
    """The export options of one manifest row: the filters (``--only-1-1``,
    ``--min-score``) for the corpus formats that take them, ``--excel`` for TSV; a complete
    record (JSONL, TSV, beads, xlsx) keeps every bead whatever the other rows get."""
    from ..formats import CORPUS_FORMATS

    corpus = fmt in CORPUS_FORMATS
    return replace(options, excel=options.excel and fmt == "tsv",
                   one_to_one=options.one_to_one and corpus,
                   min_score=options.min_score if corpus else None)


def write_job(job: OutputJob, config: AlignConfig, presplit: bool,
              options: WriteOptions | None = None, limits: Limits | None = None) -> Written:
    """Align one row and write its output (runs in a worker process); errors are the pool's
    to report. ``options`` as ``tawazi align`` takes them, applied as ``row_options`` says.
    The verdict goes back with the file, so that the caller can warn of a pair that is not
    a translation, as ``tawazi align`` does for one."""
    from ..formats import WriteOptions, format_for_path, write_alignment
    from ..formats.outputs import check_writable
    from ..pipeline import align_pair
    from ..quality.verdict import document_verdict
    from ..text.notes import input_notes
    from ..text.readers import read_pair

    fmt = format_for_path(job.out, None)  # an unknown extension fails before the work
    make_folder(job.out)
    for path in written_files(job.out):
        check_writable(path)
    limits = limits or Limits()
    en, ar = read_pair(job.en, job.ar, presplit=presplit, max_bytes=limits.max_bytes)
    al = align_pair(en, ar, config, limits=limits)
    write_alignment(al, job.out, fmt, row_options(options or WriteOptions(), fmt))
    verdict = document_verdict(al)
    return Written(job.out, verdict.label, verdict.describe(), input_notes((en, ar)))


def make_folder(out: Path) -> None:
    """Create the folder of an output if it is missing (``check_outputs`` has already kept
    it inside the allowed area).

    Raises:
        OutputError: it cannot be created (a file in its place, no permission).
    """
    folder = out.resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {str(folder)!r}: "
                          f"{exc.strerror or exc}", path=out) from None


def align_outputs(
    jobs: list[OutputJob],
    config: AlignConfig,
    *,
    presplit: bool = False,
    options: WriteOptions | None = None,
    workers: int = 0,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> list[DocResult]:
    """Align every job to its output, ``workers`` processes at a time (0: one per core),
    exporting with ``options`` (``row_options``).

    ``progress(result, done, total)`` is called as each job completes; the results are
    returned in the order of ``jobs``.
    """
    task = partial(write_job, config=config, presplit=presplit, options=options,
                   limits=limits)
    return run_outputs(task, jobs, workers=workers, progress=progress)


def run_outputs(task: Callable[[OutputJob], Path | Written], jobs: list[OutputJob], *,
                workers: int = 0, progress: Progress | None = None) -> list[DocResult]:
    """Run ``task`` on every job in the worker pool (``align --manifest``, ``mine
    --manifest``): results in the order of ``jobs`` (with the verdict of a ``Written``
    value), ``progress`` called as each ends."""
    from ..evidence.lexicon import load_lexicon
    from .pool import run_jobs

    load_lexicon()  # loaded once before the workers fork, shared copy-on-write
    results: dict[int, DocResult] = {}
    with closing(run_jobs(task, jobs, workers)) as outcomes:  # stops the workers on Ctrl-C
        for outcome in outcomes:
            job = outcome.job
            got = outcome.value
            written = got if isinstance(got, Written) else Written(job.out)
            res = DocResult(job.name, job.out if outcome.ok else None, outcome.error,
                            outcome.seconds, verdict=written.verdict,
                            verdict_evidence=written.verdict_evidence, notes=written.notes)
            results[outcome.index] = res
            if progress:
                progress(res, len(results), len(jobs))
    return [results[i] for i in range(len(jobs))]
