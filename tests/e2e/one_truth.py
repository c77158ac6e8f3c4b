#!/usr/bin/python3
"""One truth for readers: the PDF (through pdftotext and pdfinfo), the
workbook (through openpyxl) and `--dump` are each held against the
presentation facts (`qreport --facts`), and the facts of the examples and of
tests/data/truths.xml against golden copies in tests/golden/. So the outputs
can never disagree with each other, and a change to what readers are told
shows as a change to a golden file.

Prints "ok - what" / "not ok - what" per check; exits 1 if any failed."""

import datetime
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
except ImportError:
    print("not ok - openpyxl is importable (install python3-openpyxl)")
    sys.exit(1)

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1510531200")
failed = 0

# (data file, layout, golden facts or None)
CASES = [
    ("examples/independence-fy2018-q1.xml", "independence", "tests/golden/independence-fy2018-q1.facts.json"),
    ("examples/riverbend-fy2025-q3.xml", "plain", "tests/golden/riverbend-fy2025-q3.facts.json"),
    ("tests/data/truths.xml", "plain", "tests/golden/truths.facts.json"),
    ("tests/data/kinds.xml", "plain", "tests/golden/kinds.facts.json"),
    ("examples/harmon-falls-fy2025-q2.xml", "plain", "tests/golden/harmon-falls-fy2025-q2.facts.json"),
    ("examples/harmon-falls-fy2025-q2.xml", "independence", None),
    ("tests/data/kinds.xml", "independence", None),
    ("tests/data/truths.xml", "independence", None),
    ("examples/riverbend-fy2025-q3.xml", "independence", None),
]


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1
    return cond


def run(*args):
    return subprocess.run([QREPORT, *args], capture_output=True, text=True, env=ENV)


def words(s):
    """Text with every run of white space (no-break spaces too) as one space."""
    return re.sub(r"\s+", " ", (s or "").replace("\u00a0", " ")).strip()


