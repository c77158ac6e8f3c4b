#!/bin/bash
# The command line: options, output names, exit statuses, and --check.
set -u
q=${QREPORT:?}
fails=0
ok() { echo "ok - $1"; }
notok() { echo "not ok - $1"; fails=$((fails + 1)); }
# expect STATUS DESCRIPTION COMMAND...: run, compare the exit status.
expect() {
	local want=$1 what=$2
	shift 2
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	local got=$?
	if [ "$got" -eq "$want" ]; then ok "$what (exit $want)"; else notok "$what: exit $got, expected $want"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ind=examples/independence-fy2018-q1.xml

expect 0 "--version" "$q" --version
grep -Eq '^qreport [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/stdout" && ok "--version prints the version" || notok "--version prints the version"
expect 0 "--help" "$q" --help
grep -q -- '--layout' "$tmp/stdout" && grep -q -- '--check' "$tmp/stdout" && ok "--help lists the options" || notok "--help lists the options"

expect 2 "no data file is bad usage" "$q"
grep -q "no data file given" "$tmp/stderr" && ok "no data file: says so" || notok "no data file: says so"
expect 2 "unknown option is bad usage" "$q" --colour "$ind"
grep -q "unknown option '--colour'" "$tmp/stderr" && ok "unknown option is named" || notok "unknown option is named"
expect 2 "two data files are bad usage" "$q" "$ind" "$ind"
expect 2 "unknown format is bad usage" "$q" --format pdf,docx "$ind"
grep -q "docx" "$tmp/stderr" && ok "unknown format is named" || notok "unknown format is named"
expect 2 "--out without a value is bad usage" "$q" "$ind" --out
expect 1 "a missing data file is bad input" "$q" --check "$tmp/nonexistent.xml"
grep -q "nonexistent.xml" "$tmp/stderr" && ok "a missing data file is named" || notok "a missing data file is named"
expect 1 "an unknown layout is bad input" "$q" --layout nosuchlayout --out "$tmp/o0" "$ind"
[ ! -e "$tmp/o0" ] || [ -z "$(ls -A "$tmp/o0")" ] && ok "an unknown layout writes nothing" || notok "an unknown layout writes nothing"

# --check: one line per measure in file order, then one per goal.
expect 0 "--check on the example" "$q" --check "$ind"
n_measures=$(grep -c '<measure ' "$ind")
n_lines=$(grep -Evc '^goal ' "$tmp/stdout")
[ "$n_lines" -eq "$n_measures" ] && ok "--check prints one line per measure ($n_measures)" || notok "--check prints one line per measure: $n_lines of $n_measures"
[ "$(grep -c '^goal ' "$tmp/stdout")" -eq "$(grep -c '<goal ' "$ind")" ] && ok "--check prints one summary line per goal" || notok "--check prints one summary line per goal"
grep -Eq '^goal [a-z0-9-]+: [0-9]+ met, [0-9]+ under, [0-9]+ not-met, [0-9]+ no-data$' "$tmp/stdout" && ok "goal summary lines have the documented form" || notok "goal summary lines have the documented form"
expect 0 "--check writes nothing" "$q" --check --out "$tmp/o1" "$ind"
[ ! -e "$tmp/o1" ] && ok "--check creates no output folder" || notok "--check creates no output folder"

# --check --layout: the layout is checked too, fonts and logo included.
expect 0 "--check with a good layout" "$q" --check --layout independence --out "$tmp/o1b" "$ind"
[ "$(grep -Evc '^goal ' "$tmp/stdout")" -eq "$n_measures" ] && ok "--check with a good layout still prints the statuses" || notok "--check with a good layout still prints the statuses"
[ ! -e "$tmp/o1b" ] && ok "--check with a layout writes nothing" || notok "--check with a layout writes nothing"
expect 1 "--check with a layout whose font is missing" "$q" --check --layout tests/bad-layouts/missing-font.xml "$ind"
grep -Eq '^tests/bad-layouts/missing-font.xml:[0-9]+: error: ' "$tmp/stderr" && ok "--check names the layout's line" || notok "--check names the layout's line"
[ ! -s "$tmp/stdout" ] && ok "--check with a bad layout prints no statuses" || notok "--check with a bad layout prints no statuses"
expect 1 "--check with a layout whose font file is not a font" "$q" --check --layout tests/bad-layouts/cff-font.xml "$ind"
grep -q "error: " "$tmp/stderr" && ok "--check reads the layout's font files as a run would" || notok "--check reads the layout's font files as a run would"
expect 1 "--check with a layout whose logo is not an image" "$q" --check --layout tests/bad-layouts/logo-not-image.xml "$ind"

# Output names follow the data file's name; --format picks the outputs.
cp "$ind" "$tmp/my report.v2.xml"
expect 0 "a data file with spaces and dots in its name" "$q" --out "$tmp/o2" "$tmp/my report.v2.xml"
[ -s "$tmp/o2/my report.v2.pdf" ] && [ -s "$tmp/o2/my report.v2.xlsx" ] && ok "outputs are named after the data file" || notok "outputs are named after the data file"
expect 0 "--format xlsx" "$q" --format xlsx --out "$tmp/o3" "$ind"
[ -s "$tmp/o3/independence-fy2018-q1.xlsx" ] && [ ! -e "$tmp/o3/independence-fy2018-q1.pdf" ] && ok "--format xlsx writes only the workbook" || notok "--format xlsx writes only the workbook"
expect 0 "--format=pdf" "$q" --format=pdf --out="$tmp/o4" "$ind"
[ -s "$tmp/o4/independence-fy2018-q1.pdf" ] && [ ! -e "$tmp/o4/independence-fy2018-q1.xlsx" ] && ok "--format=pdf writes only the PDF" || notok "--format=pdf writes only the PDF"
expect 0 "a nested output folder is created" "$q" --format pdf --out "$tmp/a/b/c" "$ind"
[ -s "$tmp/a/b/c/independence-fy2018-q1.pdf" ] && ok "nested folder holds the report" || notok "nested folder holds the report"
: >"$tmp/plainfile"
expect 3 "--out naming a file cannot be written" "$q" --format pdf --out "$tmp/plainfile" "$ind"
grep -q "is a file, not a folder" "$tmp/stderr" && ok "--out naming a file: says it is not a folder" || notok "--out naming a file: says it is not a folder"
expect 0 "--layout with a file path" "$q" --format pdf --layout layouts/plain.xml --out "$tmp/o5" "$ind"
cmp -s "$tmp/o5/independence-fy2018-q1.pdf" "$tmp/o4/independence-fy2018-q1.pdf" && ok "the default layout is plain" || notok "the default layout is plain"
ls -A "$tmp"/o2 "$tmp"/o3 "$tmp"/o4 | grep -q '^\.' && notok "no temporary files are left" || ok "no temporary files are left"
# A pipe or device given as the data file or layout is refused at once,
# not waited on (a pipe with no writer would block a plain open for ever).
mkfifo "$tmp/pipe.xml"
start=$(date +%s)
expect 1 "a pipe as the data file is refused" timeout 10 "$q" --check "$tmp/pipe.xml"
grep -q "pipe.xml: error: the data file is a pipe, not a regular file" "$tmp/stderr" && ok "a pipe as the data file: says it is a pipe" || notok "a pipe as the data file: says it is a pipe"
expect 1 "a pipe as the layout is refused" timeout 10 "$q" --check --layout "$tmp/pipe.xml" "$ind"
grep -q "pipe.xml: error: the layout file is a pipe, not a regular file" "$tmp/stderr" && ok "a pipe as the layout: says it is a pipe" || notok "a pipe as the layout: says it is a pipe"
[ $(($(date +%s) - start)) -lt 10 ] && ok "pipes are refused without waiting" || notok "pipes are refused without waiting"
expect 1 "a device as the data file is refused" "$q" --check /dev/zero
grep -q "the data file is a device" "$tmp/stderr" && ok "a device as the data file: says it is a device" || notok "a device as the data file: says it is a device"

# A layout with 90,000 attributes on one element (the 1 MB it may have) is refused before the
# XML parser, whose duplicate check would take minutes over them.
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<layout format="1">\n<page'
	seq -f ' a%g=""' 90000 | tr -d '\n'
	printf '/>\n</layout>\n'
} >"$tmp/attrs.xml"
start=$(date +%s)
expect 1 "a layout with 90,000 attributes on one element is refused" timeout 60 "$q" --check --layout "$tmp/attrs.xml" "$ind"
grep -q "attrs.xml:3: error: <page> has more than 64 attributes" "$tmp/stderr" && ok "the layout's attributes: the message names the element, line and limit" || notok "the layout's attributes: the message names the element, line and limit"
[ $(($(date +%s) - start)) -lt 5 ] && ok "the layout's attributes: refused within 5 s" || notok "the layout's attributes: refused within 5 s"

