#!/usr/bin/python3
"""The quarterly cycle end to end: next -> template -> the departments fill
the workbook (openpyxl, as a script or a person would) -> import -> check ->
report, on both examples and a generated 500-measure report. Also the same
figures from a department's own CSV, from that CSV converted to XLSX by
LibreOffice, all or nothing on a file with mistakes, the fraction warning,
and a diff of the data file that shows only what was imported.

Prints one line per check, "ok - what" or "not ok - what" ("skip - what
(why)" when a tool is missing); exits 1 if any check failed. Needs
$QREPORT (the program) and runs from the source tree."""

import csv
import datetime
import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

try:
    import openpyxl
except ImportError:  # Debian: python3-openpyxl, run with /usr/bin/python3
    print("not ok - openpyxl is importable (install python3-openpyxl)")
    sys.exit(1)

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
EXAMPLES = ["examples/independence-fy2018-q1.xml", "examples/riverbend-fy2025-q3.xml"]
HEADERS = ["ID", "Goal", "Measure", "Department", "Unit", "Target"]
INPUTS = ["Period", "Actual", "Commentary", "Next steps"]
failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1
    return cond


def run(*args, **kw):
    return subprocess.run([QREPORT, *args], capture_output=True, text=True, **kw)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def measures(path):
    """(id, unit, name, [actuals]) of every measure, in file order."""
    root = ET.parse(path).getroot()
    out = []
    for m in root.iter("measure"):
        acts = [v.get("actual") for v in m.findall("value") if v.get("actual")]
        out.append((m.get("id"), m.get("unit"), m.find("name").text, acts))
    return out


def period_of(path):
    return ET.parse(path).getroot().find("meta/period").text.strip()


def seconds(text):
    parts = [int(p) for p in text.split(":")]
    return parts[0] * 60 + parts[1] if len(parts) == 2 else parts[0] * 3600 + parts[1] * 60 + parts[2]


def mmss(s):
    return "%d:%02d" % (s // 60, s % 60) if s < 3600 else "%d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)


def figures(ms):
    """For each measure, the figure a department reports, three ways: as
    the data file will hold it, as a cell value with its number format for
    the workbook, and as text for a CSV. Spreadsheet habits are mixed in
    on purpose: percent cells, thousands separators, currency signs, time
    serials."""
    out = {}
    for i, (mid, unit, _name, acts) in enumerate(ms):
        last = acts[-1] if acts else None
        if unit == "count":
            v = int(last) + 7 if last else 40 + i
            out[mid] = (str(v), (v, "General"), "{:,}".format(v))
        elif unit == "percent":
            base = float(last.rstrip("%")) if last else 50.0
            v = round(min(base + 1.5, 99.5), 1)
            want = ("%.1f" % v).rstrip("0").rstrip(".")
            if i % 2:
                cell = (v / 100, "0.0%")          # typed 94.3% in Excel
            else:
                cell = (v, "General")               # typed 94.3
            out[mid] = (want, cell, want + "%")
        elif unit == "currency":
            v = round(float(last) * 1.01 if last else 1000.0 + i, 2)
            want = ("%.2f" % v).rstrip("0").rstrip(".")
            out[mid] = (want, (v, "[$$-409]#,##0.00"), "${:,.2f}".format(v))
        elif unit == "duration":
            s = seconds(last) - 3 if last else 300 + i
            s = max(s, 1)
            cell = (s / 86400, "[mm]:ss") if i % 2 else (mmss(s), "@")
            out[mid] = (mmss(s), cell, mmss(s))
        else:  # number, minutes
            v = round(float(last) + 0.25 if last else 5.5 + i, 2)
            want = ("%.2f" % v).rstrip("0").rstrip(".")
            out[mid] = (want, (v, "0.00"), want)
    return out


def fill_template(template, filled, figs, notes):
    """Fill the intake workbook as a department would, with openpyxl."""
    wb = openpyxl.load_workbook(template)
    ws = wb["Measures"]
    head = [c.value for c in ws[1]]
    col = {name: head.index(name) for name in head}
    for row in ws.iter_rows(min_row=2):
        mid = row[col["ID"]].value
        value, fmt = figs[mid][1]
        cell = row[col["Actual"]]
        cell.value = value
        cell.number_format = fmt
        if mid in notes:
            row[col["Commentary"]].value, row[col["Next steps"]].value = notes[mid]
    wb.save(filled)
    return head


def check_template(path, ms, label, period):
    """The intake workbook: sheets, headings, one row per measure, what is
    locked, the unit checks, the filter."""
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Instructions", "Measures"],
          f"{label}: the template has an Instructions and a Measures sheet ({wb.sheetnames})")
    ws = wb["Measures"]
    head = [c.value for c in ws[1]]
    check(head[:6] == HEADERS and head[-4:] == INPUTS and len(head) == 14,
          f"{label}: the headings name the columns import reads ({head})")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    check([r[0] for r in rows] == [m[0] for m in ms],
          f"{label}: one row per measure, in file order ({len(rows)})")
    check(all(r[10] == period for r in rows), f"{label}: every row is for {period}")
    check(all(r[11] is None and r[12] is None and r[13] is None for r in rows),
          f"{label}: Actual, Commentary and Next steps are empty")
    check(all(r[5] for r in rows), f"{label}: every row says the target that applies")
    check(ws.protection.sheet and ws.protection.autoFilter is False,
          f"{label}: the sheet is locked, filtering allowed")
    locked = [ws.cell(row=2, column=c).protection.locked for c in range(1, 15)]
    check(locked == [True] * 11 + [False] * 3,
          f"{label}: only Actual, Commentary and Next steps can be typed in ({locked})")
    check(ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:N"),
          f"{label}: the columns can be filtered, by department too ({ws.auto_filter.ref})")
    kinds = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            a, _, b = rng.partition(":")
            lo = int(re.sub(r"\D", "", a))
            hi = int(re.sub(r"\D", "", b or a))
            for r in range(lo, hi + 1):
                kinds[r] = dv.type
    want = {"count": "whole", "duration": "custom"}
    ok = all(kinds.get(i + 2) == want.get(unit, "decimal") for i, (_, unit, _, _) in enumerate(ms))
    check(ok, f"{label}: every Actual cell is checked for its unit")
    texts = " ".join(str(r[0]) for r in wb["Instructions"].iter_rows(values_only=True) if r[0])
    check("Actual" in texts and "Commentary" in texts and "Next steps" in texts,
          f"{label}: the Instructions sheet says what to fill in")
    return wb


