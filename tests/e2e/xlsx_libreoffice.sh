#!/bin/bash
# The workbook as a spreadsheet program shows it: LibreOffice (headless)
# recalculates every formula, then exports each sheet to CSV as the cells are
# shown. The shown figures must be the strings the PDF prints (the reader
# texts of `qreport --dump`), and the recalculated formulas must agree with
# the values the workbook caches.
set -u
QREPORT=${QREPORT:-build/qreport}
failed=0
ok() { echo "ok - $*"; }
not_ok() {
	echo "not ok - $*"
	failed=1
}

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
	echo "skip - LibreOffice recalculation: no LibreOffice (Debian package libreoffice-calc-nogui)"
	exit 0
fi
if [ ! -x "$QREPORT" ]; then
	not_ok "$QREPORT is built"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-lo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Private LibreOffice profiles: "recalc" recalculates OOXML formulas on load
# (OOXMLRecalcMode 0 = always), so its CSV shows LibreOffice's own results;
# "cached" never does (1), so its CSV shows the values the workbook caches.
make_profile() { # folder, mode
	mkdir -p "$1/user"
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
		echo '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>'"$2"'</value></prop></item>'
		echo '</oor:items>'
	} >"$1/user/registrymodifications.xcu"
}
make_profile "$tmp/recalc" 0
make_profile "$tmp/cached" 1

# to_csv PROFILE XLSX OUTDIR: every sheet to OUTDIR/NAME-SHEET.csv. Field 12
# = -1 exports every sheet; 76 is UTF-8; field 9 true keeps cells as shown.
to_csv() {
	timeout 180 "$soffice" -env:UserInstallation="file://$1" --headless --norestore \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1' \
		--outdir "$3" "$2"
}

