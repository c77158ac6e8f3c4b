#!/bin/bash
# The bundled example data files: well formed, valid against the schema, and
# evaluated by `qreport --check` to exactly the statuses they were written to
# produce. Independence follows its press release; Riverbend was designed so
# that every rule of the format decides at least one status.
set -u

QREPORT=${QREPORT:-build/qreport}
independence=examples/independence-fy2018-q1.xml
riverbend=examples/riverbend-fy2025-q3.xml
harmon=examples/harmon-falls-fy2025-q2.xml
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	failed=1
}
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# has_line FILE LINE: FILE holds LINE exactly, as a whole line.
has_line() { grep -Fxq -- "$2" "$1"; }

# expect_lines FILE LINE...: each LINE is in FILE; one check per line.
expect_lines() {
	local file=$1 label=$2
	shift 2
	local line
	for line in "$@"; do
		check "$label: $line" has_line "$file" "$line"
	done
}

# quietly COMMAND...: run COMMAND, showing its output (as comments) only if it fails.
# shellcheck disable=SC2317 # called through check
quietly() {
	local log
	log=$("$@" 2>&1) && return 0
	printf '%s\n' "$log" | head -n 10 | sed 's/^/# /'
	return 1
}

# run_check DATA OUT ERR: qreport --check, returning its exit status.
run_check() { "$QREPORT" --check "$1" >"$2" 2>"$3"; }

# ---- the files themselves ----
for f in "$independence" "$riverbend" "$harmon"; do
	check "$f is well-formed XML" quietly xmllint --noout "$f"
	if [ -f schema/report-1.xsd ]; then
		check "$f is valid against schema/report-1.xsd" \
			quietly xmllint --noout --schema schema/report-1.xsd "$f"
	fi
	# libharu draws only the Basic Multilingual Plane, and the fonts
	# lack glyphs for characters written as decomposed sequences.
	check "$f keeps to the Basic Multilingual Plane, NFC" /usr/bin/python3 -c '
import sys, unicodedata
s = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if all(ord(c) < 0x10000 for c in s) and unicodedata.is_normalized("NFC", s) else 1)
' "$f"
done

if [ ! -x "$QREPORT" ]; then
	not_ok "the program $QREPORT is built"
	exit 1
fi

# ---- Independence, FY2018 Q1: the press release ----
out=$tmp/independence.out
err=$tmp/independence.err
run_check "$independence" "$out" "$err"
rc=$?
check "independence --check exits 0 (got $rc)" test "$rc" -eq 0
check "independence --check prints no error" bash -c "! grep -q 'error:' '$err'"

independence_measures=(
	"utility-call-answer not-met"
	"animal-holdover not-met"
	"new-jobs met"
	"code-inspections met"
	"demolitions met"
	"fire-response not-met"
	"police-response not-met"
)
independence_goals=(
	"goal customer-focused: 0 met, 0 under, 2 not-met, 0 no-data"
	"goal financially-sustainable: 0 met, 0 under, 0 not-met, 0 no-data"
	"goal growth: 1 met, 0 under, 0 not-met, 0 no-data"
	"goal quality: 2 met, 0 under, 2 not-met, 0 no-data"
)
# The whole output, in order: measures in file order, then goals.
printf '%s\n' "${independence_measures[@]}" "${independence_goals[@]}" >"$tmp/independence.want"
if cmp -s "$tmp/independence.want" "$out"; then
	ok "independence --check prints the seven measures in file order, then the four goals"
else
	not_ok "independence --check prints the seven measures in file order, then the four goals"
	diff "$tmp/independence.want" "$out" | sed 's/^/# /'
fi
expect_lines "$out" "independence" "${independence_measures[@]}" "${independence_goals[@]}"

# ---- Riverbend, FY2025 Q3: every rule at least once ----
out=$tmp/riverbend.out
err=$tmp/riverbend.err
run_check "$riverbend" "$out" "$err"
rc=$?
check "riverbend --check exits 0 (got $rc)" test "$rc" -eq 0
check "riverbend --check prints no error" bash -c "! grep -q 'error:' '$err'"
check "riverbend has at least 25 measures" test "$(grep -cv '^goal ' "$out")" -ge 25
for s in met under not-met no-data; do
	check "riverbend has a measure that is $s" grep -q " $s\$" "$out"
done

