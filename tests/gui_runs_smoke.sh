#!/usr/bin/env bash
# Smoke test of the Runs and Compare tabs and of session files, under Xvfb. Two tiny runs that the
# CLI records fill a private run store; the app then opens it on the Runs tab, compares the two
# runs, shows one in the panels and exports its t-SNE through the Export dialog (and fails cleanly on
# an unwritable path), saves its session at exit and opens it again, and refuses a damaged and a
# newer session file without failing or changing anything.
# Every screenshot must show content (many colours), and the Runs and Compare tabs must differ.
# Usage: tests/gui_runs_smoke.sh path/to/xdd-studio path/to/xdd
set -euo pipefail
app=${1:?usage: gui_runs_smoke.sh path/to/xdd-studio path/to/xdd}
cli=${2:?usage: gui_runs_smoke.sh path/to/xdd-studio path/to/xdd}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/assets/testdata/mnist-small
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache  # a private GAN cache

fail() { echo "gui_runs_smoke: FAIL: $*" >&2; exit 1; }

for beta in 0.1 1; do
  "$cli" run --data "$data" --preset tiny --epochs 1 --steps 20 --holdout 3 --beta "$beta" \
    --threads 1 --store "$tmp/runs.db" --out "$tmp/h3-b$beta" >"$tmp/run.log" 2>&1 \
    || { cat "$tmp/run.log" >&2; fail "xdd run --beta $beta failed"; }
done

# shot NAME ARGS...: 90 frames of the app on the store, a 1280x800 screenshot with content.
shot() {
  local name=$1
  shift
  xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --data "$data" --preset tiny --threads 1 \
    --store "$tmp/runs.db" --no-record --frames 90 --size 1280x800 \
    --screenshot "$tmp/$name.png" "$@" >"$tmp/$name.log" 2>&1 \
    || { cat "$tmp/$name.log" >&2; fail "xdd-studio $* exited with an error"; }
  [ -s "$tmp/$name.png" ] || fail "$name: no screenshot written"
  local size colours
  size=$(identify -format '%wx%h' "$tmp/$name.png")
  [ "$size" = "1280x800" ] || fail "$name: screenshot is $size, expected 1280x800"
  colours=$(convert "$tmp/$name.png" -format %k info:)
  [ "$colours" -gt 50 ] || fail "$name: only $colours colours (blank window?)"
  echo "gui_runs_smoke: $name OK ($colours colours)"
}

# session_value FILE KEY: a value of the session file's view (or open_runs), as Python prints it.
session_value() {
  /usr/bin/python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))
print(s["open_runs"] if sys.argv[2] == "open_runs" else s["view"][sys.argv[2]])' "$1" "$2"
}

shot runs --centre runs
shot compare --compare 1,2 --centre compare --save-session "$tmp/saved.json"
[ "$(session_value "$tmp/saved.json" open_runs)" = "[1, 2]" ] || fail "the saved session lost the compared runs"
[ "$(session_value "$tmp/saved.json" centre_tab)" = "compare" ] || fail "the saved session lost the tab"
compare -metric AE "$tmp/runs.png" "$tmp/compare.png" null: 2>"$tmp/diff.txt" && fail "the Runs and Compare tabs look the same"

# A stored run in the panels, its t-SNE exported through the Export dialog (as its button would).
shot shown --show-run 2 --export-dialog embedding --export-to "$tmp/tsne.svg"
/usr/bin/python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$tmp/tsne.svg" \
  || fail "the exported t-SNE is not well-formed SVG"
# An unwritable path: the dialog says so, the app goes on, no file appears.
shot unwritable --show-run 2 --export-dialog loss --export-to /proc/xdd-smoke-loss.svg
[ ! -e /proc/xdd-smoke-loss.svg ] || fail "a file appeared at the unwritable path"

# The saved session, opened again, restores the tab and the compared runs.
shot reopened --session "$tmp/saved.json" --save-session "$tmp/again.json"
[ "$(session_value "$tmp/again.json" open_runs)" = "[1, 2]" ] || fail "reopening lost the compared runs"
[ "$(session_value "$tmp/again.json" centre_tab)" = "compare" ] || fail "reopening lost the tab"

# A damaged and a newer session file: the app starts (the dialog says why) and changes nothing.
printf '{"format": "xdd-studio-session", "version": 1, "settings": {' >"$tmp/damaged.json"
printf '{"format": "xdd-studio-session", "version": 99, "settings": {}, "view": {}}' >"$tmp/newer.json"
for bad in damaged newer; do
  shot "$bad" --centre runs --session "$tmp/$bad.json" --save-session "$tmp/after-$bad.json"
  [ "$(session_value "$tmp/after-$bad.json" centre_tab)" = "runs" ] || fail "a $bad session changed the view"
  [ "$(session_value "$tmp/after-$bad.json" open_runs)" = "[]" ] || fail "a $bad session opened runs"
done
echo "gui_runs_smoke: OK"
