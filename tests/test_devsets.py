"""The dev-set builder of benchmarks/devsets.py on made-up units (no download)."""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from devsets import (  # noqa: E402
    Unit,
    bucket,
    build_document,
    classify,
    confusion_lines,
    group_verses,
    split_ar,
    split_en,
)

UNITS = [
    Unit("1", ("Anas reported: He came.", "Then he left."), ("قال أنس جاء \u200f.\u200f",)),
    Unit("2", ("One.",), ("واحد.", "اثنان.", "ثلاثة.")),
    Unit("3", ("Two.", "Three."), ("اثنان وثلاثة.",)),
    Unit("4", ("Four.",), ("أربعة.",)),
]


def _read(files: dict[str, str], lang: str) -> tuple[list[str], str, list[tuple[int, int]]]:
    spans = [tuple(map(int, ln.split("\t"))) for ln in files[f".{lang}.spans"].splitlines()]
    return files[f".{lang}"].splitlines(), files[f".{lang}.txt"], spans  # type: ignore[return-value]


def test_document_without_drops_has_one_bead_per_unit() -> None:
    files = build_document(UNITS, random.Random(0), drop=0.0)
    assert files[".gold"].splitlines() == ["[0, 1]:[0]", "[2]:[1, 2, 3]", "[3, 4]:[4]", "[5]:[5]"]
    for lang in ("en", "ar"):
        lines, text, spans = _read(files, lang)
        assert [text[s:e] for s, e in spans] == lines
        assert files[f".{lang}.sentspans"] == files[f".{lang}.spans"]
        assert text.endswith("\n") and not text.endswith("\n\n")


def test_dropped_units_give_one_null_bead_per_sentence() -> None:
    files = build_document(UNITS, random.Random(1), drop=1.0)
    gold = files[".gold"].splitlines()
    assert all(b.endswith(":[]") or b.startswith("[]:") for b in gold)
    n_en = len(files[".en"].splitlines()) if files[".en"].strip() else 0
    n_ar = len(files[".ar"].splitlines()) if files[".ar"].strip() else 0
    assert len(gold) == n_en + n_ar


def test_paragraphs_are_shared_by_both_sides() -> None:
    files = build_document(UNITS * 5, random.Random(2), drop=0.0)
    assert files[".en.txt"].count("\n\n") == files[".ar.txt"].count("\n\n") > 0


def test_splitters() -> None:
    assert split_en("Anas b. Malik reported: I came.  Then (i. e. later) he   left.") == (
        "Anas b. Malik reported: I came.", "Then (i. e. later) he left.")
    assert split_en("He said: &quot;Go!&quot; They went.") == ('He said: "Go!"', "They went.")
    assert split_ar("قال نعم \u200f.\u200f ثم\n قال \u200f\"\u200f \u200f.\u200f") == (
        "قال نعم \u200f.\u200f", "ثم قال \u200f\"\u200f \u200f.\u200f")


def test_verses_grouped_until_the_english_ends_a_sentence() -> None:
    verses = [(1, 1, "Praise be to Allah;", "أ"), (1, 2, "Most Merciful.", "ب"),
              (1, 3, "Say: He is One", "ج"), (2, 1, "Alif.", "د")]
    units = group_verses(verses)
    assert [(u.uid, u.en, u.ar) for u in units] == [
        ("1:1-2", ("Praise be to Allah; Most Merciful.",), ("أ", "ب")),
        ("1:3-3", ("Say: He is One",), ("ج",)),
        ("2:1-1", ("Alif.",), ("د",))]


def test_classify_and_bucket() -> None:
    gold = ((0, 1), (0,))
    assert classify(gold, [gold]) == "exact"
    assert classify(gold, [((0,), (0,)), ((1,), ())]) == "split 1-1+1-0"
    assert classify(gold, [((0, 1, 2), (0, 1))]) == "merged 3-2"
    assert classify(gold, [((0,), (0,)), ((1, 2), (1,))]) == "crossed 1-1+2-1*"
    assert classify(gold, []) == "missing"
    assert [bucket(t) for t in ("2-3", "5-1", "1-4", "4-2")] == ["2-3", "4+-1", "1-4+", "n-m 4+"]


def test_confusion_lines() -> None:
    conf = {"1-1": Counter({"exact": 3, "merged 2-1": 1}), "5-1": Counter({"split 3-1+2-0": 2}),
            "4-1": Counter({"missing": 1})}
    rows = confusion_lines(conf)
    assert rows[0].split()[:5] == ["gold", "1-1", "4:", "exact", "75%"]
    assert "4+-1" in rows[1] and "split   2" in rows[1] and "missing 1" in rows[1]
