"""Lexical coverage of dialect Arabic: the hand-written probe of ``tests/data/dialect_probe.tsv``.

Usage: ``uv run python benchmarks/dialect_probe.py [--probe FILE] [--show]``

Egyptian, Levantine and Gulf sentences with their English translations (written for tawazi,
not from a corpus). Each dialect's pairs are scored as one document (``score_pairs``, the
scorer of ``tawazi score --pairs``). Printed per dialect: the mean matched share of the
content words on each side (``Side.coverage``'s raw share, without its shrinkage), how many
pairs are flagged ``low-lexical-coverage``, how many score below 0.5, and the mean score.
``--show`` lists every pair with its Arabic words that found no counterpart.

The probe was written alongside the dialect entries of the lexicon
(``corpora/lexicon/dialect.tsv``), so it shows that those entries and the normalisation
work, not how well they generalise: that needs real dialect text (none ships on PyPI with
English translations, as far as the package lists show).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.quality.bead_evidence import bead_evidence, document_mu
from tawazi.align.quality.fidelity import bead_score, flags_of
from tawazi.align.text.normalize import non_space_length

PROBE = Path(__file__).resolve().parent.parent / "tests" / "data" / "dialect_probe.tsv"


def read_probe(path: Path) -> dict[str, list[tuple[str, str]]]:
    """The probe's pairs by dialect, in file order."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        dialect, en, ar = line.split("\t")
        out[dialect].append((en, ar))
    return dict(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--probe", type=Path, default=PROBE)
    ap.add_argument("--show", action="store_true", help="list every pair")
    args = ap.parse_args(argv)
    lex = load_lexicon()
    print(f"lexicon {lex.sha} ({len(lex)} keys)")
    print(f"{'dialect':10} {'pairs':>5} {'en cov':>7} {'ar cov':>7} {'low-cov':>8} "
          f"{'<0.5':>5} {'mean':>5}")
    for dialect, pairs in read_probe(args.probe).items():
        mu = document_mu([(non_space_length(e), non_space_length(a)) for e, a in pairs])
        cov_en = cov_ar = 0.0
        low = below = 0
        total = 0.0
        for en, ar in pairs:
            ev = bead_evidence(en, ar, lex, mu)
            score = bead_score(ev)
            codes = [f.code for f in flags_of(ev, en, ar)]
            cov_en += ev.en.matched / ev.en.words if ev.en.words else 1.0
            cov_ar += ev.ar.matched / ev.ar.words if ev.ar.words else 1.0
            low += "low-lexical-coverage" in codes
            below += score < 0.5
            total += score
            if args.show:
                print(f"  {score:4.2f} {ev.en.matched:.0f}/{ev.en.words:.0f} "
                      f"{ev.ar.matched:.0f}/{ev.ar.words:.0f} {','.join(codes) or '-'} | {en} | "
                      f"{ar} | unknown: {' '.join(ev.ar.unknown) or '-'}")
        n = len(pairs)
        print(f"{dialect:10} {n:5} {cov_en / n:7.1%} {cov_ar / n:7.1%} {low:8} {below:5} "
              f"{total / n:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
