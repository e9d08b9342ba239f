"""TMX 1.4b translation memory: writer, and a reader for memories to re-check or review.

Writing: one ``<tu>`` per bead with ``x-bead-type``, ``x-score``, ``x-status`` and ``x-flags``
(codes, when any) props and an English and an Arabic ``<tuv>``. One-sided beads are left out
unless ``include_unaligned`` (then one segment is empty). The signature is a
``x-tawazi-signature`` prop of the header, the document verdict (``quality.verdict``) its
``x-tawazi-verdict`` prop and the verdict's evidence ``x-tawazi-verdict-evidence``. No
creation date is written, so that the same alignment always gives the same bytes.

Edits: a translation memory is used for its ``<seg>``, so with ``edited`` (the default) the
seg holds the reviewer's text and a ``x-original`` prop of that ``<tuv>`` keeps the aligned
original; with ``edited=False`` the seg holds the original and a ``x-edit`` prop the edit.
Either way nothing is lost, and ``read_tmx`` gives back both.

Characters XML 1.0 cannot carry (C0 controls but tab and line ends, lone surrogates,
U+FFFE/U+FFFF) are dropped rather than producing a file no tool can open; a carriage
return is written ``&#13;`` because XML parsers turn a literal one into a line feed.

Reading uses expat (standard library) directly: external entities are never fetched, and a
DOCTYPE that declares entities is refused outright, which rules out entity-expansion bombs
whatever the expat version.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from align import __version__
from align.errors import FormatError
from align.formats.options import WriteOptions, exported_texts, fmt_score
from align.formats.segments import (
    Segment,
    alignment_from_segments,
    check_status,
    check_units,
    export_status,
    parse_score,
    read_bytes,
    split_flags,
)
from align.text.limits import Limits
from align.types import LANGS, Alignment

_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_HEADER = {
    "creationtool": "tawazi",
    "creationtoolversion": __version__,
    "datatype": "plaintext",
    "segtype": "sentence",
    "adminlang": "en",
    "srclang": "en",
    "o-tmf": "tawazi",
}

#: Language tags read as English or Arabic, by primary subtag (ISO 639-1 and 639-2).
_LANG_CODES = {"en": "en", "eng": "en", "ar": "ar", "ara": "ar"}

#: Inline elements whose content is text of the segment; the others hold native codes.
_TEXT_INLINE = frozenset({"hi"})


def xml_text(text: str) -> str:
    """Character data for XML 1.0: escaped, illegal characters dropped, CR kept as ``&#13;``.

    >>> xml_text('a < b & "c" ]]>\\x07\\r')
    'a &lt; b &amp; "c" ]]&gt;&#13;'
    """
    return escape(_ILLEGAL_XML.sub("", text)).replace("\r", "&#13;")


def _prop(indent: int, kind: str, value: str) -> str:
    return f'{" " * indent}<prop type="{kind}">{xml_text(value)}</prop>'


def render_tmx(al: Alignment, opts: WriteOptions) -> str:
    """The TMX document, UTF-8, two-space indentation, ending with a newline."""
    attrs = " ".join(f"{k}={quoteattr(v)}" for k, v in _HEADER.items())
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">']
    from align.quality.verdict import document_verdict  # numpy: not at import

    signature = opts.signature_of(al)
    verdict = document_verdict(al)
    out.append(f"  <header {attrs}>")
    if signature:
        out.append(_prop(4, "x-tawazi-signature", signature))
    out += [_prop(4, "x-tawazi-verdict", verdict.label),
            _prop(4, "x-tawazi-verdict-evidence", verdict.describe()), "  </header>"]
    out.append("  <body>")
    for number, bead in enumerate(al.beads, 1):
        texts = exported_texts(al, bead, opts)
        if texts is None:
            continue
        out.append(f'    <tu tuid="{number}">')
        out.append(_prop(6, "x-bead-type", bead.type))
        out.append(_prop(6, "x-score", fmt_score(bead.score)))
        out.append(_prop(6, "x-status", export_status(bead)))
        if bead.flags:
            out.append(_prop(6, "x-flags", ",".join(bead.flag_codes)))
        for lang, text in zip(LANGS, texts, strict=True):
            edit = bead.en_edit if lang == "en" else bead.ar_edit
            out.append(f'      <tuv xml:lang="{lang}">')
            if edit is not None and opts.edited:
                out.append(_prop(8, "x-original", al.bead_text(bead, lang, edited=False)))
            elif edit is not None:
                out.append(_prop(8, "x-edit", edit))
            out.append(f"        <seg>{xml_text(text)}</seg>")
            out.append("      </tuv>")
        out.append("    </tu>")
    out += ["  </body>", "</tmx>"]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- reading


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


class _Tree:
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


def _seg_text(el: ET.Element) -> str:
    """The text of a ``<seg>``: ``<hi>`` content is kept, native codes (``<ph>``...) are not.

    Walked with an explicit stack rather than by recursion: a ``<hi>`` nested a thousand
    deep is legal XML and must not exhaust Python's recursion limit."""
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
            if child.tag in _TEXT_INLINE:
                stack.append(child)
    return "".join(parts)


