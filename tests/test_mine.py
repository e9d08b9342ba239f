"""Bitext mining (issue 14): the index, the scores, the selection and ``tawazi mine``."""

from __future__ import annotations

import ast
import json
import random
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from test_cli import assert_clean_failure, tawazi

from tawazi.align.errors import InputError, OptionError
from tawazi.align.evidence.features import Unit
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.mine.index import candidates, postings
from tawazi.align.mine.read import holds_both, read_comparable
from tawazi.align.mine.score import Candidate, mine_probability, rivals
from tawazi.align.mine.search import mine_sentences, mine_signature
from tawazi.align.mine.types import MineConfig
from tawazi.align.mine.write import LineIndex, mine_format, render_jsonl, render_tmx, render_tsv
from tawazi.align.quality.bead_evidence import Evidence, Side, bead_evidence
from tawazi.align.text.segment import split_document
from tawazi.align.types import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

EN = [
    "The company said it cost 2,400 dollars to repair the bridge in Mosul.",
    "The weather was cold on Tuesday.",
    "Lavrentyev met the delegation in Damascus on Monday.",
    "Children played football in the park near the river.",
]
AR = [
    "التقى لافرينتيف الوفد في دمشق يوم الاثنين.",
    "ارتفعت أسعار النفط في الأسواق العالمية.",
    "وقالت الشركة إن إصلاح الجسر في الموصل كلف ٢٤٠٠ دولار.",
]


def _docs(en: list[str], ar: list[str]) -> tuple[Document, Document]:
    return (Document("\n".join(en) + "\n", "en", presplit=True),
            Document("\n".join(ar) + "\n", "ar", presplit=True))


def _mine(en: list[str], ar: list[str], config: MineConfig | None = None):  # type: ignore[no-untyped-def]
    e, a = _docs(en, ar)
    return mine_sentences(e, a, split_document(e), split_document(a), config)


# ----------------------------------------------------------------------------- index


def test_index_skips_keys_found_in_too_many_sentences() -> None:
    # Every sentence holds "common"; only 0-0 also shares a rare key.
    ids: dict[str, int] = {}
    en = postings([[Unit(0, 1, "x", ("common", "rare"))]]
                  + [[Unit(0, 1, "x", ("common",))]] * 20, ids)
    ar = postings([[Unit(0, 1, "y", ("common", "rare"))]]
                  + [[Unit(0, 1, "y", ("common",))]] * 20, ids)
    ei, ai, _ = candidates(en, ar, len(ids), top_k=3, max_df=5, max_df_share=0.01)
    assert list(zip(ei.tolist(), ai.tolist(), strict=True)) == [(0, 0)]


def test_index_keeps_top_k_per_sentence_not_all_pairs() -> None:
    rng = np.random.default_rng(0)
    ids: dict[str, int] = {}
    units = [[Unit(0, 1, "w", tuple(f"k{v}" for v in rng.integers(0, 300, 8)))]
             for _ in range(200)]
    en, ar = postings(units, ids), postings(units[::-1], ids)
    ei, _, _ = candidates(en, ar, len(ids), top_k=2, max_df=10, max_df_share=0.01)
    assert ei.size <= 2 * 2 * 200  # at most top_k per sentence of each side
    assert np.bincount(ei).max() <= 2 + 200  # and nowhere near n x m


# ----------------------------------------------------------------------------- scores


def test_mine_probability_low_for_unrelated_pair_the_fidelity_model_accepts() -> None:
    # The fidelity model sees nothing contradicting a translation here; mining must not
    # take two unrelated sentences for one.
    lex = load_lexicon()
    en = "Schooling provides essential learning and children are deprived of growth."
    ar = "وتأتي السياسة الجديدة بعد أسابيع فقط من دعوة جونسون إلى تخفيض الرسوم الجمركية."
    ev = bead_evidence(en, ar, lex)
    from tawazi.align.quality.fidelity import bead_score

    assert mine_probability(bead_score(ev), ev) < 0.2
    good = bead_evidence(EN[0], AR[2], lex)
    assert mine_probability(bead_score(good), good) > 0.8


def _cand(en: tuple[int, ...], ar: tuple[int, ...], p: float) -> Candidate:
    s = Side(1, 1, 0, 1)
    return Candidate(en, ar, p, Evidence(s, s, 0.0, 1.0, "", ""), p)


