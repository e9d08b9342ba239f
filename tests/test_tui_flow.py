"""Review behaviour a translator meets in the first hour (issue 11): the edit dialog appends,
``a`` approves and moves on, low scores are in the review queue, the help closes and scrolls."""

from __future__ import annotations

from typing import Any

from test_tui import EN, errors, on_disk, run
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import ReviewApp
from tui.edit_dialog import EditScreen


def test_edit_dialog_opens_with_the_cursor_at_the_end_and_typing_appends(tmp_path: Any) -> None:
    """Typing right after ``e`` adds to the sentence; it does not replace it."""
    seen: list[tuple[int, bool]] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        field = app.screen.query_one(Input)
        seen.append((field.cursor_position, field.selection.is_empty))
        await pilot.press(*" [edited]", "enter")

    app = run(tmp_path, script)
    assert seen == [(len(EN[0]), True)]
    assert on_disk(app).alignment.beads[0].en_edit == EN[0] + " [edited]"
    assert not errors(app)
