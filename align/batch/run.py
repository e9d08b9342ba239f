"""Align and score many document pairs: one process per core or a Dask cluster, resumable,
one report, with memory that does not grow with the number of documents.

Input: a stream of ``DocJob`` (``sources.iter_jobs``: a folder whose files are paired by
name, ``x.en.txt`` with ``x.ar.txt`` or ``x.en`` with ``x.ar``, or a manifest with columns
``en`` and ``ar``, optionally ``name``, and ``out``, ignored here so that the manifest of
``tawazi align --manifest`` serves as it is).

Each document is aligned (which scores it, ``pipeline``) by a worker: a process of the local
pool (``pool.py``) or of a Dask cluster (``cluster.py``). The worker sends back the bead rows;
this process, the one writer, gathers them into chunks and stores each chunk in the work
folder next to the report (``REPORT.work/results/``, ``store.py``) under the key of each
document: a hash of its two files' bytes, ``presplit`` and the model's full signature. A
re-run skips every document whose key is stored, so a killed run loses only the documents
in flight and in the chunk not yet written (at most ``CHUNK_DOCS`` documents or
``CHUNK_SECONDS`` of work; Ctrl-C writes it first), and a changed input is aligned again. A
failing document is reported and the others go on; the run then ends with an error status.

The run's own list of documents (name, files, key, status) is written in chunks too
(``REPORT.work/run/``, replaced by the next run), and the report is built from it and the
stored results with polars lazy scans, in batches (``write_batch_report``), so no list of
all documents is ever held in Python.

Nothing here prints: progress goes to a callback, and the caller (``cli/batch.py``) shows it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import AlignConfig
from ..errors import OptionError, OutputError
from ..text.limits import Limits
from .sources import DocJob, Problem, find_jobs, iter_jobs

if TYPE_CHECKING:
    import polars as pl

    from ..mine.types import MineConfig
    from .pool import Outcome
    from .store import Done

__all__ = ["BatchRun", "DocJob", "DocResult", "Problem", "find_jobs", "iter_jobs", "run_batch",
           "write_batch_report"]

_SAFE = re.compile(r"[^\w.-]+")
#: A chunk of results is written once it holds this many documents or bead rows, or this
#: many seconds after its first document (durability only: the report is the same).
CHUNK_DOCS = 1000
CHUNK_ROWS = 50_000
CHUNK_SECONDS = 10.0
#: The folder of the run's own document list, inside the work folder.
RUN_FOLDER = "run"
#: Documents whose beads are sorted together when the report is written (memory only: the
#: report is the same). A batch's join and sort hold its beads a few times over: measured on
#: small documents, +40 MiB at 20,000 documents a batch, +15 MiB at 2,000. Smaller batches
#: would cost time if the run's parts were not close to report order (each batch would read
#: the key column of every part); a folder is walked in name order (``sources.py``) and a
#: manifest read by line, so a batch of 2,000 reads 2-4 parts of 1,000 documents.
REPORT_BATCH = 2_000


@dataclass(frozen=True, slots=True)
class DocResult:
    """What became of one document: its error (empty when it was aligned), the time taken,
    whether its result was already stored. ``path`` is the output file of ``align
    --manifest``; a batch run stores its results together and leaves it ``None``."""

    name: str
    path: Path | None
    error: str = ""
    seconds: float = 0.0
    skipped: bool = False
    #: The document verdict (``quality.verdict``) and its one-line evidence, when the
    #: worker reports them (``align --manifest``); ``batch`` reads them from its tables.
    verdict: str = ""
    verdict_evidence: str = ""
    #: Notes on the document's inputs (clutter left out, text extracted), when the worker
    #: reports them (``align --manifest``, ``mine --manifest``), printed by the command.
    notes: tuple[str, ...] = ()


@dataclass(slots=True)
class BatchRun:
    """The outcome of ``run_batch``: counts, the failed documents, where the results are."""

    signature: str
    work: Path
    total: int = 0
    aligned: int = 0
    skipped: int = 0
    failed: list[DocResult] = field(default_factory=list)


def work_folder(report: str | Path) -> Path:
    """Where results are kept between runs: ``REPORT.work`` next to it."""
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
    """Hash of everything that determines a document's result: both files' bytes,
    ``presplit``, the model's full signature (``model_signature``) and the version of the
    stored table's columns (``report.BEAD_TABLE_VERSION``: a file of other columns would not
    scan with the new ones). Not the document's name: the report attaches the name, so a
    renamed document, or two with the same files, are served by one stored result."""
    from .report import BEAD_TABLE_VERSION

    h = hashlib.sha256()
    for part in (signature, str(presplit), str(BEAD_TABLE_VERSION)):
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


def error_log(work: Path, job: DocJob, key: str) -> Path:
    """Where the traceback of a document's unexpected error is kept."""
    return work / f"{result_stem(job)}-{key or 'unread'}.error.txt"


