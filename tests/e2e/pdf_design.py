"""The pages a designer looks at: both examples in both bundled layouts.

- Each measure's card is printed once (one H2 of its name in the
  structure tree); the narrative's lines name it and link to that card.
- Pages are filled: no page is less than 30 % filled, except the cover and
  the last page of a part (the page before a part that starts a new page,
  and the last page).
- The seed example (Independence) takes few pages: its 7 measures once
  took 12 pages with four cards printed twice.
- Languages of parts: every text the data file marks with xml:lang (an
  item, a phrase in a <span>) is a structure element with that /Lang, as
  pdf.js reads it, and nothing else claims another language; the
  narrative's <h> sub-headings are H2 headings under their section's H1.
- Nothing says nothing: in the seed example, a first-year report, no card
  says "No result for Q1 FY2017 to compare with" and the appendix has no
  column of dashes for the change on last year; one note says so, once.
  Riverbend, with earlier years, keeps the column.

Reads the PDFs with poppler (pdfinfo -struct-text, pdftotext -bbox-layout)
and qpdf (the bookmarks, for where each part starts). Run from the top of
the source tree with $QREPORT naming the program; prints one "ok - ..." or
"not ok - ..." per check and exits non-zero if any failed.
"""

import json
import os
import shutil
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

QREPORT = os.environ.get("QREPORT", "build/qreport")
EXAMPLES = ("independence-fy2018-q1", "riverbend-fy2025-q3")
LAYOUTS = ("independence", "plain")
# The seed example's pages: cover, contents, at a glance, narrative, goals,
# appendix. 12 when every narrative card was printed twice and every goal
# had a page of its own.
SEED_MOST_PAGES = 9
LEAST_FILL = 0.30
XHTML = "{http://www.w3.org/1999/xhtml}"

failures = 0


def check(cond, what):
    """Print one TAP-style line and count failures."""
    global failures
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failures += 1
    return cond


def collapse(s):
    return re.sub(r"\s+", " ", s or "").strip()


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def data_facts(path):
    """Measure names in goals, section titles, and goal names, in order."""
    root = ET.parse(path).getroot()
    measures = [collapse(m.findtext("name")) for m in root.iter("measure")]
    sections = [collapse(s.get("title")) for s in root.iter("section")]
    goals = [collapse(g.get("name")) for g in root.iter("goal")]
    return measures, sections, goals


def headings(pdf, level):
    """The text of every structure element of type H<level>, in order."""
    out = run("pdfinfo", "-struct-text", pdf)
    found, want, buf, depth = [], f"H{level}", None, None
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if buf is not None and indent <= depth:
            found.append(collapse(" ".join(buf)))
            buf = None
        if buf is not None and text.startswith('"'):
            buf.append(text.strip('"'))
        elif re.match(rf"{want}\b", text):
            buf, depth = [], indent
    if buf is not None:
        found.append(collapse(" ".join(buf)))
    return found


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def marked_languages(path):
    """(language, text) of each element of the data file with xml:lang."""
    root = ET.parse(path).getroot()
    return [(el.get(XML_LANG), collapse("".join(el.itertext()))) for el in root.iter()
            if el.get(XML_LANG)]


