"""The tables of a batch run, built with polars: one row per bead, one row per document.

Each document's beads are stored as a small parquet file in the work folder as soon as the
document is done (``bead_table``); the report is then a lazy scan over those files,
aggregated per document with polars expressions (``document_table``), and written in the
format of the report's extension (``write_report``):

- ``REPORT.parquet`` (beads) and ``REPORT.docs.parquet`` (documents);
- ``REPORT.tsv`` / ``REPORT.docs.tsv`` and ``REPORT.csv`` / ``REPORT.docs.csv``, with the flag
  list written as ``code,code``, in the dialect of every tawazi table (RFC 4180 quoting, see
  ``formats.tsv``); ``excel`` starts them with a UTF-8 byte-order mark.

Column names are SQL identifiers (``beads_1_1``, ``flag_number_mismatch``: ``sql_name``), so
that DuckDB, SQLite or polars' SQL read them unquoted. Parquet files carry the run's
alignment signature in their key-value metadata (``tawazi_signature``). Nothing reads a
report back: a re-run reads the per-document files of the work folder, whose columns are
unchanged, so reports written before the renaming need no reader.

polars is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OptionError
from ..formats.atomic import atomic_write_files
from ..quality.fidelity import FLAG_CODES
from ..quality.verdict import document_verdict
from ..types import Alignment

if TYPE_CHECKING:
    import polars as pl

    from .run import DocResult

REPORT_FORMATS = (".parquet", ".tsv", ".csv")
#: Bead types given their own count column in the document table; the rest (4-1 to 8-1,
#: 1-4 to 1-8, 2-3, 3-2) are counted together in ``beads_larger``.
BEAD_TYPES = ("1-1", "1-0", "0-1", "2-1", "1-2", "2-2", "1-3", "3-1")
#: A bead scoring below this counts as low in the document table (see README: what 0.5 means).
LOW_SCORE = 0.5


#: Version of the columns of a document's stored bead table (``bead_table``), part of the
#: work folder's cache key (``run.job_key``); raise it when the columns change.
BEAD_TABLE_VERSION = 2

#: The key of the alignment signature in a parquet report's metadata.
SIGNATURE_KEY = "tawazi_signature"


def sql_name(name: str) -> str:
    """A column name SQL takes unquoted: characters other than letters, digits and ``_``
    become ``_``.

    >>> sql_name("beads_1-1"), sql_name("flag_number-mismatch")
    ('beads_1_1', 'flag_number_mismatch')
    """
    return re.sub(r"\W", "_", name)


def report_paths(report: str | Path) -> tuple[Path, Path]:
    """The bead table and the document table of a report path (``x.tsv`` -> ``x.docs.tsv``).

    Raises:
        OptionError: an extension that names no report format.
    """
    p = Path(report)
    if p.suffix.lower() not in REPORT_FORMATS:
        raise OptionError(f"cannot tell the report format of {str(p)!r} from its extension "
                          f"(use {', '.join(REPORT_FORMATS)})")
    return p, p.with_name(f"{p.stem}.docs{p.suffix}")


def bead_table(doc: str, al: Alignment) -> bytes:
    """The beads of one aligned document as parquet bytes (one row per bead)."""
    import polars as pl

    rows: dict[str, list[Any]] = {k: [] for k in (
        "doc", "bead", "type", "en_sents", "ar_sents", "en_start", "en_end", "ar_start",
        "ar_end", "score", "flags", "flag_details", "en_text", "ar_text", "verdict",
        "verdict_evidence")}
    judged = document_verdict(al)
    verdict, evidence = judged.label, judged.describe()
    for k, b in enumerate(al.beads):
        en, ar = al.bead_spans(b, "en"), al.bead_spans(b, "ar")
        rows["doc"].append(doc)
        rows["bead"].append(k)
        rows["type"].append(b.type)
        rows["en_sents"].append(len(b.en))
        rows["ar_sents"].append(len(b.ar))
        rows["en_start"].append(en[0][0] if en else None)
        rows["en_end"].append(en[-1][1] if en else None)
        rows["ar_start"].append(ar[0][0] if ar else None)
        rows["ar_end"].append(ar[-1][1] if ar else None)
        rows["score"].append(b.score)
        rows["flags"].append(list(b.flag_codes))
        rows["flag_details"].append("; ".join(f"{f.code}: {f.detail}" for f in b.flags))
        rows["en_text"].append(al.bead_text(b, "en"))
        rows["ar_text"].append(al.bead_text(b, "ar"))
        rows["verdict"].append(verdict)
        rows["verdict_evidence"].append(evidence)
    buf = io.BytesIO()
    pl.DataFrame(rows, schema=bead_table_schema()).write_parquet(buf)
    return buf.getvalue()


def bead_table_schema() -> dict[str, Any]:
    """The columns of a document's bead table (``bead_table``; ``mine_runs.pair_table``)."""
    import polars as pl

    return {
        "doc": pl.String, "bead": pl.Int32, "type": pl.String, "en_sents": pl.Int32,
        "ar_sents": pl.Int32, "en_start": pl.Int64, "en_end": pl.Int64, "ar_start": pl.Int64,
        "ar_end": pl.Int64, "score": pl.Float64, "flags": pl.List(pl.String),
        "flag_details": pl.String, "en_text": pl.String, "ar_text": pl.String,
        "verdict": pl.String, "verdict_evidence": pl.String,
    }


