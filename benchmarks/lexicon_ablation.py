"""Lexical re-estimation against a degraded lexicon: out-of-domain text, simulated.

The bench's news and health texts are what the shipped lexicon covers best; a literary,
religious or technical text meets a lexicon that lacks much of its vocabulary. This script
simulates that on any set in the bench's format (the bench, a variant of it, the dev sets
kept by ``devsets.py --keep DIR``): it drops a seeded random share of the lexicon's entries
(``--drop``, default half) and aligns every document in-process with lexical re-estimation
on and off (``LexreParams.enabled``), then scores both with the bench's ``score.py``. The
gap between the full lexicon and the degraded one is what out-of-domain vocabulary costs;
what re-estimation recovers of it is the honest test of the feature.

Usage: ``uv run python benchmarks/lexicon_ablation.py --bench ../shared/bench --sets
ntrex_hard tico_hard --drop 0.5`` (``--drop 0`` runs the full lexicon; ``--modes raw`` the raw
texts). Prints strict and lax F1 per set and mode, and wall seconds per run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from tawazi.align.config import AlignConfig, LexreParams
from tawazi.align.evidence.lexicon import Lexicon, load_lexicon
from tawazi.align.formats import WriteOptions, format_for_path, write_alignment
from tawazi.align.pipeline import align_pair
from tawazi.align.text.readers import read_pair

_lexicon: Lexicon | None = None


def degraded_lexicon(drop: float, seed: int) -> Lexicon:
    """The shipped lexicon without a seeded random ``drop`` share of its entries (its sha
    names the cut, so that no memo keyed by it is shared with the full table)."""
    full = load_lexicon()
    if drop <= 0:
        return full
    rng = random.Random(seed)
    kept = {k: full.glosses[k] for k in sorted(full.glosses) if rng.random() >= drop}
    sha = hashlib.sha256(f"{full.sha}|drop={drop}|seed={seed}".encode()).hexdigest()[:12]
    return Lexicon(glosses=kept, sha=sha, path=f"{full.path} (drop {drop}, seed {seed})")


def concatenated(folder: Path, dst: Path, size: int) -> Path:
    """The pre-split documents of ``folder`` joined, in name order, into documents of
    ``size`` consecutive documents each (one long text of many topics, as a book or a
    report is): lines appended, gold indexes shifted. Returns the new set folder."""
    dst.mkdir(parents=True, exist_ok=True)
    docs = [g.name[: -len(".gold")] for g in sorted(folder.glob("*.gold"))]
    for start in range(0, len(docs), size):
        en: list[str] = []
        ar: list[str] = []
        gold: list[str] = []
        for doc in docs[start:start + size]:
            e = (folder / f"{doc}.en").read_text(encoding="utf-8").splitlines()
            a = (folder / f"{doc}.ar").read_text(encoding="utf-8").splitlines()
            for line in (folder / f"{doc}.gold").read_text(encoding="utf-8").splitlines():
                left, _, right = line.partition(":")
                le = [int(x) + len(en) for x in json.loads(left)]
                ri = [int(x) + len(ar) for x in json.loads(right)]
                gold.append(f"{le}:{ri}")
            en += e
            ar += a
        name = f"concat{start // size:03d}"
        (dst / f"{name}.en").write_text("\n".join(en) + "\n", encoding="utf-8")
        (dst / f"{name}.ar").write_text("\n".join(ar) + "\n", encoding="utf-8")
        (dst / f"{name}.gold").write_text("\n".join(gold) + "\n", encoding="utf-8")
    return dst


def _init(drop: float, seed: int) -> None:
    global _lexicon
    _lexicon = degraded_lexicon(drop, seed)


def _align_one(job: tuple[Path, Path, Path, bool, AlignConfig]) -> None:
    en_path, ar_path, out, raw, config = job
    en, ar = read_pair(en_path, ar_path, presplit=not raw)
    al = align_pair(en, ar, config, lexicon=_lexicon)
    write_alignment(al, out, format_for_path(out, None), WriteOptions())


def run(folder: Path, raw: bool, config: AlignConfig, out: Path, scorer: Path,
        pool: ProcessPoolExecutor) -> dict[str, object]:
    jobs = []
    for gold in sorted(folder.glob("*.gold")):
        doc = gold.name[: -len(".gold")]
        if raw:
            jobs.append((folder / f"{doc}.en.txt", folder / f"{doc}.ar.txt",
                         out / f"{doc}.pred.jsonl", raw, config))
        else:
            jobs.append((folder / f"{doc}.en", folder / f"{doc}.ar", out / f"{doc}.pred", raw,
                         config))
    list(pool.map(_align_one, jobs))
    cmd = [sys.executable, str(scorer), "--gold-dir", str(folder), "--pred-dir", str(out),
           "--json"]
    if raw:
        cmd.insert(2, "--raw")
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(res.stdout)
    return result


def _f(r: dict[str, object], kind: str) -> float:
    got = r[f"f1_{kind}"]
    assert isinstance(got, float | int)
    return float(got)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, required=True, help="a folder of sets")
    ap.add_argument("--scorer", type=Path, default=None,
                    help="score.py (default: the one in --bench)")
    ap.add_argument("--sets", nargs="+", required=True)
    ap.add_argument("--modes", nargs="+", default=["presplit"], choices=["presplit", "raw"])
    ap.add_argument("--drop", type=float, default=0.5, help="share of entries dropped")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--variants", nargs="+", default=["off", "on"], choices=["off", "on"],
                    help="lexical re-estimation off / on (the default config otherwise)")
    ap.add_argument("--param", nargs="*", default=[], metavar="NAME=VALUE",
                    help="LexreParams fields for the 'on' variant (e.g. min_count=2)")
    ap.add_argument("--concat", type=int, default=0, metavar="N",
                    help="join every N documents of a set into one (pre-split only): long "
                         "texts, where one document gives re-estimation enough beads")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    scorer = args.scorer or args.bench / "score.py"
    fields: dict[str, object] = {"enabled": True}
    for item in args.param:
        name, _, value = item.partition("=")
        default = getattr(LexreParams(), name)
        fields[name] = (value.lower() in ("1", "true", "yes")) if isinstance(default, bool) \
            else type(default)(value)
    configs = {"off": AlignConfig(lexre=LexreParams(enabled=False)),
               "on": replace(AlignConfig(), lexre=replace(LexreParams(), **fields))}
    print(f"on: {configs['on'].lexre}")
    print(f"lexicon: drop {args.drop} seed {args.seed}")
    print(f"{'set':12s} {'mode':9s} {'lexre':5s} {'strict F1':>9s} {'lax F1':>7s} {'s':>6s}")
    with ProcessPoolExecutor(args.workers, initializer=_init,
                             initargs=(args.drop, args.seed)) as pool:
        for name in args.sets:
            for mode in args.modes:
                for variant in args.variants:
                    with tempfile.TemporaryDirectory() as tmp:
                        folder = args.bench / name
                        if args.concat:
                            folder = concatenated(folder, Path(tmp) / "set", args.concat)
                        out = Path(tmp) / "pred"
                        out.mkdir()
                        t0 = time.perf_counter()
                        r = run(folder, mode == "raw", configs[variant], out, scorer, pool)
                        wall = time.perf_counter() - t0
                    print(f"{name:12s} {mode:9s} {variant:5s} {_f(r, 'strict'):9.3f} "
                          f"{_f(r, 'lax'):7.3f} {wall:6.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
