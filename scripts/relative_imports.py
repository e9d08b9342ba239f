"""Make ``align/`` and ``tui/`` importable as ``tawazi.align`` and ``tawazi.tui``.

The repository keeps ``align/``, ``tui/`` and ``tawazi/`` at the top; the installed wheel has one
package, ``tawazi``, with ``align`` and ``tui`` inside it. This script rewrites the checkout
for that, and can be run again at any time (after a merge brings in code written with the old
absolute imports): a second run changes nothing.

- ``tawazi/align`` and ``tawazi/tui`` become symlinks to ``../align`` and ``../tui``, so that
  Python, pytest, mypy and import-linter see the one ``tawazi`` tree in the checkout too
  (hatchling's editable install puts the checkout on ``sys.path``);
- in ``align/``, ``tui/``, ``tawazi/``: ``from align.x import y`` becomes relative
  (``from ..x import y``), ``>>> from align.x`` in doctests and module names in strings
  (``importlib`` targets, ``"align.cli.demo"``) become ``tawazi.align...``;
- in ``tests/``, ``benchmarks/``, ``scripts/``: imports, ``python -m align.cli``,
  ``mock.patch("align.x.y")`` and other dotted module strings become ``tawazi.align...``;
- ``pyproject.toml``: the console script, the wheel's packages and data paths, pytest's
  ``testpaths``, mypy's files and overrides, import-linter's root package and contracts, ruff's
  excludes (the symlinks).

Usage: ``uv run python scripts/relative_imports.py [--check]`` from the checkout (``--check``
lists the files it would change and exits 1 if there are any). It runs ``ruff --fix --select I``
on the files it changed, since relative imports sort differently.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = ("align", "tui")
PACKAGE_DIRS = ("align", "tui", "tawazi")
OTHER_DIRS = ("tests", "benchmarks", "scripts")
#: Files that hold the old names on purpose: this script and its test.
SKIP = (Path(__file__).resolve(), ROOT / "tests" / "test_relative_imports.py")

_FROM = re.compile(r"^(?P<pre>\s*)from\s+(?P<mod>(?:align|tui|tawazi)(?:\.\w+)*)\s+import\b")
_DOCTEST_FROM = re.compile(r"(?P<pre>(?:>>>|\.\.\.)\s+from\s+)(?P<mod>(?:align|tui)(?:\.\w+)*)"
                           r"(?=\s+import\b)")
_PLAIN_FROM = re.compile(r"(?P<pre>\bfrom\s+)(?P<mod>(?:align|tui)(?:\.\w+)*)(?=\s+import\b)")
_IMPORT = re.compile(r"^(?P<pre>\s*(?:>>>\s+|\.\.\.\s+)?)import\s+(?P<names>[\w., ]+?)"
                     r"(?P<alias>\s+as\s+\w+)?(?P<post>\s*(?:#.*)?)$")
_STRING = re.compile(r"(?P<q>[\"'])(?P<mod>(?:align|tui)\.(?:\w+(?:\.\w+)*)?(?::\w+)?)(?P=q)")
#: The exception line of a doctest (``    align.errors.OptionError: ...``): doctest compares
#: the exception's module too, which is ``tawazi.align...`` once installed as one package.
_DOCTEST_EXC = re.compile(r"^(?P<pre>\s*)(?P<mod>(?:align|tui)(?:\.\w+)+)"
                          r"(?=\.\w*(?:Error|Exception|Warning): )")
_DASH_M = re.compile(r"(?P<pre>-m\s+)(?P<mod>(?:align|tui)\.\w+(?:\.\w+)*)")


def _resolves(dotted: str) -> bool:
    """``align.x...`` names a module or package of the checkout (``align.`` alone counts)."""
    parts = dotted.split(":")[0].split(".")
    if len(parts) < 2 or parts[0] not in TOP:
        return False
    if parts[1] == "":
        return True
    base = ROOT / parts[0] / parts[1]
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _qualified(mod: str) -> str:
    return mod if mod.startswith("tawazi") else f"tawazi.{mod}"


def _package_of(path: Path) -> list[str]:
    """The package a file's relative imports start from, under ``tawazi``."""
    rel = path.relative_to(ROOT).with_suffix("").parts
    parts = ["tawazi", *rel[1:-1]] if rel[0] == "tawazi" else ["tawazi", *rel[:-1]]
    if path.name == "__init__.py" and rel[0] != "tawazi":
        parts = ["tawazi", *rel[:-1]]
    return parts


