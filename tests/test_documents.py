"""HTML pages, Word (DOCX) and OpenDocument (ODT) files as inputs (issue 12, "Inputs").

Real files are built here (python-docx writes DOCX, odfpy writes ODT, HTML is written as a
string); what they align to is compared with the same paragraphs given as plain text, so
the extraction is checked by the beads it gives, not only by its own output. Bad files give
one line and exit status 2 from the command line.
"""

from __future__ import annotations

import html
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tawazi
from tawazi.align.errors import InputError
from tawazi.align.pipeline import align_pair
from tawazi.align.text.htmltext import html_text, looks_like_html
from tawazi.align.text.readers import read_bilingual, read_document_text, read_pair

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("002_*.txt"))
#: Seed 002's lines (English block, then Arabic), one paragraph each.
PARAS = [ln.strip() for ln in SEED.read_text(encoding="utf-8").split("\n") if ln.strip()]
EN = [p for p in PARAS if not any("\u0600" <= c <= "\u06ff" for c in p)]
AR = [p for p in PARAS if p not in EN]


def plain(paras: list[str]) -> str:
    """The text every extractor must give for ``paras``: blank-line separated."""
    return "\n".join(p + "\n" for p in paras)


def make_html(paras: list[str]) -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (
        "<!DOCTYPE html><html><head><title>Site | Article</title><style>p{color:red}</style>"
        "<script>var x = '<p>not text</p>';</script></head><body>"
        "<header><a href='/'>Home</a> <a href='/news'>News</a></header>"
        "<nav><ul><li>World</li><li>Sport</li></ul></nav>"
        f"<main><article>{body}</article></main>"
        "<aside><p>Most read</p></aside><footer>© 2024 The Site</footer></body></html>"
    ).encode()


def make_docx(paras: list[str]) -> bytes:
    import docx

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Page header, not article text"
    doc.sections[0].footer.paragraphs[0].text = "Page 1"
    for p in paras:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def make_odt(paras: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    doc = OpenDocumentText()
    for p in paras:
        doc.text.addElement(P(text=p))
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


MAKERS = {"html": make_html, "docx": make_docx, "odt": make_odt}


def beads(al: object) -> list[tuple[object, ...]]:
    """What must be equal: each bead's texts, type and spans (of the public ``Alignment``,
    or of an internal one, wrapped)."""
    public = al if isinstance(al, tawazi.Alignment) else tawazi.Alignment(al)  # type: ignore[arg-type]
    return [(b.en, b.ar, b.type, b.en_spans, b.ar_spans) for b in public.beads]


def tawazi_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None
               ) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tawazi.align.cli", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=env, timeout=300)


def one_line_error(res: subprocess.CompletedProcess[bytes], *words: str) -> None:
    err = res.stderr.decode()
    assert res.returncode == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("tawazi: error:"), err
    for w in words:
        assert w in lines[0], lines[0]


# HTML extraction, golden table ---------------------------------------------------------

HTML_CASES = [
    # block elements are paragraphs; inline markup is not a boundary
    ("<p>One <b>two</b> three.</p><p>Four.</p>", "One two three.\n\nFour.\n"),
    # headings, list items, quotations, cells: each its own paragraph
    ("<h1>Title</h1><ul><li>a</li><li>b</li></ul><blockquote>q</blockquote>",
     "Title\n\na\n\nb\n\nq\n"),
    ("<table><tr><td>cell 1</td><td>خلية ٢</td></tr></table>", "cell 1\n\nخلية ٢\n"),
    # <br> is a line end inside the paragraph
    ("<p>line one<br>line two</p>", "line one\nline two\n"),
    # white space collapses as a browser shows it; NBSP is text
    ("<p>  a \n\t b&nbsp;&nbsp;c </p>", "a b\u00a0\u00a0c\n"),
    # <pre> keeps its line ends
    ("<pre>x  = 1\ny = 2</pre>", "x = 1\ny = 2\n"),
    # code, styling and the head are not text; entities are decoded; comments vanish
    ("<head><title>T</title></head><script>a<b</script><style>p{}</style>"
     "<p>A &amp; B<!-- note --> C</p>", "A & B C\n"),
    # page furniture is left out, an article's own header (its headline) is kept
    ("<header>Site</header><nav>Menu</nav><article><header><h1>Headline</h1></header>"
     "<p>Body.</p><footer>By X</footer></article><aside>Ads</aside><footer>©</footer>",
     "Headline\n\nBody.\n\nBy X\n"),
    # hidden and navigation roles are left out, the text around them kept
    ("<div role='navigation'>Menu</div><p hidden>h</p><p aria-hidden='true'>h</p>"
     "<p style='display: none'>h</p><div>kept<span hidden>x</span> text</div>",
     "kept text\n"),
    # a div holding text and blocks: the text before, the blocks, the text after
    ("<div>before<p>inside</p>after</div>", "before\n\ninside\n\nafter\n"),
    # text after </body></html> is read, as a browser does
    ("<html><body><p>a</p></body></html>\n<p>b</p>", "a\n\nb\n"),
    # nothing visible
    ("<html><head><title>x</title></head><body><script>1</script></body></html>", ""),
]


