"""Hard-wrapped blocks: lines broken at a fixed width, where a line end is only a space.

The splitter takes a line break for a boundary (headlines, captions and Arabic lines without a
final stop end there). Text from Project Gutenberg, e-mail, ``fmt`` or a PDF is broken at a
width instead, mid-sentence: read line by line, "when Samir finally" and "knocked on his
brother's door." become two sentences, and the aligner cuts the other side to match. A block
(lines between blank lines) is read as wrapped when its lines fill a width and their ends
fall mid-phrase:

- at least ``MIN_LINES`` lines, the longest at least ``MIN_WIDTH`` characters
  (``MIN_WIDTH_AR`` for Arabic with a stop inside a line, below);
- all but the last line at least ``FILL`` of the longest, save one in five (a paragraph's
  last line is short, and ``fmt`` leaves a ragged right edge);
- at least ``CUE_SHARE`` of the line ends look mid-sentence: the line ends in a comma, a
  hyphen or a word no sentence ends on (an article, a preposition, a conjunction, an
  auxiliary: ``the``, ``of``, ``في``, ``على``), or the next line starts in lower case;
- in Latin script, no more than ``CAPS_SHARE`` of the lines after the first start with a
  capital. Headlines, a poem's lines and an address's start with one, and a list of them
  may end a line on "for" or a comma; a wrapped line starts mid-sentence, mostly in lower
  case.

Arabic has no case, and few of its wrapped lines end on a function word, so a block in
Arabic script also counts as a cue every line end without a stop when a sentence stop falls
inside one of its lines (``... منذ سنوات طويلة. وردد المحتجون``): a list of headlines has no
stop inside a line, and text written a sentence or a paragraph to a line has its stops at
the line ends. ``fmt`` counts bytes, two to an Arabic letter, so ``fmt -w 65`` gives Arabic
lines of about 33 characters: with such a stop the width needed is ``MIN_WIDTH_AR``.

A document wrapped at a width wraps all its paragraphs, and a short one may show none of
these cues (one Arabic sentence over two lines, ``... كانت سيئة`` / ``الإدارة وتفتقر ...``).
So once some block of a document is wrapped, another block is too when it fits that width
(``wrapped_blocks``): no line longer than the width of the wrapped blocks (their median,
``DOC_SLACK`` characters of slack), all but its last line at least ``FILL`` of it, none of
them ending on a stop, and in Latin script not mostly capitalised (a headline over its
first sentence, as long as the wrapped lines, stays apart).

A list of headlines or one-sentence paragraphs fills no width and ends no line on a function
word, and a poem's lines are short, so neither is joined. The numbers are layout facts, not
fitted ones: they never change a text that is not wrapped (the bench's are not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_LINES = 2
MIN_WIDTH = 45
MIN_WIDTH_AR = 28
FILL = 0.7
FILL_EXCEPTIONS = 0.2
CUE_SHARE = 1 / 3
CAPS_SHARE = 1 / 2
DOC_SLACK = 2

#: Words a sentence does not end on (folded Arabic: no hamza on alef, ى as ي, ة as ه).
_OPEN_ENDS = frozenset(
    """the a an of to in on at for with from by and or but nor that which who whose whom as
    than into onto upon about over under between through during without within against among
    is are was were be been being has have had will would can could shall should may might
    must not no its their his her our your my this these those if when while because so
    في من الي علي عن مع عند حتي منذ بين نحو خلال ضد دون حول عبر قبل بعد ان لكن لان كي اذا
    الذي التي الذين ثم او ام بل قد لم لن لا ما كان كانت هذا هذه ذلك تلك كل بعض غير""".split()
)
_STOPS = ".!?\u061f\u2026:\"'\u201d\u2019\u00bb)]"
#: A sentence stop with more of the line after it: ``طويلة. وردد``.
_INNER_STOP_RE = re.compile(r"[.!?\u061f\u2026][\"'\u201d\u2019\u00bb)\]]*\s+\S")
_AR_LETTER_RE = re.compile("[\u0621-\u064a]")
_LATIN_RE = re.compile("[A-Za-z]")
_AR_FOLD = str.maketrans({"\u0623": "ا", "\u0625": "ا", "\u0622": "ا", "\u0649": "ي",
                          "\u0629": "ه", "\u0640": None})


def _mid_phrase(line: str, nxt: str) -> bool:
    """Whether the break between ``line`` and the next line ``nxt`` falls mid-sentence."""
    if line[-1] in ",\u060c-\u2010;\u061b":
        return True
    if line[-1] in _STOPS:
        return False
    if nxt[:1].islower():
        return True
    last = line.rsplit(maxsplit=1)[-1]
    return last.lower() in _OPEN_ENDS or last.translate(_AR_FOLD) in _OPEN_ENDS


def _arabic(lines: Sequence[str]) -> bool:
    """Whether a block is mostly in Arabic script."""
    text = "".join(lines)
    return len(_AR_LETTER_RE.findall(text)) > len(_LATIN_RE.findall(text))


#: A line that opens with a list marker: an enumerator (``1.``, ``2)``, ``(3)``, ``4 -``,
#: ``(a)``, ``b)``, ``(iv)``, ``أ)``, ``(ب)``, ``ج -``), a bullet, or a question or answer
#: label (``Q:``, ``A:``, ``س:``, ``ج:``). An operative paragraph of a resolution ends in
#: ``;`` or ``؛`` and the next opens with its number: a list, not a line wrapped mid-clause.
_LIST_RE = re.compile(
    r"(?:\(?\d{1,3}[.)](?!\d)|\d{1,3}\s*[-–—]\s|\([a-zA-Zء-ي]{1,2}\)"
    r"|[a-zA-Z]\)|[ء-ي]\s*[)\-–]\s|\([ivxlcIVXLC]{1,6}\)"
    r"|[•·▪◦‣*–—-]\s|(?:Q|A|س|ج)\s*[:：])")


def _listed(lines: Sequence[str]) -> bool:
    """Whether more than ``CAPS_SHARE`` of the lines after the first open with a list
    marker (``_LIST_RE``): numbered paragraphs, bullets, questions and answers, in either
    script. Such lines end on a clause's ``;`` or ``،`` and fill a width as often as wrapped
    ones, and joined, each number stuck to the end of the sentence before it."""
    return sum(_LIST_RE.match(x) is not None for x in lines[1:]) > CAPS_SHARE * (len(lines) - 1)


def _capitalised(lines: Sequence[str]) -> bool:
    """Whether more than ``CAPS_SHARE`` of the lines after the first of a Latin-script block
    start with a capital: headlines, verse, an address, not lines wrapped mid-sentence."""
    if _arabic(lines):
        return False
    return sum(x[:1].isupper() for x in lines[1:]) > CAPS_SHARE * (len(lines) - 1)


def is_wrapped(lines: Sequence[str]) -> bool:
    """Whether the stripped, non-blank ``lines`` of one block were wrapped at a width.

    >>> is_wrapped(["The rain had not stopped for three days when Samir", "finally knocked on "
    ...             "his brother's door. Karim opened it", "at once and looked at him."])
    True
    >>> is_wrapped(["US troops leave Syria after talks fail in Baghdad",
    ...             "Iraq votes on the withdrawal of foreign forces now", "Markets fall"])
    False
    >>> is_wrapped(["The new housing law: what it means and who it is for",
    ...             "Central bank holds interest rates steady for a month"])
    False
    >>> is_wrapped(["أعلنت الحكومة يوم الثلاثاء عن خطة", "جديدة للحد من البطالة بين الشباب",
    ...             "خلال العقد الماضي. وقال المسؤولون", "إن الخطة ستكلف نحو ملياري دولار."])
    True
    >>> is_wrapped(["1 - تحث الدول الأعضاء على زيادة الإنفاق العام على التعليم؛",
    ...             "2 - تشجع البلدان المانحة على الوفاء بالتزاماتها في مجال المعونة؛",
    ...             "3 - تطلب إلى الأمين العام أن يقدم تقريراً في دورتها المقبلة؛",
    ...             "4 - تقرر أن تبقي المسألة قيد نظرها."])
    False
    """
    if len(lines) < MIN_LINES:
        return False
    width = max(len(x) for x in lines)
    body = lines[:-1]
    arabic = _arabic(lines)
    inner_stop = arabic and any(_INNER_STOP_RE.search(x) for x in lines)
    if width < (MIN_WIDTH_AR if inner_stop else MIN_WIDTH):
        return False
    short = sum(len(x) < FILL * width for x in body)
    if short > FILL_EXCEPTIONS * len(body):
        return False
    if (not arabic and _capitalised(lines)) or _listed(lines):
        return False
    cues = sum(_mid_phrase(a, b) or (inner_stop and a[-1] not in _STOPS)
               for a, b in zip(body, lines[1:], strict=True))
    return cues >= CUE_SHARE * len(body)


def _fits(lines: Sequence[str], width: int) -> bool:
    """Whether a block of a document wrapped at ``width`` is wrapped at it too."""
    if len(lines) < MIN_LINES or max(len(x) for x in lines) > width + DOC_SLACK:
        return False
    if _capitalised(lines) or _listed(lines):
        return False  # a headline over its first sentence, as long as the wrapped lines
    return all(len(x) >= FILL * width and x[-1] not in _STOPS for x in lines[:-1])


def wrapped_blocks(blocks: Sequence[Sequence[str]]) -> list[bool]:
    """For each block of one document (its stripped, non-blank lines), whether it was
    wrapped at a width: ``is_wrapped``, or once some block is, fitting their width.

    >>> wrapped_blocks([["أعلنت الحكومة يوم الثلاثاء عن خطة", "جديدة للحد من البطالة بين الشباب",
    ...                  "خلال العقد الماضي. وقال المسؤولون", "إن الخطة ستكلف نحو ملياري دولار."],
    ...                 ["وقال منتقدو الخطة إن برامج مماثلة", "فشلت في الماضي لأنها كانت سيئة",
    ...                  "الإدارة."], ["عنوان قصير", "سطر آخر."]])
    [True, True, False]
    """
    flags = [is_wrapped(b) for b in blocks]
    widths = sorted(max(len(x) for x in b) for b, f in zip(blocks, flags, strict=True) if f)
    if not widths:
        return flags
    width = widths[len(widths) // 2]
    return [f or _fits(b, width) for b, f in zip(blocks, flags, strict=True)]
