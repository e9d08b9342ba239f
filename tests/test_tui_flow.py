"""Review behaviour a translator meets in the first hour (issue 11): the edit dialog appends,
``a`` approves and moves on, low scores are in the review queue, the help closes and scrolls."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from test_tui import EN, errors, make_state, on_disk, run
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList

from tawazi.align.types import Flag
from tawazi.tui.app import ReviewApp, make_app
from tawazi.tui.bead_table import BeadList
from tawazi.tui.edit_dialog import EditScreen
from tawazi.tui.help import HelpScreen
from tawazi.tui.split_dialog import SplitScreen


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


def test_approve_moves_to_the_next_bead(tmp_path: Any) -> None:
    """Approving is a confirm: the cursor goes on to the next bead, so a run of good beads
    is ``a a a``; the last bead stays where it is."""
    seen: list[int] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        for key in ("a", "a", "G", "a"):
            await pilot.press(key)
            seen.append(app.session.cursor)  # type: ignore[union-attr]

    app = run(tmp_path, script)
    assert seen == [1, 2, 5, 5]
    statuses = [b.status for b in on_disk(app).alignment.beads]
    assert statuses == ["approved", "approved", "auto", "auto", "auto", "approved"]


def test_approve_stays_when_asked(tmp_path: Any) -> None:
    app = make_app(tmp_path / "article.tawazi.json", state=make_state(tmp_path),
                   approve_advances=False)

    async def main() -> None:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("a")

    asyncio.run(main())
    assert app.session is not None and app.session.cursor == 0
    assert app.session.alignment.beads[0].status == "approved"


def test_approve_in_the_filter_moves_to_the_next_bead_to_review(tmp_path: Any) -> None:
    state = make_state(tmp_path)
    beads = list(state.alignment.beads)
    beads[0] = replace(beads[0], flags=(Flag("omission", "x"),))
    state = replace(state, alignment=replace(state.alignment, beads=tuple(beads)))

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("g", "F", "a")

    app = run(tmp_path, script, state=state)
    assert app.session is not None and app.session.cursor == 3


def test_a_low_score_without_flags_is_in_the_review_queue(tmp_path: Any) -> None:
    """``f`` and ``F`` visit a bead scoring below 0.5 that has no flag: the scorer doubts
    it without naming why, which is exactly what a reviewer should look at."""
    state = make_state(tmp_path)
    beads = list(state.alignment.beads)
    beads[4] = replace(beads[4], score=0.2)  # no flags
    state = replace(state, alignment=replace(state.alignment, beads=tuple(beads)))
    seen: list[Any] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("f")
        seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("f")
        seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("F")
        seen.append(app.query_one(BeadList).rows)

    run(tmp_path, script, state=state)
    assert seen == [3, 4, [3, 4]]


def test_a_new_review_of_a_changed_input_carries_the_work_over(tmp_path: Any) -> None:
    """The first alignment of the new text gets the approvals and edits back, and the
    reviewer is told how many (``tawazi review --carry-over``)."""
    from test_tui import AR

    from tawazi.align.review.carry import reviewed_beads
    from tawazi.align.review.session import open_inputs

    old = make_state(tmp_path).alignment
    beads = list(old.beads)
    beads[0] = replace(beads[0], status="approved")
    beads[2] = replace(beads[2], en_edit="On Friday Lavrentyev confirmed it.")
    reviewed = reviewed_beads(replace(old, beads=tuple(beads)))
    bi = tmp_path / "article.txt"
    bi.write_text("\n".join(["A new headline.", *EN[:5]]) + "\n\n" + "\n".join(
        ["عنوان جديد.", *AR]) + "\n", encoding="utf-8")
    app = make_app(tmp_path / "article.tawazi.json", inputs=open_inputs([bi], presplit=True),
                   carry=reviewed)
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]

    async def main() -> None:
        async with app.run_test(size=(100, 32)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()

    asyncio.run(main())
    assert app.session is not None
    got = [(b.en, b.status, b.en_edit) for b in app.session.alignment.beads[:4]]
    assert got == [((0,), "auto", None), ((1,), "approved", None), ((2,), "auto", None),
                   ((3,), "auto", "On Friday Lavrentyev confirmed it.")]
    assert "carried 2 of 2 approved or edited beads over to the changed input" in notes
    assert on_disk(app).alignment.beads[1].status == "approved"


def test_help_says_esc_closes_and_scrolls_at_80x24(tmp_path: Any) -> None:
    """The key list is longer than an 80x24 screen: it scrolls with the keys, and the line
    saying how to close it stays in view."""
    seen: list[Any] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        box, foot = app.screen.query_one("#help-box"), app.screen.query_one("#help-foot")
        scroll = app.screen.query_one("#help-scroll")
        seen.append("esc" in str(foot.render()) and foot.region.bottom <= box.region.bottom)
        await pilot.press("pagedown", "down")
        seen.append(scroll.scroll_y > 0)
        await pilot.press("escape")
        seen.append(isinstance(app.screen, HelpScreen))

    run(tmp_path, script, size=(80, 24))
    assert seen == [True, True, False]


def test_split_dialog_hint_is_in_view_at_80x24(tmp_path: Any) -> None:
    """A 4-4 bead offers many cuts; the dialog still fits the screen, hint and all."""
    seen: list[bool] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("m", "m", "m", "s")
        assert isinstance(app.screen, SplitScreen)
        dialog = app.screen.query_one("#dialog")
        for widget in app.screen.query(Label):
            if "esc: cancel" in str(widget.render()):
                seen.append(dialog.region.contains_region(widget.region)
                            and widget.region.bottom <= app.size.height)
        options = app.screen.query_one(OptionList)
        seen.append(options.region.bottom <= dialog.region.bottom)

    run(tmp_path, script, size=(80, 24))
    assert seen == [True, True]


def test_the_first_alignment_shows_real_progress(tmp_path: Any) -> None:
    """Each step of the alignment moves the bar (not an endless ``--%``)."""
    from textual.widgets import ProgressBar

    from tawazi.align.review.session import open_inputs
    from tawazi.tui.messages import Progress

    make_state(tmp_path)
    inputs = open_inputs([tmp_path / "article.en.txt", tmp_path / "article.ar.txt"])
    app = make_app(tmp_path / "article.tawazi.json", inputs=inputs)
    steps: list[tuple[str, float]] = []
    step = app._step

    def record(name: str, done: float) -> None:
        steps.append((name, done))
        step(name, done)

    app._step = record  # type: ignore[method-assign]
    shown: list[float | None] = []

    async def main() -> None:
        async with app.run_test(size=(100, 32)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app._set_busy("re-aligning…")
            app.post_message(Progress("scoring…", 80, 100))
            await pilot.pause()
            shown.append(app.query_one("#busy-bar", ProgressBar).percentage)

    asyncio.run(main())
    dones = [d for _, d in steps]
    assert dones[0] == 0.0 and dones[-1] == 1.0 and dones == sorted(dones)
    assert any(name.startswith("aligning 6 English and 5 Arabic") for name, _ in steps)
    assert shown == [0.8]
