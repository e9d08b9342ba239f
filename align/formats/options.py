"""Options shared by all writers, and the small value formatting they must agree on."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import OptionError
from ..types import LANGS, Alignment, Bead

#: Scores are written with this many decimals in JSONL, TSV and TMX: more is noise for a
#: fidelity score and makes files hard to read and diff. Rounding is idempotent, so a file
#: read back and written again is unchanged.
SCORE_DIGITS = 4

#: A BCP 47 tag as CAT tools write them: a primary subtag, then region, script or variant
#: subtags (``ar``, ``ar-SA``, ``en-GB``, ``zh-Hant-TW``). Checked, not parsed: the tag is
#: written as given.
_LOCALE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")

#: A creation date as TMX writes it (ISO 8601 basic format, UTC).
_TMX_DATE = re.compile(r"\d{8}T\d{6}Z")


def check_locale(tag: str, lang: str) -> str:
    """``tag`` if it is a language tag whose primary subtag is ``lang`` (``en-GB`` for en).

    >>> check_locale("ar-SA", "ar")
    'ar-SA'

    Raises:
        OptionError: not a language tag, or one of another language.
    """
    if not isinstance(tag, str) or not _LOCALE.fullmatch(tag):
        raise OptionError(f"{tag!r} is not a language tag (e.g. {lang}, {lang}-XX)")
    if tag.split("-")[0].lower() != lang:
        raise OptionError(f"the {lang} locale {tag!r} names another language")
    return tag


def creation_date(when: str) -> str:
    """A TMX creation date: ``now`` (or ``SOURCE_DATE_EPOCH``, for reproducible builds), an
    ISO date or date-time (taken as UTC when it has no offset), or ``YYYYMMDDThhmmssZ``.

    >>> creation_date("2024-01-26T10:00:00+03:00")
    '20240126T070000Z'

    Raises:
        OptionError: a value that is none of these.
    """
    if _TMX_DATE.fullmatch(when):
        return when
    if when == "now":
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        moment = (datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit()
                  else datetime.now(UTC))
    else:
        try:
            moment = datetime.fromisoformat(when)
        except ValueError:
            raise OptionError(f"creation date {when!r} is not 'now', an ISO date or "
                              "YYYYMMDDThhmmssZ") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """How an alignment is exported.

    Attributes:
        include_unaligned: TMX, XLIFF and Moses only: also export beads with one side empty
            (as a unit with an empty segment, or a pair of lines with one empty). Beads,
            JSONL, TSV and xlsx are complete records of the alignment and always hold every
            bead.
        edited: TMX, XLIFF and Moses only: export a reviewer's edit in place of the original
            text (the other version is kept as metadata). JSONL, TSV and xlsx hold both.
        signature: the signature to record (JSONL, TMX, XLIFF); ``None`` takes the
            alignment's own, ``""`` records none.
        srclang: the source language of TMX and XLIFF (``en`` or ``ar``): the language a
            CAT tool translates from.
        en_locale, ar_locale: the language tags written for each side (``en-GB``,
            ``ar-SA``); read back as English and Arabic by their primary subtag.
        one_to_one: TMX, XLIFF and Moses: export only 1-1 beads (a memory of sentence
            pairs, for tools that match one sentence at a time).
        min_score: TMX, XLIFF and Moses: export only beads scoring at least this
            (hunalign's ``-thresh``); ``None`` exports all.
        creation_date, creation_id: TMX ``creationdate``/``creationid`` of the header and
            of every unit (``creation_date`` as ``YYYYMMDDThhmmssZ``, see
            ``creation_date()``); ``None`` writes none, so that the same alignment always
            gives the same bytes.
        excel: TSV only: start with a UTF-8 byte-order mark, so that Excel reads the file
            as UTF-8 (without one it shows Arabic as mojibake).
    """

    include_unaligned: bool = False
    edited: bool = True
    signature: str | None = None
    srclang: str = "en"
    en_locale: str = "en"
    ar_locale: str = "ar"
    one_to_one: bool = False
    min_score: float | None = None
    creation_date: str | None = None
    creation_id: str | None = None
    excel: bool = False

    def __post_init__(self) -> None:
        for name in ("include_unaligned", "edited", "one_to_one", "excel"):
            if not isinstance(getattr(self, name), bool):
                raise OptionError(f"write option {name} must be true or false")
        sig = self.signature
        if sig is not None and not _printable(sig):
            raise OptionError("write option signature must be one line of printable text")
        if self.srclang not in LANGS:
            raise OptionError(f"source language {self.srclang!r} must be en or ar")
        check_locale(self.en_locale, "en")
        check_locale(self.ar_locale, "ar")
        score = self.min_score
        if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)
                                  or not 0.0 <= score <= 1.0):
            raise OptionError(f"minimum score {score!r} must be a number from 0 to 1")
        if self.creation_date is not None and not _TMX_DATE.fullmatch(self.creation_date):
            raise OptionError(f"creation date {self.creation_date!r} must be YYYYMMDDThhmmssZ")
        if self.creation_id is not None and not (self.creation_id and
                                                 _printable(self.creation_id)):
            raise OptionError("creation id must be one line of printable text")
        if self.one_to_one and self.include_unaligned:
            raise OptionError("only 1-1 beads (--only-1-1) and one-sided beads "
                              "(--include-unaligned) cannot both be exported")

    def signature_of(self, al: Alignment) -> str:
        """The signature to write for ``al`` (empty: write none)."""
        return al.signature if self.signature is None else self.signature

    def locale(self, lang: str) -> str:
        """The language tag written for ``en`` or ``ar``."""
        return self.en_locale if lang == "en" else self.ar_locale

    @property
    def langs(self) -> tuple[str, str]:
        """``(source, target)``: ``("ar", "en")`` with ``srclang="ar"``."""
        return ("ar", "en") if self.srclang == "ar" else ("en", "ar")

    @property
    def filters(self) -> bool:
        """Whether some beads are left out by score or type (not by one-sidedness)."""
        return self.one_to_one or self.min_score is not None


def _printable(text: str) -> bool:
    return isinstance(text, str) and all(ch.isprintable() for ch in text)


def fmt_score(score: float) -> str:
    """``0.8765`` for 0.87654, ``1`` for 1.0: short, fixed precision, no exponent."""
    text = f"{round(score, SCORE_DIGITS):.{SCORE_DIGITS}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


#: A line break inside a sentence, with the spaces around it.
_WRAP_BREAK = re.compile(r"[ \t]*(?:\r\n|[\n\r\u2028\u2029])\s*")


def segment_text(al: Alignment, bead: Bead, lang: str, edited: bool) -> str:
    """One side of a bead as a segment: a line break inside a sentence of running text is
    one space.

    The splitter ends a sentence at a line break except in a hard-wrapped block
    (``text/wrap.py``), so a break left inside a sentence is the input's layout, not the
    writer's: a CAT tool would show ``knocked on his`` / ``brother's door.`` on two lines and
    match no other memory's segment. Offsets still index the input; only the exported text
    is flattened. A translation memory's segments (``presplit``) and a reviewer's edit are
    written as they are: a line break there was meant.
    """
    edit = (bead.en_edit if lang == "en" else bead.ar_edit) if edited else None
    text = al.bead_text(bead, lang, edited=edited)
    doc = al.en_doc if lang == "en" else al.ar_doc
    if edit is not None or doc.presplit:
        return text
    return _WRAP_BREAK.sub(" ", text)


def exported_texts(al: Alignment, bead: Bead, opts: WriteOptions) -> tuple[str, str] | None:
    """The two texts a parallel-corpus format (TMX, XLIFF, Moses) exports for a bead.

    ``None`` when the bead is left out: one side is blank and ``include_unaligned`` is off,
    it is not 1-1 under ``one_to_one``, or it scores below ``min_score``. A side is blank
    after the choice between edit and original, so a reviewer's edit that fills an empty
    side makes the bead a pair.
    """
    if opts.one_to_one and bead.type != "1-1":
        return None
    if opts.min_score is not None and round(bead.score, SCORE_DIGITS) < opts.min_score:
        return None
    en, ar = (segment_text(al, bead, lang, opts.edited) for lang in LANGS)
    if not opts.include_unaligned and (not en.strip() or not ar.strip()):
        return None
    return en, ar
