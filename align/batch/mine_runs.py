"""Mining many comparable pairs: ``tawazi mine --manifest`` and ``tawazi batch --mine``.

``mine --manifest``: every row of a manifest mined to its own output file.

The same rows (``en ar out``, optionally ``name``), output checks and worker pool as
``align --manifest`` (``align_runs.py``); only the work of a row differs: its two comparable
documents are mined (``align.mine``) and the pairs written as TSV, JSONL or TMX by the
output's extension, atomically. A news crawl's many comparable pairs run one process per core.

``batch --mine``: the report machinery of ``tawazi batch`` (cached per-document results,
resumable runs, the two tables), with one row per *mined pair* in the bead table, under the
same columns (``score`` is the mining score), so the document table counts pairs by type,
their mean and minimum score and their flags.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..mine.types import MineConfig
from ..text.limits import Limits
from .align_runs import OutputJob, Written, make_folder, run_outputs
from .run import DocJob, DocResult, Progress, check_signature

if TYPE_CHECKING:
    from ..mine.types import Mining


def mine_files(en_path: Path, ar_path: Path, config: MineConfig, presplit: bool,
               limits: Limits | None = None) -> tuple[Mining, tuple[str, ...]]:
    """Read and mine one pair of comparable files, refusing any over ``limits``; with the
    notes on the inputs (``text.notes.input_notes``)."""
    from ..mine.read import read_comparable
    from ..mine.search import mine_sentences
    from ..text.notes import input_notes
    from ..text.segment import split_document

    limits = limits or Limits()
    en, ar = read_comparable(en_path, ar_path, presplit=presplit, max_bytes=limits.max_bytes)
    en_sents, ar_sents = split_document(en), split_document(ar)
    limits.check_sentences(len(en_sents), "en", str(en_path))
    limits.check_sentences(len(ar_sents), "ar", str(ar_path))
    return mine_sentences(en, ar, en_sents, ar_sents, config), input_notes((en, ar))


def mine_job(job: OutputJob, config: MineConfig, presplit: bool, limits: Limits | None = None,
             excel: bool = False) -> Written:
    """Mine one row and write its output (runs in a worker process); ``excel`` puts a
    byte-order mark first in a TSV output. The notes on the inputs go back with the file."""
    from ..formats.atomic import atomic_write_text
    from ..formats.outputs import check_writable
    from ..formats.tsv import for_excel
    from ..mine.write import MINE_WRITERS, mine_format

    fmt = mine_format(job.out, None)  # an unknown extension fails before the work
    make_folder(job.out)
    check_writable(job.out)
    mining, notes = mine_files(job.en, job.ar, config, presplit, limits)
    atomic_write_text(job.out, for_excel(MINE_WRITERS[fmt](mining), excel and fmt == "tsv"))
    return Written(job.out, notes=notes)


def pair_columns(m: Mining) -> dict[str, list[Any]]:
    """The mined pairs of one document pair as plain columns in the layout of
    ``report.bead_columns`` (one entry per pair, best first)."""
    from .report import bead_table_schema

    rows: dict[str, list[Any]] = {k: [] for k in bead_table_schema() if k != "doc"}
    for k, p in enumerate(m.pairs):
        (es, ee), (as_, ae) = m.span(p, "en"), m.span(p, "ar")
        values = (k, p.type, len(p.en), len(p.ar), es, ee, as_, ae, p.score,
                  [f.code for f in p.flags],
                  "; ".join(f"{f.code}: {f.detail}" for f in p.flags),
                  m.text(p, "en"), m.text(p, "ar"),
                  None, None)  # verdict and its evidence: a document's, not a pair's
        for col, v in zip(rows, values, strict=True):
            rows[col].append(v)
    return rows


def mine_batch_job(task: tuple[DocJob, str], config: MineConfig, presplit: bool,
                   limits: Limits | None = None, signature: str = "") -> dict[str, list[Any]]:
    """Mine one document pair for ``tawazi batch --mine`` (a worker); returns its rows."""
    job, _ = task
    mining = mine_files(job.en, job.ar, config, presplit, limits)[0]
    check_signature(mining.signature, signature)
    return pair_columns(mining)


def mine_outputs(jobs: list[OutputJob], config: MineConfig, *, presplit: bool = False,
                 workers: int = 0, progress: Progress | None = None,
                 limits: Limits | None = None, excel: bool = False) -> list[DocResult]:
    """Mine every job to its output, ``workers`` processes at a time (0: one per core);
    ``excel``: a byte-order mark first in the TSV outputs."""
    task = partial(mine_job, config=config, presplit=presplit, limits=limits, excel=excel)
    return run_outputs(task, jobs, workers=workers, progress=progress)
