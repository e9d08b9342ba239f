"""The Arabic->English lexicon: load the shipped table fast, look words up through clitics.

The table (``corpora/lexicon/ar-en.tsv``, built by ``scripts/build_lexicon.py`` from
Buckwalter's stem lexicon, FreeDict ara-eng and a small hand-written supplement) maps a
normalised Arabic stem to the Snowball stems of its English glosses. The aligner counts, for
an Arabic word, whether one of those stems occurs in the English sentence: a lexical anchor.

Loading parses about 80,000 lines into a dict of tuples (``Glosses``), once per process and
file version, without camel-tools or any other heavy import (about 0.2 s). Every run paid
that, so the parsed table is also kept in a cache file named by the table's sha256 (see
``_cache_file``): a later process reads it back in about a fifth of the time. The shipped
TSV stays the source of truth: a changed table has another sha, hence another cache file,
and the file's sha256 is kept (``Lexicon.sha``) so that output signatures say which table
produced them.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..text.normalize import ar_stems

_TABLE = Path("lexicon") / "ar-en.tsv"

#: Normalised Arabic stem -> its English gloss stems, in table order without repeats. Tuples,
#: not frozensets: ``marshal`` reads 79k tuples back in 40% of the time it takes to build as
#: many frozensets (0.07 s against 0.17 s), and every use unions, tests or iterates them.
Glosses = dict[str, tuple[str, ...]]

#: Suffixes stripped once more from every light-stem candidate: verb subject endings that
#: ``ar_stems`` does not know (``وا``, ``تم``), the second-person ``ك``, and the inner layer
#: of stacked suffixes (``ذكرته`` -> ``ذكرت`` -> ``ذكر``; ``مواطنيها`` -> ``مواطني`` ->
#: ``مواطن``).
_MORE_SUFFIXES = ("وا", "ون", "ين", "ات", "ان", "تم", "نا", "ت", "و", "ي", "ا", "ك")
#: Imperfective subject prefixes; the table holds the ``ي``/``ت`` forms of Buckwalter's
#: imperfective stems, and first-person ``ا``/``ن`` forms are looked up as ``ي``.
_IMPERFECTIVE = "يتنا"


@lru_cache(maxsize=200_000)
def candidates(word: str) -> tuple[str, ...]:
    """Readings of a normalised Arabic word to look up, most specific first.

    :func:`align.text.normalize.ar_stems` proposes the word without clitics and suffixes; on top of
    that, this adds what a lexicon of stems needs and the light stemmer does not give:

    - one more suffix off every candidate (:data:`_MORE_SUFFIXES`), keeping three letters;
    - teh marbuta restored before a pronoun (``حياته`` -> ``حيات`` -> ``حياه``, life);
    - first-person imperfectives read as third person (``نريد``, ``اتذكر`` -> ``يريد``,
      ``يتذكر``), which the table holds;
    - and it drops readings that strip the future ``س`` from a word that does not continue as
      an imperfective verb (``سوريا`` is not ``س`` + ``وريا``).
    """
    base = ar_stems(word)
    out = list(base)
    if len(word) < 4:  # every rule below needs four letters: a shorter word has its stems
        return _without_future_misreadings(word, out)
    seen = set(out)
    for c in base:
        n = len(c)
        for s, k in _more_suffixes_by_last.get(c[-1], ()):
            if n - k >= 3 and c.endswith(s):
                r = c[:-k]
                if r not in seen:
                    seen.add(r)
                    out.append(r)
    _add_rebuilt_readings(word, out, seen)
    return _without_future_misreadings(word, out)


def _add_rebuilt_readings(word: str, out: list[str], seen: set[str]) -> None:
    """Append to ``out`` the readings ``candidates`` rebuilds rather than cuts: teh marbuta
    before a pronoun, then first-person imperfectives as third person (each rule over what
    stood before it)."""
    for c in out[:]:
        if c[-1] == "ت" and len(c) >= 4 and c != word:
            r = c[:-1] + "ه"
            if r not in seen:
                seen.add(r)
                out.append(r)
    for c in out[:]:
        if c[0] in "نا" and len(c) >= 4:
            r = "ي" + c[1:]
            if r not in seen:
                seen.add(r)
                out.append(r)


def has_known_reading(word: str, glosses: Glosses) -> bool:
    """Whether a reading in ``candidates(word)`` has glosses in ``glosses``: the same rules
    over sets, stopping at the first hit and caching nothing (a substring of a glued token
    is asked once; ``tests/test_speed_equivalence.py`` pins it to ``candidates``)."""
    stems = ar_stems(word)
    future = "س" in word[:4]  # only then can ``_clitics_ok`` drop a reading
    if any(glosses.get(c) and (not future or _clitics_ok(word, c)) for c in stems):
        return True
    if len(word) < 4:  # the rules below need four letters
        return False
    rest = [c[:-k] for c in stems for s, k in _more_suffixes_by_last.get(c[-1], ())
            if len(c) - k >= 3 and c.endswith(s)]
    rest += [c[:-1] + "ه" for c in (*stems, *rest) if c[-1] == "ت" and len(c) >= 4 and c != word]
    rest += ["ي" + c[1:] for c in (*stems, *rest) if c[0] in "نا" and len(c) >= 4]
    return any(glosses.get(c) and (not future or _clitics_ok(word, c)) for c in rest)


#: Spoken-Arabic affixes seen through by ``dialect_readings`` (normalised forms).
#: Negation circumfix (Egyptian, Levantine): ``ما``/``م`` + verb + ``ش`` (``مابيفهمش``,
#: ``ماعتقدش``); both prefixes are tried, since ``ما`` may be the verb's own first letters.
DIALECT_NEGATION = (("ما", "ش"), ("م", "ش"))
#: Future prefixes before an imperfective (Egyptian ``ه``, Levantine ``ح``: ``هتزيد``,
#: ``حيروح``); the continuous ``ب`` (``بيفهم``) is a proclitic of ``ar_stems`` already.
DIALECT_FUTURE = "هح"
#: Prefixes standing for a standard article phrase: ``هال`` "this (the)" (Levantine, Gulf:
#: ``هالشهر``) and ``عال`` "on the" (Levantine: ``عالبيت``), with a conjunction or preposition
#: before them; each is read as the article ``ال`` + the rest. Longest first.
DIALECT_ARTICLE_PREFIXES = ("بهال", "وهال", "لهال", "فهال", "وعال", "هال", "عال")
#: Indirect-object suffixes ``ل`` + pronoun written onto the verb (Egyptian, Levantine:
#: ``قالولنا``, ``حكتلي``, ``جابلك``). Longest first.
DIALECT_OBJECT_SUFFIXES = ("لكم", "لهم", "لها", "لنا", "لكو", "لي", "لك", "له", "لو")


def dialect_readings(word: str) -> tuple[str, ...]:
    """Standard spellings of a normalised word written as spoken Arabic writes it, to look
    up when the word has no reading the table knows (``Lexicon.lookup``).

    Spoken Arabic (Egyptian, Levantine, Gulf) adds affixes that a standard light stemmer
    does not know (``DIALECT_*``) and writes hamza as it sounds: ``اي`` for ``ائ``
    (``نتايج`` = ``نتائج``) and no final hamza (``كهربا`` = ``كهرباء``). Each rule is applied
    once, in that order, to the word and to what the earlier rules made of it; the table is
    then asked for the ``candidates`` of every form. Only words with no standard reading go
    this way, so standard text keeps its glosses: a misreading can only add glosses to a
    word that had none.

    >>> dialect_readings("مابيفهمش")[:1], dialect_readings("هالشهر"), dialect_readings("حكتلي")
    (('بيفهم',), ('الشهر',), ('حكت',))
    """
    forms = [word]
    for rule in (_negation, _future, _article_prefix, _object_suffix, _spoken_hamza):
        forms += [g for f in forms for g in rule(f)]
    return tuple(dict.fromkeys(f for f in forms[1:] if f != word))


def _negation(f: str) -> list[str]:
    return [f[len(pre):-len(suf)] for pre, suf in DIALECT_NEGATION
            if f.startswith(pre) and f.endswith(suf) and len(f) - len(pre) - len(suf) >= 3]


def _future(f: str) -> list[str]:
    return [f[1:]] if len(f) >= 4 and f[0] in DIALECT_FUTURE and f[1] in _IMPERFECTIVE else []


def _article_prefix(f: str) -> list[str]:
    pre = next((p for p in DIALECT_ARTICLE_PREFIXES if f.startswith(p)), "")
    return ["ال" + f[len(pre):]] if pre and len(f) - len(pre) >= 2 else []


def _object_suffix(f: str) -> list[str]:
    suf = next((s for s in DIALECT_OBJECT_SUFFIXES if f.endswith(s)), "")
    return [f[: -len(suf)]] if suf and len(f) - len(suf) >= 3 else []


def _spoken_hamza(f: str) -> list[str]:
    out: list[str] = []
    i = f.find("اي", 1)
    if 0 < i < len(f) - 2:
        out.append(f[:i] + "ائ" + f[i + 2:])
    if f.endswith("ا") and len(f) >= 3:
        out.append(f + "ء")
    return out


def _without_future_misreadings(word: str, readings: list[str]) -> tuple[str, ...]:
    """The readings that pass ``_clitics_ok``; all of them when no ``س`` stands in the first
    four letters (no future prefix to misread), which is most words."""
    if "س" not in word[:4]:
        return tuple(readings)
    return tuple(c for c in readings if _clitics_ok(word, c))


#: ``_MORE_SUFFIXES`` grouped by their last letter, each group in the table's order: a
#: word is only tried against the suffixes it can end with (lower-case: derived, not hashed).
_more_suffixes_by_last: dict[str, tuple[tuple[str, int], ...]] = {
    last: tuple((s, len(s)) for s in _MORE_SUFFIXES if s[-1] == last)
    for last in {s[-1] for s in _MORE_SUFFIXES}
}


def _clitics_ok(word: str, cand: str) -> bool:
    """False if ``cand`` can only be ``word`` minus a future ``س`` before a non-verb."""
    offsets = [k for k in range(min(5, len(word))) if word.startswith(cand, k)]
    if not offsets:  # built by a rule above (teh marbuta, imperfective), not a substring
        return True
    return any(k == 0 or word[k - 1] != "س" or cand[0] in _IMPERFECTIVE for k in offsets)


def default_path() -> Path:
    """The table shipped with tawazi.

    From a checkout it is ``<repo>/corpora/lexicon/ar-en.tsv``; an installed wheel carries
    ``corpora/`` as ``align/_corpora`` (pyproject's ``force-include``). A gzip-compressed table
    (``ar-en.tsv.gz``) is used when the plain one is absent.
    """
    here = Path(__file__).resolve().parent.parent  # align/
    for base in (here.parent / "corpora", here / "_corpora"):
        for name in (_TABLE, _TABLE.with_name(_TABLE.name + ".gz")):
            if (base / name).is_file():
                return base / name
    raise FileNotFoundError(
        f"lexicon table {_TABLE} not found under {here.parent / 'corpora'} or {here / '_corpora'}"
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Arabic key -> English stems, plus the short hash of the file it came from."""

    glosses: Glosses
    sha: str
    path: str = ""
    _cache: dict[str, frozenset[str]] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
    _standard_cache: dict[str, frozenset[str]] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )

    def __len__(self) -> int:
        return len(self.glosses)

    def matches(self, ar_word_normalised: str) -> list[tuple[str, tuple[str, ...]]]:
        """The readings of the word that the table knows, with their glosses (for the UI)."""
        g = self.glosses
        got = [(c, g[c]) for c in candidates(ar_word_normalised) if c in g]
        if got:
            return got
        return [(c, g[c]) for form in dialect_readings(ar_word_normalised)
                for c in candidates(form) if c in g]

    def lookup(self, ar_word_normalised: str) -> frozenset[str]:
        """English stems for a normalised Arabic word, seen through its clitics and affixes.

        Light stemming cannot tell which split of a word is right (``وزير`` is "minister",
        not ``و`` + ``زير``; ``والقوات`` is ``و`` + ``ال`` + ``قوات``), so every reading in
        :func:`candidates` is a hypothesis. The answer is the union of the glosses of all
        readings the table knows. Keeping only the most specific (longest) known reading was
        the first design; it finds far fewer true matches, as measured below.

        Measured alternatives on the shipped table (seed 002: % of Arabic content words with a
        gloss stem in the aligned / in another English sentence; in brackets the same on 1,500
        English-Arabic gettext messages of the system's ``.mo`` catalogs, an independent set):
        first known candidate 63.9/13.1 (49.2/1.8), longest known candidates only 65.4/12.8
        (49.7/1.8), union of all 78.2/17.0 (56.5/2.3), union with two-letter readings only as
        a fallback 77.5/16.4 (56.2/2.3). The longest reading is often a FreeDict surface form
        with thin or odd glosses (``العسكريه`` "militar", ``التسويه`` "braise") that hides the
        Buckwalter stem (``عسكري`` "military", ``تسوي`` "settlement"); the union keeps both,
        at a small cost in random hits, which mostly come from topic words that recur across a
        document (Iraq, American, forces). Plain ``ar_stems`` candidates give 77.9/17.0
        (56.2/2.3) with the union.
        """
        hit = self._cache.get(ar_word_normalised)
        if hit is not None:
            return hit
        result = self.lookup_standard(ar_word_normalised)
        if not result:  # no standard reading: perhaps spoken Arabic (``dialect_readings``)
            g = self.glosses
            found = [g[c] for form in dialect_readings(ar_word_normalised)
                     for c in candidates(form) if c in g]
            result = frozenset().union(*found) if found else result
        self._cache[ar_word_normalised] = result
        return result

    def knows(self, ar_word_normalised: str) -> bool:
        """``bool(self.lookup_standard(word))``, for ``features.glued_pieces``, which asks it
        of some ten substrings per letter of a glued token, nine in ten of them unknown:
        :func:`has_known_reading` answers without building, ordering or keeping the readings
        (a third of the time)."""
        hit = self._standard_cache.get(ar_word_normalised)
        if hit is not None:
            return bool(hit)
        return has_known_reading(ar_word_normalised, self.glosses)

    def lookup_standard(self, ar_word_normalised: str) -> frozenset[str]:
        """``lookup`` without the spoken-Arabic readings: for cutting a token typed without
        spaces into words (``features.glued_pieces``), where ``هال`` or ``م...ش`` would make
        a piece of any letters that happen to stand there."""
        hit = self._standard_cache.get(ar_word_normalised)
        if hit is not None:
            return hit
        g = self.glosses
        found = [g[c] for c in candidates(ar_word_normalised) if c in g]
        result: frozenset[str] = frozenset().union(*found) if found else frozenset()
        self._standard_cache[ar_word_normalised] = result
        return result


