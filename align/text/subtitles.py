"""The text of a subtitle file (SubRip ``.srt``, WebVTT ``.vtt``): its cues, not its timings.

Talks and films are translated as subtitles, and a translator aligning the English and Arabic
tracks wants their sentences, not the cue numbers and time codes, paired: read as plain text,
``1`` / ``00:00:01,000 --> 00:00:04,000`` became beads of their own. A cue also cuts a
sentence wherever the screen is full ("I want to start" | "with a confession."), so its
lines are no boundaries: the cues' text is joined by single spaces into one paragraph and
split by its punctuation. Formatting tags (``<i>``, ``<font ...>``, ``{\\an8}``) are dropped;
WebVTT's header, ``NOTE``, ``STYLE`` and ``REGION`` blocks and cue settings are not text.
Offsets index the extracted text, as for an HTML page (``tawazi split --text`` prints it).
"""

from __future__ import annotations

import re
from itertools import pairwise

SUBTITLE_EXTENSIONS = frozenset({".srt", ".vtt"})

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}"
#: A cue's timing line: ``00:00:01,000 --> 00:00:04,000`` (SRT), ``00:01.000 --> 00:04.000
#: align:start`` (WebVTT, with cue settings).
_TIMING_RE = re.compile(rf"\s*{_TIME}\s*-->\s*{_TIME}")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,60}>|\{\\[^{}\n]{0,60}\}")
_SPACES_RE = re.compile(r"\s+")
#: WebVTT blocks that hold no cue text.
_VTT_OTHER = ("WEBVTT", "NOTE", "STYLE", "REGION")
#: How many of a file's first lines are looked at to recognise it.
_SNIFF_LINES = 12


def looks_like_subtitles(text: str) -> bool:
    """Whether ``text`` is a subtitle file: a WebVTT header, or a timing line among its
    first lines right after a cue number (SRT).

    >>> looks_like_subtitles("1\\n00:00:01,000 --> 00:00:04,000\\nHello.\\n")
    True
    >>> looks_like_subtitles("The meeting ran from 10:00 to 11:30.\\n")
    False
    """
    body = text.lstrip("\ufeff")
    if body.startswith("WEBVTT"):
        return True
    lines = [x.strip() for x in body.splitlines()[:_SNIFF_LINES]]
    return any(_TIMING_RE.match(b) and a.isdigit() for a, b in pairwise(lines))


def subtitle_text(text: str) -> str:
    """The cues' text of a subtitle file, joined by spaces into one paragraph.

    >>> subtitle_text("1\\n00:00:01,000 --> 00:00:03,000\\n<i>I want to start</i>\\n\\n"
    ...               "2\\n00:00:03,500 --> 00:00:05,000\\nwith a confession.\\n")
    'I want to start with a confession.\\n'
    """
    pieces: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.lstrip("\ufeff").replace("\r\n", "\n")):
        lines = block.strip("\n").split("\n")
        timing = next((i for i, x in enumerate(lines) if _TIMING_RE.match(x)), None)
        if timing is None:
            if lines[0].startswith(_VTT_OTHER):
                continue
            # A cue's text after a blank line inside it is still its text; a lone cue
            # number (its timing lost) is not.
            cue = lines[1:] if lines[0].strip().isdigit() else lines
        else:
            cue = lines[timing + 1 :]
        for line in cue:
            line = _SPACES_RE.sub(" ", _TAG_RE.sub("", line)).strip()
            if line:
                pieces.append(line)
    return " ".join(pieces) + "\n" if pieces else ""


__all__ = ["SUBTITLE_EXTENSIONS", "looks_like_subtitles", "subtitle_text"]