# shown_as_report NAME DATA OUT: every figure the History and Measures
# sheets show after LibreOffice recalculates (OUT/csv) is the text the
# report gives readers (`qreport --facts`): actuals, amounts compared,
# targets compared, a range's two ends and allowed misses, in every kind of
# measure. A duration's allowed miss is in seconds in the workbook, as its
# variance is ("33 s" where the report says "0:33 min").
shown_as_report() {
	if ! "$QREPORT" --facts "$2" >"$3/facts.json" 2>/dev/null; then
		not_ok "$1: --facts runs"
		return
	fi
	/usr/bin/python3 - "$1" "$3" <<'PY' || failed=1
import csv, json, os, re, sys

name, out = sys.argv[1], sys.argv[2]
facts = json.load(open(os.path.join(out, "facts.json"), encoding="utf-8"))

def sheet(s):
    with open(os.path.join(out, "csv", "%s-%s.csv" % (name, s)), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    h = {v: i for i, v in enumerate(rows[0])}
    return h, [r for r in rows[1:] if r and r[0]]

def seconds(text):
    """ "0:33 min" -> "33 s", "1:02:03 h" -> "3723 s"; seconds stay. """
    if not text or text.endswith(" s"):
        return text
    m = re.match(r"^(?:(\d+):)?(\d+):(\d\d) (?:min|h)$", text)
    if not m:
        return text
    h, mm, ss = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
    return "%d s" % (h * 3600 + mm * 60 + ss)

RANGES = ("between", "more than; at most", "at least; less than", "more than; less than")

def wanted(m, hp):
    duration = m["unit"] == "duration"
    return [("Actual", hp.get("actual")), ("Compared amount", hp.get("compared")),
            ("Target compared", hp.get("target_amount")),
            ("Allowed miss", seconds(hp.get("allowed_miss")) if duration else hp.get("allowed_miss"))]

units = {}
h, rows = sheet("Definitions")
for r in rows:
    units[r[h["Measure ID"]]] = r[h["Unit"]]
bad, n = [], 0
h, rows = sheet("History")
got = {(r[h["Measure ID"]], r[h["Period"]]): r for r in rows}
for m in facts["measures"]:
    m["unit"] = units.get(m["id"])
    for hp in m["history"]:
        r = got.get((m["id"], hp["period"]))
        if r is None:
            bad.append("%s %s: no History row" % (m["id"], hp["period"]))
            continue
        for col, want in wanted(m, hp):
            n += 1
            if r[h[col]] != (want or ""):
                bad.append("%s %s %s shows %r, the report %r" % (m["id"], hp["period"], col, r[h[col]], want))
        # A range's two ends are the report's "15.0% to 20.0%".
        if r[h["Target upper end"]] or r[h["Comparison"]] in RANGES:
            n += 1
            if "%s to %s" % (r[h["Target compared"]], r[h["Target upper end"]]) != hp.get("target"):
                bad.append("%s %s range %r to %r, the report %r" % (m["id"], hp["period"], r[h["Target compared"]],
                                                                r[h["Target upper end"]], hp.get("target")))
h, rows = sheet("Measures")
got = {r[h["Measure ID"]]: r for r in rows}
for m in facts["measures"]:
    hp = next((x for x in m["history"] if x["period"] == m.get("judged", facts["report"]["period"])), None)
    r = got.get(m["id"])
    if r is None or hp is None:
        bad.append("%s: no Measures row or judged period" % m["id"])
        continue
    for col, want in wanted(m, hp):
        n += 1
        if r[h[col]] != (want or ""):
            bad.append("%s %s shows %r, the report %r" % (m["id"], col, r[h[col]], want))
for b in bad[:12]:
    print("# " + b)
ok = n > 0 and not bad
print(("ok - " if ok else "not ok - ") + "%s: History and Measures show the report's actuals, targets and allowed misses (%d figures)" % (name, n))
sys.exit(0 if ok else 1)
PY
}

for ex in examples/independence-fy2018-q1.xml examples/riverbend-fy2025-q3.xml; do
	name=$(basename "$ex" .xml)
	out=$tmp/$name
	mkdir -p "$out"
	if ! "$QREPORT" --dump "$ex" >"$out/dump.txt" 2>"$out/err.txt"; then
		not_ok "$name: --dump runs"
		continue
	fi
	if ! "$QREPORT" --format xlsx --out "$out" "$ex" 2>>"$out/err.txt"; then
		not_ok "$name: the workbook is written"
		sed 's/^/# /' "$out/err.txt" | head -n 10
		continue
	fi
	if ! to_csv "$tmp/recalc" "$out/$name.xlsx" "$out/csv" >"$out/lo.txt" 2>&1 ||
		! to_csv "$tmp/cached" "$out/$name.xlsx" "$out/cached" >>"$out/lo.txt" 2>&1; then
		not_ok "$name: LibreOffice converts the workbook"
		sed 's/^/# /' "$out/lo.txt" | head -n 10
		continue
	fi
	ok "$name: LibreOffice opens and converts the workbook"
	# Every formula's cached value is what a spreadsheet computes.
	same=1
	for s in Summary Measures History "Status by period" Charts; do
		if [ ! -s "$out/csv/$name-$s.csv" ] || ! cmp -s "$out/csv/$name-$s.csv" "$out/cached/$name-$s.csv"; then
			same=0
			diff "$out/cached/$name-$s.csv" "$out/csv/$name-$s.csv" 2>&1 | head -n 6 | sed 's/^/# /'
		fi
	done
	if [ "$same" = 1 ]; then
		ok "$name: recalculated formulas show the values the workbook caches"
	else
		not_ok "$name: recalculated formulas show the values the workbook caches"
	fi
	shown_as_report "$name" "$ex" "$out"

	/usr/bin/python3 - "$out" "$name" <<'PY' || failed=1
import csv, os, re, sys

out, name = sys.argv[1], sys.argv[2]
failed = False

def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + name + ": " + what)
    if not cond:
        failed = True

def sheet(s):
    path = os.path.join(out, "csv", "%s-%s.csv" % (name, s))
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return list(csv.reader(f))

sheets = {s: sheet(s) for s in ("Summary", "Measures", "History", "Status by period", "Charts",
                                "Definitions", "Benchmarks", "Narrative", "Chart data", "About")}
check(all(v is not None for v in sheets.values()), "every sheet exports to CSV")
if failed:
    sys.exit(1)

Q = r'"((?:[^"\\]|\\.)*)"'
def unq(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)

