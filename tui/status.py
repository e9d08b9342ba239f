"""The status bar: progress of the review, where the session is saved, and whether the work
is on disk.

The session file lands next to the first input unless ``--session`` says otherwise, which
can be a folder a reviewer does not expect (a repository's ``seeds/``): the bar names the
file by its path, not only its name. Anything that may hold Arabic (the search, the path) is
put in visual order like the rows (``align.review.display.inline``).
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from ..align.review.display import inline
from ..align.types import Alignment
from .navigate import needs_review

#: Longest session path shown in full; a longer one keeps its end (the file and folder).
PATH_CELLS = 48


def shown_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` as a person would type it from here: relative to the working folder when
    inside it, from ``~`` when under home, else absolute; shortened from the left.

    >>> shown_path(Path("/w/seeds/002.tawazi.json"), Path("/w"))
    'seeds/002.tawazi.json'
    """
    full = Path(os.path.abspath(path))
    here = Path(os.path.abspath(cwd or Path.cwd()))
    home = Path.home()
    if full.is_relative_to(here):
        text = str(full.relative_to(here))
    elif full.is_relative_to(home):
        text = str(Path("~") / full.relative_to(home))
    else:
        text = str(full)
    return text if len(text) <= PATH_CELLS else "…" + text[-(PATH_CELLS - 1):]


def status_text(
    al: Alignment | None,
    session: Path,
    save_state: str,
    *,
    flagged_only: bool = False,
    query: str = "",
    busy: str = "",
    visual_order: bool = True,
) -> Text:
    """``✓ 3/17 approved │ ⚑ 2 to review │ /query │ saved │ seeds/article.tawazi.json``:
    what changes while reviewing first, the session's path (the longest part) last."""
    t = Text()
    if al is not None:
        approved = sum(b.status == "approved" for b in al.beads)
        queue = sum(needs_review(b) and b.status != "approved" for b in al.beads)
        t.append("✓ ", "green")
        t.append(f"{approved}/{len(al.beads)} approved")
        t.append(" │ ")
        t.append("⚑ ", "red" if queue else "dim")
        t.append(f"{queue} to review")
        t.append(" │ ")
    if flagged_only:
        t.append("filter: to review", "yellow")
        t.append(" │ ")
    if query:
        t.append(f"/{inline(query, visual_order)}", "cyan")
        t.append(" │ ")
    if busy:
        t.append(inline(busy, visual_order), "yellow")
        t.append(" │ ")
    style = "green" if save_state.startswith("saved") else "bold red"
    t.append(save_state, style)
    t.append(" │ ")
    t.append(inline(shown_path(session), visual_order), "bold")  # last: the longest
    return t


class StatusBar(Static):
    """One line at the bottom; the app calls ``show`` after every change."""

    def show(self, al: Alignment | None, session: Path, save_state: str, *,
             flagged_only: bool = False, query: str = "", busy: str = "",
             visual_order: bool = True) -> None:
        self.update(status_text(al, session, save_state, flagged_only=flagged_only,
                                query=query, busy=busy, visual_order=visual_order))
