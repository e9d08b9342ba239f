"""Review sessions: the state of a review (alignment, statuses, edits, cursor, undo history)
saved as JSON next to the inputs, so that closing, crashing or killing the reviewer loses
nothing but, at worst, the action being written.

The file holds sentence *offsets* and bead indexes, never copies of the input text: the text
is read again from the inputs on opening, and the sha256 of each input's decoded text is
kept so that a session made from a different version of a file is refused with an
explanation instead of silently pointing into the wrong sentences. Every save is atomic
(``align.atomic``); the file carries ``schema_version`` so that a newer layout is refused
clearly by an older tawazi.

The undo and redo histories are stored as patches (which beads changed between one version
and the next), so a long history costs little on disk even for long documents.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align import __version__
from align.atomic import atomic_write_text
from align.errors import FormatError, InputError
from align.types import Alignment, Bead, Document, Flag, Sentence, check_alignment

if TYPE_CHECKING:
    from align.config import AlignConfig

#: Layout version of the session file; bump it when the layout changes incompatibly.
SCHEMA_VERSION = 1
#: Suffix of a session file next to its first input: ``article.txt`` ->
#: ``article.tawazi.json``.
SESSION_SUFFIX = ".tawazi.json"
KINDS = ("pair", "bilingual", "tmx", "tsv")


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
        return replace(
            self,
            alignment=alignment,
            cursor=_clamp(cursor, alignment),
            undo=(*self.undo, Version(self.alignment, self.cursor)),
            redo=(),
        )

    def moved(self, cursor: int) -> SessionState:
        return replace(self, cursor=_clamp(cursor, self.alignment))

    def undone(self) -> SessionState | None:
        """The state before the last edit (``None``: nothing to undo)."""
        if not self.undo:
            return None
        last = self.undo[-1]
        return replace(
            self,
            alignment=last.alignment,
            cursor=_clamp(last.cursor, last.alignment),
            undo=self.undo[:-1],
            redo=(*self.redo, Version(self.alignment, self.cursor)),
        )

    def redone(self) -> SessionState | None:
        """The state after the last undone edit (``None``: nothing to redo)."""
        if not self.redo:
            return None
        nxt = self.redo[-1]
        return replace(
            self,
            alignment=nxt.alignment,
            cursor=_clamp(nxt.cursor, nxt.alignment),
            undo=(*self.undo, Version(self.alignment, self.cursor)),
            redo=self.redo[:-1],
        )


def _clamp(cursor: int, al: Alignment) -> int:
    return max(0, min(cursor, len(al.beads) - 1))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# Opening inputs ---------------------------------------------------------------------------


def input_kind(paths: Sequence[str | os.PathLike[str]]) -> str:
    """``pair``, ``bilingual``, ``tmx`` or ``tsv`` from the number and names of the inputs."""
    if len(paths) == 2:
        return "pair"
    if len(paths) == 1:
        suffix = Path(paths[0]).suffix.lower()
        return {".tmx": "tmx", ".tsv": "tsv"}.get(suffix, "bilingual")
    raise InputError(f"expected one or two input files, got {len(paths)}")


def open_inputs(paths: Sequence[str | os.PathLike[str]], *, presplit: bool = False) -> Inputs:
    """Read the inputs of a review and fingerprint their text.

    The fingerprint of a text file is the sha256 of its decoded text (re-encoding a file
    does not invalidate a session, changing a letter does); for a TMX or TSV memory it is
    that of the two documents built from its segments, which is what offsets index.

    Raises:
        InputError: as the readers do (missing, undecodable, one language only, ...).
    """
    kind = input_kind(paths)
    names = [str(Path(p).resolve()) for p in paths]
    memory: Alignment | None = None
    files: tuple[InputFile, ...]
    if kind == "pair":
        from align.readers import read_pair

        en, ar = read_pair(paths[0], paths[1], presplit=presplit)
        files = (InputFile(names[0], _sha(en.text)), InputFile(names[1], _sha(ar.text)))
    elif kind == "bilingual":
        from align.readers import read_bilingual

        en, ar = read_bilingual(paths[0], presplit=presplit)
        files = (InputFile(names[0], _sha(en.text)),)
    else:
        from align.formats import read_alignment

        memory = read_alignment(Path(paths[0]), kind)
        en, ar = memory.en_doc, memory.ar_doc
        files = (InputFile(names[0], _sha(en.text + "\0" + ar.text)),)
    return Inputs(Sources(kind, files, presplit), en, ar, memory)


def first_alignment(inputs: Inputs, config: AlignConfig | None = None) -> Alignment:
    """The alignment a new review starts from: the memory's own units for TMX/TSV (kept as
    they are, with their statuses and edits), else a fresh alignment of the two texts."""
    from align.pipeline import align_pair, recheck

    if inputs.memory is not None:
        return recheck(inputs.memory, config)
    return align_pair(inputs.en_doc, inputs.ar_doc, config)


def new_session(inputs: Inputs, alignment: Alignment) -> SessionState:
    return SessionState(inputs.sources, alignment)


def default_session_path(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """The session file of a review of ``paths``: next to the first input.

    >>> str(default_session_path(["news/article.txt"]))
    'news/article.tawazi.json'
    """
    first = Path(paths[0])
    return first.with_name(first.stem + SESSION_SUFFIX)


def is_session_path(path: str | os.PathLike[str]) -> bool:
    """A ``.json`` argument is a session file (no input format of tawazi is JSON)."""
    return Path(path).suffix.lower() == ".json"


# Writing ----------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _bead_line(b: Bead) -> str:
    """One bead as JSON; cached, since a save writes every bead and an edit changes few."""
    return _dump({
        "en": list(b.en),
        "ar": list(b.ar),
        "status": b.status,
        "score": b.score,
        "cost": b.cost,
        "flags": [{"code": f.code, "detail": f.detail} for f in b.flags],
        "en_edit": b.en_edit,
        "ar_edit": b.ar_edit,
    })


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class _IdentityCache:
    """Rendered text of values that are shared between saves (the sentence tuples, the
    patches between two versions), found by the identity of the objects it was made from.
    The objects are kept with the text, so an id cannot be reused while it is cached."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], str]] = (
            OrderedDict())

    def get(self, objs: tuple[object, ...], make: Callable[[], str]) -> str:
        key = tuple(id(o) for o in objs)
        hit = self.items.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], objs, strict=True)):
            self.items.move_to_end(key)
            return hit[1]
        text = make()
        self.items[key] = (objs, text)
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return text


