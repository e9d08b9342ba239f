"""Layering: ``align/`` never imports Textual (the UI is a client of the library, never the
reverse), and ``tawazi --help`` does not load the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, pkgutil, sys
from tawazi import align
names = [m.name for m in pkgutil.walk_packages(align.__path__, "tawazi.align.")
         if not m.name.endswith("__main__")]
for name in names:
    importlib.import_module(name)
    if "textual" in sys.modules:
        raise SystemExit(f"importing {name} imported textual")
print(len(names))
"""


def test_no_align_module_imports_textual() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr + out.stdout
    assert int(out.stdout) > 20  # every module was imported, including edit and session


def test_cli_help_does_not_load_the_ui() -> None:
    # ``tui.cli`` (the review subcommand's arguments) is light; the app and Textual are not.
    probe = ("import sys, contextlib, io\n"
             "from tawazi.align.cli import build_parser\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    build_parser().format_help()\n"
             "print(sorted(m for m in ('textual', 'tawazi.tui.app', 'numpy') "
             "if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_tui_imports_only_align_and_itself() -> None:
    """The UI calls the library, not the command line."""
    for path in sorted((ROOT / "tui").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "tawazi.align.cli" not in text, path.name
