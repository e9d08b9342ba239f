"""Behaviour of the review app, driven with Textual's Pilot: every key is pressed and the
alignment model (and the session file on disk) is checked, not only the screen."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, Select

from tawazi.align.formats import read_alignment
from tawazi.align.review.session import SessionState, load_session, new_session, open_inputs
from tawazi.align.text.segment import split_document
from tawazi.align.types import Alignment, Bead, Flag, check_alignment
from tawazi.tui.app import ReviewApp, make_app
from tawazi.tui.bead_table import BeadList
from tawazi.tui.edit_dialog import EditScreen
from tawazi.tui.export_dialog import ExportScreen
from tawazi.tui.help import HelpScreen
from tawazi.tui.split_dialog import SplitScreen

EN = [
    "Special envoy Alexander Lavrentyev says the troops will leave Syria.",
    "26 January",
    "On Friday Lavrentyev confirmed that Iraq has informed Russia.",
    "The school reopened after 30 days.",
    "He added that the question now is how long it will take.",
    "A caption without translation.",
]
AR = [
    "المبعوث الخاص ألكسندر لافرينتيف يقول إن القوات ستنسحب من سوريا.",
    "26 كانون الثاني",
    "أكد لافرينتيف، اليوم الجمعة، أن العراق أخطر روسيا.",
    "أُعيد فتحُ المدرسةِ بعد 30 يوماً.",
    "وأضاف أن السؤال الآن هو كم سيستغرق الأمر.",
]


def make_state(tmp_path: Path, *, flags: bool = True) -> SessionState:
    """Six English and five Arabic lines in 1-1 beads and a final 1-0; bead 4 is flagged
    with a low score when ``flags``."""
    en, ar = tmp_path / "article.en.txt", tmp_path / "article.ar.txt"
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    ar.write_text("\n".join(AR) + "\n", encoding="utf-8")
    inputs = open_inputs([en, ar], presplit=True)
    es, as_ = split_document(inputs.en_doc), split_document(inputs.ar_doc)
    beads = [Bead((i,), (i,)) for i in range(5)] + [Bead((5,), ())]
    if flags:
        beads[3] = replace(beads[3], score=0.3, flags=(Flag("number", "30 on both sides"),))
        beads[1] = replace(beads[1], score=0.6)
    al = Alignment(inputs.en_doc, inputs.ar_doc, es, as_, tuple(beads), "sig")
    check_alignment(al)
    return new_session(inputs, al)


Script = Callable[[Pilot[Any], ReviewApp], Awaitable[None]]


def run(tmp_path: Path, script: Script, *, state: SessionState | None = None,
        size: tuple[int, int] = (100, 32)) -> ReviewApp:
    app = make_app(tmp_path / "article.tawazi.json", state=state or make_state(tmp_path))
    notes: list[tuple[str, str]] = []

    def notify(message: str, **kw: Any) -> None:
        notes.append((message, kw.get("severity", "information")))

    app.notify = notify  # type: ignore[method-assign]
    app.notes = notes  # type: ignore[attr-defined]

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot, app)
            await app.workers.wait_for_complete()
            await pilot.pause()

    asyncio.run(main())
    return app


def spans(app: ReviewApp) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    assert app.session is not None
    return [(b.en, b.ar) for b in app.session.alignment.beads]


def on_disk(app: ReviewApp) -> SessionState:
    """The session as saved, which must be what the app shows."""
    saved = load_session(app.session_path)
    assert app.session is not None
    assert saved.alignment.beads == app.session.alignment.beads
    return saved


def errors(app: ReviewApp) -> list[str]:
    return [m for m, sev in app.notes if sev == "error"]  # type: ignore[attr-defined]


DIAGONAL = [((i,), (i,)) for i in range(5)] + [((5,), ())]


def test_move_keys(tmp_path: Path) -> None:
    seen: list[int] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("j", "j", "down")
        seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("k")
        seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("G")
        seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("g")
        seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("end", "up")
        seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("q")

    app = run(tmp_path, script)
    assert seen == [3, 2, 5, 0, 4]
    assert on_disk(app).cursor == 4  # quitting saves the cursor


def test_merge_next_and_prev_are_saved_at_once(tmp_path: Path) -> None:
    after: list[int] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("j", "m")
        after.append(len(load_session(app.session_path).alignment.beads))
        await pilot.press("j", "M")

    app = run(tmp_path, script)
    assert after == [5]
    assert spans(app) == [((0,), (0,)), ((1, 2, 3), (1, 2, 3)), ((4,), (4,)), ((5,), ())]
    assert app.session is not None and app.session.cursor == 1
    on_disk(app)


def test_split_at_a_chosen_boundary(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("m", "s")
        assert isinstance(app.screen, SplitScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 7  # every cut of a 2-2 bead that leaves both parts
        await pilot.press("enter")  # the first offer: E1 + A1 | E2 + A2

    app = run(tmp_path, script)
    assert spans(app) == DIAGONAL
    assert len(app.session.undo) == 2  # type: ignore[union-attr]


def test_split_a_one_sentence_bead_is_refused(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("G", "s")
        assert not isinstance(app.screen, SplitScreen)

    app = run(tmp_path, script)
    assert errors(app) == ["a 1-0 bead has nothing to split"]


@pytest.mark.parametrize(("keys", "expected"), [
    (["right_square_bracket"], [((), (0,)), ((0, 1), (1,))]),
    (["right_curly_bracket"], [((0,), ()), ((1,), (0, 1))]),
    (["j", "left_square_bracket"], [((0, 1), (0,)), ((), (1,))]),
    (["j", "left_curly_bracket"], [((0,), (0, 1)), ((1,), ())]),
])
def test_shift_keys(tmp_path: Path, keys: list[str], expected: list[Any]) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press(*keys)

    app = run(tmp_path, script)
    assert spans(app)[:2] == expected
    on_disk(app)


def test_unlink_and_link(tmp_path: Path) -> None:
    middle: list[Any] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("j", "u")
        middle.append(spans(app)[1:3])
        await pilot.press("l")

    app = run(tmp_path, script)
    assert middle == [[((1,), ()), ((), (1,))]]
    assert spans(app) == DIAGONAL


def test_approve_toggles(tmp_path: Path) -> None:
    """``a`` approves and moves on; on an approved bead it takes the approval back and
    stays."""
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("a", "a", "k")
        await pilot.press("a")

    app = run(tmp_path, script)
    assert [b.status for b in on_disk(app).alignment.beads][:3] == ["approved", "auto", "auto"]
    assert app.session is not None and app.session.cursor == 1


def test_edit_texts_and_restore(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        field = app.screen.query_one(Input)
        assert field.value == EN[0]
        field.value = "Special envoy Alexander Lavrentyev says troops will leave Syria."
        await pilot.press("enter")
        await pilot.press("j", "E")
        app.screen.query_one(Input).value = "٢٦ كانون الثاني/يناير"
        await pilot.press("enter")
        await pilot.press("E", "escape")  # cancelled: nothing changes
        await pilot.press("k", "e", "ctrl+r")  # restore the original English of bead 1

    app = run(tmp_path, script)
    beads = on_disk(app).alignment.beads
    assert beads[0].en_edit is None
    assert beads[1].ar_edit == "٢٦ كانون الثاني/يناير"
    assert app.session is not None and len(app.session.undo) == 3


def test_undo_and_redo_without_limit(tmp_path: Path) -> None:
    states: list[Any] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        for _ in range(4):
            await pilot.press("m")
        states.append(spans(app))
        await pilot.press(*["z"] * 4)
        states.append(spans(app))
        await pilot.press("z")  # nothing left: a warning, no change
        await pilot.press("Z", "ctrl+y")
        states.append(spans(app))
        await pilot.press("ctrl+z")

    app = run(tmp_path, script)
    assert states[0] == [((0, 1, 2, 3, 4), (0, 1, 2, 3, 4)), ((5,), ())]
    assert states[1] == DIAGONAL
    assert states[2] == [((0, 1, 2), (0, 1, 2)), ((3,), (3,)), ((4,), (4,)), ((5,), ())]
    assert spans(app) == [((0, 1), (0, 1)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,)),
                          ((5,), ())]
    saved = on_disk(app)
    assert len(saved.undo) == 1 and len(saved.redo) == 3
    assert ("nothing to undo", "warning") in app.notes  # type: ignore[attr-defined]


def test_jumps(tmp_path: Path) -> None:
    seen: list[int] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        for key in ("f", "w", "w", "o", "a", "o"):
            await pilot.press(key)
            seen.append(app.session.cursor)  # type: ignore[union-attr]

    run(tmp_path, script)
    # f: the flagged bead 4; w: lowest score (0.3, bead 4) then the next (0.6, bead 2);
    # o: next unapproved after bead 1 (bead 2); approving bead 2 moves on to bead 3, o
    # goes on to bead 4.
    assert seen == [3, 1, 0, 1, 2, 3]


def test_search_both_languages_ignoring_arabic_spelling(tmp_path: Path) -> None:
    seen: list[int] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        for query in ("مدرسه", "LAVRENTYEV", "اُعِيدَ"):
            await pilot.press("slash")
            app.screen.query_one(Input).value = query
            await pilot.press("enter")
            seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("n")  # "اُعِيدَ" (أُعيد without its hamza) has one match
        seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("slash")
        app.screen.query_one(Input).value = "lavrentyev"
        for key in ("enter", "n", "N"):
            await pilot.press(key)
            seen.append(app.session.cursor)  # type: ignore[union-attr]
        await pilot.press("slash")
        app.screen.query_one(Input).value = "zebra"
        await pilot.press("enter")

    app = run(tmp_path, script)
    # "مدرسه" finds "المدرسةِ" (teh marbuta, diacritics); Lavrentyev is in beads 1 and 3,
    # and the search wraps around the end.
    assert seen == [3, 0, 3, 3, 0, 2, 0]
    assert any("no bead matches 'zebra'" in m for m, _ in app.notes)  # type: ignore[attr-defined]


def test_filter_to_flagged(tmp_path: Path) -> None:
    rows: list[list[int]] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("F")
        rows.append(app.query_one(BeadList).rows)
        await pilot.press("F")
        rows.append(app.query_one(BeadList).rows)

    app = run(tmp_path, script)
    assert rows == [[3], list(range(6))]
    assert app.session is not None and app.session.cursor == 3


def test_filter_without_flags_says_so(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("F")

    app = run(tmp_path, script, state=make_state(tmp_path, flags=False))
    assert not app.flagged_only
    assert ("no beads to review to filter to", "warning") in app.notes  # type: ignore[attr-defined]


def test_impossible_edits_are_notifications_not_tracebacks(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("M", "left_square_bracket", "l", "G", "u", "m")

    app = run(tmp_path, script)
    assert errors(app) == [
        "the first bead has no previous bead to merge with",
        "bead 1 has no previous bead to shift a sentence into",
        "beads 1 (1-1) and 2 (1-1) are not one English-only and one Arabic-only bead",
        "bead 6 is one-sided already: nothing to unlink",
        "the last bead has no next bead to merge with",
    ]
    assert spans(app) == DIAGONAL


def test_realign_keeps_approved_beads(tmp_path: Path) -> None:
    state = make_state(tmp_path)
    al = state.alignment
    wrong = (Bead((0,), (0,), status="approved"), Bead((1, 2), (1,)), Bead((3,), (2, 3)),
             Bead((4, 5), (4,)))
    state = replace(state, alignment=replace(al, beads=wrong))

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()

    app = run(tmp_path, script, state=state)
    assert app.session is not None
    assert app.session.alignment.beads[0] is wrong[0]
    assert spans(app)[:5] == DIAGONAL[:5]
    assert app.session.undo[-1].alignment.beads == wrong
    assert not app.busy
    on_disk(app)


def test_export_through_the_cli_writers(tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("a", "k", "E")  # a moves on: back to bead 1
        app.screen.query_one(Input).value = "نص مصحح"
        await pilot.press("enter", "x")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one(Select).value = "tsv"
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        path = app.screen.query_one("#export-path", Input)
        assert path.value.endswith("article.en.reviewed.tsv")
        path.value = str(out)
        await pilot.press("enter")
        await app.workers.wait_for_complete()

    app = run(tmp_path, script)
    back = read_alignment(out)
    assert back.beads[0].status == "approved" and back.beads[0].ar_edit == "نص مصحح"
    assert [b.type for b in back.beads] == [b.type for b in app.session.alignment.beads]  # type: ignore[union-attr]
    assert any(m.startswith("exported ") for m, _ in app.notes)  # type: ignore[attr-defined]


def test_export_error_is_a_notification(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("x")
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "no" / "x.tmx")
        await pilot.press("enter")

    app = run(tmp_path, script)
    assert any("export failed" in m and "does not exist" in m for m in errors(app))


def test_export_over_an_input_or_the_session_is_refused(tmp_path: Path) -> None:
    """The export path is checked like ``-o``: never an input, never the session file, never
    empty; the files are left as they were and the review goes on."""
    session = tmp_path / "article.tawazi.json"
    kept: dict[str, bytes] = {}

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("a")  # a change, so that the session file is written
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert session.is_file()
        kept.update({p.name: p.read_bytes() for p in tmp_path.iterdir()})
        for path in (tmp_path / "article.en.txt", session, tmp_path / "." / "article.ar.txt",
                     ""):
            await pilot.press("x")
            app.screen.query_one("#export-path", Input).value = str(path) if path else ""
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()

    app = run(tmp_path, script)
    failed = [m for m in errors(app) if m.startswith("export failed")]
    assert len(failed) == 4, errors(app)
    assert all("would overwrite the input" in m for m in failed[:3]), failed
    assert "empty output path" in failed[3]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == kept


def test_help_lists_every_key(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {b.description for b in app.screen.listed}
        for b in ReviewApp.BINDINGS:
            assert b.tooltip in listed  # type: ignore[union-attr]
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    run(tmp_path, script)


def test_bidi_toggle(tmp_path: Path) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        assert app.query_one(BeadList).visual_order
        await pilot.press("b")
        assert not app.query_one(BeadList).visual_order

    run(tmp_path, script)


def test_reopening_restores_everything(tmp_path: Path) -> None:
    async def first(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("m", "j", "a", "j")  # a approves bead 2 and moves to bead 3
        await pilot.pause(0.7)  # the cursor is saved shortly after it moves

    app1 = run(tmp_path, first)
    state = load_session(app1.session_path)
    assert state.cursor == 3

    async def second(pilot: Pilot[Any], app: ReviewApp) -> None:
        assert app.query_one(BeadList).cursor == 3
        await pilot.press("z", "z")

    app2 = run(tmp_path, second, state=state)
    assert spans(app2) == DIAGONAL


def test_new_review_aligns_in_a_worker_and_saves(tmp_path: Path) -> None:
    bi = tmp_path / "article.txt"
    bi.write_text("\n".join(EN[:5]) + "\n\n" + "\n".join(AR) + "\n", encoding="utf-8")
    app = make_app(tmp_path / "article.tawazi.json", inputs=open_inputs([bi]))
    busy: list[str] = []
    set_busy = app._set_busy

    def record(label: str) -> None:
        busy.append(label)
        set_busy(label)

    app._set_busy = record  # type: ignore[method-assign]
    assert app.session is None

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("a")

    asyncio.run(main())
    assert busy[0].startswith("aligning") and busy[-1] == ""
    saved = load_session(tmp_path / "article.tawazi.json")
    assert len(saved.alignment.beads) == 5 and saved.alignment.beads[0].status == "approved"


def test_resizing_lays_the_rows_out_again(tmp_path: Path) -> None:
    widths: list[tuple[int, int]] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        beads = app.query_one(BeadList)
        widths.append(beads.widths)
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        widths.append(beads.widths)

    run(tmp_path, script, size=(80, 24))
    assert widths[0][0] < widths[1][0] and widths[0][1] < widths[1][1]


def test_an_action_right_after_a_move_acts_on_the_new_bead(tmp_path: Path) -> None:
    """Keys typed fast: the move's message has not reached the app when ``a`` runs."""

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        table = app.query_one(BeadList)
        table.move_to(2)  # posts CursorMoved, not yet handled
        app.action_approve()  # runs before the message, as a queued key would

    app = run(tmp_path, script)
    assert [b.status for b in on_disk(app).alignment.beads][:3] == ["auto", "auto", "approved"]


