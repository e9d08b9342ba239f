"""Speed and memory of the aligner on long synthetic documents.

Long documents are made by concatenating the bench's pre-split hard documents (NTREX and
TICO-19, human translations with deletions and joins) until each side holds 2k, 5k, 10k and
20k sentences; the gold beads are concatenated too, so the figures include the accuracy of
the banded search on the long document. Each size runs in a fresh process so that peak memory
(max RSS) is that of one alignment. Also times ``tawazi --help``.

Usage: ``uv run python benchmarks/speed.py --bench ../shared/bench [--sizes 2000 20000]``.
Targets (issue 2): 20k x 20k in <= 20 s and < 500 MiB on 2 cores, 20k taking <= 12x the 2k
time; ``tawazi --help`` in <= 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from align.evidence.lexicon import load_lexicon
from align.text.normalize import normalize_ar
from align.pipeline import align_sentences
from align.text.segment import split_text
from align.types import Document

bench, size = Path(sys.argv[1]), int(sys.argv[2])
docs = sorted((bench / "ntrex_hard").glob("*.gold")) + sorted((bench / "tico_hard").glob("*.gold"))
en, ar, gold = [], [], []
k = 0
while len(en) < size and len(ar) < size:
    g = docs[k % len(docs)]
    k += 1
    stem = g.parent / g.name[: -len(".gold")]
    e = (Path(f"{stem}.en")).read_text(encoding="utf-8").splitlines()
    a = (Path(f"{stem}.ar")).read_text(encoding="utf-8").splitlines()
    for line in g.read_text().splitlines():
        left, right = line.split(":")[:2]
        ie = [int(x) + len(en) for x in left.strip("[] ").split(",") if x.strip()]
        ia = [int(x) + len(ar) for x in right.strip("[] ").split(",") if x.strip()]
        gold.append((tuple(ie), tuple(ia)))
    en += e
    ar += a
et, at = "\n".join(en) + "\n", "\n".join(ar) + "\n"
lex = load_lexicon()
normalize_ar("x")  # camel-tools loaded before timing, as in a warm process
t0 = time.perf_counter()
es, as_ = split_text(et, "en", presplit=True), split_text(at, "ar", presplit=True)
al = align_sentences(Document(et, "en", presplit=True), Document(at, "ar", presplit=True),
                     es, as_, None, lex)
dt = time.perf_counter() - t0
pred = {(b.en, b.ar) for b in al.beads}
gs = set(gold)
hits = len(pred & gs)
p, r = hits / len(pred), hits / len(gs)
print(json.dumps({"en": len(es), "ar": len(as_), "seconds": dt,
                  "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "exact_bead_f1": 2 * p * r / (p + r) if p + r else 0.0}))
"""


LEXICON = r"""
import time
from align.evidence.lexicon import default_path, parse
data = default_path().read_bytes()
t = time.perf_counter()
parse(data)
print(time.perf_counter() - t)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench", type=Path, required=True, help="path of shared/bench")
    ap.add_argument("--sizes", type=int, nargs="*", default=[2000, 5000, 10000, 20000])
    args = ap.parse_args()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "align.cli", "--help"], check=True,
                   capture_output=True)
    print(f"tawazi --help: {time.perf_counter() - t0:.2f} s (target <= 0.5 s)")
    out = subprocess.run([sys.executable, "-c", LEXICON], check=True, capture_output=True,
                         text=True)
    print(f"lexicon parse: {float(out.stdout):.2f} s (target <= 0.5 s; a timed unit test before)")
    print(f"{'sentences en x ar':>18} {'seconds':>8} {'max RSS MiB':>12} {'vs 2k':>6} "
          f"{'bead F1':>8}")
    base = None
    for size in args.sizes:
        out = subprocess.run([sys.executable, "-c", CHILD, str(args.bench), str(size)],
                             check=True, capture_output=True, text=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        base = base or res["seconds"]
        print(f"{res['en']:>8} x {res['ar']:<7} {res['seconds']:8.2f} {res['max_rss_mib']:12.0f} "
              f"{res['seconds'] / base:6.1f} {res['exact_bead_f1']:8.3f}")
    print("targets: 20k x 20k <= 20 s, < 500 MiB, <= 12x the 2k time")
    print()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from throughput import report

    report(args.bench)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