def test_rival_is_best_competitor_not_overlapping_groups() -> None:
    cands = [_cand((0,), (0,), 0.9), _cand((0,), (1,), 0.7), _cand((0,), (0, 1), 0.95),
             _cand((1,), (2,), 0.4)]
    # (0,0): rivals (0,1) at 0.7; the group (0,(0,1)) overlaps it on the Arabic side.
    assert rivals(cands) == [0.7, 0.9, 0.0, 0.0]


def test_margin_lowers_an_ambiguous_pair() -> None:
    two = ["The minister met the delegation in Baghdad.",
           "The minister met the delegation in Baghdad again."]
    ar = ["التقى الوزير الوفد في بغداد."]
    plain = _mine(two, ar, MineConfig(margin=0.0, min_score=0.0))
    margin = _mine(two, ar, MineConfig(margin=0.25, min_score=0.0))
    assert margin.pairs[0].score < plain.pairs[0].score
    assert margin.pairs[0].rival > 0.5


# ----------------------------------------------------------------------------- mining


def test_finds_translations_in_any_order_among_unrelated_sentences() -> None:
    m = _mine(EN, AR)
    assert {(p.en, p.ar) for p in m.pairs} == {((0,), (2,)), ((2,), (0,))}


def test_selection_is_one_to_one_best_first_above_min_score() -> None:
    m = _mine(EN + EN[:1], AR, MineConfig(min_score=0.1))
    used = [i for p in m.pairs for i in p.en], [j for p in m.pairs for j in p.ar]
    assert all(len(x) == len(set(x)) for x in used)
    scores = [p.score for p in m.pairs]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 0.1
    # The repeated sentence makes its pair ambiguous: the margin takes it below 0.8.
    dup = [p for p in m.pairs if p.ar == (2,)]
    assert dup[0].rival > 0.9 and dup[0].score < 0.8
    assert len(_mine(EN + EN[:1], AR, MineConfig(min_score=0.8)).pairs) == len(m.pairs) - 1


def test_untranslated_pair_is_not_mined() -> None:
    assert _mine(EN[:1], EN[:1]).pairs == ()


def test_config_validated_and_signature_follows_it() -> None:
    with pytest.raises(OptionError, match="min-score"):
        MineConfig(min_score=-0.1)
    with pytest.raises(OptionError):
        MineConfig(groups=((1, 2),))
    assert mine_signature(MineConfig(), "x") != mine_signature(MineConfig(margin=0.3), "x")
    assert mine_signature(MineConfig(), "x") != mine_signature(MineConfig(top_k=5), "x")


def test_bench_comparable_pair_precision_and_recall(bench: Path) -> None:
    import mining

    docs = mining.load_docs(bench)
    counts = mining.Counts()
    for di in range(0, len(docs), 17):
        case = mining.make_case(docs, di, "hard", random.Random(di))
        counts.add(mining.mine_case(case, MineConfig()), case.gold)
    p, r, _ = counts.prf()
    assert p >= 0.93 and r >= 0.75, (p, r)


def test_bench_case_is_what_the_issue_describes(bench: Path) -> None:
    import mining

    docs = mining.load_docs(bench)
    case = mining.make_case(docs, 0, "easy", random.Random(1))
    n = len(docs[0].en)
    k = len(case.gold)
    assert 0.3 * n - 1 <= k <= 0.5 * n + 1
    assert len(case.en) == n + round(0.2 * n)
    assert len(case.ar) == k + round(1.5 * k)
    assert all(case.en[i] in docs[0].en and case.ar[j] == docs[0].ar[docs[0].en.index(case.en[i])]
               for i, j in case.gold)


def test_groups_found_in_hard_bench_document(bench: Path) -> None:
    stem = bench / "ntrex_hard" / "abcnews_306815"
    gold = set()
    for line in stem.with_suffix(".gold").read_text().splitlines():
        e, a = line.split(":")
        gold.add((tuple(ast.literal_eval(e)), tuple(ast.literal_eval(a))))
    e = Document(stem.with_suffix(".en").read_text(), "en", presplit=True)
    a = Document(stem.with_suffix(".ar").read_text(), "ar", presplit=True)
    m = mine_sentences(e, a, split_document(e), split_document(a))
    got = {(p.en, p.ar) for p in m.pairs}
    groups = {g for g in gold if sorted(map(len, g)) == [1, 2]}
    assert groups & got
    assert len(got - gold) <= 2


# ----------------------------------------------------------------------------- writers


