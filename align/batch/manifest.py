"""Many pairs in one invocation: a manifest TSV, one process per core.

The manifest has a header row naming the columns ``en``, ``ar`` and ``out`` (others are
ignored); paths are relative to the manifest's folder. Every row is checked first and each
problem reported; the rows that can be aligned are, each result written atomically to its
``out`` path in the format of its extension, so a failure or a kill never leaves a partial
file.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from align.config import AlignConfig
from align.errors import FormatError, InputError, TawaziError


@dataclass(frozen=True, slots=True)
class Job:
    """One row of a manifest, with paths resolved."""

    line: int
    en: Path
    ar: Path
    out: Path


def read_manifest(path: str | Path) -> tuple[list[Job], list[str]]:
    """Jobs of a manifest, and one message per row that cannot run (missing files...)."""
    from align.text.readers import read_text

    p = Path(path)
    text = read_text(p)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise FormatError("empty manifest: expected a header 'en<TAB>ar<TAB>out'", path=p)
    header = [h.strip().lstrip("\ufeff").lower() for h in lines[0].split("\t")]
    missing = [c for c in ("en", "ar", "out") if c not in header]
    if missing:
        raise FormatError(
            f"manifest header lacks column(s) {', '.join(missing)} "
            "(expected 'en<TAB>ar<TAB>out')", path=p, line=1,
        )
    ie, ia, io = header.index("en"), header.index("ar"), header.index("out")
    base = p.resolve().parent
    jobs: list[Job] = []
    problems: list[str] = []
    for no, raw in enumerate(lines[1:], start=2):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) <= max(ie, ia, io):
            problems.append(f"{p}:{no}: expected {len(header)} columns, got {len(cells)}")
            continue
        en, ar, out = (base / cells[i].strip() for i in (ie, ia, io))
        bad = [str(f) for f in (en, ar) if not f.is_file()]
        if bad:
            problems.append(f"{p}:{no}: missing file {', '.join(bad)}")
            continue
        jobs.append(Job(no, en, ar, out))
    return jobs, problems


def align_job(job: Job, config: AlignConfig, presplit: bool, include_unaligned: bool
              ) -> tuple[int, str | None]:
    """Align one row and write its output; returns ``(line, error message or None)``."""
    from align.formats import WriteOptions, format_for_path, write_alignment
    from align.pipeline import align_pair
    from align.text.readers import read_pair

    try:
        fmt = format_for_path(job.out, None)
        en, ar = read_pair(job.en, job.ar, presplit=presplit)
        al = align_pair(en, ar, config)
        write_alignment(al, job.out, fmt, WriteOptions(include_unaligned=include_unaligned))
    except TawaziError as exc:
        return job.line, exc.message
    return job.line, None


def run_manifest(path: str, config: AlignConfig, *, presplit: bool = False, jobs: int = 0,
                 include_unaligned: bool = False) -> int:
    """Align every row; report each failure on stderr; 0 when all succeeded, else 1."""
    from align.evidence.lexicon import load_lexicon

    todo, problems = read_manifest(path)
    for msg in problems:
        print(f"tawazi: error: {msg}", file=sys.stderr)
    if jobs < 0:
        raise InputError("--jobs must be positive")
    workers = min(jobs or os.cpu_count() or 1, max(1, len(todo)))
    load_lexicon()  # loaded once before the workers fork, shared copy-on-write
    failed = len(problems)
    done = 0
    if workers <= 1:
        results = (align_job(j, config, presplit, include_unaligned) for j in todo)
        for line, err in results:
            failed, done = _report(path, line, err, failed, done)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(align_job, j, config, presplit, include_unaligned)
                       for j in todo]
            for fut in futures:
                line, err = fut.result()
                failed, done = _report(path, line, err, failed, done)
    total = len(todo) + len(problems)
    print(f"tawazi: aligned {done} of {total} pairs", file=sys.stderr)
    return 0 if failed == 0 else 1


def _report(path: str, line: int, err: str | None, failed: int, done: int) -> tuple[int, int]:
    if err is not None:
        print(f"tawazi: error: {path}:{line}: {err}", file=sys.stderr)
        return failed + 1, done
    return failed, done + 1
