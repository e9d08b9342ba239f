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

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from align.batch.run import DocResult, Progress
from align.config import AlignConfig
from align.text.limits import Limits


@dataclass(frozen=True, slots=True)
class OutputJob:
    """One row to align: its manifest line, its name in messages, its files."""

    line: int
    name: str
    en: Path
    ar: Path
    out: Path


def find_output_jobs(manifest: str | Path) -> tuple[list[OutputJob], list[str]]:
    """The rows of a manifest that can run, and one ``path:line: problem`` per row that
    cannot (a missing input file, an empty cell).

    Raises:
        InputError: the manifest is missing or unreadable.
        FormatError: its header lacks ``en``, ``ar`` or ``out``, or has another column.
    """
    from align.batch.manifest import read_manifest

    jobs: list[OutputJob] = []
    problems: list[str] = []
    for row in read_manifest(manifest, required=("en", "ar", "out"), optional=("name",)):
        if row.problem:
            problems.append(f"{manifest}:{row.line}: {row.problem}")
            continue
        name = row.text("name") or row.text("out")
        jobs.append(OutputJob(row.line, name, row.path("en"), row.path("ar"), row.path("out")))
    return jobs, problems


def write_job(job: OutputJob, config: AlignConfig, presplit: bool, include_unaligned: bool,
              limits: Limits | None = None) -> Path:
    """Align one row and write its output (runs in a worker process); errors are the pool's
    to report."""
    from align.formats import WriteOptions, format_for_path, write_alignment
    from align.pipeline import align_pair
    from align.text.readers import read_pair

    fmt = format_for_path(job.out, None)  # an unknown extension fails before the work
    limits = limits or Limits()
    en, ar = read_pair(job.en, job.ar, presplit=presplit, max_bytes=limits.max_bytes)
    al = align_pair(en, ar, config, limits=limits)
    write_alignment(al, job.out, fmt, WriteOptions(include_unaligned=include_unaligned))
    return job.out


def align_outputs(
    jobs: list[OutputJob],
    config: AlignConfig,
    *,
    presplit: bool = False,
    include_unaligned: bool = False,
    workers: int = 0,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> list[DocResult]:
    """Align every job to its output, ``workers`` processes at a time (0: one per core).

    ``progress(result, done, total)`` is called as each job completes; the results are
    returned in the order of ``jobs``.
    """
    from align.batch.pool import run_jobs
    from align.evidence.lexicon import load_lexicon

    load_lexicon()  # loaded once before the workers fork, shared copy-on-write
    task = partial(write_job, config=config, presplit=presplit,
                   include_unaligned=include_unaligned, limits=limits)
    results: dict[int, DocResult] = {}
    for outcome in run_jobs(task, jobs, workers):
        job = outcome.job
        res = DocResult(job.name, job.out if outcome.ok else None, outcome.error,
                        outcome.seconds)
        results[outcome.index] = res
        if progress:
            progress(res, len(results), len(jobs))
    return [results[i] for i in range(len(jobs))]
