"""The shipped weights are what the fitting scripts print: a change to the features, the
lexicon or the cost model that moves them must come with refitted weights.

With ``../shared/bench`` beside the checkout the scripts are run on the whole bench. Without
it (a clean clone in CI), they are run on a small fixture of TICO-19 documents
(``tests/data/fit_fixture``, made by ``scripts/make_fit_fixture.py``), whose fitted values and
the hash of the shipped tables are recorded next to it: code that moves the weights moves the
fixture's weights too, and refitted tables without a refreshed fixture change the hash.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tawazi.align.quality.fidelity import COEF
from tawazi.align.search.boundary_cues import WEIGHTS

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "fit_fixture"

#: (script, printed name, shipped table, decimals printed)
SCRIPTS: tuple[tuple[str, str, tuple[float, ...], int], ...] = (
    ("fit_boundary_cues.py", "WEIGHTS", WEIGHTS, 2),
    ("fit_fidelity.py", "COEF", COEF, 4),
)


def printed_tuple(output: str, name: str) -> list[float]:
    """The numbers of ``NAME = (...)`` as a fitting script prints it."""
    m = re.search(rf"{name}[^=]*= \((.*?)\n\)", output, re.S)
    assert m, output[-2000:]
    return [float(x) for x in re.findall(r"-?\d+\.\d+", re.sub(r"#.*", "", m.group(1)))]


def shipped_hash(table: tuple[float, ...]) -> str:
    """sha256 of a shipped table's values, as the fixture records it."""
    return hashlib.sha256(repr(tuple(float(x) for x in table)).encode()).hexdigest()


def _run(script: str, bench: Path) -> str:
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--bench", str(bench)],
                         capture_output=True, text=True, check=True)
    return res.stdout


@pytest.mark.parametrize(("script", "name", "shipped", "places"), SCRIPTS)
def test_shipped_weights_are_reproduced_by_their_script(
    bench: Path, script: str, name: str, shipped: tuple[float, ...], places: int
) -> None:
    fitted = printed_tuple(_run(script, bench), name)
    assert fitted == pytest.approx(list(shipped), abs=10 ** -places)


@pytest.mark.parametrize(("script", "name", "shipped", "places"), SCRIPTS)
def test_fixture_fit_is_unchanged(
    script: str, name: str, shipped: tuple[float, ...], places: int
) -> None:
    """Runs on a clean clone: the code still fits the fixture to the recorded weights, and
    the shipped table is the one the fixture was recorded against."""
    expected = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))[name]
    assert shipped_hash(shipped) == expected["shipped_sha256"], (
        f"{name} changed: refit on the bench, then run scripts/make_fit_fixture.py")
    fitted = printed_tuple(_run(script, FIXTURE), name)
    assert fitted == pytest.approx(expected["fixture_fit"], abs=10 ** -places), (
        f"the code now fits {name} differently: refit on the bench "
        f"(scripts/{script}), then run scripts/make_fit_fixture.py")
