"""Bitext mining: the sentence pairs of two comparable documents that translate each other.

Comparable documents (two outlets' reports of one event) share a few translated or closely
paraphrased sentences, in any order, among many that have no counterpart.
``search.mine_documents`` finds them without a monotone alignment: candidates from an
inverted index of match keys (``index.py``), each scored with the fidelity model and a margin
against its rivals (``score.py``), selected one-to-one. ``types.py`` holds the settings and
results, ``write.py`` the TSV/JSONL/TMX writers, ``read.py`` the inputs.

This package imports nothing at import time (``types`` and ``write`` are light; the search
loads numpy), so ``tawazi --help`` stays instant.
"""
