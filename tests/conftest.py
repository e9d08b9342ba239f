"""Shared fixtures: repository paths and the shared bench (``../shared/bench``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BENCH = ROOT.parent / "shared" / "bench"


def pytest_configure(config: pytest.Config) -> None:
    """Keep the parsed-lexicon cache of a test run out of the user's cache directory (CLI
    tests run subprocesses, which inherit the variable)."""
    os.environ.setdefault("TAWAZI_CACHE_DIR", tempfile.mkdtemp(prefix="tawazi-test-cache-"))


@pytest.fixture(scope="session")
def seed002() -> Path:
    return next(SEEDS.glob("002_*.txt"))


@pytest.fixture(scope="session")
def bench() -> Path:
    if not (BENCH / "score.py").is_file():
        pytest.skip("../shared/bench is not beside this checkout")
    return BENCH
