"""Quitting with work that could not be saved (Pilot): ``q`` asks instead of leaving; the
work can be saved to another file, left on purpose (exit status 1, with a note of where the
last good autosave is), or the review goes on. A session file changed on disk by another
program is never overwritten."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from test_tui import make_state
from textual.pilot import Pilot
from textual.widgets import Input

from tawazi.align.review import edit
from tawazi.align.review.session import load_session, save_session
from tawazi.tui.app import ReviewApp, make_app
from tawazi.tui.quit_dialog import QuitScreen

Script = Callable[[Pilot[Any], ReviewApp], Awaitable[None]]


def run(tmp_path: Path, session: Path, script: Script) -> ReviewApp:
    app = make_app(session, state=make_state(tmp_path))
    notes: list[tuple[str, str]] = []
    app.notify = lambda message, **kw: notes.append(  # type: ignore[method-assign]
        (message, kw.get("severity", "information")))
    app.notes = notes  # type: ignore[attr-defined]

    async def main() -> None:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await script(pilot, app)
            await pilot.pause()

    asyncio.run(main())
    return app


def errors(app: ReviewApp) -> list[str]:
    return [m for m, sev in app.notes if sev == "error"]  # type: ignore[attr-defined]


def beads(app: ReviewApp) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    assert app.session is not None
    return [(b.en, b.ar, b.status) for b in app.session.alignment.beads]


def unwritable(tmp_path: Path) -> Path:
    """A session path whose folder does not exist: every save fails, as on a full disk."""
    return tmp_path / "gone" / "article.tawazi.json"


async def _approve_then_quit(pilot: Pilot[Any], app: ReviewApp) -> None:
    await pilot.press("a")
    assert app.save_state == "NOT SAVED"
    await pilot.press("q")
    assert isinstance(app.screen, QuitScreen)


def test_quit_with_unsaved_work_asks_and_cancel_goes_back(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await _approve_then_quit(pilot, app)
        await pilot.press("escape")
        assert not isinstance(app.screen, QuitScreen)
        await pilot.press("a")  # the review goes on (a moved the cursor to bead 2)
        await pilot.press("q")
        await pilot.click("#quit-cancel")
        assert not isinstance(app.screen, QuitScreen)

    app = run(tmp_path, unwritable(tmp_path), script)
    assert app.return_code is None  # never exited: the test ended it
    assert [b[2] for b in beads(app)][:2] == ["approved", "approved"]
    assert any("could not save" in e for e in errors(app))


def test_save_to_another_path_then_quit(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await _approve_then_quit(pilot, app)
        field = app.screen.query_one("#quit-path", Input)
        assert field.value.endswith("article.tawazi.recovered.json")
        field.value = str(target)
        await pilot.press("enter")

    app = run(tmp_path, unwritable(tmp_path), script)
    assert app.return_code == 0 and app.save_state == "saved"
    assert app.session_path == target
    saved = load_session(target)
    assert [(b.en, b.ar, b.status) for b in saved.alignment.beads] == beads(app)
    assert saved.alignment.beads[0].status == "approved"


def test_save_elsewhere_never_overwrites_and_says_why(tmp_path: Path) -> None:
    taken = tmp_path / "article.en.txt"  # an input of the review (make_state writes it)

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await _approve_then_quit(pilot, app)
        app.screen.query_one("#quit-path", Input).value = str(taken)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)  # asked again, with the reason
        shown = str(app.screen.query_one("#quit-error").render())
        assert "exists already" in shown
        app.screen.query_one("#quit-path", Input).value = str(tmp_path / "no" / "x.json")
        await pilot.press("enter")
        await pilot.pause()
        assert "does not exist" in str(app.screen.query_one("#quit-error").render())
        await pilot.click("#quit-discard")

    app = run(tmp_path, unwritable(tmp_path), script)
    assert taken.read_text(encoding="utf-8").startswith("Special envoy")
    assert app.return_code == 1


def test_quit_without_saving_exits_1_with_a_note(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await _approve_then_quit(pilot, app)
        await pilot.click("#quit-discard")

    app = run(tmp_path, unwritable(tmp_path), script)
    assert app.return_code == 1 and app.save_state == "NOT SAVED"
    note = app.unsaved_note()
    assert "NOT SAVED" in note and "does not exist" in note and "\n" not in note
    assert "no good autosave" in note


def test_saved_work_quits_at_once(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("a", "q")
        assert not isinstance(app.screen, QuitScreen)

    app = run(tmp_path, tmp_path / "article.tawazi.json", script)
    assert app.return_code == 0 and app.save_state == "saved"
    assert load_session(app.session_path).alignment.beads[0].status == "approved"


def test_session_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    """Another program (here: another review's save) replaces the file while this review
    runs: the next save is refused, the other's work stays, and quitting asks."""
    session = tmp_path / "article.tawazi.json"
    other = make_state(tmp_path)
    theirs = other.changed(edit.set_status(other.alignment, 4, "approved"), 4)

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("a")  # saved: the file is this review's
        assert app.save_state == "saved"
        save_session(session, theirs)
        await pilot.press("a")  # bead 2: a moved the cursor on
        assert app.save_state == "NOT SAVED"
        assert any("changed on disk" in e for e in errors(app))
        await pilot.press("q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.click("#quit-discard")

    app = run(tmp_path, session, script)
    on_disk = load_session(session).alignment.beads
    assert [b.status for b in on_disk] == ["auto"] * 4 + ["approved", "auto"]
    assert app.return_code == 1
    assert "no good autosave" in app.unsaved_note()


def test_same_content_rewritten_is_not_a_change(tmp_path: Path) -> None:
    """A copy of the same bytes (a backup tool, ``cp``) is a new inode, not new work."""
    session = tmp_path / "article.tawazi.json"

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("a")
        data = session.read_bytes()
        session.unlink()
        session.write_bytes(data)
        await pilot.press("a")  # bead 2: a moved the cursor on
        assert app.save_state == "saved"

    run(tmp_path, session, script)
