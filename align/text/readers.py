"""Reading the inputs to align: documents (text, HTML, DOCX, ODT), pairs of files and
bilingual files, with their sanity checks and web clutter left out.

The bytes are read and decoded by ``text.decode`` (its docstring says what offsets index:
the decoded text, universal newlines, a BOM kept as U+FEFF); this module turns the text into
``Document``s: the language of each file checked (swapped or same-language files refused),
a bilingual file cut into its English and Arabic blocks by lines, clutter found and cut out.
"""

from __future__ import annotations

import os

from ..errors import InputError
from ..types import Clutter, Document
from .arabic import LETTER_RE as AR_LETTER_RE
from .arabic import WS
from .clutter import exclude, find_clutter
from .decode import (
    INPUT_BYTES,
    LEGACY_ENCODINGS,
    MAX_BYTES,
    SAMPLE,
    decode_bytes,
    letter_counts,
    read_raw_bytes,
    universal_newlines,
)
from .htmltext import HTML_EXTENSIONS, declared_charset, html_text, looks_like_html
from .normalize import LATIN_LETTER_RE
from .office import KIND_NAMES, office_text, package_kind
from .subtitles import reads_as_subtitles, subtitle_text

# Pages and documents -----------------------------------------------------------------------

#: ``Document.source`` -> what the extracted text was read from, for notes and messages.
SOURCE_NAMES = {"html": "HTML page", "subtitles": "subtitle file", **KIND_NAMES}
#: A ZIP package's first bytes: DOCX and ODT files are ZIPs of XML.
ZIP_MAGIC = b"PK\x03\x04"


def _decode_page(data: bytes, path: str) -> tuple[str, str]:
    """``decode_bytes``, with the page's own ``<meta charset>`` trusted over a guess: bytes
    that are not UTF-8 are read in the charset the page declares (a page that declares
    Latin-1 is Latin-1; one that declares ISO-8859-6 is not Windows-1256, even where its
    bytes read as Arabic in both). A declaration the bytes do not decode in, or one of
    UTF-16/32 (which the HTML standard reads as UTF-8: the markup is 8-bit), leaves a
    legacy Arabic guess standing; with no guess either, it is an error."""
    charset = declared_charset(data) if data.lstrip()[:1] == b"<" else None
    try:
        text, enc = decode_bytes(data, path)
    except InputError:
        if charset is None:
            raise
        declared = _in_charset(data, charset)
        if declared is None:
            raise InputError(f"not valid {charset} text, although the page declares it",
                             path=path) from None
        return declared
    if charset is None or enc not in LEGACY_ENCODINGS or charset.startswith("utf"):
        return text, enc
    return _in_charset(data, charset) or (text, enc)


def _in_charset(data: bytes, charset: str) -> tuple[str, str] | None:
    """``(text, charset)`` of bytes that decode in ``charset``, else ``None``."""
    try:
        return universal_newlines(data.decode(charset)), charset
    except UnicodeDecodeError:
        return None


def read_document_text(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES
) -> tuple[str, str, str]:
    """``(text, encoding, source)`` of an input to align: a text file decoded as
    ``read_text`` does (``source`` ``text``), or the text extracted from an HTML page
    (``html``: by extension, ``.html``, ``.htm``, ``.xhtml``, or because its text is markup,
    so standard input is recognised too), a subtitle file (``subtitles``: a ``.srt`` or
    ``.vtt`` file with a timing line, or a cue number and timing among the first lines of
    another, ``subtitles.reads_as_subtitles``), a Word document (``docx``)
    or an OpenDocument text (``odt``; both recognised by their content). Offsets then index
    the extracted text: paragraphs separated by blank lines (``htmltext``, ``office``,
    ``subtitles``).

    Raises:
        InputError: as ``read_text``; a package that cannot be read or is of another kind
            (a spreadsheet, a presentation, named); a page or document with no text; DOC,
            PDF and RTF files, refused by name.
    """
    name = os.fspath(path)
    data = read_raw_bytes(name, max_bytes=max_bytes)
    if data.startswith(ZIP_MAGIC):
        kind = package_kind(data, name, max_bytes)
        text, enc = office_text(kind, data, name), "utf-8"
    else:
        text, enc = _decode_page(data, name)
        ext = os.path.splitext(name)[1].lower()
        if ext not in HTML_EXTENSIONS and reads_as_subtitles(text, ext):
            kind, text = "subtitles", subtitle_text(text)
        elif ext in HTML_EXTENSIONS or looks_like_html(text):
            kind, text = "html", html_text(text, name)
        else:
            return text, enc, "text"
    if AR_LETTER_RE.search(text) is None and LATIN_LETTER_RE.search(text) is None:
        raise InputError(f"no text: the {SOURCE_NAMES[kind]} shows no Arabic or Latin "
                         "letters", path=name)
    return text, enc, kind


