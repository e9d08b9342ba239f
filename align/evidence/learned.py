"""Word pairs learned on one document, applied to its Arabic words as extra match keys.

Lexical re-estimation (``search.lexre``) learns, from the confident beads of a first search,
which Arabic words translate which English words where the shipped lexicon says nothing
(a religious or technical term, a word the lexicon lacks). A learned pair ``(a, e)`` makes
every Arabic word whose *identity* is ``a`` carry the English stem ``e`` as one more key, so
it matches the English words whose stem is ``e`` exactly as a lexicon gloss would: the
coverage grids, run-on refinement and omission detaching all read keys, and none of them
needs to know where a key came from.

The identity of an Arabic word is its normalised form without one leading clitic and one
pronoun suffix (``ورسوله`` -> ``رسول``), so the counts behind a pair are not split across
the forms one word takes in running text; the identity of an English word is its Snowball
stem, which is already one of its keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.normalize import en_stem, normalize_ar
from .features import Unit, UnitCache, units_ar

#: Leading clitics stripped for an Arabic word's identity, longest first, with the letters
#: the rest must keep: the article with what precedes it, and the conjunctions ``و``, ``ف``
#: before four letters or more. A lone ``ب``, ``ل`` or ``ك`` is left on: far more words
#: begin with those letters than take them as a preposition without the article
#: (``كتابه`` is not ``ك`` + ``تابه``), and a word split two ways splits its counts.
IDENTITY_PREFIXES = (("وبال", 3), ("وال", 3), ("بال", 3), ("فال", 3), ("كال", 3), ("لل", 3),
                     ("ال", 3), ("و", 4), ("ف", 4))
#: Trailing pronoun suffixes stripped after that, longest first.
IDENTITY_SUFFIXES = ("هما", "كم", "هم", "هن", "ها", "نا", "ه")
#: Letters an identity keeps at least: a suffix strip that would leave fewer is not made.
IDENTITY_MIN = 3


@lru_cache(maxsize=200_000)
def ar_identity(word: str) -> str:
    """The identity of an Arabic word (any form: it is normalised here).

    >>> ar_identity("ورسوله"), ar_identity("الرسول"), ar_identity("رسول")
    ('رسول', 'رسول', 'رسول')
    """
    w = normalize_ar(word)
    for p, rest in IDENTITY_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= rest:
            w = w[len(p):]
            break
    for s in IDENTITY_SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= IDENTITY_MIN:
            w = w[: -len(s)]
            break
    return w


def en_identity(unit: Unit) -> str | None:
    """The identity of an English word: its stem when that is one of its keys (not a
    number or a function word, which have none)."""
    if unit.text[:1].isdigit():
        return None
    stem = en_stem(unit.text)
    return stem if stem in unit.keys else None


def ar_unit_identity(unit: Unit) -> str | None:
    """The identity of an Arabic word unit (``None`` for a number or a Latin token)."""
    first = unit.text[:1]
    if not first or first.isdigit() or first.isascii():
        return None
    return ar_identity(unit.text)


@dataclass(frozen=True, slots=True)
class LearnedPairs:
    """Learned ``(Arabic identity, English stem)`` pairs of one document, sorted.

    Empty (falsy) when nothing was learned or re-estimation did not pay (``search.lexre``).
    """

    pairs: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def table(self) -> Mapping[str, frozenset[str]]:
        """Arabic identity -> the English stems it was paired with."""
        out: dict[str, set[str]] = {}
        for a, e in self.pairs:
            out.setdefault(a, set()).add(e)
        return {a: frozenset(es) for a, es in out.items()}


def with_learned(units: Iterable[Unit], table: Mapping[str, frozenset[str]]) -> list[Unit]:
    """Arabic units with the learned English stems of their identity added to their keys
    (a unit whose identity learned nothing is returned as it is)."""
    out: list[Unit] = []
    for u in units:
        ident = ar_unit_identity(u)
        extra = table.get(ident) if ident is not None else None
        if extra and not extra.issubset(u.keys):
            u = u._replace(keys=tuple(sorted(set(u.keys) | extra)))
        out.append(u)
    return out


@dataclass(slots=True)
class LearnedUnitCache(UnitCache):
    """A ``UnitCache`` whose Arabic units carry the learned keys of ``table``.

    It reads the plain units from ``base`` (the pipeline's cache, which the fidelity scorer
    keeps using: a bead must not be judged faithful by pairs learned from the beads
    themselves), so no text's units are computed twice."""

    base: UnitCache | None = None
    table: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def units_en(self, text: str) -> list[Unit]:
        """English units are not changed by learned pairs."""
        if self.base is not None:
            return self.base.units_en(text)
        return UnitCache.units_en(self, text)

    def units_ar(self, text: str) -> list[Unit]:
        """The Arabic units of ``text`` with their learned keys, computed once."""
        got = self.ar.get(text)
        if got is None:
            plain = (self.base.units_ar(text) if self.base is not None
                     else units_ar(text, self.lexicon))
            got = self.ar[text] = with_learned(plain, self.table)
        return got


def learned_cache(units: UnitCache, learned: LearnedPairs) -> UnitCache:
    """``units`` itself when nothing was learned, else a cache adding the learned keys."""
    if not learned:
        return units
    base = units.base if isinstance(units, LearnedUnitCache) else units
    return LearnedUnitCache(units.lexicon, base=base, table=learned.table())
