"""The text of a subtitle file (SubRip ``.srt``, WebVTT ``.vtt``): its cues, not its timings.

Talks and films are translated as subtitles, and a translator aligning the English and Arabic
tracks wants their sentences, not the cue numbers and time codes, paired: read as plain text,
``1`` / ``00:00:01,000 --> 00:00:04,000`` became beads of their own. A cue also cuts a
sentence wherever the screen is full ("I want to start" | "with a confession."), so its
lines are no boundaries: the cues' text is joined by single spaces into one paragraph and
split by its punctuation. A number alone on a line is a cue number only right before a
timing line, or alone in a block right before one that opens with a timing line (``12``, a
blank line, ``00:00:50,000 --> ...``): "1984" on a line of a cue after a blank line is its
text. Formatting tags (``<i>``, ``<font ...>``, ``{\\an8}``) are dropped and character
references (``&amp;``, ``&lt;``, ``&nbsp;``, ``&#x627;``) decoded, as a player shows them;
WebVTT's header, ``NOTE``, ``STYLE`` and ``REGION`` blocks and cue settings are not text.
Nor are the direction marks and controls Arabic tracks are full of (``&rlm;``, U+200F,
U+202B...U+202C, U+2067...U+2069), raw or as references: a player shows nothing for them,
and left in, invisible characters would sit inside the aligned sentences and their words.
Offsets index the extracted text, as for an HTML page (``tawazi split --text`` prints it),
so leaving characters out of it moves no offset.

Subtitle files are often written by hand or by careless tools, and a broken timing line
read as text would be aligned as a sentence of time codes, so timing lines are recognised
leniently (``->``, ``—>``, ``-- >``, ``=>`` for ``-->``; ``00:00:04:000`` or no
milliseconds for ``00:00:04,000``; tags around it, ``<i>00:00:01,000 --> 00:00:04,000</i>``
or ``{\\an8}00:00:01,000 --> ...``, dropped first), never refused. A file named ``.srt`` or
``.vtt`` with no timing line at all is plain text with the wrong extension
(``reads_as_subtitles``).
"""

from __future__ import annotations

import html
import re
from itertools import pairwise

from .arabic import ALM, BIDI_CONTROLS

SUBTITLE_EXTENSIONS = frozenset({".srt", ".vtt"})

#: A time stamp, leniently: ``00:00:01,000`` (SRT), ``00:01.000`` (WebVTT without hours),
#: and as careless tools write them, ``00:00:01.000``, ``00:00:01:000``, ``00:00:01``.
#: Without its hours it needs its fraction: a clock time in prose ("10:00") is no stamp.
_STAMP = r"(?:\d{1,3}:\d{1,2}:\d{1,2}(?:[,.:]\d{1,3})?|\d{1,2}:\d{2}[,.]\d{1,3})"
#: One character of what stands for ``-->`` between the stamps: dashes, equals signs,
#: ``>`` and arrows, so that ``->``, ``—>``, ``-- >``, ``=>`` and ``→`` are read as ``-->``.
_ARROW = "[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212=>\u2192\u27f6\u21d2]"
#: A cue's timing line: ``00:00:01,000 --> 00:00:04,000`` (SRT), ``00:01.000 --> 00:04.000
#: align:start`` (WebVTT, with cue settings), or a broken one: a time stamp, an arrow-ish
#: run (spaces inside it allowed; each repetition ends on an arrow character, so a run of
#: spaces is never read two ways) and a time stamp or the end of the line. A broken timing
#: read as text would be aligned as a sentence of time codes, and prose does not start
#: with a time stamp and an arrow ("from 10:00 to 11:30" is no timing).
_TIMING_RE = re.compile(
    rf"[ \t]*{_STAMP}[ \t]*{_ARROW}(?:[ \t]*{_ARROW})*[ \t]*(?:{_STAMP}|$)")
#: A number alone on a line (an SRT cue number before a timing line).
_NUMBER_RE = re.compile(r"[ \t]*\d+[ \t]*")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,60}>|\{\\[^{}\n]{0,60}\}")
#: A character reference, with its semicolon: ``&amp;``, ``&#1575;``, ``&#x627;``. Without
#: one, HTML would also read the "&not" of "&notation" as "¬"; in a subtitle it is text.
_CHARREF_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES_RE = re.compile(r"\s+")
#: What a player shows as nothing and is no content, left out of a subtitle file's text: the
#: zero-width space, the byte-order mark, the direction marks (LRM, RLM, the Arabic letter
#: mark) and the direction controls. Not the zero-width non-joiner and joiner: they change how
#: the letters around them are shaped (Persian "می‌خواهم"), so they are seen.
_INVISIBLE = str.maketrans(dict.fromkeys("\u200b\ufeff\u200e\u200f" + ALM + BIDI_CONTROLS))
#: The first line of a WebVTT block that holds no cue text: the keyword alone or before a
#: space or tab (``NOTE This is a comment``), as the WebVTT spec has it. "NOTES ON THE
#: TRIAL" or "REGIONAL NEWS" in capitals is a cue's text, and in an SRT file so is "NOTE".
_VTT_OTHER_RE = re.compile(r"(?:WEBVTT|NOTE|STYLE|REGION)(?:[ \t]|$)")
#: How many of a file's first lines are looked at to recognise it.
_SNIFF_LINES = 12