# Documents --------------------------------------------------------------------------------

_LANG_NAME = {"en": "English", "ar": "Arabic"}


def _check_text(text: str, path: str) -> None:
    if not text.strip(WS):
        raise InputError("empty file", path=path)
    if AR_LETTER_RE.search(text) is None and LATIN_LETTER_RE.search(text) is None:
        raise InputError("no text: the file holds no Arabic or Latin letters", path=path)


def _sample(text: str, regions: tuple[tuple[int, int], ...], limit: int = SAMPLE) -> list[str]:
    """Pieces of the regions, at most ``limit`` characters in all, spread evenly.

    Deciding a file's language needs a fair sample, not every letter of a 100 MB file.
    """
    total = sum(e - s for s, e in regions)
    if total <= limit:
        return [text[s:e] for s, e in regions]
    n, width = 100, limit // 100
    picks = [k * (total - width) // (n - 1) for k in range(n)]
    out: list[str] = []
    done = 0  # length of the regions before the current one
    k = 0
    for s, e in regions:
        while k < n and picks[k] < done + (e - s):
            a = s + picks[k] - done
            out.append(text[a : min(e, a + width)])
            k += 1
        done += e - s
    return out


def _side(
    text: str, regions: tuple[tuple[int, int], ...], presplit: bool, path: str
) -> tuple[tuple[tuple[int, int], ...], tuple[Clutter, ...]]:
    """Regions without clutter, and the clutter (none in pre-split input: lines are given)."""
    if presplit:
        return regions, ()
    clutter = find_clutter(text, regions)
    kept = exclude(text, regions, clutter)
    if not kept:
        kinds = ", ".join(sorted({c.kind for c in clutter}))
        raise InputError(f"no article text: every line is web clutter ({kinds})", path=path)
    return kept, clutter


def _lang_of(text: str, regions: tuple[tuple[int, int], ...], path: str) -> tuple[str, bool]:
    """Majority script of the regions and whether both scripts are well represented."""
    ar = la = 0
    for piece in _sample(text, regions):
        a, latin = letter_counts(piece)
        ar, la = ar + a, la + latin
    if ar + la == 0:
        raise InputError("no text: no Arabic or Latin letters outside web clutter", path=path)
    mixed = min(ar, la) >= 0.2 * (ar + la)
    return ("ar" if ar >= la else "en"), mixed


def read_pair(
    en_path: str | os.PathLike[str],
    ar_path: str | os.PathLike[str],
    *,
    presplit: bool = False,
    max_bytes: int = INPUT_BYTES,
) -> tuple[Document, Document]:
    """The English and the Arabic document of a pair of files.

    Web clutter is found and cut out of each document's regions (not in ``presplit`` input,
    where each non-blank line is a sentence the user chose). The files' scripts are checked
    so that swapped or same-language files fail here with a clear message instead of giving
    a meaningless alignment; swapped files are refused rather than swapped back, because the
    user's outputs (which side is source) would silently differ from what they asked for.

    Raises:
        InputError: as ``read_document_text``; an empty file or one without letters; files
            that look swapped or are both in the same language.
    """
    paths = (os.fspath(en_path), os.fspath(ar_path))
    docs: list[Document] = []
    found: list[tuple[str, bool]] = []
    for lang, p in zip(("en", "ar"), paths, strict=True):
        text, enc, source = read_document_text(p, max_bytes=max_bytes)
        _check_text(text, p)
        regions, clutter = _side(text, ((0, len(text)),), presplit, p)
        found.append(_lang_of(text, regions, p))
        docs.append(Document(text, lang, p, regions, clutter, presplit, enc, source))
    (en_is, en_mixed), (ar_is, ar_mixed) = found
    en_p, ar_p = paths
    if en_is == "ar" and ar_is == "en":
        raise InputError(
            f"the files look swapped: {en_p} is Arabic and {ar_p} is English; "
            "give the English file first"
        )
    if en_is == ar_is:
        wrong = ar_p if en_is == "en" else en_p
        hint = ""
        for p, mixed in ((en_p, en_mixed), (ar_p, ar_mixed)):
            if mixed:
                hint = f" ({p} holds both scripts: is it one bilingual file?)"
                break
        raise InputError(
            f"both files are {_LANG_NAME[en_is]}: {wrong} should be the "
            f"{_LANG_NAME['ar' if en_is == 'en' else 'en']} text{hint}"
        )
    return docs[0], docs[1]


def _line_scripts(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, script)`` of every line, ``end`` past the newline; ``script`` is
    ``en``, ``ar`` or ``none`` (no letters) by the majority of letters in the line."""
    out: list[tuple[int, int, str]] = []
    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl + 1
        has_ar = AR_LETTER_RE.search(text, pos, stop) is not None
        has_la = LATIN_LETTER_RE.search(text, pos, stop) is not None
        if has_ar and has_la:
            ar, la = letter_counts(text[pos:stop])
            script = "ar" if ar >= la else "en"
        else:
            script = "ar" if has_ar else "en" if has_la else "none"
        out.append((pos, stop, script))
        pos = stop
    return out


def split_bilingual(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """The ``[start, end)`` regions of each language in a text holding both, by lines.

    Each line goes to the language of the majority of its letters; a line without letters
    (a blank line, ``-``, ``▼``, a bare number) goes to the block it sits in, i.e. the block
    before it, or the one after it at the top of the file. Consecutive lines of one language
    form one region, newline included, so the regions of both sides tile the whole text.

    >>> split_bilingual("Hello there.\\n-\\nمرحبا بكم.\\n")
    {'en': ((0, 15),), 'ar': ((15, 26),)}
    """
    lines = _line_scripts(text)
    first = next((sc for _, _, sc in lines if sc != "none"), "en")
    regions: dict[str, list[tuple[int, int]]] = {"en": [], "ar": []}
    current = first
    for start, stop, script in lines:
        if script != "none":
            current = script
        spans = regions[current]
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], stop)
        else:
            spans.append((start, stop))
    return {lang: tuple(spans) for lang, spans in regions.items()}


def read_bilingual(
    path: str | os.PathLike[str], *, presplit: bool = False, max_bytes: int = INPUT_BYTES
) -> tuple[Document, Document]:
    """The English and the Arabic document of one file that holds both languages.

    Both documents keep the whole file as ``text`` (offsets index the file the user gave, or
    the text extracted from a page or document, ``read_document_text``);
    their ``regions`` are the lines of their language (``split_bilingual``) minus web
    clutter. Blocks may come in any order and alternate.

    Raises:
        InputError: as ``read_document_text``; an empty file; a file holding only one
            language.
    """
    p = os.fspath(path)
    text, enc, source = read_document_text(p, max_bytes=max_bytes)
    _check_text(text, p)
    parts = split_bilingual(text)
    docs: list[Document] = []
    for lang in ("en", "ar"):
        other = "ar" if lang == "en" else "en"
        try:
            regions, clutter = _side(text, parts[lang], presplit, p)
        except InputError:
            regions, clutter = (), ()  # only clutter in this language: as good as none
        if not any(
            AR_LETTER_RE.search(text, s, e) or LATIN_LETTER_RE.search(text, s, e)
            for s, e in regions
        ):
            raise InputError(
                f"holds only {_LANG_NAME[other]} text; give the {_LANG_NAME[lang]} file too",
                path=p,
            )
        docs.append(Document(text, lang, p, regions, clutter, presplit, enc, source))
    return docs[0], docs[1]
