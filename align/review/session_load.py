"""Reading a session file: every value is checked before it is used.

A session file is input like any other: it may be truncated, edited by hand, or crafted. So
the reader refuses, with one ``FormatError``, what ``json`` would turn into a traceback (a
number of 5,000 digits, arrays nested 100,000 deep) and what it would accept silently but
the review cannot use: ``NaN`` and ``Infinity`` (which ``json`` reads by default), booleans
where numbers belong (``True`` is an ``int`` in Python), overlapping sentence offsets, a
``meta`` that is not an object of strings.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn

from .. import __version__
from ..errors import FormatError, InputError
from ..types import STATUSES, Alignment, Bead, Document, Flag, Sentence, check_alignment
from .carry import Reviewed
from .session import (
    SCHEMA_VERSION,
    PathLike,
    SessionState,
    StaleSessionError,
    Version,
    _clamp,
    open_inputs,
)
from .session_guard import Stamp, stamp_of


@dataclass(frozen=True, slots=True)
class Loaded:
    """A session as read, and the stamp of the bytes it was read from (to detect, before
    the next save, that another program changed the file)."""

    state: SessionState
    stamp: Stamp


def _fail(reason: str, path: str) -> FormatError:
    return FormatError(f"not a valid tawazi session: {reason}", path=path)


def _get(d: Any, key: str, kind: type | tuple[type, ...], path: str) -> Any:
    if not isinstance(d, dict) or key not in d:
        raise _fail(f"{key!r} is missing", path)
    if not isinstance(value := d[key], kind) or (isinstance(value, bool) and kind is not bool):
        raise _fail(f"{key!r} has the wrong type", path)
    return value


def _int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _number(d: Any, key: str, path: str) -> float:
    value = float(_get(d, key, (int, float), path))
    if not math.isfinite(value):
        raise _fail(f"{key!r} is not a finite number", path)
    return value


def _bead(d: Any, path: str, n_en: int, n_ar: int) -> Bead:
    en, ar = tuple(_get(d, "en", list, path)), tuple(_get(d, "ar", list, path))
    if not all(_int(i) and 0 <= i < n for idx, n in ((en, n_en), (ar, n_ar)) for i in idx):
        raise _fail("a bead names a sentence that does not exist", path)
    edits = (d.get("en_edit"), d.get("ar_edit"))
    if not all(e is None or isinstance(e, str) for e in edits):
        raise _fail("an edited text is not a string", path)
    flags = tuple(Flag(_get(f, "code", str, path), _text(f.get("detail", ""), path))
                  for f in _get(d, "flags", list, path))
    try:
        return Bead(en, ar, cost=_number(d, "cost", path), score=_number(d, "score", path),
                    flags=flags, status=_get(d, "status", str, path), en_edit=edits[0],
                    ar_edit=edits[1])
    except ValueError as exc:
        raise _fail(str(exc), path) from None


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _fail("a flag's detail is not a string", path)
    return value


def _sentences(rows: Any, doc: Document, path: str) -> tuple[Sentence, ...]:
    """Sentences in order, none overlapping the one before, all inside the text."""
    out: list[Sentence] = []
    end = 0
    for row in rows:
        if not (isinstance(row, list) and len(row) == 3 and all(_int(x) for x in row)
                and 0 <= row[0] <= row[1] <= len(doc.text) and row[2] >= 0):
            raise _fail("a sentence offset is outside its input text", path)
        if row[0] < end:
            raise _fail("sentence offsets overlap or are out of order", path)
        end = row[1]
        out.append(Sentence(row[0], row[1], doc.text[row[0] : row[1]], row[2]))
    return tuple(out)


def _input_path(entry: Any, base: Path, path: str) -> str:
    """Relative to the session first (moved together), else absolute (moved alone)."""
    rel = Path(_get(entry, "path", str, path))
    absolute = Path(_get(entry, "abspath", str, path))
    candidate = rel if rel.is_absolute() else base / rel
    try:
        return str(absolute if not candidate.exists() and absolute.exists() else candidate)
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte
        raise _fail(f"an input path cannot be used ({exc})", path) from None


def _check_schema(data: Any, path: str) -> None:
    if not isinstance(data, dict) or "schema_version" not in data:
        raise _fail("no schema_version (is this a session file written by tawazi?)", path)
    v = data["schema_version"]
    if _int(v) and v > SCHEMA_VERSION:
        raise FormatError(f"session schema version {v} is newer than this tawazi "
                          f"({__version__}) reads (up to {SCHEMA_VERSION}); upgrade tawazi "
                          "to open it", path=path)
    if not _int(v) or v != SCHEMA_VERSION:
        shown = repr(v) if len(repr(v)) < 40 else repr(v)[:40] + "…"
        raise FormatError(f"unknown session schema version {shown} (this tawazi reads "
                          f"{SCHEMA_VERSION})", path=path)


def _checked(al: Alignment, path: str) -> Alignment:
    try:
        check_alignment(al)
    except ValueError as exc:
        raise _fail(str(exc), path) from None
    return al


def _versions(al: Alignment, patches: Any, path: str) -> tuple[Version, ...]:
    """Undo or redo history from its patches (most recent first in the file)."""
    if patches is not None and not isinstance(patches, list):
        raise _fail("the undo or redo history is not a list", path)
    out: list[Version] = []
    ref = al
    for patch in patches or []:
        at, drop = _get(patch, "at", int, path), _get(patch, "drop", int, path)
        if not (at >= 0 and drop >= 0 and at + drop <= len(ref.beads)):
            raise _fail("an undo step does not fit the alignment", path)
        new = tuple(_bead(b, path, len(ref.en_sents), len(ref.ar_sents))
                    for b in _get(patch, "beads", list, path))
        sig = _get(patch, "signature", str, path) if "signature" in patch else ref.signature
        ref = _checked(replace(ref, beads=ref.beads[:at] + new + ref.beads[at + drop :],
                               signature=sig), path)
        out.append(Version(ref, _get(patch, "cursor", int, path)))
    return tuple(reversed(out))


def _refuse_constant(name: str) -> NoReturn:
    raise FormatError(f"not a valid tawazi session: {name} is not a number a session holds")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise FormatError(f"not a valid tawazi session: {text[:20]} is too large a number")
    return value


def _parse(raw: bytes, where: str) -> Any:
    """The JSON of a session, or one ``FormatError`` whatever the bytes are."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant,
                          parse_float=_finite)
    except FormatError as exc:
        raise FormatError(exc.reason, path=where) from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"not a tawazi session (not UTF-8 at byte {exc.start})",
                          path=where) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"not a tawazi session (invalid JSON: {exc.msg})", path=where,
                          line=exc.lineno) from None
    except ValueError:  # an integer past Python's int-string limit
        raise _fail("a number has too many digits", where) from None
    except RecursionError:
        raise _fail("values are nested too deeply", where) from None


