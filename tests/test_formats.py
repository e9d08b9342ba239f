"""Exports against golden files byte for byte, parsed back; readers; atomic writes.

Golden files live in ``tests/data/golden``; after an intended change of a format, rewrite them
with ``TAWAZI_UPDATE_GOLDENS=1 uv run pytest tests/test_formats.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawazi import align
from tawazi.align.errors import FormatError, InputError, OptionError, OutputError
from tawazi.align.formats import (
    EXTENSIONS,
    READERS,
    WRITERS,
    WriteOptions,
    format_for_path,
    read_alignment,
    reader_for_path,
    write_alignment,
)
from tawazi.align.formats.atomic import atomic_write_text
from tawazi.align.formats.beads import render_beads
from tawazi.align.formats.jsonl import render_jsonl
from tawazi.align.formats.moses import moses_paths, one_line
from tawazi.align.formats.options import fmt_score
from tawazi.align.formats.tmx import read_tmx, render_tmx
from tawazi.align.formats.tsv import escape, read_tsv, unescape
from tawazi.align.types import Alignment, Bead, Document, Flag, Sentence, check_alignment

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
BENCH = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench"
UPDATE = os.environ.get("TAWAZI_UPDATE_GOLDENS") == "1"

# The bench scorer's bead-side pattern (score.py, _INDEX_LIST), copied so that the check
# runs even where the bench folder is absent.
INDEX_LIST = re.compile(r"^\[\s*(\d+(\s*,\s*\d+)*)?\s*,?\s*\]$")

JSONL_KEYS = {"en", "ar", "en_text", "ar_text", "type", "score", "flags", "status"}


# ----------------------------------------------------------------------------- building


def make_doc(sents: list[str], lang: str, sep: str = " ") -> tuple[Document, tuple[Sentence, ...]]:
    """A document whose sentences are ``sents`` joined by ``sep``, offsets computed while
    joining; ``"\\n\\n"`` in ``sents`` starts a new paragraph instead of a sentence."""
    parts: list[str] = []
    out: list[Sentence] = []
    pos, para = 0, 0
    for s in sents:
        if s == "\n\n":
            parts.append(s)
            pos += len(s)
            para += 1
            continue
        if parts and not parts[-1].endswith("\n"):
            parts.append(sep)
            pos += len(sep)
        out.append(Sentence(pos, pos + len(s), s, para))
        parts.append(s)
        pos += len(s)
    doc = Document("".join(parts), lang)
    assert all(doc.text[x.start : x.end] == x.text for x in out)
    return doc, tuple(out)


def sample() -> Alignment:
    """Arabic with quotes, tabs and newlines, XML specials, a 2-1, a 1-0 and a 0-1 bead,
    flags, and an approved bead edited on both sides."""
    en_doc, en = make_doc(
        [
            'The minister said: "We agree."',
            "Prices rose 5% <fast> & more.",
            "Nobody expected it ]]> at all.",
            "\n\n",
            "Talks resume\tnext week.",
            "This sentence has no translation.",
            "Signed,\nthe editor",
        ],
        "en",
    )
    ar_doc, ar = make_doc(
        [
            'قال الوزير: "نحن موافقون."',
            "ارتفعت الأسعار 5% <بسرعة> & أكثر، ولم يتوقع أحد ذلك.",
            "\n\n",
            "تُستأنف المحادثات\tالأسبوع المقبل.",
            "جملة عربية إضافية.",
            "مع تحيات\nالمحرر",
        ],
        "ar",
    )
    beads = (
        Bead((0,), (0,), cost=0.1, score=0.93),
        Bead((1, 2), (1,), cost=0.4, score=0.87654, flags=(Flag("number", "5% vs 5%"),)),
        Bead((3,), (2,), score=0.5, flags=(Flag("length_ratio"), Flag("lexical"))),
        Bead((4,), (), score=0.0, flags=(Flag("unaligned"),)),
        Bead((), (3,), score=0.0, flags=(Flag("unaligned"),)),
        Bead(
            (5,),
            (4,),
            score=1.0,
            status="approved",
            en_edit="Signed, the editor",
            ar_edit='مع تحيات "المحرر" \\ الجديد',
        ),
    )
    al = Alignment(en_doc, ar_doc, en, ar, beads, signature="tawazi:0.1.0|beads:1-1,2-1|test")
    check_alignment(al)
    return al


def from_pairs(pairs: list[tuple[str, str, str, float]]) -> Alignment:
    """An alignment of one bead per ``(en, ar, status, score)``; a blank side is left out."""
    en_texts = [p[0] for p in pairs if p[0].strip()]
    ar_texts = [p[1] for p in pairs if p[1].strip()]
    en_doc, en = make_doc(en_texts, "en", sep="\n")
    ar_doc, ar = make_doc(ar_texts, "ar", sep="\n")
    # Each unit is a segment of a translation memory, as a TMX or TSV reader builds them.
    en_doc, ar_doc = (replace(d, presplit=True) for d in (en_doc, ar_doc))
    beads, i, j = [], 0, 0
    for e, a, status, score in pairs:
        ei = (i,) if e.strip() else ()
        aj = (j,) if a.strip() else ()
        i, j = i + len(ei), j + len(aj)
        if ei or aj:
            beads.append(Bead(ei, aj, score=score, status=status))
    return Alignment(en_doc, ar_doc, en, ar, tuple(beads))


def units(al: Alignment) -> list[tuple[str, str, str, str, float, tuple[str, ...]]]:
    """What a round trip must keep of each bead: texts, type, status, score, flag codes."""
    return [
        (
            al.bead_text(b, "en", edited=False),
            al.bead_text(b, "ar", edited=False),
            b.type,
            b.status,
            round(b.score, 4),
            b.flag_codes,
        )
        for b in al.beads
    ]


def as_one_to_one(al: Alignment, flat: bool = False
                  ) -> list[tuple[str, str, str, str, float, tuple[str, ...]]]:
    """``units`` as a file of segment pairs stores them: each bead one pair. ``flat``: as TMX
    and XLIFF write segments, a line break inside a sentence of running text (a hard-wrapped
    line) one space; TSV and JSONL keep the text as it is."""
    def seg(text: str, doc: Document) -> str:
        return text if doc.presplit or not flat else re.sub(r"[ \t]*\n\s*", " ", text)

    return [
        (seg(e, al.en_doc), seg(a, al.ar_doc), f"{int(bool(e))}-{int(bool(a))}", status, score,
         flags)
        for e, a, _, status, score, flags in units(al)
    ]


# ----------------------------------------------------------------------------- goldens

GOLDENS: list[tuple[str, WriteOptions, list[str]]] = [
    ("jsonl", WriteOptions(), ["sample.jsonl"]),
    ("tsv", WriteOptions(), ["sample.tsv"]),
    ("tmx", WriteOptions(), ["sample.tmx"]),
    ("tmx", WriteOptions(include_unaligned=True, edited=False), ["sample.all.original.tmx"]),
    ("beads", WriteOptions(), ["sample.pred"]),
    ("moses", WriteOptions(), ["sample.en.txt", "sample.ar.txt"]),
    ("moses", WriteOptions(include_unaligned=True), ["sample.all.en.txt", "sample.all.ar.txt"]),
]


@pytest.mark.parametrize(("fmt", "opts", "names"), GOLDENS, ids=[g[2][0] for g in GOLDENS])
def test_golden(fmt: str, opts: WriteOptions, names: list[str]) -> None:
    rendered = WRITERS[fmt](sample(), opts)
    texts = [rendered] if isinstance(rendered, str) else list(rendered)
    version = f'creationtoolversion="{align.__version__}"'
    for name, text in zip(names, texts, strict=True):
        path = GOLDEN / name
        if UPDATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.replace(version, 'creationtoolversion="VERSION"').encode())
        expected = path.read_bytes().decode().replace('creationtoolversion="VERSION"', version)
        assert text == expected


def _cells(data: bytes) -> list[list[tuple[object, ...]]]:
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [list(ws.iter_rows(values_only=True)) for ws in wb.worksheets]


def test_write_alignment_writes_the_rendered_bytes(tmp_path: Path) -> None:
    al = sample()
    for fmt in WRITERS:
        written = write_alignment(al, tmp_path / f"out.{fmt}", fmt, WriteOptions())
        rendered = WRITERS[fmt](al, WriteOptions())
        if isinstance(rendered, bytes):
            # An xlsx file is a zip whose entries carry the second they were written: compare
            # what a spreadsheet shows, not the bytes (two renders a second apart differ).
            assert [_cells(p.read_bytes()) for p in written] == [_cells(rendered)]
            continue
        texts = [rendered] if isinstance(rendered, str) else list(rendered)
        assert [p.read_bytes() for p in written] == [t.encode() for t in texts]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# ----------------------------------------------------------------------------- parse back


def test_jsonl_lines_have_exactly_the_documented_keys() -> None:
    al = sample()
    lines = render_jsonl(al, WriteOptions()).splitlines()
    assert len(lines) == len(al.beads)
    for k, (line, bead) in enumerate(zip(lines, al.beads, strict=True)):
        rec = json.loads(line)
        keys = set(JSONL_KEYS)
        keys |= {f"{lang}_edit" for lang in ("en", "ar") if getattr(bead, f"{lang}_edit")}
        keys |= {"signature", "verdict", "verdict_evidence"} if k == 0 else set()
        assert set(rec) == keys
        for lang, doc in (("en", al.en_doc), ("ar", al.ar_doc)):
            spans = rec[lang]
            assert [tuple(s) for s in spans] == al.bead_spans(bead, lang)
            assert rec[f"{lang}_text"] == " ".join(doc.text[s:e] for s, e in spans)
        assert rec["type"] == bead.type
        assert rec["flags"] == list(bead.flag_codes)
        assert rec["status"] == bead.status
        assert rec["score"] == round(bead.score, 4)
    assert json.loads(lines[0])["signature"] == al.signature


def test_jsonl_signature_option() -> None:
    al = sample()
    none = render_jsonl(al, WriteOptions(signature=""))
    other = render_jsonl(al, WriteOptions(signature="sig:x"))
    assert all("signature" not in json.loads(x) for x in none.splitlines())
    assert json.loads(other.splitlines()[0])["signature"] == "sig:x"


def test_beads_lines_parse_with_the_scorer_pattern() -> None:
    al = sample()
    parsed = []
    for line in render_beads(al, WriteOptions()).splitlines():
        en, ar, score = line.split(":")
        assert INDEX_LIST.match(en) and INDEX_LIST.match(ar)
        assert re.fullmatch(r"\d\.\d\d", score)
        parsed.append(tuple(tuple(int(x) for x in f.strip("[]").split(",") if x) for f in (en, ar)))
    assert parsed == [(b.en, b.ar) for b in al.beads]


def test_tmx_is_valid_against_the_dtd_and_reads_back(tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    al = sample()
    for opts in (WriteOptions(), WriteOptions(include_unaligned=True, edited=False)):
        path = tmp_path / "out.tmx"
        write_alignment(al, path, "tmx", opts)
        doc = etree.parse(str(path))
        assert dtd.validate(doc), dtd.error_log.filter_from_errors()
        back = read_tmx(path)
        expected = [u for u in as_one_to_one(al, flat=True)
                    if opts.include_unaligned or u[2] == "1-1"]
        assert units(back) == expected
        assert back.meta["signature"] == al.signature
        edited = [(b.en_edit, b.ar_edit) for b in back.beads if b.status == "approved"]
        assert edited == [("Signed, the editor", 'مع تحيات "المحرر" \\ الجديد')]
        assert back.en_doc.presplit and back.ar_doc.presplit
        check_alignment(back)
        for s in back.en_sents + back.ar_sents:
            doc_text = back.en_doc.text if s in back.en_sents else back.ar_doc.text
            assert doc_text[s.start : s.end] == s.text


def test_tmx_drops_characters_xml_cannot_carry(tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    al = from_pairs([("bell\x07 and \x1b esc\ud800", "نص\x00عربي\ufffe", "auto", 1.0)])
    text = render_tmx(al, WriteOptions())
    root = etree.fromstring(text.encode())
    assert [s.text for s in root.iter("seg")] == ["bell and  esc", "نصعربي"]


def test_tsv_round_trip(tmp_path: Path) -> None:
    al = sample()
    path = tmp_path / "out.tsv"
    write_alignment(al, path, "tsv")
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, dialect="excel-tab"))
    assert len(rows) == len(al.beads) + 1 and all(len(r) == 10 for r in rows)
    assert rows[2][0] == "Prices rose 5% <fast> & more. Nobody expected it ]]> at all."
    back = read_tsv(path)
    assert units(back) == as_one_to_one(al)
    assert [(b.en_edit, b.ar_edit) for b in back.beads] == [
        (b.en_edit, b.ar_edit) for b in al.beads
    ]
    check_alignment(back)


def test_jsonl_round_trip(tmp_path: Path) -> None:
    """A JSONL export reads back with its texts, statuses, edits and flags (so it converts
    to TMX and opens for review like a TSV)."""
    from tawazi.align.formats.jsonl import read_jsonl

    al = sample()
    path = tmp_path / "out.jsonl"
    write_alignment(al, path, "jsonl")
    back = read_jsonl(path)
    assert units(back) == as_one_to_one(al)
    assert [(b.en_edit, b.ar_edit, b.status) for b in back.beads] == [
        (b.en_edit, b.ar_edit, b.status) for b in al.beads
    ]
    assert [b.flag_codes for b in back.beads] == [b.flag_codes for b in al.beads]
    check_alignment(back)


@pytest.mark.parametrize(("line", "expected"), [
    ('{"en_text": 3, "ar_text": "x"}', "'en_text' must be a string"),
    ('["en", "ar"]', "must hold a JSON object"),
    ('{"en_text": "a", "ar_text": "ب", "score": "high"}', "is not a number"),
    ('{"en_text": "a", "ar_text": "ب", "status": "done"}', "status 'done'"),
    ('{"en_text": "a", "ar_text": "ب", "flags": "x"}', "flags must be a list"),
    ('{"en_text": "a", "ar_text": "ب"', "not JSON"),
])
def test_invalid_jsonl(tmp_path: Path, line: str, expected: str) -> None:
    from tawazi.align.formats.jsonl import read_jsonl

    path = write(tmp_path, ('{"en_text": "Fine.", "ar_text": "جيد."}\n' + line + "\n").encode(),
                 "in.jsonl")
    with pytest.raises(FormatError) as err:
        read_jsonl(path)
    assert expected in err.value.message and err.value.line == 2


def test_tsv_reads_the_old_backslash_escaping() -> None:
    """Files written before the quoting dialect (cells escaped with backslashes) read the same
    as the new ones."""
    al = sample()
    old = read_tsv(DATA / "sample.old-escaping.tsv")
    assert units(old) == as_one_to_one(al)
    assert [(b.en_edit, b.ar_edit) for b in old.beads] == [(b.en_edit, b.ar_edit)
                                                         for b in al.beads]


def test_tsv_excel_bom_and_crlf(tmp_path: Path) -> None:
    al = sample()
    path = tmp_path / "out.tsv"
    write_alignment(al, path, "tsv", WriteOptions(excel=True))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfen\tar\t")
    # As Excel saves it: CRLF between rows, LF inside a quoted cell.
    path.write_bytes(b'\xef\xbb\xbfen\tar\r\n"a\nb"\t"\xd8\xa8"\r\nc\td\\te\r\n')
    assert [(u[0], u[1]) for u in units(read_tsv(path))] == [("a\nb", "ب"), ("c", "d\te")]
    with pytest.raises(OptionError, match="--excel is for TSV"):
        write_alignment(al, tmp_path / "x.tmx", "tmx", WriteOptions(excel=True))


def test_polars_reads_the_tsv(tmp_path: Path) -> None:
    import polars as pl

    al = sample()
    path = tmp_path / "out.tsv"
    write_alignment(al, path, "tsv")
    df = pl.read_csv(path, separator="\t", infer_schema=False)
    assert df["en"].to_list()[2] == "Talks resume\tnext week."
    assert df["ar_edit"].to_list()[-1] == 'مع تحيات "المحرر" \\ الجديد'


def test_tsv_escape_round_trip() -> None:
    for text in ["a\tb", "x\\ny", "\\", "\r\n", "end\\", "\\t literal"]:
        assert "\t" not in escape(text) and "\n" not in escape(text)
        assert unescape(escape(text)) == text
    assert unescape("C:\\dir") == "C:\\dir"  # an unknown escape is kept as written


# ----------------------------------------------------------------------------- property

TEXT_CHARS = st.one_of(
    st.characters(min_codepoint=0x0621, max_codepoint=0x064A),
    st.sampled_from("abcXYZ0123456789٠١٢ \t\n\r<>&]\"'\\;,-"),
)
TEXTS = st.text(TEXT_CHARS, min_size=1, max_size=30).filter(lambda s: s.strip() != "")
SIDE = st.one_of(TEXTS, st.just(""))
UNITS = st.lists(
    st.tuples(
        SIDE,
        SIDE,
        st.sampled_from(["auto", "approved"]),
        st.floats(0, 1, allow_nan=False),
    ).filter(lambda u: bool(u[0].strip() or u[1].strip())),
    min_size=1,
    max_size=8,
).filter(lambda us: any(e.strip() and a.strip() for e, a, _, _ in us))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=UNITS)
def test_export_import_gives_the_same_segments(
    tmp_path: Path, pairs: list[tuple[str, str, str, float]]
) -> None:
    al = from_pairs(pairs)
    for fmt, reader in (("tmx", read_tmx), ("tsv", read_tsv)):
        path = tmp_path / f"prop.{fmt}"
        write_alignment(al, path, fmt, WriteOptions(include_unaligned=True))
        assert units(reader(path)) == units(al), fmt


def test_scores_are_rounded_idempotently() -> None:
    scores = (1.0, 0.0, 0.87654, 0.5, 1e-9)
    assert [fmt_score(x) for x in scores] == ["1", "0", "0.8765", "0.5", "0"]
    assert [fmt_score(float(fmt_score(x))) for x in scores] == [fmt_score(x) for x in scores]


# ----------------------------------------------------------------------------- atomic writes


def _raise(*_: object, **__: object) -> str:
    raise RuntimeError("boom")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_failed_render_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(WRITERS, "tsv", _raise)
    with pytest.raises(RuntimeError):
        write_alignment(sample(), tmp_path / "out.tsv", "tsv")
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("fails", ["fsync", "replace"])
def test_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: str
) -> None:
    target = tmp_path / "out.tmx"
    target.write_text("old contents")

    def broken(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, fails, broken)
    with pytest.raises(OutputError) as err:
        write_alignment(sample(), target, "tmx")
    assert "No space left on device" in err.value.message and "\n" not in err.value.message
    assert target.read_text() == "old contents"
    assert _leftovers(tmp_path) == ["out.tmx"]


def test_interrupted_write_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda _fd: _raise())
    with pytest.raises(RuntimeError):
        atomic_write_text(tmp_path / "x.txt", "data")
    assert _leftovers(tmp_path) == []


def test_moses_writes_both_files_or_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = os.fsync

    def second_fails(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real(fd)

    monkeypatch.setattr(os, "fsync", second_fails)
    with pytest.raises(OutputError):
        write_alignment(sample(), tmp_path / "corpus.txt", "moses")
    assert _leftovers(tmp_path) == []


def test_output_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_alignment(sample(), tmp_path / "missing" / "out.tsv", "tsv")
    with pytest.raises(OutputError, match="is a directory"):
        write_alignment(sample(), tmp_path, "tsv")

    def denied(*_: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(OutputError, match="Permission denied") as err:
        write_alignment(sample(), tmp_path / "out.tsv", "tsv")
    assert err.value.path == str(tmp_path / "out.tsv")


def test_replacing_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.read_text() == "new" and target.stat().st_mode & 0o777 == 0o640


def test_unencodable_text_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot be written"):
        atomic_write_text(tmp_path / "x.txt", "lone \ud800 surrogate")
    assert _leftovers(tmp_path) == []


# ----------------------------------------------------------------------------- TMX reading


def tmx(body: str, *, version: str = "1.4") -> str:
    """A TMX document around ``body`` (the ``<tu>`` elements)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tmx version="{version}">\n'
        f'<header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence"'
        ' adminlang="en" srclang="ar" o-tmf="t"/>\n'
        f"<body>\n{body}\n</body>\n</tmx>\n"
    )


