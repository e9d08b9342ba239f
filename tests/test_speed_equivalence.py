"""The fast paths of the core give exactly what the plain code they replaced gave.

Speed work (issue 15) rewrote the word regex, memoised per-word keys and shares each
sentence's units between the aligner, refinement and the scorer; none of it may change a
single bead, score or flag. These tests pin the fast forms against the slow reference forms
on random text, so that a later edit to one is caught.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.evidence.lexicon import Lexicon
from tawazi.align.text.normalize import _WORD_RE, normalize_ar, words

_ALPHABET = "ab Zé'’-.,_ ١٢3\u064b\u064e\u0640\u0670\u065fبت ٫٬x\n!ًّ"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_word_regex_matches_reference(text: str) -> None:
    ref = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    assert words(text) == ref


def _camel_normalize_ar(text: str, *, dediac: bool = True, letters: bool = True) -> str:
    """``normalize_ar`` as first written, calling camel-tools."""
    import unicodedata

    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    text = unicodedata.normalize("NFKC", text).replace("\u0640", "")
    if dediac:
        text = dediac_ar(text)
    if letters:
        text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return text


def test_normalize_ar_matches_camel_tools_on_every_bmp_character() -> None:
    chars = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    for dediac in (False, True):
        for letters in (False, True):
            got = normalize_ar(chars, dediac=dediac, letters=letters)
            assert got == _camel_normalize_ar(chars, dediac=dediac, letters=letters)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET + "أإآٱىةـًٌٍَُِّْٰ", max_size=24))
def test_normalize_ar_matches_camel_tools(text: str) -> None:
    assert normalize_ar(text) == _camel_normalize_ar(text)


def test_suffix_indexes_hold_the_tables_in_order() -> None:
    from tawazi.align.evidence import lexicon
    from tawazi.align.text import normalize

    more = {last: tuple(s for s, _ in group)
            for last, group in lexicon._more_suffixes_by_last.items()}
    assert all(k == len(s) for g in lexicon._more_suffixes_by_last.values() for s, k in g)
    for table, index in ((normalize._AR_SUFFIXES, normalize._ar_suffixes_by_last),
                         (lexicon._MORE_SUFFIXES, more)):
        for last, group in index.items():
            assert group == tuple(s for s in table if s.endswith(last))
        assert sorted(s for g in index.values() for s in g) == sorted(table)
    for first, group in normalize._clitics_by_first.items():
        assert group == tuple(p for p in normalize.CLITICS_STEM if p.startswith(first))


def _candidates_plain(word: str, *, keep_all: bool = False) -> tuple[str, ...]:
    """``lexicon.candidates`` as first written (a closure, every rule on every word);
    ``keep_all``: before ``_clitics_ok`` drops the future misreadings."""
    from tawazi.align.evidence.lexicon import _MORE_SUFFIXES, _clitics_ok
    from tawazi.align.text.normalize import ar_stems

    base = ar_stems(word)
    out = list(base)
    seen = set(out)

    def add(c: str) -> None:
        if c not in seen:
            seen.add(c)
            out.append(c)

    for c in base:
        for s in _MORE_SUFFIXES:
            if c.endswith(s) and len(c) - len(s) >= 3:
                add(c[: -len(s)])
    for c in tuple(out):
        if c != word and c.endswith("ت") and len(c) >= 4:
            add(c[:-1] + "ه")
    for c in tuple(out):
        if c[0] in "نا" and len(c) >= 4:
            add("ي" + c[1:])
    return tuple(c for c in out if keep_all or _clitics_ok(word, c))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="سيتناوبلكالمهفعرش", min_size=1, max_size=11))
def test_candidates_match_the_plain_form(word: str) -> None:
    from tawazi.align.evidence.lexicon import candidates

    assert candidates(word) == _candidates_plain(word)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="سيتناوبلكالمه", min_size=1, max_size=9))
def test_future_shortcut_keeps_what_clitics_ok_keeps(word: str) -> None:
    from tawazi.align.evidence.lexicon import _clitics_ok, _without_future_misreadings
    from tawazi.align.text.normalize import ar_stems

    readings = list(ar_stems(word)) + ["ي" + word[1:]]
    assert _without_future_misreadings(word, readings) == tuple(
        c for c in readings if _clitics_ok(word, c))


def test_pipeline_computes_each_sentence_units_once(
        seed002: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search, refinement and the scorer share one ``UnitCache``: no text's units are
    computed twice in one ``align_pair``, and scoring with the cache gives what scoring
    without it gives."""
    from collections import Counter

    from tawazi.align.evidence import features
    from tawazi.align.pipeline import align_pair
    from tawazi.align.quality.fidelity import score_alignment
    from tawazi.align.text.readers import read_bilingual

    calls: Counter[str] = Counter()
    real_en, real_ar = features.units_en, features.units_ar

    def units_en(text: str) -> list[features.Unit]:
        calls["en:" + text] += 1
        return real_en(text)

    def units_ar(text: str, lexicon: Lexicon) -> list[features.Unit]:
        calls["ar:" + text] += 1
        return real_ar(text, lexicon)

    monkeypatch.setattr(features, "units_en", units_en)
    monkeypatch.setattr(features, "units_ar", units_ar)
    en, ar = read_bilingual(seed002)
    al = align_pair(en, ar)
    assert calls and max(calls.values()) == 1
    monkeypatch.undo()
    assert score_alignment(al).beads == al.beads