def align_job(task: tuple[DocJob, str], config: AlignConfig, presplit: bool,
              limits: Limits | None = None, signature: str = "") -> dict[str, list[Any]]:
    """Align and score one document (runs in a worker); returns its bead rows as columns.

    Errors are left to the pool (``pool.run_jobs``), which makes any of them, typed or not,
    this document's error; ``run_batch`` keeps the traceback of an unexpected one.

    Raises:
        OptionError: the worker's model is not the one of the run (``signature``): a
            cluster worker with another version of tawazi or its tables.
    """
    from ..pipeline import align_pair
    from ..text.readers import read_pair
    from .report import bead_columns

    job, _ = task
    limits = limits or Limits()
    en, ar = read_pair(job.en, job.ar, presplit=presplit, max_bytes=limits.max_bytes)
    al = align_pair(en, ar, config, limits=limits)
    check_signature(al.signature, signature)
    return bead_columns(al)


def check_signature(got: str, expected: str) -> None:
    """Refuse a result made by another model than the run's (see ``align_job``)."""
    if expected and got != expected:
        raise OptionError("this worker's tawazi gives another signature than the client's "
                          f"({got} against {expected}): install the same version everywhere")


Progress = Callable[[DocResult, int, int], None]


def run_batch(
    jobs: Iterable[DocJob],
    report: str | Path,
    config: AlignConfig,
    *,
    presplit: bool = False,
    workers: int = 0,
    progress: Progress | None = None,
    limits: Limits | None = None,
    mine: MineConfig | None = None,
    cluster: str | None = None,
    total: int | None = None,
) -> BatchRun:
    """Align every job not already done, ``workers`` processes at a time (0: one per core),
    or on the Dask cluster ``cluster`` names (``cluster.parse_cluster``); a document over
    ``limits`` fails with its one-line reason. With ``mine``, each pair of comparable
    documents is mined instead (``mine_runs.mine_batch_job``): one row per mined pair, in the
    same tables.

    ``jobs`` is read as the workers take them (a stream of millions is fine); ``total``, its
    length if known, is what ``progress(result, done, total)`` is told; it is called once per
    document, skipped ones included.
    """
    from ..evidence.lexicon import load_lexicon
    from .allocator import return_freed_memory
    from .pool import run_jobs
    from .store import open_store

    return_freed_memory()  # before this process first imports polars (a chunk's write)
    lexicon = load_lexicon()  # loaded before the workers fork, shared copy-on-write
    signature = model_signature(config, lexicon.sha)
    task: Callable[[tuple[DocJob, str]], dict[str, list[Any]]] = partial(
        align_job, config=config, presplit=presplit, limits=limits, signature=signature)
    if mine is not None:
        from ..mine.search import mine_signature
        from .mine_runs import mine_batch_job

        signature = mine_signature(mine, lexicon.sha)
        task = partial(mine_batch_job, config=mine, presplit=presplit, limits=limits,
                       signature=signature)
    work = make_work_folder(report)
    run = BatchRun(signature, work)
    chunk = _Chunk(work, open_store(work))
    count = total if total is not None else len(jobs) if isinstance(jobs, list) else None

    def record(res: DocResult) -> None:
        if progress:
            progress(res, run.aligned + run.skipped + len(run.failed), count or run.total)

    todo = _todo(jobs, run, chunk, presplit, record)
    try:
        with closing(run_jobs(task, todo, workers, cluster=cluster)) as outcomes:
            for outcome in outcomes:
                record(_finish(run, chunk, outcome))
                chunk.flush_if_full()
    finally:  # on Ctrl-C too: what finished is written (a failure to write is not retried)
        chunk.flush()
    return run


