"""JSON Lines: one object per bead, the machine-readable record of an alignment.

Each line holds ``en``/``ar`` (character spans ``[start, end]`` of the bead's sentences in
the decoded input, which is what the bench scorer's raw mode reads), ``en_text``/``ar_text``
(the original sentences joined by a space), ``type``, ``score``, ``flags`` (codes),
``status`` (``auto``, ``approved``, or ``edited``: corrected, not approved), and
``en_edit``/``ar_edit`` only when a reviewer edited that side.

The signature is a ``"signature"`` key of the first object only. A line of its own would be
read as a bead by the scorer (which ignores unknown keys), and the result would otherwise
carry no record of how it was made; JSON-lines readers (polars, pandas) simply see a column
that is empty after the first row. The document verdict (``quality.verdict``: ``parallel``,
``partly parallel``, ``comparable`` or ``unrelated``) and its evidence are the ``"verdict"``
and ``"verdict_evidence"`` keys of the same first object. An alignment without beads gives an
empty file.
"""

from __future__ import annotations

import json
from typing import Any

from ..types import Alignment, Bead
from .options import SCORE_DIGITS, WriteOptions
from .segments import export_status


def bead_record(al: Alignment, bead: Bead) -> dict[str, Any]:
    """The JSON object of one bead, keys in their documented order."""
    rec: dict[str, Any] = {
        "en": [list(sp) for sp in al.bead_spans(bead, "en")],
        "ar": [list(sp) for sp in al.bead_spans(bead, "ar")],
        "en_text": al.bead_text(bead, "en", edited=False),
        "ar_text": al.bead_text(bead, "ar", edited=False),
        "type": bead.type,
        "score": round(bead.score, SCORE_DIGITS),
        "flags": list(bead.flag_codes),
        "status": export_status(bead),
    }
    if bead.en_edit is not None:
        rec["en_edit"] = bead.en_edit
    if bead.ar_edit is not None:
        rec["ar_edit"] = bead.ar_edit
    return rec


def render_jsonl(al: Alignment, opts: WriteOptions) -> str:
    """One JSON object per line and per bead, UTF-8 text kept as is (``ensure_ascii=False``).

    Raises:
        ValueError: a score is NaN or infinite (a bug upstream, not a user error).
    """
    from ..quality.verdict import document_verdict  # numpy: not at import

    signature = opts.signature_of(al)
    lines = []
    for k, bead in enumerate(al.beads):
        rec = bead_record(al, bead)
        if k == 0:
            if signature:
                rec["signature"] = signature
            verdict = document_verdict(al)
            rec["verdict"] = verdict.label
            rec["verdict_evidence"] = verdict.evidence()
        lines.append(json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n")
    return "".join(lines)
