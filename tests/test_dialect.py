"""Spoken Arabic (Egyptian, Levantine, Gulf): the dialect entries of the lexicon, the
dialect function words, the affixes seen through at look-up time, and the probe of
hand-written sentence pairs (``tests/data/dialect_probe.tsv``) that they were made for."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tawazi.align.evidence import keys as K
from tawazi.align.evidence.features import units_ar
from tawazi.align.evidence.lexicon import Lexicon, dialect_readings, load_lexicon
from tawazi.align.quality.fidelity import score_pairs
from tawazi.align.text.normalize import en_stem, normalize_ar
from tawazi.align.text.stopwords import arabic_stopwords, dialect_stopwords

ROOT = Path(__file__).resolve().parent.parent
DIALECT = ROOT / "corpora" / "lexicon" / "dialect.tsv"
TABLE = ROOT / "corpora" / "lexicon" / "ar-en.tsv"
PROBE = ROOT / "tests" / "data" / "dialect_probe.tsv"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_lexicon_dialect", ROOT / "scripts" / "build_lexicon.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_lexicon_dialect"] = mod
    spec.loader.exec_module(mod)
    return mod


# (spoken form, a standard reading it must give): one rule each.
READINGS = [
    ("مابيفهمش", "بيفهم"),      # negation ما...ش (then ب + imperfective, a proclitic)
    ("ماعتقدش", "اعتقد"),       # negation م...ش: ما is not always the particle
    ("هتزيد", "تزيد"),          # Egyptian future ه
    ("حيروح", "يروح"),          # Levantine future ح
    ("هالشهر", "الشهر"),        # هال "this (the)"
    ("بهالمطعم", "المطعم"),     # ... after a preposition
    ("عالبيت", "البيت"),        # عال "on the"
    ("حكتلي", "حكت"),           # indirect object ل + pronoun on the verb
    ("قالولنا", "قالو"),
    ("نتايج", "نتائج"),         # hamza seat written as it sounds
    ("الكهربا", "الكهرباء"),    # final hamza dropped
]


@pytest.mark.parametrize(("word", "reading"), READINGS)
def test_dialect_readings(word: str, reading: str) -> None:
    assert reading in dialect_readings(normalize_ar(word))


@pytest.mark.parametrize("word", ["هيئه", "عالم", "مشمش", "حياه", "هاتف", "المدرسه"])
def test_standard_words_keep_their_glosses(lex: Lexicon, word: str) -> None:
    """A word the table knows through its standard readings gets exactly those glosses:
    the spoken readings are a fallback, never added to a standard word's."""
    assert lex.lookup_standard(word)
    assert lex.lookup(word) == lex.lookup_standard(word)


@pytest.mark.parametrize(("word", "english"), [
    ("عايزين", "want"), ("بدنا", "want"), ("أبغى", "want"),   # entries
    ("مبارح", "yesterday"), ("النهارده", "today"), ("منيح", "good"), ("زين", "good"),
    ("مابيفهمش", "understand"),                                  # negation + ب + verb
    ("هنسافر", "travel"),                                        # future + first person
    ("هالأيام", "day"), ("عالطريق", "road"), ("نتايج", "result"),
])
def test_dialect_words_have_english(lex: Lexicon, word: str, english: str) -> None:
    assert en_stem(english) in lex.lookup(normalize_ar(word)), word


def test_dialect_function_words_are_not_units(lex: Lexicon) -> None:
    """``مش``, ``ده``, ``ازاي``, ``شو``, ``كتير``...: left out like ``في`` and ``هذا``."""
    text = "مش عارف ده كده ازاي دلوقتي، شو هيك هلق، شلون كتير الحين"
    assert [u.text for u in units_ar(text, lex)] == ["عارف"]


def test_dialect_stopwords_are_normalised_and_apart_from_the_msa_list() -> None:
    for w in dialect_stopwords:
        assert normalize_ar(w) == w, w
    # The boundary cues were fitted with the standard list: it must not have grown.
    assert not {"مش", "ده", "شو", "الحين", "كتير"} & arabic_stopwords


def test_spoken_number_words() -> None:
    for word, value in [("اتنين", 2), ("تلاته", 3), ("تمانيه", 8), ("تلاتين", 30)]:
        assert K.AR_NUMBER_WORDS[word] == value


def test_table_is_up_to_date_with_the_dialect_entries(build: ModuleType, lex: Lexicon) -> None:
    header = TABLE.read_text(encoding="utf-8").partition("\n")[0]
    sha = hashlib.sha256(DIALECT.read_bytes()).hexdigest()[:12]
    assert f"dialect.tsv sha256={sha}" in header, "rebuild: scripts/build_lexicon.py"
    entries = list(build.supplement_entries(DIALECT))
    assert 100 < len(entries) < 1000
    for key, stems in entries:
        assert stems <= set(lex.glosses[key]), key
        assert key not in dialect_stopwords, key


def probe() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for line in PROBE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            dialect, en, ar = line.split("\t")
            out.setdefault(dialect, []).append((en, ar))
    return out


@pytest.mark.parametrize("dialect", ["egyptian", "levantine", "gulf"])
def test_probe_beads_are_covered(lex: Lexicon, dialect: str) -> None:
    """The probe's translations, each dialect scored as one document: none flagged
    ``low-lexical-coverage``, none below 0.5, and most Arabic content words matched.
    Before the dialect work (benchmarks/dialect_probe.py): Arabic coverage 46% / 42% / 61%
    (after: 83% / 83% / 80%),
    one Levantine pair flagged and below 0.5."""
    from tawazi.align.quality.bead_evidence import bead_evidence, document_mu
    from tawazi.align.text.normalize import non_space_length

    pairs = probe()[dialect]
    assert len(pairs) >= 10
    for (en, ar), (score, flags) in zip(pairs, score_pairs(pairs, lex), strict=True):
        assert "low-lexical-coverage" not in {f.code for f in flags}, (en, ar)
        assert score >= 0.5, (en, ar, score)
    mu = document_mu([(non_space_length(e), non_space_length(a)) for e, a in pairs])
    shares = [ev.ar.matched / ev.ar.words for ev in
              (bead_evidence(en, ar, lex, mu) for en, ar in pairs)]
    assert sum(shares) / len(shares) >= 0.75


def test_dialect_tables_enter_the_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    """The function-word lists and the spoken-affix rules change outputs: the signature's
    ``keys:`` field must follow them (the table itself is ``lexicon:``, its sha)."""
    from tawazi.align import signature as S
    from tawazi.align.evidence import lexicon as L
    from tawazi.align.text import stopwords

    before = S.table_hashes()["keys"]
    monkeypatch.setattr(stopwords, "STOPWORD_TABLES",
                        (*stopwords.STOPWORD_TABLES[:2], stopwords.dialect_stopwords - {"مش"}))
    assert S.table_hashes()["keys"] != before
    monkeypatch.undo()
    assert S.table_hashes()["keys"] == before
    monkeypatch.setattr(L, "DIALECT_FUTURE", "ه")
    assert S.table_hashes()["keys"] != before
