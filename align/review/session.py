"""Review sessions: alignment, statuses, edits, cursor and undo history, saved atomically as
JSON after every action, so that killing the reviewer loses at most the action being saved.

The file holds sentence offsets and bead indexes, not the text: the inputs are read again on
opening, and the sha256 of each input's decoded text is kept, so a session of another
version of a file is refused with an explanation instead of pointing into the wrong
sentences. ``schema_version`` lets an older tawazi refuse a newer layout clearly. Undo and
redo are stored as patches (the beads that differ between versions): a long history is cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import InputError
from ..formats.atomic import atomic_write_text
from ..text.limits import Limits
from ..types import Alignment, Bead, Document
from .carry import Reviewed, reviewed_beads
from .session_guard import ABSENT, Stamp, check_unchanged, stamp_of

if TYPE_CHECKING:
    from ..config import AlignConfig
    from ..pipeline import StepProgress

#: Layout version of the session file; bump it when the layout changes incompatibly.
SCHEMA_VERSION = 1

PathLike = str | os.PathLike[str]


class StaleSessionError(InputError):
    """An input file no longer has the text the session was made from."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file of a session and the sha256 of the text its offsets index."""

    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Sources:
    """Where a session's text comes from: ``kind`` is ``pair`` (EN file, AR file),
    ``bilingual`` (one file holding both), ``tmx`` or ``tsv`` (a translation memory)."""

    kind: str
    files: tuple[InputFile, ...]
    presplit: bool = False

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(f.path for f in self.files)


@dataclass(frozen=True, slots=True)
class Inputs:
    """The documents read from the inputs; ``memory`` is the alignment a TMX/TSV holds."""

    sources: Sources
    en_doc: Document
    ar_doc: Document
    memory: Alignment | None = None
    #: Size limits of the inputs (``--max-mb``, ``--max-sentences``), also for the search.
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True, slots=True)
class Version:
    """One entry of the undo or redo history: an alignment and where the cursor was."""

    alignment: Alignment
    cursor: int


@dataclass(frozen=True, slots=True)
class SessionState:
    """Everything a review session saves. Immutable: each action builds the next state."""

    sources: Sources
    alignment: Alignment
    cursor: int = 0
    undo: tuple[Version, ...] = ()
    redo: tuple[Version, ...] = ()

    def changed(self, alignment: Alignment, cursor: int) -> SessionState:
        """The state after an edit: the current version goes onto the undo history and the
        redo history is dropped (an edit after undo starts a new branch)."""
        if alignment is self.alignment:
            return self.moved(cursor)
        return replace(self, alignment=alignment, cursor=_clamp(cursor, alignment),
                       undo=(*self.undo, Version(self.alignment, self.cursor)), redo=())

    def moved(self, cursor: int) -> SessionState:
        return replace(self, cursor=_clamp(cursor, self.alignment))

    def undone(self) -> SessionState | None:
        """The state before the last edit (``None``: nothing to undo)."""
        if not self.undo:
            return None
        to, here = self.undo[-1], Version(self.alignment, self.cursor)
        return replace(self, alignment=to.alignment, cursor=_clamp(to.cursor, to.alignment),
                       undo=self.undo[:-1], redo=(*self.redo, here))

    def redone(self) -> SessionState | None:
        """The state after the last undone edit (``None``: nothing to redo)."""
        if not self.redo:
            return None
        to, here = self.redo[-1], Version(self.alignment, self.cursor)
        return replace(self, alignment=to.alignment, cursor=_clamp(to.cursor, to.alignment),
                       undo=(*self.undo, here), redo=self.redo[:-1])


def _clamp(cursor: int, al: Alignment) -> int:
    return max(0, min(cursor, len(al.beads) - 1))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def input_kind(paths: Sequence[PathLike]) -> str:
    """``pair``, ``bilingual``, ``tmx`` or ``tsv`` from the number and names of the inputs."""
    if len(paths) not in (1, 2):
        raise InputError(f"expected one or two input files, got {len(paths)}")
    suffix = Path(paths[0]).suffix.lower()
    return "pair" if len(paths) == 2 else {".tmx": "tmx", ".tsv": "tsv"}.get(suffix, "bilingual")


