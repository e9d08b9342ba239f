"""``tawazi mine --manifest``: every row of a manifest mined to its own output file.

The same rows (``en ar out``, optionally ``name``), output checks and worker pool as
``align --manifest`` (``align_runs.py``); only the work of a row differs: its two comparable
documents are mined (``align.mine``) and the pairs written as TSV, JSONL or TMX by the
output's extension, atomically. A news crawl's many comparable pairs run one process per core.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from align.batch.align_runs import OutputJob, make_folder, run_outputs
from align.batch.run import DocResult, Progress
from align.mine.types import MineConfig
from align.text.limits import Limits


def mine_job(job: OutputJob, config: MineConfig, presplit: bool, limits: Limits | None = None
             ) -> Path:
    """Mine one row and write its output (runs in a worker process)."""
    from align.formats.atomic import atomic_write_text
    from align.formats.outputs import check_writable
    from align.mine.read import read_comparable
    from align.mine.search import mine_sentences
    from align.mine.write import MINE_WRITERS, mine_format
    from align.text.segment import split_document

    fmt = mine_format(job.out, None)  # an unknown extension fails before the work
    make_folder(job.out)
    check_writable(job.out)
    limits = limits or Limits()
    en, ar = read_comparable(job.en, job.ar, presplit=presplit, max_bytes=limits.max_bytes)
    en_sents, ar_sents = split_document(en), split_document(ar)
    limits.check_sentences(len(en_sents), "en", str(job.en))
    limits.check_sentences(len(ar_sents), "ar", str(job.ar))
    mining = mine_sentences(en, ar, en_sents, ar_sents, config)
    atomic_write_text(job.out, MINE_WRITERS[fmt](mining))
    return job.out


def mine_outputs(jobs: list[OutputJob], config: MineConfig, *, presplit: bool = False,
                 workers: int = 0, progress: Progress | None = None,
                 limits: Limits | None = None) -> list[DocResult]:
    """Mine every job to its output, ``workers`` processes at a time (0: one per core)."""
    task = partial(mine_job, config=config, presplit=presplit, limits=limits)
    return run_outputs(task, jobs, workers=workers, progress=progress)
