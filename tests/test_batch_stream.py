"""The batch machinery at scale: streamed sources, the chunked result store, the windowed
pool that outlives a dead worker."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from test_batch import AR, EN, write_pair
from test_pool import square_unless_odd

from tawazi.align.batch import run as batch_run
from tawazi.align.batch.manifest import iter_manifest
from tawazi.align.batch.pool import WINDOW, run_jobs
from tawazi.align.batch.report import result_schema
from tawazi.align.batch.sources import DocJob, Problem, find_jobs, iter_jobs
from tawazi.align.batch.store import PartIndex, open_store, part_files, write_part
from tawazi.align.config import AlignConfig
from tawazi.align.errors import InputError


def test_a_manifest_is_read_as_it_goes(tmp_path: Path) -> None:
    """Rows come before a bad byte further down is even read; the bad byte is one error
    with its line."""
    (tmp_path / "a.en.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.ar.txt").write_text("x", encoding="utf-8")
    good = "".join(f"a.en.txt\ta.ar.txt\tdoc{k}\n" for k in range(5000))
    m = tmp_path / "m.tsv"
    m.write_bytes(("en\tar\tname\n" + good).encode() + b"\xff\xfe bad\n")
    rows = iter_manifest(m, required=("en", "ar"), optional=("name",))
    first = next(rows)
    assert (first.line, first.text("name")) == (2, "doc0")
    with pytest.raises(InputError, match=r"m.tsv:5002: not UTF-8"):
        list(rows)


def test_a_utf16_manifest_streams_like_utf8(tmp_path: Path) -> None:
    write_pair(tmp_path, "a", EN, AR)
    text = "name\ten\tar\r\nfirst\ta.en.txt\ta.ar.txt\r\nfirst\ta.en.txt\ta.ar.txt\r\n"
    (tmp_path / "m.tsv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    jobs = [j for j in iter_jobs(tmp_path / "m.tsv") if isinstance(j, DocJob)]
    assert [(j.name, j.line) for j in jobs] == [("first", 2), ("first", 3)]


def test_a_folder_pairs_by_name_in_name_order(tmp_path: Path) -> None:
    """Pairs by name, each directory walked in name order (depth first), so results reach
    the store close to report order."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "x.work").mkdir()
    write_pair(tmp_path, "a", EN, AR)
    write_pair(tmp_path, "b", EN, AR, ext="")
    write_pair(tmp_path / "sub", "c", EN, AR)
    write_pair(tmp_path / "x.work", "ignored", EN, AR)
    write_pair(tmp_path, "both", EN, AR)
    write_pair(tmp_path, "both", EN, AR, ext="")  # both kinds: .en.txt preferred, once
    (tmp_path / "lone.ar").write_text("x", encoding="utf-8")
    (tmp_path / "mixed.en.txt").write_text("x", encoding="utf-8")
    (tmp_path / "mixed.ar").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir()
    write_pair(tmp_path / "sub" / "deeper", "e", EN, AR)
    write_pair(tmp_path / "sub", "d", EN, AR)
    write_pair(tmp_path, "z", EN, AR)
    items = list(iter_jobs(tmp_path))
    jobs = [(j.name, j.en.name) for j in items if isinstance(j, DocJob)]
    assert jobs == [("a", "a.en.txt"), ("b", "b.en"), ("both", "both.en.txt"),
                    ("sub/c", "c.en.txt"), ("sub/d", "d.en.txt"), ("sub/deeper/e", "e.en.txt"),
                    ("z", "z.en.txt")]
    problems = sorted(p.message for p in items if isinstance(p, Problem))
    assert len(problems) == 2 and "lone.ar: no English" in problems[0]
    assert "mixed.ar: no English" in problems[1]  # one line for the stem, its first file
    presplit = {j.name: j.en.name for j in find_jobs(tmp_path, presplit=True)[0]}
    assert presplit["both"] == "both.en"


def test_the_store_keeps_whole_parts_only(tmp_path: Path) -> None:
    done = open_store(tmp_path)
    assert len(done) == 0
    rows = pl.DataFrame({k: [] for k in result_schema()}, schema=result_schema())
    write_part(tmp_path, rows, ["00000000000000ff", "0000000000000001"])
    # A part cut short by a kill: its rows were written, its keys were not.
    (tmp_path / "results" / "part-x.parquet").write_bytes(b"half")
    done = open_store(tmp_path)
    assert "00000000000000ff" in done and "0000000000000001" in done
    assert "0000000000000002" not in done and len(done) == 2
    assert not (tmp_path / "results" / "part-x.parquet").exists()
    assert len(part_files(tmp_path)) == 1
    done.add(["0000000000000002", "ffffffffffffffff"])
    assert "ffffffffffffffff" in done and done.keys.dtype == np.uint64


