"""Carrying review work over to a changed input (``align.review.carry``): approved and edited
beads are found again by their sentences' text, wherever the sentences moved."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from tawazi.align.review.carry import carry_over, reviewed_beads
from tawazi.align.types import Alignment, Bead, Document, Sentence, check_alignment


def doc(texts: list[str], lang: str) -> tuple[Document, tuple[Sentence, ...]]:
    sents, at = [], 0
    for t in texts:
        sents.append(Sentence(at, at + len(t), t))
        at += len(t) + 1
    return Document(" ".join(texts), lang), tuple(sents)


def alignment(en: list[str], ar: list[str], beads: list[Bead]) -> Alignment:
    (de, se), (da, sa) = doc(en, "en"), doc(ar, "ar")
    al = Alignment(de, da, se, sa, tuple(beads))
    check_alignment(al)
    return al


def diagonal(n: int) -> list[Bead]:
    return [Bead((i,), (i,), score=0.9) for i in range(n)]


EN = ["One.", "Two.", "Three.", "Four.", "Five."]
AR = ["واحد.", "اثنان.", "ثلاثة.", "أربعة.", "خمسة."]


def reviewed_old() -> Alignment:
    """Bead 1 approved, beads 2+3 merged by the reviewer and approved, bead 5 edited."""
    return alignment(EN, AR, [
        Bead((0,), (0,), status="approved"),
        Bead((1, 2), (1, 2), status="approved"),
        Bead((3,), (3,)),
        Bead((4,), (4,), ar_edit="خمسة!"),
    ])


def summary(al: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...], str, str | None]]:
    return [(b.en, b.ar, b.status, b.ar_edit) for b in al.beads]


def test_unchanged_text_carries_everything_with_the_reviewers_grouping() -> None:
    new = alignment(EN, AR, diagonal(5))
    got = carry_over(reviewed_beads(reviewed_old()), new)
    assert got.carried == 3 and got.lost == ()
    assert summary(got.alignment) == [
        ((0,), (0,), "approved", None), ((1, 2), (1, 2), "approved", None),
        ((3,), (3,), "auto", None), ((4,), (4,), "auto", "خمسة!"),
    ]
    assert got.alignment.beads[0].score == 0.9  # a bead taken as it is keeps its score
    assert summary(new) == [((i,), (i,), "auto", None) for i in range(5)]  # pure


def test_sentences_added_before_are_followed() -> None:
    new = alignment(["Zero.", *EN], ["صفر.", *AR], diagonal(6))
    got = carry_over(reviewed_beads(reviewed_old()), new)
    assert got.carried == 3
    assert summary(got.alignment)[:3] == [
        ((0,), (0,), "auto", None), ((1,), (1,), "approved", None),
        ((2, 3), (2, 3), "approved", None)]


def test_a_changed_sentence_loses_only_its_bead() -> None:
    new = alignment(["One.", "Two!", "Three.", "Four.", "Five."], AR, diagonal(5))
    got = carry_over(reviewed_beads(reviewed_old()), new)
    assert got.carried == 2 and len(got.lost) == 1
    assert [b.status for b in got.alignment.beads] == ["approved", "auto", "auto", "auto",
                                                       "auto"]
    assert got.alignment.beads[4].ar_edit == "خمسة!"


def test_a_new_bead_reaching_beyond_the_reviewed_one_is_not_rearranged() -> None:
    """The fresh alignment joined sentence 1 with 2: the approved 1-1 bead cannot be put
    back without changing a bead nobody reviewed, so it is reported lost."""
    new = alignment(EN, AR, [Bead((0, 1), (0, 1)), *diagonal(5)[2:]])
    got = carry_over(reviewed_beads(reviewed_old()), new)
    assert [r.en for r in got.lost] == [reviewed_beads(reviewed_old())[0].en,
                                        reviewed_beads(reviewed_old())[1].en]
    assert got.carried == 1


def test_repeated_sentences_are_matched_in_order() -> None:
    en, ar = ["Reuters.", "A.", "Reuters.", "B."], ["رويترز.", "أ.", "رويترز.", "ب."]
    old = alignment(en, ar, [*diagonal(2), Bead((2,), (2,), status="approved"), diagonal(4)[3]])
    got = carry_over(reviewed_beads(old), alignment(en, ar, diagonal(4)))
    assert [b.status for b in got.alignment.beads] == ["auto", "auto", "approved", "auto"]


def test_one_sided_beads_are_carried() -> None:
    old = alignment(EN[:2], AR[:1], [Bead((0,), (0,)), Bead((1,), (), status="approved")])
    new = alignment(EN[:2], AR[:1], [Bead((0,), (0,)), Bead((1,), ())])
    assert carry_over(reviewed_beads(old), new).alignment.beads[1].status == "approved"


@given(st.lists(st.sampled_from(["approved", "auto", "edit"]), min_size=1, max_size=8))
def test_carrying_onto_the_same_alignment_gives_it_back(marks: list[str]) -> None:
    """Property: nothing changed, nothing lost, every bead as it was."""
    n = len(marks)
    beads = [replace(b, status="approved" if m == "approved" else "auto",
                     en_edit="edited" if m == "edit" else None)
             for b, m in zip(diagonal(n), marks, strict=True)]
    old = alignment([f"s{i}." for i in range(n)], [f"ع{i}." for i in range(n)], beads)
    fresh = replace(old, beads=tuple(diagonal(n)))
    got = carry_over(reviewed_beads(old), fresh)
    assert got.alignment.beads == old.beads and got.lost == ()