def is_timing(line: str) -> bool:
    """Whether ``line`` is a cue's timing line, a broken one included (``_TIMING_RE``), once
    its formatting tags are dropped, as a player drops them: a tool that italicised or
    placed a whole cue (``<i>...</i>``, ``{\\an8}``) wrapped its timing line too, and read
    as text, its time codes would be aligned as a sentence.

    >>> [is_timing(x) for x in ("00:00:01,000 --> 00:00:04,000",
    ...                         "00:01.000 --> 00:04.000 align:start",
    ...                         "00:00:04,000 -> 00:00:05,000", "00:00:04,000 -- > 00:00:05,000",
    ...                         "00:00:04:000 => 00:00:05", "00:00:04,000 -->")]
    [True, True, True, True, True, True]
    >>> [is_timing(x) for x in ("<i>00:00:01,000 --> 00:00:04,000</i>",
    ...                         "{\\\\an8}00:00:01,000 --> 00:00:04,000", "<i>10:00 -> 11:30</i>")]
    [True, True, False]
    >>> [is_timing(x) for x in ("from 10:00 to 11:30", "10:00 -> 11:30 lunch", "1984",
    ...                         "At 00:00:04,000 -> 00:00:05,000 it starts.")]
    [False, False, False, False]
    """
    return _TIMING_RE.match(_TAG_RE.sub("", line)) is not None


def _is_number(line: str) -> bool:
    """Whether ``line`` is a number alone: an SRT cue number if a timing line follows it."""
    return _NUMBER_RE.fullmatch(line) is not None


def _visible(text: str) -> str:
    """``text`` without its invisible marks (``_INVISIBLE``): a cue number or timing line
    with a direction mark before it is one still, as a player reads it."""
    return text.translate(_INVISIBLE)


def looks_like_subtitles(text: str) -> bool:
    """Whether ``text`` is a subtitle file: a WebVTT header, or a timing line among its
    first lines after a cue number (SRT), right after it or after blank lines (``12``, a
    blank line, then the timing: careless tools write that, and ``_is_cue_number`` reads
    it so in a ``.srt`` file).

    >>> looks_like_subtitles("1\\n00:00:01,000 --> 00:00:04,000\\nHello.\\n")
    True
    >>> looks_like_subtitles("12\\n\\n00:00:50,000 --> 00:00:52,000\\nHello.\\n")
    True
    >>> looks_like_subtitles("The meeting ran from 10:00 to 11:30.\\n")
    False
    """
    lines = [_visible(line) for line in text.splitlines()[:_SNIFF_LINES]]
    if lines and lines[0].startswith("WEBVTT"):
        return True
    filled = [line for line in lines if line.strip()]
    return any(is_timing(b) and _is_number(a) for a, b in pairwise(filled))


def reads_as_subtitles(text: str, ext: str) -> bool:
    """Whether an input whose name ends in ``ext`` (lower case, with its dot) is read as
    subtitles: the one place that decides it. A ``.srt`` or ``.vtt`` file is, if it starts
    with a WebVTT header or holds a timing line anywhere; without one it is plain text with
    the wrong extension, whose paragraphs would be lost if its lines were read as cues. A
    file named otherwise is, if it ``looks_like_subtitles``.

    >>> reads_as_subtitles("1\\n00:00:01,000 --> 00:00:02,000\\nHi.\\n", ".srt")
    True
    >>> reads_as_subtitles("Just prose.\\n\\nA second paragraph.\\n", ".srt")
    False
    >>> reads_as_subtitles("\\ufeffWEBVTT\\n\\n", ".vtt")
    True
    """
    if ext not in SUBTITLE_EXTENSIONS:
        return looks_like_subtitles(text)
    body = _visible(text)
    return body.startswith("WEBVTT") or any(is_timing(line) for line in body.split("\n"))


