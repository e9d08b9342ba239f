"""Reading input: encodings, refusals, language checks, bilingual files and web clutter."""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.errors import InputError
from tawazi.align.text.clutter import exclude, find_clutter, line_kind
from tawazi.align.text.decode import decode_bytes, read_text, read_text_encoding
from tawazi.align.text.readers import read_bilingual, read_pair, split_bilingual
from tawazi.align.text.segment import split_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}

AR = "أكد المبعوث الخاص للرئيس الروسي أن العراق أخطر روسيا باستعداد الولايات المتحدة."
EN = "The Special Envoy confirmed that Iraq has informed Russia about the readiness."
#: Arabic that ISO-8859-6 encodes: its qaf, waw and yeh bytes are cp1256's â, è and ê, so a
#: cp1256 reading glues Latin letters into the words (``قال`` -> ``âان``).
ISO_AR = "قال المدير إن المشروع ناجح. وأضاف أن العمل مستمر في المدينة."
#: A bilingual file: an English block, a blank line, an Arabic block (Latin letters are most
#: of its letters; every non-ASCII one is Arabic).
BI = (EN + " " + EN + "\n\n" + AR + "\n")
#: Arabic heavy with English names: more Latin letters than Arabic ones.
TERMS = "أعلنت شركة Microsoft Corporation عن نظام Windows Server الجديد.\n"


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def _one_line_error(exc: pytest.ExceptionInfo[InputError], *parts: str) -> str:
    msg = str(exc.value)
    assert "\n" not in msg
    for part in parts:
        assert part in msg, msg
    return msg


# Decoding --------------------------------------------------------------------------------

ENCODINGS = [
    # (bytes of the file, expected text, expected codec): the codec re-reads the file into
    # exactly the text (universal newlines), so offsets agree with Python's open().
    (AR.encode("utf-8"), AR, "utf-8"),
    # BOM kept as U+FEFF at offset 0, as open(path, encoding="utf-8") keeps it.
    (b"\xef\xbb\xbf" + AR.encode("utf-8"), "\ufeff" + AR, "utf-8"),
    (AR.encode("utf-16"), "\ufeff" + AR, "utf-16-le"),  # Python writes LE with BOM
    (b"\xfe\xff" + AR.encode("utf-16-be"), "\ufeff" + AR, "utf-16-be"),
    (b"\xff\xfe\x00\x00" + AR.encode("utf-32-le"), "\ufeff" + AR, "utf-32-le"),
    (AR.encode("cp1256"), AR, "cp1256"),  # legacy Windows Arabic
    (("سلام عليكم\r\nمرحبا\r\n").encode("cp1256"), "سلام عليكم\nمرحبا\n", "cp1256"),
    (BI.encode("cp1256"), BI, "cp1256"),  # judged by its non-ASCII letters, all Arabic
    (TERMS.encode("cp1256"), TERMS, "cp1256"),
    (ISO_AR.encode("iso8859_6"), ISO_AR, "iso8859-6"),  # legacy ISO Arabic
    ((ISO_AR + "\r\n" + AR + "\r\n").encode("iso8859_6"), ISO_AR + "\n" + AR + "\n",
     "iso8859-6"),
    (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", "utf-8"),  # CRLF and lone CR -> \n
    (("a\r\nب\r\n").encode("utf-16"), "\ufeffa\nب\n", "utf-16-le"),
]


@pytest.mark.parametrize(("data", "text", "enc"), ENCODINGS)
def test_decode_bytes(tmp_path: Path, data: bytes, text: str, enc: str) -> None:
    assert decode_bytes(data, "x.txt") == (text, enc)
    p = _write(tmp_path, "x.txt", data)
    assert read_text_encoding(p) == (text, enc)
    with open(p, encoding=enc) as f:  # the documented offset convention
        assert f.read() == text


def test_invalid_utf8_names_file_and_offset() -> None:
    data = b"Hello world\nsecond line \xff here"
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "x.txt")
    msg = _one_line_error(exc, "x.txt", "0xff", "offset 24", "line 2")
    assert msg.startswith("x.txt: not UTF-8, UTF-16, Windows-1256 or ISO-8859-6 text")