def pdf_checks(tag, facts, pdf):
    text = words(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    title = re.search(r"^Title:\s+(.*)$", info, re.M)
    check(title and title.group(1).strip() == facts["report"]["title"],
          f"{tag}: the PDF's title is the presentation's")
    check(words(facts["report"]["counts_sentence"]) in text,
          f"{tag}: the PDF states the report's counts as presented")
    missing, idle = [], []
    for m in facts["measures"]:
        changes = [m[k] for k in ("vs_last_year", "vs_last_quarter")]
        wanted = [m["sentence"], m["reason"], m["this_quarter"], m["benchmarks"],
                  m["override_note"], m.get("target_due") or m["target"], m.get("recent"), m.get("latest"),
                  m.get("to_date"), m.get("pace"), m.get("targets_text"), m.get("frequency_note"),
                  m.get("second"), m.get("source"), m.get("since_note"), m.get("breakdown_title")]
        wanted += [p["label"] for p in m.get("parts", [])]
        wanted += [p["value"] for p in m.get("parts", []) if p["value"]]
        wanted += [c["text"] for c in changes if not c["says_little"]]
        for w in wanted:
            if w and words(w) not in text:
                missing.append(f"{m['id']}: {w}")
        # A comparison with a quarter that has no result says nothing: left out.
        idle += [f"{m['id']}: {c['text']}" for c in changes
                 if c["says_little"] and c["text"] and words(c["text"]) in text]
    for i in facts.get("initiatives", []):
        for w in [i["name"], i["status_word"]] + [v for ms in i["milestones"]
                                                  for v in (ms["text"], ms["due"], ms["status_word"]) if v]:
            if words(w) not in text:
                missing.append(f"{i['id']}: {w}")
    check(not missing, f"{tag}: every measure's sentences are in the PDF as presented"
          + (f" (missing: {missing[:3]})" if missing else ""))
    check(not idle, f"{tag}: no comparison with a quarter without a result is in the PDF"
          + (f" (found: {idle[:3]})" if idle else ""))


def header_map(ws, row=1):
    return {c.value: i for i, c in enumerate(ws[row]) if c.value is not None}


def cell_text(v):
    return None if v is None or v == "" else str(v)


def workbook_checks(tag, facts, xlsx):
    wb = openpyxl.load_workbook(xlsx)
    by_id = {m["id"]: m for m in facts["measures"]}

    ws = wb["Measures"]
    h = header_map(ws)
    bad = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        mid = row[h["Measure ID"]]
        if mid is None:
            continue
        m = by_id.get(mid)
        if m is None:
            bad.append(f"unknown {mid}")
        judged = m.get("judged", facts["report"]["period"])
        if row[h["Period judged"]] != judged:
            bad.append(f"{mid} Period judged: {row[h['Period judged']]!r} != {judged!r}")
        if bool(row[h["Estimate"]]) != bool(m.get("estimated")):
            bad.append(f"{mid} Estimate: {row[h['Estimate']]!r}")
        if cell_text(row[h["Targets"]]) != m.get("targets_text"):
            bad.append(f"{mid} Targets: {row[h['Targets']]!r}")
        if cell_text(row[h["Pace"]]) != m.get("pace"):
            bad.append(f"{mid} Pace: {row[h['Pace']]!r}")
            continue
        pairs = [("Status", m["status_word"]), ("Status reason", m["reason"]),
                 ("Summary", m["sentence"]), ("Benchmark", m["benchmarks"]),
                 ("Trend on a year ago", m["vs_last_year"]["trend"]),
                 ("Trend on last quarter", m["vs_last_quarter"]["trend"])]
        for col, want in pairs:
            if cell_text(row[h[col]]) != want:
                bad.append(f"{mid} {col}: {row[h[col]]!r} != {want!r}")
        for col, ch in (("Actual a year ago", m["vs_last_year"]), ("Actual last quarter", m["vs_last_quarter"])):
            if (row[h[col]] is not None) != (ch["previous"] is not None):
                bad.append(f"{mid} {col} filled={row[h[col]] is not None} but presented {ch['previous']!r}")
    check(not bad, f"{tag}: Measures: status, reason, summary, benchmark, trends, earlier figures, "
          "period judged, estimate, targets and pace as presented"
          + (f" ({bad[:3]})" if bad else ""))

    ws = wb["History"]
    h = header_map(ws)
    rows = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[h["Measure ID"]] is not None:
            rows.setdefault(row[h["Measure ID"]], []).append(row)
    bad = []
    for m in facts["measures"]:
        got = rows.get(m["id"], [])
        if len(got) != len(m["history"]):
            bad.append(f"{m['id']}: {len(got)} rows, {len(m['history'])} periods")
            continue
        for row, hp in zip(got, m["history"]):
            if (row[h["Period"]], row[h["Status"]], cell_text(row[h["Status reason"]]),
                    bool(row[h["Estimate"]])) != \
                    (hp["period"], hp["status_word"], hp["reason"], bool(hp.get("estimated"))):
                bad.append(f"{m['id']} {hp['period']}")
    check(not bad, f"{tag}: History: a row per presented period, with its status, reason and estimate flag"
          + (f" ({bad[:3]})" if bad else ""))

    # Breakdowns: a row per measure, period and part, on a sheet of their own
    # that only a report with a breakdown has.
    parts = [(m["id"], hp["period"], p["label"], p["value"] is not None)
             for m in facts["measures"] for hp in m["history"] for p in hp.get("parts", [])]
    if check(("Breakdown" in wb.sheetnames) == bool(parts),
             f"{tag}: a Breakdown sheet exactly where a measure has parts") and parts:
        ws = wb["Breakdown"]
        h = header_map(ws)
        got = [(r[h["Measure ID"]], r[h["Period"]], r[h["Part"]], r[h["Actual"]] is not None)
               for r in ws.iter_rows(min_row=2, values_only=True) if r[h["Measure ID"]]]
        check(got == parts, f"{tag}: Breakdown: a row per presented part, figures where presented"
              + ("" if got == parts else f" ({got[:2]} != {parts[:2]})"))

    # Initiatives: a row per milestone (one for an initiative without), on a
    # sheet of their own that only a report with initiatives has.
    wanted = [(i["id"], i["status_word"], ms["text"] if ms else None, ms["status_word"] if ms else None)
              for i in facts.get("initiatives", []) for ms in (i["milestones"] or [None])]
    if check(("Initiatives" in wb.sheetnames) == bool(wanted),
             f"{tag}: an Initiatives sheet exactly where the report has initiatives") and wanted:
        ws = wb["Initiatives"]
        h = header_map(ws)
        got = [(r[h["Initiative ID"]], r[h["Status"]], r[h["Milestone"]], r[h["Milestone status"]])
               for r in ws.iter_rows(min_row=2, values_only=True) if r[h["Initiative ID"]]]
        check(got == wanted, f"{tag}: Initiatives: a row per presented milestone, as presented"
              + ("" if got == wanted else f" ({got[:2]} != {wanted[:2]})"))

    # Every presented chart's series is on Chart data, one block per
    # measure found by its id in column A: a row per presented quarter,
    # values and targets where presented, gaps blank.
    ws = wb["Chart data"]
    col_a = [c.value for c in ws["A"]]
    drawn = [m for m in facts["measures"] if m["full_chart"]["drawn"]]
    bad = []
    for m in drawn:
        if m["id"] not in col_a:
            bad.append(f"{m['id']}: no chart block")
            continue
        at = col_a.index(m["id"]) + 1  # 1-based row of the block's head
        pts = m["full_chart"]["points"]
        labels = [ws.cell(at + 2 + i, 2).value for i in range(len(pts))]
        if labels != [p["label"] for p in pts] or ws.cell(at, 2).value != m["name"]:
            bad.append(f"{m['id']}: quarters {labels[:3]}...")
            continue
        for i, p in enumerate(pts):
            r = at + 2 + i
            has_v = ws.cell(r, 3).value is not None
            has_t = ws.cell(r, 4).value is not None
            if has_v != ("value" in p) or has_t != ("target" in p):
                bad.append(f"{m['id']} {p['label']}: value {has_v}, target {has_t}")
    check(not bad, f"{tag}: Chart data: every presented quarter a row, values and targets where presented, gaps blank"
          + (f" ({bad[:3]})" if bad else ""))
    # A chart per goal with a presented chart, of the measure chosen in its
    # box, which offers exactly the goal's measures with a chart.
    goals = [g["id"] for g in facts["goals"]
             if any(m["goal"] == g["id"] for m in drawn)]
    charts = len(wb["Charts"]._charts)
    check(charts == len(goals), f"{tag}: a workbook chart for each goal with a presented chart ({charts} of {len(goals)})")
    with zipfile.ZipFile(xlsx) as z:
        descr = [html.unescape(d) for n in sorted(z.namelist()) if n.startswith("xl/drawings/drawing")
                 for d in re.findall(r'descr="([^"]*)"', z.read(n).decode())]
    names = {g["id"]: g["name"] for g in facts["goals"]}
    check(all(any(names[g] in d for d in descr) for g in goals),
          f"{tag}: each goal chart's description names its goal")
    dv = wb["Charts"].data_validations.dataValidation
    ws = wb["Charts"]
    offered = []
    for v in dv:
        rng = v.formula1.replace("$", "")
        first, last = rng.split(":")
        offered.append([c.value for row in ws[first:last] for c in row])
    want = [[m["id"] for m in drawn if m["goal"] == g] for g in goals]
    check(offered == want, f"{tag}: each goal chart's box offers the goal's measures with a chart"
          + ("" if offered == want else f" ({offered[:2]} != {want[:2]})"))


def dump_checks(tag, facts, data):
    out = run("--dump", data).stdout
    sentences = re.findall(r'^    summary: "(.*)"$', out, re.M)
    want = [m["sentence"].replace("\\", "\\\\").replace('"', '\\"') for m in
            sorted(facts["measures"], key=lambda m: facts_goal_order(facts, m))]
    check(sorted(sentences) == sorted(want), f"{tag}: --dump gives the presented sentences")


def facts_goal_order(facts, m):
    goals = [g["id"] for g in facts["goals"]]
    return goals.index(m["goal"])


with tempfile.TemporaryDirectory() as tmp:
    for data, layout, golden in CASES:
        tag = f"{os.path.basename(data)} ({layout})"
        res = run("--facts", "--layout", layout, data)
        if not check(res.returncode == 0, f"{tag}: --facts runs"):
            continue
        facts = json.loads(res.stdout)
        if golden:
            with open(golden, encoding="utf-8") as f:
                want = json.load(f)
            check(facts == want, f"{tag}: the presentation facts equal {golden}")
        out = os.path.join(tmp, layout)
        res = run("--layout", layout, "--out", out, data)
        if not check(res.returncode == 0, f"{tag}: the report is written"):
            continue
        stem = os.path.splitext(os.path.basename(data))[0]
        pdf_checks(tag, facts, os.path.join(out, stem + ".pdf"))
        workbook_checks(tag, facts, os.path.join(out, stem + ".xlsx"))
        if layout == "plain":
            dump_checks(tag, facts, data)

    # A generated report (deterministic) with gaps, targets scoped to one
    # fiscal year, a measure without a target and a report quarter declared
    # without a figure: its facts against their golden copy.
    gen12 = os.path.join(tmp, "generated-12.xml")
    with open(gen12, "w") as f:
        subprocess.run([os.path.join(BUILD, "gen-report"), "12"], stdout=f, check=True)
    res = run("--facts", gen12)
    if check(res.returncode == 0, "generated-12: --facts runs"):
        with open("tests/golden/generated-12.facts.json", encoding="utf-8") as f:
            check(json.loads(res.stdout) == json.load(f),
                  "generated-12: the presentation facts equal tests/golden/generated-12.facts.json")

    # A generated report of many measures, with gaps and targets of every kind.
    gen = os.path.join(tmp, "generated.xml")
    with open(gen, "w") as f:
        subprocess.run([os.path.join(BUILD, "gen-report"), "70"], stdout=f, check=True)
    res = run("--facts", gen)
    if check(res.returncode == 0, "generated: --facts runs"):
        facts = json.loads(res.stdout)
        out = os.path.join(tmp, "gen")
        if check(run("--out", out, gen).returncode == 0, "generated: the report is written"):
            pdf_checks("generated", facts, os.path.join(out, "generated.pdf"))
            workbook_checks("generated", facts, os.path.join(out, "generated.xlsx"))
            dump_checks("generated", facts, gen)

    # The workbook stores numbers as written, not with binary noise.
    out = os.path.join(tmp, "noise")
    run("--out", out, "tests/data/truths.xml")
    wb = openpyxl.load_workbook(os.path.join(out, "truths.xlsx"), data_only=True)
    ws = wb["Measures"]
    h = header_map(ws)
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[h["Measure ID"]] == "noise")
    check(row[h["Actual"]] == 0.979, f"97.9% is stored as 0.979 exactly (got {row[h['Actual']]!r})")
    check(row[h["Variance"]] == -0.42, f"the cached variance is -0.42 exactly (got {row[h['Variance']]!r})")
    check(row[h["Allowed miss"]] == 0.42, f"the allowed miss is 0.42 (got {row[h['Allowed miss']]!r})")
    check(abs(row[h["Variance"]]) <= row[h["Allowed miss"]],
          "an analyst recomputing the status from the cells gets Under Goal too")
    # No change on a percent measure reads "0 pts" in the workbook, as in the PDF.
    flat = next(r for r in ws.iter_rows(min_row=2) if r[h["Measure ID"]].value == "flat")
    cell = flat[h["Change on last quarter"]]
    zero = cell.number_format.split(";")[2] if cell.number_format.count(";") == 2 else ""
    check(cell.value is not None and "pts" in zero,
          f"a zero change in points is shown with pts (format {cell.number_format!r})")
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[h["Measure ID"]] == "empty-now")
    check(row[h["Actual a year ago"]] == 0.85 and row[h["Actual last quarter"]] == 0.88,
          "with no result this quarter, last year's and last quarter's figures are still filled")

    # No status label is ever cut: a wider bold face, and a label too long
    # for its column, wrap with every word kept.
    with open("layouts/plain.xml", encoding="utf-8") as f:
        plain = f.read()
    label = "Goal Not Met by More Than the Tolerance Allows"
    for name, layout in (("wide-bold", plain.replace("LiberationSerif-Bold.ttf", "DejaVuSans-Bold.ttf")),
                         ("long-label", plain.replace("LiberationSerif-Bold.ttf", "DejaVuSans-Bold.ttf")
                          .replace('label="Goal Not Met"', f'label="{label}"'))):
        path = os.path.join(tmp, name + ".xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(layout)
        out = os.path.join(tmp, name)
        res = run("--layout", path, "--out", out, "examples/independence-fy2018-q1.xml")
        if not check(res.returncode == 0, f"{name}: the report is written ({res.stderr.strip()[:200]})"):
            continue
        text = words(subprocess.run(["pdftotext", os.path.join(out, "independence-fy2018-q1.pdf"), "-"],
                                    capture_output=True, text=True).stdout)
        want = label if name == "long-label" else "Goal Not Met"
        legend = text[text.find("How to read this report"):]
        check(f"{want} The result misses the target by more than the tolerance." in legend,
              f"{name}: the legend shows the whole label \"{want}\" before its meaning")

sys.exit(failed)
