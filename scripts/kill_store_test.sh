#!/usr/bin/env bash
# Run store kill -9 trials: start a writer (`xdd runs stress-write`, runs of known values written
# in batches, one transaction each), kill it with SIGKILL at a random moment, and repeat. After
# every kill the database must pass PRAGMA integrity_check; at the end every run marked done must
# hold all its steps and metrics, and every unfinished run only whole batches (`runs stress-check`).
# Usage: scripts/kill_store_test.sh [TRIALS=100]   (XDD=path/to/xdd to use another build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
XDD="${XDD:-$ROOT/build/app/xdd}"
TRIALS="${1:-100}"
[[ -x "$XDD" ]] || { echo "no xdd program at $XDD; build it: cmake --build build --target xdd" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/runs.db"
killed_alive=0
for trial in $(seq 1 "$TRIALS"); do
  "$XDD" --store "$DB" runs stress-write --steps 300 --batch 25 >"$WORK/writer.log" 2>&1 &
  pid=$!
  # Start the clock once the writer has the store open (loading LibTorch takes a while).
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
  if command -v sqlite3 >/dev/null; then
    result="$(sqlite3 "$DB" 'PRAGMA integrity_check')"
    [[ "$result" == "ok" ]] || { echo "trial $trial: integrity_check: $result" >&2; exit 1; }
  fi
done

echo "kill -9 trials: $TRIALS (writer killed while running: $killed_alive)"
if command -v sqlite3 >/dev/null; then
  echo "sqlite3 PRAGMA integrity_check after every trial: ok"
  echo "runs by status: $(sqlite3 "$DB" "SELECT group_concat(status || ' ' || n, ', ') FROM (SELECT status, count(*) AS n FROM runs GROUP BY status)")"
  echo "step rows: $(sqlite3 "$DB" 'SELECT count(*) FROM steps')"
fi
"$XDD" --store "$DB" runs stress-check
