"""The results a batch run keeps between runs: a partitioned parquet dataset in its work folder.

``REPORT.work/results/`` holds *parts*: ``part-ID.parquet``, the bead rows of a chunk of
documents (one row per bead, with the ``key`` of its document), and beside it
``part-ID.keys``, those documents' keys as 64-bit integers (a document without any row, a
mining run that found no pair, is done all the same). A key (``run.job_key``) is a hash of the
document's two files, ``presplit`` and the model's signature, so a result is found again
whatever the document is called, and a changed input or a refit of the model is a new key.

Writes are atomic (``formats.atomic``): the parquet file first, its keys second, so a part
whose keys file is missing was cut short by a kill, and ``open_store`` deletes it; a document
counts as done only once both are on disk. The parent process is the one writer: workers
return their rows and the parent writes each document once, however many times a cluster had
to run it, so there are no duplicate rows to remove afterwards.

What stays in memory is the sorted array of done keys, 8 bytes per document (``Done``), not
a Python object per document. polars is imported inside the functions; numpy reads the keys,
so that a process about to fork workers has not started polars' thread pool.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import OutputError
from ..formats.atomic import atomic_write_bytes

if TYPE_CHECKING:
    import polars as pl

RESULTS = "results"
_KEYS = ".keys"


def key_number(key: str) -> int:
    """A job key (16 hex digits) as the unsigned 64-bit integer the keys files hold."""
    return int(key, 16)


@dataclass(slots=True)
class Done:
    """The keys of every document stored, as a sorted ``uint64`` array (module docstring)."""

    keys: np.ndarray

    def __contains__(self, key: str) -> bool:
        k = np.uint64(key_number(key))
        i = int(np.searchsorted(self.keys, k))
        return i < len(self.keys) and self.keys[i] == k

    def add(self, keys: Iterable[str]) -> None:
        new = np.fromiter((key_number(k) for k in keys), dtype=np.uint64)
        self.keys = np.union1d(self.keys, new)

    def __len__(self) -> int:
        return len(self.keys)


def results_folder(work: Path) -> Path:
    return work / RESULTS


def open_store(work: Path) -> Done:
    """Create the results folder if needed, delete the parts a kill cut short, and return the
    keys of everything stored.

    Raises:
        OutputError: the folder cannot be created or read.
    """
    folder = results_folder(work)
    try:
        folder.mkdir(exist_ok=True)
        names = {e.name for e in os.scandir(folder) if e.name.startswith("part-")}
    except OSError as exc:
        raise OutputError(f"cannot use the results folder: {exc.strerror or exc}",
                          path=folder) from None
    arrays = [np.zeros(0, dtype=np.uint64)]
    for name in names:
        stem, ext = os.path.splitext(name)
        if ext == ".parquet" and f"{stem}{_KEYS}" not in names:
            (folder / name).unlink(missing_ok=True)  # cut short before its keys were written
        elif ext == _KEYS and f"{stem}.parquet" in names:
            arrays.append(np.fromfile(folder / name, dtype="<u8").astype(np.uint64))
    return Done(np.unique(np.concatenate(arrays)))


def part_files(work: Path) -> list[Path]:
    """The complete parts of the store (their keys file written), in name order."""
    folder = results_folder(work)
    if not folder.is_dir():
        return []
    names = {e.name for e in os.scandir(folder)}
    return sorted(folder / n for n in names
                  if n.startswith("part-") and n.endswith(".parquet")
                  and n[: -len(".parquet")] + _KEYS in names)


def new_part_id() -> str:
    """A part name no other run or chunk will take: time, process and a random tag."""
    return f"{time.time_ns():020d}-{os.getpid()}-{secrets.token_hex(3)}"


def write_part(work: Path, rows: pl.DataFrame, keys: Sequence[str]) -> None:
    """Store one chunk: its bead rows (with their ``key`` column) and the keys of all its
    documents, rows first (module docstring).

    Raises:
        OutputError: the disk is full or the folder unwritable; nothing of the chunk counts
            as done then.
    """
    import io

    folder = results_folder(work)
    part = new_part_id()
    buf = io.BytesIO()
    rows.write_parquet(buf)
    atomic_write_bytes(folder / f"part-{part}.parquet", buf.getvalue())
    data = np.fromiter((key_number(k) for k in keys), dtype="<u8").tobytes()
    atomic_write_bytes(folder / f"part-{part}{_KEYS}", data)


def scan_results(work: Path, schema: dict[str, Any],
                 files: Sequence[Path] | None = None) -> pl.LazyFrame:
    """Every stored bead row, lazily, or those of the parts ``files`` (``PartIndex``); an
    empty frame of ``schema`` when there is none."""
    import polars as pl

    files = part_files(work) if files is None else files
    if not files:
        return pl.DataFrame(schema=schema).lazy()
    return pl.scan_parquet(list(files), schema=schema)


@dataclass(frozen=True, slots=True)
class PartIndex:
    """Which part holds each stored document: the keys of every part, sorted, with their
    part's number (16 bytes per document).

    The report reads its documents a batch at a time in report order; scanning every part
    for each batch would read the whole store once per batch (quadratic in the number of
    documents). The documents of a batch were mostly aligned together, so they sit in few
    parts, and only those are read."""

    parts: tuple[Path, ...]
    keys: np.ndarray
    part_of: np.ndarray

    @classmethod
    def of(cls, work: Path) -> PartIndex:
        files = tuple(part_files(work))
        arrays = [np.fromfile(f.with_suffix(_KEYS), dtype="<u8").astype(np.uint64)
                  for f in files]
        keys = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint64)
        part_of = np.repeat(np.arange(len(files), dtype=np.int32),
                            [len(a) for a in arrays]) if arrays else np.zeros(0, np.int32)
        order = np.argsort(keys, kind="stable")
        return cls(files, keys[order], part_of[order])

    def parts_for(self, keys: Iterable[str | None]) -> list[Path]:
        """The parts holding any of ``keys`` (a document without a result has none)."""
        want = np.fromiter((key_number(k) for k in keys if k), dtype=np.uint64)
        if not len(want) or not len(self.keys):
            return []
        i = np.clip(np.searchsorted(self.keys, want), 0, len(self.keys) - 1)
        found = self.part_of[i[self.keys[i] == want]]
        return [self.parts[k] for k in np.unique(found)]