def write(tmp_path: Path, text: str | bytes, name: str = "in.tmx") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_tmx_languages_by_primary_subtag_in_any_case(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="AR-sa"><seg>مرحبا</seg></tuv><tuv xml:lang="en-US"><seg>Hello</seg>'
        '</tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>\n'
        '<tu><tuv lang="EN"><seg>Only <ph>&lt;br/&gt;</ph>English <hi>here</hi></seg></tuv></tu>\n'
        '<tu><tuv xml:lang="de"><seg>Nur Deutsch</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="ara"><seg>عربي</seg></tuv><tuv xml:lang="eng"><seg>Arabic</seg></tuv>'
        "</tu>"
    )
    al = read_tmx(write(tmp_path, tmx(body, version="1.1")))
    assert units(al) == [
        ("Hello", "مرحبا", "1-1", "auto", 1.0, ()),
        ("Only English here", "", "1-0", "auto", 1.0, ()),
        ("Arabic", "عربي", "1-1", "auto", 1.0, ()),
    ]
    assert al.meta["skipped_units"] == "1"
    assert al.en_doc.text == "Hello\nOnly English here\nArabic"


def test_tmx_with_a_namespace_and_a_doctype_without_entities(tmp_path: Path) -> None:
    text = tmx(
        '<tu><tuv xml:lang="en"><seg>A</seg></tuv><tuv xml:lang="ar"><seg>ب</seg></tuv></tu>'
    )
    text = text.replace("<tmx ", '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx xmlns="urn:x" ', 1)
    assert units(read_tmx(write(tmp_path, text))) == [("A", "ب", "1-1", "auto", 1.0, ())]


