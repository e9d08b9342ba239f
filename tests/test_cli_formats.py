"""The export options of ``tawazi align`` end to end: standard input and output, filters,
source language and locales, XLIFF and xlsx inputs, and the errors for options that do not
fit the format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_cli import ROOT, assert_clean_failure, tawazi

SEED = next((ROOT / "seeds").glob("002_*.txt"))


def piped(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tawazi.align.cli", *args], input=stdin,
                          capture_output=True, env=env, timeout=300, check=False)


def test_stdin_to_stdout_with_filters_and_locales() -> None:
    res = piped("align", "-", "-o", "-", "--format", "tmx", "--min-score", "0.9",
                "--srclang", "ar", "--ar-locale", "ar-SA", "--en-locale", "en-GB",
                "--creation-date", "2024-01-26T10:00:00Z", "--creation-id", "reviewer",
                stdin=SEED.read_bytes())
    assert res.returncode == 0, res.stderr
    out = res.stdout.decode()
    assert 'srclang="ar-SA"' in out and 'creationdate="20240126T100000Z"' in out
    assert 'creationid="reviewer"' in out
    assert out.index('<tuv xml:lang="ar-SA">') < out.index('<tuv xml:lang="en-GB">')
    scores = [float(x.split("<")[0]) for x in out.split('<prop type="x-score">')[1:]]
    assert scores and min(scores) >= 0.9


def test_only_one_to_one(tmp_path: Path) -> None:
    res = tawazi("align", str(SEED), "-o", str(tmp_path / "o.tmx"), "--only-1-1")
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "o.tmx").read_text(encoding="utf-8")
    assert "<prop type=\"x-bead-type\">1-1</prop>" in text
    assert "x-bead-type\">2-2" not in text and 'segtype="sentence"' in text


def test_xlsx_sheet_to_tmx(tmp_path: Path) -> None:
    sheet = tmp_path / "review.xlsx"
    assert tawazi("align", str(SEED), "-o", str(sheet)).returncode == 0
    res = tawazi("align", str(sheet), "-o", str(tmp_path / "out.tmx"))
    assert res.returncode == 0, res.stderr
    assert "it may take years. Or it may" in (tmp_path / "out.tmx").read_text(encoding="utf-8")


def test_bad_option_combinations(tmp_path: Path) -> None:
    assert_clean_failure(tawazi("align", str(SEED), "-o", str(tmp_path / "x.jsonl"),
                                "--min-score", "0.5"), "only TMX, XLIFF and Moses")
    assert_clean_failure(tawazi("align", str(SEED), "-o", "-"), "name the format")
    assert_clean_failure(tawazi("align", str(SEED), "-o", str(tmp_path / "x.tmx"),
                                "--min-score", "2"), "from 0 to 1")
    assert_clean_failure(tawazi("align", str(SEED), "-o", str(tmp_path / "x.tmx"),
                                "--ar-locale", "fr-FR"), "another language")
    assert_clean_failure(tawazi("align", "-", "-", "--format", "tsv"), "standard input")
    assert not list(tmp_path.iterdir())


def test_mine_reads_a_piped_side_once(tmp_path: Path) -> None:
    """``mine`` looks at each side's scripts before reading it: a piped side must not come
    back empty the second time (it once said "empty file")."""
    en = tmp_path / "en.txt"
    en.write_text("The minister said the talks would resume on Monday.\n"
                  "They failed last year.\n", encoding="utf-8")
    ar = "قال الوزير إن المحادثات ستستأنف يوم الاثنين.\nوقد فشلت العام الماضي.\n"
    res = piped("mine", str(en), "-", stdin=ar.encode())
    assert res.returncode == 0, res.stderr
    rows = res.stdout.decode().splitlines()[1:]
    assert len(rows) == 2 and "يوم الاثنين" in rows[0]