def open_inputs(paths: Sequence[PathLike], *, presplit: bool = False,
                limits: Limits | None = None) -> Inputs:
    """Read the inputs of a review and fingerprint their text: the sha256 of the decoded
    text (re-encoding a file changes nothing, changing a letter does); for a TMX or TSV, of
    the two documents built from its segments, which is what offsets index.

    Raises:
        InputError: as the readers do (missing, undecodable, one language only, ...).
    """
    kind = input_kind(paths)
    limits = limits or Limits()
    names = [str(Path(p).resolve()) for p in paths]
    memory: Alignment | None = None
    if kind == "pair":
        from ..text.readers import read_pair

        en, ar = read_pair(paths[0], paths[1], presplit=presplit, max_bytes=limits.max_bytes)
        hashes = [_sha(en.text), _sha(ar.text)]
    elif kind == "bilingual":
        from ..text.readers import read_bilingual

        en, ar = read_bilingual(paths[0], presplit=presplit, max_bytes=limits.max_bytes)
        hashes = [_sha(en.text)]
    else:
        from ..formats import read_alignment

        memory = read_alignment(Path(paths[0]), kind, limits)
        en, ar = memory.en_doc, memory.ar_doc
        hashes = [_sha(en.text + "\0" + ar.text)]
    files = tuple(InputFile(n, h) for n, h in zip(names, hashes, strict=True))
    return Inputs(Sources(kind, files, presplit), en, ar, memory, limits)


def first_alignment(inputs: Inputs, config: AlignConfig | None = None,
                    progress: StepProgress | None = None) -> Alignment:
    """The alignment a new review starts from: the memory's own units for TMX/TSV (kept as
    they are, with their statuses and edits), else a fresh alignment of the two texts;
    ``progress`` hears of each step of the alignment (``align.pipeline.align_pair``)."""
    from ..pipeline import align_pair, recheck

    if inputs.memory is not None:
        return recheck(inputs.memory, config)
    return align_pair(inputs.en_doc, inputs.ar_doc, config, limits=inputs.limits,
                      progress=progress)


def new_session(inputs: Inputs, alignment: Alignment) -> SessionState:
    return SessionState(inputs.sources, alignment)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@lru_cache(maxsize=200_000)
def _bead_line(b: Bead) -> str:
    """One bead as JSON; cached, since a save writes every bead and an edit changes few."""
    flags = [{"code": f.code, "detail": f.detail} for f in b.flags]
    return _dump({"en": list(b.en), "ar": list(b.ar), "status": b.status, "score": b.score,
                  "cost": b.cost, "flags": flags, "en_edit": b.en_edit, "ar_edit": b.ar_edit})


@lru_cache(maxsize=200_000)
def _reviewed_line(r: Reviewed) -> str:
    """One approved or edited bead by its sentences' keys: what lets the work be carried
    over to a changed input (``align.review.carry``); the file holds no text."""
    return _dump({"en": list(r.en), "ar": list(r.ar), "en_at": r.en_at, "ar_at": r.ar_at,
                  "status": r.status, "en_edit": r.en_edit, "ar_edit": r.ar_edit})


def _patch(ref: Alignment, target: Version) -> str:
    """Rebuild ``target`` from ``ref`` by replacing ``drop`` beads at ``at`` by ``beads``
    (``align.review.edit`` keeps untouched beads as they were: ``is`` finds them at once)."""
    a, b = ref.beads, target.alignment.beads
    n = min(len(a), len(b))
    p = s = 0
    while p < n and (a[p] is b[p] or a[p] == b[p]):
        p += 1
    while s < n - p and (a[-1 - s] is b[-1 - s] or a[-1 - s] == b[-1 - s]):
        s += 1
    beads = ", ".join(_bead_line(x) for x in b[p : len(b) - s])
    sig = target.alignment.signature
    sig_part = f', "signature": {_dump(sig)}' if sig != ref.signature else ""
    return (f'{{"cursor": {target.cursor}, "at": {p}, "drop": {len(a) - p - s}, '
            f'"beads": [{beads}]{sig_part}}}')


