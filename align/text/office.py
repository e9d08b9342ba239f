"""The text of Word (DOCX) and OpenDocument (ODT) files, one paragraph per paragraph.

Both formats are ZIP packages of XML. They are read with the libraries that know them.
python-docx (MIT, maintained) opens a DOCX package and finds its main document part; the
paragraphs are read from that part's XML here, since its ``Paragraph.text`` drops tracked
insertions and content controls. odfpy (the reference Python implementation of
OpenDocument, Apache-2.0/GPL/LGPL) reads ODT; it is unchanged since 2020 and prints an XML
part it cannot parse to standard output, then goes on without it, so the parts are first
parsed here with defusedxml (which also refuses entity expansion) and a bad one is refused
with one line.

The text comes out in the shape of ``htmltext``: each paragraph, heading, list item and
table cell its own paragraph, separated by a blank line; a manual line break is a line
end. Page headers and footers, footnotes, comments, text boxes and deleted or moved-away
tracked changes are not article text and are left out.

A ZIP package is looked into before anything is parsed, so that a spreadsheet or a
presentation is refused by name, and a package whose parts unpack to far more than the
input limit (a ZIP bomb) is refused before it is unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from ..errors import InputError

#: The parts of a package read may unpack to at most this many times the input size limit.
UNPACK_RATIO = 10

#: ODF media types (the package's ``mimetype`` entry) -> what to call a refused one.
ODF_OTHER = {
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
    "application/vnd.oasis.opendocument.graphics": "an OpenDocument drawing (.odg)",
}
ODT_TYPES = frozenset({"application/vnd.oasis.opendocument.text",
                       "application/vnd.oasis.opendocument.text-template",
                       "application/vnd.oasis.opendocument.text-master"})
#: OOXML packages other than Word, by the folder their main part lives in.
OOXML_OTHER = {"xl/": "an Excel workbook (.xlsx)", "ppt/": "a PowerPoint presentation (.pptx)"}
#: What to say of such a package, besides that it is not a text document: a workbook may be
#: a review sheet, which is read as an alignment, alone and by its extension, never as a
#: document (so "name it .xlsx", to a file already so named or to ``split``, was wrong).
OOXML_HINT = {"xl/": "; a review sheet is read alone, by `tawazi align SHEET.xlsx`"}

#: What each kind is called in messages and notes.
KIND_NAMES = {"docx": "Word document (DOCX)", "odt": "OpenDocument text (ODT)"}

_WS_RE = re.compile(r"[ \t\n\r]+")

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#: ODF block elements whose content is paragraphs (walked into) ...
ODF_CONTAINERS = frozenset({
    (_TEXT_NS, "list"), (_TEXT_NS, "list-item"), (_TEXT_NS, "list-header"),
    (_TEXT_NS, "section"), (_TABLE_NS, "table"), (_TABLE_NS, "table-row"),
    (_TABLE_NS, "table-rows"), (_TABLE_NS, "table-header-rows"),
    (_TABLE_NS, "table-row-group"), (_TABLE_NS, "table-cell"),
})
#: ... the paragraphs themselves ...
ODF_PARAGRAPHS = frozenset({(_TEXT_NS, "p"), (_TEXT_NS, "h")})
#: ... and what inside a paragraph is not its text (notes, comments, frames, index marks).
ODF_SKIP_INLINE = frozenset({
    (_TEXT_NS, "note"), ("urn:oasis:names:tc:opendocument:xmlns:office:1.0", "annotation"),
    ("urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", "frame"),
    (_TEXT_NS, "tracked-changes"), (_TEXT_NS, "ruby-text"),
})


def package_kind(data: bytes, path: str, max_bytes: int) -> str:
    """``docx`` or ``odt`` for a ZIP package that is one, after checking its unpacked size.

    Raises:
        InputError: not a readable ZIP, another kind of package (named), or parts that
            would unpack past ``UNPACK_RATIO`` times ``max_bytes``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            mimetype = (z.read("mimetype")[:100].decode("ascii", "replace").strip()
                        if "mimetype" in names else "")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
            RuntimeError) as exc:  # RuntimeError: an encrypted entry
        raise InputError(f"looks like a DOCX, ODT or other ZIP package, but it is damaged or "
                         f"cut short ({_one_line(exc)})", path=path) from None
    if "word/document.xml" in names:
        kind = "docx"
    elif mimetype in ODT_TYPES:
        kind = "odt"
    elif mimetype in ODF_OTHER:
        raise InputError(f"looks like {ODF_OTHER[mimetype]}, not a text document", path=path)
    else:
        folder = next((f for f in OOXML_OTHER if any(n.startswith(f) for n in names)), "")
        raise InputError(f"looks like {OOXML_OTHER.get(folder, 'a ZIP file')}, not a text "
                         f"document (DOCX and ODT are read){OOXML_HINT.get(folder, '')}",
                         path=path)
    unpacked = sum(i.file_size for i in infos)
    if unpacked > UNPACK_RATIO * max_bytes:
        raise InputError(f"the {KIND_NAMES[kind]} unpacks to {unpacked:,} bytes, over "
                         f"{UNPACK_RATIO} times the input limit ({max_bytes:,} bytes)",
                         path=path)
    return kind


