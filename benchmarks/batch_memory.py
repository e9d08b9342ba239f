"""Peak memory of ``tawazi batch`` against the number of documents (issue 15: flat).

Writes ``--docs`` small synthetic document pairs (three or four sentences a side, every
document different, numbers matching across the sides) into a folder and a manifest, runs
``tawazi batch`` on them in a fresh process, and prints the peak resident memory of that
process (the parent: sources, chunks, report) and of its largest worker (``ru_maxrss`` of
the waited-for children: the pool's processes, or a local Dask cluster's workers), with the
CPU seconds and the documents per CPU second. ``--sizes`` runs several sizes, to show the
curve.

Usage::

    uv run python benchmarks/batch_memory.py --docs 20000
    uv run python benchmarks/batch_memory.py --sizes 2000,5000,20000 --source manifest
    uv run python benchmarks/batch_memory.py --docs 20000 --cluster local:2

Only the command line is used, so the same script measures an older tree for comparison
(run it with that tree's Python).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EN = ("The minister of {a} resigned on Monday after a dispute over {n} contracts.",
      "The storm killed {n} people in the north of the country.",
      "Rescue teams worked through the night to reach {n} survivors.",
      "The government promised an inquiry into the causes of the disaster in {a}.")
AR = ("استقال وزير {a} يوم الاثنين بعد خلاف حول {n} عقدا.",
      "أسفرت العاصفة عن مقتل {n} شخصا في شمال البلاد.",
      "عملت فرق الإنقاذ طوال الليل للوصول إلى {n} من الناجين.",
      "وعدت الحكومة بإجراء تحقيق في أسباب الكارثة في {a}.")
PLACES = (("Lebanon", "لبنان"), ("Egypt", "مصر"), ("Jordan", "الأردن"), ("Iraq", "العراق"))
DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

#: The child that runs the command and reports its own peak and its children's.
DRIVER = r"""
import json, resource, sys, time
from tawazi.align.cli import main
t0 = time.perf_counter()
code = main(sys.argv[1:])
wall = time.perf_counter() - t0
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": wall, "parent_kb": me.ru_maxrss,
                  "worker_kb": kids.ru_maxrss, "parent_cpu": me.ru_utime + me.ru_stime,
                  "worker_cpu": kids.ru_utime + kids.ru_stime}), file=sys.__stdout__)
"""


def write_corpus(folder: Path, docs: int) -> Path:
    """``docs`` pairs ``dNNNNNN.en.txt``/``.ar.txt`` and a manifest naming them."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["name\ten\tar"]
    for k in range(docs):
        place_en, place_ar = PLACES[k % len(PLACES)]
        n = str(k + 2)
        take = range(3 + k % 2)
        en = " ".join(EN[(i + k) % 4].format(a=place_en, n=n) for i in take)
        ar = " ".join(AR[(i + k) % 4].format(a=place_ar, n=n.translate(DIGITS)) for i in take)
        (folder / f"d{k:06}.en.txt").write_text(en + "\n", encoding="utf-8")
        (folder / f"d{k:06}.ar.txt").write_text(ar + "\n", encoding="utf-8")
        rows.append(f"d{k:06}\td{k:06}.en.txt\td{k:06}.ar.txt")
    manifest = folder / "manifest.tsv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


def measure(docs: int, source: str, extra: list[str], keep: Path | None) -> dict[str, float]:
    """One run of ``tawazi batch`` over ``docs`` fresh documents; its figures."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix="tawazi-batch-mem-", dir=keep))
    try:
        manifest = write_corpus(base / "docs", docs)
        # The manifest sits in the folder, so the folder source must not see it as a pair:
        # it has no .en/.ar ending, so it is ignored.
        src = str(manifest if source == "manifest" else base / "docs")
        out = base / "report.parquet"
        res = subprocess.run([sys.executable, "-c", DRIVER, "batch", src, "-o", str(out),
                              "--top", "3", *extra], capture_output=True, text=True)
        line = res.stdout.strip().splitlines()[-1] if res.stdout.strip() else ""
        if not line.startswith("{"):
            raise SystemExit(f"batch failed: {res.stderr[-2000:]}")
        figures: dict[str, float] = json.loads(line)
        if figures["code"] != 0:
            raise SystemExit(f"batch exit {figures['code']}: {res.stderr[-2000:]}")
        return figures
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--sizes", default="", help="comma-separated document counts (a curve)")
    ap.add_argument("--source", choices=("folder", "manifest"), default="folder")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cluster", default=None, help="local:N or a scheduler address")
    ap.add_argument("--tmp", type=Path, default=None, help="where to write the corpus")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] or [args.docs]
    extra = ["--cluster", args.cluster] if args.cluster else ["--jobs", str(args.jobs)]
    where = f"--cluster {args.cluster}" if args.cluster else f"--jobs {args.jobs}"
    for docs in sizes:
        f = measure(docs, args.source, extra, args.tmp)
        cpu = f["parent_cpu"] + f["worker_cpu"]
        print(f"batch {docs:>7,} docs ({args.source}, {where}): parent peak RSS "
              f"{f['parent_kb'] / 1024:6.1f} MiB, largest worker {f['worker_kb'] / 1024:6.1f} "
              f"MiB; CPU {cpu:7.1f} s (parent {f['parent_cpu']:.1f} s), wall "
              f"{f['wall']:6.1f} s; {docs / cpu:5.1f} docs per CPU second", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