def tagged_languages(pdf, tmp):
    """(language, role, text) of each structure element with /Lang, from pdf.js."""
    out = os.path.join(tmp, "langs.txt")
    subprocess.run(["node", "tests/pdfjs/check-structure.mjs", pdf, "langs", os.path.join(
        tmp, "order.txt"), out], capture_output=True, check=False)
    with open(out, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t", 2)) for line in f if line.strip()]


def part_starts(pdf, sections, goals):
    """1-based pages on which a part starts, from the bookmarks."""
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", pdf))
    first = {"Contents", "At a glance", "Appendix: every measure"}
    if sections:
        first.add(sections[0])
    if goals:
        first.add(goals[0])
    return {o["destpageposfrom1"] for o in data["outlines"] if collapse(o["title"]) in first}


def page_fills(pdf):
    """Per page, the share of the room between running header and footer
    that the body fills from the top (None for a page without them)."""
    root = ET.fromstring(run("pdftotext", "-bbox-layout", pdf, "-"))
    pages = []
    for page in root.iter(XHTML + "page"):
        lines = [(float(ln.get("yMin")), float(ln.get("yMax")))
                 for ln in page.iter(XHTML + "line")]
        pages.append(lines)
    # The running header and footer stand at the same height on most pages.
    counts = {}
    for lines in pages:
        for y in {round(a, 1) for a, _ in lines}:
            counts[y] = counts.get(y, 0) + 1
    furniture = {y for y, n in counts.items() if n >= max(2, len(pages) * 0.6)}
    fills = []
    for lines in pages:
        furn = [(a, b) for a, b in lines if round(a, 1) in furniture]
        body = [(a, b) for a, b in lines if round(a, 1) not in furniture]
        if len(furn) < 2 or not body:
            fills.append(None)
            continue
        top = max(b for a, b in furn if a < min(x for x, _ in body))  if any(
            a < min(x for x, _ in body) for a, _ in furn) else None
        bottom = min(a for a, b in furn if a > max(y for _, y in body)) if any(
            a > max(y for _, y in body) for a, _ in furn) else None
        if top is None or bottom is None:
            fills.append(None)
            continue
        fills.append((max(b for _, b in body) - top) / (bottom - top))
    return fills


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for ex in EXAMPLES:
            data = f"examples/{ex}.xml"
            measures, sections, goals = data_facts(data)
            for lay in LAYOUTS:
                tag = f"{ex} ({lay})"
                out = os.path.join(tmp, lay)
                subprocess.run([QREPORT, "--quiet", "--format", "pdf", "--layout", lay, "--out",
                                out, data], check=True)
                pdf = os.path.join(out, ex + ".pdf")
                npages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))
                if ex == EXAMPLES[0]:
                    check(npages <= SEED_MOST_PAGES,
                          f"{tag}: {npages} pages, at most {SEED_MOST_PAGES} for 7 measures")
                text = collapse(run("pdftotext", pdf, "-"))
                if ex == EXAMPLES[0]:
                    note = ("No measure has a result for Q1 FY2017 (a year earlier) or Q4 FY2017 "
                            "(the quarter before), so no result is compared with an earlier one.")
                    check(text.count(note) == 1, f"{tag}: one note says no earlier result exists")
                    check("to compare with" not in text and "On last year" not in text,
                          f"{tag}: no card or column says there is nothing to compare with")
                else:
                    check("On last year" in text, f"{tag}: the appendix compares with last year")
                marked = marked_languages(data)
                tagged = tagged_languages(pdf, tmp) if shutil.which("node") else None
                missing = [m for m in marked
                           if not any(t[0] == m[0] and collapse(t[2]) == m[1] for t in tagged or [])]
                if tagged is None:
                    print(f"skip - {tag}: languages of parts (node, for pdf.js, is not installed)")
                else:
                    check(not missing and len(tagged) == len(marked),
                          f"{tag}: each of the {len(marked)} texts marked with xml:lang is tagged "
                          f"with its /Lang, and nothing else" +
                          (f" (missing {missing[:2]}, tagged {tagged[:3]})"
                           if missing or len(tagged) != len(marked) else ""))
                subs = [collapse(h.text) for h in ET.parse(data).getroot().iter("h")]
                h2 = headings(pdf, 2)
                check(all(h in h2 for h in subs),
                      f"{tag}: the narrative's {len(subs)} sub-headings are H2 headings")
                twice = [m for m in measures if h2.count(m) > 1]
                missing = [m for m in measures if h2.count(m) == 0]
                check(not twice and not missing,
                      f"{tag}: each of the {len(measures)} cards printed once" +
                      (f" (twice: {twice[:3]}, never: {missing[:3]})" if twice or missing else ""))
                starts = part_starts(pdf, sections, goals)
                ends = {p - 1 for p in starts} | {npages}
                fills = page_fills(pdf)
                thin = [(k + 1, round(f * 100)) for k, f in enumerate(fills)
                        if f is not None and f < LEAST_FILL and k + 1 not in ends]
                check(len(fills) == npages and fills[0] is None,
                      f"{tag}: the cover has no running header or footer, the other pages do")
                check(not thin, f"{tag}: no page under {LEAST_FILL:.0%} filled but where a "
                      f"part ends (pages {sorted(ends)})" + (f": {thin}" if thin else ""))
    sys.exit(1 if failures else 0)


main()
