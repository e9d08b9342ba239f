"""XLIFF 2.1 and 1.2: valid against the official schemas (xmllint), read back by tawazi and by
translate-toolkit, with the bead metadata kept."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_formats import as_one_to_one, sample, units

from tawazi.align.errors import FormatError
from tawazi.align.formats import WriteOptions, read_alignment, write_alignment
from tawazi.align.formats.xliff import read_xliff, render_xliff2, render_xliff12

SCHEMAS = Path(__file__).parent / "data" / "xliff"
# XLIFF 2.1 is checked against the OASIS core schema together with the Metadata module (the
# driver schema imports both), so every mda: element is validated, not let through by the
# core's lax wildcard; 1.2 against the OASIS strict schema.
CORE2 = SCHEMAS / "xliff-core-2.0.xsd"
XSD = {"xliff": SCHEMAS / "xliff-2.1-with-metadata.xsd",
       "xliff12": SCHEMAS / "xliff-core-1.2-strict.xsd"}
RENDER = {"xliff": render_xliff2, "xliff12": render_xliff12}
OPTIONS = [
    WriteOptions(),
    WriteOptions(include_unaligned=True, edited=False),
    WriteOptions(srclang="ar", en_locale="en-GB", ar_locale="ar-SA"),
]


def xmllint(path: Path, schema: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XML_CATALOG_FILES=str(SCHEMAS / "catalog.xml"))
    return subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(schema), str(path)],
                          capture_output=True, text=True, env=env, check=False)


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint (libxml2-utils) missing")
@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
@pytest.mark.parametrize("opts", OPTIONS, ids=["default", "all-original", "ar-source"])
def test_valid_against_the_official_schema(tmp_path: Path, fmt: str, opts: WriteOptions
                                           ) -> None:
    out = tmp_path / "out.xlf"
    write_alignment(sample(), out, fmt, opts)
    done = xmllint(out, XSD[fmt])
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint (libxml2-utils) missing")
def test_the_schema_check_can_fail(tmp_path: Path) -> None:
    """The validation is real: a unit without its required id is refused."""
    bad = tmp_path / "bad.xlf"
    bad.write_text(render_xliff2(sample(), WriteOptions()).replace('<unit id="u1">', "<unit>"),
                   encoding="utf-8")
    assert xmllint(bad, XSD["xliff"]).returncode != 0


BROKEN_METADATA = [
    ('<mda:meta type="score">', '<mda:meta kind="score">', "'type' is required"),
    ('<mda:metaGroup category="tawazi">', '<mda:metaGroup category="tawazi" appliesTo="both">',
     "appliesTo"),
    ('<mda:meta type="score">0.93</mda:meta>',
     '<mda:meta type="score"><mda:meta type="x">0.93</mda:meta></mda:meta>',
     "Element content is not allowed"),
    ("<mda:metadata>", '<mda:metadata><mda:meta type="x">y</mda:meta>', "not expected"),
    ('<mda:metadata>\n        <mda:metaGroup category="tawazi">',
     '<mda:metadata>\n        <mda:metaGroup category="tawazi" color="red">', "not allowed"),
]


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint (libxml2-utils) missing")
@pytest.mark.parametrize(("old", "new", "error"), BROKEN_METADATA,
                         ids=["meta-no-type", "bad-appliesTo", "nested-meta", "meta-outside-group",
                              "unknown-attribute"])
def test_broken_metadata_is_rejected(tmp_path: Path, old: str, new: str, error: str) -> None:
    """The Metadata module is really checked: each broken mda: element is refused with the
    module's reason, although the core schema alone (lax wildcard) lets it through."""
    text = render_xliff2(sample(), WriteOptions())
    assert old in text
    bad = tmp_path / "bad.xlf"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert xmllint(bad, CORE2).returncode == 0  # why the module schema is needed
    done = xmllint(bad, XSD["xliff"])
    assert done.returncode != 0
    assert error in done.stderr and "metadata:2.0" in done.stderr


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
@pytest.mark.parametrize("opts", OPTIONS, ids=["default", "all-original", "ar-source"])
def test_round_trip_keeps_texts_edits_and_metadata(tmp_path: Path, fmt: str,
                                                   opts: WriteOptions) -> None:
    al = sample()
    out = tmp_path / "out.xlf"
    write_alignment(al, out, fmt, opts)
    back = read_alignment(out)
    assert units(back) == [u for u in as_one_to_one(al, flat=True)
                           if opts.include_unaligned or u[2] == "1-1"]
    assert back.meta["signature"] == al.signature
    edited = [b for b in back.beads if b.status == "approved"]
    assert [(b.en_edit, b.ar_edit) for b in edited] == [
        ("Signed, the editor", 'مع تحيات "المحرر" \\ الجديد')]


def test_metadata_module_and_states() -> None:
    text = render_xliff2(sample(), WriteOptions())
    assert 'xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.1"' in text
    assert '<mda:meta type="score">0.8765</mda:meta>' in text
    assert '<mda:meta type="flags">number</mda:meta>' in text
    assert text.count('state="final"') == 1  # the approved bead
    one = render_xliff12(sample(), WriteOptions())
    assert one.count('approved="yes"') == 1
    assert '<note from="tawazi:bead-type">2-1</note>' in one


def test_arabic_source_swaps_the_sides() -> None:
    text = render_xliff2(sample(), WriteOptions(srclang="ar", ar_locale="ar-SA",
                                                en_locale="en-GB"))
    assert 'srcLang="ar-SA" trgLang="en-GB"' in text
    assert '<source xml:space="preserve">قال الوزير' in text


def test_filters_apply(tmp_path: Path) -> None:
    text = render_xliff2(sample(), WriteOptions(one_to_one=True, min_score=0.9))
    assert text.count("<unit ") == 2  # 0.93 and the approved 1.0; the 2-1 and 0.5 left out


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
def test_translate_toolkit_reads_every_unit(tmp_path: Path, fmt: str) -> None:
    """An independent reader (translate-toolkit) sees the same pairs and the notes."""
    pytest.importorskip("translate.storage.xliff")
    from translate.storage import xliff, xliff2

    al = sample()
    out = tmp_path / "out.xlf"
    write_alignment(al, out, fmt, WriteOptions())
    store_cls = xliff2.Xliff2File if fmt == "xliff" else xliff.xlifffile
    store = store_cls.parsefile(str(out))
    got = [(u.source, u.target) for u in store.units if u.source or u.target]
    want = [(e, a) for e, a, *_ in units(al) if e.strip() and a.strip()]
    want[-1] = ("Signed, the editor", 'مع تحيات "المحرر" \\ الجديد')  # edited text exported
    assert got == want
    if fmt == "xliff12":
        assert store.units[0].getnotes().split("\n") == ["1-1", "0.93", "auto"]


def test_refuses_other_languages_and_versions(tmp_path: Path) -> None:
    bad = tmp_path / "fr.xlf"
    bad.write_text(render_xliff2(sample(), WriteOptions()).replace('srcLang="en"',
                                                                   'srcLang="fr"'),
                   encoding="utf-8")
    with pytest.raises(FormatError, match="English and Arabic"):
        read_xliff(bad)
    bad.write_text('<xliff version="3.0"/>', encoding="utf-8")
    with pytest.raises(FormatError, match="not supported"):
        read_xliff(bad)


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlf"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                    '<xliff version="2.1" srcLang="en" trgLang="ar"/>', encoding="utf-8")
    with pytest.raises(FormatError, match="entity"):
        read_xliff(bomb)
