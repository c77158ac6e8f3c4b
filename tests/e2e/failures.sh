#!/bin/bash
# When writing fails, the user gets a clear message and exit status 3, and
# what was in the output folder before is still there, whole: outputs are
# written to a temporary file beside the target and renamed into place only
# when complete. Covers a missing folder, an unwritable folder, a full disk,
# an interrupted run, running out of memory and a data file with errors.
set -u
QREPORT=${QREPORT:-build/qreport}
BUILD=${QREPORT_BUILD:-build}
export SOURCE_DATE_EPOCH=1510531200 # outputs identical run to run

failed=0
ok() { echo "ok - $*"; }
skip() { echo "skip - $*"; }
not_ok() {
	echo "not ok - $*"
	failed=1
}
check() { # description, command...
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-failures.XXXXXX")
mounts=()
cleanup() {
	for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
	chmod -R u+w "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
# Interrupted, still unmount and remove what the test made.
trap 'exit 130' INT TERM HUP

if [ ! -x "$QREPORT" ]; then
	not_ok "$QREPORT is built"
	exit 1
fi

data=examples/independence-fy2018-q1.xml
stem=independence-fy2018-q1

# Temporary outputs are hidden files (".NAME.XXXXXX"); none may survive,
# nor anything else that is not a finished report.
no_temp_files() {
	[ -z "$(find "$1" -type f ! -name '[!.]*.pdf' ! -name '[!.]*.xlsx' ! -name '[!.]*.html' \
		! -name '[!.]*.csv' ! -name '[!.]*-release.md' ! -name '[!.]*-release.txt' 2>/dev/null)" ]
}
same_files() { # folder a, folder b, stem
	cmp -s "$1/$3.pdf" "$2/$3.pdf" && cmp -s "$1/$3.xlsx" "$2/$3.xlsx" &&
		cmp -s "$1/$3.html" "$2/$3.html" && cmp -s "$1/$3.csv" "$2/$3.csv" &&
		cmp -s "$1/$3-scorecard.pdf" "$2/$3-scorecard.pdf" &&
		cmp -s "$1/$3-release.md" "$2/$3-release.md" && cmp -s "$1/$3-release.txt" "$2/$3-release.txt"
}
# A message in the program's form, naming what could not be written.
clear_message() { # stderr file
	grep -Eq '^[^ ]+(:[0-9]+)?: error: .*(write|folder|space|memory|file)' "$1"
}
# Nothing in any other form: a library's own words ("[ERROR] ...") name no
# data file and tell the user nothing they can act on.
only_our_messages() { # stderr file
	! grep -Evq '^[^ ]+(:[0-9]+)?: (error|warning|note): ' "$1"
}

# Runs the program; sets $status and leaves stderr in $tmp/err.
run() {
	"$QREPORT" "$@" >/dev/null 2>"$tmp/err"
	status=$?
}

# ---- the reference run: a missing folder (and its parents) is created ----
ref=$tmp/missing/and/deeper
run --layout independence --out "$ref" "$data"
check "a missing output folder is created (exit $status)" [ "$status" -eq 0 ]
check "the PDF, the workbook, the page and the CSV are in the new folder" \
	test -s "$ref/$stem.pdf" -a -s "$ref/$stem.xlsx" -a -s "$ref/$stem.html" -a -s "$ref/$stem.csv"
check "no temporary file is left after a good run" no_temp_files "$ref"
if [ "$status" -ne 0 ]; then
	sed 's/^/# /' "$tmp/err" | head -n 10
	exit 1
fi

# Puts a copy of the reference report in a folder: the "previous" report.
seed_old() { # folder
	mkdir -p "$1"
	cp "$ref/$stem.pdf" "$ref/$stem.xlsx" "$ref/$stem.html" "$ref/$stem.csv" \
		"$ref/$stem-scorecard.pdf" "$ref/$stem-release.md" "$ref/$stem-release.txt" "$1/"
}

# ---- unwritable output folders ----
# A path through a regular file cannot be a folder, for root too.
: >"$tmp/plain-file"
run --out "$tmp/plain-file/sub" "$data"
check "an output path through a regular file: exit 3 (got $status)" [ "$status" -eq 3 ]
check "an output path through a regular file: clear message" clear_message "$tmp/err"
check "an output path through a regular file: no message in another form" only_our_messages "$tmp/err"

# An output folder that exists but is itself a file.
run --out "$tmp/plain-file" "$data"
check "an output folder that is a file: exit 3 (got $status)" [ "$status" -eq 3 ]
check "an output folder that is a file: the file is untouched" test ! -s "$tmp/plain-file"

# A read-only folder: a read-only mount stops root as well; without the
# right to mount, permissions stop everyone else.
ro=$tmp/read-only
seed_old "$ro"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=4m tmpfs "$ro" 2>/dev/null; then
	mounts+=("$ro")
	seed_old "$ro"
	mount -o remount,ro "$ro"
	how="read-only mount"
elif [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$ro"
	how="folder without write permission"
else
	how=""
fi
if [ -n "$how" ]; then
	run --out "$ro" "$data"
	check "$how: exit 3 (got $status)" [ "$status" -eq 3 ]
	check "$how: clear message" clear_message "$tmp/err"
	check "$how: no message in another form" only_our_messages "$tmp/err"
	check "$how: the previous report is intact" same_files "$ref" "$ro" "$stem"
	check "$how: no temporary file" no_temp_files "$ro"
else
	skip "read-only folder (needs root and the right to mount)"
fi

# ---- full disk ----
# A file size limit makes every write past it fail with EFBIG, as a full
# disk does with ENOSPC; SIGXFSZ is ignored so the write returns the error.
# Both formats, and the workbook and the page alone, since the PDF fails
# first otherwise.
for formats in pdf,xlsx xlsx html; do
	full=$tmp/file-size-limit-$formats
	seed_old "$full"
	(
		trap '' XFSZ
		ulimit -f 8
		exec "$QREPORT" --layout independence --format $formats --out "$full" "$data"
	) >/dev/null 2>"$tmp/err"
	status=$?
	what="writing $formats fails past a file size limit"
	check "$what: exit 3 (got $status)" [ "$status" -eq 3 ]
	check "$what: clear message" clear_message "$tmp/err"
	check "$what: no message in another form" only_our_messages "$tmp/err"
	check "$what: the previous report is intact" same_files "$ref" "$full" "$stem"
	check "$what: no temporary file" no_temp_files "$full"
done

# A really full file system, where mounting is allowed: a tmpfs with room
# for the previous report and little more.
small=$tmp/full-disk
mkdir -p "$small"
seeded=$(cat "$ref/$stem.pdf" "$ref/$stem.xlsx" "$ref/$stem.html" "$ref/$stem.csv" \
	"$ref/$stem-scorecard.pdf" "$ref/$stem-release.md" "$ref/$stem-release.txt" | wc -c)
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=$((seeded + 7 * 4096 + 16384)) tmpfs "$small" 2>/dev/null; then
	mounts+=("$small")
	seed_old "$small"
	run --layout independence --out "$small" "$data"
	check "a full disk: exit 3 (got $status)" [ "$status" -eq 3 ]
	check "a full disk: clear message" clear_message "$tmp/err"
	check "a full disk: no message in another form" only_our_messages "$tmp/err"
	check "a full disk: the previous report is intact" same_files "$ref" "$small" "$stem"
	check "a full disk: no temporary file" no_temp_files "$small"
else
	skip "a full tmpfs (needs root and the right to mount)"
fi

# ---- a data file with errors writes nothing ----
bad=$tmp/bad-data
seed_old "$bad"
sed 's/<value /<valeu /' "$data" >"$tmp/$stem.xml"
run --out "$bad" "$tmp/$stem.xml"
check "a data file with errors: exit 1 (got $status)" [ "$status" -eq 1 ]
check "a data file with errors: the previous report is intact" same_files "$ref" "$bad" "$stem"
check "a data file with errors: nothing else in the folder" \
	[ "$(find "$bad" -type f | wc -l)" -eq 7 ]
run --out "$tmp/never-made" "$tmp/$stem.xml"
check "a data file with errors: the output folder is not even created" test ! -e "$tmp/never-made"

# ---- a large report, for interruptions and memory limits ----
big=$tmp/big.xml
/usr/bin/python3 - "$big" <<'EOF'
import sys
measures = []
for i in range(2000):
    values = "".join(f'<value period="FY{2016 + q // 4}-Q{q % 4 + 1}" actual="{(i * 7 + q * 13) % 100}"/>'
                     for q in range(9))
    measures.append(
        f'<measure id="m{i}" unit="percent"><name>Measure {i}, a performance measure with a long name</name>'
        f'<department>Department {i % 17}</department><target at-least="75"/>{values}'
        f'<commentary>Commentary for measure {i}: ' + "words of explanation " * 20 + '</commentary></measure>')
goals = "".join(f'<goal id="g{g}" name="Goal {g}">' + "".join(measures[g * 400:(g + 1) * 400]) + '</goal>'
                for g in range(5))
open(sys.argv[1], "w").write(f'''<?xml version="1.0" encoding="UTF-8"?>
<report format="1"><meta><organization>City of Interruptions</organization><title>Dashboard</title>
<fiscal-year start-month="7" named-by="end"/><period>FY2018-Q1</period><published>2017-11-13</published></meta>
<goals>{goals}</goals></report>
''')
EOF
bigref=$tmp/big-reference
start=$(date +%s.%N)
run --out "$bigref" "$big"
took=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
check "the large report is written (exit $status, ${took} s)" [ "$status" -eq 0 ]

# An old "big" report the interrupted runs must not damage.
seed_big_old() { # folder
	mkdir -p "$1"
	cp "$ref/$stem.pdf" "$1/big.pdf"
	cp "$ref/$stem.xlsx" "$1/big.xlsx"
	cp "$ref/$stem.html" "$1/big.html"
	cp "$ref/$stem.csv" "$1/big.csv"
}
# Each output is either the old one or the complete new one, never a part.
# The new ones are those of a whole run with the same formats (the page
# links to the outputs written with it).
whole_or_old() { # folder [reference folder]
	local f new=${2:-$bigref}
	for f in big.pdf big.xlsx big.html big.csv; do
		cmp -s "$1/$f" "$new/$f" && continue
		cmp -s "$1/$f" "$ref/$stem.${f#big.}" || return 1
	done
}

# ---- interrupted runs ----
# Signal the program the moment a temporary output appears, that is while
# it is writing; then every file must be the old one or a complete new one.
for sig in INT TERM HUP; do
	dir=$tmp/interrupt-$sig
	seed_big_old "$dir"
	"$QREPORT" --out "$dir" "$big" >/dev/null 2>"$tmp/err" &
	pid=$!
	seen=no
	while kill -0 "$pid" 2>/dev/null; do
		if [ -n "$(find "$dir" -name '.big.*' -type f 2>/dev/null)" ]; then
			kill -s "$sig" "$pid"
			seen=yes
			break
		fi
		sleep 0.005
	done
	# The job's "Terminated" notice is the shell's, not the program's.
	{ wait "$pid"; } 2>/dev/null
	status=$?
	if [ $seen = no ]; then
		not_ok "SIG$sig: the run was caught while writing (it ended first with status $status)"
		continue
	fi
	check "SIG$sig while writing: the run stops by the signal (status $status)" [ "$status" -gt 128 ]
	check "SIG$sig while writing: no partial file, the old report intact" whole_or_old "$dir"
	check "SIG$sig while writing: no temporary file" no_temp_files "$dir"
done

# Runs the large report under address-space limits of the floor (set below)
# plus each EXTRA MB: some must be too small, the largest enough; a run that
# fails never crashes, always says why in the program's form, and leaves
# each file old or complete; a run that succeeds writes the reference bytes.
memory_sweep() { # what, formats, extra MB...
	local what=$1 formats=$2
	shift 2
	local failed_runs=0 bad_runs="" foreign="" limits="" status=0 mb dir f
	local want=$tmp/big-reference-$formats
	"$QREPORT" --format "$formats" --out "$want" "$big" >/dev/null 2>&1
	for extra in "$@"; do
		mb=$((floor + extra))
		limits+=" $mb"
		dir=$tmp/memory-$formats-$mb
		seed_big_old "$dir"
		(
			ulimit -v $((mb * 1024))
			exec "$QREPORT" --format "$formats" --out "$dir" "$big"
		) >/dev/null 2>"$tmp/err"
		status=$?
		if [ "$status" -ne 0 ]; then
			failed_runs=$((failed_runs + 1))
			echo "# $what, ${mb} MB: status $status: $(grep -v '^\[WARNING\]' "$tmp/err" | head -n 1)"
			if [ "$status" -ge 128 ] || ! grep -q 'error' "$tmp/err"; then
				bad_runs+=" ${mb}MB:status-$status"
			fi
			if grep -Evq '^[^ ]+(:[0-9]+)?: (error|warning|note): ' "$tmp/err"; then
				foreign+=" ${mb}MB:$(grep -Ev '^[^ ]+(:[0-9]+)?: (error|warning|note): ' "$tmp/err" | head -n 1)"
			fi
		else
			for f in ${formats//,/ }; do
				cmp -s "$dir/big.$f" "$want/big.$f" || bad_runs+=" ${mb}MB:$f-differs"
			done
		fi
		if ! whole_or_old "$dir" "$want" || ! no_temp_files "$dir"; then
			bad_runs+=" ${mb}MB:partial-output"
		fi
	done
	check "$what: some limits (MB:$limits) were too small to finish ($failed_runs)" [ "$failed_runs" -gt 0 ]
	check "$what: the largest limit is enough" [ "$status" -eq 0 ]
	check "$what: never a crash, always a message, never a partial or short file${bad_runs:+ (failed:$bad_runs)}" \
		[ -z "$bad_runs" ]
	# Libraries' own words ("parser error : out of memory error") do not
	# tell a user which file or what to do.
	check "$what: every message in the program's form${foreign:+ (not:$foreign)}" \
		[ -z "$foreign" ]
}

# ---- out of memory ----
# Under a range of address-space limits the program either succeeds or
# stops with a message, never crashes, and leaves no partial output.
# AddressSanitizer reserves terabytes of address space, so the -asan
# build cannot run under such a limit at all.
case $BUILD in
*-asan)
	echo "# memory limits are checked with the normal build: AddressSanitizer cannot run under them"
	;;
*)
	# The smallest limit the program starts under at all (its libraries
	# alone map tens of megabytes); below it the test would only watch the
	# dynamic loader fail.
	floor=16
	while [ $floor -lt 1024 ] && ! (ulimit -v $((floor * 1024)) && exec "$QREPORT" --version) >/dev/null 2>&1; do
		floor=$((floor + 4))
	done
	memory_sweep "out of memory" pdf,xlsx 0 2 4 8 16 32 64 128 256 1024
	# The workbook alone: the spreadsheet library leaves out a cell it has
	# no memory for, or crashes on it. Limits from where the data file is
	# read to where the workbook fits, in steps small enough to meet both.
	memory_sweep "out of memory, workbook alone" xlsx $(seq 0 3 120) 1024
	# The page and the CSV, each built whole in memory before it is written.
	memory_sweep "out of memory, page and CSV" html,csv 0 2 4 8 16 32 64 1024
	;;
esac

exit $failed
