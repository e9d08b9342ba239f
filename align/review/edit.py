"""Reviewer edits of an alignment: pure functions from one ``Alignment`` to the next.

Every function takes an alignment and a bead number ``k`` (0-based) and returns a new
alignment satisfying ``check_alignment``; nothing is modified in place, so undo is a list of
earlier values. An edit that cannot be done raises ``EditError`` with a one-line reason the
review UI shows as it is.

What a structural edit does to the other fields of a bead, and why:

- beads that are not touched are kept as the very same objects (cheap undo, cheap diffs);
- a changed bead gets ``status="auto"`` (a regrouping is a new decision to approve), cost 0,
  the lowest score of the beads it came from (a merge or split does not make the fidelity
  score better known) and no flags: flags describe the old grouping; ``rescore`` then asks
  the fidelity scorer for the new beads' own score and flags;
- a reviewer's edited text is never dropped silently: merges join it with the other text,
  unlink/link keep it with its side, and splitting or shifting a side that has an edit is
  refused with a reason (nobody can tell which part of an edit belongs to which sentence).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import TawaziError
from ..types import STATUSES, Alignment, Bead, check_alignment

if TYPE_CHECKING:
    from ..config import AlignConfig
    from ..evidence.lexicon import Lexicon

__all__ = [
    "EditError",
    "edit_text",
    "link",
    "merge_next",
    "merge_prev",
    "realign_unapproved",
    "rescore",
    "set_status",
    "shift",
    "split_bead",
    "unlink",
]

#: ``progress(done, total)`` callback of long edits (re-alignment runs).
Progress = Callable[[int, int], None]


class EditError(TawaziError):
    """An edit that cannot be done on this bead (no neighbour, nothing to split, ...)."""


def _bead(al: Alignment, k: int) -> Bead:
    if not 0 <= k < len(al.beads):
        raise EditError(f"there is no bead {k + 1} (the alignment has {len(al.beads)})")
    return al.beads[k]


def _with(al: Alignment, start: int, stop: int, new: tuple[Bead, ...]) -> Alignment:
    """``al`` with beads ``[start, stop)`` replaced by ``new``."""
    return replace(al, beads=al.beads[:start] + new + al.beads[stop:])


def _side(bead: Bead, lang: str) -> tuple[int, ...]:
    return bead.en if lang == "en" else bead.ar


def _edit(bead: Bead, lang: str) -> str | None:
    return bead.en_edit if lang == "en" else bead.ar_edit


def _check_lang(lang: str) -> None:
    if lang not in ("en", "ar"):
        raise EditError(f"unknown side {lang!r} (en or ar)")


def _joined_edit(al: Alignment, beads: tuple[Bead, ...], lang: str) -> str | None:
    """The edit of the merge of ``beads`` on one side: ``None`` unless one of them has an
    edit, else every bead's text (edit or original) joined by a space."""
    if all(_edit(b, lang) is None for b in beads):
        return None
    parts = [al.bead_text(b, lang) for b in beads]
    return " ".join(p for p in parts if p)


def _derived(
    parents: tuple[Bead, ...],
    en: tuple[int, ...],
    ar: tuple[int, ...],
    en_edit: str | None = None,
    ar_edit: str | None = None,
) -> Bead:
    """A new bead made from ``parents`` (see the module docstring for the fields)."""
    return Bead(
        en,
        ar,
        cost=0.0,
        score=min(b.score for b in parents),
        flags=(),
        status="auto",
        en_edit=en_edit,
        ar_edit=ar_edit,
    )


def merge_next(al: Alignment, k: int) -> Alignment:
    """Merge bead ``k`` with the bead after it.

    Raises:
        EditError: ``k`` is the last bead.
    """
    a = _bead(al, k)
    if k + 1 >= len(al.beads):
        raise EditError("the last bead has no next bead to merge with")
    b = al.beads[k + 1]
    pair = (a, b)
    merged = _derived(
        pair, a.en + b.en, a.ar + b.ar,
        _joined_edit(al, pair, "en"), _joined_edit(al, pair, "ar"),
    )
    return _with(al, k, k + 2, (merged,))


def merge_prev(al: Alignment, k: int) -> Alignment:
    """Merge bead ``k`` with the bead before it.

    Raises:
        EditError: ``k`` is the first bead.
    """
    _bead(al, k)
    if k == 0:
        raise EditError("the first bead has no previous bead to merge with")
    return merge_next(al, k - 1)


