#!/bin/bash
# The accessible PDF, for every example data file with every bundled layout:
# tagged (poppler says so), with the catalog entries and XMP metadata of
# PDF/UA-1, a structure tree that reads headings, paragraphs, tables and
# figure alternatives in reading order (poppler's pdfinfo -struct-text and
# Firefox's pdf.js, through tests/pdfjs/check-structure.mjs), still a sound
# file (qpdf --check) and byte-identical from run to run. Whether the pages
# look exactly as they would untagged is checked by the unit test
# test_pdf_tag. Run from the top of the source tree with $QREPORT naming
# the program; prints one "ok - ..." or "not ok - ..." per check.
set -u
QREPORT=${QREPORT:-build/qreport}
LAYOUTS="independence plain"
PY=/usr/bin/python3

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

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qreport-tagged.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# pdf.js comes from npm, pinned by tests/pdfjs/package-lock.json; set-up
# installs it, and so does this test when it is missing.
have_pdfjs=true
if [ ! -d tests/pdfjs/node_modules/pdfjs-dist ]; then
	if ! npm ci --prefix tests/pdfjs --no-audit --no-fund --loglevel=error >"$tmp/npm.log" 2>&1; then
		have_pdfjs=false
		not_ok "pdf.js installs with npm ci --prefix tests/pdfjs ($(tail -n 1 "$tmp/npm.log"))"
	fi
fi

# The reading-order checks that need the data file: what the structure tree
# says, in order, against the measures, goals and statuses of the data.
# Arguments: data file, layout name, pdfinfo -struct-text output, pdf.js
# reading-order list, tag for the messages.
reading_order() {
	"$PY" - "$@" <<'EOF'
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

data, layout, struct_file, order_file, tag = sys.argv[1:6]
QREPORT = __import__("os").environ.get("QREPORT", "build/qreport")
failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + f"{tag}: {what}")
    failed += not cond


def collapse(s):
    return re.sub(r"\s+", " ", s or "").strip()


def in_order(items, needles, match):
    """The first needle with no match after the previous one's, or None."""
    i = 0
    for n in needles:
        while i < len(items) and not match(items[i], n):
            i += 1
        if i == len(items):
            return n
        i += 1
    return None


root = ET.parse(data).getroot()
goals = [collapse(g.get("name")) for g in root.iter("goal")]
measures = [collapse(m.findtext("name")) for m in root.iter("measure") if m.get("id")]
labels = {"met": "Goal Met", "under": "Under Goal", "not-met": "Goal Not Met", "no-data": "No Data"}
statuses = ET.parse(f"layouts/{layout}.xml").getroot().find("statuses")
for s in statuses if statuses is not None else []:
    if s.get("label"):
        labels[s.get("name")] = s.get("label")

# poppler's view: each element and the text of its content, indented.
elems = []  # [role, depth, text]
for line in open(struct_file, encoding="utf-8"):
    depth = len(line) - len(line.lstrip(" "))
    body = line.strip()
    m = re.match(r'^"(.*)"$', body)
    if m:
        # Text belongs to every open element deeper than nothing: the
        # innermost ones (a Link in a heading) and their ancestors.
        for e in elems:
            if e[3]:
                e[2] += " " + m.group(1)
        continue
    m = re.match(r"^([A-Za-z0-9]+)\b", body)
    if not m or body.startswith("/"):
        continue
    for e in elems:
        if e[1] >= depth:
            e[3] = False
    elems.append([m.group(1), depth, "", True])
headings = [(r, collapse(t)) for r, _, t, _ in elems if re.fullmatch(r"H[1-6]", r)]
check(headings and headings[0][0] == "H1" and any(t for _, t in headings),
      f"pdfinfo -struct-text lists headings, the first an H1 ({len(headings)} headings)")
lost = in_order(headings, goals, lambda h, n: n in h[1])
check(goals and lost is None, "every goal is a heading, in data-file order" +
      (f" (lost at '{lost}')" if lost else ""))
lost = in_order(headings, measures, lambda h, n: h[1] == n)
check(measures and lost is None, "every measure's name is a heading, in data-file order" +
      (f" (lost at '{lost}')" if lost else ""))
