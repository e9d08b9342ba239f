"""Web clutter: lines of a scraped page that are not part of the article.

Text copied from a web page carries the page's furniture: the weather and today's date at the
top, "Related Articles", comment forms, share buttons, blog archive widgets and copyright lines
at the bottom, a site's credit label glued to the headline. A translation of the article does
not contain them (or contains its own, different ones), so left in they become one-sided beads
that pull the alignment off course. They are recognised here by whole-line patterns, so that a
sentence that merely *mentions* comments or copyright is never touched, and every span found is
reported with the pattern's name (``Clutter.kind``): nothing is dropped silently.

Precision matters more than recall: a missed clutter line costs one null bead, a real sentence
marked as clutter is lost from the alignment. Hence the restraint below: a bare date counts
only in the page header or footer and only with a weekday or a year (``26 January`` under a
headline is the article's own dateline, and its translation carries it too), and headline-like
lines after a "Related Articles" heading count only when nothing but such lines and clutter
follows to the end of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from ..types import Clutter
from .arabic import DIGITS, FOLD, WS, WS_SET

#: Lines longer than this (in characters) are prose and only the glued-label pattern applies;
#: this keeps a 100 MB input linear and cheap.
_MAX_LINE = 300
#: A line with at least this many words that is not clutter is article prose: it closes the
#: page header and opens the footer for the date patterns.
_PROSE_WORDS = 6
#: Related-article link lists: headline-like lines (no final stop, at most this many words).
_HEADLINE_WORDS = 20
#: A headline-like line repeated among the first ``_TOP_LINES`` lines is the page template
#: showing the title twice (breadcrumb, then heading); only from this length, and only there:
#: a repeated sentence further down may well be in the translation too.
_REPEAT_WORDS = 4
_TOP_LINES = 6

_D = f"[{DIGITS}]"  # a digit in any of the three digit systems
_SOCIAL = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|pinterest|reddit|tumblr|instagram|youtube"
    r"|email|e-mail|print|copy link|messenger|viber"
)
_EN_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_EN_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?"
# Folded Arabic spellings (see arabic.FOLD): Levantine and Egyptian month names, alone or joined
# as in "تشرين الاول/اكتوبر".
_AR_MONTH1 = (
    r"كانون الثاني|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين الاول|تشرين الثاني"
    r"|كانون الاول|يناير|فبراير|مارس|ابريل|مايو|يونيو|يونيه|يوليو|يوليه|اغسطس|سبتمبر"
    r"|اكتوبر|نوفمبر|ديسمبر"
)
_AR_MONTH = rf"(?:{_AR_MONTH1})(?:\s*/\s*(?:{_AR_MONTH1}))?"
_AR_WEEKDAY = r"(?:يوم )?(?:الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد)"
_YEAR = rf"(?:19|20|١٩|٢٠){_D}{{2}}"
_TIME = (
    rf"(?:\s*[-|,،]?\s*(?:at\s+)?{_D}{{1,2}}[:.]{_D}{{2}}(?:\s*(?:am|pm|a\.m\.|p\.m\.|ص|م))?"
    r"(?:\s*(?:gmt|utc|ast|est|edt|bst|بتوقيت \S+)(?:\s*[+-]\s*\d{1,2})?)?)?"
)
_DATE_PREFIX = (
    r"(?:(?:published|updated|last updated|posted|date|نشر(?: في)?|تاريخ النشر|اخر تحديث"
    r"|تم النشر(?: في)?)\s*:?\s*)?"
)
_NUMERIC_DATE = (
    rf"(?:{_D}{{1,2}}[/.-]{_D}{{1,2}}[/.-](?:{_YEAR}|{_D}{{2}})"
    rf"|{_YEAR}[/.-]{_D}{{1,2}}[/.-]{_D}{{1,2}})"
)

#: A page date: weekday and/or a date with a year, alone on its line (after folding).
_DATELINE_RE = re.compile(
    _DATE_PREFIX
    + r"(?:"
    # Friday, September 20, 2024 | Fri 20 Sep 2024 | Friday 20/09/2024 | Friday
    + rf"(?:{_EN_WEEKDAY})\.?,?\s*(?:(?:{_EN_MONTH})\.?\s+{_D}{{1,2}}(?:st|nd|rd|th)?,?"
    + rf"(?:\s+{_YEAR})?|{_D}{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_EN_MONTH})\.?,?"
    + rf"(?:\s+{_YEAR})?|{_NUMERIC_DATE})?"
    # September 20, 2024 | 20 September 2024 | 2024-09-20 (a year is required without weekday)
    + rf"|(?:{_EN_MONTH})\.?\s+{_D}{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    + rf"|{_D}{{1,2}}(?:st|nd|rd|th)?\s+(?:{_EN_MONTH})\.?,?\s+{_YEAR}"
    + rf"|{_NUMERIC_DATE}"
    # الجمعة، 20 أيلول 2024 | الجمعة 20/09/2024 | 20 سبتمبر 2024م
    + rf"|{_AR_WEEKDAY}\s*[,،]?\s*(?:{_D}{{1,2}}\s*(?:من\s+)?{_AR_MONTH}"
    + rf"(?:\s*[,،]?\s*{_YEAR}\s*م?)?|{_NUMERIC_DATE})?"
    + rf"|{_D}{{1,2}}\s*(?:من\s+)?{_AR_MONTH}\s*[,،]?\s*{_YEAR}\s*م?"
    + r")"
    + _TIME
)

# Whole-line patterns by kind, matched against the folded, lower-cased line with its leading
# bullets and trailing ``: ! . …`` removed. Order matters only where two kinds could match.
_LINE_PATTERNS: tuple[tuple[str, str], ...] = (
    # 25.9 C | 18°C | 77 °F | 25°م | Baghdad 25°C
    (
        "weather",
        rf"(?:[^\d\s]\S*(?:\s+[^\d\s]\S*){{0,2}}\s+)?-?{_D}{{1,2}}(?:[.,٫]{_D})?\s*°\s*[cfم]?"
        rf"|-?{_D}{{1,2}}(?:[.,٫]{_D})?\s*[cf]"
        rf"|-?{_D}{{1,2}}(?:[.,٫]{_D})?\s*درجه(?: مئويه)?",
    ),
    (
        "related",
        r"(?:related|latest|recent|more|popular|trending|top|other|similar|recommended"
        r"|featured|must[- ]read|editor'?s'? picks?)\s+(?:articles?|posts?|news|stories|topics"
        r"|reads?|videos?)(?:\s+(?:from|in|on)\s+.{1,40})?"
        r"|read\s+(?:also|more|next)(?:\s*:.*)?"
        r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|continue reading"
        r"|most (?:read|popular|viewed|shared|commented)|more on this (?:story|topic)"
        r"|(?:مقالات|مواضيع|اخبار|تقارير|مواد|قصص) (?:ذات صله|متعلقه|مشابهه|اخري|مرتبطه)"
        r"|ذات صله|اقرا (?:ايضا|المزيد)(?:\s*:.*)?|الاكثر (?:قراءه|مشاهده|تداولا|تعليقا)"
        r"|اخر الاخبار|اخبار متعلقه|قد يهمك(?: ايضا)?|شاهد ايضا(?:\s*:.*)?",
    ),
    (
        "comments",
        r"no comments?(?: yet)?|\d+ (?:comments?|responses?)|comments?(?: \(\d+\))?"
        r"|(?:post|add|leave|write|submit) (?:a |your )?(?:comment|reply|response)"
        r"|leave a reply(?: cancel reply)?|cancel reply|comments are closed"
        r"|please enter (?:your |a )?(?:comment|name|email|e-mail)(?: address)?(?: here)?"
        r"|you have entered an incorrect email address|be the first to comment"
        r"|join the (?:discussion|conversation)|save my name, email,? and website.*"
        r"|لا (?:توجد|يوجد) (?:اي )?تعليقات|لا تعليقات|(?:اضف|اترك|اكتب|ارسل|اضافه)"
        rf" (?:تعليقا|تعليق|تعليقك|ردا|رد)|التعليقات|تعليقات|{_D}+ تعليق(?:ات)?"
        r"|كن اول من يعلق",
    ),
    (
        "social",
        rf"share(?: this(?: (?:article|story|post|page))?| (?:on|via|to) .{{1,20}})?"
        rf"|(?:follow|like) us(?: on .{{1,30}})?|stay connected|connect with us"
        rf"|(?:subscribe|sign up)(?: (?:to|for|now)\b.{{0,60}})?|tweet|like this|like loading"
        rf"|click to (?:share|print|email) .{{1,40}}|email this|blogthis|share to .{{1,20}}"
        rf"|(?:{_SOCIAL})(?:[\s,|/]+(?:{_SOCIAL}))*"
        r"|شارك(?: (?:(?:هذا|هذه) )?(?:الخبر|المقال|المقاله|الموضوع|القصه|الصفحه|التدوينه)"
        r"|(?: (?:هذا|هذه))| علي .{1,20})?|مشاركه"
        r"|(?:تابعونا|تابعنا|تابعوا)(?: علي .{1,30})?|اشترك(?: (?:في|الان|بالنشره) ?.{0,40})?",
    ),
    (
        "navigation",
        r"home|menu|search|skip to (?:main )?content|back to top"
        r"|(?:newer|older) posts?(?: (?:newer|older) posts?)?(?: home)?"
        r"|(?:previous|next) (?:article|post|story)|(?:tags?|labels?|categor(?:y|ies)|topics)\s*:.*"
        r"|الرئيسيه|القائمه|(?:المقال|الخبر|الموضوع) (?:السابق|التالي)"
        r"|(?:الوسوم|كلمات مفتاحيه|التصنيفات?|الاقسام)\s*:.*",
    ),
    ("ad", r"advertisement|sponsored(?: content)?|ads? by .{1,30}|اعلان|محتوي ممول"),
    (
        "archive",
        rf"blog archive|[►▼▶◄◀▸▾▴▲](?:\s*.{{0,40}}\({_D}+\))?|ارشيف المدونه",
    ),
    (
        "copyright",
        # "(c)" only before a year: bare, it is the third item of a list ("(c) 'Employer':
        # any person who...", a law's definitions). A rights line is short around its phrase,
        # so a clause of a contract that reserves rights is text.
        r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})).*"
        r"|.{0,80}all rights reserved\b.{0,40}"
        r"|.{0,80}(?:جميع|كل) الحقوق محفوظه.{0,40}|حقوق (?:النشر|الطبع) محفوظه.{0,40}",
    ),
    (
        "credit",
        r"information\s*/\s*translation.*|(?:translated|translation|edited) by .{1,50}"
        r"|translation\s*:.{1,50}|(?:ترجمه|اعداد|تحرير)(?: و(?:ترجمه|اعداد|تحرير))?\s*:.{1,50}",
    ),
    (
        "caption",
        r"(?:pic|photo|picture|image|photograph|file photo|archive photo)s?\s*:.*"
        r"|(?:صوره|الصوره|صوره ارشيفيه)\s*:.*",
    ),
)

_LEAD = r"[\s\-–—•·*|>»›«‹<]*"
_TRAIL = r"[\s:!.…?؟»›>|\-–—]*"
#: All line patterns in one expression; the name of the group that matched is the kind.
_LINE_RE = re.compile(
    _LEAD + "(?:" + "|".join(f"(?P<{kind}>{pat})" for kind, pat in _LINE_PATTERNS) + ")" + _TRAIL,
    re.IGNORECASE | re.DOTALL,
)
_DATELINE_FULL = re.compile(rf"{_LEAD}(?:{_DATELINE_RE.pattern}){_TRAIL}", re.IGNORECASE)

#: A site's credit label glued to the end of a line ("...from IraqInformation/translation…").
_GLUED_RE = re.compile(r"information\s*/\s*translation\s*(?:…|\.{2,3})?\s*$", re.IGNORECASE)
_LETTER_RE = re.compile(r"[^\W\d_]")
_DIGIT_RE = re.compile(r"\d")
_FINAL_STOP_RE = re.compile(r"[.!?؟…][\"'”’»)\]]*$")


def _fold(line: str) -> str:
    """Matching key: lower case, one space between words, Arabic spelling variants folded."""
    if not line.isascii():
        line = line.translate(FOLD)
    return " ".join(line.lower().split())


def _lines(text: str, regions: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Stripped ``[start, end)`` spans of the non-blank lines inside ``regions``, in order."""
    for r_start, r_end in regions:
        if not 0 <= r_start <= r_end <= len(text):
            raise ValueError(f"region {(r_start, r_end)} outside a text of {len(text)}")
        pos = r_start
        while pos < r_end:
            nl = text.find("\n", pos, r_end)
            stop = r_end if nl < 0 else nl
            s, e = pos, stop
            while s < e and text[s] in WS_SET:
                s += 1
            while e > s and text[e - 1] in WS_SET:
                e -= 1
            if s < e:
                yield s, e
            pos = stop + 1