def diff_only_imports(before, after, ms, figs, label):
    """Every line that changed is an imported value or text."""
    a = open(before, encoding="utf-8").read().splitlines()
    b = open(after, encoding="utf-8").read().splitlines()
    stray = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for line in b[b0:b1]:
            if not re.search(r'<value period="[^"]+" actual="[^"]*"/>|<commentary for=|<action for='
                             r'|^\s*<p>|^\s*</(commentary|action)>', line):
                stray.append(line.strip())
        for line in a[a0:a1]:
            if not re.search(r'<value period="[^"]+"/>|<commentary|<action|^\s*<p>|</p>|'
                             r'</commentary>|</action>|^\s+\S', line):
                stray.append(line.strip())
    check(not stray, f"{label}: the diff of the data file shows only what was imported "
                     f"({stray[:3]})")


def cycle(src, tmp, label, notes_every=3):
    """next -> template -> fill -> import -> check -> report."""
    base = os.path.basename(src)
    work = os.path.join(tmp, label)
    os.makedirs(work)
    data = os.path.join(work, base)
    shutil.copy(src, data)
    old = period_of(data)
    fy, q = int(old[2:6]), int(old[8])
    new = "FY%04d-Q%d" % ((fy + 1, 1) if q == 4 else (fy, q + 1))
    t0 = time.monotonic()
    r = run("next", data)
    check(r.returncode == 0, f"{label}: next ({r.stderr.strip()[:200]})")
    data = os.path.join(work, base.replace(old.lower(), new.lower()))
    check(os.path.exists(data) and period_of(data) == new, f"{label}: the file for {new}")
    out = os.path.join(work, "out")
    r = run("template", "--out", out, data)
    check(r.returncode == 0, f"{label}: template ({r.stderr.strip()[:200]})")
    template = os.path.join(out, os.path.basename(data)[:-4] + "-intake.xlsx")
    ms = measures(data)
    check_template(template, ms, label, new)

    figs = figures(ms)
    notes = {m[0]: (f"Commentary for {m[0]}: staffing & training.\nA second paragraph.",
                    f"Next steps for {m[0]}.") for i, m in enumerate(ms) if i % notes_every == 0}
    filled = os.path.join(work, "filled.xlsx")
    fill_template(template, filled, figs, notes)
    before = os.path.join(work, "before.xml")
    shutil.copy(data, before)
    r = run("import", data, filled)
    check(r.returncode == 0, f"{label}: import of the filled workbook ({r.stderr.strip()[:300]})")
    check(re.search(r"imported from .* %d actuals?, %d commentar" % (len(ms), len(notes)),
                    r.stdout) is not None,
          f"{label}: import says what it imported ({r.stdout.strip()[:200]})")
    got = {m[0]: m[3][-1] if m[3] else None for m in measures(data)}
    wrong = [(mid, got[mid], figs[mid][0]) for mid in got
             if got[mid] is None or got[mid].rstrip("%") != figs[mid][0]]
    check(not wrong, f"{label}: every actual is in the data file as written in the workbook "
                     f"({wrong[:3]})")
    root = ET.parse(data).getroot()
    texts = {m.get("id"): m for m in root.iter("measure")}
    ok = all(texts[mid].find("commentary") is not None and
             texts[mid].find("commentary").get("for") == new and
             len(texts[mid].find("commentary").findall("p")) == 2 and
             texts[mid].find("action").get("for") == new for mid in notes)
    check(ok, f"{label}: commentary (two paragraphs) and next steps written for {new}")
    diff_only_imports(before, data, ms, figs, label)

    r = run("--check", data)
    check(r.returncode == 0, f"{label}: the imported file passes --check")
    statuses = [l.split()[1] for l in r.stdout.splitlines() if not l.startswith("goal ")]
    check(statuses.count("no-data") < len(statuses),
          f"{label}: measures have statuses again ({len(statuses) - statuses.count('no-data')} "
          f"of {len(statuses)} with one)")
    r2 = run("--out", out, "--format", "pdf,xlsx", data)
    check(r2.returncode == 0, f"{label}: the report is written ({r2.stderr.strip()[:200]})")
    pdf = os.path.join(out, os.path.basename(data)[:-4] + ".pdf")
    if shutil.which("pdftotext") and os.path.exists(pdf):
        text = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                                       text=True).stdout.split())
        some = list(notes)[0]
        check(f"Commentary for {some}" in text,
              f"{label}: the imported commentary is in the PDF")
    elif not shutil.which("pdftotext"):
        print(f"skip - {label}: the PDF's text (pdftotext missing)")

    # Again: nothing changes, and the file is not rewritten.
    same = sha(data)
    r = run("import", data, filled)
    check(r.returncode == 0 and sha(data) == same and "already there" in r.stdout,
          f"{label}: importing the same workbook again changes nothing")
    return data, before, ms, figs, time.monotonic() - t0


