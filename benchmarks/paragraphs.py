"""Paragraph anchors bounding the search (issue 9, point 3): with and without, per set.

For each set of raw-mode documents (paragraphs separated by blank lines), every document is
aligned in this process twice, with ``ParagraphParams.enabled`` on and off, and the script
prints: strict F1 (the bench's ``score.py --raw``), beads crossing a paragraph break
(either side; only counted where both sides show paragraphs), anchors found, the band's
cells (the DP's work) and CPU time (user + sys) of ``align_pair``.

Sets:

* the bench's raw sets (``--bench``; both sides share their paragraph breaks);
* stress cases made from the bench's ``*_clean`` and ``*_hard`` documents (``--stress``):
  ``drop-ar`` / ``drop-en`` (one middle paragraph removed from one side: its lines become
  null beads), ``merge-ar`` (two neighbouring Arabic paragraphs run into one), ``split-en``
  (an English paragraph cut in two), ``one-para-ar`` (the Arabic in a single paragraph:
  breaks on one side only);
* the dev sets (``--devsets CACHE``: ``benchmarks/devsets.py``'s documents, one unit a
  paragraph with ``--unit-paragraphs``, else 2-5 units a paragraph).

Usage: ``uv run python benchmarks/paragraphs.py --bench ../shared/bench --stress
[--devsets /tmp/devsets --unit-paragraphs]``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from tawazi.align.config import AlignConfig
from tawazi.align.pipeline import ANCHORS_KEY, align_pair
from tawazi.align.types import Alignment, Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

RAW_SETS = ("ntrex_clean", "ntrex_hard", "tico_clean", "tico_hard", "ntrex_long", "tico_long")
STRESS = ("drop-ar", "drop-en", "merge-ar", "split-en", "one-para-ar")


def crossings(al: Alignment) -> int:
    """Beads holding sentences of two paragraphs on either side (when both show any)."""
    pe = [s.paragraph for s in al.en_sents]
    pa = [s.paragraph for s in al.ar_sents]
    if len(set(pe)) < 2 or len(set(pa)) < 2:
        return 0
    return sum(1 for b in al.beads
               if len({pe[i] for i in b.en}) > 1 or len({pa[j] for j in b.ar}) > 1)


def pred_jsonl(al: Alignment) -> str:
    rows = []
    for b in al.beads:
        rows.append(json.dumps({"en": al.bead_spans(b, "en"), "ar": al.bead_spans(b, "ar")}))
    return "\n".join(rows) + "\n"


def score_dir(scorer: Path, gold: Path, pred: Path) -> float:
    out = subprocess.run([sys.executable, str(scorer), "--raw", "--gold-dir", str(gold),
                          "--pred-dir", str(pred), "--json"], capture_output=True, text=True,
                         check=True)
    f1: float = json.loads(out.stdout)["f1_strict"]
    return f1


def gold_corners(folder: Path, doc: str) -> set[tuple[int, int]]:
    """Character offsets ``(en, ar)`` where the gold path has a corner: the start of the
    first line after each prefix of gold beads, on both sides (the text end when none)."""
    starts = {}
    for lang in ("en", "ar"):
        spans = [int(ln.split("\t")[0]) for ln in
                 (folder / f"{doc}.{lang}.spans").read_text("utf-8").splitlines() if ln]
        starts[lang] = spans
    out = set()
    e = a = 0
    for line in (folder / f"{doc}.gold").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        en, ar = _parse(line)
        e, a = e + len(en), a + len(ar)
        if e < len(starts["en"]) and a < len(starts["ar"]):
            out.add((starts["en"][e], starts["ar"][a]))
    return out


def wrong_anchors(folder: Path, doc: str, en: Document, ar: Document, cfg: AlignConfig
                  ) -> int:
    """Anchors of the paragraph alignment that are not corners of the gold path."""
    from tawazi.align.evidence.lexicon import load_lexicon
    from tawazi.align.pipeline import _keyed
    from tawazi.align.search.paragraphs import align_paragraphs
    from tawazi.align.text.segment import split_document

    es, as_ = split_document(en), split_document(ar)
    if not es or not as_:
        return 0
    en_side, ar_side, len_en, len_ar, band = _keyed(es, as_, cfg, load_lexicon())
    pa = align_paragraphs(en_side, ar_side, len_en, len_ar, [s.paragraph for s in es],
                          [s.paragraph for s in as_], band, cfg)
    if pa is None:
        return 0
    gold = gold_corners(folder, doc)
    return sum(1 for e, a in pa.anchors
               if e < len(es) and a < len(as_) and (es[e].start, as_[a].start) not in gold)


def run_folder(folder: Path, scorer: Path, configs: dict[str, AlignConfig]
               ) -> dict[str, dict[str, float]]:
    """Align every document of ``folder`` with each config; figures per config."""
    docs = sorted(g.name[: -len(".gold")] for g in folder.glob("*.gold"))
    out: dict[str, dict[str, float]] = {}
    warmed: set[str] = set()
    for name, cfg in configs.items():
        with tempfile.TemporaryDirectory() as tmp:
            cpu = cross = anchors = wrong = 0.0
            for doc in docs:
                en = Document((folder / f"{doc}.en.txt").read_text("utf-8"), "en")
                ar = Document((folder / f"{doc}.ar.txt").read_text("utf-8"), "ar")
                if doc not in warmed:  # word analyses are cached per process: fill them
                    align_pair(en, ar, cfg)
                    warmed.add(doc)
                t0 = time.process_time()
                al = align_pair(en, ar, cfg)
                cpu += time.process_time() - t0
                cross += crossings(al)
                anchors += int(al.meta.get(ANCHORS_KEY, "0"))
                if cfg.paragraphs.enabled:
                    wrong += wrong_anchors(folder, doc, en, ar, cfg)
                (Path(tmp) / f"{doc}.pred.jsonl").write_text(pred_jsonl(al), "utf-8")
            out[name] = {"f1": score_dir(scorer, folder, Path(tmp)), "cross": cross,
                         "anchors": anchors, "wrong": wrong, "cpu": cpu, "docs": len(docs)}
    return out


# ----------------------------------------------------------------------------- stress sets

def _read_doc(folder: Path, doc: str) -> tuple[dict[str, list[list[str]]], list[str]]:
    """A raw document as paragraphs of gold lines per side, and its gold bead lines."""
    paras: dict[str, list[list[str]]] = {}
    for lang in ("en", "ar"):
        text = (folder / f"{doc}.{lang}.txt").read_text("utf-8")
        spans = [tuple(map(int, ln.split("\t"))) for ln in
                 (folder / f"{doc}.{lang}.spans").read_text("utf-8").splitlines() if ln]
        side: list[list[str]] = [[]]
        prev_end = None
        for s, e in spans:
            if prev_end is not None and "\n\n" in text[prev_end:s]:
                side.append([])
            side[-1].append(text[s:e])
            prev_end = e
        paras[lang] = side
    gold = (folder / f"{doc}.gold").read_text("utf-8").splitlines()
    return paras, gold


def _parse(line: str) -> tuple[list[int], list[int]]:
    en, ar = line.split(":")[:2]
    return ([int(x) for x in en.strip("[]").split(",") if x.strip()],
            [int(x) for x in ar.strip("[]").split(",") if x.strip()])


def _write(folder: Path, doc: str, paras: dict[str, list[list[str]]], gold: list[str]) -> None:
    from devsets import _spans_text

    for lang in ("en", "ar"):
        text, spans = _spans_text([p for p in paras[lang] if p])
        lines = "".join(f"{s}\t{e}\n" for s, e in spans)
        (folder / f"{doc}.{lang}.txt").write_text(text, "utf-8")
        (folder / f"{doc}.{lang}.spans").write_text(lines, "utf-8")
        (folder / f"{doc}.{lang}.sentspans").write_text(lines, "utf-8")
    (folder / f"{doc}.gold").write_text("\n".join(gold) + "\n", "utf-8")


def _fmt(idx: list[int]) -> str:
    return "[" + ", ".join(map(str, idx)) + "]"


def _drop(paras: dict[str, list[list[str]]], gold: list[str], lang: str, k: int
          ) -> tuple[dict[str, list[list[str]]], list[str]]:
    """Paragraph ``k`` of side ``lang`` removed; beads losing lines there keep the rest,
    other-side lines left alone become null beads."""
    first = sum(len(p) for p in paras[lang][:k])
    gone = set(range(first, first + len(paras[lang][k])))
    new_index = {}
    for old in range(sum(len(p) for p in paras[lang])):
        if old not in gone:
            new_index[old] = len(new_index)
    out: list[str] = []
    for line in gold:
        en, ar = _parse(line)
        side, other = (en, ar) if lang == "en" else (ar, en)
        kept = [new_index[i] for i in side if i not in gone]
        if side and not kept:
            # the whole bead lost this side: its other lines become null beads
            for i in other:
                out.append(f"{_fmt([i])}:[]" if lang == "ar" else f"[]:{_fmt([i])}")
            continue
        e, a = (kept, ar) if lang == "en" else (en, kept)
        out.append(f"{_fmt(e)}:{_fmt(a)}")
    new = dict(paras)
    new[lang] = [p for i, p in enumerate(paras[lang]) if i != k]
    return new, out


def stress_doc(kind: str, paras: dict[str, list[list[str]]], gold: list[str],
               rng: random.Random) -> tuple[dict[str, list[list[str]]], list[str]] | None:
    n = min(len(paras["en"]), len(paras["ar"]))
    if n < 4:
        return None
    k = rng.randint(1, n - 2)
    if kind in ("drop-ar", "drop-en"):
        return _drop(paras, gold, kind[-2:], k)
    new = {lang: [list(p) for p in side] for lang, side in paras.items()}
    if kind == "merge-ar":
        new["ar"][k:k + 2] = [new["ar"][k] + new["ar"][k + 1]]
    elif kind == "split-en":
        p = new["en"][k]
        if len(p) < 2:
            return None
        cut = len(p) // 2
        new["en"][k:k + 1] = [p[:cut], p[cut:]]
    elif kind == "one-para-ar":
        new["ar"] = [[line for p in new["ar"] for line in p]]
    return new, gold


def build_stress(bench: Path, work: Path, kinds: tuple[str, ...], sources: tuple[str, ...],
                 seed: int) -> list[Path]:
    folders = []
    for src in sources:
        base = bench / src
        for kind in kinds:
            rng = random.Random(f"{seed}:{src}:{kind}")
            folder = work / f"{src}.{kind}"
            folder.mkdir(parents=True)
            for gold in sorted(base.glob("*.gold")):
                doc = gold.name[: -len(".gold")]
                paras, g = _read_doc(base, doc)
                got = stress_doc(kind, paras, g, rng)
                if got is not None:
                    _write(folder, doc, *got)
            folders.append(folder)
    return folders


def build_concat(bench: Path, work: Path, sources: tuple[str, ...]) -> Path:
    """One long document: every document of ``sources`` one after the other (paragraphs
    kept), for the speed of a long paragraphed text (a band around the coarse path)."""
    paras: dict[str, list[list[str]]] = {"en": [], "ar": []}
    gold: list[str] = []
    for src in sources:
        for g in sorted((bench / src).glob("*.gold")):
            doc = g.name[: -len(".gold")]
            p, lines = _read_doc(bench / src, doc)
            off = {lang: sum(len(x) for x in paras[lang]) for lang in ("en", "ar")}
            for line in lines:
                if line.strip():
                    en, ar = _parse(line)
                    gold.append(f"{_fmt([i + off['en'] for i in en])}:"
                                f"{_fmt([j + off['ar'] for j in ar])}")
            for lang in ("en", "ar"):
                paras[lang] += p[lang]
    folder = work / ("concat." + "+".join(sources))
    folder.mkdir(parents=True)
    _write(folder, "all", paras, gold)
    return folder


def build_devsets(cache: Path, work: Path, unit_paragraphs: bool, docs: int, seed: int
                  ) -> list[Path]:
    import devsets

    folders = []
    for name, src in devsets.SOURCES.items():
        every = src.load(devsets.fetch(src, cache.resolve()))
        units = [u for u in every if max(len(u.en), len(u.ar)) <= 8]
        folder = work / f"dev.{name}{'.unitpara' if unit_paragraphs else ''}"
        devsets.build_set(name, units, folder, docs, seed, 0.03,
                          per_paragraph=(1, 1) if unit_paragraphs else (2, 5))
        folders.append(folder)
    return folders


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True)
    ap.add_argument("--sets", nargs="*", default=list(RAW_SETS))
    ap.add_argument("--stress", action="store_true", help="also the stress cases")
    ap.add_argument("--stress-sources", nargs="*", default=["ntrex_hard", "tico_hard"])
    ap.add_argument("--concat", nargs="*", default=None, metavar="SET",
                    help="also one long document of these sets' documents end to end")
    ap.add_argument("--devsets", type=Path, default=None, metavar="CACHE")
    ap.add_argument("--unit-paragraphs", action="store_true",
                    help="dev sets with one unit a paragraph")
    ap.add_argument("--docs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--para-cross", type=float, default=None, metavar="NATS",
                    help="CostParams.para_cross for both runs (0: no soft cost for crossing a "
                         "break, to see what the bound does on its own)")
    args = ap.parse_args()
    scorer = args.bench / "score.py"
    on = AlignConfig()
    if args.para_cross is not None:
        on = replace(on, cost=replace(on.cost, para_cross=args.para_cross))
    configs = {"bound": on, "off": replace(on, paragraphs=replace(on.paragraphs,
                                                                   enabled=False))}
    tmp = tempfile.TemporaryDirectory()
    work = Path(tmp.name)
    folders = [args.bench / s for s in args.sets]
    if args.stress:
        folders += build_stress(args.bench, work, STRESS, tuple(args.stress_sources), args.seed)
    if args.concat:
        folders.append(build_concat(args.bench, work, tuple(args.concat)))
    if args.devsets is not None:
        folders += build_devsets(args.devsets, work, args.unit_paragraphs, args.docs, args.seed)
    warm = Document("A test. Another one.\n\nA third.\n", "en")
    align_pair(warm, Document("اختبار. وآخر.\n\nوثالث.\n", "ar"))  # load the lexicon
    print(f"{'set':28} {'docs':>4}  {'F1 off':>6} {'F1 bound':>8}  {'cross off':>9} "
          f"{'bound':>5}  {'anchors':>7} {'wrong':>5}  {'cpu off':>7} {'bound':>6}")
    for folder in folders:
        r = run_folder(folder, scorer, configs)
        off, b = r["off"], r["bound"]
        print(f"{folder.name:28} {int(b['docs']):4d}  {off['f1']:6.3f} {b['f1']:8.3f}  "
              f"{int(off['cross']):9d} {int(b['cross']):5d}  {int(b['anchors']):7d} "
              f"{int(b['wrong']):5d}  "
              f"{off['cpu']:7.1f} {b['cpu']:6.1f}", flush=True)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
