"""XLIFF 2.1 and 1.2, bilingual: the exchange format CAT tools (Trados, memoQ, Okapi,
OmegaT, Weblate) open for review or as a translation job, and its reader.

One unit per exported bead, the source language (``srclang``) as ``<source>``, the other as
``<target>``; beads are left out as for TMX (``exported_texts``: one-sided ones unless
``include_unaligned``, and the ``one_to_one``/``min_score`` filters). The bead's data rides
along where each version has room for it without breaking schema validation:

- **2.1**: a Metadata module block in each ``<unit>``
  (``<mda:metadata><mda:metaGroup category="tawazi">`` with ``<mda:meta type=...>`` for
  ``bead-type``, ``score``, ``status``, ``flags`` and, for an edited side, ``en-original`` /
  ``ar-original`` or ``en-edit`` / ``ar-edit``), the signature in the ``<file>``'s block;
  an approved bead's segment is ``state="final"``, others ``translated``.
- **1.2** (strict schema: no ``<prop-group>``, no foreign attributes): ``approved="yes"`` and
  ``state="final"`` for an approved bead, and one ``<note from="tawazi:KEY">`` per field
  (the same keys), which CAT tools show to the translator; the signature is a note of the
  ``<header>``.

Edits follow TMX: with ``edited`` the segment holds the reviewer's text and the metadata
the original. Reading accepts either version, matching languages by primary subtag (either
may be the source) and taking what metadata there is; units without it are 1-1 beads with
score 1, like a plain TMX.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .. import __version__
from ..errors import FormatError
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

NS_20 = "urn:oasis:names:tc:xliff:document:2.0"
NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_MDA = "urn:oasis:names:tc:xliff:metadata:2.0"

#: Inline elements whose content is text (XLIFF 2 ``<mrk>``/``<pc>``, 1.2 ``<mrk>``/``<g>``);
#: the others are placeholders for native codes.
_TEXT_INLINE = frozenset({"mrk", "pc", "g"})
_LANG_CODES = {"en": "en", "eng": "en", "ar": "ar", "ara": "ar"}


def _fields(al: Alignment, bead: Bead, opts: WriteOptions) -> list[tuple[str, str]]:
    """The bead's metadata as ``(key, value)``, in a fixed order."""
    out = [("bead-type", bead.type), ("score", fmt_score(bead.score)),
           ("status", export_status(bead))]
    if bead.flags:
        out.append(("flags", ",".join(bead.flag_codes)))
    for lang in ("en", "ar"):
        edit = bead.en_edit if lang == "en" else bead.ar_edit
        if edit is not None and opts.edited:
            out.append((f"{lang}-original", segment_text(al, bead, lang, edited=False)))
        elif edit is not None:
            out.append((f"{lang}-edit", edit))
    return out


def _units(al: Alignment, opts: WriteOptions) -> list[tuple[int, Bead, dict[str, str]]]:
    out = []
    for number, bead in enumerate(al.beads, 1):
        texts = exported_texts(al, bead, opts)
        if texts is not None:
            out.append((number, bead, dict(zip(("en", "ar"), texts, strict=True))))
    return out


def _original(al: Alignment) -> str:
    return Path(al.en_doc.path).name if al.en_doc.path else "tawazi"


