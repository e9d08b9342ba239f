"""How well ``tawazi mine`` finds the translated sentences of comparable documents (issue 14).

Usage: ``uv run python benchmarks/mining.py --bench ../shared/bench [--min-score S]
[--tune-seeds 1,2,3] [--seeds 4,5,6,7,8] [--sweep] [--speed] [--fit]``

Comparable pairs are made from the bench's clean sets (``ntrex_clean``, ``tico_clean``: every
English line has its Arabic translation on the same line). For each document A and seed:

- **English**: A's lines, with 20% as many *foreign* English lines (from other documents)
  inserted at random places;
- **Arabic**: 30–50% of A's translations (a random subset), cut into blocks of 1–3 lines that
  keep their order inside a block, the blocks shuffled among 1.5× as many Arabic lines of
  other documents (never the translations of the foreign English lines, which would be true
  pairs the gold does not hold).

``easy`` draws the foreign lines from any other document of both sets; ``hard`` only from
the same set and, for TICO-19, the same source kind (PubMed, Wikipedia, ...): same topic
(COVID-19 health texts, news), the distractors that share names and terms.

Gold: the kept translations. A mined 1-2/2-1 group counts as its sentence links. Printed:
link precision, recall and F1 summed over all documents, per variant, for the seeds the
default ``--min-score`` was chosen on (``--tune-seeds``) and for held-out seeds (``--seeds``).
``--sweep`` prints the figures at other thresholds (one run: the greedy selection stops at the
threshold, so a lower one only adds pairs at the end). ``--speed`` times 5,000 English against
5,000 shuffled Arabic sentences of NTREX-128 and TICO-19 (``sources/``). ``--fit`` refits the
mining probability (``align.mine.score.MINE_COEF``) on the tuning seeds' candidates.
``--distractors X`` puts X Arabic lines of other articles per kept translation instead of 1.5
(a topic with too few other lines then draws from all articles).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import numpy as np

from tawazi.align.evidence.features import units_ar, units_en
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.mine.index import candidates, postings
from tawazi.align.mine.score import MINE_FEATURES, Scorer, mine_features
from tawazi.align.mine.search import mine_sentences
from tawazi.align.mine.types import MineConfig, MinedPair
from tawazi.align.quality.bead_evidence import LEN_MU
from tawazi.align.text.segment import split_document
from tawazi.align.types import Document

SETS = ("ntrex_clean", "tico_clean")
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass(frozen=True, slots=True)
class Doc:
    name: str
    set: str
    topic: str
    en: tuple[str, ...]
    ar: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Case:
    en: tuple[str, ...]
    ar: tuple[str, ...]
    gold: frozenset[tuple[int, int]]


def load_docs(bench: Path) -> list[Doc]:
    docs: list[Doc] = []
    for name in SETS:
        for en_path in sorted((bench / name).glob("*.en")):
            en = en_path.read_text(encoding="utf-8").splitlines()
            ar = en_path.with_suffix(".ar").read_text(encoding="utf-8").splitlines()
            assert len(en) == len(ar), en_path
            stem = en_path.stem
            topic = re.sub(r"_\d+$", "", stem) if name.startswith("tico") else "news"
            docs.append(Doc(stem, name, topic, tuple(en), tuple(ar)))
    return docs


def _pool(docs: Sequence[Doc], a: Doc, variant: str) -> list[tuple[int, int]]:
    """``(doc index, line)`` of the lines foreign to ``a`` in this variant."""
    out: list[tuple[int, int]] = []
    for di, d in enumerate(docs):
        if d.name == a.name and d.set == a.set:
            continue
        if variant == "hard" and (d.set != a.set or d.topic != a.topic):
            continue
        out.extend((di, k) for k in range(len(d.en)))
    return out


def make_case(docs: Sequence[Doc], di: int, variant: str, rng: random.Random,
              distractors: float = 1.5) -> Case:
    """One comparable pair built around document ``di`` (see the module docstring);
    ``distractors``: Arabic lines of other documents per kept translation."""
    a = docs[di]
    n = len(a.en)
    n_foreign = round(0.2 * n)
    k = max(1, round(rng.uniform(0.3, 0.5) * n))
    need = n_foreign + round(distractors * k)
    pool = _pool(docs, a, variant)
    if len(pool) < max(n, need):  # a topic with too few other documents: widen to all
        pool = _pool(docs, a, "easy")
    picked = rng.sample(pool, need)
    foreign, distract = picked[:n_foreign], picked[n_foreign:]
    # English: A's lines with the foreign ones inserted at random places.
    en_items: list[tuple[str, int | None]] = [(t, i) for i, t in enumerate(a.en)]
    for d, line in foreign:
        en_items.insert(rng.randint(0, len(en_items)), (docs[d].en[line], None))
    en_pos = {src: p for p, (_, src) in enumerate(en_items) if src is not None}
    # Arabic: kept translations in blocks of 1-3, shuffled among the distractors.
    kept = sorted(rng.sample(range(n), k))
    blocks: list[list[int | None]] = []
    i = 0
    while i < len(kept):
        size = rng.randint(1, 3)
        blocks.append(list(kept[i : i + size]))
        i += size
    units: list[list[tuple[str, int | None]]] = [
        [(a.ar[j], j) for j in b if j is not None] for b in blocks
    ]
    units += [[(docs[d].ar[line], None)] for d, line in distract]
    rng.shuffle(units)
    ar_items = [item for u in units for item in u]
    gold = frozenset(
        (en_pos[src], p) for p, (_, src) in enumerate(ar_items) if src is not None
    )
    return Case(tuple(t for t, _ in en_items), tuple(t for t, _ in ar_items), gold)


def _doc(lines: Iterable[str], lang: str) -> Document:
    return Document("\n".join(lines) + "\n", lang, presplit=True)


def mine_case(case: Case, config: MineConfig) -> list[MinedPair]:
    en, ar = _doc(case.en, "en"), _doc(case.ar, "ar")
    m = mine_sentences(en, ar, split_document(en), split_document(ar), config,
                       load_lexicon())
    assert len(m.en_sents) == len(case.en) and len(m.ar_sents) == len(case.ar)
    return list(m.pairs)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, pairs: Iterable[MinedPair], gold: frozenset[tuple[int, int]]) -> None:
        links = {(i, j) for p in pairs for i in p.en for j in p.ar}
        self.tp += len(links & gold)
        self.pred += len(links)
        self.gold += len(gold)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(docs: Sequence[Doc], seeds: Sequence[int], variant: str, config: MineConfig,
        thresholds: Sequence[float], distractors: float = 1.5) -> dict[float, Counts]:
    """Counts at each threshold (mined once at the lowest)."""
    low = min(thresholds)
    base = MineConfig(**{**_fields(config), "min_score": low})
    out = {t: Counts() for t in thresholds}
    for seed in seeds:
        for di in range(len(docs)):
            rng = random.Random(f"{seed}:{variant}:{docs[di].set}:{docs[di].name}")
            case = make_case(docs, di, variant, rng, distractors)
            pairs = mine_case(case, base)
            for t, c in out.items():
                c.add([p for p in pairs if p.score >= t], case.gold)
    return out


def _fields(config: MineConfig) -> dict[str, object]:
    return {f: getattr(config, f) for f in config.__slots__}  # type: ignore[attr-defined]


def _line(label: str, c: Counts) -> str:
    p, r, f = c.prf()
    return f"  {label:<28} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({c.tp}/{c.pred} mined, " \
           f"{c.gold} gold)"


def report(docs: Sequence[Doc], config: MineConfig, tune: Sequence[int],
           held: Sequence[int], sweep: bool, distractors: float = 1.5) -> None:
    thresholds = sorted({config.min_score, *(THRESHOLDS if sweep else ())})
    for variant in ("easy", "hard"):
        for label, seeds in (("tuning seeds", tune), ("held-out seeds", held)):
            if not seeds:
                continue
            counts = run(docs, seeds, variant, config, thresholds, distractors)
            print(f"{variant}, {label} {','.join(map(str, seeds))}:")
            for t in thresholds:
                mark = " (default)" if t == config.min_score else ""
                print(_line(f"min-score {t:g}{mark}", counts[t]))


def _tico_pairs(bench: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(bench / "sources" / "tico19" / "all.en-ar.tmx.zip") as z:
        data = z.read(z.namelist()[0]).decode("utf-8")
    segs = re.findall(r'<tuv xml:lang="(en|ar)">\s*<seg>(.*?)</seg>', data, re.S)
    out: list[tuple[str, str]] = []
    for k in range(0, len(segs) - 1, 2):
        (l1, t1), (l2, t2) = segs[k], segs[k + 1]
        if (l1, l2) == ("en", "ar"):
            out.append((unescape(t1).replace("\n", " "), unescape(t2).replace("\n", " ")))
    return out


def speed(bench: Path, n: int = 5000) -> None:
    src = bench / "sources" / "ntrex"
    en = src.joinpath("newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ar = src.joinpath("newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    pairs = [*zip(en, ar, strict=True), *_tico_pairs(bench)]
    pairs = [(e, a) for e, a in pairs if e.strip() and a.strip()][:n]
    order = list(range(len(pairs)))
    random.Random(0).shuffle(order)
    case = Case(tuple(e for e, _ in pairs), tuple(pairs[i][1] for i in order),
                frozenset((i, p) for p, i in enumerate(order)))
    load_lexicon()
    t0, c0 = time.perf_counter(), time.process_time()
    mined = mine_case(case, MineConfig())
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    c = Counts()
    c.add(mined, case.gold)
    p, r, f = c.prf()
    print(f"speed: {len(case.en):,} x {len(case.ar):,} sentences in {dt:.1f} s "
          f"({cpu:.1f} s CPU, cold caches); {len(mined):,} pairs, P {p:.3f} R {r:.3f} "
          f"F1 {f:.3f} against the source's own pairs")


def _candidate_rows(case: Case, config: MineConfig) -> tuple[list[list[float]], list[float]]:
    """Features and gold labels of the 1-1 candidates the index proposes for one case."""
    lex = load_lexicon()
    en, ar = _doc(case.en, "en"), _doc(case.ar, "ar")
    es, as_ = split_document(en), split_document(ar)
    ids: dict[str, int] = {}
    pe = postings([units_en(s.text) for s in es], ids)
    pa = postings([units_ar(s.text, lex) for s in as_], ids)
    ei, ai, _ = candidates(pe, pa, len(ids), top_k=config.top_k, max_df=config.max_df,
                           max_df_share=config.max_df_share)
    scorer = Scorer(es, as_, lex, LEN_MU, {})
    xs: list[list[float]] = []
    ys: list[float] = []
    for e, a in zip(ei.tolist(), ai.tolist(), strict=True):
        c = scorer.score((e,), (a,))
        if c.fidelity > 0.0:
            xs.append(mine_features(c.fidelity, c.evidence))
            ys.append(float((e, a) in case.gold))
    return xs, ys


def fit(docs: Sequence[Doc], seeds: Sequence[int], l2: float = 1.0) -> None:
    """Fit ``MINE_COEF`` (IRLS, L2) on the candidates of the tuning seeds, both variants."""
    xs: list[list[float]] = []
    ys: list[float] = []
    config = MineConfig()
    for seed in seeds:
        for variant in ("easy", "hard"):
            for di in range(len(docs)):
                rng = random.Random(f"{seed}:{variant}:{docs[di].set}:{docs[di].name}")
                x, y = _candidate_rows(make_case(docs, di, variant, rng), config)
                xs += x
                ys += y
    X, y_ = np.asarray(xs), np.asarray(ys)
    w = np.zeros(X.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-X @ w))
        hess = X.T @ (X * (p * (1 - p))[:, None]) + l2 * np.eye(w.size)
        step = np.linalg.solve(hess, X.T @ (y_ - p) - l2 * w)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    print(f"fit on {len(ys):,} candidates ({int(y_.sum()):,} gold) of seeds "
          f"{','.join(map(str, seeds))}:")
    print("MINE_FEATURES =", MINE_FEATURES)
    print("MINE_COEF = (" + ", ".join(f"{v:.4f}" for v in w) + ")")


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=Path("../shared/bench"))
    ap.add_argument("--min-score", type=float, default=MineConfig().min_score)
    ap.add_argument("--margin", type=float, default=MineConfig().margin)
    ap.add_argument("--tune-seeds", default="1,2,3",
                    help="seeds the default --min-score was chosen on")
    ap.add_argument("--seeds", default="4,5,6,7,8", help="held-out seeds")
    ap.add_argument("--sweep", action="store_true", help="also print other thresholds")
    ap.add_argument("--speed", action="store_true", help="time 5,000 x 5,000 sentences")
    ap.add_argument("--no-quality", action="store_true", help="skip the P/R/F1 figures")
    ap.add_argument("--distractors", type=float, default=1.5,
                    help="Arabic lines of other articles per kept translation (default 1.5)")
    ap.add_argument("--fit", action="store_true",
                    help="print MINE_COEF refit on the tuning seeds' candidates")
    args = ap.parse_args(argv)
    if args.fit:
        fit(load_docs(args.bench), _ints(args.tune_seeds))
        return 0
    if args.speed:
        speed(args.bench)
    if not args.no_quality:
        docs = load_docs(args.bench)
        config = MineConfig(min_score=args.min_score, margin=args.margin)
        report(docs, config, _ints(args.tune_seeds), _ints(args.seeds), args.sweep,
               args.distractors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
