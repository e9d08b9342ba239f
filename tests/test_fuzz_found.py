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
