"""From two documents to an alignment: split, compute features, band, costs, search."""

from __future__ import annotations

from collections.abc import Callable

from align.config import AlignConfig
from align.evidence.features import Vocabulary, keyed_side, units_ar, units_en
from align.evidence.lexicon import Lexicon, load_lexicon
from align.quality.fidelity import score_alignment
from align.search.costs import shared_paragraphs
from align.search.refine import split_run_on
from align.search.run import align_sides, choose_band, sentence_lengths
from align.signature import alignment_signature
from align.text.segment import split_document
from align.types import Alignment, Bead, Document, Sentence


def align_sentences(
    en_doc: Document,
    ar_doc: Document,
    en_sents: tuple[Sentence, ...],
    ar_sents: tuple[Sentence, ...],
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
) -> Alignment:
    """Align already split sentences and score every bead (see ``align_pair``)."""
    config = config or AlignConfig()
    lexicon = lexicon or load_lexicon()
    al = _search(en_doc, ar_doc, en_sents, ar_sents, config, lexicon)
    return score_alignment(al, lexicon)


def _search(
    en_doc: Document,
    ar_doc: Document,
    en_sents: tuple[Sentence, ...],
    ar_sents: tuple[Sentence, ...],
    config: AlignConfig,
    lexicon: Lexicon,
) -> Alignment:
    """The beads of the lowest-cost path, not yet scored for fidelity."""
    lexicon = lexicon or load_lexicon()
    signature = alignment_signature(config, lexicon.sha)
    n, m = len(en_sents), len(ar_sents)
    if n == 0 or m == 0:
        beads = tuple(Bead((i,), ()) for i in range(n)) + tuple(Bead((), (j,)) for j in range(m))
        return Alignment(en_doc, ar_doc, en_sents, ar_sents, beads, signature)
    vocab = Vocabulary()
    en_side = keyed_side((units_en(s.text) for s in en_sents), vocab)
    ar_side = keyed_side((units_ar(s.text, lexicon) for s in ar_sents), vocab)
    len_en, len_ar = sentence_lengths(en_sents), sentence_lengths(ar_sents)
    band = choose_band(en_side, ar_side, len_en, len_ar, config)
    paragraphs = shared_paragraphs([s.paragraph for s in en_sents],
                                   [s.paragraph for s in ar_sents])
    path = align_sides(en_side, ar_side, len_en, len_ar, band, config, paragraphs=paragraphs)
    beads = tuple(Bead(e, a, cost=c) for e, a, c in path)
    return Alignment(en_doc, ar_doc, en_sents, ar_sents, beads, signature)


#: ``progress(step, done)``: the step that starts now and the share of the work done before
#: it, in [0, 1], so that a long document shows how far it is instead of spinning.
StepProgress = Callable[[str, float], None]


def _no_progress(step: str, done: float) -> None:
    pass


def align_pair(
    en_doc: Document,
    ar_doc: Document,
    config: AlignConfig | None = None,
    lexicon: Lexicon | None = None,
    progress: StepProgress | None = None,
) -> Alignment:
    """Split both documents into sentences and align them.

    Every sentence of both sides ends up in exactly one bead, in order. Arabic sentences
    that run on without a stop are split where the English side shows a boundary
    (``refine.py``) before the beads are scored; when many are (``config.research``: the
    text is short of stops), the search runs again on the cut sentences. ``progress`` hears
    of each step; the shares are what the steps take on a long document (the search most).
    """
    config = config or AlignConfig()
    lexicon = lexicon or load_lexicon()
    report = progress or _no_progress
    report("splitting sentences", 0.0)
    en_sents = split_document(en_doc)
    ar_sents = split_document(ar_doc)
    report(f"aligning {len(en_sents):,} English and {len(ar_sents):,} Arabic sentences", 0.05)
    al = _search(en_doc, ar_doc, en_sents, ar_sents, config, lexicon)
    report("splitting run-on Arabic sentences", 0.65)
    research = config.research
    for _ in range(research.passes):
        refined = split_run_on(al, lexicon, config)
        added = len(refined.ar_sents) - len(al.ar_sents)
        al = refined
        if added < max(research.min_cuts, research.min_share * len(al.ar_sents)):
            break
        # Many Arabic sentences ran on: the search saw too few of them, so its beads around
        # the new ones are doubtful. Search again with the cut sentences, then look again.
        al = _search(en_doc, ar_doc, en_sents, al.ar_sents, config, lexicon)
    else:
        al = split_run_on(al, lexicon, config)
    report(f"scoring {len(al.beads):,} beads", 0.8)
    al = score_alignment(al, lexicon)
    report("done", 1.0)
    return al


def recheck(al: Alignment, config: AlignConfig | None = None) -> Alignment:
    """An existing alignment (a TMX or TSV translation memory) kept as it is, with this
    run's signature, for review or re-export; its beads are not moved."""
    config = config or AlignConfig()
    lexicon = load_lexicon()
    return score_alignment(Alignment(
        al.en_doc, al.ar_doc, al.en_sents, al.ar_sents, al.beads,
        alignment_signature(config, lexicon.sha), dict(al.meta),
    ), lexicon)
