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

from align import __version__
from align.errors import FormatError, InputError
from align.formats.atomic import atomic_write_text
from align.text.limits import Limits
from align.types import Alignment, Bead, Document, Flag, Sentence, check_alignment

if TYPE_CHECKING:
    from align.config import AlignConfig

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
        from align.text.readers import read_pair

        en, ar = read_pair(paths[0], paths[1], presplit=presplit, max_bytes=limits.max_bytes)
        hashes = [_sha(en.text), _sha(ar.text)]
    elif kind == "bilingual":
        from align.text.readers import read_bilingual

        en, ar = read_bilingual(paths[0], presplit=presplit, max_bytes=limits.max_bytes)
        hashes = [_sha(en.text)]
    else:
        from align.formats import read_alignment

        memory = read_alignment(Path(paths[0]), kind, limits)
        en, ar = memory.en_doc, memory.ar_doc
        hashes = [_sha(en.text + "\0" + ar.text)]
    files = tuple(InputFile(n, h) for n, h in zip(names, hashes, strict=True))
    return Inputs(Sources(kind, files, presplit), en, ar, memory, limits)


def first_alignment(inputs: Inputs, config: AlignConfig | None = None) -> Alignment:
    """The alignment a new review starts from: the memory's own units for TMX/TSV (kept as
    they are, with their statuses and edits), else a fresh alignment of the two texts."""
    from align.pipeline import align_pair, recheck

    if inputs.memory is not None:
        return recheck(inputs.memory, config)
    return align_pair(inputs.en_doc, inputs.ar_doc, config, limits=inputs.limits)


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
        "undo": _history(al, state.undo),
        "redo": _history(al, state.redo),
    }
    parts = [f"  {_dump(k)}: {_dump(v)}" for k, v in head.items()]
    for k, items in lists.items():
        body = ",\n".join(f"    {x}" for x in items)
        parts.append(f"  {_dump(k)}: [\n{body}\n  ]" if items else f"  {_dump(k)}: []")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def save_session(path: PathLike, state: SessionState) -> None:
    """Write the session atomically: a reader (or a crash) sees the old file or the new one.

    Raises:
        OutputError: the file cannot be written.
    """
    atomic_write_text(Path(path), session_json(state, path))


def _fail(reason: str, path: str) -> FormatError:
    return FormatError(f"not a valid tawazi session: {reason}", path=path)


def _get(d: Any, key: str, kind: type | tuple[type, ...], path: str) -> Any:
    if not isinstance(d, dict) or key not in d:
        raise _fail(f"{key!r} is missing", path)
    if not isinstance(value := d[key], kind) or (isinstance(value, bool) and kind is not bool):
        raise _fail(f"{key!r} has the wrong type", path)
    return value


def _bead(d: Any, path: str, n_en: int, n_ar: int) -> Bead:
    en, ar = tuple(_get(d, "en", list, path)), tuple(_get(d, "ar", list, path))
    if not all(isinstance(i, int) and 0 <= i < n for idx, n in ((en, n_en), (ar, n_ar))
               for i in idx):
        raise _fail("a bead names a sentence that does not exist", path)
    edits = (d.get("en_edit"), d.get("ar_edit"))
    if not all(e is None or isinstance(e, str) for e in edits):
        raise _fail("an edited text is not a string", path)
    flags = tuple(Flag(_get(f, "code", str, path), str(f.get("detail", "")))
                  for f in _get(d, "flags", list, path))
    try:
        return Bead(en, ar, cost=float(_get(d, "cost", (int, float), path)),
                    score=float(_get(d, "score", (int, float), path)), flags=flags,
                    status=_get(d, "status", str, path), en_edit=edits[0], ar_edit=edits[1])
    except ValueError as exc:
        raise _fail(str(exc), path) from None


def _sentences(rows: Any, doc: Document, path: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 3 and all(isinstance(x, int) for x in row)
                and 0 <= row[0] <= row[1] <= len(doc.text)):
            raise _fail("a sentence offset is outside its input text", path)
        out.append(Sentence(row[0], row[1], doc.text[row[0] : row[1]], row[2]))
    return tuple(out)


