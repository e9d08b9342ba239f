"""What the fuzz suites share: random small input files, random command lines, a runner that
calls ``tawazi.align.cli.main`` in this process (or a real one), and the checks every run must pass.

The contract checked (README, "Errors"): a run ends with status 0; or 2 with one line on
stderr (``tawazi: error: ...``; argparse's usage errors print their usage lines, then one
``tawazi CMD: error: ...`` line); or 1 for the commands that run many rows (``batch``,
``--manifest``), which report each failed row. Never a traceback. The offsets an output
gives (``split``, ``align`` JSONL and TSV) slice the decoded input. No file changes, appears
or disappears except the outputs the command line names.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

EN_WORDS = ("the minister arrived in Baghdad on Monday and met 151 soldiers while police "
            "said five people were arrested Dr. U.S. Mr. Lavrentyev 2,400 report").split()
AR_WORDS = ("وصل الوزير إلى بغداد يوم الاثنين والتقى ١٥١ جنديا وقالت الشرطة إن خمسة أشخاص "
            "اعتقلوا د. لافرينتيف 2400 تقرير ألف").split()
ENDS = (".", ".", "!", "?", "؟", "…", '."', "", ":", "،")

#: The workspace's input files: name -> the kind of content it usually holds.
INPUTS = {
    "a.en.txt": "en", "a.ar.txt": "ar", "bi.txt": "bi", "m.tsv": "tsv", "m.tmx": "tmx",
    "man.tsv": "manifest", "docs/x.en.txt": "en", "docs/x.ar.txt": "ar",
    "docs/y.en": "en", "docs/y.ar": "ar", "junk.bin": "junk", "old.jsonl": "jsonl",
}
#: Paths a command line may name that are not regular inputs.
OTHER_PATHS = ("missing.txt", "docs", "sub/none.txt", "", "-")
#: Output names: every format, unknown extensions, a missing folder, inputs, a folder.
OUTPUTS = ("o.jsonl", "o.tsv", "o.tmx", "o.txt", "o.pred", "o.beads", "o.parquet", "o.csv",
           "o", "o.JSONL", "sub/o.jsonl", "old.jsonl", "a.en.txt", "a.txt", "m.tmx", "docs",
           "", "man.tsv")
#: The ``out`` cells of generated manifests (some refused: an input, outside, a duplicate).
MANIFEST_OUTS = ("o1.jsonl", "o2.tsv", "sub/o3.tmx", "o4.txt", "o5.pred", "a.en.txt",
                 "../o6.jsonl", "o1.jsonl", "docs/x.en.txt", "")

#: Mostly good values, now and then a bad one.
INTS = st.sampled_from(["5", "8", "30"] * 6 + ["0", "1", "-1", "x", "1e3", "999999999999",
                                              "3"])
FLOATS = st.sampled_from(["20", "1", "0.001"] * 6 + ["0", "-1", "nan", "inf", "1e-6", "x",
                                                    "1e400"])


def rare(draw: st.DrawFn, p: int) -> bool:
    """True about once in ``p`` draws. (``integers(0, p - 1) == 0`` is true far more often:
    hypothesis favours the ends of a range.)"""
    return bool(draw(st.sampled_from([False] * (p - 1) + [True])))


def sentence(lang: str) -> st.SearchStrategy[str]:
    words = EN_WORDS if lang == "en" else AR_WORDS
    return st.builds(lambda ws, end: " ".join(ws) + end,
                     st.lists(st.sampled_from(words), min_size=1, max_size=12),
                     st.sampled_from(ENDS))


def lines(lang: str, max_size: int = 8) -> st.SearchStrategy[list[str]]:
    extra = st.sampled_from(["", " ", "123", "...", "Related Articles", "مقالات ذات صلة",
                             "Photo: AFP", "\t", "\u200f", "-- ", "12 March 2021"])
    return st.lists(st.one_of(sentence(lang), sentence(lang), extra), min_size=1,
                    max_size=max_size)


@st.composite
def tsv_text(draw: st.DrawFn) -> str:
    cols = draw(st.lists(st.sampled_from(["en", "ar", "score", "status", "flags", "en_edit",
                                          "en-US", "x", "", "EN"]),
                         min_size=0, max_size=5))
    if not rare(draw, 4):
        cols = ["en", "ar", *[c for c in cols if c not in ("en", "ar")]]
    rows = ["\t".join(cols)]
    for _ in range(draw(st.integers(0, 6))):
        cells = []
        for c in cols:
            if c in ("en", "en-US", "EN"):
                cells.append(draw(sentence("en")))
            elif c == "ar":
                cells.append(draw(sentence("ar")))
            elif c == "score":
                cells.append(draw(st.sampled_from(["0.5", "1", "nan", "x", "2", "-0", ""])))
            elif c == "status":
                cells.append(draw(st.sampled_from(["auto", "approved", "bogus", ""])))
            else:
                cells.append(draw(st.sampled_from(["", "omission", "a\\tb", "\\n"])))
        if rare(draw, 10):
            cells.append("extra")
        rows.append("\t".join(cells))
    return "\n".join(rows) + draw(st.sampled_from(["\n", "", "\n\n"]))


@st.composite
def tmx_text(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from([
        '<?xml version="1.0" encoding="UTF-8"?>\n', "",
        '<?xml version="1.0" encoding="UTF-8"?>\n', "",
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY e "boom">]>\n',
    ]))
    units = []
    for _ in range(draw(st.integers(0, 5))):
        tuvs = []
        for lang in draw(st.lists(st.sampled_from(["en", "ar", "en-US", "ar-SA", "fr", ""]),
                                  max_size=3)):
            text = draw(sentence("ar" if lang.startswith("ar") else "en"))
            depth = draw(st.sampled_from([0, 0, 1, 3, 1200]))
            seg = "<hi>" * depth + text.replace("&", "&amp;").replace("<", "&lt;") \
                + "</hi>" * depth
            if rare(draw, 10):
                seg += draw(st.sampled_from(["&e;", "<bpt i='1'>x</bpt>", "&#0;", "<"]))
            tuvs.append(f'<tuv xml:lang="{lang}"><seg>{seg}</seg></tuv>')
        units.append("<tu>" + "".join(tuvs) + "</tu>")
    return (head + '<tmx version="1.4"><header srclang="en" datatype="plaintext" '
            'segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" '
            'creationtoolversion="1"/><body>' + "\n".join(units) + "</body></tmx>\n")


@st.composite
def manifest_text(draw: st.DrawFn) -> str:
    known = ["en", "ar", "out", "name", "lang", "hyp", "ref", "ref2", "bogus"]
    cols = draw(st.lists(st.sampled_from(known), min_size=0, max_size=5, unique=True))
    if not rare(draw, 4):
        cols = ["en", "ar", "out", *[c for c in cols if c not in ("en", "ar", "out")]]
    paths = st.sampled_from(["a.en.txt", "a.ar.txt", "docs/x.en.txt", "docs/x.ar.txt",
                             "bi.txt", "missing.txt", "docs", "m.tsv", ""])
    rows = ["\t".join(cols)]
    for _ in range(draw(st.integers(0, 3))):
        cells = []
        for c in cols:
            if c == "out":
                cells.append(draw(st.sampled_from(MANIFEST_OUTS)))
            elif c == "name":
                cells.append(draw(st.sampled_from(["d", "a b", "a_b", "", "../x"])))
            elif c == "lang":
                cells.append(draw(st.sampled_from(["ar", "en", "fr", ""])))
            else:
                cells.append(draw(paths))
        rows.append("\t".join(cells))
    rows += draw(st.lists(st.sampled_from(["", "# a comment", "a.en.txt"]), max_size=1))
    return "\n".join(rows) + "\n"


def text_of(kind: str) -> st.SearchStrategy[str]:
    if kind in ("en", "ar"):
        return lines(kind).map("\n".join)
    if kind == "bi":
        return st.builds(lambda e, a, sep, first: sep.join([*(e + a if first else a + e)]),
                         lines("en"), lines("ar"), st.sampled_from(["\n", "\n\n"]),
                         st.booleans())
    if kind == "tsv":
        return tsv_text()
    if kind == "tmx":
        return tmx_text()
    if kind == "manifest":
        return manifest_text()
    if kind == "jsonl":
        return st.just('{"en": [[0, 3]], "ar": [], "type": "1-0"}\n')
    return st.text(max_size=40)


@st.composite
def file_bytes(draw: st.DrawFn, kind: str) -> bytes:
    """A file of ``kind`` (or, now and then, of another kind), in one of the encodings the
    readers take or one they must refuse, sometimes damaged."""
    kinds = ["en", "ar", "bi", "tsv", "tmx", "manifest", "junk"]
    if rare(draw, 8):
        kind = draw(st.sampled_from(kinds))
    if kind == "junk" or rare(draw, 31):
        return draw(st.one_of(st.binary(max_size=64), st.just(b""),
                              st.just(b"\x00" * 10), st.just(b"\xff\xfe")))
    text = draw(text_of(kind))
    if rare(draw, 5):
        text = text.replace("\n", "\r\n")
    enc = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "cp1256", "utf-32"]))
    data = text.encode(enc, errors="replace")
    cut = draw(st.sampled_from([0, 1] + [2] * 10))
    if cut == 0 and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif cut == 1:
        k = draw(st.integers(0, len(data)))
        data = data[:k] + draw(st.binary(min_size=1, max_size=2)) + data[k:]
    return data


def workspace(draw: st.DrawFn, ws: Path) -> None:
    """Write every input of ``INPUTS`` under ``ws`` (drawn by hypothesis)."""
    for name, kind in INPUTS.items():
        path = ws / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(draw(file_bytes(kind)))


# ------------------------------------------------------------------------ command lines


def _opt(draw: st.DrawFn, flag: str, value: st.SearchStrategy[str], p: int = 3) -> list[str]:
    """``[flag, value]`` about once in ``p`` draws."""
    return [flag, draw(value)] if rare(draw, p) else []


def _flag(draw: st.DrawFn, flag: str, p: int = 3) -> list[str]:
    return [flag] if rare(draw, p) else []


def _inputs(draw: st.DrawFn, lo: int = 0, hi: int = 3) -> list[str]:
    names = st.sampled_from([*INPUTS, *OTHER_PATHS])
    pairs = st.sampled_from([["a.en.txt", "a.ar.txt"], ["bi.txt"], ["m.tsv"], ["m.tmx"],
                             ["docs/x.en.txt", "docs/x.ar.txt"], ["a.ar.txt", "a.en.txt"]])
    if not rare(draw, 4):
        return list(draw(pairs))[:hi]
    return draw(st.lists(names, min_size=lo, max_size=hi))


OUT = st.sampled_from(OUTPUTS + ("o.jsonl", "o.tsv", "o.jsonl", "o.tsv", "o.tmx", "o.txt"))
#: ``--jobs`` in this process: one (the jobs run here; more would fork the test process).
JOBS = ("1",) * 10 + ("-1", "x")
FORMAT = st.sampled_from(["jsonl", "tsv", "tmx", "moses", "beads"] * 3 + ["xml"])


@st.composite
def align_argv(draw: st.DrawFn, jobs: Sequence[str] = JOBS) -> list[str]:
    if rare(draw, 5):
        argv = ["align", "--manifest", draw(st.sampled_from(["man.tsv", "a.en.txt", "nope"]))]
        argv += ["--jobs", draw(st.sampled_from(list(jobs)))]
        argv += _flag(draw, "--allow-outside") + _flag(draw, "--presplit")
        argv += _opt(draw, "--band", INTS, 5) + _flag(draw, "--include-unaligned", 5)
        return argv + (_inputs(draw, 0, 1) if rare(draw, 6) else [])
    argv = ["align", *_inputs(draw)]
    argv += _opt(draw, "-o", OUT, 2) + _opt(draw, "--format", FORMAT)
    argv += _flag(draw, "--presplit") + _flag(draw, "--include-unaligned", 4)
    argv += _flag(draw, "--realign", 4) + _opt(draw, "--band", INTS, 5)
    argv += _opt(draw, "--max-mb", FLOATS, 8) + _opt(draw, "--max-sentences", INTS, 8)
    argv += _opt(draw, "--bidi", st.sampled_from(["auto", "visual", "logical"] * 3 + ["x"]), 5)
    argv += _opt(draw, "--width", INTS, 5) + _flag(draw, "--allow-outside", 20)
    return argv


@st.composite
def split_argv(draw: st.DrawFn) -> list[str]:
    argv = ["split", *_inputs(draw, 1, 2)[:1]]
    argv += _opt(draw, "--lang", st.sampled_from(["auto", "en", "ar", "fr"]))
    return argv + _flag(draw, "--presplit") + _flag(draw, "--keep-clutter")


@st.composite
def score_argv(draw: st.DrawFn) -> list[str]:
    any_path = st.sampled_from([*INPUTS, *OTHER_PATHS, "m.tsv:en", "m.tsv:ar", "m.tsv:zz",
                                "a.ar.txt:1"])
    mode = draw(st.sampled_from(["pairs", "pairs", "hyp", "hyp", "manifest", "none"]))
    argv = ["score"]
    if mode == "pairs":
        argv += ["--pairs", draw(any_path)] + _flag(draw, "--explain")
    elif mode == "hyp":
        argv += ["--hyp", draw(any_path)]
        for _ in range(draw(st.integers(0, 2))):
            argv += ["--ref", draw(any_path)]
        argv += _flag(draw, "--segments") + _flag(draw, "--no-normalize")
    elif mode == "manifest":
        argv += ["--manifest", draw(st.sampled_from(["man.tsv", "m.tsv", "nope"]))]
    argv += _opt(draw, "--lang", st.sampled_from(["auto", "ar", "en", "de"]), 4)
    argv += _flag(draw, "--json", 4) + _opt(draw, "-o", OUT)
    return argv + (_opt(draw, "--pairs", any_path, 8) if mode != "pairs" else [])


@st.composite
def batch_argv(draw: st.DrawFn, jobs: Sequence[str] = JOBS) -> list[str]:
    argv = ["batch", *draw(st.sampled_from([["docs"]] * 4 + [["man.tsv"]] * 3 + [
        ["a.en.txt"], ["nope"], [], ["docs", "man.tsv"]]))]
    argv += _opt(draw, "-o", st.sampled_from(["r.tsv", "r.csv", "r.parquet"] * 3 + [
        "r.jsonl", "sub/r.tsv", "man.tsv", "docs", ""]), 1)
    argv += ["--jobs", draw(st.sampled_from(list(jobs)))]
    argv += _flag(draw, "--presplit") + _opt(draw, "--band", INTS, 5)
    argv += _opt(draw, "--top", INTS, 5) + _opt(draw, "--max-mb", FLOATS, 8)
    return argv + _opt(draw, "--max-sentences", INTS, 8)


@st.composite
def review_argv(draw: st.DrawFn) -> list[str]:
    argv = ["review", *_inputs(draw)]
    argv += _opt(draw, "--session", st.sampled_from(["s.json", "a.en.txt", "docs", ""]))
    return argv + _flag(draw, "--new-session") + _opt(draw, "--band", INTS, 5)


@st.composite
def demo_argv(draw: st.DrawFn) -> list[str]:
    argv = ["demo", *_opt(draw, "-o", OUT, 2)]
    return argv + _opt(draw, "--width", INTS, 4) + _opt(
        draw, "--bidi", st.sampled_from(["visual", "logical", "x"]), 4)


@st.composite
def junk_argv(draw: st.DrawFn) -> list[str]:
    """A command line with stray options: argparse's own usage errors."""
    base = draw(st.sampled_from([["align", "a.en.txt", "a.ar.txt"], ["split", "a.en.txt"],
                                 ["batch", "docs"], ["score"], [], ["nosuch"], ["review"]]))
    extra = draw(st.lists(st.sampled_from(["--bogus", "-o", "--", "-x", "--band", "--help",
                                           "--version", "-h", "=", "--max-mb=1"]),
                          max_size=3))
    return [*base, *extra]


