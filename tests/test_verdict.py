"""The document verdict (``quality/verdict.py``): rules on hand-made alignments, the seed pairs
it was built for, its thresholds in the signature, and where the outputs carry it."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tawazi.align.batch.report import bead_table
from tawazi.align.config import AlignConfig
from tawazi.align.errors import OptionError
from tawazi.align.formats import WriteOptions
from tawazi.align.formats.jsonl import render_jsonl
from tawazi.align.formats.tmx import render_tmx
from tawazi.align.pipeline import align_pair
from tawazi.align.quality import verdict as V
from tawazi.align.quality.verdict import VerdictParams, document_verdict
from tawazi.align.signature import alignment_signature, parse_signature
from tawazi.align.text.readers import read_bilingual, read_pair
from tawazi.align.types import Alignment, Bead, Document, Flag, Sentence

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

LOW = (Flag("low-lexical-coverage", "few words matched"),)
NUM = (Flag("number-mismatch", "151 has no counterpart"),)
EN_WORDS = "The minister spoke about the long dispute in the north today"
AR_WORDS = "تحدث الوزير عن الخلاف الطويل في الشمال اليوم"


def made(rows: list[tuple[int, int, float, tuple[Flag, ...]]]) -> Alignment:
    """An alignment of beads ``(n_en, n_ar, score, flags)``, every sentence the same text."""
    en_sents: list[Sentence] = []
    ar_sents: list[Sentence] = []
    beads: list[Bead] = []
    for n_en, n_ar, score, flags in rows:
        en = tuple(range(len(en_sents), len(en_sents) + n_en))
        ar = tuple(range(len(ar_sents), len(ar_sents) + n_ar))
        en_sents += [Sentence(0, 0, EN_WORDS) for _ in en]
        ar_sents += [Sentence(0, 0, AR_WORDS) for _ in ar]
        beads.append(Bead(en, ar, score=score if en and ar else 0.0, flags=flags))
    return Alignment(Document("x", "en"), Document("y", "ar"), tuple(en_sents),
                     tuple(ar_sents), tuple(beads))


GOOD = (1, 1, 0.95, ())
BAD = (1, 1, 0.2, LOW)
CHANCE = (1, 1, 0.8, LOW)  # a garbage bead that scores well by chance: still low coverage

# (beads, expected verdict): what each rule pins.
TABLE = [
    ([GOOD] * 10, "parallel"),
    ([GOOD] * 9 + [BAD], "parallel"),  # one bad bead in ten: low coverage 10% < 15%
    ([GOOD] * 9 + [(1, 0, 0.0, ())], "parallel"),  # a tenth of the English unpaired
    ([GOOD] * 6 + [(1, 0, 0.0, ())] * 4, "partly parallel"),  # 40% of the English extra
    ([GOOD] * 6 + [(0, 1, 0.0, ())] * 4, "partly parallel"),  # the same on the Arabic side
    ([GOOD] * 4 + [BAD] * 4 + [CHANCE] * 2, "parallel"),  # 60% low, but 60% confident is enough
    ([GOOD] * 3 + [BAD] * 4 + [CHANCE] * 2 + [(1, 1, 0.2, ())], "comparable"),  # 50% confident
    ([GOOD] * 3 + [BAD] * 5 + [CHANCE] * 2, "comparable"),  # 50% confident, 70% low coverage
    ([BAD] * 8 + [CHANCE] * 2, "unrelated"),  # 20% confident by chance only
    # 20% confident, but only 40% low coverage (and numbers disagree): same topic
    ([GOOD] * 2 + [BAD] * 4 + [(1, 1, 0.2, NUM)] * 4, "comparable"),
    ([GOOD] * 7 + [BAD] * 3, "parallel"),  # 30% low but 70% confident: both must fail
    # 30% low and 50% confident, but numbers and dates agree: the lexicon failing on a genre
    ([GOOD] * 5 + [BAD] * 3 + [(1, 1, 0.3, ())] * 2, "parallel"),
    # ... and the same where they disagree in 30% of the text
    ([GOOD] * 5 + [(1, 1, 0.2, LOW + NUM)] * 3 + [(1, 1, 0.3, ())] * 2, "comparable"),
    # 30% confident, no low coverage, numbers and dates disagree in 40%: a report of the same
    # event, worded otherwise (the lexicon meets its topic words), still comparable ...
    ([GOOD] * 3 + [(1, 1, 0.3, NUM)] * 4 + [(1, 1, 0.3, ())] * 3, "comparable"),
    # ... but not with half of it confident, nor with the numbers agreeing
    ([GOOD] * 5 + [(1, 1, 0.3, NUM)] * 4 + [(1, 1, 0.3, ())], "parallel"),
    ([GOOD] * 3 + [(1, 1, 0.3, ())] * 7, "parallel"),
    ([GOOD] * 7 + [(1, 0, 0.0, ())] * 3, "parallel"),  # 30% of the English unpaired: < a third
    ([(1, 0, 0.0, ()), (0, 1, 0.0, ())], "unrelated"),  # nothing paired at all
]


@pytest.mark.parametrize(("rows", "expected"), TABLE)
def test_verdict_rules(rows: list[tuple[int, int, float, tuple[Flag, ...]]],
                       expected: str) -> None:
    assert document_verdict(made(rows)).label == expected


def test_evidence_is_shares_of_text() -> None:
    v = document_verdict(made([GOOD] * 2 + [BAD, (1, 1, 0.9, NUM)] + [(1, 0, 0.0, ())]))
    assert v.confident == pytest.approx(0.75)
    assert v.low_coverage == pytest.approx(0.25)
    assert v.anchor_mismatch == pytest.approx(0.25)
    assert v.unpaired_en == pytest.approx(0.2) and v.unpaired_ar == 0.0
    assert set(v.evidence()) == {"confident", "low_coverage", "unpaired_en", "unpaired_ar",
                                 "anchor_mismatch", "length_drift"}
    assert v.describe().startswith("parallel: 75% of the paired text confidently translated")


def test_thresholds_can_be_passed_and_are_checked() -> None:
    al = made([GOOD] * 7 + [BAD] * 3)
    assert document_verdict(al, VerdictParams(confident=0.8)).label == "parallel"
    lenient = VerdictParams(confident=0.8, strong_low_coverage=0.3)
    assert document_verdict(al, lenient).label == "comparable"
    with pytest.raises(OptionError, match="low_coverage"):
        VerdictParams(low_coverage=1.5)
    with pytest.raises(OptionError, match="unrelated and scarce_confident must not exceed"):
        VerdictParams(confident=0.2, unrelated=0.3)


def test_thresholds_enter_the_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    base = parse_signature(alignment_signature(AlignConfig(), "sha"))
    monkeypatch.setattr(V, "VERDICT", dataclasses.replace(V.VERDICT, low_coverage=0.2))
    after = parse_signature(alignment_signature(AlignConfig(), "sha"))
    assert after["fidelity"] != base["fidelity"]
    assert {k: v for k, v in after.items() if k != "fidelity"} == {
        k: v for k, v in base.items() if k != "fidelity"}
    # ... and the verdict reads them at call time, as the signature does.
    al = made([GOOD] * 8 + [BAD] * 2)
    monkeypatch.setattr(V, "VERDICT", dataclasses.replace(
        V.VERDICT, low_coverage=0.1, confident=0.9, strong_low_coverage=0.2))
    assert document_verdict(al).label == "comparable"


# ------------------------------------------------------------------- the seeds (real text)


@pytest.fixture(scope="module")
def seed_ar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Arabic of seed 002 (a bilingual file) as a file of its own."""
    _, ar = read_bilingual(SEEDS[2])
    path = tmp_path_factory.mktemp("seed") / "002.ar.txt"
    path.write_text("\n".join(ar.text[s:e] for s, e in ar.regions), encoding="utf-8")
    return path