_CACHE = _IdentityCache(20_000)


def _patch(ref: Alignment, target: Version) -> str:
    """How to rebuild ``target`` from ``ref``: replace ``drop`` beads at ``at`` by ``beads``.

    Untouched beads are shared between versions (``align.edit`` keeps them), so the common
    prefix and suffix are found by identity at the cost of a pointer comparison per bead.
    """
    a, b = ref.beads, target.alignment.beads
    n = min(len(a), len(b))
    p = 0
    while p < n and (a[p] is b[p] or a[p] == b[p]):
        p += 1
    s = 0
    while s < n - p and (a[-1 - s] is b[-1 - s] or a[-1 - s] == b[-1 - s]):
        s += 1
    beads = ", ".join(_bead_line(x) for x in b[p : len(b) - s])
    sig = ""
    if target.alignment.signature != ref.signature:
        sig = f', "signature": {_dump(target.alignment.signature)}'
    return (f'{{"cursor": {target.cursor}, "at": {p}, "drop": {len(a) - p - s}, '
            f'"beads": [{beads}]{sig}}}')


def _history(current: Alignment, versions: tuple[Version, ...]) -> list[str]:
    """Patches from the current version outwards (most recent first)."""
    out: list[str] = []
    ref = current
    for v in reversed(versions):
        out.append(_CACHE.get((ref, v.alignment, v.cursor), partial(_patch, ref, v)))
        ref = v.alignment
    return out