def cue_lines(lines: list[str], vtt: bool = False) -> list[str]:
    """The lines of text in one block of a subtitle file (its lines between blank lines).

    Timing lines are not text, nor the line right before one when it is a number (an SRT
    cue number) or starts the block (a WebVTT cue identifier). Every other line is: a block
    without a timing line is a cue's text after a blank line inside it, a number on a line
    of its own ("1984") included, unless it is a WebVTT file's (``vtt``) header, ``NOTE``,
    ``STYLE`` or ``REGION`` block (not text up to a timing line that follows it without a
    blank line). A block that is a number alone before a timing's block is told by the
    blocks around it (``_is_cue_number``), not here.

    >>> cue_lines(["1", "00:00:01,000 --> 00:00:03,000", "The year was"])
    ['The year was']
    >>> cue_lines(["1984", "and it rained."])
    ['1984', 'and it rained.']
    >>> cue_lines(["and it rained.", "2", "00:00:04,000 --> 00:00:05,000", "Next."])
    ['and it rained.', 'Next.']
    """
    timings = [i for i, line in enumerate(lines) if is_timing(line)]
    skip = set(timings)
    skip.update(t - 1 for t in timings if t == 1 or (t > 1 and _is_number(lines[t - 1])))
    start = 0
    if vtt and lines and _VTT_OTHER_RE.match(lines[0]):
        start = timings[0] if timings else len(lines)
    return [line for i, line in enumerate(lines) if i >= start and i not in skip]


def clean_line(line: str) -> str:
    """A cue's line as it is shown: its tags dropped, then its character references decoded
    (in that order, so that a ``&lt;i&gt;`` shown on screen is not taken for a tag), the
    invisible marks they decode to (``&rlm;``) left out, its white space collapsed.

    >>> clean_line("<i>He said &amp; she said &lt;no&gt;.</i>")
    'He said & she said <no>.'
    >>> clean_line("AT&T &notation &bogus; &#x627;&nbsp;b")
    'AT&T &notation &bogus; \u0627 b'
    >>> clean_line("&rlm;\u0646\u0639\u0645&#x200F; &lrm;OK")
    '\u0646\u0639\u0645 OK'
    """
    line = _CHARREF_RE.sub(lambda m: html.unescape(m.group()), _TAG_RE.sub("", line))
    line = _visible(line)
    return _SPACES_RE.sub(" ", line).strip()


def _blocks(body: str) -> list[list[str]]:
    """The blocks of a subtitle file's ``body`` (``\\n`` line ends), each as its lines: the
    runs of lines between blank lines, several blank lines in a row parting two blocks once,
    so that the block after a cue number is its timing's however many blank lines come
    between them."""
    return [block.strip("\n").split("\n") for block in re.split(r"\n(?:[ \t]*\n)+", body)]


def _is_cue_number(block: list[str], following: list[str]) -> bool:
    """Whether ``block`` is a number alone parted by blank lines from the timing line that
    opens the ``following`` block: a cue number (careless tools write one, a blank line and
    the timing), not text. A number alone in a block before anything else ("He scored",
    "42", then "2" and its timing) is a cue's text after a blank line inside it.

    >>> _is_cue_number(["12"], ["00:00:50,000 --> 00:00:52,000", "Hi."])
    True
    >>> _is_cue_number(["42"], ["2", "00:00:50,000 --> 00:00:52,000", "Hi."])
    False
    """
    return (len(block) == 1 and _is_number(block[0])
            and bool(following) and is_timing(following[0]))


def _text_lines(blocks: list[list[str]], vtt: bool) -> list[str]:
    """The cues' lines of text of a file's ``blocks``, as shown (``clean_line``), blank
    ones left out."""
    pieces: list[str] = []
    for block, following in zip(blocks, [*blocks[1:], []], strict=True):
        if _is_cue_number(block, following):
            continue
        pieces.extend(line for line in map(clean_line, cue_lines(block, vtt)) if line)
    return pieces


def subtitle_text(text: str) -> str:
    """The cues' text of a subtitle file, joined by spaces into one paragraph.

    >>> subtitle_text("1\\n00:00:01,000 --> 00:00:03,000\\n<i>I want to start</i>\\n\\n"
    ...               "2\\n00:00:03,500 --> 00:00:05,000\\nwith a confession.\\n")
    'I want to start with a confession.\\n'
    """
    body = _visible(text).replace("\r\n", "\n")
    pieces = _text_lines(_blocks(body), body.startswith("WEBVTT"))
    return " ".join(pieces) + "\n" if pieces else ""


__all__ = ["SUBTITLE_EXTENSIONS", "clean_line", "cue_lines", "is_timing",
           "looks_like_subtitles", "reads_as_subtitles", "subtitle_text"]
