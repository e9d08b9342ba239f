"""What the review looks like (pytest-textual-snapshot): Arabic rows in visual order next to
English, the detail panel with its anchors, dialogs, at 80x24 and on a wide screen.

Snapshots live in ``tests/snapshots/``; after an intended change of the look, rewrite them
with ``uv run pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import pytest_textual_snapshot
from test_tui import comparable_state, make_state
from textual.pilot import Pilot
from textual.widgets import Input

from tawazi.align.types import Flag
from tawazi.tui.app import ReviewApp, make_app

Compare = Callable[..., bool]



def _snapshot_dir(cls: type, *, test_location: Any) -> str:
    return str(Path(test_location.filepath).parent / "snapshots" / test_location.basename)


# The project keeps snapshots in tests/snapshots (syrupy's default is __snapshots__, and its
# single-file extensions ignore a subclass's ``snapshot_dirname``), as SVG files
# (pytest-textual-snapshot 1.0 names its extension ``_file_extension`` while syrupy 7 reads
# ``file_extension``, which would store them as ``.raw``). Set at import, because syrupy
# writes snapshots at the end of the session, after a fixture would have undone a patch.
# ``--snapshot-dirname=snapshots`` in the pytest options would make the first part moot.
_svg = pytest_textual_snapshot.SVGImageExtension
_svg.snapshot_dirname = "snapshots"
_svg.file_extension = "svg"
_svg.dirname = classmethod(_snapshot_dir)  # type: ignore[assignment,method-assign]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The status bar shows the session's path from the working folder: run in
    ``tmp_path`` so that it is ``article.tawazi.json`` in every snapshot."""
    monkeypatch.chdir(tmp_path)


def app_for(tmp_path: Path) -> ReviewApp:
    return make_app(tmp_path / "article.tawazi.json", state=make_state(tmp_path))


def settle(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the lexicon (anchor highlights), then press ``keys``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def test_table_and_date_anchors_at_80x24(snap_compare: Compare, tmp_path: Path) -> None:
    """Bead 2 ("26 January" / "26 كانون الثاني"): the number and the month are highlighted
    on both sides; Arabic is right-aligned and in visual order."""
    assert snap_compare(app_for(tmp_path), run_before=settle("j"), terminal_size=(80, 24))


def test_flagged_bead_with_diacritics(snap_compare: Compare, tmp_path: Path) -> None:
    """Bead 4: a red score, the flag explained, diacritics kept on their letters."""
    assert snap_compare(app_for(tmp_path), run_before=settle("f"), terminal_size=(80, 24))


def test_wide_screen(snap_compare: Compare, tmp_path: Path) -> None:
    """On a wide screen the text columns widen and rows need fewer lines."""
    assert snap_compare(app_for(tmp_path), run_before=settle("m", "a"),
                        terminal_size=(140, 36))


def test_help_screen(snap_compare: Compare, tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), run_before=settle("question_mark"),
                        terminal_size=(80, 24))


def test_split_dialog(snap_compare: Compare, tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), run_before=settle("m", "s"),
                        terminal_size=(100, 30))


def test_arabic_edit_dialog_previews_in_visual_order(snap_compare: Compare,
                                                     tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), run_before=settle("E"), terminal_size=(100, 24))


def typed(text: str, *keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the lexicon, put ``text`` in the focused input (as if typed), press ``keys``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle()(pilot)
        pilot.app.screen.query_one(Input).value = text
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def test_search_box_shows_arabic_in_visual_order(snap_compare: Compare,
                                                 tmp_path: Path) -> None:
    """``/`` with an Arabic word: the line under the field reads it in visual order."""
    app = app_for(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle("slash")(pilot)
        await typed("المدرسة")(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_status_bar_shows_an_arabic_search_in_visual_order(snap_compare: Compare,
                                                           tmp_path: Path) -> None:
    """After an Arabic search the status bar (``/…``) and the notification read right."""
    app = app_for(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle("slash")(pilot)
        await typed("المدرسة", "enter")(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_flag_explanation_quoting_arabic_in_visual_order(snap_compare: Compare,
                                                        tmp_path: Path) -> None:
    """``⚑ addition — the Arabic adds “اليوم الجمعة”``: the quote reads right-to-left."""
    state = make_state(tmp_path)
    beads = list(state.alignment.beads)
    beads[2] = replace(beads[2], score=0.4,
                       flags=(Flag("addition", "the Arabic adds “اليوم الجمعة”"),))
    state = replace(state, alignment=replace(state.alignment, beads=tuple(beads)))
    app = make_app(tmp_path / "article.tawazi.json", state=state)
    assert snap_compare(app, run_before=settle("j", "j"), terminal_size=(80, 24))


def test_english_edit_holding_arabic_previews_in_visual_order(snap_compare: Compare,
                                                              tmp_path: Path) -> None:
    """An English edit that quotes Arabic: the ``reads:`` line shows it as it will read."""
    assert snap_compare(app_for(tmp_path), terminal_size=(100, 24),
                        run_before=lambda pilot: _edit_en(pilot))


async def _edit_en(pilot: Pilot[Any]) -> None:
    await settle("e")(pilot)
    await typed("Special envoy Lavrentyev (لافرينتيف) says the troops will leave.")(pilot)


def test_split_dialog_of_a_long_bead_at_80x24(snap_compare: Compare, tmp_path: Path) -> None:
    """A 4-4 bead: the sentences and the cuts scroll, the hint stays at the top."""
    assert snap_compare(app_for(tmp_path), run_before=settle("m", "m", "m", "s"),
                        terminal_size=(80, 24))


def quiet(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """``settle(*keys)``, then the one-time notifications cleared (they would hide the
    bottom lines)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle()(pilot)
        pilot.app.clear_notifications()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_banner_warns_of_a_text_that_is_not_parallel(snap_compare: Compare,
                                                     tmp_path: Path) -> None:
    """Mostly low-coverage pairs: ``⚠ Not a parallel text (verdict: comparable)`` over
    the beads, on one line."""
    app = make_app(tmp_path / "article.tawazi.json", state=comparable_state(tmp_path))
    assert snap_compare(app, run_before=quiet(), terminal_size=(80, 24))


def test_verdict_dialog(snap_compare: Compare, tmp_path: Path) -> None:
    """``v``: the verdict, what it means, and its evidence."""
    app = make_app(tmp_path / "article.tawazi.json", state=comparable_state(tmp_path))
    assert snap_compare(app, run_before=quiet("v"), terminal_size=(80, 24))
