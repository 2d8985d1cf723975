#!/usr/bin/env bash
# Builds casefile-core's fuzz targets with libFuzzer on STABLE Rust and runs each for a time budget.
#
#   src-tauri/core/fuzz/fuzz.sh                 build, replay the known reproducers, fuzz every target
#   src-tauri/core/fuzz/fuzz.sh build           only build
#   src-tauri/core/fuzz/fuzz.sh run [TARGET…]   build and fuzz these targets
#   src-tauri/core/fuzz/fuzz.sh replay FILE…    run one target over saved inputs: fuzz.sh replay transfer artifacts/transfer/crash-…
#
# Environment: CASEFILE_FUZZ_SECONDS per target (default 30), CASEFILE_FUZZ_JOBS targets at once
# (default: number of cores), CASEFILE_FUZZ_TARGET_DIR (default ./target), CASEFILE_FUZZ_STRICT=0
# skips defects listed as reported but not yet fixed (none are, now).
#
# Why not `cargo fuzz`: it needs nightly and instruments every crate with -Ccodegen-units=1,
# which on a two-core machine took over 14 minutes and had not finished (see README.md). The
# instrumentation flags are the ones cargo-fuzz passes, all stable (instrument-rustc.sh).
set -euo pipefail
cd "$(dirname "$0")"

SECONDS_PER_TARGET=${CASEFILE_FUZZ_SECONDS:-30}
JOBS=${CASEFILE_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
TARGET_DIR=${CASEFILE_FUZZ_TARGET_DIR:-$PWD/target}
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
BIN_DIR="$TARGET_DIR/$TRIPLE/release"

# Every target, with the longest input libFuzzer may make for it.
declare -A MAX_LEN=(
  [case_import]=12000
  [transfer]=2000
  [subject_identifier]=3000
  [event]=1500
  [draft]=3000
  [typed]=100
  [evidence]=20000
  [time_parse]=200
  [crypto]=300
  [bank_account]=200
  [identifier_normalize]=300
  [name_time]=300
  [png_time]=4000
  [chat_whatsapp]=6000
  [chat_telegram_json]=8000
  [chat_telegram_html]=12000
  [chat_line]=6000
  [chat_suggest]=3000
  [chat_archive]=8000
  [statement_csv]=8000
  [statement_ofx]=8000
  [statement_camt]=10000
  [statement_profile]=8000
)
ALL_TARGETS=(case_import transfer subject_identifier event draft typed evidence time_parse crypto bank_account \
identifier_normalize name_time png_time chat_whatsapp chat_telegram_json chat_telegram_html chat_line \
chat_suggest chat_archive statement_csv statement_ofx statement_camt statement_profile)

# Seconds one input may take before libFuzzer calls it a hang. The store targets write to an
# encrypted database and get 20 s; a chat parser reads a few KB and must stay far below 1 s
# (2 s here leaves room for a busy machine; -report_slow_units=1 in the log names anything
# over 1 s).
declare -A TIMEOUT=(
  [chat_whatsapp]=2
  [chat_telegram_json]=2
  [chat_telegram_html]=2
  [chat_line]=2
  [chat_suggest]=2
  [chat_archive]=2
  [statement_csv]=2
  [statement_ofx]=2
  [statement_camt]=2
  [statement_profile]=2
)

# Crates whose code the targets exercise: instrumented for coverage. The rest (SQLCipher's
# bindings, the PDF stack, regex (its engine's branches would only distract the chat targets),
# …) is built plainly; see instrument-rustc.sh.
export CASEFILE_FUZZ_INSTRUMENT="casefile_core casefile_core_fuzz serde_json chrono chrono_tz \
rust_decimal bs58 bech32 sha3 iban phonenumber url idna infer exif image png zune_jpeg fdeflate \
miniz_oxide image_webp gif weezl tiff base64 zip flate2 html5ever markup5ever scraper"

build() {
  echo "fuzz: building the targets (release, libFuzzer coverage instrumentation)"
  # --target keeps build scripts and proc macros out of it. --cfg fuzzing as cargo-fuzz sets it.
  RUSTC_WRAPPER="$PWD/instrument-rustc.sh" RUSTFLAGS="--cfg fuzzing" \
    CARGO_TARGET_DIR="$TARGET_DIR" \
    cargo build --release --locked --target "$TRIPLE" --bins
}

dict_for() {
  case "$1" in
    case_import | transfer | subject_identifier | event | draft | statement_profile) echo "dicts/json.dict" ;;
    time_parse | name_time | typed) echo "dicts/time.dict" ;;
    chat_whatsapp | chat_line | chat_suggest) echo "dicts/chat.dict" ;;
    chat_telegram_json | chat_telegram_html | chat_archive) echo "dicts/telegram.dict" ;;
    crypto | bank_account | identifier_normalize) echo "dicts/identifiers.dict" ;;
    *) echo "" ;;
  esac
}