# What the PDF prints, from --dump: per measure, the reader texts.
dump = open(os.path.join(out, "dump.txt"), encoding="utf-8").read().splitlines()
measures, order, m, period = {}, [], None, None
counts = {}
for line in dump:
    s = line.strip()
    if line.startswith("  measure "):
        mid = s.split()[1]
        m = measures[mid] = {"periods": {}, "changes": [], "targets": {}, "bench": []}
        order.append(mid)
    elif line.startswith("goal ") or line == "narrative":
        m = None
    elif line.startswith("  counts:") and m is None and not counts:
        counts = dict((k, int(v)) for k, v in re.findall(r"(met|under|not-met|no-data) (\d+)", s))
    elif m is None:
        continue
    elif s.startswith("unit: "):
        m["unit"] = s.split()[1].rstrip(",")
    elif s.startswith("target: ") and line.startswith("    target"):
        mm = re.match(r"target: \S+ \S+ " + Q + r" per (\w+), .*line (\d+)$", s)
        m["targets"][mm.group(3)] = (unq(mm.group(1)), mm.group(2))
    elif s.startswith("benchmark: "):
        mm = re.match(r"benchmark: " + Q + r" \S+ " + Q, s)
        m["bench"].append(unq(mm.group(2)))
    elif s.startswith("period "):
        period = m["periods"][s.split()[1]] = {"report": "(report period)" in s}
    elif s.startswith("actual: "):
        mm = re.match(r"actual: \S+ " + Q, s)
        period["actual"] = unq(mm.group(1)) if mm else ""
    elif s.startswith("target: "):
        mm = re.match(r"target: \S+ \S+ " + Q + r" from " + Q + r", line (\d+)", s)
        period["target"] = unq(mm.group(1)) if mm else ""
        period["target_line"] = mm.group(3) if mm else None
    elif s.startswith("compared: "):
        mm = re.match(r"compared: \S+ " + Q, s)
        period["compared"] = unq(mm.group(1)) if mm else ""
        period["ytd"] = s.endswith("year to date")
    elif s.startswith("change vs "):
        mm = re.match(r"change vs \S+: previous \S+ " + Q + r", delta \S+ " + Q + r".*, (\w+)$", s)
        only = re.match(r"change vs \S+: previous \S+ " + Q + r", \(none\)", s)
        if mm:
            m["changes"].append((unq(mm.group(1)), unq(mm.group(2)), mm.group(3)))
        elif only:
            # No result this quarter: the earlier figure alone is shown.
            m["changes"].append((unq(only.group(1)), "", ""))
        else:
            m["changes"].append(None)

# ---- Measures: shown figures are the PDF's strings ----
rows = sheets["Measures"]
h = {v: i for i, v in enumerate(rows[0])}
by_id = {r[h["Measure ID"]]: r for r in rows[1:] if len(r) > 1 and r[h["Measure ID"]]}
check(list(by_id) == order, "Measures lists every measure in order")
bad = []
for mid in order:
    r, d = by_id.get(mid), measures[mid]
    if r is None:
        continue
    cur = next(p for p in d["periods"].values() if p["report"])
    pairs = [("Actual", cur.get("actual", ""))]
    if cur.get("target_line"):
        whole, per = d["targets"][cur["target_line"]]
        pairs.append(("Target compared", cur["target"]))
        pairs.append(("Annual target", whole if per == "year" else ""))
        if cur.get("ytd"):
            pairs.append(("Year-to-date actual", cur["compared"]))
    for ch, prev, delta, trend in zip(d["changes"], ("Actual a year ago", "Actual last quarter"),
                                      ("Change on a year ago", "Change on last quarter"),
                                      ("Trend on a year ago", "Trend on last quarter")):
        if ch is None:
            pairs.append((prev, ""))
            continue
        pairs += [(prev, ch[0]), (trend, ch[2])]
        # The PDF writes duration changes as -0:15; the workbook keeps
        # them in seconds, because spreadsheets cannot show negative times.
        if d["unit"] != "duration":
            pairs.append((delta, ch[1]))
    for col, want in pairs:
        if r[h[col]] != want:
            bad.append("%s %s shows %r, the PDF %r" % (mid, col, r[h[col]], want))
for b in bad[:12]:
    print("# " + b)
check(not bad, "Measures shows the PDF's figures after LibreOffice recalculates")

# Every status cell shows a symbol and the layout's label.
legend = {}
about = sheets["About"]
for i, r in enumerate(about):
    if r and r[0] == "Status legend":
        for row in about[i + 2:i + 6]:
            legend[row[2]] = row[0]
