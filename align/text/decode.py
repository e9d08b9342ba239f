"""Reading input bytes and decoding them: files, standard input, encodings, binary refused.

Offsets everywhere in tawazi are Python string indexes into *the decoded input file*, and the
convention for that is Python's own text reading, ``open(path, encoding=...).read()``:

- line ends are universal newlines: ``\\r\\n`` and a lone ``\\r`` become ``\\n`` (this is what
  the bench scorer and any Python consumer of our spans see when they read the file);
- a byte-order mark is kept as the character U+FEFF at offset 0, exactly as
  ``open(path, encoding="utf-8")`` keeps it, so spans of a BOM file stay valid for such a
  reader (the splitter treats U+FEFF as white space, so no sentence includes it).

``decode_bytes`` returns the codec that reproduces the text under that convention
(``"utf-8"`` also for a UTF-8 file with a BOM; ``"utf-16-le"``, ``"utf-16-be"``,
``"utf-32-le"``, ``"utf-32-be"`` when a BOM says so; ``"cp1256"`` or ``"iso8859-6"`` for the
legacy 8-bit Arabic code pages), so that ``open(path, encoding=encoding).read() == text`` always
holds.

Nothing is guessed silently: a file that is neither valid UTF-8/16/32 nor plausible Arabic in
Windows-1256 or ISO-8859-6 is refused with the offset of the first bad byte, rather than decoded
into mojibake that would then be aligned as if it were text.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys

from ..errors import InputError
from .arabic import LETTER_RE as AR_LETTER_RE
from .arabic import LETTERS as AR_LETTERS
from .limits import Limits, over_size
from .normalize import LATIN_LETTER_RE

#: Default size limit of one input file, in bytes. Alignment is linear in the text, but a
#: file this large is almost always a mistake (a corpus dump, a binary), and refusing it at
#: once is better than minutes of work and gigabytes of memory.
MAX_BYTES = 200_000_000
#: Default size limit of an input to align (``--max-mb``, see ``text.limits``).
INPUT_BYTES = Limits().max_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Formats that people save translations in and then pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a Word (.docx), OpenDocument or ZIP file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word (.doc) or other Office file"),
    (b"{\\rtf", "an RTF file"),
)

#: Characters expected in Windows-1256 Arabic text besides ASCII and the Arabic block: the
#: code page's punctuation and the French letters it keeps. Anything else it decodes to
#: (``‰``, ``Œ``, ``¾``...) is a sign that the bytes were never cp1256 text.
_CP1256_OK = frozenset("«»…‘’“”–—•\u00a0\u200c\u200d\u200e\u200f×÷°àâçèéêëîïôùûü")
#: The same for ISO-8859-6, whose only characters outside ASCII and the Arabic block are these
#: two, ``¤`` and the C1 controls.
_ISO8859_6_OK = frozenset("\u00a0\u00ad")
#: The legacy 8-bit Arabic code pages tried, in this order, on bytes that are not UTF-8, each
#: with the characters its Arabic text holds besides ASCII and the Arabic block. Windows-1256
#: first: it is the common one, and it wins for the rare bytes that read as Arabic in both
#: (ISO-8859-6 text nearly always has a qaf, waw or yeh, which cp1256 reads as â, è, ê).
LEGACY_ARABIC: tuple[tuple[str, frozenset[str]], ...] = (
    ("cp1256", _CP1256_OK),
    ("iso8859-6", _ISO8859_6_OK),
)
#: The encodings ``decode_bytes`` guesses (not told by a BOM or by being valid UTF-8).
LEGACY_ENCODINGS = frozenset(enc for enc, _ in LEGACY_ARABIC)
SAMPLE = 1_000_000
#: Latin letters past ASCII (``×`` and ``÷`` are not letters).
_LATIN_EXT = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LATIN_EXT_RE = re.compile(f"[{_LATIN_EXT}]")
#: An Arabic letter next to a Latin one, in one word: what a wrong code page makes
#: (``âان``: ISO-8859-6 read as cp1256; ``estل``: Spanish Latin-1 read as cp1256).
_GLUED_RE = re.compile(f"[{AR_LETTERS}][A-Za-z{_LATIN_EXT}]|[A-Za-z{_LATIN_EXT}][{AR_LETTERS}]")
_AR_WORD_RE = re.compile(f"[{AR_LETTERS}]+")
#: Words with a glued Latin letter allowed per Arabic word: ``وMicrosoft`` once in a while is
#: sloppy typing; a wrong code page glues Latin into one Arabic word in three or more.
GLUED_SHARE = 0.02


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def universal_newlines(text: str) -> str:
    """Universal newlines, as Python's text mode reads them."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def letter_counts(text: str) -> tuple[int, int]:
    """Number of Arabic and of Latin letters in ``text``.

    Counted by deletion rather than ``findall`` so that a 100 MB text costs one pass and one
    copy, not a list of a hundred million one-letter strings.
    """
    ar = len(text) - len(AR_LETTER_RE.sub("", text))
    la = len(text) - len(LATIN_LETTER_RE.sub("", text))
    return ar, la


