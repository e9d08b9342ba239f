"""Re-alignment around a reviewer's fixed beads (``review.edit.realign_unapproved``,
``pipeline.realign``) and rescoring with the document's own statistics (``edit.rescore``).

The documents: seed 002, the TICO-19 documents of ``tests/data/fit_fixture`` as they are
(one-to-one), and bench-like variants of them (lines dropped on one side, neighbours joined
into one line, some joined Arabic lines without the stop between them, which refinement
must cut again).
"""

from __future__ import annotations

import random
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawazi.align.config import AlignConfig
from tawazi.align.evidence.lexicon import Lexicon, load_lexicon
from tawazi.align.pipeline import _keyed, _paragraphs, align_pair
from tawazi.align.pipeline import _runs as pipeline_runs
from tawazi.align.quality.fidelity import MU_KEY, alignment_mu
from tawazi.align.review import edit
from tawazi.align.review.edit import EditError
from tawazi.align.review.session import first_alignment, open_inputs
from tawazi.align.search.model import search_with_model
from tawazi.align.search.run import align_sides
from tawazi.align.types import Alignment, Bead, Document, check_alignment
from tests.conftest import SEEDS

TICO = Path(__file__).resolve().parent / "data" / "fit_fixture" / "tico_clean"
NAMES = ("PubMed_10", "Wikinews_4", "wiki_11", "wiki_20", "Wikisource_1",
         "Wikipedia_handpicked_1")


def _lines(name: str, lang: str) -> list[str]:
    return (TICO / f"{name}.{lang}").read_text(encoding="utf-8").splitlines()


def _hard(en: list[str], ar: list[str], seed: int) -> tuple[list[str], list[str]]:
    """A ``*_hard``-like variant: about one line in twelve dropped on one side, one in ten
    joined with the next on one side; every third Arabic join loses its stop."""
    rng = random.Random(seed)
    out_en: list[str] = []
    out_ar: list[str] = []
    for e, a in zip(en, ar, strict=True):
        r = rng.random()
        if r < 0.04:
            out_en.append(e)
        elif r < 0.08:
            out_ar.append(a)
        elif r < 0.13 and out_en:
            out_en[-1] += " " + e
            out_ar.append(a)
        elif r < 0.18 and out_ar:
            prev = out_ar[-1].rstrip(".۔") if rng.random() < 0.33 else out_ar[-1]
            out_ar[-1] = prev + " " + a
            out_en.append(e)
        else:
            out_en.append(e)
            out_ar.append(a)
    return out_en, out_ar


def _no_stops(ar: list[str], seed: int) -> list[str]:
    """Arabic typed without stops: runs of one to three lines as one sentence."""
    rng = random.Random(seed)
    out, i = [], 0
    while i < len(ar):
        k = rng.choice((1, 2, 3))
        out.append(" ".join(line.rstrip().rstrip(".۔") for line in ar[i : i + k]) + ".")
        i += k
    return out


@cache
def lexicon() -> Lexicon:
    return load_lexicon()


@cache
def document(key: str) -> tuple[Document, Document]:
    """``seed002``, a TICO name, ``NAME/hard/SEED`` or ``NAME/nostop/SEED`` (the Arabic in
    one paragraph, refinement has sentences to cut)."""
    if key == "seed002":
        inputs = open_inputs([next(SEEDS.glob("002_*.txt"))])
        return inputs.en_doc, inputs.ar_doc
    name, kind, seed = (key.split("/") + ["", ""])[:3]
    en, ar = _lines(name, "en"), _lines(name, "ar")
    if kind == "hard":
        en, ar = _hard(en, ar, int(seed))
    if kind == "nostop":
        return Document("\n\n".join(en), "en"), Document(" ".join(_no_stops(ar, int(seed))), "ar")
    return Document("\n\n".join(en), "en"), Document("\n\n".join(ar), "ar")


@cache
def aligned(key: str) -> Alignment:
    en, ar = document(key)
    return align_pair(en, ar, lexicon=lexicon())


