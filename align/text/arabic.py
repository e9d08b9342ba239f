"""Arabic character and word tables, in one place: letters, digits, marks, folding, white space,
clitic prefixes, speech verbs and prepositions.

Every module that looks at Arabic text imports its tables from here, so that a table is
written once and a reader can see all the variants side by side. Some tables come in named
variants because their users need different contents, not by accident: each variant says
which module uses it and why its contents differ. Unifying two variants changes outputs
(sentence offsets, match keys, fidelity flags, the fitted boundary-cue weights), so it is a
change of behaviour to be measured on the bench, not a clean-up.

Word lists are written already normalised as :func:`align.text.normalize.normalize_ar` (or the
folding below) leaves them: no diacritics, ``أ إ آ`` -> ``ا``, ``ى`` -> ``ي``, ``ة`` -> ``ه``.
The module holds data only; importing it imports nothing else.

>>> "١٥١".translate(TO_ASCII_DIGITS), "۲۰۲۴".translate(TO_ASCII_DIGITS)
('151', '2024')
>>> "مَدْرَسَةٌ عَلَى".translate(FOLD)
'مدرسه علي'
"""

from __future__ import annotations

import re

# Letters, digits and marks ---------------------------------------------------------------

#: Arabic letters as a regular-expression class body (the basic block and the extended
#: letters of Persian and Urdu; no digits, punctuation or marks).
LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
#: One Arabic letter.
LETTER_RE = re.compile(f"[{LETTERS}]")
#: A digit in any of the three digit systems (ASCII, Arabic-Indic, Eastern Arabic-Indic), as a
#: regular-expression class body.
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
#: Arabic-Indic and Eastern Arabic-Indic digits to ASCII, for reading number values:
#: ``١٥١`` and ``۱۵۱`` are both 151.
TO_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
#: The elongation stroke, a typographic filler with no meaning.
TATWEEL = "\u0640"
#: Harakat: tanween, the short vowels, shadda and sukun (U+064B..U+0652).
HARAKAT = "".join(chr(c) for c in range(0x064B, 0x0653))
#: Superscript (dagger) alef, a vowel sign written above a letter.
DAGGER_ALEF = "\u0670"
#: Every Arabic combining mark inside a word, as a regular-expression class body (harakat,
#: the rarer Quranic marks up to U+065F, dagger alef, and tatweel), so that a word token runs
#: through them.
WORD_MARKS = "\u064b-\u065f\u0670\u0640"
#: Characters that take no room and carry no letter: zero-width space, non-joiner and joiner,
#: the left-to-right and right-to-left marks, and the byte-order mark (zero-width no-break).
ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\ufeff"
#: The Arabic letter mark, a direction mark that web Arabic carries around numbers.
ALM = "\u061c"
#: The explicit direction controls: embeddings and overrides (U+202A..U+202E) and isolates
#: (U+2066..U+2069), which tools that write Arabic subtitles wrap around lines. Invisible and
#: no content; the subtitle reader leaves them out with the marks (``subtitles.py``).
BIDI_CONTROLS = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

# Folding ---------------------------------------------------------------------------------
# Cheap spelling folds for matching words and lines against the tables below without
# camel-tools (``normalize.normalize_ar`` is the full normalisation, used for match keys).
# Never applied to the text itself: offsets always index the input.

_ALEF_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"}

#: Folding of web lines for the clutter patterns (``clutter.py``): no marks, tatweel or
#: invisible characters, one alef (wasla ``ٱ`` included), yaa for alef maksura, heh for teh
#: marbuta. Web page furniture is full of direction marks, so they go too.
FOLD = str.maketrans(
    {
        **{c: None for c in HARAKAT + DAGGER_ALEF + TATWEEL},
        **{c: None for c in ZERO_WIDTH + ALM},
        **_ALEF_FOLD,
        "ٱ": "ا",
    }
)
#: The splitter's narrower folding (``segment.py``, the speech verb after a closing quote):
#: harakat and tatweel dropped and the three hamza alefs folded, but wasla, dagger alef and
#: invisible characters kept. Folding those too would let a word with a direction mark count
#: as a speech verb and move sentence boundaries; the splitter's outputs are kept as they are.
FOLD_SPLITTER = str.maketrans({**_ALEF_FOLD, TATWEEL: None} | {c: None for c in HARAKAT})

# White space -----------------------------------------------------------------------------