def line_kind(line: str) -> str | None:
    """The clutter kind of a whole line, or ``None``, ignoring where the line sits.

    Date lines are not judged here (whether a date is clutter depends on its place in the
    page, see ``find_clutter``).

    >>> line_kind("Related Articles"), line_kind("No comments:"), line_kind("25.9 C")
    ('related', 'comments', 'weather')
    >>> line_kind("Readers left no comments on the ministry's statement.") is None
    True
    >>> line_kind("Store below 25°C."), line_kind("Baghdad 25°C")
    (None, 'weather')
    """
    if len(line) > _MAX_LINE:
        return None
    key = _fold(line)
    if not key:
        return None
    m = _LINE_RE.fullmatch(key)
    if m:
        if m.lastgroup == "weather" and _FINAL_STOP_RE.search(line.rstrip()):
            # A sentence ending with its stop ("Store below 25°C."), not a page's widget.
            return None
        return m.lastgroup
    if not _LETTER_RE.search(key) and not _DIGIT_RE.search(key):
        return "separator"  # "-", "***", "•": no letters, no digits
    return None


def _is_dateline(line: str) -> bool:
    return len(line) <= 80 and _DATELINE_FULL.fullmatch(_fold(line)) is not None


def _n_words(line: str) -> int:
    return len(line.split())


