"""``--excel``: every table tawazi writes as TSV or CSV starts with one UTF-8 byte-order mark
when asked (Excel shows Arabic as mojibake without it), and only then; where no table is
written the option is refused before any work, in one line.

Each command runs twice, with and without ``--excel``: the two outputs must differ by the
three bytes ``EF BB BF`` and nothing else, and the one with the mark must still read back.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest
from test_cli import assert_clean_failure, tawazi

BOM = b"\xef\xbb\xbf"
EN = "The minister arrived in Baghdad on Monday. He met 151 soldiers.\n"
AR = "وصل الوزير إلى بغداد يوم الاثنين. والتقى 151 جنديا.\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.ar.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.en.txt").write_text("Prices rose by 5 percent. Talks resume next week.\n",
                                       encoding="utf-8")
    (tmp_path / "b.ar.txt").write_text("ارتفعت الأسعار بنسبة 5 في المئة. تستأنف المحادثات "
                                       "الأسبوع المقبل.\n", encoding="utf-8")
    return tmp_path


def assert_only_a_bom_apart(plain: bytes, excel: bytes) -> None:
    assert not plain.startswith(BOM)
    assert excel == BOM + plain
    assert excel.decode("utf-8-sig").count("\ufeff") == 0  # one mark, not two


def run_both(folder: Path, make_args, out_names: list[str]) -> list[tuple[bytes, bytes]]:  # type: ignore[no-untyped-def]
    """Run a command without and with ``--excel`` (``make_args(tag)`` gives its arguments for
    outputs named with ``tag``); returns each output file's two versions."""
    got: dict[str, list[bytes]] = {n: [] for n in out_names}
    for tag, extra in (("plain", []), ("excel", ["--excel"])):
        res = tawazi(*make_args(tag), *extra, cwd=folder)
        assert res.returncode == 0, res.stderr
        for name in out_names:
            got[name].append((folder / name.format(tag=tag)).read_bytes())
    return [(p, e) for p, e in got.values()]


def stdout_both(folder: Path, args: list[str]) -> tuple[bytes, bytes]:
    outs = []
    for extra in ([], ["--excel"]):
        res = tawazi(*args, *extra, cwd=folder)
        assert res.returncode == 0, res.stderr
        outs.append(res.stdout.encode("utf-8"))
    return outs[0], outs[1]


def test_align_tsv(folder: Path) -> None:
    [(plain, excel)] = run_both(
        folder, lambda t: ["align", "a.en.txt", "a.ar.txt", "-o", f"{t}.tsv"], ["{tag}.tsv"])
    assert_only_a_bom_apart(plain, excel)
    res = tawazi("align", "excel.tsv", "-o", "back.jsonl", cwd=folder)  # reads back
    assert res.returncode == 0, res.stderr


def test_align_manifest_marks_only_its_tsv_rows(folder: Path) -> None:
    for tag in ("plain", "excel"):
        (folder / f"{tag}.manifest.tsv").write_text(
            f"en\tar\tout\na.en.txt\ta.ar.txt\tout/{tag}-a.tsv\n"
            f"b.en.txt\tb.ar.txt\tout/{tag}-b.jsonl\n", encoding="utf-8")
    pairs = run_both(folder, lambda t: ["align", "--manifest", f"{t}.manifest.tsv", "--jobs", "1"],
                     ["out/{tag}-a.tsv", "out/{tag}-b.jsonl"])
    (tsv_plain, tsv_excel), (jsonl_plain, jsonl_excel) = pairs
    assert_only_a_bom_apart(tsv_plain, tsv_excel)
    assert jsonl_excel == jsonl_plain  # JSONL has no use for a mark


def test_align_manifest_without_a_tsv_row_is_refused(folder: Path) -> None:
    (folder / "m.tsv").write_text("en\tar\tout\na.en.txt\ta.ar.txt\tout/a.jsonl\n",
                                  encoding="utf-8")
    res = tawazi("align", "--manifest", "m.tsv", "--excel", cwd=folder)
    assert_clean_failure(res, "--excel is for TSV output")
    assert not (folder / "out").exists()  # before any work


@pytest.mark.parametrize("suffix", [".tsv", ".csv"])
def test_batch_report_both_tables(folder: Path, suffix: str) -> None:
    (folder / "docs").mkdir()
    for name in ("a.en.txt", "a.ar.txt", "b.en.txt", "b.ar.txt"):
        (folder / "docs" / name).write_bytes((folder / name).read_bytes())
    pairs = run_both(folder, lambda t: ["batch", "docs", "-o", f"{t}{suffix}", "--jobs", "1"],
                     [f"{{tag}}{suffix}", f"{{tag}}.docs{suffix}"])
    for plain, excel in pairs:
        assert_only_a_bom_apart(plain, excel)
    sep = "\t" if suffix == ".tsv" else ","
    docs = list(csv.DictReader(io.StringIO(pairs[1][1].decode("utf-8-sig")), delimiter=sep))
    assert sorted(d["doc"] for d in docs) == ["a", "b"]  # the first column's name is clean
    table = pl.read_csv(io.BytesIO(pairs[0][1]), separator=sep)
    assert table.height >= 2 and table.columns[0] == "doc"