def test_seed_002_is_parallel() -> None:
    v = document_verdict(align_pair(*read_bilingual(SEEDS[2])))
    assert v.label == "parallel" and v.confident > 0.9


@pytest.mark.parametrize("seed", [0, 1, 3, 4])
def test_other_outlets_reports_are_comparable(seed: int, seed_ar: Path) -> None:
    v = document_verdict(align_pair(*read_pair(SEEDS[seed], seed_ar)))
    assert v.label == "comparable", v.describe()


# ------------------------------------------------------------------------------- outputs


def test_outputs_carry_the_verdict() -> None:
    al = made([BAD] * 8 + [CHANCE] * 2)
    first = json.loads(render_jsonl(al, WriteOptions()).splitlines()[0])
    assert first["verdict"] == "unrelated"
    assert first["verdict_evidence"]["confident"] == pytest.approx(0.2)
    second = json.loads(render_jsonl(al, WriteOptions()).splitlines()[1])
    assert "verdict" not in second
    tmx = render_tmx(al, WriteOptions(signature=""))
    header = tmx[tmx.index("<header"):tmx.index("</header>")]
    assert '<prop type="x-tawazi-verdict">unrelated</prop>' in header
    assert "x-tawazi-verdict-evidence" in header and "x-tawazi-signature" not in header
    import io

    import polars as pl

    table = pl.read_parquet(io.BytesIO(bead_table("d", al)))
    assert table["verdict"].unique().to_list() == ["unrelated"]


