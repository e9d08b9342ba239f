"""Typed errors of the library.

The library raises these and never prints or exits; the CLI (``align/cli/``) catches
``TawaziError``, prints its one-line message to stderr and exits with status 2. Anything else
is a genuine bug and is allowed to surface.
"""

from __future__ import annotations

from pathlib import Path


class TawaziError(Exception):
    """Base class: a problem with the user's input or options, explained in one line."""

    def __init__(
        self,
        reason: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
    ) -> None:
        self.reason = reason
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The one line shown to the user: ``path:line: reason``."""
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return (where + self.reason).replace("\n", " ")


class InputError(TawaziError):
    """An input file is missing, unreadable, undecodable, empty or malformed."""


class FormatError(InputError):
    """A structured input (TMX, TSV, session, manifest) does not follow its format."""


class OptionError(TawaziError):
    """Options that cannot work together, or an option value out of range."""


class OutputError(TawaziError):
    """An output path cannot be written."""
