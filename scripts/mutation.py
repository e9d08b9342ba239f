"""Mutation testing of the search core: does the test suite notice a wrong operator?

Usage: ``uv run python scripts/mutation.py [--files align/search/dp.py ...] [--out res.json]``

A small AST mutation tester (mutmut needs a project layout of its own): in a copy of the
repository under a temporary folder, one mutant at a time flips a comparison (``<`` to
``<=``, ``==`` to ``!=``), an arithmetic or bitwise operator, ``and``/``or``, ``min``/``max``,
removes a ``not``, moves a small integer constant by one or doubles a float, then runs the
tests that cover that module. A mutant the tests still pass is a *survivor*: either a test is
missing or the mutant is equivalent (changes nothing observable). Prints one line per mutant
and a summary per file; writes every result to ``--out`` as JSON.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Core module -> the tests that cover it.
SPEC: dict[str, tuple[str, ...]] = {
    "align/search/dp.py": ("tests/test_search_core.py", "tests/test_align.py"),
    "align/search/band.py": ("tests/test_search_core.py", "tests/test_costs.py",
                             "tests/test_align.py"),
    "align/search/costs.py": ("tests/test_costs.py", "tests/test_bead_cost.py",
                              "tests/test_search_core.py", "tests/test_align.py",
                              "tests/test_refine.py"),
    "align/search/run.py": ("tests/test_coverage.py", "tests/test_search_core.py",
                            "tests/test_costs.py", "tests/test_align.py"),
    "align/evidence/coverage.py": ("tests/test_coverage.py", "tests/test_align.py"),
    "align/text/segment.py": ("tests/test_segment.py", "tests/test_segment_spans.py"),
}


CMP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq}
BIN: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div, ast.BitAnd: ast.BitOr, ast.BitOr: ast.BitAnd}
SWAP_NAMES = {"maximum": "minimum", "minimum": "maximum", "max": "min", "min": "max"}
Site = tuple[int, str, str]


def _compare_sites(idx: int, node: ast.Compare, line: int) -> list[Site]:
    return [(idx, f"cmp{k}", f"L{line} {type(op).__name__}->{CMP[type(op)].__name__}")
            for k, op in enumerate(node.ops) if type(op) in CMP]


def _constant_sites(idx: int, node: ast.Constant, line: int) -> list[Site]:
    v = node.value
    if type(v) is int and abs(v) <= 1000:
        return [(idx, "c+1", f"L{line} {v}->{v + 1}"), (idx, "c-1", f"L{line} {v}->{v - 1}")]
    if type(v) is float and v != 0.0:
        return [(idx, "f*2", f"L{line} {v}->{v * 2}")]
    return []


def _node_sites(idx: int, node: ast.AST) -> list[Site]:
    """The mutants of one node: ``(node index, kind, description)``."""
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Compare):
        return _compare_sites(idx, node, line)
    if isinstance(node, ast.Constant):
        return _constant_sites(idx, node, line)
    if isinstance(node, ast.BinOp) and type(node.op) in BIN:
        return [(idx, "bin", f"L{line} {type(node.op).__name__}->"
                 f"{BIN[type(node.op)].__name__}")]
    if isinstance(node, ast.BoolOp):
        return [(idx, "bool", f"L{line} {type(node.op).__name__} swapped")]
    if isinstance(node, ast.Attribute) and node.attr in SWAP_NAMES:
        return [(idx, "attr", f"L{line} .{node.attr}->{SWAP_NAMES[node.attr]}")]
    if isinstance(node, ast.Name) and node.id in ("max", "min"):
        return [(idx, "name", f"L{line} {node.id}->{SWAP_NAMES[node.id]}")]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return [(idx, "not", f"L{line} not removed")]
    return []


def sites(tree: ast.Module) -> list[Site]:
    """Every mutant of a module, nodes numbered in ``ast.walk`` order."""
    return [s for idx, node in enumerate(ast.walk(tree)) for s in _node_sites(idx, node)]


def _drop_not(nodes: list[ast.AST], node: ast.UnaryOp) -> None:
    """Replace ``not x`` by ``x`` wherever its parent holds it."""
    for parent in nodes:
        for field, value in ast.iter_fields(parent):
            if value is node:
                setattr(parent, field, node.operand)
            elif isinstance(value, list):
                value[:] = [node.operand if v is node else v for v in value]


def apply(tree: ast.Module, idx: int, kind: str) -> None:
    """Apply mutant ``kind`` to node ``idx`` of ``tree`` in place."""
    nodes = list(ast.walk(tree))
    node: Any = nodes[idx]
    if kind.startswith("cmp"):
        node.ops[int(kind[3:])] = CMP[type(node.ops[int(kind[3:])])]()
    elif kind == "bin":
        node.op = BIN[type(node.op)]()
    elif kind == "bool":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind in ("c+1", "c-1", "f*2"):
        node.value = {"c+1": node.value + 1, "c-1": node.value - 1,
                      "f*2": node.value * 2}[kind]
    elif kind == "attr":
        node.attr = SWAP_NAMES[node.attr]
    elif kind == "name":
        node.id = SWAP_NAMES[node.id]
    elif kind == "not":
        _drop_not(nodes, node)


def run_file(tree: Path, rel: str, tests: tuple[str, ...], timeout: float
             ) -> list[dict[str, object]]:
    """Every mutant of one module, each judged by ``tests`` in the copied ``tree``."""
    path = tree / rel
    original = path.read_text(encoding="utf-8")
    parsed = ast.parse(original)
    all_sites = sites(parsed)
    print(f"{rel}: {len(all_sites)} mutants", flush=True)
    results: list[dict[str, object]] = []
    for idx, kind, desc in all_sites:
        mutant = copy.deepcopy(ast.parse(original))
        apply(mutant, idx, kind)
        path.write_text(ast.unparse(mutant), encoding="utf-8")
        t0 = time.time()
        try:
            p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p",
                                "no:cacheprovider", *tests], cwd=tree, capture_output=True,
                               text=True, timeout=timeout)
            status = "survived" if p.returncode == 0 else "killed"
        except subprocess.TimeoutExpired:
            status = "killed (timeout)"
        results.append({"file": rel, "mutant": desc, "status": status})
        print(f"  {status:9s} {desc} ({time.time() - t0:.0f}s)", flush=True)
    path.write_text(original, encoding="utf-8")
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", nargs="*", default=list(SPEC), choices=list(SPEC))
    ap.add_argument("--out", type=Path, default=None, help="write every result as JSON")
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds per mutant")
    args = ap.parse_args()
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(
            ".venv", ".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".hypothesis"))
        for rel in args.files:
            results += run_file(tree, rel, SPEC[rel], args.timeout)
    for rel in args.files:
        mine = [r for r in results if r["file"] == rel]
        alive = [str(r["mutant"]) for r in mine if r["status"] == "survived"]
        print(f"{rel}: {len(mine)} mutants, {len(mine) - len(alive)} killed, "
              f"{len(alive)} survived" + (f": {', '.join(alive)}" if alive else ""))
    if args.out:
        args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
