"""Issue 11, points 2 and 3, as a reviewer meets them on seed 002 (Pilot): `r` after an
approval leaves the beads the aligner chose alone, and unlink then link gives the pair back
its score and flags."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from tawazi.align.review.session import (
    SessionState,
    first_alignment,
    load_session,
    new_session,
    open_inputs,
)
from tawazi.tui.app import ReviewApp, make_app
from tests.conftest import SEEDS


def seed002(cursor: int) -> SessionState:
    inputs = open_inputs([next(SEEDS.glob("002_*.txt"))])
    return replace(new_session(inputs, first_alignment(inputs)), cursor=cursor)


def drive(tmp_path: Path, state: SessionState, keys: list[str]
          ) -> tuple[ReviewApp, list[str]]:
    app = make_app(tmp_path / "seed.tawazi.json", state=state)
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()

    asyncio.run(main())
    return app, notes


def test_approve_bead_2_then_r_leaves_bead_9_and_every_other_bead(tmp_path: Path) -> None:
    state = seed002(cursor=1)
    before = state.alignment
    app, notes = drive(tmp_path, state, ["a", "r"])
    assert app.session is not None
    after = app.session.alignment
    assert after.beads[1].status == "approved"
    assert after.beads[8] is before.beads[8]
    assert [(b.en, b.ar, b.score, b.flags) for b in after.beads] == [
        (b.en, b.ar, b.score, b.flags) for b in before.beads]
    assert "re-alignment changed nothing" in notes
    assert not app.busy


def test_unlink_then_link_bead_16_gives_its_score_and_flags_back(tmp_path: Path) -> None:
    state = seed002(cursor=15)
    before = state.alignment.beads[15]
    app, _ = drive(tmp_path, state, ["u", "l"])
    assert app.session is not None
    bead = app.session.alignment.beads[15]
    assert (bead.en, bead.ar) == (before.en, before.ar)
    assert (bead.score, bead.flags) == (before.score, before.flags)
    saved = load_session(app.session_path).alignment.beads[15]
    assert (saved.score, saved.flags) == (before.score, before.flags)


def test_approve_the_first_bead_then_r_keeps_the_1_2_after_it(tmp_path: Path) -> None:
    """TICO-19 ``wiki_20`` (tests/data/fit_fixture): re-aligning the stretch after an
    approved first bead as a document of its own gave its first sentences the edge bonus
    of a document's start, and the correct 1-2 bead 2 (0.86) became a 1-1 at 0.22 with
    ``length-outlier`` and a 0-1."""
    tico = Path(__file__).resolve().parent / "data" / "fit_fixture" / "tico_clean"
    paths = []
    for lang in ("en", "ar"):
        lines = (tico / f"wiki_20.{lang}").read_text(encoding="utf-8").splitlines()
        path = tmp_path / f"wiki_20.{lang}.txt"
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    inputs = open_inputs(paths)
    state = new_session(inputs, first_alignment(inputs))
    before = state.alignment
    assert before.beads[1].type == "1-2"
    app, notes = drive(tmp_path, state, ["a", "r"])
    assert app.session is not None
    assert app.session.alignment.beads[0].status == "approved"
    assert app.session.alignment.beads[1] is before.beads[1]
    assert "re-alignment changed nothing" in notes