def _bench_english_words() -> list[str]:
    """Every lower-cased English word of the bench (when present) and the seeds."""
    import re

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "seeds").glob("*.txt"))
    bench = root.parent / "shared" / "bench"
    if bench.is_dir():
        files += sorted(bench.glob("*/*.en"))
    seen: set[str] = set()
    for f in files:
        seen.update(w.lower() for w in re.findall(r"[A-Za-z]+(?:['’][A-Za-z]+)*",
                                                  f.read_text(encoding="utf-8")))
    return sorted(seen)


def test_english_stemmer_is_snowballs_pure_python_one() -> None:
    """``en_stem`` runs PyStemmer's compiled Snowball; the lexicon's English stems were made
    with snowballstemmer's pure-Python one. Both must stem every word alike."""
    from snowballstemmer.english_stemmer import EnglishStemmer

    from tawazi.align.text.normalize import _en_stemmer

    fast, ref = _en_stemmer(), EnglishStemmer().stemWord
    words_ = _bench_english_words()
    assert len(words_) > 1000
    assert [fast(w) for w in words_] == [ref(w) for w in words_]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="abcdeilnorstuyz'é", min_size=1, max_size=16))
def test_english_stemmer_matches_pure_python_on_random_words(word: str) -> None:
    from snowballstemmer.english_stemmer import EnglishStemmer

    from tawazi.align.text.normalize import _en_stemmer

    assert _en_stemmer()(word) == EnglishStemmer().stemWord(word)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 6), st.integers(1, 9), st.integers(0, 2**32 - 1),
       st.floats(-1.0, 1.0), st.floats(0.0, 1.0))
def test_in_place_cost_terms_match_the_plain_formulas(rows: int, cols: int, seed: int,
                                                      mu: float, floor: float) -> None:
    """The cost grids' in-place forms give ``length_llr`` and ``share_llr`` bit for bit
    (on a row vector against a block, as the grids call them)."""
    import numpy as np

    from tawazi.align.config import CostParams
    from tawazi.align.search.costs import (
        chance_share,
        length_llr,
        length_llr_cells,
        share_llr,
        share_llr_into,
    )

    rng = np.random.default_rng(seed)
    params = CostParams(len_floor=floor)
    le = rng.integers(0, 400, (rows, 1)).astype(float)
    la = rng.integers(0, 400, (rows, cols)).astype(float)
    want = length_llr(np.broadcast_to(le, la.shape), la, mu, params)
    assert length_llr_cells(le, la, mu, params).tobytes() == want.tobytes()
    cov = rng.integers(0, 30, (rows, cols)).astype(float) * rng.random((rows, cols))
    total = rng.random((rows, 1)) * 30
    p0, inv = chance_share(rng.integers(0, 60, (rows, cols)).astype(float), rng.random() / 4)
    want = share_llr(cov, np.broadcast_to(total, cov.shape), p0, inv, params)
    assert share_llr_into(cov.copy(), total, p0, inv, params).tobytes() == want.tobytes()


