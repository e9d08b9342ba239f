"""TMX 1.4b translation memory: writer, and a reader for memories to re-check or review.

Writing: one ``<tu>`` per bead with ``x-bead-type``, ``x-score``, ``x-status`` and ``x-flags``
(codes, when any) props, a ``<note>`` per flag explanation, and a ``<tuv>`` per
language, the source language (``srclang``, English unless ``--srclang ar``) first, tagged
with the options' locales (``en-GB``, ``ar-SA``). One-sided beads are left out unless
``include_unaligned`` (then one segment is empty); ``one_to_one`` and ``min_score`` leave
out more. The signature is a ``x-tawazi-signature`` prop of the header. No creation date is
written unless asked for, so that the same alignment always gives the same bytes.

Multi-sentence beads (2-1, 2-2, ...) carry ``segtype="block"``, and the header says
``segtype="paragraph"`` when there are any: CAT tools that segment by sentence (OmegaT) then
resegment those units into sentence pairs where the counts agree, instead of never
matching them; a memory of 1-1 units stays ``segtype="sentence"``.

Edits: a translation memory is used for its ``<seg>``, so with ``edited`` (the default) the
seg holds the reviewer's text and a ``x-original`` prop of that ``<tuv>`` keeps the aligned
original; with ``edited=False`` the seg holds the original and a ``x-edit`` prop the edit.
Either way nothing is lost, and ``read_tmx`` gives back both.

Reading uses ``xmltree`` (expat, no entities); see there for the characters that cannot be
written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .. import __version__
from ..text.limits import Limits
from ..types import Alignment, Bead
from .options import WriteOptions, exported_texts, fmt_score, segment_text
from .segments import (
    Segment,
    alignment_from_segments,
    check_status,
    check_units,
    export_status,
    parse_score,
    read_bytes,
    split_flags,
)
from .xmltree import XmlTree, element_text, xml_attr, xml_text

#: Language tags read as English or Arabic, by primary subtag (ISO 639-1 and 639-2).
_LANG_CODES = {"en": "en", "eng": "en", "ar": "ar", "ara": "ar"}

#: Inline elements whose content is text of the segment; the others hold native codes.
_TEXT_INLINE = frozenset({"hi"})


def _prop(indent: int, kind: str, value: str) -> str:
    return f'{" " * indent}<prop type="{kind}">{xml_text(value)}</prop>'


def _header(opts: WriteOptions, segtype: str, signature: str,
            verdict: tuple[str, str] | None = None) -> list[str]:
    """The header element: attributes from the options; the signature and the document
    verdict (``(label, evidence)``) as props."""
    attrs = {
        "creationtool": "tawazi",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": segtype,
        "adminlang": "en",
        "srclang": opts.locale(opts.srclang),
        "o-tmf": "tawazi",
    }
    if opts.creation_date:
        attrs["creationdate"] = opts.creation_date
    if opts.creation_id:
        attrs["creationid"] = opts.creation_id
    text = " ".join(f"{k}={xml_attr(v)}" for k, v in attrs.items())
    props = [_prop(4, "x-tawazi-signature", signature)] if signature else []
    if verdict is not None:
        props += [_prop(4, "x-tawazi-verdict", verdict[0]),
                  _prop(4, "x-tawazi-verdict-evidence", verdict[1])]
    if not props:
        return [f"  <header {text}/>"]
    return [f"  <header {text}>", *props, "  </header>"]


def _tu(al: Alignment, number: int, bead: Bead, texts: tuple[str, str],
          opts: WriteOptions) -> list[str]:
    attrs = f'tuid="{number}"'
    if len(bead.en) > 1 or len(bead.ar) > 1:
        attrs += ' segtype="block"'
    if opts.creation_date:
        attrs += f' creationdate="{opts.creation_date}"'
    if opts.creation_id:
        attrs += f" creationid={xml_attr(opts.creation_id)}"
    out = [f"    <tu {attrs}>"]
    out.append(_prop(6, "x-bead-type", bead.type))
    out.append(_prop(6, "x-score", fmt_score(bead.score)))
    out.append(_prop(6, "x-status", export_status(bead)))
    if bead.flags:
        out.append(_prop(6, "x-flags", ",".join(bead.flag_codes)))
    out += [f"      <note>{xml_text(f'{f.code}: {f.detail}')}</note>"
            for f in bead.flags if f.detail]
    by_lang = dict(zip(("en", "ar"), texts, strict=True))
    for lang in opts.langs:
        edit = bead.en_edit if lang == "en" else bead.ar_edit
        out.append(f"      <tuv xml:lang={xml_attr(opts.locale(lang))}>")
        if edit is not None and opts.edited:
            out.append(_prop(8, "x-original", segment_text(al, bead, lang, edited=False)))
        elif edit is not None:
            out.append(_prop(8, "x-edit", edit))
        out.append(f"        <seg>{xml_text(by_lang[lang])}</seg>")
        out.append("      </tuv>")
    out.append("    </tu>")
    return out


def render_tmx(al: Alignment, opts: WriteOptions) -> str:
    """The TMX document, UTF-8, two-space indentation, ending with a newline."""
    units: list[str] = []
    blocks = False
    for number, bead in enumerate(al.beads, 1):
        texts = exported_texts(al, bead, opts)
        if texts is None:
            continue
        blocks = blocks or len(bead.en) > 1 or len(bead.ar) > 1
        units += _tu(al, number, bead, texts, opts)
    from ..quality.verdict import document_verdict  # numpy: not at import

    verdict = document_verdict(al)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">']
    out += _header(opts, "paragraph" if blocks else "sentence", opts.signature_of(al),
                   (verdict.label, verdict.describe()))
    out += ["  <body>", *units, "  </body>", "</tmx>"]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- reading


def _seg_text(el: ET.Element) -> str:
    """The text of a ``<seg>``: ``<hi>`` content is kept, native codes (``<ph>``...) are not."""
    return element_text(el, _TEXT_INLINE)


def _props(el: ET.Element) -> dict[str, str]:
    return {p.get("type", ""): p.text or "" for p in el.findall("prop")}


def _lang(tree: XmlTree, tuv: ET.Element) -> str | None:
    """``en``/``ar`` for a ``<tuv>`` of either language (``EN-us``, ``ar_SA``...), else None."""
    tag = tuv.get("xml:lang") or tuv.get("lang")
    if tag is None:
        raise tree.error("<tuv> without xml:lang", tuv)
    return _LANG_CODES.get(re.split("[-_]", tag.strip().lower())[0])


def _unit(tree: XmlTree, tu: ET.Element) -> Segment:
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
    here first (``xmltree.xml_bytes``).

    Raises:
        InputError: the file cannot be read, or is over ``limits``.
        FormatError: not well-formed XML, entity declarations, root other than ``<tmx>``,
            another major version, no ``<body>``, a ``<tuv>`` without language or ``<seg>``,
            a bad ``x-score``/``x-status``, or no unit with both English and Arabic.
    """
    where = str(path)
    limits = limits or Limits()
    tree = XmlTree(read_bytes(path, limits), where)
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