def argv_for(command: str) -> st.SearchStrategy[list[str]]:
    return {"align": align_argv(), "split": split_argv(), "score": score_argv(),
            "batch": batch_argv(), "review": review_argv(), "demo": demo_argv(),
            "junk": junk_argv()}[command]


# ---------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Run:
    argv: list[str]
    code: int
    out: str
    err: str


def absolute(argv: Sequence[str], ws: Path) -> list[str]:
    """The command line with workspace names made absolute (the in-process runner cannot
    change the working folder of the test process safely)."""
    names = {*INPUTS, *OTHER_PATHS, *OUTPUTS, "s.json", "nope", "r.tsv", "r.csv", "r.parquet",
             "r.jsonl", "sub/r.tsv"} - {"", "-"}
    out = []
    for a in argv:
        base, _, col = a.partition(":")
        if a in names:
            out.append(str(ws / a))
        elif col and base in names:
            out.append(f"{ws / base}:{col}")
        else:
            out.append(a)
    return out


def run_in_process(argv: list[str]) -> Run:
    """``tawazi.align.cli.main(argv)`` with stdout and stderr captured. Its guard of fd 1 is left
    out (it writes to the real fd 1, past the capture); an exception escaping ``main`` is
    recorded as the traceback a user would have seen."""
    import tawazi.align.cli as cli

    out, err = io.StringIO(), io.StringIO()
    saved = cli.guard
    cli.guard = lambda: None  # type: ignore[assignment]
    try:
        # An empty standard input, as a command run with </dev/null gets (``-`` reads it).
        stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                _stdin(stdin):
            try:
                code = cli.main(argv)
            except BaseException:
                err.write(traceback.format_exc())
                code = -1
    finally:
        cli.guard = saved
    return Run(argv, code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(stream: io.TextIOWrapper) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = stream
    try:
        yield
    finally:
        sys.stdin = saved


def run_process(argv: list[str], cwd: Path, timeout: float = 120) -> Run:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TAWAZI_BIDI="logical")
    res = subprocess.run([sys.executable, "-m", "tawazi.align.cli", *argv], capture_output=True,
                         text=True, cwd=cwd, env=env, timeout=timeout,
                         stdin=subprocess.DEVNULL)
    return Run(argv, res.returncode, res.stdout, res.stderr)


