"""Bitext mining: the sentence pairs of two comparable documents that translate each other.

Comparable documents (two outlets' reports of one event) share a few translated or closely
paraphrased sentences, in any order, among many that have no counterpart. ``mine_documents``
finds them without a monotone alignment: candidates from an inverted index of match keys,
each scored with the fidelity model and a margin against its rivals, selected one-to-one.
"""

from align.mine.search import mine_documents, mine_sentences, mine_signature
from align.mine.types import GROUPS, MineConfig, MinedPair, Mining

__all__ = ["GROUPS", "MineConfig", "MinedPair", "Mining", "mine_documents", "mine_sentences",
           "mine_signature"]
