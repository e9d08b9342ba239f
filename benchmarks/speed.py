"""Speed and memory of the aligner on long synthetic documents, beside galechurch.

Long documents are made by concatenating the bench's pre-split hard documents (NTREX and
TICO-19, human translations with deletions and joins) until each side holds 2k, 5k, 10k and
20k sentences; the gold beads are concatenated too, so the figures include the accuracy of
the banded search on the long document. (The bench holds a few hundred documents, so a long
document repeats them: per-word and per-sentence work is then partly served from memos,
which real long documents repeat less; ``throughput.py`` times distinct documents.) Each
size runs in a fresh process so that peak memory (max RSS) is that of one alignment; the
time is of the alignment only (wall and CPU: the machine may be shared), the lexicon loaded
and camel-tools imported before. Also times ``tawazi --help``, loading the lexicon in a
fresh process, and the whole ``tawazi align --presplit`` command at 2k, process start
included.

Side by side, the same inputs are aligned by the PyPI package ``galechurch`` (a multi-core
Rust Gale-Church aligner, lengths only), installed at run time into a throwaway virtual
environment (never a dependency of tawazi): both times, their ratio and both strict F1s
against the concatenated gold. Its DP is quadratic in time and memory: sizes above
``--galechurch-max`` are not run.

Usage: ``uv run python benchmarks/speed.py --bench ../shared/bench [--sizes 2000 20000]``.
Targets (issue 15): 20k x 20k <= 4 s and < 400 MiB; 2k <= 0.8 s end to end, process start
included; growth linear; faster than galechurch at every size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Builds the long pre-split document of ``size`` sentences a side and its gold, in plain
#: Python (it also runs in galechurch's environment, which has no tawazi).
BUILD = r"""
import json, resource, sys, time
from pathlib import Path

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


def f1(pred):
    hits = len(set(pred) & set(gold))
    p, r = hits / len(set(pred)), hits / len(set(gold))
    return 2 * p * r / (p + r) if p + r else 0.0


