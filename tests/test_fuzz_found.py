"""Defects the fuzz suites found (``test_fuzz_cli.py``, ``test_fuzz_readers.py``), one test
each, through the real program where the defect was one of the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_batch import AR, EN, tawazi, write_pair
from test_cli import assert_clean_failure


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    write_pair(d, "doc", EN, AR)
    return d


def test_batch_top_past_polars_index_type_is_the_whole_summary(folder: Path,
                                                                tmp_path: Path) -> None:
    """``--top 999999999999`` was an ``OverflowError`` traceback from polars' ``head``,
    after the report had been written."""
    res = tawazi("batch", str(folder), "-o", str(tmp_path / "r.tsv"), "--jobs", "1",
                 "--top", "999999999999")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert "doc " in res.stdout


def test_batch_negative_top_is_refused_before_any_work(folder: Path, tmp_path: Path) -> None:
    res = tawazi("batch", str(folder), "-o", str(tmp_path / "r.tsv"), "--top", "-1")
    assert res.returncode == 2
    assert_clean_failure(res, "--top")
    assert not list(tmp_path.glob("r.*"))


@pytest.mark.parametrize("out", ["docs", "sub/o.jsonl", "o.parquet", ""])
def test_demo_refuses_a_bad_output_before_any_work(tmp_path: Path, out: str) -> None:
    """``demo -o`` was checked only after aligning and printing the whole view (and
    ``-o ''`` was ignored): a folder, a missing folder or an unknown extension must fail at
    once, with nothing on standard output."""
    (tmp_path / "docs").mkdir()
    res = tawazi("demo", "-o", str(tmp_path / out) if out else "")
    assert res.returncode == 2
    assert res.stdout == ""
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("tawazi: error: "), res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_demo_names_every_file_it_wrote(tmp_path: Path) -> None:
    res = tawazi("demo", "-o", str(tmp_path / "d.txt"))  # Moses: two files
    assert res.returncode == 0, res.stderr
    for side in ("en", "ar"):
        assert f"tawazi: wrote {tmp_path / f'd.{side}.txt'}" in res.stderr


def test_no_command_is_a_usage_error_on_stderr() -> None:
    """``tawazi`` alone printed its help on standard output and exited 2 with nothing on
    stderr; a usage error ends with one error line there, as argparse's own do."""
    res = tawazi()
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.startswith("usage: tawazi")
    assert res.stderr.rstrip().splitlines()[-1].startswith("tawazi: error: give a command")


def test_an_unreadable_standard_input_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """``-`` reads standard input; a descriptor that cannot be read (closed, or captured as
    under pytest) is a one-line input error, not a traceback."""
    import io

    from tawazi.align.errors import InputError
    from tawazi.align.text.decode import read_raw_bytes

    class Broken(io.TextIOWrapper):
        def __init__(self) -> None:
            super().__init__(io.BytesIO(b""))
            self.buffer.close()

    monkeypatch.setattr("sys.stdin", Broken())
    with pytest.raises(InputError, match="cannot read standard input"):
        read_raw_bytes("-")


@pytest.mark.parametrize("width", ["999999999999", "-5", "3", "wide"])
def test_an_impossible_view_width_is_refused_in_one_line(width: str, tmp_path: Path) -> None:
    """``--width 999999999999`` built a line of a trillion blanks (MemoryError)."""
    from tawazi.align.cli import main

    (tmp_path / "en.txt").write_text("The minister arrived.\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("وصل الوزير.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        from tawazi.align.cli import build_parser

        build_parser().parse_args(["align", str(tmp_path / "en.txt"), str(tmp_path / "ar.txt"),
                                   "--width", width])
    assert exc.value.code == 2
    assert main(["align", str(tmp_path / "en.txt"), str(tmp_path / "ar.txt"), "--width",
                 width]) == 2
