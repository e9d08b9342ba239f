"""The shared Arabic tables (``align/text/arabic.py``) and what their users rely on, and the
import hygiene that lets pytest collect the doctests of every module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tawazi.align.text import arabic as T
from tawazi.align.text.normalize import normalize_ar

ROOT = Path(__file__).resolve().parent.parent

CLITIC_LISTS = {
    "CLITICS_STEM": T.CLITICS_STEM,
    "CLITICS_NAME": T.CLITICS_NAME,
    "CLITICS_COUNTERPART": T.CLITICS_COUNTERPART,
    "CLITICS_LOOKUP": T.CLITICS_LOOKUP,
}


@pytest.mark.parametrize("name", sorted(CLITIC_LISTS))
def test_clitic_lists_put_a_prefix_after_its_extensions(name: str) -> None:
    """Users strip the first prefix that fits: a prefix listed before a longer prefix that
    starts with it would hide the longer one (``و`` before ``وال``)."""
    table = CLITIC_LISTS[name]
    assert len(set(table)) == len(table)
    for i, p in enumerate(table):
        assert not any(q.startswith(p) and q != p for q in table[i + 1 :]), (name, p)


def test_word_lists_are_fixed_points_of_the_normalisation() -> None:
    """Users compare normalised (or folded) words against these lists, so an entry that
    normalisation would change could never match."""
    words = (T.SPEECH_VERBS_SPLITTER | T.SPEECH_VERBS_CUES | T.PREPOSITIONS
             | set(T.CLITICS_STEM))
    assert all(normalize_ar(w) == w for w in words)
    assert all(w.translate(T.FOLD) == w == w.translate(T.FOLD_SPLITTER) for w in words)


def test_speech_verb_variants_share_the_common_list() -> None:
    assert T.SPEECH_VERBS <= T.SPEECH_VERBS_SPLITTER
    assert T.SPEECH_VERBS <= T.SPEECH_VERBS_CUES
    assert not any(v.startswith("و") for v in T.SPEECH_VERBS_SPLITTER)
    assert {v for v in T.SPEECH_VERBS_CUES - T.SPEECH_VERBS if not v.startswith("و")} == set()


def test_folding_variants() -> None:
    word = "قَالَ\u200f"  # a speech verb with a right-to-left mark glued to it
    assert word.translate(T.FOLD) == "قال"
    assert word.translate(T.FOLD_SPLITTER) == "قال\u200f"  # the splitter keeps the mark
    assert "ٱلقدس".translate(T.FOLD) == "القدس"
    assert "ٱلقدس".translate(T.FOLD_SPLITTER) == "ٱلقدس"
    assert "أإآىة".translate(T.FOLD) == "ااايه" == "أإآىة".translate(T.FOLD_SPLITTER)


def test_white_space_sets() -> None:
    assert set(T.WS) == T.WS_SET
    assert set(T.WS_SPLITTER) <= T.WS_SET
    assert T.ALM in T.WS_SET and T.ALM not in T.WS_SPLITTER
    assert all(c in T.WS_SET for c in T.ZERO_WIDTH)
    # Every character Python calls white space is white space for the web text too.
    assert all(c in T.WS_SET for c in map(chr, range(0x3001)) if c.isspace()
               and c not in "\x1c\x1d\x1e\x1f\x85")


def test_digits_in_every_system_read_the_same() -> None:
    from tawazi.align.evidence.keys import number_value

    assert {number_value(d) for d in ("151", "١٥١", "۱۵۱")} == {151.0}
    assert "٠١٢٣٤٥٦٧٨٩".translate(T.TO_ASCII_DIGITS) == "0123456789"
    assert "۰۱۲۳۴۵۶۷۸۹".translate(T.TO_ASCII_DIGITS) == "0123456789"


def test_every_module_imports_without_output_or_heavy_dependencies() -> None:
    """pytest imports every module of ``align`` and ``tui`` to collect its doctests: an
    import must print nothing, need no data outside the repository, and the library must
    not pull in camel-tools or textual by being imported."""
    code = """
import importlib, pkgutil, sys
from tawazi import align, tui
names = [m.name for pkg in (align, tui)
         for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")
         if not m.name.endswith("__main__")]
for n in names:
    if n.startswith("tawazi.align."):
        importlib.import_module(n)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("camel_tools", "textual"))
print("HEAVY", heavy)
for n in names:
    importlib.import_module(n)
print("OK", len(names))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True)
    lines = out.stdout.splitlines()
    assert lines[0] == "HEAVY []", lines[0]
    assert lines[-1].startswith("OK ") and int(lines[-1].split()[1]) > 50
    assert len(lines) == 2 and out.stderr == ""
