"""The signature: one line naming everything that produced an alignment and its scores.

It is built here and nowhere else (alignments, re-checks, re-alignments of a reviewed
session, batch cache keys), so that two results with equal signatures were made by the same
model. Like sacrebleu's ``Signature``, it is read off the model itself rather than written
out by hand:

* the options, by walking ``dataclasses.fields`` of ``AlignConfig`` recursively (``params:``);
  a field added later is hashed without anyone touching this module;
* the fitted tables, by reading every upper-case module constant of the modules that hold
  them (``fidelity:`` the fidelity coefficients, features, length model, flag
  thresholds, units, currencies and contrast sets, and the document verdict's thresholds;
  ``cues:`` the boundary-cue weights and word lists; ``split:`` the splitter's
  abbreviation tables and rules, the Arabic tables, web clutter and reading, HTML, DOCX and
  ODT text extraction; ``keys:`` the
  match keys, mentions, names, number words and lexicon look-up rules; ``norm:`` the
  normalisation tables); a constant added to
  one of them is hashed too. The constants are read when the signature is made, not at
  import, so a refit (or a test's monkeypatch) changes it;
* the lexicon, by the sha of its table (``lexicon:``).

A few readable fields (version, beads, band, length and lexical weights) come first so that a
person can tell two runs apart at a glance; the hashes make it exact (``params`` covers
the readable fields again, with every other option).

Convention this relies on: in those table modules, an upper-case module-level name is a table
of the model (caches there have lower-case names or live in ``functools`` caches).

Layering: this module sits with ``pipeline`` (it reads tables of ``text``, ``search`` and
``quality``); lower layers never import it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from types import ModuleType

from . import __version__
from .config import AlignConfig
from .evidence import features, keys, lexicon, mentions, names, numwords
from .quality import (
    bead_evidence,
    contrasts,
    expected,
    fidelity,
    measures,
    romanised,
    terms,
    verdict,
)
from .search import boundary_cues, refine
from .text import (
    arabic,
    camel,
    clutter,
    decode,
    htmltext,
    isnad,
    normalize,
    office,
    readers,
    segment,
    stopwords,
    subtitles,
    wrap,
)

#: Signature field -> modules whose upper-case constants are that field's fitted tables.
TABLE_MODULES: tuple[tuple[str, tuple[ModuleType, ...]], ...] = (
    ("fidelity", (fidelity, bead_evidence, expected, measures, contrasts, romanised, terms,
                  verdict)),
    ("cues", (boundary_cues, refine)),
    ("split", (arabic, clutter, decode, readers, segment, htmltext, office, subtitles,
               wrap)),
    ("keys", (keys, features, lexicon, mentions, names, numwords, stopwords, isnad)),
    ("norm", (normalize, camel)),
)

#: What the ``norm:`` hash covers, for a person reading the signature.
NORM_LABEL = "camel-dediac+alef+yaa+teh"

_CONSTANT = re.compile(r"^_?[A-Z][A-Z0-9_]*$")


def canonical(value: object) -> object:
    """A plain, order-stable form of ``value`` whose ``repr`` is its identity.

    Dataclasses become ``(class name, ((field, value), ...))`` from ``dataclasses.fields``;
    mappings and sets are sorted; a regex is its pattern and flags. A type that has no
    stable form raises ``TypeError``, so that a new kind of constant is noticed rather than
    silently left out of the signature.
    """
    if value is None or isinstance(value, bool | int | float | str | bytes):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple(
            (f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value)
        ))
    if isinstance(value, Mapping):
        items = [(canonical(k), canonical(v)) for k, v in value.items()]
        return ("map", tuple(sorted(items, key=repr)))
    if isinstance(value, frozenset | set):
        return ("set", tuple(sorted((canonical(v) for v in value), key=repr)))
    if isinstance(value, tuple | list):
        return tuple(canonical(v) for v in value)
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if isinstance(value, PurePath):
        return ("path", value.as_posix())
    raise TypeError(f"no stable form for a signature: {type(value).__name__}")


def digest(value: object) -> str:
    """Short hash (8 hex digits) of ``canonical(value)``."""
    return hashlib.sha256(repr(canonical(value)).encode("utf-8")).hexdigest()[:8]


#: module name -> the names of its upper-case constants, found once: the names are fixed by
#: the code, only their values may be rebound (a refit, a test's monkeypatch).
_constant_names: dict[str, tuple[str, ...]] = {}


def module_tables(modules: Iterable[ModuleType]) -> dict[str, object]:
    """Every upper-case constant of ``modules``, as ``module.NAME -> value``, read now."""
    out: dict[str, object] = {}
    for mod in modules:
        names = _constant_names.get(mod.__name__)
        if names is None:
            names = _constant_names[mod.__name__] = tuple(
                name for name, value in vars(mod).items()
                if _CONSTANT.match(name) and not isinstance(value, ModuleType | type))
        for name in names:
            out[f"{mod.__name__}.{name}"] = getattr(mod, name)
    return out


#: field -> (the table objects last hashed, their hash). Hashing every table takes a few
#: milliseconds, a tenth of aligning a short document, and the tables almost never change
#: within a process. A table is taken as unchanged only while every constant is the very
#: same object (the cache holds them, so their ids cannot be reused); a refit or a test's
#: monkeypatch binds a new object and is hashed afresh.
_hashed: dict[str, tuple[tuple[tuple[str, object], ...], str]] = {}


def _field_hash(field: str, modules: Iterable[ModuleType]) -> str:
    tables = tuple(module_tables(modules).items())
    seen = _hashed.get(field)
    if seen is not None and len(seen[0]) == len(tables) and all(
            a[0] == b[0] and a[1] is b[1] for a, b in zip(seen[0], tables, strict=True)):
        return seen[1]
    value = digest(dict(tables))
    _hashed[field] = (tables, value)
    return value


def table_hashes() -> dict[str, str]:
    """Hash of each field's fitted tables (see ``TABLE_MODULES``)."""
    return {field: _field_hash(field, mods) for field, mods in TABLE_MODULES}


