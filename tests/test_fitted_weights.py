"""The shipped weights are what the fitting scripts print today: a change to the features,
the lexicon or the cost model that moves them must come with refitted weights."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from align.quality.fidelity import COEF
from align.search.boundary_cues import WEIGHTS

ROOT = Path(__file__).resolve().parent.parent


def _printed_tuple(output: str, name: str) -> list[float]:
    m = re.search(rf"{name}[^=]*= \((.*?)\n\)", output, re.S)
    assert m, output[-2000:]
    return [float(x) for x in re.findall(r"-?\d+\.\d+", re.sub(r"#.*", "", m.group(1)))]


@pytest.mark.parametrize(("script", "name", "shipped", "places"), [
    ("fit_boundary_cues.py", "WEIGHTS", WEIGHTS, 2),
    ("fit_fidelity.py", "COEF", COEF, 4),
])
def test_shipped_weights_are_reproduced_by_their_script(
    bench: Path, script: str, name: str, shipped: tuple[float, ...], places: int
) -> None:
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--bench", str(bench)],
                         capture_output=True, text=True, check=True)
    fitted = _printed_tuple(res.stdout, name)
    assert fitted == pytest.approx(list(shipped), abs=10 ** -places)