PAIR = '<tu><tuv xml:lang="en"><seg>A</seg></tuv><tuv xml:lang="ar"><seg>ب</seg></tuv></tu>'

BAD_TMX: list[tuple[str, str | bytes, str]] = [
    ("empty", b"", "not well-formed XML"),
    ("not xml", "this is not xml", "not well-formed XML"),
    ("unclosed", tmx(PAIR).replace("</tmx>", ""), "not well-formed XML"),
    ("bad utf-8", tmx(PAIR).encode().replace("ب".encode(), b"\xff\xfe"), "not well-formed"),
    ("unknown encoding", tmx(PAIR).replace("UTF-8", "bogus"), "unknown encoding: bogus"),
    ("utf-32", tmx(PAIR).replace("UTF-8", "UTF-32"), "multi-byte encodings"),
    ("wrong root", '<?xml version="1.0"?>\n<xliff version="1.2"><body/></xliff>', "<xliff>"),
    ("no body", '<tmx version="1.4"><header/></tmx>', "no <body>"),
    ("version 2", tmx(PAIR, version="2.0"), "version 2.0"),
    ("no pair", tmx('<tu><tuv xml:lang="en"><seg>A</seg></tuv></tu>'), "both an English"),
    ("empty body", tmx(""), "both an English"),
    ("tuv without lang", tmx("<tu><tuv><seg>A</seg></tuv></tu>"), "without xml:lang"),
    ("tuv without seg", tmx('<tu><tuv xml:lang="en"></tuv></tu>'), "without <seg>"),
    ("bad score", tmx(PAIR.replace("<tu>", '<tu><prop type="x-score">high</prop>')), "'high'"),
    ("bad status", tmx(PAIR.replace("<tu>", '<tu><prop type="x-status">done</prop>')), "'done'"),
    (
        "billion laughs",
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<tmx version="1.4"><body/></tmx>',
        "declares the entity",
    ),
    (
        "external entity",
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<tmx version="1.4"><body>&x;</body></tmx>',
        "declares the entity",
    ),
    (
        "undefined entity",
        tmx(PAIR.replace(">A<", ">&nbsp;<")).replace(
            "<tmx ", '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx ', 1
        ),
        "undefined entity &nbsp;",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [b[1:] for b in BAD_TMX], ids=[b[0] for b in BAD_TMX]
)
def test_invalid_tmx_is_a_one_line_format_error(
    tmp_path: Path, text: str | bytes, expected: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FormatError) as err:
        read_tmx(path)
    message = err.value.message
    assert message.startswith(str(path)) and expected in message
    assert "\n" not in message


def test_tmx_errors_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, tmx('<tu>\n<tuv xml:lang="en"></tuv></tu>'))
    with pytest.raises(FormatError) as err:
        read_tmx(path)
    assert err.value.line == 6


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    for reader in READERS.values():
        with pytest.raises(InputError, match="no such file"):
            reader(tmp_path / "absent")