# Paper: --paper over the layout; the plain layout's "local" size follows
# the data file's country (or its language's region), Letter in the US.
size_of() { pdfinfo "$1" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p'; }
expect 0 "the plain layout on a US city's data" "$q" --format pdf --out "$tmp/p1" "$ind"
[ "$(size_of "$tmp/p1/independence-fy2018-q1.pdf")" = 612x792 ] && ok "a US city's report is on Letter" || notok "a US city's report is on Letter: $(size_of "$tmp/p1/independence-fy2018-q1.pdf")"
sed 's#<country>US</country>#<country>GB</country>#' "$ind" >"$tmp/gb.xml"
expect 0 "the plain layout on a British city's data" "$q" --format pdf --out "$tmp/p2" "$tmp/gb.xml"
[ "$(size_of "$tmp/p2/gb.pdf")" = 595.276x841.89 ] && ok "a British city's report is on A4" || notok "a British city's report is on A4: $(size_of "$tmp/p2/gb.pdf")"
sed -e 's#<country>US</country>##' -e 's#lang="en-US"#lang="en-GB"#' "$ind" >"$tmp/lang.xml"
expect 0 "the plain layout on data without a country" "$q" --format pdf --out "$tmp/p3" "$tmp/lang.xml"
[ "$(size_of "$tmp/p3/lang.pdf")" = 595.276x841.89 ] && ok "without a country, the language's region decides: en-GB is on A4" || notok "en-GB without a country: $(size_of "$tmp/p3/lang.pdf")"
expect 0 "--paper a4 over the plain layout's Letter" "$q" --format pdf --paper a4 --out "$tmp/p4" "$ind"
[ "$(size_of "$tmp/p4/independence-fy2018-q1.pdf")" = 595.276x841.89 ] && ok "--paper a4 wins" || notok "--paper a4 wins: $(size_of "$tmp/p4/independence-fy2018-q1.pdf")"
expect 0 "--paper=letter over a layout's A4" "$q" --format pdf --paper=letter --layout independence --out "$tmp/p5" "$tmp/gb.xml"
[ "$(size_of "$tmp/p5/gb.pdf")" = 612x792 ] && ok "--paper letter wins" || notok "--paper letter wins: $(size_of "$tmp/p5/gb.pdf")"
expect 2 "an unknown paper is bad usage" "$q" --paper a3 "$ind"
grep -q "unknown paper 'a3'; expected letter or a4" "$tmp/stderr" && ok "an unknown paper is named" || notok "an unknown paper is named"

# Standard output that cannot be written: a non-zero exit and a message.
for args in "--check $ind" "--dump $ind" "--version" "--help"; do
	# shellcheck disable=SC2086
	"$q" $args >/dev/full 2>"$tmp/stderr"
	got=$?
	[ "$got" -eq 3 ] && ok "$args > /dev/full: exit 3" || notok "$args > /dev/full: exit $got, expected 3"
	grep -q "cannot write to the standard output: No space left on device" "$tmp/stderr" && ok "$args > /dev/full: says why" || notok "$args > /dev/full: says why"
done

[ "$fails" -eq 0 ]