def comparable_state(tmp_path: Path) -> SessionState:
    """``make_state`` with four of its five pairs flagged ``low-lexical-coverage`` and
    scoring low: paired text that is mostly not translated (a ``comparable`` verdict)."""
    state = make_state(tmp_path)
    low = (Flag("low-lexical-coverage", "only 0 of 6 English and 0 of 6 Arabic content words "
                "have a counterpart"),)
    beads = [replace(b, score=0.1, flags=low) if b.en and b.ar and k not in (0, 2) else b
             for k, b in enumerate(state.alignment.beads)]
    beads[0] = replace(beads[0], score=0.9, flags=())
    beads[2] = replace(beads[2], score=0.9, flags=())
    return replace(state, alignment=replace(state.alignment, beads=tuple(beads)))


def banner_line(app: ReviewApp) -> str:
    """The verdict banner's text, ``""`` while it is hidden."""
    from tawazi.tui.verdict_dialog import VerdictBanner

    banner = app.query_one(VerdictBanner)
    return str(banner.content) if banner.display else ""


def screen_text(app: ReviewApp) -> str:
    """What the labels and static widgets of the current screen show, tables included."""
    from rich.console import Console

    console = Console(width=120, record=True, file=io.StringIO())
    for w in app.screen.query("Label, Static"):
        console.print(w.content)
    return console.export_text()


