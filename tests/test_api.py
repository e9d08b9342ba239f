"""The public interface of ``import tawazi``: its surface, and each call's behaviour."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tawazi

SEED = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("002_*.txt"))[0]
EN = "The ministry said 151 people died. The talks ended on Monday."
AR = "قالت الوزارة إن ١٥١ شخصاً لقوا حتفهم. وانتهت المحادثات يوم الاثنين."


def test_surface_is_small_and_documented() -> None:
    assert sorted(tawazi.__all__) == sorted([
        "Alignment", "Bead", "Flag", "FormatError", "InputError", "OptionError",
        "OutputError", "Score", "Sentence", "TawaziError", "__version__", "align_texts",
        "read", "score_pairs", "split",
    ])
    for name in tawazi.__all__:
        assert hasattr(tawazi, name), name
        if name != "__version__":
            assert getattr(tawazi, name).__doc__, name


def test_import_is_light() -> None:
    """``import tawazi`` loads no numpy, polars, textual or lexicon: the work starts at the
    first call."""
    code = ("import sys, tawazi; print(sorted(m for m in ('numpy', 'polars', 'textual', "
            "'sacrebleu', 'tawazi.align.pipeline') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_beads_carry_texts_and_offsets_into_the_inputs() -> None:
    al = tawazi.align_texts(EN, AR)
    assert [b.type for b in al.beads] == ["1-1", "1-1"]
    for b in al.beads:
        assert " ".join(al.en_text[s:e] for s, e in b.en_spans) == b.en
        assert " ".join(al.ar_text[s:e] for s, e in b.ar_spans) == b.ar
        assert 0.0 <= b.score <= 1.0 and b.status == "auto"
    assert al.en_text == EN and al.signature.startswith("tawazi:")


def test_presplit_takes_each_line_as_a_sentence() -> None:
    al = tawazi.align_texts("One. Two.\nThree.", "واحد. اثنان.\nثلاثة.", presplit=True)
    assert [b.en for b in al.beads] == ["One. Two.", "Three."]


def test_one_sided_text_gives_one_sided_beads() -> None:
    al = tawazi.align_texts("Only English here.", "")
    assert [(b.type, b.score) for b in al.beads] == [("1-0", 0.0)]


@pytest.mark.parametrize(("name", "fmt", "files"), [
    ("x.tmx", None, ["x.tmx"]),
    ("x.jsonl", None, ["x.jsonl"]),
    ("x.txt", None, ["x.en.txt", "x.ar.txt"]),
    ("x.out", "tsv", ["x.out"]),
])
def test_write_takes_the_format_from_the_extension(
    tmp_path: Path, name: str, fmt: str | None, files: list[str]
) -> None:
    al = tawazi.align_texts(EN, AR)
    written = al.write(tmp_path / name, fmt)
    assert [p.name for p in written] == files
    assert all(p.is_file() for p in written)


def test_write_refuses_an_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(tawazi.OptionError, match="extension"):
        tawazi.align_texts(EN, AR).write(tmp_path / "x.doc")


@pytest.mark.parametrize("ext", ["tmx", "tsv"])
def test_read_gives_back_what_write_wrote(tmp_path: Path, ext: str) -> None:
    al = tawazi.align_texts(EN, AR)
    al.write(tmp_path / f"m.{ext}")
    back = tawazi.read(tmp_path / f"m.{ext}")
    assert [(b.en, b.ar, b.type) for b in back.beads] == [(b.en, b.ar, b.type)
                                                          for b in al.beads]
    assert [b.score for b in back.beads] == pytest.approx([b.score for b in al.beads])


def test_read_aligns_a_bilingual_file() -> None:
    al = tawazi.read(SEED)
    assert len(al.beads) > 10 and al.en_text == al.ar_text
    b = next(b for b in al.beads if b.type == "1-1")
    assert al.en_text[b.en_spans[0][0]:b.en_spans[0][1]] == b.en


def test_read_of_a_missing_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(tawazi.InputError):
        tawazi.read(tmp_path / "none.txt")


def test_score_pairs_flags_a_changed_number() -> None:
    ok, bad, empty = tawazi.score_pairs([
        ("It cost 2,400 dollars.", "كلف ٢٤٠٠ دولار."),
        ("It cost 2,400 dollars.", "كلف ٣٠٠ دولار."),
        ("It cost 2,400 dollars.", ""),
    ])
    assert ok.score > 0.5 and not ok.flags
    assert "number-mismatch" in [f.code for f in bad.flags] and bad.score < ok.score
    assert empty.score == 0.0


def test_split_keeps_offsets_and_refuses_other_languages() -> None:
    text = "Mr. Smith left.\n\nHe was 62."
    sents = tawazi.split(text, "en")
    assert [(s.text, s.paragraph) for s in sents] == [("Mr. Smith left.", 0), ("He was 62.", 1)]
    assert all(text[s.start:s.end] == s.text for s in sents)
    with pytest.raises(tawazi.OptionError, match="fr"):
        tawazi.split(text, "fr")