def _paragraphs(lines: Iterator[str]) -> str:
    """Blank-line separated paragraphs of the non-empty ones, each line trimmed."""
    out = []
    for para in lines:
        kept = [ln.strip() for ln in para.split("\n")]
        text = "\n".join(ln for ln in kept if ln)
        if text:
            out.append(text + "\n")
    return "\n".join(out)


# DOCX ------------------------------------------------------------------------------------


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: WordprocessingML elements holding blocks (walked into): content controls, custom XML,
#: tables, their rows and cells (a merged cell is one ``w:tc``; the cells it covers
#: vertically are empty ``w:tc``s, so nothing is read twice).
DOCX_CONTAINERS = frozenset(_W + n for n in ("sdt", "sdtContent", "customXml", "tbl", "tr",
                                             "tc", "smartTag"))
#: Inside a paragraph: what is not its text (moved-away text, text boxes, whose content is
#: not in reading order, the fallback copy of a drawing, field codes' results are kept).
DOCX_SKIP_INLINE = frozenset({
    _W + "moveFrom", _W + "del", _W + "txbxContent", _W + "footnoteReference",
    _W + "endnoteReference", _W + "commentReference",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
})
DOCX_INLINE_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n",
                     _W + "noBreakHyphen": "\u2011", _W + "softHyphen": "\u00ad"}


def _docx_paragraph(p: Any) -> str:
    """A ``w:p``'s text in order: its runs' ``w:t`` wherever they sit (hyperlinks, tracked
    insertions, inline content controls, which python-docx's ``Paragraph.text`` leaves
    out), tabs and breaks, without deleted or moved-away text and text boxes."""
    from lxml import etree

    out: list[str] = []
    walk = etree.iterwalk(p, events=("start",))
    for _, el in walk:
        tag = el.tag
        if tag in DOCX_SKIP_INLINE:
            walk.skip_subtree()
        elif tag == _W + "t":
            out.append(el.text or "")
        elif tag in DOCX_INLINE_CHARS:
            out.append(DOCX_INLINE_CHARS[tag])
    return "".join(out)


def _docx_blocks(body: Any) -> Iterator[str]:
    """Paragraph texts of the document body in order, tables cell by cell; iterative."""
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if el.tag == _W + "p":
            yield _docx_paragraph(el)
        elif el.tag in DOCX_CONTAINERS:
            stack.extend(reversed(el))


