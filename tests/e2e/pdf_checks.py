"""The PDF end to end: every example data file with every bundled layout.

The file must be a sound PDF (qpdf), carry its fonts, metadata and
bookmarks, say every measure's name, figure and status in reading order,
keep every word inside the page's text columns, and come out byte for byte
the same on a second run. Run from the top of the source tree with
$QREPORT naming the program; prints one "ok - ..." or "not ok - ..." per
check and exits non-zero if any failed.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

QREPORT = os.environ.get("QREPORT", "build/qreport")
LAYOUTS = ("independence", "plain")
EDGE = 18.0  # points: most printers cannot print nearer the paper's edge
SLACK = 1.0  # points of rounding allowed on a word's box

failures = 0


def check(cond, what):
    """Print one TAP-style line and count failures."""
    global failures
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failures += 1
    return cond


def run(args, env=None):
    return subprocess.run(args, capture_output=True, text=True, env=env)


def collapse(s):
    return re.sub(r"\s+", " ", s or "").strip()


def length_pt(text):
    """A layout length ("0.75in", "20mm", "54pt") in points."""
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)(pt|mm|cm|in)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"pt": 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72}[unit]


def layout_info(name):
    """Margins (top, right, bottom, left) and status labels of a bundled layout."""
    root = ET.parse(f"layouts/{name}.xml").getroot()
    margins = [54.0] * 4
    page = root.find("page")
    if page is not None:
        if "margin" in page.attrib:
            margins = [length_pt(page.get("margin"))] * 4
        for i, side in enumerate(("top", "right", "bottom", "left")):
            if f"margin-{side}" in page.attrib:
                margins[i] = length_pt(page.get(f"margin-{side}"))
    labels = {"met": "Goal Met", "under": "Under Goal", "not-met": "Goal Not Met",
              "no-data": "No Data"}
    statuses = root.find("statuses")
    for s in statuses if statuses is not None else []:
        if s.get("label"):
            labels[s.get("name")] = s.get("label")
    return margins, labels


def data_info(path):
    """Organization, title, whether published, goal names and measure ids and names, in order."""
    root = ET.parse(path).getroot()
    meta = root.find("meta")
    measures = [(m.get("id"), collapse(m.findtext("name")))
                for m in root.iter("measure") if m.get("id")]
    goals = [g.get("name") for g in root.iter("goal")]
    return {
        "organization": collapse(meta.findtext("organization")),
        "title": collapse(meta.findtext("title")),
        # The document's title names whose report and which quarter:
        # "City of X: Performance Dashboard, Q1 FY2018".
        "doc_title": "%s: %s, %s" % (collapse(meta.findtext("organization")), collapse(meta.findtext("title")),
                                     re.sub(r"FY(\d{4})-Q(\d)", r"Q\2 FY\1", meta.findtext("period").strip())),
        "published": meta.find("published") is not None,
        "goals": goals,
        "measures": measures,
    }


def statuses_of(example):
    """Each measure's shown status, from --check (ID STATUS, and the period
    it is judged on where that is not the report period)."""
    out = run([QREPORT, "--check", example]).stdout
    return dict(line.split()[:2] for line in out.splitlines()
                if line and not line.startswith(("goal ", "initiative ")))


def actuals_of(example):
    """Each measure's figure for the report period as readers see it, from --dump."""
    dump = run([QREPORT, "--dump", example]).stdout
    period = re.search(r"^  period: (FY\d{4}-Q\d)", dump, re.M)
    result = {}
    current = None
    in_period = False
    for line in dump.splitlines():
        m = re.match(r"^  measure ([a-z0-9-]+)", line)
        if m:
            current, in_period = m.group(1), False
            continue
        m = re.match(r"^    period (\S+)( \(judged\))?", line)
        if m:
            # The report period, or the period a measure is judged on instead.
            in_period = bool(m.group(2)) or (period is not None and m.group(1) == period.group(1))
            continue
        m = re.match(r'^      actual: \S+ "(.*)"', line)
        if m and current and in_period:
            result[current] = m.group(1)
    return result


def find_in_order(text, needles):
    """The first needle not found after the previous one, or None."""
    pos = 0
    for n in needles:
        at = text.find(n, pos)
        if at < 0:
            return n
        pos = at + len(n)
    return None


def words_outside(bbox_html, margins):
    """Words (with page number) outside the text columns or too near an edge."""
    top, right, bottom, left = margins
    bad = []
    pages = re.split(r"<page ", bbox_html)[1:]
    for number, page in enumerate(pages, 1):
        w = float(re.search(r'width="([0-9.]+)"', page).group(1))
        h = float(re.search(r'height="([0-9.]+)"', page).group(1))
        for m in re.finditer(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" '
                             r'xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>', page):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            if (x0 < left - SLACK or x1 > w - right + SLACK or y0 < EDGE or y1 > h - EDGE):
                bad.append((number, m.group(5), round(x0, 1), round(y0, 1), round(x1, 1),
                            round(y1, 1)))
    return bad


