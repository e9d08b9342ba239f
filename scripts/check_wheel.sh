#!/usr/bin/env bash
# Build the wheel and install it the way a user without uv would: pip, a fresh venv, no uv
# overrides. Then check what came in (size, no ML stack, one top-level package) and run the
# demo and the Python API from it, outside the checkout so nothing is imported from here.
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_MB=400
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

uv build --wheel --out-dir "$work/dist" -q
wheel=$(ls "$work"/dist/*.whl)
echo "check-wheel: built $(basename "$wheel")"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel"

size=$(du -sm "$work/venv" | cut -f1)
echo "check-wheel: fresh venv with tawazi is ${size} MB (limit ${MAX_MB})"
[ "$size" -lt "$MAX_MB" ] || { echo "check-wheel: venv over ${MAX_MB} MB" >&2; exit 1; }

heavy=$("$work/venv/bin/pip" list --format=freeze --disable-pip-version-check \
  | grep -iE '^(torch|transformers|scikit-learn|sklearn|scipy|pandas|triton|nvidia-[^=]*|camel-tools|sentencex)==' || true)
[ -z "$heavy" ] || { echo "check-wheel: heavy packages came in: $heavy" >&2; exit 1; }

cd "$work"
# Exactly one top-level package from this distribution: tawazi.
tops=$("$work/venv/bin/python" - <<'PY'
from importlib.metadata import distribution
files = distribution("tawazi-align").files or []
print(" ".join(sorted({str(f).split("/")[0] for f in files
                       if not str(f).startswith("..") and ".dist-info" not in str(f)})))
PY
)
echo "check-wheel: top-level names installed: $tops"
[ "$tops" = "tawazi" ] || { echo "check-wheel: expected only 'tawazi'" >&2; exit 1; }

"$work/venv/bin/tawazi" --version
"$work/venv/bin/tawazi" demo --width 100 -o "$work/demo.tmx" > "$work/demo.out"
tail -1 "$work/demo.out"
"$work/venv/bin/python" -m tawazi --version
"$work/venv/bin/python" - "$work/demo.tmx" <<'PY'
import sys
import tawazi

al = tawazi.align_texts("The talks ended. Both sides signed.", "انتهت المحادثات. ووقع الطرفان.")
assert [b.type for b in al.beads] == ["1-1", "1-1"], al.beads
demo = tawazi.read(sys.argv[1])
assert len(demo.beads) > 10 and all(0 <= b.score <= 1 for b in demo.beads)
assert tawazi.split("Mr. Smith left. He was 62.", "en")[1].text == "He was 62."
assert "number-mismatch" in [f.code for f in
                             tawazi.score_pairs([("It cost 2,400 dollars.", "كلف ٣٠٠ دولار.")])[0].flags]
import io, pathlib, tempfile
import docx
from odf.opendocument import OpenDocumentText
from odf.text import P
# HTML, DOCX and ODT inputs read through the libraries the wheel depends on.
tmp = pathlib.Path(tempfile.mkdtemp())
paras = ["The talks ended.", "Both sides signed.", "انتهت المحادثات.", "ووقع الطرفان."]
d = docx.Document()
for p in paras:
    d.add_paragraph(p)
d.save(tmp / "x.docx")
o = OpenDocumentText()
for p in paras:
    o.text.addElement(P(text=p))
o.save(str(tmp / "x.odt"))
(tmp / "x.html").write_text("".join(f"<p>{p}</p>" for p in paras), encoding="utf-8")
for name in ("x.docx", "x.odt", "x.html"):
    got = [(b.en, b.ar) for b in tawazi.read(tmp / name).beads]
    assert got == [("The talks ended.", "انتهت المحادثات."),
                   ("Both sides signed.", "ووقع الطرفان.")], (name, got)
import tawazi.tui.app  # the review UI's modules are in the wheel too
print(f"check-wheel: API smoke test passed ({len(demo.beads)} beads read back from the demo TMX)")
PY