# ----------------------------------------------------------------------------- TSV reading


def test_tsv_reader_accepts_bom_crlf_extra_columns_and_short_rows(tmp_path: Path) -> None:
    text = "id\tAR\tnote\tEN-us\r\n1\tمرحبا\tx\tHello\r\n\r\n2\tعربي فقط\r\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        al = read_tsv(write(tmp_path, data, "in.tsv"))
        assert units(al) == [
            ("Hello", "مرحبا", "1-1", "auto", 1.0, ()),
            ("", "عربي فقط", "0-1", "auto", 1.0, ()),
        ]


BAD_TSV: list[tuple[str, bytes, type[Exception], str, int | None]] = [
    ("empty", b"", FormatError, "empty file", None),
    ("no ar column", b"en\tfr\nHello\tBonjour\n", FormatError, "no ar column", 1),
    ("two en columns", b"en\ten\tar\n", FormatError, "more than one 'en'", 1),
    ("bad score", b"en\tar\tscore\nA\t\xd8\xa8\tx\n", FormatError, "score 'x'", 2),
    ("bad status", b"en\tar\tstatus\nA\t\xd8\xa8\tok\n", FormatError, "status 'ok'", 2),
    ("too many fields", b"en\tar\nA\tB\tC\n", FormatError, "3 fields", 2),
    ("no pair", b"en\tar\nA\t\n", FormatError, "both an English", None),
    ("latin-1", b"en\tar\nA\tB\ncaf\xe9\tC\n", InputError,
     "(invalid byte 0xe9 at offset 13, line 3)",
     None),
]