def _input_path(entry: Any, base: Path, path: str) -> str:
    """Relative to the session first (moved together), else absolute (moved alone)."""
    rel = Path(_get(entry, "path", str, path))
    absolute = Path(_get(entry, "abspath", str, path))
    candidate = rel if rel.is_absolute() else base / rel
    return str(absolute if not candidate.exists() and absolute.exists() else candidate)


def _check_schema(data: Any, path: str) -> None:
    if not isinstance(data, dict) or "schema_version" not in data:
        raise _fail("no schema_version (is this a session file written by tawazi?)", path)
    v = data["schema_version"]
    if isinstance(v, int) and not isinstance(v, bool) and v > SCHEMA_VERSION:
        raise FormatError(f"session schema version {v} is newer than this tawazi "
                          f"({__version__}) reads (up to {SCHEMA_VERSION}); upgrade tawazi "
                          "to open it", path=path)
    if v != SCHEMA_VERSION:
        raise FormatError(f"unknown session schema version {v!r} (this tawazi reads "
                          f"{SCHEMA_VERSION})", path=path)


def _checked(al: Alignment, path: str) -> Alignment:
    try:
        check_alignment(al)
    except ValueError as exc:
        raise _fail(str(exc), path) from None
    return al


def _versions(al: Alignment, patches: Any, path: str) -> tuple[Version, ...]:
    """Undo or redo history from its patches (most recent first in the file)."""
    out: list[Version] = []
    ref = al
    for patch in patches or []:
        at, drop = _get(patch, "at", int, path), _get(patch, "drop", int, path)
        if not (at >= 0 and drop >= 0 and at + drop <= len(ref.beads)):
            raise _fail("an undo step does not fit the alignment", path)
        new = tuple(_bead(b, path, len(ref.en_sents), len(ref.ar_sents))
                    for b in _get(patch, "beads", list, path))
        ref = _checked(replace(ref, beads=ref.beads[:at] + new + ref.beads[at + drop :],
                               signature=patch.get("signature", ref.signature)), path)
        out.append(Version(ref, _get(patch, "cursor", int, path)))
    return tuple(reversed(out))


def load_session(path: PathLike) -> SessionState:
    """Read a session and the inputs it was made from.

    Raises:
        InputError: the session or one of its inputs is missing or unreadable.
        StaleSessionError: an input's text changed since the session was saved.
        FormatError: not a session file, an unknown or newer schema, or a broken file.
    """
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such session file", path=where) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"not a tawazi session (invalid JSON: {exc.msg})", path=where,
                          line=exc.lineno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the session: {exc}", path=where) from None
    _check_schema(data, where)
    entries = _get(data, "inputs", list, where)
    paths = [_input_path(e, Path(path).resolve().parent, where) for e in entries]
    for p in paths:
        if not Path(p).exists():
            raise InputError(f"the input {p} of this session is missing", path=where)
    inputs = open_inputs(paths, presplit=bool(data.get("presplit", False)))
    if inputs.sources.kind != data.get("kind") or len(entries) != len(inputs.sources.files):
        raise _fail("its inputs do not match its kind", where)
    for entry, now in zip(entries, inputs.sources.files, strict=True):
        saved = _get(entry, "sha256", str, where)
        if saved != now.sha256:
            raise StaleSessionError(
                f"{now.path} has changed since this session was saved (sha256 "
                f"{saved[:12]}… then, {now.sha256[:12]}… now), so the session's sentence "
                "offsets no longer fit its text; restore that version of the file, or start "
                "a new review with --new-session", path=where)
    en = _sentences(_get(data, "en_sentences", list, where), inputs.en_doc, where)
    ar = _sentences(_get(data, "ar_sentences", list, where), inputs.ar_doc, where)
    beads = tuple(_bead(b, where, len(en), len(ar)) for b in _get(data, "beads", list, where))
    meta = {str(k): str(v) for k, v in dict(data.get("meta") or {}).items()}
    al = _checked(Alignment(inputs.en_doc, inputs.ar_doc, en, ar, beads,
                            str(data.get("signature", "")), meta), where)
    return SessionState(inputs.sources, al, _clamp(_get(data, "cursor", int, where), al),
                        _versions(al, data.get("undo"), where),
                        _versions(al, data.get("redo"), where))
