"""Gold beads of the shared bench and corrupted copies of them, for fitting and judging the
fidelity score (``scripts/fit_fidelity.py``, ``benchmarks/fidelity.py``).

A true bead is a two-sided gold bead, its texts joined by a space as ``Alignment.bead_text``
joins them. Six corruptions imitate the errors a reviewer must catch: the partner replaced by
a neighbouring sentence (a misalignment), a neighbouring sentence taken into one side (the
aligner's commonest wrong bead: a 2-1 whose extra sentence belongs elsewhere), a third of one
side cut off (an omission), one number changed, a name replaced by another, and the English
copied into the Arabic side.
Each corruption is drawn with its own generator, seeded from the seed, the document and the
bead, so the same seed always gives the same pairs.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from tawazi.align.evidence.keys import number_value
from tawazi.align.evidence.lexicon import Lexicon
from tawazi.align.quality.bead_evidence import Parts, bead_evidence, document_mu
from tawazi.align.text.normalize import non_space_length

KINDS = ("partner", "absorbed", "cut", "number", "name", "untranslated")
LABELS = {
    "partner": "partner replaced",
    "absorbed": "sentence taken in",
    "cut": "third cut off",
    "number": "number changed",
    "name": "name replaced",
    "untranslated": "untranslated",
}

_NUM_RE = re.compile(r"[0-9\u0660-\u0669]+(?:[.,\u066b\u066c][0-9\u0660-\u0669]+)*")


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One bench document: its lines and its two-sided gold beads as texts."""

    set_name: str
    name: str
    en_lines: tuple[str, ...]
    ar_lines: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    mu: float
    #: Per pair, where the later lines of each side start in its text (``Parts``).
    parts: tuple[Parts, ...] = ()


@dataclass(frozen=True, slots=True)
class Example:
    """A bead to score: ``kind`` is ``true`` or a corruption name."""

    doc: str
    kind: str
    en: str
    ar: str
    mu: float
    parts: Parts = ((), ())


def _parse_gold(line: str) -> tuple[list[int], list[int]]:
    left, right = line.split(":")[:2]

    def idx(part: str) -> list[int]:
        part = part.strip()[1:-1].strip()
        return [int(x) for x in part.split(",")] if part else []

    return idx(left), idx(right)


def load_set(bench: Path, set_name: str) -> list[GoldDoc]:
    """The documents of one bench set, in file-name order."""
    docs = []
    for gold in sorted((bench / set_name).glob("*.gold")):
        name = gold.name[: -len(".gold")]
        en = tuple((gold.parent / f"{name}.en").read_text(encoding="utf-8").splitlines())
        ar = tuple((gold.parent / f"{name}.ar").read_text(encoding="utf-8").splitlines())
        pairs = []
        parts = []
        for line in gold.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            e, a = _parse_gold(line)
            if e and a:
                pairs.append((" ".join(en[i] for i in e), " ".join(ar[j] for j in a)))
                parts.append((_starts([en[i] for i in e]), _starts([ar[j] for j in a])))
        mu = document_mu([(non_space_length(e), non_space_length(a)) for e, a in pairs])
        docs.append(GoldDoc(set_name, name, en, ar, tuple(pairs), mu, tuple(parts)))
    return docs


def _starts(lines: list[str]) -> tuple[int, ...]:
    """Where the second, third, ... of ``lines`` start in their space-joined text."""
    out, pos = [], 0
    for line in lines[:-1]:
        pos += len(line) + 1
        out.append(pos)
    return tuple(out)


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(zlib.crc32(repr((seed, *parts)).encode()))


def _cut(text: str, rng: random.Random) -> str | None:
    words = text.split()
    if len(words) < 6:
        return None
    k = max(1, round(len(words) / 3))
    return " ".join(words[k:] if rng.random() < 0.5 else words[:-k])


_AR_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_ASCII = str.maketrans(_AR_DIGITS, "0123456789")


