"""Chains of transmission (isnad): the spans of an Arabic text that name who told whom.

A hadith, and much classical Arabic narrative (history, biography, adab), opens its report
with the chain of people it came through::

    حدثنا أبو بكر بن أبي شيبة، حدثنا وكيع، عن الأعمش، عن أبي صالح، عن أبي هريرة، قال ...

Transmission verbs and particles (``حدثنا`` "told us", ``أخبرني`` "informed me", ``أنبأنا``,
``سمعت`` "I heard", ``عن`` "from", ``قال حدثنا``, the switch to another chain ``ح``) alternate
with names (``ابن``/``بن``/``بنت``/``أبو``/``أبي``/``أم`` + name, nisbas such as
``الأنصاري``, kin words such as ``أبيه`` "his father"), up to the report proper (the *matn*),
which starts after the last name (``قال``, ``أن رسول الله``, ``عن النبي``). Translations
abridge the chain by convention ("Abu Huraira reported:"), keeping its last link or two, so
its words are not evidence of a translation either way: the aligner weighs them down
(``config.IsnadParams``) and the fidelity scorer does not count the ones the translation left
out.

``isnad_spans`` finds such chains by their shape, not by a list of narrators: at least
``min_links`` links (a transmission word followed by a name), ``min_strong`` of them by a
verb of transmission, which news and other modern prose practically never use in a row.
A chain ends where a transmission word is followed by something that is not a name within
``name_max`` words, or by the Prophet (``النبي``, ``رسول الله``: the translation keeps him).
Pure and cheap: a text without any verb of transmission is rejected by one substring test.

The word tables are written folded as ``arabic.FOLD`` leaves them (no marks, one alef,
``ى`` -> ``ي``, ``ة`` -> ``ه``); ``tests/test_isnad.py`` checks that each is a fixed point.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from ..config import IsnadParams
from .arabic import FOLD
from .normalize import non_space_length, words

Span = tuple[int, int]

#: Verbs of transmission, folded, without the conjunction ``و``/``ف`` (stripped before the
#: look-up): "told", "informed", "reported", "heard", with the pronoun suffixes that chains
#: use. Bare ``حدث``/``حدثت`` ("happened") and ``اخبر`` are left out: they are ordinary prose.
STRONG_LINKS = frozenset(
    """
    حدثنا حدثني حدثناه حدثنيه حدثنيها حدثناها حدثه حدثها حدثهم حدثهما حدثك حدثكم حدثتني
    حدثتنا حدثتهم حدثاه حدثونا حدثوني يحدثه يحدثها يحدثهم
    اخبرنا اخبرني اخبرناه اخبرنيه اخبرنيها اخبره اخبرها اخبرهم اخبرهما اخبرك اخبرتني اخبرتنا
    اخبراه اخبروه اخبرونا
    انبانا انباني انباه انبانيه انبانا انبات
    سمعت سمعنا سمع سمعه سمعها سمعته سمعتها سمعاه سمعوا سمعتم يسمع
    """.split()
)
#: Particles and verbs that link two narrators without saying how: "from", "that",
#: "said", "saying" (a ``قال``/``يقول`` links only when another link follows at once, as in
#: ``قال حدثنا``; otherwise it opens the report), the switch to another chain ``ح``, and the
#: words that gather several narrators before their common source (``كلاهما عن``).
WEAK_LINKS = frozenset("عن ح".split())
#: "That": a link only when a verb of transmission, or a name and a verb of saying, follow
#: within ``THAT_REACH`` words (``أن أباه حدثه``, ``أنه سمع``, ``أن جابرا قال``); otherwise
#: it is the report's ``أن رسول الله``, or prose. It never is part of a name.
THAT = frozenset("ان انه انها انهما".split())
THAT_REACH = 6
#: Verbs of saying: a link only in front of another link (``قال أخبرنا``).
SAYING = frozenset("قال قالت قالا قالوا يقول تقول يقولان".split())
#: Words that stand between links without being names: "both of them", "all of them",
#: "together", "that is", "he is" (``يعني ابن مسلم``), "the wording is his".
FILLERS = frozenset(
    """
    كلاهما كلاهم كلهم جميعا جميعهم يعني وهو هو واللفظ لفظ له لهما حديثه قراءه قرات علي
    """.split()
)
#: Words that join a name to the next one (``عبد الله بن عمر``, ``أبو بكر``, ``أم سلمة``,
#: ``مولى شداد``, ``أخو يحيى``, ``صاحب``) or are names of kin (``عن أبيه``, ``عن جده``).
NAME_JOINS = frozenset(
    """
    بن ابن بنت ابنه ابو ابي ابا ام عبد عبيد مولي مولاه اخو اخي اخا صاحب
    """.split()
)
KIN = frozenset(
    """
    ابيه ابيها ابيهما ابي ابوه ابوها اباه جده جدي جدته ابيك امه امي امها عمه عمي عمته خاله
    خالي خالته خالتي اخيه اخته اخي زوجه زوجته
    """.split()
)
#: Words no narrator's name holds (relatives, prepositions, ``طريق`` of ``عن طريق`` "by
#: way of"; not ``علي``, which folds like the name Ali): after a link they show a topic
#: ("told us about the shelling that ..."), and the chain, if any, ended before that link.
NOT_NAMES = frozenset(
    "الذي التي الذين اللذين اللتين في من الي مع حول بشان خلال ضد طريق ثم".split())
#: Where a chain reaches the Prophet or the report begins: the translation keeps these, so
#: they end the chain (and are never part of a name).
STOPS = frozenset("النبي رسول نبي الرسول".split())
#: Reading to a teacher (``قرأت على مالك``, ``عرضت على``), a link when ``على`` follows.
READ_TO = frozenset("قرات قرئ عرضت قرانا".split())
#: Punctuation after a word that ends a name: comma, dash, semicolon, colon.
SEPARATORS = "،,-؛;:"
#: Dashes, which also open and close an aside inside a chain (``- واللفظ لقتيبة -``).
DASHES = "-–—"
#: Longest aside between dashes inside a chain, in words: a note on the wording
#: (``- واللفظ لأبي كامل -``, ``- وتقاربا في لفظ الحديث -``) or a narrator's town (``- كوفي -``).
ASIDE_MAX = 6
#: The first words (folded, without ``و``) of the asides ``_past_aside`` passes over, besides
#: ``FILLERS`` and a narrator's town (one word ending in ``ي``): "the wording", "they were
#: close (in wording)", "the meaning".
ASIDE_OPENERS = frozenset("اللفظ لفظ تقاربا تقاربوا المعني معني".split())
#: Most narrators named one after another with ``و`` before the link they share.
LISTED_MAX = 6
#: Substrings of which a text must hold one to be looked at (every strong link has one).
PROBES = ("حدث", "اخبر", "انبا", "سمع", "قرات", "عرضت")


class _Tok(NamedTuple):
    start: int
    end: int
    word: str  # folded, conjunction stripped
    comma: bool  # a comma or dash ends it (a name's natural end)
    dash: bool = False  # a dash ends it (an aside opens or closes there)


def _tokens(text: str) -> list[_Tok]:
    toks = words(text)
    out: list[_Tok] = []
    skip = False
    for k, (s, e, w) in enumerate(toks):
        if skip:
            skip = False
            continue
        f = w.translate(FOLD)
        if f in READ_TO and k + 1 < len(toks) and toks[k + 1][2].translate(FOLD) == "علي":
            # ``قرأت على مالك``: "I read to Malik", one link (``علي`` is not the name Ali).
            s0, e, skip = s, toks[k + 1][1], True
            nxt = toks[k + 2][0] if k + 2 < len(toks) else len(text)
            gap = text[e:nxt]
            out.append(_Tok(s0, e, "حدثنا", any(c in gap for c in SEPARATORS),
                            any(c in gap for c in DASHES)))
            continue
        # ``وعن`` stays itself: chains link with a bare ``عن``, prose lists topics with
        # ``عن ...، وعن ...``.
        if len(f) > 2 and f[0] in "وف" and (f[1:] in STRONG_LINKS or f[1:] in SAYING
                                            or f[1:] in THAT or f[1:] == "ح"):
            f = f[1:]
        nxt = toks[k + 1][0] if k + 1 < len(toks) else len(text)
        gap = text[e:nxt]
        out.append(_Tok(s, e, f, any(c in gap for c in SEPARATORS), any(c in gap for c in DASHES)))
    return out


def _link(toks: list[_Tok], i: int) -> str:
    """``"strong"``, ``"weak"`` or ``""``: what token ``i`` is as a link of a chain."""
    w = toks[i].word
    if w in STRONG_LINKS:
        return "strong"
    if w in WEAK_LINKS:
        return "weak"
    if w in SAYING and i + 1 < len(toks) and toks[i + 1].word in STRONG_LINKS:
        return "weak"
    if w in THAT:
        # ``أن أباه حدثه``, ``أنه سمع``; ``أن جابر بن عبد الله قال``: a narrator, then what
        # he said (a name first: ``أن رسول الله قال`` opens the report).
        ahead = toks[i + 1 : i + 1 + THAT_REACH]
        if any(t.word in STRONG_LINKS for t in ahead) or (
                ahead and ahead[0].word not in STOPS | SAYING
                and any(t.word in SAYING for t in ahead[1:])):
            return "weak"
    return ""


def _head(toks: list[_Tok], i: int) -> int:
    """Index past the plain name at token ``i``: a word (after a leading ``أبو``/``أم``/
    ``عبد``), each ``بن``/``أبي`` + word joined to it, and a nisba (``الأنصاري``)."""
    n = len(toks)
    j = i
    if j < n and toks[j].word in NAME_JOINS and j + 1 < n:
        j += 1
    j += 1
    while j + 1 < n and toks[j].word in NAME_JOINS and not toks[j - 1].comma:
        j += 2
    if j < n and not toks[j - 1].comma and _nisba(toks[j].word):
        j += 1
    return min(j, n)


def _nisba(word: str) -> bool:
    return len(word) >= 5 and word.startswith("ال") and word.endswith("ي")


def _ends_name(toks: list[_Tok], j: int) -> bool:
    """Whether token ``j`` cannot be inside a name: a link, a verb of saying, a stop."""
    w = toks[j].word
    return bool(_link(toks, j)) or w in SAYING or w in STOPS or w in THAT


def _name_end(toks: list[_Tok], i: int, limit: int) -> int:
    """Index past the name that starts at token ``i`` (``i`` itself when there is none).

    A name runs to the next comma or dash, link, verb of saying or stop, if that comes
    within ``limit`` words; otherwise (no such end: the report may have begun) only its
    plain head counts (``_head``)."""
    n = len(toks)
    if i >= n or _ends_name(toks, i):
        return i
    j = i
    while j < n and j - i < limit:
        if j > i and _ends_name(toks, j):
            return j
        j += 1
        if toks[j - 1].comma:
            return j
    if j >= n:
        return j
    return _head(toks, i)


def _name_words(toks: list[_Tok], m: int) -> int:
    """Index past the words of a name from token ``m``: a joining word (``بن``, ``أبي``,
    ``عبد``) takes the word after it, and a word followed by a joining word goes on
    (``أبو بكر بن أبي شيبة``), up to a comma; then a nisba (``الحنفي``)."""
    n = len(toks)
    while m < n:
        m += 1
        if toks[m - 1].comma:
            return m
        if toks[m - 1].word in NAME_JOINS and m < n:
            continue
        if not (m < n and toks[m].word in NAME_JOINS):
            break
    if m < n and not toks[m - 1].comma and _nisba(toks[m].word):
        m += 1
    return min(m, n)


def _joined_names(toks: list[_Tok], j: int) -> int:
    """Index past narrators named one after another from token ``j``, each after ``و``
    (``وأبو بكر بن أبي شيبة وهناد بن السري وأبو عاصم الحنفي``; the first may be the same
    narrator named again after a comma, ``أبو جعفر، محمد بن الصباح``), at most
    ``LISTED_MAX``, and the asides between dashes among and after them (``_past_aside``);
    ``j`` when there are none."""
    n = len(toks)
    k = _past_aside(toks, j)
    for turn in range(LISTED_MAX):
        w = toks[k].word if k < n else ""
        plain = turn == 0 and k == j and toks[j - 1].comma  # the same narrator, renamed
        if (len(w) < 3 or (w[0] != "و" and not plain) or _ends_name(toks, k)
                or w.removeprefix("و") in NOT_NAMES):
            break
        # ``وأبو بكر``: the conjunction hides a joining word, which takes the word after it.
        joins = w[0] == "و" and w[1:] in NAME_JOINS
        k = _past_aside(toks, _name_words(toks, k + 1 if joins else k))
    return k


def _past_aside(toks: list[_Tok], k: int) -> int:
    """Index past an aside between dashes that opens after token ``k - 1``: a note on the
    wording (``- واللفظ لقتيبة -``, ``ASIDE_OPENERS``, ``FILLERS``) or a narrator's town
    (``- كوفي -``), at most ``ASIDE_MAX`` words up to the closing dash; ``k`` when none."""
    n = len(toks)
    if k == 0 or k >= n or not toks[k - 1].dash:
        return k
    w = toks[k].word
    first = w[1:] if w[:1] == "و" and len(w) > 3 else w
    if not (first in ASIDE_OPENERS or w in FILLERS or (toks[k].dash and w.endswith("ي"))):
        return k
    for m in range(k, min(n, k + ASIDE_MAX)):
        if toks[m].dash:
            return m + 1
    return k


def _between(toks: list[_Tok], i: int, j: int, end: int, params: IsnadParams
             ) -> tuple[int, int] | None:
    """Where the chain that started at link ``i`` goes on when token ``j`` (after a name
    ending at ``end``) is not a link: ``(next token, end of the names)``, or ``None`` when
    the chain ended."""
    n = len(toks)
    k = j
    # Fillers between a name and the next link (``كلاهما عن``), or before a name that
    # explains the last one (``يعني ابن زريع``, ``وهو ابن القاسم``).
    while k < n and toks[k].word in FILLERS and k - j < 3:
        k += 1
    if k > j:
        stop = k if k < n and _link(toks, k) else _name_end(toks, k, params.name_max)
        if stop < n and _link(toks, stop):
            return stop, end
    # A note on the wording of two narrators (``قال عبد أخبرنا وقال ابن رافع حدثنا``,
    # ``قال أحمد حدثنا وقال الآخران أخبرنا``): a verb of saying, a name, then a verb of
    # transmission; the chain goes on at that verb.
    if j > i and toks[j].word in SAYING:
        stop = _name_end(toks, j + 1, params.name_max)
        if j + 1 < stop < n and toks[stop].word in STRONG_LINKS:
            return stop, end
    # Another name after a comma: a second narrator joined by ``و`` (``حدثنا أبو معاوية،
    # ووكيع، عن``), or the same one named again (``أبو كامل، فضيل بن حسين حدثنا``), as long
    # as a link follows it.
    if end == j and j > i and toks[j - 1].comma:
        stop = _name_end(toks, j, params.name_max)
        listed = toks[j].word.startswith("و") and toks[stop - 1].comma
        if j < stop < n and (listed or _link(toks, stop)):
            return stop, stop
    # More narrators than a name's ``name_max`` words, joined by ``و`` without commas, and
    # an aside between dashes before or after them (``حدثنا قتيبة، وأبو بكر بن أبي شيبة
    # وهناد بن السري - واللفظ لقتيبة - قالوا حدثنا``; ``حدثنا إسماعيل بن موسى، - كوفي -
    # وهناد قالوا حدثنا``): the chain goes on at the link they share.
    if end == j and j > i:
        k = _joined_names(toks, j)
        if j < k < n and (toks[k].word in STRONG_LINKS or (
                toks[k].word in SAYING and _link(toks, k))):
            return k, k
    return None


def _chain(toks: list[_Tok], i: int, params: IsnadParams) -> tuple[int, int, int, int]:
    """The chain that starts with link ``i``: ``(index past its last name, links, strong
    links, index of its last link)``."""
    n = len(toks)
    links = strong = 0
    end = last = i
    j = i
    while j < n:
        kind = _link(toks, j)
        if not kind:
            went = _between(toks, i, j, end, params)
            if went is None:
                break
            j, end = went
            continue
        stop = _name_end(toks, j + 1, params.name_max)
        if stop == j + 1:  # a link followed straight by another link (``قال حدثنا``, ``ح``)
            if j + 1 < n and _link(toks, j + 1):
                j += 1
                continue
            went = _between(toks, i, j + 1, end, params) if j + 1 < n else None
            if went is None or toks[j + 1].word not in SAYING:
                break
            j, end = went  # the wording note after a link (``أخبرنا وقال ابن رافع حدثنا``)
            continue
        if any(toks[t].word in NOT_NAMES for t in range(j + 1, stop)):
            break  # "about the shelling that hit ...": a topic, not a narrator
        links += 1
        strong += kind == "strong"
        last = j
        end = j = stop
    return end, links, strong, last


class Chain(NamedTuple):
    """One chain of transmission: characters ``start .. end`` of the text, its last link
    (the narrator the report comes from, ``عن أبي هريرة``) from ``kept``. Translations keep
    that link ("Abu Huraira reported:") and abridge the rest, ``start .. kept``."""

    start: int
    kept: int
    end: int


def isnad_chains(text: str, params: IsnadParams | None = None) -> tuple[Chain, ...]:
    """``_chains`` of ``text`` (see there), memoised: the search, detaching and the
    fidelity scorer ask about the same sentences."""
    return _chains(text, params or IsnadParams())


def opens_with_chain(text: str, params: IsnadParams | None = None) -> bool:
    """Whether ``text`` begins with a chain of transmission (only a conjunction or a
    bracket before it): it opens a new report, as a paragraph break would."""
    chains = isnad_chains(text, params)
    return bool(chains) and not any(c.isalpha() for c in text[: chains[0].start])


@lru_cache(maxsize=100_000)
def _chains(text: str, params: IsnadParams) -> tuple[Chain, ...]:
    """The chains of transmission of ``text`` (see the module docstring), in order; ``()``
    for ordinary prose.

    >>> t = "حدثنا قتيبة، حدثنا الليث، عن نافع، عن ابن عمر، أن رسول الله قال"
    >>> [(t[c.start:c.kept], t[c.kept:c.end]) for c in isnad_chains(t)]
    [('حدثنا قتيبة، حدثنا الليث، عن نافع، ', 'عن ابن عمر')]
    >>> isnad_chains("قال الوزير إن المحادثات عن السلام ستستأنف")
    ()
    """
    p = params
    if p.min_strong and not _has_probe(text):
        return ()  # no verb of transmission: no chain can qualify
    toks = _tokens(text)
    out: list[Chain] = []
    i = 0
    while i < len(toks):
        if not _link(toks, i):
            i += 1
            continue
        end, links, strong, last = _chain(toks, i, p)
        if links >= p.min_links and strong >= p.min_strong and end > i:
            out.append(Chain(toks[i].start, toks[last].start, toks[end - 1].end))
            i = end
        else:
            i += 1
    return tuple(out)


def _has_probe(text: str) -> bool:
    """Whether folded ``text`` holds one of ``PROBES``: the text is folded once, not once
    per probe (that was a seventh of the time spent on each Arabic word of a 2k run)."""
    folded = text.translate(FOLD)
    return any(probe in folded for probe in PROBES)


def isnad_spans(text: str, params: IsnadParams | None = None) -> tuple[Span, ...]:
    """Character spans of the chains of ``text``, whole (``isnad_chains``)."""
    return tuple((c.start, c.end) for c in isnad_chains(text, params))


def abridged_spans(text: str, params: IsnadParams | None = None) -> tuple[Span, ...]:
    """Character spans of the parts of ``text``'s chains that translations abridge: each
    chain without its last link (``Chain.kept``)."""
    return tuple((c.start, c.kept) for c in isnad_chains(text, params) if c.kept > c.start)


def isnad_share(text: str, spans: tuple[Span, ...]) -> float:
    """Share of ``text``'s non-space characters inside ``spans``."""
    total = non_space_length(text)
    return chain_length(text, spans) / total if total else 0.0


def chain_length(text: str, spans: tuple[Span, ...]) -> int:
    """Non-space characters of ``text`` inside ``spans``."""
    return sum(non_space_length(text[s:e]) for s, e in spans)


def abridged_length(text: str, params: IsnadParams) -> float:
    """The length of ``text`` as a translation's length model should see it: the abridged
    part of a chain (``abridged_spans``) counts ``params.length_share`` of its characters
    (the translation's "X reported:" stands for the whole chain, and renders its last
    link), every other character in full; ``non_space_length`` when there is no chain or
    detection is off."""
    total = non_space_length(text)
    if not params.enabled:
        return float(total)
    spans = abridged_spans(text, params)
    if not spans:
        return float(total)
    return total - (1.0 - params.length_share) * chain_length(text, spans)


def mostly_chain(text: str, params: IsnadParams) -> bool:
    """Whether at least ``params.chain_sentence`` of ``text``'s characters lie in the
    abridged part of a chain of transmission (a sentence that is a chain, its report in
    the next sentence)."""
    if not params.enabled:
        return False
    spans = abridged_spans(text, params)
    return bool(spans) and isnad_share(text, spans) >= params.chain_sentence
