#!/bin/bash
# Layout and output problems as a user meets them: a clear FILE:LINE message,
# the documented exit status, and no PDF (whole or partial) left behind.
# Run from the top of the source tree with $QREPORT naming the program.
set -u
QREPORT=${QREPORT:-build/qreport}
example=examples/independence-fy2018-q1.xml
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
failed=0

ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	failed=1
}
check() { # description, command...
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}
no_pdf() { ! ls "$1"/*.pdf "$1"/.*.pdf* >/dev/null 2>&1; }

# A copied layout naming a font that is not there.
mkdir -p "$tmp/brand"
sed 's/OpenSans-Bold.ttf/BrandSans-Bold.ttf/' layouts/independence.xml >"$tmp/brand/brand.xml"
line=$(grep -n 'BrandSans-Bold.ttf' "$tmp/brand/brand.xml" | cut -d: -f1)
"$QREPORT" --layout "$tmp/brand/brand.xml" --out "$tmp/out1" "$example" 2>"$tmp/err1"
check "a missing font exits with status 1" test $? -eq 1
check "and says which layout line and which file" \
	grep -q "^$tmp/brand/brand.xml:$line: error: font file 'BrandSans-Bold.ttf' not found; tried .*fonts/BrandSans-Bold.ttf and $tmp/brand/BrandSans-Bold.ttf" "$tmp/err1"
check "and writes nothing" no_pdf "$tmp/out1"

# The same layout, copied elsewhere, still finds the bundled emblem.
sed 's/<font face="bold" *file="[^"]*"\/>//' layouts/independence.xml >"$tmp/brand/brand2.xml"
"$QREPORT" --layout "$tmp/brand/brand2.xml" --format pdf --out "$tmp/out2" "$example" 2>"$tmp/err2"
check "a copied layout works from another folder" test $? -eq 0
check "and its PDF is written" test -s "$tmp/out2/independence-fy2018-q1.pdf"

# A font file that is not TrueType.
printf 'OTTO\000\001\000\000' >"$tmp/brand/Fancy.otf"
sed 's/OpenSans-Italic.ttf/Fancy.otf/' layouts/independence.xml >"$tmp/brand/brand3.xml"
"$QREPORT" --layout "$tmp/brand/brand3.xml" --out "$tmp/out3" "$example" 2>"$tmp/err3"
check "a CFF font exits with status 1" test $? -eq 1
check "and says TrueType is needed" grep -q "error: font file $tmp/brand/Fancy.otf is an OpenType font with PostScript (CFF) outlines" "$tmp/err3"
check "and writes nothing" no_pdf "$tmp/out3"

# Several mistakes at once are all reported.
sed -e 's/"#1F3A5F"/"#1F3A5"/' -e 's/name="glance"/name="summary"/' -e 's/size="letter"/size="tabloid"/' \
	layouts/independence.xml >"$tmp/brand/brand4.xml"
"$QREPORT" --layout "$tmp/brand/brand4.xml" --out "$tmp/out4" "$example" 2>"$tmp/err4"
check "a layout with three mistakes exits with status 1" test $? -eq 1
check "and all are reported" test "$(grep -c ': error: ' "$tmp/err4")" -ge 3
check "the unknown page size lists the known ones" grep -q "unknown page size 'tabloid'; expected letter, a4, legal or local" "$tmp/err4"
check "the unknown part lists the known ones" grep -q "unknown part 'summary'; expected one of cover, contents, glance, narrative, goals or appendix" "$tmp/err4"

# An unknown layout name lists the bundled layouts.
"$QREPORT" --layout fancy --out "$tmp/out5" "$example" 2>"$tmp/err5"
check "an unknown layout name exits with status 1" test $? -eq 1
check "and lists the bundled layouts" grep -q "unknown layout 'fancy'; expected independence or plain" "$tmp/err5"

# An output folder that cannot be written: exit 3, nothing left behind.
mkdir -p "$tmp/locked"
chmod a-w "$tmp/locked"
if touch "$tmp/locked/probe" 2>/dev/null; then
	rm -f "$tmp/locked/probe"
	echo "# running as a user who can write anywhere: a file stands in for the folder"
	: >"$tmp/notadir"
	target="$tmp/notadir"
else
	target="$tmp/locked"
fi
"$QREPORT" --format pdf --out "$target" "$example" 2>"$tmp/err6"
check "an unwritable output folder exits with status 3" test $? -eq 3
check "and says why" grep -q "error: " "$tmp/err6"
check "and leaves no file" test -z "$(ls -A "$tmp/locked")"

exit $failed
