"""The end-to-end check of the review inside tmux (``scripts/tmux_review_check.sh``): the
real program on seed 002, keys sent, the pane captured and read as a person would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "tmux_review_check.sh"


@pytest.mark.skipif(shutil.which("tmux") is None,
                    reason="tmux is not installed (apt-get install tmux): the review cannot "
                           "be driven in a real terminal")
def test_review_in_tmux() -> None:
    out = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "PASS" in out.stdout