def _random_cost_inputs(n: int, m: int, seed: int, hw: int):  # type: ignore[no-untyped-def]
    """Cost inputs of two random keyed sides in a band of half width ``hw``."""
    import numpy as np

    from tawazi.align.config import CostParams
    from tawazi.align.evidence.features import Unit, Vocabulary, keyed_side
    from tawazi.align.search.band import band_around
    from tawazi.align.search.costs import cost_inputs, estimate_stats
    from tawazi.align.search.run import pair_grids

    rng = np.random.default_rng(seed)

    def side(k: int) -> list[list[Unit]]:
        return [[Unit(0, 1, "w", (f"k{int(x)}",), float(rng.integers(1, 4)) / 2)
                 for x in rng.integers(0, 15, size=int(rng.integers(0, 6)))] for _ in range(k)]

    vocab = Vocabulary()
    es, as_ = keyed_side(side(n), vocab), keyed_side(side(m), vocab)
    band = band_around(np.linspace(0, m, n + 1), hw, n, m)
    grids = pair_grids(es, as_, band)
    len_en, len_ar = rng.uniform(5, 80, size=n), rng.uniform(5, 80, size=m)
    w_en, w_ar = es.sentence_weight(), as_.sentence_weight()
    stats = estimate_stats(grids, w_en, w_ar, len_en, len_ar)
    return cost_inputs(band, grids, w_en, w_ar, len_en, len_ar, stats, CostParams(),
                       rng.uniform(0, 2, size=n), rng.uniform(0, 2, size=m))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 14), st.integers(1, 14), st.integers(0, 2**32 - 1), st.integers(1, 9))
def test_shared_lexical_sums_match_the_plain_sum(n: int, m: int, seed: int, hw: int) -> None:
    """A bead's lexical score built on the shared English sums (``_Terms.lex``) is bit for
    bit the plain sum of its terms in order (English sentences, then Arabic ones)."""
    import numpy as np

    from tawazi.align.config import BEADS
    from tawazi.align.search.costs import _Terms, _valid

    inp = _random_cost_inputs(n, m, seed, hw)
    rows = np.arange(0, n + 1)[:, None]
    cols = inp.band.lo[:, None] + np.arange(inp.band.width)[None, :]
    readers: dict[tuple[str, int, int], np.ndarray] = {}
    for a, b in BEADS:
        ok = _valid(inp.band, a, b, rows, cols)
        keys = [("en", d, b) for d in range(1, a + 1)] + [("ar", d, a) for d in range(1, b + 1)]
        for key in keys:
            readers[key] = readers[key] | ok if key in readers else ok
    shared, plain = _Terms(inp, rows, cols, readers), _Terms(inp, rows, cols, readers)
    for a, b in BEADS:
        if not (a and b):
            continue
        want = np.zeros(cols.shape)
        for d in range(1, a + 1):
            want += plain.term("en", d, b)
        for d in range(1, b + 1):
            want += plain.term("ar", d, a)
        assert shared.lex(a, b).tobytes() == want.tobytes(), (a, b)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(0, 2**32 - 1), st.integers(1, 9),
       st.sampled_from([0, 2_000, 1 << 30]))
def test_lexical_scores_kept_for_the_next_pass_give_the_same_costs(
        n: int, m: int, seed: int, hw: int, budget: int) -> None:
    """Cost blocks read from a ``LexStore`` (all, some or none of them kept) are those
    computed afresh, and a pass with other chance rates does not read them."""
    from dataclasses import replace

    from tawazi.align.config import BEADS
    from tawazi.align.search.costs import LexStore, make_cost_rows

    inp = _random_cost_inputs(n, m, seed, hw)
    blocks = [(r, min(n + 1, r + 4)) for r in range(0, n + 1, 4)]
    want = [make_cost_rows(inp)(BEADS, r0, r1).tobytes() for r0, r1 in blocks]
    store = LexStore(budget)
    for _ in range(2):  # fill, then read
        got = [make_cost_rows(inp, store)(BEADS, r0, r1).tobytes() for r0, r1 in blocks]
        assert got == want
    other = replace(inp, stats=replace(inp.stats, q_en=inp.stats.q_en / 2))
    assert ([make_cost_rows(other, store)(BEADS, r0, r1).tobytes() for r0, r1 in blocks]
            == [make_cost_rows(other)(BEADS, r0, r1).tobytes() for r0, r1 in blocks])


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 3000), st.integers(1, 300), st.integers(1, 200), st.integers(1, 60),
       st.integers(0, 2**32 - 1))
