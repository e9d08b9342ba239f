"""Settings and results of bitext mining: plain frozen values, no computation.

A mined *pair* links one English sentence with one or two adjacent Arabic sentences (or two
adjacent English sentences with one Arabic): ``en``/``ar`` are 0-based sentence indexes,
``fidelity`` the calibrated score of ``quality.fidelity`` for the two texts, ``rival`` the
best mining probability of a competing candidate of the same sentences, and ``score`` the
margin-adjusted probability the selection ranks by (see ``score.py``, ``search.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import OptionError
from ..types import Document, Flag, Sentence

#: Mined group shapes, English first. Only adjacent sentences are grouped: a translator who
#: splits a sentence keeps the halves together.
GROUPS = ((1, 1), (1, 2), (2, 1))


@dataclass(frozen=True, slots=True)
class MineConfig:
    """How candidates are found and kept.

    ``min_score``: pairs scoring below it are not reported. ``top_k``: candidates kept per
    sentence from the key index before the fidelity model is run. ``max_df`` and
    ``max_df_share``: a key found in more sentences of a side than
    ``max(max_df, max_df_share * sentences)`` is skipped by the index (it names no pair).
    ``margin``: weight of the best rival's score subtracted from a pair's fidelity.
    ``group_gain``: how much a 1-2/2-1 group must beat its best 1-1 part to be preferred.
    ``min_p``: candidates of a lower mining probability are not extended nor kept.

    >>> MineConfig(min_score=1.5)
    Traceback (most recent call last):
    ...
    tawazi.align.errors.OptionError: --min-score must be in [0, 1], not 1.5
    """

    min_score: float = 0.5
    top_k: int = 4
    max_df: int = 10
    max_df_share: float = 0.03
    margin: float = 0.25
    group_gain: float = 0.1
    min_p: float = 0.1
    groups: tuple[tuple[int, int], ...] = GROUPS

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_score <= 1.0:
            raise OptionError(f"--min-score must be in [0, 1], not {self.min_score:g}")
        if self.top_k < 1:
            raise OptionError(f"top_k must be at least 1, not {self.top_k}")
        if self.max_df < 1 or not 0.0 < self.max_df_share <= 1.0:
            raise OptionError("max_df must be >= 1 and max_df_share in (0, 1]")
        if not 0.0 <= self.margin <= 1.0:
            raise OptionError(f"margin must be in [0, 1], not {self.margin:g}")
        unknown = set(self.groups) - set(GROUPS)
        if unknown or (1, 1) not in self.groups:
            raise OptionError(f"groups must include 1-1 and be among {GROUPS}")


@dataclass(frozen=True, slots=True)
class MinedPair:
    """One mined pair (see the module docstring)."""

    en: tuple[int, ...]
    ar: tuple[int, ...]
    score: float
    fidelity: float
    rival: float = 0.0
    flags: tuple[Flag, ...] = ()

    @property
    def type(self) -> str:
        return f"{len(self.en)}-{len(self.ar)}"


@dataclass(frozen=True, slots=True)
class Mining:
    """The sentences of two comparable documents and the pairs mined from them, best first.

    Unlike an ``Alignment``, pairs need not be in document order nor cover every sentence:
    most sentences of comparable documents have no counterpart.
    """

    en_doc: Document
    ar_doc: Document
    en_sents: tuple[Sentence, ...]
    ar_sents: tuple[Sentence, ...]
    pairs: tuple[MinedPair, ...]
    signature: str = ""
    stats: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def text(self, pair: MinedPair, lang: str) -> str:
        """One side of a pair: its sentences joined by a space."""
        sents = self.en_sents if lang == "en" else self.ar_sents
        return " ".join(sents[i].text for i in (pair.en if lang == "en" else pair.ar))

    def span(self, pair: MinedPair, lang: str) -> tuple[int, int]:
        """``[start, end)`` of one side of a pair in its document's text."""
        sents = self.en_sents if lang == "en" else self.ar_sents
        idx = pair.en if lang == "en" else pair.ar
        return sents[idx[0]].start, sents[idx[-1]].end