def _looks_arabic(text: str, ok: frozenset[str]) -> bool:
    """Whether ``text`` (bytes decoded by a legacy code page) reads as Arabic, not mojibake.

    An 8-bit code page maps (nearly) every byte to something, so decoding alone proves
    nothing. ASCII reads the same in all of them, so only the rest is judged: mostly Arabic
    among the letters past ASCII (however much English the file holds), Latin letters glued
    into Arabic words in hardly any word (the mark of the wrong code page), and almost none
    of the code page's rare symbols or control characters, other than the ``ok`` ones (UTF-8
    Arabic or a binary read as cp1256 is full of them).
    """
    sample = text[:SAMPLE]
    ar = len(sample) - len(AR_LETTER_RE.sub("", sample))
    latin = len(sample) - len(_LATIN_EXT_RE.sub("", sample))
    if ar < 2 or ar < 0.6 * (ar + latin):
        return False
    glued = sum(1 for _ in _GLUED_RE.finditer(sample))
    if glued and glued > GLUED_SHARE * sum(1 for _ in _AR_WORD_RE.finditer(sample)):
        return False
    odd = 0
    for ch in sample:
        o = ord(ch)
        if o < 0x80:
            if o < 0x20 and ch not in "\t\n\r\f":
                odd += 1
        elif not 0x600 <= o <= 0x6FF and ch not in ok:
            odd += 1
    visible = len(sample) - sum(sample.count(c) for c in " \n\t\r")
    return odd <= 0.01 * max(visible, 1)


