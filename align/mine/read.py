"""The two sides of a comparable pair, either of which may be a bilingual file.

Comparable texts often come from a page carrying both languages (``seeds/002``: an English
block, then the Arabic one) set against a report in one language. ``read_comparable`` takes
the side's own block of a file holding both scripts, and a file in one language as a whole,
checked to be in that language; two plain files go through ``readers.read_pair`` with all its
checks (swapped files, same language).
"""

from __future__ import annotations

import os

from ..errors import InputError
from ..text.clutter import exclude, find_clutter
from ..text.decode import letter_counts
from ..text.readers import read_bilingual, read_document_text, read_pair
from ..types import Document

_NAMES = {"en": "English", "ar": "Arabic"}
#: A file is bilingual when the minority script has at least this share of the letters.
MIXED_SHARE = 0.2


def _counts(text: str, regions: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    ar = la = 0
    for s, e in regions:
        a, latin = letter_counts(text[s:e])
        ar, la = ar + a, la + latin
    return ar, la


def holds_both(text: str) -> bool:
    """Whether a text holds both languages in blocks of lines.

    >>> holds_both("One line.\\nسطر واحد.\\n"), holds_both("Only English here.\\n")
    (True, False)
    """
    ar, la = _counts(text, ((0, len(text)),))
    return min(ar, la) >= MIXED_SHARE * (ar + la) > 0


def _one_language(path: str, lang: str, presplit: bool, max_bytes: int) -> Document:
    text, enc, source = read_document_text(path, max_bytes=max_bytes)
    regions = ((0, len(text)),)
    ar, la = _counts(text, regions)
    if (ar if lang == "ar" else la) <= (la if lang == "ar" else ar):
        raise InputError(f"is not {_NAMES[lang]} text", path=path)
    clutter = () if presplit else find_clutter(text, regions)
    kept = exclude(text, regions, clutter) if clutter else regions
    return Document(text, lang, path, kept, clutter, presplit, enc, source)


def read_comparable(en_path: str | os.PathLike[str], ar_path: str | os.PathLike[str], *,
                    presplit: bool, max_bytes: int) -> tuple[Document, Document]:
    """The English document of ``en_path`` and the Arabic one of ``ar_path`` (see above).

    Raises:
        InputError: as ``read_pair`` and ``read_bilingual``; a one-language file in the
            other language.
    """
    en_p, ar_p = os.fspath(en_path), os.fspath(ar_path)
    mixed = [holds_both(read_document_text(p, max_bytes=max_bytes)[0]) for p in (en_p, ar_p)]
    if not any(mixed):
        return read_pair(en_p, ar_p, presplit=presplit, max_bytes=max_bytes)
    en = (read_bilingual(en_p, presplit=presplit, max_bytes=max_bytes)[0] if mixed[0]
          else _one_language(en_p, "en", presplit, max_bytes))
    ar = (read_bilingual(ar_p, presplit=presplit, max_bytes=max_bytes)[1] if mixed[1]
          else _one_language(ar_p, "ar", presplit, max_bytes))
    return en, ar


__all__ = ["holds_both", "read_comparable"]
