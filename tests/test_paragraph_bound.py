"""Paragraph correspondences found by anchors bound the search (issue 9, point 3):
``search.paragraphs`` (the paragraph DP and its confident pairs), ``search.bound`` (the
blocks between anchors, the bounded band, the segments) and the pipeline around them.

The documents are the TICO-19 documents of ``tests/data/fit_fixture`` (one sentence a line,
one-to-one), laid out in paragraphs of 2-4 lines with the same breaks on both sides, then
edited: a paragraph dropped on one side, two run into one, a paragraph repeated, the
paragraph breaks of one side taken out.
"""

from __future__ import annotations

import random
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from tawazi.align.config import AlignConfig, ParagraphParams
from tawazi.align.errors import OptionError
from tawazi.align.evidence.lexicon import Lexicon, load_lexicon
from tawazi.align.pipeline import ANCHORS_KEY, _keyed, _paragraphs, align_pair
from tawazi.align.search.band import full_band
from tawazi.align.search.bound import bounded_band, make_bound, segments
from tawazi.align.search.paragraphs import align_paragraphs, paragraph_bound
from tawazi.align.search.run import search_document
from tawazi.align.signature import alignment_signature
from tawazi.align.text.segment import split_text
from tawazi.align.types import Alignment, Document

TICO = Path(__file__).resolve().parent / "data" / "fit_fixture" / "tico_clean"
NAMES = ("PubMed_10", "Wikinews_4", "wiki_11", "wiki_20", "Wikisource_1",
         "Wikipedia_handpicked_1")
OFF = replace(AlignConfig(), paragraphs=ParagraphParams(enabled=False))


@cache
def lexicon() -> Lexicon:
    return load_lexicon()


def paragraphs(name: str, seed: int = 0) -> tuple[list[list[str]], list[list[str]]]:
    """The document's lines in paragraphs of 2-4 lines, the same on both sides."""
    en = (TICO / f"{name}.en").read_text(encoding="utf-8").splitlines()
    ar = (TICO / f"{name}.ar").read_text(encoding="utf-8").splitlines()
    rng = random.Random(f"{seed}:{name}")
    pe: list[list[str]] = []
    pa: list[list[str]] = []
    k = 0
    while k < len(en):
        size = rng.randint(2, 4)
        pe.append(en[k:k + size])
        pa.append(ar[k:k + size])
        k += size
    return pe, pa


def text(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras) + "\n"


def docs(pe: list[list[str]], pa: list[list[str]]) -> tuple[Document, Document]:
    return Document(text(pe), "en"), Document(text(pa), "ar")


def paragraph_alignment(pe: list[list[str]], pa: list[list[str]],
                        config: AlignConfig | None = None):  # type: ignore[no-untyped-def]
    config = config or AlignConfig()
    es, as_ = split_text(text(pe), "en"), split_text(text(pa), "ar")
    en, ar, len_en, len_ar, band = _keyed(es, as_, config, lexicon())
    return align_paragraphs(en, ar, len_en, len_ar, [s.paragraph for s in es],
                            [s.paragraph for s in as_], band, config), es, as_


def corners(al: Alignment) -> set[tuple[int, int]]:
    """Every ``(English, Arabic)`` sentence count at which a bead of ``al`` ends."""
    out = {(0, 0)}
    e = a = 0
    for b in al.beads:
        e, a = e + len(b.en), a + len(b.ar)
        out.add((e, a))
    return out


# The bound on its own ----------------------------------------------------------------

def test_a_bead_must_lie_in_one_block_between_anchors() -> None:
    bound = make_bound([(2, 2)], 4, 4, 1e6)
    rows = np.array([[2], [3], [3], [1]])
    cols = np.array([[2], [2], [3], [3]])
    # 1-1 ending at (2, 2) and 2-1 from (1, 1) to (3, 2) (crosses English 2), 2-1 from
    # (1, 2) to (3, 3) (skips the corner), 0-1 from (1, 2) to (1, 3) (leaves the block).
    assert bound.legal(1, 1, rows[:1], cols[:1]).tolist() == [[True]]
    assert bound.legal(2, 1, rows[1:2], cols[1:2]).tolist() == [[False]]
    assert bound.legal(2, 1, rows[2:3], cols[2:3]).tolist() == [[False]]
    assert bound.legal(0, 1, rows[3:], cols[3:]).tolist() == [[False]]
    assert bound.legal(1, 1, np.array([[3]]), np.array([[3]])).tolist() == [[True]]
    first, last = bound.row_limits()
    assert first.tolist() == [0, 0, 0, 2, 2] and last.tolist() == [2, 2, 4, 4, 4]


def test_a_paragraph_missing_on_one_side_is_a_block_of_one_sided_beads() -> None:
    # Arabic 2..4 have no English: corners (2, 2) and (2, 5).
    bound = make_bound([(2, 2), (2, 5)], 4, 7, 1e6)
    assert bound.legal(0, 1, np.array([[2]]), np.array([[4]])).tolist() == [[True]]
    assert bound.legal(1, 1, np.array([[3]]), np.array([[4]])).tolist() == [[False]]
    assert bound.legal(1, 1, np.array([[3]]), np.array([[6]])).tolist() == [[True]]
    first, last = bound.row_limits()
    assert first.tolist() == [0, 0, 0, 5, 5] and last.tolist() == [2, 2, 7, 7, 7]
    band = bounded_band(full_band(4, 7), bound)
    assert int(band.lo[3]) >= 5 - band.width + 1 and int(band.lo[3]) <= 5


def test_anchors_must_be_a_monotone_chain() -> None:
    with pytest.raises(ValueError):
        make_bound([(3, 1), (2, 2)], 4, 4, 1e6)


