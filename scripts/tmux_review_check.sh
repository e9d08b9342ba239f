#!/usr/bin/env bash
# End-to-end check of the review UI as a person sees it: runs the real `tawazi review` on
# seed 002 inside tmux (a terminal without bidi of its own), sends keys (move, merge, undo,
# approve, save, quit), captures the pane and checks that
#   - English and Arabic text are visible side by side on the same lines,
#   - Arabic is shown in visual order: the line holds python-bidi's rendering of a known
#     phrase, and the phrase in logical order appears nowhere on the screen,
#   - the session file follows every action.
#   - edit appends (the dialog opens with the cursor at the end), an Arabic edit shows a
#     reads: line, a flag explanation quoting Arabic is in visual order, an Arabic search
#     shows in visual order in the search box and the status bar, and r after an approval
#     leaves the approved bead as it is.
# Exit status: 0 passed, 1 failed, 77 tmux is not installed (the pytest wrapper skips).
# Usage: scripts/tmux_review_check.sh [--keep]   (--keep: leave the work folder for a look)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux is not installed (apt-get install tmux)" >&2
  exit 77
fi

SEED=$(ls seeds/002_*.txt | head -n 1)
WORK=$(mktemp -d)
SESSION="$WORK/review.tawazi.json"
SOCK="$WORK/tmux.sock"  # a private tmux server: never touches the user's sessions
PY="uv run --quiet python"

cleanup() {
  tmux -S "$SOCK" kill-server 2>/dev/null || true
  if [[ "${1:-}" != keep ]]; then rm -rf "$WORK"; else echo "work folder: $WORK"; fi
}
trap 'cleanup ${KEEP:-}' EXIT
[[ "${1:-}" == --keep ]] && KEEP=keep

fail() {
  echo "FAIL: $*" >&2
  echo "----- screen -----" >&2
  tmux -S "$SOCK" capture-pane -p -t review >&2 || true
  exit 1
}

screen() { tmux -S "$SOCK" capture-pane -p -t review; }

# Wait until the session file satisfies a Python condition on `d` (its JSON) and `b`
# (its beads), e.g. wait_session 'len(b) == n0 - 1'.
wait_session() {
  local cond=$1 extra=${2:-}
  for _ in $(seq 1 100); do
    if [[ -f "$SESSION" ]] && $PY - "$SESSION" "$extra" <<EOF 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
b = d["beads"]
n0 = int(sys.argv[2]) if sys.argv[2].isdigit() else 0
sys.exit(0 if ($cond) else 1)
EOF
    then return 0; fi
    sleep 0.1
  done
  fail "session file never satisfied: $cond"
}

keys() { tmux -S "$SOCK" send-keys -t review "$@"; sleep 0.3; }

# COLUMNS and LINES (set by pytest) would make Textual draw 80x24 inside the 100x30 pane.
tmux -S "$SOCK" new-session -d -s review -x 100 -y 30 \
  "unset COLUMNS LINES; TERM=xterm-256color uv run tawazi review '$SEED' --session '$SESSION'; sleep 5"

wait_session 'len(b) > 0'
N0=$($PY -c "import json,sys; print(len(json.load(open(sys.argv[1]))['beads']))" "$SESSION")
for _ in $(seq 1 50); do screen | grep -q "approved" && break; sleep 0.1; done
sleep 0.5

