"""Carrying review work over to a changed input: approved and edited beads found again by
the text of their sentences.

A session indexes its inputs by offsets, so a changed input (a typo fixed, a paragraph
added) makes the old beads meaningless; without this the only way on is a new session, and
a day of approvals is lost. What a reviewer decided is tied to sentences, not offsets: a
bead is carried over when the new text has the same sentences, in the same order, on both
sides. Sentences are compared by a short hash of their text (``sentence_key``), which is
all a session file keeps of them (it holds no text).

A carried bead takes the grouping the reviewer gave it (a merge or a split made in review
survives) when the new alignment's beads over those sentences cover exactly them; when the
new beads reach beyond them (the new aligner joined one of them with a neighbour), the bead
is reported as lost rather than rearranging beads nobody reviewed. Beads are matched in
document order, each after the previous one and, among several places, at the one nearest
where it was (allowing for how far the text before it moved), so a repeated sentence
("Reuters.") is found where it belongs.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..types import Alignment, Bead, check_alignment

__all__ = ["Carried", "Reviewed", "carry_over", "reviewed_beads", "sentence_key"]


@lru_cache(maxsize=200_000)
def sentence_key(text: str) -> str:
    """A short fingerprint of one sentence's text (64 bits of its sha256).

    >>> sentence_key("26 January")
    '694e881e1043f33a'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A bead a reviewer approved or edited: its sentences' keys on each side, in order,
    where its first sentences were (``en_at``, ``ar_at``), and what the reviewer decided."""

    en: tuple[str, ...]
    ar: tuple[str, ...]
    en_at: int = 0
    ar_at: int = 0
    status: str = "auto"
    en_edit: str | None = None
    ar_edit: str | None = None


@dataclass(frozen=True, slots=True)
class Carried:
    """The new alignment with the review work that could be carried over, and the rest."""

    alignment: Alignment
    carried: int
    lost: tuple[Reviewed, ...]


def is_reviewed(bead: Bead) -> bool:
    """Whether a bead holds review work: it is approved, or a side was edited."""
    return bead.status == "approved" or bead.en_edit is not None or bead.ar_edit is not None


def reviewed_beads(al: Alignment) -> tuple[Reviewed, ...]:
    """The review work of ``al``, by sentence keys, in document order."""
    return tuple(
        Reviewed(tuple(sentence_key(al.en_sents[i].text) for i in b.en),
                 tuple(sentence_key(al.ar_sents[i].text) for i in b.ar),
                 b.en[0] if b.en else 0, b.ar[0] if b.ar else 0,
                 b.status, b.en_edit, b.ar_edit)
        for b in al.beads if is_reviewed(b))


class _Side:
    """One side of the new alignment: sentence keys, where each key occurs, and which bead
    holds each sentence."""

    def __init__(self, keys: list[str], bead_of: list[int]) -> None:
        self.keys, self.bead_of = keys, bead_of
        self.at: dict[str, list[int]] = {}
        for p, k in enumerate(keys):
            self.at.setdefault(k, []).append(p)

    def find(self, run: tuple[str, ...], start: int, near: int) -> int | None:
        """The ``p >= start`` nearest ``near`` where the sentences ``run`` follow one
        another: a repeated sentence is taken where the document put it, not first."""
        where = self.at.get(run[0], [])
        hits = [p for p in where[bisect_left(where, start):]
                if tuple(self.keys[p : p + len(run)]) == run]
        return min(hits, key=lambda p: (abs(p - near), p)) if hits else None


def _sides(al: Alignment) -> tuple[_Side, _Side]:
    en_bead = [0] * len(al.en_sents)
    ar_bead = [0] * len(al.ar_sents)
    for k, b in enumerate(al.beads):
        for i in b.en:
            en_bead[i] = k
        for j in b.ar:
            ar_bead[j] = k
    return (_Side([sentence_key(s.text) for s in al.en_sents], en_bead),
            _Side([sentence_key(s.text) for s in al.ar_sents], ar_bead))


def _covering(al: Alignment, sides: tuple[_Side, _Side], en: range, ar: range) -> range | None:
    """The consecutive beads that hold exactly the sentences ``en`` and ``ar`` (``None``:
    the beads over them also hold other sentences)."""
    hit = sorted({sides[0].bead_of[i] for i in en} | {sides[1].bead_of[j] for j in ar})
    span = range(hit[0], hit[-1] + 1)
    got_en = [i for k in span for i in al.beads[k].en]
    got_ar = [j for k in span for j in al.beads[k].ar]
    return span if got_en == list(en) and got_ar == list(ar) else None


def _place(al: Alignment, sides: tuple[_Side, _Side], r: Reviewed, start: tuple[int, int],
           shift: tuple[int, int]) -> tuple[range, Bead] | None:
    """Which beads of ``al`` the reviewed bead ``r`` replaces, and the bead it becomes;
    ``start`` is where the search begins on each side, ``shift`` how far the sentences
    matched last had moved."""
    e = sides[0].find(r.en, start[0], r.en_at + shift[0]) if r.en else start[0]
    a = sides[1].find(r.ar, start[1], r.ar_at + shift[1]) if r.ar else start[1]
    if e is None or a is None:
        return None
    en, ar = range(e, e + len(r.en)), range(a, a + len(r.ar))
    span = _covering(al, sides, en, ar)
    if span is None:
        return None
    old = al.beads[span.start : span.stop]
    if len(old) == 1 and (old[0].en, old[0].ar) == (tuple(en), tuple(ar)):
        bead = replace(old[0], status=r.status, en_edit=r.en_edit, ar_edit=r.ar_edit)
    else:
        bead = Bead(tuple(en), tuple(ar), cost=min(b.cost for b in old),
                    score=min(b.score for b in old), status=r.status, en_edit=r.en_edit,
                    ar_edit=r.ar_edit)
    return span, bead


def carry_over(reviewed: Sequence[Reviewed], new: Alignment) -> Carried:
    """``new`` with each reviewed bead put back where its sentences are found again.

    A pure function: ``new`` is not changed. Beads not carried keep the new alignment's
    beads; a carried bead whose grouping differs from the new beads' has the lowest score
    of the beads it replaced and no flags until it is scored again
    (``align.review.edit.rescore``), like any edit.

    >>> from tawazi.align.types import Document, Sentence
    >>> doc = Document("a b", "en"), Document("x y", "ar")
    >>> en, ar = (Sentence(0, 1, "a"), Sentence(2, 3, "b")), (Sentence(0, 1, "x"),
    ...                                                      Sentence(2, 3, "y"))
    >>> old = Alignment(*doc, en, ar, (Bead((0, 1), (0, 1), status="approved"),))
    >>> fresh = Alignment(*doc, en, ar, (Bead((0,), (0,)), Bead((1,), (1,))))
    >>> got = carry_over(reviewed_beads(old), fresh)
    >>> [(b.en, b.ar, b.status) for b in got.alignment.beads], got.carried, got.lost
    ([((0, 1), (0, 1), 'approved')], 1, ())
    """
    sides = _sides(new)
    start, shift = (0, 0), (0, 0)
    placed: list[tuple[range, Bead]] = []
    lost: list[Reviewed] = []
    for r in reviewed:
        got = _place(new, sides, r, start, shift)
        if got is None or (placed and got[0].start < placed[-1][0].stop):
            lost.append(r)
            continue
        placed.append(got)
        bead = got[1]
        start = (bead.en[-1] + 1 if bead.en else start[0],
                 bead.ar[-1] + 1 if bead.ar else start[1])
        shift = (bead.en[0] - r.en_at if bead.en else shift[0],
                 bead.ar[0] - r.ar_at if bead.ar else shift[1])
    beads: list[Bead] = []
    at = 0
    for span, bead in placed:
        beads.extend(new.beads[at : span.start])
        beads.append(bead)
        at = span.stop
    beads.extend(new.beads[at:])
    al = replace(new, beads=tuple(beads))
    check_alignment(al)
    return Carried(al, len(reviewed) - len(lost), tuple(lost))