def test_utf8_arabic_with_one_bad_byte_is_not_taken_for_cp1256() -> None:
    # Read as cp1256, UTF-8 Arabic is mojibake full of the code page's rare symbols.
    data = AR.encode("utf-8") * 3 + b"\xff" + AR.encode("utf-8")
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "ar.txt")
    _one_line_error(exc, "ar.txt", f"offset {len(AR.encode()) * 3}")


def test_truncated_utf8_at_end() -> None:
    data = "سلام".encode()[:-1]
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "cut.txt")
    _one_line_error(exc, "cut.txt", "incomplete UTF-8 character", "end of the file")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"abc\x00\x01\x02def", ["binary", "NUL byte at offset 3"]),
        ("ab".encode("utf-16-le"), ["binary", "NUL byte at offset 1"]),  # UTF-16 without BOM
        (b"\xff\xfe" + "ab\x00c".encode("utf-16-le"), ["binary", "offset 6"]),
        (b"%PDF-1.7\n%\xe2\xe3", ["PDF"]),
        (b"PK\x03\x04\x14\x00", ["docx"]),
        (b"\xff\xfe" + b"a\x00\x00", ["UTF-16", "offset"]),  # odd length after BOM
    ],
)
def test_binary_and_bad_unicode_refused(data: bytes, words: list[str]) -> None:
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "b.bin")
    _one_line_error(exc, "b.bin", *words)


@pytest.mark.parametrize("text", [
    "Café crème, déjà vu.",  # cp1256 keeps these letters: no Arabic at all
    "La canción está aquí, señor: él no sabía nada.",  # á í -> ل ي glued into Latin words
    "Das Mädchen aß süße Äpfel im Garten.",  # ä ß -> ن ك
    "À Paris, À Lyon et À Nice, l'été fut très chaud, déjà.",  # À -> ہ, alone among é
])
def test_latin_text_in_a_legacy_code_page_is_refused(text: str) -> None:
    # cp1256 decodes any byte; only Arabic-looking text is accepted as cp1256.
    with pytest.raises(InputError):
        decode_bytes(text.encode("latin-1"), "fr.txt")


def test_iso_arabic_that_iso_8859_6_cannot_read_is_refused_not_taken_for_cp1256() -> None:
    # One byte ISO-8859-6 leaves undefined (0xff): the cp1256 reading is still Latin
    # letters glued into Arabic words, so neither code page reads it and it is refused.
    data = ISO_AR.encode("iso8859_6") + b" \xff\n"
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "iso.txt")
    _one_line_error(exc, "iso.txt", "Windows-1256 or ISO-8859-6", "offset 0")


def test_a_few_latin_words_glued_to_arabic_keep_a_cp1256_file_cp1256() -> None:
    # "وMicrosoft" (and, with Latin letters glued in, "Microsoftو"): once in a long text is
    # sloppy typing, not the sign of a wrong code page.
    text = (AR + " ") * 10 + "وMicrosoft Microsoftو.\n"
    assert decode_bytes(text.encode("cp1256"), "x.txt") == (text, "cp1256")


# Files -----------------------------------------------------------------------------------


