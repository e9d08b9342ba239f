"""JSON Lines: one object per bead, the machine-readable record of an alignment.

Each line holds ``en``/``ar`` (character spans ``[start, end]`` of the bead's sentences in
the decoded input, which is what the bench scorer's raw mode reads), ``en_text``/``ar_text``
(the original sentences joined by a space), ``type``, ``score``, ``flags`` (codes),
``status`` (``auto``, ``approved``, or ``edited``: corrected, not approved), and
``en_edit``/``ar_edit`` only when a reviewer edited that side.

The signature is a ``"signature"`` key of the first object only. A line of its own would be
read as a bead by the scorer (which ignores unknown keys), and the result would otherwise
carry no record of how it was made; JSON-lines readers (polars, pandas) simply see a column
that is empty after the first row. The document verdict (``quality.verdict``: ``parallel``,
``partly parallel``, ``comparable`` or ``unrelated``) and its evidence are the ``"verdict"``
and ``"verdict_evidence"`` keys of the same first object. An alignment without beads gives an
empty file.

``read_jsonl`` reads such a file back (``tawazi align out.jsonl -o out.tmx``, ``tawazi review
out.jsonl``, ``tawazi.read``): the texts, statuses, edits and flags of each bead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import FormatError
from ..text.limits import Limits
from ..types import Alignment, Bead
from .options import SCORE_DIGITS, WriteOptions
from .segments import (
    Segment,
    alignment_from_segments,
    check_status,
    check_units,
    export_status,
    parse_score,
)


def bead_record(al: Alignment, bead: Bead) -> dict[str, Any]:
    """The JSON object of one bead, keys in their documented order."""
    rec: dict[str, Any] = {
        "en": [list(sp) for sp in al.bead_spans(bead, "en")],
        "ar": [list(sp) for sp in al.bead_spans(bead, "ar")],
        "en_text": al.bead_text(bead, "en", edited=False),
        "ar_text": al.bead_text(bead, "ar", edited=False),
        "type": bead.type,
        "score": round(bead.score, SCORE_DIGITS),
        "flags": list(bead.flag_codes),
        "status": export_status(bead),
    }
    if bead.en_edit is not None:
        rec["en_edit"] = bead.en_edit
    if bead.ar_edit is not None:
        rec["ar_edit"] = bead.ar_edit
    return rec


def render_jsonl(al: Alignment, opts: WriteOptions) -> str:
    """One JSON object per line and per bead, UTF-8 text kept as is (``ensure_ascii=False``).

    Raises:
        ValueError: a score is NaN or infinite (a bug upstream, not a user error).
    """
    from ..quality.verdict import document_verdict  # numpy: not at import

    signature = opts.signature_of(al)
    lines = []
    for k, bead in enumerate(al.beads):
        rec = bead_record(al, bead)
        if k == 0:
            if signature:
                rec["signature"] = signature
            verdict = document_verdict(al)
            rec["verdict"] = verdict.label
            rec["verdict_evidence"] = verdict.evidence()
        lines.append(json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n")
    return "".join(lines)


def _text_field(rec: dict[str, Any], key: str, where: str, line: int,
                required: bool) -> str | None:
    value = rec.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        wanted = "a string" if required else "a string when present"
        raise FormatError(f"{key!r} must be {wanted}", path=where, line=line)
    return value


def _segment(rec: Any, where: str, line: int) -> Segment:
    """One line's bead as a ``Segment``: the texts, score, flags, status and edits of a
    tawazi export (offsets index the file it was made from, not this one: not read)."""
    if not isinstance(rec, dict):
        raise FormatError("a line must hold a JSON object (one bead)", path=where, line=line)
    en = _text_field(rec, "en_text", where, line, True) or ""
    ar = _text_field(rec, "ar_text", where, line, True) or ""
    score = rec.get("score", 1.0)
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise FormatError(f"score {score!r} is not a number", path=where, line=line)
    flags = rec.get("flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
        raise FormatError("flags must be a list of codes", path=where, line=line)
    status = rec.get("status", "auto")
    return Segment(
        en=en, ar=ar, score=parse_score(repr(float(score)), where, line),
        status=check_status(status if isinstance(status, str) else repr(status), where, line),
        flags=tuple(flags),
        en_edit=_text_field(rec, "en_edit", where, line, False),
        ar_edit=_text_field(rec, "ar_edit", where, line, False),
        line=line,
    )


def read_jsonl(path: str | Path, limits: Limits | None = None) -> Alignment:
    """Read a tawazi JSONL export back as an alignment of one bead per line, keeping what a
    reviewer decided (status, edits) and the flags; the texts are scored afresh by the
    caller (``pipeline.recheck``), as for TSV. Blank lines are skipped.

    Raises:
        InputError: the file cannot be read or decoded, or is over ``limits``.
        FormatError: a line that is not a JSON object with ``en_text`` and ``ar_text``
            strings, a bad score, flags or status, or no line with both languages.
    """
    from ..text.decode import read_text_encoding

    where = str(path)
    limits = limits or Limits()
    text, encoding = read_text_encoding(path, max_bytes=limits.max_bytes)
    lines = [(n, s) for n, s in enumerate(text.removeprefix("\ufeff").split("\n"), 1)
             if s.strip()]
    if not lines:
        raise FormatError("empty file, expected one JSON object per bead", path=where)
    check_units(len(lines), where, limits)
    segments = []
    for n, s in lines:
        try:
            rec = json.loads(s)
        except json.JSONDecodeError as exc:
            raise FormatError(f"not JSON ({exc.msg} at column {exc.colno})", path=where,
                              line=n) from None
        segments.append(_segment(rec, where, n))
    return alignment_from_segments(segments, where, encoding=encoding,
                                   meta={"format": "jsonl"})