DOCS = ("seed002", *NAMES, *(f"{n}/hard/{s}" for n in NAMES for s in (1, 2)),
        *(f"{n}/nostop/1" for n in NAMES))


def realign(al: Alignment) -> Alignment:
    return edit.realign_unapproved(al, lexicon=lexicon())


def keyed(al: Alignment, b: Bead) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """A bead by its English indexes and its Arabic spans (indexes move when a stretch
    before it has a sentence cut)."""
    return b.en, tuple((al.ar_sents[j].start, al.ar_sents[j].end) for j in b.ar)


# The model search repeats run.align_sides ----------------------------------------------

@pytest.mark.parametrize("key", DOCS[:5])
def test_the_model_search_is_align_sides(key: str) -> None:
    al = aligned(key)
    # PubMed_10 with a band around the coarse path, the others searched whole.
    cfg = AlignConfig(full_cells=0) if key == "PubMed_10" else AlignConfig()
    sides = _keyed(al.en_sents, al.ar_sents, cfg, lexicon())
    para = _paragraphs(al.en_sents, al.ar_sents, cfg)
    path, model = search_with_model(*sides, cfg, para)
    assert path == align_sides(*sides, cfg, paragraphs=para)
    assert model.stats.q_en > 0


# Nothing fixed, or only beads the aligner chose: nothing moves ---------------------------

@pytest.mark.parametrize("key", DOCS)
def test_nothing_fixed_gives_the_aligners_own_alignment(key: str) -> None:
    al = aligned(key)
    out = realign(al)
    assert out.beads == al.beads
    assert all(a is b for a, b in zip(out.beads, al.beads, strict=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOCS), st.lists(st.integers(0, 10_000), max_size=6))
def test_approving_beads_the_aligner_chose_changes_nothing(key: str, picks: list[int]) -> None:
    al = aligned(key)
    for k in picks:
        al = edit.set_status(al, k % len(al.beads), "approved")
    out = realign(al)
    assert out.beads == al.beads


def test_a_reviewers_messed_up_stretch_goes_back_to_the_aligners_beads() -> None:
    al0 = aligned("PubMed_10/hard/1")
    al = edit.set_status(al0, 2, "approved")
    al = edit.merge_next(al, 5)  # not approved: re-alignment may undo it
    al = edit.unlink(al, 9)
    assert realign(al).beads == al0.beads[:2] + (al.beads[2],) + al0.beads[3:]


# Moved fixed points: only the stretches next to them change ------------------------------

MOVES = ("merge_next", "split", "unlink", "shift", "edit")


def _move(al: Alignment, op: str, k: int, x: int) -> tuple[Alignment, list[int]]:
    """``al`` with one reviewer's edit at bead ``k`` and the beads it made (all fixed:
    approved, or edited)."""
    bead = al.beads[k]
    if op == "merge_next":
        return edit.merge_next(al, k), [k]
    if op == "split":
        return edit.split_bead(al, k, x % (len(bead.en) + 1), (x // 3) % (len(bead.ar) + 1)), [
            k, k + 1]
    if op == "unlink":
        return edit.unlink(al, k), [k, k + 1]
    if op == "shift":
        new = edit.shift(al, k, "en" if x % 2 else "ar", "last")
        return new, [k, k + 1][: len(new.beads) - len(al.beads) + 2]
    return edit.edit_text(al, k, "en", f"{al.bead_text(bead, 'en')} [edited]"), []


def _runs(al: Alignment) -> list[tuple[int, int]]:
    return pipeline_runs([b.status == "approved" or b.en_edit is not None
                          or b.ar_edit is not None for b in al.beads])


def _points(beads: tuple[Bead, ...]) -> list[tuple[int, int]]:
    out, e, a = [(0, 0)], 0, 0
    for b in beads:
        e, a = e + len(b.en), a + len(b.ar)
        out.append((e, a))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOCS), st.lists(st.tuples(st.sampled_from(MOVES),
                                                 st.integers(0, 10_000), st.integers(0, 99)),
                                       min_size=1, max_size=3),
       st.lists(st.integers(0, 10_000), max_size=4))
