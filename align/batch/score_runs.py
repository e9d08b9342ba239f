"""``tawazi score --manifest``: BLEU, chrF and TER of many hypothesis/reference pairs.

The rows come from the one manifest reader (``manifest.py``; columns ``hyp`` and ``ref``,
``ref2``, ..., optionally ``name`` and ``lang``) and are scored through the one worker pool
(``pool.py``), so a row that cannot be scored (a missing file, mismatched line counts, a bug)
is returned with its error and the others are still scored. The scoring itself is
``quality.reference``'s; this module only reads the manifest and loops, which keeps
``quality`` free of the batch layer.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..quality.reference import ReferenceScores


@dataclass(frozen=True, slots=True)
class ScoreJob:
    """One row to score: its manifest line, its name, its files, its target language."""

    line: int
    name: str
    hyp: Path
    refs: tuple[Path, ...]
    lang: str


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One scored row: its name and result, or why it failed."""

    line: int
    name: str
    result: ReferenceScores | None
    error: str = ""


def score_job(job: ScoreJob, normalize: bool) -> ReferenceScores:
    """Read and score one row (errors are the pool's to report)."""
    from ..formats.lines import read_segments
    from ..quality.reference import score_reference

    side = None if job.lang == "auto" else job.lang
    return score_reference(
        read_segments(job.hyp, side), [read_segments(r, side) for r in job.refs],
        lang=job.lang, normalize=normalize,
        names=[str(job.hyp.name), *(f"reference {r.name}" for r in job.refs)],
    )


#: The columns ``score --manifest`` requires and the ones it accepts.
COLUMNS = (("hyp", "ref"), ("name", "lang"))


def manifest_inputs(path: str | Path) -> list[Path]:
    """Every file the rows of a score manifest read, so an output can be checked against
    them before any scoring starts.

    Raises:
        InputError, FormatError: as ``score_manifest``.
    """
    from .manifest import read_manifest

    required, optional = COLUMNS
    rows = read_manifest(path, required=required, optional=optional)
    return [p for row in rows for _, p in row.paths]


def score_manifest(path: str | Path, *, lang: str = "auto", normalize: bool = True,
                   workers: int = 1) -> list[ManifestRow]:
    """Score every row of a manifest, in its order (``workers``: processes, 1 = this one).

    A ``lang`` column overrides ``lang`` per row; empty ``ref`` cells are skipped.

    Raises:
        InputError: the manifest is missing or unreadable.
        FormatError: the header lacks ``hyp`` or a ``ref`` column, or has another column.
    """
    from .manifest import read_manifest
    from .pool import run_jobs

    rows: dict[int, ManifestRow] = {}
    jobs: list[ScoreJob] = []
    required, optional = COLUMNS
    for row in read_manifest(path, required=required, optional=optional):
        name = row.text("name") or row.text("hyp")
        if row.problem:
            rows[row.line] = ManifestRow(row.line, name, None, row.problem)
        else:
            jobs.append(ScoreJob(row.line, name, row.path("hyp"), row.family("ref"),
                                 row.text("lang") or lang))
    with closing(run_jobs(partial(score_job, normalize=normalize), jobs, workers)) as outcomes:
        for outcome in outcomes:
            job = outcome.job
            rows[job.line] = ManifestRow(job.line, job.name, outcome.value, outcome.error)
    return [rows[k] for k in sorted(rows)]
