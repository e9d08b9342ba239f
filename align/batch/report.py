"""The tables of a batch run, built with polars: one row per bead, one row per document.

A worker turns each document's beads into plain columns (``bead_columns``); the parent stores
them, a chunk of documents per parquet part, in the work folder (``store.py``). The report is
then a lazy scan over those parts, aggregated per document with polars expressions
(``document_table``), and streamed to the format of the report's extension
(``write_report``), so that neither table is ever held whole:

- ``REPORT.parquet`` (beads) and ``REPORT.docs.parquet`` (documents);
- ``REPORT.tsv`` / ``REPORT.docs.tsv`` and ``REPORT.csv`` / ``REPORT.docs.csv``, with the flag
  list written as ``code,code``, in the dialect of every tawazi table (RFC 4180 quoting, see
  ``formats.tsv``); ``excel`` starts them with a UTF-8 byte-order mark.

Column names are SQL identifiers (``beads_1_1``, ``flag_number_mismatch``: ``sql_name``), so
that DuckDB, SQLite or polars' SQL read them unquoted. Parquet files carry the run's
alignment signature in their key-value metadata (``tawazi_signature``). Nothing reads a
report back: a re-run reads the parts of the work folder.

polars is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OptionError
from ..formats.atomic import atomic_write_streams
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

#: Rows per row group of every parquet table a batch run streams (memory only: the rows are
#: the same). polars' writer holds a whole row group before writing it, 512**2 rows by
#: default: the bead table of 75,000 small documents, so without this the parent's peak
#: grew with the run until then (measured: +31 MiB for 70,000 beads, 20,000 documents).
ROW_GROUP_ROWS = 10_000


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


def bead_columns(al: Alignment) -> dict[str, list[Any]]:
    """The beads of one aligned document as plain columns (one entry per bead), without the
    document's name: what a worker sends back (``run.align_job``). Plain lists rather than a
    polars frame, so that a worker forked from a process that has used polars never calls
    into polars' thread pool, whose locks the fork may have copied held."""
    rows: dict[str, list[Any]] = {k: [] for k in bead_table_schema() if k != "doc"}
    judged = document_verdict(al)
    verdict, evidence = judged.label, judged.describe()
    for k, b in enumerate(al.beads):
        en, ar = al.bead_spans(b, "en"), al.bead_spans(b, "ar")
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
    return rows


def bead_table(doc: str, al: Alignment) -> bytes:
    """The beads of one aligned document as parquet bytes (one row per bead)."""
    import polars as pl

    cols = bead_columns(al)
    rows = {"doc": [doc] * len(cols["bead"]), **cols}
    buf = io.BytesIO()
    pl.DataFrame(rows, schema=bead_table_schema()).write_parquet(buf)
    return buf.getvalue()


#: The columns of a document's bead table, in order (``bead_table_schema`` gives their
#: types). Plain names, so that the batch parent can lay out its rows without importing
#: polars, whose threads start at import, before it forks its workers.
BEAD_COLUMNS = ("doc", "bead", "type", "en_sents", "ar_sents", "en_start", "en_end",
                "ar_start", "ar_end", "score", "flags", "flag_details", "en_text", "ar_text",
                "verdict", "verdict_evidence")
#: The columns of the stored results (``result_schema``).
RESULT_COLUMNS = ("key", *BEAD_COLUMNS[1:])


def bead_table_schema() -> dict[str, Any]:
    """The columns of a document's bead table (``bead_table``, ``bead_columns``;
    ``mine_runs.pair_columns``)."""
    import polars as pl

    types = (pl.String, pl.Int32, pl.String, pl.Int32, pl.Int32, pl.Int64, pl.Int64,
             pl.Int64, pl.Int64, pl.Float64, pl.List(pl.String), pl.String, pl.String,
             pl.String, pl.String, pl.String)
    return dict(zip(BEAD_COLUMNS, types, strict=True))


def result_schema() -> dict[str, Any]:
    """The columns of the stored results (``store.py``): a document's ``key`` and its bead
    rows; the name comes from the run, since one result serves every document with the same
    inputs."""
    import polars as pl

    return {"key": pl.String, **{k: v for k, v in bead_table_schema().items() if k != "doc"}}


