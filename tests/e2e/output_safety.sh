#!/bin/bash
# The output folder may be writable by others while qreport runs (often as
# root). Whatever they do there, qreport writes only into files it created
# itself, never through a link; a run installs all of its outputs or none;
# and two runs writing one folder at once leave outputs that belong
# together.
set -u
QREPORT=${QREPORT:-build/qreport}
BUILD=${QREPORT_BUILD:-build}
export SOURCE_DATE_EPOCH=1510531200 # outputs identical run to run

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

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-safety.XXXXXX")
mounts=()
cleanup() {
	for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

data=examples/riverbend-fy2025-q3.xml
stem=riverbend-fy2025-q3
no_temp_files() {
	[ -z "$(find "$1" -name '.*' 2>/dev/null | grep -v "^$1\$")" ]
}

# A large report, so that a run is still writing when it is watched.
big=$tmp/big.xml
"$BUILD/gen-report" 1500 >"$big"

# ---- a temporary name swapped for a link while the run writes ----
# Whoever can write in the folder can replace the temporary file by a link
# to any file; qreport must not write through it, nor install the link.
for format in xlsx pdf; do
	dir=$tmp/swap-$format
	mkdir -p "$dir"
	victim=$tmp/victim-$format
	echo "precious" >"$victim"
	"$QREPORT" --format $format --out "$dir" "$big" >/dev/null 2>"$tmp/err" &
	pid=$!
	swapped=no
	while kill -0 "$pid" 2>/dev/null; do
		t=$(find "$dir" -maxdepth 1 -name ".big.$format.*" -type f 2>/dev/null | head -n 1)
		if [ -n "$t" ]; then
			rm -f "$t" && ln -s "$victim" "$t" && swapped=yes
			break
		fi
	done
	wait "$pid"
	status=$?
	if [ $swapped = no ]; then
		not_ok "$format: the temporary file was seen while the run wrote (status $status)"
		continue
	fi
	check "$format: the file a swapped-in link points at is untouched" \
		[ "$(cat "$victim")" = precious ]
	check "$format: the link is not installed as the output" test ! -L "$dir/big.$format"
	check "$format: the run fails (exit $status) with a message naming the output" \
		bash -c "[ $status -eq 3 ] && grep -q 'big.$format: error: .*temporary file' '$tmp/err'"
done

# ---- a link already at the output's name is replaced, not followed ----
dir=$tmp/link-at-name
mkdir -p "$dir"
victim=$tmp/victim-name
echo "precious" >"$victim"
ln -s "$victim" "$dir/$stem.pdf"
"$QREPORT" --format pdf --out "$dir" "$data" 2>"$tmp/err"
check "a link at the output's name: exit 0 (got $?)" [ $? -eq 0 ]
check "a link at the output's name: the file it points at is untouched" \
	[ "$(cat "$victim")" = precious ]
check "a link at the output's name: the output is a file now" \
	bash -c "[ -f '$dir/$stem.pdf' ] && [ ! -L '$dir/$stem.pdf' ]"

# ---- all outputs or none ----
ref=$tmp/reference
"$QREPORT" --out "$ref" "$data" 2>/dev/null
seed_old() { # folder
	mkdir -p "$1"
	echo "old pdf" >"$1/$stem.pdf"
	echo "old workbook" >"$1/$stem.xlsx"
}
old_kept() { # folder
	[ "$(cat "$1/$stem.pdf")" = "old pdf" ] && [ "$(cat "$1/$stem.xlsx")" = "old workbook" ]
}

# The workbook's name is taken by a folder: the PDF must not go in alone.
dir=$tmp/name-taken
mkdir -p "$dir/$stem.xlsx"
echo "old pdf" >"$dir/$stem.pdf"
"$QREPORT" --out "$dir" "$data" 2>"$tmp/err"
status=$?
check "the workbook's name is a folder: exit 3 (got $status)" [ "$status" -eq 3 ]
check "the workbook's name is a folder: the message says so" \
	grep -q "$stem.xlsx: error: .*a folder has its name" "$tmp/err"
check "the workbook's name is a folder: the old PDF is kept, not a new one beside no workbook" \
	[ "$(cat "$dir/$stem.pdf")" = "old pdf" ]
check "the workbook's name is a folder: no temporary file" no_temp_files "$dir"

# The workbook cannot be made (no scratch folder): neither output changes.
dir=$tmp/workbook-fails
seed_old "$dir"
TMPDIR=$tmp/no-such-folder "$QREPORT" --out "$dir" "$data" 2>"$tmp/err"
status=$?
check "the workbook fails: exit 3 (got $status)" [ "$status" -eq 3 ]
check "the workbook fails: both old outputs are kept" old_kept "$dir"
check "the workbook fails: no temporary file" no_temp_files "$dir"

# The workbook fails on a full disk: neither output changes. A tmpfs with
# room for the old files and the PDF but not the workbook as well.
if [ "$(id -u)" -eq 0 ]; then
	dir=$tmp/full
	mkdir -p "$dir"
	size=$(($(stat -c %s "$ref/$stem.pdf") + 8192))
	if mount -t tmpfs -o size=$size tmpfs "$dir" 2>/dev/null; then
		mounts+=("$dir")
		seed_old "$dir"
		# The workbook's scratch files go on the same full disk.
		TMPDIR=$dir "$QREPORT" --out "$dir" "$data" 2>"$tmp/err"
		status=$?
		check "a full disk for the workbook: exit 3 (got $status)" [ "$status" -eq 3 ]
		check "a full disk for the workbook: both old outputs are kept" old_kept "$dir"
		check "a full disk for the workbook: no temporary file" no_temp_files "$dir"
	else
		not_ok "a full disk for the workbook: a small tmpfs could be mounted"
	fi
else
	echo "skip - a full disk for the workbook (needs root to mount a small tmpfs)"
fi

# ---- two runs into one folder at once ----
# Two data files with one name and different contents: the PDF and the
# workbook left in the folder must come from the same one.
mkdir -p "$tmp/a" "$tmp/b"
cp "$big" "$tmp/a/report.xml"
"$BUILD/gen-report" 300 >"$tmp/b/report.xml"
"$QREPORT" --out "$tmp/ref-a" "$tmp/a/report.xml" 2>/dev/null
"$QREPORT" --out "$tmp/ref-b" "$tmp/b/report.xml" 2>/dev/null
mismatched=0
for i in 1 2 3 4 5 6; do
	dir=$tmp/together-$i
	mkdir -p "$dir"
	"$QREPORT" --out "$dir" "$tmp/a/report.xml" 2>/dev/null &
	a=$!
	sleep "0.$((i * 15))"
	"$QREPORT" --out "$dir" "$tmp/b/report.xml" 2>/dev/null &
	b=$!
	wait $a
	wait $b
	match=no
	for r in ref-a ref-b; do
		cmp -s "$dir/report.pdf" "$tmp/$r/report.pdf" && cmp -s "$dir/report.xlsx" "$tmp/$r/report.xlsx" && match=yes
	done
	[ $match = yes ] || mismatched=$((mismatched + 1))
	no_temp_files "$dir" || mismatched=$((mismatched + 1))
done
check "two runs at once, six times: every time the PDF and workbook come from one run ($mismatched did not)" \
	[ "$mismatched" -eq 0 ]

# ---- a read-only output folder says so ----
if [ "$(id -u)" -eq 0 ]; then
	ro=$tmp/read-only
	mkdir -p "$ro"
	if mount -t tmpfs -o size=1m tmpfs "$ro" 2>/dev/null && mount -o remount,ro "$ro"; then
		mounts+=("$ro")
		"$QREPORT" --out "$ro/sub" "$data" 2>"$tmp/err"
		status=$?
		check "a folder to create on a read-only disk: exit 3 (got $status)" [ "$status" -eq 3 ]
		check "a folder to create on a read-only disk: the message names the cause" \
			grep -q "Read-only file system" "$tmp/err"
		check "a folder to create on a read-only disk: not 'No such file or directory'" \
			bash -c "! grep -q 'No such file' '$tmp/err'"
	else
		not_ok "a read-only tmpfs could be mounted"
	fi
else
	echo "skip - a read-only output folder (needs root to mount a read-only tmpfs)"
fi

exit $failed