def _todo(jobs: Iterable[DocJob], run: BatchRun, chunk: _Chunk, presplit: bool,
          record: Callable[[DocResult], None]) -> Iterator[tuple[DocJob, str]]:
    """The jobs whose result is not stored yet, with their keys; the others are recorded as
    they pass (skipped, or failed when their files cannot be read)."""
    for job in jobs:
        run.total += 1
        try:
            key = job_key(job, run.signature, presplit)
        except OSError as exc:
            res = DocResult(job.name, None, f"cannot read: {exc.strerror or exc}")
            chunk.add_job(job, "", res.error)
            run.failed.append(res)
            record(res)
            continue
        if chunk.has(key):
            chunk.add_job(job, key, "")
            run.skipped += 1
            record(DocResult(job.name, None, skipped=True))
            continue
        yield job, key


def _finish(run: BatchRun, chunk: _Chunk, outcome: Outcome[tuple[DocJob, str], Any]
            ) -> DocResult:
    job, key = outcome.job
    if outcome.ok and outcome.value is not None:
        chunk.add_result(key, outcome.value)
        chunk.add_job(job, key, "")
        run.aligned += 1
        return DocResult(job.name, None, "", outcome.seconds)
    res = _doc_result(outcome, run.work)
    chunk.add_job(job, key, res.error)
    run.failed.append(res)
    return res


def _doc_result(outcome: Outcome[tuple[DocJob, str], Any], work: Path) -> DocResult:
    """A failed document's result; the traceback of an unexpected error goes to the work
    folder (``error_log``), since a one-line message cannot say where a bug is."""
    job, key = outcome.job
    error = outcome.error
    if outcome.detail:
        from ..formats.atomic import atomic_write_text

        log = error_log(work, job, key)
        try:
            # Atomic like every write; a symlink planted in the work folder is replaced,
            # not written through.
            atomic_write_text(log, outcome.detail, follow_symlinks=False)
        except OutputError:
            pass  # the one-line error is still reported
        else:
            error += f" (traceback in {log})"
    return DocResult(job.name, None, error, outcome.seconds)


class _Chunk:
    """The results and document rows not yet written, and the keys already stored.

    Results are written with their keys (``store.write_part``), then the run's document
    rows (``RUN_FOLDER``), so a document listed as done always has its result on disk. A
    result whose key is already stored or waiting here (two documents with the same files)
    is kept once.

    A document's result and its row are each kept by one ``append`` of the whole, not
    column by column: a Ctrl-C between two columns would leave the columns of unequal
    length, and the last write, which runs on Ctrl-C too, would then fail.
    """

    def __init__(self, work: Path, done: Done) -> None:
        self.work, self.done = work, done
        self.run_dir = work / RUN_FOLDER
        shutil.rmtree(self.run_dir, ignore_errors=True)  # a killed run's list is not ours
        try:
            self.run_dir.mkdir()
        except OSError as exc:
            raise OutputError(f"cannot create the run folder: {exc.strerror or exc}",
                              path=self.run_dir) from None
        self.parts = 0
        self._clear()

    def _clear(self) -> None:
        self.results: list[tuple[str, dict[str, list[Any]]]] = []
        self.keys: set[str] = set()
        self.rows = 0  # bead rows waiting
        self.jobs: list[tuple[Any, ...]] = []
        self.started = 0.0

    def has(self, key: str) -> bool:
        return key in self.keys or key in self.done

    def add_result(self, key: str, columns: dict[str, list[Any]]) -> None:
        if self.has(key):
            return
        self.results.append((key, columns))
        self.keys.add(key)
        self.rows += len(columns["bead"])

    def add_job(self, job: DocJob, key: str, error: str) -> None:
        if not self.started:
            self.started = time.monotonic()
        self.jobs.append((job.line, job.name, str(job.en), str(job.ar), key or None,
                          "failed" if error else "ok", error))

    def flush_if_full(self) -> None:
        if (len(self.jobs) >= CHUNK_DOCS or self.rows >= CHUNK_ROWS
                or (self.started and time.monotonic() - self.started >= CHUNK_SECONDS)):
            self.flush()

    def flush(self) -> None:
        """Write what is waiting (nothing is kept for a retry if the write fails)."""
        import polars as pl

        from .report import RESULT_COLUMNS, result_schema
        from .store import write_part

        results, jobs = self.results, self.jobs
        self._clear()
        if results:
            table: dict[str, list[Any]] = {name: [] for name in RESULT_COLUMNS}
            for key, columns in results:
                table["key"].extend([key] * len(columns["bead"]))
                for name, values in columns.items():
                    table[name].extend(values)
            write_part(self.work, pl.DataFrame(table, schema=result_schema()),
                       sorted(key for key, _ in results))
            self.done.add(sorted(key for key, _ in results))
        if jobs:
            from ..formats.atomic import atomic_write_bytes

            self.parts += 1
            listed = [list(column) for column in zip(*jobs, strict=True)]
            frame = pl.DataFrame(dict(zip(RUN_SCHEMA, listed, strict=True)), schema=run_schema())
            atomic_write_bytes(self.run_dir / f"docs-{self.parts:06d}.parquet",
                               _parquet(frame))


