"""Seed 002's TMX in CAT tools: translate-toolkit reads every bead (the 2-2 included), and
OmegaT, run headless with the TMX as its project's auto memory, fills the 2-2 bead's
sentences (it resegments ``segtype="paragraph"`` memories). The OmegaT check runs where
Debian's ``omegat`` is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import ROOT, tawazi

SEED = next((ROOT / "seeds").glob("002_*.txt"))
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
<source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir>
<tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>
<glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>
<source_lang>EN</source_lang><target_lang>AR</target_lang>
<source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.LuceneArabicTokenizer</target_tok>
<sentence_seg>true</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags></project></omegat>
"""


@pytest.fixture(scope="module")
def seed_tmx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tmx") / "seed.tmx"
    res = tawazi("align", str(SEED), "-o", str(out))
    assert res.returncode == 0, res.stderr
    return out


def test_translate_toolkit_reads_every_bead(seed_tmx: Path) -> None:
    pytest.importorskip("translate.storage.tmx")
    from translate.storage import tmx

    from tawazi.align.formats import read_alignment

    store = tmx.tmxfile.parsefile(str(seed_tmx))
    got = [(u.source, u.target) for u in store.units]
    al = read_alignment(seed_tmx)
    assert got == [(al.bead_text(b, "en"), al.bead_text(b, "ar")) for b in al.beads]
    assert len(got) == 16  # every two-sided bead; the 0-1 headline is left out
    assert any("it may take years. Or it may" in en for en, _ in got)  # the 2-2 bead


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("omegat") is None, reason="OmegaT (Debian omegat) missing")
def test_omegat_fills_the_two_two_bead(seed_tmx: Path, tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    for sub in ("source", "tm/auto", "target", "omegat", "glossary", "dictionary"):
        (proj / sub).mkdir(parents=True)
    (proj / "omegat.project").write_text(PROJECT, encoding="utf-8")
    shutil.copy(seed_tmx, proj / "tm" / "auto" / "seed.tmx")
    lines = [x for x in SEED.read_text(encoding="utf-8").splitlines()
             if x and not any("\u0600" <= c <= "\u06ff" for c in x)]
    (proj / "source" / "seed.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(["omegat", str(proj), "--mode=console-translate", "--no-team",
                    f"--config-dir={tmp_path / 'cfg'}", "--disable-project-locking"],
                   capture_output=True, timeout=300, check=True)
    target = (proj / "target" / "seed.txt").read_text(encoding="utf-8")
    assert "يمكن أن يمتد لسنوات" in target  # the first sentence of the 2-2 bead's Arabic
    assert "Or it may just be pretended" not in target  # its second English sentence
    assert "it may take years" not in target