def test_verdict_in_the_status_bar_and_on_v(tmp_path: Path) -> None:
    """Texts that are not translations of each other: a banner over the beads says so all
    the time, a notification once, and ``v`` shows the library's verdict with its
    evidence."""
    from tawazi.align.quality.verdict import document_verdict
    from tawazi.tui.verdict_dialog import VerdictScreen

    state = comparable_state(tmp_path)
    expected = document_verdict(state.alignment)
    assert not expected.parallel
    shown: list[str] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        shown.append(banner_line(app))
        await pilot.press("v")
        assert isinstance(app.screen, VerdictScreen)
        assert app.screen.verdict == expected
        shown.append(screen_text(app))
        await pilot.press("escape")
        assert not isinstance(app.screen, VerdictScreen)

    app = run(tmp_path, script, state=state)
    assert f"Not a parallel text (verdict: {expected.label})" in shown[0]
    assert f"Document verdict: {expected.label}" in shown[1]
    assert f"{expected.confident:.0%} of the paired text" in shown[1]
    assert f"{expected.low_coverage:.0%} of the paired text" in shown[1]
    warnings = [m for m, sev in app.notes if sev == "warning"]  # type: ignore[attr-defined]
    assert any(f"verdict {expected.label}" in m for m in warnings), warnings


def test_a_parallel_text_shows_no_verdict_warning(tmp_path: Path) -> None:
    shown: list[str] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        shown.append(banner_line(app))
        await pilot.press("v")
        shown.append(screen_text(app))

    app = run(tmp_path, script)
    assert shown[0] == ""
    assert "Document verdict: parallel" in shown[1]
    assert not [m for m, sev in app.notes if sev == "warning"]  # type: ignore[attr-defined]


def test_verdict_follows_the_edits(tmp_path: Path) -> None:
    """Each edit rescores the beads it makes; the verdict shown is that of the alignment as
    it is now, not of the one the review opened with."""
    from tawazi.align.quality.verdict import document_verdict

    seen: list[tuple[object, object]] = []

    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        before = app.verdict()
        await pilot.press("j", "m", "m")  # bead 2 merged with the flagged 3 and 4, rescored
        assert app.session is not None
        seen.append((before, app.verdict()))
        seen.append((app.verdict(), document_verdict(app.session.alignment)))

    run(tmp_path, script, state=comparable_state(tmp_path))
    (before, after), (shown, fresh) = seen
    assert shown == fresh
    assert before != after