# ----------------------------------------------------------------------------- checks


def snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under ``root``: size, mtime and a hash of its bytes."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = Path(dirpath, f)
            st_ = p.lstat()
            digest = hashlib.sha1(p.read_bytes()).hexdigest() if p.is_file() else ""
            out[str(p.relative_to(root))] = (st_.st_size, st_.st_mtime_ns, digest)
    return out


def changed(before: dict[str, tuple[int, int, str]], after: dict[str, tuple[int, int, str]]
            ) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def _value(argv: Sequence[str], *flags: str) -> str | None:
    for k, a in enumerate(argv[:-1]):
        if a in flags:
            return argv[k + 1]
    return None


def named_outputs(argv: Sequence[str], ws: Path, box: Path) -> set[str]:
    """The files (relative to ``box``) the command line allows to change."""
    from tawazi.align.formats import format_for_path, output_files

    rel: set[str] = set()
    cmd = argv[0] if argv else ""
    out = _value(argv, "-o", "--output")
    if cmd == "align" and "--manifest" in argv:
        for o in MANIFEST_OUTS:
            if o:
                for fmt in ("moses", None):
                    with contextlib.suppress(Exception):
                        rel |= {str(p) for p in output_files(ws / o, fmt)}
    elif cmd in ("align", "demo") and out:
        with contextlib.suppress(Exception):
            fmt = format_for_path(out, _value(argv, "--format"))
            rel |= {str(p) for p in output_files(out, fmt)}
    elif cmd == "score" and out:
        rel.add(out)
    elif cmd == "batch" and out:
        p = Path(out)
        rel |= {out, str(p.with_name(p.stem + ".docs" + p.suffix))}
    allowed = set()
    for r in rel:
        with contextlib.suppress(ValueError):
            allowed.add(str(Path(os.path.normpath(r)).relative_to(box)))
    return allowed


