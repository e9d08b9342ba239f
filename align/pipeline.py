"""From two documents to an alignment: split, compute features, band, costs, search."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple, ParamSpec, TypeVar

import numpy as np
from numpy.typing import NDArray

from .config import AlignConfig
from .evidence.coverage import KeyedSide
from .evidence.features import (
    Unit,
    UnitCache,
    Vocabulary,
    keyed_side,
)
from .evidence.learned import learned_cache
from .evidence.lexicon import Lexicon, load_lexicon
from .quality.fidelity import score_alignment
from .search.band import Band
from .search.costs import report_marks, shared_paragraphs
from .search.detach import detach_absorbed
from .search.lexre import learn_pairs
from .search.model import SearchModel, search_stretch, search_with_model
from .search.paragraphs import paragraph_bound
from .search.refine import split_run_on
from .search.run import choose_band, edge_eligible, sentence_lengths
from .signature import alignment_signature
from .text.limits import Limits
from .text.segment import split_document
from .types import Alignment, Bead, Document, Sentence

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: The config of a call that gives none: one object, so that its signature digest is made
#: once per process (``signature``), not once per document.
_DEFAULT_CONFIG = AlignConfig()

#: Key of ``Alignment.meta``: how many paragraph anchors (sentence corners of confidently
#: matched paragraphs, ``search.paragraphs``) bounded the last search; present when both
#: sides show paragraphs.
ANCHORS_KEY = "paragraph_anchors"



_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """``fn`` run with Python's cycle collector paused, then restored as it was.

    Aligning makes hundreds of thousands of small objects (a unit per word, lists, key
    sets) that form no cycles, and every collection the allocations trigger walks every
    object alive, the lexicon's table and the per-word memos among them: a sixth of the
    time of a 2,000-sentence document, for no garbage. Reference counting still frees
    everything as before; the few cycles made meanwhile wait for the next collection. The
    lexicon's loader pauses the collector for the same reason. Nested and concurrent calls
    are safe: the collector is turned on again only by the call that turned it off."""

    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return run


@collector_paused
def align_sentences(
    en_doc: Document,
    ar_doc: Document,
    en_sents: tuple[Sentence, ...],
    ar_sents: tuple[Sentence, ...],
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
    limits: Limits | None = None,
) -> Alignment:
    """Align already split sentences and score every bead (see ``align_pair``)."""
    _check_counts(en_doc, ar_doc, en_sents, ar_sents, limits)
    config = config or _DEFAULT_CONFIG
    lexicon = lexicon or load_lexicon()
    units = UnitCache(lexicon)
    al, model = _search(en_doc, ar_doc, en_sents, ar_sents, config, lexicon, units=units)
    return score_alignment(_detach(al, model, config, units), lexicon, units)


def _check_counts(en_doc: Document, ar_doc: Document, en_sents: tuple[Sentence, ...],
                  ar_sents: tuple[Sentence, ...], limits: Limits | None) -> None:
    """Refuse a side over ``limits.max_sentences`` before any feature is computed: the
    search's memory grows with the sentence count, which the byte limit does not bound."""
    if limits is not None:
        limits.check_sentences(len(en_sents), "en", en_doc.path)
        limits.check_sentences(len(ar_sents), "ar", ar_doc.path)


def _keyed(
    en_sents: tuple[Sentence, ...],
    ar_sents: tuple[Sentence, ...],
    config: AlignConfig,
    lexicon: Lexicon,
    vocab: Vocabulary | None = None,
    units: UnitCache | None = None,
) -> tuple[KeyedSide, KeyedSide, FloatArray, FloatArray, Band]:
    """What the search reads of two runs of sentences: keyed sides, lengths and the band
    (the sentences' units from ``units``, the pipeline's one ``UnitCache``)."""
    en_side, ar_side = _sides(en_sents, ar_sents, UnitCache.of(lexicon, units), config, vocab)
    len_en, len_ar = sentence_lengths(en_sents), sentence_lengths(ar_sents, config.isnad)
    return en_side, ar_side, len_en, len_ar, choose_band(en_side, ar_side, len_en, len_ar,
                                                         config)


def _sides(en_sents: tuple[Sentence, ...], ar_sents: tuple[Sentence, ...], cache: UnitCache,
           config: AlignConfig, vocab: Vocabulary | None = None
           ) -> tuple[KeyedSide, KeyedSide]:
    """Both sides keyed from the units of ``cache``, the Arabic as the search weighs them
    (chains of transmission abridged, ``UnitCache.units_ar_search``)."""
    vocab = vocab or Vocabulary()
    return (keyed_side((cache.units_en(s.text) for s in en_sents), vocab),
            keyed_side((cache.units_ar_search(s.text, config.isnad) for s in ar_sents), vocab))