def _change_number(text: str, rng: random.Random) -> str | None:
    """One number of ``text`` given another value: a digit replaced, or (for integers) ten
    times the value, as in the real NTREX error "30,000" -> 300,000."""
    found = list(_NUM_RE.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    tok = m.group()
    arabic = any(c in _AR_DIGITS for c in tok)
    zero = "٠" if arabic else "0"
    sep = re.search(r"[.,\u066b\u066c]", tok)
    is_int = sep is None or re.fullmatch(r"\d{1,3}(?:[,\u066c]\d{3})+", tok.translate(_TO_ASCII))
    if is_int and rng.random() < 0.5:
        new = tok + zero if sep is None else tok[: sep.start()] + zero + tok[sep.start() :]
    else:
        pos = [i for i, c in enumerate(tok) if c.isdigit()]
        i = rng.choice(pos)
        old = int(tok[i].translate(_TO_ASCII))
        d = rng.choice([x for x in range(10) if x != old and (x or i or len(pos) == 1)])
        new = tok[:i] + (_AR_DIGITS[d] if arabic else str(d)) + tok[i + 1 :]
    if number_value(new) == number_value(tok):
        return None
    return text[: m.start()] + new + text[m.end() :]


def name_pairs(pairs: tuple[tuple[str, str], ...], lexicon: Lexicon
               ) -> list[tuple[int, str, str]]:
    """(bead, English name, Arabic spelling) for the names the scorer itself matched across
    the bead (required English name mentions with an Arabic partner), for swapping."""
    out = []
    for k, (en, ar) in enumerate(pairs):
        ev = bead_evidence(en, ar, lexicon)
        for a in ev.en.mentions:
            if a.kind == "name" and a.required and a.partners:
                b = ev.ar.mentions[a.partners[0]]
                if len(b.text) >= 3:
                    out.append((k, a.text, b.text))
                    break
    return out


def corrupt_doc(doc: GoldDoc, seed: int, lexicon: Lexicon,
                pool: list[tuple[str, str, str]]) -> Iterator[Example]:
    """Every true bead of ``doc`` and one corruption of each kind for every bead that admits
    it. ``pool`` holds (document, English name, Arabic name) from all documents."""
    pairs = doc.pairs
    names = {k: (e, a) for k, e, a in name_pairs(pairs, lexicon)}
    parts = doc.parts or tuple(((), ()) for _ in pairs)
    for k, (en, ar) in enumerate(pairs):
        yield Example(doc.name, "true", en, ar, doc.mu, parts[k])
        # Its own generator, so that the other kinds' draws are those of earlier versions.
        absorbed = _absorbed(pairs, parts, k, _rng(seed, doc.name, k, "absorbed"))
        if absorbed is not None:
            yield Example(doc.name, "absorbed", absorbed[0], absorbed[1], doc.mu, absorbed[2])
        rng = _rng(seed, doc.name, k)
        yield from _partner_cut_number(doc, k, rng)
        if k in names and pool:
            e_name, a_name = names[k]
            others = [p for p in pool if p[0] != doc.name and p[1] != e_name]
            if others:
                _, e2, a2 = rng.choice(others)
                if rng.random() < 0.5:
                    yield Example(doc.name, "name", en.replace(e_name, e2), ar, doc.mu)
                else:
                    yield Example(doc.name, "name", en, ar.replace(a_name, a2), doc.mu)
        yield Example(doc.name, "untranslated", en, en, doc.mu)


def _partner_cut_number(doc: GoldDoc, k: int, rng: random.Random) -> Iterator[Example]:
    """The partner, cut and number corruptions of bead ``k``, drawn from ``rng`` in order."""
    pairs = doc.pairs
    en, ar = pairs[k]
    near = [j for j in (k - 2, k - 1, k + 1, k + 2) if 0 <= j < len(pairs)]
    if near:
        j = rng.choice(near)
        if rng.random() < 0.5:
            yield Example(doc.name, "partner", en, pairs[j][1], doc.mu)
        else:
            yield Example(doc.name, "partner", pairs[j][0], ar, doc.mu)
    side = rng.random() < 0.5
    cut = _cut(en if side else ar, rng)
    if cut is not None:
        yield Example(doc.name, "cut", cut if side else en, ar if side else cut, doc.mu)
    sides = [s for s, t in (("en", en), ("ar", ar)) if _NUM_RE.search(t)]
    if sides:
        s = rng.choice(sides)
        changed = _change_number(en if s == "en" else ar, rng)
        if changed is not None:
            yield Example(doc.name, "number", changed if s == "en" else en,
                          changed if s == "ar" else ar, doc.mu)


def _absorbed(pairs: tuple[tuple[str, str], ...], parts: tuple[Parts, ...], k: int,
              rng: random.Random) -> tuple[str, str, Parts] | None:
    """Bead ``k`` with one side's neighbouring sentence taken in (the aligner's commonest
    error: a 2-1 holding a sentence the other side renders elsewhere, or leaves out); only
    for a bead of one sentence a side, so the neighbour is one sentence too."""
    near = [j for j in (k - 1, k + 1) if 0 <= j < len(pairs) and parts[j] == ((), ())]
    if parts[k] != ((), ()) or not near:
        return None
    j = rng.choice(near)
    side = 0 if rng.random() < 0.5 else 1
    texts = [pairs[k][0], pairs[k][1]]
    first, second = (pairs[j][side], texts[side]) if j < k else (texts[side], pairs[j][side])
    texts[side] = f"{first} {second}"
    starts: tuple[int, ...] = (len(first) + 1,)
    got: Parts = (starts, ()) if side == 0 else ((), starts)
    return texts[0], texts[1], got


def examples(docs: list[GoldDoc], seed: int, lexicon: Lexicon) -> list[Example]:
    """True beads and corruptions of all ``docs``."""
    pool = [(d.name, e, a) for d in docs for _, e, a in name_pairs(d.pairs, lexicon)]
    out: list[Example] = []
    for d in docs:
        out.extend(corrupt_doc(d, seed, lexicon, pool))
    return out


def auc(pos: Sequence[float] | NDArray[np.float64], neg: Sequence[float] | NDArray[np.float64]
        ) -> float:
    """ROC AUC: the probability that a true bead scores above a corrupted one (ties half)."""
    p = np.asarray(pos, dtype=float)
    n = np.asarray(neg, dtype=float)
    if not len(p) or not len(n):
        return float("nan")
    both = np.concatenate([p, n])
    order = both.argsort(kind="mergesort")
    ranks = np.empty(len(both))
    sorted_vals = both[order]
    # Average ranks over ties.
    _, first, counts = np.unique(sorted_vals, return_index=True, return_counts=True)
    avg = first + (counts - 1) / 2.0 + 1.0
    ranks[order] = np.repeat(avg, counts)
    r_pos = ranks[: len(p)].sum()
    return float((r_pos - len(p) * (len(p) + 1) / 2) / (len(p) * len(n)))
