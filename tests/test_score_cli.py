"""``tawazi score`` as a user meets it: pairs tables, references, manifests, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tawazi.align.formats.tsv import records

ROOT = Path(__file__).resolve().parent.parent


def tawazi(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tawazi.align.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


PAIRS = (
    "id\ten\tar\tnote\n"
    "1\tThe crash killed 151 people.\tأسفر الحادث عن مقتل ١٥١ شخصا.\tkeep\\tme\n"
    "2\tMore than 30,000 pupils attended.\tحضر أكثر من 300 ألف تلميذ.\t\n"
    "3\tThe minister resigned.\tThe minister resigned.\tcopied\n"
)


def test_pairs_keeps_other_columns_and_adds_score_and_flags(tmp_path: Path) -> None:
    src = tmp_path / "pairs.tsv"
    src.write_text(PAIRS, encoding="utf-8")
    res = tawazi("score", "--pairs", str(src))
    assert res.returncode == 0, res.stderr
    rows = [cells for _, cells in records(res.stdout)]
    assert rows[0] == ["id", "en", "ar", "note", "score", "flags"]
    original = [cells for _, cells in records(PAIRS)]
    assert [r[:4] for r in rows] == original  # every input value as it was
    # An old-style escaped tab is read as a tab and written in today's dialect, quoted.
    assert rows[1][3] == "keep\tme" and '\t"keep\tme"\t' in res.stdout
    assert rows[1][5] == "" and float(rows[1][4]) > 0.8
    assert rows[2][5] == "number-mismatch" and float(rows[2][4]) < 0.5
    assert rows[3][5] == "untranslated" and rows[3][4] == "0"


def test_pairs_output_file_replaces_existing_score_columns(tmp_path: Path) -> None:
    src = tmp_path / "pairs.tsv"
    src.write_text("en\tar\tscore\tflags\nIt cost 2,400 dollars.\tكلف ٢٤٠٠ دولار.\t0.1\tx\n",
                   encoding="utf-8")
    out = tmp_path / "scored.tsv"
    res = tawazi("score", "--pairs", str(src), "-o", str(out), "--explain")
    assert res.returncode == 0, res.stderr
    header, row = out.read_text(encoding="utf-8").splitlines()
    assert header.split("\t") == ["en", "ar", "score", "flags", "explanation"]
    assert row.split("\t")[3] == "" and float(row.split("\t")[2]) > 0.5


def test_pairs_without_language_columns_fails_in_one_line(tmp_path: Path) -> None:
    src = tmp_path / "pairs.tsv"
    src.write_text("source\ttarget\na\tb\n", encoding="utf-8")
    res = tawazi("score", "--pairs", str(src))
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "no en column" in res.stderr


def test_reference_scores_print_signatures_and_normalisation(tmp_path: Path) -> None:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("ذهبَ الولدُ إلى المدرسةِ\n", encoding="utf-8")
    ref.write_text("ذهب الولد الى المدرسه\n", encoding="utf-8")
    res = tawazi("score", "--hyp", str(hyp), "--ref", str(ref))
    assert res.returncode == 0, res.stderr
    out = res.stdout.splitlines()
    assert out[0].startswith("BLEU|nrefs:1|case:mixed|eff:no|tok:intl") and "= 100.00" in out[0]
    assert out[1].startswith("chrF2|") and out[2].startswith("TER|")
    assert out[3].startswith("normalisation: camel-tools") and "--no-normalize" in out[3]
    raw = tawazi("score", "--hyp", str(hyp), "--ref", str(ref), "--no-normalize", "--json")
    record = json.loads(raw.stdout)
    assert record["normalisation"] == "none" and record["bleu"] < 100


def test_segments_table_on_stdout(tmp_path: Path) -> None:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("a cat\nthe dog\n", encoding="utf-8")
    ref.write_text("a cat\nthe dogs\n", encoding="utf-8")
    res = tawazi("score", "--hyp", str(hyp), "--ref", str(ref), "--segments")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0] == "segment\tbleu\tchrf\tter"
    assert len(res.stdout.splitlines()) == 3 and "BLEU|" in res.stderr


def test_mismatched_counts_give_one_line_with_both_counts(tmp_path: Path) -> None:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("a\nb\nc\n", encoding="utf-8")
    ref.write_text("a\nb\n", encoding="utf-8")
    res = tawazi("score", "--hyp", str(hyp), "--ref", str(ref))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert res.stderr.strip().endswith(f"has 3 segments but reference {ref} has 2")


def test_unwritable_output_fails_before_any_work(tmp_path: Path) -> None:
    src = tmp_path / "pairs.tsv"
    src.write_text(PAIRS, encoding="utf-8")
    res = tawazi("score", "--pairs", str(src), "-o", str(tmp_path / "no" / "out.tsv"))
    assert res.returncode == 2 and "does not exist" in res.stderr
    res = tawazi("score", "--pairs", str(tmp_path / "missing.tsv"), "-o",
                 str(tmp_path / "no" / "out.tsv"))
    assert "does not exist" in res.stderr  # the output is checked first


def test_manifest_with_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "h.txt").write_text("the cat sat\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("the cat sat down\n", encoding="utf-8")
    manifest = tmp_path / "m.tsv"
    manifest.write_text("name\thyp\tref\nfine\th.txt\tr.txt\nbroken\th.txt\tnope.txt\n",
                        encoding="utf-8")
    res = tawazi("score", "--manifest", str(manifest))
    assert res.returncode == 1
    assert "fine" in res.stdout and "BLEU|nrefs:1" in res.stdout
    assert f"{manifest}:3: missing file" in res.stderr
