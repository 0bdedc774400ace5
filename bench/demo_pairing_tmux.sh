#!/usr/bin/env bash
# The two-terminal merge, shown in tmux (issue 13 item 2): two workbench instances on one session store, as two
# people (alice on top, bob below, each an 80x24 pane). Both open an edit of the same workload at the same
# version; alice saves one field, then bob saves a different one: his save merges over hers (both values kept).
# Then both edit the same field from the same version: bob's save meets alice's value and the conflict dialog
# shows base / theirs / mine; he takes his, and alice is told in her terminal.
#
# Every screen along the way is captured to text files in OUT (default: a new temporary directory), one per
# step and pane: 01-both-open.alice.txt, 01-both-open.bob.txt, ...  Nothing else on the machine is touched: the
# store lives in OUT/data. Needs tmux. Usage: bench/demo_pairing_tmux.sh [OUT]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"
OUT="${1:-$(mktemp -d -t lmi-pairing-XXXXXX)}"
mkdir -p "$OUT/data" "$OUT/config"
SESSION="lmi-pairing-$$"
WAIT="${WAIT:-60}"   # seconds to wait for a screen to show what a step expects (a slow shared machine)

command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }

cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; }
trap cleanup EXIT

app() {  # the command of one terminal: the demo session, as NAME, in OUT's data directory
  printf 'cd %q && PYTHONPATH=%q LMI_WORKBENCH_DATA_DIR=%q LMI_WORKBENCH_CONFIG_DIR=%q %q -m workbench.cli --demo --as %q' \
    "$ROOT" "$ROOT" "$OUT/data" "$OUT/config" "$PYTHON" "$1"
}

screen() { tmux capture-pane -p -t "$SESSION:0.$1"; }

wait_for() {  # wait_for PANE TEXT: until the pane shows TEXT (fails after WAIT seconds, saving the screen)
  local pane=$1 text=$2 i
  for ((i = 0; i < WAIT * 4; i++)); do
    if screen "$pane" | grep -qF -- "$text"; then return 0; fi
    sleep 0.25
  done
  screen "$pane" > "$OUT/timeout.pane$pane.txt"
  echo "timed out waiting for '$text' in pane $pane (screen in $OUT/timeout.pane$pane.txt)" >&2
  exit 1
}

keys() { tmux send-keys -t "$SESSION:0.$1" "${@:2}"; sleep 0.4; }
text() { tmux send-keys -t "$SESSION:0.$1" -l "$2"; sleep 0.4; }

capture() {  # capture STEP: both panes' screens into OUT
  screen 0 > "$OUT/$1.alice.txt"
  screen 1 > "$OUT/$1.bob.txt"
  echo "captured $1"
}

open_edit() {  # open_edit PANE ROW: the edit form of the Intake signal on ROW (0 = the function name)
  local pane=$1 row=$2
  keys "$pane" 1
  keys "$pane" w
  tmux send-keys -t "$SESSION:0.$pane" -N 30 Up; sleep 0.5       # the first row, wherever the cursor was
  if ((row > 0)); then tmux send-keys -t "$SESSION:0.$pane" -N "$row" Down; sleep 0.5; fi
  keys "$pane" e
  wait_for "$pane" "Ctrl+S or Enter saves"
}

# Alice first: she creates the demo session; then Bob joins it.
tmux new-session -d -s "$SESSION" -x 80 -y 49 "$(app alice)"
wait_for 0 "Verdict:"
tmux split-window -v -t "$SESSION:0" -l 24 "$(app bob)"
wait_for 1 "Verdict:"
wait_for 0 "here: bob"
wait_for 1 "here: alice"
capture 01-both-open

# Rows of the Intake signals table: 8 baseline concurrent executions, 9 peak concurrent, 10 monthly spend.
# 1. Different fields, both edits started from the same version: the second save merges.
open_edit 0 10            # alice: monthly Lambda spend
open_edit 1 9             # bob: peak concurrent executions
keys 0 C-u; text 0 "1500"
keys 1 C-u; text 1 "50"
capture 02-both-editing-different-fields
keys 0 Enter
wait_for 1 "v2 by alice"  # bob sees alice's version arrive while his form (opened at v1) is still open
keys 1 Enter
wait_for 1 "v3 by bob"    # merged: alice's spend and bob's peak are both in v3 ("their other changes were kept")
wait_for 0 "v3 by bob"
capture 03-merged-by-field

# 2. The same field from the same version: a conflict with base / theirs / mine.
open_edit 0 8             # alice: baseline concurrent executions
open_edit 1 8             # bob: the same
keys 0 C-u; text 0 "20"
keys 1 C-u; text 1 "18"
keys 0 Enter
wait_for 1 "v4 by alice"
keys 1 Enter
wait_for 1 "Conflict: your change was not saved"
capture 04-conflict-dialog
keys 1 m                  # bob takes his value; alice is told
wait_for 0 "Your change was replaced"
capture 05-mine-taken-alice-told

keys 0 q
keys 1 q
echo "screens in $OUT"