def render_xliff2(al: Alignment, opts: WriteOptions) -> str:
    """The XLIFF 2.1 document (core namespace 2.0, version 2.1), UTF-8, ending with a newline.
    """
    src, trg = opts.langs
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="{NS_20}" xmlns:mda="{NS_MDA}" version="2.1" '
        f"srcLang={xml_attr(opts.locale(src))} trgLang={xml_attr(opts.locale(trg))}>",
        f'  <file id="f1" original={xml_attr(_original(al))}>',
    ]
    signature = opts.signature_of(al)
    if signature:
        out += ["    <mda:metadata>", '      <mda:metaGroup category="tawazi">',
                f'        <mda:meta type="signature">{xml_text(signature)}</mda:meta>',
                "      </mda:metaGroup>", "    </mda:metadata>"]
    units = _units(al, opts)
    if not units:
        raise FormatError("no bead to export: XLIFF needs at least one unit")
    for number, bead, texts in units:
        out += [f'    <unit id="u{number}">', "      <mda:metadata>",
                '        <mda:metaGroup category="tawazi">']
        out += [f'          <mda:meta type="{k}">{xml_text(v)}</mda:meta>'
                for k, v in _fields(al, bead, opts)]
        state = "final" if bead.status == "approved" else "translated"
        out += ["        </mda:metaGroup>", "      </mda:metadata>",
                f'      <segment state="{state}">',
                f'        <source xml:space="preserve">{xml_text(texts[src])}</source>',
                f'        <target xml:space="preserve">{xml_text(texts[trg])}</target>',
                "      </segment>", "    </unit>"]
    out += ["  </file>", "</xliff>"]
    return "\n".join(out) + "\n"


def render_xliff12(al: Alignment, opts: WriteOptions) -> str:
    """The XLIFF 1.2 document (valid against the strict schema), UTF-8."""
    src, trg = opts.langs
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="{NS_12}" version="1.2">',
        f"  <file original={xml_attr(_original(al))} datatype=\"plaintext\" "
        f"source-language={xml_attr(opts.locale(src))} "
        f"target-language={xml_attr(opts.locale(trg))} tool-id=\"tawazi\">",
        "    <header>",
        f'      <tool tool-id="tawazi" tool-name="tawazi" tool-version="{__version__}"/>',
    ]
    signature = opts.signature_of(al)
    if signature:
        out.append(f'      <note from="tawazi:signature">{xml_text(signature)}</note>')
    out += ["    </header>", "    <body>"]
    for number, bead, texts in _units(al, opts):
        approved = bead.status == "approved"
        out += [
            f'      <trans-unit id="{number}" approved="{"yes" if approved else "no"}" '
            'xml:space="preserve">',
            f"        <source xml:lang={xml_attr(opts.locale(src))}>{xml_text(texts[src])}"
            "</source>",
            f"        <target xml:lang={xml_attr(opts.locale(trg))} "
            f'state="{"final" if approved else "translated"}">{xml_text(texts[trg])}</target>',
        ]
        out += [f'        <note from="tawazi:{k}">{xml_text(v)}</note>'
                for k, v in _fields(al, bead, opts)]
        out.append("      </trans-unit>")
    out += ["    </body>", "  </file>", "</xliff>"]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- reading


def _lang(tag: str | None) -> str | None:
    if not tag:
        return None
    return _LANG_CODES.get(re.split("[-_]", tag.strip().lower())[0])


def _meta_2(unit: ET.Element) -> dict[str, str]:
    """``mda:meta`` of the unit's own metadata blocks (not of nested units)."""
    out: dict[str, str] = {}
    for block in unit.findall("metadata"):
        for meta in block.iter("meta"):
            out.setdefault(meta.get("type", ""), meta.text or "")
    return out


def _notes_12(unit: ET.Element) -> dict[str, str]:
    return {n.get("from", "")[len("tawazi:"):]: n.text or "" for n in unit.findall("note")
            if n.get("from", "").startswith("tawazi:")}


def _segment(tree: XmlTree, el: ET.Element, langs: tuple[str | None, str | None],
             meta: dict[str, str], parts: tuple[ET.Element | None, ET.Element | None],
             approved: bool) -> Segment:
    """One unit as a segment pair, from its source and target elements and metadata."""
    texts = {"en": "", "ar": ""}
    for lang, part in zip(langs, parts, strict=True):
        if lang is not None and part is not None:
            texts[lang] = element_text(part, _TEXT_INLINE)
    line = tree.lines.get(el)
    edits: dict[str, str | None] = {"en": None, "ar": None}
    for lang in ("en", "ar"):
        if f"{lang}-original" in meta:
            texts[lang], edits[lang] = meta[f"{lang}-original"], texts[lang]
        else:
            edits[lang] = meta.get(f"{lang}-edit")
    status = meta.get("status", "approved" if approved else "auto")
    return Segment(
        en=texts["en"], ar=texts["ar"],
        score=parse_score(meta["score"], tree.where, line) if "score" in meta else 1.0,
        status=check_status(status, tree.where, line),
        flags=split_flags(meta.get("flags", "")),
        en_edit=edits["en"], ar_edit=edits["ar"], line=line,
    )