def _paragraphs(en_sents: tuple[Sentence, ...], ar_sents: tuple[Sentence, ...],
                config: AlignConfig) -> tuple[FloatArray, FloatArray] | None:
    marks = shared_paragraphs([s.paragraph for s in en_sents],
                              [s.paragraph for s in ar_sents],
                              [s.text for s in en_sents], [s.text for s in ar_sents],
                              config.cost.heading_cross)
    return report_marks(marks, len(en_sents), [s.text for s in ar_sents], config.isnad)


def _search(
    en_doc: Document,
    ar_doc: Document,
    en_sents: tuple[Sentence, ...],
    ar_sents: tuple[Sentence, ...],
    config: AlignConfig,
    lexicon: Lexicon,
    units: UnitCache | None = None,
) -> tuple[Alignment, SearchModel | None]:
    """The beads of the lowest-cost path, not yet scored for fidelity, and the cost model of
    the search's last pass (``search.model``; ``None`` when a side has no sentence)."""
    signature = alignment_signature(config, lexicon.sha)
    n, m = len(en_sents), len(ar_sents)
    if n == 0 or m == 0:
        beads = tuple(Bead((i,), ()) for i in range(n)) + tuple(Bead((), (j,)) for j in range(m))
        return Alignment(en_doc, ar_doc, en_sents, ar_sents, beads, signature), None
    cache = UnitCache.of(lexicon, units)
    vocab = Vocabulary()  # shared by both passes: the learned keys add few key tuples
    en_side, ar_side, len_en, len_ar, band = _keyed(en_sents, ar_sents, config, lexicon,
                                                    vocab, cache)
    paragraphs = _paragraphs(en_sents, ar_sents, config)
    bound = None if paragraphs is None else paragraph_bound(
        en_side, ar_side, len_en, len_ar, [s.paragraph for s in en_sents],
        [s.paragraph for s in ar_sents], band, config)
    eligible = (edge_eligible(en_sents, en_doc.text, en_doc.presplit),
                edge_eligible(ar_sents, ar_doc.text, ar_doc.presplit))
    path, model = search_with_model(en_side, ar_side, len_en, len_ar, band, config,
                                    paragraphs, bound, eligible)
    if config.lexre.enabled:
        # Lexical re-estimation (``search.lexre``): pairs learned from the confident beads
        # become keys of the Arabic words, and the document is searched again in the same
        # band, when they pay.
        learned = learn_pairs(path, [cache.units_en(s.text) for s in en_sents],
                              [cache.units_ar(s.text) for s in ar_sents], config.lexre)
        if learned:
            del en_side, ar_side
            en_side, ar_side = _sides(en_sents, ar_sents, learned_cache(cache, learned),
                                      config, vocab)
            path, model = search_with_model(en_side, ar_side, len_en, len_ar, band, config,
                                            paragraphs, bound, eligible)
            model = replace(model, learned=learned)
    beads = tuple(Bead(e, a, cost=c) for e, a, c in path)
    meta = {ANCHORS_KEY: str(model.anchors)} if paragraphs is not None else {}
    return Alignment(en_doc, ar_doc, en_sents, ar_sents, beads, signature, meta), model


#: ``progress(step, done)``: the step that starts now and the share of the work done before
#: it, in [0, 1], so that a long document shows how far it is instead of spinning.
StepProgress = Callable[[str, float], None]


def _no_progress(step: str, done: float) -> None:
    pass


@collector_paused
def align_pair(
    en_doc: Document,
    ar_doc: Document,
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
    limits: Limits | None = None,
    progress: StepProgress | None = None,
) -> Alignment:
    """Split both documents into sentences and align them.

    Every sentence of both sides ends up in exactly one bead, in order. With ``limits``, a
    side of more than ``limits.max_sentences`` sentences is refused (``InputError``) as soon
    as it is split. Arabic sentences
    that run on without a stop are split where the English side shows a boundary
    (``refine.py``) before the beads are scored; when many are (``config.research``: the
    text is short of stops), the search runs again on the cut sentences. ``progress`` hears
    of each step; the shares are what the steps take on a long document (the search most).
    """
    config = config or _DEFAULT_CONFIG
    lexicon = lexicon or load_lexicon()
    report = progress or _no_progress
    report("splitting sentences", 0.0)
    units = UnitCache(lexicon)
    al, _ = _align_pair(en_doc, ar_doc, config, lexicon, limits=limits, progress=report,
                        units=units)
    report(f"scoring {len(al.beads):,} beads", 0.8)
    al = score_alignment(al, lexicon, units)
    report("done", 1.0)
    return al


