#!/bin/bash
# Replays the fuzz corpus and every input that ever crashed the fuzz target
# (tests/fuzz/crashes/), through the sanitizer-built fuzz_report, once each.
# The fuzz build already has ASan and UBSan, so the -asan pass skips it.
set -u
case ${QREPORT_BUILD:-} in
*-asan)
	echo "# replay runs once, in the first pass"
	exit 0
	;;
esac

fuzzer=${QREPORT_BUILD:-build}-fuzz/fuzz_report
[ -x "$fuzzer" ] || fuzzer=build-fuzz/fuzz_report
failed=0

# Runs the target over the files given; libFuzzer runs each file once and
# stops at the first failure. The timeout is the clock's, and a busy or
# paused machine can stall a run for seconds, so it only catches hangs.
replay() {
	"$fuzzer" -timeout=60 -rss_limit_mb=2048 "$@" >"$log" 2>&1
}

if [ ! -x "$fuzzer" ]; then
	echo "not ok - the fuzz target $fuzzer is built (make ${QREPORT_BUILD:-build}-fuzz/fuzz_report)"
	exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

for dir in tests/fuzz/corpus tests/fuzz/crashes; do
	files=()
	for f in "$dir"/*; do
		[ -f "$f" ] && [ "$(basename "$f")" != README ] && files+=("$f")
	done
	if [ ${#files[@]} -eq 0 ]; then
		echo "ok - $dir has no inputs to replay"
		continue
	fi
	if replay "${files[@]}"; then
		echo "ok - every input in $dir (${#files[@]}) runs clean"
		continue
	fi
	# Name each failing input: the run above stopped at the first one.
	for f in "${files[@]}"; do
		if replay "$f"; then
			echo "ok - $f"
		else
			echo "not ok - $f"
			grep -E 'ERROR|SUMMARY|fuzz_report:|runtime error|^    #[0-9]' "$log" | head -n 20
			failed=1
		fi
	done
done
exit $failed
