"""Alignment options: every number that changes an alignment, validated before any file is read.

Each number lives in a field of a frozen dataclass here, so that ``align.signature`` can name
the model by walking ``dataclasses.fields`` instead of a hand-written list (a constant added
later cannot be left out of the signature), and so that the code reads the very number the
signature records. The objects are immutable all the way down (``Priors`` is a read-only,
hashable mapping): a config that passed validation cannot be changed afterwards, and equal
configs hash equal.

This module imports only the standard library and ``align.errors``: option parsing and the
review UI build configs without loading numpy or any compute module.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from .errors import OptionError

BeadType = tuple[int, int]


class Priors(Mapping[BeadType, float]):
    """Bead-type priors as an immutable, hashable mapping ``(a, b) -> probability``.

    A plain dict in a frozen dataclass can still be changed in place (deleting the 2-2 prior
    after validation went unnoticed) and makes the config unhashable; this one has no
    mutators and keeps its items sorted, so equal priors compare and hash equal whatever the
    order they were given in.
    """

    __slots__ = ("_items", "_map")

    _items: tuple[tuple[BeadType, float], ...]
    _map: dict[BeadType, float]

    def __init__(self, items: Mapping[BeadType, float] | Iterable[tuple[BeadType, float]] = ()
                 ) -> None:
        pairs = dict(items.items() if isinstance(items, Mapping) else items)
        normal = {(int(a), int(b)): float(p) for (a, b), p in pairs.items()}
        object.__setattr__(self, "_items", tuple(sorted(normal.items())))
        object.__setattr__(self, "_map", normal)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Priors is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Priors is immutable")

    def __getitem__(self, key: BeadType) -> float:
        return self._map[key]

    def __iter__(self) -> Iterator[BeadType]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Priors):
            return self._items == other._items
        return super().__eq__(other)

    def __repr__(self) -> str:
        return f"Priors({dict(self._items)!r})"

    def __reduce__(self) -> tuple[type[Priors], tuple[tuple[tuple[BeadType, float], ...]]]:
        # Sent to batch worker processes with the config.
        return (Priors, (self._items,))


#: Longest side of a bead: an Arabic sentence of literary or legal prose can carry up to eight
#: English ones (and, more rarely, the reverse).
MAX_SIDE = 8

#: Bead-type priors. 1-1 dominates; 2-1/1-2 and 2-2 from AlignAR's gold (14% 1-2 in legal
#: text) and our reading of news and health translations, deliberately not fitted to the
#: bench's edits. Beyond 3-1 each step halves the prior: a long sentence facing ``n``
#: translations is rarer the larger ``n``, but it must stay cheaper than the wrong beads it
#: replaces (a 3-1 and a 1-0 cost about 8.5 nats before any evidence, a 4-1 about 5.5).
#: These are the first-pass priors: ``search.reestimate`` re-estimates them per document.
DEFAULT_PRIORS = Priors({
    (1, 1): 0.81,
    (1, 0): 0.025,
    (0, 1): 0.025,
    (2, 1): 0.045,
    (1, 2): 0.045,
    (2, 2): 0.01,
    (3, 1): 0.008,
    (1, 3): 0.008,
    (2, 3): 0.002,
    (3, 2): 0.002,
    **{(k, 1): 0.008 / 2 ** (k - 3) for k in range(4, MAX_SIDE + 1)},
    **{(1, k): 0.008 / 2 ** (k - 3) for k in range(4, MAX_SIDE + 1)},
})

#: Bead types searched by default, English first: 1-1, one-sided beads, one sentence
#: translated as up to ``MAX_SIDE`` (either way), and 2-2, 2-3, 3-2 for boundaries placed
#: differently on each side.
BEADS: tuple[BeadType, ...] = (
    (1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (2, 3), (3, 2),
    *((k, 1) for k in range(4, MAX_SIDE + 1)),
    *((1, k) for k in range(4, MAX_SIDE + 1)),
)

#: Added to both lengths (non-space characters) before taking their log ratio, so that very
#: short lines (a headline, a number) do not swing the ratio. One number for the aligner's
#: length model (``CostParams.len_smooth``) and the fidelity one (``bead_evidence``), which
#: was fitted with it.
LEN_SMOOTH = 12.0


def _finite(name: str, value: float) -> None:
    if not math.isfinite(value):
        raise OptionError(f"{name} must be a finite number, not {value!r}")


def _positive(name: str, value: float) -> None:
    _finite(name, value)
    if value <= 0:
        raise OptionError(f"{name} must be positive, not {value!r}")


def _non_negative(name: str, value: float) -> None:
    _finite(name, value)
    if value < 0:
        raise OptionError(f"{name} must not be negative, not {value!r}")


def _shares(params: object, prefix: str, names: tuple[str, ...]) -> None:
    """Each of ``params``' fields ``names`` is a finite share, from 0 to 1 (the message
    names it as ``prefix name``)."""
    for name in names:
        value = getattr(params, name)
        label = f"{prefix} {name}".strip()
        _finite(label, value)
        if not 0 <= value <= 1:
            raise OptionError(f"{label} is a share: between 0 and 1, not {value}")


@dataclass(frozen=True, slots=True)
class CostParams:
    """Weights of the cost model (see ``align.search.costs``).

    Attributes:
        priors: probability of each bead type (``-log`` of it is the bead's base cost).
        len_sigma: spread of the log length ratio of translations around the document's, for
            a bead of ``len_ref`` characters (``costs.length_spread``).
        len_sigma_bg: spread of the same for unrelated sentences (wider).
        len_smooth: added to both lengths before their ratio (see ``LEN_SMOOTH``).
        w_len: weight of the length evidence.
        w_lex: weight of the lexical evidence.
        lex_k: scale of a sentence's excess coverage into nats.
        lex_t: coverage share (beyond chance) at which a sentence is neutral evidence.
        lex_prior: pseudo-words shrinking a short sentence's share towards ``lex_t``.
        lex_floor: lowest excess share (a share below chance) a sentence is scored at. The
            chance share ``1 - (1 - q) ** M`` assumes every word is as likely to match by
            chance; common words match everywhere and rare ones nowhere, so against the
            long Arabic sentence of a 6-1 bead (``M`` of 150 words) it is overstated and an
            unmatched short sentence would cost about 23 nats, far more than leaving it out.
        edge_bonus: cost taken off a one-sided bead at a document edge.
        edge_span: how many sentences at each edge get that bonus.
    """

    priors: Priors = DEFAULT_PRIORS
    len_sigma: float = 0.22
    len_sigma_bg: float = 0.9
    #: Length (non-space characters, mean of the two sides) at which the spread of the log
    #: length ratio is ``len_sigma``, and the share of its variance that does not shrink
    #: with length (see ``costs.length_spread``; 1 = one spread for every length).
    len_ref: float = 100.0
    len_floor: float = 0.35
    #: Share of its weight a word keeps when it matches nothing anywhere on the other side
    #: (see ``run.matchable_weight``; 1 = every word counts in full).
    unmatched_weight: float = 0.25
    len_smooth: float = LEN_SMOOTH
    w_len: float = 1.0
    w_lex: float = 1.0
    lex_k: float = 10.0
    lex_t: float = 0.2
    lex_prior: float = 2.0
    lex_floor: float = 0.1
    edge_bonus: float = 1.5
    edge_span: int = 2
    #: Cost of each paragraph break inside a bead, when both sides show paragraphs.
    para_cross: float = 4.0
    #: The same for the break after a heading (a one-sentence paragraph with no stop):
    #: headlines are often run into the first paragraph in translation.
    heading_cross: float = 0.5
    #: Chance rate of a word match when a document gives nothing to estimate it on, and the
    #: bounds the estimate is kept in (a tiny or odd document must not make every match
    #: decisive or worthless).
    q_default: float = 0.01
    q_min: float = 0.001
    q_max: float = 0.2
    #: Sentence pairs of ``q_default`` the estimate is shrunk towards. The estimate takes
    #: the pairs of the band for unrelated, and in a document of three sentences every pair
    #: is a translation: their matches made the rate so high (``q_max``) that a name and
    #: a gloss shared by "Ibuprofen is a painkiller." and its Arabic counted for nothing,
    #: and the sentence was left a 1-0. Bench alignment is the same from 30 to 100.
    q_pseudo_pairs: float = 30.0

    def __post_init__(self) -> None:
        if not isinstance(self.priors, Priors):
            # A plain mapping is accepted and frozen here, so that callers cannot keep a
            # handle on a dict the config depends on.
            object.__setattr__(self, "priors", Priors(self.priors))
        if not self.priors:
            raise OptionError("the bead priors must not be empty")
        for (a, b), p in self.priors.items():
            _positive(f"the prior of {a}-{b}", p)
            if p > 1:
                raise OptionError(f"the prior of {a}-{b} is a probability: at most 1, not {p}")
        if sum(self.priors.values()) > 1 + 1e-6:
            raise OptionError("the bead priors must not sum to more than 1")
        _positive("len_sigma", self.len_sigma)
        _positive("len_sigma_bg", self.len_sigma_bg)
        _positive("len_smooth", self.len_smooth)
        for name in ("w_len", "w_lex", "lex_k", "lex_prior", "lex_floor", "edge_bonus",
                     "para_cross", "heading_cross"):
            _non_negative(name, getattr(self, name))
        _finite("lex_t", self.lex_t)
        if not 0 < self.lex_t < 1:
            raise OptionError(f"lex_t is a share: between 0 and 1, not {self.lex_t}")
        if self.edge_span < 0:
            raise OptionError("edge_span must not be negative")
        self._check_chance_rates()
        self._check_shares()

    def _check_shares(self) -> None:
        _positive("len_ref", self.len_ref)
        _shares(self, "", ("len_floor", "unmatched_weight"))

    def _check_chance_rates(self) -> None:
        for name in ("q_default", "q_min", "q_max"):
            _finite(name, getattr(self, name))
        _non_negative("q_pseudo_pairs", self.q_pseudo_pairs)
        if not 0 < self.q_min <= self.q_default <= self.q_max < 1:
            raise OptionError("chance rates need 0 < q_min <= q_default <= q_max < 1")


@dataclass(frozen=True, slots=True)
class RefineParams:
    """Splitting of run-on Arabic sentences after the search (``align.search.refine``).

    Attributes:
        margin: improvement (nats) a split must bring before it is kept: a false split costs
            a boundary.
        q: chance that a word has a match in one unrelated word of the other language (the
            search estimates it per document; on the bench it is 0.006-0.009).
        zone: nats below the best gain within which cuts count as the same joint (the gain
            is flat across words that match neither English sentence).
        punct_margin: further nats a cut must bring when it falls on the writer's own clause
            punctuation (``، ؛ :``) in a sentence that ends with a stop: a deliberately long
            sentence, which a 2-1 bead often renders rightly.
        joiner_margin: further nats a cut at a bare joint must bring in such a sentence
            when the writer marked another of its joints with clause punctuation: a
            literary join without a comma ("عاد بعد ساعة وقد اسودّ حذاؤه بالطين، وأخبرنا")
            looks like a lost stop, but a lost stop before a punctuated sentence is common
            too, so less than ``punct_margin``.
    """

    margin: float = 3.0
    q: float = 0.008
    zone: float = 1.0
    punct_margin: float = 8.0
    joiner_margin: float = 2.0

    def __post_init__(self) -> None:
        _non_negative("refine margin", self.margin)
        _non_negative("refine zone", self.zone)
        _non_negative("refine punct_margin", self.punct_margin)
        _non_negative("refine joiner_margin", self.joiner_margin)
        _finite("refine q", self.q)
        if not 0 < self.q < 1:
            raise OptionError(f"refine q is a probability: between 0 and 1, not {self.q}")


@dataclass(frozen=True, slots=True)
class CoarseParams:
    """The coarse first pass that places the band of long documents (``search.run``).

    Both sides are cut into about ``chunks`` chunks (at least ``min_chunk`` sentences each);
    keys found in more than ``max_df_share`` of the chunks (and more than ``min_df_cut``)
    say nothing about position and are left out of the chunk similarity. When a chunk holds
    more than ``2 * fine_chunk`` sentences, a second level with chunks of ``fine_chunk``
    sentences sharpens the path within ``fine_window`` first-level chunks of it (0: off).
    """

    chunks: int = 300
    min_chunk: int = 2
    max_df_share: float = 0.4
    min_df_cut: int = 4
    fine_chunk: int = 10
    fine_window: float = 1.0

    def __post_init__(self) -> None:
        if self.chunks < 1 or self.min_chunk < 1:
            raise OptionError("coarse chunks and min_chunk must be at least 1")
        _finite("coarse max_df_share", self.max_df_share)
        if not 0 < self.max_df_share <= 1:
            raise OptionError(f"coarse max_df_share is a share: 0 to 1, not {self.max_df_share}")
        if self.min_df_cut < 0:
            raise OptionError("coarse min_df_cut must not be negative")
        if self.fine_chunk < 0:
            raise OptionError("coarse fine_chunk must not be negative")
        _finite("coarse fine_window", self.fine_window)
        if self.fine_window <= 0:
            raise OptionError(f"coarse fine_window must be positive, not {self.fine_window}")


@dataclass(frozen=True, slots=True)
class ResearchParams:
    """When refinement cut many Arabic sentences, the search runs again (``pipeline``).

    It does when at least ``min_cuts`` sentences were cut, and at least ``min_share`` of the
    Arabic sentences, up to ``passes`` times. On NTREX with every Arabic stop removed, strict
    F1 rises from 0.57 to 0.91.
    """

    min_cuts: int = 3
    min_share: float = 0.1
    passes: int = 3

    def __post_init__(self) -> None:
        if self.min_cuts < 0:
            raise OptionError("research min_cuts must not be negative")
        _finite("research min_share", self.min_share)
        if not 0 <= self.min_share <= 1:
            raise OptionError(f"research min_share is a share: 0 to 1, not {self.min_share}")
        if self.passes < 0:
            raise OptionError("research passes must not be negative")


@dataclass(frozen=True, slots=True)
class ReestimateParams:
    """Per-document re-estimation of the priors and length model (``search.reestimate``).

    After each search the bead-type counts and the 1-1 length ratios are turned into new
    priors and a new length model, shrunk towards the first pass's by ``prior_weight`` and
    ``length_weight`` pseudo-beads, and the search runs again, up to ``passes`` times,
    unless the estimates moved by less than ``min_change`` nats per bead.

    The bead priors are re-estimated only with ``priors=True``: on every set measured (the
    bench's hard and long sets, a seed variant, the Qur'an and Sahih Muslim dev sets) the
    length model alone did better, by 0.003-0.007 strict F1. A first pass's errors feed
    back into its counts (a wrong 1-0 makes the next 1-0 cheaper), while the length ratios
    of its 1-1 beads are mostly right.
    """

    passes: int = 1
    priors: bool = False
    prior_weight: float = 50.0
    length_weight: float = 10.0
    min_change: float = 0.1

    def __post_init__(self) -> None:
        if self.passes < 0:
            raise OptionError("reestimate passes must not be negative")
        _positive("reestimate prior_weight", self.prior_weight)
        _positive("reestimate length_weight", self.length_weight)
        _non_negative("reestimate min_change", self.min_change)


#: Paragraph bead priors of the paragraph alignment (``search.paragraphs``): a translation
#: keeps its paragraphs, so 1-1 dominates; a paragraph dropped or added, two run into one or
#: one split in two are the exceptions. Chosen, not fitted (the bench keeps every paragraph).
PARAGRAPH_PRIORS = Priors({
    (1, 1): 0.86, (1, 0): 0.025, (0, 1): 0.025, (2, 1): 0.04, (1, 2): 0.04, (2, 2): 0.01,
})


@dataclass(frozen=True, slots=True)
class ParagraphParams:
    """Paragraph correspondences that bound the sentence search (``search.paragraphs``).

    When both sides show paragraph breaks, the paragraphs are aligned first (a monotone DP
    over paragraph beads of up to two paragraphs a side, priced by ``priors``, by the
    length model of the sentence search applied to paragraph lengths, and by the
    IDF-weighted cosine of the paragraphs' key sets, ``lex_k * (cos / scale - rel_t)``).
    ``scale`` is the document's typical best cosine, the median over English paragraphs of
    their best match: lexicon glosses give every paragraph many keys that match nothing,
    so the cosine of a true pair is 0.1 on one document and 0.4 on another, while the
    ratio to unrelated pairs is steady. A 1-1 pair of that path is *confident* when its
    cosine is at least ``min_rel`` times the scale over at least ``min_shared`` shared
    keys, ``ratio`` times the cosine of every other pair in its row and column, at least
    ``1 + merge_margin`` times that of the pair merged with a neighbouring paragraph on
    either side (so a paragraph the other side runs into the next is not taken for a
    match), and its lengths are within ``max_z`` spreads of the document's ratio. The
    corners of confident pairs then bound the search (``search.bound``): no bead crosses
    them; a bead that would costs ``penalty``.

    Attributes:
        enabled: find paragraph anchors at all (off: the band as it was).
    """

    enabled: bool = True
    priors: Priors = PARAGRAPH_PRIORS
    lex_k: float = 10.0
    rel_t: float = 0.5
    min_rel: float = 0.5
    min_shared: int = 3
    ratio: float = 2.0
    merge_margin: float = 0.05
    max_z: float = 2.5
    penalty: float = 1e6
    #: The bounded search is cut at anchors into stretches of at least this many English
    #: sentences, each searched in a band as wide as its own widest row (``bound.segments``;
    #: the same path as one search, in fewer cells).
    segment_rows: int = 256

    def __post_init__(self) -> None:
        if not isinstance(self.priors, Priors):
            object.__setattr__(self, "priors", Priors(self.priors))
        self._check_priors()
        for name in ("lex_k", "merge_margin", "max_z", "rel_t", "min_rel"):
            _non_negative(f"paragraph {name}", getattr(self, name))
        _positive("paragraph penalty", self.penalty)
        _finite("paragraph ratio", self.ratio)
        if self.ratio < 1:
            raise OptionError(f"paragraph ratio must be at least 1, not {self.ratio}")
        if self.min_shared < 1:
            raise OptionError("paragraph min_shared must be at least 1")
        if self.segment_rows < 1:
            raise OptionError("paragraph segment_rows must be at least 1")

    def _check_priors(self) -> None:
        needed = {(1, 1), (1, 0), (0, 1)}
        if not needed <= set(self.priors):
            raise OptionError("paragraph priors need 1-1, 1-0 and 0-1")
        for (a, b), p in self.priors.items():
            if not (0 <= a <= 2 and 0 <= b <= 2 and a + b > 0):
                raise OptionError(f"paragraph bead {a}-{b}: sides of 0 to 2")
            if (a == 0 and b != 1) or (b == 0 and a != 1):
                raise OptionError(f"paragraph bead {a}-{b}: one-sided beads are 1-0 or 0-1")
            _positive(f"the paragraph prior of {a}-{b}", p)
            if p > 1:
                raise OptionError(f"the paragraph prior of {a}-{b} is at most 1, not {p}")


@dataclass(frozen=True, slots=True)
class IsnadParams:
    """Chains of transmission (isnad) in Arabic narrative (``align.text.isnad``).

    A hadith's Arabic names every narrator (``حدثنا فلان، عن فلان، عن فلان، قال ...``); its
    translation abridges the chain by convention ("Abu Huraira reported:"). The chain's
    words are then no evidence that a sentence is or is not translated.

    Attributes:
        min_links: links (a transmission word followed by a name) a chain needs.
        min_strong: how many of them must be verbs of transmission (``حدثنا``, ``أخبرني``,
            ``سمعت``); ``عن`` and ``أن`` alone are ordinary prose.
        name_max: longest name, in words, between two links.
        word_weight: share of its weight a word inside a chain keeps in the search, as a
            word that matches nothing anywhere (``CostParams.unmatched_weight``) does.
        length_share: share of a chain's characters the search's length model counts (the
            translation's "X reported:" is a fraction of the chain's length).
        open_break: how many paragraph breaks an Arabic sentence that opens with a chain
            counts as, for a bead that holds it after another sentence
            (``costs.report_marks``): a chain opens a new report, and the sentence before
            it (a grading, a comment on the last report) belongs to the last one.
        chain_sentence: share of a sentence's characters in a chain's abridged part from
            which the sentence is a chain, never detached from its report's bead
            (``search.detach``): what it adds cannot be told by its own words.
        enabled: detect chains at all (off: every word and character counts in full).
    """

    min_links: int = 3
    min_strong: int = 1
    name_max: int = 8
    word_weight: float = 0.25
    length_share: float = 0.1
    open_break: float = 1.0
    chain_sentence: float = 0.5
    enabled: bool = True

    def __post_init__(self) -> None:
        if self.min_links < 1 or self.min_strong < 0 or self.name_max < 1:
            raise OptionError("isnad min_links and name_max must be at least 1, min_strong "
                              "not negative")
        _non_negative("isnad open_break", self.open_break)
        _shares(self, "isnad", ("word_weight", "length_share", "chain_sentence"))


@dataclass(frozen=True, slots=True)
class LexreParams:
    """Lexical re-estimation from the confident beads of a first search (``search.lexre``).

    Attributes:
        enabled: learn word pairs at all (off: the lexicon's keys only).
        max_cost: a two-sided bead is confident when it costs at most this many nats per
            sentence of its longer side.
        max_side: the longest side a confident bead may have.
        neighbours: require both neighbours of a confident bead to be two-sided.
        min_beads: confident beads needed before anything is learned.
        min_count: confident beads a pair must be seen in (both words unmatched there).
        min_dice: Dice coefficient a pair needs, ``2 c(e, a) / (c(e) + c(a))``.
        min_llr: log-likelihood ratio (G², over the confident beads) a pair needs: more
            co-occurrence than chance gives two words of their frequencies (10.83: the
            chi-square 0.001 level of one degree of freedom).
        fanout: Arabic words one English stem may be linked to (Arabic has more forms).
        max_coverage: share of the confident beads' word weight the lexicon matches above
            which it is taken to cover the document, and nothing is learned.
        min_gain: share of the confident beads' word weight the learned pairs must newly
            match for the document to be searched again with them.
    """

    enabled: bool = True
    max_cost: float = 0.0
    max_side: int = 2
    neighbours: bool = True
    min_beads: int = 10
    min_count: int = 2
    min_dice: float = 0.5
    min_llr: float = 10.83
    fanout: int = 2
    max_coverage: float = 0.55
    min_gain: float = 0.02

    def __post_init__(self) -> None:
        _finite("lexre max_cost", self.max_cost)
        if min(self.max_side, self.min_beads, self.min_count, self.fanout) < 1:
            raise OptionError("lexre max_side, min_beads, min_count and fanout must be at "
                              "least 1")
        _non_negative("lexre min_llr", self.min_llr)
        _shares(self, "lexre", ("min_dice", "max_coverage", "min_gain"))


@dataclass(frozen=True, slots=True)
class DetachParams:
    """Detaching sentences absorbed into a neighbour's bead (``align.search.detach``).

    Attributes:
        enabled: run the step at all (off: the search's beads as they are).
        margin: nats the bead without the sentence, plus the sentence's one-sided bead, must
            cost less than the bead re-priced with that sentence's exclusive coverage.
    """

    enabled: bool = True
    margin: float = 1.0

    def __post_init__(self) -> None:
        _non_negative("detach margin", self.margin)


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Everything that changes an alignment; two equal configs give equal alignments.

    Attributes:
        beads: bead types searched, English first.
        half_width: half the band width (in sentences) for long documents.
        full_cells: documents with at most this many DP cells are searched exhaustively.
        cost: weights of the cost model.
        refine: splitting of run-on Arabic sentences after the search.
        research: when that splitting makes the search run again.
        coarse: the coarse pass that places the band of long documents.
        reestimate: the per-document re-estimation of priors and length model.
        detach: detaching sentences absorbed into a neighbour's bead after the search.
        isnad: chains of narrators, which translations abridge (search weights).
        lexre: lexical re-estimation (word pairs learned from a first search).
        paragraphs: paragraph correspondences that bound the search.
    """

    beads: tuple[BeadType, ...] = BEADS
    half_width: int = 30
    full_cells: int = 250_000
    cost: CostParams = field(default_factory=CostParams)
    refine: RefineParams = field(default_factory=RefineParams)
    research: ResearchParams = field(default_factory=ResearchParams)
    coarse: CoarseParams = field(default_factory=CoarseParams)
    reestimate: ReestimateParams = field(default_factory=ReestimateParams)
    detach: DetachParams = field(default_factory=DetachParams)
    isnad: IsnadParams = field(default_factory=IsnadParams)
    lexre: LexreParams = field(default_factory=LexreParams)
    paragraphs: ParagraphParams = field(default_factory=ParagraphParams)

    def __post_init__(self) -> None:
        if (1, 1) not in self.beads:
            raise OptionError("the bead set must contain 1-1")
        if len(set(self.beads)) != len(self.beads):
            raise OptionError("each bead type must be listed once")
        for a, b in self.beads:
            if a < 0 or b < 0 or a + b == 0 or a > MAX_SIDE or b > MAX_SIDE:
                raise OptionError(
                    f"bead type {a}-{b} is not supported (sides of 0 to {MAX_SIDE})")
            if (a == 0 and b != 1) or (b == 0 and a != 1):
                raise OptionError(f"bead type {a}-{b}: one-sided beads must be 1-0 or 0-1")
            if (a, b) not in self.cost.priors:
                raise OptionError(f"bead type {a}-{b} has no prior")
        if self.half_width < 5:
            raise OptionError("--band must be at least 5 sentences")
        if self.full_cells < 0:
            raise OptionError("full_cells must not be negative")
