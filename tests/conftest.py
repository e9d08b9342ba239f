"""Shared fixtures: repository paths and the shared bench (``../shared/bench``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# The same examples on every run, so that a green CI stays green: a property or fuzz test
# that finds a new case fails where the code changed, not on a later, unrelated run.
# ``TAWAZI_FUZZ_RANDOM=1`` explores fresh examples (with ``TAWAZI_FUZZ_EXAMPLES`` for more).
settings.register_profile("tawazi", derandomize=not os.environ.get("TAWAZI_FUZZ_RANDOM"))
settings.load_profile("tawazi")

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