def test_first_keys_in_runs_of_sentences_match_the_whole(
        n: int, sents: int, keys: int, chunk: int, seed: int) -> None:
    """``features._first_keys`` done in runs of whole sentences gives the arrays of one
    sort over the whole side."""
    import numpy as np

    from tawazi.align.evidence import features

    rng = np.random.default_rng(seed)
    pair_sent = np.sort(rng.integers(0, sents, n)).astype(np.int32)
    pair_key = rng.integers(0, keys, n).astype(np.int32)
    want = features._first_keys_of(pair_sent, pair_key)
    saved = features._first_keys_chunk
    features._first_keys_chunk = chunk
    try:
        got = features._first_keys(pair_sent, pair_key)
    finally:
        features._first_keys_chunk = saved
    for x, y in zip(got, want, strict=True):
        assert x.dtype == y.dtype and np.array_equal(x, y)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False, width=32), min_size=1, max_size=40),
       st.booleans())
def test_coarse_median_is_numpys(values: list[float], single: bool) -> None:
    import numpy as np

    from tawazi.align.search.coarse import _median

    x = np.array(values, dtype=np.float32 if single else np.float64)
    assert _median(x) == float(np.median(x))


def _glued_pieces_plain(norm: str, lexicon: Lexicon) -> list[tuple[str, bool]] | None:
    """``features.glued_pieces`` as first written: every piece looked up."""
    from tawazi.align.text.stopwords import arabic_stopwords

    n = len(norm)

    def known(piece: str) -> bool:
        return piece in arabic_stopwords or (len(piece) >= 3
                                             and bool(lexicon.lookup_standard(piece)))

    best: list[tuple[float, list[tuple[str, bool]]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(2, n + 1):
        for j in range(max(0, i - 12), i - 1):
            prev = best[j]
            if prev is None:
                continue
            piece = norm[j:i]
            is_known = known(piece)
            if not is_known and (len(piece) < 3 or (prev[1] and not prev[1][-1][1])):
                continue
            score = prev[0] + (len(piece) if is_known else 0.0) - 0.5
            if best[i] is None or score > best[i][0]:  # type: ignore[index]
                best[i] = (score, [*prev[1], (piece, is_known)])
    end = best[n]
    if end is None or len(end[1]) < 2:
        return None
    covered = sum(len(p) for p, k in end[1] if k)
    return end[1] if covered >= 0.7 * n else None


@functools.lru_cache(maxsize=1)
def _table_words(sha: str) -> list[str]:
    from tawazi.align.evidence.lexicon import load_lexicon

    return sorted(k for k in load_lexicon().glosses if 2 <= len(k) <= 7)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 10**9), min_size=2, max_size=9), st.integers(0, 10**9),
       st.text(alphabet="سصضطظغ", max_size=4))
def test_glued_pieces_match_the_plain_search(picks: list[int], at: int, junk: str) -> None:
    """Glued tokens made of the shipped table's words and function words, some with
    letters that are no word inserted: the pruned search cuts them as the plain one did."""
    from tawazi.align.evidence.features import glued_pieces
    from tawazi.align.evidence.lexicon import load_lexicon
    from tawazi.align.text.stopwords import arabic_stopwords

    lex = load_lexicon()
    words = _table_words(lex.sha) + sorted(arabic_stopwords)
    token = "".join(words[p % len(words)] for p in picks)
    token = token[: at % (len(token) + 1)] + junk + token[at % (len(token) + 1):]
    assert glued_pieces(token, lex) == _glued_pieces_plain(token, lex)


def _clitic_words() -> st.SearchStrategy[str]:
    """A clitic or two, then a form of one of the typed-key tables or a stray word."""
    from tawazi.align.evidence import keys as K

    forms = sorted({*K.AR_MONTHS, *K.AR_MONTHS_2, *K.AR_WEEKDAYS, *K.AR_NUMBER_WORDS})
    return st.builds(lambda pre, body, tail: pre + body + tail,
                     st.sampled_from(["", "و", "ب", "وب", "ف", "ل", "ال", "لل", "س"]),
                     st.sampled_from([*forms, "بيت", "ال"]),
                     st.sampled_from(["", "", "ه", "ا"]))


@settings(max_examples=3000, deadline=None)
@given(_clitic_words())
def test_clitic_index_matches_strip_clitic(word: str) -> None:
    from tawazi.align.evidence import keys as K

    for table in (K.AR_MONTHS, K.AR_MONTHS_2, K.AR_WEEKDAYS, K.AR_NUMBER_WORDS):
        assert K.clitic_index(table).get(word) == K.strip_clitic(word, table)



