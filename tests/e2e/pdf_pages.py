"""Pages a reader turns: the contents and the appendix where they run on.

A contents that runs onto further pages opens each with "Contents
(continued)", and no other page says so. The appendix lists the measures
under a row naming their goal (no goal column): each goal's row once, in
the data's order, never the last row of a page, and repeated, marked
"(continued)", atop each further page the goal's measures reach. Checked
with pdftotext on both examples with both bundled layouts and on a
generated report of 2,000 measures. Run from the top of the source tree
with $QREPORT naming the program and $QREPORT_BUILD its build folder;
prints one "ok - ..." or "not ok - ..." per check and exits non-zero if
any failed.
"""

import glob
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", "build")
LAYOUTS = ("independence", "plain")
HEAD = re.compile(r"^\s*Measure\s+Target\s+Result\s+Status(\s+On last year)?\s*$")
CONTINUED = " (continued)"

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


def goals_with_measures(data):
    """Names of the data file's goals that have measures, in order."""
    root = ET.parse(data).getroot()
    return [collapse(g.get("name")) for g in root.iter("goal") if g.find("measure") is not None]


def page_bodies(pdf, *opts):
    """Each page's non-blank lines without the running header and footer."""
    out = subprocess.run(["pdftotext", *opts, pdf, "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    bodies = []
    for page in pages:
        lines = [ln for ln in page.splitlines() if ln.strip()]
        bodies.append(lines)
    return bodies


def check_contents(tag, pages, long_contents):
    """"Contents (continued)" opens each further contents page, and only those."""
    cont = [k for k, lines in enumerate(pages) if any(ln.strip() == "Contents (continued)"
                                                       for ln in lines)]
    if not long_contents:
        check(not cont, f"{tag}: no page says \"Contents (continued)\"")
        return
    run = list(range(2, 2 + len(cont)))
    check(cont and cont == run,
          f"{tag}: \"Contents (continued)\" on pages {run[0] + 1 if run else '?'} to "
          f"{run[-1] + 1 if run else '?'} in a row, from page 3 (found on "
          f"{[k + 1 for k in cont[:6]]})")
    # In -layout text the running header is the page's first line.
    check(all(pages[k][1].strip() == "Contents (continued)" for k in cont),
          f"{tag}: each opens with it, above all of its entries")
    check(any(ln.strip() == "Contents" for ln in pages[1]) and
          not any(ln.strip() == "Contents" for k in cont for ln in pages[k]),
          f"{tag}: the contents' own heading stands on page 2 only")


def table_rows(lines):
    """The appendix table's lines on a page: after its head row, up to the
    legend's heading or the footer (the page's last line)."""
    start = next((i for i, ln in enumerate(lines) if HEAD.match(ln)), None)
    if start is None:
        return None
    rows = []
    for ln in lines[start + 1:-1]:
        if ln.strip().startswith("How to read this report"):
            break
        rows.append(ln.strip())
    return rows


def check_appendix(tag, pages, goals):
    """Goal rows in the appendix: once each, in order, never last on a page,
    repeated, continued, where a goal's measures go on."""
    first = None
    for k in range(len(pages) - 1, -1, -1):
        if any(ln.strip() == "Appendix: every measure" for ln in pages[k]):
            first = k
            break
    if not check(first is not None, f"{tag}: the appendix has its heading"):
        return
    names = set(goals)
    fresh, last_goal, problems, cont_count, ends_with_goal, table_pages = [], None, [], 0, [], 0
    k = first
    while k < len(pages):
        rows = table_rows(pages[k])
        if rows is None:
            break
        table_pages += 1
        groups = [(i, r) for i, r in enumerate(rows)
                  if r in names or (r.endswith(CONTINUED) and r[:-len(CONTINUED)] in names)]
        if k > first and (not groups or groups[0][0] != 0):
            problems.append(f"page {k + 1} does not open with a goal's row")
        for i, r in groups:
            if r.endswith(CONTINUED) and r[:-len(CONTINUED)] in names:
                cont_count += 1
                goal = r[:-len(CONTINUED)]
                if i != 0 or goal != last_goal:
                    problems.append(f"page {k + 1}: '{r}' where {last_goal} did not go on")
            else:
                if i == 0 and k > first and r == last_goal:
                    problems.append(f"page {k + 1}: {r} goes on but is not marked continued")
                fresh.append(r)
            last_goal = r[:-len(CONTINUED)] if r.endswith(CONTINUED) else r
        if rows and groups and groups[-1][0] == len(rows) - 1:
            ends_with_goal.append(k + 1)
        if any(ln.strip().startswith("How to read this report") for ln in pages[k]):
            break
        k += 1
    check(table_pages > 0 and not any(re.search(r"Goal area\s+Measure", ln) for ln in pages[first]),
          f"{tag}: the table's head row starts with the measure: no goal column")
    check(fresh == goals,
          f"{tag}: a row for each of the {len(goals)} goals with measures, once, in order "
          f"(got {len(fresh)})")
    check(not problems,
          f"{tag}: each of the table's {table_pages} page(s) after its first opens with a "
          f"goal's row, continued where the goal goes on ({cont_count} times)" +
          (f" ({problems[:3]})" if problems else ""))
    check(not ends_with_goal, f"{tag}: no page ends with a goal's row" +
          (f" (pages {ends_with_goal[:5]})" if ends_with_goal else ""))
    return table_pages, cont_count


def check_case(tag, data, layout, tmp, long_contents):
    out = os.path.join(tmp, tag.replace(" ", "-").replace(",", ""))
    r = subprocess.run([QREPORT, "--format", "pdf", "--quiet", "--layout", layout, "--out", out,
                        data], capture_output=True, text=True)
    pdfs = glob.glob(os.path.join(out, "*.pdf"))
    if not check(r.returncode == 0 and len(pdfs) == 1, f"{tag}: the report is written"):
        return None
    pages = page_bodies(pdfs[0], "-layout")
    check_contents(tag, pages, long_contents)
    return check_appendix(tag, pages, goals_with_measures(data))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for data in sorted(glob.glob("examples/*.xml")):
            for layout in LAYOUTS:
                check_case(f"{os.path.basename(data)} with {layout}", data, layout, tmp, False)
        big = os.path.join(tmp, "big.xml")
        with open(big, "w") as f:
            subprocess.run([os.path.join(BUILD, "gen-report"), "2000"], stdout=f, check=True)
        got = check_case("2,000 measures", big, "independence", tmp, True)
        if got:
            check(got[0] >= 20 and got[1] >= 10,
                  f"2,000 measures: the appendix runs over {got[0]} pages, its goals going on "
                  f"{got[1]} times")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
