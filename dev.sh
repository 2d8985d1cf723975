#!/usr/bin/env bash
# Casefile's set-up, build, start and test, in one script (see README.md).
#
#   ./dev.sh start [--demo]   install what is missing, build, and start the app
#   ./dev.sh test             install what is missing, build, and run the whole test suite
#
# Works on a fresh Debian 12 / Ubuntu 22.04+ machine as root or with sudo.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'dev.sh: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "Run as root, or install sudo: the set-up installs Debian packages."
  SUDO="sudo"
fi

# Debian packages: Tauri's WebKitGTK stack, the X virtual framebuffer and WebDriver for the
# window tests, and the PDF tools the dossier tests use.
APT_PACKAGES=(
  build-essential pkg-config curl ca-certificates file
  libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev libxdo-dev libayatana-appindicator3-dev
  xvfb xauth webkit2gtk-driver
  qpdf poppler-utils fonts-droid-fallback
  nodejs npm
)

install_debian_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    if [ "$p" = nodejs ] || [ "$p" = npm ]; then
      command -v "${p/nodejs/node}" >/dev/null && continue
    fi
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

install_rust() {
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] || {
      say "Installing the Rust toolchain (rustup)"
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    }
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
}

install_ui_packages() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 18 ] || die "Node.js 18 or newer is needed (found $(node --version))."
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    say "Installing the UI's npm packages"
    (cd ui && npm ci --no-audit --no-fund)
  fi
}

# The UI is rebuilt only when a source of it is newer than the last build: a rebuild rewrites
# ui/dist, which makes Cargo relink the app (~3 minutes) even when nothing changed.
ui_is_built() {
  [ -f ui/dist/index.html ] || return 1
  [ -z "$(find ui/src ui/index.html ui/vite.config.ts ui/package.json ui/package-lock.json \
          ui/tsconfig.json ui/svelte.config.js ui/public -newer ui/dist/index.html -print -quit 2>/dev/null)" ]
}

build_ui() {
  if ui_is_built; then
    say "The UI is up to date"
    return
  fi
  say "Building the UI"
  (cd ui && npm run build)
}

setup() {
  install_debian_packages
  install_rust
  install_ui_packages
  build_ui
}

start() {
  local demo=0
  for a in "$@"; do
    case "$a" in
      --demo) demo=1 ;;
      *) die "Unknown option $a. Use: ./dev.sh start [--demo]" ;;
    esac
  done
  setup
  say "Building Casefile (the first build takes several minutes)"
  cargo build --release -p casefile-app -p casefile-cli
  if [ "$demo" = 1 ]; then
    local data="${XDG_DATA_HOME:-$HOME/.local/share}/Casefile"
    export CASEFILE_STORE="$data/demo.db"
    local pass="sample case passphrase"
    if [ ! -s "$CASEFILE_STORE" ]; then
      CASEFILE_PASSPHRASE="$pass" target/release/casefile init
      CASEFILE_PASSPHRASE="$pass" target/release/casefile demo
    fi
    say "Demo case file: $CASEFILE_STORE — its passphrase is: $pass"
  fi
  say "Starting Casefile"
  exec target/release/casefile-app
}

run_tests() {
  setup
  if ! command -v tauri-driver >/dev/null; then
    say "Installing tauri-driver (drives the real window in the end-to-end tests)"
    cargo install tauri-driver --version '^2' --locked
  fi
  say "Checking formatting and lints"
  cargo fmt --all --check
  cargo clippy --workspace --all-targets --locked -- -D warnings
  say "UI: type check and unit tests"
  (cd ui && npm run check && npm test)
  say "Building the workspace once, for every test"
  cargo build --workspace --all-targets --locked
  say "Rust tests, including the end-to-end tests in a real window under Xvfb"
  local log
  log=$(mktemp)
  xvfb-run -a --server-args="-screen 0 1280x900x24" cargo test --workspace --locked 2>&1 | tee "$log"
  # One closing line for the whole Rust run (cargo prints one per test binary).
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
       END { printf "rust: %d passed, %d failed\n", p, f }' "$log"
  rm -f "$log"
  # Coverage-guided fuzzing (libFuzzer on stable Rust; needs only the C++ compiler of
  # build-essential): every parser and JSON input of the core for CASEFILE_FUZZ_SECONDS (default
  # 30) each. A crash fails the step and leaves the input in src-tauri/core/fuzz/artifacts/.
  say "Fuzzing the core's parsers and JSON inputs (src-tauri/core/fuzz/README.md)"
  src-tauri/core/fuzz/fuzz.sh
}

case "${1:-}" in
  start) shift; start "$@" ;;
  test) shift; run_tests "$@" ;;
  *) die "Use: ./dev.sh start [--demo]   or   ./dev.sh test" ;;
esac
