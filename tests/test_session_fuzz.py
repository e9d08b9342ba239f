"""Fuzzing the session reader: random mutations of a valid session (a value replaced, a key
dropped, a list item removed or doubled, the text cut short or given a stray byte) must
load, or raise a ``TawaziError`` the CLI turns into one line; never anything else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_session import busy, diagonal, pair

from tawazi.align.errors import TawaziError
from tawazi.align.review.session import SessionState, load_session, save_session

#: Raw JSON texts that ``json.dumps`` cannot write itself.
HUGE_INT = "9" * 5000
DEEP = "[" * 50_000 + "]" * 50_000

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from([HUGE_INT, DEEP, "", "auto", "approved", "pair", "tmx"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=8)


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("fuzz")
    path = tmp / "s.json"
    save_session(path, busy(diagonal(pair(tmp))))
    return path, path.read_text(encoding="utf-8")


def _nodes(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the JSON tree (keys and list indexes)."""
    out = [at]
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for k, v in items:
        out.extend(_nodes(v, (*at, k)))
    return out


def _mutate(data: Any, at: tuple[Any, ...], op: str, value: Any) -> Any:
    if not at:
        return value if op == "set" else data
    parent = data
    for k in at[:-1]:
        parent = parent[k]
    key = at[-1]
    if op == "set":
        parent[key] = value
    elif op == "drop":
        del parent[key]
    elif isinstance(parent, list):
        parent.insert(key, parent[key])
    return data


def _dump(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text.replace(json.dumps(HUGE_INT), HUGE_INT).replace(json.dumps(DEEP), DEEP)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_reader_loads_or_refuses(valid: tuple[Path, str], data: st.DataObject) -> None:
    path, text = valid
    mode = data.draw(st.sampled_from(["tree", "tree", "tree", "cut", "byte"]))
    if mode == "tree":
        tree = json.loads(text)
        at = data.draw(st.sampled_from(_nodes(tree)))
        op = data.draw(st.sampled_from(["set", "set", "drop", "double"]))
        crafted = _dump(_mutate(tree, at, op, data.draw(values)))
    elif mode == "cut":
        crafted = text[: data.draw(st.integers(0, len(text)))]
    else:
        k = data.draw(st.integers(0, len(text)))
        crafted = text[:k] + data.draw(st.sampled_from(list('{}[],:"0-.eE\\\x00\ud800'))) \
            + text[k:]
    path.write_bytes(crafted.encode("utf-8", "surrogatepass"))
    try:
        state = load_session(path)
    except TawaziError as exc:
        assert "\n" not in exc.message
        return
    assert isinstance(state, SessionState)
    for s in state.alignment.en_sents:  # what loads is usable: offsets slice the input
        assert state.alignment.en_doc.text[s.start : s.end] == s.text