@pytest.mark.parametrize(
    ("data", "kind", "expected", "line"), [b[1:] for b in BAD_TSV], ids=[b[0] for b in BAD_TSV]
)
def test_invalid_tsv(
    tmp_path: Path, data: bytes, kind: type[Exception], expected: str, line: int | None
) -> None:
    path = write(tmp_path, data, "in.tsv")
    with pytest.raises(kind) as err:
        read_tsv(path)
    assert isinstance(err.value, InputError)
    assert expected in err.value.message and "\n" not in err.value.message
    assert err.value.path == str(path) and err.value.line == line


# ----------------------------------------------------------------------------- registry


def test_registry_and_format_for_path() -> None:
    assert set(WRITERS) == {"jsonl", "tsv", "tmx", "moses", "beads", "xliff", "xliff12", "xlsx"}
    assert set(EXTENSIONS.values()) <= set(WRITERS)
    assert format_for_path("a/b.pred", None) == "beads"
    assert format_for_path("a/b.pred.jsonl", None) == "jsonl"
    assert format_for_path("OUT.TMX", None) == "tmx"
    assert format_for_path("anything.bin", "tsv") == "tsv"
    assert reader_for_path("memory.tmx", None) == "tmx"
    with pytest.raises(OptionError, match="extension"):
        format_for_path("out.xyz", None)
    with pytest.raises(OptionError, match="unknown output format 'xml'"):
        format_for_path("out.tmx", "xml")
    with pytest.raises(OptionError):
        write_alignment(sample(), "out.x", "xml")


