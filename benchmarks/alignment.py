"""Alignment quality on the shared bench: strict and lax P/R/F1 per set, pre-split and raw.

Usage: ``uv run python benchmarks/alignment.py --bench ../shared/bench [--sets ...]``.
Predictions are written by the real ``tawazi align --manifest`` path? No: by the library
directly (same code), to a temporary folder, then judged by the bench's own ``score.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from align.config import AlignConfig
from align.formats.beads import render_beads
from align.formats.jsonl import render_jsonl
from align.lexicon import load_lexicon
from align.pipeline import align_pair, align_sentences
from align.segment import split_text
from align.types import Document, Sentence

SETS = ("ntrex_clean", "ntrex_hard", "tico_clean", "tico_hard")


def presplit_doc(path: Path, lang: str) -> tuple[Document, tuple[Sentence, ...]]:
    text = path.read_text(encoding="utf-8")
    doc = Document(text=text, lang=lang, path=str(path), presplit=True)
    return doc, split_text(text, lang, presplit=True)


def run_set(bench: Path, name: str, raw: bool, out: Path, config: AlignConfig) -> dict:
    folder = bench / name
    lex = load_lexicon()
    for gold in sorted(folder.glob("*.gold")):
        doc = gold.name[: -len(".gold")]
        if raw:
            en = Document((folder / f"{doc}.en.txt").read_text(encoding="utf-8"), "en")
            ar = Document((folder / f"{doc}.ar.txt").read_text(encoding="utf-8"), "ar")
            al = align_pair(en, ar, config, lex)
            (out / f"{doc}.pred.jsonl").write_text(render_jsonl(al), encoding="utf-8")
        else:
            en, es = presplit_doc(folder / f"{doc}.en", "en")
            ar, as_ = presplit_doc(folder / f"{doc}.ar", "ar")
            al = align_sentences(en, ar, es, as_, config, lex)
            (out / f"{doc}.pred").write_text(render_beads(al), encoding="utf-8")
    cmd = [sys.executable, str(bench / "score.py"), "--gold-dir", str(folder),
           "--pred-dir", str(out), "--json"]
    if raw:
        cmd.insert(2, "--raw")
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench", type=Path, required=True, help="path of shared/bench")
    ap.add_argument("--sets", nargs="*", default=list(SETS))
    ap.add_argument("--modes", nargs="*", default=["presplit", "raw"])
    args = ap.parse_args()
    config = AlignConfig()
    print(f"signature: {config.signature(load_lexicon().sha)}")
    print(f"{'set':12} {'mode':9} {'strict P':>8} {'R':>6} {'F1':>6}  {'lax P':>6} {'R':>6} "
          f"{'F1':>6}  {'split F1 en/ar':>14}  {'s':>5}")
    for name in args.sets:
        for mode in args.modes:
            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                res = run_set(args.bench, name, mode == "raw", Path(tmp), config)
                dt = time.perf_counter() - t0
            s = {k: res[f"{k}_strict"] for k in ("precision", "recall", "f1")}
            lx = {k: res[f"{k}_lax"] for k in ("precision", "recall", "f1")}
            split = ""
            if "split_boundaries" in res:
                sb = res["split_boundaries"]
                split = f"{sb['en']['all']['f1']:.3f}/{sb['ar']['all']['f1']:.3f}"
            print(f"{name:12} {mode:9} {s['precision']:8.3f} {s['recall']:6.3f} {s['f1']:6.3f}  "
                  f"{lx['precision']:6.3f} {lx['recall']:6.3f} {lx['f1']:6.3f}  {split:>14}  "
                  f"{dt:5.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
