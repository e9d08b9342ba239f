"""From two documents to an alignment: split, compute features, band, costs, search."""

from __future__ import annotations

from align.config import AlignConfig
from align.evidence.features import UnitCache, Vocabulary, keyed_side
from align.evidence.lexicon import Lexicon, load_lexicon
from align.quality.fidelity import score_alignment
from align.search.costs import shared_paragraphs
from align.search.refine import split_run_on
from align.search.run import align_sides, choose_band, sentence_lengths
from align.signature import alignment_signature
from align.text.limits import Limits
from align.text.segment import split_document
from align.types import Alignment, Bead, Document, Sentence


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
    config = config or AlignConfig()
    lexicon = lexicon or load_lexicon()
    units = UnitCache(lexicon)
    al = _search(en_doc, ar_doc, en_sents, ar_sents, config, units)
    return score_alignment(al, lexicon, units)


def _check_counts(en_doc: Document, ar_doc: Document, en_sents: tuple[Sentence, ...],
                  ar_sents: tuple[Sentence, ...], limits: Limits | None) -> None:
    """Refuse a side over ``limits.max_sentences`` before any feature is computed: the
    search's memory grows with the sentence count, which the byte limit does not bound."""
    if limits is not None:
        limits.check_sentences(len(en_sents), "en", en_doc.path)
        limits.check_sentences(len(ar_sents), "ar", ar_doc.path)


def _search(
    en_doc: Document,
    ar_doc: Document,
    en_sents: tuple[Sentence, ...],
    ar_sents: tuple[Sentence, ...],
    config: AlignConfig,
    units: UnitCache,
) -> Alignment:
    """The beads of the lowest-cost path, not yet scored for fidelity. ``units`` keeps the
    sentences' units for refinement and scoring (the pipeline's one ``UnitCache``)."""
    signature = alignment_signature(config, units.lexicon.sha)
    n, m = len(en_sents), len(ar_sents)
    if n == 0 or m == 0:
        beads = tuple(Bead((i,), ()) for i in range(n)) + tuple(Bead((), (j,)) for j in range(m))
        return Alignment(en_doc, ar_doc, en_sents, ar_sents, beads, signature)
    vocab = Vocabulary()
    en_side = keyed_side((units.units_en(s.text) for s in en_sents), vocab)
    ar_side = keyed_side((units.units_ar(s.text) for s in ar_sents), vocab)
    len_en, len_ar = sentence_lengths(en_sents), sentence_lengths(ar_sents)
    band = choose_band(en_side, ar_side, len_en, len_ar, config)
    paragraphs = shared_paragraphs([s.paragraph for s in en_sents],
                                   [s.paragraph for s in ar_sents])
    path = align_sides(en_side, ar_side, len_en, len_ar, band, config, paragraphs=paragraphs)
    beads = tuple(Bead(e, a, cost=c) for e, a, c in path)
    return Alignment(en_doc, ar_doc, en_sents, ar_sents, beads, signature)


def align_pair(
    en_doc: Document,
    ar_doc: Document,
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
    limits: Limits | None = None,
) -> Alignment:
    """Split both documents into sentences and align them.

    Every sentence of both sides ends up in exactly one bead, in order. With ``limits``, a
    side of more than ``limits.max_sentences`` sentences is refused (``InputError``) as soon
    as it is split. Arabic sentences
    that run on without a stop are split where the English side shows a boundary
    (``refine.py``) before the beads are scored; when many are (``config.research``: the
    text is short of stops), the search runs again on the cut sentences.
    """
    config = config or AlignConfig()
    lexicon = lexicon or load_lexicon()
    en_sents, ar_sents = split_document(en_doc), split_document(ar_doc)
    _check_counts(en_doc, ar_doc, en_sents, ar_sents, limits)
    units = UnitCache(lexicon)
    al = _search(en_doc, ar_doc, en_sents, ar_sents, config, units)
    research = config.research
    for _ in range(research.passes):
        refined = split_run_on(al, lexicon, config, units)
        added = len(refined.ar_sents) - len(al.ar_sents)
        al = refined
        if added < max(research.min_cuts, research.min_share * len(al.ar_sents)):
            break
        # Many Arabic sentences ran on: the search saw too few of them, so its beads around
        # the new ones are doubtful. Search again with the cut sentences, then look again.
        al = _search(en_doc, ar_doc, en_sents, al.ar_sents, config, units)
    else:
        al = split_run_on(al, lexicon, config, units)
    return score_alignment(al, lexicon, units)


def recheck(al: Alignment, config: AlignConfig | None = None) -> Alignment:
    """An existing alignment (a TMX or TSV translation memory) kept as it is, with this
    run's signature, for review or re-export; its beads are not moved."""
    config = config or AlignConfig()
    lexicon = load_lexicon()
    return score_alignment(Alignment(
        al.en_doc, al.ar_doc, al.en_sents, al.ar_sents, al.beads,
        alignment_signature(config, lexicon.sha), dict(al.meta),
    ), lexicon)