@pytest.mark.parametrize(("page", "expected"), HTML_CASES)
def test_html_text(page: str, expected: str) -> None:
    assert html_text(page) == expected


SNIFF_CASES = [
    ("<!DOCTYPE html>\n<html><body>x</body></html>", True),
    ("\ufeff  <html lang='ar' dir='rtl'>", True),
    ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "x">', True),
    ("<!-- saved from url -->\n<html>", True),
    ("<p>A fragment.</p>\n", True),
    ("Text pasted from a page.</p>\nMore text.</p>\nAnd more<br>\n", True),  # many tags
    ("Plain text about <html> and <p> tags, nothing more.\n", False),
    ("The index rose 5% <in real terms> on Monday.\n", False),
    ("<<< not markup >>>\n", False),
    # many comments and no tag: answered at once (the first pattern backtracked
    # exponentially in the number of comments)
    ("<!-- a -->" * 60 + "plain text", False),
]


@pytest.mark.parametrize(("text", "is_html"), SNIFF_CASES)
def test_html_is_recognised_by_content(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


# Reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(MAKERS))
def test_extracted_text_is_the_paragraphs(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"page.{kind}"
    path.write_bytes(MAKERS[kind](PARAS))
    text, _, source = read_document_text(path)
    assert (text, source) == (plain(PARAS), kind)


@pytest.mark.parametrize("kind", list(MAKERS))
def test_recognised_without_the_extension(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "saved.txt"
    path.write_bytes(MAKERS[kind](PARAS))
    assert read_document_text(path)[2] == kind


def test_html_extension_reads_as_html_even_without_tags(tmp_path: Path) -> None:
    path = tmp_path / "a.htm"
    path.write_text("Just  text,\nno tags.", encoding="utf-8")
    assert read_document_text(path) == ("Just text, no tags.\n", "utf-8", "html")


def test_html_declared_charset_is_used_when_the_bytes_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Café crème'
                     "</p></body></html>".encode("latin-1"))
    text, enc, source = read_document_text(path)
    assert (text, enc, source) == ("Café crème\n", "iso8859-1", "html")


def test_html_in_windows_1256_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "ar.html"
    path.write_bytes(f"<html><body><p>{AR[0]}</p></body></html>".encode("cp1256"))
    assert read_document_text(path) == (AR[0] + "\n", "cp1256", "html")


def _declared_page(charset: str, body: str, enc: str) -> bytes:
    return (f'<html><head><meta charset="{charset}"></head><body><p>{body}</p></body></html>'
            ).encode(enc)


ISO_AR = "قال المدير إن المشروع ناجح. وأضاف أن العمل مستمر في المدينة الكبيرة."


def test_html_in_iso_8859_6_is_decoded_however_long_its_body(tmp_path: Path) -> None:
    # Before, a long Arabic body read as cp1256 (Latin letters glued into Arabic words:
    # "âان") and that guess won over the page's own declaration.
    path = tmp_path / "iso.html"
    body = " ".join([ISO_AR] * 5)
    path.write_bytes(_declared_page("iso-8859-6", body, "iso8859_6"))
    assert read_document_text(path) == (body + "\n", "iso8859-6", "html")


def test_html_declared_charset_is_trusted_over_a_plausible_guess(tmp_path: Path) -> None:
    # "من بعد ذلك" in ISO-8859-6 reads in cp1256 as other Arabic words ("هو بظد ذنم"),
    # plausible but wrong: the page says what it is (a body long enough for the guess).
    path = tmp_path / "iso.html"
    body = " ".join(["من بعد ذلك"] * 10)
    path.write_bytes(_declared_page("ISO-8859-6", body, "iso8859_6"))
    assert read_document_text(path) == (body + "\n", "iso8859-6", "html")


def test_html_declaration_the_bytes_break_leaves_the_guess(tmp_path: Path) -> None:
    # Windows-1256 bytes (قال: 0xde is not ISO-8859-6) under a wrong declaration, and
    # one that says UTF-16 (the HTML standard reads that as UTF-8): cp1256 stands.
    for charset in ("iso-8859-6", "utf-16"):
        path = tmp_path / "ar.html"
        path.write_bytes(_declared_page(charset, AR[0], "cp1256"))
        assert read_document_text(path) == (AR[0] + "\n", "cp1256", "html")


def test_docx_reads_tables_merged_cells_breaks_and_leaves_out_headers() -> None:
    import docx

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "HEADER"
    doc.add_heading("Title", 1)
    para = doc.add_paragraph("First line")
    para.add_run().add_break()
    para.add_run("second line, ")
    para.add_run("bold").bold = True
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "English cell", "خلية عربية"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "merged once"
    table.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "nested"
    doc.add_paragraph("")
    doc.add_paragraph("After the table.")
    buf = io.BytesIO()
    doc.save(buf)
    from tawazi.align.text.office import docx_text

    assert docx_text(buf.getvalue(), "x.docx") == (
        "Title\n\nFirst line\nsecond line, bold\n\nEnglish cell\n\nnested\n\n"
        "خلية عربية\n\nmerged once\n\nAfter the table.\n")


def test_odt_reads_spaces_tabs_breaks_lists_tables_and_leaves_out_notes() -> None:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S, Span
    from odf.text import Tab as TabElement

    doc = OpenDocumentText()
    doc.text.addElement(H(outlinelevel=1, text="Title"))
    p = P(text="a")
    p.addElement(S(c=3))
    p.addElement(Span(text="b"))
    p.addElement(TabElement())
    p.addText("c")
    p.addElement(LineBreak())
    p.addText("next line")
    note = Note(noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="a footnote"))
    note.addElement(body)
    p.addElement(note)
    doc.text.addElement(p)
    items = List()
    for word in ("one", "اثنان"):
        item = ListItem()
        item.addElement(P(text=word))
        items.addElement(item)
    doc.text.addElement(items)
    table = Table()
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for word in ("cell", "خلية"):
        cell = TableCell()
        cell.addElement(P(text=word))
        row.addElement(cell)
    table.addElement(row)
    doc.text.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    from tawazi.align.text.office import odt_text

    assert odt_text(buf.getvalue(), "x.odt") == (
        "Title\n\na   b\tc\nnext line\n\none\n\nاثنان\n\ncell\n\nخلية\n")


# Alignment: the same beads as the same paragraphs in plain text ------------------------


@pytest.mark.parametrize("kind", list(MAKERS))
def test_bilingual_document_aligns_as_its_plain_text(tmp_path: Path, kind: str) -> None:
    txt, doc = tmp_path / "seed.txt", tmp_path / f"seed.{kind}"
    txt.write_text(plain(PARAS), encoding="utf-8")
    doc.write_bytes(MAKERS[kind](PARAS))
    want = beads(align_pair(*read_bilingual(txt)))
    got = align_pair(*read_bilingual(doc))
    assert beads(got) == want and len(want) >= 15
    assert got.en_doc.source == kind
    # ... and through the public API
    assert beads(tawazi.read(doc)) == beads(tawazi.read(txt))


@pytest.mark.parametrize(("en_kind", "ar_kind"), [("html", "docx"), ("odt", "html"),
                                                  ("docx", "odt")])
def test_two_documents_align_as_two_text_files(tmp_path: Path, en_kind: str,
                                               ar_kind: str) -> None:
    en_txt, ar_txt = tmp_path / "a.en.txt", tmp_path / "a.ar.txt"
    en_txt.write_text(plain(EN), encoding="utf-8")
    ar_txt.write_text(plain(AR), encoding="utf-8")
    en_doc, ar_doc = tmp_path / f"a.en.{en_kind}", tmp_path / f"a.ar.{ar_kind}"
    en_doc.write_bytes(MAKERS[en_kind](EN))
    ar_doc.write_bytes(MAKERS[ar_kind](AR))
    want = beads(align_pair(*read_pair(en_txt, ar_txt)))
    assert beads(align_pair(*read_pair(en_doc, ar_doc))) == want


def _jsonl_beads(data: bytes) -> list[tuple[object, ...]]:
    return [(d["en"], d["ar"], d["type"]) for d in map(json.loads, data.splitlines())]


@pytest.mark.parametrize("kind", list(MAKERS))
def test_cli_reads_standard_input_and_notes_the_conversion(tmp_path: Path, kind: str) -> None:
    txt = tmp_path / "seed.txt"
    txt.write_text(plain(PARAS), encoding="utf-8")
    want = tawazi_cli("align", str(txt), "-o", "-", "--format", "jsonl")
    got = tawazi_cli("align", "-", "-o", "-", "--format", "jsonl",
                     stdin=MAKERS[kind](PARAS))
    assert got.returncode == 0, got.stderr
    assert _jsonl_beads(got.stdout) == _jsonl_beads(want.stdout)
    notes = [ln for ln in got.stderr.decode().splitlines() if "its text extracted" in ln]
    assert len(notes) == 1 and notes[0].startswith("tawazi: note: -: read as ")
    assert "offsets index that text" in notes[0]


def test_manifest_and_batch_rows_read_documents(tmp_path: Path) -> None:
    (tmp_path / "a.en.html").write_bytes(make_html(EN))
    (tmp_path / "a.ar.docx").write_bytes(make_docx(AR))
    (tmp_path / "b.en.txt").write_text(plain(EN), encoding="utf-8")
    (tmp_path / "b.ar.txt").write_text(plain(AR), encoding="utf-8")
    (tmp_path / "m.tsv").write_text("en\tar\tout\na.en.html\ta.ar.docx\ta.jsonl\n"
                                    "b.en.txt\tb.ar.txt\tb.jsonl\n", encoding="utf-8")
    res = tawazi_cli("align", "--manifest", "m.tsv", "--jobs", "1", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert _jsonl_beads((tmp_path / "a.jsonl").read_bytes()) == \
        _jsonl_beads((tmp_path / "b.jsonl").read_bytes())


def test_split_text_prints_what_offsets_index(tmp_path: Path) -> None:
    path = tmp_path / "page.odt"
    path.write_bytes(make_odt(PARAS))
    text = tawazi_cli("split", str(path), "--text")
    assert text.returncode == 0 and text.stdout.decode() == plain(PARAS)
    rows = tawazi_cli("split", str(path)).stdout.decode().splitlines()[1:]
    extracted = text.stdout.decode()
    for row in rows:
        start, end, _lang, sent = row.split("\t", 3)
        assert extracted[int(start):int(end)] == sent.replace("\\\\", "\\")


# Bad files -----------------------------------------------------------------------------


def _zip(entries: dict[str, bytes | str], deflate: bool = False) -> bytes:
    buf = io.BytesIO()
    mode = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", compression=mode) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _replace(data: bytes, part: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries: dict[str, bytes | str] = {n: z.read(n) for n in z.namelist()}
    entries[part] = content
    return _zip(entries)


def _flip_middle(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("word/document.xml" if "word/document.xml" in z.namelist()
                         else "content.xml")
    k = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    return data[:k] + bytes(b ^ 0xFF for b in data[k:k + 8]) + data[k + 8:]


BAD_FILES = [
    ("cut.docx", lambda: make_docx(PARAS)[:20_000], ["damaged or cut short"]),
    ("cut.odt", lambda: make_odt(PARAS)[:2_000], ["damaged or cut short"]),
    ("flipped.docx", lambda: _flip_middle(make_docx(PARAS)), ["Word document"]),
    ("flipped.odt", lambda: _flip_middle(make_odt(PARAS)), ["OpenDocument"]),
    ("bad-xml.docx", lambda: _replace(make_docx(PARAS), "word/document.xml", b"<w:doc"),
     ["cannot read the Word document"]),
    ("other-xml.docx", lambda: _replace(make_docx(PARAS), "word/document.xml", b"<x/>"),
     ["cannot read the Word document"]),
    ("bad-xml.odt", lambda: _replace(make_odt(PARAS), "content.xml", b"<office:doc"),
     ["cannot read the OpenDocument file"]),
    ("entities.odt", lambda: _replace(make_odt(PARAS), "content.xml",
                                      b'<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'),
     ["cannot read the OpenDocument file"]),
    ("no-content.odt", lambda: _zip({"mimetype": "application/vnd.oasis.opendocument.text"}),
     ["no content.xml"]),
    ("sheet.ods", lambda: _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
     ["OpenDocument spreadsheet"]),
    ("book.bin", lambda: _zip({"xl/workbook.xml": "<x/>"}), ["Excel workbook"]),
    ("archive.zip", lambda: _zip({"a.txt": "hello"}), ["a ZIP file", "DOCX and ODT"]),
    ("bomb.docx", lambda: _zip({"word/document.xml": " " * 250_000_000}, deflate=True),
     ["unpacks to", "over 10 times the input limit"]),
    ("empty.html", lambda: b"<html><body><script>x()</script></body></html>",
     ["HTML page shows no Arabic or Latin letters"]),
    ("deep.html", lambda: b"<div>" * 3000 + b"text", ["cannot read the HTML page",
                                                       "depth"]),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ["Word (.doc)"]),
    ("paper.pdf", lambda: b"%PDF-1.7\n", ["PDF"]),
    ("letter.rtf", lambda: b"{\\rtf1\\ansi hello}", ["RTF"]),
]


@pytest.mark.parametrize(("name", "make", "words"), BAD_FILES,
                         ids=[name for name, _, _ in BAD_FILES])
def test_bad_documents_are_one_line_errors(tmp_path: Path, name: str, make: object,
                                           words: list[str]) -> None:
    path = tmp_path / name
    path.write_bytes(make())  # type: ignore[operator]
    with pytest.raises(InputError) as exc:
        read_bilingual(path)
    assert "\n" not in exc.value.message
    for w in words:
        assert w in exc.value.message, exc.value.message


@pytest.mark.parametrize("name", ["cut.docx", "bad-xml.odt", "deep.html", "sheet.ods"])
def test_bad_documents_exit_2_without_traceback(tmp_path: Path, name: str) -> None:
    make, words = next((m, w) for n, m, w in BAD_FILES if n == name)
    path = tmp_path / name
    path.write_bytes(make())
    res = tawazi_cli("align", str(path), "-o", str(tmp_path / "o.jsonl"))
    one_line_error(res, *words)
    assert res.stdout == b"" and not (tmp_path / "o.jsonl").exists()
    # and as a side of a pair, from standard input
    en = tmp_path / "en.txt"
    en.write_text(plain(EN), encoding="utf-8")
    one_line_error(tawazi_cli("align", str(en), "-", "-o", "-", "--format", "jsonl",
                              stdin=make()), *words)


def test_docx_keeps_tracked_insertions_and_content_controls_drops_deletions() -> None:
    import docx
    from docx.oxml import parse_xml

    from tawazi.align.text.office import docx_text

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    para = doc.add_paragraph("kept")
    para._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="r"><w:r><w:t xml:space='
                             f'"preserve"> inserted</w:t></w:r></w:ins>'))
    para._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="r"><w:r><w:delText>deleted'
                             "</w:delText></w:r></w:del>"))
    para._p.append(parse_xml(f'<w:sdt {w}><w:sdtContent><w:r><w:t xml:space="preserve"> '
                             "in a control</w:t></w:r></w:sdtContent></w:sdt>"))
    doc.element.body.insert(0, parse_xml(
        f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>A block control</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"))
    buf = io.BytesIO()
    doc.save(buf)
    assert docx_text(buf.getvalue(), "x.docx") == (
        "A block control\n\nkept inserted in a control\n")


# Subtitles (text/subtitles.py) -------------------------------------------------------------

SRT_EN = ("1\n00:00:01,000 --> 00:00:03,000\nSo I want to start\n\n"
          "2\n00:00:03,500 --> 00:00:06,000\n<i>with a confession.</i> I'm terrible\nat maps.\n\n"
          "3\n00:00:06,500 --> 00:00:08,000\n(Laughter)\n")
SRT_AR = ("1\n00:00:01,000 --> 00:00:03,000\nأريد أن أبدأ\n\n"
          "2\n00:00:03,500 --> 00:00:06,000\n<i>باعتراف.</i> أنا سيئة جداً\nفي قراءة الخرائط.\n\n"
          "3\n00:00:06,500 --> 00:00:08,000\n(ضحك)\n")
VTT_EN = ("WEBVTT - a talk\n\nNOTE made by hand\n\nSTYLE\n::cue { color: yellow }\n\n"
          "intro\n00:01.000 --> 00:03.000 align:start position:10%\n{\\an8}So I want to start\n\n"
          "00:03.500 --> 00:06.000\nwith a confession. I'm terrible at maps.\n")


def test_subtitles_give_their_cues_text_not_their_numbers_and_timings(tmp_path: Path) -> None:
    en, ar = tmp_path / "talk.en.srt", tmp_path / "talk.ar.srt"
    en.write_text(SRT_EN, encoding="utf-8")
    ar.write_text(SRT_AR, encoding="utf-8")
    text, _, source = read_document_text(en)
    assert source == "subtitles"
    assert text == "So I want to start with a confession. I'm terrible at maps. (Laughter)\n"
    al = align_pair(*read_pair(en, ar))
    pairs = [(al.bead_text(b, "en"), al.bead_text(b, "ar")) for b in al.beads]
    assert not any("-->" in e or "-->" in a or e.strip().isdigit() for e, a in pairs)
    # A sentence cut across two cues is one sentence.
    assert al.en_sents[0].text == "So I want to start with a confession."


def test_webvtt_leaves_out_its_header_notes_styles_settings_and_tags(tmp_path: Path) -> None:
    path = tmp_path / "talk.vtt"
    path.write_text(VTT_EN, encoding="utf-8")
    text, _, source = read_document_text(path)
    assert (source, text) == (
        "subtitles", "So I want to start with a confession. I'm terrible at maps.\n")


def test_subtitles_are_recognised_without_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text(SRT_EN, encoding="utf-8")
    assert read_document_text(path)[2] == "subtitles"
    plain = tmp_path / "notes.txt"
    plain.write_text("1\nThe meeting ran from 10:00 to 11:30.\n", encoding="utf-8")
    assert read_document_text(plain)[2] == "text"


def test_a_cue_number_a_blank_line_then_a_timing_is_recognised_without_the_extension(
        tmp_path: Path) -> None:
    # A careless tool's first cue: "12", a blank line, then its timing. Read as prose, the
    # number and the time codes became a sentence of their own.
    path = tmp_path / "talk.txt"
    path.write_text("12\n\n00:00:50,000 --> 00:00:52,000\nHello there.\n\n13\n"
                    "00:00:53,000 --> 00:00:55,000\nGood bye.\n", encoding="utf-8")
    assert read_document_text(path)[2] == "subtitles"
    assert read_document_text(path)[0] == "Hello there. Good bye.\n"
    prose = tmp_path / "notes.txt"
    prose.write_text("1984\n\nThe meeting ran from 10:00 to 11:30.\n", encoding="utf-8")
    assert read_document_text(prose)[2] == "text"


def test_a_subtitle_file_without_cues_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="subtitle file"):
        read_document_text(path)


def _subtitles(tmp_path: Path, name: str, content: str) -> tuple[str, str]:
    """``(source, text)`` of ``content`` written to ``name`` and read as an input."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    text, _, source = read_document_text(path)
    return source, text


def test_only_webvtt_keywords_of_a_webvtt_file_open_blocks_that_are_no_text(
        tmp_path: Path) -> None:
    # A cue line in capitals that starts like a keyword ("NOTES", "REGIONAL") is text, and so
    # is "NOTE" in an SRT file; in a WebVTT file "NOTE" alone or before a space opens a note.
    vtt = ("WEBVTT\n\nNOTE a comment\n\n00:01.000 --> 00:02.000\nThe news.\n\n"
           "REGIONAL NEWS\nIS NEXT.\n")
    assert _subtitles(tmp_path, "a.vtt", vtt) == ("subtitles", "The news. REGIONAL NEWS IS NEXT.\n")
    srt = "1\n00:00:01,000 --> 00:00:02,000\nShe read the\n\nNOTE aloud.\n"
    assert _subtitles(tmp_path, "a.srt", srt) == ("subtitles", "She read the NOTE aloud.\n")


def test_a_number_on_a_line_of_a_cue_is_its_text_not_a_cue_number(tmp_path: Path) -> None:
    # A cue's text after a blank line inside it used to lose a leading number, taken for the
    # number of a cue whose timing was lost; a number is a cue number only before a timing.
    srt = ("1\n00:00:01,000 --> 00:00:03,000\nThe year was\n\n1984\nand it rained.\n\n"
           "2\n00:00:04,000 --> 00:00:05,000\nNext cue.\n")
    assert _subtitles(tmp_path, "num.srt", srt) == (
        "subtitles", "The year was 1984 and it rained. Next cue.\n")
    srt = ("1\n00:00:01,000 --> 00:00:03,000\nHe scored\n\n42\n\n"
           "2\n00:00:04,000 --> 00:00:05,000\nOK.\n")
    assert _subtitles(tmp_path, "num2.srt", srt)[1] == "He scored 42 OK.\n"
    # Cues without the blank line between them: the cue number before a timing is no text,
    # the line before it is the cue's before.
    srt = ("1\n00:00:01,000 --> 00:00:03,000\nHi.\n2\n00:00:04,000 --> 00:00:05,000\nBye.\n")
    assert _subtitles(tmp_path, "tight.srt", srt)[1] == "Hi. Bye.\n"


def test_subtitles_decode_character_references_after_dropping_tags(tmp_path: Path) -> None:
    # WebVTT escapes & < > as &amp; &lt; &gt; (and SRT files do in practice); they used to
    # be read as they are written. Decoded after the tags are dropped, so "<no>" stays.
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHe said &amp; she said &lt;no&gt;.\n\n"
           "00:00:03.000 --> 00:00:04.000\n<i>OK&nbsp;then &#x627;&#1576; &lt;i&gt;x</i>\n")
    assert _subtitles(tmp_path, "ent.vtt", vtt) == (
        "subtitles", "He said & she said <no>. OK then \u0627\u0628 <i>x\n")
    # Only references with their semicolon: "AT&T" and "&notation" are text as written.
    srt = "1\n00:00:01,000 --> 00:00:02,000\nAT&T &notation &bogus;!\n"
    assert _subtitles(tmp_path, "amp.srt", srt)[1] == "AT&T &notation &bogus;!\n"


@pytest.mark.parametrize("timing", [
    "00:00:04,000 -> 00:00:05,000", "00:00:04,000 \u2014> 00:00:05,000",
    "00:00:04,000 -- > 00:00:05,000", "00:00:04,000 => 00:00:05,000",
    "00:00:04,000 --- 00:00:05,000", "00:00:04.000 \u2192 00:00:05.000",
    "00:00:04:000 --> 00:00:05:000", "00:00:04 --> 00:00:05", "00:00:04,000 -->",
])
def test_a_broken_timing_line_is_a_timing_not_text(tmp_path: Path, timing: str) -> None:
    # A malformed timing line used to become cue text, a "sentence" of time codes.
    srt = (f"1\n00:00:01,000 --> 00:00:03,000\nGood cue.\n\n2\n{timing}\nBroken timing cue."
           "\n\n3\n00:00:06,000 --> 00:00:07,000\nLast cue.\n")
    assert _subtitles(tmp_path, "bad.srt", srt) == (
        "subtitles", "Good cue. Broken timing cue. Last cue.\n")


def test_clock_times_in_prose_are_no_timings(tmp_path: Path) -> None:
    srt = ("1\n00:00:01,000 --> 00:00:03,000\nfrom 10:00 to 11:30\n10:00 -> 11:30 lunch\n"
           "At 00:00:04,000 -> 00:00:05,000 it starts.\n")
    assert _subtitles(tmp_path, "clock.srt", srt)[1] == (
        "from 10:00 to 11:30 10:00 -> 11:30 lunch At 00:00:04,000 -> 00:00:05,000 it starts.\n")
    agenda = "1\n10:00 --> 11:00 meeting\nThen lunch at noon.\n"
    assert _subtitles(tmp_path, "agenda.txt", agenda) == ("text", agenda)


@pytest.mark.parametrize("name", ["prose.srt", "prose.vtt"])
def test_a_subtitle_extension_without_a_timing_line_is_plain_text(tmp_path: Path,
                                                                   name: str) -> None:
    # Prose with the wrong extension used to be read as cues, its paragraphs joined in one.
    prose = "This is just prose. It has no cues at all.\n\n1984\n\nSecond paragraph here.\n"
    assert _subtitles(tmp_path, name, prose) == ("text", prose)
    # One timing line anywhere, even a broken one, makes it subtitles; so does a header.
    cue = prose + "\n7\n00:00:04,000 -> 00:00:05,000\nA cue.\n"
    assert _subtitles(tmp_path, name, cue)[0] == "subtitles"
    assert _subtitles(tmp_path, name, "WEBVTT\n\nHello there.\n")[0] == "subtitles"


def test_a_subtitle_file_read_as_plain_text_keeps_its_paragraphs_in_the_cli(
        tmp_path: Path) -> None:
    path = tmp_path / "prose.srt"
    path.write_text("This is just prose. It has no cues.\n\nSecond paragraph here.\n",
                    encoding="utf-8")
    res = tawazi_cli("split", str(path), "--text")
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode("utf-8") == path.read_text(encoding="utf-8")
    assert b"subtitle" not in res.stderr


#: The invisible direction and zero-width marks an Arabic subtitle file carries, raw.
SUBTITLE_MARKS = ("\u200b\u200e\u200f\u061c\ufeff\u202a\u202b\u202c\u202d\u202e"
                  "\u2066\u2067\u2068\u2069")


def test_subtitles_leave_out_direction_marks_raw_or_as_references(tmp_path: Path) -> None:
    # Arabic subtitle tracks wrap their lines in direction marks (raw, or as &rlm; and
    # numeric references); a player shows nothing for them, but they used to stay in the
    # extracted text, invisible characters inside and around its sentences.
    srt = ("\u202b1\u202c\n\u200e00:00:01,000 --> 00:00:03,000\n"
           "&rlm;\u0645\u0631\u062d\u0628\u0627&rlm; \u202b\u0628\u0643\u0645.\u202c\n\n"
           "2\n00:00:04,000 --> 00:00:05,000\n\u2067\u0646\u0639\u0645\u2069 &lrm;OK&#x200F;"
           " \u200b&#8207; \u200f\u061c\ufeff\u202a\u202d\u202e\u2066\u2068\u200e.\n")
    source, text = _subtitles(tmp_path, "marks.srt", srt)
    assert source == "subtitles"
    assert text == "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645. \u0646\u0639\u0645 OK .\n"
    assert not set(text) & set(SUBTITLE_MARKS)


def test_direction_marks_do_not_hide_a_subtitle_file_or_its_timings(tmp_path: Path) -> None:
    # A timing line or cue number with a mark before it used to be read as cue text, and a
    # .srt file whose every timing line carried one was read as plain text.
    srt = ("\u200f1\n\u200f00:00:01,000 --> 00:00:02,000\nHi.\n\n"
           "\u202b2\u202c\n\u202b00:00:03,000 --> 00:00:04,000\u202c\nBye.\n")
    assert _subtitles(tmp_path, "rtl.srt", srt) == ("subtitles", "Hi. Bye.\n")
    assert _subtitles(tmp_path, "rtl.txt", srt) == ("subtitles", "Hi. Bye.\n")


def test_subtitles_keep_joiners_and_other_readers_keep_their_marks(tmp_path: Path) -> None:
    # The zero-width non-joiner and joiner shape the letters around them (Persian words
    # need them): they are seen, so they stay. Plain text keeps every mark.
    word = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0627\u200d\u0628"
    srt = f"1\n00:00:01,000 --> 00:00:02,000\n{word}.\n"
    assert _subtitles(tmp_path, "zwnj.srt", srt)[1] == f"{word}.\n"
    prose = "\u200f\u0645\u0631\u062d\u0628\u0627\u200f &rlm;\u202bOK\u202c.\n"
    assert _subtitles(tmp_path, "prose.txt", prose) == ("text", prose)


@pytest.mark.parametrize("timing", [
    "<i>00:00:04,000 --> 00:00:05,000</i>", "{\\an8}00:00:04,000 --> 00:00:05,000",
    '<font color="#ffff00">00:00:04,000 --> 00:00:05,000</font>',
    "00:00:04,000 --> <i>00:00:05,000</i>", "<b> 00:00:04,000 -> 00:00:05,000 </b>",
])
def test_a_timing_line_wrapped_in_formatting_tags_is_a_timing(tmp_path: Path,
                                                              timing: str) -> None:
    # A timing line inside tags (a tool that italicised a whole cue) used to be read as
    # text, its cue number and time codes aligned as a sentence.
    srt = (f"1\n00:00:01,000 --> 00:00:03,000\nGood cue.\n\n2\n{timing}\nWrapped cue.\n"
           "\n3\n00:00:06,000 --> 00:00:07,000\nLast cue.\n")
    assert _subtitles(tmp_path, "tags.srt", srt) == (
        "subtitles", "Good cue. Wrapped cue. Last cue.\n")
    # The files are recognised by such timing lines alone, with or without the extension.
    only = f"\n\n1\n{timing}\nA cue.\n"
    assert _subtitles(tmp_path, "only.srt", only) == ("subtitles", "A cue.\n")
    assert _subtitles(tmp_path, "only.txt", only) == ("subtitles", "A cue.\n")


def test_a_clock_time_in_tags_is_still_no_timing(tmp_path: Path) -> None:
    srt = "1\n00:00:01,000 --> 00:00:03,000\n<i>10:00 -> 11:30</i> lunch\n"
    assert _subtitles(tmp_path, "clock.srt", srt)[1] == "10:00 -> 11:30 lunch\n"
    agenda = "1\n<i>10:00 --> 11:00</i> meeting\nThen lunch.\n"
    assert _subtitles(tmp_path, "agenda.txt", agenda) == ("text", agenda)


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n\n", "\n \t\n\n", "\r\n\r\n"])
def test_a_number_parted_from_its_timing_by_a_blank_line_is_a_cue_number(
        tmp_path: Path, gap: str) -> None:
    # "12", a blank line, then the timing: the cue number used to be read as cue text.
    srt = (f"1\n00:00:01,000 --> 00:00:03,000\nFirst cue.\n\n12{gap}"
           "00:00:50,000 --> 00:00:52,000\nSecond cue.\n")
    assert _subtitles(tmp_path, "gap.srt", srt) == ("subtitles", "First cue. Second cue.\n")
    vtt = (f"WEBVTT\n\n00:01.000 --> 00:02.000\nFirst cue.\n\n12{gap}"
           "00:50.000 --> 00:52.000\nNext.\n")
    assert _subtitles(tmp_path, "gap.vtt", vtt) == ("subtitles", "First cue. Next.\n")


def test_only_the_number_right_before_a_timing_is_a_cue_number(tmp_path: Path) -> None:
    # "42", then "2", a blank line and a timing: "2" is the cue number, "42" the cue's text;
    # so is "1984" alone in a block before a line of text.
    srt = ("1\n00:00:01,000 --> 00:00:03,000\nHe scored\n\n42\n\n2\n\n"
           "00:00:04,000 --> 00:00:05,000\nOK.\n\n1984\n\nwas the year.\n")
    assert _subtitles(tmp_path, "num3.srt", srt)[1] == "He scored 42 OK. 1984 was the year.\n"


#: Pieces of subtitle files, broken ones and prose around them.
SUBTITLE_PIECES = ("1", "1984", " ", "\t", "\n", "\n", "\n\n", "\r\n", "\ufeff", "WEBVTT",
                   "NOTE", "STYLE", "00:00:01,000", "00:01.000", "00:00:04:000", "10:00",
                   " --> ", "->", "\u2014>", "-- >", "=>", "-", ">", "<i>", "</i>", "<",
                   "{\\an8}", "&amp;", "&lt;i&gt;", "&#x110000;", "&#0;", "&#10;", "&nbsp;",
                   "&", ";", "Hello there.", "\u0645\u0631\u062d\u0628\u0627.")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(SUBTITLE_PIECES), max_size=40),
       name=st.sampled_from(["a.srt", "a.vtt", "a.txt"]))
def test_any_subtitle_like_file_is_read_or_refused_in_one_line(
        tmp_path: Path, pieces: list[str], name: str) -> None:
    path = tmp_path / name
    path.write_text("".join(pieces), encoding="utf-8")
    try:
        text, _, source = read_document_text(path)
    except InputError as exc:
        assert "\n" not in exc.message
        return
    if source == "subtitles":  # one paragraph, one line
        assert text.endswith("\n") and "\n" not in text[:-1]