def _sentence_lines(sents: tuple[Sentence, ...]) -> list[str]:
    return [f"[{s.start}, {s.end}, {s.paragraph}]" for s in sents]


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return path


def session_json(state: SessionState, session_path: str | os.PathLike[str]) -> str:
    """The text of the session file: one bead, sentence or patch per line, so that a
    session can be read and diffed by a person."""
    base = Path(session_path).resolve().parent
    al = state.alignment
    head: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tawazi_version": __version__,
        "kind": state.sources.kind,
        "presplit": state.sources.presplit,
        "inputs": [
            {"path": _rel(f.path, base), "abspath": f.path, "sha256": f.sha256}
            for f in state.sources.files
        ],
        "signature": al.signature,
        "meta": dict(al.meta),
        "cursor": state.cursor,
    }
    lists: dict[str, list[str]] = {
        "en_sentences": _sentence_lines(al.en_sents),
        "ar_sentences": _sentence_lines(al.ar_sents),
        "beads": [_bead_line(b) for b in al.beads],
        "undo": _history(al, state.undo),
        "redo": _history(al, state.redo),
    }
    parts = [f"  {_dump(k)}: {_dump(v)}" for k, v in head.items()]
    for k, items in lists.items():
        body = ",\n".join(f"    {x}" for x in items)
        parts.append(f"  {_dump(k)}: [\n{body}\n  ]" if items else f"  {_dump(k)}: []")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def save_session(path: str | os.PathLike[str], state: SessionState) -> None:
    """Write the session atomically: a reader (or a crash) sees the old file or the new one.

    Raises:
        OutputError: the file cannot be written.
    """
    atomic_write_text(Path(path), session_json(state, path))


# Reading ----------------------------------------------------------------------------------


def _fail(reason: str, path: str) -> FormatError:
    return FormatError(f"not a valid tawazi session: {reason}", path=path)


