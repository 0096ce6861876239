#!/usr/bin/env bash
# The one test command: sets up what is missing (no launch), builds, and runs the whole suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --no-launch
ctest --test-dir "$ROOT/build" --output-on-failure -j"$(nproc)"
