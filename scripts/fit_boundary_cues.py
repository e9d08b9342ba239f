"""Fit the cue weights that place a cut inside an unpunctuated Arabic sentence
(``align/boundary_cues.py: WEIGHTS``).

Usage: ``uv run python scripts/fit_boundary_cues.py --bench ../shared/bench``

Data: the NTREX-128 documents that the bench does NOT use (the 79 of 4-19 lines; the bench
takes the 44 of 20 or more), from ``<bench>/sources/ntrex``. In every document, each pair of
consecutive lines whose first Arabic line ends with a full stop (and holds no other sentence
end) becomes a training case: the Arabic stop is removed and the two Arabic lines are joined
with a space, as a translator who forgot the stop would have written them; the two English
lines are the two sentences of the bead. The candidate cuts and their alignment gains come
from ``refine.split_candidates``, exactly as at run time; the label is where the stop was.

Model: a conditional logit (softmax over the candidate cuts of a case) on the gain and the
cues, fitted by Newton's method with an L2 penalty of 1.0 on the cue weights. The printed
weights are divided by the gain's weight, so that at run time ``gain + cue_score`` ranks the
cuts. Prints how often the top-ranked cut is the right one with the gain alone and with cues,
in sample and held out (five folds by document).
"""

from __future__ import annotations

import argparse
import math
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from tawazi.align.config import AlignConfig
from tawazi.align.evidence.features import units_ar, units_en
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.search.boundary_cues import CUES, gap_cues
from tawazi.align.search.refine import split_candidates

FloatArray = NDArray[np.float64]
_STOP_AT_END = re.compile(r"[.!\u061f]([\"'\u201d\u2019\u00bb)]*)$")
_INNER_STOP = re.compile(r"[.!?\u061f\u2026][\"'\u201d\u2019\u00bb)]*\s")
Case = tuple[FloatArray, int]


def _solid(text: str) -> int:
    return len("".join(text.split()))


def load_heldout(ntrex: Path) -> list[tuple[list[str], list[str]]]:
    """English and Arabic lines of each NTREX document with fewer than 20 lines."""
    en = (ntrex / "newstest2019-src.eng.txt").read_text(encoding="utf-8").split("\n")
    ar = (ntrex / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").split("\n")
    ids = (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    docs: dict[str, list[int]] = {}
    for i, doc in enumerate(ids):
        if doc.strip() and i < len(en) and i < len(ar):
            docs.setdefault(doc.strip(), []).append(i)
    return [([en[i] for i in rows], [ar[i] for i in rows])
            for rows in docs.values() if len(rows) < 20]


def make_cases(en_lines: Sequence[str], ar_lines: Sequence[str]) -> list[Case]:
    """Training cases of one document: (feature matrix over candidate cuts, label row)."""
    lexicon = load_lexicon()
    config = AlignConfig()
    len_en = sum(len("".join(t.split())) for t in en_lines)
    len_ar = sum(len("".join(t.split())) for t in ar_lines)
    mu = math.log((len_ar + 1.0) / (len_en + 1.0))
    cases: list[Case] = []
    for i in range(len(ar_lines) - 1):
        first, second = ar_lines[i].strip(), ar_lines[i + 1].strip()
        m = _STOP_AT_END.search(first)
        if not m or not second or _INNER_STOP.search(first) or _INNER_STOP.search(second):
            continue
        left = first[: m.start()] + m.group(1)
        text = left + " " + second
        cut = len(left) + 1
        en_texts = [en_lines[i].strip(), en_lines[i + 1].strip()]
        en_units = [units_en(t) for t in en_texts]
        cands = split_candidates(en_units, en_texts, text, units_ar(text, lexicon), mu, config.cost,
                                 config.refine.q)
        label = [k for k, (_, c, _) in enumerate(cands) if c == cut]
        if len(cands) < 2 or not label:
            continue
        en_share = _solid(en_texts[0]) / max(1, _solid(" ".join(en_texts)))
        rows = [(gain, *gap_cues(text, c, en_share)) for _, c, gain in cands]
        cases.append((np.array(rows, dtype=np.float64), label[0]))
    return cases


def fit(cases: Sequence[Case], l2: float = 1.0, steps: int = 50) -> FloatArray:
    """Newton's method for the conditional logit; no penalty on the gain's weight."""
    dim = cases[0][0].shape[1]
    w = np.zeros(dim)
    w[0] = 1.0
    pen = np.full(dim, l2)
    pen[0] = 0.0
    for _ in range(steps):
        grad = -pen * w
        hess = -np.diag(pen)
        for x, y in cases:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            mean = p @ x
            grad += x[y] - mean
            hess -= (x * p[:, None]).T @ x - np.outer(mean, mean)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w


def top1(cases: Sequence[Case], w: FloatArray) -> float:
    """Share of cases whose best-ranked cut is the labelled one."""
    return sum(int(np.argmax(x @ w) == y) for x, y in cases) / max(1, len(cases))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True, help="path of shared/bench")
    args = ap.parse_args()
    docs = load_heldout(args.bench / "sources" / "ntrex")
    per_doc = [make_cases(en, ar) for en, ar in docs]
    cases = [c for d in per_doc for c in d]
    print(f"{len(docs)} documents, {len(cases)} cases, "
          f"{sum(x.shape[0] for x, _ in cases) / len(cases):.1f} candidate cuts per case")
    gain_only = np.zeros(len(CUES) + 1)
    gain_only[0] = 1.0
    cv_gain, cv_cues = [], []
    for fold in range(5):  # five folds by document
        train = [c for k, d in enumerate(per_doc) if k % 5 != fold for c in d]
        test = [c for k, d in enumerate(per_doc) if k % 5 == fold for c in d]
        cv_gain.append(top1(test, gain_only))
        cv_cues.append(top1(test, fit(train)))
    print(f"top-1 held out (5 folds by document): gain only {np.mean(cv_gain):.3f}, "
          f"gain + cues {np.mean(cv_cues):.3f}")
    w = fit(cases)
    print(f"top-1 in sample: gain only {top1(cases, gain_only):.3f}, "
          f"gain + cues {top1(cases, w):.3f}; gain weight {w[0]:.3f}")
    scaled = w[1:] / w[0]
    for name, value in zip(CUES, scaled, strict=True):
        print(f"  {name:22} {value:+.2f}")
    body = textwrap.fill(", ".join(f"{v:.2f}" for v in scaled), width=90,
                         initial_indent="    ", subsequent_indent="    ")
    print(f"WEIGHTS: tuple[float, ...] = (\n{body},\n)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
