#!/bin/bash
# Logos are checked whole when the layout is read: a broken image is a
# layout error with its line (exit 1, nothing written, no temporary file),
# found by --check --layout as well, and never a crash in a library; an
# image too large to draw is refused by its declared size, before decoding.
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-images.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
data=examples/independence-fy2018-q1.xml
stem=independence-fy2018-q1
images=$PWD/tests/bad-layouts/images

layout_with() { # image file, layout file to write
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<layout format="1">\n  <logo file="%s"/>\n</layout>\n' "$1" >"$2"
}

# ---- intact images are embedded ----
for img in good.png base.jpg; do
	layout_with "$images/$img" "$tmp/good.xml"
	"$QREPORT" --format pdf --layout "$tmp/good.xml" --out "$tmp/good-$img" "$data" 2>"$tmp/err"
	check "$img: a run with it succeeds (exit $?)" [ $? -eq 0 ]
	check "$img: the PDF holds an image" bash -c "pdfimages -list '$tmp/good-$img/$stem.pdf' | grep -q image"
done

# ---- broken images: refused, never a crash ----
for img in bad-crc.png truncated.png empty.png palette-without-plte.png huge-declared.png \
	interlaced.png truncated.jpg huge-declared.jpg padded.jpg; do
	layout_with "$images/$img" "$tmp/bad.xml"
	"$QREPORT" --check --layout "$tmp/bad.xml" "$data" >/dev/null 2>"$tmp/err"
	status=$?
	check "$img: --check --layout refuses it (exit $status)" [ "$status" -eq 1 ]
	check "$img: --check names the layout's line" grep -q "^$tmp/bad.xml:3: error: logo file " "$tmp/err"
	out=$tmp/out-$img
	mkdir -p "$out"
	"$QREPORT" --layout "$tmp/bad.xml" --out "$out" "$data" >/dev/null 2>"$tmp/err"
	status=$?
	check "$img: a run stops with exit 1, not a crash (got $status)" [ "$status" -eq 1 ]
	check "$img: every message is the program's" \
		bash -c "! grep -Evq '^[^ ]+(:[0-9]+)?: (error|warning|note): ' '$tmp/err'"
	check "$img: nothing is written, no temporary file" [ -z "$(ls -A "$out")" ]
done

# ---- a real 20000 x 20000 PNG is refused before it is decoded ----
/usr/bin/python3 - "$tmp/huge.png" <<'PY'
import struct, sys, zlib
w = h = 20000
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
z = zlib.compressobj(9)
row = b"\0" * (w + 1)
idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
PY
layout_with "$tmp/huge.png" "$tmp/huge.xml"
start=$(date +%s%N)
"$QREPORT" --check --layout "$tmp/huge.xml" "$data" >/dev/null 2>"$tmp/err"
status=$?
ms=$((($(date +%s%N) - start) / 1000000))
check "a 20000 x 20000 PNG: refused (exit $status)" [ "$status" -eq 1 ]
check "a 20000 x 20000 PNG: the message gives the size and the limit" \
	grep -q "20000 by 20000 pixels; expected at most 4096 pixels a side" "$tmp/err"
check "a 20000 x 20000 PNG: refused within 2 s ($ms ms), before decoding" [ "$ms" -lt 2000 ]

exit $failed