def test_only_stretches_next_to_a_moved_fixed_bead_change(
    key: str, moves: list[tuple[str, int, int]], picks: list[int]
) -> None:
    al0 = aligned(key)
    al = al0
    for op, k, x in moves:
        k %= len(al.beads)
        try:
            al, made = _move(al, op, k, x)
        except EditError:
            continue
        for j in made:
            al = edit.set_status(al, j, "approved")
    for k in picks:
        al = edit.set_status(al, k % len(al.beads), "approved")
    out = realign(al)
    check_alignment(out)
    kept = {keyed(out, b): b for b in out.beads}
    # Every fixed bead is kept, with its status and edits.
    for b in al.beads:
        if b.status == "approved" or b.en_edit is not None or b.ar_edit is not None:
            got = kept[keyed(al, b)]
            assert (got.status, got.en_edit, got.ar_edit) == (b.status, b.en_edit, b.ar_edit)
    # A stretch between two fixed points the aligner's path passes through is the path.
    on_path = set(_points(al0.beads))
    points = _points(al.beads)
    for start, stop in _runs(al):
        if points[start] in on_path and points[stop] in on_path:
            (e0, a0), (e1, a1) = points[start], points[stop]
            want = [keyed(al0, b) for b in al0.beads
                    if all(e0 <= i < e1 for i in b.en) and all(a0 <= j < a1 for j in b.ar)]
            assert all(w in kept for w in want)


def test_a_moved_fixed_bead_realigns_its_neighbours_with_the_documents_model() -> None:
    """The reviewer splits a 2-1 bead whose Arabic lost its stop; the stretch after it is
    searched again and refined: the result is a valid alignment in which every bead is
    either fixed or the aligner's choice given the fixed ones."""
    al0 = aligned("PubMed_10/hard/1")
    k = next(i for i, b in enumerate(al0.beads) if b.type == "1-1" and i > 3)
    al = edit.set_status(edit.merge_next(al0, k), k, "approved")
    out = realign(al)
    check_alignment(out)
    assert out.beads[k] is al.beads[k]
    assert out.beads[:k] == al0.beads[:k]


# Point 2 of issue 11 on seed 002 ---------------------------------------------------------

def test_seed002_approve_bead_2_then_realign_keeps_bead_9() -> None:
    al = aligned("seed002")
    approved = edit.set_status(al, 1, "approved")
    out = realign(approved)
    assert out.beads[8] is al.beads[8]
    assert out.beads == approved.beads


# Rescoring: the same pair always gets the same score ---------------------------------------

def test_seed002_bead_16_unlink_then_link_scores_as_before() -> None:
    al = aligned("seed002")
    un = edit.rescore(al, edit.unlink(al, 15), lexicon())
    back = edit.rescore(un, edit.link(un, 15), lexicon())
    assert (back.beads[15].score, back.beads[15].flags) == (al.beads[15].score,
                                                            al.beads[15].flags)


def _restore(al: Alignment, op: str, k: int) -> Alignment:
    """Edit bead ``k`` and edit it back, rescoring after each step as the UI does."""
    lex = lexicon()
    bead = al.beads[k]
    if op == "unlink":
        mid = edit.rescore(al, edit.unlink(al, k), lex)
        return edit.rescore(mid, edit.link(mid, k), lex)
    if op == "split":
        mid = edit.rescore(al, edit.split_bead(al, k, len(bead.en), 0), lex)
        return edit.rescore(mid, edit.merge_next(mid, k), lex)
    mid = edit.rescore(al, edit.edit_text(al, k, "en", al.bead_text(bead, "en") + " [x]"), lex)
    return edit.rescore(mid, edit.edit_text(mid, k, "en", None), lex)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOCS), st.integers(0, 10_000), st.sampled_from(("unlink", "split", "edit")),
       st.booleans())
