"""Score translations: reference-free fidelity of sentence pairs, or BLEU/chrF/TER against
references.

``--pairs FILE.tsv``: a table with header columns ``en`` and ``ar`` (other columns are kept);
writes it back with ``score`` and ``flags`` columns (``--explain`` adds the flags' details).

``--hyp H --ref R [--ref R2 ...]``: corpus BLEU, chrF and TER through sacrebleu, with its
signatures. Inputs are line files, TSV columns (``file.tsv:column``) or TMX. Arabic targets
are normalised with camel-tools first (dediacritised; alef, alef maksura/yaa and teh marbuta
folded) and BLEU uses the ``intl`` tokenizer; ``--no-normalize`` turns the normalisation off.
``--segments`` writes per-segment scores as TSV (the corpus scores then go to stderr).

``--manifest M``: many hypothesis/reference pairs at once, from a TSV with header
``hyp ref [ref2 ...] [name] [lang]`` (paths relative to it; the manifest format of
``tawazi align --manifest`` and ``tawazi batch``); prints a summary table. A row that cannot
be scored is reported with its line and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..quality.reference import ReferenceScores

HELP = "score sentence pairs (fidelity) or translations against references (BLEU/chrF/TER)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .common import add_excel_argument

    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--pairs", metavar="FILE.tsv",
                      help="TSV with en and ar columns: add score and flags columns")
    mode.add_argument("--hyp", metavar="H", help="hypothesis: line file, FILE.tsv[:COL] or TMX")
    mode.add_argument("--manifest", metavar="M",
                      help="TSV with header 'hyp ref [ref2 ...] [name] [lang]'")
    p.add_argument("--ref", action="append", default=[], metavar="R",
                   help="reference (repeat for several): line file, FILE.tsv[:COL] or TMX")
    p.add_argument("--lang", choices=("auto", "ar", "en"), default="auto",
                   help="target language of --hyp/--manifest (default: from the references)")
    p.add_argument("--no-normalize", action="store_true",
                   help="score Arabic as written (no camel-tools normalisation)")
    p.add_argument("--segments", action="store_true", help="per-segment scores as TSV")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--explain", action="store_true",
                   help="--pairs: add an explanation column with the flags' details")
    p.add_argument("-o", "--output", metavar="OUT", help="write the result to OUT (atomically)")
    add_excel_argument(p, "the TSV of --pairs and --segments")


def _emit(text: str, output: str | None, excel: bool = False) -> None:
    from ..formats.tsv import for_excel

    text = for_excel(text, excel)
    if output is not None and output != "-":
        from ..formats.atomic import atomic_write_text

        atomic_write_text(output, text)
        print(f"tawazi: wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def run(args: argparse.Namespace) -> int:
    from ..errors import OptionError
    from ..formats.outputs import check_outputs

    if not (args.pairs or args.hyp or args.manifest):
        raise OptionError("give --pairs FILE, --hyp H --ref R, or --manifest M")
    if args.ref and not args.hyp:
        raise OptionError("--ref goes with --hyp")
    if args.hyp and not args.ref:
        raise OptionError("--hyp needs at least one --ref")
    if args.explain and not args.pairs:
        raise OptionError("--explain goes with --pairs")
    writes_tsv = args.pairs or (args.hyp and args.segments and not args.json)
    if args.excel and not writes_tsv:
        raise OptionError("--excel is for the TSV of --pairs and of --hyp --segments")
    if args.output is not None:
        check_outputs([args.output], _inputs(args))
    if args.pairs:
        return _pairs(args)
    if args.manifest:
        return _manifest(args)
    return _reference(args)


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file the run reads, which ``-o`` must not overwrite: ``FILE.tsv:COL`` names
    ``FILE.tsv``, and a manifest's rows name their own files."""
    specs = [args.pairs, args.hyp, *args.ref]
    files = [s for s in specs if s]
    files += [s.rpartition(":")[0] for s in files if ":" in s]
    if args.manifest:
        from ..batch.score_runs import manifest_inputs

        files += [args.manifest, *map(str, manifest_inputs(args.manifest))]
    return files