def split_bead(al: Alignment, k: int, en_at: int, ar_at: int) -> Alignment:
    """Split bead ``k`` into two: sentences before ``en_at``/``ar_at`` (positions inside the
    bead, 0 to the number of sentences of that side) go to the first bead, the rest to the
    second. A side may go entirely to one part (``en_at=0``: the first bead is Arabic only).

    Raises:
        EditError: a position outside the bead, a split that leaves a part empty, or a split
            through a side that has an edited text.
    """
    bead = _bead(al, k)
    ne, na = len(bead.en), len(bead.ar)
    if not (0 <= en_at <= ne and 0 <= ar_at <= na):
        raise EditError(f"split position {en_at}/{ar_at} is outside a {bead.type} bead")
    if (en_at, ar_at) in ((0, 0), (ne, na)):
        raise EditError("a split must leave sentences in both parts")
    for lang, at, n in (("en", en_at, ne), ("ar", ar_at, na)):
        if 0 < at < n and _edit(bead, lang) is not None:
            raise EditError(f"the {lang} side has an edited text: clear the edit to split it")
    edits: dict[str, tuple[str | None, str | None]] = {}
    for lang, at in (("en", en_at), ("ar", ar_at)):
        e = _edit(bead, lang)
        # The whole side goes to one part, and its edit with it.
        edits[lang] = (e, None) if at == len(_side(bead, lang)) else (None, e)
    first = _derived((bead,), bead.en[:en_at], bead.ar[:ar_at], edits["en"][0],
                     edits["ar"][0])
    second = _derived((bead,), bead.en[en_at:], bead.ar[ar_at:], edits["en"][1],
                      edits["ar"][1])
    return _with(al, k, k + 1, (first, second))


def shift(al: Alignment, k: int, lang: str, which: str) -> Alignment:
    """Move the ``first`` sentence of side ``lang`` of bead ``k`` to the end of the previous
    bead, or its ``last`` sentence to the start of the next bead. A bead left with no
    sentence disappears.

    Raises:
        EditError: no neighbour in that direction, an empty side, or an edited side.
    """
    _check_lang(lang)
    if which not in ("first", "last"):
        raise EditError(f"shift takes 'first' or 'last', not {which!r}")
    bead = _bead(al, k)
    side = _side(bead, lang)
    if not side:
        raise EditError(f"bead {k + 1} has no {lang} sentence to shift")
    j = k - 1 if which == "first" else k + 1
    if not 0 <= j < len(al.beads):
        where = "previous" if which == "first" else "next"
        raise EditError(f"bead {k + 1} has no {where} bead to shift a sentence into")
    other = al.beads[j]
    for b, n in ((bead, k), (other, j)):
        if _edit(b, lang) is not None:
            raise EditError(f"bead {n + 1} has an edited {lang} text: clear the edit first")
    moved = side[:1] if which == "first" else side[-1:]
    rest = side[1:] if which == "first" else side[:-1]
    grown = _side(other, lang) + moved if which == "first" else moved + _side(other, lang)

    def with_side(b: Bead, idx: tuple[int, ...]) -> Bead:
        en, ar = (idx, b.ar) if lang == "en" else (b.en, idx)
        return _derived((b,), en, ar, b.en_edit, b.ar_edit)

    donor = with_side(bead, rest) if rest or _side(bead, "ar" if lang == "en" else "en") else None
    receiver = with_side(other, grown)
    if which == "first":
        new = (receiver,) if donor is None else (receiver, donor)
        return _with(al, j, k + 1, new)
    new = (receiver,) if donor is None else (donor, receiver)
    return _with(al, k, j + 1, new)


def unlink(al: Alignment, k: int) -> Alignment:
    """Turn bead ``k`` into an English-only bead followed by an Arabic-only bead (each side
    keeps its sentences and its edit): "these do not translate each other".

    Raises:
        EditError: the bead is already one-sided.
    """
    bead = _bead(al, k)
    if not bead.en or not bead.ar:
        raise EditError(f"bead {k + 1} is one-sided already: nothing to unlink")
    en = _derived((bead,), bead.en, (), en_edit=bead.en_edit)
    ar = _derived((bead,), (), bead.ar, ar_edit=bead.ar_edit)
    return _with(al, k, k + 1, (en, ar))


def link(al: Alignment, k: int) -> Alignment:
    """Join bead ``k`` and the next one when one is English-only and the other Arabic-only.

    Raises:
        EditError: no next bead, or the two beads are not one-sided on opposite sides.
    """
    a = _bead(al, k)
    if k + 1 >= len(al.beads):
        raise EditError("the last bead has no next bead to link with")
    b = al.beads[k + 1]
    one_sided = (not a.ar and not b.en) or (not a.en and not b.ar)
    if not one_sided:
        raise EditError(
            f"beads {k + 1} ({a.type}) and {k + 2} ({b.type}) are not one English-only and "
            "one Arabic-only bead"
        )
    pair = (a, b)
    return _with(al, k, k + 2, (_derived(
        pair, a.en + b.en, a.ar + b.ar,
        _joined_edit(al, pair, "en"), _joined_edit(al, pair, "ar"),
    ),))


