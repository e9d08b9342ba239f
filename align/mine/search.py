"""Mine the sentence pairs of two comparable documents that translate each other.

Steps, each linear in the documents but for the candidates themselves:

1. every sentence's content words and match keys (``evidence.features``);
2. candidate pairs from the inverted key index (``index.candidates``), ``top_k`` a sentence;
3. each candidate scored with the fidelity model and the mining probability built on it
   (``score.mine_probability``); a 1-1 candidate whose one side is too
   short for the other is also tried with a neighbour added (1-2, 2-1), kept when it beats
   its best 1-1 part by ``group_gain``;
4. the margin: that probability minus ``margin`` times the best rival's (``score.rivals``);
5. greedy one-to-one selection by that score, down to ``min_score``.
"""

from __future__ import annotations

from .. import __version__
from ..evidence.features import units_ar, units_en
from ..evidence.lexicon import Lexicon, load_lexicon
from ..quality.bead_evidence import LEN_MU
from ..quality.fidelity import flags_of
from ..signature import digest, fidelity_hash
from ..text.segment import split_document
from ..types import Document, Sentence
from .index import candidates, postings
from .score import Candidate, Scorer, grown, rivals
from .types import MineConfig, MinedPair, Mining


def mine_signature(config: MineConfig, lexicon_sha: str) -> str:
    """``key:value|...`` naming what a mining result depends on.

    >>> sig = mine_signature(MineConfig(), "abc")
    >>> sig.startswith("tawazi:") and "|mine:" in sig and "|lexicon:abc|" in sig
    True
    """
    groups = ",".join(f"{a}-{b}" for a, b in config.groups)
    return "|".join([
        f"tawazi:{__version__}",
        "mode:mine",
        f"groups:{groups}",
        f"min:{config.min_score:g}",
        f"margin:{config.margin:g}",
        f"mine:{digest(config)}",
        f"lexicon:{lexicon_sha}",
        f"fidelity:{fidelity_hash()}",
    ])


def _scored(scorer: Scorer, config: MineConfig, pairs: list[tuple[int, int]]
            ) -> list[Candidate]:
    """The 1-1 candidates worth keeping and the groups that beat their 1-1 parts."""
    n_en, n_ar = len(scorer.en_sents), len(scorer.ar_sents)
    if scorer.units is not None:
        keys = tuple([frozenset(k for u in units for k in u.keys) for units in side]
                     for side in scorer.units)
        pairs = [(e, a) for e, a in pairs if scorer.worth(e, a, (keys[0], keys[1]),
                                                           config.min_p)]
    ones = [scorer.score((e,), (a,)) for e, a in pairs]
    ones = [c for c in ones if c.p >= config.min_p]
    out = list(ones)
    if len(config.groups) == 1:
        return out
    for c in ones:
        for en, ar in grown(c, n_en, n_ar, config.groups):
            g = scorer.score(en, ar)
            parts = [scorer.score((i,), (j,)).p for i in en for j in ar]
            if g.p >= max(parts) + config.group_gain:
                out.append(g)
    return list({(c.en, c.ar): c for c in out}.values())


def select(cands: list[Candidate], config: MineConfig) -> list[tuple[Candidate, float, float]]:
    """Greedy one-to-one selection: ``(candidate, score, rival)`` best first, no sentence in
    two pairs, none below ``min_score``."""
    rival = rivals(cands)
    ranked = sorted(
        ((c, max(0.0, c.p - config.margin * r), r) for c, r in zip(cands, rival,
                                                                          strict=True)),
        key=lambda t: (-t[1], t[0].en, t[0].ar),
    )
    used_en: set[int] = set()
    used_ar: set[int] = set()
    out: list[tuple[Candidate, float, float]] = []
    for c, s, r in ranked:
        if s < config.min_score:
            break
        if used_en.isdisjoint(c.en) and used_ar.isdisjoint(c.ar):
            used_en.update(c.en)
            used_ar.update(c.ar)
            out.append((c, s, r))
    return out


def mine_sentences(
    en_doc: Document,
    ar_doc: Document,
    en_sents: tuple[Sentence, ...],
    ar_sents: tuple[Sentence, ...],
    config: MineConfig | None = None,
    lexicon: Lexicon | None = None,
) -> Mining:
    """Mine already split sentences (see the module docstring).

    >>> en = Document("It cost 2,400 dollars. The sky is blue.", "en")
    >>> ar = Document("ذهب الولد إلى المدرسة. كلف ٢٤٠٠ دولار.", "ar")
    >>> m = mine_sentences(en, ar, split_document(en), split_document(ar))
    >>> [(p.en, p.ar) for p in m.pairs]
    [((0,), (1,))]
    """
    config = config or MineConfig()
    lex = lexicon or load_lexicon()
    ids: dict[str, int] = {}
    ue = [units_en(s.text) for s in en_sents]
    ua = [units_ar(s.text, lex) for s in ar_sents]
    ei, ai, _ = candidates(postings(ue, ids), postings(ua, ids), len(ids), top_k=config.top_k,
                           max_df=config.max_df, max_df_share=config.max_df_share)
    scorer = Scorer(en_sents, ar_sents, lex, LEN_MU, {}, (ue, ua))
    cands = _scored(scorer, config, list(zip(ei.tolist(), ai.tolist(), strict=True)))
    chosen = select(cands, config)
    pairs = tuple(
        MinedPair(c.en, c.ar, s, c.fidelity, r,
                  flags_of(c.evidence, " ".join(en_sents[i].text for i in c.en),
                           " ".join(ar_sents[j].text for j in c.ar)))
        for c, s, r in chosen
    )
    stats = {"en": len(en_sents), "ar": len(ar_sents), "candidates": int(ei.size),
             "scored": len(scorer.cache), "pairs": len(pairs)}
    return Mining(en_doc, ar_doc, en_sents, ar_sents, pairs,
                  mine_signature(config, lex.sha), stats)


def mine_documents(en_doc: Document, ar_doc: Document, config: MineConfig | None = None,
                   lexicon: Lexicon | None = None) -> Mining:
    """Split both documents and mine them."""
    return mine_sentences(en_doc, ar_doc, split_document(en_doc), split_document(ar_doc),
                          config, lexicon)