sections = [s for n in root.iter("narrative") for s in n.iter("section")]
titles = [collapse(s.get("title")) for s in sections]
lost = in_order(headings, titles, lambda h, n: h[1] == n)
check(titles and lost is None, "every narrative section's title is a heading, in order" +
      (f" (lost at '{lost}')" if lost else ""))
paras = [collapse(t) for r, _, t, _ in elems if r == "P" and collapse(t)]
narrative = [collapse("".join(p.itertext()))[:40] for s in sections for p in s.findall("p")]
lost = in_order(paras, narrative, lambda p, n: n in p)
check(narrative and lost is None,
      f"every narrative paragraph is a P, in order ({len(narrative)} paragraphs)" +
      (f" (lost at '{lost}')" if lost else ""))

# Tables, from poppler's whole tree: a header cell in each, data cells after.
tables = []
for i, (role, depth, _, _) in enumerate(elems):
    if role != "Table":
        continue
    inside = []
    for r, d, t, _ in elems[i + 1:]:
        if d <= depth:
            break
        inside.append((r, collapse(t)))
    tables.append(inside)
bad = [i for i, t in enumerate(tables)
       if not any(r == "TH" and txt for r, txt in t) or not any(r == "TD" for r, _ in t)]
check(tables and not bad, f"every table has header cells with text and data cells ({len(tables)} tables)" +
      (f" (not tables {bad[:5]})" if bad else ""))
th = [t for table in tables for r, t in table if r == "TH"]
missing = [m for m in measures if not any(m in t for table in tables for _, t in table)]
check(not missing, "the tables name every measure" + (f" (missing {missing[:3]})" if missing else ""))

# Figure alternatives, from pdf.js, in reading order.
figures = [line.rstrip("\n").split("\t", 1)[1] for line in open(order_file, encoding="utf-8")
           if line.startswith("Figure\t")]
icons = [f for f in figures if f in labels.values()]
charts = [f for f in figures if f not in labels.values()]
shown = {s for s in subprocess.run([QREPORT, "--check", data], capture_output=True, text=True)
         .stdout.split() if s in labels}
# A status icon sits beside its word, so it is decoration: were it a
# figure too, a screen reader would say the status twice.
check(not icons, "status icons beside their words are not figures, so each status is read once" +
      (f" ({len(icons)} read as figures)" if icons else ""))
words = " ".join(line.rstrip("\n").split("\t", 1)[-1] for line in open(order_file, encoding="utf-8")
                 if not line.startswith("Figure\t"))
unread = sorted(labels[s] for s in shown if labels[s] not in words)
check(shown and not unread, f"every status readers see is read as words ({len(shown)} statuses)" +
      (f" (not read: {unread})" if unread else ""))
# Which measure each chart shows: the longest measure name its alternative
# names (one name can contain another).
named = []
for f in charts:
    found = [i for i, m in enumerate(measures) if m in f]
    named.append(max(found, key=lambda i: len(measures[i])) if found else None)
stray = [f for f, i in zip(charts, named) if i is None]
check(not stray, f"every other figure is a chart whose alternative names its measure ({len(charts)} charts)" +
      (f" ({stray[:2]})" if stray else ""))
known = [i for i in named if i is not None]
check(known == sorted(known) and len(set(known)) == len(known),
      "charts come in data-file order, one per measure at most")
terse = [f for f in charts if not re.search(r"\d", f)]
check(not terse, "chart alternatives give the values" + (f" ({terse[:2]})" if terse else ""))
sys.exit(1 if failed else 0)
EOF
}

