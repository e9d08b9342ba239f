"""Fuzzing every subcommand with random command lines over random small files (issue 10,
"Tests that keep it so"): the checks are those of ``fuzz_support`` (status 0, or 2 with one
line, or 1 for runs of many rows; no traceback; offsets that slice the input; no file
changed but the named outputs).

Most examples run ``align.cli.main`` in this process, which is fast; a few run the real
program, where standard output is a pipe and ``--jobs`` may start worker processes. The
examples counts are small so that the suite stays quick; the ``fuzz`` marker runs more
(``TAWAZI_FUZZ_EXAMPLES`` examples per command, 15 by default):

    TAWAZI_FUZZ_EXAMPLES=2000 uv run pytest -m fuzz tests/test_fuzz_cli.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from fuzz_support import (
    absolute,
    align_argv,
    argv_for,
    batch_argv,
    check_files,
    check_offsets,
    check_stderr,
    run_in_process,
    run_process,
    snapshot,
    workspace,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Examples per command in the default run: about 25 s on a slow machine for all of them.
QUICK = {"align": 40, "split": 25, "score": 25, "batch": 12, "review": 10, "demo": 3,
         "junk": 15}
LONG = int(os.environ.get("TAWAZI_FUZZ_EXAMPLES", "15"))
SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
           HealthCheck.data_too_large, HealthCheck.filter_too_much]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _one(root: Path, data: st.DataObject, command: str, *, process: bool = False) -> None:
    """Draw a workspace and a command line, run it, check the run."""
    box = Path(tempfile.mkdtemp(dir=root))
    ws = box / "ws"
    ws.mkdir()
    try:
        workspace(data.draw, ws)
        if process:
            jobs = ("0", "2", "1")
            strategy = {"align": align_argv(jobs), "batch": batch_argv(jobs)}.get(
                command, argv_for(command))
            argv = data.draw(strategy)
        else:
            argv = absolute(data.draw(argv_for(command)), ws)
        before = snapshot(box)
        run = run_process(argv, ws) if process else run_in_process(argv)
        if process:  # the checks read paths as the in-process runs give them
            run = type(run)(absolute(argv, ws), run.code, run.out, run.err)
        after = snapshot(box)
        check_stderr(run)
        check_files(run, before, after, ws, box)
        check_offsets(run, ws)
    finally:
        shutil.rmtree(box, ignore_errors=True)


@pytest.mark.parametrize("command", list(QUICK))
def test_every_command_in_process(root: Path, command: str) -> None:
    @settings(max_examples=QUICK[command], deadline=None, suppress_health_check=SLOW_OK)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _one(root, data, command)

    run()


@pytest.mark.parametrize("command", ["align", "split", "score", "batch", "junk"])
def test_every_command_as_a_real_process(root: Path, command: str) -> None:
    @settings(max_examples=2, deadline=None, suppress_health_check=SLOW_OK)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _one(root, data, command, process=True)

    run()


@pytest.mark.fuzz
@pytest.mark.parametrize("command", list(QUICK))
def test_every_command_in_process_longer(root: Path, command: str) -> None:
    count = LONG if command != "demo" else max(1, LONG // 10)

    @settings(max_examples=count, deadline=None, suppress_health_check=SLOW_OK)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _one(root, data, command)

    run()


@pytest.mark.fuzz
@pytest.mark.parametrize("command", ["align", "batch", "score"])
def test_real_processes_longer(root: Path, command: str) -> None:
    @settings(max_examples=max(2, LONG // 8), deadline=None, suppress_health_check=SLOW_OK)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _one(root, data, command, process=True)

    run()