#: The columns of the run's document list.
RUN_SCHEMA = ("line", "doc", "en_path", "ar_path", "key", "status", "error")


def run_schema() -> dict[str, Any]:
    import polars as pl

    return {"line": pl.Int64, "doc": pl.String, "en_path": pl.String, "ar_path": pl.String,
            "key": pl.String, "status": pl.String, "error": pl.String}


def _parquet(frame: pl.DataFrame) -> bytes:
    import io

    buf = io.BytesIO()
    frame.write_parquet(buf)
    return buf.getvalue()


def run_documents(run: BatchRun) -> pl.LazyFrame:
    """The run's documents in report order: a manifest's by line, a folder's by name; a
    name a manifest repeats becomes ``name#LINE`` after its first row."""
    import polars as pl

    files = sorted((run.work / RUN_FOLDER).glob("docs-*.parquet"))
    frame = (pl.scan_parquet(files, schema=run_schema()) if files
             else pl.DataFrame(schema=run_schema()).lazy())
    repeat = (pl.col("line") > 0) & (pl.int_range(pl.len()).over("doc") > 0)
    return (frame.sort(["line", "doc"], maintain_order=True)
            .with_columns(pl.when(repeat)
                          .then(pl.col("doc") + "#" + pl.col("line").cast(pl.String))
                          .otherwise(pl.col("doc")).alias("doc")))


def write_batch_report(run: BatchRun, report: str | Path, top: int = 10, *, excel: bool = False
                       ) -> tuple[Path, Path, list[dict[str, object]], list[DocResult]]:
    """Write the bead and document tables of a run; returns their paths, the ``top``
    worst documents (``report.worst_first``) and every document whose verdict is not
    ``parallel`` (``report.not_parallel``), in report order. ``excel``: a TSV/CSV report
    starts with a byte-order mark.

    Out of core: the run's document list is sorted once into the run folder; then, for each
    ``REPORT_BATCH`` documents in report order, their beads (sorted) and their summary rows
    are computed by lazy polars plans over the stored parts that hold them
    (``store.PartIndex``: the documents of a batch were mostly aligned together, so few
    parts are read, and the work stays linear in the number of documents) and streamed to
    a file of their own; the two tables are those files streamed end to end. So memory holds
    a batch of beads and the sorted document list's columns, never every bead of the run.
    """
    from .allocator import return_freed_memory

    return_freed_memory()  # a no-op if ``run_batch`` imported polars already
    import polars as pl

    from .report import (
        bead_table_schema,
        document_table,
        not_parallel,
        result_schema,
        sink_parquet,
        worst_first,
    )
    from .report import write_report as write_tables
    from .store import PartIndex, scan_results

    folder = run.work / RUN_FOLDER
    folder.mkdir(exist_ok=True)
    ordered = folder / "ordered.parquet"
    sink_parquet(run_documents(run), ordered)
    count = pl.scan_parquet(ordered).select(pl.len()).collect().item()
    index = PartIndex.of(run.work)
    bead_parts, doc_parts = [], []
    for start in range(0, max(count, 1), REPORT_BATCH):
        batch = pl.scan_parquet(ordered).slice(start, REPORT_BATCH)
        keys = batch.select("key").collect()["key"].to_list()
        results = scan_results(run.work, result_schema(), index.parts_for(keys))
        beads = (results.join(batch.select("doc", "key").with_row_index("_order"), on="key",
                              how="inner")
                 .sort(["_order", "bead"]).select(list(bead_table_schema())))
        table = document_table(results, batch.select("doc", "en_path", "ar_path", "status",
                                                     "error", "key"))
        bead_parts.append(folder / f"beads-{start:012d}.parquet")
        doc_parts.append(folder / f"table-{start:012d}.parquet")
        sink_parquet(beads, bead_parts[-1])
        sink_parquet(table, doc_parts[-1])
    docs = pl.scan_parquet(doc_parts)
    bead_path, doc_path = write_tables(report, pl.scan_parquet(bead_parts), docs,
                                       signature=run.signature, excel=excel)
    return bead_path, doc_path, worst_first(docs, top), not_parallel(docs)
