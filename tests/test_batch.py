"""``tawazi batch``: pairing, reports, resuming, failures, and the polars aggregation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tawazi.align.batch.report import bead_table, document_table
from tawazi.align.batch.run import find_jobs
from tawazi.align.types import Alignment, Bead, Document, Sentence

ROOT = Path(__file__).resolve().parent.parent

EN = [
    "The minister resigned on Monday after a long dispute.",
    "The crash killed 151 people in the north of the country.",
    "Rescue teams worked through the night to reach the survivors.",
    "The government promised an inquiry into the causes of the disaster.",
]
AR = [
    "استقال الوزير يوم الاثنين بعد خلاف طويل.",
    "أسفر الحادث عن مقتل ١٥١ شخصا في شمال البلاد.",
    "عملت فرق الإنقاذ طوال الليل للوصول إلى الناجين.",
    "وعدت الحكومة بإجراء تحقيق في أسباب الكارثة.",
]


def tawazi(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tawazi.align.cli", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def write_pair(folder: Path, name: str, en: list[str], ar: list[str], ext: str = ".txt") -> None:
    (folder / f"{name}.en{ext}").write_text(" ".join(en) + "\n", encoding="utf-8")
    (folder / f"{name}.ar{ext}").write_text(" ".join(ar) + "\n", encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_pair(folder, "full", EN, AR)
    write_pair(folder, "short", EN, AR[:1] + AR[2:])  # the Arabic leaves sentence 2 out
    write_pair(folder, "plain", EN[:2], AR[:2], ext="")  # x.en / x.ar
    return folder


def test_directory_pairing(corpus: Path) -> None:
    (corpus / "lonely.en.txt").write_text("No partner.\n", encoding="utf-8")
    (corpus / "notes.md").write_text("ignored\n", encoding="utf-8")
    jobs, problems = find_jobs(corpus)
    assert [j.name for j in jobs] == ["full", "plain", "short"]
    assert len(problems) == 1 and "lonely.en.txt" in problems[0]


def test_batch_report_and_resume(corpus: Path, tmp_path: Path) -> None:
    report = tmp_path / "out" / "report.tsv"
    report.parent.mkdir()
    res = tawazi("batch", str(corpus), "-o", str(report), "--jobs", "2")
    assert res.returncode == 0, res.stderr
    docs = pl.read_csv(tmp_path / "out" / "report.docs.tsv", separator="\t")
    beads = pl.read_csv(report, separator="\t")
    assert sorted(docs["doc"].to_list()) == ["full", "plain", "short"]
    assert docs["beads"].sum() == len(beads)
    short = docs.filter(pl.col("doc") == "short").row(0, named=True)
    assert short["beads_1_0"] == 1 and short["unaligned_en"] == 1
    assert short["omission_rate"] == pytest.approx(0.25) and short["flag_omission"] >= 1
    assert "worst first" in res.stdout and res.stdout.index("short") < res.stdout.index("full")
    # A second run aligns nothing; a changed input is aligned again.
    again = tawazi("batch", str(corpus), "-o", str(report))
    assert again.returncode == 0 and "3 document(s) already done" in again.stderr
    write_pair(corpus, "full", EN[:3], AR[:3])
    third = tawazi("batch", str(corpus), "-o", str(report))
    assert "2 document(s) already done" in third.stderr
    docs = pl.read_csv(tmp_path / "out" / "report.docs.tsv", separator="\t")
    assert docs.filter(pl.col("doc") == "full")["beads"].to_list() == [3]  # the new input's
    assert pl.read_csv(report, separator="\t").filter(pl.col("doc") == "full").height == 3
    parts = list((tmp_path / "out" / "report.tsv.work" / "results").glob("part-*.parquet"))
    assert 1 <= len(parts) <= 3  # chunks of documents, not a file per document


def test_failing_document_is_reported_and_others_go_on(corpus: Path, tmp_path: Path) -> None:
    write_pair(corpus, "swapped", AR, EN)  # Arabic in the English file
    report = tmp_path / "report.parquet"
    res = tawazi("batch", str(corpus), "-o", str(report))
    assert res.returncode == 1
    assert "swapped" in res.stderr and "Traceback" not in res.stderr
    docs = pl.read_parquet(tmp_path / "report.docs.parquet")
    status = dict(zip(docs["doc"], docs["status"], strict=True))
    assert status == {"full": "ok", "plain": "ok", "short": "ok", "swapped": "failed"}
    assert pl.read_parquet(report)["flags"].dtype == pl.List(pl.String)
    # SQL-friendly names, and the signature in the parquet metadata of both tables.
    assert "flag_number_mismatch" in docs.columns and "beads_2_2" in docs.columns
    assert all(c.replace("_", "").isalnum() for c in docs.columns)
    for path in (report, tmp_path / "report.docs.parquet"):
        assert pl.read_parquet_metadata(path)["tawazi_signature"].startswith("tawazi:")


def test_manifest_with_missing_files(corpus: Path, tmp_path: Path) -> None:
    manifest = corpus / "manifest.tsv"
    manifest.write_text("name\ten\tar\n"
                        "a\tfull.en.txt\tfull.ar.txt\n"
                        "b\tgone.en.txt\tfull.ar.txt\n", encoding="utf-8")
    res = tawazi("batch", str(manifest), "-o", str(tmp_path / "r.csv"))
    assert res.returncode == 1
    assert f"{manifest}:3: missing file" in res.stderr
    docs = pl.read_csv(tmp_path / "r.docs.csv")
    assert docs["doc"].to_list() == ["a"]


def test_unwritable_report_fails_before_any_work(corpus: Path, tmp_path: Path) -> None:
    res = tawazi("batch", str(corpus), "-o", str(tmp_path / "missing" / "r.parquet"))
    assert res.returncode == 2 and "does not exist" in res.stderr
    res = tawazi("batch", str(corpus), "-o", str(tmp_path / "r.xlsx"))
    assert res.returncode == 2 and "report format" in res.stderr
    assert not list(tmp_path.glob("*.work"))


def test_document_table_aggregates_with_polars(tmp_path: Path) -> None:
    en = [Sentence(0, 1, "a"), Sentence(2, 3, "b"), Sentence(4, 5, "c")]
    en += [Sentence(6 + 2 * k, 7 + 2 * k, "d") for k in range(4)]
    ar = [Sentence(0, 1, "ا"), Sentence(2, 3, "ب"), Sentence(4, 5, "ت")]
    beads = (Bead((0,), (0,), score=0.9), Bead((1,), (), score=0.0),
             Bead((2,), (1,), score=0.3), Bead((3, 4, 5, 6), (2,), score=0.9))
    al = Alignment(Document("a b c d d d d", "en"), Document("ا ب ت", "ar"), tuple(en),
                   tuple(ar), beads)
    f = tmp_path / "d.parquet"
    f.write_bytes(bead_table("d", al))
    docs = pl.DataFrame({"doc": ["d", "x"], "en_path": ["", ""], "ar_path": ["", ""],
                         "status": ["ok", "failed"], "error": ["", "boom"]})
    row, failed = document_table(pl.scan_parquet(f), docs.lazy(), on="doc").collect() \
        .rows(named=True)
    assert (row["beads"], row["beads_1_1"], row["beads_1_0"]) == (4, 2, 1)
    assert row["beads_larger"] == 1 and row["beads_3_1"] == 0  # the 4-1 bead
    assert row["mean_score"] == pytest.approx(0.7) and row["min_score"] == pytest.approx(0.3)
    assert row["low_score_beads"] == 2 and row["unaligned_en"] == 1
    assert row["omission_rate"] == pytest.approx(1 / 7) and row["addition_rate"] == 0
    assert failed["beads"] is None and failed["error"] == "boom"


def test_a_run_where_every_document_fails_still_writes_its_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_pair(folder, "swapped", AR, EN)
    res = tawazi("batch", str(folder), "-o", str(tmp_path / "r.tsv"))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    docs = pl.read_csv(tmp_path / "r.docs.tsv", separator="\t")
    assert docs["status"].to_list() == ["failed"] and "swapped" in res.stdout


@pytest.mark.parametrize("names", [
    ("a b", "a_b"),                      # a space and an underscore clean up alike
    ("sub/x", "sub_x"),                  # a folder separator and an underscore
    ("n" * 80 + "-one", "n" * 80 + "-two"),  # long names sharing their first 80 characters
], ids=["space", "folder", "long"])
def test_names_that_clean_up_alike_keep_their_own_results(tmp_path: Path,
                                                         names: tuple[str, str]) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    write_pair(folder, names[0], EN, AR)
    write_pair(folder, names[1], EN[:2], AR[:2])
    report = tmp_path / "r.tsv"
    for run in range(2):  # the re-run serves both from the work folder
        res = tawazi("batch", str(folder), "-o", str(report), "--jobs", "2")
        assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
        docs = pl.read_csv(tmp_path / "r.docs.tsv", separator="\t")
        beads = dict(zip(docs["doc"], docs["beads"], strict=True))
        assert beads == {names[0]: 4, names[1]: 2}
        assert (run == 1) == ("2 document(s) already done" in res.stderr)
    rows = pl.read_csv(report, separator="\t").group_by("doc").len()
    assert dict(zip(rows["doc"], rows["len"], strict=True)) == {names[0]: 4, names[1]: 2}


def test_a_file_in_the_place_of_the_work_folder_is_one_error(corpus: Path,
                                                            tmp_path: Path) -> None:
    (tmp_path / "r.tsv.work").write_text("not a folder\n", encoding="utf-8")
    res = tawazi("batch", str(corpus), "-o", str(tmp_path / "r.tsv"))
    lines = res.stderr.splitlines()
    assert res.returncode == 2 and len(lines) == 1 and "Traceback" not in res.stderr
    assert lines[0].startswith(f"tawazi: error: {tmp_path / 'r.tsv.work'}: ")
    assert "taken by a file" in lines[0] and not (tmp_path / "r.tsv").exists()