labels = {v.split(" ", 1)[-1] for v in legend.values()}
status_cells = [r[h["Status"]] for r in rows[1:] if len(r) > 1 and r[h["Measure ID"]]]
check(status_cells and all(re.match(r"^\S+ ", s) and s.split(" ", 1)[1] in labels for s in status_cells),
      "each status shows a symbol before its label")
symbols = {s.split(" ", 1)[0] for s in legend.values()}
check(len(symbols) == 4, "the four statuses have four different symbols %r" % sorted(symbols))

# ---- History: per period figures and ISO dates ----
rows = sheets["History"]
hh = {v: i for i, v in enumerate(rows[0])}
bad = []
n = 0
for r in rows[1:]:
    if len(r) < 2 or not r[0]:
        continue
    n += 1
    p = measures.get(r[hh["Measure ID"]], {"periods": {}})["periods"].get(r[hh["Period"]])
    if p is None:
        bad.append("unexpected row %r" % r[:5])
        continue
    if r[hh["Actual"]] != p.get("actual", "") or r[hh["Target compared"]] != p.get("target", ""):
        bad.append("%s %s: %r %r, the PDF %r %r" % (r[0], r[hh["Period"]], r[hh["Actual"]],
                   r[hh["Target compared"]], p.get("actual"), p.get("target")))
    if not (re.match(r"^\d{4}-\d\d-\d\d$", r[hh["Start"]]) and re.match(r"^\d{4}-\d\d-\d\d$", r[hh["End"]])):
        bad.append("%s %s dates %r %r" % (r[0], r[hh["Period"]], r[hh["Start"]], r[hh["End"]]))
for b in bad[:12]:
    print("# " + b)
check(n == sum(len(d["periods"]) for d in measures.values()), "History has every measure and period (%d)" % n)
check(not bad, "History shows the PDF's figures and real dates")

# ---- Summary: the recalculated totals are the report's counts ----
rows = sheets["Summary"]
total = next((r for r in rows if r and r[0] == "All goals"), None)
want = [str(counts.get(k, 0)) for k in ("met", "under", "not-met", "no-data")]
want.append(str(sum(counts.values())))
check(total is not None and total[1:6] == want,
      "Summary totals recalculate to the report's counts %r (got %r)" % (want, total and total[1:6]))
sys.exit(1 if failed else 0)
PY
done

# The kinds of measure and the cases that once read untrue: every formula
# recalculates to the value the workbook caches.
for data in examples/harmon-falls-fy2025-q2.xml tests/data/kinds.xml tests/data/truths.xml; do
	name=$(basename "$data" .xml)
	out=$tmp/$name
	mkdir -p "$out"
	if ! "$QREPORT" --format xlsx --out "$out" "$data" 2>"$out/err.txt" ||
		! to_csv "$tmp/recalc" "$out/$name.xlsx" "$out/csv" >"$out/lo.txt" 2>&1 ||
		! to_csv "$tmp/cached" "$out/$name.xlsx" "$out/cached" >>"$out/lo.txt" 2>&1; then
		not_ok "$name: the workbook is written and LibreOffice converts it"
		continue
	fi
	same=1
	for s in Summary Measures History "Status by period" Charts; do
		if [ ! -s "$out/csv/$name-$s.csv" ] || ! cmp -s "$out/csv/$name-$s.csv" "$out/cached/$name-$s.csv"; then
			same=0
			diff "$out/cached/$name-$s.csv" "$out/csv/$name-$s.csv" 2>&1 | head -n 6 | sed 's/^/# /'
		fi
	done
	if [ "$same" = 1 ]; then
		ok "$name: recalculated formulas show the values the workbook caches"
	else
		not_ok "$name: recalculated formulas show the values the workbook caches"
	fi
	shown_as_report "$name" "$data" "$out"
done

# An analyst's edits, recalculated: a status changed on Measures moves the
# Summary's counts, one changed on History moves Status by period's, and a
# measure chosen in a goal chart's box brings its series beside the chart.
name=riverbend-fy2025-q3
out=$tmp/edit
mkdir -p "$out"
if "$QREPORT" --format xlsx --out "$out" examples/$name.xml 2>/dev/null &&
	/usr/bin/python3 - "$out/$name.xlsx" "$out/edited.xlsx" >"$out/plan.json" <<'PY' &&
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def header(ws):
    return {c.value: c.column for c in ws[1]}
