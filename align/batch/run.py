"""Align and score many document pairs: one process per core, resumable, one report.

Input: a directory, whose files are paired by name (``x.en.txt`` with ``x.ar.txt``, or
``x.en`` with ``x.ar``; with ``presplit`` the one-sentence-per-line ``x.en``/``x.ar`` are
preferred when both kinds exist), or a manifest (``manifest.py``) with columns ``en`` and
``ar`` and optionally ``name`` and ``out`` (ignored here, so that the manifest of
``tawazi align --manifest`` serves as it is).

Each document is aligned (which scores it, ``pipeline``) in a worker process (``pool.py``,
the worker pool of every batch command) and its beads are written at once, atomically, to
the *work folder* next to the report (``REPORT.work/``), under a name holding a hash of the
document's name, both input files' bytes, the alignment signature and the fidelity model. A
re-run skips every document whose file is there, so a killed run loses at most the documents
in flight, and a changed input is aligned again. A failing document is reported and the
others go on; the run then ends with an error status.

Nothing here prints: progress goes to a callback, and the caller (``cli/batch.py``) shows it.
"""

from __future__ import annotations

import glob
import hashlib
import re
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import AlignConfig
from ..errors import InputError, OutputError
from ..text.limits import Limits

if TYPE_CHECKING:
    from ..mine.types import MineConfig
    from .pool import Outcome

_PAIRS = ((".en.txt", ".ar.txt"), (".en", ".ar"))
_SAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class DocJob:
    """One document pair to align; ``name`` is unique in the run."""

    name: str
    en: Path
    ar: Path


@dataclass(frozen=True, slots=True)
class DocResult:
    """What a worker reports: the document, its result file or its error, the time taken."""

    name: str
    path: Path | None
    error: str = ""
    seconds: float = 0.0
    skipped: bool = False
    #: The document verdict (``quality.verdict``) and its one-line evidence, when the
    #: worker reports them (``align --manifest``); ``batch`` reads them from its tables.
    verdict: str = ""
    verdict_evidence: str = ""


@dataclass(slots=True)
class BatchRun:
    """The outcome of ``run_batch``: every document's result and the input problems."""

    jobs: list[DocJob]
    results: dict[str, DocResult] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: The alignment signature of the run (``model_signature``), stored in the report.
    signature: str = ""

    @property
    def failed(self) -> list[DocResult]:
        return [r for r in self.results.values() if r.path is None]


def find_jobs(source: str | Path, presplit: bool = False) -> tuple[list[DocJob], list[str]]:
    """The document pairs of a directory or manifest, and one message per unusable entry.

    Raises:
        InputError: ``source`` does not exist, or holds no pair at all.
        FormatError: a manifest without ``en``/``ar`` columns.
    """
    src = Path(source)
    if src.is_dir():
        jobs, problems = _pair_directory(src, presplit)
    elif src.is_file():
        jobs, problems = _read_manifest(src)
    else:
        raise InputError("no such file or directory", path=src)
    if not jobs and not problems:
        raise InputError("no document pairs found (expected x.en.txt + x.ar.txt, x.en + x.ar, "
                         "or a manifest with en and ar columns)", path=src)
    return jobs, problems


def _pair_directory(root: Path, presplit: bool) -> tuple[list[DocJob], list[str]]:
    order = _PAIRS[::-1] if presplit else _PAIRS
    found: dict[str, dict[str, Path]] = {}
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root)
        if not f.is_file() or any(p.startswith(".") or p.endswith(".work") for p in rel.parts):
            continue
        for en_ext, ar_ext in _PAIRS:
            for lang, ext in (("en", en_ext), ("ar", ar_ext)):
                if f.name.endswith(ext) and len(f.name) > len(ext):
                    stem = str(rel)[: -len(ext)]
                    found.setdefault(stem, {})[f"{lang}{ext}"] = f
    jobs: list[DocJob] = []
    problems: list[str] = []
    for stem, files in sorted(found.items()):
        for en_ext, ar_ext in order:
            en, ar = files.get(f"en{en_ext}"), files.get(f"ar{ar_ext}")
            if en and ar:
                jobs.append(DocJob(stem, en, ar))
                break
        else:
            lone = next(iter(files.values()))
            other = "Arabic" if ".en" in lone.name else "English"
            problems.append(f"{lone}: no {other} file with the same name next to it")
    return jobs, problems