# The paragraph DP --------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_paragraphs_that_match_bound_the_search_at_true_corners(name: str) -> None:
    pe, pa = paragraphs(name)
    got, es, as_ = paragraph_alignment(pe, pa)
    assert got is not None and got.anchors
    # Every anchor is the start of the same paragraph on both sides (the same breaks).
    for e, a in got.anchors:
        para_en = es[e].paragraph if e < len(es) else len(pe)
        para_ar = as_[a].paragraph if a < len(as_) else len(pa)
        assert para_en == para_ar
        assert e == 0 or e == len(es) or es[e - 1].paragraph != es[e].paragraph
        assert a == 0 or a == len(as_) or as_[a - 1].paragraph != as_[a].paragraph


def test_a_repeated_paragraph_is_ambiguous_and_does_not_bound() -> None:
    pe, pa = paragraphs("PubMed_10")
    k = len(pe) // 2
    # The same paragraph twice in a row on both sides: each copy matches both.
    pe2, pa2 = pe[:k + 1] + [pe[k]] + pe[k + 1:], pa[:k + 1] + [pa[k]] + pa[k + 1:]
    got, _, _ = paragraph_alignment(pe2, pa2)
    assert got is not None
    sure = set(got.confident)
    assert (k, k) not in sure and (k + 1, k + 1) not in sure
    assert len(sure) >= len(pe2) // 2  # the others still do


def test_two_paragraphs_run_into_one_give_no_anchor_between_them() -> None:
    pe, pa = paragraphs("Wikisource_1")
    k = len(pe) // 2
    pa2 = pa[:k] + [pa[k] + pa[k + 1]] + pa[k + 2:]
    got, es, _ = paragraph_alignment(pe, pa2)
    assert got is not None
    # The English break between k and k + 1 has no Arabic counterpart: no anchor there.
    first_sentence = next(i for i, s in enumerate(es) if s.paragraph == k + 1)
    assert got.anchors and all(e != first_sentence for e, _ in got.anchors)


def test_one_side_in_a_single_paragraph_falls_back() -> None:
    pe, pa = paragraphs("wiki_20")
    got, _, _ = paragraph_alignment(pe, [[line for p in pa for line in p]])
    assert got is None
    en, ar = docs(pe, [[line for p in pa for line in p]])
    on, off = align_pair(en, ar), align_pair(en, ar, OFF)
    assert [(b.en, b.ar) for b in on.beads] == [(b.en, b.ar) for b in off.beads]
    assert ANCHORS_KEY not in on.meta


# The bounded search ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["PubMed_10", "Wikipedia_handpicked_1"])
def test_the_bounded_search_passes_every_anchor_and_segments_change_nothing(name: str
                                                                            ) -> None:
    pe, pa = paragraphs(name)
    cfg = AlignConfig()
    es, as_ = split_text(text(pe), "en"), split_text(text(pa), "ar")
    en, ar, len_en, len_ar, band = _keyed(es, as_, cfg, lexicon())
    marks = _paragraphs(es, as_, cfg)
    bound = paragraph_bound(en, ar, len_en, len_ar, [s.paragraph for s in es],
                            [s.paragraph for s in as_], band, cfg)
    assert bound is not None and bound.anchors > 0
    assert len(segments(band, bound, 4)) > 1
    paths = []
    for rows in (4, 10**6):
        c = replace(cfg, paragraphs=replace(cfg.paragraphs, segment_rows=rows))
        got = search_document(en, ar, len_en, len_ar, band, c, paragraphs=marks, bound=bound)
        assert got.anchors == bound.anchors
        paths.append(got.path)
    assert paths[0] == paths[1]
    ends = {(0, 0)}
    e = a = 0
    for be, ba, _ in paths[0]:
        e, a = e + len(be), a + len(ba)
        ends.add((e, a))
    assert {(int(x), int(y)) for x, y in zip(bound.en, bound.ar, strict=True)} <= ends


@pytest.mark.parametrize("name,side", [("PubMed_10", "ar"), ("Wikinews_4", "ar"),
                                       ("Wikipedia_handpicked_1", "en")])
def test_a_dropped_paragraph_comes_out_one_sided(name: str, side: str) -> None:
    pe, pa = paragraphs(name)
    k = len(pe) // 2
    if side == "ar":
        pa = pa[:k] + pa[k + 1:]
    else:
        pe = pe[:k] + pe[k + 1:]
    en, ar = docs(pe, pa)
    al = align_pair(en, ar, lexicon=lexicon())
    assert int(al.meta[ANCHORS_KEY]) > 0
    # The sentences of the paragraph the other side lacks are all in one-sided beads.
    sents = al.ar_sents if side == "en" else al.en_sents
    lost = {i for i, s in enumerate(sents) if s.paragraph == k}
    for b in al.beads:
        mine, other = (b.en, b.ar) if side == "ar" else (b.ar, b.en)
        if lost & set(mine):
            assert not other, f"bead {b.type} pairs a sentence of the missing paragraph"


def test_the_bound_is_in_the_signature_and_can_be_turned_off() -> None:
    assert alignment_signature(AlignConfig(), "x") != alignment_signature(OFF, "x")
    pe, pa = paragraphs("Wikinews_4")
    en, ar = docs(pe, pa)
    assert align_pair(en, ar, OFF).meta[ANCHORS_KEY] == "0"


def test_paragraph_params_are_checked() -> None:
    for bad in ({"ratio": 0.5}, {"min_shared": 0}, {"segment_rows": 0},
                {"priors": {(1, 1): 0.9}}, {"priors": {(1, 1): 0.8, (1, 0): 0.1, (0, 1): 0.1,
                                                       (3, 1): 0.01}}):
        with pytest.raises(OptionError):
            ParagraphParams(**bad)  # type: ignore[arg-type]