#: White space of web text: Unicode spaces and line separators, plus the byte-order mark, the
#: zero-width and direction marks (U+200B..U+200F) and the Arabic letter mark, which web Arabic
#: carries between words and at line ends. Used to trim lines (``clutter.py``) and to tell a
#: blank text (``readers.py``).
WS_SET = frozenset(
    " \t\r\n\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff\u061c"
    + "".join(chr(c) for c in range(0x2000, 0x2010))
)
#: ``WS_SET`` as a string, for ``str.strip``.
WS = "".join(sorted(WS_SET))
#: The splitter's white space (``segment.py``), a subset of ``WS_SET``: what it trims from the
#: edges of a sentence and skips after a final stop. It lacks the rarer spaces and the Arabic
#: letter mark: widening it would move sentence edges (offsets in every output), so it stays.
WS_SPLITTER = " \t\r\n\u00a0\u200b\u200c\u200d\u200e\u200f\u2009\u202f\ufeff"

# Clitic prefixes -------------------------------------------------------------------------
# Conjunctions (و ف), prepositions (ب ل ك), the future (س) and the article (ال) are written
# attached to the next word. Each user strips them for its own purpose, with its own list;
# every list is longest first, so that the first prefix that fits is the longest.

#: Light stemming (``normalize.ar_stems``): every combination, since the lexicon then keeps
#: only the candidates it knows; proposing too many costs nothing.
CLITICS_STEM = (
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
    "ال", "وب", "ول", "وك", "فب", "فل", "وس", "و", "ف", "ب", "ل", "ك", "س",
)
#: The aligner's name skeletons (``features``): one prefix (the longest that leaves three
#: letters) is stripped and both skeletons are keyed. A wrong strip makes a false match key
#: for the aligner, so the list is short: conjunction, preposition and article only.
CLITICS_NAME = ("وبال", "وال", "بال", "لل", "كال", "فال", "ال", "و", "ب", "ل")
#: Counterparts for the fidelity scorer (``names.ar_skeletons``, ``numwords``): the commonest
#: forms only. These decide whether a number or name is reported missing; their measured
#: flag rates were obtained with this list, so it is not widened to ``CLITICS_NAME``.
CLITICS_COUNTERPART = ("وال", "بال", "لل", "ال", "و", "ب", "ل")
#: Before a look-up in a closed table of months, weekdays and number words
#: (``keys.strip_clitic``). No article: the tables hold the forms with and without it.
CLITICS_LOOKUP = ("وب", "و", "ب", "ف", "ل")

# Words -----------------------------------------------------------------------------------

#: Verbs of saying (past, and the participle ``قائلا``), normalised.
SPEECH_VERBS = frozenset(
    """قال قالت قائلا قائله تساءل تساءلت اضاف اضافت اكد اكدت اوضح اوضحت صرح صرحت ذكر ذكرت"""
    .split()
)
#: The splitter's attribution verbs (``segment._attribution``): after a closing quote, a
#: speech verb continues the quoted sentence (``"...؟" تساءلت.``). ``سأل`` is added since
#: questions are quoted, and the verbs of fiction's dialogue (shouted, whispered, called,
#: answered, replied, muttered, went on, laughed; their ``I``, ``she`` and ``they`` forms):
#: ``«عمي يوسف!» صاحت.`` left ``صاحت.`` a sentence of its own, an addition against
#: ``"Uncle Yusuf!" she shouted.``, whose English verbs the splitter knew. The ``و`` forms
#: are not added, since ``وأضاف`` after a quote opens a new sentence; nor ``نادى``, whose
#: ``ى`` the word lists may not hold (they are fixed points of ``normalize_ar``).
SPEECH_VERBS_SPLITTER = SPEECH_VERBS | frozenset(
    """سال سالت سالوا قالوا قلت قلنا صاح صاحت صاحوا صحت صرخ صرخت صرخوا همس همست همسوا
    نادت نادوا اجاب اجابت اجابوا اجبت رد ردت ردوا تمتم تمتمت هتف هتفت هتفوا تابع تابعت
    ضحك ضحكت""".split()
)
#: The boundary cues' speech verbs (``boundary_cues.gap_cues``, cues ``left_speech`` and
#: ``right_speech``), with the ``و`` forms of the past verbs that open sentences; the cue
#: weights were fitted with exactly this list (``scripts/fit_boundary_cues.py``).
SPEECH_VERBS_CUES = SPEECH_VERBS | {
    "و" + v for v in "قال قالت اضاف اضافت اكد اكدت اوضح اوضحت صرح صرحت ذكر ذكرت".split()
}
#: Prepositions, normalised: a sentence rarely starts with one right after a cut
#: (``boundary_cues``, cue ``right_preposition``).
PREPOSITIONS = frozenset("في من الي علي عن مع بين حول خلال عبر ضد نحو لدي".split())