def pdfinfo(path):
    out = run(["pdfinfo", path]).stdout
    return dict((k.strip(), v.strip()) for k, v in
                (line.split(":", 1) for line in out.splitlines() if ":" in line))


def check_one(example, layout, tmp):
    tag = f"{os.path.basename(example)} with {layout}"
    stem = os.path.basename(example)[:-4]
    data = data_info(example)
    margins, labels = layout_info(layout)
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)

    outs = []
    for run_no in (1, 2):
        out_dir = os.path.join(tmp, f"{stem}-{layout}-{run_no}")
        r = run([QREPORT, "--layout", layout, "--format", "pdf", "--out", out_dir, example], env)
        if not check(r.returncode == 0, f"{tag}: run {run_no} succeeds"):
            print("# " + r.stderr.replace("\n", "\n# "))
            return
        pdfs = glob.glob(os.path.join(out_dir, "*.pdf"))
        check(len(pdfs) == 1 and not glob.glob(os.path.join(out_dir, ".*")),
              f"{tag}: run {run_no} leaves one PDF and no temporary file")
        outs.append(pdfs[0])
    pdf = outs[0]
    with open(outs[0], "rb") as a, open(outs[1], "rb") as b:
        check(a.read() == b.read(), f"{tag}: two runs are byte-identical")

    r = run(["qpdf", "--check", pdf])
    check(r.returncode == 0 and "WARNING" not in r.stdout + r.stderr,
          f"{tag}: qpdf --check is clean")

    rows = run(["pdffonts", pdf]).stdout.splitlines()[2:]
    check(rows and all(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
                       for row in rows),
          f"{tag}: every font is embedded ({len(rows)} fonts)")

    info = pdfinfo(pdf)
    pages = int(info.get("Pages", "0"))
    check(pages >= 2, f"{tag}: {pages} pages")
    check(info.get("Title") == data["doc_title"], f"{tag}: Title names the city, the report and the quarter")
    check(info.get("Author") == data["organization"], f"{tag}: Author is the organization")
    check(info.get("Creator", "").startswith("qreport "), f"{tag}: Creator names qreport")
    check(info.get("Subject", "").startswith("Quarterly performance report, Q"),
          f"{tag}: Subject names the quarter")
    if data["published"]:
        check("CreationDate" in info, f"{tag}: CreationDate from the published date")

    outline = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf]).stdout or "{}")
    titles = []

    def walk(items):
        for item in items:
            titles.append(item.get("title", ""))
            walk(item.get("kids", []))
    walk(outline.get("outlines", []))
    check(len(titles) >= 2, f"{tag}: has bookmarks ({len(titles)})")
    missing = [g for g in data["goals"] if not any(g in t for t in titles)]
    check(not missing, f"{tag}: a bookmark for every goal" + (f" (missing {missing})" if missing else ""))

    r = run(["pdftotext", pdf, "-"])
    check(r.returncode == 0 and "Syntax" not in r.stderr, f"{tag}: pdftotext reads it without warnings")
    text = collapse(r.stdout)
    names = [name for _, name in data["measures"]]
    lost = find_in_order(text, names)
    check(lost is None, f"{tag}: every measure name, in reading order" +
          (f" (lost at '{lost}')" if lost else ""))
    actuals = actuals_of(example)
    absent = [v for v in actuals.values() if v and v not in text]
    check(actuals and not absent, f"{tag}: every measure's figure for the quarter" +
          (f" (missing {absent[:5]})" if absent else ""))
    shown = set(statuses_of(example).values())
    absent = [labels[s] for s in shown if labels[s] not in text]
    check(shown and not absent, f"{tag}: every status label in use" +
          (f" (missing {absent})" if absent else ""))

    bbox = run(["pdftotext", "-bbox", pdf, "-"]).stdout
    bad = words_outside(bbox, margins)
    check(not bad, f"{tag}: every word inside the text columns and away from the edges" +
          (f" ({len(bad)} outside, first {bad[:3]})" if bad else ""))

    env["SOURCE_DATE_EPOCH"] = "1510531200"
    out_dir = os.path.join(tmp, f"{stem}-{layout}-sde")
    run([QREPORT, "--layout", layout, "--format", "pdf", "--out", out_dir, example], env)
    sde = glob.glob(os.path.join(out_dir, "*.pdf"))
    info = pdfinfo(sde[0]) if sde else {}
    check(info.get("CreationDate", "").endswith("2017 UTC") and "Nov 13" in info.get("CreationDate", ""),
          f"{tag}: SOURCE_DATE_EPOCH sets the creation date")


def main():
    examples = sorted(glob.glob("examples/*.xml"))
    check(len(examples) >= 2, f"{len(examples)} example data files")
    with tempfile.TemporaryDirectory(prefix="qreport-pdf-") as tmp:
        for example in examples:
            for layout in LAYOUTS:
                check_one(example, layout, tmp)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
