r"""Score a table of sentence pairs without aligning them (``tawazi score --pairs``).

The input is a TSV with a header row holding an ``en`` and an ``ar`` column (or language
tags such as ``en-US``, ``ar-SA``); every other column keeps its values, so a spreadsheet's
own columns survive. Two columns are added (or replaced, when the table is a
tawazi export that already has them): ``score`` and ``flags`` (codes, ``code,code``), and
with ``explain`` an ``explanation`` column holding the flags' details. The table is read and
written in the one TSV dialect of ``formats.tsv`` (RFC 4180 quoting with a tab; the old
backslash escapes are still decoded in unquoted cells), so a cell that spans lines in a
tawazi or spreadsheet export is one cell.

All rows are scored as one document: the length ratio the scorer expects is adapted to them.
"""

from __future__ import annotations

from ..errors import FormatError
from ..evidence.lexicon import Lexicon
from ..formats.options import fmt_score
from ..formats.tsv import quote, records
from ..quality.fidelity import score_pairs


def _column(names: list[str], lang: str, where: str) -> int:
    found = [i for i, n in enumerate(names) if n == lang or n.startswith(lang + "-")]
    if not found:
        raise FormatError(f"the header has no {lang} column (found: {', '.join(names)})",
                          path=where, line=1)
    if len(found) > 1:
        raise FormatError(f"more than one {lang} column in the header", path=where, line=1)
    return found[0]


def score_table(text: str, where: str = "<input>", *, explain: bool = False,
                lexicon: Lexicon | None = None) -> str:
    """The table ``text`` with ``score`` and ``flags`` columns filled in.

    Raises:
        FormatError: no header, no ``en``/``ar`` column, or a row longer than the header.
    """
    table = records(text)
    if not table or not "".join(table[0][1]).strip():
        raise FormatError("empty table: expected a header row with en and ar columns",
                          path=where)
    header = table[0][1]
    names = [c.strip().lstrip("\ufeff").lower() for c in header]
    en_i, ar_i = _column(names, "en", where), _column(names, "ar", where)
    added = ["score", "flags"] + (["explanation"] if explain else [])
    for name in added:
        if name not in names:
            header.append(name)
            names.append(name)
    idx = [names.index(n) for n in added]
    rows: list[list[str]] = []
    pairs: list[tuple[str, str]] = []
    for no, cells in table[1:]:
        if not "".join(cells).strip():
            continue
        if len(cells) > len(header):
            raise FormatError(f"{len(cells)} fields, the header has {len(header)}",
                              path=where, line=no)
        cells += [""] * (len(header) - len(cells))
        rows.append(cells)
        pairs.append((cells[en_i], cells[ar_i]))
    for cells, (score, flags) in zip(rows, score_pairs(pairs, lexicon), strict=True):
        cells[idx[0]] = fmt_score(score)
        cells[idx[1]] = ",".join(f.code for f in flags)
        if explain:
            cells[idx[2]] = "; ".join(f"{f.code}: {f.detail}" for f in flags)
    return "\n".join("\t".join(quote(c) for c in r) for r in [header, *rows]) + "\n"