def _read_manifest(path: Path) -> tuple[list[DocJob], list[str]]:
    from .manifest import read_manifest

    jobs: list[DocJob] = []
    problems: list[str] = []
    seen: set[str] = set()
    for row in read_manifest(path, required=("en", "ar"), optional=("name", "out")):
        if row.problem:
            problems.append(f"{path}:{row.line}: {row.problem}")
            continue
        name = row.text("name") or row.text("en")
        if name in seen:
            name = f"{name}#{row.line}"
        seen.add(name)
        jobs.append(DocJob(name, row.path("en"), row.path("ar")))
    return jobs, problems


def work_folder(report: str | Path) -> Path:
    """Where per-document results are kept between runs: ``REPORT.work`` next to it."""
    p = Path(report)
    return p.with_name(p.name + ".work")


def make_work_folder(report: str | Path) -> Path:
    """Create the work folder of ``report`` if it is not there yet, and return it.

    Raises:
        OutputError: its name is taken by a file, or it cannot be created.
    """
    work = work_folder(report)
    if work.exists() and not work.is_dir():
        raise OutputError("the work folder's name is taken by a file; move it away or "
                          "choose another report name", path=work)
    try:
        work.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the work folder: {exc.strerror or exc}",
                          path=work) from None
    return work


def model_signature(config: AlignConfig, lexicon_sha: str) -> str:
    """The signature every result of this run will carry (``align.signature``, the one
    place it is made): options, lexicon, fidelity tables, cues and splitter. A cached result
    is only served under the same one, so a refit of any of them re-scores the documents."""
    from ..signature import alignment_signature

    return alignment_signature(config, lexicon_sha)


def job_key(job: DocJob, signature: str, presplit: bool) -> str:
    """Hash of everything that determines a document's result: its name, both files'
    bytes, ``presplit``, the model's full signature (``model_signature``) and the version
    of the stored table's columns (``report.BEAD_TABLE_VERSION``: a file of other columns
    would not scan with the new ones)."""
    from .report import BEAD_TABLE_VERSION

    h = hashlib.sha256()
    for part in (job.name, signature, str(presplit), str(BEAD_TABLE_VERSION)):
        h.update(part.encode("utf-8") + b"\0")
    for f in (job.en, job.ar):
        with open(f, "rb") as data:  # in pieces: a huge file is refused later, not loaded
            while piece := data.read(1 << 20):
                h.update(piece)
        h.update(b"\0")
    return h.hexdigest()[:16]


def result_stem(job: DocJob) -> str:
    """The part of a document's result name that stays when its inputs change: the name
    made safe for a file system and cut to 80 bytes, then a hash of the whole name.

    The hash keeps apart names that clean up alike (``a b`` and ``a_b``, ``sub/x`` and
    ``sub_x``, long names sharing their first 80 characters), whose results would otherwise
    replace each other (``align_job`` clears older results of the same stem). The cut is in
    bytes, not characters, so that an Arabic or CJK name stays within the 255 bytes a file
    name may have.

    >>> result_stem(DocJob("a b", Path("a b.en.txt"), Path("a b.ar.txt")))
    'a_b-c8687a08aa'
    """
    safe = _SAFE.sub("_", job.name).encode("utf-8")[:80].decode("utf-8", "ignore")
    return f"{safe}-{hashlib.sha256(job.name.encode('utf-8')).hexdigest()[:10]}"


def result_path(work: Path, job: DocJob, key: str) -> Path:
    """Where a document's result is kept: ``STEM-KEY.parquet`` (``result_stem``,
    ``job_key``)."""
    return work / f"{result_stem(job)}-{key}.parquet"


def align_job(task: tuple[DocJob, Path], config: AlignConfig, presplit: bool,
              limits: Limits | None = None) -> Path:
    """Align, score and store one document (runs in a worker process); returns its file.

    Errors are left to the pool (``pool.run_jobs``), which makes any of them, typed or not,
    this document's error; ``run_batch`` keeps the traceback of an unexpected one.
    """
    from ..formats.atomic import atomic_write_bytes
    from ..pipeline import align_pair
    from ..text.readers import read_pair
    from .report import bead_table

    job, target = task
    limits = limits or Limits()
    en, ar = read_pair(job.en, job.ar, presplit=presplit, max_bytes=limits.max_bytes)
    al = align_pair(en, ar, config, limits=limits)
    atomic_write_bytes(target, bead_table(job.name, al))
    drop_stale(job, target)
    return target


def drop_stale(job: DocJob, target: Path) -> None:
    """Remove this document's results for inputs that have changed since."""
    stem = result_stem(job)
    for old in target.parent.glob(f"{glob.escape(stem)}-{'?' * 16}.parquet"):
        if old != target:
            old.unlink(missing_ok=True)


