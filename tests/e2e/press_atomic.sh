#!/bin/bash
# The press packet is written like the report: all of a run's outputs put
# in place together or none, the previous ones kept whole otherwise, no
# temporary file or folder left behind. With the scorecard, the charts'
# folder (drawn by two processes) and the release of 200 measures:
#   - a run that cannot put one output in place installs none of them;
#   - a run stopped by a signal while it draws the charts leaves the
#     previous outputs as they were and nothing else;
#   - two runs into one folder leave one run's complete set.
# Run from the top of the source tree with $QREPORT naming the program;
# prints one "ok - ..." or "not ok - ..." per check.
set -u
QREPORT=${QREPORT:-build/qreport}
BUILD=${QREPORT_BUILD:-$(dirname "$QREPORT")}
failed=0
ok() { echo "ok - $*"; }
not_ok() {
	echo "not ok - $*"
	failed=1
}
check() { # description, command...
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-press-atomic.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$BUILD/gen-report" 200 >"$tmp/g.xml" || { not_ok "gen-report runs"; exit 1; }
formats=scorecard,charts,release

# The outputs of a folder, as one listing with each file's checksum.
listing() { # folder
	(cd "$1" && find . -type f -o -type d | LC_ALL=C sort | while read -r f; do
		if [ -f "$f" ]; then echo "$f $(cksum <"$f")"; else echo "$f/"; fi
	done)
}

ref=$tmp/ref
"$QREPORT" --format $formats --out "$ref" "$tmp/g.xml" 2>"$tmp/err"
check "the press packet of 200 measures is written" test -s "$ref/g-scorecard.pdf" -a \
	-s "$ref/g-release.md" -a -s "$ref/g-release.txt" -a -d "$ref/g-charts"
check "with 200 charts, three files each" [ "$(find "$ref/g-charts" -type f | wc -l)" -eq 600 ]
listing "$ref" >"$tmp/ref.list"

# An output that cannot be put in place: a folder where the release goes.
blocked=$tmp/blocked
cp -R "$ref" "$blocked"
rm "$blocked/g-release.txt"
mkdir "$blocked/g-release.txt"
listing "$blocked" >"$tmp/blocked.before"
"$QREPORT" --format $formats --layout independence --out "$blocked" "$tmp/g.xml" 2>"$tmp/err"
status=$?
check "an output that cannot be put in place: exit 3 (got $status)" [ "$status" -eq 3 ]
check "  and says which" grep -q 'g-release.txt: error: cannot put the file in place' "$tmp/err"
listing "$blocked" >"$tmp/blocked.after"
check "  and nothing else changed: the scorecard, the charts and the Markdown are the old ones" \
	cmp -s "$tmp/blocked.before" "$tmp/blocked.after"

# Stopped by a signal while the charts are drawn.
for sig in INT TERM; do
	dir=$tmp/stopped-$sig
	cp -R "$ref" "$dir"
	"$QREPORT" --format $formats --layout independence --out "$dir" "$tmp/g.xml" 2>/dev/null &
	pid=$!
	seen=no
	for _ in $(seq 1 4000); do
		temp=$(find "$dir" -maxdepth 1 -name '.g-charts.*' -type d 2>/dev/null)
		if [ -n "$temp" ] && [ "$(find "$temp" -name '*.png' | wc -l)" -ge 10 ]; then
			kill -s "$sig" "$pid"
			seen=yes
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.005
	done
	{ wait "$pid"; } 2>/dev/null
	status=$?
	if [ $seen = no ]; then
		not_ok "SIG$sig: the run was caught drawing charts (it ended first, status $status)"
		continue
	fi
	check "SIG$sig while drawing charts: the run stops by the signal (status $status)" \
		[ "$status" -gt 128 ]
	check "SIG$sig while drawing charts: the previous outputs are whole, nothing else is there" \
		cmp -s "$tmp/ref.list" <(listing "$dir")
	sleep 0.2
	check "SIG$sig while drawing charts: no process goes on writing" \
		cmp -s "$tmp/ref.list" <(listing "$dir")
done

# Two runs at once into one folder: one complete set, whichever won.
two=$tmp/two
"$QREPORT" --format $formats --layout independence --out "$two" "$tmp/g.xml" 2>/dev/null &
a=$!
"$QREPORT" --format $formats --layout plain --out "$two" "$tmp/g.xml" 2>/dev/null &
b=$!
wait $a
sa=$?
wait $b
sb=$?
check "two runs at once both succeed ($sa, $sb)" [ "$sa" -eq 0 -a "$sb" -eq 0 ]
check "  and leave no temporary" [ -z "$(find "$two" -name '.*' ! -name . 2>/dev/null)" ]
check "  and 600 chart files" [ "$(find "$two/g-charts" -type f | wc -l)" -eq 600 ]
exit $failed