def test_missing_directory_and_fifo(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_text(tmp_path / "nope.txt")
    _one_line_error(exc, "nope.txt", "no such file")
    with pytest.raises(InputError) as exc:
        read_text(tmp_path)
    _one_line_error(exc, "directory")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as exc:  # refused before open(), which would block
        read_text(fifo)
    _one_line_error(exc, "not a regular file")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _write(tmp_path, "secret.txt", EN)
    p.chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root reads anything: make open() answer as it would for anyone else.
        import builtins

        real_open = builtins.open

        def denied(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(file) == str(p):
                raise PermissionError(13, "Permission denied", str(p))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", denied)
    with pytest.raises(InputError) as exc:
        read_text(p)
    _one_line_error(exc, "secret.txt", "permission denied")


def test_size_limit_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:  # sparse: 300 MB on paper, nothing on disk
        f.truncate(300_000_000)
    with pytest.raises(InputError) as exc:
        read_text(p)
    _one_line_error(exc, "huge.txt", "300 MB", "200 MB limit")
    small = _write(tmp_path, "small.txt", EN * 100)
    with pytest.raises(InputError):
        read_text(small, max_bytes=1000)
    assert read_text(small, max_bytes=10_000) == EN * 100


# Pairs -----------------------------------------------------------------------------------


def test_read_pair_cuts_clutter_out_of_regions(tmp_path: Path) -> None:
    ar = _write(tmp_path, "ar.txt", f"{AR}\nمقالات ذات صلة\n{AR}\n")
    en, ard = read_pair(SEED["003"], ar)
    assert (en.lang, ard.lang, en.encoding) == ("en", "ar", "utf-8")
    assert [c.kind for c in ard.clutter] == ["related"]
    assert [c.kind for c in en.clutter][:2] == ["weather", "dateline"]
    for doc in (en, ard):
        sents = split_document(doc)
        for c in doc.clutter:
            assert doc.text[c.start : c.end] == c.text
            assert all(s.end <= c.start or s.start >= c.end for s in sents)
    assert split_document(en)[0].text.startswith("Associated Press:")


@pytest.mark.parametrize(
    ("en", "ar", "words"),
    [
        ("ar", "en", ["look swapped", "give the English file first"]),
        ("en", "en", ["both files are English", "should be the Arabic text"]),
        ("ar", "ar", ["both files are Arabic", "should be the English text"]),
    ],
)
def test_languages_checked(tmp_path: Path, en: str, ar: str, words: list[str]) -> None:
    text = {"en": EN, "ar": AR}
    a = _write(tmp_path, "a.txt", text[en])
    b = _write(tmp_path, "b.txt", text[ar])
    with pytest.raises(InputError) as exc:
        read_pair(a, b)
    _one_line_error(exc, *words)


def test_both_english_hints_at_a_bilingual_file(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", EN)
    b = _write(tmp_path, "b.txt", f"{EN}\n{EN}\n{AR}\n")
    with pytest.raises(InputError) as exc:
        read_pair(a, b)
    _one_line_error(exc, "both files are English", "bilingual")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", ["empty.txt: empty file"]),
        ("  \n\n\t\n", ["empty.txt: empty file"]),
        ("2024 - 151 / 70\n", ["empty.txt: no text"]),
        ("Related Articles\nNo comments:\n", ["empty.txt: no article text", "related"]),
    ],
)
def test_one_side_empty(tmp_path: Path, content: str, words: list[str]) -> None:
    en = _write(tmp_path, "en.txt", EN)
    empty = _write(tmp_path, "empty.txt", content)
    with pytest.raises(InputError) as exc:
        read_pair(en, empty)
    _one_line_error(exc, *words)


def test_presplit_keeps_every_line_and_ignores_blank_lines(tmp_path: Path) -> None:
    # Pre-split lines are the user's sentences: no clutter search, blank lines skipped, and
    # the two sides may have different numbers of lines.
    en = _write(tmp_path, "en.txt", f"{EN}\n\nRelated Articles\n{EN}\n")
    ar = _write(tmp_path, "ar.txt", f"\n{AR}\n\n\n{AR}\n{AR}\n\n")
    en_doc, ar_doc = read_pair(en, ar, presplit=True)
    assert en_doc.presplit and en_doc.clutter == ()
    assert en_doc.regions == ((0, len(en_doc.text)),)
    assert [s.text for s in split_document(en_doc)] == [EN, "Related Articles", EN]
    assert len(split_document(ar_doc)) == 3


# Bilingual files -------------------------------------------------------------------------


def test_bilingual_seed_002() -> None:
    en, ar = read_bilingual(SEED["002"])
    text = en.text
    assert ar.text == text == read_text(SEED["002"])
    cut = text.index("بغداد تخطر موسكو")
    assert split_bilingual(text) == {"en": ((0, cut),), "ar": ((cut, len(text)),)}
    # The photo caption is English-page furniture: cut out, so the region ends before it.
    assert [c.kind for c in en.clutter] == ["caption"]
    assert en.clutter[0].text.startswith("Pic: Special envoy")
    assert en.regions == ((0, en.clutter[0].start),)
    assert ar.regions == ((cut, len(text)),) and ar.clutter == ()
    # The dateline "26 January" is translated ("26 كانون الثاني"): content on both sides.
    assert "26 January" in [s.text for s in split_document(en)]
    assert "26 كانون الثاني" in [s.text for s in split_document(ar)]


def test_bilingual_arabic_first_and_interleaved(tmp_path: Path) -> None:
    text = f"{AR}\n-\n{AR}\n\n{EN}\n▼\n{EN}\n{AR}\n\n{EN}\n"
    p = _write(tmp_path, "bi.txt", text)
    en, ar = read_bilingual(p)
    parts = split_bilingual(text)
    first_en = text.index(EN)
    # "-" and the blank line sit in the Arabic block; "▼" in the English one.
    assert parts["ar"][0] == (0, first_en)
    assert len(parts["en"]) == 2 and len(parts["ar"]) == 2
    assert [s.text for s in split_document(ar)] == [AR, AR, AR]
    assert [s.text for s in split_document(en)] == [EN, EN, EN]
    assert {c.kind for c in ar.clutter} == {"separator"}
    assert {c.kind for c in en.clutter} == {"archive"}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (f"{EN}\n{EN}\n", ["holds only English text", "give the Arabic file too"]),
        (f"{AR}\n", ["holds only Arabic text", "give the English file too"]),
        (f"{EN}\nمقالات ذات صلة\n", ["holds only English text"]),  # Arabic only in clutter
    ],
)
def test_bilingual_needs_both_languages(tmp_path: Path, content: str, words: list[str]) -> None:
    p = _write(tmp_path, "mono.txt", content)
    with pytest.raises(InputError) as exc:
        read_bilingual(p)
    _one_line_error(exc, "mono.txt", *words)


