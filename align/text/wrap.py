"""Hard-wrapped blocks: lines broken at a fixed width, where a line end is only a space.

The splitter takes a line break for a boundary (headlines, captions and Arabic lines without a
final stop end there). Text from Project Gutenberg, e-mail, ``fmt`` or a PDF is broken at a
width instead, mid-sentence: read line by line, "when Samir finally" and "knocked on his
brother's door." become two sentences, and the aligner cuts the other side to match. A block
(lines between blank lines) is read as wrapped when its lines fill a width and their ends
fall mid-phrase:

- at least ``MIN_LINES`` lines, the longest at least ``MIN_WIDTH`` characters;
- all but the last line at least ``FILL`` of the longest, save one in five (a paragraph's
  last line is short, and ``fmt`` leaves a ragged right edge);
- at least ``CUE_SHARE`` of the line ends look mid-sentence: the line ends in a comma, a
  hyphen or a word no sentence ends on (an article, a preposition, a conjunction, an
  auxiliary: ``the``, ``of``, ``في``, ``على``), or the next line starts in lower case.

A list of headlines or one-sentence paragraphs fills no width and ends no line on a function
word, and a poem's lines are short, so neither is joined. The numbers are layout facts, not
fitted ones: they never change a text that is not wrapped (the bench's are not).
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_LINES = 2
MIN_WIDTH = 45
FILL = 0.7
FILL_EXCEPTIONS = 0.2
CUE_SHARE = 1 / 3

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


def is_wrapped(lines: Sequence[str]) -> bool:
    """Whether the stripped, non-blank ``lines`` of one block were wrapped at a width.

    >>> is_wrapped(["The rain had not stopped for three days when Samir", "finally knocked on "
    ...             "his brother's door. Karim opened it", "at once and looked at him."])
    True
    >>> is_wrapped(["US troops leave Syria after talks fail in Baghdad",
    ...             "Iraq votes on the withdrawal of foreign forces now", "Markets fall"])
    False
    """
    if len(lines) < MIN_LINES:
        return False
    width = max(len(x) for x in lines)
    if width < MIN_WIDTH:
        return False
    body = lines[:-1]
    short = sum(len(x) < FILL * width for x in body)
    if short > FILL_EXCEPTIONS * len(body):
        return False
    cues = sum(_mid_phrase(a, b) for a, b in zip(body, lines[1:], strict=True))
    return cues >= CUE_SHARE * len(body)
