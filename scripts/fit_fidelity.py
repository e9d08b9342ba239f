"""Fit the fidelity score's logistic-regression coefficients (``align/fidelity.py: COEF``).

Usage: ``uv run python scripts/fit_fidelity.py --bench ../shared/bench [--seed 1]``

Data: the true two-sided gold beads of ``ntrex_clean`` and ``tico_clean`` (label 1) and one
corruption of each kind per bead where it applies (label 0; ``benchmarks/corruptions.py``).
Each corruption kind is weighted to a fifth of the true beads' total weight, so the classes
weigh the same and no kind dominates by sheer number. Untranslated copies are left out: a
rule scores them 0 (``fidelity.bead_score``). The fit is Newton's method (IRLS) with
an L2 penalty of 1.0 on every coefficient but the intercept, in plain numpy.

Prints the length statistics behind ``evidence.LEN_MU``/``LEN_SIGMA`` and
``ACRONYM_CHARS``, the coefficients as
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

from corruptions import KINDS, auc, examples, load_set

from tawazi.align.evidence.features import UnitCache
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.quality.bead_evidence import (
    LEN_SMOOTH,
    LEN_VAR_L0,
    acronym_letters,
    bead_evidence,
)
from tawazi.align.quality.fidelity import FEATURES, features
from tawazi.align.text.normalize import non_space_length

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

    lens = [(non_space_length(e), non_space_length(a), d.mu) for d in docs for e, a in d.pairs]
    logs = np.array([math.log((a + LEN_SMOOTH) / (e + LEN_SMOOTH)) for e, a, _ in lens])
    resid = logs - np.array([mu for _, _, mu in lens])
    longer = np.array([max(e, a * math.exp(-mu)) for e, a, mu in lens])
    # Robust spread (1.4826 MAD) in ten length bins, then least squares on the bins: a few
    # free translations would otherwise dominate a fit on squared residuals.
    edges = np.quantile(longer, np.linspace(0, 1, 11))
    bins = np.clip(np.searchsorted(edges, longer, "right") - 1, 0, 9)
    mid = np.array([np.median(longer[bins == b]) for b in range(10)])
    var = np.array([(1.4826 * np.median(np.abs(resid[bins == b]
                                                  - np.median(resid[bins == b])))) ** 2
                    for b in range(10)])
    design = np.stack([np.ones(10), 1.0 / (mid + LEN_VAR_L0)], axis=1)
    var_a, var_b = np.linalg.lstsq(design, var, rcond=None)[0]
    print(f"length: mean log ratio {logs.mean():.3f} over {len(lens)} true beads; spread "
          f"around document means sigma**2 = {var_a:.4f} + {var_b:.2f} / (L + {LEN_VAR_L0:g})")

    # ACRONYM_CHARS: the English characters per letter of an unmatched acronym that give the
    # beads with such acronyms the median length residual of the others (bisection).
    cache = UnitCache(lex)
    acr = []
    for d in docs:
        for e, a in d.pairs:
            ua = cache.units_ar(a)
            keys_ar: set[str] = set().union(*[u.keys for u in ua])
            acr.append(acronym_letters(cache.units_en(e), keys_ar))
    letters = np.array(acr)
    le = np.array([e for e, _, _ in lens], dtype=float)
    la = np.array([a for _, a, _ in lens], dtype=float)
    mus = np.array([mu for _, _, mu in lens])
    target = float(np.median(resid[letters == 0]))
    lo, hi = 0.0, 20.0
    for _ in range(40):
        k = (lo + hi) / 2
        r = np.log((la + LEN_SMOOTH) / (le + k * letters + LEN_SMOOTH)) - mus
        lo, hi = (k, hi) if np.median(r[letters > 0]) > target else (lo, k)
    print(f"acronyms: {(letters > 0).sum()} beads with unmatched acronyms; ACRONYM_CHARS = "
          f"{(lo + hi) / 2:.2f} gives them the others' median residual {target:+.3f}")

    data = examples(docs, args.seed, lex)
    x = np.array([features(bead_evidence(e.en, e.ar, lex, e.mu, parts=e.parts)) for e in data])
    kinds = np.array([e.kind for e in data])
    y = (kinds == "true").astype(float)
    n_true = float(y.sum())
    w = np.ones(len(data))
    fitted = [k for k in KINDS if k != "untranslated"]
    w[kinds == "untranslated"] = 0.0
    for k in fitted:
        sel = kinds == k
        if sel.any():
            w[sel] = n_true / (len(fitted) * sel.sum())
    beta = fit_logistic(x, y, w, args.l2)
    print("counts: " + ", ".join(f"{k} {int((kinds == k).sum())}" for k in ("true", *KINDS)))
    print("COEF = (")
    for name, b in zip(FEATURES, beta, strict=True):
        print(f"    {b:.4f},  # {name}")
    print(")")
    score = 1.0 / (1.0 + np.exp(-(x @ beta)))
    pos = score[kinds == "true"]
    for k in fitted:
        print(f"in-sample AUC true vs {k}: {auc(pos, score[kinds == k]):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