def test_read_alignment_dispatches_on_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    write_alignment(sample(), path, "tsv")
    assert units(read_alignment(path)) == units(read_tsv(path))


@pytest.mark.parametrize(
    "kwargs",
    [{"include_unaligned": 1}, {"edited": "yes"}, {"signature": "two\nlines"}, {"signature": 3}],
)
def test_write_options_are_validated(kwargs: dict[str, object]) -> None:
    with pytest.raises(OptionError):
        WriteOptions(**kwargs)  # type: ignore[arg-type]


def test_moses_paths_and_one_line() -> None:
    assert [p.name for p in moses_paths("x/out.en.txt")] == ["out.en.txt", "out.ar.txt"]
    assert [p.name for p in moses_paths("corpus.ar")] == ["corpus.en", "corpus.ar"]
    assert one_line("a\r\nb\u2028c\x85d") == "a b c d"


def test_importing_formats_stays_light() -> None:
    heavy = ["lxml", "polars", "numpy", "camel_tools", "textual", "sacrebleu"]
    code = f"import sys, tawazi.align.formats; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ----------------------------------------------------------------------------- bench scorer


def _bench_doc() -> Path:
    folder = BENCH / "ntrex_hard"
    if not (BENCH / "score.py").is_file() or not folder.is_dir():
        pytest.skip(f"bench folder {BENCH.resolve()} is absent (it lives outside the repo)")
    return sorted(folder.glob("*.gold"))[0]