def _relative(package: list[str], target: str) -> str:
    """``from <target>`` written relative to ``package`` (``["tawazi", "align", "cli"]``)."""
    tparts = _qualified(target).split(".")
    common = 0
    while common < min(len(package), len(tparts)) and package[common] == tparts[common]:
        common += 1
    return "." * (len(package) - common + 1) + ".".join(tparts[common:])


def _strings(line: str) -> str:
    line = _DOCTEST_EXC.sub(lambda m: m["pre"] + _qualified(m["mod"])
                            if _resolves(m["mod"]) else m[0], line)
    line = _STRING.sub(lambda m: m["q"] + _qualified(m["mod"]) + m["q"]
                       if _resolves(m["mod"]) else m[0], line)
    return _DASH_M.sub(lambda m: m["pre"] + _qualified(m["mod"])
                       if _resolves(m["mod"]) else m[0], line)


def convert_package_line(line: str, package: list[str]) -> str:
    m = _FROM.match(line)
    if m:
        return m["pre"] + "from " + _relative(package, m["mod"]) + " import" + line[m.end():]
    line = _DOCTEST_FROM.sub(lambda d: d["pre"] + _qualified(d["mod"]), line)
    return _strings(line)


def _plain_import(line: str) -> str:
    """``import align.x [as y]`` / ``import align, tui`` outside the package."""
    m = _IMPORT.match(line)
    if not m:
        return line
    names = [n.strip() for n in m["names"].split(",")]
    ours = [n for n in names if n.split(".")[0] in TOP]
    if not ours:
        return line
    pre, alias, post = m["pre"], m["alias"] or "", m["post"] or ""
    if alias or all("." in n for n in ours):
        names = [_qualified(n) if n in ours else n for n in names]
        return f"{pre}import {', '.join(names)}{alias}{post}"
    if len(ours) < len(names):
        return line  # ``import sys, align``: not written in this project; left for a person
    if any("." in n for n in names):
        return line  # ``import align, align.x``: not written in this project; left for a person
    return f"{pre}from tawazi import {', '.join(names)}{post}"


#: ``align.pipeline`` used as an expression after ``import align.pipeline``.
_USE = re.compile(r"(?<![\w.\"'/])(?P<mod>(?:align|tui)\.\w+)")
_DOTTED_IMPORT = re.compile(r"\bimport\s+(?:[\w.]+,\s*)*(?:align|tui)\.\w")


def convert_other_line(line: str, uses: bool) -> str:
    line = _PLAIN_FROM.sub(lambda m: m["pre"] + _qualified(m["mod"]), line)
    line = _plain_import(line)
    if uses and not line.lstrip().startswith("import "):
        line = _USE.sub(lambda m: _qualified(m["mod"]) if _resolves(m["mod"]) else m[0], line)
    return _strings(line)


def convert_source(text: str, path: Path) -> str:
    in_package = path.relative_to(ROOT).parts[0] in PACKAGE_DIRS
    package = _package_of(path) if in_package else []
    uses = not in_package and _DOTTED_IMPORT.search(text) is not None
    lines = text.split("\n")
    out = [convert_package_line(x, package) if in_package else convert_other_line(x, uses)
           for x in lines]
    return "\n".join(out)


_SECTION = re.compile(r"^\[\[?(?P<name>[^\]]+)\]\]?\s*$")
_QUOTED = re.compile(r"\"(?P<mod>(?:align|tui)(?:\.[\w*]+)*)\"")


def _list_line(line: str, drop: tuple[str, ...], add: str) -> str:
    """``key = ["tests", "align", "tui"]`` without ``drop``, with ``add`` once."""
    key, _, value = line.partition("=")
    items = re.findall(r"\"([^\"]*)\"", value)
    kept = [i for i in items if i not in drop]
    if add not in kept:
        kept.append(add)
    return f"{key.rstrip()} = [{', '.join(f'{chr(34)}{i}{chr(34)}' for i in kept)}]"


def _ruff_exclude(line: str) -> str:
    for link in ("tawazi/align", "tawazi/tui"):
        if f'"{link}"' not in line:
            line = line.rstrip().rstrip("]").rstrip() + f', "{link}"]'
    return line