# Replays the reproducers of every defect found so far (all fixed): none may crash.
replay_known() {
  local t files
  for t in "${ALL_TARGETS[@]}"; do
    [ -d "known/$t" ] || continue
    files=(known/"$t"/*)
    [ -e "${files[0]}" ] || continue
    if ! "$BIN_DIR/$t" "${files[@]}" >"logs/$t.known.log" 2>&1; then
      echo "fuzz: $t: a saved reproducer crashes:"
      tail -n 30 "logs/$t.known.log"
      return 1
    fi
  done
}

# Fuzzes one target for the budget; the log goes to logs/TARGET.log.
fuzz_one() {
  local t=$1 dict args
  mkdir -p "corpus/$t" "artifacts/$t"
  args=(
    "corpus/$t" "seeds/$t"
    -max_total_time="$SECONDS_PER_TARGET" -max_len="${MAX_LEN[$t]}"
    -timeout="${TIMEOUT[$t]:-20}" -report_slow_units=1 -rss_limit_mb=3072 -print_final_stats=1
    -artifact_prefix="artifacts/$t/"
  )
  # Pictures need their full length from the start; libFuzzer otherwise grows inputs slowly.
  [ "$t" = evidence ] && args+=(-len_control=0)
  dict=$(dict_for "$t")
  [ -n "$dict" ] && args+=(-dict="$dict")
  "$BIN_DIR/$t" "${args[@]}" >"logs/$t.log" 2>&1
}

# One line per target: executions, coverage, corpus; the log tail and the input on a crash.
report() {
  local t=$1 rc=$2 log="logs/$1.log" execs cov
  # `|| true`: a target that crashed before its first status line has no figures, and under
  # `set -o pipefail` a grep finding nothing must not end the script before the crash is shown.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1 || true)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n1 || true)
  if [ "$rc" -eq 0 ]; then
    printf 'fuzz: %-22s ok   %8s execs in %ss  %s\n' "$t" "${execs:-?}" "$SECONDS_PER_TARGET" "$cov"
  else
    printf 'fuzz: %-22s FAILED (exit %s)\n' "$t" "$rc"
    grep -E '^fuzz: PANIC|Test unit written to|ERROR: libFuzzer' "$log" || tail -n 40 "$log"
    echo "fuzz: reproduce with: src-tauri/core/fuzz/fuzz.sh replay $t <the file above>"
  fi
}

fuzz_all() {
  local targets=("$@") pids=() names=() failed=0 i t rc
  [ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
  for t in "${targets[@]}"; do
    [ -n "${MAX_LEN[$t]:-}" ] || { echo "fuzz: unknown target $t (one of: ${ALL_TARGETS[*]})" >&2; return 2; }
  done
  echo "fuzz: ${#targets[@]} targets, ${SECONDS_PER_TARGET}s each, $JOBS at a time"
  for t in "${targets[@]}"; do
    fuzz_one "$t" &
    pids+=($!)
    names+=("$t")
    if [ ${#pids[@]} -ge "$JOBS" ]; then
      rc=0
      wait "${pids[0]}" || rc=$?
      report "${names[0]}" "$rc"
      [ "$rc" -eq 0 ] || failed=1
      pids=("${pids[@]:1}")
      names=("${names[@]:1}")
    fi
  done
  for i in "${!pids[@]}"; do
    rc=0
    wait "${pids[$i]}" || rc=$?
    report "${names[$i]}" "$rc"
    [ "$rc" -eq 0 ] || failed=1
  done
  return "$failed"
}

mkdir -p logs
case "${1:-all}" in
  build) build ;;
  run) shift; build; fuzz_all "$@" ;;
  replay)
    shift
    [ $# -ge 2 ] || { echo "Use: fuzz.sh replay TARGET FILE…" >&2; exit 2; }
    t=$1; shift
    build
    "$BIN_DIR/$t" "$@"
    ;;
  all) build; replay_known; fuzz_all ;;
  *) echo "Use: fuzz.sh [build | run [TARGET…] | replay TARGET FILE…]" >&2; exit 2 ;;
esac
