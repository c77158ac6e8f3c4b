#!/bin/bash
# `make install PREFIX=…` gives a program that finds its layouts and fonts
# on its own, run from anywhere, with its manual page beside it.
set -u
top=$(pwd)
build=${QREPORT_BUILD:?}
fails=0
ok() { echo "ok - $1"; }
notok() { echo "not ok - $1"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }

case $build in
*-asan) echo "# install is checked once, with the normal build"; exit 0 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

check "make install succeeds" \
	"make -s -C '$top' BUILD='$build' PREFIX='$prefix' install >'$tmp/install.log' 2>&1"
check "the program is installed" "[ -x '$prefix/bin/qreport' ]"
check "the manual page is installed" "[ -f '$prefix/share/man/man1/qreport.1' ]"
check "the bundled layouts are installed" \
	"[ -f '$prefix/share/qreport/layouts/independence.xml' ] && [ -f '$prefix/share/qreport/layouts/plain.xml' ]"
check "fonts are installed as files, not links into the source tree" \
	"[ -f '$prefix/share/qreport/fonts/OpenSans-Regular.ttf' ] && [ ! -L '$prefix/share/qreport/fonts/OpenSans-Regular.ttf' ]"
check "the schema is installed for editors" "[ -f '$prefix/share/qreport/schema/report-1.xsd' ]"

# Run from an unrelated folder with a copy of the data, so nothing can be
# found relative to the source tree or the working directory.
mkdir -p "$tmp/elsewhere"
cp examples/independence-fy2018-q1.xml "$tmp/elsewhere/"
(
	cd "$tmp/elsewhere" &&
	env -u QREPORT_DATADIR "$prefix/bin/qreport" --layout independence --out result \
		independence-fy2018-q1.xml
) >"$tmp/run.log" 2>&1
check "the installed program writes the report with a bundled layout" \
	"[ -s '$tmp/elsewhere/result/independence-fy2018-q1.pdf' ] && [ -s '$tmp/elsewhere/result/independence-fy2018-q1.xlsx' ]"
check "the installed program prints no warnings" "[ ! -s '$tmp/run.log' ]"
check "the installed report embeds its fonts" \
	"pdffonts '$tmp/elsewhere/result/independence-fy2018-q1.pdf' | awk 'NR>2 && \$5 != \"yes\" {bad=1} END {exit bad}'"
check "the installed report is the same as the one from the source tree" \
	"'$QREPORT' --layout independence --out '$tmp/src' examples/independence-fy2018-q1.xml 2>/dev/null && cmp -s '$tmp/src/independence-fy2018-q1.pdf' '$tmp/elsewhere/result/independence-fy2018-q1.pdf'"
check "man renders the installed page" "man -l '$prefix/share/man/man1/qreport.1' >/dev/null 2>&1 || ! command -v man >/dev/null"
make -s -C "$top" BUILD="$build" PREFIX="$prefix" uninstall >/dev/null 2>&1
check "make uninstall removes what install put there" \
	"[ ! -e '$prefix/bin/qreport' ] && [ ! -e '$prefix/share/qreport' ]"
[ "$fails" -eq 0 ]
