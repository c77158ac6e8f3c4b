#!/bin/bash
# Replays the fuzz corpora and every input that ever crashed a fuzz target
# (tests/fuzz/crashes/), through the sanitizer-built targets, once each:
# data files through fuzz_report, layouts (corpus-layout/ and crashes named
# layout-*) through fuzz_layout. The fuzz build already has ASan and UBSan,
# so the -asan pass skips it.
set -u
case ${QREPORT_BUILD:-} in
*-asan)
	echo "# replay runs once, in the first pass"
	exit 0
	;;
esac

build=${QREPORT_BUILD:-build}-fuzz
[ -x "$build/fuzz_report" ] || build=build-fuzz
failed=0

# Runs a target over the files given; libFuzzer runs each file once and
# stops at the first failure. The timeout is the clock's, and a busy or
# paused machine can stall a run for seconds, so it only catches hangs.
replay() { # target, files...
	local target=$1
	shift
	"$build/$target" -timeout=60 -rss_limit_mb=2048 "$@" >"$log" 2>&1
}

for target in fuzz_report fuzz_layout; do
	if [ ! -x "$build/$target" ]; then
		echo "not ok - the fuzz target $build/$target is built (make $build/$target)"
		exit 1
	fi
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# target, folder, which files: all, the layout target's (layout-*), or the rest
for set in "fuzz_report tests/fuzz/corpus all" "fuzz_report tests/fuzz/crashes data" \
	"fuzz_layout tests/fuzz/corpus-layout all" "fuzz_layout tests/fuzz/crashes layout"; do
	read -r target dir pattern <<<"$set"
	files=()
	for f in "$dir"/*; do
		name=$(basename "$f")
		[ -f "$f" ] && [ "$name" != README ] || continue
		case $pattern:$name in
		layout:layout-* | data:[!l]* | data:l[!a]* | data:la[!y]* | all:*) files+=("$f") ;;
		esac
	done
	if [ ${#files[@]} -eq 0 ]; then
		echo "ok - $dir ($pattern) has no inputs to replay through $target"
		continue
	fi
	if replay "$target" "${files[@]}"; then
		echo "ok - every input in $dir ($pattern, ${#files[@]}) runs clean through $target"
		continue
	fi
	# Name each failing input: the run above stopped at the first one.
	for f in "${files[@]}"; do
		if replay "$target" "$f"; then
			echo "ok - $f"
		else
			echo "not ok - $f"
			grep -E 'ERROR|SUMMARY|fuzz_(report|layout):|runtime error|^    #[0-9]' "$log" | head -n 20
			failed=1
		fi
	done
done
exit $failed