# Clutter ---------------------------------------------------------------------------------

CLUTTER_LINES = [
    # Seed 003: page header and footer of a WordPress news site.
    ("25.9 C", "weather"),  # weather widget, no degree sign
    ("Friday, September 20, 2024", None),  # a date alone is judged by its place (see below)
    ("Associated Press: Baghdad and Washington disagree on the timetable", None),  # headline
    ("PNN – An American media, quoting an Iraqi official, has claimed that", None),
    ("America has been continuously present in Iraq since 2003.", None),
    ("The US has demanded a 2-5-year time frame for the withdrawal.", None),  # numbers in prose
    ("Related Articles", "related"),
    ("Please enter your comment!", "comments"),  # comment form
    ("Please enter your name here", "comments"),
    ("Stay Connected", "social"),
    ("Latest Articles", "related"),
    # Seed 004: a Blogger page.
    ("Mawazine News – Baghdad", None),  # source and place: the Arabic original has it too
    ("There are about 2,500 American soldiers in Iraq.", None),
    ("▼", "archive"),  # archive toggle
    ("No comments:", "comments"),
    ("Post a Comment", "comments"),
    # Seeds 000-002.
    ("-", "separator"),  # 000: lone dash between standfirst and body
    ("Pic: Special envoy of the Russian President", "caption"),  # 002: English photo caption
    ("26 January", None),  # 002: a dateline that the Arabic translates
    ("26 كانون الثاني", None),
    # Other common furniture, both languages.
    ("18°C", "weather"),
    ("Baghdad 43 °C", "weather"),
    ("► 2023 (12)", "archive"),
    ("Read also: Iraq and the US might come to an agreement", "related"),
    ("© 2024 Mawazine News. All rights reserved.", "copyright"),
    ("Share this:", "social"),
    ("Facebook Twitter WhatsApp", "social"),
    ("Subscribe to: Post Comments (Atom)", "social"),
    ("Newer Post Older Post Home", "navigation"),
    ("Tags: Iraq, USA", "navigation"),
    ("Advertisement", "ad"),
    ("مقالات ذات صلة", "related"),
    ("اقرأ أيضاً: بغداد تخطر موسكو", "related"),
    ("لا توجد تعليقات", "comments"),
    ("أضف تعليقاً", "comments"),
    ("شارك", "social"),
    ("شارك هذا المقال", "social"),  # as "Share this article" is
    ("شارك هذه القصة:", "social"),
    ("جميع الحقوق محفوظة © 2024", "copyright"),
    ("الصورة: المبعوث الروسي", "caption"),
    # Sentences that mention clutter words are never clutter.
    ("Lavrentyev declined to make further comments.", None),
    ("See also: Flight and health", None),  # a translated cross-reference (TICO-19)
    ("The ministry said all comments would be published on Friday.", None),
    ("Share prices fell sharply in Baghdad.", None),
    # A law's lettered list is text, though "(c)" is how a page without the sign writes ©.
    ('(c) "Employer": any natural or legal person who employs workers for a wage.', None),
    ("(c) 2024 Mawazine News", "copyright"),
    ("Copyright (c) Reuters", "copyright"),
    ("Except as this Law provides, all rights reserved to the State under the former Law of"
     " 1990 shall pass to the Ministry on the date of its entry into force.", None),
    ("All Rights Reserved.", "copyright"),
]