def document_table(beads: pl.LazyFrame, docs: pl.LazyFrame, on: str = "key") -> pl.LazyFrame:
    """Per-document summary: the rows of ``docs`` (columns ``doc``, ``en_path``, ``ar_path``,
    ``status``, ``error`` and ``on``), in their order, left-joined on ``on`` with the
    aggregates of their beads; the ``on`` column itself is left out unless it is ``doc``."""
    import polars as pl

    one_sided_en = pl.col("ar_sents") == 0
    one_sided_ar = pl.col("en_sents") == 0
    two_sided = ~one_sided_en & ~one_sided_ar
    aggs = [
        pl.len().alias("beads"),
        pl.col("verdict").first().alias("verdict"),
        pl.col("verdict_evidence").first().alias("verdict_evidence"),
        pl.col("en_sents").sum().alias("en_sentences"),
        pl.col("ar_sents").sum().alias("ar_sentences"),
        *[(pl.col("type") == t).sum().alias(sql_name(f"beads_{t}")) for t in BEAD_TYPES],
        (~pl.col("type").is_in(BEAD_TYPES)).sum().alias("beads_larger"),
        # In bead order: a float sum depends on the order of its terms, and the rows of a
        # document may reach the aggregation in any order (threads, parts), which would
        # change the last digit of the mean from one run to the next.
        pl.col("score").filter(two_sided).sort_by(pl.col("bead").filter(two_sided))
        .mean().alias("mean_score"),
        pl.col("score").filter(two_sided).min().alias("min_score"),
        (pl.col("score") < LOW_SCORE).sum().alias("low_score_beads"),
        *[pl.col("flags").list.contains(c).sum().alias(sql_name(f"flag_{c}"))
          for c in FLAG_CODES],
        pl.col("en_sents").filter(one_sided_en).sum().alias("unaligned_en"),
        pl.col("ar_sents").filter(one_sided_ar).sum().alias("unaligned_ar"),
    ]
    wanted = docs.select(pl.col(on).unique().drop_nulls())
    per_doc = (
        beads.join(wanted, on=on, how="semi").group_by(on).agg(aggs)
        .with_columns(
            (pl.col("unaligned_en") / pl.col("en_sentences")).alias("omission_rate"),
            (pl.col("unaligned_ar") / pl.col("ar_sentences")).alias("addition_rate"),
        )
    )
    # Rows in the order of the input documents: polars does not promise that a join keeps it.
    table = (docs.with_row_index("_order").join(per_doc, on=on, how="left")
             .sort("_order").drop("_order"))
    return table if on == "doc" else table.drop(on)


def _sink(frame: pl.LazyFrame, path: Path, suffix: str, signature: str, excel: bool) -> None:
    """Write a table with polars' streaming engine, so that it never has to be held whole."""
    if suffix == ".parquet":
        sink_parquet(frame, path, {SIGNATURE_KEY: signature} if signature else None)
    else:
        lists = [n for n, t in frame.collect_schema().items() if _is_list(t)]
        if lists:
            import polars as pl

            frame = frame.with_columns(pl.col(n).list.join(",") for n in lists)
        frame.sink_csv(path, separator="\t" if suffix == ".tsv" else ",", include_bom=excel,
                       engine="streaming")


def sink_parquet(frame: pl.LazyFrame, path: Path, metadata: dict[str, str] | None = None
                 ) -> None:
    """Stream ``frame`` to a parquet file, ``ROW_GROUP_ROWS`` rows at a time."""
    frame.sink_parquet(path, metadata=metadata, row_group_size=ROW_GROUP_ROWS,
                       engine="streaming")


def _is_list(dtype: Any) -> bool:
    import polars as pl

    return isinstance(dtype, pl.List)


def write_report(report: str | Path, beads: pl.LazyFrame | None, docs: pl.LazyFrame,
                 *, signature: str = "", excel: bool = False) -> tuple[Path, Path]:
    """Write the bead table and the document table next to each other, atomically, the
    ``signature`` in the metadata of parquet files (``SIGNATURE_KEY``), a byte-order mark
    first in TSV/CSV with ``excel``.

    Both tables are streamed to temporary files by polars (a report of millions of rows is
    never held in memory) and then renamed into place together
    (``atomic.atomic_write_streams``), so an interrupted write leaves the previous report
    whole.
    """
    import polars as pl

    bead_path, doc_path = report_paths(report)
    suffix = bead_path.suffix.lower()
    bead_frame = beads if beads is not None else pl.DataFrame().lazy()

    def writer(frame: pl.LazyFrame) -> Callable[[Path], None]:
        def write(tmp: Path) -> None:
            try:
                _sink(frame, tmp, suffix, signature, excel)
            except pl.exceptions.PolarsError as exc:  # a full disk reaches us through polars
                raise OSError(" ".join(str(exc).split()[:30])) from None
        return write

    atomic_write_streams({bead_path: writer(bead_frame), doc_path: writer(docs)})
    return bead_path, doc_path


def worst_first(docs: pl.LazyFrame, top: int) -> list[dict[str, Any]]:
    """The ``top`` worst documents: failed ones first, then those without a score, then by
    mean score, lowest first; ties in document order.

    Three streaming queries that each keep ``top`` rows, rather than one sort of every
    document (a run may have millions).
    """
    import polars as pl

    cols = ["doc", "status", "error", "verdict", "beads", "mean_score", "min_score",
            "low_score_beads", "omission_rate", "addition_rate",
            *[sql_name(f"flag_{c}") for c in FLAG_CODES]]
    names = docs.collect_schema().names()
    frame = docs.select([c for c in cols if c in names]).with_row_index("_order")
    want = min(max(0, top), 2**31 - 1)  # polars' ``head`` takes at most its index type
    failed = pl.col("status") != "ok"
    rows: list[dict[str, Any]] = []
    for part in (frame.filter(failed), frame.filter(~failed & pl.col("mean_score").is_null()),
                 frame.filter(~failed & pl.col("mean_score").is_not_null())
                 .bottom_k(max(0, want), by=["mean_score", "_order"])
                 .sort(["mean_score", "_order"])):
        if len(rows) >= want:
            break
        got = part.head(want - len(rows)).collect(engine="streaming").drop("_order")
        rows += got.to_dicts()
    return rows


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