def tawazi(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tawazi.align.cli", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_align_warns_once_on_stderr_when_not_parallel(seed_ar: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    res = tawazi("align", str(SEEDS[0]), str(seed_ar), "-o", str(out))
    assert res.returncode == 0, res.stderr
    warnings = [line for line in res.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1 and "verdict comparable" in warnings[0], res.stderr
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["verdict"] == "comparable"
    good = tawazi("align", str(SEEDS[2]), "-o", str(tmp_path / "b.jsonl"))
    assert good.returncode == 0 and "warning:" not in good.stderr, good.stderr


def test_the_terminal_view_warns_too(seed_ar: Path) -> None:
    """``tawazi align EN AR`` with no ``-o`` (the side-by-side view on stdout) gives the same
    one warning on stderr, the view itself untouched."""
    res = tawazi("align", str(SEEDS[0]), str(seed_ar), "--width", "100")
    assert res.returncode == 0, res.stderr
    warnings = [line for line in res.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1 and "not a parallel text, verdict comparable" in warnings[0]
    assert "warning" not in res.stdout and " beads (" in res.stdout.splitlines()[-1]


@pytest.fixture(scope="module")
def two_rows(tmp_path_factory: pytest.TempPathFactory, seed_ar: Path) -> Path:
    """A manifest of two rows: seed 002 (a translation) and seed 000's English report
    against 002's Arabic (another outlet's report of the same event)."""
    folder = tmp_path_factory.mktemp("manifest")
    en, _ = read_bilingual(SEEDS[2])
    (folder / "002.en.txt").write_text("\n".join(en.text[s:e] for s, e in en.regions),
                                       encoding="utf-8")
    (folder / "002.ar.txt").write_text(seed_ar.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "000.en.txt").write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    manifest = folder / "runs.tsv"
    manifest.write_text("name\ten\tar\tout\n"
                        "translated\t002.en.txt\t002.ar.txt\tout/002.jsonl\n"
                        "other outlet\t000.en.txt\t002.ar.txt\tout/000.jsonl\n",
                        encoding="utf-8")
    return manifest


def test_align_manifest_warns_per_pair_that_is_not_parallel(two_rows: Path) -> None:
    res = tawazi("align", "--manifest", str(two_rows), "--jobs", "1")
    assert res.returncode == 0, res.stderr
    warnings = [line for line in res.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1, res.stderr
    assert warnings[0].startswith("tawazi: warning: other outlet: not a parallel text, "
                                  "verdict comparable: "), warnings[0]
    assert res.stderr.splitlines()[-1] == ("tawazi: aligned 2 of 2 pairs; 1 not parallel "
                                           "(comparable 1)")
    first = json.loads((two_rows.parent / "out" / "000.jsonl").read_text(
        encoding="utf-8").splitlines()[0])
    assert first["verdict"] == "comparable"


def test_batch_warns_per_document_and_reports_the_verdict(two_rows: Path) -> None:
    import polars as pl

    report = two_rows.parent / "report.tsv"
    for run in (1, 2):  # the second run serves both from the work folder, and still warns
        res = tawazi("batch", str(two_rows), "-o", str(report), "--jobs", "1")
        assert res.returncode == 0, res.stderr
        warnings = [line for line in res.stderr.splitlines() if "warning:" in line]
        assert len(warnings) == 1, (run, res.stderr)
        assert "other outlet: not a parallel text, verdict comparable: " in warnings[0]
        assert "tawazi: 2 documents; 1 not parallel (comparable 1)" in res.stderr
        assert "verdict comparable" in res.stdout  # the worst-first listing names it
    docs = pl.read_csv(two_rows.parent / "report.docs.tsv", separator="\t")
    by_doc = dict(zip(docs["doc"], docs["verdict"], strict=True))
    assert by_doc == {"translated": "parallel", "other outlet": "comparable"}
    evidence = dict(zip(docs["doc"], docs["verdict_evidence"], strict=True))
    assert evidence["other outlet"].startswith("comparable: ")
    assert evidence["translated"].startswith("parallel: ")
