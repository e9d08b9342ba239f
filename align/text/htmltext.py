"""The visible text of an HTML page, one paragraph per block element.

A saved web page handed to the aligner as text would be one "sentence" of markup; instead
its visible text is extracted with lxml's HTML parser (libxml2, which reads real-world
HTML5 and recovers from broken markup like a browser does; lxml is already needed for
python-docx, so this costs nothing to install). What comes out is plain text in the shape
the rest of tawazi reads:

- every block element (``p``, ``h1``-``h6``, ``li``, ``td``, ``blockquote``, a ``div`` with
  text, ...) is its own paragraph, separated from the next by a blank line, so that the
  splitter's paragraph numbers (the aligner's paragraph evidence) and the line-by-line
  language detection of a bilingual page work as for a text file;
- ``<br>`` (and a line end in ``<pre>``) is a line end, a hard sentence boundary;
- white space inside a block collapses to one space, as a browser shows it;
- what a reader of the article does not read is left out: ``script``, ``style``, the
  ``head``, forms' controls, navigation (``nav``, ``aside``, ``role="navigation"``...), the
  page's own ``header`` and ``footer`` (not those of an ``article`` or ``section``, which
  hold its headline or byline: the HTML standard maps only the page's to the banner and
  content-info roles), and hidden elements (``hidden``, ``aria-hidden="true"``,
  ``display: none`` inline).

Offsets of an HTML input index this extracted text (see ``readers.read_document_text``).
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError

#: File extensions read as HTML whatever their content.
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})

#: Elements whose content is not read: code, styling, metadata, embedded objects, form
#: controls, navigation and complementary content.
DROP_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "video", "audio", "map", "button", "select", "option", "optgroup",
    "textarea", "input", "datalist", "nav", "aside", "menu", "dialog",
})
#: Dropped only at the page's level (outside ``SECTIONING``): a page header or footer is
#: site furniture, an article's is its headline or byline.
PAGE_LEVEL_TAGS = frozenset({"header", "footer"})
SECTIONING = frozenset({"article", "section", "main"})
#: ARIA roles of the same furniture, for pages built from ``div``s.
DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                        "menu", "menubar", "toolbar", "dialog", "alert"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

#: Elements that start and end a paragraph of their own.
BLOCK_TAGS = frozenset({
    "html", "body", "address", "article", "aside", "blockquote", "caption", "center",
    "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li",
    "listing", "main", "ol", "p", "plaintext", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
})
#: Elements whose line ends are kept (the others' white space collapses).
PRE_TAGS = frozenset({"pre", "listing", "plaintext", "xmp", "textarea"})

#: Content sniffing, for standard input and files without an HTML extension: a document
#: that starts (after an XML declaration, a doctype or comments) with one of these tags ...
#: (a comment's body may not hold ``-->``: with ``.*?`` the regex backtracks exponentially
#: in the number of comments).
_LEAD_TAGS = ("html", "head", "body", "meta", "title", "link", "style", "script", "base",
              "div", "p", "h[1-6]", "table", "ul", "ol", "article", "section", "main",
              "header", "nav", "span", "a", "br", "b", "i", "strong", "em", "font", "center",
              "blockquote")
LEAD_RE = re.compile(
    r"\A[\ufeff\s]*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*"
    r"<(?:!doctype\s+html\b|(?:" + "|".join(_LEAD_TAGS) + r")[\s/>])",
    re.I | re.S,
)
#: ... or one whose closing tags and line breaks are frequent (a fragment pasted from a
#: page: text with ``</p>`` every few lines). Plain text almost never holds ``</p>``.
CLOSING_TAG_RE = re.compile(
    r"</(?:p|div|li|td|th|tr|h[1-6]|span|a|b|i|em|strong|table|ul|ol|blockquote)\s*>"
    r"|<br\s*/?>",
    re.I,
)
#: At least this many of those tags, and at least one per ``SNIFF_CHARS_PER_TAG``
#: characters of the sample (the first ``SNIFF_SAMPLE`` characters).
SNIFF_MIN_TAGS = 3
SNIFF_CHARS_PER_TAG = 400
SNIFF_SAMPLE = 65_536

#: ``</body>`` and ``</html>``: a browser keeps reading text after them into the body (the
#: HTML standard's "after body" modes), libxml2 drops it silently, so they are removed.
END_BODY_RE = re.compile(r"</(?:body|html)\s*>", re.I)
_SPACE_RE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space; NBSP is text and stays
_CHARSET_RE = re.compile(rb"""<meta[^>]{1,500}?charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def looks_like_html(text: str) -> bool:
    """Whether a decoded input is an HTML page or fragment rather than plain text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Profits rose 5% <and> fell.\\nNo markup here.")
    False
    """
    sample = text[:SNIFF_SAMPLE]
    if LEAD_RE.match(sample):
        return True
    tags = sum(1 for _ in CLOSING_TAG_RE.finditer(sample))
    return tags >= SNIFF_MIN_TAGS and tags * SNIFF_CHARS_PER_TAG >= len(sample)


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` of a page's first kilobytes, if Python knows the codec.

    Used only when the bytes are not UTF-8: a page's own declaration is not a guess, and
    is trusted over one (``readers._decode_page``).
    """
    import codecs

    m = _CHARSET_RE.search(data[:4096])
    if m is None:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def _tag(el: object) -> str:
    tag = getattr(el, "tag", None)
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag.rsplit("}", 1)[-1].lower()


def _hidden(el: Any, tag: str, in_section: int) -> bool:
    if tag in DROP_TAGS or (tag in PAGE_LEVEL_TAGS and not in_section):
        return True
    if (el.get("role") or "").strip().lower() in DROP_ROLES:
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    return bool(HIDDEN_STYLE.search(el.get("style") or ""))


class _Blocks:
    """Paragraphs under construction: lists of lines, each line a list of text pieces."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.pieces: list[str] = []

    def add(self, text: str, pre: bool) -> None:
        if not pre:
            self.pieces.append(text)
            return
        first, *rest = text.split("\n")
        self.pieces.append(first)
        for part in rest:
            self.line_end()
            self.pieces.append(part)

    def line_end(self) -> None:
        line = _SPACE_RE.sub(" ", "".join(self.pieces)).strip()
        self.pieces.clear()
        if line:
            self.lines.append(line)

    def paragraph_end(self) -> None:
        self.line_end()
        if self.lines:
            self.paragraphs.append("\n".join(self.lines))
            self.lines.clear()


def html_text(text: str, path: str = "") -> str:
    """The visible text of an HTML document: paragraphs separated by a blank line, each
    ending with a line end; ``""`` when nothing is visible (see the module docstring).

    Raises:
        InputError: the parser gave up part-way (libxml2 recovers from broken markup, but
            stops at its resource limits, e.g. elements nested over 2,048 deep), which
            would otherwise lose the rest of the page without a word.

    >>> html_text("<p>One <b>two</b><br>three</p><script>x()</script><li>Four</li>")
    'One two\\nthree\\n\\nFour\\n'
    """
    from lxml import etree

    # huge_tree: libxml2 otherwise drops everything below depth 256 without a word; the
    # walk below is iterative, so depth costs nothing but memory.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                              no_network=True, huge_tree=True)
    root = etree.fromstring(END_BODY_RE.sub("", text).encode("utf-8"), parser)
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        detail = fatal[0].message.split(", use XML_PARSE_HUGE")[0]
        raise InputError(f"cannot read the HTML page: {detail} (line {fatal[0].line})",
                         path=path)
    return "" if root is None else _visible_text(root)


def _visible_text(root: Any) -> str:
    """Walk the tree iteratively (depth costs no stack), block by block."""
    from lxml import etree

    out = _Blocks()
    pre = in_section = 0
    walk = etree.iterwalk(root, events=("start", "end"))
    skipped = False  # the next event is the end of a subtree left out: only its tail counts
    for event, el in walk:
        tag = _tag(el)
        if event == "start":
            if _hidden(el, tag, in_section):
                walk.skip_subtree()
                skipped = True
                continue
            if tag in BLOCK_TAGS:
                out.paragraph_end()
            pre += tag in PRE_TAGS
            in_section += tag in SECTIONING
            if tag == "br":
                out.line_end()
            if el.text:
                out.add(el.text, pre > 0)
            continue
        if not skipped:
            pre -= tag in PRE_TAGS
            in_section -= tag in SECTIONING
            if tag in BLOCK_TAGS:
                out.paragraph_end()
        skipped = False
        if el.tail:
            out.add(el.tail, pre > 0)
    out.paragraph_end()
    return "".join(p + "\n\n" for p in out.paragraphs)[:-1]


__all__ = ["HTML_EXTENSIONS", "declared_charset", "html_text", "looks_like_html"]
