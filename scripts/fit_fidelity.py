"""Fit the fidelity score's logistic-regression coefficients (``align/fidelity.py: COEF``).

Usage: ``uv run python scripts/fit_fidelity.py --bench ../shared/bench [--seed 1]``

Data: the true two-sided gold beads of ``ntrex_clean`` and ``tico_clean`` (label 1) and one
corruption of each kind per bead where it applies (label 0; ``benchmarks/corruptions.py``).
Each corruption kind is weighted to a fifth of the true beads' total weight, so the classes
weigh the same and no kind dominates by sheer number. The fit is Newton's method (IRLS) with
an L2 penalty of 1.0 on every coefficient but the intercept, in plain numpy.

Prints the length statistics behind ``evidence.LEN_MU``/``LEN_SIGMA``, the coefficients as
a Python tuple to paste into ``fidelity.py``, and the in-sample ROC AUC per corruption kind
(held-out figures come from ``benchmarks/fidelity.py``).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from corruptions import KINDS, auc, examples, load_set  # noqa: E402

from align.evidence import LEN_SMOOTH, bead_evidence  # noqa: E402
from align.fidelity import FEATURES, features  # noqa: E402
from align.lexicon import load_lexicon  # noqa: E402

FloatArray = NDArray[np.float64]


def fit_logistic(x: FloatArray, y: FloatArray, w: FloatArray, l2: float = 1.0,
                 iters: int = 50) -> FloatArray:
    """Weighted, L2-penalised logistic regression by Newton's method (column 0 = intercept,
    not penalised)."""
    beta = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        grad = x.T @ (w * (y - p)) - pen * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    lex = load_lexicon()
    docs = load_set(args.bench, "ntrex_clean") + load_set(args.bench, "tico_clean")

    logs = [math.log((len("".join(a.split())) + LEN_SMOOTH) / (len("".join(e.split())) + LEN_SMOOTH))
            for d in docs for e, a in d.pairs]
    resid = [math.log((len("".join(a.split())) + LEN_SMOOTH) / (len("".join(e.split())) + LEN_SMOOTH))
             - d.mu for d in docs for e, a in d.pairs]
    print(f"length: mean log ratio {np.mean(logs):.3f}, spread around document means "
          f"{np.std(resid):.3f} ({len(logs)} true beads)")

    data = examples(docs, args.seed, lex)
    x = np.array([features(bead_evidence(e.en, e.ar, lex, e.mu)) for e in data])
    kinds = np.array([e.kind for e in data])
    y = (kinds == "true").astype(float)
    n_true = float(y.sum())
    w = np.ones(len(data))
    for k in KINDS:
        sel = kinds == k
        if sel.any():
            w[sel] = n_true / (len(KINDS) * sel.sum())
    beta = fit_logistic(x, y, w, args.l2)
    print("counts: " + ", ".join(f"{k} {int((kinds == k).sum())}" for k in ("true", *KINDS)))
    print("COEF = (")
    for name, b in zip(FEATURES, beta, strict=True):
        print(f"    {b:.4f},  # {name}")
    print(")")
    score = 1.0 / (1.0 + np.exp(-(x @ beta)))
    pos = score[kinds == "true"]
    for k in KINDS:
        print(f"in-sample AUC true vs {k}: {auc(pos, score[kinds == k]):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
