#!/bin/bash
# The workbook is written by a second process, beside the PDF when both are
# asked for. Whichever process fails, the user gets the program's message,
# the right exit status, and either the old file or the complete new one.
set -u
QREPORT=${QREPORT:-build/qreport}
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

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-workbook.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

data=examples/riverbend-fy2025-q3.xml
stem=riverbend-fy2025-q3
# The workbook's process of a running program, once it is there; empty if
# the program ends first.
child_of() { # pid
	local child=""
	while kill -0 "$1" 2>/dev/null && [ -z "$child" ]; do
		child=$(pgrep -P "$1" | head -n 1)
		sleep 0.005
	done
	echo "$child"
}
no_temp_files() {
	[ -z "$(find "$1" -name '.*' -type f 2>/dev/null)" ]
}

# ---- the same bytes, together or one at a time ----
"$QREPORT" --layout independence --out "$tmp/both" "$data" 2>"$tmp/err-both"
check "both outputs: exit 0 (got $?)" [ $? -eq 0 ]
"$QREPORT" --layout independence --format pdf --out "$tmp/apart" "$data" 2>/dev/null
"$QREPORT" --layout independence --format xlsx --out "$tmp/apart" "$data" 2>/dev/null
check "the workbook made beside the PDF is byte for byte the one made alone" \
	cmp -s "$tmp/both/$stem.xlsx" "$tmp/apart/$stem.xlsx"
check "the PDF made beside the workbook is byte for byte the one made alone" \
	cmp -s "$tmp/both/$stem.pdf" "$tmp/apart/$stem.pdf"
check "no temporary file after both" no_temp_files "$tmp/both"

# ---- what the workbook's process says reaches the user ----
# A commentary longer than a spreadsheet cell holds: only the workbook warns.
long=$tmp/long.xml
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<report format="1"><meta>'
	printf '<organization>City of Example</organization><title>Dashboard</title>'
	printf '<fiscal-year start-month="7" named-by="end"/><period>FY2018-Q1</period></meta>'
	printf '<goals><goal id="quality" name="Quality"><measure id="inspections" unit="count">'
	printf '<name>Cases inspected</name><target at-least="20"/>'
	printf '<value period="FY2017-Q4" actual="18"/><value period="FY2018-Q1" actual="25"/>'
	printf '<commentary>'
	for _ in $(seq 4000); do printf 'inspection '; done
	printf '</commentary></measure></goal></goals></report>\n'
} >"$long"
"$QREPORT" --out "$tmp/said" "$long" 2>"$tmp/err"
status=$?
check "a workbook warning does not fail the run (exit $status)" [ "$status" -eq 0 ]
n=$(grep -c 'cut short in the workbook' "$tmp/err")
check "the workbook's warning reaches the user, once (seen $n times)" [ "$n" -eq 1 ]
check "the workbook's warning is in the program's form, with the text's line" \
	grep -Eq "^$long:2: warning: this text is longer than a spreadsheet cell" "$tmp/err"
"$QREPORT" --quiet --out "$tmp/said" "$long" 2>"$tmp/err"
check "--quiet silences the workbook's process too" [ ! -s "$tmp/err" ]

# SOURCE_DATE_EPOCH is read by both back ends, in two processes: one warning.
SOURCE_DATE_EPOCH=soon "$QREPORT" --out "$tmp/said" "$data" 2>"$tmp/err"
status=$?
n=$(grep -c 'SOURCE_DATE_EPOCH' "$tmp/err")
check "a SOURCE_DATE_EPOCH that is not a number: exit 0 (got $status), one warning (seen $n)" \
	test "$status" -eq 0 -a "$n" -eq 1
check "a SOURCE_DATE_EPOCH that is not a number: the warning says what was expected" \
	grep -Eq "^qreport: warning: SOURCE_DATE_EPOCH is 'soon'; expected whole seconds since 1970" "$tmp/err"