def _gold_beads(gold: Path) -> tuple[Bead, ...]:
    beads = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        en, ar = (
            tuple(int(x) for x in f.strip("[] ").split(",") if x.strip()) for f in line.split(":")
        )
        beads.append(Bead(en, ar, score=0.5))
    return tuple(beads)


def _spans_side(
    text: str, spans: list[tuple[int, int]], lang: str
) -> tuple[Document, tuple[Sentence, ...]]:
    return Document(text, lang), tuple(Sentence(s, e, text[s:e]) for s, e in spans)


def _score(*args: str | Path) -> dict[str, float]:
    cmd = [sys.executable, str(BENCH / "score.py"), "--json", *map(str, args)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    result: dict[str, float] = json.loads(out.stdout)
    return result


def test_bench_scorer_accepts_beads_output(tmp_path: Path) -> None:
    gold = _bench_doc()
    stem = str(gold)[: -len(".gold")]
    sides = [
        make_doc(Path(f"{stem}.{lang}").read_text(encoding="utf-8").splitlines(), lang, "\n")
        for lang in ("en", "ar")
    ]
    al = Alignment(sides[0][0], sides[1][0], sides[0][1], sides[1][1], _gold_beads(gold))
    check_alignment(al)
    pred = write_alignment(al, tmp_path / "doc.pred", "beads")[0]
    res = _score(gold, pred)
    assert res["f1_strict"] == 1.0 and res["f1_lax"] == 1.0


def test_bench_scorer_accepts_jsonl_output_in_raw_mode(tmp_path: Path) -> None:
    gold = _bench_doc()
    stem = str(gold)[: -len(".gold")]
    sides = []
    for lang in ("en", "ar"):
        text = Path(f"{stem}.{lang}.txt").read_text(encoding="utf-8")
        rows = Path(f"{stem}.{lang}.spans").read_text(encoding="utf-8").splitlines()
        spans = [(int(a), int(b)) for a, b in (r.split("\t") for r in rows)]
        sides.append(_spans_side(text, spans, lang))
    al = Alignment(
        sides[0][0], sides[1][0], sides[0][1], sides[1][1], _gold_beads(gold), signature="sig"
    )
    pred = write_alignment(al, tmp_path / "doc.pred.jsonl", "jsonl")[0]
    res = _score("--raw", gold, pred)
    assert res["f1_strict"] == 1.0 and res["f1_lax"] == 1.0


def test_a_hard_wrapped_sentence_is_one_line_in_each_segment_format() -> None:
    """A sentence of a hard-wrapped block keeps its line breaks in the document (offsets
    index the input), but TMX, XLIFF and Moses segments are one line: a CAT tool would show
    the wrapping and match no other memory's segment. TSV and JSONL keep the text as is."""
    from tawazi.align.formats.xliff import render_xliff2
    from tawazi.align.pipeline import align_pair

    en = ("The rain had not stopped for three days when Samir finally knocked on\n"
          "his brother's door. Karim folded the paper and looked at him for a long\n"
          "time without a word.\n")
    ar = ("لم يتوقف المطر ثلاثة أيام حين طرق سمير أخيراً باب أخيه. "
          "طوى كريم الورقة ونظر إليه طويلاً دون كلمة.\n")
    al = align_pair(Document(en, "en"), Document(ar, "ar"))
    assert any("\n" in s.text for s in al.en_sents)
    opts = WriteOptions(include_unaligned=True)
    segs = re.findall(r"<seg>(.*?)</seg>", render_tmx(al, opts), re.S)
    assert segs and not any("\n" in s for s in segs)
    assert "Samir finally knocked on his brother's door." in " ".join(segs)
    xliff = re.findall(r"<(?:source|target)[^>]*>(.*?)</", render_xliff2(al, opts), re.S)
    assert xliff and not any("\n" in s for s in xliff)
    assert any("\n" in json.loads(x)["en_text"]
               for x in render_jsonl(al, opts).splitlines()[1:])
