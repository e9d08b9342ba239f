"""The documents of a batch run, read as a stream: a folder walked, a manifest read line by line.

A corpus builder's run has millions of document pairs; holding them all as Python objects
(paths, names, a set of the names seen) before the first one is aligned would make the
parent's memory grow with the corpus. Both sources therefore yield one ``DocJob`` (or one
``Problem``, an unusable entry) at a time:

- a folder is walked depth first, each directory's entry names read with ``os.scandir`` and
  sorted, and only the directories on the current path kept open, so memory is bounded by
  the largest directory (one name per entry), not by the corpus. A file's partner is found
  by asking the file system whether ``x.ar.txt`` exists next to ``x.en.txt``. The sort is
  for locality, not for the report: documents then reach the store close to report order,
  so each batch of the report reads few stored parts (``store.PartIndex``); in the file
  system's order every batch would read every part. The report still sorts the documents
  by name at the end (``run.write_batch_report``);
- a manifest is decoded incrementally (UTF-8, or the UTF-16/32 of its byte-order mark;
  Windows-1256 or ISO-8859-6, which cannot be told from a sample, is read whole as before)
  and its rows parsed as they come, by the one manifest reader's rules (``manifest.py``).
  Repeated ``name`` cells are told apart in the report (``name#LINE``), again at the end, so
  no set of names is kept while reading.

Nothing here reads a document's text: that is the worker's job.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

#: The file name endings paired in a folder, English first, in order of preference.
PAIRS = ((".en.txt", ".ar.txt"), (".en", ".ar"))


@dataclass(frozen=True, slots=True)
class DocJob:
    """One document pair to align: its name in the report, its two files, and its line in
    the manifest (0 for a folder's pairs, which the report orders by name)."""

    name: str
    en: Path
    ar: Path
    line: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    """An entry of the source that cannot run, as one line for the user."""

    message: str


def iter_jobs(source: str | Path, presplit: bool = False) -> Iterator[DocJob | Problem]:
    """The document pairs of a folder or manifest, one at a time (module docstring).

    Raises:
        InputError: ``source`` does not exist, or holds no pair and no problem at all
            (raised on the first ``next``).
        FormatError: a manifest whose header lacks ``en``/``ar`` (on the first ``next``).
    """
    src = Path(source)
    if src.is_dir():
        items = _walk_pairs(src, presplit)
    elif src.is_file():
        items = _manifest_jobs(src)
    else:
        raise InputError("no such file or directory", path=src)
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        raise InputError("no document pairs found (expected x.en.txt + x.ar.txt, x.en + x.ar, "
                         "or a manifest with en and ar columns)", path=src)


def find_jobs(source: str | Path, presplit: bool = False) -> tuple[list[DocJob], list[str]]:
    """All pairs of a source and its problems as lists, a folder's in name order (for
    callers with few documents; a batch run streams ``iter_jobs`` instead)."""
    jobs: list[DocJob] = []
    problems: list[str] = []
    for item in iter_jobs(source, presplit):
        if isinstance(item, Problem):
            problems.append(item.message)
        else:
            jobs.append(item)
    return sorted(jobs, key=lambda j: (j.line, j.name)), problems


def _skipped(name: str) -> bool:
    """Hidden entries and work folders (``REPORT.work``) are not part of the corpus."""
    return name.startswith(".") or name.endswith(".work")


def _walk_pairs(root: Path, presplit: bool) -> Iterator[DocJob | Problem]:
    """Depth first in name order, with an explicit stack (a deep tree is no recursion), one
    sorted listing kept per level of the current path (module docstring)."""
    listing = _listing(root)
    if isinstance(listing, Problem):
        yield listing
        return
    stack: list[tuple[Path, str, Iterator[str]]] = [(root, "", _entries(listing))]
    while stack:
        folder, rel, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        kind, name = entry[0], entry[1:]
        if kind == "f":
            yield from _pair_of(folder, rel, name, presplit)
            continue
        sub = _listing(folder / name)
        if isinstance(sub, Problem):
            yield sub
        else:
            stack.append((folder / name, f"{rel}{name}/", _entries(sub)))


def _listing(folder: Path) -> str | Problem:
    """The entries of ``folder`` worth walking, sorted by name: subfolders (not followed
    through symlinks) and files; hidden entries and work folders left out (``_skipped``).

    One string, each entry ``d`` (a folder) or ``f`` (a file) then its name, NUL-separated
    (no file name holds a NUL): about 20 bytes an entry where a list of names would take
    120, since the listing of a folder of millions of pairs is held for the whole run."""
    names: list[tuple[str, str]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if _skipped(entry.name):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    names.append((entry.name, "d"))
                elif entry.is_file():
                    names.append((entry.name, "f"))
    except OSError as exc:
        return Problem(f"{folder}: cannot list: {exc.strerror or exc}")
    names.sort()
    return "\0".join(kind + name for name, kind in names)


def _entries(listing: str) -> Iterator[str]:
    """The entries of a ``_listing`` one at a time, without splitting it whole."""
    start = 0
    while start < len(listing):
        end = listing.find("\0", start)
        end = len(listing) if end < 0 else end
        yield listing[start:end]
        start = end + 1


def _pair_of(folder: Path, rel: str, name: str, presplit: bool) -> Iterator[DocJob | Problem]:
    """The job (or problem) a file stands for, yielded by exactly one file of its stem: the
    chosen pair's English file, or, for a stem without a pair, its first file by name."""
    order = PAIRS[::-1] if presplit else PAIRS
    for en_ext, ar_ext in PAIRS:
        for ext in (en_ext, ar_ext):
            if not (name.endswith(ext) and len(name) > len(ext)):
                continue
            base = name[: -len(ext)]
            present = {e: os.path.isfile(folder / f"{base}{e}")
                       for pair in PAIRS for e in pair}
            chosen = next(((e, a) for e, a in order if present[e] and present[a]), None)
            if chosen is not None:
                if name == base + chosen[0]:
                    yield DocJob(rel + base, folder / name, folder / f"{base}{chosen[1]}")
            elif name == min(base + e for e, ok in present.items() if ok):
                other = "Arabic" if ".en" in name else "English"
                yield Problem(f"{folder / name}: no {other} file with the same name next to it")


def _manifest_jobs(path: Path) -> Iterator[DocJob | Problem]:
    from .manifest import iter_manifest

    for row in iter_manifest(path, required=("en", "ar"), optional=("name", "out")):
        if row.problem:
            yield Problem(f"{path}:{row.line}: {row.problem}")
        else:
            yield DocJob(row.text("name") or row.text("en"), row.path("en"), row.path("ar"),
                         row.line)