expect_lines "$out" "riverbend" \
	"police-response under" \
	"fire-response met" \
	"ems-cardiac-survival under" \
	"traffic-injuries under" \
	"smoke-alarms met" \
	"911-answer met" \
	"jobs-created under" \
	"small-business-loans no-data" \
	"unemployment-rate not-met" \
	"license-days met" \
	"visitor-spending met" \
	"new-businesses not-met" \
	"potholes-repaired met" \
	"pothole-days not-met" \
	"water-main-breaks met" \
	"water-restore met" \
	"water-loss not-met" \
	"transit-on-time under" \
	"bus-wait under" \
	"pavement-condition met" \
	"311-answer not-met" \
	"permit-review-days met" \
	"online-payments met" \
	"reserve-share met" \
	"grants-received under" \
	"records-requests not-met" \
	"resident-satisfaction no-data" \
	"library-visits met" \
	"trees-planted not-met" \
	"park-access under" \
	"affordable-homes met" \
	"multilingual-borrowing no-data" \
	"goal safe-community: 3 met, 3 under, 0 not-met, 0 no-data" \
	"goal thriving-economy: 2 met, 1 under, 2 not-met, 1 no-data" \
	"goal resilient-infrastructure: 4 met, 2 under, 2 not-met, 0 no-data" \
	"goal responsive-government: 3 met, 1 under, 2 not-met, 1 no-data" \
	"goal regional-partnerships: 0 met, 0 under, 0 not-met, 0 no-data" \
	"goal healthy-neighborhoods: 2 met, 1 under, 1 not-met, 1 no-data"
check "riverbend --check prints 32 measures and 6 goals" test "$(wc -l <"$out")" -eq 38

# ---- Riverbend with one rule taken away: the status must move ----
# mutate NAME SED-SCRIPT MEASURE STATUS: edit a copy of Riverbend and expect
# MEASURE to have STATUS in it.
mutate() {
	local name=$1 script=$2 want=$3
	local copy=$tmp/riverbend-$name.xml
	sed -e "$script" "$riverbend" >"$copy"
	if cmp -s "$copy" "$riverbend"; then
		not_ok "$name: the edit changed the file"
		return
	fi
	if run_check "$copy" "$tmp/$name.out" "$tmp/$name.err" && has_line "$tmp/$name.out" "$want"; then
		ok "$name: $want"
	else
		not_ok "$name: $want"
		sed 's/^/# /' "$tmp/$name.err" | head -n 5
	fi
}
# The override is what turns a computed Goal Not Met into Under Goal.
mutate no-grant-override 's/actual="900000" status="under"/actual="900000"/' \
	"grants-received not-met"
# Without the director's rating, a value with no actual is No Data.
mutate no-ems-override 's/<value period="FY2025-Q3" status="under"\/>/<value period="FY2025-Q3"\/>/' \
	"ems-cardiac-survival no-data"
# Without its own 12% tolerance, the report's 5% makes bus waits Not Met.
mutate no-bus-tolerance 's/id="bus-wait" unit="minutes" tolerance="12%"/id="bus-wait" unit="minutes"/' \
	"bus-wait not-met"
# Without the FY2025 target, the general one (at most 14) is met by 12.
mutate no-fy-target '/<target at-most="10" fiscal-year="2025"\/>/d' \
	"traffic-injuries met"
# The spring quarter's own target decides: at most 4 instead of 6 makes
# 5 breaks miss by 1, more than 5% of 4.
mutate tight-spring-target 's/<target at-most="6" period="FY2025-Q3"\/>/<target at-most="4" period="FY2025-Q3"\/>/' \
	"water-main-breaks not-met"
# The missing second quarter is what makes the year to date No Data.
mutate loans-q2-found 's/<value period="FY2025-Q3" actual="610000"\/>/<value period="FY2025-Q2" actual="480000"\/><value period="FY2025-Q3" actual="610000"\/>/' \
	"small-business-loans met"

# ---- Harmon Falls, FY2025 Q2: a real dashboard's shape, every kind ----
# The whole --check output is a golden file; UPDATE=1 rewrites it.
out=$tmp/harmon.out
run_check "$harmon" "$out" "$tmp/harmon.err"
rc=$?
check "harmon --check exits 0 (got $rc)" test "$rc" -eq 0
check "harmon --check prints no error or warning" test ! -s "$tmp/harmon.err"
golden=tests/golden/harmon-falls-fy2025-q2.check
if [ "${UPDATE:-0}" = 1 ]; then
	cp "$out" "$golden"
