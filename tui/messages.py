"""Messages that flow up to the app: from the bead table and from worker threads.

Attributes go down (the app calls ``show`` on its widgets), messages come up. Workers post
these from their thread (``post_message`` is thread-safe), so no widget is touched off the
event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ..align.review.session import SessionState
from ..align.types import Alignment

if TYPE_CHECKING:
    from ..align.evidence.lexicon import Lexicon


@dataclass
class CursorMoved(Message):
    """The reviewer moved the table cursor onto bead ``bead``."""

    bead: int


@dataclass
class Progress(Message):
    """Slow work advanced: ``done`` of ``total`` steps (``total`` ``None``: unknown)."""

    label: str
    done: float = 0
    total: float | None = None


@dataclass
class Loaded(Message):
    """The first alignment of a new session is ready (or a saved session was read);
    ``note`` says what was carried over from an earlier version of the inputs."""

    state: SessionState
    note: str = ""


@dataclass
class Realigned(Message):
    """Re-alignment of the unapproved beads finished; ``base`` is the alignment it started
    from, so that a result computed from an outdated alignment is not applied."""

    base: Alignment
    alignment: Alignment


@dataclass
class WorkFailed(Message):
    """A worker stopped on an error, explained in one line."""

    reason: str


@dataclass
class WorkDone(Message):
    """A worker finished and has something to tell the reviewer."""

    note: str


@dataclass
class LexiconLoaded(Message):
    """The lexicon is loaded, so the detail panel can highlight lexicon matches."""

    lexicon: Lexicon
