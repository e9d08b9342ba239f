"""The command line as a user meets it: contracts, bad input, atomic outputs.

Bad input must give one line on stderr, a non-zero exit, no traceback, and no partial
output file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tawazi(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "tawazi.align.cli", *args], capture_output=True, text=True,
        cwd=cwd, env=env, timeout=300,
    )


def assert_clean_failure(res: subprocess.CompletedProcess[str], words: str) -> None:
    assert res.returncode != 0
    assert "Traceback" not in res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("tawazi: error:")
    assert words in lines[0]


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    en = tmp_path / "a.en.txt"
    ar = tmp_path / "a.ar.txt"
    en.write_text("The minister arrived in Baghdad on Monday. He met 151 soldiers.\n")
    ar.write_text("وصل الوزير إلى بغداد يوم الاثنين. والتقى 151 جنديا.\n")
    return en, ar


def test_help_lists_the_commands() -> None:
    res = tawazi("--help")
    assert res.returncode == 0
    for cmd in ("demo", "split", "align"):
        assert cmd in res.stdout


def test_jsonl_output_is_what_the_bench_scorer_reads(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    en, ar = pair
    out = tmp_path / "x.jsonl"
    res = tawazi("align", str(en), str(ar), "-o", str(out))
    assert res.returncode == 0, res.stderr
    en_text, ar_text = en.read_text(), ar.read_text()
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert {"en", "ar", "en_text", "ar_text", "type", "score", "flags"} <= set(row)
        assert " ".join(en_text[s:e] for s, e in row["en"]) == row["en_text"]
        assert " ".join(ar_text[s:e] for s, e in row["ar"]) == row["ar_text"]
        assert row["type"] == "1-1"


def test_beads_format_by_extension(pair: tuple[Path, Path], tmp_path: Path) -> None:
    en, ar = pair
    out = tmp_path / "x.pred"
    assert tawazi("align", str(en), str(ar), "-o", str(out)).returncode == 0
    assert [line.split(":")[:2] for line in out.read_text().splitlines()] == [
        ["[0]", "[0]"], ["[1]", "[1]"]
    ]


def test_split_prints_offsets(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    text = "قال د. أحمد: نعم. هل ذهب؟\nHe left."
    f.write_text(text)
    res = tawazi("split", str(f), "--lang", "auto")
    assert res.returncode == 0
    rows = [line.split("\t") for line in res.stdout.splitlines()[1:]]
    assert [r[3] for r in rows] == ["قال د. أحمد: نعم.", "هل ذهب؟", "He left."]
    for start, end, _lang, sent in rows:
        assert text[int(start) : int(end)] == sent


TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
       '<header creationtool="t" creationtoolversion="1" datatype="plaintext" '
       'segtype="sentence" adminlang="en" srclang="en" o-tmf="none"/>\n<body>\n'
       '<tu><tuv xml:lang="en"><seg>He left.</seg></tuv>'
       '<tuv xml:lang="ar"><seg>غادر.</seg></tuv></tu>\n</body>\n</tmx>\n')
XLIFF = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:'
         'document:2.0" version="2.1" srcLang="en" trgLang="ar">\n<file id="f1">\n'
         '<unit id="u1"><segment><source>He left.</source><target>غادر.</target>'
         '</segment></unit>\n</file>\n</xliff>\n')


@pytest.mark.parametrize(("name", "data", "what"), [
    ("tm.tmx", TMX, "a TMX translation memory"),
    ("o.xlf", XLIFF, "an XLIFF file"),
    ("o.XLIFF", XLIFF, "an XLIFF file"),
    ("tm.tsv", "He left.\tغادر.\n", "a TSV translation memory"),
])
def test_split_refuses_what_align_reads_as_an_alignment(tmp_path: Path, name: str, data: str,
                                                         what: str) -> None:
    # Before, split cut the raw XML into "sentences" (one per line of markup).
    f = tmp_path / name
    f.write_text(data, encoding="utf-8")
    res = tawazi("split", str(f))
    assert res.returncode == 2 and res.stdout == ""
    assert_clean_failure(res, f"{name}: {what}, not a text to split")
    assert f"`tawazi align {f}` re-checks it" in res.stderr


def test_the_command_split_names_for_a_memory_reads_it(tmp_path: Path) -> None:
    f = tmp_path / "tm.tmx"
    f.write_text(TMX, encoding="utf-8")
    res = tawazi("align", str(f), "--bidi", "logical")
    assert res.returncode == 0, res.stderr
    assert "He left." in res.stdout and "غادر." in res.stdout


def test_split_of_a_workbook_says_split_reads_no_review_sheet(tmp_path: Path) -> None:
    # Before: "looks like an Excel workbook (.xlsx; name it .xlsx to read it as a review
    # sheet)", for a file already named .xlsx, and split reads no review sheet anyway.
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["en", "ar"])
    sheet = tmp_path / "o.xlsx"
    book.save(sheet)
    res = tawazi("split", str(sheet))
    assert_clean_failure(res, "o.xlsx: an xlsx review sheet, not a text to split")
    assert f"`tawazi align {sheet}` re-checks it" in res.stderr
    misnamed = tmp_path / "o.bin"  # recognised by content: the workbook is not a document
    misnamed.write_bytes(sheet.read_bytes())
    for res in (tawazi("split", str(misnamed)),
                tawazi("align", str(sheet), str(tmp_path / "missing.txt"))):
        assert_clean_failure(res, "looks like an Excel workbook (.xlsx), not a text document")
        assert "name it .xlsx to" not in res.stderr
        assert "a review sheet is read alone, by `tawazi align SHEET.xlsx`" in res.stderr


def test_split_reads_legacy_arabic_code_pages(tmp_path: Path) -> None:
    # ISO-8859-6 came out as cp1256 mojibake ("âان انهدêر"), and a cp1256 file with an
    # English block was refused ("invalid byte 0xde"): both are read, by split and align.
    iso, bi = tmp_path / "iso.txt", tmp_path / "bi.txt"
    iso.write_bytes("قال المدير إن المشروع ناجح.\n".encode("iso8859_6"))
    bi.write_bytes("The director said the project was successful.\n\n"
                   "قال المدير إن المشروع ناجح.\n".encode("cp1256"))
    res = tawazi("split", str(iso))
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[1:] == ["0\t27\tar\tقال المدير إن المشروع ناجح."]
    res = tawazi("split", str(bi))
    assert res.returncode == 0, res.stderr
    assert [r.split("\t")[2:] for r in res.stdout.splitlines()[1:]] == [
        ["en", "The director said the project was successful."],
        ["ar", "قال المدير إن المشروع ناجح."]]
    res = tawazi("align", str(bi), "--bidi", "logical")
    assert res.returncode == 0, res.stderr
    assert "1 English and 1 Arabic sentences in 1 beads" in res.stdout


def test_bilingual_file_and_view(seed002: Path) -> None:
    res = tawazi("align", str(seed002), "--bidi", "logical", "--width", "120")
    assert res.returncode == 0, res.stderr
    assert "26 January" in res.stdout and "26 كانون الثاني" in res.stdout
    assert "left out as web clutter (caption)" in res.stderr


def test_presplit_mismatched_files_with_blank_lines(tmp_path: Path) -> None:
    en = tmp_path / "e.txt"
    ar = tmp_path / "a.txt"
    en.write_text("One.\n\nTwo.\nThree.\n")
    ar.write_text("واحد.\nاثنان.\n\n\nثلاثة.\nأربعة.\n")
    res = tawazi("align", str(en), str(ar), "--presplit", "--format", "beads")
    assert res.returncode == 0, res.stderr
    beads = [line.rsplit(":", 1)[0] for line in res.stdout.splitlines()]
    assert beads[:3] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    assert len(beads) == 4


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: (d / "e.txt", b"", d / "a.txt", "نص عربي.".encode()), "empty file"),
        (lambda d: (d / "e.txt", b"English.", d / "a.txt", b""), "empty file"),
        (lambda d: (d / "e.txt", b"English text.", d / "a.txt", b"More English."),
         "both files are English"),
        (lambda d: (d / "e.txt", bytes(range(256)) * 20, d / "a.txt", "نص.".encode()),
         "binary"),
        (lambda d: (d / "e.txt", b"caf\xe9 \xff\xfe text", d / "a.txt", "نص.".encode()),
         "offset"),
        (lambda d: (d / "e.txt", "نص عربي.".encode(), d / "a.txt", b"English."), "swapped"),
    ],
)
def test_bad_pairs_fail_in_one_line(tmp_path: Path, make, words: str) -> None:  # type: ignore[no-untyped-def]
    en, en_bytes, ar, ar_bytes = make(tmp_path)
    en.write_bytes(en_bytes)
    ar.write_bytes(ar_bytes)
    out = tmp_path / "out.jsonl"
    res = tawazi("align", str(en), str(ar), "-o", str(out))
    assert_clean_failure(res, words)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_invalid_tmx_fails_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text('<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>x</seg>')
    assert_clean_failure(tawazi("align", str(bad), "-o", str(tmp_path / "o.tsv")), "bad.tmx")
    assert not (tmp_path / "o.tsv").exists()


def test_a_100_mb_file_is_refused_at_once(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    big = tmp_path / "big.txt"
    line = b"The minister arrived in Baghdad and met the soldiers of the army. " * 30 + b"\n"
    with big.open("wb") as f:
        for _ in range(100_000_000 // len(line) + 1):
            f.write(line)
    res = tawazi("align", str(big), str(pair[1]))
    assert_clean_failure(res, "--max-mb")


def test_unwritable_output_leaves_nothing(pair: tuple[Path, Path], tmp_path: Path) -> None:
    en, ar = pair
    res = tawazi("align", str(en), str(ar), "-o", str(tmp_path / "missing" / "x.jsonl"))
    assert_clean_failure(res, "does not exist")


def test_existing_output_survives_a_failed_run(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    out.write_text("precious\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert tawazi("align", str(pair[0]), str(empty), "-o", str(out)).returncode != 0
    assert out.read_text() == "precious\n"


def test_manifest_reports_missing_files_and_aligns_the_rest(tmp_path: Path,
                                                            pair: tuple[Path, Path]) -> None:
    en, ar = pair
    manifest = tmp_path / "m.tsv"
    manifest.write_text(
        "en\tar\tout\n"
        f"{en.name}\t{ar.name}\tout/one.jsonl\n"
        f"nothere.en\t{ar.name}\tout/two.jsonl\n"
        f"{en.name}\tnothere.ar\tout/three.pred\n"
        f"{en.name}\t{ar.name}\tout/four.pred\n"
    )
    (tmp_path / "out").mkdir()
    res = tawazi("align", "--manifest", str(manifest), "--jobs", "2")
    assert res.returncode != 0
    assert "Traceback" not in res.stderr
    assert res.stderr.count("missing file") == 2
    assert "nothere.en" in res.stderr and "nothere.ar" in res.stderr
    assert (tmp_path / "out" / "one.jsonl").is_file()
    assert (tmp_path / "out" / "four.pred").read_text().startswith("[0]:[0]")
    assert not (tmp_path / "out" / "two.jsonl").exists()


def test_manifest_without_header_fails_clearly(tmp_path: Path) -> None:
    manifest = tmp_path / "m.tsv"
    manifest.write_text("a.en\ta.ar\tx.jsonl\n")
    assert_clean_failure(tawazi("align", "--manifest", str(manifest)), "header")
