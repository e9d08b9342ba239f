"""Split a text into sentences and print them with their character offsets.

Output: TSV with a header ``start  end  lang  text``; ``text[start:end]`` of the decoded
input is the sentence, written in the one TSV dialect of ``formats.tsv`` (a sentence holding a
tab, a line end, a double quote or a backslash is in double quotes, a quote doubled).
A file holding both languages is split per language with ``--lang auto``. An HTML page, a
subtitle file (SRT, WebVTT), a DOCX or an ODT file is split in its extracted text, which
``--text`` prints (the text every offset of ``split`` and ``align`` indexes). What ``align``
reads as an alignment (a TMX, XLIFF or TSV memory, an xlsx review sheet, a JSONL export) is
refused, naming that command.
"""

from __future__ import annotations

import argparse
import sys

HELP = "split a text into sentences (TSV with offsets)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .common import add_excel_argument

    p.add_argument("file", help="text file (UTF-8, UTF-16, Windows-1256 or ISO-8859-6), HTML "
                   "page, subtitle file (SRT, WebVTT), DOCX or ODT file")
    p.add_argument("--lang", choices=("auto", "en", "ar"), default="auto",
                   help="language of the file; auto: by script, per block (default)")
    p.add_argument("--presplit", action="store_true",
                   help="the file is already one sentence per line")
    p.add_argument("--keep-clutter", action="store_true",
                   help="also split lines recognised as web clutter")
    add_excel_argument(p, "the TSV on standard output")
    p.add_argument("--text", action="store_true",
                   help="print the text that offsets index instead of the sentences (for "
                   "HTML, subtitles, DOCX and ODT: the text extracted from it)")


def refuse_structured(path: str) -> None:
    """Refuse what ``align`` reads as an alignment (``common.is_structured``): split would
    cut its raw markup or cells into sentences. The message names the command that reads it.

    Raises:
        InputError: ``path`` is a TMX, XLIFF, TSV, xlsx or JSONL input.
    """
    import shlex

    from ..errors import InputError
    from .common import structured_name

    what = structured_name(path)
    if what is not None:
        raise InputError(f"{what}, not a text to split (`tawazi align {shlex.quote(path)}` "
                         "re-checks it)", path=path)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..formats.tsv import for_excel, quote
    from ..text.arabic import WS
    from ..text.clutter import find_clutter
    from ..text.readers import read_document_text, split_bilingual
    from ..text.segment import split_text
    from .common import note_extracted, report_clutter

    refuse_structured(args.file)
    text, _, source = read_document_text(args.file)
    note_extracted(args.file, text, source)
    if args.text:
        sys.stdout.write(text)
        return 0
    if not text.strip(WS):
        raise InputError("empty file", path=args.file)  # as align says; nothing to split
    if args.lang == "auto":
        parts = split_bilingual(text)
        sides = [(lang, parts[lang]) for lang in ("en", "ar") if parts[lang]]
    else:
        sides = [(args.lang, ((0, len(text)),))]
    rows = []
    for lang, regions in sides:
        if not args.presplit and not args.keep_clutter:
            from ..text.clutter import exclude

            clutter = find_clutter(text, regions)
            report_clutter(args.file, text, clutter)
            regions = exclude(text, regions, clutter)
        for s in split_text(text, lang, regions, presplit=args.presplit):
            rows.append((s.start, s.end, lang, s.text))
    rows.sort()
    out = sys.stdout
    out.write(for_excel("start\tend\tlang\ttext\n", args.excel))
    for start, end, lang, sent in rows:
        out.write(f"{start}\t{end}\t{lang}\t{quote(sent)}\n")
    return 0
