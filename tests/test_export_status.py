"""An edited bead is exported as ``edited``, not ``auto`` (issue 11.6): a CAT tool reading the
file must not take a reviewer's correction for the aligner's raw output. Read back, it is an
unapproved bead with its edit."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from test_tui import make_state

from tawazi.align.formats import WriteOptions, read_alignment, write_alignment


def edited(tmp_path: Path):  # type: ignore[no-untyped-def]
    al = make_state(tmp_path).alignment
    beads = list(al.beads)
    beads[0] = replace(beads[0], ar_edit="نص مصحح")  # edited, not approved
    beads[1] = replace(beads[1], en_edit="26 January.", status="approved")  # both
    return replace(al, beads=tuple(beads))


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl"])
def test_edited_beads_are_exported_as_edited(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    write_alignment(edited(tmp_path), out, fmt, WriteOptions(include_unaligned=True))
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        statuses = [json.loads(line)["status"] for line in text.splitlines()]
    elif fmt == "tsv":
        statuses = [row.split("\t")[5] for row in text.splitlines()[1:]]
    else:
        statuses = [line.split(">")[1].split("<")[0] for line in text.splitlines()
                    if 'type="x-status"' in line]
    assert statuses[:3] == ["edited", "approved", "auto"]


@pytest.mark.parametrize("fmt", ["tmx", "tsv"])
def test_edited_is_read_back_as_an_unapproved_edit(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    write_alignment(edited(tmp_path), out, fmt, WriteOptions(include_unaligned=True))
    back = read_alignment(out)
    assert back.beads[0].status == "auto" and back.beads[0].ar_edit == "نص مصحح"
    assert back.beads[1].status == "approved"
