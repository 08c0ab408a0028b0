#!/usr/bin/env bash
# Runs the unit-test binaries given as arguments, then the bats tests under tests/cli, and
# ends with one line "N passed, N failed" (tests/README.md).
#   tests/run-all.sh [--unit-only | --cli-only] [UNIT-TEST-BINARY...]
set -u
cd "$(dirname "$0")/.."
mode=all
case "${1:-}" in --unit-only) mode=unit; shift ;; --cli-only) mode=cli; shift ;; esac
passed=0 failed=0 skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if [ "$mode" != cli ]; then
    for binary in "$@"; do
        echo "== unit: $binary"
        "$binary" --gtest_brief=1 > "$log" 2>&1
        rc=$?
        cat "$log"
        p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
        if [ "$rc" -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); echo "$binary exited $rc"; fi
    done
fi

if [ "$mode" != unit ]; then
    echo "== cli: bats tests/cli"
    bats --tap tests/cli > "$log" 2>&1
    rc=$?
    cat "$log"
    s=$(grep -c '^ok .* # skip' "$log")
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    passed=$((passed + p - s)) failed=$((failed + f)) skipped=$((skipped + s))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); echo "bats exited $rc"; fi
fi

if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
