"""tawazi's Python interface: align two texts, read and write alignments, score pairs, split.

A thin layer over the library: it turns strings into documents, hides the sentence indexes of
the internal beads behind texts and offsets, and picks formats from extensions. The heavy
modules (numpy, the lexicon) load on the first call, not on ``import tawazi``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .align.errors import OptionError
from .align.types import LANGS, Flag, Sentence
from .align.types import Alignment as _Alignment
from .align.types import Bead as _Bead
from .align.types import Document as _Document

__all__ = ["Alignment", "Bead", "Score", "align_texts", "read", "score_pairs", "split"]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Bead:
    """One aligned unit: consecutive English sentences against consecutive Arabic ones.

    ``en`` and ``ar`` are the texts (sentences joined by a space, or a reviewer's edit);
    ``en_spans`` and ``ar_spans`` the ``[start, end)`` offsets of its sentences in
    ``Alignment.en_text`` / ``ar_text``. ``type`` is ``"2-1"`` for two English sentences with
    one Arabic; ``score`` the fidelity score in [0, 1] (0 for one-sided beads); ``flags``
    the named problems (``flag.code``, ``flag.detail``); ``status`` ``auto`` or ``approved``.
    """

    en: str
    ar: str
    type: str
    score: float
    flags: tuple[Flag, ...]
    status: str
    en_spans: tuple[Span, ...]
    ar_spans: tuple[Span, ...]


class Alignment:
    """The result of :func:`align_texts` or :func:`read`: beads in document order.

    Every sentence of both sides is in exactly one bead. ``signature`` records how the
    alignment was made (version, model parameters, table hashes).
    """

    def __init__(self, al: _Alignment) -> None:
        self._al = al

    def __repr__(self) -> str:
        return f"<tawazi.Alignment: {len(self._al.beads)} beads>"

    @cached_property
    def beads(self) -> tuple[Bead, ...]:
        """The beads, each with its texts, offsets, type, score and flags."""
        al = self._al
        return tuple(_bead(al, b) for b in al.beads)

    @property
    def en_text(self) -> str:
        """The English text the offsets index (for :func:`read`, the whole input file)."""
        return self._al.en_doc.text

    @property
    def ar_text(self) -> str:
        """The Arabic text the offsets index (for a bilingual file, the same as ``en_text``)."""
        return self._al.ar_doc.text

    @property
    def signature(self) -> str:
        return self._al.signature

    def write(self, path: str | os.PathLike[str], format: str | None = None) -> list[Path]:
        """Write the alignment atomically to ``path``; the format comes from the extension
        (``.tmx``, ``.tsv``, ``.jsonl``, ``.txt`` for Moses, ``.pred``) unless ``format``
        names one. Returns the files written (Moses writes two).

        Raises:
            OptionError: an unknown format, or an extension that names none.
            OutputError: the file cannot be written, or it is one of the inputs.
        """
        from .align.formats import format_for_path, write_alignment

        target = Path(path)
        return write_alignment(self._al, target, format_for_path(target, format))


def _bead(al: _Alignment, b: _Bead) -> Bead:
    return Bead(
        en=al.bead_text(b, "en"), ar=al.bead_text(b, "ar"), type=b.type, score=b.score,
        flags=b.flags, status=b.status,
        en_spans=tuple(al.bead_spans(b, "en")), ar_spans=tuple(al.bead_spans(b, "ar")),
    )


@dataclass(frozen=True, slots=True)
class Score:
    """The fidelity of one pair: ``score`` in [0, 1] and the named ``flags``."""

    score: float
    flags: tuple[Flag, ...]


def align_texts(en: str, ar: str, *, presplit: bool = False) -> Alignment:
    """Split an English and an Arabic text into sentences and align them.

    With ``presplit``, each non-blank line is one sentence. Offsets index the strings given.
    Web clutter is not looked for (:func:`read` of a file does that).

    >>> al = align_texts("The talks ended. Both sides signed.", "انتهت المحادثات. ووقع الطرفان.")
    >>> for b in al.beads:
    ...     print(b.type, b.en, "|", b.ar)
    1-1 The talks ended. | انتهت المحادثات.
    1-1 Both sides signed. | ووقع الطرفان.
    >>> al.beads[1].en_spans, al.beads[1].score > 0.5
    (((17, 35),), True)
    """
    from .align.pipeline import align_pair

    en_doc = _Document(en, "en", presplit=presplit)
    ar_doc = _Document(ar, "ar", presplit=presplit)
    return Alignment(align_pair(en_doc, ar_doc))


def read(path: str | os.PathLike[str], *, presplit: bool = False) -> Alignment:
    """Read an alignment from a file, as ``tawazi align PATH`` does.

    A translation memory (``.tmx``, ``.xliff``, ``.tsv``), an xlsx review sheet or a JSONL
    export (``.jsonl``) keeps its units as beads, scored afresh; any
    other file is read as one bilingual text (blocks of English and Arabic lines, web
    clutter left out) and aligned. Offsets index the decoded file, or for an HTML page, a
    Word (DOCX) or OpenDocument (ODT) file the text extracted from it (one paragraph per
    block, ``Alignment.en_text``).

    Raises:
        InputError: the file is missing, undecodable, empty, or holds only one language; a
            DOC, PDF or RTF file, or a DOCX or ODT file that cannot be read.
        FormatError: a translation memory that does not follow its format.
    """
    from .align.formats import READER_EXTENSIONS, read_alignment
    from .align.pipeline import align_pair, recheck
    from .align.text.limits import Limits
    from .align.text.readers import read_bilingual

    limits = Limits()
    if Path(path).suffix.lower() in READER_EXTENSIONS:
        return Alignment(recheck(read_alignment(os.fspath(path), limits=limits)))
    en_doc, ar_doc = read_bilingual(path, presplit=presplit, max_bytes=limits.max_bytes)
    return Alignment(align_pair(en_doc, ar_doc, limits=limits))


def score_pairs(pairs: Iterable[tuple[str, str]]) -> list[Score]:
    """Score English-Arabic pairs of one document for fidelity (the length ratio is
    estimated on them all, so pass a document's pairs together).

    >>> ok, bad = score_pairs([("It cost 2,400 dollars.", "كلف ٢٤٠٠ دولار."),
    ...                        ("It cost 2,400 dollars.", "كلف ٣٠٠ دولار.")])
    >>> ok.score > 0.5, [f.code for f in bad.flags]
    (True, ['number-mismatch'])
    """
    from .align.quality.fidelity import score_pairs as _score_pairs

    return [Score(s, f) for s, f in _score_pairs(list(pairs))]


def split(text: str, lang: str, *, presplit: bool = False) -> list[Sentence]:
    """Split ``text`` (``lang`` ``"en"`` or ``"ar"``) into sentences with offsets:
    ``text[s.start:s.end] == s.text``; ``s.paragraph`` counts blank-line separated blocks.

    >>> [(s.start, s.end, s.text) for s in split("قال د. أحمد: نعم. هل ذهب؟", "ar")]
    [(0, 17, 'قال د. أحمد: نعم.'), (18, 25, 'هل ذهب؟')]

    Raises:
        OptionError: ``lang`` is neither ``en`` nor ``ar``.
    """
    from .align.text.segment import split_text

    if lang not in LANGS:
        raise OptionError(f"unknown language {lang!r} (choose from en, ar)")
    return list(split_text(text, lang, presplit=presplit))
