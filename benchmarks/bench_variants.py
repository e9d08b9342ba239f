#!/usr/bin/env python3
"""Rebuild seed variants of the Arabic-English sentence-alignment bench.

Standard library only (Python 3.11). Reads the seed-0 clean sets of an existing bench
(<bench>/ntrex_clean, <bench>/tico_clean: line i of <doc>.en and <doc>.ar is source pair i)
and writes, for another seed, the four set folders ntrex_clean, ntrex_hard, tico_clean and
tico_hard with the bench's file kinds:

    <doc>.en  <doc>.ar  <doc>.gold  <doc>.en.txt  <doc>.ar.txt
    <doc>.en.spans  <doc>.ar.spans  <doc>.en.sentspans  <doc>.ar.sentspans

plus <set>/manifest.tsv and <out>/stats.json in the bench's formats.

It follows the bench README ("Raw mode", "How the hard sets were edited"); the TICO-19
windows are not re-cut (the seed-0 documents are used as they are), and the generator is
not the bench's own make_bench.py, so --seed 0 gives a different (same-shaped) variant.

Why: the bench's figures come from one seed, and the issue warns that they will be checked on
other random edits. Scoring a few variants shows how much a figure moves with the layout.

Usage:
    uv run python benchmarks/bench_variants.py --bench ../shared/bench --seed N --out OUT
    uv run python benchmarks/alignment.py --bench OUT --scorer ../shared/bench/score.py
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
from collections import Counter
from pathlib import Path

SOURCES = ("ntrex", "tico")
BEAD_TYPES = ("1-1", "1-0", "0-1", "2-1", "1-2", "2-2")

# A line "has sentence-final punctuation" when, after dropping closing quotes and
# brackets, it ends in one of these. (On the seed-0 bench, ':' and ';' endings sit inside
# paragraphs, so they count as final; a line ending in ')' without a stop before it does not.)
FINAL_PUNCT = ".!?:;…؟"
CLOSERS = "\"'”’»)]"

# Removal run lengths: mostly single sentences, sometimes runs of two or three.
RUN_WEIGHTS = ((1, 0.80), (2, 0.15), (3, 0.05))


# edits drawn but not placeable (no free spot left); reported on stderr
SHORTFALL: Counter = Counter()


class BenchError(Exception):
    pass


# ----------------------------------------------------------------------------- reading


def read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        raise BenchError(f"{path}: does not end with a line break")
    lines = text[:-1].split("\n")
    if len(lines) != len(text.splitlines()):
        raise BenchError(f"{path}: a line holds a character that str.splitlines() breaks on")
    for k, line in enumerate(lines):
        if not line or line != line.strip():
            raise BenchError(f"{path}:{k + 1}: empty line or leading/trailing whitespace")
    return lines


def read_manifest(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load_clean_set(bench: Path, source: str) -> list[dict]:
    """The documents of <bench>/<source>_clean: id, source pairs and manifest fields."""
    folder = bench / f"{source}_clean"
    if not folder.is_dir():
        raise BenchError(f"no such directory {folder}")
    manifest = {row["doc"]: row for row in read_manifest(folder / "manifest.tsv")}
    names = [p.name[: -len(".gold")] for p in sorted(folder.glob("*.gold"))]
    if not names:
        raise BenchError(f"no *.gold files in {folder}")
    # keep the seed-0 manifest order where there is one
    order = {d: i for i, d in enumerate(manifest)}
    names.sort(key=lambda d: (order.get(d, len(order)), d))
    docs = []
    for name in names:
        en = read_lines(folder / f"{name}.en")
        ar = read_lines(folder / f"{name}.ar")
        if len(en) != len(ar):
            raise BenchError(f"{folder}/{name}: {len(en)} English and {len(ar)} Arabic lines")
        gold_text = (folder / f"{name}.gold").read_text(encoding="utf-8")
        gold = [g.replace(" ", "") for g in gold_text.splitlines() if g.strip()]
        if gold != [f"[{i}]:[{i}]" for i in range(len(en))]:
            raise BenchError(f"{folder}/{name}.gold: the clean set is not 1-1 line by line")
        docs.append({"doc": name, "en": en, "ar": ar, "manifest": manifest.get(name, {})})
    return docs


# ----------------------------------------------------------------------------- layout


def has_final_punct(line: str) -> bool:
    core = line.rstrip().rstrip(CLOSERS).rstrip()
    return bool(core) and core[-1] in FINAL_PUNCT


def heading_flags(en: list[str], first_is_heading: bool) -> list[bool]:
    flags = [not has_final_punct(s) for s in en]
    if first_is_heading and flags:
        flags[0] = True
    return flags


def layout_paragraphs(heads: list[bool], rng: random.Random) -> list[list[int]]:
    """Paragraphs of 2-5 source pairs; each heading a paragraph of its own.

    A stretch of non-heading pairs is cut from its start into pieces of 2-5 (drawn evenly
    among the sizes that do not leave a single pair over); once 5 or fewer are left they form
    the last paragraph. A stretch of a single pair (between two headings, or between a
    heading and a document edge) can only be a paragraph of one.
    """
    paras: list[list[int]] = []
    i, n = 0, len(heads)
    while i < n:
        if heads[i]:
            paras.append([i])
            i += 1
            continue
        j = i
        while j < n and not heads[j]:
            j += 1
        left = j - i
        while left > 0:
            # what is left of the stretch fits in one paragraph, or a piece of 2-5
            size = left if left <= 5 else rng.choice([k for k in range(2, 6) if left - k != 1])
            paras.append(list(range(i, i + size)))
            i += size
            left -= size
    return paras


# ----------------------------------------------------------------------------- edits


def plan_edits(n: int, pid: list[int], heads: list[bool], rng: random.Random) -> dict[int, tuple]:
    """Edits keyed by their first source pair.

    ('cross', side, 3): pairs A B C -> 'A | B C' on `side`, 'A B | C' on the other side;
    ('join', side, 2):  pairs k k+1 are one line on `side`;
    ('rem', side, 1):   pair k has no line on `side`.
    """
    free = [True] * n
    edits: dict[int, tuple] = {}

    def groupable(s: int, size: int) -> bool:
        idx = range(s, s + size)
        return (s + size <= n and all(free[k] and not heads[k] for k in idx)
                and len({pid[k] for k in idx}) == 1)

    # crossed boundaries (2-2): about half of the documents; a second one in about half
    # of those documents with 50 or more pairs
    n_cross = 0
    if rng.random() < 0.5:
        n_cross = 1
        if n >= 50 and rng.random() < 0.5:
            n_cross = 2
    _plan_groups("cross", 3, n_cross, n, free, groupable, edits, rng)
    # joins (2-1 / 1-2): 8-12% of the pairs
    _plan_groups("join", 2, round(n * rng.uniform(0.08, 0.12)), n, free, groupable, edits, rng)
    _plan_removals(n, free, edits, rng)
    return edits


def _plan_groups(kind: str, size: int, count: int, n: int, free: list[bool], groupable,
                 edits: dict[int, tuple], rng: random.Random) -> None:
    """``count`` edits of ``size`` consecutive free pairs of one paragraph."""
    for _ in range(count):
        cands = [s for s in range(n) if groupable(s, size)]
        if not cands:
            SHORTFALL[kind] += 1
            continue
        s = rng.choice(cands)
        for k in range(s, s + size):
            free[k] = False
        edits[s] = (kind, rng.choice(("en", "ar")), size)


def _removal_starts(n: int, length: int, free: list[bool], gone: list[bool]) -> list[int]:
    """Where a run of ``length`` removals fits: free pairs, not touching another removal on
    the same side (it would read as a longer run)."""
    return [s for s in range(n - length + 1)
            if all(free[k] for k in range(s, s + length))
            and not (s > 0 and gone[s - 1])
            and not (s + length < n and gone[s + length])]


def _plan_removals(n: int, free: list[bool], edits: dict[int, tuple],
                   rng: random.Random) -> None:
    """Removals (1-0 / 0-1): 5-10% of the pairs, mostly singly, sometimes runs of 2-3."""
    removed_on = {"en": [False] * n, "ar": [False] * n}
    n_rem = max(1, round(n * rng.uniform(0.05, 0.10)))
    while n_rem > 0:
        length = rng.choices([r for r, _ in RUN_WEIGHTS], [w for _, w in RUN_WEIGHTS])[0]
        length = min(length, n_rem)
        side = rng.choice(("en", "ar"))
        gone = removed_on[side]
        cands = _removal_starts(n, length, free, gone)
        while not cands and length > 1:
            length -= 1
            cands = _removal_starts(n, length, free, gone)
        if not cands:
            SHORTFALL["removal"] += n_rem
            break
        s = rng.choice(cands)
        for k in range(s, s + length):
            free[k] = False
            gone[k] = True
            edits[k] = ("rem", side, 1)
        n_rem -= length


# ----------------------------------------------------------------------------- building


def build_units(n: int, edits: dict[int, tuple]):
    """Gold lines (as lists of source indexes) of each side, and the gold beads."""
    lines = {"en": [], "ar": []}
    beads: list[tuple[list[int], list[int]]] = []

    def add(side: str, idx: list[int]) -> int:
        lines[side].append(idx)
        return len(lines[side]) - 1

    other = {"en": "ar", "ar": "en"}
    i = 0
    while i < n:
        kind, side, size = edits.get(i, ("keep", "", 1))
        bead = {"en": [], "ar": []}
        if kind == "keep":
            for s in ("en", "ar"):
                bead[s].append(add(s, [i]))
        elif kind == "rem":
            o = other[side]
            bead[o].append(add(o, [i]))
        elif kind == "join":
            bead[side].append(add(side, [i, i + 1]))
            o = other[side]
            bead[o] += [add(o, [i]), add(o, [i + 1])]
        elif kind == "cross":
            bead[side] += [add(side, [i]), add(side, [i + 1, i + 2])]
            o = other[side]
            bead[o] += [add(o, [i, i + 1]), add(o, [i + 2])]
        beads.append((bead["en"], bead["ar"]))
        i += size
    return lines, beads


def render_raw(sents: list[str], units: list[list[int]], paras: list[list[int]]):
    """Raw text of one side, the span of each gold line and of each source segment."""
    pid = {k: p for p, para in enumerate(paras) for k in para}
    by_para: dict[int, list[int]] = {}
    for u, idx in enumerate(units):
        ps = {pid[k] for k in idx}
        if len(ps) != 1:
            raise AssertionError(f"line {u} spans paragraphs {sorted(ps)}")
        by_para.setdefault(ps.pop(), []).append(u)
    parts: list[str] = []
    pos = 0
    unit_spans: list[tuple[int, int] | None] = [None] * len(units)
    sent_spans: list[tuple[int, int]] = []
    for p in range(len(paras)):
        us = by_para.get(p)
        if not us:  # every sentence of this paragraph was removed on this side
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        for j, u in enumerate(us):
            if j:
                parts.append(" ")
                pos += 1
            start = pos
            for m, k in enumerate(units[u]):
                if m:
                    parts.append(" ")
                    pos += 1
                parts.append(sents[k])
                sent_spans.append((pos, pos + len(sents[k])))
                pos += len(sents[k])
            unit_spans[u] = (start, pos)
    parts.append("\n")
    return "".join(parts), unit_spans, sent_spans


def bead_type(bead) -> str:
    return f"{len(bead[0])}-{len(bead[1])}"


def fmt_bead(bead) -> str:
    return f"[{', '.join(map(str, bead[0]))}]:[{', '.join(map(str, bead[1]))}]"


def write_doc(folder: Path, name: str, src: dict[str, list[str]], lines, beads, paras) -> dict:
    info = {"en_lines": len(lines["en"]), "ar_lines": len(lines["ar"])}
    for side in ("en", "ar"):
        text_lines = [" ".join(src[side][k] for k in idx) for idx in lines[side]]
        text, unit_spans, sent_spans = render_raw(src[side], lines[side], paras)
        # self-checks
        assert [text[a:b] for a, b in unit_spans] == text_lines
        expected = [src[side][k] for idx in lines[side] for k in idx]
        assert [text[a:b] for a, b in sent_spans] == expected
        (folder / f"{name}.{side}").write_text("".join(t + "\n" for t in text_lines),
                                               encoding="utf-8")
        (folder / f"{name}.{side}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.{side}.spans").write_text(
            "".join(f"{a}\t{b}\n" for a, b in unit_spans), encoding="utf-8")
        (folder / f"{name}.{side}.sentspans").write_text(
            "".join(f"{a}\t{b}\n" for a, b in sent_spans), encoding="utf-8")
    (folder / f"{name}.gold").write_text("".join(fmt_bead(b) + "\n" for b in beads),
                                         encoding="utf-8")
    info["beads"] = Counter(bead_type(b) for b in beads)
    return info


def check_beads(beads, n_en: int, n_ar: int) -> None:
    en = [i for b in beads for i in b[0]]
    ar = [i for b in beads for i in b[1]]
    assert en == list(range(n_en)) and ar == list(range(n_ar)), "beads not a partition in order"
    assert all(b[0] or b[1] for b in beads)


# ----------------------------------------------------------------------------- driver


MANIFEST_COLS = ["doc", "source", "source_doc", "source_refs", "window", "pairs", "en_lines",
                 "ar_lines", "paragraphs"] + [f"beads_{t}" for t in BEAD_TYPES]


def build(bench: Path, seed: int, out: Path, first_heading: str) -> dict:
    stats: dict = {"seed": seed, "generator": "make_variant.py", "sets": {}}
    for source in SOURCES:
        docs = load_clean_set(bench, source)
        folders = {kind: out / f"{source}_{kind}" for kind in ("clean", "hard")}
        for f in folders.values():
            f.mkdir(parents=True)
        rows = {kind: [] for kind in folders}
        totals = {kind: {"docs": 0, "pairs": 0, "en_lines": 0, "ar_lines": 0,
                         "lengths": [], "beads": Counter()} for kind in folders}
        for d in docs:
            name, src = d["doc"], {"en": d["en"], "ar": d["ar"]}
            n = len(d["en"])
            rng = random.Random(f"bench-variant:{seed}:{source}:{name}")
            heads = heading_flags(d["en"], first_heading == "all" or source == "ntrex")
            paras = layout_paragraphs(heads, rng)
            pid = [0] * n
            for p, para in enumerate(paras):
                for k in para:
                    pid[k] = p
            plans = {"clean": {}, "hard": plan_edits(n, pid, heads, rng)}
            for kind, edits in plans.items():
                lines, beads = build_units(n, edits)
                check_beads(beads, len(lines["en"]), len(lines["ar"]))
                info = write_doc(folders[kind], name, src, lines, beads, paras)
                m = d["manifest"]
                row = {"doc": name, "source": m.get("source", ""),
                       "source_doc": m.get("source_doc", ""),
                       "source_refs": m.get("source_refs", ""), "window": m.get("window", ""),
                       "pairs": n, "en_lines": info["en_lines"], "ar_lines": info["ar_lines"],
                       "paragraphs": len(paras)}
                for t in BEAD_TYPES:
                    row[f"beads_{t}"] = info["beads"].get(t, 0)
                rows[kind].append(row)
                tot = totals[kind]
                tot["docs"] += 1
                tot["pairs"] += n
                tot["en_lines"] += info["en_lines"]
                tot["ar_lines"] += info["ar_lines"]
                tot["lengths"].append(n)
                tot["beads"].update(info["beads"])
        for kind, folder in folders.items():
            with (folder / "manifest.tsv").open("w", encoding="utf-8", newline="") as fh:
                fh.write("\t".join(MANIFEST_COLS) + "\n")
                for row in rows[kind]:
                    fh.write("\t".join(str(row[c]) for c in MANIFEST_COLS) + "\n")
            tot = totals[kind]
            stats["sets"][folder.name] = {
                "docs": tot["docs"], "pairs": tot["pairs"], "en_lines": tot["en_lines"],
                "ar_lines": tot["ar_lines"], "doc_length_min": min(tot["lengths"]),
                "doc_length_max": max(tot["lengths"]),
                "beads": {t: tot["beads"][t] for t in BEAD_TYPES if tot["beads"][t]},
            }
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, required=True,
                    help="bench folder holding ntrex_clean/ and tico_clean/")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--force", action="store_true", help="replace existing set folders under --out")
    ap.add_argument("--first-line-heading", choices=("ntrex", "all"), default="ntrex",
                    help="which documents treat line 0 as a heading whatever its punctuation: "
                         "'ntrex' (headlines; as the seed-0 bench does) or 'all'")
    args = ap.parse_args(argv)
    bench, out = args.bench.resolve(), args.out.resolve()
    if out == bench or bench in out.parents or out in bench.parents:
        print(f"error: --out must lie outside the bench folder {bench}", file=sys.stderr)
        return 2
    set_dirs = [out / f"{s}_{k}" for s in SOURCES for k in ("clean", "hard")]
    existing = [p for p in set_dirs if p.exists()]
    if existing and not args.force:
        print(f"error: {existing[0]} exists (use --force to replace the set folders)",
              file=sys.stderr)
        return 2
    for p in existing:
        shutil.rmtree(p)
    out.mkdir(parents=True, exist_ok=True)
    try:
        stats = build(bench, args.seed, out, args.first_line_heading)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if SHORTFALL:
        print("warning: edits that found no place: "
              + ", ".join(f"{k} {v}" for k, v in sorted(SHORTFALL.items())), file=sys.stderr)
    (out / "stats.json").write_text(json.dumps(stats, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    for name, s in stats["sets"].items():
        beads = ", ".join(f"{t}: {c}" for t, c in s["beads"].items())
        print(f"{name}: {s['docs']} docs, {s['pairs']} pairs, en {s['en_lines']}, "
              f"ar {s['ar_lines']} lines; beads {beads} ({sum(s['beads'].values())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