check_one() { # example, layout
	local example=$1 layout=$2
	local stem tag out1 out2 pdf
	stem=$(basename "$example" .xml)
	tag="$stem with $layout"
	out1=$tmp/$stem-$layout-1
	out2=$tmp/$stem-$layout-2
	if ! "$QREPORT" --layout "$layout" --format pdf --out "$out1" "$example" 2>"$tmp/err" ||
		! "$QREPORT" --layout "$layout" --format pdf --out "$out2" "$example" 2>>"$tmp/err"; then
		not_ok "$tag: runs"
		sed 's/^/# /' "$tmp/err"
		return
	fi
	pdf=$out1/$stem.pdf
	check "$tag: two runs are byte-identical" cmp -s "$pdf" "$out2/$stem.pdf"
	local clean=false
	qpdf --check "$pdf" >"$tmp/qpdf" 2>&1 && ! grep -qi warning "$tmp/qpdf" && clean=true
	check "$tag: qpdf --check is clean" $clean

	pdfinfo "$pdf" >"$tmp/info"
	check "$tag: pdfinfo says Tagged: yes" grep -Eq '^Tagged: +yes$' "$tmp/info"
	check "$tag: it has a metadata stream" grep -Eq '^Metadata Stream: +yes$' "$tmp/info"
	check "$tag: PDF 1.7, which PDF/UA-1 is built on" grep -Eq '^PDF version: +1\.7$' "$tmp/info"
	pdfinfo -meta "$pdf" >"$tmp/meta"
	check "$tag: XMP identifies PDF/UA-1" grep -q '<pdfuaid:part>1</pdfuaid:part>' "$tmp/meta"
	local title
	title=$(sed -n 's/^Title: *//p' "$tmp/info")
	check "$tag: XMP dc:title is the document title" \
		grep -qF "<rdf:li xml:lang=\"x-default\">$title</rdf:li></rdf:Alt></dc:title>" "$tmp/meta"
	local created
	created=$(sed -n 's/^CreationDate: *//p' "$tmp/info")
	if [ -n "$created" ]; then
		local day
		day=$(date -u -d "$created" +%Y-%m-%dT%H:%M:%S 2>/dev/null)
		check "$tag: XMP creation date is the info dictionary's ($day)" \
			grep -q "<xmp:CreateDate>$day" "$tmp/meta"
	fi

	# The catalog and page entries, from the uncompressed file.
	qpdf --qdf --object-streams=disable "$pdf" "$tmp/qdf.pdf" 2>/dev/null
	local lang
	lang=$(xmllint --xpath 'string(/report/@lang)' "$example" 2>/dev/null)
	lang=${lang:-en-US}
	check "$tag: the catalog names the language ($lang)" grep -aq "/Lang ($lang)" "$tmp/qdf.pdf"
	local marked=false
	grep -aA1 '/MarkInfo <<' "$tmp/qdf.pdf" | grep -q '/Marked true' && marked=true
	check "$tag: the catalog has MarkInfo Marked true" $marked
	check "$tag: viewers show the title, not the file name" grep -aq '/DisplayDocTitle true' "$tmp/qdf.pdf"
	local pages with_parents with_tabs annots
	pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
	with_parents=$(grep -ac '/StructParents ' "$tmp/qdf.pdf")
	check "$tag: every page has StructParents ($with_parents of $pages)" [ "$with_parents" -eq "$pages" ]
	with_tabs=$(grep -ac '/Tabs /S' "$tmp/qdf.pdf")
	annots=$(grep -ac '/Annots ' "$tmp/qdf.pdf")
	check "$tag: pages with links tab in structure order ($with_tabs of $annots)" \
		[ "$with_tabs" -eq "$annots" -a "$annots" -gt 0 ]
	check "$tag: the tree has a parent tree and its next key" \
		grep -aq '/ParentTreeNextKey ' "$tmp/qdf.pdf"

	pdfinfo -struct-text "$pdf" >"$tmp/struct" 2>"$tmp/struct.err"
	check "$tag: pdfinfo -struct-text reads the tree without complaint" \
		[ -s "$tmp/struct" -a ! -s "$tmp/struct.err" ]
	check "$tag: the tree's root is a Document" [ "$(head -n 1 "$tmp/struct")" = Document ]

	if $have_pdfjs; then
		node tests/pdfjs/check-structure.mjs "$pdf" "$tag" "$tmp/order" >"$tmp/pdfjs" 2>&1
		local rc=$?
		cat "$tmp/pdfjs"
		if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$tmp/pdfjs"; then
			not_ok "$tag: the pdf.js structure check runs"
		fi
	fi
	[ -s "$tmp/order" ] || : >"$tmp/order"
	reading_order "$example" "$layout" "$tmp/struct" "$tmp/order" "$tag" || failed=1
	rm -f "$tmp/order"
}

if [ ! -x "$QREPORT" ]; then
	not_ok "$QREPORT is built"
	exit 1
fi
for example in examples/*.xml; do
	for layout in $LAYOUTS; do
		check_one "$example" "$layout"
	done
done
exit $failed
