"""Where the cursor goes: jumps to flagged, low-score and unapproved beads, search, filter.

Pure functions over an ``Alignment`` and a bead number, without Textual, so that the rules
are tested on their own. Jumps wrap around the end of the document (a reviewer working
through the flagged beads ends up back at the first one, not stuck at the last).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from ..align.types import Alignment, Bead


def _next(n: int, cursor: int, ok: Callable[[int], bool], step: int = 1) -> int | None:
    """The first ``k`` after ``cursor`` (wrapping, in direction ``step``) with ``ok(k)``."""
    for d in range(1, n + 1):
        k = (cursor + step * d) % n
        if ok(k):
            return k
    return None


#: Beads scoring below this are in the review queue even without a flag: the scorer doubts
#: them (the table shows their score in red) without being able to name why.
REVIEW_BELOW = 0.5


def needs_review(bead: Bead) -> bool:
    """Whether a bead is in the review queue (``f``, ``F``): it has a flag, or it scores
    below ``REVIEW_BELOW``. Approving takes a bead out of the queue, not out of this set."""
    return bool(bead.flags) or bead.score < REVIEW_BELOW


def next_flagged(al: Alignment, cursor: int) -> int | None:
    """The next bead of the review queue (``needs_review``) that is not approved yet."""
    beads = al.beads
    return _next(len(beads), cursor, lambda k: needs_review(beads[k])
                 and beads[k].status != "approved")


def next_unapproved(al: Alignment, cursor: int) -> int | None:
    beads = al.beads
    return _next(len(beads), cursor, lambda k: beads[k].status != "approved")


def next_lowest(al: Alignment, cursor: int) -> int | None:
    """The bead after ``cursor`` in worst-first order (lowest score, then document order),
    among unapproved beads: repeated, it visits the weakest beads first."""
    order = sorted(
        (k for k, b in enumerate(al.beads) if b.status != "approved"),
        key=lambda k: (al.beads[k].score, k),
    )
    if not order:
        return None
    if cursor not in order:
        return order[0]
    return order[(order.index(cursor) + 1) % len(order)]


@lru_cache(maxsize=20_000)
def _norm_ar(text: str) -> str:
    from ..align.text.normalize import normalize_ar

    return normalize_ar(text).casefold()


def _haystacks(al: Alignment, bead: Bead) -> tuple[str, str]:
    """English (case-folded) and Arabic (normalised) text of a bead, edits included."""
    en = al.bead_text(bead, "en") + "\n" + al.bead_text(bead, "en", edited=False)
    ar = al.bead_text(bead, "ar") + "\n" + al.bead_text(bead, "ar", edited=False)
    return en.casefold(), _norm_ar(ar)


def matches(al: Alignment, k: int, query: str) -> bool:
    """Whether bead ``k`` contains ``query`` on either side. Arabic is compared after
    ``normalize_ar`` on both sides, so diacritics, tatweel and the alef, yaa and teh
    marbuta variants do not matter; English ignores case."""
    q = query.strip()
    if not q:
        return False
    en, ar = _haystacks(al, al.beads[k])
    return q.casefold() in en or _norm_ar(q) in ar


def search(al: Alignment, query: str, cursor: int, *, backward: bool = False) -> int | None:
    """The next bead after ``cursor`` (or before it, ``backward``) matching ``query``."""
    return _next(len(al.beads), cursor, lambda k: matches(al, k, query), -1 if backward else 1)


def visible_rows(al: Alignment, flagged_only: bool, cursor: int) -> list[int]:
    """Bead numbers shown in the table: all, or those of the review queue plus the current
    bead (so that the result of an edit stays in view even when it removed the flag)."""
    if not flagged_only:
        return list(range(len(al.beads)))
    return [k for k, b in enumerate(al.beads) if needs_review(b) or k == cursor]


def row_of(rows: Sequence[int], bead: int) -> int:
    """The table row showing ``bead``, or the nearest row after it (else the last)."""
    for r, k in enumerate(rows):
        if k >= bead:
            return r
    return max(0, len(rows) - 1)