def _get(d: Any, key: str, kind: type | tuple[type, ...], path: str) -> Any:
    if not isinstance(d, dict) or key not in d:
        raise _fail(f"{key!r} is missing", path)
    value = d[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _fail(f"{key!r} has the wrong type", path)
    return value


def _bead(d: Any, path: str, n_en: int, n_ar: int) -> Bead:
    en = tuple(_get(d, "en", list, path))
    ar = tuple(_get(d, "ar", list, path))
    if not all(isinstance(i, int) and 0 <= i < n for idx, n in ((en, n_en), (ar, n_ar))
               for i in idx):
        raise _fail("a bead names a sentence that does not exist", path)
    edits = (d.get("en_edit"), d.get("ar_edit"))
    if not all(e is None or isinstance(e, str) for e in edits):
        raise _fail("an edited text is not a string", path)
    flags = tuple(
        Flag(str(_get(f, "code", str, path)), str(f.get("detail", "")))
        for f in _get(d, "flags", list, path)
    )
    try:
        return Bead(
            en, ar,
            cost=float(_get(d, "cost", (int, float), path)),
            score=float(_get(d, "score", (int, float), path)),
            flags=flags,
            status=_get(d, "status", str, path),
            en_edit=edits[0],
            ar_edit=edits[1],
        )
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
    """An input's path: relative to the session's folder first (the pair was moved
    together), else the absolute path it had when saved."""
    rel = Path(_get(entry, "path", str, path))
    absolute = Path(_get(entry, "abspath", str, path))
    candidate = rel if rel.is_absolute() else base / rel
    if candidate.exists() or not absolute.exists():
        return str(candidate)
    return str(absolute)


def _check_schema(data: Any, path: str) -> None:
    if not isinstance(data, dict) or "schema_version" not in data:
        raise _fail("no schema_version (is this a session file written by tawazi?)", path)
    version = data["schema_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise FormatError(
            f"session schema version {version} is newer than this tawazi ({__version__}) "
            f"reads (up to {SCHEMA_VERSION}); upgrade tawazi to open it",
            path=path,
        )
    if version != SCHEMA_VERSION:
        raise FormatError(
            f"unknown session schema version {version!r} (this tawazi reads "
            f"{SCHEMA_VERSION})",
            path=path,
        )


def _apply(ref: Alignment, patch: Any, path: str) -> Version:
    at = _get(patch, "at", int, path)
    drop = _get(patch, "drop", int, path)
    n_en, n_ar = len(ref.en_sents), len(ref.ar_sents)
    if not (at >= 0 and drop >= 0 and at + drop <= len(ref.beads)):
        raise _fail("an undo step does not fit the alignment", path)
    new = tuple(_bead(b, path, n_en, n_ar) for b in _get(patch, "beads", list, path))
    al = replace(
        ref,
        beads=ref.beads[:at] + new + ref.beads[at + drop :],
        signature=patch.get("signature", ref.signature),
    )
    _check(al, path)
    return Version(al, _get(patch, "cursor", int, path))


def _check(al: Alignment, path: str) -> None:
    try:
        check_alignment(al)
    except ValueError as exc:
        raise _fail(str(exc), path) from None


def load_session(path: str | os.PathLike[str]) -> SessionState:
    """Read a session and the inputs it was made from.

    Raises:
        InputError: the session or one of its inputs is missing or unreadable.
        StaleSessionError: an input's text changed since the session was saved.
        FormatError: not a session file, an unknown or newer schema, or a broken file.
    """
    where = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such session file", path=where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the session: {exc}", path=where) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not a tawazi session (invalid JSON: {exc.msg})", path=where,
                          line=exc.lineno) from None
    _check_schema(data, where)
    base = Path(path).resolve().parent
    entries = _get(data, "inputs", list, where)
    paths = [_input_path(e, base, where) for e in entries]
    presplit = bool(data.get("presplit", False))
    for p in paths:
        if not Path(p).exists():
            raise InputError(f"the input {p} of this session is missing", path=where)
    inputs = open_inputs(paths, presplit=presplit)
    if inputs.sources.kind != data.get("kind") or len(entries) != len(inputs.sources.files):
        raise _fail("its inputs do not match its kind", where)
    for entry, now in zip(entries, inputs.sources.files, strict=True):
        saved = _get(entry, "sha256", str, where)
        if saved != now.sha256:
            raise StaleSessionError(
                f"{now.path} has changed since this session was saved (sha256 "
                f"{saved[:12]}… then, {now.sha256[:12]}… now), so the session's sentence "
                "offsets no longer fit its text; restore that version of the file, or start "
                "a new review with --new-session",
                path=where,
            )
    en_sents = _sentences(_get(data, "en_sentences", list, where), inputs.en_doc, where)
    ar_sents = _sentences(_get(data, "ar_sentences", list, where), inputs.ar_doc, where)
    beads = tuple(_bead(b, where, len(en_sents), len(ar_sents))
                  for b in _get(data, "beads", list, where))
    meta = data.get("meta") or {}
    al = Alignment(
        inputs.en_doc, inputs.ar_doc, en_sents, ar_sents, beads,
        str(data.get("signature", "")), {str(k): str(v) for k, v in dict(meta).items()},
    )
    _check(al, where)
    history: dict[str, tuple[Version, ...]] = {}
    for name in ("undo", "redo"):
        versions: list[Version] = []
        ref = al
        for patch in data.get(name) or []:
            v = _apply(ref, patch, where)
            versions.append(v)
            ref = v.alignment
        history[name] = tuple(reversed(versions))
    return SessionState(
        inputs.sources, al, _clamp(_get(data, "cursor", int, where), al),
        history["undo"], history["redo"],
    )
