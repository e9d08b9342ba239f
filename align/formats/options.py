"""Options shared by all writers, and the small value formatting they must agree on."""

from __future__ import annotations

from dataclasses import dataclass

from align.errors import OptionError
from align.types import Alignment, Bead

#: Scores are written with this many decimals in JSONL, TSV and TMX: more is noise for a
#: fidelity score and makes files hard to read and diff. Rounding is idempotent, so a file
#: read back and written again is unchanged.
SCORE_DIGITS = 4


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """How an alignment is exported.

    Attributes:
        include_unaligned: TMX and Moses only: also export beads with one side empty (as a
            unit with an empty segment, or a pair of lines with one empty). Beads, JSONL and
            TSV are complete records of the alignment and always hold every bead.
        edited: TMX and Moses only: export a reviewer's edit in place of the original text
            (TMX keeps the other version in a ``<prop>``). JSONL and TSV always hold both.
        signature: the signature to record (JSONL, TMX); ``None`` takes the alignment's own,
            ``""`` records none.
    """

    include_unaligned: bool = False
    edited: bool = True
    signature: str | None = None

    def __post_init__(self) -> None:
        for name in ("include_unaligned", "edited"):
            if not isinstance(getattr(self, name), bool):
                raise OptionError(f"write option {name} must be true or false")
        sig = self.signature
        if sig is not None and (
            not isinstance(sig, str) or any(not ch.isprintable() for ch in sig)
        ):
            raise OptionError("write option signature must be one line of printable text")

    def signature_of(self, al: Alignment) -> str:
        """The signature to write for ``al`` (empty: write none)."""
        return al.signature if self.signature is None else self.signature


def fmt_score(score: float) -> str:
    """``0.8765`` for 0.87654, ``1`` for 1.0: short, fixed precision, no exponent."""
    text = f"{round(score, SCORE_DIGITS):.{SCORE_DIGITS}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def exported_texts(al: Alignment, bead: Bead, opts: WriteOptions) -> tuple[str, str] | None:
    """The two texts a parallel-corpus format (TMX, Moses) exports for a bead.

    ``None`` when the bead is left out: one side is blank and ``include_unaligned`` is off.
    A side is blank after the choice between edit and original, so a reviewer's edit that
    fills an empty side makes the bead a pair.
    """
    en = al.bead_text(bead, "en", edited=opts.edited)
    ar = al.bead_text(bead, "ar", edited=opts.edited)
    if not opts.include_unaligned and (not en.strip() or not ar.strip()):
        return None
    return en, ar
