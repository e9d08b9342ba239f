"""Review sessions (align/session.py): save and load give back the same state, undo history
included; a changed input, a newer schema or a broken file is refused with a clear reason."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tawazi.align.errors import FormatError, InputError, OutputError
from tawazi.align.formats import write_alignment
from tawazi.align.review import edit
from tawazi.align.review.session import (
    SCHEMA_VERSION,
    SessionState,
    StaleSessionError,
    input_kind,
    load_session,
    new_session,
    open_inputs,
    save_session,
)
from tawazi.align.review.session_paths import default_session_path, is_session_path
from tawazi.align.text.segment import split_document
from tawazi.align.types import Alignment, Bead, Flag, check_alignment

EN = ["The minister arrived in Cairo.", "He met the president.", "Talks continue.",
      "A caption."]
AR = ["وصل الوزير إلى القاهرة.", "والتقى الرئيس.", "وتستمر المحادثات."]


def pair(tmp_path: Path) -> list[Path]:
    en, ar = tmp_path / "article.en.txt", tmp_path / "article.ar.txt"
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    ar.write_text("\n".join(AR) + "\n", encoding="utf-8")
    return [en, ar]


def diagonal(paths: list[Path]) -> SessionState:
    """A session of one-sentence-per-line inputs with 1-1 beads, then one-sided ones."""
    inputs = open_inputs(paths, presplit=True)
    en, ar = split_document(inputs.en_doc), split_document(inputs.ar_doc)
    k = min(len(en), len(ar))
    beads = ([Bead((i,), (i,)) for i in range(k)] + [Bead((i,), ()) for i in range(k, len(en))]
             + [Bead((), (j,)) for j in range(k, len(ar))])
    al = Alignment(inputs.en_doc, inputs.ar_doc, en, ar, tuple(beads), "sig:1")
    check_alignment(al)
    return new_session(inputs, al)


def busy(state: SessionState) -> SessionState:
    """A state with edits, statuses, flags, undo and redo."""
    al = replace(state.alignment, beads=(
        replace(state.alignment.beads[0], score=0.25, flags=(Flag("number", "30 vs 300"),)),
        *state.alignment.beads[1:],
    ))
    state = replace(state, alignment=al)
    state = state.changed(edit.merge_next(state.alignment, 1), 1)
    state = state.changed(edit.set_status(state.alignment, 0, "approved"), 0)
    state = state.changed(edit.edit_text(state.alignment, 1, "ar", "نص «مصحح»\tهنا"), 1)
    state = state.changed(edit.unlink(state.alignment, 1), 1)
    undone = state.undone()
    assert undone is not None
    return undone


def same(a: SessionState, b: SessionState) -> None:
    assert a.alignment.beads == b.alignment.beads
    assert a.alignment.en_sents == b.alignment.en_sents
    assert a.alignment.ar_sents == b.alignment.ar_sents
    assert a.alignment.signature == b.alignment.signature
    assert a.cursor == b.cursor and a.sources == b.sources
    for x, y in ((a.undo, b.undo), (a.redo, b.redo)):
        assert [(v.alignment.beads, v.cursor) for v in x] == [
            (v.alignment.beads, v.cursor) for v in y]


def test_round_trip_with_history(tmp_path: Path) -> None:
    state = busy(diagonal(pair(tmp_path)))
    path = default_session_path(pair(tmp_path))
    save_session(path, state)
    back = load_session(path)
    same(state, back)
    assert back.alignment.beads[0].flags == (Flag("number", "30 vs 300"),)
    # The restored history still works: redo, then undo everything.
    again = back.redone()
    assert again is not None and again.alignment.beads[1].type == "2-0"
    while again.undone() is not None:
        again = again.undone()  # type: ignore[assignment]
        check_alignment(again.alignment)
    assert [b.type for b in again.alignment.beads] == ["1-1", "1-1", "1-1", "1-0"]


def test_file_is_versioned_and_holds_no_input_text(tmp_path: Path) -> None:
    paths = pair(tmp_path)
    path = tmp_path / "s.tawazi.json"
    save_session(path, diagonal(paths))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert [i["path"] for i in data["inputs"]] == ["article.en.txt", "article.ar.txt"]
    assert all(len(i["sha256"]) == 64 for i in data["inputs"])
    assert "minister" not in path.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_history_costs_little(tmp_path: Path) -> None:
    """The undo history is stored as patches, not as copies of the alignment."""
    state = diagonal(pair(tmp_path))
    path = tmp_path / "s.json"
    save_session(path, state)
    size0 = path.stat().st_size
    for _ in range(20):
        state = state.changed(edit.set_status(state.alignment, 0, "approved"), 0)
        state = state.changed(edit.set_status(state.alignment, 0, "auto"), 0)
    save_session(path, state)
    per_step = (path.stat().st_size - size0) / 40
    assert per_step < 250
    same(state, load_session(path))


def test_changed_input_is_detected_and_explained(tmp_path: Path) -> None:
    paths = pair(tmp_path)
    path = tmp_path / "s.json"
    save_session(path, diagonal(paths))
    paths[1].write_text("\n".join(AR).replace("الرئيس", "الملك") + "\n", encoding="utf-8")
    with pytest.raises(StaleSessionError) as err:
        load_session(path)
    msg = err.value.message
    assert "article.ar.txt has changed since this session was saved" in msg
    assert "--new-session" in msg and "\n" not in msg


def test_reencoded_input_is_the_same_text(tmp_path: Path) -> None:
    """The fingerprint is of the decoded text: saving the file as Windows-1256 changes
    nothing (a UTF-16 BOM would: readers keep it as U+FEFF, which shifts every offset)."""
    paths = pair(tmp_path)
    path = tmp_path / "s.json"
    save_session(path, diagonal(paths))
    text = paths[1].read_text(encoding="utf-8")
    paths[1].write_bytes(text.encode("cp1256"))
    load_session(path)


def test_session_moved_with_its_inputs(tmp_path: Path) -> None:
    a = tmp_path / "a"
    a.mkdir()
    paths = pair(a)
    save_session(a / "s.json", diagonal(paths))
    shutil.move(a, tmp_path / "b")
    back = load_session(tmp_path / "b" / "s.json")
    assert back.sources.paths[0] == str((tmp_path / "b" / "article.en.txt").resolve())


def test_session_moved_alone_finds_inputs_by_absolute_path(tmp_path: Path) -> None:
    paths = pair(tmp_path)
    save_session(tmp_path / "s.json", diagonal(paths))
    (tmp_path / "elsewhere").mkdir()
    os.replace(tmp_path / "s.json", tmp_path / "elsewhere" / "s.json")
    load_session(tmp_path / "elsewhere" / "s.json")


def test_missing_input(tmp_path: Path) -> None:
    paths = pair(tmp_path)
    save_session(tmp_path / "s.json", diagonal(paths))
    paths[0].unlink()
    with pytest.raises(InputError, match=r"article\.en\.txt of this session is missing"):
        load_session(tmp_path / "s.json")


@pytest.mark.parametrize(("change", "message"), [
    ({"schema_version": SCHEMA_VERSION + 1}, "newer than this tawazi"),
    ({"schema_version": "one"}, "unknown session schema version"),
    ({"schema_version": None}, "unknown session schema version"),
])
def test_schema_versions(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = tmp_path / "s.json"
    save_session(path, diagonal(pair(tmp_path)))
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        load_session(path)


@pytest.mark.parametrize(("text", "message"), [
    ("not json", "invalid JSON"),
    ("[1, 2]", "no schema_version"),
    ('{"beads": []}', "no schema_version"),
])
def test_not_a_session(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        load_session(path)


@pytest.mark.parametrize("breakage", ["bead_index", "coverage", "offset", "status", "edit"])
def test_broken_session_files(tmp_path: Path, breakage: str) -> None:
    path = tmp_path / "s.json"
    save_session(path, diagonal(pair(tmp_path)))
    data = json.loads(path.read_text(encoding="utf-8"))
    if breakage == "bead_index":
        data["beads"][0]["en"] = [99]
    elif breakage == "coverage":
        del data["beads"][1]
    elif breakage == "offset":
        data["en_sentences"][0] = [0, 10**6, 0]
    elif breakage == "status":
        data["beads"][0]["status"] = "done"
    else:
        data["beads"][0]["en_edit"] = 5
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FormatError, match="not a valid tawazi session"):
        load_session(path)


def test_missing_session_and_unwritable_place(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such session file"):
        load_session(tmp_path / "nope.json")
    with pytest.raises(OutputError):
        save_session(tmp_path / "no" / "dir" / "s.json", diagonal(pair(tmp_path)))


def test_bilingual_and_memory_inputs(tmp_path: Path) -> None:
    bi = tmp_path / "bi.txt"
    bi.write_text("\n".join(EN) + "\n\n" + "\n".join(AR) + "\n", encoding="utf-8")
    state = diagonal([bi])
    assert state.sources.kind == "bilingual" and len(state.sources.files) == 1
    save_session(tmp_path / "bi.tawazi.json", state)
    same(state, load_session(tmp_path / "bi.tawazi.json"))
    # A TSV memory: the session fingerprints the segments it holds.
    tsv = tmp_path / "memory.tsv"
    write_alignment(busy(state).alignment, tsv, "tsv")
    inputs = open_inputs([tsv])
    assert inputs.memory is not None and inputs.sources.kind == "tsv"
    mem = new_session(inputs, inputs.memory)
    save_session(tmp_path / "m.json", mem)
    same(mem, load_session(tmp_path / "m.json"))


def test_paths_and_kinds() -> None:
    assert default_session_path(["x/article.txt"]) == Path("x/article.tawazi.json")
    assert default_session_path(["a.en.txt", "a.ar.txt"]) == Path("a.en.tawazi.json")
    assert is_session_path("s.JSON") and not is_session_path("s.jsonl")
    assert [input_kind(p) for p in (["a", "b"], ["a.txt"], ["a.TMX"], ["a.tsv"])] == [
        "pair", "bilingual", "tmx", "tsv"]
    with pytest.raises(InputError):
        input_kind(["a", "b", "c"])


def test_state_history_rules(tmp_path: Path) -> None:
    s0 = diagonal(pair(tmp_path))
    s1 = s0.changed(edit.merge_next(s0.alignment, 0), 0)
    assert s1.undone() is not None and s1.undone().alignment is s0.alignment  # type: ignore[union-attr]
    back = s1.undone()
    assert back is not None
    # A new edit after undo drops the redo branch.
    s2 = back.changed(edit.set_status(back.alignment, 1, "approved"), 1)
    assert s2.redo == () and s2.redone() is None
    # Cursor moves are not history.
    assert s2.moved(3).undo == s2.undo and s2.moved(99).cursor == len(s2.alignment.beads) - 1
    assert s0.changed(s0.alignment, 2).undo == ()


#: Crafts on the text of a session (JSON's own extensions, NaN and Infinity, and numbers
#: ``json.dumps`` cannot write): the first match of ``old`` becomes ``new``.
TEXT_CRAFTS = {
    "long_int": ('"cursor": 0', '"cursor": ' + "7" * 5000),
    "deep": ('"meta": {}', '"meta": ' + "[" * 100_000 + "]" * 100_000),
    "nan_score": ('"score": 1.0', '"score": NaN'),
    "inf_cost": ('"cost": 0.0', '"cost": -Infinity'),
    "huge_float": ('"cost": 0.0', '"cost": 1e999'),
}


def _set(key: str, value: object) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.update({key: value})


#: Crafts on the parsed session.
DATA_CRAFTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "schema_true": _set("schema_version", True),
    "overlap": lambda d: d["en_sentences"][1].__setitem__(0, d["en_sentences"][0][0]),
    "bool_index": lambda d: d["beads"][1].__setitem__("en", [True]),
    "presplit_str": _set("presplit", "no"),
    "history_not_list": _set("undo", {"at": 0}),
    "signature_list": _set("signature", ["x"]),
    "meta_str": _set("meta", "abc"),
    "meta_list": _set("meta", [["k", "v"]]),
    "meta_values": _set("meta", {"k": [1]}),
}


def _crafted(text: str, craft: str) -> str:
    """A saved session made hostile in one way."""
    if craft in TEXT_CRAFTS:
        old, new = TEXT_CRAFTS[craft]
        assert old in text
        return text.replace(old, new, 1)
    data = json.loads(text)
    DATA_CRAFTS[craft](data)
    return json.dumps(data)


@pytest.mark.parametrize("craft", [*TEXT_CRAFTS, *DATA_CRAFTS])
def test_crafted_sessions_are_refused_in_one_line(tmp_path: Path, craft: str) -> None:
    """Each of these was a traceback (int limit, recursion, ``dict("abc")``) or was
    accepted (``True`` as schema 1, overlapping sentences, NaN scores) before."""
    path = tmp_path / "s.json"
    save_session(path, diagonal(pair(tmp_path)))
    path.write_text(_crafted(path.read_text(encoding="utf-8"), craft), encoding="utf-8")
    with pytest.raises(FormatError) as err:
        load_session(path)
    assert "\n" not in err.value.message and len(err.value.message) < 300


def test_crafted_session_through_the_cli(tmp_path: Path) -> None:
    """A real process on a pseudo-terminal (review needs one): one line, exit 2, no
    traceback, no UI."""
    pytest.importorskip("pty", reason="pseudo-terminals need a POSIX system")
    import sys

    from test_tui_kill import Terminal, wait_for

    path = tmp_path / "s.json"
    save_session(path, diagonal(pair(tmp_path)))
    path.write_text(_crafted(path.read_text(encoding="utf-8"), "deep"), encoding="utf-8")
    term = Terminal([sys.executable, "-m", "tawazi.align.cli", "review", str(path)])
    wait_for(lambda: b"\n" in term.output, 60)  # read before the pty closes
    code = term.wait(30)
    if code is None:
        term.kill()
    out = term.output.decode("utf-8", "replace")
    assert code == 2, out
    assert out.strip().count("\n") == 0 and "nested too deeply" in out
