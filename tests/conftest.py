"""Shared fixtures: repository paths and the shared bench (``../shared/bench``)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BENCH = ROOT.parent / "shared" / "bench"


@pytest.fixture(scope="session")
def seed002() -> Path:
    return next(SEEDS.glob("002_*.txt"))


@pytest.fixture(scope="session")
def bench() -> Path:
    if not (BENCH / "score.py").is_file():
        pytest.skip("../shared/bench is not beside this checkout")
    return BENCH
