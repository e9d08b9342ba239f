"""The status bar: progress of the review, the file, and whether the work is on disk."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from align.types import Alignment


def status_text(
    al: Alignment | None,
    session: Path,
    save_state: str,
    *,
    flagged_only: bool = False,
    query: str = "",
    busy: str = "",
) -> Text:
    """``✓ 3/17 approved │ ⚑ 2 flagged left │ article.tawazi.json │ saved``."""
    t = Text()
    if al is not None:
        approved = sum(b.status == "approved" for b in al.beads)
        flagged = sum(bool(b.flags) and b.status != "approved" for b in al.beads)
        t.append("✓ ", "green")
        t.append(f"{approved}/{len(al.beads)} approved")
        t.append(" │ ")
        t.append("⚑ ", "red" if flagged else "dim")
        t.append(f"{flagged} flagged left")
        t.append(" │ ")
    t.append(session.name, "bold")
    t.append(" │ ")
    style = "green" if save_state.startswith("saved") else "bold red"
    t.append(save_state, style)
    if flagged_only:
        t.append(" │ filter: flagged", "yellow")
    if query:
        t.append(f" │ /{query}", "cyan")
    if busy:
        t.append(f" │ {busy}", "yellow")
    return t


class StatusBar(Static):
    """One line at the bottom; the app calls ``show`` after every change."""

    def show(self, al: Alignment | None, session: Path, save_state: str, *,
             flagged_only: bool = False, query: str = "", busy: str = "") -> None:
        self.update(status_text(al, session, save_state, flagged_only=flagged_only,
                                query=query, busy=busy))