def _joined(segs: list[ET.Element], name: str) -> ET.Element:
    """The ``<source>`` (or ``<target>``) texts of a unit's segments as one element: a bead
    is one unit, and a unit a tool split into segments is still one pair."""
    el = ET.Element(name)
    parts = [s.find(name) for s in segs]
    el.text = " ".join(element_text(p, _TEXT_INLINE) for p in parts if p is not None)
    return el


def _read_2(tree: XmlTree, limits: Limits) -> tuple[list[Segment], str]:
    root = tree.root
    langs = (_lang(root.get("srcLang")), _lang(root.get("trgLang")))
    if None in langs:
        raise tree.error("srcLang/trgLang are not English and Arabic", root)
    units = list(root.iter("unit"))
    check_units(len(units), tree.where, limits)
    segments = []
    for unit in units:
        segs = unit.findall("segment")
        if not segs:
            raise tree.error("<unit> without <segment>", unit)
        parts = (_joined(segs, "source"), _joined(segs, "target"))
        approved = all(s.get("state") == "final" for s in segs)
        segments.append(_segment(tree, unit, langs, _meta_2(unit), parts, approved))
    signature = ""
    for file in root.findall("file"):
        signature = signature or _meta_2(file).get("signature", "")
    return segments, signature


def _read_12(tree: XmlTree, limits: Limits) -> tuple[list[Segment], str]:
    check_units(sum(1 for _ in tree.root.iter("trans-unit")), tree.where, limits)
    segments = []
    signature = ""
    for file in tree.root.findall("file"):
        langs = (_lang(file.get("source-language")), _lang(file.get("target-language")))
        if None in langs:
            raise tree.error("source-language/target-language are not English and Arabic",
                             file)
        header = file.find("header")
        if header is not None:
            signature = signature or _notes_12(header).get("signature", "")
        for unit in file.iter("trans-unit"):
            parts = (unit.find("source"), unit.find("target"))
            if parts[0] is None:
                raise tree.error("<trans-unit> without <source>", unit)
            segments.append(_segment(tree, unit, langs, _notes_12(unit), parts,
                                     unit.get("approved") == "yes"))
    return segments, signature


def read_xliff(path: str | Path, limits: Limits | None = None) -> Alignment:
    """Read an XLIFF 1.2 or 2.x file as an alignment of one bead per unit.

    Raises:
        InputError: the file cannot be read, or is over ``limits``.
        FormatError: not well-formed XML, entity declarations, root other than ``<xliff>``,
            a version other than 1.x or 2.x, languages other than English and Arabic, a unit
            without source, a bad score or status, or no unit with both languages.
    """
    where = str(path)
    limits = limits or Limits()
    tree = XmlTree(read_bytes(path, limits), where)
    root = tree.root
    if root.tag != "xliff":
        raise tree.error(f"the root element is <{root.tag}>, not <xliff>", root)
    version = root.get("version", "").strip()
    if version.startswith("2."):
        segments, signature = _read_2(tree, limits)
    elif version.startswith("1."):
        segments, signature = _read_12(tree, limits)
    else:
        raise tree.error(f"XLIFF version {version or '(none)'} is not supported (1.x, 2.x)",
                         root)
    meta = {"format": "xliff", "xliff_version": version}
    if signature:
        meta["signature"] = signature
    return alignment_from_segments(segments, where, encoding=tree.encoding, meta=meta)
