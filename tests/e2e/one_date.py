#!/usr/bin/python3
"""The PDF and the workbook carry one date: SOURCE_DATE_EPOCH when set, else
the published date, else the last day of the report period, read back from
each file (the PDF's /CreationDate, the workbook's docProps/core.xml), at
both ends of the years a data file may name.

Prints "ok - what" or "not ok - what" per check; exits 1 if any failed."""

import os
import re
import subprocess
import sys
import tempfile
import zipfile

QREPORT = os.environ.get("QREPORT", "build/qreport")
failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1
    return cond


DATA = """<?xml version="1.0" encoding="UTF-8"?>
<report format="1"><meta><organization>City of Dates</organization><title>Dashboard</title>
<fiscal-year start-month="{start}" named-by="{named}"/><period>{period}</period>{published}</meta>
<goals><goal id="g" name="Goal"><measure id="m" unit="count"><name>Cases</name>
<target at-least="20"/><value period="{period}" actual="25"/></measure></goal></goals></report>
"""


def dates(folder, stem):
    pdf = open(os.path.join(folder, stem + ".pdf"), "rb").read()
    m = re.search(rb"/CreationDate \(D:(\d{8})", pdf)
    pdf_day = m.group(1).decode() if m else None
    with zipfile.ZipFile(os.path.join(folder, stem + ".xlsx")) as z:
        core = z.read("docProps/core.xml").decode()
    m = re.search(r"<dcterms:created[^>]*>(\d{4})-(\d\d)-(\d\d)", core)
    xlsx_day = "".join(m.groups()) if m else None
    return pdf_day, xlsx_day


CASES = [
    # what, calendar, period, published, the day both must carry
    ("a published date", (7, "end"), "FY2018-Q1", "2017-11-13", "20171113"),
    ("no published date: the period's last day", (7, "end"), "FY2018-Q1", None, "20170930"),
    ("the earliest fiscal year, named by its end", (7, "end"), "FY1902-Q1", None, "19010930"),
    ("the latest fiscal year, a late start named by its start", (12, "start"), "FY9998-Q4", None,
     "99991130"),
    ("the earliest published date", (7, "end"), "FY1902-Q1", "1901-01-01", "19010101"),
    ("a published date before 1970", (1, "end"), "FY1950-Q2", "1950-07-15", "19500715"),
]

with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    for i, (what, (start, named), period, published, want) in enumerate(CASES):
        stem = "dates%d" % i
        path = os.path.join(tmp, stem + ".xml")
        pub = "<published>%s</published>" % published if published else ""
        with open(path, "w") as f:
            f.write(DATA.format(start=start, named=named, period=period, published=pub))
        out = os.path.join(tmp, "out")
        run = subprocess.run([QREPORT, "--out", out, path], env=env, capture_output=True, text=True)
        if not check(run.returncode == 0, "%s: the run succeeds (exit %d)" % (what, run.returncode)):
            print("#   " + run.stderr.strip().replace("\n", "\n#   "))
            continue
        pdf_day, xlsx_day = dates(out, stem)
        check(pdf_day == want, "%s: the PDF is dated %s (got %s)" % (what, want, pdf_day))
        check(xlsx_day == want, "%s: the workbook is dated %s (got %s)" % (what, want, xlsx_day))
    # SOURCE_DATE_EPOCH wins over the report's own dates, in both.
    env["SOURCE_DATE_EPOCH"] = "1510531200"  # 2017-11-13T00:00:00Z
    path = os.path.join(tmp, "epoch.xml")
    with open(path, "w") as f:
        f.write(DATA.format(start=7, named="end", period="FY2030-Q1", published=""))
    out = os.path.join(tmp, "out")
    run = subprocess.run([QREPORT, "--out", out, path], env=env, capture_output=True, text=True)
    if check(run.returncode == 0, "SOURCE_DATE_EPOCH: the run succeeds"):
        pdf_day, xlsx_day = dates(out, "epoch")
        check(pdf_day == xlsx_day == "20171113",
              "SOURCE_DATE_EPOCH: both files carry its day (PDF %s, workbook %s)" % (pdf_day, xlsx_day))

sys.exit(failed)