def test_batch_parquet_refuses_excel(folder: Path) -> None:
    res = tawazi("batch", str(folder), "-o", "r.parquet", "--excel", cwd=folder)
    assert_clean_failure(res, "--excel is for a .tsv or .csv report")
    assert not list(folder.glob("r.*"))


def test_score_pairs_and_segments(folder: Path) -> None:
    (folder / "pairs.tsv").write_text(f"en\tar\n{EN.strip()}\t{AR.strip()}\n", encoding="utf-8")
    [(plain, excel)] = run_both(folder, lambda t: ["score", "--pairs", "pairs.tsv",
                                                   "-o", f"{t}.tsv"], ["{tag}.tsv"])
    assert_only_a_bom_apart(plain, excel)
    assert excel.decode("utf-8-sig").split("\n")[0] == "en\tar\tscore\tflags"
    (folder / "hyp.txt").write_text("the cat sat\non the mat\n", encoding="utf-8")
    (folder / "ref.txt").write_text("the cat sat\non a mat\n", encoding="utf-8")
    plain, excel = stdout_both(folder, ["score", "--hyp", "hyp.txt", "--ref", "ref.txt",
                                        "--segments"])
    assert_only_a_bom_apart(plain, excel)
    assert excel.decode("utf-8-sig").startswith("segment\tbleu\tchrf\tter\n")


def test_score_table_with_a_mark_already_gets_one_mark(folder: Path) -> None:
    (folder / "pairs.tsv").write_bytes(BOM + f"en\tar\n{EN.strip()}\t{AR.strip()}\n".encode())
    res = tawazi("score", "--pairs", "pairs.tsv", "--excel", "-o", "out.tsv", cwd=folder)
    assert res.returncode == 0, res.stderr
    data = (folder / "out.tsv").read_bytes()
    assert data.startswith(BOM) and not data[3:].startswith(BOM)


@pytest.mark.parametrize("args", [
    ["score", "--hyp", "hyp.txt", "--ref", "ref.txt"],                # a summary, not a table
    ["score", "--hyp", "hyp.txt", "--ref", "ref.txt", "--segments", "--json"],
])
def test_score_without_a_table_refuses_excel(folder: Path, args: list[str]) -> None:
    (folder / "hyp.txt").write_text("a\n", encoding="utf-8")
    (folder / "ref.txt").write_text("a\n", encoding="utf-8")
    assert_clean_failure(tawazi(*args, "--excel", cwd=folder), "--excel is for the TSV")


def test_split_stdout(folder: Path) -> None:
    plain, excel = stdout_both(folder, ["split", "a.ar.txt", "--lang", "ar"])
    assert_only_a_bom_apart(plain, excel)
    assert excel.decode("utf-8-sig").startswith("start\tend\tlang\ttext\n")


def test_mine_stdout_file_and_manifest(folder: Path) -> None:
    plain, excel = stdout_both(folder, ["mine", "a.en.txt", "a.ar.txt"])
    assert_only_a_bom_apart(plain, excel)
    [(plain, excel)] = run_both(folder, lambda t: ["mine", "a.en.txt", "a.ar.txt",
                                                   "-o", f"{t}.tsv"], ["{tag}.tsv"])
    assert_only_a_bom_apart(plain, excel)
    for tag in ("plain", "excel"):
        (folder / f"{tag}.m.tsv").write_text(
            f"en\tar\tout\na.en.txt\ta.ar.txt\tmined/{tag}.tsv\n", encoding="utf-8")
    [(plain, excel)] = run_both(folder, lambda t: ["mine", "--manifest", f"{t}.m.tsv",
                                                   "--jobs", "1"], ["mined/{tag}.tsv"])
    assert_only_a_bom_apart(plain, excel)


def test_mine_other_formats_refuse_excel(folder: Path) -> None:
    res = tawazi("mine", "a.en.txt", "a.ar.txt", "-o", "m.jsonl", "--excel", cwd=folder)
    assert_clean_failure(res, "--excel is for TSV output, not jsonl")
    assert not (folder / "m.jsonl").exists()


def test_demo_tsv_and_refusals(folder: Path) -> None:
    [(plain, excel)] = run_both(folder, lambda t: ["demo", "--width", "80", "-o", f"{t}.tsv"],
                                ["{tag}.tsv"])
    assert_only_a_bom_apart(plain, excel)
    assert_clean_failure(tawazi("demo", "--excel", cwd=folder), "give -o OUT.tsv")
    assert_clean_failure(tawazi("demo", "-o", "d.tmx", "--excel", cwd=folder),
                         "--excel is for TSV output, not tmx")
