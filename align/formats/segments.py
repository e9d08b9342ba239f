"""What the translation-memory readers (TMX, TSV) share: reading and decoding input bytes,
and building an alignment from segment pairs.

A translation memory has no running text, only segments. Each side's ``Document.text`` is
therefore its segments joined by ``\\n`` (offsets are computed while joining, never by
searching), each segment is one sentence (``presplit=True``), and each unit is one bead:
1-1, or 1-0/0-1 when a side is blank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import FormatError
from ..text.limits import Limits
from ..types import STATUSES, Alignment, Bead, Document, Flag, Sentence


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of a translation memory: both texts and what a tawazi export kept of a bead.

    ``en``/``ar`` are the original texts (blank: that side is missing); ``line`` is where the
    unit starts in its file, for error messages.
    """

    en: str
    ar: str
    score: float = 1.0
    status: str = "auto"
    flags: tuple[str, ...] = ()
    en_edit: str | None = None
    ar_edit: str | None = None
    line: int | None = None


def read_bytes(path: str | Path, limits: Limits) -> bytes:
    """The bytes of an input file (XML decodes itself), with the same checks and one-line
    errors as text inputs (missing file, directory, device, ``limits.max_bytes``)."""
    from ..text.decode import read_raw_bytes

    return read_raw_bytes(path, max_bytes=limits.max_bytes)


def check_units(count: int, path: str, limits: Limits) -> None:
    """A memory of more units than ``limits.max_sentences`` is refused before its segments
    are built: each unit is a sentence of each side."""
    if count > limits.max_sentences:
        raise FormatError(
            f"{count:,} units, over the {limits.max_sentences:,} limit of sentences for one "
            "side (split the memory, or raise the limit with --max-sentences)",
            path=path,
        )


def parse_score(text: str, path: str, line: int | None) -> float:
    """A score field: a finite number, else a ``FormatError`` naming the place."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise FormatError(f"score {text!r} is not a number", path=path, line=line)
    return value


#: Statuses written to a file: a bead's own (``auto``, ``approved``), and ``edited`` for a
#: bead a reviewer corrected but did not approve, which a CAT tool should not take for
#: the aligner's raw output.
EXPORT_STATUSES = (*STATUSES, "edited")


def export_status(bead: Bead) -> str:
    """The status written for ``bead``: ``approved``, ``edited`` (a side was corrected,
    not approved yet) or ``auto``."""
    if bead.status == "approved":
        return "approved"
    if bead.en_edit is not None or bead.ar_edit is not None:
        return "edited"
    return bead.status


def check_status(text: str, path: str, line: int | None) -> str:
    """A status read back from a file; ``edited`` is read as ``auto`` (the edit itself is
    carried by its own field)."""
    if text not in EXPORT_STATUSES:
        raise FormatError(
            f"status {text!r} is not one of {', '.join(EXPORT_STATUSES)}", path=path,
            line=line
        )
    return "auto" if text == "edited" else text


def split_flags(text: str) -> tuple[str, ...]:
    """Flag codes written as ``code,code``."""
    return tuple(c.strip() for c in text.split(",") if c.strip())


def alignment_from_segments(
    segments: Sequence[Segment],
    path: str,
    *,
    encoding: str = "utf-8",
    meta: dict[str, str] | None = None,
) -> Alignment:
    """One bead per segment pair, in file order.

    Raises:
        FormatError: no segment holds both languages (not an English–Arabic memory).
    """
    if not any(s.en.strip() and s.ar.strip() for s in segments):
        raise FormatError("no unit holds both an English and an Arabic segment", path=path)
    parts: dict[str, list[str]] = {"en": [], "ar": []}
    sents: dict[str, list[Sentence]] = {"en": [], "ar": []}
    pos = {"en": 0, "ar": 0}
    beads: list[Bead] = []
    for seg in segments:
        idx: dict[str, tuple[int, ...]] = {}
        for lang, text in (("en", seg.en), ("ar", seg.ar)):
            if not text.strip():
                idx[lang] = ()
                continue
            if parts[lang]:
                parts[lang].append("\n")
                pos[lang] += 1
            start = pos[lang]
            parts[lang].append(text)
            pos[lang] += len(text)
            idx[lang] = (len(sents[lang]),)
            sents[lang].append(Sentence(start, pos[lang], text, paragraph=len(sents[lang])))
        if not idx["en"] and not idx["ar"]:
            continue
        beads.append(
            Bead(
                idx["en"],
                idx["ar"],
                score=seg.score,
                flags=tuple(Flag(c) for c in seg.flags),
                status=seg.status,
                en_edit=seg.en_edit,
                ar_edit=seg.ar_edit,
            )
        )
    en_doc, ar_doc = (
        Document("".join(parts[lang]), lang, path=path, presplit=True, encoding=encoding)
        for lang in ("en", "ar")
    )
    return Alignment(
        en_doc,
        ar_doc,
        tuple(sents["en"]),
        tuple(sents["ar"]),
        tuple(beads),
        meta=dict(meta or {}),
    )