# --- What a person sees --------------------------------------------------------------
PHRASE="26 كانون الثاني"
read -r VISUAL LOGICAL < <($PY - "$PHRASE" <<'EOF'
import sys
from bidi import get_display
p = sys.argv[1]
print(get_display(p, base_dir="R").replace(" ", "\u00a0"), p.replace(" ", "\u00a0"))
EOF
)
VISUAL=${VISUAL//$'\u00a0'/ }
LOGICAL=${LOGICAL//$'\u00a0'/ }
SHOT=$(screen)
echo "$SHOT" | grep -F "26 January" | grep -qF "$VISUAL" \
  || fail "no line shows '26 January' next to the visual-order Arabic '$VISUAL'"
if echo "$SHOT" | grep -qF "$LOGICAL"; then
  fail "the logical-order string '$LOGICAL' is on screen: Arabic was not reordered"
fi
echo "$SHOT" | grep -q "Special envoy" || fail "no English text on screen"
echo "$SHOT" | grep -q "│" || fail "no column separator between English and Arabic"
echo "$SHOT" | $PY -c "
import sys
forms = [c for c in sys.stdin.read() if 0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF]
sys.exit(1 if forms else 0)" || fail "presentation forms on screen: letters must stay unshaped"
echo "ok: English and Arabic side by side, Arabic in visual order ('$VISUAL'), unshaped"

# --- Move, merge, undo, approve, save, quit --------------------------------------------
keys j j                                   # move to bead 3
wait_session 'd["cursor"] == 2'
keys m                                     # merge bead 3 with bead 4
wait_session 'len(b) == n0 - 1 and len(d["undo"]) == 1' "$N0"
echo "ok: merge saved ($N0 -> $((N0 - 1)) beads)"
keys z                                     # undo
wait_session 'len(b) == n0 and len(d["redo"]) == 1' "$N0"
echo "ok: undo saved"
keys a                                     # approve bead 3: the cursor moves on
wait_session 'b[2]["status"] == "approved" and d["cursor"] == 3'
echo "ok: approval saved, cursor moved to the next bead"
keys C-s                                   # save explicitly
screen | grep -q "saved" || fail "no 'saved' in the status bar"
for _ in $(seq 1 100); do  # notifications cover the end of the status bar for a while
  screen | tail -n 2 | grep -qF "$SESSION" && break; sleep 0.1
done
screen | tail -n 2 | grep -qF "$SESSION" || fail "the status bar does not say where the session is"
echo "ok: the status bar names the session file $SESSION"

# --- Edit appends: the dialog opens with the cursor at the end, nothing selected ------
keys e
screen | grep -q "English text of bead 4" || fail "no edit dialog"
tmux -S "$SOCK" send-keys -t review -l " [edited]"; sleep 0.3
keys Enter
wait_session 'b[3]["en_edit"] is not None and b[3]["en_edit"].endswith(" [edited]") and len(b[3]["en_edit"]) > 30'
screen | grep -q "\[edited\]" || fail "the edited text is not on screen"
echo "ok: typing in the edit dialog appends to the sentence"

# --- A flag explanation holding Arabic reads in visual order --------------------------
ADDED="وقال المتحدث باسم وزارة الخارجية الروسية إن الاجتماع المقبل سيعقد في موسكو"
read -r FLAG_VISUAL FLAG_LOGICAL < <($PY - "وقال المتحدث باسم" <<'EOF2'
import sys
from bidi import get_display
p = sys.argv[1]
print(get_display(p, base_dir="L").replace(" ", "\u00a0"), p.replace(" ", "\u00a0"))
EOF2
)
FLAG_VISUAL=${FLAG_VISUAL//$'\u00a0'/ }
FLAG_LOGICAL=${FLAG_LOGICAL//$'\u00a0'/ }
keys k                                     # back to bead 3 ("26 January")
keys E                                     # its Arabic: append a sentence it does not have
tmux -S "$SOCK" send-keys -t review -l " $ADDED"; sleep 0.3
screen | grep -q "reads:" || fail "the Arabic edit has no 'reads:' line in visual order"
keys Enter
wait_session 'b[2]["ar_edit"] is not None and b[2]["ar_edit"].endswith("موسكو")'
sleep 0.3
FLAGLINE=$(screen | grep -F "⚑ addition — the Arabic adds" || true)
[[ -n "$FLAGLINE" ]] || fail "no 'addition' flag explained for the edited bead"
echo "$FLAGLINE" | grep -qF "$FLAG_VISUAL" \
  || fail "the flag explanation does not quote the Arabic in visual order ('$FLAG_VISUAL')"
if screen | grep -qF "$FLAG_LOGICAL"; then
  fail "the logical-order '$FLAG_LOGICAL' is on screen"
fi
echo "ok: flag explanation quotes the Arabic in visual order: $FLAGLINE"

# --- Search with an Arabic word --------------------------------------------------------
WORD="لافرينتيف"
WORD_VISUAL=$($PY -c "import sys; from bidi import get_display; print(get_display(sys.argv[1]))" "$WORD")
keys g /
tmux -S "$SOCK" send-keys -t review -l "$WORD"; sleep 0.3
screen | grep -qF "reads: $WORD_VISUAL" || fail "the search box shows no 'reads: $WORD_VISUAL'"
keys Enter
for _ in $(seq 1 80); do screen | tail -n 2 | grep -qF "/$WORD_VISUAL" && break; sleep 0.1; done
screen | tail -n 2 | grep -qF "/$WORD_VISUAL" \
  || fail "the status bar does not show the search '/$WORD_VISUAL'"
if screen | grep -qF "$WORD"; then fail "the logical-order '$WORD' is on screen after the search"; fi
wait_session 'd["cursor"] > 0'
echo "ok: Arabic search found bead $($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['cursor'] + 1)" "$SESSION"), shown as '/$WORD_VISUAL'"

# --- r after an approval: approved beads stay as they are ------------------------------
keys g j                                   # bead 2
keys a                                     # approve it (the cursor moves to bead 3)
wait_session 'b[1]["status"] == "approved"'
BEFORE=$($PY -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['beads'][1]))" "$SESSION")
keys r
for _ in $(seq 1 100); do screen | grep -qE "re-aligned|changed nothing" && break; sleep 0.1; done
screen | grep -qE "re-aligned|changed nothing" || fail "no word from the re-alignment"
wait_session "json.dumps(b[1]) == sys.argv[2]" "$BEFORE"  # the approved bead as it was
echo "ok: r after an approval: $(screen | grep -oE "re-aligned[^│]*|re-alignment changed nothing" | head -n 1)"

keys q                                     # quit
wait_session 'b[1]["status"] == "approved" and b[3]["en_edit"].endswith(" [edited]")'
echo "ok: session file $SESSION follows every action"
echo "PASS"
