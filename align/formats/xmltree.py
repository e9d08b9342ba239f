"""Reading and writing XML safely, for every XML format (TMX, XLIFF).

Writing: ``xml_text`` and ``xml_attr`` escape text and drop the characters XML 1.0 cannot
carry (C0 controls but tab and line ends, lone surrogates, U+FFFE/U+FFFF) rather than produce
a file no tool can open; a carriage return is written ``&#13;`` because XML parsers turn a
literal one into a line feed (and in attributes, tab and line feed are written as references
too, since attribute-value normalisation would turn them into spaces).

Reading uses expat (standard library) directly: external entities are never fetched, and a
DOCTYPE that declares entities is refused outright, which rules out entity-expansion bombs
whatever the expat version. Element names lose their namespace prefix (``mda:meta`` is
``meta``): the formats read here use one vocabulary per element name.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from xml.parsers import expat
from xml.sax.saxutils import escape

from ..errors import FormatError

_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Character data for XML 1.0: escaped, illegal characters dropped, CR kept as ``&#13;``.

    >>> xml_text('a < b & "c" ]]>\\x07\\r')
    'a &lt; b &amp; "c" ]]&gt;&#13;'
    """
    return escape(_ILLEGAL_XML.sub("", text)).replace("\r", "&#13;")


def xml_attr(text: str) -> str:
    r"""An attribute value in double quotes, with the same character rules as ``xml_text``
    and tab, line feed and carriage return kept as character references.

    >>> xml_attr('a "b"\tc\n')
    '"a &quot;b&quot;&#9;c&#10;"'
    """
    refs = {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
    return '"' + escape(_ILLEGAL_XML.sub("", text), refs) + '"'


def element_text(el: ET.Element, inline: frozenset[str] = frozenset()) -> str:
    """The text of an element: the content of ``inline`` children is kept, that of others
    (native codes, placeholders) is not.

    Walked with an explicit stack rather than by recursion: an inline element nested a
    thousand deep is legal XML and must not exhaust Python's recursion limit."""
    parts: list[str] = []
    # Items are an element whose text and children come next, or a tail string.
    stack: list[ET.Element | str] = [el]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        parts.append(item.text or "")
        for child in reversed(item):
            stack.append(child.tail or "")
            if child.tag in inline:
                stack.append(child)
    return "".join(parts)


#: UTF-32 without a BOM, told by how ``<`` (the first character of any XML document)
#: is written (XML 1.0, appendix F).
_UTF32_STARTS = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"))
_UTF32_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"))


def xml_bytes(data: bytes, where: str) -> tuple[bytes, str | None]:
    """The bytes to give expat, and the UTF-32 codec they were decoded from, if any.

    expat reads UTF-8 and UTF-16 itself but not UTF-32, so a UTF-32 document (by its BOM or
    its first character) is decoded here and handed over as UTF-8, with expat told to
    ignore the declaration's ``encoding="UTF-32"``.

    >>> xml_bytes('<a/>'.encode("utf-32"), "x.tmx")
    (b'<a/>', 'utf-32-le')
    """
    for bom, enc in _UTF32_BOMS:
        if data.startswith(bom):
            return _from_utf32(data[len(bom):], enc, where), enc
    for start, enc in _UTF32_STARTS:
        if data.startswith(start):
            return _from_utf32(data, enc, where), enc
    return data, None


def _from_utf32(data: bytes, enc: str, where: str) -> bytes:
    try:
        return data.decode(enc).encode("utf-8", "surrogatepass")
    except UnicodeDecodeError as e:
        raise FormatError(
            f"not valid {enc.upper()} text (bad data at offset {e.start}, {e.reason})",
            path=where,
        ) from None


class XmlTree:
    """An ElementTree built by expat, with the line where each element starts."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        self.lines: dict[ET.Element, int] = {}
        self.encoding = "utf-8"
        self._builder = ET.TreeBuilder()
        data, wide = xml_bytes(data, where)
        self._parser = expat.ParserCreate("utf-8" if wide else None)
        p = self._parser
        p.buffer_text = True
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._builder.data
        p.EntityDeclHandler = self._entity_decl
        p.SkippedEntityHandler = self._skipped_entity
        p.XmlDeclHandler = self._xml_decl
        try:
            p.Parse(data, True)
        except expat.ExpatError as exc:
            reason = expat.ErrorString(exc.code) or "syntax error"
            raise FormatError(
                f"not well-formed XML: {reason}", path=where, line=exc.lineno
            ) from None
        except (LookupError, ValueError) as exc:
            # The XML declaration names an encoding Python lacks, or a multi-byte one
            # (Shift-JIS, UTF-32) that expat cannot take: the message says which.
            if "encoding" not in str(exc):
                raise
            raise FormatError(
                f"cannot decode: {exc}", path=where, line=p.CurrentLineNumber
            ) from None
        self.root = self._builder.close()
        if wide:
            self.encoding = wide

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        el = self._builder.start(tag.rsplit(":", 1)[-1], attrs)
        self.lines[el] = self._parser.CurrentLineNumber

    def _end(self, tag: str) -> None:
        self._builder.end(tag.rsplit(":", 1)[-1])

    def _entity_decl(self, name: str, *_: object) -> None:
        raise FormatError(
            f"the DOCTYPE declares the entity {name!r}; entity declarations are refused",
            path=self.where,
            line=self._parser.CurrentLineNumber,
        )

    def _skipped_entity(self, name: str, is_parameter: int) -> None:
        raise FormatError(
            f"undefined entity &{name};", path=self.where, line=self._parser.CurrentLineNumber
        )

    def _xml_decl(self, version: str, encoding: str | None, standalone: int) -> None:
        if encoding:
            self.encoding = encoding.lower()

    def error(self, reason: str, el: ET.Element | None = None) -> FormatError:
        return FormatError(
            reason, path=self.where, line=self.lines.get(el) if el is not None else None
        )