@pytest.mark.parametrize(("line", "kind"), CLUTTER_LINES)
def test_clutter_golden(line: str, kind: str | None) -> None:
    assert line_kind(line) == kind


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in find_clutter(text, [(0, len(text))])]


def test_dates_are_clutter_only_in_the_page_header_or_footer() -> None:
    body = f"{EN}\nThursday, 19 September 2024\n{EN}\n"
    assert _kinds(body) == []  # between two prose lines: part of the article
    assert _kinds(f"Friday, September 20, 2024\n{body}") == [
        ("dateline", "Friday, September 20, 2024")
    ]
    assert _kinds(f"{EN}\nالجمعة، 20 أيلول 2024\n") == [("dateline", "الجمعة، 20 أيلول 2024")]
    assert _kinds(f"26 January\n{EN}\n") == []  # no weekday, no year: the article's dateline


def test_related_list_at_the_end() -> None:
    tail = "Related Articles\nUS troops leave Syria\nIraq votes on withdrawal\n"
    assert [k for k, _ in _kinds(f"{EN}\n{tail}")] == ["related"] * 3
    # A related box in the middle of the article leaves the following subheading alone.
    mid = f"{EN}\n{tail}{EN} More text follows here.\n"
    assert [k for k, _ in _kinds(mid)] == ["related"]


def test_seed_clutter() -> None:
    found = {k: _kinds(p.read_text(encoding="utf-8")) for k, p in SEED.items()}
    assert [k for k, _ in found["000"]] == ["separator"]
    assert [k for k, _ in found["001"]] == ["repeat", "credit"]
    assert found["001"][1][1] == "Information/translation…"  # glued to the headline
    assert [k for k, _ in found["002"]] == ["caption"]
    assert [k for k, _ in found["003"]] == [
        "weather", "dateline", "related", "comments", "comments", "social", "related",
    ]  # fmt: skip
    assert [k for k, _ in found["004"]] == ["archive", "comments", "comments"]


# Properties ------------------------------------------------------------------------------

_LINES = [
    EN, AR, "", "   ", "-", "▼", "25.9 C", "Related Articles", "No comments:", "26 January",
    "Friday, September 20, 2024", "US troops leave Syria", "مقالات ذات صلة", "شارك",
    "HeadlineInformation/translation…", "Russian Envoy: We have evidence", "\ufeff",
]  # fmt: skip


@st.composite
def _texts_and_regions(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    lines = draw(st.lists(st.sampled_from(_LINES) | st.text(max_size=20), max_size=25))
    text = "\n".join(lines)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    bounds = [0, *cuts, len(text)]
    regions = [(a, b) for a, b in pairwise(bounds) if a < b]
    keep = draw(st.lists(st.booleans(), min_size=len(regions), max_size=len(regions)))
    return text, [r for r, k in zip(regions, keep, strict=True) if k]


@settings(max_examples=300, deadline=None)
@given(_texts_and_regions())
def test_regions_stay_in_text_and_off_clutter(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, regions = case
    clutter = find_clutter(text, regions)
    kept = exclude(text, regions, clutter)
    for c in clutter:
        assert text[c.start : c.end] == c.text and c.start < c.end
        assert any(s <= c.start and c.end <= e for s, e in regions)
    for a, b in pairwise(clutter):
        assert a.end <= b.start
    prev = 0
    for s, e in kept:
        assert prev <= s < e <= len(text)
        assert any(rs <= s and e <= re_ for rs, re_ in regions)
        assert all(e <= c.start or s >= c.end for c in clutter)
        prev = e


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=20), max_size=25))
def test_bilingual_regions_tile_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    parts = split_bilingual(text)
    spans = sorted(parts["en"] + parts["ar"])
    if not text:
        assert spans == []
        return
    assert [a for a, _ in spans] == [0, *[b for _, b in spans[:-1]]]
    assert spans[-1][1] == len(text)
