#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/clang, a separate clang project) and runs each for
# SECONDS seconds on a corpus seeded from the shipped scenarios and the tests' malformed ones.
# Exits non-zero on the first crash, sanitizer report, leak, timeout or out-of-memory, printing
# the input that caused it: copy that file into tests/fuzz/regressions/ (named after what it
# broke), fix the bug, and the replay test of the main build keeps it fixed.
#
#   tests/fuzz/run_fuzz.sh [SECONDS per target, default 60] [BUILD dir, default build-fuzz]
#
# The corpus grows in BUILD/corpus/<target>/ across runs (not in the source tree).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-60}"
build="${2:-$root/build-fuzz}"
jobs="${WIJKSIM_FUZZ_BUILD_JOBS:-2}"

# Seeds per target: folders (searched recursively) whose *.toml files start its corpus.
# A new target is one line here and one in clang/CMakeLists.txt.
declare -A SEEDS=(
  [scenario_loader_fuzzer]="$root/scenarios $root/tests/scenarios/data $root/tests/experiment/data $root/tests/cli/data $root/tests/fuzz/regressions"
  [sweep_spec_fuzzer]="$root/scenarios/sweeps $root/tests/sweep/data $root/tests/fuzz/regressions/sweep"
)
declare -A DICTS=(
  [scenario_loader_fuzzer]="$root/tests/fuzz/scenario.dict"
  [sweep_spec_fuzzer]="$root/tests/fuzz/scenario.dict"
)

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S "$root/tests/fuzz/clang" -B "$build" -G Ninja \
    -DCMAKE_C_COMPILER="${CC_FUZZ:-clang}" -DCMAKE_CXX_COMPILER="${CXX_FUZZ:-clang++}" >/dev/null
fi
cmake --build "$build" -j "$jobs" --target "${!SEEDS[@]}"

# Reports fail the run: ASan stops at the first error and checks leaks; UBSan is built with
# -fno-sanitize-recover (every report aborts) and prints a stack.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

status=0
for target in "${!SEEDS[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  for folder in ${SEEDS[$target]}; do
    [[ -d "$folder" ]] || continue
    find "$folder" -type f \( -name '*.toml' -o -path '*/regressions/*' \) ! -name README.md -print0 |
      while IFS= read -r -d '' seed; do
        cp -n "$seed" "$corpus/seed-$(sha1sum "$seed" | cut -c1-16)" 2>/dev/null || true
      done
  done
  echo "fuzz: $target for ${seconds}s on $(find "$corpus" -type f | wc -l) corpus files"
  dict=()
  [[ -f "${DICTS[$target]:-}" ]] && dict=(-dict="${DICTS[$target]}")
  # -timeout: one input over 10 s is a hang; -rss_limit_mb: 2 GB is out of memory.
  if ! "$build/bin/$target" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=16384 -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" 2>"$build/$target.log"; then
    status=1
    tail -n 60 "$build/$target.log" >&2
    echo "fuzz: $target FAILED; the input is in $artifacts/:" >&2
    ls -l "$artifacts" >&2
    echo "fuzz: copy it into tests/fuzz/regressions/ (named after what broke) and fix the bug" >&2
  else
    grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$build/$target.log" || true
    echo "fuzz: $target passed"
  fi
done
exit "$status"