def _align_pair(
    en_doc: Document, ar_doc: Document, config: AlignConfig, lexicon: Lexicon, *,
    limits: Limits | None = None, progress: StepProgress | None = None,
    units: UnitCache | None = None,
) -> tuple[Alignment, SearchModel | None]:
    """``align_pair`` before scoring, and the model of its last search;
    ``units`` (a ``UnitCache``) is shared by the searches and refinement, and by the scorer
    after them."""
    report = progress or _no_progress
    units = UnitCache.of(lexicon, units)
    en_sents, ar_sents = split_document(en_doc), split_document(ar_doc)
    _check_counts(en_doc, ar_doc, en_sents, ar_sents, limits)
    report(f"aligning {len(en_sents):,} English and {len(ar_sents):,} Arabic sentences", 0.05)

    def search(ar_sents: tuple[Sentence, ...]) -> tuple[Alignment, SearchModel | None]:
        return _search(en_doc, ar_doc, en_sents, ar_sents, config, lexicon, units)

    al, model = search(ar_sents)
    report("splitting run-on Arabic sentences", 0.65)
    research = config.research
    for _ in range(research.passes):
        refined = split_run_on(al, lexicon, config, _model_units(units, model))
        added = len(refined.ar_sents) - len(al.ar_sents)
        al = refined
        if added < max(research.min_cuts, research.min_share * len(al.ar_sents)):
            break
        # Many Arabic sentences ran on: the search saw too few of them, so its beads around
        # the new ones are doubtful. Search again with the cut sentences, then look again.
        al, model = search(al.ar_sents)
    else:
        al = split_run_on(al, lexicon, config, _model_units(units, model))
    return _detach(al, model, config, units), model


def _model_units(units: UnitCache, model: SearchModel | None) -> UnitCache:
    """The units the search of ``model`` read: ``units`` with the pairs it learned."""
    return units if model is None else learned_cache(units, model.learned)


def _detach(al: Alignment, model: SearchModel | None, config: AlignConfig,
            units: UnitCache) -> Alignment:
    """``search.detach``: sentences absorbed into a neighbour's bead made one-sided, priced
    by the model of the search that made ``al``."""
    if model is None:
        return al
    marks = _paragraphs(al.en_sents, al.ar_sents, config)
    return detach_absorbed(al, model.params, model.stats, config, _model_units(units, model),
                           marks)


@collector_paused
def recheck(al: Alignment, config: AlignConfig | None = None) -> Alignment:
    """An existing alignment (a TMX or TSV translation memory) kept as it is, with this
    run's signature, for review or re-export; its beads are not moved."""
    config = config or _DEFAULT_CONFIG
    lexicon = load_lexicon()
    return score_alignment(Alignment(
        al.en_doc, al.ar_doc, al.en_sents, al.ar_sents, al.beads,
        alignment_signature(config, lexicon.sha), dict(al.meta),
    ), lexicon)


# Re-alignment between fixed beads ------------------------------------------------------

#: ``progress(done, total)`` of a re-alignment: the whole-document search, then each
#: stretch that is searched again.
Progress = Callable[[int, int], None]