def _work_file(name: str, argv: Sequence[str], box: Path) -> bool:
    """A file of ``batch``'s work folder ``REPORT.work/``, which it may fill."""
    out = _value(argv, "-o", "--output")
    if not argv or argv[0] != "batch" or not out:
        return False
    work = Path(out + ".work")
    with contextlib.suppress(ValueError):
        return Path(box, name).is_relative_to(work) or str(box / name) == str(work)
    return False


def allowed_codes(argv: Sequence[str]) -> set[int]:
    many = bool(argv) and (argv[0] == "batch" or "--manifest" in argv)
    return {0, 2, 1} if many else {0, 2}


def check_stderr(run: Run) -> None:
    assert "Traceback" not in run.err, run
    assert "Exception ignored" not in run.err, run
    assert run.code in allowed_codes(run.argv), run
    assert "internal error" not in run.err, run  # a bug, even when its row alone failed
    if run.code != 2:
        return
    lines = [ln for ln in run.err.splitlines() if ln.strip()]
    if lines and lines[0].startswith("usage: tawazi"):
        assert lines[-1].startswith("tawazi") and ": error: " in lines[-1], run
        assert sum(": error: " in ln for ln in lines) == 1, run
        return
    own = [ln for ln in lines if not ln.startswith("tawazi: note: ")]
    assert len(own) == 1 and own[0].startswith("tawazi: error: "), run