def test_tsv_presplit_gives_zero_based_lines_with_blank_lines_counted() -> None:
    en = Document("\n".join(EN[:2]) + "\n\n" + "\n".join(EN[2:]) + "\n", "en", presplit=True)
    ar = Document("\n".join(AR) + "\n", "ar", presplit=True)
    m = mine_sentences(en, ar, split_document(en), split_document(ar))
    rows = [r.split("\t") for r in render_tsv(m).splitlines()]
    assert rows[0][:5] == ["en_line", "ar_line", "score", "fidelity", "rival"]
    assert rows[0][-2:] == ["en", "ar"]
    lines = {(r[0], r[1]) for r in rows[1:]}
    assert lines == {("0", "2"), ("3", "0")}  # Lavrentyev is on line 3 (line 2 is blank)


def test_tsv_offsets_index_the_text() -> None:
    en = Document(" ".join(EN), "en")
    ar = Document(" ".join(AR), "ar")
    m = mine_sentences(en, ar, split_document(en), split_document(ar))
    rows = [r.split("\t") for r in render_tsv(m).splitlines()]
    assert rows[0][:4] == ["en_start", "en_end", "ar_start", "ar_end"]
    for r in rows[1:]:
        assert en.text[int(r[0]):int(r[1])] == r[-2]
        assert ar.text[int(r[2]):int(r[3])] == r[-1]


def test_jsonl_and_tmx_carry_signature_and_parse() -> None:
    m = _mine(EN, AR)
    recs = [json.loads(x) for x in render_jsonl(m).splitlines()]
    assert recs[0]["signature"] == m.signature and "signature" not in recs[1]
    assert recs[0]["en_text"] == m.text(m.pairs[0], "en")
    root = ET.fromstring(render_tmx(m).encode())
    tus = root.findall("./body/tu")
    assert len(tus) == len(m.pairs)
    assert tus[0].find("./tuv/seg").text == m.text(m.pairs[0], "en")  # type: ignore[union-attr]
    assert render_jsonl(replace(m, pairs=())) == ""


def test_line_index_and_format_choice() -> None:
    idx = LineIndex("a\nbb\n\nc")
    assert [idx.line(o) for o in (0, 2, 5, 6)] == [0, 1, 2, 3]
    assert mine_format("x.JSONL", None) == "jsonl"
    with pytest.raises(OptionError, match="format"):
        mine_format("x.txt", None)


# ----------------------------------------------------------------------------- reading


def test_read_comparable_takes_the_arabic_block_of_a_bilingual_file(
        tmp_path: Path, seed002: Path) -> None:
    en = tmp_path / "en.txt"
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    assert holds_both(seed002.read_text(encoding="utf-8"))
    e, a = read_comparable(en, seed002, presplit=False, max_bytes=10**7)
    assert e.lang == "en" and a.lang == "ar"
    assert all(not any("a" <= ch <= "z" for ch in s.text) for s in split_document(a)[:3])
    with pytest.raises(InputError, match="not Arabic"):
        read_comparable(seed002, en, presplit=False, max_bytes=10**7)


# ----------------------------------------------------------------------------- CLI


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    en, ar = tmp_path / "a.en.txt", tmp_path / "a.ar.txt"
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    ar.write_text("\n".join(AR) + "\n", encoding="utf-8")
    return en, ar


def test_cli_presplit_tsv_on_stdout(files: tuple[Path, Path]) -> None:
    res = tawazi("mine", str(files[0]), str(files[1]), "--presplit")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].startswith("en_line\tar_line\tscore")
    assert {tuple(x.split("\t")[:2]) for x in lines[1:]} == {("0", "2"), ("2", "0")}


def test_cli_writes_each_format(files: tuple[Path, Path], tmp_path: Path) -> None:
    for ext in ("tsv", "jsonl", "tmx"):
        out = tmp_path / f"out.{ext}"
        res = tawazi("mine", str(files[0]), str(files[1]), "-o", str(out))
        assert res.returncode == 0, res.stderr
        assert "2 pairs" in res.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])["signature"]
    ET.parse(tmp_path / "out.tmx")


@pytest.mark.parametrize(("extra", "words"), [
    (["--min-score", "2"], "--min-score must be in [0, 1]"),
    (["-o", "out.txt"], "cannot tell the format"),
])
def test_cli_bad_options_one_line(files: tuple[Path, Path], extra: list[str], words: str
                                  ) -> None:
    assert_clean_failure(tawazi("mine", str(files[0]), str(files[1]), *extra), words)


def test_cli_refuses_swapped_files_and_output_over_input(files: tuple[Path, Path]) -> None:
    assert_clean_failure(tawazi("mine", str(files[1]), str(files[0])), "swapped")
    out = files[0].with_suffix(".tsv")
    files[0].rename(out)
    assert_clean_failure(tawazi("mine", str(out), str(files[1]), "-o", str(out)),
                         "overwrite the input")


