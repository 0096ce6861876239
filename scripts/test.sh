#!/usr/bin/env bash
# The one test command: sets up what is missing (no launch), builds, and runs the whole suite: the
# release build's tests, then the readers' tests and fuzz suites under AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan/) and, when asked, the threading tests under
# ThreadSanitizer (build-tsan/). tests/CMakeLists.txt
# chooses which tests each sanitizer build runs; the sanitizer builds compile only the engine and
# the test files they are for (docs/RELIABILITY.md, "Sanitizers", has the times). Every stage
# prints its time.
#   XDD_SANITIZERS="asan tsan"  the sanitizer builds to run ("" for none). Default: asan only;
#   both together do not fit CI's 30 minutes on 2 cores (docs/RELIABILITY.md, "Sanitizers").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="$(nproc)"

stage() { printf '\033[1m[test]\033[0m %s\n' "$*"; }
timed() {
  local name="$1" start=$SECONDS
  shift
  "$@"
  stage "$name: $((SECONDS - start)) s"
}

timed "setup + release build" "$ROOT/scripts/setup.sh" --no-launch
timed "release tests" ctest --test-dir "$ROOT/build" --output-on-failure -j"$JOBS"

for preset in ${XDD_SANITIZERS-asan}; do
  timed "$preset configure" cmake --preset "$preset" -S "$ROOT" >/dev/null
  timed "$preset build" cmake --build "$ROOT/build-$preset" --target xdd_tests -j"$JOBS"
  timed "$preset tests" ctest --test-dir "$ROOT/build-$preset" --output-on-failure -j"$JOBS"
done
