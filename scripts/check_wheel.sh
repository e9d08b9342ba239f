#!/usr/bin/env bash
# Build the wheel and install it the way a user without uv would: pip, a fresh venv, no uv
# overrides. Then check what came in (size, no ML stack, one top-level package) and run the
# demo and the Python API from it, outside the checkout so nothing is imported from here.
#
# Done once with the default python3 and again with every other supported Python (3.11, 3.12,
# 3.13) found on PATH (python3.X) or under ~/.pyenv/versions/*/bin. A version that is absent
# is reported and skipped; a version that is there and fails to install or run tawazi fails
# the check.
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_MB=400
SUPPORTED=(3.11 3.12 3.13)
work=$(mktemp -d)
current=""
trap 'rc=$?; rm -rf "$work"
      [ "$rc" -eq 0 ] || echo "check-wheel: FAILED${current:+ with Python $current}" >&2' EXIT

uv build --wheel --out-dir "$work/dist" -q
wheel=$(ls "$work"/dist/*.whl)
echo "check-wheel: built $(basename "$wheel")"

# check_with PYTHON: the whole check in a fresh venv made by PYTHON.
check_with() {
  local py=$1 version venv
  version=$("$py" -c 'import platform; print(platform.python_version())')
  venv="$work/venv-$version"
  current="$version ($py)"
  echo "check-wheel: Python $current"
  "$py" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$wheel"

  local size heavy tops
  size=$(du -sm "$venv" | cut -f1)
  echo "check-wheel: fresh venv with tawazi is ${size} MB (limit ${MAX_MB})"
  [ "$size" -lt "$MAX_MB" ] || { echo "check-wheel: venv over ${MAX_MB} MB" >&2; return 1; }

  heavy=$("$venv/bin/pip" list --format=freeze --disable-pip-version-check \
    | grep -iE '^(torch|transformers|scikit-learn|sklearn|scipy|pandas|triton|nvidia-[^=]*|camel-tools|sentencex)==' || true)
  [ -z "$heavy" ] || { echo "check-wheel: heavy packages came in: $heavy" >&2; return 1; }

  # Exactly one top-level package from this distribution: tawazi.
  tops=$(cd "$work" && "$venv/bin/python" - <<'PY'
from importlib.metadata import distribution
files = distribution("tawazi-align").files or []
print(" ".join(sorted({str(f).split("/")[0] for f in files
                       if not str(f).startswith("..") and ".dist-info" not in str(f)})))
PY
)
  echo "check-wheel: top-level names installed: $tops"
  [ "$tops" = "tawazi" ] || { echo "check-wheel: expected only 'tawazi'" >&2; return 1; }

  (
    cd "$work"
    "$venv/bin/tawazi" --version
    "$venv/bin/tawazi" demo --width 100 -o "$venv/demo.tmx" > "$venv/demo.out"
    tail -1 "$venv/demo.out"
    "$venv/bin/python" -m tawazi --version
    "$venv/bin/python" - "$venv/demo.tmx" <<'PY'
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
  )
}

# find_python X.Y: an interpreter that really is Python X.Y (a pyenv shim for a version that
# is not installed exists on PATH but fails), or nothing.
find_python() {
  local want=$1 cand
  for cand in "python$want" "$HOME"/.pyenv/versions/"$want".*/bin/"python$want"; do
    if command -v "$cand" >/dev/null 2>&1 \
        && [ "$("$cand" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$want" ]; then
      command -v "$cand"
      return 0
    fi
  done
  return 1
}

checked=() absent=()
check_with python3
checked+=("$(python3 -c 'import platform; print(platform.python_version())')")
default=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
for want in "${SUPPORTED[@]}"; do
  [ "$want" = "$default" ] && continue
  if py=$(find_python "$want"); then
    start=$SECONDS
    check_with "$py"
    checked+=("$("$py" -c 'import platform; print(platform.python_version())')")
    echo "check-wheel: Python $want took $((SECONDS - start)) s"
  else
    absent+=("$want")
    echo "check-wheel: Python $want not found (python$want on PATH or ~/.pyenv/versions): not checked"
  fi
done
summary="check-wheel: the wheel installs and runs on Python ${checked[*]}"
[ ${#absent[@]} -eq 0 ] || summary+="; absent, not checked: Python ${absent[*]}"
echo "$summary"