def set_status(al: Alignment, k: int, status: str) -> Alignment:
    """Bead ``k`` with review status ``status`` (``approved`` or ``auto``)."""
    if status not in STATUSES:
        raise EditError(f"unknown status {status!r} (choose from {', '.join(STATUSES)})")
    bead = _bead(al, k)
    if bead.status == status:
        return al
    return _with(al, k, k + 1, (replace(bead, status=status),))


def edit_text(al: Alignment, k: int, lang: str, text: str | None) -> Alignment:
    """Bead ``k`` with a reviewer's text for side ``lang``; ``None`` (or the original text
    itself) clears the edit. The original sentences are kept: both are exported.

    Raises:
        EditError: the text is blank where the original is not (unlink the bead instead).
    """
    _check_lang(lang)
    bead = _bead(al, k)
    original = al.bead_text(bead, lang, edited=False)
    if text is not None:
        text = text.strip()
        if text == original:
            text = None
        elif not text and original:
            raise EditError("an edit cannot blank a side: unlink the bead instead")
        elif not text:
            text = None
    if _edit(bead, lang) == text:
        return al
    new = replace(bead, en_edit=text) if lang == "en" else replace(bead, ar_edit=text)
    return _with(al, k, k + 1, (new,))


def rescore(before: Alignment, after: Alignment, lexicon: Lexicon | None = None) -> Alignment:
    """``after`` with the beads an edit made scored by the fidelity scorer
    (``align.quality.fidelity.score_bead_of``), so that a merge that joins a translation
    with its missing half loses its omission flag at once, and an edited text is judged
    again.

    A bead whose sentences and edits are those of a bead of ``before`` keeps that bead's
    score and flags (approving a bead does not move its score). New beads are scored
    against the document's own length ratio and flag norms, the ones the alignment was first
    scored with (``fidelity.alignment_mu``, ``alignment_norms``, kept in ``meta``), never
    ones re-estimated on the edited beads nor the scorer's default: the same pair of texts
    always gets the same score and flags, however the reviewer got back to it.
    """
    from ..evidence.lexicon import load_lexicon
    from ..quality.fidelity import alignment_mu, alignment_norms, score_bead_of, with_mu

    mu = alignment_mu(before)
    known = {(b.en, b.ar, b.en_edit, b.ar_edit): b for b in before.beads}
    if all(b is known.get((b.en, b.ar, b.en_edit, b.ar_edit)) for b in after.beads):
        return with_mu(after, mu)
    lex = lexicon or load_lexicon()
    norms = alignment_norms(before, lex)
    beads: list[Bead] = []
    for b in after.beads:
        old = known.get((b.en, b.ar, b.en_edit, b.ar_edit))
        if old is not None:
            same = (b.score, b.flags) == (old.score, old.flags)
            beads.append(b if same else replace(b, score=old.score, flags=old.flags))
            continue
        beads.append(score_bead_of(after, b, lex, mu, norms=norms))
    return with_mu(replace(after, beads=tuple(beads)), mu, norms)


def _fixed(bead: Bead) -> bool:
    """Beads re-alignment keeps: approved ones, and edited ones (an edit belongs to its
    sentences; moving them would orphan it)."""
    return bead.status == "approved" or bead.en_edit is not None or bead.ar_edit is not None


def realign_unapproved(
    al: Alignment,
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Align again every stretch of beads between fixed points (approved or edited beads).

    The whole pipeline runs over the whole document with the fixed beads kept as they are
    (``align.pipeline.realign`` says how, and why that way): with nothing fixed the result
    is the aligner's own alignment, and a bead between two fixed beads the reviewer did not
    move never changes. Beads that come out as they were stay the very same objects (an
    unchanged stretch costs nothing in the undo history); new ones are scored by
    ``rescore``, against the length ratio the alignment was scored with.

    ``progress(done, total)`` is called after the whole-document search and after each
    stretch searched again. The aligner is imported here, not at the top, so that importing
    this module stays free of numpy.
    """
    from ..evidence.lexicon import load_lexicon
    from ..pipeline import realign

    lex = lexicon or load_lexicon()
    new = rescore(al, realign(al, [_fixed(b) for b in al.beads], config, lex, progress), lex)
    old = {b: b for b in al.beads}
    result = replace(new, beads=tuple(old.get(b, b) for b in new.beads))
    check_alignment(result)
    return result