def department_csv(path, ms, figs):
    """A department's own CSV: column names in another case and order, ids
    for some rows and exact names for others, values as people type them."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["measure", "actual", "Notes", "id"])
        for i, (mid, _unit, name, _acts) in enumerate(ms):
            if i % 2:
                w.writerow([name, figs[mid][2], "ignored column", ""])
            else:
                w.writerow(["", " " + figs[mid][2] + " ", "", mid])


def main():
    tmp = tempfile.mkdtemp(prefix="qreport-cycle.")
    try:
        for ex in EXAMPLES:
            label = os.path.basename(ex)[:-4]
            data, before, ms, figs, _ = cycle(ex, tmp, label)

            # The same figures from a department's CSV give the same file.
            csv_data = os.path.join(tmp, label, "from-csv.xml")
            shutil.copy(before, csv_data)
            dep = os.path.join(tmp, label, "department.csv")
            department_csv(dep, ms, figs)
            r = run("import", csv_data, dep)
            check(r.returncode == 0, f"{label}: import of a department's CSV "
                                     f"({r.stderr.strip()[:300]})")
            a = {m[0]: m[3][-1] for m in measures(csv_data)}
            b = {m[0]: m[3][-1] for m in measures(data)}
            check(a == b, f"{label}: the CSV gives the same actuals as the workbook")

            # LibreOffice converts that CSV to XLSX; it imports the same.
            if shutil.which("soffice"):
                lo = os.path.join(tmp, label, "lo")
                os.makedirs(lo)
                env = dict(os.environ, HOME=lo)
                subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", lo,
                                dep], capture_output=True, env=env, timeout=180)
                xlsx = os.path.join(lo, "department.xlsx")
                check(os.path.exists(xlsx), f"{label}: LibreOffice converts the CSV to XLSX")
                lo_data = os.path.join(tmp, label, "from-lo.xml")
                shutil.copy(before, lo_data)
                r = run("import", lo_data, xlsx)
                check(r.returncode == 0, f"{label}: import of LibreOffice's XLSX "
                                         f"({r.stderr.strip()[:300]})")
                check(sha(lo_data) == sha(csv_data),
                      f"{label}: LibreOffice's XLSX gives the same data file as the CSV")
            else:
                print(f"skip - {label}: LibreOffice's XLSX (soffice missing)")

        # All or nothing: mistakes in a workbook, each at its cell.
        ind = os.path.join(tmp, "independence-fy2018-q1", "before.xml")
        bad = os.path.join(tmp, "bad.xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Police"
        ws.append(["Department report, Q2"])
        ws.append([])
        ws.append(["ID", "Period", "Actual", "Commentary"])
        ws.append(["police-response", "FY2018-Q2", "4,58", ""])          # row 4
        ws.append(["no-such-measure", "FY2018-Q2", "5", ""])             # row 5
        ws.append(["fire-response", "FY2018-Q3", "6:00", ""])            # row 6
        ws.append(["code-inspections", None, 0.943, ""])                 # row 7: a warning
        ws.append(["new-jobs", None, 12.5, ""])                          # row 8
        ws.append(["demolitions", "FY2018-Q2", 6, ""])                   # row 9
        ws.append(["demolitions", "FY2018-Q2", 7, ""])                   # row 10
        ws["C11"] = datetime.datetime(2018, 1, 5)
        ws["A11"] = "animal-holdover"
        wb.save(bad)
        before_sha = sha(ind)
        r = run("import", ind, bad)
        check(r.returncode == 1, "a workbook with mistakes is refused (exit 1)")
        check(sha(ind) == before_sha, "the data file is untouched")
        for cell, words in [("C4", "not a duration"), ("A5", "no measure has the id"),
                            ("B6", "after the report period"), ("C8", "not a whole number"),
                            ("A10", "a second row for demolitions"), ("C11", "date")]:
            check(re.search(r"^%s:Police!%s: error: .*%s" % (re.escape(bad), cell, words),
                            r.stderr, re.M) is not None,
                  f"the mistake in Police!{cell} is reported there ({words})")
        check("nothing was imported" in r.stderr, "it says nothing was imported")

        # The fraction warning, and --dry-run.
        frac = os.path.join(tmp, "frac.csv")
        with open(frac, "w") as f:
            f.write("ID,Actual\ncode-inspections,0.943\nanimal-holdover,4.5%\n")
        r = run("import", "--dry-run", ind, frac)
        check(r.returncode == 0 and sha(ind) == before_sha,
              "--dry-run checks and writes nothing")
        check(re.search(r"^%s:2: warning: 0.943 looks like a fraction; write 94.3 or 94.3%%"
                        % re.escape(frac), r.stderr, re.M) is not None,
              "a percentage typed as a fraction is warned about at its line")
        check("animal-holdover" not in r.stderr,
              "a value written with its percent sign is not")

        # A correction replaces a figure, with a warning naming both.
        fix = os.path.join(tmp, "fix.csv")
        with open(fix, "w") as f:
            f.write("ID,Period,Actual\npolice-response,Q1 FY2018,8:40\n")
        corrected = os.path.join(tmp, "corrected.xml")
        shutil.copy(ind, corrected)
        r = run("import", corrected, fix)
        check(r.returncode == 0 and 'period="FY2018-Q1" actual="8:40"' in open(corrected).read(),
              "a row for an earlier quarter (Q1 FY2018) corrects its figure")
        check(re.search(r"^%s:2: warning: 8:40 replaces 8:37, the actual police-response had "
                        r"for FY2018-Q1" % re.escape(fix), r.stderr, re.M) is not None,
              "a replaced figure is warned about, old and new")

        # Excel's CSV where the comma is the decimal mark: semicolons, a
        # byte order mark, and names for measures.
        semi = os.path.join(tmp, "semicolons.csv")
        with open(semi, "w", encoding="utf-8-sig") as f:
            f.write("Measure;Actual\nPolice dispatch to officer arrival on scene;8:30\n")
        semi_data = os.path.join(tmp, "semi.xml")
        shutil.copy(ind, semi_data)
        r = run("import", semi_data, semi)
        check(r.returncode == 0 and 'period="FY2018-Q2" actual="8:30"' in open(semi_data).read(),
              "a CSV with a byte order mark and semicolons, measures by name")

        # --period names the quarter of rows without one; not a later one.
        r = run("import", "--period", "FY2018-Q3", ind, semi)
        check(r.returncode == 2 and "after the report period" in r.stderr,
              "--period after the report period is bad usage (exit 2)")
        r = run("import", "--period", "Q3", ind, semi)
        check(r.returncode == 2 and "not a period" in r.stderr, "--period that is not a period")
        r = run("import", ind)
        check(r.returncode == 2, "import without a file to import is bad usage")
        r = run("import", "--help")
        check(r.returncode == 0 and "Next steps" in r.stdout, "import --help names the columns")

        # Measures counted by month or by year: the intake asks for the
        # period each one's figure is due for, and import takes that kind
        # of period and no other.
        kinds = os.path.join(tmp, "kinds")
        os.makedirs(kinds)
        kd = os.path.join(kinds, "kinds-fy2025-q2.xml")
        shutil.copy("tests/data/kinds.xml", kd)
        r = run("next", kd)
        kd = os.path.join(kinds, "kinds-fy2025-q3.xml")
        r = run("template", "--out", kinds, kd)
        check(r.returncode == 0, f"kinds: template ({r.stderr.strip()[:200]})")
        ws = openpyxl.load_workbook(os.path.join(kinds, "kinds-fy2025-q3-intake.xlsx"))["Measures"]
        due = {row[0]: row[10] for row in ws.iter_rows(min_row=2, values_only=True)}
        check(due.get("monthly-lag") == "2025-02" and due.get("riders") == "2025-02"
              and due.get("relative-year") == "FY2025-Q3" and due.get("clean-audit") == "FY2024",
              f"kinds: each row asks for the period its figure is due for (a month one behind, "
              f"the quarter, the fiscal year) ({due.get('monthly-lag')}, {due.get('clean-audit')})")
        hist = {row[0]: row[6:10] for row in ws.iter_rows(min_row=2, values_only=True)}
        check("November 2024: 5:12 min" in hist.get("monthly-lag", ()),
              "kinds: a monthly measure's earlier results name their months")
        kcsv = os.path.join(kinds, "k.csv")
        with open(kcsv, "w") as f:
            f.write("ID,Period,Actual,Commentary\nmonthly-lag,2025-02,5:01,Better\n"
                    "riders,,101000,\nrelative-year,,1100,\n")
        r = run("import", kd, kcsv)
        text = open(kd).read()
        check(r.returncode == 0 and '<value period="2025-02" actual="5:01"/>' in text
              and '<value period="2025-02" actual="101000"/>' in text
              and '<value period="FY2025-Q3" actual="1100"/>' in text,
              f"kinds: figures for a month, a month by default, and the quarter "
              f"({r.stderr.strip()[:200]})")
        bad_kind = os.path.join(kinds, "bad.csv")
        with open(bad_kind, "w") as f:
            f.write("ID,Period,Actual\nmonthly-stale,FY2025-Q3,98\nriders,2025-04,5\n")
        before_kind = sha(kd)
        r = run("import", kd, bad_kind)
        check(r.returncode == 1 and sha(kd) == before_kind
              and re.search(r"bad.csv:2: error: .*monthly measure; expected a month", r.stderr)
              and re.search(r"bad.csv:3: error: 2025-04 ends after the report period", r.stderr),
              "kinds: a quarter for a monthly measure and a month not yet ended are refused")

        # A generated report of 500 measures, the whole cycle.
        gen = os.path.join(BUILD, "gen-report")
        big = os.path.join(tmp, "gen-fy2019-q3.xml")
        with open(big, "w") as f:
            subprocess.run([gen, "500"], stdout=f, check=True)
        _, _, ms, _, took = cycle(big, tmp, "500 measures", notes_every=25)
        check(len(ms) == 500, "500 measures: all went round the cycle")
    finally:
        shutil.rmtree(tmp)
    return failed


if __name__ == "__main__":
    sys.exit(main())
