"""The bead cost model: prior of the bead type, length agreement and lexical coverage.

The cost of a bead is its negative log-likelihood ratio against "these sentences are not
translations of each other", so beads of different sizes are comparable and the path with the
lowest total cost is the most probable segmentation:

    cost = -log P(type) - w_len * LLR_length - w_lex * LLR_lexical

* Length: ``log(len_ar / len_en)`` is normal around the document's own ratio (Arabic is about
  0.7-0.9 of English in characters) with a small spread for translations and a wide one for
  unrelated sentences.
* Lexical: each content word of one side is "covered" when it has a match in the other side
  of the bead. Unrelated text covers ``p0 = 1 - (1 - q) ** M`` by chance, ``M`` being the
  number of words on the other side, with the per-word chance rate ``q`` estimated on each
  document; the share covered beyond chance is scored against a fixed threshold
  (``CostParams.lex_t``, ``lex_k``; see ``sentence_llr``). A bead that joins a sentence with
  no counterpart leaves that sentence's words uncovered and pays for it, which is what
  separates a 2-1 from a 1-1 plus a 1-0.
* One-sided beads carry only their prior, made cheaper at the edges of a document (headlines,
  captions, bylines rarely translated) and for short unpunctuated lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..config import CostParams, IsnadParams
from ..text.isnad import opens_with_chain
from .band import Band
from .boundary_cues import ends_with_stop

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class DocStats:
    """Rates estimated on one document: length ratio and coverage rates."""

    mu: float
    q_en: float
    q_ar: float


@dataclass(frozen=True, slots=True)
class PairGrids:
    """Coverage of each sentence by the runs of the other side's sentences near it.

    English sentence ``i`` has a row of ``phi[i] - plo[i]`` cells from ``off_en[i]``:
    ``cov_en[s, off_en[i] + k]`` is the weight of its words matched in the ``s + 1`` Arabic
    sentences from ``plo[i] + k``; Arabic ``j`` likewise against the English runs from
    ``alo[j]`` (``cov_ar``, ``off_ar``, ``ahi``). The ranges come from ``Band.pair_ranges``
    and ``Band.column_ranges``, which is what makes every pair a bead of the band reads
    present here (``two_sided_rows`` checks it); see ``evidence.coverage.run_coverage``.

    A window (``search.stretch``) holds the cells of English sentences ``en0 .. en1 - 1``
    and Arabic ones ``ar0 .. ar1 - 1`` only, from ``off_en[en0]`` and ``off_ar[ar0]`` (the
    offsets stay the whole document's); ``en1``/``ar1`` of -1: to the last sentence."""

    plo: IntArray
    phi: IntArray
    off_en: IntArray
    cov_en: NDArray[np.floating[Any]]
    alo: IntArray
    ahi: IntArray
    off_ar: IntArray
    cov_ar: NDArray[np.floating[Any]]
    en0: int = 0
    en1: int = -1
    ar0: int = 0
    ar1: int = -1

    def window(self, side: str) -> tuple[int, int]:
        """The sentences of ``side`` ("en" or "ar") whose cells this holds."""
        if side == "en":
            return self.en0, len(self.plo) if self.en1 < 0 else self.en1
        return self.ar0, len(self.alo) if self.ar1 < 0 else self.ar1

    def en_row(self, s: int, i: int) -> NDArray[np.floating[Any]]:
        """English ``i`` against the Arabic runs of ``s + 1`` sentences from ``plo[i]``."""
        return self.cov_en[s, self.off_en[i] : self.off_en[i + 1]]

    def ar_row(self, s: int, j: int) -> NDArray[np.floating[Any]]:
        """Arabic ``j`` against the English runs of ``s + 1`` sentences from ``alo[j]``."""
        return self.cov_ar[s, self.off_ar[j] : self.off_ar[j + 1]]


def estimate_stats(
    grids: PairGrids,
    w_en: FloatArray,
    w_ar: FloatArray,
    len_en: FloatArray,
    len_ar: FloatArray,
    params: CostParams | None = None,
) -> DocStats:
    """Estimate the document's length ratio and chance coverage rates from its own sentences.

    ``mu`` is the log ratio of the two sides' total lengths; ``q`` is the per-word chance rate
    over all pairs of the pair grids (most pairs are unrelated, so their matches are chance).
    """
    p = params or CostParams()
    mu = math.log((len_ar.sum() + 1.0) / (len_en.sum() + 1.0))
    if len(w_en) == 0 or len(w_ar) == 0:
        return DocStats(mu, p.q_default, p.q_default)
    q_en = _chance_rate(grids.cov_en[0], grids.plo, grids.phi, w_en, w_ar, p.q_default,
                        p.q_pseudo_pairs)
    q_ar = _chance_rate(grids.cov_ar[0], grids.alo, grids.ahi, w_ar, w_en, p.q_default,
                        p.q_pseudo_pairs)

    def clip(x: float) -> float:
        return float(min(p.q_max, max(p.q_min, x)))

    return DocStats(mu=mu, q_en=clip(q_en), q_ar=clip(q_ar))


def _chance_rate(cov: NDArray[np.floating[Any]], lo: IntArray, hi: IntArray,
                 w_rows: FloatArray, w_cols: FloatArray, default: float,
                 pseudo: float = 0.0) -> float:
    """Matched weight over the weight products of every pair of one grid (row sentence
    ``x`` against the other side's sentences ``lo[x] .. hi[x] - 1``), shrunk towards
    ``default`` by ``pseudo`` pairs (``CostParams.q_pseudo_pairs``): a document of a few
    sentences has few pairs, and most of them are translations, not chance; ``default``
    when there is none."""
    cum = np.concatenate([[0.0], np.cumsum(w_cols)])
    denom = float((w_rows * (cum[hi] - cum[lo])).sum())
    if not denom:
        return default
    pairs = float((hi - lo).sum())
    return (pairs * float(cov.sum()) / denom + pseudo * default) / (pairs + pseudo)


def chance_share(other: FloatArray, q: float) -> tuple[FloatArray, FloatArray]:
    """``p0 = 1 - (1 - q) ** M``, the share of a sentence's words matched by chance in
    ``M`` unrelated words, and ``1 / (1 - p0)`` (bounded), the two numbers ``sentence_llr``
    needs from the other side: computed once per bead size, not once per sentence."""
    p0 = 1.0 - np.power(1.0 - q, other)
    return p0, 1.0 / np.maximum(1.0 - p0, 1e-3)


def share_llr(cov: FloatArray, total: FloatArray, p0: FloatArray, inv: FloatArray,
              params: CostParams) -> FloatArray:
    """``sentence_llr`` with the chance share already computed (``chance_share``)."""
    t = params.lex_t
    share = (cov + params.lex_prior * t) / (total + params.lex_prior)
    excess = np.maximum((share - p0) * inv, -params.lex_floor)
    out: FloatArray = params.lex_k * (excess - t)
    return out


def share_llr_into(cov: FloatArray, total: FloatArray, p0: FloatArray, inv: FloatArray,
                   params: CostParams) -> FloatArray:
    """``share_llr`` computed in ``cov``'s own buffer (which it overwrites and returns): the
    same operations in the same order, without a temporary per step."""
    t = params.lex_t
    cov += params.lex_prior * t
    cov /= total + params.lex_prior
    cov -= p0
    cov *= inv
    np.maximum(cov, -params.lex_floor, out=cov)
    cov -= t
    cov *= params.lex_k
    return cov


def sentence_llr(
    cov: FloatArray,
    total: FloatArray,
    other: FloatArray,
    q: float,
    params: CostParams,
) -> FloatArray:
    """Evidence that a sentence is translated inside its bead, from its matched share.

    The share is shrunk towards the threshold by ``params.lex_prior`` pseudo-words (short
    sentences give noisy shares), chance matches ``p0 = 1 - (1 - q) ** M`` are discounted, and
    the excess over ``lex_t`` is scaled by ``lex_k``.
    """
    p0, inv = chance_share(other, q)
    return share_llr(cov, total, p0, inv, params)


def length_spread(len_en: FloatArray, len_ar: FloatArray, params: CostParams) -> FloatArray:
    """Spread of the log length ratio of a bead of these lengths (non-space characters).

    Length noise adds up character by character (Gale and Church model the length
    difference with a variance proportional to length), so a long bead's ratio is tighter
    than a short one's; part of it (``params.len_floor``) does not shrink with length: the
    translator's style and the document's own ratio. ``params.len_sigma`` is the spread at
    ``params.len_ref`` characters; ``len_floor = 1`` gives one spread for every length.
    Measured on gold beads by ``scripts/fit_length_spread.py``."""
    f = params.len_floor
    size = 0.5 * (len_en + len_ar) + params.len_smooth
    out: FloatArray = params.len_sigma * np.sqrt(f + (1.0 - f) * params.len_ref / size)
    return out


def length_llr(len_en: FloatArray, len_ar: FloatArray, mu: float, params: CostParams
               ) -> FloatArray:
    """Log-likelihood ratio of the lengths: translation (narrow normal around the document's
    ratio ``mu``, its spread from ``length_spread``) against unrelated sentences (wide
    normal)."""
    s_len, s_bg = length_spread(len_en, len_ar, params), params.len_sigma_bg
    x = np.log((len_ar + params.len_smooth) / (len_en + params.len_smooth)) - mu
    out: FloatArray = 0.5 * x * x * (1 / (s_bg * s_bg) - 1 / (s_len * s_len)) + np.log(
        s_bg / s_len
    )
    return out


def length_llr_cells(len_en: FloatArray, len_ar: FloatArray, mu: float, params: CostParams
                     ) -> FloatArray:
    """``length_llr`` of a block of cells (``len_ar`` of the block's shape, ``len_en`` one
    per row), the same operations in the same order on fewer, reused buffers: the cost
    grids call it once per bead type and block, and its temporaries were a good part of
    their time. ``tests/test_speed_equivalence.py`` checks that it gives ``length_llr``'s
    numbers bit for bit."""
    f, s, s_bg = params.len_floor, params.len_smooth, params.len_sigma_bg
    spread = np.add(len_en, len_ar)
    spread *= 0.5
    spread += s
    np.divide((1.0 - f) * params.len_ref, spread, out=spread)
    spread += f
    np.sqrt(spread, out=spread)
    spread *= params.len_sigma
    x = np.add(len_ar, s)
    x /= len_en + s
    np.log(x, out=x)
    x -= mu
    out = np.multiply(0.5, x)
    out *= x
    inv = np.multiply(spread, spread)
    np.divide(1, inv, out=inv)
    np.subtract(1 / (s_bg * s_bg), inv, out=inv)
    out *= inv
    np.divide(s_bg, spread, out=spread)
    np.log(spread, out=spread)
    out += spread
    return out


def _cum(x: FloatArray) -> FloatArray:
    out: FloatArray = np.concatenate([[0.0], np.cumsum(x)])
    return out


@dataclass(frozen=True, slots=True)
class CostInputs:
    """What a bead's cost reads. Per-sentence quantities are kept as cumulative sums
    (``cum_*[k]`` = sum over the first ``k`` sentences) so that the total of any bead is the
    difference of two entries, whatever its size."""

    band: Band
    grids: PairGrids
    w_en: FloatArray
    w_ar: FloatArray
    cum_len_en: FloatArray
    cum_len_ar: FloatArray
    cum_w_en: FloatArray
    cum_w_ar: FloatArray
    cum_nb_en: FloatArray
    cum_nb_ar: FloatArray
    stats: DocStats
    params: CostParams
    #: Weighted count of the paragraph breaks before each sentence (``paragraph_marks``), or
    #: ``None`` when the two sides do not both show paragraphs (then no bead pays for
    #: crossing one).
    para_en: FloatArray | None = None
    para_ar: FloatArray | None = None


def cost_inputs(
    band: Band,
    grids: PairGrids,
    w_en: FloatArray,
    w_ar: FloatArray,
    len_en: FloatArray,
    len_ar: FloatArray,
    stats: DocStats,
    params: CostParams,
    null_bonus_en: FloatArray,
    null_bonus_ar: FloatArray,
    paragraphs: tuple[FloatArray, FloatArray] | None = None,
) -> CostInputs:
    """Bundle the inputs of ``cost_block``; ``paragraphs`` as ``shared_paragraphs`` gives
    them."""
    para_en, para_ar = paragraphs if paragraphs is not None else (None, None)
    return CostInputs(
        band, grids, w_en, w_ar, _cum(len_en), _cum(len_ar), _cum(w_en), _cum(w_ar),
        _cum(null_bonus_en), _cum(null_bonus_ar), stats, params, para_en, para_ar,
    )


def shared_paragraphs(para_en: Sequence[int], para_ar: Sequence[int],
                      texts_en: Sequence[str] = (), texts_ar: Sequence[str] = (),
                      heading_cross: float = 1.0) -> tuple[FloatArray, FloatArray] | None:
    """Both sides' ``paragraph_marks`` when both show paragraph breaks, else ``None``.

    One side in a single paragraph says nothing about where the other's breaks fall, so
    crossing them is then free (unequal paragraphing must not break the alignment)."""
    en, ar = np.asarray(para_en, dtype=np.int64), np.asarray(para_ar, dtype=np.int64)
    if en.size == 0 or ar.size == 0 or en[-1] == en[0] or ar[-1] == ar[0]:
        return None
    return (paragraph_marks(en, texts_en, heading_cross),
            paragraph_marks(ar, texts_ar, heading_cross))


def report_marks(marks: tuple[FloatArray, FloatArray] | None, n_en: int,
                 texts_ar: Sequence[str], isnad: IsnadParams
                 ) -> tuple[FloatArray, FloatArray] | None:
    """``marks`` (``shared_paragraphs``) with each Arabic sentence that opens with a chain
    of transmission (``text.isnad.opens_with_chain``) counted as ``isnad.open_break``
    paragraph breaks before it, unless a real break is there already.

    A chain opens a new report (each hadith starts with its own), so a bead that holds it
    after another Arabic sentence joins two reports: the sentence before it is the last
    report's grading or comment, which the translation leaves out. Without this, such a
    sentence, which shares its topic, is taken into the next report's bead. Only the Arabic
    side is marked; no chain, or ``open_break`` 0: ``marks`` as they are."""
    if not isnad.enabled or isnad.open_break <= 0 or not texts_ar:
        return marks
    opens = np.array([k > 0 and opens_with_chain(t, isnad) for k, t in enumerate(texts_ar)])
    if not opens.any():
        return marks
    m = len(texts_ar)
    en, ar = marks if marks is not None else (np.zeros(n_en), np.zeros(m))
    step = np.diff(ar, prepend=ar[:1])
    step = np.where(opens, np.maximum(step, isnad.open_break), step)
    out: FloatArray = ar[0] + np.cumsum(step)
    return en, out


def paragraph_marks(paragraphs: Sequence[int] | IntArray, texts: Sequence[str] = (),
                    heading_cross: float = 1.0) -> FloatArray:
    """How many paragraph breaks lie before each sentence, the break after a heading
    counting ``heading_cross`` (``CostParams.heading_cross``): a bead from sentence ``i`` to
    ``j`` crosses ``marks[j] - marks[i]`` of them.

    A heading is a paragraph of one sentence that does not end with a stop (a title, a
    headline, a section name; ``texts`` gives the sentences, none given: no headings).
    Translations often run a headline into the first paragraph, as one sentence with it
    (``المقدونيون يصوتون في استفتاء صوّت المقدونيون يوم الأحد ...``): a 2-1 bead, which must
    not pay for a break the other side never had. Several blank-line separated breaks in a
    row (clutter taken out between them) count as one."""
    para = np.asarray(paragraphs, dtype=np.int64)
    n = len(para)
    if n == 0:
        return np.zeros(0)
    step = np.zeros(n)
    for k in (int(x) for x in np.flatnonzero(para[1:] != para[:-1]) + 1):
        alone = k == 1 or para[k - 2] != para[k - 1]
        heading = bool(texts) and alone and not ends_with_stop(texts[k - 1])
        step[k] = heading_cross if heading else 1.0
    out: FloatArray = np.cumsum(step)
    return out


def one_sided_rows(
    inp: CostInputs, a: int, b: int, rows: IntArray, cols: IntArray,
    valid: NDArray[np.bool_],
) -> FloatArray:
    """Costs of 1-0 (``b == 0``) or 0-1 beads ending at ``(rows, cols)``.

    A one-sided bead pays its prior, less a bonus for lines that are often left untranslated
    (document edges, short unpunctuated lines): there is nothing to compare it with.
    """
    prior = -math.log(inp.params.priors[(a, b)])
    cost: FloatArray
    if b == 0:
        bonus = inp.cum_nb_en[rows] - inp.cum_nb_en[np.maximum(rows - a, 0)]
        cost = np.where(valid, prior - np.broadcast_to(bonus, cols.shape), math.inf)
    else:
        bonus = inp.cum_nb_ar[cols] - inp.cum_nb_ar[np.maximum(cols - b, 0)]
        cost = np.where(valid, prior - bonus, math.inf)
    return cost


class _Terms:
    """Lexical evidence of single sentences inside beads ending at a block of cells, each
    computed once and shared by every bead type that reads it.

    The English sentence ``d`` rows above a cell, scored against the run of ``b`` Arabic
    sentences that ends at the cell's column, is the same number in a 1-b, 2-b, ... 8-b bead
    (its other side, and so its chance share, depends on ``b`` only); likewise for the Arabic
    sentence ``d`` columns left of the cell against ``a`` English sentences. A bead's
    lexical score is the sum of its sentences' terms, so an 8-1 bead costs eight additions of
    terms the 7-1, 6-1, ... beads already computed, and the bead types together read about
    twice as many terms as there are sides (not the sum of all bead sizes).
    """

    def __init__(self, inp: CostInputs, rows: IntArray, cols: IntArray,
                 readers: dict[tuple[str, int, int], NDArray[np.bool_]]) -> None:
        self.inp, self.rows, self.cols, self.readers = inp, rows, cols, readers
        self.memo: dict[tuple[str, int, int], FloatArray] = {}
        self.chance: dict[tuple[str, int], tuple[FloatArray, FloatArray]] = {}
        self.en_sums: dict[tuple[int, int], FloatArray] = {}
        # Cells laid out as ``cost_block`` lays them (row ``i`` holds ``lo[i] + 0 .. w - 1``,
        # ``lo`` non-decreasing): what depends on the column alone is then computed once
        # per column of the block and gathered (``_share``), and an English term's
        # indexes are checked by their row's first and last cell (``term``).
        self.banded = bool(
            cols.ndim == 2 and cols.size and rows.shape == (cols.shape[0], 1)
            and (np.diff(cols, axis=1) == 1).all() and (np.diff(cols[:, 0]) >= 0).all()
            and (np.diff(rows[:, 0]) == 1).all())

    def _en_sum(self, a: int, b: int) -> FloatArray:
        """``0 + term(en, 1, b) + ... + term(en, a, b)``, added in that order: the English
        part of an ``a``-``b`` bead's lexical score is the ``(a - 1)``-``b`` bead's plus one
        term, the same additions in the same order, so the beads of one Arabic size share
        them (an 8-1 bead costs one addition more than the 7-1, not eight)."""
        got = self.en_sums.get((a, b))
        if got is None:
            if a == 1:
                got = np.zeros(self.cols.shape)
                got += self.term("en", 1, b)
            else:
                got = np.add(self._en_sum(a - 1, b), self.term("en", a, b))
            self.en_sums[(a, b)] = got
        return got

    def lex(self, a: int, b: int) -> FloatArray:
        """The lexical score of ``a``-``b`` beads ending at the block's cells: the terms of
        its English sentences, then those of its Arabic ones, summed in that order (a new
        array: the caller may keep it)."""
        out = np.add(self._en_sum(a, b), self.term("ar", 1, a))
        for d in range(2, b + 1):
            out += self.term("ar", d, a)
        return out

    def _share(self, side: str, size: int) -> tuple[FloatArray, FloatArray]:
        """Chance share of a sentence against the run of ``size`` sentences of the bead."""
        got = self.chance.get((side, size))
        if got is None:
            inp = self.inp
            if side == "en" and self.banded:  # once per column, then gathered
                ca, c0 = inp.cum_w_ar, int(self.cols[0, 0])
                cu = np.arange(c0, int(self.cols[-1, -1]) + 1)
                p0, inv = chance_share(ca[cu] - ca[np.maximum(cu - size, 0)],
                                       inp.stats.q_en)
                at = self.cols - c0
                got = p0.take(at), inv.take(at)
            elif side == "en":  # the Arabic run ending at the column
                ca = inp.cum_w_ar
                tot = ca[self.cols] - ca[np.maximum(self.cols - size, 0)]
                got = chance_share(tot, inp.stats.q_en)
            else:  # the English run ending at the row: one value per row
                ce = inp.cum_w_en
                tot = ce[self.rows] - ce[np.maximum(self.rows - size, 0)]
                got = chance_share(tot, inp.stats.q_ar)
            self.chance[(side, size)] = got
        return got

    def term(self, side: str, d: int, size: int) -> FloatArray:
        """English sentence ``row - d`` against the ``size`` Arabic sentences before the
        column (``side == "en"``), or Arabic sentence ``col - d`` against the ``size``
        English sentences before the row."""
        key = (side, d, size)
        got = self.memo.get(key)
        if got is not None:
            return got
        inp, grids = self.inp, self.inp.grids
        # What depends on the row alone (the English sentence, the start of an English run)
        # is computed on one value per row and broadcast: the same numbers, a fraction of
        # the work.
        if side == "en":
            r = self.rows - d
            start = self.cols - size
            grid, lo, off, weights = grids.cov_en[size - 1], grids.plo, grids.off_en, inp.w_en
        else:
            r = self.cols - d
            start = self.rows - size
            grid, lo, off, weights = grids.cov_ar[size - 1], grids.alo, grids.off_ar, inp.w_ar
        # ``np.minimum(np.maximum(..))`` is ``np.clip`` on these integer arrays, without
        # its Python-level dispatch, which cost more than the clipping on a band's rows.
        rr = np.minimum(np.maximum(r, 0), max(len(weights) - 1, 0))
        s0, s1 = grids.window(side)
        windowed = s0 > 0 or s1 < len(weights)
        if self.banded and grid.size:
            fast = (self._en_in_grid(r, rr, size, lo, off, grid, s0, s1) if side == "en"
                    else self._ar_in_grid(d, size, lo, off, grid, weights, s0, s1))
            if fast is not None:
                cov, total = fast if isinstance(fast, tuple) else (fast, weights[rr])
                p0, inv = self._share(side, size)
                got = self.memo[key] = share_llr_into(cov, total, p0, inv, inp.params)
                return got
        k = start - lo[rr]
        base = off[rr]
        width = off[rr + 1] - base
        ok = self.readers[key]
        # Every pair a bead of the band reads lies in the grids (``Band.pair_ranges`` and
        # ``column_ranges`` are built for that): one outside would silently count as "no
        # word matched", so it is a bug.
        outside = (k < 0) | (k >= width)
        if windowed:
            outside |= (r < s0) | (r >= s1)
        outside &= ok
        assert not outside.any(), "a bead of the band reads a pair outside the pair grids"
        if grid.size:
            np.minimum(np.maximum(k, 0, out=k), np.maximum(width - 1, 0), out=k)  # clip
            k += base
            if windowed:  # cells of sentences outside the window read no bead: any cell
                k -= off[s0]
                np.minimum(np.maximum(k, 0, out=k), grid.size - 1, out=k)  # clip
            cov = grid[k].astype(np.float64)
        else:  # no pair at all, hence no bead reading one (the assertion above)
            cov = np.zeros(self.cols.shape)
        p0, inv = self._share(side, size)
        got = self.memo[key] = share_llr_into(cov, weights[rr], p0, inv, inp.params)
        return got

    def _en_in_grid(self, r: IntArray, rr: IntArray, size: int, lo: IntArray,
                    off: IntArray, grid: NDArray[np.floating[Any]], s0: int, s1: int
                    ) -> FloatArray | None:
        """The coverage ``term`` reads for an English term of a banded block, when every
        cell of the block lies in its sentence's grid row (``None`` otherwise: ``term``
        then checks cell by cell). A row's indexes run up by one along the row, so its
        first and last cells bound them; every index being in range (and every sentence
        in the grids' window ``s0 .. s1 - 1``), the checks and clips of ``term`` change
        nothing, and the gather reads the same cells."""
        shift = -size - lo[rr]  # (rows, 1): k = cols + shift
        first = self.cols[:, :1] + shift
        last = self.cols[:, -1:] + shift
        base = off[rr]
        at = base - off[s0]  # where each row's grid row starts in the (windowed) grid
        if not (bool((r >= max(s0, 0)).all()) and bool((r < s1).all())
                and bool((first >= 0).all()) and bool((last < off[rr + 1] - base).all())
                and bool((first + at >= 0).all()) and bool((last + at < grid.size).all())):
            return None
        k = self.cols + (shift + at)
        out: FloatArray = grid.take(k).astype(np.float64)
        return out

    def _ar_in_grid(self, d: int, size: int, lo: IntArray, off: IntArray,
                    grid: NDArray[np.floating[Any]], weights: FloatArray, s0: int, s1: int
                    ) -> tuple[FloatArray, FloatArray] | None:
        """The coverage and sentence weights ``term`` reads for an Arabic term of a
        banded block, when every cell lies in its sentence's grid row (``None``
        otherwise). What depends on the column alone is computed once per column; a
        column's cells are consecutive rows, whose indexes run up by one, so its first and
        last rows bound them (the same numbers as ``term``'s cell by cell)."""
        rows0, cols = self.rows[:, 0], self.cols
        c0 = int(cols[0, 0])
        cu = np.arange(c0, int(cols[-1, -1]) + 1)
        rc = cu - d
        if int(rc[0]) < max(s0, 0) or int(rc[-1]) >= s1:
            return None
        rrc = np.minimum(rc, max(len(weights) - 1, 0))
        first_k = cols[:, 0]
        top = rows0[np.searchsorted(first_k + cols.shape[1] - 1, cu, "left")]
        bottom = rows0[np.searchsorted(first_k, cu, "right") - 1]
        lo_c, base = lo[rrc], off[rrc]
        shift = base - off[s0] - lo_c - size  # k = row + shift, in the (windowed) grid
        if not (bool((top - size - lo_c >= 0).all())
                and bool((bottom - size - lo_c < off[rrc + 1] - base).all())
                and bool((top + shift >= 0).all())
                and bool((bottom + shift < grid.size).all())):
            return None
        at = cols - c0
        k = self.rows + shift.take(at)
        cov: FloatArray = grid.take(k).astype(np.float64)
        return cov, weights[rrc].take(at)


def _valid(band: Band, a: int, b: int, rows: IntArray, cols: IntArray) -> NDArray[np.bool_]:
    """Cells where an ``a``-``b`` bead ends and starts inside the band."""
    lo, width = band.lo, band.width
    valid = (rows >= a) & (cols >= b)
    start_k = cols - b - lo[np.maximum(rows - a, 0)]
    out: NDArray[np.bool_] = valid & (start_k >= 0) & (start_k < width)
    return out


def two_sided_rows(
    inp: CostInputs, a: int, b: int, rows: IntArray, cols: IntArray,
    valid: NDArray[np.bool_], lex: FloatArray,
) -> FloatArray:
    """Costs of ``a``-``b`` beads (both sides non-empty) ending at ``(rows, cols)``.

    Each sentence of the bead is scored by the share of its words matched on the other side
    of the bead, beyond what chance gives (per sentence, not per word: the words of one
    sentence are not independent evidence), and the bead's two lengths by ``length_llr``;
    the lengths come from cumulative sums, the sentence terms from ``terms``, so a bead of
    any size costs a few additions. ``lex`` is that sum (``_Terms.lex``), left unchanged.
    """
    params, stats = inp.params, inp.stats
    prior = -math.log(params.priors[(a, b)])
    # Indexes below 0 occur only on cells that are not beads (``valid`` false).
    r_a = np.maximum(rows - a, 0)
    c_b = np.maximum(cols - b, 0)
    le = inp.cum_len_en[rows] - inp.cum_len_en[r_a]  # one per row, broadcast
    la = inp.cum_len_ar[cols] - inp.cum_len_ar[c_b]
    # ``prior - w_len * llr_len - w_lex * lex + para_cross * breaks``, in place.
    cost = length_llr_cells(le, la, stats.mu, params)
    cost *= params.w_len
    np.subtract(prior, cost, out=cost)
    cost -= np.multiply(lex, params.w_lex)
    cost += params.para_cross * _breaks(inp, a, b, rows, cols)
    cost[~valid] = math.inf
    return cost


def _breaks(inp: CostInputs, a: int, b: int, rows: IntArray, cols: IntArray
            ) -> FloatArray | float:
    """Paragraph breaks inside the bead, English and Arabic side together (hunalign's
    ``<p>`` idea: a translation keeps its paragraphs, so a bead rarely crosses one)."""
    if inp.para_en is None or inp.para_ar is None or (a < 2 and b < 2):
        return 0.0
    pe, pa = inp.para_en, inp.para_ar
    last_e, last_a = np.maximum(rows - 1, 0), np.maximum(cols - 1, 0)
    en = pe[last_e] - pe[np.maximum(rows - a, 0)]
    ar = pa[last_a] - pa[np.maximum(cols - b, 0)]
    out: FloatArray = np.broadcast_to(en, cols.shape) + ar
    return out


#: What ``LexStore`` keeps of a block: each bead type's valid cells, and the lexical score
#: of each two-sided type that fits there (by its index in the bead list).
_Kept = tuple[list[NDArray[np.bool_]], dict[int, FloatArray]]


class LexStore:
    """The lexical scores of one search's blocks, kept for the next pass over the same
    document (``run.search_document`` searches again with re-estimated priors and length
    model; the lexical scores read neither). Up to ``max_bytes`` of them are kept, the
    first blocks first; the others are computed again. A pass whose chance rates or
    lexical weights differ from the ones stored (a config that re-estimates them) computes
    its own."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.used = max_bytes, 0
        self.blocks: dict[tuple[int, int], _Kept] = {}
        self.model: tuple[float, ...] | None = None

    @staticmethod
    def size(band: Band, beads: Sequence[tuple[int, int]]) -> int:
        """Bytes a store of every block of ``band`` holds (lexical scores and masks)."""
        cells = (band.n + 1) * band.width
        return cells * (8 * sum(1 for a, b in beads if a and b) + len(beads))

    @staticmethod
    def _model(inp: CostInputs) -> tuple[float, ...]:
        p = inp.params
        return (inp.stats.q_en, inp.stats.q_ar, p.lex_t, p.lex_prior, p.lex_floor, p.lex_k)

    def get(self, inp: CostInputs, r_start: int, r_end: int
            ) -> _Kept | None:
        if self.model != self._model(inp):
            return None
        return self.blocks.get((r_start, r_end))

    def put(self, inp: CostInputs, r_start: int, r_end: int,
            valid: list[NDArray[np.bool_]], lex: dict[int, FloatArray]) -> None:
        model = self._model(inp)
        if self.model != model:
            self.blocks, self.used, self.model = {}, 0, model
        size = sum(v.nbytes for v in valid) + sum(x.nbytes for x in lex.values())
        if self.used + size <= self.max_bytes:
            self.blocks[(r_start, r_end)] = (valid, lex)
            self.used += size


def cost_block(inp: CostInputs, beads: Sequence[tuple[int, int]], r_start: int, r_end: int,
               store: LexStore | None = None) -> FloatArray:
    """Costs (float64) of the beads of each type ending at the band cells of rows
    ``r_start .. r_end - 1``: shape ``(len(beads), rows, width)``, laid out as
    ``dp.align_band`` expects; ``inf`` where no such bead fits (too close to the top or left
    edge, or starting outside the band). ``store``: lexical scores kept from an earlier
    pass (``LexStore``), which this block then reads instead of computing them."""
    band = inp.band
    rows = np.arange(r_start, r_end)[:, None]
    # No column past m: ``Band`` guarantees lo[i] + width <= m + 1.
    cols = band.lo[r_start:r_end, None] + np.arange(band.width)[None, :]
    kept = store.get(inp, r_start, r_end) if store is not None else None
    if kept is not None:
        valid, lexes = kept
    else:
        valid = [_valid(band, a, b, rows, cols) for a, b in beads]
        lexes = _block_lex(inp, beads, rows, cols, valid)
        if store is not None:
            store.put(inp, r_start, r_end, valid, lexes)
    out = np.empty((len(beads), r_end - r_start, band.width))
    for t, (a, b) in enumerate(beads):
        if a == 0 or b == 0:
            out[t] = one_sided_rows(inp, a, b, rows, cols, valid[t])
        elif t not in lexes:
            out[t] = math.inf
        else:
            out[t] = two_sided_rows(inp, a, b, rows, cols, valid[t], lexes[t])
    return out


def _block_lex(inp: CostInputs, beads: Sequence[tuple[int, int]], rows: IntArray,
               cols: IntArray, valid: list[NDArray[np.bool_]]) -> dict[int, FloatArray]:
    """The lexical score (``_Terms.lex``) of each two-sided bead type that fits somewhere
    in the block, by its index in ``beads``."""
    readers: dict[tuple[str, int, int], NDArray[np.bool_]] = {}
    for (a, b), ok in zip(beads, valid, strict=True):
        if a and b:
            for key in [("en", d, b) for d in range(1, a + 1)] + [
                    ("ar", d, a) for d in range(1, b + 1)]:
                prev = readers.get(key)
                readers[key] = ok if prev is None else prev | ok
    terms = _Terms(inp, rows, cols, readers)
    return {t: terms.lex(a, b) for t, (a, b) in enumerate(beads)
            if a and b and valid[t].any()}


def cost_rows(inp: CostInputs, a: int, b: int, r_start: int, r_end: int) -> FloatArray:
    """Costs of the ``a``-``b`` beads alone (see ``cost_block``): shape ``(rows, width)``."""
    out: FloatArray = cost_block(inp, ((a, b),), r_start, r_end)[0]
    return out


def make_cost_rows(inp: CostInputs, store: LexStore | None = None
                   ) -> Callable[[Sequence[tuple[int, int]], int, int], NDArray[np.float32]]:
    """Return ``cost_rows(beads, r_start, r_end)`` for ``dp.align_band`` (see there for the
    layout), from the inputs ``cost_inputs`` bundles (``store``: see ``cost_block``).
    float32 halves the block the DP holds (a path's total is still summed in float64 by
    the DP)."""

    def rows_fn(beads: Sequence[tuple[int, int]], r_start: int, r_end: int
                ) -> NDArray[np.float32]:
        return cost_block(inp, beads, r_start, r_end, store).astype(np.float32)

    return rows_fn
