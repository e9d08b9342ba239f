"""Throughput of align + score on the bench documents, per core.

Every document of the four bench sets is aligned (``align_sentences`` on the pre-split lines,
``align_pair`` on the raw text) in this one process; the pipeline scores every bead as part of
aligning. The figure is sentence pairs per second, a pair being half the lines of both sides,
best of ``repeats`` passes (the machine may be shared); the first, cold pass (lexicon caches
filling) is shown apart. Pairs per CPU second (best pass) are printed too: on a loaded
machine wall time says more about the other jobs than about this one. ``score share`` is the
part of the time spent re-scoring the same alignments with ``fidelity.score_alignment`` alone
(without the aligner's unit cache, so it recomputes every word's units).

Usage: ``uv run python benchmarks/throughput.py --bench ../shared/bench``; other scripts call
:func:`measure` and :func:`report`. Target (issue 15): >= 6,000 sentence pairs/s per core.

``--cluster local:N`` (or a scheduler's address) measures ``tawazi batch`` itself on a Dask
cluster instead: the same documents as one manifest, run by ``run_batch`` on the cluster
(started once, before timing; a fresh work folder each pass, so nothing is served from a
previous pass), report written. Printed: sentence pairs per second of wall time (best pass,
which is what adding workers should raise), and per CPU second of the workers (from their
own ``getrusage``), which shows what the cluster costs per pair. ``--cluster local:1`` and
``--cluster local:2`` side by side give the scaling on this machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.pipeline import align_pair, align_sentences
from tawazi.align.quality.fidelity import score_alignment
from tawazi.align.text.normalize import normalize_ar
from tawazi.align.text.segment import split_text
from tawazi.align.types import Alignment, Document

SETS = ("ntrex_clean", "ntrex_hard", "tico_clean", "tico_hard")


@dataclass(frozen=True, slots=True)
class Throughput:
    """Pairs per second of one mode (``presplit`` or ``raw``)."""

    mode: str
    pairs: float
    cold: float
    best: float
    score_share: float
    best_cpu: float = 0.0


def _docs(bench: Path) -> list[tuple[str, str, str, str]]:
    out = []
    for name in SETS:
        for gold in sorted((bench / name).glob("*.gold")):
            stem = gold.parent / gold.name[: -len(".gold")]
            out.append(tuple(Path(f"{stem}{ext}").read_text(encoding="utf-8")
                             for ext in (".en", ".ar", ".en.txt", ".ar.txt")))
    return out  # type: ignore[return-value]


def _run(docs: list[tuple[str, str, str, str]], raw: bool
         ) -> tuple[float, list[Alignment], float]:
    lex = load_lexicon()
    out = []
    t0, c0 = time.perf_counter(), time.process_time()
    for en, ar, en_txt, ar_txt in docs:
        if raw:
            out.append(align_pair(Document(en_txt, "en"), Document(ar_txt, "ar"), None, lex))
        else:
            ed, ad = Document(en, "en", presplit=True), Document(ar, "ar", presplit=True)
            out.append(align_sentences(ed, ad, split_text(en, "en", presplit=True),
                                       split_text(ar, "ar", presplit=True), None, lex))
    return time.perf_counter() - t0, out, time.process_time() - c0


def measure(bench: Path, repeats: int = 3) -> list[Throughput]:
    """Align and score every bench document ``repeats`` times in each mode."""
    docs = _docs(bench)
    pairs = sum((en.count("\n") + ar.count("\n")) / 2 for en, ar, _, _ in docs)
    load_lexicon()
    normalize_ar("x")  # camel-tools loaded before timing, as in a warm worker
    results = []
    for mode in ("presplit", "raw"):
        times, cpus = [], []
        als: list[Alignment] = []
        for _ in range(repeats + 1):
            dt, als, cpu = _run(docs, mode == "raw")
            times.append(dt)
            cpus.append(cpu)
        t0 = time.perf_counter()
        for al in als:
            score_alignment(al)
        score_dt = time.perf_counter() - t0
        best = min(times[1:])
        results.append(Throughput(mode, pairs, pairs / times[0], pairs / best, score_dt / best,
                                  pairs / min(cpus[1:])))
    return results


def report(bench: Path, repeats: int = 3, out: object = None) -> list[Throughput]:
    """Measure and print one line per mode (to ``out``, default stdout)."""
    stream = out or sys.stdout
    results = measure(bench, repeats)
    for r in results:
        print(f"align+score {r.mode:8}: {r.best:,.0f} sentence pairs/s per core (best of "
              f"{repeats}; cold first pass {r.cold:,.0f}/s; {r.pairs:,.0f} pairs; scoring "
              f"{r.score_share:.0%} of the time; {r.best_cpu:,.0f} pairs per CPU second) — "
              "target >= 6,000", file=stream)  # type: ignore[arg-type]
    return results


def _manifest(bench: Path, folder: Path, raw: bool) -> Path:
    """A manifest of every bench document (pre-split lines, or the raw text)."""
    rows = ["name\ten\tar"]
    bench = bench.resolve()  # a manifest's relative paths are read from the manifest's folder
    for name in SETS:
        for gold in sorted((bench / name).glob("*.gold")):
            stem = gold.parent / gold.name[: -len(".gold")]
            ext = (".en.txt", ".ar.txt") if raw else (".en", ".ar")
            rows.append(f"{name}/{stem.name}\t{stem}{ext[0]}\t{stem}{ext[1]}")
    path = folder / ("raw.tsv" if raw else "presplit.tsv")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _worker_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measure_cluster(bench: Path, spec: str, repeats: int = 3, out: object = None) -> None:
    """``run_batch`` on a Dask cluster over the bench documents; one line per mode."""
    import logging
    import tempfile
    import time

    import distributed

    from tawazi.align.batch.cluster import parse_cluster
    from tawazi.align.batch.run import find_jobs, run_batch, write_batch_report
    from tawazi.align.config import AlignConfig

    stream = out or sys.stdout
    docs = _docs(bench)
    pairs = sum((en.count("\n") + ar.count("\n")) / 2 for en, ar, _, _ in docs)
    parsed = parse_cluster(spec)
    local = (distributed.LocalCluster(n_workers=parsed.workers, threads_per_worker=1,
                                      processes=True, dashboard_address=None,
                                      silence_logs=logging.ERROR) if parsed.workers else None)
    address = local.scheduler_address if local else parsed.address
    client = distributed.Client(address)
    try:
        client.run(load_lexicon)  # every worker warm, as in a long run
        threads = sum(client.nthreads().values())
        with tempfile.TemporaryDirectory(prefix="tawazi-throughput-") as tmp:
            for mode in ("presplit", "raw"):
                jobs, problems = find_jobs(_manifest(bench, Path(tmp), mode == "raw"))
                if problems or len(jobs) != len(docs):
                    raise SystemExit(f"the manifest of {mode} documents has {len(jobs)} of "
                                     f"{len(docs)} documents: {problems[:2]}")
                walls, cpus = [], []
                for k in range(repeats):
                    report_path = Path(tmp) / f"{mode}-{k}.parquet"
                    c0 = sum(client.run(_worker_cpu).values())
                    t0 = time.perf_counter()
                    run = run_batch(jobs, report_path, AlignConfig(), presplit=mode == "presplit",
                                    cluster=address)
                    write_batch_report(run, report_path)
                    walls.append(time.perf_counter() - t0)
                    cpus.append(sum(client.run(_worker_cpu).values()) - c0)
                    assert not run.failed and not run.skipped, (run.failed[:3], run.skipped)
                    assert run.aligned == len(jobs), (run.aligned, len(jobs))
                print(f"batch --cluster {spec} ({threads} worker thread(s)) {mode:8}: "
                      f"{pairs / min(walls):,.0f} sentence pairs/s wall (best of {repeats}; "
                      f"{len(jobs)} documents, {pairs:,.0f} pairs, {min(walls):.1f} s); "
                      f"{pairs / min(cpus):,.0f} pairs per worker CPU second",
                      file=stream, flush=True)  # type: ignore[call-overload]
    finally:
        client.close()
        if local is not None:
            local.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True, help="path of shared/bench")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cluster", action="append", default=[], metavar="SPEC",
                    help="measure tawazi batch on this Dask cluster (local:N or an address); "
                         "may be given several times")
    args = ap.parse_args()
    if args.cluster:
        for spec in args.cluster:
            measure_cluster(args.bench, spec, args.repeats)
        return 0
    report(args.bench, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