def _read(path: PathLike, where: str) -> tuple[Any, Stamp]:
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            raw = fh.read()
    except FileNotFoundError:
        raise InputError("no such session file", path=where) from None
    except OSError as exc:
        raise InputError(f"cannot read the session: {exc.strerror or exc}", path=where) from None
    return _parse(raw, where), stamp_of(st, raw)


def _meta(data: dict[str, Any], where: str) -> dict[str, str]:
    meta = data.get("meta") or {}
    if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
        raise _fail("'meta' is not an object of strings", where)
    return dict(meta)


def _check_inputs(entries: list[Any], files: tuple[Any, ...], where: str) -> None:
    for entry, now in zip(entries, files, strict=True):
        saved = _get(entry, "sha256", str, where)
        if saved != now.sha256:
            raise StaleSessionError(
                f"{now.path} has changed since this session was saved (sha256 "
                f"{saved[:12]}… then, {now.sha256[:12]}… now), so the session's sentence "
                "offsets no longer fit its text; restore that version of the file, or start "
                "a new review with --new-session", path=where)


def read_session(path: PathLike) -> Loaded:
    """Read a session, the inputs it was made from, and the stamp of the file.

    Raises:
        InputError: the session or one of its inputs is missing or unreadable.
        StaleSessionError: an input's text changed since the session was saved.
        FormatError: not a session file, an unknown or newer schema, or a broken file.
    """
    where = str(path)
    data, stamp = _read(path, where)
    _check_schema(data, where)
    entries = _get(data, "inputs", list, where)
    kind, presplit = data.get("kind"), data.get("presplit", False)
    if not isinstance(presplit, bool) or kind not in ("pair", "bilingual", "tmx", "tsv"):
        raise _fail("'kind' or 'presplit' has the wrong value", where)
    paths = [_input_path(e, Path(path).resolve().parent, where) for e in entries]
    for p in paths:
        if not Path(p).exists():
            raise InputError(f"the input {p} of this session is missing", path=where)
    inputs = open_inputs(paths, presplit=presplit)
    if inputs.sources.kind != kind or len(entries) != len(inputs.sources.files):
        raise _fail("its inputs do not match its kind", where)
    _check_inputs(entries, inputs.sources.files, where)
    en = _sentences(_get(data, "en_sentences", list, where), inputs.en_doc, where)
    ar = _sentences(_get(data, "ar_sentences", list, where), inputs.ar_doc, where)
    beads = tuple(_bead(b, where, len(en), len(ar)) for b in _get(data, "beads", list, where))
    signature = _get(data, "signature", str, where) if "signature" in data else ""
    al = _checked(Alignment(inputs.en_doc, inputs.ar_doc, en, ar, beads, signature,
                            _meta(data, where)), where)
    state = SessionState(inputs.sources, al, _clamp(_get(data, "cursor", int, where), al),
                         _versions(al, data.get("undo"), where),
                         _versions(al, data.get("redo"), where))
    return Loaded(state, stamp)


def _reviewed(d: Any, where: str) -> Reviewed:
    keys = [tuple(_get(d, side, list, where)) for side in ("en", "ar")]
    if not all(isinstance(k, str) for side in keys for k in side) or not (keys[0] or keys[1]):
        raise _fail("a reviewed bead has no sentence keys", where)
    at = [_get(d, name, int, where) for name in ("en_at", "ar_at")]
    edits = (d.get("en_edit"), d.get("ar_edit"))
    status = _get(d, "status", str, where)
    if status not in STATUSES or not all(e is None or isinstance(e, str) for e in edits):
        raise _fail("a reviewed bead has a wrong status or edit", where)
    return Reviewed(keys[0], keys[1], max(0, at[0]), max(0, at[1]), status, *edits)


def read_reviewed(path: PathLike) -> tuple[Reviewed, ...]:
    """The approved and edited beads of a session, by their sentences' keys, without
    opening its inputs: what can be carried over when an input changed
    (``align.review.carry.carry_over``). A session saved by a tawazi that did not record
    them gives none.

    Raises:
        InputError: the session is missing or unreadable.
        FormatError: not a session file, an unknown or newer schema, or a broken file.
    """
    where = str(path)
    data, _ = _read(path, where)
    _check_schema(data, where)
    rows = data.get("reviewed") or []
    if not isinstance(rows, list):
        raise _fail("'reviewed' is not a list", where)
    return tuple(_reviewed(d, where) for d in rows)