def check_files(run: Run, before: dict[str, tuple[int, int, str]],
                after: dict[str, tuple[int, int, str]], ws: Path, box: Path) -> None:
    allowed = named_outputs(run.argv, ws, box)
    stray = {k for k in changed(before, after)
             if k not in allowed and not _work_file(k, run.argv, box)}
    assert not stray, (stray, run)
    if run.code != 0:
        # A failed run may have written some rows of a manifest, never a stray file.
        return


def check_offsets(run: Run, ws: Path) -> None:
    """Offsets of ``split`` and of ``align``'s JSONL and TSV slice the decoded input."""
    from tawazi.align.text.decode import read_text

    if run.code != 0 or not run.argv or {"-h", "--help", "--version"} & set(run.argv):
        return
    files = [a for a in run.argv[1:] if a.startswith(str(ws)) and Path(a).is_file()]
    cmd = run.argv[0]
    if cmd == "split" and files:
        text = read_text(files[0], max_bytes=1 << 30)
        _check_split(run.out, text)
        return
    if cmd != "align" or "--manifest" in run.argv or "--realign" in run.argv:
        return
    inputs = [a for a in run.argv[1:] if a.startswith(str(ws))
              and a != _value(run.argv, "-o", "--output")]
    if any(Path(a).suffix.lower() in (".tmx", ".tsv") for a in inputs) or not inputs:
        return
    texts = [read_text(p, max_bytes=1 << 30) for p in inputs]
    en_text, ar_text = (texts[0], texts[1]) if len(texts) == 2 else (texts[0], texts[0])
    out = _value(run.argv, "-o", "--output")
    fmt = _value(run.argv, "--format")
    if out:
        from tawazi.align.formats import format_for_path

        fmt = format_for_path(out, fmt)
        body = Path(out).read_text(encoding="utf-8") if fmt in ("jsonl", "tsv") else ""
    else:
        body = run.out
    if fmt == "jsonl":
        for line in body.splitlines():
            rec = json.loads(line)
            _check_spans(rec["en"], rec["en_text"], en_text)
            _check_spans(rec["ar"], rec["ar_text"], ar_text)
    elif fmt == "tsv":
        _check_tsv(body, en_text, ar_text)