def legacy_arabic(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` of bytes that read as Arabic in one of the ``LEGACY_ARABIC``
    code pages (the first that does), else ``None``.

    >>> legacy_arabic("قال".encode("iso8859_6"))
    ('قال', 'iso8859-6')
    >>> legacy_arabic("Café".encode("latin-1")) is None
    True
    """
    for enc, ok in LEGACY_ARABIC:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:  # a byte ISO-8859-6 leaves undefined
            continue
        if _looks_arabic(text, ok):
            return text, enc
    return None


def decode_bytes(data: bytes, path: str, *, newlines: bool = True) -> tuple[str, str]:
    """Decode an input file's bytes: ``(text, encoding)``.

    Tries, in order: a BOM (UTF-8, UTF-16 or UTF-32, either byte order), UTF-8, and
    Windows-1256 or ISO-8859-6 when the bytes are not UTF-8 but read as Arabic text in it
    (``legacy_arabic``). Line ends become
    ``\\n`` (unless ``newlines`` is false: a table whose quoted cells may hold a carriage
    return reads its own line ends) and a BOM stays as U+FEFF (see the module docstring).

    Raises:
        InputError: binary data (a NUL byte outside UTF-16/32, or a known document format),
            invalid UTF-16/32, or bytes that are neither UTF-8 nor plausible legacy Arabic;
            the message names the file and the offset of the first bad byte as UTF-8.

    >>> decode_bytes("سلام\\r\\n".encode("cp1256"), "x.txt")
    ('سلام\\n', 'cp1256')
    >>> decode_bytes(b"\\xef\\xbb\\xbfHi", "x.txt")
    ('\\ufeffHi', 'utf-8')
    """
    bom, enc = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", ""))
    if enc and enc != "utf-8":
        text = _decode_wide(data, enc, path)
        return (universal_newlines(text) if newlines else text), enc
    _refuse_binary(data, path)
    try:
        text = data.decode("utf-8")
        return (universal_newlines(text) if newlines else text), "utf-8"
    except UnicodeDecodeError as e:
        err = e
    legacy = None if bom else legacy_arabic(data)
    if legacy is None:
        raise _not_text(data, err, path)
    text, enc = legacy
    return (universal_newlines(text) if newlines else text), enc


def _decode_wide(data: bytes, enc: str, path: str) -> str:
    """Text of a file whose BOM says UTF-16 or UTF-32: the BOM is trusted, so bytes that do
    not decode, or decode to a NUL character, are an error rather than a reason to guess."""
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid {enc.upper()} text although it starts with a {enc.upper()} "
            f"byte-order mark (bad data at offset {e.start}, {e.reason})",
            path=path,
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        offset = len(text[:nul].encode(enc))
        raise InputError(
            f"looks like a binary file (NUL character at offset {offset})", path=path
        )
    return text


def _refuse_binary(data: bytes, path: str) -> None:
    """Raise for a known document format or a NUL byte: such files would otherwise decode as
    cp1256 (which maps every byte) and be aligned as mojibake. UTF-16 without a BOM is
    refused too, with a hint, since nothing can tell it from binary data reliably."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(
                f"looks like {what}, not plain text; save it as UTF-8 text first", path=path
            )
    nul_at = data.find(b"\x00")
    if nul_at >= 0:
        raise InputError(
            f"looks like a binary file (NUL byte at offset {nul_at}; UTF-16 text needs a "
            "byte-order mark)",
            path=path,
        )


def _not_text(data: bytes, err: UnicodeDecodeError, path: str) -> InputError:
    """The error for bytes that are neither UTF-8 nor plausible legacy Arabic, naming the first bad
    byte by offset and line (a truncated last character is told apart: a cut download)."""
    where = f"offset {err.start}, line {_line_of(data, err.start)}"
    if err.end >= len(data) and "unexpected end" in err.reason:
        detail = f"incomplete UTF-8 character at the end of the file, {where}"
    else:
        detail = f"invalid byte 0x{data[err.start]:02x} at {where}"
    return InputError(f"not UTF-8, UTF-16, Windows-1256 or ISO-8859-6 text ({detail})",
                      path=path)


def read_text_encoding(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, newlines: bool = True
) -> tuple[str, str]:
    """``(text, encoding)`` of a file; see ``read_text`` (and ``decode_bytes``)."""
    name = os.fspath(path)
    return decode_bytes(read_raw_bytes(name, max_bytes=max_bytes), name, newlines=newlines)


#: The file name that means standard input, as for sacrebleu and most Unix tools.
STDIN = "-"


#: The standard input stream last read and its bytes (``_read_stdin``).
_stdin_read: list[tuple[object, bytes]] = []


def _read_stdin(max_bytes: int) -> bytes:
    """Standard input, read to its end but refused past ``max_bytes`` (a pipe has no size
    to check first, so at most ``max_bytes + 1`` bytes are ever held).

    A pipe can be read once: the bytes are kept, so a second read of ``-`` in one process
    (``mine`` first looks at each side's scripts, then reads the side) gets the same input
    rather than an empty one."""
    stream = sys.stdin
    if stream is None:
        raise InputError("standard input is closed", path=STDIN)
    if _stdin_read and _stdin_read[0][0] is stream:
        data = _stdin_read[0][1]
    else:
        try:
            data = stream.buffer.read(max_bytes + 1)
        except (OSError, ValueError) as exc:  # a closed or unreadable descriptor
            raise InputError(f"cannot read standard input ({exc})", path=STDIN) from None
        _stdin_read[:] = [(stream, data)]
    if len(data) > max_bytes:
        raise InputError(over_size(len(data), max_bytes), path=STDIN)
    return data


def read_raw_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file no larger than ``max_bytes``, or a one-line
    ``InputError`` (missing, a directory, a pipe or device, too large, unreadable).

    ``-`` is standard input (``STDIN``): the one pipe read, since the user named it."""
    name = os.fspath(path)
    if name == STDIN:
        return _read_stdin(max_bytes)
    try:
        st = os.stat(name)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory, not a text file", path=name)
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or device can block forever on open or read: refuse rather than hang.
            raise InputError("not a regular file (a pipe or a device?)", path=name)
        if st.st_size > max_bytes:
            raise InputError(over_size(st.st_size, max_bytes), path=name)
        with open(name, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e})", path=name) from None
    if len(data) > max_bytes:  # grew since stat
        raise InputError(over_size(len(data), max_bytes), path=name)
    return data


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """The decoded text of a file (universal newlines, BOM kept as U+FEFF).

    Raises:
        InputError: missing, a directory, unreadable, not a regular file, over ``max_bytes``
            (checked before reading, so a huge file is refused at once), or undecodable.
    """
    return read_text_encoding(path, max_bytes=max_bytes)[0]
