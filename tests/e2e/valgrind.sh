#!/bin/bash
# Every example, end to end under valgrind: no memory errors and no leaks of
# any kind, still-reachable blocks included. The -asan pass checks the same
# things its own way, and valgrind cannot run a sanitized binary.
set -u
case ${QREPORT_BUILD:-} in
*-asan)
	echo "# valgrind runs in the first pass (ASan checks this build)"
	exit 0
	;;
esac
QREPORT=${QREPORT:-build/qreport}
export SOURCE_DATE_EPOCH=1510531200

if ! command -v valgrind >/dev/null; then
	echo "not ok - valgrind is installed (make setup)"
	exit 1
fi
if [ ! -x "$QREPORT" ]; then
	echo "not ok - $QREPORT is built"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-valgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0
for data in examples/*.xml; do
	name=$(basename "$data" .xml)
	valgrind --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all \
		--suppressions=tests/valgrind.supp \
		--error-exitcode=99 --log-file="$tmp/$name.log" \
		"$QREPORT" --layout independence --out "$tmp/out" "$data" >/dev/null 2>"$tmp/$name.err"
	status=$?
	if [ "$status" -eq 0 ] && [ -s "$tmp/out/$name.pdf" ] && [ -s "$tmp/out/$name.xlsx" ]; then
		echo "ok - $data under valgrind: no errors, no leaks, both files written"
	else
		echo "not ok - $data under valgrind (exit status $status; 99 means valgrind found errors)"
		sed 's/^/# /' "$tmp/$name.err" | head -n 10
		grep -E 'ERROR SUMMARY|definitely|indirectly|possibly|still reachable|Invalid|uninitialised|at 0x|by 0x' \
			"$tmp/$name.log" | head -n 40 | sed 's/^/# /'
		failed=1
	fi
done
exit $failed
