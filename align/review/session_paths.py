"""Where a review session lives: next to the first input, ``NAME.tawazi.json``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: Suffix of a session file next to its first input.
SESSION_SUFFIX = ".tawazi.json"


def default_session_path(paths: Sequence[str]) -> Path:
    """The session file of a review of ``paths``: next to the first input.

    >>> str(default_session_path(["news/article.txt"]))
    'news/article.tawazi.json'
    """
    first = Path(paths[0])
    return first.with_name(first.stem + SESSION_SUFFIX)


def is_session_path(path: str) -> bool:
    """A ``.json`` argument is a session file (no input format of tawazi is JSON)."""
    return Path(path).suffix.lower() == ".json"
