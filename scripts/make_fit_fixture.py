"""Build the small fitting fixture that lets CI check the fitted tables without ``../shared``.

Usage: ``uv run python scripts/make_fit_fixture.py --bench ../shared/bench``

The shipped tables (``quality/fidelity.py: COEF``, ``search/boundary_cues.py: WEIGHTS``) are
fitted on the whole bench, which is not in the repository. A change to the features, the
lexicon or the cost model moves them, and must come with refitted tables. To catch that on a
clean clone, this script lays out a few TICO-19 documents (CC0, so they may ship) in the shapes
the two fitting scripts read (``tico_clean/`` with gold files; ``sources/ntrex/`` with
documents of fewer than 20 lines), runs both scripts on that fixture and records what they print
in ``tests/data/fit_fixture/expected.json`` together with the sha256 of the shipped tables.
``tests/test_fitted_weights.py`` refits on the fixture and compares: if the code moved the
weights, the fixture's weights move too; if the shipped tables were refitted, their hash no
longer matches. Either way the fix is to refit on the bench, then run this script again.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "fit_fixture"
#: TICO-19 documents of the bench's clean set used for the fidelity fit, and for the cue fit
#: (cut into documents of at most 15 lines, as the cue script takes NTREX's short documents).
FIDELITY_DOCS = ("PubMed_10", "Wikinews_4", "Wikipedia_handpicked_1", "Wikisource_1", "wiki_11",
                 "wiki_20")
CUE_DOCS = ("PubMed_11", "PubMed_6", "Wikipedia_handpicked_3", "Wikivoyage_1", "wiki_13",
            "wiki_4")


def build(bench: Path, out: Path) -> None:
    """Copy the fixture's documents out of the bench, in the fitting scripts' layouts."""
    if out.exists():
        shutil.rmtree(out)
    (out / "tico_clean").mkdir(parents=True)
    (out / "ntrex_clean").mkdir()
    for doc in FIDELITY_DOCS:
        for ext in (".en", ".ar", ".gold"):
            name = f"{doc}{ext}"
            shutil.copyfile(bench / "tico_clean" / name, out / "tico_clean" / name)
    en_lines: list[str] = []
    ar_lines: list[str] = []
    ids: list[str] = []
    for doc in CUE_DOCS:
        en = (bench / "tico_clean" / f"{doc}.en").read_text(encoding="utf-8").splitlines()
        ar = (bench / "tico_clean" / f"{doc}.ar").read_text(encoding="utf-8").splitlines()
        gold = (bench / "tico_clean" / f"{doc}.gold").read_text(encoding="utf-8").splitlines()
        # Only the 1-1 gold beads: the cue script reads line i of English against line i of
        # Arabic.
        pairs = [(en[int(g[1:g.index("]")])], ar[int(g[g.rindex("[") + 1:-1])])
                 for g in gold if g.count(",") == 0 and "[]" not in g]
        for k in range(0, len(pairs), 15):
            for e, a in pairs[k:k + 15]:
                en_lines.append(e)
                ar_lines.append(a)
                ids.append(f"{doc}_{k // 15}")
    src = out / "sources" / "ntrex"
    src.mkdir(parents=True)
    (src / "newstest2019-src.eng.txt").write_text("\n".join(en_lines) + "\n", encoding="utf-8")
    (src / "newstest2019-ref.arb.txt").write_text("\n".join(ar_lines) + "\n", encoding="utf-8")
    (src / "DOCUMENT_IDS.tsv").write_text("\n".join(ids) + "\n", encoding="utf-8")
    (out / "README.md").write_text(
        "Fitting fixture: TICO-19 documents (CC0 1.0, Anastasopoulos et al. 2020) copied from\n"
        "the bench's `tico_clean` set by `scripts/make_fit_fixture.py`, laid out as the fitting\n"
        "scripts read them (`sources/ntrex/` holds TICO-19 lines in NTREX's file layout).\n"
        "`expected.json` is what the scripts print on it. Do not edit by hand.\n",
        encoding="utf-8")


def fitted(script: str, bench: Path) -> str:
    """What a fitting script prints on ``bench``."""
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--bench", str(bench)],
                         capture_output=True, text=True, check=True)
    return res.stdout


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_fitted_weights import SCRIPTS, printed_tuple, shipped_hash

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True, help="path of shared/bench")
    args = ap.parse_args()
    build(args.bench, OUT)
    expected = {}
    for script, name, shipped, _ in SCRIPTS:
        expected[name] = {"script": script, "fixture_fit": printed_tuple(fitted(script, OUT), name),
                          "shipped_sha256": shipped_hash(shipped)}
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(expected, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
