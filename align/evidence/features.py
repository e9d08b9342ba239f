"""Per-sentence features, computed once: lengths and the match keys of every word.

Every content word becomes a *unit* with a set of keys. English: its Snowball stem plus typed
keys (``keys.py``: number value, month, weekday, name skeleton, the Latin token itself). Arabic:
the English stems of its lexicon glosses plus the same kinds of typed keys. Two words of
opposite sides match when their key sets meet, which is how ``coverage.py`` counts matched
words. Function words are left out: they are in nearly every sentence and carry no signal for
alignment.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from align.evidence import keys as K
from align.evidence.coverage import KeyedSide
from align.evidence.lexicon import Lexicon
from align.text.arabic import CLITICS_NAME
from align.text.arabic import LETTER_RE as AR_LETTER_RE
from align.text.normalize import en_stem, normalize_ar, words
from align.text.stopwords import arabic_stopwords, english_stopwords


@dataclass(frozen=True, slots=True)
class Unit:
    """A content word with its offsets in the sentence and its match keys."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...]
    weight: float = 1.0


@dataclass(slots=True)
class Vocabulary:
    """Interning of key strings to integer ids shared by both sides."""

    ids: dict[str, int] = field(default_factory=dict)

    def id(self, key: str) -> int:
        got = self.ids.get(key)
        if got is None:
            got = self.ids[key] = len(self.ids)
        return got


def _name_skeletons_ar(norm: str) -> tuple[str, ...]:
    keys: set[str] = set(K.skeleton_keys(K.skeleton_ar(norm)))
    for p in CLITICS_NAME:
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            keys.update(K.skeleton_keys(K.skeleton_ar(norm[len(p):])))
            break
    return tuple(sorted(keys))


@lru_cache(maxsize=300_000)
def _en_word_keys(w: str, inner: bool) -> tuple[str, ...]:
    """Keys of one English word (``inner``: not the first word of the sentence, where a
    capital says nothing about names)."""
    lw = w.lower()
    keys: set[str] = set()
    mw = K.months_weekdays_en(lw)
    if mw:
        keys.add(mw)
    if lw in K.EN_NUMBER_WORDS:
        keys.add(f"#{K.EN_NUMBER_WORDS[lw]}")
    if lw in english_stopwords and not keys:
        return ()
    if len(lw) > 1:
        keys.add(en_stem(lw))
    if (w[0].isupper() and inner) or (w.isupper() and len(w) > 1):
        keys.update(K.skeleton_keys(K.skeleton_en(w)))
    if w[0].isupper() or w.isupper():
        keys.add("=" + lw)
    return tuple(sorted(keys))


def units_en(text: str) -> list[Unit]:
    """Content words of an English sentence with their keys."""
    toks = words(text)
    out: list[Unit] = []
    for k, (s, e, w) in enumerate(toks):
        value = K.number_value(w) if w[0].isdigit() else None
        if value is not None:
            nxt = toks[k + 1][2].lower() if k + 1 < len(toks) else ""
            out.append(Unit(s, e, w, K.number_keys(value, K.EN_SCALE.get(nxt)), 1.5))
            continue
        if not w[0].isalpha():
            continue
        keys = _en_word_keys(w, k > 0)
        if keys:
            out.append(Unit(s, e, w, keys))
    return out


_ar_cache: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}


def _ar_word(w: str, lexicon: Lexicon) -> tuple[str, tuple[str, ...]]:
    """Normalised form and keys of one Arabic-script word (context-free part), cached per
    lexicon version: running text repeats its words, and lookups are the costly part."""
    cache = _ar_cache.setdefault(lexicon.sha, {})
    got = cache.get(w)
    if got is None:
        if len(cache) > 500_000:
            cache.clear()
        got = cache[w] = _ar_word_uncached(w, lexicon)
    return got


def _ar_word_uncached(w: str, lexicon: Lexicon) -> tuple[str, tuple[str, ...]]:
    norm = normalize_ar(w)
    keys: set[str] = set()
    mon = K.strip_clitic(norm, K.AR_MONTHS)
    if mon is not None:
        keys.add(f"@m{K.AR_MONTHS[mon]}")
    day = K.strip_clitic(norm, K.AR_WEEKDAYS)
    if day is not None:
        keys.add(f"@d{K.AR_WEEKDAYS[day]}")
    num = K.strip_clitic(norm, K.AR_NUMBER_WORDS)
    if num is not None:
        keys.add(f"#{K.AR_NUMBER_WORDS[num]}")
    if norm in arabic_stopwords and not keys:
        return norm, ()
    glosses = lexicon.lookup(norm)
    keys.update(glosses)
    keys.update(_name_skeletons_ar(norm))
    if not glosses and GLUED_MIN <= len(norm) <= GLUED_MAX:
        for piece, known in glued_pieces(norm, lexicon) or ():
            keys.update(lexicon.lookup(piece) if known else _name_skeletons_ar(piece))
    return norm, tuple(sorted(keys))


