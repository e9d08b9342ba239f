"""Alignment options, validated before any file is read, and the signature they produce."""

from __future__ import annotations

from dataclasses import dataclass, field

from align import __version__
from align.errors import OptionError
from align.search.costs import CostParams
from align.search.dp import BEADS


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Everything that changes an alignment; two equal configs give equal alignments.

    Attributes:
        beads: bead types searched, English first.
        half_width: half the band width (in sentences) for long documents.
        full_cells: documents with at most this many DP cells are searched exhaustively.
        cost: weights of the cost model.
        realign: second pass with translation rates re-estimated on the confident beads
            of the first (Moore's method, per document).
    """

    beads: tuple[tuple[int, int], ...] = BEADS
    half_width: int = 30
    full_cells: int = 250_000
    cost: CostParams = field(default_factory=CostParams)

    def __post_init__(self) -> None:
        if (1, 1) not in self.beads:
            raise OptionError("the bead set must contain 1-1")
        for a, b in self.beads:
            if a < 0 or b < 0 or a + b == 0 or a > 3 or b > 3:
                raise OptionError(f"bead type {a}-{b} is not supported (sides of 0 to 3)")
            if (a == 0 and b != 1) or (b == 0 and a != 1):
                raise OptionError(f"bead type {a}-{b}: one-sided beads must be 1-0 or 0-1")
            if (a, b) not in self.cost.priors:
                raise OptionError(f"bead type {a}-{b} has no prior")
        if self.half_width < 5:
            raise OptionError("--band must be at least 5 sentences")

    def signature(self, lexicon_sha: str) -> str:
        """``key:value|...`` string naming everything needed to reproduce a result."""
        import hashlib

        beads = ",".join(f"{a}-{b}" for a, b in self.beads)
        c = self.cost
        # Every weight, prior and threshold, hashed: the readable fields above do not name
        # them all, and any of them changes the result.
        params = hashlib.sha256(repr(sorted(vars_of(c).items())).encode()).hexdigest()[:8]
        return "|".join(
            [
                f"tawazi:{__version__}",
                f"beads:{beads}",
                f"band:{self.half_width}",
                f"len:{c.len_sigma:g}/{c.len_sigma_bg:g}*{c.w_len:g}",
                f"lex:{c.w_lex:g}",
                f"edge:{c.edge_bonus:g}/{c.edge_span}",
                f"params:{params}",
                f"lexicon:{lexicon_sha}",
                "norm:camel-dediac+alef+yaa+teh",
            ]
        )


def vars_of(obj: object) -> dict[str, object]:
    """Fields of a (slotted) dataclass as a dict, priors sorted for a stable repr."""
    from dataclasses import fields

    out: dict[str, object] = {}
    for f in fields(obj):  # type: ignore[arg-type]
        v = getattr(obj, f.name)
        out[f.name] = sorted(v.items()) if isinstance(v, dict) else v
    return out
