"""scripts/relative_imports.py: each rewrite, and that a second run changes nothing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("relative_imports",
                                               ROOT / "scripts" / "relative_imports.py")
assert _spec and _spec.loader
ri = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ri)


def test_package_imports_become_relative() -> None:
    cli = ROOT / "align" / "cli" / "demo.py"
    pkg = ri._package_of(cli)
    assert pkg == ["tawazi", "align", "cli"]
    assert ri.convert_package_line("from align.errors import InputError", pkg) == \
        "from ..errors import InputError"
    assert ri.convert_package_line("    from align.cli.common import x", pkg) == \
        "    from .common import x"
    assert ri.convert_package_line("from align import __version__", pkg) == \
        "from .. import __version__"
    tui = ri._package_of(ROOT / "tui" / "app.py")
    assert ri.convert_package_line("from align.types import Bead", tui) == \
        "from ..align.types import Bead"
    assert ri.convert_package_line("from tui import navigate", tui) == "from . import navigate"
    top = ri._package_of(ROOT / "tawazi" / "__init__.py")
    assert ri.convert_package_line("from tawazi.api import read", top) == "from .api import read"
    assert ri.convert_package_line('    "demo": "align.cli.demo",', pkg) == \
        '    "demo": "tawazi.align.cli.demo",'
    assert ri.convert_package_line("    >>> from align.types import Bead", pkg) == \
        "    >>> from tawazi.align.types import Bead"
    # A doctest's expected exception names its module, which moved.
    assert ri.convert_package_line("    align.errors.OptionError: bad", pkg) == \
        "    tawazi.align.errors.OptionError: bad"
    assert ri.convert_package_line("    align.errors: where the errors live", pkg) == \
        "    align.errors: where the errors live"


def test_other_files_use_the_tawazi_names() -> None:
    conv = ri.convert_other_line
    assert conv("from align.pipeline import align_pair", False) == \
        "from tawazi.align.pipeline import align_pair"
    assert conv("import align, tui", False) == "from tawazi import align, tui"
    assert conv("    import align.search.run as run", False) == \
        "    import tawazi.align.search.run as run"
    assert conv("import align.pipeline", True) == "import tawazi.align.pipeline"
    assert conv('probe = ("import sys, align.config\\n"', True) == \
        'probe = ("import sys, tawazi.align.config\\n"'
    assert conv("    real = align.pipeline.align_pair", True) == \
        "    real = tawazi.align.pipeline.align_pair"
    assert conv('[sys.executable, "-m", "align.cli", *args]', False) == \
        '[sys.executable, "-m", "tawazi.align.cli", *args]'
    assert conv("f'exec {sys.executable} -m align.cli align'", False) == \
        "f'exec {sys.executable} -m tawazi.align.cli align'"
    assert conv('mock.patch("align.pipeline.load_lexicon")', False) == \
        'mock.patch("tawazi.align.pipeline.load_lexicon")'
    # not module names: a file name, a subcommand
    assert conv('out = "align.tsv"; cmd = "align"', False) == 'out = "align.tsv"; cmd = "align"'


PYPROJECT = '''[project.scripts]
tawazi = "align.cli:main"

[tool.hatch.build.targets.wheel]
packages = ["tawazi", "align", "tui"]

[tool.hatch.build.targets.wheel.force-include]
"corpora" = "align/_corpora"

[tool.pytest.ini_options]
testpaths = ["tests", "align", "tui", "tawazi"]

[tool.ruff]
extend-exclude = ["tests/snapshots"]

[tool.mypy]
files = ["align", "tui", "tawazi"]

[[tool.mypy.overrides]]
module = ["align.*", "tawazi"]

[tool.importlinter]
root_packages = ["align", "tui", "tawazi"]

[[tool.importlinter.contracts]]
name = "align never imports the UI"
containers = ["align"]
layers = ["cli", "config : types"]
source_modules = ["align.config"]
forbidden_modules = ["tui", "textual"]
'''


def test_pyproject_is_converted_once() -> None:
    new = ri.convert_pyproject(PYPROJECT)
    for line in [
        'tawazi = "tawazi.align.cli:main"',
        'packages = ["tawazi"]',
        '"corpora" = "tawazi/align/_corpora"',
        'testpaths = ["tests", "tawazi"]',
        'extend-exclude = ["tests/snapshots", "tawazi/align", "tawazi/tui"]',
        'files = ["tawazi"]',
        'module = ["tawazi.align.*", "tawazi"]',
        'root_packages = ["tawazi"]',
        'name = "align never imports the UI"',
        'containers = ["tawazi.align"]',
        'layers = ["cli", "config : types"]',
        'source_modules = ["tawazi.align.config"]',
        'forbidden_modules = ["tawazi.tui", "textual"]',
    ]:
        assert line in new.split("\n"), line
    assert ri.convert_pyproject(new) == new


def test_a_second_run_changes_nothing() -> None:
    for path in ri._sources():
        once = ri.convert_source(path.read_text(encoding="utf-8"), path)
        assert ri.convert_source(once, path) == once, path