def parse(data: bytes, path: str = "") -> Lexicon:
    """A :class:`Lexicon` from the bytes of a table (plain or gzip-compressed)."""
    sha = hashlib.sha256(data).hexdigest()[:12]
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    # Interning the English stems saves about a quarter of the memory (11 of 46 MB; batch runs
    # one process per core); pausing the cycle collector, which would otherwise scan the
    # growing dict again and again, saves about a quarter of the time. Equal gloss tuples are
    # one object too (46,548 distinct of 79,127): ``marshal`` then keeps one copy of each,
    # and the cache loads a tenth faster.
    intern: dict[str, str] = {}
    same: dict[tuple[str, ...], tuple[str, ...]] = {}
    glosses: Glosses = {}
    enabled = gc.isenabled()
    gc.disable()
    try:
        for line in data.decode("utf-8").splitlines():
            if not line or line[0] == "#":
                continue
            key, _, value = line.partition("\t")
            stems = tuple(dict.fromkeys([intern.setdefault(s, s) for s in value.split()]))
            glosses[key] = same.setdefault(stems, stems)
    finally:
        if enabled:
            gc.enable()
    return Lexicon(glosses=glosses, sha=sha, path=path)


#: Tables smaller than this are parsed each time (a test's table of three lines): the cache
#: is for the shipped table, whose parse was a visible part of every run.
_cache_min_bytes = 64 * 1024