def _headline_like(line: str) -> bool:
    return _n_words(line) <= _HEADLINE_WORDS and not _FINAL_STOP_RE.search(line.rstrip())


def find_clutter(text: str, regions: Sequence[tuple[int, int]]) -> tuple[Clutter, ...]:
    """Web clutter inside ``regions`` of ``text``, in text order.

    Args:
        text: the decoded input text; spans index into it.
        regions: ``[start, end)`` spans to look in, in order (one side of the text).

    Returns:
        Non-overlapping ``Clutter`` spans, each inside one line, trimmed of white space.

    >>> t = "25.9 C\\nIraq talks begin.\\n▼\\n"
    >>> [(c.kind, c.text) for c in find_clutter(t, [(0, len(t))])]
    [('weather', '25.9 C'), ('archive', '▼')]
    """
    lines = list(_lines(text, regions))
    kinds, spans = _line_kinds(text, lines)
    kinds = _datelines(text, lines, kinds)
    kinds = _related_tail(text, lines, kinds)
    return tuple(
        Clutter(s, e, kind, text[s:e])
        for kind, (s, e) in zip(kinds, spans, strict=True)
        if kind is not None
    )


_Kinds = list[str | None]


def _line_kinds(
    text: str, lines: Sequence[tuple[int, int]]
) -> tuple[_Kinds, list[tuple[int, int]]]:
    """First pass, line by line: the whole-line patterns, the headline repeated by the page
    template near the top, and a credit label glued to the end of a line (then only that
    end is clutter, hence a span per line). What depends on the neighbours comes after."""
    kinds: _Kinds = []
    spans: list[tuple[int, int]] = []
    seen: set[str] = set()
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        kind = line_kind(line)
        span = (s, e)
        if kind is None and i < _TOP_LINES and _repeatable(line):
            key = " ".join(line.split())
            if key in seen:
                kind = "repeat"  # the page template repeating the headline
            seen.add(key)
        if kind is None:
            m = _GLUED_RE.search(line)
            if m:
                kind, span = "credit", (s + m.start(), e)
        kinds.append(kind)
        spans.append(span)
    return kinds, spans


