"""``tawazi review``: which session is opened or started, and the errors that stop it before
the UI starts (one line on stderr, exit status 2). The app itself is replaced by a stub."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from test_tui import make_state

import tui.app
from align.cli import main
from align.review.session import save_session


class Stub:
    """Stands in for the app: records how it was made, runs instantly."""

    made: ClassVar[dict[str, Any]] = {}

    def __init__(self, session: Path, **kw: Any) -> None:
        Stub.made = {"session": session, **kw}
        self.session = kw.get("state")
        self.save_state = "saved"

    def run(self) -> None:
        pass


@pytest.fixture(autouse=True)
def _stub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tui.app, "make_app", Stub)


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


def test_new_session_keeps_the_old_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    paths = files(tmp_path)
    session = tmp_path / "s.json"
    save_session(session, make_state(tmp_path))
    assert main(["review", *paths, "--session", str(session), "--new-session"]) == 0
    assert Stub.made["inputs"] is not None
    assert (tmp_path / "s.json.bak").exists() and not session.exists()
    assert "kept as" in capsys.readouterr().err


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