def _cache_file(sha256: str) -> Path | None:
    """Where the parsed table of this sha256 is kept, or ``None`` (caching is off).

    ``$TAWAZI_CACHE_DIR`` (empty: off), else ``$XDG_CACHE_HOME/tawazi``, else
    ``~/.cache/tawazi``. The name carries the Python version, since ``marshal``'s format
    may change between versions.
    """
    env = os.environ.get("TAWAZI_CACHE_DIR")
    if env == "":
        return None
    if env:
        base = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "tawazi"
    # v2: gloss tuples (v1 held frozensets); v3: equal tuples shared.
    tag = f"py{sys.version_info[0]}{sys.version_info[1]}m{marshal.version}v3"
    return base / f"lexicon-{sha256}-{tag}.marshal"


def _read_cache(file: Path) -> Glosses | None:
    """The glosses kept in ``file``, or ``None`` if it is missing or damaged.

    The file is the sha256 of its payload, then the payload (``marshal`` of the glosses:
    no code runs on load, unlike pickle); a payload that does not match is never loaded.
    The cycle collector is paused as in ``parse``.
    """
    try:
        data = file.read_bytes()
    except OSError:
        return None
    digest, payload = data[:32], data[32:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        glosses = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()
    return glosses if isinstance(glosses, dict) else None


def _write_cache(file: Path, glosses: Glosses) -> None:
    """Keep ``glosses`` in ``file``, atomically; a cache that cannot be written is skipped
    (a read-only home), since it only saves time."""
    payload = marshal.dumps(glosses)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".lexicon-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int, size: int) -> Lexicon:
    data = path.read_bytes()
    if len(data) < _cache_min_bytes:
        return parse(data, str(path))
    sha256 = hashlib.sha256(data).hexdigest()
    file = _cache_file(sha256)
    glosses = _read_cache(file) if file is not None else None
    if glosses is not None:
        return Lexicon(glosses=glosses, sha=sha256[:12], path=str(path))
    lex = parse(data, str(path))
    if file is not None:
        _write_cache(file, lex.glosses)
    return lex


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Load the lexicon table once per process; default: the table shipped with tawazi.

    The cache is keyed by the file's path, modification time and size, so a table rebuilt
    while a process runs (the TUI, a test) is read again rather than served stale. Across
    processes, the parsed table is kept in a file named by its sha256 (``_cache_file``).
    """
    p = (path or default_path()).resolve()
    st = p.stat()
    return _load(p, st.st_mtime_ns, st.st_size)
