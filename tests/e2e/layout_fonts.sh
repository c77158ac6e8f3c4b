#!/bin/bash
# A damaged font is named as damaged, with the layout's line, when the
# layout is read (--check --layout too), never as a font whose licence
# forbids embedding, and never embedded. The damaged fonts are made here
# from a copy of DejaVu Sans; no font is kept in the project.
set -u
QREPORT=${QREPORT:-build/qreport}
failed=0
ok() { echo "ok - $*"; }
not_ok() {
	echo "not ok - $*"
	failed=1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-fonts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
data=examples/independence-fy2018-q1.xml
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ ! -f "$font" ]; then
	not_ok "$font exists (fonts-dejavu-core)"
	exit 1
fi

/usr/bin/python3 - "$font" "$tmp" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
out = sys.argv[2]
tables = {}
for i in range(struct.unpack(">H", d[4:6])[0]):
    rec = d[12 + 16 * i:28 + 16 * i]
    tables[rec[:4].decode()] = struct.unpack(">II", rec[8:16])

def damaged(name, table, fill):
    b = bytearray(d)
    off, n = tables[table]
    b[off:off + n] = fill * n
    open(f"{out}/{name}.ttf", "wb").write(bytes(b))

open(f"{out}/cut-short.ttf", "wb").write(d[:len(d) * 6 // 10])
damaged("os2-scrambled", "OS/2", b"\xff")
damaged("head-zeroed", "head", b"\x00")
damaged("loca-scrambled", "loca", b"\xff")
PY

for case in "cut-short:lies past the end of the file" \
	"os2-scrambled:'OS/2' table does not read" \
	"head-zeroed:lacks the TrueType magic number" \
	"loca-scrambled:glyph locations do not fit"; do
	name=${case%%:*}
	want=${case#*:}
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<layout format="1">\n  <fonts><font face="regular" file="%s"/></fonts>\n</layout>\n' \
		"$tmp/$name.ttf" >"$tmp/$name.xml"
	"$QREPORT" --check --layout "$tmp/$name.xml" "$data" >/dev/null 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] && ok "$name: --check --layout refuses it" || not_ok "$name: --check --layout refuses it (exit $status)"
	if grep -q "^$tmp/$name.xml:3: error: font file $tmp/$name.ttf is a damaged font file (.*$want" "$tmp/err"; then
		ok "$name: named damaged ($want), on the layout's line"
	else
		not_ok "$name: named damaged ($want), on the layout's line; got: $(head -n 1 "$tmp/err")"
	fi
	grep -q "licence" "$tmp/err" && not_ok "$name: not blamed on its licence" || ok "$name: not blamed on its licence"
	mkdir -p "$tmp/out-$name"
	"$QREPORT" --format pdf --layout "$tmp/$name.xml" --out "$tmp/out-$name" "$data" >/dev/null 2>&1
	status=$?
	[ "$status" -eq 1 ] && [ -z "$(ls -A "$tmp/out-$name")" ] && ok "$name: a run writes nothing (exit 1)" || not_ok "$name: a run writes nothing (exit $status)"
done
# Characters no font has: each warning names the file the character came
# from, the layout's own words on the layout's line, never the data file.
printf '<?xml version="1.0" encoding="UTF-8"?>\n<layout format="1">\n  <header left="{organization} \xea\x94\x80 report" right="{title}"/>\n  <footer left="Page {page} \xea\x94\x81" right=""/>\n</layout>\n' >"$tmp/chars.xml"
"$QREPORT" --format pdf --layout "$tmp/chars.xml" --out "$tmp/out-chars" "$data" >/dev/null 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] && ok "a layout's character no font has: the run succeeds" || not_ok "a layout's character no font has: the run succeeds (exit $status)"
grep -q "^$tmp/chars.xml:3: warning: character U+A500" "$tmp/err" && ok "the header's character is blamed on the layout's header line" || not_ok "the header's character is blamed on the layout's header line"
grep -q "^$tmp/chars.xml:4: warning: character U+A501" "$tmp/err" && ok "the footer's character is blamed on the layout's footer line" || not_ok "the footer's character is blamed on the layout's footer line"
grep -q "^$data.*U+A50" "$tmp/err" && not_ok "no layout character is blamed on the data file" || ok "no layout character is blamed on the data file"
[ "$(grep -c 'U+A500' "$tmp/err")" -eq 1 ] && ok "said once, not once per page" || not_ok "said once, not once per page"
exit $failed
