"""Print the aligner's wrong beads on a bench set, next to the gold, to classify errors.

Runs the library pipeline (``align_pair``, as ``tawazi align`` does) on each document of a
set in raw or pre-split mode, projects the predicted beads onto the gold lines with the
bench scorer's own ``project`` (raw mode) and prints every region where prediction and gold
differ: the gold beads and the predicted beads over the same lines, with the start of each
line's text. A summary gives strict F1, null-bead precision and recall, and counts of error
shapes (gold type -> predicted types), so a change can be judged on its largest class.

Usage: ``uv run python benchmarks/bead_errors.py --bench ../shared/bench --set tico_long
--raw`` (``--doc NAME`` for one document, ``--quiet`` for the summary only).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from tawazi.align.config import AlignConfig
from tawazi.align.pipeline import align_pair
from tawazi.align.text.readers import read_pair

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_score"] = mod
    spec.loader.exec_module(mod)
    return mod


def with_params(settings: list[str]) -> AlignConfig:
    """The default config with ``section.field=value`` settings (``cost.lex_floor=0.2``,
    ``research.passes=0``), to try a change before it goes into ``align/config.py``."""
    config = AlignConfig()
    for item in settings:
        name, value = item.split("=", 1)
        section, fld = name.split(".", 1)
        part = getattr(config, section)
        old = getattr(part, fld)
        new: object = value
        if isinstance(old, bool):
            new = value.lower() in ("1", "true", "yes")
        elif isinstance(old, int | float):
            new = type(old)(float(value))
        config = replace(config, **{section: replace(part, **{fld: new})})
    return config


def predicted(folder: Path, doc: str, raw: bool, score: ModuleType,
              config: AlignConfig) -> list[Bead]:
    """The aligner's beads over the gold lines of one document."""
    if raw:
        en, ar = read_pair(folder / f"{doc}.en.txt", folder / f"{doc}.ar.txt")
    else:
        en, ar = read_pair(folder / f"{doc}.en", folder / f"{doc}.ar", presplit=True)
    al = align_pair(en, ar, config)
    if not raw:
        return [(b.en, b.ar) for b in al.beads]
    rd = score.RawDoc(folder / f"{doc}.gold")
    pred = [{"en": [(al.en_sents[k].start, al.en_sents[k].end) for k in b.en],
             "ar": [(al.ar_sents[k].start, al.ar_sents[k].end) for k in b.ar]}
            for b in al.beads]
    return list(score.project(rd, pred))


def regions(gold: list[Bead], pred: list[Bead]) -> list[tuple[list[Bead], list[Bead]]]:
    """Groups of gold and predicted beads that differ, joined by shared lines."""
    gs, ps = set(gold), set(pred)
    bad_g = [b for b in gold if b not in ps]
    bad_p = [b for b in pred if b not in gs]
    items = [("g", b) for b in bad_g] + [("p", b) for b in bad_p]
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[tuple[str, int], int] = {}
    for i, (_, b) in enumerate(items):
        for side, idx in (("en", b[0]), ("ar", b[1])):
            for k in idx:
                if (side, k) in owner:
                    parent[find(i)] = find(owner[(side, k)])
                else:
                    owner[(side, k)] = i
    groups: dict[int, tuple[list[Bead], list[Bead]]] = {}
    for i, (kind, b) in enumerate(items):
        g = groups.setdefault(find(i), ([], []))
        (g[0] if kind == "g" else g[1]).append(b)
    out = list(groups.values())
    out.sort(key=lambda r: min(k for b in r[0] + r[1] for k in b[0] + b[1]))
    return out


def shape(beads: list[Bead]) -> str:
    return "+".join(f"{len(e)}-{len(a)}" for e, a in sorted(beads, key=lambda b: (b[0], b[1])))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True)
    ap.add_argument("--scorer", type=Path, default=None)
    ap.add_argument("--set", required=True)
    ap.add_argument("--raw", action="store_true")
    ap.add_argument("--doc", default=None)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--param", action="append", default=[],
                    help="section.field=value of AlignConfig, e.g. cost.lex_floor=0.2")
    args = ap.parse_args()
    score = load_scorer(args.scorer or args.bench / "score.py")
    config = with_params(args.param)
    folder = args.bench / args.set
    docs = [g.name[:-5] for g in sorted(folder.glob("*.gold"))]
    if args.doc:
        docs = [args.doc]
    tp = n_pred = n_gold = 0
    null_tp = null_pred = null_gold = 0
    kinds: Counter[str] = Counter()
    for doc in docs:
        gold = [tuple(map(tuple, b)) for b in score.read_beads(folder / f"{doc}.gold")]
        gold = [(tuple(e), tuple(a)) for e, a in gold]
        pred = predicted(folder, doc, args.raw, score, config)
        gs, ps = set(gold), set(pred)
        tp += len(gs & ps)
        n_pred += len(ps)
        n_gold += len([b for b in gs if b[0] and b[1]])
        gnull = {b for b in gs if not (b[0] and b[1])}
        pnull = {b for b in ps if not (b[0] and b[1])}
        null_tp += len(gnull & pnull)
        null_gold += len(gnull)
        null_pred += len(pnull)
        en_lines = (folder / f"{doc}.en").read_text(encoding="utf-8").splitlines()
        ar_lines = (folder / f"{doc}.ar").read_text(encoding="utf-8").splitlines()
        for g, p in regions(gold, pred):
            kinds[f"{shape(g)} -> {shape(p)}"] += 1
            if args.quiet:
                continue
            print(f"== {doc}: gold {shape(g)}  pred {shape(p)}")
            print("   gold", sorted(g), " pred", sorted(p))
            en_k = sorted({k for b in g + p for k in b[0]})
            ar_k = sorted({k for b in g + p for k in b[1]})
            for k in en_k:
                print(f"   en{k}: {en_lines[k][:110]}")
            for k in ar_k:
                print(f"   ar{k}: {ar_lines[k][:160]}")
    # Strict P counts every predicted bead, R the two-sided gold beads (as score.py).
    p_strict = tp / max(1, n_pred)
    two_sided_tp = tp - null_tp
    r_strict = two_sided_tp / max(1, n_gold)
    f1 = 2 * p_strict * r_strict / max(1e-9, p_strict + r_strict)
    print(f"\n{args.set} {'raw' if args.raw else 'presplit'}: strict P {p_strict:.3f} "
          f"R {r_strict:.3f} F1 {f1:.3f}; null P {null_tp / max(1, null_pred):.3f} "
          f"R {null_tp / max(1, null_gold):.3f} ({null_tp}/{null_pred} pred, {null_gold} gold)")
    for k, v in kinds.most_common():
        print(f"  {v:3d}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