ms, hs, cs = wb["Measures"], wb["History"], wb["Charts"]
h = header(ms)
row = 2  # the first measure: make it Goal Not Met whatever it was
was = ms.cell(row, h["Status"]).value
new = "Goal Not Met" if was != "Goal Not Met" else "Goal Met"
ms.cell(row, h["Status"]).value = new
goal = ms.cell(row, h["Goal"]).value
hh = header(hs)
hs.cell(2, hh["Status"]).value = new if hs.cell(2, hh["Status"]).value != new else was
hist = (hs.cell(2, hh["Goal ID"]).value, hs.cell(2, hh["Period"]).value, hs.cell(2, hh["Status"]).value)
# The first goal's box: choose its second measure.
box = cs["B2"].value
choices = [cs.cell(r, 1).value for r in range(1, cs.max_row + 1)
           if cs.cell(r, 3).hyperlink is not None]
second = next(c for c in choices if c != box)
cs["B2"].value = second
wb.save(sys.argv[2])
print(json.dumps({"goal": goal, "was": was, "new": new, "hist": hist, "second": second}))
PY
	to_csv "$tmp/recalc" "$out/edited.xlsx" "$out/csv" >"$out/lo.txt" 2>&1 &&
	to_csv "$tmp/recalc" "$out/$name.xlsx" "$out/before" >>"$out/lo.txt" 2>&1; then
	/usr/bin/python3 - "$out" <<'PY' || failed=1
import csv, json, os, sys
out = sys.argv[1]
plan = json.load(open(os.path.join(out, "plan.json")))
def sheet(folder, stem, s):
    with open(os.path.join(out, folder, "%s-%s.csv" % (stem, s)), encoding="utf-8") as f:
        return list(csv.reader(f))
failed = False
def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    failed |= not cond
labels = ["Goal Met", "Under Goal", "Goal Not Met", "No Data"]
def goal_row(rows, goal):
    return next(r for r in rows if r and r[0] == goal)
before = goal_row(sheet("before", "riverbend-fy2025-q3", "Summary"), plan["goal"])
after = goal_row(sheet("csv", "edited", "Summary"), plan["goal"])
want = list(before)
for label, step in ((plan["was"], -1), (plan["new"], +1)):
    i = 1 + labels.index(label)
    want[i] = str(int(want[i]) + step)
check(after[:6] == want[:6], "a status changed on Measures moves the Summary counts (%r -> %r)" % (before[:6], after[:6]))
g, p, st = plan["hist"]
b = next(r for r in sheet("before", "riverbend-fy2025-q3", "Status by period") if r[:1] == [g] and r[2] == p)
a = next(r for r in sheet("csv", "edited", "Status by period") if r[:1] == [g] and r[2] == p)
check(a != b and a[3 + labels.index(st)] == str(int(b[3 + labels.index(st)]) + 1),
      "a status changed on History moves Status by period (%r -> %r)" % (b[3:8], a[3:8]))
charts = sheet("csv", "edited", "Charts")
data = sheet("csv", "edited", "Chart data")
at = next(i for i, r in enumerate(data) if r and r[0] == plan["second"])
n = int(data[at][4])
labels_got = [r[0] for r in charts[8: 8 + n]]
check(charts[1][1] == plan["second"] and charts[2][1] == data[at][1]
      and labels_got == [r[1] for r in data[at + 2: at + 2 + n]],
      "choosing %s in the box brings its name and quarters beside the chart" % plan["second"])
# A quarter with a result plots a number, one without plots #N/A (a gap).
plotted = [(r[1] != "#N/A", r[2] != "#N/A") for r in charts[8: 8 + n]]
present = [(r[2] != "", r[3] != "") for r in data[at + 2: at + 2 + n]]
check(plotted == present and any(v for v, _ in plotted),
      "the chosen measure's results and targets are plotted where it has them")
sys.exit(1 if failed else 0)
PY
else
	not_ok "$name: an edited workbook is recalculated"
	sed 's/^/# /' "$out/lo.txt" 2>/dev/null | head -n 10
fi
exit $failed