def document_table(bead_files: Sequence[Path], docs: pl.DataFrame) -> pl.LazyFrame:
    """Per-document summary: the documents of ``docs`` (columns ``doc``, ``en_path``,
    ``ar_path``, ``status``, ``error``), left-joined with their beads' aggregates."""
    import polars as pl

    if not bead_files:
        return docs.lazy()
    beads = pl.scan_parquet(list(bead_files))
    one_sided_en = pl.col("ar_sents") == 0
    one_sided_ar = pl.col("en_sents") == 0
    aggs = [
        pl.len().alias("beads"),
        pl.col("verdict").first().alias("verdict"),
        pl.col("verdict_evidence").first().alias("verdict_evidence"),
        pl.col("en_sents").sum().alias("en_sentences"),
        pl.col("ar_sents").sum().alias("ar_sentences"),
        *[(pl.col("type") == t).sum().alias(sql_name(f"beads_{t}")) for t in BEAD_TYPES],
        (~pl.col("type").is_in(BEAD_TYPES)).sum().alias("beads_larger"),
        pl.col("score").filter(~one_sided_en & ~one_sided_ar).mean().alias("mean_score"),
        pl.col("score").filter(~one_sided_en & ~one_sided_ar).min().alias("min_score"),
        (pl.col("score") < LOW_SCORE).sum().alias("low_score_beads"),
        *[pl.col("flags").list.contains(c).sum().alias(sql_name(f"flag_{c}"))
          for c in FLAG_CODES],
        pl.col("en_sents").filter(one_sided_en).sum().alias("unaligned_en"),
        pl.col("ar_sents").filter(one_sided_ar).sum().alias("unaligned_ar"),
    ]
    per_doc = (
        beads.group_by("doc").agg(aggs)
        .with_columns(
            (pl.col("unaligned_en") / pl.col("en_sentences")).alias("omission_rate"),
            (pl.col("unaligned_ar") / pl.col("ar_sentences")).alias("addition_rate"),
        )
    )
    # Rows in the order of the input documents: polars does not promise that a join keeps it.
    return (docs.lazy().with_row_index("_order").join(per_doc, on="doc", how="left")
            .sort("_order").drop("_order"))


def bead_rows(bead_files: Sequence[Path]) -> pl.LazyFrame:
    """All beads of the run, one lazy frame."""
    import polars as pl

    return pl.scan_parquet(list(bead_files))


def _flat(df: pl.DataFrame) -> pl.DataFrame:
    """List columns as ``code,code`` text, for TSV and CSV."""
    import polars as pl

    lists = [n for n, t in df.schema.items() if isinstance(t, pl.List)]
    return df.with_columns(pl.col(n).list.join(",") for n in lists)


def _render(df: pl.DataFrame, suffix: str, signature: str, excel: bool) -> bytes:
    buf = io.BytesIO()
    if suffix == ".parquet":
        df.write_parquet(buf, metadata={SIGNATURE_KEY: signature} if signature else None)
    else:
        _flat(df).write_csv(buf, separator="\t" if suffix == ".tsv" else ",",
                            include_bom=excel)
    return buf.getvalue()


def write_report(report: str | Path, beads: pl.LazyFrame | None, docs: pl.LazyFrame,
                 *, signature: str = "", excel: bool = False) -> tuple[Path, Path]:
    """Write the bead table and the document table next to each other, atomically, the
    ``signature`` in the metadata of parquet files (``SIGNATURE_KEY``), a byte-order mark
    first in TSV/CSV with ``excel``.

    Both files are rendered first and then renamed into place together (``atomic``), so an
    interrupted write leaves the previous report whole.
    """
    import polars as pl

    bead_path, doc_path = report_paths(report)
    suffix = bead_path.suffix.lower()
    bead_df = beads.collect() if beads is not None else pl.DataFrame()
    doc_df = docs.collect()
    atomic_write_files({bead_path: _render(bead_df, suffix, signature, excel),
                        doc_path: _render(doc_df, suffix, signature, excel)})
    return bead_path, doc_path


def worst_first(docs: pl.LazyFrame, top: int) -> list[dict[str, Any]]:
    """The ``top`` worst documents: failed ones first, then by mean score, lowest first."""
    import polars as pl

    cols = ["doc", "status", "error", "verdict", "beads", "mean_score", "min_score",
            "low_score_beads", "omission_rate", "addition_rate",
            *[sql_name(f"flag_{c}") for c in FLAG_CODES]]
    frame = docs.with_columns((pl.col("status") != "ok").alias("_failed"))
    names = frame.collect_schema().names()
    keys = [k for k in ("_failed", "mean_score") if k in names]  # no scores if all failed
    ordered = frame.sort(keys, descending=[True, False][: len(keys)], nulls_last=False)
    # One row per document, so the whole table is small; polars' ``head`` would overflow on
    # a ``top`` past its index type (``--top 999999999999``).
    rows: list[dict[str, Any]] = ordered.select([c for c in cols if c in names]) \
        .collect().to_dicts()
    return rows[: max(0, top)]


def not_parallel(docs: pl.LazyFrame) -> list[DocResult]:
    """The documents whose verdict is not ``parallel``, in the table's order, as results
    carrying the verdict and its evidence (those aligned in an earlier run too)."""
    import polars as pl

    from .run import DocResult

    if "verdict" not in docs.collect_schema().names():  # every document failed
        return []
    rows = (docs.filter(pl.col("verdict").is_not_null() & (pl.col("verdict") != "parallel"))
            .select("doc", "verdict", "verdict_evidence").collect().to_dicts())
    return [DocResult(r["doc"], None, verdict=r["verdict"],
                      verdict_evidence=r["verdict_evidence"] or "") for r in rows]
