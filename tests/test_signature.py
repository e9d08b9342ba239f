"""The signature names the whole model: every config field, every fitted table; the config is
frozen and hashable; batch caches, re-alignments and outputs carry the same signature."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from tawazi.align.batch.run import (
    BatchRun,
    DocJob,
    job_key,
    model_signature,
    run_batch,
    write_batch_report,
)
from tawazi.align.config import AlignConfig, CostParams, Priors, RefineParams, ResearchParams
from tawazi.align.errors import OptionError
from tawazi.align.evidence import keys, names
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.formats.jsonl import render_jsonl
from tawazi.align.formats.options import WriteOptions
from tawazi.align.pipeline import align_pair, recheck
from tawazi.align.quality import bead_evidence, fidelity
from tawazi.align.review.edit import realign_unapproved
from tawazi.align.search import boundary_cues
from tawazi.align.signature import alignment_signature, canonical, digest, parse_signature
from tawazi.align.text import clutter, normalize, segment
from tawazi.align.types import Document

ROOT = Path(__file__).resolve().parent.parent

EN = [
    "The minister resigned on Monday after a long dispute.",
    "The crash killed 151 people in the north of the country.",
    "Rescue teams worked through the night to reach the survivors.",
    "The government promised an inquiry into the causes of the disaster.",
]
AR = [
    "استقال الوزير يوم الاثنين بعد خلاف طويل.",
    "أسفر الحادث عن مقتل ١٥١ شخصا في شمال البلاد.",
    "عملت فرق الإنقاذ طوال الليل للوصول إلى الناجين.",
    "وعدت الحكومة بإجراء تحقيق في أسباب الكارثة.",
]


@pytest.fixture(scope="module")
def sha() -> str:
    return load_lexicon().sha


# ------------------------------------------------------------------ every field of the config


def _leaf_paths(obj: object, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Paths to every non-dataclass field, found through ``dataclasses.fields``."""
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            yield from _leaf_paths(value, (*prefix, f.name))
        else:
            yield (*prefix, f.name)


