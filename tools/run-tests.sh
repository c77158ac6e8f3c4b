#!/bin/bash
# Runs every test against each build folder given, counting "ok", "not ok"
# and "skip" lines. Unit tests are programs in BUILD/tests/; end-to-end tests
# are tests/e2e/*.sh, *.py and *.mjs, run with QREPORT pointing at BUILD/qreport.
#
#   tools/run-tests.sh BUILD...            everything
#   tools/run-tests.sh --quick BUILD...    unit tests and the fast end-to-end
#                                          tests named in tests/quick.list
#
# A check that could not run prints "skip - what (why)": it is counted as
# skipped, never as passed, and under CI=true it counts as a failure too,
# since CI must have every tool. Ends with "N passed, N failed, N skipped";
# exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
quick=false
if [ "${1:-}" = --quick ]; then
	quick=true
	shift
fi
passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_one() { # label, command...
	local label=$1
	shift
	"$@" >"$log" 2>&1
	local rc=$?
	local p f s
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	s=$(grep -c '^skip ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok $label exited with status $rc"
	fi
	grep '^not ok ' "$log"
	grep '^skip ' "$log"
	if [ "${CI:-}" = true ] && [ "$s" -gt 0 ]; then
		echo "not ok $label skipped $s check(s), and CI must run every one"
		f=$((f + s))
	fi
	if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ]; then
		echo "--- output of $label (last 40 lines) ---"
		tail -n 40 "$log"
	fi
	printf '%-50s %4d passed, %d failed, %d skipped\n' "$label" "$p" "$f" "$s"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
}

# Whether an end-to-end test belongs to this run.
wanted() {
	$quick || return 0
	grep -qxF "$(basename "$1")" tests/quick.list
}

for build in "$@"; do
	echo "== tests with $build =="
	export QREPORT="$top/$build/qreport" QREPORT_BUILD="$top/$build"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1
	# Leaks of the libraries as Debian ships them, each with its story
	# (tests/lsan.supp).
	export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "$(basename "$build")/$(basename "$t")" "$t"
	done
	for t in tests/e2e/*.sh tests/e2e/*.py tests/e2e/*.mjs; do
		[ -f "$t" ] || continue
		wanted "$t" || continue
		case $t in
		*.sh) run_one "$(basename "$build")/$(basename "$t")" bash "$t" ;;
		*.py) run_one "$(basename "$build")/$(basename "$t")" /usr/bin/python3 "$t" ;;
		*.mjs) run_one "$(basename "$build")/$(basename "$t")" node "$t" ;;
		esac
	done
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