def docx_text(data: bytes, path: str) -> str:
    """The text of a DOCX file's body (see the module docstring).

    Raises:
        InputError: the package or its XML cannot be read.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))  # the package: parts, relationships
        text = _paragraphs(_docx_blocks(document.element.body))
    except AttributeError:  # python-docx meeting a part of another XML vocabulary
        raise InputError("cannot read the Word document (its document part is not "
                         "WordprocessingML)", path=path) from None
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError,
            ValueError, etree.LxmlError) as exc:
        raise InputError(f"cannot read the Word document ({type(exc).__name__}: "
                         f"{_one_line(exc)})", path=path) from None
    return text


# ODT -------------------------------------------------------------------------------------


def _odf_inline(node: Any) -> str:
    """The text of one paragraph: text nodes with ODF's white space rule (runs of spaces,
    tabs and line ends are one space; ``text:s``, ``text:tab`` and ``text:line-break`` are
    the explicit ones), without notes, comments and frames. Iterative: a crafted file may
    nest spans deeper than Python's stack."""
    out: list[str] = []
    stack = list(reversed(node.childNodes))
    while stack:
        n = stack.pop()
        if n.nodeType == n.TEXT_NODE:
            out.append(_WS_RE.sub(" ", n.data))
            continue
        if n.nodeType != n.ELEMENT_NODE or n.qname in ODF_SKIP_INLINE:
            continue
        ns, name = n.qname
        if ns == _TEXT_NS and name == "s":
            count = n.attributes.get((_TEXT_NS, "c"), "1")
            out.append(" " * min(int(count) if count.isdigit() else 1, 1000))
        elif ns == _TEXT_NS and name == "tab":
            out.append("\t")
        elif ns == _TEXT_NS and name == "line-break":
            out.append("\n")
        else:
            stack.extend(reversed(n.childNodes))
    return "".join(out)


def _odf_blocks(body: Any) -> Iterator[str]:
    """Paragraph texts of an ODF body in document order (headings, lists, sections and
    table cells walked into; covered cells, frames and indexes skipped)."""
    stack = list(reversed(body.childNodes))
    while stack:
        n = stack.pop()
        if n.nodeType != n.ELEMENT_NODE:
            continue
        if n.qname in ODF_PARAGRAPHS:
            yield _odf_inline(n)
        elif n.qname in ODF_CONTAINERS:
            stack.extend(reversed(n.childNodes))


def odt_text(data: bytes, path: str) -> str:
    """The text of an ODT file's body (see the module docstring).

    Raises:
        InputError: the package or its XML cannot be read.
    """
    import xml.sax

    from defusedxml import DefusedXmlException
    from odf.opendocument import load

    _check_odf_parts(data, path)
    try:
        document = load(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError,
            xml.sax.SAXException, DefusedXmlException, RecursionError, AttributeError,
            TypeError, IndexError) as exc:
        # odfpy reports a malformed part with whatever Python raised while building it.
        raise InputError(f"cannot read the OpenDocument file ({type(exc).__name__}: "
                         f"{_one_line(exc)})", path=path) from None
    body = document.text
    return _paragraphs(_odf_blocks(body)) if body is not None else ""


#: The XML parts odfpy parses. It prints a part it cannot parse to standard output and
#: carries on without it (a missing part, silently), so they are checked first.
ODF_PARTS = ("content.xml", "styles.xml", "meta.xml", "settings.xml")


def _check_odf_parts(data: bytes, path: str) -> None:
    """Refuse an ODT whose ``content.xml`` is missing or whose XML parts are not
    well-formed, before odfpy sees them (parsed with defusedxml: no entity expansion)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "content.xml" not in names:
                raise InputError("cannot read the OpenDocument file (no content.xml in the "
                                 "package)", path=path)
            for part in ODF_PARTS:
                if part in names:
                    fromstring(z.read(part))
    except (ParseError, DefusedXmlException, zipfile.BadZipFile, zlib.error, EOFError,
            ValueError) as exc:
        raise InputError(f"cannot read the OpenDocument file ({type(exc).__name__}: "
                         f"{_one_line(exc)})", path=path) from None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else "no detail"


def office_text(kind: str, data: bytes, path: str) -> str:
    """The text of a package of ``kind`` (``docx`` or ``odt``, from ``package_kind``)."""
    return docx_text(data, path) if kind == "docx" else odt_text(data, path)


__all__ = ["KIND_NAMES", "docx_text", "odt_text", "office_text", "package_kind"]
