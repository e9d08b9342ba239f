"""Input limits: the one size bound every input path shares, on bytes and on sentences.

Alignment is linear in the text for a fixed band, but its constant is large (features,
coverage grids, the band), so an input far larger than a document is almost always a
mistake: a corpus dump, a log, a binary. Bytes alone do not bound the work: 3 MB of one
million tiny lines is a million sentences. So an input is refused, with the flag that
raises the limit, when either its size (checked before it is read) or its sentence count
per side (checked before anything is aligned) is over the limit. The command line takes
both from ``--max-mb`` and ``--max-sentences`` for every command that reads inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import InputError, OptionError

#: Defaults of ``--max-mb`` and ``--max-sentences``: well above a book (a 100,000-sentence
#: side is about 15 MB of English), well below what exhausts a laptop's memory.
MAX_MB = 20.0
MAX_SENTENCES = 200_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Largest input accepted: ``max_bytes`` per file, ``max_sentences`` per side."""

    max_bytes: int = int(MAX_MB * 1_000_000)
    max_sentences: int = MAX_SENTENCES

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise OptionError("--max-mb must be more than 0")
        if self.max_sentences < 1:
            raise OptionError("--max-sentences must be at least 1")

    @classmethod
    def from_mb(cls, max_mb: float, max_sentences: int = MAX_SENTENCES) -> Limits:
        """The limits of ``--max-mb`` and ``--max-sentences``; a bad value fails at once."""
        if not math.isfinite(max_mb) or max_mb <= 0:
            raise OptionError("--max-mb must be a number of MB more than 0")
        return cls(max(1, int(max_mb * 1_000_000)), max_sentences)

    def check_sentences(self, count: int, lang: str, path: str | None = None) -> None:
        """Raise when one side holds more sentences than the limit."""
        if count > self.max_sentences:
            side = {"en": "English", "ar": "Arabic"}.get(lang, lang)
            raise InputError(
                f"{count:,} {side} sentences, over the {self.max_sentences:,} limit for one "
                "side (split the input, or raise the limit with --max-sentences)",
                path=path,
            )


def mb_pair(size: int, limit: int) -> tuple[str, str]:
    """``size`` and ``limit`` (bytes) in MB with just enough decimals to tell them apart,
    so that a file 40 kB over a 1 MB limit does not read "1 MB, over the 1 MB limit".

    >>> mb_pair(1_040_000, 1_000_000)
    ('1.04', '1')
    >>> mb_pair(50_000_000, 20_000_000)
    ('50', '20')
    >>> mb_pair(101_000, 10_000)
    ('0.1', '0.01')
    """
    mb = limit / 1e6
    start = next((d for d in range(7) if round(mb, d) == mb), 6)  # the limit, exactly
    for decimals in range(start, 7):
        a, b = f"{size / 1e6:,.{decimals}f}", f"{mb:,.{decimals}f}"
        if a != b:
            break
    return _trim(a), _trim(b)


def _trim(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number


def over_size(size: int, limit: int) -> str:
    """The reason of a file over the byte limit, naming the flag that raises it."""
    a, b = mb_pair(size, limit)
    return (f"file is {a} MB, over the {b} MB limit for one input "
            "(split it, or raise the limit with --max-mb)")