# ---- scratch files go where TMPDIR says ----
mkdir -p "$tmp/scratch"
TMPDIR=$tmp/scratch "$QREPORT" --layout independence --out "$tmp/scratch-out" "$data" 2>"$tmp/err"
status=$?
check "TMPDIR names a folder: exit 0 (got $status)" [ "$status" -eq 0 ]
check "TMPDIR names a folder: the workbook is made" test -s "$tmp/scratch-out/$stem.xlsx"
check "TMPDIR names a folder: nothing is left in it" [ -z "$(ls -A "$tmp/scratch")" ]
TMPDIR=$tmp/no-such-folder "$QREPORT" --layout independence --out "$tmp/no-scratch" "$data" 2>"$tmp/err"
status=$?
check "TMPDIR names no folder: exit 3 (got $status), not a silent fall back to /tmp" [ "$status" -eq 3 ]
check "TMPDIR names no folder: the message says what is expected" \
	grep -q "$stem.xlsx: error: .*expected a writable temporary folder (TMPDIR" "$tmp/err"
check "TMPDIR names no folder: no PDF either, as a run installs all its outputs or none" \
	test ! -e "$tmp/no-scratch/$stem.pdf"
check "TMPDIR names no folder: no workbook, no temporary file" \
	bash -c "[ ! -e '$tmp/no-scratch/$stem.xlsx' ] && [ -z \"\$(find '$tmp/no-scratch' -name '.*' -type f)\" ]"

# ---- the PDF fails: the workbook is not put in place either ----
# A folder where the PDF should go makes its rename fail after all the work.
old=$tmp/pdf-fails
mkdir -p "$old/$stem.pdf"
cp "$tmp/apart/$stem.xlsx" "$old/$stem.xlsx"
echo "previous" >"$old/$stem.xlsx"
"$QREPORT" --layout independence --out "$old" "$data" 2>"$tmp/err"
status=$?
check "the PDF cannot be put in place: exit 3 (got $status)" [ "$status" -eq 3 ]
check "the PDF cannot be put in place: a message naming it" grep -q "$stem.pdf: error: " "$tmp/err"
check "the PDF cannot be put in place: the old workbook is kept" \
	[ "$(cat "$old/$stem.xlsx")" = previous ]
check "the PDF cannot be put in place: no temporary file" no_temp_files "$old"

# ---- the workbook's process dies: the run says so ----
# A large report, so the process is still at work when it is stopped.
big=$tmp/big.xml
"${QREPORT_BUILD:-build}/gen-report" 2000 >"$big"
for sig in KILL SEGV; do
	dir=$tmp/killed-$sig
	mkdir -p "$dir"
	echo "previous" >"$dir/big.xlsx"
	echo "previous" >"$dir/big.pdf"
	# AddressSanitizer would catch the SIGSEGV itself and exit with 1.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0 \
		"$QREPORT" --out "$dir" "$big" >/dev/null 2>"$tmp/err" &
	pid=$!
	child=$(child_of "$pid")
	[ -n "$child" ] && kill -s "$sig" "$child"
	wait "$pid"
	status=$?
	if [ -z "$child" ]; then
		not_ok "SIG$sig: the workbook's process was seen (the run ended first, status $status)"
		continue
	fi
	check "SIG$sig to the workbook's process: exit 3 (got $status)" [ "$status" -eq 3 ]
	check "SIG$sig to the workbook's process: a message in the program's form" \
		grep -Eq "big.xlsx: error: cannot build the workbook: .*signal" "$tmp/err"
	check "SIG$sig to the workbook's process: nothing in another form" \
		bash -c "! grep -Evq '^[^ ]+(:[0-9]+)?: (error|warning|note): ' '$tmp/err'"
	check "SIG$sig to the workbook's process: the old workbook is kept" \
		[ "$(cat "$dir/big.xlsx")" = previous ]
	check "SIG$sig to the workbook's process: the old PDF is kept too (all outputs or none)" \
		[ "$(cat "$dir/big.pdf")" = previous ]
	check "SIG$sig to the workbook's process: no temporary file" no_temp_files "$dir"
done

# ---- the program is stopped: its workbook process goes too ----
dir=$tmp/stopped
mkdir -p "$dir"
"$QREPORT" --out "$dir" "$big" >/dev/null 2>&1 &
pid=$!
child=$(child_of "$pid")
kill -TERM "$pid"
wait "$pid" 2>/dev/null
status=$?
if [ -n "$child" ]; then
	sleep 0.2
	check "SIGTERM to the program: it stops by the signal (status $status)" [ "$status" -eq 143 ]
	check "SIGTERM to the program: its workbook process is gone too" bash -c "! kill -0 $child 2>/dev/null"
	check "SIGTERM to the program: no temporary file" no_temp_files "$dir"
else
	not_ok "SIGTERM to the program: the workbook's process was seen (the run ended first)"
fi

exit $failed