def report(pred, dt, cpu):
    print(json.dumps({"en": len(en), "ar": len(ar), "seconds": dt, "cpu": cpu,
                      "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "exact_bead_f1": f1(pred)}))
"""

CHILD = BUILD + r"""
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.text.normalize import normalize_ar
from tawazi.align.pipeline import align_sentences
from tawazi.align.text.segment import split_text
from tawazi.align.types import Document

if len(sys.argv) > 3:  # write the inputs for the end-to-end run and stop
    Path(sys.argv[3]).write_text("\n".join(en) + "\n", encoding="utf-8")
    Path(sys.argv[4]).write_text("\n".join(ar) + "\n", encoding="utf-8")
    raise SystemExit(0)
et, at = "\n".join(en) + "\n", "\n".join(ar) + "\n"
lex = load_lexicon()
normalize_ar("x")  # camel-tools loaded before timing, as in a warm process
t0, c0 = time.perf_counter(), time.process_time()
es, as_ = split_text(et, "en", presplit=True), split_text(at, "ar", presplit=True)
al = align_sentences(Document(et, "en", presplit=True), Document(at, "ar", presplit=True),
                     es, as_, None, lex)
report([(b.en, b.ar) for b in al.beads], time.perf_counter() - t0, time.process_time() - c0)
"""

GALECHURCH = BUILD + r"""
import galechurch

t0, c0 = time.perf_counter(), time.process_time()
res = galechurch.align(en, ar, max_block_size=(len(en) + 1) * (len(ar) + 1) + 1)
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
report([(tuple(range(b.source_start, b.source_end)), tuple(range(b.target_start, b.target_end)))
        for b in res.beads], dt, cpu)
"""

LEXICON = r"""
import time
t, c = time.perf_counter(), time.process_time()
from tawazi.align.evidence.lexicon import load_lexicon
load_lexicon()
print(time.perf_counter() - t, time.process_time() - c)
"""


def galechurch_python() -> tuple[str | None, str]:
    """A Python with ``galechurch`` installed in a throwaway environment (kept in the temp
    folder between runs), or ``None`` and why not."""
    venv = Path(tempfile.gettempdir()) / "tawazi-bench-galechurch"
    py = venv / "bin" / "python"
    probe = [str(py), "-c", "import galechurch"]
    if py.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return str(py), "cached"
    try:
        subprocess.run(["uv", "venv", "-q", str(venv)], check=True, capture_output=True,
                       timeout=300)
        subprocess.run(["uv", "pip", "install", "-q", "--python", str(py), "galechurch"],
                       check=True, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        err = getattr(exc, "stderr", "") or str(exc)
        return None, f"cannot be installed here ({str(err).strip().splitlines()[-1][:120]})"
    if subprocess.run(probe, capture_output=True).returncode != 0:
        return None, "installed but does not import"
    return str(py), "installed"


def _child(python: str, script: str, bench: Path, size: int) -> dict[str, float]:
    out = subprocess.run([python, "-c", script, str(bench), str(size)], check=True,
                         capture_output=True, text=True)
    res: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return res


def end_to_end(bench: Path, size: int) -> float:
    """Wall time of the whole ``tawazi align --presplit`` command on the ``size`` input,
    process start and lexicon load included."""
    with tempfile.TemporaryDirectory() as tmp:
        en, ar, out = Path(tmp, "en.txt"), Path(tmp, "ar.txt"), Path(tmp, "out.jsonl")
        subprocess.run([sys.executable, "-c", CHILD, str(bench), str(size), str(en), str(ar)],
                       check=True)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tawazi.align.cli", "align", "--presplit", str(en),
                        str(ar), "-o", str(out)], check=True, capture_output=True)
        return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True, help="path of shared/bench")
    ap.add_argument("--sizes", type=int, nargs="*", default=[2000, 5000, 10000, 20000])
    ap.add_argument("--galechurch-max", type=int, default=20000,
                    help="largest size galechurch is run at (quadratic; 0: never)")
    ap.add_argument("--no-throughput", action="store_true", help="skip throughput.py")
    args = ap.parse_args()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tawazi.align.cli", "--help"], check=True,
                   capture_output=True)
    print(f"tawazi --help: {time.perf_counter() - t0:.2f} s (target <= 0.5 s)")
    for _ in range(2):  # the first may fill the parsed-lexicon cache
        out = subprocess.run([sys.executable, "-c", LEXICON], check=True, capture_output=True,
                             text=True)
    wall, cpu = (float(x) for x in out.stdout.split())
    print(f"lexicon load in a fresh process: {wall:.3f} s wall, {cpu:.3f} s CPU (target <= 0.1 s)")
    print(f"tawazi align --presplit, 2k x 2k, end to end: {end_to_end(args.bench, 2000):.2f} s "
          "(target <= 0.8 s)")
    gc_py, how = (None, "not run") if args.galechurch_max <= 0 else galechurch_python()
    print(f"galechurch: {how}")
    print(f"{'sentences en x ar':>18} {'seconds':>8} {'CPU s':>6} {'max RSS MiB':>12} "
          f"{'vs 2k':>6} {'bead F1':>8} | {'galechurch s':>12} {'CPU s':>6} {'RSS MiB':>8} "
          f"{'F1':>6} {'gc/tawazi':>9}")
    base = None
    for size in args.sizes:
        res = _child(sys.executable, CHILD, args.bench, size)
        base = base or res["seconds"]
        line = (f"{res['en']:>8} x {res['ar']:<7} {res['seconds']:8.2f} {res['cpu']:6.2f} "
                f"{res['max_rss_mib']:12.0f} {res['seconds'] / base:6.1f} "
                f"{res['exact_bead_f1']:8.3f} | ")
        if gc_py is not None and size <= args.galechurch_max:
            g = _child(gc_py, GALECHURCH, args.bench, size)
            line += (f"{g['seconds']:12.2f} {g['cpu']:6.2f} {g['max_rss_mib']:8.0f} "
                     f"{g['exact_bead_f1']:6.3f} {g['seconds'] / res['seconds']:9.1f}")
        else:
            line += f"{'-':>12}"
        print(line, flush=True)
    print("gc/tawazi: galechurch's wall time over tawazi's (galechurch uses every core, so its "
          "CPU seconds can exceed its wall time)")
    print("targets: 20k x 20k <= 4 s, < 400 MiB, growth linear; faster than galechurch")
    if not args.no_throughput:
        print()
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from throughput import report

        report(args.bench)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