Progress = Callable[[DocResult, int, int], None]


def run_batch(
    jobs: list[DocJob],
    report: str | Path,
    config: AlignConfig,
    *,
    presplit: bool = False,
    workers: int = 0,
    progress: Progress | None = None,
    limits: Limits | None = None,
    mine: MineConfig | None = None,
) -> BatchRun:
    """Align every job not already done, ``workers`` processes at a time (0: one per core);
    a document over ``limits`` fails with its one-line reason. With ``mine``, each pair of
    comparable documents is mined instead (``mine_runs.mine_batch_job``): one row per mined
    pair, in the same tables.

    ``progress(result, done, total)`` is called once per document, skipped ones included.
    """
    from ..evidence.lexicon import load_lexicon
    from .pool import run_jobs

    lexicon = load_lexicon()  # loaded before the workers fork, shared copy-on-write
    signature = model_signature(config, lexicon.sha)
    task: Callable[[tuple[DocJob, Path]], Path] = partial(
        align_job, config=config, presplit=presplit, limits=limits)
    if mine is not None:
        from ..mine.search import mine_signature
        from .mine_runs import mine_batch_job

        signature = mine_signature(mine, lexicon.sha)
        task = partial(mine_batch_job, config=mine, presplit=presplit, limits=limits)
    work = make_work_folder(report)
    run = BatchRun(jobs, signature=signature)
    todo: list[tuple[DocJob, Path]] = []
    total = len(jobs)
    for job in jobs:
        try:
            target = result_path(work, job, job_key(job, signature, presplit))
        except OSError as exc:
            res = DocResult(job.name, None, f"cannot read: {exc.strerror or exc}")
        else:
            if not target.is_file():
                todo.append((job, target))
                continue
            res = DocResult(job.name, target, skipped=True)
        _record(run, res, total, progress)
    with closing(run_jobs(task, todo, workers)) as outcomes:  # stops the workers on Ctrl-C
        for outcome in outcomes:
            _record(run, _doc_result(outcome), total, progress)
    return run


def _doc_result(outcome: Outcome[tuple[DocJob, Path], Path]) -> DocResult:
    """A document's result; the traceback of an unexpected error goes to the work folder
    (``*.error.txt``), since a one-line message cannot say where a bug is."""
    job, target = outcome.job
    if outcome.ok:
        return DocResult(job.name, outcome.value, "", outcome.seconds)
    error = outcome.error
    if outcome.detail:
        from ..errors import OutputError
        from ..formats.atomic import atomic_write_text

        log = target.with_suffix(".error.txt")
        try:
            # Atomic like every write; a symlink planted in the work folder is replaced,
            # not written through.
            atomic_write_text(log, outcome.detail, follow_symlinks=False)
        except OutputError:
            pass  # the one-line error is still reported
        else:
            error += f" (traceback in {log})"
    return DocResult(job.name, None, error, outcome.seconds)


def _record(run: BatchRun, res: DocResult, total: int, progress: Progress | None) -> None:
    run.results[res.name] = res
    if progress:
        progress(res, len(run.results), total)


def write_batch_report(run: BatchRun, report: str | Path, top: int = 10, *, excel: bool = False
                       ) -> tuple[Path, Path, list[dict[str, object]], list[DocResult]]:
    """Write the bead and document tables of a run; returns their paths, the ``top``
    worst documents (``report.worst_first``) and every document whose verdict is not
    ``parallel`` (``report.not_parallel``), in the order of the jobs. ``excel``: a TSV/CSV
    report starts with a byte-order mark."""
    import polars as pl

    from .report import bead_rows, document_table, not_parallel, worst_first, write_report

    files = [r.path for r in (run.results.get(j.name) for j in run.jobs)
             if r is not None and r.path is not None]
    docs = pl.DataFrame(
        {
            "doc": [j.name for j in run.jobs],
            "en_path": [str(j.en) for j in run.jobs],
            "ar_path": [str(j.ar) for j in run.jobs],
            "status": ["ok" if run.results[j.name].path else "failed" for j in run.jobs],
            "error": [run.results[j.name].error for j in run.jobs],
        },
        schema={"doc": pl.String, "en_path": pl.String, "ar_path": pl.String,
                "status": pl.String, "error": pl.String},
    )
    table = document_table(files, docs)
    bead_path, doc_path = write_report(report, bead_rows(files) if files else None, table,
                                       signature=run.signature, excel=excel)
    return bead_path, doc_path, worst_first(table, top), not_parallel(table)