def fidelity_hash() -> str:
    """Hash of the fidelity model (coefficients, features, length model, thresholds)."""
    return table_hashes()["fidelity"]


#: The config last hashed and its digest: a process aligns its documents with one config
#: object (``pipeline``'s default, a command's), and hashing it took as long as the rest
#: of the signature. Held, so its id cannot be reused; frozen, so it cannot change.
_config_seen: list[tuple[AlignConfig, str]] = []


def _config_digest(config: AlignConfig) -> str:
    if _config_seen and _config_seen[0][0] is config:
        return _config_seen[0][1]
    value = digest(config)
    _config_seen[:] = [(config, value)]
    return value


def alignment_signature(config: AlignConfig, lexicon_sha: str) -> str:
    """``key:value|...`` naming everything needed to reproduce an alignment and its scores.

    >>> sig = alignment_signature(AlignConfig(), "abc")
    >>> sig.startswith("tawazi:"), "|lexicon:abc|" in sig, "|fidelity:" in sig
    (True, True, True)
    """
    beads = ",".join(f"{a}-{b}" for a, b in config.beads)
    c = config.cost
    tables = table_hashes()
    tables["norm"] = f"{NORM_LABEL}/{tables['norm']}"
    return "|".join(
        [
            f"tawazi:{__version__}",
            f"beads:{beads}",
            f"band:{config.half_width}",
            f"len:{c.len_sigma:g}/{c.len_sigma_bg:g}*{c.w_len:g}",
            f"lex:{c.w_lex:g}",
            f"edge:{c.edge_bonus:g}/{c.edge_span}",
            f"params:{_config_digest(config)}",
            f"lexicon:{lexicon_sha}",
            *(f"{field}:{value}" for field, value in tables.items()),
        ]
    )


def parse_signature(signature: str) -> dict[str, str]:
    """The fields of a signature, ``{"tawazi": "0.1.0", "beads": ..., ...}``."""
    out: dict[str, str] = {}
    for part in signature.split("|"):
        key, sep, value = part.partition(":")
        if sep:
            out[key] = value
    return out