#: Patches already rendered, by the identity of the two versions they link (kept with the
#: text, so that an id cannot be reused while cached): a save renders only the new step.
_PATCHES: dict[tuple[int, int, int], tuple[Alignment, Alignment, str]] = {}


def _history(current: Alignment, versions: tuple[Version, ...]) -> list[str]:
    """Patches from the current version outwards (most recent first)."""
    out: list[str] = []
    ref = current
    for v in reversed(versions):
        key = (id(ref), id(v.alignment), v.cursor)
        hit = _PATCHES.get(key)
        if hit is None or hit[0] is not ref or hit[1] is not v.alignment:
            if len(_PATCHES) > 20_000:
                _PATCHES.clear()
            hit = _PATCHES[key] = (ref, v.alignment, _patch(ref, v))
        out.append(hit[2])
        ref = v.alignment
    return out


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return path


def session_json(state: SessionState, session_path: PathLike) -> str:
    """The text of the session file: one bead, sentence or patch per line, so that a
    session can be read and diffed by a person."""
    base = Path(session_path).resolve().parent
    al = state.alignment
    head: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION, "tawazi_version": __version__,
        "kind": state.sources.kind, "presplit": state.sources.presplit,
        "inputs": [{"path": _rel(f.path, base), "abspath": f.path, "sha256": f.sha256}
                   for f in state.sources.files],
        "signature": al.signature, "meta": dict(al.meta), "cursor": state.cursor,
    }
    lists: dict[str, list[str]] = {
        "en_sentences": [f"[{s.start}, {s.end}, {s.paragraph}]" for s in al.en_sents],
        "ar_sentences": [f"[{s.start}, {s.end}, {s.paragraph}]" for s in al.ar_sents],
        "beads": [_bead_line(b) for b in al.beads],
        "reviewed": [_reviewed_line(r) for r in reviewed_beads(al)],
        "undo": _history(al, state.undo),
        "redo": _history(al, state.redo),
    }
    parts = [f"  {_dump(k)}: {_dump(v)}" for k, v in head.items()]
    for k, items in lists.items():
        body = ",\n".join(f"    {x}" for x in items)
        parts.append(f"  {_dump(k)}: [\n{body}\n  ]" if items else f"  {_dump(k)}: []")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def save_session(path: PathLike, state: SessionState, *, since: Stamp | None = None) -> Stamp:
    """Write the session atomically: a reader (or a crash) sees the old file or the new one.

    With ``since`` (the stamp of the last read or write), a file that changed on disk
    meanwhile is left as it is and refused: it holds someone else's work.

    Returns:
        The stamp of the file just written, for the next save.

    Raises:
        SessionChangedError: ``since`` was given and the file is no longer what it recorded.
        OutputError: the file cannot be written.
    """
    text = session_json(state, path)
    if since is not None:
        check_unchanged(Path(path), since)
    atomic_write_text(Path(path), text)
    try:
        st = os.stat(path)
    except OSError:  # gone already: the next save will just write it again
        return ABSENT
    return stamp_of(st, text.encode("utf-8"))


def load_session(path: PathLike) -> SessionState:
    """Read a session and the inputs it was made from (``align.review.session_load``).

    Raises:
        InputError: the session or one of its inputs is missing or unreadable.
        StaleSessionError: an input's text changed since the session was saved.
        FormatError: not a session file, an unknown or newer schema, or a broken file.
    """
    from .session_load import read_session

    return read_session(path).state