def test_the_part_index_finds_the_parts_holding_a_batch(tmp_path: Path) -> None:
    """The report reads, for a batch of documents, only the parts that hold them."""
    rows = pl.DataFrame({k: [] for k in result_schema()}, schema=result_schema())
    open_store(tmp_path)
    write_part(tmp_path, rows, ["00000000000000ff", "0000000000000001"])
    write_part(tmp_path, rows, ["0000000000000002"])
    write_part(tmp_path, rows, ["00000000000000aa", "0000000000000003"])
    parts = part_files(tmp_path)
    index = PartIndex.of(tmp_path)
    holding = {k: index.parts_for([k]) for k in ("0000000000000001", "0000000000000002",
                                                 "0000000000000003")}
    assert all(len(p) == 1 for p in holding.values())
    assert len({p[0] for p in holding.values()}) == 3 and set(parts) == {
        p[0] for p in holding.values()}
    assert index.parts_for(["0000000000000001", "00000000000000ff"]) == holding[
        "0000000000000001"]
    assert index.parts_for(["0000000000000009", None]) == []  # not stored, no result


def test_a_run_in_many_chunks_resumes_and_reports_each_document_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(7):
        write_pair(folder, f"d{k}", EN[: k % 3 + 2], AR[: k % 3 + 2])
    monkeypatch.setattr(batch_run, "CHUNK_DOCS", 2)
    monkeypatch.setattr(batch_run, "REPORT_BATCH", 3)
    report = tmp_path / "r.tsv"
    jobs, _ = find_jobs(folder)
    first = batch_run.run_batch(iter(jobs), report, AlignConfig(), workers=1)
    batch_run.write_batch_report(first, report)
    assert (first.total, first.aligned, first.skipped) == (7, 3, 4)  # 3 distinct contents
    assert len(part_files(tmp_path / "r.tsv.work")) == 2  # chunks of two documents
    once = (report.read_bytes(), report.with_name("r.docs.tsv").read_bytes())
    again = batch_run.run_batch(iter(jobs), report, AlignConfig(), workers=1)
    batch_run.write_batch_report(again, report)
    assert (again.aligned, again.skipped) == (0, 7)
    assert (report.read_bytes(), report.with_name("r.docs.tsv").read_bytes()) == once
    docs = pl.read_csv(report.with_name("r.docs.tsv"), separator="\t")
    beads = pl.read_csv(report, separator="\t")
    assert docs["doc"].to_list() == [f"d{k}" for k in range(7)]
    assert docs["beads"].to_list() == [k % 3 + 2 for k in range(7)]
    assert beads.height == docs["beads"].sum()
    assert beads.select("doc", "bead").is_duplicated().sum() == 0


def test_repeated_manifest_names_are_told_apart_by_line(tmp_path: Path) -> None:
    write_pair(tmp_path, "a", EN, AR)
    write_pair(tmp_path, "b", EN[:2], AR[:2])
    (tmp_path / "m.tsv").write_text("name\ten\tar\nx\ta.en.txt\ta.ar.txt\n"
                                    "x\tb.en.txt\tb.ar.txt\n", encoding="utf-8")
    jobs, _ = find_jobs(tmp_path / "m.tsv")
    run = batch_run.run_batch(jobs, tmp_path / "r.tsv", AlignConfig(), workers=1)
    batch_run.write_batch_report(run, tmp_path / "r.tsv")
    docs = pl.read_csv(tmp_path / "r.docs.tsv", separator="\t")
    assert list(zip(docs["doc"], docs["beads"], strict=True)) == [("x", 4), ("x#3", 2)]


def test_a_dead_worker_breaks_only_the_jobs_in_its_pool() -> None:
    """More jobs than the window: the pool is replaced and the rest still run."""
    jobs = [7] + [2] * (6 * WINDOW * 2)
    outcomes = list(run_jobs(square_unless_odd, jobs, workers=2))
    assert len(outcomes) == len(jobs) and sorted(o.index for o in outcomes) == list(
        range(len(jobs)))
    dead = [o for o in outcomes if not o.ok]
    assert 1 <= len(dead) <= 2 * WINDOW and any(not o.ok and o.job == 7 for o in dead)
    assert all(o.value == 4 for o in outcomes if o.ok)
    assert sum(o.ok for o in outcomes) >= len(jobs) - 2 * WINDOW