@collector_paused
def realign(
    al: Alignment,
    fixed: Sequence[bool],
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Align ``al`` again around its fixed beads (``fixed[k]`` for bead ``k``), which are
    kept as they are; the beads between them are what the aligner would choose there.

    How, and why: the whole pipeline (``align_pair``: search, re-estimation, refinement)
    runs once over the whole document, keeping the cost model of its last search
    (``search.model``). A stretch of beads between two fixed beads whose ends both lie on
    that alignment's path gets the path's beads: they are the best beads through those two
    points, which is what a search of the whole document forced through the fixed beads
    would choose (optimal substructure), so a bead between fixed points the reviewer did
    not move never changes, and with nothing fixed the result is the aligner's own
    alignment. Only a stretch next to a moved fixed point (a bead the reviewer merged,
    split or edited into a shape the aligner did not choose) is searched again, with the
    document's statistics and re-estimated length model, the edge bonus and paragraphs of
    its place in the document, then refined (run-on Arabic sentences split) as the
    pipeline does. This rather than one constrained search of the whole document with the
    fixed beads as forced cells: it gives the same beads, touches only the stretches that
    can change, and needs no hook inside the cost grids.

    When the document's sentences are no longer the alignment's (a translation memory
    reviewed as it is, a session from another splitter), the whole-document search runs on
    the alignment's own sentences and without refinement. New beads are scored against the
    length ratio ``al`` was scored with (``fidelity.alignment_mu``) by the caller
    (``review.edit.realign_unapproved``).
    """
    config = config or _DEFAULT_CONFIG
    lexicon = lexicon or load_lexicon()
    if len(fixed) != len(al.beads):
        raise ValueError("one fixed flag per bead")
    ref, model = _reference(al, config, lexicon)
    runs = _runs(fixed)
    if progress is not None:
        progress(1, len(runs) + 1)
    on_path = _points(ref.beads)
    out = _Out([], [])
    k = 0
    for n, (start, stop) in enumerate(runs):
        out.put(al.beads[k:start], al.ar_sents)
        (e0, a0), (e1, a1) = _span(al, start, stop)
        if (e0, a0) in on_path and (e1, a1) in on_path:
            out.put([b for b in ref.beads if _inside(b, e0, e1, a0, a1)], al.ar_sents)
        else:
            sents, beads = _realign_stretch(al, (e0, e1), (a0, a1), model, config, lexicon)
            out.put(beads, sents)
        k = stop
        if progress is not None:
            progress(n + 2, len(runs) + 1)
    out.put(al.beads[k:], al.ar_sents)
    return Alignment(al.en_doc, al.ar_doc, al.en_sents, tuple(out.sents), tuple(out.beads),
                     alignment_signature(config, lexicon.sha), dict(al.meta))


class _Out(NamedTuple):
    """The beads of a re-alignment so far and the Arabic sentences they index."""

    beads: list[Bead]
    sents: list[Sentence]

    def put(self, beads: Iterable[Bead], sents: Sequence[Sentence]) -> None:
        """Append ``beads``, whose Arabic indexes point into ``sents``."""
        for b in beads:
            ar = tuple(range(len(self.sents), len(self.sents) + len(b.ar)))
            self.sents.extend(sents[j] for j in b.ar)
            self.beads.append(b if ar == b.ar else replace(b, ar=ar))


def _reference(al: Alignment, config: AlignConfig, lexicon: Lexicon
               ) -> tuple[Alignment, SearchModel | None]:
    """The aligner's own alignment of the document (unscored) and its search model, on the
    alignment's sentences."""
    ref, model = _align_pair(al.en_doc, al.ar_doc, config, lexicon)
    if ref.en_sents == al.en_sents and ref.ar_sents == al.ar_sents:
        return ref, model
    units = UnitCache(lexicon)
    ref, model = _search(al.en_doc, al.ar_doc, al.en_sents, al.ar_sents, config, lexicon,
                         units)
    return _detach(ref, model, config, units), model


def _runs(fixed: Sequence[bool]) -> list[tuple[int, int]]:
    """Maximal runs ``[start, stop)`` of beads that are not fixed."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(fixed):
        if fixed[k]:
            k += 1
            continue
        start = k
        while k < len(fixed) and not fixed[k]:
            k += 1
        runs.append((start, k))
    return runs


def _points(beads: Sequence[Bead]) -> set[tuple[int, int]]:
    """Every ``(English, Arabic)`` sentence count at which a bead of ``beads`` ends, and
    the origin: the cells of the DP the path passes through."""
    points = {(0, 0)}
    e = a = 0
    for b in beads:
        e, a = e + len(b.en), a + len(b.ar)
        points.add((e, a))
    return points


def _span(al: Alignment, start: int, stop: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """First sentences ``(e0, a0)`` of beads ``start .. stop - 1`` and the ones after them."""
    e0 = sum(len(b.en) for b in al.beads[:start])
    a0 = sum(len(b.ar) for b in al.beads[:start])
    e1 = e0 + sum(len(b.en) for b in al.beads[start:stop])
    a1 = a0 + sum(len(b.ar) for b in al.beads[start:stop])
    return (e0, a0), (e1, a1)


def _inside(b: Bead, e0: int, e1: int, a0: int, a1: int) -> bool:
    return all(e0 <= i < e1 for i in b.en) and all(a0 <= j < a1 for j in b.ar)


def _all_units(sents: tuple[Sentence, ...], cache: UnitCache, lang: str) -> list[Unit]:
    """Every word unit of ``sents``, in one list (which words a side has anywhere)."""
    if lang == "en":
        return [u for s in sents for u in cache.units_en(s.text)]
    return [u for s in sents for u in cache.units_ar(s.text)]


def _detach_stretch(al: Alignment, ar: tuple[int, int], ar_s: tuple[Sentence, ...],
                    beads: list[Bead], model: SearchModel | None, config: AlignConfig,
                    lexicon: Lexicon) -> list[Bead]:
    """``_detach`` on the beads of a stretch (Arabic ``ar[0] .. ar[1] - 1``, now the
    sentences ``ar_s``), as ``_realign_stretch``'s refinement sees it: the whole document's
    sentences (its edges, paragraphs, which words a side has anywhere), the stretch's
    beads, Arabic indexes the stretch's own."""
    if model is None:
        return beads
    a0, a1 = ar
    view = Alignment(al.en_doc, al.ar_doc, al.en_sents,
                     al.ar_sents[:a0] + ar_s + al.ar_sents[a1:],
                     tuple(replace(b, ar=tuple(a0 + j for j in b.ar)) for b in beads))
    out = _detach(view, model, config, UnitCache(lexicon))
    if out is view:
        return beads
    return [replace(b, ar=tuple(j - a0 for j in b.ar)) for b in out.beads]


def _realign_stretch(
    al: Alignment,
    en: tuple[int, int],
    ar: tuple[int, int],
    model: SearchModel | None,
    config: AlignConfig,
    lexicon: Lexicon,
) -> tuple[tuple[Sentence, ...], list[Bead]]:
    """Search English ``en[0] .. en[1] - 1`` against Arabic ``ar[0] .. ar[1] - 1`` with the
    document's model, then refine as ``_align_pair`` does (search again after many cuts).
    Returns the stretch's Arabic sentences (cut ones included) and its beads, English
    indexes the document's, Arabic ones into those sentences."""
    (e0, e1), (a0, a1) = en, ar
    en_s = al.en_sents[e0:e1]
    after = (len(al.en_sents) - e1, len(al.ar_sents) - a1)
    para = _paragraphs(al.en_sents, al.ar_sents, config) is not None
    cache = _model_units(UnitCache(lexicon), model)

    def search(ar_s: tuple[Sentence, ...]) -> list[Bead]:
        if not en_s or not ar_s or model is None:
            return ([Bead((e0 + i,), ()) for i in range(len(en_s))]
                    + [Bead((), (j,)) for j in range(len(ar_s))])
        vocab = Vocabulary()
        whole = (keyed_side([_all_units(al.en_sents, cache, "en")], vocab),
                 keyed_side([_all_units(al.ar_sents[:a0] + ar_s + al.ar_sents[a1:], cache,
                                        "ar")], vocab))
        en_side, ar_side, len_en, len_ar, band = _keyed(en_s, ar_s, config, lexicon, vocab,
                                                        cache)
        paragraphs = None
        if para:  # the marks of the whole document, cut to the stretch
            marks = _paragraphs(al.en_sents, al.ar_sents[:a0] + ar_s + al.ar_sents[a1:],
                                config)
            if marks is not None:
                paragraphs = (marks[0][e0:e1], marks[1][a0:a0 + len(ar_s)])
        doc_ar = al.ar_sents[:a0] + ar_s + al.ar_sents[a1:]
        eligible = (edge_eligible(al.en_sents, al.en_doc.text, al.en_doc.presplit),
                    edge_eligible(doc_ar, al.ar_doc.text, al.ar_doc.presplit))
        path = search_stretch(en_side, ar_side, len_en, len_ar, band, config, model,
                              (e0, a0), after, whole, paragraphs, eligible)
        return [Bead(tuple(e0 + i for i in e), a, cost=c) for e, a, c in path]

    def refine(ar_s: tuple[Sentence, ...], beads: list[Bead]
               ) -> tuple[tuple[Sentence, ...], list[Bead]]:
        # ``split_run_on`` sees the whole document's sentences (its length ratio and its
        # document edges are the document's) but only this stretch's beads, and rebuilds
        # the Arabic sentences from the beads it is given: those of the stretch.
        view = Alignment(al.en_doc, al.ar_doc, al.en_sents,
                         al.ar_sents[:a0] + ar_s + al.ar_sents[a1:],
                         tuple(replace(b, ar=tuple(a0 + j for j in b.ar)) for b in beads))
        cut = split_run_on(view, lexicon, config, cache)
        return (ar_s, beads) if cut is view else (cut.ar_sents, list(cut.beads))

    ar_s = al.ar_sents[a0:a1]
    beads = search(ar_s)
    research = config.research
    for _ in range(research.passes):
        cut_s, beads = refine(ar_s, beads)
        added, ar_s = len(cut_s) - len(ar_s), cut_s
        if added < max(research.min_cuts, research.min_share * len(ar_s)):
            break
        beads = search(ar_s)
    else:
        ar_s, beads = refine(ar_s, beads)
    return ar_s, _detach_stretch(al, (a0, a1), ar_s, beads, model, config, lexicon)