#: Lengths of unknown tokens tried as several words written without spaces (NTREX has whole
#: clauses of 300 letters glued; the bound keeps a token that is no text at all cheap).
GLUED_MIN, GLUED_MAX = 10, 500


def glued_pieces(norm: str, lexicon: Lexicon) -> list[tuple[str, bool]] | None:
    """Words of a token typed without spaces (``علىهامشالجمعيةالعامة``), or ``None``.

    Some translations lose the spaces between Arabic words (the final letter forms hide it
    on screen); such a token matches nothing and the aligner loses its keys. A dynamic
    programme cuts it into pieces that the lexicon or the function-word list knows, allowing
    unknown pieces of three letters or more (names: ``بومبيو``), and keeps the cut only when
    known pieces cover at least 70% of the letters. Returns ``(piece, known)`` pairs.
    """
    n = len(norm)

    def known(piece: str) -> bool:
        return piece in arabic_stopwords or (len(piece) >= 3 and bool(lexicon.lookup(piece)))

    # best[i]: (known letters - 0.5 per piece, pieces) over norm[:i]
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
                continue  # two unknown pieces in a row are one unknown piece
            score = prev[0] + (len(piece) if is_known else 0.0) - 0.5
            if best[i] is None or score > best[i][0]:  # type: ignore[index]
                best[i] = (score, [*prev[1], (piece, is_known)])
    end = best[n]
    if end is None or len(end[1]) < 2:
        return None
    covered = sum(len(p) for p, k in end[1] if k)
    return end[1] if covered >= 0.7 * n else None


@lru_cache(maxsize=100_000)
def _latin_in_ar(w: str) -> tuple[str, ...]:
    lw = w.lower()
    return tuple(sorted({"=" + lw, en_stem(lw), *K.skeleton_keys(K.skeleton_en(w))}))


def units_ar(text: str, lexicon: Lexicon) -> list[Unit]:
    """Content words of an Arabic sentence with their keys (glosses and typed keys)."""
    toks = words(text)
    out: list[Unit] = []
    skip_next = False
    for k, (s, e, w) in enumerate(toks):
        if skip_next:
            skip_next = False
            continue
        if w[0].isdigit():
            value = K.number_value(w)
            if value is not None:
                nxt = normalize_ar(toks[k + 1][2]) if k + 1 < len(toks) else ""
                scale = K.AR_SCALE.get(nxt) or K.EN_SCALE.get(nxt.lower())
                out.append(Unit(s, e, w, K.number_keys(value, scale), 1.5))
            continue
        if not AR_LETTER_RE.match(w[0]):
            if w[0].isalpha():  # a Latin token inside Arabic text: matches itself
                out.append(Unit(s, e, w, _latin_in_ar(w)))
            continue
        norm, keys = _ar_word(w, lexicon)
        # Two-word Levantine months: تشرين الأول, كانون الثاني.
        first = K.strip_clitic(norm, K.AR_MONTHS_2)
        if first is not None and k + 1 < len(toks):
            nxt = normalize_ar(toks[k + 1][2])
            if nxt in K.AR_MONTHS_2[first]:
                month = K.AR_MONTHS_2[first][nxt]
                end = toks[k + 1][1]
                out.append(Unit(s, end, text[s:end], (f"@m{month}",)))
                skip_next = True
                continue
        if keys:
            out.append(Unit(s, e, w, keys))
    return out


def keyed_side(units: Iterable[Sequence[Unit]], vocab: Vocabulary) -> KeyedSide:
    """Flatten per-sentence units into the arrays that ``coverage.py`` joins.

    ``units`` may be a generator: only one sentence's units are alive at a time, and the
    arrays grow in compact ``array`` buffers, which keeps long documents small in memory.
    """
    unit_sent = array("i")
    unit_weight = array("f")
    pair_unit = array("i")
    pair_key = array("i")
    sk_sent = array("i")
    sk_key = array("i")
    ids = vocab.ids
    u = 0
    n = 0
    for si, sent_units in enumerate(units):
        n = si + 1
        seen: set[int] = set()
        for unit in sent_units:
            unit_sent.append(si)
            unit_weight.append(unit.weight)
            for key in unit.keys:
                kid = ids.get(key)
                if kid is None:
                    kid = ids[key] = len(ids)
                pair_unit.append(u)
                pair_key.append(kid)
                if kid not in seen:
                    seen.add(kid)
                    sk_sent.append(si)
                    sk_key.append(kid)
            u += 1

    def arr(x: array[int]) -> NDArray[np.int32]:
        # A view on the compact buffer, no copy; the buffer lives as long as the array.
        return np.frombuffer(x, dtype=np.int32) if len(x) else np.zeros(0, np.int32)

    return KeyedSide(
        unit_sent=arr(unit_sent),
        unit_weight=np.frombuffer(unit_weight, dtype=np.float32)
        if len(unit_weight) else np.zeros(0, np.float32),
        pair_unit=arr(pair_unit),
        pair_key=arr(pair_key),
        sent_key_sent=arr(sk_sent),
        sent_key_key=arr(sk_key),
        n_sents=n,
    )
