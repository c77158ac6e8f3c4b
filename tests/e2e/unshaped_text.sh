#!/bin/bash
# The PDF library places glyphs left to right and cannot shape text. So text
# is made NFC (a letter and its combining accent become the precomposed
# letter), and what still cannot be drawn as written (right-to-left
# letters, combining marks with no precomposed letter) is warned about with
# its file and line, from the data file and from the layout alike.
set -u
QREPORT=${QREPORT:-build/qreport}
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-unshaped.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

data=$tmp/words.xml
# Line numbers matter below: the title is on line 4, the measure's name on
# line 8 (where its element starts), the commentary on line 11.
printf '%s\n' \
	'<?xml version="1.0" encoding="UTF-8"?>' \
	'<report format="1"><meta>' \
	'<organization>City of Example</organization>' \
	'<title>Dashboard שלום</title>' \
	'<fiscal-year start-month="7" named-by="end"/><period>FY2018-Q1</period>' \
	'</meta><goals><goal id="g" name="Goal">' \
	'<measure id="m" unit="count">' \
	'<name>' \
	'Cafe'$'\xcc\x81'' visits مرحبا</name>' \
	'<target at-least="1"/><value period="FY2018-Q1" actual="2"/>' \
	'<commentary>Rated x'$'\xcc\x81'' by visitors.</commentary>' \
	'</measure></goal></goals></report>' >"$data"
printf '%s\n' \
	'<?xml version="1.0" encoding="UTF-8"?>' \
	'<layout format="1">' \
	'  <statuses><status name="met" label="Met מטרה"/></statuses>' \
	'</layout>' >"$tmp/layout.xml"

"$QREPORT" --layout "$tmp/layout.xml" --out "$tmp/out" "$data" >/dev/null 2>"$tmp/err"
status=$?
check "the run succeeds with warnings (exit $status)" [ "$status" -eq 0 ]
check "Hebrew in the title: a warning on its line" \
	grep -q "^$data:4: warning: Hebrew text (U+05E9) is drawn left to right" "$tmp/err"
check "Arabic in a name: a warning on its line, naming the unjoined letters" \
	grep -q "^$data:8: warning: Arabic text (U+0645) is drawn left to right in the PDF, its letters unjoined" "$tmp/err"
check "a combining mark with no precomposed letter: a warning on its line" \
	grep -q "^$data:11: warning: the combining mark U+0301 has no precomposed letter" "$tmp/err"
check "an accent that composes (e and U+0301) is no warning on its line" \
	bash -c "! grep -q '^$data:8: warning: the combining mark' '$tmp/err'"
check "Hebrew in a layout's status label: a warning on the layout's line" \
	grep -q "^$tmp/layout.xml:3: warning: Hebrew text (U+05DE) is drawn left to right" "$tmp/err"
pdftotext "$tmp/out/words.pdf" "$tmp/text" 2>/dev/null
check "the PDF shows the precomposed letter (U+00E9)" grep -q $'Caf\xc3\xa9 visits' "$tmp/text"
check "the PDF does not show e and a separate accent" bash -c "! grep -q $'Cafe\xcc\x81' '$tmp/text'"
"$QREPORT" --quiet --layout "$tmp/layout.xml" --out "$tmp/out" "$data" >/dev/null 2>"$tmp/err"
check "--quiet silences them" [ ! -s "$tmp/err" ]
exit $failed