def _check_tsv(body: str, en_text: str, ar_text: str) -> None:
    from tawazi.align.formats.tsv import records

    rows = [r for _, r in records(body)]
    head = rows[0]
    for row in rows[1:]:
        cells = dict(zip(head, row, strict=True))
        for lang, text in (("en", en_text), ("ar", ar_text)):
            spans = [tuple(map(int, s.split("-"))) for s in
                     filter(None, cells[f"{lang}_offsets"].split(";"))]
            _check_spans(spans, cells[lang], text)


def _check_spans(spans: Sequence[Sequence[int]], joined: str, text: str) -> None:
    pieces = []
    for s, e in spans:
        assert 0 <= s < e <= len(text), (s, e, len(text))
        pieces.append(text[s:e])
    assert " ".join(pieces) == joined, (pieces, joined)


def _check_split(out: str, text: str) -> None:
    from tawazi.align.formats.tsv import records

    rows = [r for _, r in records(out)]
    assert rows[0] == ["start", "end", "lang", "text"], rows[:1]
    for start, end, _, cell in rows[1:]:
        assert text[int(start) : int(end)] == cell, (start, end, cell)


# ------------------------------------------------------------------ pages and documents

#: Wrappers of a line in a generated page: blocks, inline runs, left-out furniture, and
#: markup that is broken or unusual.
HTML_WRAPS = ("<p>{}</p>", "<div>{}</div>", "<li>{}", "<h2>{}</h2>", "<td>{}</td>",
              "<p>{}<br>", "<span>{}</span>", "<nav>{}</nav>", "<p hidden>{}</p>",
              "<header>{}</header>", "<article><header>{}</header></article>",
              "<script>{}</script>", "<pre>{}\n</pre>", "<p>{}", "{}", "<b><i>{}</b></i>",
              "<!-- {} -->", "<p style='display:none'>{}</p>", "<table><tr><td>{}</table>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    """A page of English and Arabic lines in random markup, sometimes damaged."""
    text = draw(text_of("bi"))
    body = "".join(draw(st.sampled_from(HTML_WRAPS)).format(_escape(line))
                   for line in text.split("\n"))
    if rare(draw, 10):
        body = "<div>" * draw(st.sampled_from([300, 3000])) + body
    if rare(draw, 10):
        body += draw(st.sampled_from(["&#0;", "&bogus;", "<", "</html>after", "<?php x ?>",
                                      "&#x110000;", "\x01"]))
    head = draw(st.sampled_from(["<!DOCTYPE html><html><body>", "", "<html>",
                                 '<?xml version="1.0" encoding="UTF-8"?><html><body>',
                                 '<html><head><meta charset="iso-8859-1"></head><body>']))
    page = head + body + draw(st.sampled_from(["</body></html>", "", "</html>\n"]))
    enc = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "cp1256", "latin-1"]))
    return damaged(draw, page.encode(enc, errors="replace"))


def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` as it is most of the time; now and then cut short, or a few bytes changed
    or inserted (a broken download, a bad disk)."""
    how = draw(st.sampled_from(["cut", "flip", "insert"] + ["none"] * 5))
    if how == "none" or not data:
        return data
    k = draw(st.integers(0, len(data) - 1))
    if how == "cut":
        return data[:k]
    junk = draw(st.binary(min_size=1, max_size=4))
    return data[:k] + junk + data[k + (len(junk) if how == "flip" else 0):]


@st.composite
def docx_bytes(draw: st.DrawFn) -> bytes:
    """A Word file of English and Arabic paragraphs and a table (python-docx), sometimes
    damaged, or with a document part that is not WordprocessingML."""
    import docx

    doc = docx.Document()
    lines_ = draw(text_of("bi")).split("\n")
    for line in lines_:
        if rare(draw, 6):
            doc.add_heading(line, draw(st.integers(0, 3)))
        elif rare(draw, 8):
            doc.add_paragraph(line).add_run().add_break()
        else:
            doc.add_paragraph(line)
    if rare(draw, 4):
        table = doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = lines_[0], lines_[-1]
        if rare(draw, 2):
            table.cell(1, 0).merge(table.cell(1, 1))
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if rare(draw, 8):
        data = _replace_part(data, "word/document.xml", draw(st.sampled_from(
            [b"<not xml", b"", b'<?xml version="1.0"?><x/>', b"\xff\xfe\x00"])))
    return damaged(draw, data)


@st.composite
def odt_bytes(draw: st.DrawFn) -> bytes:
    """An OpenDocument text of English and Arabic paragraphs (odfpy), sometimes damaged."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, LineBreak, P, S, Span

    doc = OpenDocumentText()
    for line in draw(text_of("bi")).split("\n"):
        if rare(draw, 6):
            doc.text.addElement(H(outlinelevel=1, text=line))
            continue
        p = P(text=line)
        if rare(draw, 6):
            p.addElement(S(c=draw(st.sampled_from([2, 0]))))
            p.addElement(LineBreak())
            p.addElement(Span(text=line))
        doc.text.addElement(p)
    buf = io.BytesIO()
    doc.write(buf)
    data = buf.getvalue()
    if rare(draw, 8):
        data = _replace_part(data, "content.xml", draw(st.sampled_from(
            [b"<not xml", b"", b'<?xml version="1.0"?><x/>',
             b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'])))
    return damaged(draw, data)


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """The ZIP package ``data`` with its part ``name`` replaced by ``content``."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, content if info.filename == name else src.read(info))
    return out.getvalue()
