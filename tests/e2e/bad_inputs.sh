#!/bin/bash
# The catalogue of bad data files: each tests/bad/NAME.xml is checked with
# `qreport --check --out DIR tests/bad/NAME.xml`, which must exit 1, write
# nothing, and print exactly tests/bad/NAME.err on stderr.
#
# After changing a message on purpose, regenerate the expected output with
#   UPDATE=1 bash tests/e2e/bad_inputs.sh
# and read every changed .err file (git diff tests/bad) before committing it.
set -u
cd "$(dirname "$0")/../.."
QREPORT=${QREPORT:-build/qreport}
UPDATE=${UPDATE:-0}
# A file the external-entity case points at; its content must never show.
SECRET=/tmp/qreport-external-entity.secret
# The first line of /etc/passwd on every Unix, which the same case points at.
PASSWD_CANARY='root:x:0:0:'
# A refused file is refused before any expansion, so this is generous.
TIME_LIMIT=5

failures=0
say() { # ok?, what
	if [ "$1" = 0 ]; then
		echo "ok - $2"
	else
		echo "not ok - $2"
		failures=$((failures + 1))
	fi
}

if [ ! -x "$QREPORT" ]; then
	say 1 "$QREPORT is built"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-bad.XXXXXX")
secret_made=0
cleanup() {
	rm -rf "$tmp"
	[ "$secret_made" = 1 ] && rm -f "$SECRET"
}
trap cleanup EXIT
secret="qreport-secret-$$-$RANDOM$RANDOM"
if [ ! -e "$SECRET" ] || [ -O "$SECRET" ]; then
	printf '%s\n' "$secret" >"$SECRET" && secret_made=1
fi

count=0
for xml in tests/bad/*.xml; do
	name=$(basename "$xml" .xml)
	err=tests/bad/$name.err
	out=$tmp/out-$name
	mkdir -p "$out"
	start=$(date +%s%N)
	"$QREPORT" --check --out "$out" "$xml" >"$tmp/stdout" 2>"$tmp/stderr"
	status=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	count=$((count + 1))
	if [ "$UPDATE" = 1 ]; then
		cp "$tmp/stderr" "$err"
	fi

	[ "$status" = 1 ]
	say $? "$name: exit status 1 (got $status)"
	if [ -f "$err" ] && cmp -s "$tmp/stderr" "$err"; then
		say 0 "$name: stderr is $err"
	else
		say 1 "$name: stderr is $err"
		diff "$err" "$tmp/stderr" 2>&1 | sed 's/^/#   /' | head -n 20
	fi
	[ -z "$(ls -A "$out")" ]
	say $? "$name: nothing written to the output folder"
	[ ! -s "$tmp/stdout" ]
	say $? "$name: nothing on stdout"
	[ "$ms" -lt $((TIME_LIMIT * 1000)) ]
	say $? "$name: refused within $TIME_LIMIT s ($ms ms)"
	# Every line has the form FILE:LINE: error: ... naming the file as given.
	! grep -v -E "^tests/bad/$name\.xml(:[0-9]+)?: error: [^ ].*; expected .+" "$tmp/stderr" >/dev/null
	say $? "$name: every message reads FILE:LINE: error: what is wrong; expected what"
	if [ "$secret_made" = 1 ]; then
		! grep -q -e "$secret" -e "$PASSWD_CANARY" "$tmp/stdout" "$tmp/stderr"
		say $? "$name: no local file's content in the output"
	fi
done

[ "$count" -ge 40 ]
say $? "the catalogue has $count bad files"
for err in tests/bad/*.err; do
	[ -f "${err%.err}.xml" ]
	say $? "$err belongs to a data file"
done
[ "$secret_made" = 1 ]
say $? "the secret file $SECRET was planted for the external-entity case"

[ "$failures" = 0 ]
