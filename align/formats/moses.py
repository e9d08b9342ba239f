"""Moses-style parallel corpus: two plain text files, line ``k`` of one translating line ``k``
of the other.

One bead per line, its sentences joined by a space. A line break inside a sentence (a
hard-wrapped paragraph) would shift every following line, so line-break characters become
spaces. One-sided beads are left out unless ``include_unaligned`` (then the missing side is
an empty line). Plain text has no room for a signature, scores or flags.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..types import Alignment
from .options import WriteOptions, exported_texts

# Everything str.splitlines() splits on: any of these would break the line pairing.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with each line break replaced by a space.

    >>> one_line("Signed,\\nthe editor")
    'Signed, the editor'
    """
    return _LINE_BREAKS.sub(" ", text)


def render_moses(al: Alignment, opts: WriteOptions) -> tuple[str, str]:
    """The English and the Arabic file, each line ending with ``\\n``."""
    en_lines: list[str] = []
    ar_lines: list[str] = []
    for bead in al.beads:
        texts = exported_texts(al, bead, opts)
        if texts is None:
            continue
        en_lines.append(one_line(texts[0]) + "\n")
        ar_lines.append(one_line(texts[1]) + "\n")
    return "".join(en_lines), "".join(ar_lines)


def moses_paths(path: str | Path) -> tuple[Path, Path]:
    """The two files written for ``path``: ``out.txt`` gives ``out.en.txt`` and ``out.ar.txt``.

    A language part already in the name is not doubled (``out.en.txt`` gives the same pair),
    and a name without a suffix gets the language as suffix (``corpus`` gives ``corpus.en``).

    >>> [p.name for p in moses_paths("out.txt")]
    ['out.en.txt', 'out.ar.txt']
    >>> [p.name for p in moses_paths("corpus")]
    ['corpus.en', 'corpus.ar']
    """
    p = Path(path)
    stem, suffix = p.stem, p.suffix
    if suffix.lower() in (".en", ".ar"):
        stem, suffix = p.stem, ""
    elif Path(stem).suffix.lower() in (".en", ".ar"):
        stem = Path(stem).stem
    return p.with_name(f"{stem}.en{suffix}"), p.with_name(f"{stem}.ar{suffix}")
