#!/bin/sh
# Runs one fuzz target for a while (called by `make fuzz`).
# Usage: tests/fuzz/run.sh NAME SECONDS FUZZ_BUILD [libFuzzer options...]
# New interesting inputs go to FUZZ_BUILD/corpus/NAME (merge them with
# `make fuzz-merge`); crashes, leaks and timeouts go straight into
# tests/fuzz/corpus/NAME/, where `make test` replays them from then on.
set -u
name=$1; seconds=$2; build=$3; shift 3
bin="$build/fuzzers/fuzz_$name"
work="$build/corpus/$name"
log="$build/$name.log"
mkdir -p "$work"
set -- -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="tests/fuzz/corpus/$name/" "$@"
[ -f "tests/fuzz/$name.dict" ] && set -- -dict="tests/fuzz/$name.dict" "$@"
echo "fuzz: $name for $seconds s (log: $log)"
before=$(ls "tests/fuzz/corpus/$name" | wc -l)
"$bin" "$@" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
rc=$?
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" | sed 's/^/  /'
if [ "$rc" -ne 0 ]; then
    echo "fuzz: $name FAILED (exit $rc); new files in tests/fuzz/corpus/$name:"
    ls -t "tests/fuzz/corpus/$name" | head -n $(( $(ls "tests/fuzz/corpus/$name" | wc -l) - before )) | sed 's/^/  /'
    grep -m 5 -E 'ERROR|invariant broken|SUMMARY' "$log" | sed 's/^/  /'
    exit 1
fi
