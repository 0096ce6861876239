#!/usr/bin/env bash
# kill -9 trials: start a writer, kill it with SIGKILL at a random moment, check that what it left
# is intact, repeat. KIND:
#   store       the run store (`xdd runs stress-write`: runs of known values, one transaction per
#               batch). After every kill PRAGMA integrity_check must say ok; at the end every run
#               marked done must hold all its steps and metrics, every unfinished run only whole
#               batches (`runs stress-check`).
#   checkpoint  a GAN training checkpoint rewritten after every step (`xdd stress-write checkpoint`).
#               After every kill the file must load and equal a replay of its steps, and hold at
#               least the newest step the writer had reported saved.
#   export      a 10,000-row scores CSV and a 300-dpi PNG figure rewritten in turn (`xdd stress-write
#               export`). After every kill the CSV must be one whole version, at least the newest
#               reported, and the PNG must decode.
# Usage: scripts/kill_trials.sh KIND [TRIALS=100]   (XDD=path/to/xdd to use another build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
XDD="${XDD:-$ROOT/build/app/xdd}"
KIND="${1:?usage: kill_trials.sh store|checkpoint|export [TRIALS]}"
TRIALS="${2:-100}"
[[ -x "$XDD" ]] || { echo "no xdd program at $XDD; build it: cmake --build build --target xdd" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

case "$KIND" in
  store) writer=("$XDD" --store "$WORK/runs.db" runs stress-write --steps 300 --batch 25) ;;
  checkpoint) writer=("$XDD" stress-write checkpoint --file "$WORK/gan.ckpt") ;;
  export) writer=("$XDD" stress-write export --file "$WORK/scores.csv") ;;
  *) echo "unknown kind '$KIND': store, checkpoint or export" >&2; exit 2 ;;
esac

check_after_kill() {
  local trial=$1 saved=$2
  case "$KIND" in
    store)
      if command -v sqlite3 >/dev/null; then
        local result
        result="$(sqlite3 "$WORK/runs.db" 'PRAGMA integrity_check')"
        [[ "$result" == "ok" ]] || { echo "trial $trial: integrity_check: $result" >&2; exit 1; }
      fi ;;
    checkpoint)
      [[ -f "$WORK/gan.ckpt" ]] || { ((saved == 0)) && return; echo "trial $trial: checkpoint gone" >&2; exit 1; }
      "$XDD" stress-check checkpoint --file "$WORK/gan.ckpt" --at-least "$saved" >>"$WORK/checks.log" ||
        { echo "trial $trial: the checkpoint is broken" >&2; exit 1; } ;;
    export)
      [[ -f "$WORK/scores.csv" ]] || { ((saved == 0)) && return; echo "trial $trial: export gone" >&2; exit 1; }
      "$XDD" stress-check export --file "$WORK/scores.csv" --at-least "$saved" >>"$WORK/checks.log" ||
        { echo "trial $trial: the export is broken" >&2; exit 1; } ;;
  esac
}

killed_alive=0 killed_mid_write=0
for trial in $(seq 1 "$TRIALS"); do
  "${writer[@]}" >"$WORK/writer.log" 2>&1 &
  pid=$!
  # Start the clock once the writer is ready (loading LibTorch takes a while).
  for _ in $(seq 1 600); do
    grep -q ready "$WORK/writer.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", r / 32768 * 0.3 }')"  # 0 to 0.3 s
  if kill -9 "$pid" 2>/dev/null; then
    killed_alive=$((killed_alive + 1))
  else
    echo "trial $trial: the writer had already exited:" >&2
    cat "$WORK/writer.log" >&2
    exit 1
  fi
  wait "$pid" 2>/dev/null || true
  # A temp file beside the target means the kill landed inside a write.
  compgen -G "$WORK/.*.tmp.*" >/dev/null && killed_mid_write=$((killed_mid_write + 1))
  rm -f "$WORK"/.*.tmp.*
  saved=$(awk '/^saved /{ n = $2 } END { print n + 0 }' "$WORK/writer.log")
  check_after_kill "$trial" "$saved"
done

echo "kill -9 trials ($KIND): $TRIALS (writer killed while running: $killed_alive, inside a write: $killed_mid_write)"
case "$KIND" in
  store)
    if command -v sqlite3 >/dev/null; then
      echo "sqlite3 PRAGMA integrity_check after every trial: ok"
      echo "runs by status: $(sqlite3 "$WORK/runs.db" "SELECT group_concat(status || ' ' || n, ', ') FROM (SELECT status, count(*) AS n FROM runs GROUP BY status)")"
      echo "step rows: $(sqlite3 "$WORK/runs.db" 'SELECT count(*) FROM steps')"
    fi
    "$XDD" --store "$WORK/runs.db" runs stress-check ;;
  *) echo "checks passed: $(grep -c ' ok:' "$WORK/checks.log" 2>/dev/null || echo 0)"; tail -n 1 "$WORK/checks.log" ;;
esac