#: (section, key the line starts with, or "" for every line of the section) -> rewrite.
_PYPROJECT_RULES: list[tuple[str, str, object]] = [
    ("project.scripts", "", lambda x: re.sub(r"\"(align|tui)\.", r'"tawazi.\1.', x)),
    ("tool.hatch.build.targets.wheel", "packages", lambda x: 'packages = ["tawazi"]'),
    ("tool.hatch.build.targets.wheel.force-include", "",
     lambda x: re.sub(r"= \"(align|tui)/", r'= "tawazi/\1/', x)),
    ("tool.pytest.ini_options", "testpaths", lambda x: _list_line(x, TOP, "tawazi")),
    ("tool.mypy", "files", lambda x: _list_line(x, TOP, "tawazi")),
    ("tool.importlinter", "root_packages", lambda x: 'root_packages = ["tawazi"]'),
    ("tool.ruff", "extend-exclude", _ruff_exclude),
]


def _pyproject_line(section: str, line: str) -> str:
    stripped = line.strip()
    for sec, key, rule in _PYPROJECT_RULES:
        if section == sec and stripped.startswith(key):
            return rule(line)  # type: ignore[operator]
    if section.startswith(("tool.importlinter", "tool.mypy")):
        return _QUOTED.sub(lambda q: f'"tawazi.{q["mod"]}"', line)
    return line


def convert_pyproject(text: str) -> str:
    out: list[str] = []
    section = ""
    for line in text.split("\n"):
        m = _SECTION.match(line)
        if m:
            section = m["name"]
        out.append(_pyproject_line(section, line))
    return "\n".join(out)


def _symlinks(apply: bool) -> list[str]:
    changed = []
    for name in TOP:
        link = ROOT / "tawazi" / name
        if link.is_symlink() and os.readlink(link) == f"../{name}":
            continue
        changed.append(str(link.relative_to(ROOT)))
        if apply:
            if link.is_symlink():
                link.unlink()
            link.symlink_to(f"../{name}", target_is_directory=True)
    return changed


def _sources() -> list[Path]:
    files: list[Path] = []
    for d in (*PACKAGE_DIRS, *OTHER_DIRS):
        base = ROOT / d
        if not base.is_dir() or base.is_symlink():
            continue
        for p in sorted(base.rglob("*")):
            if p.suffix not in (".py", ".sh") or not p.is_file() or p.resolve() in SKIP:
                continue
            if any(part in ("__pycache__", "snapshots") for part in p.parts):
                continue
            if d == "tawazi" and p.resolve().parent != (ROOT / "tawazi").resolve():
                continue  # tawazi/align, tawazi/tui are the symlinks: done as align/, tui/
            files.append(p)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only list what would change")
    args = ap.parse_args(argv)
    changed = _symlinks(apply=not args.check)
    for path in [*_sources(), ROOT / ".ci" / "run"]:
        old = path.read_text(encoding="utf-8")
        new = convert_source(old, path) if path.suffix == ".py" else _shell(old)
        if new != old:
            changed.append(str(path.relative_to(ROOT)))
            if not args.check:
                path.write_text(new, encoding="utf-8")
    pyproject = ROOT / "pyproject.toml"
    old = pyproject.read_text(encoding="utf-8")
    new = convert_pyproject(old)
    if new != old:
        changed.append("pyproject.toml")
        if not args.check:
            pyproject.write_text(new, encoding="utf-8")
    for c in changed:
        print(c)
    if args.check:
        return 1 if changed else 0
    py = [str(ROOT / c) for c in changed if c.endswith(".py")]
    if py:
        subprocess.run([sys.executable, "-m", "ruff", "check", "-q", "--fix", "--select", "I",
                        *py], cwd=ROOT, check=False)
        _warn_long_lines(py)
    return 0


def _warn_long_lines(files: list[str], limit: int = 100) -> None:
    """The longer names can push a line past ruff's limit; that needs a person's wrap."""
    for f in files:
        for n, line in enumerate(Path(f).read_text(encoding="utf-8").split("\n"), 1):
            if len(line) > limit:
                print(f"relative_imports: {f}:{n}: longer than {limit} characters",
                      file=sys.stderr)


def _shell(text: str) -> str:
    return "\n".join(_DASH_M.sub(lambda m: m["pre"] + _qualified(m["mod"])
                                 if _resolves(m["mod"]) else m[0], x) for x in text.split("\n"))


if __name__ == "__main__":
    sys.exit(main())