@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="سيتناوبلكالمهفعرش", min_size=1, max_size=11),
       st.lists(st.text(alphabet="سيتناوبلكالمه", min_size=2, max_size=6), max_size=20))
def test_has_known_reading_matches_lookup_standard(word: str, keys: list[str]) -> None:
    """Each reading the rules can make, alone in a table (with glosses, without, or among
    random keys), gives ``knows`` what ``lookup_standard`` gives: true exactly for the
    readings ``candidates`` keeps."""
    from tawazi.align.evidence.lexicon import candidates, has_known_reading

    kept = set(candidates(word))
    for reading in (*_candidates_plain(word, keep_all=True), *keys):
        for gloss in (frozenset({"x"}), frozenset()):
            glosses = {reading: gloss}
            want = bool(gloss) and reading in kept
            assert bool(Lexicon(glosses, "t").lookup_standard(word)) == want
            assert has_known_reading(word, glosses) == want
            assert Lexicon(glosses, "t").knows(word) == want


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(0, 2**32 - 1), st.integers(1, 9),
       st.integers(1, 7))
def test_banded_terms_match_the_cell_by_cell_terms(n: int, m: int, seed: int, hw: int,
                                                   block: int) -> None:
    """The lexical terms of a banded block (columns and chance shares once per column,
    indexes checked by a row's or column's ends) are bit for bit those computed cell by
    cell, whatever the block's rows, and so are the cost blocks."""
    import numpy as np

    from tawazi.align.config import BEADS
    from tawazi.align.search.costs import _Terms, _valid, cost_block

    inp = _random_cost_inputs(n, m, seed, hw)
    for r0 in range(0, n + 1, block):
        r1 = min(n + 1, r0 + block)
        rows = np.arange(r0, r1)[:, None]
        cols = inp.band.lo[r0:r1, None] + np.arange(inp.band.width)[None, :]
        readers: dict[tuple[str, int, int], np.ndarray] = {}
        for a, b in BEADS:
            if not (a and b):
                continue
            ok = _valid(inp.band, a, b, rows, cols)
            keys = [("en", d, b) for d in range(1, a + 1)] + [
                ("ar", d, a) for d in range(1, b + 1)]
            for key in keys:
                readers[key] = readers[key] | ok if key in readers else ok
        fast, plain = _Terms(inp, rows, cols, readers), _Terms(inp, rows, cols, readers)
        assert fast.banded
        plain.banded = False
        for key in readers:
            assert fast.term(*key).tobytes() == plain.term(*key).tobytes(), key
        for side, size in fast.chance:
            for x, y in zip(fast.chance[(side, size)], plain._share(side, size),
                            strict=True):
                assert x.tobytes() == y.tobytes()
    # The whole band as one block takes the banded path too; blocks of other sizes give the
    # same rows.
    whole = cost_block(inp, BEADS, 0, n + 1)
    parts = np.concatenate([cost_block(inp, BEADS, r, min(n + 1, r + block))
                            for r in range(0, n + 1, block)], axis=1)
    assert whole.tobytes() == parts.tobytes()


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["May", "Mayo", "Sept.", "Oct", "Sabbath", "sabbath", "the",
                                 "Junee", "Dec", "in", "March", "x", ",", "Jan"]), max_size=12),
       st.sets(st.sampled_from(["@m5", "@m9", "@m12", "@d5", "@d1", "#5", "may", "~mk"])))
def test_month_cands_skip_matches_the_scans(parts: list[str], ar_keys: set[str]) -> None:
    """``_en_month_cands`` returns early when the Arabic side has none of
    ``_month_cand_keys``: every candidate its scans can make (all keys allowed) has its key
    there, so the scans would have kept none; otherwise it keeps what they allow."""
    from tawazi.align.evidence import mentions as M

    text = " ".join(parts)
    every = M._en_month_cands(text, set(M._month_cand_keys))
    assert all(c[3] <= M._month_cand_keys for c in every)
    assert M._en_month_cands(text, ar_keys) == [c for c in every if c[3] <= ar_keys]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="حدثنااخبرسمعقرتضانبأإ ،", max_size=30))
def test_probe_folds_once(text: str) -> None:
    """``isnad._has_probe`` folds the text once; the probes found are those of folding it
    for each probe."""
    from tawazi.align.text import isnad

    assert isnad._has_probe(text) == any(p in text.translate(isnad.FOLD) for p in isnad.PROBES)
