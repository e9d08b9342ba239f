"""Reviewer edits (align/edit.py): every result keeps the alignment invariant, edits are
pure (earlier values never change, so undo is a list of values), and impossible edits are
refused with an ``EditError`` that leaves the alignment as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawazi.align.errors import TawaziError
from tawazi.align.review import edit
from tawazi.align.review.edit import EditError
from tawazi.align.types import Alignment, Bead, Document, Flag, Sentence, check_alignment


def sentences(texts: list[str]) -> tuple[str, tuple[Sentence, ...]]:
    """A document text of one sentence per line and the sentences with their offsets."""
    out, pos = [], 0
    for t in texts:
        out.append(Sentence(pos, pos + len(t), t))
        pos += len(t) + 1
    return "\n".join(texts), tuple(out)


def make(n_en: int, n_ar: int, types: list[tuple[int, int]] | None = None) -> Alignment:
    """An alignment of ``n_en`` English and ``n_ar`` Arabic sentences in beads of
    ``types`` (default: 1-1 as far as possible, then one-sided beads)."""
    en_text, en = sentences([f"English sentence {i}." for i in range(n_en)])
    ar_text, ar = sentences([f"جملة عربية {i}." for i in range(n_ar)])
    if types is None:
        k = min(n_en, n_ar)
        types = [(1, 1)] * k + [(1, 0)] * (n_en - k) + [(0, 1)] * (n_ar - k)
    beads, i, j = [], 0, 0
    for a, b in types:
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    al = Alignment(Document(en_text, "en"), Document(ar_text, "ar"), en, ar, tuple(beads))
    check_alignment(al)
    return al


def spans(al: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.en, b.ar) for b in al.beads]


# Each edit on its own ---------------------------------------------------------------------


def test_merge_next_and_prev() -> None:
    al = make(3, 3)
    assert spans(edit.merge_next(al, 0)) == [((0, 1), (0, 1)), ((2,), (2,))]
    assert spans(edit.merge_prev(al, 2)) == [((0,), (0,)), ((1, 2), (1, 2))]
    with pytest.raises(EditError, match="last bead"):
        edit.merge_next(al, 2)
    with pytest.raises(EditError, match="first bead"):
        edit.merge_prev(al, 0)


def test_merge_keeps_untouched_beads_as_the_same_objects() -> None:
    """Cheap undo and cheap session patches rely on it."""
    al = make(4, 4)
    new = edit.merge_next(al, 1)
    assert new.beads[0] is al.beads[0] and new.beads[2] is al.beads[3]


def test_split_is_the_inverse_of_merge() -> None:
    al = make(3, 4, [(1, 2), (2, 2)])
    merged = edit.merge_next(al, 0)
    assert spans(edit.split_bead(merged, 0, 1, 2)) == spans(al)


def test_split_one_side_entirely_into_one_part() -> None:
    al = make(2, 1, [(2, 1)])
    assert spans(edit.split_bead(al, 0, 1, 1)) == [((0,), (0,)), ((1,), ())]
    assert spans(edit.split_bead(al, 0, 1, 0)) == [((0,), ()), ((1,), (0,))]


@pytest.mark.parametrize("cut", [(0, 0), (2, 1), (3, 0), (0, 2)])
def test_split_refuses_cuts_that_leave_a_part_empty_or_fall_outside(cut: tuple[int, int]) -> None:
    with pytest.raises(EditError):
        edit.split_bead(make(2, 1, [(2, 1)]), 0, *cut)


def test_shift_moves_a_sentence_to_the_neighbour() -> None:
    al = make(3, 3, [(2, 1), (1, 2)])
    assert spans(edit.shift(al, 0, "en", "last")) == [((0,), (0,)), ((1, 2), (1, 2))]
    assert spans(edit.shift(al, 1, "ar", "first")) == [((0, 1), (0, 1)), ((2,), (2,))]
    # Shifting back restores the beads.
    there = edit.shift(al, 0, "en", "last")
    assert spans(edit.shift(there, 1, "en", "first")) == spans(al)


def test_shift_removes_a_bead_left_empty() -> None:
    al = make(2, 1, [(1, 0), (1, 1)])
    assert spans(edit.shift(al, 0, "en", "last")) == [((0, 1), (0,))]


def test_shift_refusals() -> None:
    al = make(2, 2)
    with pytest.raises(EditError, match="no previous bead"):
        edit.shift(al, 0, "en", "first")
    with pytest.raises(EditError, match="no next bead"):
        edit.shift(al, 1, "ar", "last")
    with pytest.raises(EditError, match="no ar sentence"):
        edit.shift(make(2, 1, [(1, 1), (1, 0)]), 1, "ar", "first")


def test_unlink_then_link_is_identity_on_the_sentences() -> None:
    al = make(2, 3, [(2, 3)])
    un = edit.unlink(al, 0)
    assert spans(un) == [((0, 1), ()), ((), (0, 1, 2))]
    assert spans(edit.link(un, 0)) == spans(al)
    with pytest.raises(EditError, match="one-sided already"):
        edit.unlink(un, 0)
    with pytest.raises(EditError, match="not one English-only"):
        edit.link(make(2, 2), 0)


def test_link_accepts_arabic_first() -> None:
    al = make(1, 1, [(0, 1), (1, 0)])
    assert spans(edit.link(al, 0)) == [((0,), (0,))]


def test_set_status() -> None:
    al = make(2, 2)
    ok = edit.set_status(al, 1, "approved")
    assert [b.status for b in ok.beads] == ["auto", "approved"]
    assert edit.set_status(ok, 1, "approved") is ok
    with pytest.raises(EditError, match="unknown status"):
        edit.set_status(al, 0, "done")


def test_edit_text_is_kept_apart_from_the_original() -> None:
    al = make(1, 1)
    new = edit.edit_text(al, 0, "ar", "  نص مصحح  ")
    assert new.beads[0].ar_edit == "نص مصحح"
    assert new.bead_text(new.beads[0], "ar", edited=False) == "جملة عربية 0."
    assert edit.edit_text(new, 0, "ar", None).beads[0].ar_edit is None
    # The original text itself is no edit.
    assert edit.edit_text(new, 0, "ar", "جملة عربية 0.").beads[0].ar_edit is None
    with pytest.raises(EditError, match="blank"):
        edit.edit_text(al, 0, "en", "   ")


def test_structural_edits_reset_status_and_flags_but_keep_the_worst_score() -> None:
    al = make(2, 2)
    al = replace(al, beads=(replace(al.beads[0], status="approved", score=0.9,
                                    flags=(Flag("number"),)),
                            replace(al.beads[1], score=0.4)))
    merged = edit.merge_next(al, 0).beads[0]
    assert (merged.status, merged.flags, merged.score) == ("auto", (), 0.4)


def test_edits_survive_merge_and_block_splits_through_them() -> None:
    al = edit.edit_text(make(3, 3), 0, "en", "Fixed.")
    merged = edit.merge_next(al, 0)
    assert merged.beads[0].en_edit == "Fixed. English sentence 1."
    with pytest.raises(EditError, match="edited text"):
        edit.split_bead(merged, 0, 1, 1)
    # A split that keeps the edited side whole is fine, and the edit goes with it.
    parts = edit.split_bead(merged, 0, 2, 1)
    assert [b.en_edit for b in parts.beads] == ["Fixed. English sentence 1.", None, None]
    with pytest.raises(EditError, match="edited en text"):
        edit.shift(merged, 0, "en", "last")
    un = edit.unlink(merged, 0)
    assert un.beads[0].en_edit == "Fixed. English sentence 1." and un.beads[1].en_edit is None


def test_bad_bead_numbers_are_edit_errors() -> None:
    al = make(2, 2)
    for fn in (lambda: edit.merge_next(al, 5), lambda: edit.set_status(al, -1, "auto"),
               lambda: edit.shift(al, 0, "fr", "first")):
        with pytest.raises(EditError):
            fn()
    assert issubclass(EditError, TawaziError)


# Re-alignment with approved beads as fixed points --------------------------------------------

EN = [
    "The minister arrived in Cairo on Monday.",
    "He met the president for two hours.",
    "They discussed the water crisis and the dam.",
    "The talks will continue next week in Khartoum.",
]
AR = [
    "وصل الوزير إلى القاهرة يوم الاثنين.",
    "والتقى الرئيس لمدة ساعتين.",
    "وناقشا أزمة المياه والسد.",
    "وستستمر المحادثات الأسبوع المقبل في الخرطوم.",
]


def real(types: list[tuple[int, int]]) -> Alignment:
    en_text, en = sentences(EN)
    ar_text, ar = sentences(AR)
    beads, i, j = [], 0, 0
    for a, b in types:
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return Alignment(Document(en_text, "en"), Document(ar_text, "ar"), en, ar, tuple(beads))


def test_realign_fixes_unapproved_beads_and_keeps_approved_ones() -> None:
    wrong = real([(1, 1), (2, 1), (1, 2)])  # beads 2 and 3 are wrong
    wrong = edit.set_status(wrong, 0, "approved")
    seen: list[tuple[int, int]] = []
    fixed = edit.realign_unapproved(wrong, progress=lambda d, t: seen.append((d, t)))
    check_alignment(fixed)
    assert fixed.beads[0] is wrong.beads[0]
    assert spans(fixed) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert seen == [(1, 2), (2, 2)]  # the whole-document search, then the one stretch


def test_realign_keeps_an_approved_wrong_bead_and_edited_beads() -> None:
    al = real([(1, 1), (1, 2), (2, 1)])
    al = edit.set_status(al, 1, "approved")  # wrong, but the reviewer said so
    al = edit.edit_text(al, 2, "ar", "نص")
    out = edit.realign_unapproved(al)
    assert spans(out) == spans(al)


# Properties -------------------------------------------------------------------------------

OPS = ("merge_next", "merge_prev", "split", "shift", "unlink", "link", "approve", "edit")


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    n, m = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    types, i, j = [], 0, 0
    while i < n or j < m:
        a = draw(st.integers(0, min(3, n - i)))
        b = draw(st.integers(0 if a else 1, min(3, m - j))) if j < m else 0
        if a + b == 0:
            a = 1
        types.append((a, b))
        i, j = i + a, j + b
    return make(n, m, types)


def apply(al: Alignment, op: str, k: int, x: int, y: int) -> Alignment:
    k %= len(al.beads)
    bead = al.beads[k]
    lang = "en" if x % 2 else "ar"
    if op == "merge_next":
        return edit.merge_next(al, k)
    if op == "merge_prev":
        return edit.merge_prev(al, k)
    if op == "split":
        return edit.split_bead(al, k, x % (len(bead.en) + 1), y % (len(bead.ar) + 1))
    if op == "shift":
        return edit.shift(al, k, lang, "first" if y % 2 else "last")
    if op == "unlink":
        return edit.unlink(al, k)
    if op == "link":
        return edit.link(al, k)
    if op == "approve":
        return edit.set_status(al, k, "approved" if x % 2 else "auto")
    return edit.edit_text(al, k, lang, None if y % 3 == 0 else f"edit {x}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignments(), st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50),
                                        st.integers(0, 50), st.integers(0, 50)), max_size=25))
def test_random_edit_sequences_keep_the_invariant(
    al: Alignment, ops: list[tuple[str, int, int, int]]
) -> None:
    history: list[tuple[Alignment, list[Bead]]] = []
    for op, k, x, y in ops:
        before = list(al.beads)
        try:
            new = apply(al, op, k, x, y)
        except EditError as exc:
            assert exc.message and "\n" not in exc.message
            assert list(al.beads) == before  # a refused edit changes nothing
            continue
        check_alignment(new)
        history.append((al, before))
        al = new
    # Undo is a list of values: every earlier value is still exactly what it was.
    for value, beads in history:
        assert list(value.beads) == beads
        check_alignment(value)


def test_rescore_scores_new_beads_and_keeps_the_others() -> None:
    al = real([(1, 1), (1, 1), (1, 1), (1, 1)])
    al = replace(al, beads=tuple(replace(b, score=0.5) for b in al.beads))
    approved = edit.set_status(al, 0, "approved")
    assert edit.rescore(al, approved).beads[0].score == 0.5  # same sentences: same score
    un = edit.unlink(al, 1)
    scored = edit.rescore(al, un)
    assert scored.beads[0] is un.beads[0]
    assert [b.flags[0].code for b in scored.beads[1:3]] == ["omission", "addition"]
    assert scored.beads[1].score == 0.0
    linked = edit.rescore(scored, edit.link(scored, 1))
    assert linked.beads[1].flags == () and linked.beads[1].score > 0.5
