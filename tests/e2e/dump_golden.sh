#!/bin/bash
# Golden dumps: `qreport --dump` of every example must equal tests/golden/NAME.dump.
# UPDATE=1 rewrites the golden files from the current program instead; read the
# diff (git diff tests/golden) before committing them.
set -u
: "${QREPORT:?QREPORT must name the qreport binary}"
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	failed=1
}

for ex in examples/*.xml; do
	[ -f "$ex" ] || continue
	name=$(basename "$ex" .xml)
	golden=tests/golden/$name.dump
	out=$tmp/$name.dump
	"$QREPORT" --dump "$ex" >"$out" 2>"$tmp/$name.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		not_ok "$name: --dump exits 0 (got $rc)"
		sed 's/^/#   /' "$tmp/$name.err" | head -n 20
		continue
	fi
	ok "$name: --dump exits 0"
	if [ -s "$tmp/$name.err" ]; then
		not_ok "$name: --dump prints nothing on stderr"
		sed 's/^/#   /' "$tmp/$name.err" | head -n 20
	else
		ok "$name: --dump prints nothing on stderr"
	fi
	"$QREPORT" --dump "$ex" >"$tmp/$name.again" 2>/dev/null
	if cmp -s "$out" "$tmp/$name.again"; then
		ok "$name: two runs print the same dump"
	else
		not_ok "$name: two runs print the same dump"
	fi
	if [ "${UPDATE:-0}" = 1 ]; then
		mkdir -p tests/golden
		cp "$out" "$golden"
		ok "$name: golden file updated"
		continue
	fi
	if [ ! -f "$golden" ]; then
		not_ok "$name: golden file $golden exists (create it with UPDATE=1)"
	elif diff -u "$golden" "$out" >"$tmp/$name.diff"; then
		ok "$name: dump matches $golden"
	else
		not_ok "$name: dump matches $golden"
		sed 's/^/#   /' "$tmp/$name.diff" | head -n 60
	fi
done

# A few facts from the spec and the press release, checked in the dump itself
# so that a wrongly updated golden file cannot hide them.
ind=$tmp/independence-fy2018-q1.dump
if [ -f "$ind" ]; then
	expect() { # what, extended regular expression
		if grep -Eq -- "$2" "$ind"; then ok "independence: $1"; else not_ok "independence: $1"; fi
	}
	expect "period label and dates" \
		'^  period: FY2018-Q1 "Q1 FY2018" "Jul 1 – Sep 30, 2017" 2017-07-01\.\.2017-09-30$'
	expect "published date in words" '^  published: 2017-11-13 "November 13, 2017"$'
	expect "police summary" '^    summary: "8:37 min against a target of at most 5:00 min"$'
	expect "police benchmark" '^    benchmark text: "National average: 5:00 min"$'
	expect "demolitions compared with a quarter of the annual target" \
		'^    summary: "5 so far this year against a target of at least 5 by the end of Q1 FY2018 \(20 for the year\)"$'
	expect "code inspections summary" '^    summary: "81% against a target of at least 75%"$'
	expect "report counts: 3 met, 4 not met" '^  counts: met 3, under 0, not-met 4, no-data 0$'
fi
exit $failed
