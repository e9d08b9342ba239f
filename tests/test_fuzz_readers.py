"""Fuzzing every reader on random small files (issue 10, "Tests that keep it so"): plain
text (two files), bilingual, TMX, TSV, manifests and the segment files of ``score``, and
HTML pages, DOCX and ODT files (issue 12: one file or one side of a pair). Each
must return, or raise a ``TawaziError`` (one line, which the CLI prints); what it returns
has offsets that slice the decoded text. Session files have their own fuzz
(``test_session_fuzz.py``). ``TAWAZI_FUZZ_EXAMPLES`` raises the counts of the ``fuzz`` run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fuzz_support import docx_bytes, file_bytes, html_bytes, odt_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawazi.align.batch.manifest import read_manifest
from tawazi.align.errors import TawaziError
from tawazi.align.formats.lines import read_segments
from tawazi.align.formats.tmx import read_tmx
from tawazi.align.formats.tsv import read_tsv
from tawazi.align.text.readers import read_bilingual, read_pair
from tawazi.align.text.segment import split_document
from tawazi.align.types import Document

LONG = int(os.environ.get("TAWAZI_FUZZ_EXAMPLES", "15")) * 4


def _docs(docs: Any) -> None:
    """A pair of documents: their sentences slice their text."""
    for doc in docs:
        assert isinstance(doc, Document)
        for s in split_document(doc):
            assert doc.text[s.start : s.end] == s.text


def _alignment(al: Any) -> None:
    for sents, doc in ((al.en_sents, al.en_doc), (al.ar_sents, al.ar_doc)):
        for s in sents:
            assert doc.text[s.start : s.end] == s.text


READERS: dict[str, tuple[str, Callable[[Path, Path], Any], Callable[[Any], None]]] = {
    "pair": ("en", lambda p, q: read_pair(p, q), _docs),
    "pair-presplit": ("ar", lambda p, q: read_pair(p, q, presplit=True), _docs),
    "bilingual": ("bi", lambda p, q: read_bilingual(p), _docs),
    "tmx": ("tmx", lambda p, q: read_tmx(p), _alignment),
    "tsv": ("tsv", lambda p, q: read_tsv(p), _alignment),
    "manifest": ("manifest", lambda p, q: read_manifest(p, required=("en", "ar"),
                                                        optional=("out", "name")), list),
    "segments": ("tsv", lambda p, q: read_segments(f"{p}:en"), list),
    "lines": ("ar", lambda p, q: read_segments(p), list),
    "html": ("html", lambda p, q: read_bilingual(p), _docs),
    "html-pair": ("html", lambda p, q: read_pair(p, q), _docs),
    "docx": ("docx", lambda p, q: read_bilingual(p), _docs),
    "docx-pair": ("docx", lambda p, q: read_pair(q, p), _docs),
    "odt": ("odt", lambda p, q: read_bilingual(p), _docs),
    "odt-pair": ("odt", lambda p, q: read_pair(p, q), _docs),
}
#: Kinds of file made by their own strategy (the others by ``file_bytes``).
DOCUMENTS = {"html": html_bytes, "docx": docx_bytes, "odt": odt_bytes}
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture,
                                                         HealthCheck.too_slow]}


def _check(tmp_path: Path, data: st.DataObject, name: str) -> None:
    kind, read, check = READERS[name]
    first, second = tmp_path / "a.en.txt", tmp_path / "a.ar.txt"
    if kind in DOCUMENTS:  # named as people name them now and then, else by content only
        first = tmp_path / data.draw(st.sampled_from(["a.en.txt", f"a.{kind}"]))
        first.write_bytes(data.draw(DOCUMENTS[kind]()))
    else:
        first.write_bytes(data.draw(file_bytes(kind)))
    second.write_bytes(data.draw(file_bytes("ar" if kind == "en" else "en")))
    try:
        got = read(first, second)
    except TawaziError as exc:
        assert "\n" not in exc.message
        return
    check(got)


@pytest.mark.parametrize("name", list(READERS))
def test_every_reader_reads_or_refuses(tmp_path: Path, name: str) -> None:
    @settings(max_examples=60, **SETTINGS)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _check(tmp_path, data, name)

    run()


@pytest.mark.fuzz
@pytest.mark.parametrize("name", list(READERS))
def test_every_reader_reads_or_refuses_longer(tmp_path: Path, name: str) -> None:
    @settings(max_examples=LONG, **SETTINGS)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _check(tmp_path, data, name)

    run()
