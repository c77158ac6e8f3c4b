#!/bin/bash
# Runs every test against each build folder given, counting "ok"/"not ok" lines.
# Unit tests are programs in BUILD/tests/; end-to-end tests are tests/e2e/*.sh
# and tests/e2e/*.py, run with QREPORT pointing at BUILD/qreport.
# Ends with "N passed, N failed"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_one() { # label, command...
	local label=$1
	shift
	"$@" >"$log" 2>&1
	local rc=$?
	local p f
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok $label exited with status $rc"
	fi
	grep '^not ok ' "$log"
	if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ]; then
		echo "--- output of $label (last 40 lines) ---"
		tail -n 40 "$log"
	fi
	printf '%-50s %4d passed, %d failed\n' "$label" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
}

for build in "$@"; do
	echo "== tests with $build =="
	export QREPORT="$top/$build/qreport" QREPORT_BUILD="$top/$build"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "$(basename "$build")/$(basename "$t")" "$t"
	done
	for t in tests/e2e/*.sh tests/e2e/*.py; do
		[ -f "$t" ] || continue
		case $t in
		*.sh) run_one "$(basename "$build")/$(basename "$t")" bash "$t" ;;
		*.py) run_one "$(basename "$build")/$(basename "$t")" /usr/bin/python3 "$t" ;;
		esac
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