def test_an_edit_that_restores_a_bead_restores_its_score(
    key: str, k: int, op: str, old_session: bool
) -> None:
    al = aligned(key)
    if old_session:  # scored before the length ratio was kept: computed again, the same
        al = replace(al, meta={})
    two_sided = [i for i, b in enumerate(al.beads) if b.en and b.ar]
    k = two_sided[k % len(two_sided)]
    back = _restore(al, op, k)
    assert [(b.en, b.ar) for b in back.beads] == [(b.en, b.ar) for b in al.beads]
    assert (back.beads[k].score, back.beads[k].flags) == (al.beads[k].score, al.beads[k].flags)


def test_a_pair_scores_the_same_after_other_edits() -> None:
    """Unlinking many beads moves the median length ratio of the two-sided beads; a bead
    made later is still scored against the document's ratio."""
    lex = lexicon()
    al = aligned("PubMed_10")
    cur = al
    for k in range(0, 40, 2):
        cur = edit.rescore(cur, edit.unlink(cur, k + k // 2), lex)
    assert alignment_mu(cur) == alignment_mu(al)
    j = next(i for i, b in enumerate(cur.beads) if b.en == al.beads[60].en)
    cur = edit.rescore(cur, edit.unlink(cur, j), lex)
    cur = edit.rescore(cur, edit.link(cur, j), lex)
    assert (cur.beads[j].score, cur.beads[j].flags) == (al.beads[60].score, al.beads[60].flags)


def test_the_length_ratio_is_kept_in_meta_and_survives_a_session(tmp_path: Path) -> None:
    from tawazi.align.review.session import load_session, new_session, save_session

    inputs = open_inputs([next(SEEDS.glob("002_*.txt"))])
    al = first_alignment(inputs)
    assert float(al.meta[MU_KEY]) == alignment_mu(al)
    path = tmp_path / "s.tawazi.json"
    save_session(path, new_session(inputs, al))
    loaded = load_session(path)
    assert loaded.alignment.meta[MU_KEY] == al.meta[MU_KEY]


def test_realigned_beads_are_scored_with_the_documents_ratio() -> None:
    al0 = aligned("PubMed_10/hard/2")
    k = next(i for i, b in enumerate(al0.beads) if b.type == "1-1" and i > 3)
    al = edit.set_status(edit.unlink(al0, k), k, "approved")
    out = realign(al)
    assert out.meta[MU_KEY] == al0.meta[MU_KEY]
    by_key = {(b.en, b.ar): b for b in al0.beads}
    for b in out.beads:
        old = by_key.get((b.en, b.ar))
        if old is not None and b.en_edit is None and b.ar_edit is None:
            assert (b.score, b.flags) == (old.score, old.flags)


@pytest.mark.parametrize("key", ["seed002", "Wikisource_1/hard/1", "PubMed_10/nostop/1",
                                 "wiki_20/nostop/1"])
def test_a_stretch_is_aligned_by_the_whole_pipeline(key: str) -> None:
    """A stretch searched again goes through what ``align_pair`` does after its first
    search (refinement, the search again after many cuts): over a whole document still
    holding its run-on Arabic sentences, with the document's model, it gives the
    aligner's own alignment, cut sentences included."""
    from tawazi.align.pipeline import _align_pair, _realign_stretch, _search
    from tawazi.align.text.segment import split_document

    cfg, lex = AlignConfig(), lexicon()
    en, ar = document(key)
    raw, model = _search(en, ar, split_document(en), split_document(ar), cfg, lex)
    ref, _ = _align_pair(en, ar, cfg, lex)
    sents, beads = _realign_stretch(raw, (0, len(raw.en_sents)), (0, len(raw.ar_sents)),
                                    model, cfg, lex)
    assert sents == ref.ar_sents
    assert [(b.en, b.ar) for b in beads] == [(b.en, b.ar) for b in ref.beads]
