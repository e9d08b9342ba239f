"""Mining results as TSV, JSONL or TMX, in registries like ``formats.WRITERS``.

Mined pairs are not an alignment (no order, most sentences left out), so they have writers of
their own, best pair first, sharing the escaping of ``formats``. Positions: with ``presplit``
input the 0-based *line* of each sentence in its file (``en_line``/``ar_line``; a 1-2 group
lists two, ``4,5``), otherwise ``[start, end)`` character offsets into the decoded file
(``en_start en_end ar_start ar_end``; a group spans its sentences). The signature goes where
``formats`` puts it: the first JSONL record and the TMX header.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import quoteattr

from .. import __version__
from ..errors import OptionError
from ..formats.tsv import quote
from ..formats.xmltree import xml_text
from .types import MinedPair, Mining


class LineIndex:
    """0-based line of a character offset, by binary search over the newlines."""

    def __init__(self, text: str) -> None:
        self._nl = [i for i, ch in enumerate(text) if ch == "\n"]

    def line(self, offset: int) -> int:
        """The 0-based line holding ``offset``.

        >>> LineIndex("a\\nb\\nc").line(4)
        2
        """
        return bisect_right(self._nl, offset - 1)


def _lines(m: Mining, lines: dict[str, LineIndex], pair: MinedPair, lang: str) -> list[int]:
    sents = m.en_sents if lang == "en" else m.ar_sents
    idx = pair.en if lang == "en" else pair.ar
    return [lines[lang].line(sents[i].start) for i in idx]


def _index(m: Mining) -> dict[str, LineIndex]:
    return {"en": LineIndex(m.en_doc.text), "ar": LineIndex(m.ar_doc.text)}


def _presplit(m: Mining) -> bool:
    return m.en_doc.presplit and m.ar_doc.presplit


def _num(x: float) -> str:
    return f"{x:.4f}"


def render_tsv(m: Mining) -> str:
    """Header ``en_line ar_line`` (presplit) or ``en_start en_end ar_start ar_end``, then
    ``score fidelity rival type flags en ar``; texts quoted as every tawazi TSV is (RFC 4180)."""
    presplit = _presplit(m)
    where = ["en_line", "ar_line"] if presplit else ["en_start", "en_end", "ar_start", "ar_end"]
    out = ["\t".join([*where, "score", "fidelity", "rival", "type", "flags", "en", "ar"])]
    lines = _index(m) if presplit else {}
    for p in m.pairs:
        if presplit:
            pos = [",".join(map(str, _lines(m, lines, p, lang))) for lang in ("en", "ar")]
        else:
            pos = [str(x) for lang in ("en", "ar") for x in m.span(p, lang)]
        out.append("\t".join([*pos, _num(p.score), _num(p.fidelity), _num(p.rival), p.type,
                              ",".join(f.code for f in p.flags),
                              quote(m.text(p, "en")), quote(m.text(p, "ar"))]))
    return "\n".join(out) + "\n"


def render_jsonl(m: Mining) -> str:
    """One pair per line: ``{"en": [[start, end], ...], "ar": ..., "en_lines", "ar_lines",
    "en_text", "ar_text", "type", "score", "fidelity", "rival", "flags"}``; the first also
    ``"signature"``."""
    lines = _index(m)
    out: list[str] = []
    for k, p in enumerate(m.pairs):
        rec: dict[str, object] = {
            "en": [[m.en_sents[i].start, m.en_sents[i].end] for i in p.en],
            "ar": [[m.ar_sents[j].start, m.ar_sents[j].end] for j in p.ar],
            "en_lines": _lines(m, lines, p, "en"),
            "ar_lines": _lines(m, lines, p, "ar"),
            "en_text": m.text(p, "en"),
            "ar_text": m.text(p, "ar"),
            "type": p.type,
            "score": round(p.score, 4),
            "fidelity": round(p.fidelity, 4),
            "rival": round(p.rival, 4),
            "flags": [{"code": f.code, "detail": f.detail} for f in p.flags],
        }
        if k == 0 and m.signature:
            rec["signature"] = m.signature
        out.append(json.dumps(rec, ensure_ascii=False))
    return "".join(line + "\n" for line in out)


_HEADER = {
    "creationtool": "tawazi", "creationtoolversion": __version__, "datatype": "plaintext",
    "segtype": "sentence", "adminlang": "en", "srclang": "en", "o-tmf": "tawazi",
}


def _prop(indent: int, kind: str, value: str) -> str:
    return f'{" " * indent}<prop type="{kind}">{xml_text(value)}</prop>'


def render_tmx(m: Mining) -> str:
    """TMX 1.4b, one ``<tu>`` per pair with its score, fidelity and flags as ``<prop>``."""
    attrs = " ".join(f"{k}={quoteattr(v)}" for k, v in _HEADER.items())
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
           f"  <header {attrs}>", _prop(4, "x-tawazi-signature", m.signature), "  </header>",
           "  <body>"]
    for number, p in enumerate(m.pairs, 1):
        out.append(f'    <tu tuid="{number}">')
        out.append(_prop(6, "x-bead-type", p.type))
        out.append(_prop(6, "x-score", _num(p.score)))
        out.append(_prop(6, "x-fidelity", _num(p.fidelity)))
        if p.flags:
            out.append(_prop(6, "x-flags", ",".join(f.code for f in p.flags)))
        for lang in ("en", "ar"):
            out.append(f'      <tuv xml:lang="{lang}">')
            out.append(f"        <seg>{xml_text(m.text(p, lang))}</seg>")
            out.append("      </tuv>")
        out.append("    </tu>")
    out += ["  </body>", "</tmx>"]
    return "\n".join(out) + "\n"


MINE_WRITERS: dict[str, Callable[[Mining], str]] = {
    "tsv": render_tsv,
    "jsonl": render_jsonl,
    "tmx": render_tmx,
}

MINE_EXTENSIONS = {".tsv": "tsv", ".jsonl": "jsonl", ".tmx": "tmx"}


def mine_format(path: str | Path | None, explicit: str | None) -> str:
    """The writer for ``path`` (``--format`` first); TSV without a path (standard output).

    >>> mine_format("out.tmx", None), mine_format(None, None)
    ('tmx', 'tsv')
    """
    if explicit:
        return explicit
    if path is None:
        return "tsv"
    fmt = MINE_EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(MINE_EXTENSIONS)
        raise OptionError(f"cannot tell the format of {str(path)!r} (give {known} or "
                          "--format)")
    return fmt


__all__ = ["MINE_EXTENSIONS", "MINE_WRITERS", "LineIndex", "mine_format",
           "render_jsonl", "render_tmx", "render_tsv"]
