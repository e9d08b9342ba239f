"""The notes an input earns: web clutter left out, text extracted from a page or document.

Nothing is dropped silently: ``tawazi align`` says which spans it left out as clutter and
that offsets index the text extracted from an HTML, DOCX or ODT file. A manifest row is read
in a worker process, which may not print; these pure functions give the lines, so the
command that owns the terminal prints the same notes for one pair or for every row.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Clutter, Document

#: Longest clutter excerpt shown in a note, in characters.
SHOWN = 60


def line_of(text: str, offset: int) -> int:
    """The 1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def clutter_notes(path: str, text: str, clutter: Sequence[Clutter]) -> tuple[str, ...]:
    """One note per span left out as web clutter, with its line and the start of its text.

    >>> from tawazi.align.types import Clutter
    >>> clutter_notes("a.txt", "Share this\\nText.", [Clutter(0, 10, "share", "Share this")])
    ('a.txt:1: left out as web clutter (share): Share this',)
    """
    out = []
    for c in clutter:
        shown = c.text.strip().replace("\n", " ")
        if len(shown) > SHOWN:
            shown = shown[:SHOWN - 3] + "..."
        out.append(f"{path}:{line_of(text, c.start)}: left out as web clutter "
                   f"({c.kind}): {shown}")
    return tuple(out)


def extracted_note(path: str, text: str, source: str) -> str | None:
    """The note that an input's text was extracted (an HTML page, a subtitle file, a DOCX or
    ODT file): the markup was read, not aligned, and offsets index the extracted text, not
    the file."""
    from .readers import SOURCE_NAMES

    if source == "text":
        return None
    paragraphs = text.count("\n\n") + 1
    return (f"{path}: read as {SOURCE_NAMES[source]}, its text extracted ({paragraphs} "
            f"paragraph{'s' if paragraphs != 1 else ''}); offsets index that text "
            "(`tawazi split --text` prints it)")


def input_notes(docs: Sequence[Document]) -> tuple[str, ...]:
    """``extracted_note`` once per input file (a bilingual file is both documents), then
    every document's ``clutter_notes``."""
    out: list[str] = []
    seen: set[str | None] = set()
    for doc in docs:
        if doc.path not in seen:
            seen.add(doc.path)
            note = extracted_note(doc.path or "", doc.text, doc.source)
            if note:
                out.append(note)
    for doc in docs:
        out.extend(clutter_notes(doc.path or "", doc.text, doc.clutter))
    return tuple(out)
