"""Surface cues for where an unpunctuated Arabic sentence ends, between two given words.

When ``refine.py`` splits an Arabic run-on sentence between the English sentences of its
bead, the alignment cost says *that* there is a boundary and roughly where, but it is flat
over the words between the last word that matches the first English sentence and the first
word that matches the second: moving the cut across an unmatched word changes nothing. The
words on each side of a gap break that tie: a sentence rarely ends on a preposition, a
closing quote often ends one, ``وال...`` after a noun mostly coordinates two nouns
(``النفقات والمصاريف``) while ``و`` + verb (``وأضاف``) mostly opens a sentence, an imperfect
verb (``تعتبر``, ``يجب``) often opens one since Arabic puts the verb first.

The weights are a conditional logit (a softmax over the candidate cuts of one sentence)
learned by ``scripts/fit_boundary_cues.py`` from NTREX documents that the bench does not use:
there, consecutive sentence pairs are joined with the first one's final stop removed and the
model learns where the stop was. Pure functions; no camel-tools at import time.

Besides the cues, hard rules say where no sentence can end (``blocked``): after a word that
governs what follows (a preposition, ``حيث``, ``إذ``, ``لأن``, ``أن`` ...), inside a quotation
still open, between two words that together spell one English name of the bead. And
``clause_punct_gap`` / ``ends_with_stop`` tell ``refine.py`` whether a joint was marked by the
writer (``، ؛ :``), which makes a cut there a deliberate long sentence's, not a lost stop's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..evidence.keys import skeleton_ar, skeleton_en, skeleton_keys
from ..text.arabic import PREPOSITIONS, SPEECH_VERBS_CUES
from ..text.normalize import non_space_length, normalize_ar
from ..text.stopwords import arabic_stopwords

#: Cue names, in the order of :func:`gap_cues` and :data:`WEIGHTS`.
CUES: tuple[str, ...] = (
    "left_quote_close",  # «...»  "..."  ending the left word
    "right_quote_open",
    "left_colon_semicolon",  # : ؛ ;
    "left_comma",  # ، ,
    "left_function_word",  # في، من، أن ... end no sentence
    "right_preposition",
    "right_wa_al",  # والمصاريف: coordination of nouns
    "right_wa_other",  # وأضاف، وفي، فقد
    "right_al",  # a definite noun or adjective
    "left_al_right_al",  # noun + adjective agreement
    "right_opener",  # هل، كما، لكن، ثم، قد ...
    "right_imperfect",  # تعتبر، يجب: verb-first sentences
    "right_inna",  # إن، إنه، إنهم
    "left_tanween",  # أيضًا، جدًا: adverbs that close clauses
    "left_digit",
    "right_digit",
    "left_opener",  # a cut after هل or لكن splits a clause from its head
    "left_speech",  # قال، قائلًا: the quote that follows belongs to the same sentence
    "right_speech",  # وأضاف، قالت after a quote: attribution opens a new sentence
    "right_past_feminine",  # استمرت، أعلنت: a verb, not a plural in -ات
    "right_form_x",  # استمر، استعن: verbs of form X (and their nouns)
    "share_gap",  # |Arabic share before the cut - English share of the first sentences| x 10
)

#: Learned by ``scripts/fit_boundary_cues.py`` (log-odds, nats; the gain of the alignment
#: cost enters with weight 1 after the fit's scale is divided out).
WEIGHTS: tuple[float, ...] = (
    1.51, 0.58, -0.43, -1.01, -0.83, -0.41, -0.53, 1.05, -1.18, 0.02, 0.76, 0.48, 0.35,
    0.32, 0.32, -0.60, -0.44, -0.50, 1.32, 0.61, 0.24, -0.46,
)

_QUOTES_CLOSE = "\"'\u201d\u2019\u00bb)"
_QUOTES_OPEN = "\"'\u201c\u2018\u00ab("
_PUNCT = _QUOTES_CLOSE + _QUOTES_OPEN + ".,:;!?\u060c\u061b\u061f\u2026-"
_OPENERS = frozenset(
    "هل كما لكن ثم عند منذ بعد قبل لقد قد هذا هذه هناك يجب كان كانت لم لن ليس اذا".split()
)


def _has_article(word: str) -> bool:
    """Whether a word starts with the definite article (not a function word like الذي)."""
    bare = normalize_ar(word.strip(_PUNCT), letters=False)
    return bare.startswith("ال") and len(bare) >= 4 and normalize_ar(bare) not in arabic_stopwords


def _core(word: str) -> str:
    """A word without surrounding punctuation, normalised."""
    return normalize_ar(word.strip(_PUNCT))


def gap_cues(text: str, cut: int, en_share: float) -> tuple[float, ...]:
    """Cue values for a boundary just before ``text[cut]`` (a word start), where the English
    sentences before the boundary hold ``en_share`` of the English characters. All cues are
    0/1 but the last, the distance between the two sides' shares (the alignment gain hardly
    sees it: its length model is loose enough for whole sentences).

    >>> cues = dict(zip(CUES, gap_cues('قال "نعم" وأضاف', 10, 0.5)))
    >>> cues["left_quote_close"], cues["right_wa_other"], cues["right_wa_al"]
    (1.0, 1.0, 0.0)
    """
    left_part = text[:cut].split()
    right_part = text[cut:].split()
    left = left_part[-1] if left_part else ""
    right = right_part[0] if right_part else ""
    lc, rc = _core(left), _core(right)
    # The article is written with a plain alef; إليكم (to you) is not ال + ...
    l_al, r_al = (_has_article(w) for w in (left, right))
    closes = left.endswith(tuple(_QUOTES_CLOSE)) and len(left.rstrip(_QUOTES_CLOSE)) > 0
    opens = right.startswith(tuple(_QUOTES_OPEN)) and len(right.lstrip(_QUOTES_OPEN)) > 0
    wa = len(rc) >= 3 and rc[0] in "وف"
    wa_al = wa and _has_article(right.strip(_PUNCT)[1:])
    values = (
        closes,
        opens,
        left.rstrip(_QUOTES_CLOSE).endswith((":", "\u061b", ";")),
        left.endswith(("\u060c", ",")),
        lc in arabic_stopwords,
        rc in PREPOSITIONS,
        wa_al,
        wa and not wa_al,
        r_al,
        r_al and l_al,
        rc in _OPENERS,
        len(rc) >= 4 and rc[0] in "يت",
        rc in {"ان", "انه", "انها", "انهم", "انهما", "انني", "اننا"},
        left.rstrip(_PUNCT).endswith(("\u064b", "\u064bا", "ا\u064b")),
        any(ch.isdigit() for ch in left),
        any(ch.isdigit() for ch in right),
        lc in _OPENERS or lc in {"ان", "انه", "انها", "ما", "هو", "هي"},
        lc in SPEECH_VERBS_CUES,
        rc in SPEECH_VERBS_CUES,
        len(rc) >= 4 and rc.endswith("ت") and not rc.endswith("ات") and not r_al,
        rc.startswith("است") and len(rc) >= 5,
    )
    share = non_space_length(text[:cut]) / max(1, non_space_length(text))
    return (*(1.0 if v else 0.0 for v in values), 10.0 * abs(share - en_share))


def cue_score(
    text: str, cut: int, en_share: float, weights: tuple[float, ...] | None = None
) -> float:
    """Log-odds (nats) that the sentence ends before ``text[cut]`` rather than elsewhere;
    with ``WEIGHTS`` (read at call time: the table the signature's ``cues:`` hashes) unless
    ``weights`` are given."""
    ws = WEIGHTS if weights is None else weights
    return sum(w * v for w, v in zip(ws, gap_cues(text, cut, en_share), strict=True))


# Where a cut may go at all, and what kind of joint it is ---------------------------------

#: Clause punctuation: a writer who put one of these between two clauses chose to go on
#: with the same sentence (``، ؛ :`` and their Latin forms).
CLAUSE_PUNCT = ("\u060c", "\u061b", ":", ",", ";")
#: Sentence stops (the splitter's), after which only closing quotes and brackets follow.
SENTENCE_STOPS = (".", "!", "?", "\u061f", "\u2026")

#: Words (normalised, written as ``normalize_ar`` gives them: no camel-tools at import) that
#: need what follows them: a sentence never ends on a preposition, a subordinating or
#: coordinating connective (حيث، إذ، بينما، لأن، ثم ...), a relative
#: pronoun or a particle that governs a verb or noun (أن، قد، لم، لن). A cut right after one
#: would give the connective that opens the next clause to the previous sentence (seen in
#: real talks: ``بين الخادمات، حيث ‖ كان``). Hard exclusions, not cues: no context makes
#: such a cut right, while the learned cue weights only tilt a tie.
GOVERNING_WORDS = PREPOSITIONS | frozenset((
    "اذ اذا اذن التي الذي الذين اللاتي اللتين اللذين اللواتي ام ان انه انها او اي بان"
    " بل بينما ثم حتي حيث حين حينما سوف عندما ف فان فقد قد كان كلما كما كي لان لقد لكن"
    " لكنه لكي لم لما لن لو لولا مثلما و وان وقد وكما ولكن يا"
    # Interrogatives open their clause: no sentence ends on لماذا "why" (س: لماذا ‖ غادرت).
    " لماذا ماذا متي اين كيف هل"
).split())


#: Words that modify what precedes them and never open a sentence: adverbs of degree and
#: manner (جداً very, تماماً completely, فقط only, جميعاً all, معاً together). A cut right
#: before one (``أنا سيئة ‖ جداً في قراءة الخرائط``, seen in a talk) is no boundary.
TRAILING_WORDS = frozenset("جدا فقط تماما جميعا معا كثيرا قليلا ابدا اطلاقا".split())

#: Definite ordinals and their kin (normalised: ``الأولى`` is ``الاولي``), which after a
#: definite noun are its adjective: ``وتستحق الدفعة ‖ الأولى`` (the first instalment falls
#: due) is no boundary, and a sentence hardly opens with an ordinal adjective.
#: Written as ``normalize_ar`` gives them (``ة`` is ``ه``).
DEFINITE_ORDINALS = frozenset(
    "الاول الاولي الثاني الثانيه الثالث الثالثه الرابع الرابعه الخامس الخامسه السادس"
    " السادسه السابع السابعه الثامن الثامنه التاسع التاسعه العاشر العاشره الاخير الاخيره"
    " الاخر الاخري التالي التاليه السابق السابقه المقبل المقبله الماضي الماضيه".split())


def _definite(word: str) -> bool:
    """Whether ``word`` is a definite noun (``الدفعة``, ``والمرحلة``, ``بالمرة``): what an
    ordinal after it qualifies; not one that ends with the writer's stop."""
    if word.rstrip(_QUOTES_CLOSE).endswith(SENTENCE_STOPS):
        return False
    core = _core(word)
    return len(core) > 3 and (core.startswith(("ال", "لل")) or core[1:3] == "ال")


def clause_punct_gap(text: str, cut: int) -> bool:
    """Whether the word before ``text[cut]`` ends with clause punctuation (``،`` ``؛`` ``:``,
    possibly inside a closing quote)."""
    left = text[:cut].rstrip()
    return left.rstrip(_QUOTES_CLOSE).endswith(CLAUSE_PUNCT)


#: A bracketed aside after a sentence's stop: a talk's ``(ضحك)``/``(Laughter)``, a credit,
#: a citation mark (``[3]``).
_TRAILING_ASIDE_RE = re.compile(r"\s*(?:\([^()\n]{1,40}\)|\[[^\[\]\n]{1,12}\])\s*$")


def ends_with_stop(text: str) -> bool:
    """Whether a sentence ends with a sentence stop (before closing quotes or brackets, and
    before bracketed asides after it: ``... فصاعداً. (ضحك)`` ends with one)."""
    body = text.rstrip()
    for _ in range(3):
        m = _TRAILING_ASIDE_RE.search(body)
        if m is None or m.start() == 0:
            break
        body = body[: m.start()]
    return body.rstrip().rstrip(_QUOTES_CLOSE).endswith(SENTENCE_STOPS)


#: What ends a clause at the end of a sentence: an operative paragraph (``...التعليم؛``), an
#: item of a list, a line that introduces what follows; the clause punctuation but commas.
CLAUSE_ENDS = tuple(p for p in CLAUSE_PUNCT if p not in (",", "\u060c"))


def ends_punctuated(text: str) -> bool:
    """Whether a sentence ends with a stop (``ends_with_stop``) or with a clause's
    punctuation (``CLAUSE_ENDS``): either way its writer punctuates, and did not drop the
    stops between the English sentences it translates (``refine.py``)."""
    return ends_with_stop(text) or text.rstrip().rstrip(_QUOTES_CLOSE).endswith(CLAUSE_ENDS)


_OPENING = {"\u00ab": "\u00bb", "\u201c": "\u201d"}


def inside_quote(text: str, cut: int) -> bool:
    """Whether a quotation opened before ``cut`` is still open there (``"نعم يا ‖ سيدي"``).

    Paired quotes (« » and “ ”) are counted as opened minus closed. Straight double quotes
    count only when the whole sentence holds an even number of them (an odd count is a
    broken quotation, which says nothing about where it ends): an odd number before the cut
    is then an open quote.
    """
    before = text[:cut]
    if any(before.count(o) > before.count(c) for o, c in _OPENING.items()):
        return True
    total = text.count('"')
    return total % 2 == 0 and before.count('"') % 2 == 1


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def _name_keys(skel: str) -> tuple[str, ...]:
    """Skeleton keys for matching a name written as two Arabic words: ``z`` folded into
    ``s`` (Arabic writes the English voiced s as ز: Desert ~ ديزرت)."""
    folded = re.sub(r"(.)\1+", r"\1", skel.replace("z", "s"))
    return skeleton_keys(folded)


#: Latin letter names as Arabic writes them (normalised): an acronym spelled out
#: (``أيه بي سي`` ABC, ``آي تي في`` ITV) is one name. في، أو، إن، اي are also common words.
LETTER_NAMES = frozenset((
    "اتش ار اس اف اكس ال ام ان او اي ايه بي تي جاي جي دبليو دي زد سي في كاي كي كيو"
    " واي يو"
).split())
_AMBIGUOUS_LETTERS = frozenset("في او ان اي ال ام ار اس".split())


def english_names(en_texts: Sequence[str]) -> frozenset[str]:
    """Skeleton keys of the capitalised words of the English sentences, alone and as runs
    of two or three (``Sayfullo Saipov``, ``Desert Island Discs``), and of CamelCase words
    (``JavaScript``): what a transliterated name of two Arabic words may match."""
    keys: set[str] = set()
    for t in en_texts:
        words = _LATIN_WORD.findall(t)
        for i in range(len(words)):
            for n in (1, 2, 3):
                run = words[i : i + n]
                if len(run) == n and all(x[:1].isupper() for x in run):
                    keys.update(_name_keys(skeleton_en("".join(run))))
    return frozenset(keys)


def inside_name(text: str, cut: int, names: frozenset[str]) -> bool:
    """Whether the words on each side of the cut spell, together, one English name of the
    bead (``جافا ‖ سكريبت`` = JavaScript, ``سيفولو ‖ سايبوف`` = Sayfullo Saipov): the two
    words' joint consonant skeleton matches that of a capitalised English word or run. Each
    word alone matching is not enough (two names side by side are two names); a skeleton of
    fewer than 5 consonants is too short to tell a name from chance. Two Latin letter names
    side by side (``أيه بي ‖ سي``) are an acronym spelled out."""
    left_part, right_part = text[:cut].split(), text[cut:].split()
    if not left_part or not right_part:
        return False
    left, right = _core(left_part[-1]), _core(right_part[0])
    if {left, right} <= LETTER_NAMES and not {left, right} <= _AMBIGUOUS_LETTERS:
        return True
    if not left or not right or left in arabic_stopwords or right in arabic_stopwords:
        return False
    joint = skeleton_ar(left + right)
    if len(joint) < 5:
        return False
    return not names.isdisjoint(_name_keys(joint))


def blocked(text: str, cut: int, names: frozenset[str]) -> bool:
    """Whether no sentence can end just before ``text[cut]``: after a word that governs what
    follows, before one that modifies what precedes it (an adverb of degree, an ordinal
    after a definite noun), inside an open quotation, or between two words of one
    transliterated name."""
    left_part = text[:cut].split()
    if left_part and not clause_punct_gap(text, cut) and _core(left_part[-1]) in GOVERNING_WORDS:
        return True
    right_part = text[cut : cut + 20].split(maxsplit=1)
    if right_part and _core(right_part[0]) in TRAILING_WORDS:
        return True
    if (right_part and left_part and not clause_punct_gap(text, cut)
            and _core(right_part[0]) in DEFINITE_ORDINALS and _definite(left_part[-1])):
        return True
    return inside_quote(text, cut) or inside_name(text, cut, names)
