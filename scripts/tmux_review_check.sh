#!/usr/bin/env bash
# End-to-end check of the review UI as a person sees it: runs the real `tawazi review` on
# seed 002 inside tmux (a terminal without bidi of its own), sends keys (move, merge, undo,
# approve, save, quit), captures the pane and checks that
#   - English and Arabic text are visible side by side on the same lines,
#   - Arabic is shown in visual order: the line holds python-bidi's rendering of a known
#     phrase, and the phrase in logical order appears nowhere on the screen,
#   - the session file follows every action.
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
n0 = int(sys.argv[2]) if sys.argv[2] else 0
sys.exit(0 if ($cond) else 1)
EOF
    then return 0; fi
    sleep 0.1
  done
  fail "session file never satisfied: $cond"
}

keys() { tmux -S "$SOCK" send-keys -t review "$@"; sleep 0.3; }

tmux -S "$SOCK" new-session -d -s review -x 100 -y 30 \
  "TERM=xterm-256color uv run tawazi review '$SEED' --session '$SESSION'; sleep 5"

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
keys a                                     # approve bead 3
wait_session 'b[2]["status"] == "approved"'
echo "ok: approval saved"
keys C-s                                   # save explicitly
screen | grep -q "saved" || fail "no 'saved' in the status bar"
keys q                                     # quit
wait_session 'd["cursor"] == 2 and sum(x["status"] == "approved" for x in b) == 1'
echo "ok: session file $SESSION follows every action"
echo "PASS"
