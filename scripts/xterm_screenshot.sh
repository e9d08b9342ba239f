#!/usr/bin/env bash
# A real screenshot of the review UI for the README: `tawazi review` on seed 002 in an xterm
# (a terminal without bidi of its own) under Xvfb, driven through tmux, captured with xwd.
# Needs: apt-get install -y xvfb xterm x11-apps x11-utils imagemagick fonts-dejavu-core tmux
# Usage: scripts/xterm_screenshot.sh [OUT.png]   (default docs/review.png)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/review.png}
# ImageMagick's own convert (a stand-in earlier on PATH may only print PNGs).
CONVERT=$(command -v convert-im6.q16 || command -v magick || command -v convert || true)
[[ -n "$CONVERT" ]] || { echo "ImageMagick is not installed" >&2; exit 77; }
for tool in Xvfb xterm xwd xwininfo tmux; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 77; }
done

WORK=$(mktemp -d)
SOCK="$WORK/tmux.sock"
DISPLAY_NUM=:$((90 + RANDOM % 9))
SEED=$(ls seeds/002_*.txt | head -n 1)
cleanup() {
  tmux -S "$SOCK" kill-server 2>/dev/null || true
  [[ -n "${XTERM_PID:-}" ]] && kill "$XTERM_PID" 2>/dev/null || true
  [[ -n "${XVFB_PID:-}" ]] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

Xvfb "$DISPLAY_NUM" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
sleep 1
tmux -S "$SOCK" new-session -d -s review -x 110 -y 32 \
  "unset COLUMNS LINES; cd '$WORK' && TERM=xterm-256color uv run --project '$PWD' tawazi review '$PWD/$SEED' --session ./"
DISPLAY=$DISPLAY_NUM xterm -geometry 110x32+0+0 -fa "DejaVu Sans Mono" -fs 10 \
  -bg black -fg white -b 0 -T tawazi -e tmux -S "$SOCK" attach -t review &
XTERM_PID=$!
keys() { tmux -S "$SOCK" send-keys -t review "$@"; sleep 0.6; }
for _ in $(seq 1 100); do
  tmux -S "$SOCK" capture-pane -p -t review | grep -q "approved" && break; sleep 0.1
done
sleep 2  # the lexicon (anchor highlights) loads in the background
tmux -S "$SOCK" set-option -t review status off >/dev/null
keys j j                                   # bead 3: "26 January", anchors highlighted
keys a                                     # approve it: the cursor goes on to bead 4
keys f                                     # the next bead to review: its flag explained
sleep 6                                    # let the notifications fade
WIN=$(DISPLAY=$DISPLAY_NUM xwininfo -root -tree | awk '/"tawazi"/ {print $1; exit}')
mkdir -p "$(dirname "$OUT")"
DISPLAY=$DISPLAY_NUM xwd -silent -id "$WIN" | "$CONVERT" xwd:- -colors 64 "png8:$OUT"
echo "wrote $OUT ($(du -k "$OUT" | cut -f1) KB)"