def test_jobs_are_taken_from_a_stream_only_as_workers_need_them() -> None:
    taken: list[int] = []

    def stream() -> object:
        for k in range(1000):
            taken.append(k)
            yield k

    it = run_jobs(square_unless_odd, (k for k in stream() if k not in (3, 5, 7)), workers=2)
    next(it)
    assert len(taken) <= 2 * WINDOW + 8  # not the thousand
    it.close()
    assert os.getpid() > 0


def test_dask_is_imported_only_when_a_cluster_is_asked_for() -> None:
    import subprocess
    import sys

    code = ("import sys, tawazi.align.batch.run, tawazi.align.batch.pool, "
            "tawazi.align.batch.cluster, tawazi.align.cli.batch\n"
            "from tawazi.align.batch.cluster import parse_cluster\n"
            "parse_cluster('local:2')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0 and res.stdout.strip() == "[]", res.stderr


def test_row_groups_and_report_batches_change_no_row_of_a_parquet_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory settings only: tiny row groups and batches give the same two tables (and the
    signature in the metadata) as one batch and one row group."""
    from tawazi.align.batch import report as batch_report

    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(6):
        write_pair(folder, f"d{k}", EN[: k % 3 + 2], AR[: k % 3 + 2])
    jobs, _ = find_jobs(folder)

    def tables(name: str) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, str]]:
        report = tmp_path / f"{name}.parquet"
        run = batch_run.run_batch(iter(jobs), report, AlignConfig(), workers=1)
        batch_run.write_batch_report(run, report)
        return (pl.read_parquet(report), pl.read_parquet(report.with_name(f"{name}.docs.parquet")),
                pl.read_parquet_metadata(report))

    whole = tables("whole")
    monkeypatch.setattr(batch_report, "ROW_GROUP_ROWS", 2)
    monkeypatch.setattr(batch_run, "REPORT_BATCH", 4)
    small = tables("small")
    assert whole[0].height == whole[1]["beads"].sum() > 12  # several row groups of two
    assert whole[0].equals(small[0]) and whole[1].equals(small[1])
    assert whole[2][batch_report.SIGNATURE_KEY] == small[2][batch_report.SIGNATURE_KEY]


def test_the_allocator_setting_keeps_the_users_and_says_when_it_is_too_late(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """polars is imported in this test process: asking now changes nothing it uses."""
    from tawazi.align.batch.allocator import JEMALLOC_CONF, JEMALLOC_ENV, return_freed_memory

    monkeypatch.setenv(JEMALLOC_ENV, "dirty_decay_ms:5000")
    assert return_freed_memory() is False
    assert os.environ[JEMALLOC_ENV] == "dirty_decay_ms:5000"
    monkeypatch.delenv(JEMALLOC_ENV)
    return_freed_memory()
    assert os.environ[JEMALLOC_ENV] == JEMALLOC_CONF


def test_a_batch_process_asks_for_the_setting_before_polars_starts(tmp_path: Path) -> None:
    """The command imports polars only after ``run_batch`` has set the allocator's options,
    since jemalloc reads them once, when polars' library loads."""
    import subprocess
    import sys

    from tawazi.align.batch.allocator import JEMALLOC_CONF, JEMALLOC_ENV

    write_pair(tmp_path, "a", EN, AR)
    code = ("import os, sys\n"
            "import tawazi.align.batch.allocator as a\n"
            "seen = []\n"
            "real = a.return_freed_memory\n"
            "a.return_freed_memory = lambda: seen.append(real()) or seen[-1]\n"
            "from tawazi.align.cli import main\n"
            f"code = main(['batch', {str(tmp_path)!r}, '-o', {str(tmp_path / 'r.parquet')!r},"
            " '--jobs', '1'])\n"
            f"print(code, seen[0], os.environ[{JEMALLOC_ENV!r}], 'polars' in sys.modules)\n")
    env = {k: v for k, v in os.environ.items() if k != JEMALLOC_ENV}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.splitlines()[-1].split()
    # ``import polars`` puts its own defaults first; jemalloc takes the last of each option.
    assert out[:2] == ["0", "True"] and out[2].endswith("," + JEMALLOC_CONF)
    assert out[3] == "True"