fi
if cmp -s "$golden" "$out"; then
	ok "harmon --check prints $golden"
else
	not_ok "harmon --check prints $golden"
	diff "$golden" "$out" | sed 's/^/# /'
fi
# A few lines the file's comments promise, checked here too so that a
# wrongly updated golden file cannot hide them.
expect_lines "$out" "harmon" \
	"p1-response met 2024-11" \
	"water-use no-data 2024-12" \
	"sales-tax under" \
	"reserve under FY2024" \
	"capital-spent met" \
	"gf-revenue met FY2024" \
	"resident-survey under CY2024" \
	"initiative station-9 delayed"

# Harmon Falls with one feature taken away: the status must move.
mutate_harmon() {
	local name=$1 script=$2 want=$3
	local copy=$tmp/harmon-$name.xml
	sed -e "$script" "$harmon" >"$copy"
	if cmp -s "$copy" "$harmon"; then
		not_ok "$name: the edit changed the file"
		return
	fi
	if run_check "$copy" "$tmp/$name.out" "$tmp/$name.err" && has_line "$tmp/$name.out" "$want"; then
		ok "$name: $want"
	else
		not_ok "$name: $want"
		sed 's/^/# /' "$tmp/$name.err" | head -n 5
		grep "${want%% *}" "$tmp/$name.out" | sed 's/^/# got /'
	fi
}
# Without its lag, police response is judged on December, which has no figure.
mutate_harmon no-lag 's/frequency="monthly" lag="1"$/frequency="monthly"/' \
	"p1-response no-data 2024-12"
# Spread evenly, 50% of the capital budget is due by Q2, and 37% misses by more than 5.
mutate_harmon no-phasing 's/ phasing="15% 35% 65% 100%"//' "capital-spent not-met"
# Without its estimate, FY2024 revenue has no figure to judge.
mutate_harmon no-estimate 's/<value period="FY2024" estimate="306.5"\/>/<value period="FY2024"\/>/' \
	"gf-revenue no-data FY2024"
# The quarter's own target (75%) is what makes 77% met; the general 80% is missed.
mutate_harmon no-winter-target '/<target at-least="75" period="FY2025-Q2"\/>/d' "311-answer under"
# Inside the range, the reserve meets it: 19.5% is within 15% to 20%.
mutate_harmon reserve-inside 's/actual="21.3"/actual="19.5"/' "reserve met FY2024"
# A biennial survey may be a year old, not two: without 2024's, 2022's is
# too old to judge.
mutate_harmon survey-2022 '/<value period="CY2024" actual="74"\/>/d' "resident-survey no-data CY2024"
# ... but with a lag of one (two more years), 2022's (72%) is judged.
mutate_harmon survey-lag 's/frequency="biennial">/frequency="biennial" lag="1">/; /<value period="CY2024" actual="74"\/>/d' \
	"resident-survey under CY2022"

# ---- --dump reads both files ----
for f in "$independence" "$riverbend" "$harmon"; do
	if "$QREPORT" --dump "$f" >"$tmp/dump.out" 2>"$tmp/dump.err" && [ -s "$tmp/dump.out" ]; then
		ok "--dump $f exits 0 and prints the model"
	else
		not_ok "--dump $f exits 0 and prints the model"
		sed 's/^/# /' "$tmp/dump.err" | head -n 5
	fi
done

# ---- both examples render in both bundled layouts, every character drawable ----
for layout in plain independence; do
	for f in "$independence" "$riverbend" "$harmon"; do
		name=$(basename "$f" .xml)
		dir=$tmp/out-$layout
		"$QREPORT" --layout "$layout" --out "$dir" "$f" >/dev/null 2>"$tmp/render.err"
		rc=$?
		what="$name in the $layout layout"
		check "$what: exits 0 (got $rc)" test "$rc" -eq 0
		check "$what: writes the PDF and the workbook" test -s "$dir/$name.pdf" -a -s "$dir/$name.xlsx"
		# A character the fonts lack would be warned about and drawn as a box.
		if grep -q 'warning:' "$tmp/render.err"; then
			not_ok "$what: no warnings"
			grep 'warning:' "$tmp/render.err" | head -n 5 | sed 's/^/# /'
		else
			ok "$what: no warnings"
		fi
	done
done

exit "$failed"
