"""The one manifest format: the reader's contract, and the three commands that read it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tawazi.align.batch.manifest import read_manifest
from tawazi.align.errors import FormatError, InputError

ROOT = Path(__file__).resolve().parent.parent

EN = "The minister resigned on Monday after a long dispute. The crash killed 151 people.\n"
AR = "استقال الوزير يوم الاثنين بعد خلاف طويل. أسفر الحادث عن مقتل ١٥١ شخصا.\n"


def tawazi(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tawazi.align.cli", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


def one_error_line(res: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("tawazi: error:") and "Traceback" not in res.stderr
    return lines[0]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a", "b"):
        (d / f"{name}.en.txt").write_text(EN, encoding="utf-8")
        (d / f"{name}.ar.txt").write_text(AR, encoding="utf-8")
    (d / "out").mkdir()
    return d


def test_rows_carry_lines_resolved_paths_and_their_problems(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = folder / "m.tsv"
    manifest.write_text("\ufeffEN\tar\tout\tname\n"
                        "a.en.txt\ta.ar.txt\tout/a.jsonl\tfirst\n"
                        "\n# a comment\n"
                        "gone.en.txt\ta.ar.txt\tout/g.jsonl\n"
                        "b.en.txt\t\tout/b.jsonl\n"
                        "b.en.txt\tb.ar.txt\tout/b.jsonl\tx\textra\n"
                        f"{folder / 'b.en.txt'}\tb.ar.txt\tout/b.tsv\r\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # paths are relative to the manifest, not to the working folder
    rows = read_manifest("in/m.tsv", required=("en", "ar", "out"), optional=("name",))
    assert [r.line for r in rows] == [2, 5, 6, 7, 8]
    first, gone, empty, extra, absolute = rows
    assert first.problem == "" and first.text("name") == "first"
    assert first.path("en") == folder.resolve() / "a.en.txt" and first.path("en").is_file()
    assert first.path("out") == folder.resolve() / "out" / "a.jsonl"  # outputs not checked
    assert gone.problem.startswith("missing file") and "gone.en.txt" in gone.problem
    assert "a.ar.txt" not in gone.problem and gone.text("name") == ""
    assert empty.problem.startswith("empty ar cell")
    assert "5 cells" in extra.problem
    assert absolute.problem == "" and absolute.path("out").name == "b.tsv"


def test_a_family_of_reference_columns(folder: Path) -> None:
    manifest = folder / "m.tsv"
    manifest.write_text("hyp\tref\tref2\tlang\na.en.txt\ta.ar.txt\t\tar\n"
                        "a.en.txt\t\t\n", encoding="utf-8")
    ok, no_ref = read_manifest(manifest, required=("hyp", "ref"), optional=("name", "lang"))
    assert ok.family("ref") == (folder.resolve() / "a.ar.txt",) and ok.text("lang") == "ar"
    assert no_ref.problem.startswith("empty ref cell")


@pytest.mark.parametrize(("header", "words"), [
    ("a.en\ta.ar\tx.jsonl", "lacks column(s) en, ar, out"),
    ("en\tar", "lacks column(s) out"),
    ("en\tar\tout\toutput", "unknown column(s) output"),
    ("en\tar\tout\tname\tname", "repeats column(s) name"),
    ("", "empty manifest"),
])
def test_a_bad_header_is_one_clear_error(tmp_path: Path, header: str, words: str) -> None:
    manifest = tmp_path / "m.tsv"
    manifest.write_text(header + "\na\tb\tc\n", encoding="utf-8")
    with pytest.raises(FormatError) as err:
        read_manifest(manifest, required=("en", "ar", "out"), optional=("name",))
    assert words in err.value.message and "\n" not in err.value.message
    assert err.value.message.startswith(str(manifest))


def test_a_missing_manifest_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_manifest(tmp_path / "nope.tsv", required=("en", "ar"))


def test_the_columns_are_the_format_s_own() -> None:
    with pytest.raises(ValueError, match="not manifest columns"):
        read_manifest("whatever.tsv", required=("en", "source"))


def test_one_manifest_serves_align_and_batch(folder: Path, tmp_path: Path) -> None:
    manifest = folder / "m.tsv"
    manifest.write_text("en\tar\tout\tname\n"
                        "a.en.txt\ta.ar.txt\tout/a.jsonl\tdoc-a\n"
                        "b.en.txt\tb.ar.txt\tout/b.pred\tdoc-b\n", encoding="utf-8")
    res = tawazi("align", "--manifest", str(manifest), "--jobs", "2")
    assert res.returncode == 0, res.stderr
    assert "tawazi: aligned 2 of 2 pairs" in res.stderr
    beads = [json.loads(line) for line in (folder / "out" / "a.jsonl").read_text().splitlines()]
    assert beads and (folder / "out" / "b.pred").read_text().startswith("[0]:[0]")
    # progress, as plain lines since stderr is not a terminal: one per pair, named
    progress = [line for line in res.stderr.splitlines() if line.startswith("tawazi: [")]
    assert len(progress) == 2 and {"doc-a", "doc-b"} == {line.split()[2] for line in progress}
    report = tmp_path / "r.csv"
    res = tawazi("batch", str(manifest), "-o", str(report))
    assert res.returncode == 0, res.stderr
    assert pl.read_csv(tmp_path / "r.docs.csv")["doc"].to_list() == ["doc-a", "doc-b"]


def test_the_three_commands_refuse_a_bad_header_with_exit_2(folder: Path,
                                                            tmp_path: Path) -> None:
    manifest = folder / "m.tsv"
    manifest.write_text("en\tar\tout\tnotes\na.en.txt\ta.ar.txt\tout/a.jsonl\thi\n",
                        encoding="utf-8")
    for cmd in (("align", "--manifest", str(manifest)),
                ("batch", str(manifest), "-o", str(tmp_path / "r.tsv")),
                ("score", "--manifest", str(manifest))):
        res = tawazi(*cmd)
        assert res.returncode == 2, (cmd, res.stderr)
        line = one_error_line(res)
        assert f"{manifest}:1:" in line and "header" in line
    assert not list((folder / "out").iterdir())


def test_missing_files_are_reported_with_their_line_by_every_command(folder: Path,
                                                                    tmp_path: Path) -> None:
    manifest = folder / "m.tsv"
    manifest.write_text("en\tar\tout\n"
                        "a.en.txt\ta.ar.txt\tout/a.jsonl\n"
                        "a.en.txt\tgone.ar.txt\tout/g.jsonl\n", encoding="utf-8")
    scores = folder / "s.tsv"
    scores.write_text("hyp\tref\na.en.txt\ta.en.txt\na.en.txt\tgone.txt\n", encoding="utf-8")
    runs = (tawazi("align", "--manifest", str(manifest), "--jobs", "1"),
            tawazi("batch", str(manifest), "-o", str(tmp_path / "r.tsv")),
            tawazi("score", "--manifest", str(scores)))
    for res, m in zip(runs, (manifest, manifest, scores), strict=True):
        assert res.returncode == 1 and "Traceback" not in res.stderr
        assert f"tawazi: error: {m}:3: missing file" in res.stderr
    assert (folder / "out" / "a.jsonl").is_file() and not (folder / "out" / "g.jsonl").exists()
    assert "tawazi: aligned 1 of 2 pairs" in runs[0].stderr


def test_a_negative_jobs_count_is_refused(folder: Path) -> None:
    manifest = folder / "m.tsv"
    manifest.write_text("en\tar\tout\na.en.txt\ta.ar.txt\tout/a.jsonl\n", encoding="utf-8")
    res = tawazi("align", "--manifest", str(manifest), "--jobs", "-1")
    assert res.returncode == 2 and "--jobs" in one_error_line(res)
    assert not (folder / "out" / "a.jsonl").exists()


@pytest.mark.parametrize(("first", "second", "words"), [
    ("out/a.jsonl", "out/a.jsonl", "output {out}/a.jsonl is also the output of line 2"),
    ("out/a.jsonl", "./out/../out/a.jsonl", "is also the output of line 2"),  # spelled apart
    ("out/a.txt", "out/a.en.txt", "output {out}/a.en.txt is also the output of line 2"),
    ("out/a.jsonl", "a.txt", "output {dir}/a.en.txt is the en input of line 2"),
], ids=["same", "spelled-apart", "moses-two-files", "another-row-s-input"])
def test_rows_that_would_overwrite_each_other_are_refused_before_any_work(
    folder: Path, first: str, second: str, words: str
) -> None:
    manifest = folder / "m.tsv"
    manifest.write_text("en\tar\tout\n"
                        f"a.en.txt\ta.ar.txt\t{first}\n"
                        "gone.en.txt\ta.ar.txt\tout/g.jsonl\n"  # a problem row: not shown
                        f"b.en.txt\tb.ar.txt\t{second}\n", encoding="utf-8")
    res = tawazi("align", "--manifest", str(manifest), "--jobs", "1")
    line = one_error_line(res)
    assert res.returncode == 2 and line.startswith(f"tawazi: error: {manifest}:4: ")
    assert words.format(out=folder.resolve() / "out", dir=folder.resolve()) in line
    assert not list((folder / "out").iterdir())
    assert (folder / "a.en.txt").read_text(encoding="utf-8") == EN


def test_outputs_outside_the_manifest_s_folder_need_the_flag(folder: Path,
                                                            tmp_path: Path) -> None:
    (folder / "link").symlink_to(tmp_path)  # inside by name, outside in fact
    manifest = folder / "m.tsv"
    for out in ("../up.jsonl", str(tmp_path / "abs.jsonl"), "link/linked.jsonl"):
        manifest.write_text(f"en\tar\tout\na.en.txt\ta.ar.txt\tout/a.jsonl\n"
                            f"b.en.txt\tb.ar.txt\t{out}\n", encoding="utf-8")
        res = tawazi("align", "--manifest", str(manifest), "--jobs", "1")
        line = one_error_line(res)
        assert res.returncode == 2 and line.startswith(f"tawazi: error: {manifest}:3: ")
        assert "outside the manifest's folder" in line and "--allow-outside" in line
        assert not list((folder / "out").iterdir()) and not list(tmp_path.glob("*.jsonl"))
    res = tawazi("align", "--manifest", str(manifest), "--jobs", "1", "--allow-outside")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "linked.jsonl").is_file() and (folder / "out" / "a.jsonl").is_file()
    res = tawazi("align", str(folder / "a.en.txt"), str(folder / "a.ar.txt"), "-o",
                 str(tmp_path / "x.jsonl"), "--allow-outside")
    assert res.returncode == 2 and "--allow-outside is for --manifest" in one_error_line(res)


def test_missing_output_folders_are_created(folder: Path) -> None:
    manifest = folder / "m.tsv"
    manifest.write_text("en\tar\tout\n"
                        "a.en.txt\ta.ar.txt\tnew/deeper/a.jsonl\n"
                        "b.en.txt\tb.ar.txt\tnew/sub/../b.tmx\n"  # no folder sub is made
                        "b.en.txt\tb.ar.txt\tm.tsv/c.jsonl\n", encoding="utf-8")  # a file
    res = tawazi("align", "--manifest", str(manifest), "--jobs", "2")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert (folder / "new" / "deeper" / "a.jsonl").is_file()
    assert (folder / "new" / "b.tmx").is_file() and not (folder / "new" / "sub").exists()
    assert "m.tsv/c.jsonl: error: " in res.stderr and "cannot create the folder" in res.stderr
    assert "tawazi: aligned 2 of 3 pairs" in res.stderr


def test_export_options_reach_the_rows_that_take_them(folder: Path) -> None:
    """``--srclang``/locales and the filters apply to a manifest's TMX rows as to ``-o
    x.tmx``; a JSONL row keeps every bead, and a note says so; filters with no row to
    filter are refused before any work."""
    manifest = folder / "m.tsv"
    manifest.write_text("en\tar\tout\n"
                        "a.en.txt\ta.ar.txt\tout/a.tmx\n"
                        "b.en.txt\tb.ar.txt\tout/b.jsonl\n", encoding="utf-8")
    res = tawazi("align", "--manifest", str(manifest), "--min-score", "1",
                 "--srclang", "ar", "--ar-locale", "ar-SA")
    assert res.returncode == 0, res.stderr
    assert "the filters apply to the 1 TMX/XLIFF/Moses rows; the other 1" in res.stderr
    tmx = (folder / "out" / "a.tmx").read_text(encoding="utf-8")
    assert 'srclang="ar-SA"' in tmx and "<tu " not in tmx and "<tu>" not in tmx
    assert len((folder / "out" / "b.jsonl").read_text().splitlines()) == 2  # every bead
    only_jsonl = folder / "j.tsv"
    only_jsonl.write_text("en\tar\tout\na.en.txt\ta.ar.txt\tout/c.jsonl\n", encoding="utf-8")
    res = tawazi("align", "--manifest", str(only_jsonl), "--only-1-1")
    assert res.returncode == 2 and "no row of" in one_error_line(res)
    assert not (folder / "out" / "c.jsonl").exists()


def test_rows_report_their_input_notes(folder: Path) -> None:
    """A row read in a worker still says what ``tawazi align`` says for one pair: that a
    page's text was extracted (and which clutter was left out), for align and mine."""
    (folder / "a.en.html").write_text(f"<html><body><p>{EN}</p></body></html>",
                                      encoding="utf-8")
    manifest = folder / "m.tsv"
    manifest.write_text("en\tar\tout\n"
                        "a.en.html\ta.ar.txt\tout/a.jsonl\n"
                        "b.en.txt\tb.ar.txt\tout/b.jsonl\n", encoding="utf-8")
    for command in ("align", "mine"):
        res = tawazi(command, "--manifest", str(manifest), "--jobs", "2")
        assert res.returncode == 0, res.stderr
        notes = [line for line in res.stderr.splitlines() if line.startswith("tawazi: note:")]
        assert len(notes) == 1 and "a.en.html: read as HTML page" in notes[0], res.stderr
