"""Core value types: documents, sentences, beads and alignments.

All are frozen dataclasses so that every edit (in the aligner or in the review UI) builds a new
value; undo is then a stack of values and nothing is shared by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS = ("en", "ar")

#: Review statuses a bead can carry. ``auto``: produced by the aligner; ``approved``: checked
#: by a person and kept as a fixed point by re-alignment.
STATUSES = ("auto", "approved")


@dataclass(frozen=True, slots=True)
class Clutter:
    """A span of the input recognised as web clutter and kept out of the alignment.

    ``kind`` names the pattern (``weather``, ``dateline``, ``related``, ``comments``, ...), so
    that the report says why the span was left out; nothing is dropped silently.
    """

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """The decoded text of one side of a parallel pair.

    ``text`` is the whole decoded input file, even when only part of it belongs to this side
    (a bilingual file holds both languages): ``regions`` are the ``[start, end)`` spans that
    belong to this side, so that every offset stays an index into the file the user gave
    (for an HTML page, a DOCX or an ODT file: into the text extracted from it, ``source``).
    """

    text: str
    lang: str
    path: str | None = None
    regions: tuple[tuple[int, int], ...] = ()
    clutter: tuple[Clutter, ...] = ()
    presplit: bool = False
    encoding: str = "utf-8"
    #: ``text`` when ``text`` is the decoded file; ``html``, ``docx`` or ``odt`` when it is
    #: the text extracted from a page or document, which is then what offsets index.
    source: str = "text"

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"unknown language {self.lang!r}")
        if not self.regions:
            object.__setattr__(self, "regions", ((0, len(self.text)),))


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``document.text[start:end] == text``, always."""

    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Flag:
    """A named fidelity problem of a bead with a short explanation for a person."""

    code: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Bead:
    """A group of consecutive English sentences aligned with consecutive Arabic sentences.

    ``en`` and ``ar`` are 0-based sentence indexes (either may be empty, not both). ``cost`` is
    the aligner's cost (lower is better), ``score`` the fidelity score in [0, 1], ``flags`` the
    named problems. ``en_edit``/``ar_edit`` hold a reviewer's corrected text, kept apart from
    the original so that both can be exported.
    """

    en: tuple[int, ...]
    ar: tuple[int, ...]
    cost: float = 0.0
    score: float = 1.0
    flags: tuple[Flag, ...] = ()
    status: str = "auto"
    en_edit: str | None = None
    ar_edit: str | None = None

    def __post_init__(self) -> None:
        if not self.en and not self.ar:
            raise ValueError("a bead needs at least one sentence")
        if self.status not in STATUSES:
            raise ValueError(f"unknown bead status {self.status!r}")

    @property
    def type(self) -> str:
        """Bead type, English first: ``2-1`` is two English sentences with one Arabic."""
        return f"{len(self.en)}-{len(self.ar)}"

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentences of both sides and the beads that link them.

    Invariant: every sentence of each side is in exactly one bead, and beads are in document
    order on both sides (``check_alignment`` verifies it).
    """

    en_doc: Document
    ar_doc: Document
    en_sents: tuple[Sentence, ...]
    ar_sents: tuple[Sentence, ...]
    beads: tuple[Bead, ...]
    signature: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def bead_text(self, bead: Bead, lang: str, *, edited: bool = True) -> str:
        """The text of one side of a bead: its sentences joined by a space, or the edit."""
        if edited:
            edit = bead.en_edit if lang == "en" else bead.ar_edit
            if edit is not None:
                return edit
        sents = self.en_sents if lang == "en" else self.ar_sents
        idx = bead.en if lang == "en" else bead.ar
        return " ".join(sents[i].text for i in idx)

    def bead_spans(self, bead: Bead, lang: str) -> list[tuple[int, int]]:
        """Character spans of one side of a bead in its document's text."""
        sents = self.en_sents if lang == "en" else self.ar_sents
        idx = bead.en if lang == "en" else bead.ar
        return [(sents[i].start, sents[i].end) for i in idx]


def check_alignment(al: Alignment) -> None:
    """Raise ``ValueError`` unless every sentence is in exactly one bead, in order."""
    for lang, n in (("en", len(al.en_sents)), ("ar", len(al.ar_sents))):
        seen: list[int] = []
        for b in al.beads:
            seen.extend(b.en if lang == "en" else b.ar)
        if seen != list(range(n)):
            raise ValueError(f"{lang} sentences not covered exactly once in order")
