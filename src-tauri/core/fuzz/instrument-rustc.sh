#!/usr/bin/env bash
# RUSTC_WRAPPER used by fuzz.sh: adds libFuzzer's coverage instrumentation (the flags cargo-fuzz
# passes) only to the crates the fuzz targets exercise, and builds every other crate plainly.
# Coverage where it guides the fuzzer, and minutes less to build on two cores.
set -euo pipefail
rustc=$1
shift
crate="" target=0 prev=""
for a in "$@"; do
  [ "$prev" = --crate-name ] && crate=$a
  [ "$a" = --target ] && target=1
  prev=$a
done
# Only code for the fuzz binaries (--target), never build scripts or proc macros.
if [ "$target" = 1 ] && [[ " $CASEFILE_FUZZ_INSTRUMENT " == *" $crate "* ]]; then
  exec "$rustc" "$@" -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
    -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
    -Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth
fi
exec "$rustc" "$@"