def _changed(value: object) -> object:
    """A different, still valid value of the same type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 0.9 if value else 0.5
    if isinstance(value, Priors):
        d = dict(value)
        d[(2, 2)] *= 0.5
        return Priors(d)
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return value[:-1]  # a bead set without its last type
    raise AssertionError(f"no changed value for {value!r}: teach _changed this type")


def _replace_at(obj: object, path: tuple[str, ...], new: object) -> object:
    head, *rest = path
    value = new if not rest else _replace_at(getattr(obj, head), tuple(rest), new)
    return dataclasses.replace(obj, **{head: value})  # type: ignore[type-var]


def _get_at(obj: object, path: tuple[str, ...]) -> object:
    for name in path:
        obj = getattr(obj, name)
    return obj


PATHS = list(_leaf_paths(AlignConfig()))


def test_the_walk_finds_every_config_object() -> None:
    # beads, band, full_cells, 11 cost weights, 2 refine, 3 research numbers.
    assert len(PATHS) >= 19
    assert {p[0] for p in PATHS} >= {"beads", "half_width", "full_cells", "cost", "refine",
                                     "research", "coarse"}


@pytest.mark.parametrize("path", PATHS, ids=".".join)
def test_each_config_field_changes_the_signature(path: tuple[str, ...], sha: str) -> None:
    base = AlignConfig()
    other = _replace_at(base, path, _changed(_get_at(base, path)))
    assert isinstance(other, AlignConfig)
    assert other != base
    assert alignment_signature(other, sha) != alignment_signature(base, sha)
    assert parse_signature(alignment_signature(other, sha))["params"] != parse_signature(
        alignment_signature(base, sha))["params"]


# ---------------------------------------------------------------------------- fitted tables


@pytest.mark.parametrize(("module", "name", "field"), [
    (fidelity, "COEF", "fidelity"),
    (fidelity, "_Z_OUTLIER", "fidelity"),
    (bead_evidence, "LEN_VAR_A", "fidelity"),
    (bead_evidence, "LEN_MU", "fidelity"),
    (boundary_cues, "WEIGHTS", "cues"),
    (segment, "_EN_ABBREV", "split"),
    (segment, "_END_RE", "split"),
    (normalize, "CLITICS_STEM", "norm"),
    (keys, "AR_MONTHS", "keys"),
    (names, "_COARSE", "keys"),
    (clutter, "_MAX_LINE", "split"),
])
def test_a_changed_table_changes_its_hash(monkeypatch: pytest.MonkeyPatch, sha: str,
                                          module: object, name: str, field: str) -> None:
    base = parse_signature(alignment_signature(AlignConfig(), sha))
    value = getattr(module, name)
    if isinstance(value, tuple) and value and isinstance(value[0], float):
        new: object = (value[0] + 0.5, *value[1:])
    elif isinstance(value, float):
        new = value + 0.01
    elif isinstance(value, int):
        new = value + 1
    elif isinstance(value, dict):
        new = {**value, "xyz": next(iter(value.values()))}
    elif isinstance(value, frozenset):
        new = value | {"Xyz"}
    elif isinstance(value, tuple):
        new = (*value, "xyz")
    else:
        import re

        new = re.compile(value.pattern + "?")
    monkeypatch.setattr(module, name, new)
    after = parse_signature(alignment_signature(AlignConfig(), sha))
    assert after[field] != base[field]
    assert {k: v for k, v in after.items() if k != field} == {
        k: v for k, v in base.items() if k != field}


def test_the_scorer_uses_the_coefficients_the_signature_hashes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    before, _, _ = fidelity.score_bead(EN[1], AR[1])
    monkeypatch.setattr(fidelity, "COEF", (fidelity.COEF[0] - 8.0, *fidelity.COEF[1:]))
    after, _, _ = fidelity.score_bead(EN[1], AR[1])
    assert before > 0.5 > after


def test_the_signature_is_stable_across_an_alignment(sha: str) -> None:
    # The hashed tables are read when the signature is made: no cache may be among them.
    before = alignment_signature(AlignConfig(), sha)
    al = align_pair(Document(" ".join(EN), "en"), Document(" ".join(AR), "ar"))
    assert al.signature == before == alignment_signature(AlignConfig(), sha)


def test_head_is_readable_and_every_part_is_named(sha: str) -> None:
    fields = parse_signature(alignment_signature(AlignConfig(), sha))
    assert list(fields)[:2] == ["tawazi", "beads"]
    assert fields["lexicon"] == sha
    for key in ("params", "fidelity", "cues", "split"):
        assert len(fields[key]) == 8 and int(fields[key], 16) >= 0
    assert fields["norm"].startswith("camel-dediac")


def test_canonical_form_refuses_what_it_cannot_hash() -> None:
    with pytest.raises(TypeError):
        canonical(object())
    assert digest({"b": 1, "a": 2}) == digest({"a": 2, "b": 1})
    assert digest(frozenset("ab")) == digest(frozenset("ba"))
    assert digest((1, 2)) != digest((2, 1))


# ------------------------------------------------------------------ frozen, hashable, valid


def test_equal_configs_give_equal_signatures_and_hashes(sha: str) -> None:
    a = AlignConfig()
    b = AlignConfig(cost=CostParams(priors=Priors(dict(reversed(list(a.cost.priors.items()))))))
    assert a == b and hash(a) == hash(b)
    assert alignment_signature(a, sha) == alignment_signature(b, sha)
    assert {a: 1}[b] == 1
    c = pickle.loads(pickle.dumps(a))  # batch workers get the config pickled
    assert c == a and hash(c) == hash(a)
    assert alignment_signature(c, sha) == alignment_signature(a, sha)


def test_priors_cannot_be_changed() -> None:
    cfg = AlignConfig()
    priors = cfg.cost.priors
    with pytest.raises(TypeError):
        priors[(2, 2)] = 0.5  # type: ignore[index]
    with pytest.raises(TypeError):
        del priors[(2, 2)]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        priors._items = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.cost.w_lex = 2.0  # type: ignore[misc]
    # A dict given to the config is copied and frozen: changing it later changes nothing.
    source = dict(priors)
    cost = CostParams(priors=source)  # type: ignore[arg-type]
    del source[(2, 2)]
    assert (2, 2) in cost.priors and isinstance(cost.priors, Priors)
    assert AlignConfig(cost=cost) == cfg


def _without(key: tuple[int, int]) -> Priors:
    return Priors({k: v for k, v in CostParams().priors.items() if k != key})


@pytest.mark.parametrize("make", [
    lambda: CostParams(priors=Priors({**CostParams().priors, (1, 1): 0.0})),
    lambda: CostParams(priors=Priors({**CostParams().priors, (1, 1): -0.1})),
    lambda: CostParams(priors=Priors({**CostParams().priors, (1, 1): 0.99})),  # sum > 1
    lambda: CostParams(priors=Priors({})),
    lambda: CostParams(len_sigma=0.0),
    lambda: CostParams(len_sigma_bg=-1.0),
    lambda: CostParams(len_smooth=0.0),
    lambda: CostParams(w_lex=float("nan")),
    lambda: CostParams(w_len=-1.0),
    lambda: CostParams(lex_t=1.0),
    lambda: CostParams(edge_span=-1),
    lambda: RefineParams(margin=-1.0),
    lambda: RefineParams(q=0.0),
    lambda: ResearchParams(passes=-1),
    lambda: ResearchParams(min_share=1.5),
    lambda: ResearchParams(min_cuts=-1),
    lambda: AlignConfig(cost=CostParams(priors=_without((2, 2)))),
    lambda: AlignConfig(beads=((1, 1), (1, 1))),
    lambda: AlignConfig(full_cells=-1),
    lambda: AlignConfig(half_width=4),
])
def test_invalid_values_fail_when_the_config_is_made(make: object) -> None:
    with pytest.raises(OptionError):
        make()  # type: ignore[operator]


def test_importing_the_config_loads_no_compute_module() -> None:
    probe = ("import sys, tawazi.align.config\n"
             "print(sorted(m for m in sys.modules if m == 'numpy' or m.startswith(("
             "'tawazi.align.search', 'tawazi.align.quality', "
             "'tawazi.align.evidence', 'tawazi.align.text', "
             "'tawazi.align.pipeline', 'tawazi.align.signature', "
             "'polars'))))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ one signature everywhere


def test_outputs_and_rechecks_carry_the_signature(sha: str) -> None:
    sig = alignment_signature(AlignConfig(), sha)
    al = align_pair(Document(" ".join(EN), "en"), Document(" ".join(AR), "ar"))
    assert al.signature == sig
    assert json.loads(render_jsonl(al, WriteOptions()).splitlines()[0])["signature"] == sig
    old = dataclasses.replace(al, signature="tawazi:0.0.1|old")
    assert recheck(old).signature == sig


def test_realigning_a_review_gives_the_signature_of_a_fresh_alignment() -> None:
    cfg = AlignConfig(cost=CostParams(w_lex=0.9))
    al = align_pair(Document(" ".join(EN), "en"), Document(" ".join(AR), "ar"))
    stale = dataclasses.replace(al, signature="tawazi:0.0.1|old")
    again = realign_unapproved(stale, cfg)
    fresh = align_pair(Document(" ".join(EN), "en"), Document(" ".join(AR), "ar"), cfg)
    assert again.signature == fresh.signature != al.signature
    assert "|fidelity:" in again.signature


def _job(tmp_path: Path) -> DocJob:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    en, ar = folder / "doc.en.txt", folder / "doc.ar.txt"
    en.write_text(" ".join(EN) + "\n", encoding="utf-8")
    ar.write_text(" ".join(AR) + "\n", encoding="utf-8")
    return DocJob("doc", en, ar)


def test_job_key_changes_with_the_fidelity_model(tmp_path: Path, sha: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    job = _job(tmp_path)
    key = job_key(job, model_signature(AlignConfig(), sha), False)
    assert key == job_key(job, model_signature(AlignConfig(), sha), False)
    assert key != job_key(job, model_signature(AlignConfig(half_width=31), sha), False)
    monkeypatch.setattr(fidelity, "COEF", (*fidelity.COEF[:-1], fidelity.COEF[-1] + 0.1))
    assert key != job_key(job, model_signature(AlignConfig(), sha), False)


def test_a_batch_rescores_when_the_model_changes(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [_job(tmp_path)]
    report = tmp_path / "report.parquet"

    def scores(run: BatchRun) -> list[float]:
        write_batch_report(run, report)
        return pl.read_parquet(report)["score"].to_list()

    first = run_batch(jobs, report, AlignConfig(), workers=1)
    assert (first.aligned, first.skipped) == (1, 0) and min(scores(first)) > 0.5
    cached = run_batch(jobs, report, AlignConfig(), workers=1)
    assert (cached.aligned, cached.skipped) == (0, 1) and scores(cached) == scores(first)
    # A refit of the scorer: the cached scores are stale and must not be served.
    monkeypatch.setattr(fidelity, "COEF", (fidelity.COEF[0] - 8.0, *fidelity.COEF[1:]))
    refit = run_batch(jobs, report, AlignConfig(), workers=1)
    assert (refit.aligned, refit.skipped) == (1, 0)
    assert max(scores(refit)) < 0.5


def test_the_table_hashes_do_not_depend_on_the_hash_seed() -> None:
    # A pattern built from a set in its iteration order changed with PYTHONHASHSEED, and
    # with it every signature: batch runs stopped finding their finished documents.
    probe = ("from tawazi.align.signature import table_hashes\n"
             "print(sorted(table_hashes().items()))\n")
    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                             text=True, timeout=120, env=env)
        assert out.returncode == 0, out.stderr
        outs.add(out.stdout.strip())
    assert len(outs) == 1, outs
