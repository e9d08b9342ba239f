"""``tawazi review``: which session is opened or started, and the errors that stop it before
the UI starts (one line on stderr, exit status 2). The app itself is replaced by a stub."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from test_tui import make_state

import tawazi.tui.app
import tawazi.tui.cli
from tawazi.align.cli import main
from tawazi.align.review.session import save_session
from tawazi.align.review.session_lock import lock_path


class Stub:
    """Stands in for the app: records how it was made, runs instantly."""

    made: ClassVar[dict[str, Any]] = {}

    def __init__(self, session: Path, **kw: Any) -> None:
        Stub.made = {"session": session, **kw}
        self.session = kw.get("state")
        self.session_path = session
        self.save_state = "saved"

    def run(self) -> None:
        pass


@pytest.fixture(autouse=True)
def _stub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tawazi.tui.app, "make_app", Stub)
    monkeypatch.setattr(tawazi.tui.cli, "_has_terminal", lambda: True)  # pytest's stdin is not one


def files(tmp_path: Path) -> list[str]:
    make_state(tmp_path)  # writes article.en.txt and article.ar.txt
    return [str(tmp_path / "article.en.txt"), str(tmp_path / "article.ar.txt")]


def test_new_review_starts_from_the_inputs(tmp_path: Path) -> None:
    assert main(["review", *files(tmp_path)]) == 0
    assert Stub.made["session"] == tmp_path / "article.en.tawazi.json"
    assert Stub.made["inputs"] is not None and Stub.made["state"] is None
    assert Stub.made["visual_order"] is True


def test_existing_session_is_reopened(tmp_path: Path) -> None:
    paths = files(tmp_path)
    save_session(tmp_path / "article.en.tawazi.json", make_state(tmp_path))
    assert main(["review", *paths, "--bidi", "logical"]) == 0
    assert Stub.made["state"] is not None and Stub.made["inputs"] is None
    assert Stub.made["visual_order"] is False
    assert main(["review", str(tmp_path / "article.en.tawazi.json")]) == 0
    assert Stub.made["state"] is not None


def test_new_session_keeps_every_old_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    """Each ``--new-session`` keeps the session it replaces under a new number: ``.bak``,
    ``.bak.1``, ``.bak.2``; no backup is ever overwritten."""
    paths = files(tmp_path)
    session = tmp_path / "s.json"
    for n in range(3):
        save_session(session, make_state(tmp_path).moved(n))
        assert main(["review", *paths, "--session", str(session), "--new-session"]) == 0
        assert Stub.made["inputs"] is not None and not session.exists()
        assert "kept as" in capsys.readouterr().err
    backups = [tmp_path / f"s.json{x}" for x in (".bak", ".bak.1", ".bak.2")]
    assert [json.loads(b.read_text(encoding="utf-8"))["cursor"] for b in backups] == [0, 1, 2]


@pytest.mark.parametrize("new", [True, False])
def test_an_input_is_never_the_session(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       new: bool) -> None:
    """``--session a.ar.txt --new-session`` used to move the Arabic input to ``.bak``."""
    en, ar = files(tmp_path)
    before = Path(ar).read_bytes()
    args = ["review", en, ar, "--session", ar] + (["--new-session"] if new else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "is an input of this review" in err and err.count("\n") == 1
    assert Path(ar).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.ar.txt", "article.en.txt"]


def test_an_input_reached_by_a_link_is_never_the_session(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    en, ar = files(tmp_path)
    (tmp_path / "link.json").symlink_to(ar)
    assert main(["review", en, ar, "--session", str(tmp_path / "link.json"),
                 "--new-session"]) == 2
    assert "is an input" in capsys.readouterr().err
    assert (tmp_path / "link.json").is_symlink() and not (tmp_path / "link.json.bak").exists()


def test_unsaved_work_exits_1_with_one_line(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    class Unsaved(Stub):
        def run(self) -> None:
            self.session, self.save_state = "aligned", "NOT SAVED"

        def unsaved_note(self) -> str:
            return "the review was NOT SAVED (disk full); the last good autosave is X"

    monkeypatch.setattr(tawazi.tui.app, "make_app", Unsaved)
    assert main(["review", *files(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == ("tawazi: error: the review was NOT SAVED (disk full); the last good "
                   "autosave is X\n")


def test_the_session_is_locked_while_the_review_runs(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    class Probe(Stub):
        def run(self) -> None:
            seen.append(lock_path(self.session_path).exists())

    monkeypatch.setattr(tawazi.tui.app, "make_app", Probe)
    assert main(["review", *files(tmp_path)]) == 0
    assert seen == [True] and not lock_path(tmp_path / "article.en.tawazi.json").exists()


def test_without_a_terminal_review_refuses_in_one_line(tmp_path: Path) -> None:
    """A real process with stdin and stdout not a terminal: it used to draw escape codes
    into the pipe and wait for keys forever."""
    out = subprocess.run([sys.executable, "-m", "tawazi.align.cli", "review", *files(tmp_path)],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.startswith("tawazi: error: review needs a terminal")
    assert out.stderr.count("\n") == 1 and out.stdout == ""
    assert not (tmp_path / "article.en.tawazi.json").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["a", "b", "c"], "at most two input files"),
    (["x.json", "--session", "y.json"], "opened as it is"),
    (["nope.txt"], "no such file"),
])
def test_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             args: list[str], message: str) -> None:
    assert main(["review", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_session_of_other_inputs_is_refused(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    en, ar = files(tmp_path)
    session = tmp_path / "s.json"
    save_session(session, make_state(tmp_path))
    assert main(["review", ar, en, "--session", str(session)]) == 2
    assert "this session reviews" in capsys.readouterr().err


def test_new_session_with_a_bad_input_keeps_the_session_in_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    en, ar = files(tmp_path)
    session = tmp_path / "s.json"
    save_session(session, make_state(tmp_path))
    Path(ar).write_bytes(b"")
    assert main(["review", en, ar, "--session", str(session), "--new-session"]) == 2
    assert session.exists() and not (tmp_path / "s.json.bak").exists()
    capsys.readouterr()


def _approved_then_changed(tmp_path: Path) -> list[str]:
    """A saved session with bead 1 approved and bead 5 edited, then a changed English
    input (a sentence added at the top)."""
    from dataclasses import replace

    paths = files(tmp_path)
    state = make_state(tmp_path)
    beads = list(state.alignment.beads)
    beads[0] = replace(beads[0], status="approved")
    beads[4] = replace(beads[4], ar_edit="نص مصحح")
    state = replace(state, alignment=replace(state.alignment, beads=tuple(beads)))
    save_session(tmp_path / "article.en.tawazi.json", state)
    en = Path(paths[0])
    en.write_text("A new first line.\n" + en.read_text(encoding="utf-8"), encoding="utf-8")
    return paths


def test_a_changed_input_carries_the_review_over(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    paths = _approved_then_changed(tmp_path)
    assert main(["review", *paths, "--presplit", "--carry-over"]) == 0
    carry = Stub.made["carry"]
    assert [r.status for r in carry] == ["approved", "auto"]
    assert carry[1].ar_edit == "نص مصحح"
    assert Stub.made["inputs"] is not None and Stub.made["state"] is None
    assert (tmp_path / "article.en.tawazi.json.bak").exists()  # the old session is kept
    assert "previous session kept as" in capsys.readouterr().err


@pytest.mark.parametrize(("answer", "status"), [("\n", 0), ("n\n", 2)])
def test_a_changed_input_asks_whether_to_carry_the_review_over(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        answer: str, status: int) -> None:
    import io

    paths = _approved_then_changed(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    Stub.made = {}
    assert main(["review", *paths, "--presplit"]) == status
    err = capsys.readouterr().err
    assert "carrying over the 2 approved or edited beads" in err
    if status == 0:
        assert len(Stub.made["carry"]) == 2
    else:
        assert Stub.made == {}
        assert "has changed since this session was saved" in err
        assert "--carry-over" in err and "--new-session" in err
        assert not (tmp_path / "article.en.tawazi.json.bak").exists()


def test_session_may_name_a_folder(tmp_path: Path) -> None:
    paths = files(tmp_path)
    (tmp_path / "reviews").mkdir()
    assert main(["review", *paths, "--session", str(tmp_path / "reviews")]) == 0
    assert Stub.made["session"] == tmp_path / "reviews" / "article.en.tawazi.json"
    assert main(["review", *paths, "--session", str(tmp_path / "new") + "/"]) == 0
    assert Stub.made["session"] == tmp_path / "new" / "article.en.tawazi.json"
    assert (tmp_path / "new").is_dir()


def test_approve_stays_reaches_the_app(tmp_path: Path) -> None:
    paths = files(tmp_path)
    assert main(["review", *paths]) == 0
    assert Stub.made["approve_advances"] is True
    assert main(["review", *paths, "--approve-stays", "--new-session"]) == 0
    assert Stub.made["approve_advances"] is False
