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
"""

from __future__ import annotations

from align.text.arabic import PREPOSITIONS, SPEECH_VERBS_CUES
from align.text.normalize import non_space_length, normalize_ar
from align.text.stopwords import arabic_stopwords

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
    1.45, 0.56, -0.46, -1.00, -0.80, -0.40, -0.50, 1.03, -1.14, 0.05, 0.75, 0.49, 0.36,
    0.31, 0.35, -0.52, -0.42, -0.48, 1.30, 0.59, 0.24, -0.37,
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
