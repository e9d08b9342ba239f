"""Reference-based scoring: sacrebleu figures, Arabic normalisation, inputs and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawazi.align.batch.score_runs import score_manifest
from tawazi.align.errors import FormatError, InputError
from tawazi.align.formats.lines import read_segments
from tawazi.align.quality.reference import AR_NORMALISATION, score_reference

HYP_EN = ["the cat sat on the mat", "a dog barked"]
REF_EN = ["the cat sat on a mat", "the dog barked loudly"]


def test_known_sacrebleu_values_on_tiny_english_input() -> None:
    # Values from sacrebleu 2.x itself (BLEU 13a, chrF2, TER) on these two segments.
    res = score_reference(HYP_EN, [REF_EN], lang="en")
    assert res.bleu == pytest.approx(44.1503, abs=1e-3)
    assert res.chrf == pytest.approx(58.5338, abs=1e-3)
    assert res.ter == pytest.approx(30.0, abs=1e-6)
    assert res.signatures["BLEU"].startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp")
    assert res.lines[0].startswith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a")
    assert res.normalisation == "none"


def test_identical_input_is_perfect_and_a_second_reference_counts() -> None:
    res = score_reference(HYP_EN, [REF_EN, HYP_EN], lang="en")
    assert (round(res.bleu, 6), round(res.chrf, 6), round(res.ter, 6)) == (100.0, 100.0, 0.0)
    assert res.signatures["BLEU"].startswith("nrefs:2|")


AR_HYP = ["ذهبَ الولدُ إلى المدرسةِ؟", "رأى مصطفى أحمد"]
AR_REF = ["ذهب الولد الى المدرسه؟", "راي مصطفي احمد"]


def test_arabic_normalisation_removes_spelling_differences() -> None:
    on = score_reference(AR_HYP, [AR_REF], lang="ar")
    off = score_reference(AR_HYP, [AR_REF], lang="ar", normalize=False)
    assert on.chrf == pytest.approx(100.0) and on.bleu == pytest.approx(100.0)
    assert off.chrf < 60 and off.bleu < 20
    assert on.normalisation == AR_NORMALISATION and off.normalisation == "none"
    assert "tok:intl" in on.signatures["BLEU"]


def test_language_is_detected_from_the_references() -> None:
    assert score_reference(AR_HYP, [AR_REF]).lang == "ar"
    assert score_reference(HYP_EN, [REF_EN]).lang == "en"


def test_per_segment_scores() -> None:
    res = score_reference(HYP_EN, [REF_EN], lang="en", segments=True)
    assert [s.index for s in res.per_segment] == [1, 2]
    assert all(0 <= s.bleu <= 100 and 0 <= s.chrf <= 100 for s in res.per_segment)


def test_mismatched_line_counts_name_both_counts() -> None:
    with pytest.raises(InputError) as err:
        score_reference(HYP_EN, [REF_EN[:1]], names=["hyp.txt", "ref.txt"])
    assert err.value.message == "hyp.txt has 2 segments but ref.txt has 1"


def test_empty_references_are_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        score_reference(HYP_EN, [["", " "]])
    with pytest.raises(InputError, match="no segments"):
        score_reference([], [[]])


def test_inputs_from_lines_tsv_columns_and_tmx(tmp_path: Path) -> None:
    lines = tmp_path / "hyp.txt"
    lines.write_text("a\nb\n", encoding="utf-8")
    assert read_segments(lines) == ["a", "b"]
    table = tmp_path / "mt.tsv"
    table.write_text("id\tar\tsystem\n1\tنص\\tمع\tx\n2\tآخر\ty\n", encoding="utf-8")
    assert read_segments(table, "ar") == ["نص\tمع", "آخر"]
    assert read_segments(f"{table}:system") == ["x", "y"]
    with pytest.raises(FormatError, match="no column 'nope'"):
        read_segments(f"{table}:nope")
    tmx = tmp_path / "tm.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
        'creationtoolversion="1"/><body><tu><tuv xml:lang="en"><seg>Hello</seg></tuv>'
        '<tuv xml:lang="ar"><seg>مرحبا</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    assert read_segments(tmx, "ar") == ["مرحبا"]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_segments(empty)


def test_manifest_scores_rows_and_reports_missing_files(tmp_path: Path) -> None:
    (tmp_path / "h1.txt").write_text("\n".join(HYP_EN) + "\n", encoding="utf-8")
    (tmp_path / "r1.txt").write_text("\n".join(REF_EN) + "\n", encoding="utf-8")
    (tmp_path / "r1b.txt").write_text("\n".join(HYP_EN) + "\n", encoding="utf-8")
    manifest = tmp_path / "m.tsv"
    manifest.write_text("name\thyp\tref\tref2\n"
                        "ok\th1.txt\tr1.txt\tr1b.txt\n"
                        "gone\th1.txt\tmissing.txt\t\n", encoding="utf-8")
    rows = score_manifest(manifest, lang="en")
    assert [r.name for r in rows] == ["ok", "gone"]
    assert rows[0].result is not None and rows[0].result.refs == 2
    assert rows[1].result is None and "missing file" in rows[1].error