def _pairs(args: argparse.Namespace) -> int:
    from ..batch.score_table import score_table
    from ..text.decode import read_text

    text = read_text(args.pairs)
    _emit(score_table(text, args.pairs, explain=args.explain), args.output, args.excel)
    return 0


def _reference(args: argparse.Namespace) -> int:
    from ..formats.lines import read_segments
    from ..quality.reference import score_reference

    lang = None if args.lang == "auto" else args.lang
    hyps = read_segments(args.hyp, lang)
    refs = [read_segments(r, lang) for r in args.ref]
    res = score_reference(hyps, refs, lang=args.lang, normalize=not args.no_normalize,
                          segments=args.segments,
                          names=[f"hypothesis {args.hyp}", *(f"reference {r}" for r in args.ref)])
    note = f"normalisation: {res.normalisation}"
    if res.lang == "ar" and not args.no_normalize:
        note += " (--no-normalize to turn off)"
    summary = [*res.lines, note]
    if res.empty_refs:
        summary.append(f"note: {res.empty_refs} reference line(s) are empty")
    if args.json:
        record: dict[str, Any] = res.as_dict()
        if args.segments:
            record["per_segment"] = [
                {"segment": s.index, "bleu": s.bleu, "chrf": s.chrf, "ter": s.ter}
                for s in res.per_segment
            ]
        _emit(json.dumps(record, ensure_ascii=False, indent=1) + "\n", args.output)
        return 0
    if args.segments:
        rows = ["segment\tbleu\tchrf\tter"]
        rows += [f"{s.index}\t{s.bleu:.2f}\t{s.chrf:.2f}\t{s.ter:.2f}" for s in res.per_segment]
        _emit("\n".join(rows) + "\n", args.output, args.excel)
        for line in summary:
            print(line, file=sys.stderr)
        return 0
    _emit("\n".join(summary) + "\n", args.output)
    return 0


def _manifest(args: argparse.Namespace) -> int:
    from ..batch.score_runs import score_manifest

    rows = score_manifest(args.manifest, lang=args.lang, normalize=not args.no_normalize)
    failed = [r for r in rows if r.result is None]
    for r in failed:
        print(f"tawazi: error: {args.manifest}:{r.line}: {r.error}", file=sys.stderr)
    if args.json:
        out = [{"name": r.name, "line": r.line, **(r.result.as_dict() if r.result else {}),
                **({"error": r.error} if r.error else {})} for r in rows]
        _emit(json.dumps(out, ensure_ascii=False, indent=1) + "\n", args.output)
    else:
        _emit(_manifest_table([r.result for r in rows if r.result is not None],
                              [r.name for r in rows if r.result is not None]), args.output)
    print(f"tawazi: scored {len(rows) - len(failed)} of {len(rows)} rows", file=sys.stderr)
    return 1 if failed else 0


def _manifest_table(results: list[ReferenceScores], names: list[str]) -> str:
    """One line per scored row, then the sacrebleu signatures and normalisations used."""
    width = max([4, *(len(n) for n in names)])
    table = [f"{'name':<{width}}  {'segs':>6} {'BLEU':>6} {'chrF':>6} {'TER':>6}  lang"]
    for name, s in zip(names, results, strict=True):
        table.append(f"{name:<{width}}  {s.segments:>6} {s.bleu:6.2f} {s.chrf:6.2f} "
                     f"{s.ter:6.2f}  {s.lang}")
    sigs = sorted({(k, v) for s in results for k, v in s.signatures.items()})
    table += [f"{k}|{v}" for k, v in sigs]
    table += [f"normalisation: {n}" for n in sorted({s.normalisation for s in results})]
    return "\n".join(table) + "\n"