def _repeatable(line: str) -> bool:
    """Whether a line near the top is headline-like and long enough that seeing it twice
    means the page template, not the article, repeated it."""
    return len(line) <= _MAX_LINE and _n_words(line) >= _REPEAT_WORDS and _headline_like(line)


def _datelines(text: str, lines: Sequence[tuple[int, int]], kinds: _Kinds) -> _Kinds:
    """Dates in the page header and footer (before the first and after the last line of
    prose): only there is a bare date page furniture rather than the article's dateline."""
    prose = [
        i
        for i, (s, e) in enumerate(lines)
        if kinds[i] is None and _n_words(text[s:e]) >= _PROSE_WORDS
    ]
    first = prose[0] if prose else len(lines)
    last = prose[-1] if prose else -1
    return [
        "dateline"
        if kind is None and (i < first or i > last) and _is_dateline(text[s:e])
        else kind
        for i, (kind, (s, e)) in enumerate(zip(kinds, lines, strict=True))
    ]


def _related_tail(text: str, lines: Sequence[tuple[int, int]], kinds: _Kinds) -> _Kinds:
    """A related-articles list at the very end: the headline-like lines after a "Related"
    heading, counted only when nothing but such lines and clutter follows to the end (a
    headline in the middle of the text is the article's own)."""
    tail = len(lines)
    while tail > 0:
        s, e = lines[tail - 1]
        if kinds[tail - 1] is None and not _headline_like(text[s:e]):
            break
        tail -= 1
    heading = next((i for i in range(tail, len(lines)) if kinds[i] == "related"), None)
    if heading is None:
        return kinds
    return [
        "related" if kind is None and i > heading else kind for i, kind in enumerate(kinds)
    ]


def exclude(
    text: str, regions: Sequence[tuple[int, int]], clutter: Sequence[Clutter]
) -> tuple[tuple[int, int], ...]:
    """``regions`` with the clutter spans cut out; pieces holding only white space dropped.

    The result stays in order and non-overlapping, so the splitter never sees clutter and
    every offset still indexes the input text.

    >>> t = "Related Articles\\nReal text."
    >>> exclude(t, [(0, len(t))], find_clutter(t, [(0, len(t))]))
    ((16, 27),)
    """
    cuts = sorted((c.start, c.end) for c in clutter)
    out: list[tuple[int, int]] = []
    k = 0
    for r_start, r_end in regions:
        pos = r_start
        while k < len(cuts) and cuts[k][1] <= pos:
            k += 1
        j = k
        while j < len(cuts) and cuts[j][0] < r_end:
            c_start, c_end = cuts[j]
            if c_start > pos:
                out.append((pos, c_start))
            pos = max(pos, c_end)
            j += 1
        if pos < r_end:
            out.append((pos, r_end))
    return tuple((s, e) for s, e in out if text[s:e].strip(WS))
