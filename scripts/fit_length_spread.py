"""Fit how the spread of the log length ratio shrinks with a bead's length
(``CostParams.len_floor``, used by ``align/search/costs.py: length_spread``).

Usage: ``uv run python scripts/fit_length_spread.py --bench ../shared/bench``

Data: the NTREX-128 documents that the bench does NOT use (the 79 of 4-19 lines, from
``<bench>/sources/ntrex``, as ``fit_boundary_cues.py`` reads them). Each document's lines are
one-to-one translations; runs of 1 to 8 consecutive lines (not overlapping, for each run
length) are beads of every size a long Arabic sentence makes, with real translators' lengths.
For each run, ``x`` is the log ratio of the two sides' non-space lengths (smoothed as at run
time) less the ratio of totals of the document's other lines (the run itself left out), and
``size`` the mean of the two lengths plus the smoothing.

Model: ``x`` normal with variance ``a + b / size`` (a per-character noise that averages out,
as in Gale and Church, plus a part that does not: style, the document's own ratio), fitted by
maximum likelihood on a grid after dropping runs with ``|x| > 0.6`` (misaligned lines of the
source). At run time the spread is ``len_sigma * sqrt(f + (1 - f) * len_ref / size)``, so the
script prints ``f = a / (a + b / len_ref)``; ``len_sigma`` itself stays as the search tuned
it (wider than the fitted spread at ``len_ref``: it also absorbs bad pairs), only the shape is
taken from here. Also prints the spread measured per size bucket beside the model's.
"""

from __future__ import annotations

import argparse
import itertools
import math
from pathlib import Path

import numpy as np
from fit_boundary_cues import load_heldout

from tawazi.align.config import AlignConfig


def runs(en: list[str], ar: list[str], smooth: float, longest: int
         ) -> tuple[list[float], list[float]]:
    """``(x, size)`` of every run of 1..``longest`` consecutive line pairs of one document."""
    le = np.array([len("".join(t.split())) for t in en], dtype=float)
    la = np.array([len("".join(t.split())) for t in ar], dtype=float)
    keep = (le > 0) & (la > 0)
    le, la = le[keep], la[keep]
    if len(le) == 0:
        return [], []
    xs: list[float] = []
    sizes: list[float] = []
    for k in range(1, longest + 1):
        for s in range(0, len(le) - k + 1, k):
            e, a = float(le[s:s + k].sum()), float(la[s:s + k].sum())
            # The document's ratio from its other lines: a run that is most of a short
            # document would otherwise be measured against itself.
            rest_e, rest_a = float(le.sum()) - e, float(la.sum()) - a
            if rest_e < 200:
                continue
            mu = math.log((rest_a + 1.0) / (rest_e + 1.0))
            xs.append(math.log((a + smooth) / (e + smooth)) - mu)
            sizes.append(0.5 * (e + a) + smooth)
    return xs, sizes


def fit(x: np.ndarray, size: np.ndarray) -> tuple[float, float]:
    """Maximum-likelihood ``(a, b)`` of ``var = a + b / size`` on a grid."""
    best = (-math.inf, 0.0, 0.0)
    for a in np.linspace(0.0002, 0.03, 140):
        for b in np.linspace(0.02, 5.0, 250):
            v = a + b / size
            ll = float(-0.5 * np.sum(np.log(v) + x * x / v))
            if ll > best[0]:
                best = (ll, float(a), float(b))
    return best[1], best[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, required=True)
    ap.add_argument("--longest", type=int, default=8, help="longest run of lines (bead size)")
    args = ap.parse_args()
    params = AlignConfig().cost
    xs: list[float] = []
    sizes: list[float] = []
    docs = load_heldout(args.bench / "sources" / "ntrex")
    for en, ar in docs:
        dx, ds = runs(en, ar, params.len_smooth, args.longest)
        xs += dx
        sizes += ds
    x, size = np.array(xs), np.array(sizes)
    keep = np.abs(x) <= 0.6
    x, size = x[keep], size[keep]
    a, b = fit(x, size)
    ref = params.len_ref
    f = a / (a + b / ref)
    print(f"{len(docs)} documents, {len(x)} runs (dropped {int((~keep).sum())} with |x| > 0.6)")
    spread = math.sqrt(a + b / ref)
    print(f"var = {a:.4f} + {b:.3f} / size; spread at len_ref {ref:g}: {spread:.3f}")
    print(f"len_floor = {f:.2f}   (configured: {params.len_floor:g})")
    print("size bucket   runs  measured  model")
    edges = [0, 40, 70, 100, 150, 220, 320, 480, 10**9]
    for lo, hi in itertools.pairwise(edges):
        sel = (size >= lo) & (size < hi)
        if sel.sum() >= 10:
            model = math.sqrt(a + b / float(np.median(size[sel])))
            top = hi if hi < 10**9 else ""
            print(f"{lo:5d}-{top:<6} {int(sel.sum()):6d}  {x[sel].std():.3f}     {model:.3f}")


if __name__ == "__main__":
    main()