def test_cli_manifest_mines_every_row_and_reports_a_bad_one(files: tuple[Path, Path],
                                                            tmp_path: Path) -> None:
    manifest = tmp_path / "runs.tsv"
    manifest.write_text("en\tar\tout\n"
                        f"{files[0].name}\t{files[1].name}\tout/a.jsonl\n"
                        f"{files[0].name}\tmissing.ar.txt\tout/b.tsv\n", encoding="utf-8")
    res = tawazi("mine", "--manifest", str(manifest), "--jobs", "1")
    assert res.returncode == 1, res.stderr
    recs = [json.loads(x) for x in (tmp_path / "out" / "a.jsonl").read_text().splitlines()]
    assert len(recs) == 2 and recs[0]["signature"]
    assert "mined 1 of 2" in res.stderr and "missing.ar.txt" in res.stderr
    assert not (tmp_path / "out" / "b.tsv").exists()
    assert_clean_failure(tawazi("mine", "--manifest", str(manifest), str(files[0])),
                         "--manifest takes no input files")


def test_coverage_gate_never_skips_a_candidate_that_could_pass() -> None:
    # The gate scores nothing below ``min_p`` on a bound; the bound must hold for every pair.
    from tawazi.align.evidence.features import units_ar, units_en
    from tawazi.align.mine.score import probability_bound
    from tawazi.align.quality.fidelity import bead_score

    lex = load_lexicon()
    texts_en = [*EN, "It cost 2,400 dollars.", "Lavrentyev said so on Monday in Damascus."]
    texts_ar = [*AR, "كلف ٢٤٠٠ دولار.", "قال لافرينتيف ذلك."]
    for e in texts_en:
        for a in texts_ar:
            ev = bead_evidence(e, a, lex, pair_units=(units_en(e), units_ar(a, lex)))
            p = mine_probability(bead_score(ev), ev)
            assert probability_bound(ev.en.coverage, ev.ar.coverage) >= p - 1e-12, (e, a)


def test_tmx_valid_against_the_dtd_and_read_back_by_tawazi(tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    from tawazi.align.formats.tmx import read_tmx

    m = _mine(EN, AR)
    path = tmp_path / "pairs.tmx"
    path.write_text(render_tmx(m), encoding="utf-8")
    dtd = etree.DTD(str(ROOT / "tests" / "data" / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(path))), dtd.error_log.filter_from_errors()
    back = read_tmx(path)
    assert [back.bead_text(b, "ar") for b in back.beads] == [m.text(p, "ar") for p in m.pairs]


def test_review_opens_mined_tmx_as_a_memory(tmp_path: Path) -> None:
    # ``tawazi review pairs.tmx``: the mined pairs are a translation memory, one unit each.
    from tawazi.align.review.session import first_alignment, open_inputs

    m = _mine(EN, AR)
    path = tmp_path / "pairs.tmx"
    path.write_text(render_tmx(m), encoding="utf-8")
    al = first_alignment(open_inputs([path]))
    assert [(al.bead_text(b, "en"), al.bead_text(b, "ar")) for b in al.beads] == [
        (m.text(p, "en"), m.text(p, "ar")) for p in m.pairs]


def test_batch_mine_mode_one_row_per_pair_and_cached(files: tuple[Path, Path],
                                                      tmp_path: Path) -> None:
    import polars as pl

    folder = tmp_path / "docs"
    folder.mkdir()
    for f in files:
        f.rename(folder / f.name)
    report = tmp_path / "report.tsv"
    res = tawazi("batch", str(folder), "-o", str(report), "--mine", "--jobs", "1")
    assert res.returncode == 0, res.stderr
    pairs = pl.read_csv(report, separator="\t")
    assert pairs.height == 2 and set(pairs["type"]) == {"1-1"}
    docs = pl.read_csv(tmp_path / "report.docs.tsv", separator="\t")
    assert docs["beads"].to_list() == [2]
    assert "1 documents, 1 mined, 0 failed" in res.stdout
    again = tawazi("batch", str(folder), "-o", str(report), "--mine", "--jobs", "1")
    assert "already done" in again.stderr
    # Mining and aligning are different results: the aligned run is not served from the cache.
    aligned = tawazi("batch", str(folder), "-o", str(report), "--jobs", "1")
    assert "already done" not in aligned.stderr
    assert "1 documents, 1 aligned, 0 failed" in aligned.stdout
    assert_clean_failure(tawazi("batch", str(folder), "-o", str(report), "--min-score", "0.3"),
                         "--min-score is for --mine")