def _props(el: ET.Element) -> dict[str, str]:
    return {p.get("type", ""): p.text or "" for p in el.findall("prop")}


def _lang(tree: _Tree, tuv: ET.Element) -> str | None:
    """``en``/``ar`` for a ``<tuv>`` of either language (``EN-us``, ``ar_SA``...), else None."""
    tag = tuv.get("xml:lang") or tuv.get("lang")
    if tag is None:
        raise tree.error("<tuv> without xml:lang", tuv)
    return _LANG_CODES.get(re.split("[-_]", tag.strip().lower())[0])


def _unit(tree: _Tree, tu: ET.Element) -> Segment:
    """One ``<tu>`` as a segment pair; a missing language gives a blank side."""
    texts: dict[str, tuple[str, str | None]] = {}
    for tuv in tu.findall("tuv"):
        lang = _lang(tree, tuv)
        if lang is None or lang in texts:
            continue  # another language, or a second variant of one: the first is used
        seg = tuv.find("seg")
        if seg is None:
            raise tree.error("<tuv> without <seg>", tuv)
        text, props = _seg_text(seg), _props(tuv)
        if "x-original" in props:
            texts[lang] = (props["x-original"], text)
        else:
            texts[lang] = (text, props.get("x-edit"))
    props = _props(tu)
    line = tree.lines.get(tu)
    en, en_edit = texts.get("en", ("", None))
    ar, ar_edit = texts.get("ar", ("", None))
    return Segment(
        en=en,
        ar=ar,
        score=parse_score(props["x-score"], tree.where, line) if "x-score" in props else 1.0,
        status=check_status(props["x-status"], tree.where, line) if "x-status" in props else "auto",
        flags=split_flags(props.get("x-flags", "")),
        en_edit=en_edit,
        ar_edit=ar_edit,
        line=line,
    )


def read_tmx(path: str | Path, limits: Limits | None = None) -> Alignment:
    """Read a TMX 1.1–1.4 memory as an alignment of one bead per ``<tu>``.

    Either language may be the source; ``xml:lang`` (or the older ``lang``) is matched by
    primary subtag, in any case. Units with neither English nor Arabic are skipped (their
    count is ``meta["skipped_units"]``); a tawazi signature is ``meta["signature"]``.

    UTF-32 (a BOM, or an XML declaration saying so), which expat cannot read, is decoded
    here first (``xml_bytes``).

    Raises:
        InputError: the file cannot be read, or is over ``limits``.
        FormatError: not well-formed XML, entity declarations, root other than ``<tmx>``,
            another major version, no ``<body>``, a ``<tuv>`` without language or ``<seg>``,
            a bad ``x-score``/``x-status``, or no unit with both English and Arabic.
    """
    where = str(path)
    limits = limits or Limits()
    tree = _Tree(read_bytes(path, limits), where)
    root = tree.root
    if root.tag != "tmx":
        raise tree.error(f"the root element is <{root.tag}>, not <tmx>", root)
    version = root.get("version", "").strip()
    if version and not version.startswith("1."):
        raise tree.error(f"TMX version {version} is not supported (1.1 to 1.4)", root)
    body = root.find("body")
    if body is None:
        raise tree.error("no <body> element", root)
    units = body.findall("tu")
    check_units(len(units), where, limits)
    segments = [_unit(tree, tu) for tu in units]
    meta = {"format": "tmx"}
    skipped = sum(1 for s in segments if not s.en.strip() and not s.ar.strip())
    if skipped:
        meta["skipped_units"] = str(skipped)
    header = root.find("header")
    signature = _props(header).get("x-tawazi-signature") if header is not None else None
    if signature:
        meta["signature"] = signature
    return alignment_from_segments(segments, where, encoding=tree.encoding, meta=meta)
