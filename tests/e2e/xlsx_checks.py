#!/usr/bin/python3
"""The companion workbook, read back with openpyxl and checked against
`qreport --dump` (the evaluated model as text) and against figures known
independently of the program (81 % is 0.81, 8:37 is 517 seconds).

Prints one line per check, "ok - what" or "not ok - what"; exits 1 if any
check failed. Needs $QREPORT (the program) and runs from the source tree."""

import datetime
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
except ImportError:  # Debian: python3-openpyxl, run with /usr/bin/python3
    print("not ok - openpyxl is importable (install python3-openpyxl)")
    sys.exit(1)

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
EXAMPLES = ["examples/independence-fy2018-q1.xml", "examples/riverbend-fy2025-q3.xml"]
GENERATED = 300  # measures in the generated report checked like the examples
SHEETS = ["Summary", "Measures", "History", "Narrative", "About", "Charts"]
failed = 0


def check(cond, what):
    global failed
    if cond:
        print("ok - " + what)
    else:
        print("not ok - " + what)
        failed = 1
    return cond


def near(a, b, tol=1e-9):
    a = num(a)
    return (isinstance(a, (int, float)) and not isinstance(a, bool)
            and math.isclose(a, b, rel_tol=tol, abs_tol=tol))


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def num(v):
    """A cell's number: openpyxl turns numbers with a time format into
    timedelta, so give those back as the fraction of a day they store."""
    if isinstance(v, datetime.timedelta):
        return v.total_seconds() / 86400.0
    return v


# ---- the evaluated model, from --dump -------------------------------------

QUOTED = r'"((?:[^"\\]|\\.)*)"'


def unquote(s):
    return re.sub(r'\\(x[0-9a-f]{2}|.)',
                  lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1))
                  if not m.group(1).startswith("x") or len(m.group(1)) == 1
                  else chr(int(m.group(1)[1:], 16)), s)


def plain(para):
    """A dumped paragraph without its <b>, <i>, <a> and <span> marks."""
    return unquote(re.sub(r'<a href=\\".*?\\">|</a>|<span xml:lang=\\".*?\\">|</span>|</?[bi]>', "",
                          para))


def parse_counts(line):
    return {k: int(v) for k, v in re.findall(r"(met|under|not-met|no-data) (\d+)", line)}


def parse_dump(text):
    rep = {"goals": [], "measures": [], "sections": []}
    goal = measure = period = section = None
    in_narrative = False
    for line in text.splitlines():
        s = line.strip()
        depth = (len(line) - len(line.lstrip(" "))) // 2
        if line == "narrative":
            in_narrative = True
            continue
        if in_narrative:
            m = re.match(r"section (\S+) " + QUOTED + r" line", s)
            if depth == 1 and m:
                section = {"id": m.group(1), "title": unquote(m.group(2)), "rows": []}
                rep["sections"].append(section)
            elif s.startswith("p: "):
                section["rows"].append(("paragraph", plain(s[3:].rsplit(" line ", 1)[0][1:-1])))
            elif s.startswith("quote by"):
                section["rows"].append(("quote", None))
            elif s.startswith("text: "):
                section["rows"][-1] = ("quote", plain(s[6:].rsplit(" line ", 1)[0][1:-1]))
            elif s.startswith("h: "):
                section["rows"].append(("heading", unquote(s[3:].rsplit(" line ", 1)[0][1:-1])))
            elif s.startswith("item: "):
                section["rows"].append(("list item", plain(s[6:].rsplit(" line ", 1)[0][1:-1])))
            elif s.startswith("measures:"):
                for mid in s[len("measures:"):].rsplit(" line ", 1)[0].split():
                    section["rows"].append(("measure", mid))
            continue
        if depth == 0 and line.startswith("goal "):
            m = re.match(r"goal (\S+) " + QUOTED, line)
            goal = {"id": m.group(1), "name": unquote(m.group(2)), "measures": []}
            rep["goals"].append(goal)
            measure = None
            continue
        if depth == 1 and s.startswith("file: "):
            rep["file"] = unquote(s[7:-1])
        elif depth == 1 and s.startswith("title: "):
            rep["title"] = unquote(s[8:-1])
        elif depth == 1 and s.startswith("organization: "):
            rep["organization"] = unquote(s[15:-1])
        elif depth == 1 and s.startswith("fiscal-year: "):
            m = re.match(r"fiscal-year: start-month (\d+), named-by (\w+)", s)
            rep["start_month"], rep["named_by_end"] = int(m.group(1)), m.group(2) == "end"
        elif depth == 1 and s.startswith("period: "):
            m = re.match(r"period: (\S+) " + QUOTED + " " + QUOTED + r" (\S+)\.\.(\S+)", s)
            rep["period"], rep["period_label"] = m.group(1), unquote(m.group(2))
            rep["period_start"], rep["period_end"] = m.group(4), m.group(5)
        elif depth == 1 and s.startswith("published: "):
            rep["published"] = None if "(none)" in s else s.split()[1]
        elif depth == 1 and s.startswith("counts:"):
            if goal is None:
                rep["counts"] = parse_counts(s)
            else:
                goal["counts"] = parse_counts(s)
        elif depth == 1 and s.startswith("measure "):
            m = re.match(r"measure (\S+) " + QUOTED, s)
            measure = {"id": m.group(1), "name": unquote(m.group(2)), "goal": goal["name"],
                       "targets": {}, "periods": [], "changes": [], "benchmarks": []}
            goal["measures"].append(measure)
            rep["measures"].append(measure)
        elif measure is None:
            continue
        elif depth == 2 and s.startswith("unit: "):
            m = re.match(r"unit: (\w+), decimals (\d+)(?:, currency (\w+))?", s)
            measure["unit"], measure["decimals"] = m.group(1), int(m.group(2))
            measure["currency"] = m.group(3)
        elif depth == 2 and s.startswith("direction: "):
            measure["direction"] = s[len("direction: "):]
        elif depth == 2 and s.startswith("target: "):
            m = re.match(r"target: (\S+) (\S+) " + QUOTED + r" per (\w+), .*line (\d+)$", s)
            measure["targets"][int(m.group(5))] = {
                "cmp": m.group(1), "amount": float(m.group(2)), "per": m.group(4)}
        elif depth == 2 and s.startswith("benchmark: "):
            m = re.match(r"benchmark: " + QUOTED + r" (\S+)", s)
            measure["benchmarks"].append(float(m.group(2)))
        elif depth == 2 and s.startswith("period "):
            period = {"id": s.split()[1], "report": "(report period)" in s, "actual": None,
                      "target": None, "target_line": None, "compared": None, "ytd": False,
                      "tolerance": None}
            measure["periods"].append(period)
            if period["report"]:
                measure["current"] = period
        elif depth == 3 and s.startswith("actual: ") and "(none)" not in s.split(",")[0]:
            period["actual"] = float(s.split()[1])
        elif depth == 3 and s.startswith("target: ") and "(none)" not in s:
            m = re.match(r"target: (\S+) (\S+) .* line (\d+)$", s)
            period["target"], period["target_line"] = float(m.group(2)), int(m.group(3))
        elif depth == 3 and s.startswith("compared: ") and not s.startswith("compared: (none"):
            period["compared"] = float(s.split()[1])
            period["ytd"] = s.endswith("year to date")
        elif depth == 3 and s.startswith("tolerance: "):
            period["tolerance"] = float(s.split()[1])
        elif depth == 3 and s.startswith("status: "):
            m = re.match(r"status: (\S+), computed (\S+)", s)
            period["status"], period["computed"] = m.group(1), m.group(2)
            period["override"] = s.endswith("(override)")
        elif depth == 2 and s.startswith("change vs "):
            m = re.match(r"change vs \S+: previous (\S+) " + QUOTED + r", delta (\S+) "
                         + QUOTED + r".*, (\w+)$", s)
            only = re.match(r"change vs \S+: previous (\S+) " + QUOTED + r", \(none\)", s)
            if m:
                measure["changes"].append({"previous": float(m.group(1)), "delta": float(m.group(3)),
                                           "trend": m.group(5)})
            elif only:
                # No result this quarter: the earlier figure alone is kept.
                measure["changes"].append({"previous": float(only.group(1)), "delta": None,
                                           "trend": None})
            else:
                measure["changes"].append(None)
        elif depth == 2 and s.startswith("benchmark text: "):
            t = s[len("benchmark text: "):]
            measure["benchmark_text"] = None if t == "(none)" else unquote(t[1:-1])
        elif depth == 2 and s.startswith("summary: "):
            t = s[len("summary: "):]
            measure["summary"] = None if t == "(none)" else unquote(t[1:-1])
    return rep


# ---- how the workbook stores amounts ---------------------------------------

def stored(unit, v):
    """An amount as the workbook must store it, worked out independently."""
    if unit == "percent":
        return v / 100.0
    if unit == "duration":
        return v / 86400.0
    return v


def format_ok(unit, decimals, currency, fmt):
    dec = "" if decimals == 0 else "." + "0" * decimals
    if unit == "percent":
        return fmt == "0" + dec + "%"
    if unit == "duration":
        return "[m]:ss" in fmt and "[h]:mm:ss" in fmt
    if unit in ("count", "number"):
        return fmt == "#,##0" + dec
    if unit == "minutes":
        # Without decimals= a value shows the places it has, up to them ("5 min").
        return fmt in ['#,##0' + ("." + "0" * k if k else "") + '" min"' for k in range(decimals + 1)]
    if unit == "currency":
        sign = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "JPY": "\u00a5"}.get(
            currency or "USD", (currency or "") + " ")
        return fmt.startswith('"' + sign + '"#,##0' + dec)
    return False


def delta_format_ok(unit, currency, fmt):
    """Differences carry a sign and their unit: points, seconds, minutes, money."""
    if not fmt.startswith("+") or ";-" not in fmt:
        return False
    suffix = {"percent": '" pts"', "duration": '" s"', "minutes": '" min"'}.get(unit)
    if suffix:
        return suffix in fmt
    if unit == "currency":
        sign = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "JPY": "\u00a5"}.get(currency or "USD", "")
        return sign in fmt
    return "pts" not in fmt and " s" not in fmt


def quarter_dates(fy, q, start_month, named_by_end):
    """First and last day of a fiscal quarter, from the calendar alone."""
    year = fy - 1 if named_by_end and start_month != 1 else fy
    month0 = start_month - 1 + 3 * (q - 1)
    start = datetime.date(year + month0 // 12, month0 % 12 + 1, 1)
    month1 = month0 + 3
    end = datetime.date(year + month1 // 12, month1 % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def as_date(v):
    return v.date() if isinstance(v, datetime.datetime) else v


# ---- the checks -------------------------------------------------------------

def run(args, env=None):
    return subprocess.run([QREPORT] + args, capture_output=True, text=True, env=env)


def write_workbook(example, out, env=None):
    p = run(["--format", "xlsx", "--out", out, example], env)
    name = os.path.splitext(os.path.basename(example))[0] + ".xlsx"
    return p, os.path.join(out, name)


def header_map(ws):
    return {c.value: c.column for c in ws[1] if c.value is not None}


def check_tables(name, ws, table, ncols_expected, nrows):
    tables = {t.displayName: t.ref for t in ws.tables.values()}
    last = openpyxl.utils.get_column_letter(ncols_expected)
    want = "A1:%s%d" % (last, max(nrows, 1) + 1)
    check(tables.get(table) == want,
          "%s: %s is a table %s covering the data (%s)" % (name, ws.title, table, tables.get(table)))


def check_number_column(name, ws, col, label):
    bad = [c.coordinate for c in ws.iter_cols(min_col=col, max_col=col, min_row=2).__next__()
           if c.value is not None and not is_number(num(c.value))]
    check(not bad, "%s: %s column %s holds only numbers %s" % (name, ws.title, label, bad[:3]))


def legend_of(about):
    """Status word -> label, read from the About sheet's legend."""
    legend = {}
    rows = list(about.iter_rows(values_only=True))
    for i, row in enumerate(rows):
        if row[0] == "Status legend":
            for r in rows[i + 2:i + 6]:
                legend[r[2]] = r[1]
    return legend


def check_summary(name, rep, wb, wbv, legend):
    ws, wv = wb["Summary"], wbv["Summary"]
    check(ws["A1"].value == rep["title"], "%s: Summary starts with the report title" % name)
    facts = {r[0]: r[1] for r in wv.iter_rows(min_row=1, max_col=2, values_only=True) if r[0]}
    check(facts.get("Organization") == rep["organization"], "%s: Summary names the organization" % name)
    check(facts.get("Report period") == rep["period_label"], "%s: Summary gives the period label" % name)
    check(isinstance(facts.get("Period start"), datetime.datetime)
          and as_date(facts["Period start"]).isoformat() == rep["period_start"],
          "%s: period start is a real date %s" % (name, rep["period_start"]))
    check(isinstance(facts.get("Period end"), datetime.datetime)
          and as_date(facts["Period end"]).isoformat() == rep["period_end"],
          "%s: period end is a real date %s" % (name, rep["period_end"]))
    if rep.get("published"):
        check(isinstance(facts.get("Published"), datetime.datetime)
              and as_date(facts["Published"]).isoformat() == rep["published"],
              "%s: published date is a real date" % name)
    t = ws.tables.get("GoalStatus")
    if not check(t is not None, "%s: Summary has the GoalStatus table" % name):
        return
    first = openpyxl.utils.cell.range_boundaries(t.ref)[1]
    heads = [c.value for c in ws[first]][:6]
    order = ["met", "under", "not-met", "no-data"]
    check(heads == ["Goal"] + [legend[w] for w in order] + ["Total"],
          "%s: goal table headers are the layout's status labels" % name)
    ok_counts = True
    for g, goal in enumerate(rep["goals"]):
        row = [c for c in wv[first + 1 + g]][:6]
        vals = [c.value for c in row]
        want = [goal["name"]] + [goal["counts"][w] for w in order] + [len(goal["measures"])]
        if vals != want or not all(is_number(v) for v in vals[1:]):
            ok_counts = False
            print("# goal row %d: %r, expected %r" % (g, vals, want))
    check(ok_counts, "%s: each goal's status counts and total agree with --dump" % name)
    total_row = first + max(len(rep["goals"]), 1) + 1
    label = wv.cell(total_row, 1).value
    tot = [wv.cell(total_row, c).value for c in range(2, 7)]
    want = [rep["counts"][w] for w in order] + [sum(rep["counts"].values())]
    check(label == "All goals" and tot == want,
          "%s: the All goals row caches the report's counts %r (got %r)" % (name, want, tot))
    f = ws.cell(total_row, 2).value
    check(isinstance(f, str) and f.startswith("=SUM("), "%s: totals are live SUM formulas" % name)


def check_measures(name, rep, wb, wbv, legend):
    ws, wv = wb["Measures"], wbv["Measures"]
    h = header_map(ws)
    n = len(rep["measures"])
    check_tables(name, ws, "MeasureTable", len(h), n)
    check(ws.freeze_panes == "D2", "%s: Measures header row and names are frozen" % name)
    check(ws.print_title_rows in ("1:1", "$1:$1"), "%s: Measures repeats its header row on every page" % name)
    check(ws.page_setup.orientation == "landscape", "%s: Measures prints landscape" % name)
    for col in ("Target", "Actual", "Year-to-date actual", "Pro-rated target", "Variance",
                "Variance %", "Allowed miss", "Actual a year ago", "Change on a year ago",
                "Actual last quarter", "Change on last quarter", "Benchmark value"):
        if check(col in h, "%s: Measures has a %s column" % (name, col)):
            check_number_column(name, wv, h[col], col)
    problems = []
    for i, m in enumerate(rep["measures"]):
        r = i + 2
        cur = m["current"]
        cell = lambda col: wv.cell(r, h[col])
        form = lambda col: ws.cell(r, h[col]).value
        if cell("Measure ID").value != m["id"]:
            problems.append("%s: row %d is %r" % (m["id"], r, cell("Measure ID").value))
            continue
        unit = m["unit"]
        if cell("Unit").value != unit:
            problems.append("%s unit" % m["id"])
        if cur["actual"] is not None:
            c = cell("Actual")
            if not near(c.value, stored(unit, cur["actual"])):
                problems.append("%s actual %r" % (m["id"], c.value))
            if not format_ok(unit, m["decimals"], m["currency"], c.number_format):
                problems.append("%s actual format %r" % (m["id"], c.number_format))
        elif cell("Actual").value is not None:
            problems.append("%s has an actual" % m["id"])
        if cur["target_line"] is not None:
            t = m["targets"][cur["target_line"]]
            if not near(cell("Target").value, stored(unit, t["amount"])):
                problems.append("%s target %r" % (m["id"], cell("Target").value))
            if cell("Target per").value != t["per"]:
                problems.append("%s per" % m["id"])
            if cell("Comparison").value != t["cmp"].replace("-", " "):
                problems.append("%s comparison" % m["id"])
            if cur["ytd"]:
                if not near(cell("Pro-rated target").value, stored(unit, cur["target"])):
                    problems.append("%s pro-rated target" % m["id"])
                if cur["compared"] is not None and not near(cell("Year-to-date actual").value,
                                                            stored(unit, cur["compared"])):
                    problems.append("%s year to date" % m["id"])
            if not near(cell("Allowed miss").value, cur["tolerance"]):
                problems.append("%s allowed miss %r" % (m["id"], cell("Allowed miss").value))
            if cur["compared"] is not None:
                want = cur["compared"] - cur["target"]
                if not near(cell("Variance").value, want, 1e-7):
                    problems.append("%s variance %r, expected %r" % (m["id"], cell("Variance").value, want))
                if not (isinstance(form("Variance"), str) and form("Variance").startswith("=(")):
                    problems.append("%s variance is not a formula" % m["id"])
                if cur["target"] != 0 and not near(cell("Variance %").value,
                                                   want / abs(cur["target"]), 1e-7):
                    problems.append("%s variance %%" % m["id"])
        for col in ("Target", "Actual a year ago", "Actual last quarter", "Benchmark value"):
            c = cell(col)
            if c.value is not None and not format_ok(unit, m["decimals"], m["currency"], c.number_format):
                problems.append("%s %s format %r" % (m["id"], col, c.number_format))
        for col in ("Variance", "Change on a year ago", "Change on last quarter"):
            c = cell(col)
            if c.value is not None and not delta_format_ok(unit, m["currency"], c.number_format):
                problems.append("%s %s format %r" % (m["id"], col, c.number_format))
        c = cell("Variance %")
        if c.value is not None and "%" not in c.number_format:
            problems.append("%s variance %% format %r" % (m["id"], c.number_format))
        if cell("Status").value != legend[cur["status"]]:
            problems.append("%s status %r" % (m["id"], cell("Status").value))
        comp = cell("Computed status").value
        if (cur["computed"] != cur["status"]) != (comp is not None) or \
                (comp is not None and comp != legend[cur["computed"]]):
            problems.append("%s computed status %r" % (m["id"], comp))
        for change, prev_col, delta_col, trend_col in zip(
                m["changes"], ("Actual a year ago", "Actual last quarter"),
                ("Change on a year ago", "Change on last quarter"),
                ("Trend on a year ago", "Trend on last quarter")):
            if change is None:
                if cell(prev_col).value is not None:
                    problems.append("%s %s without data" % (m["id"], prev_col))
                continue
            if not near(cell(prev_col).value, stored(unit, change["previous"])):
                problems.append("%s %s" % (m["id"], prev_col))
            if change["delta"] is None:
                if cell(delta_col).value is not None or cell(trend_col).value is not None:
                    problems.append("%s %s without a result this quarter" % (m["id"], delta_col))
                continue
            if not near(cell(delta_col).value, change["delta"], 1e-7):
                problems.append("%s %s %r" % (m["id"], delta_col, cell(delta_col).value))
            if not (isinstance(form(delta_col), str) and form(delta_col).startswith("=(")):
                problems.append("%s %s is not a formula" % (m["id"], delta_col))
            if cell(trend_col).value != change["trend"]:
                problems.append("%s %s" % (m["id"], trend_col))
        if cell("Benchmark").value != m.get("benchmark_text"):
            problems.append("%s benchmark text" % m["id"])
        if m["benchmarks"] and not near(cell("Benchmark value").value, stored(unit, m["benchmarks"][0])):
            problems.append("%s benchmark value" % m["id"])
        if cell("Summary").value != m.get("summary"):
            problems.append("%s summary" % m["id"])
    for p in problems[:10]:
        print("# " + p)
    check(not problems, "%s: every Measures row agrees with --dump (%d measures)" % (name, n))
    last = wv.cell(n + 2, 1).value
    check(last is None, "%s: Measures has one row per measure and no more" % name)


def check_history(name, rep, wb, wbv, legend):
    ws, wv = wb["History"], wbv["History"]
    h = header_map(ws)
    want = [(m, p) for m in rep["measures"] for p in m["periods"]]
    check_tables(name, ws, "HistoryTable", len(h), len(want))
    check(ws.freeze_panes is not None and ws.freeze_panes.endswith("2"),
          "%s: History header row is frozen" % name)
    for col in ("Fiscal year", "Quarter", "Actual", "Target", "Compared amount"):
        check_number_column(name, wv, h[col], col)
    rows = list(wv.iter_rows(min_row=2, values_only=True))
    rows = [r for r in rows if any(v is not None for v in r)]
    check(len(rows) == len(want),
          "%s: History has one row per measure and period (%d, expected %d)" % (name, len(rows), len(want)))
    problems = []
    g = lambda row, col: row[h[col] - 1]
    for i, (row, (m, p)) in enumerate(zip(rows, want)):
        fy, q = int(p["id"][2:6]), int(p["id"][-1])
        start, end = quarter_dates(fy, q, rep["start_month"], rep["named_by_end"])
        if g(row, "Measure ID") != m["id"] or g(row, "Period") != p["id"]:
            problems.append("row %r for %s %s" % (row[:5], m["id"], p["id"]))
            continue
        if g(row, "Fiscal year") != fy or g(row, "Quarter") != q:
            problems.append("%s %s fiscal year/quarter" % (m["id"], p["id"]))
        if not (isinstance(g(row, "Start"), datetime.datetime) and as_date(g(row, "Start")) == start
                and isinstance(g(row, "End"), datetime.datetime) and as_date(g(row, "End")) == end):
            problems.append("%s %s dates %r %r" % (m["id"], p["id"], g(row, "Start"), g(row, "End")))
        for col, key in (("Actual", "actual"), ("Target", "target"), ("Compared amount", "compared")):
            v = g(row, col)
            if p[key] is None and v is not None or p[key] is not None and not near(v, stored(m["unit"], p[key])):
                problems.append("%s %s %s %r" % (m["id"], p["id"], col, v))
        if g(row, "Status") != legend[p["status"]] or g(row, "Computed status") != legend[p["computed"]]:
            problems.append("%s %s status" % (m["id"], p["id"]))
        if p["actual"] is not None:
            c = wb["History"].cell(i + 2, h["Actual"])
            if not format_ok(m["unit"], m["decimals"], m["currency"], c.number_format):
                problems.append("%s %s actual format %r" % (m["id"], p["id"], c.number_format))
        if g(row, "Override") is not p["override"]:
            problems.append("%s %s override %r" % (m["id"], p["id"], g(row, "Override")))
    for p in problems[:10]:
        print("# " + p)
    check(not problems, "%s: every History row agrees with --dump and the fiscal calendar" % name)
    if rep["period_start"]:
        report_rows = [r for r, (m, p) in zip(rows, want) if p["report"]]
        check(all(as_date(g(r, "Start")).isoformat() == rep["period_start"] for r in report_rows),
              "%s: report-period rows start on %s" % (name, rep["period_start"]))


def check_narrative(name, rep, wb, wbv):
    ws = wbv["Narrative"]
    h = header_map(ws)
    want = []
    for s in rep["sections"]:
        want.append((s["id"], "heading", s["title"]))
        for kind, text in s["rows"]:
            want.append((s["id"], kind, text))
    check_tables(name, wb["Narrative"], "NarrativeTable", len(h), len(want))
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    check(len(rows) == len(want), "%s: Narrative has one row per heading, paragraph, quote, item "
          "and measure card (%d, expected %d)" % (name, len(rows), len(want)))
    names = {m["id"]: m["name"] for m in rep["measures"]}
    bad = []
    for row, (sid, kind, text) in zip(rows, want):
        got = (row[h["Section ID"] - 1], row[h["Kind"] - 1], row[h["Text"] - 1])
        if kind == "measure":
            ok = got[:2] == (sid, kind) and (got[2] or "").startswith(names[text])
        else:
            ok = got == (sid, kind, text)
        if not ok:
            bad.append("%r, expected %r" % (got, (sid, kind, text)))
    for b in bad[:5]:
        print("# " + b)
    check(not bad, "%s: Narrative text is the data file's, in order" % name)


def check_about(name, rep, wbv, legend):
    ws = wbv["About"]
    facts = {r[0]: r[1] for r in ws.iter_rows(max_col=2, values_only=True) if r[0]}
    check(facts.get("Source file") == rep["file"], "%s: About names the source file" % name)
    check(str(facts.get("Generated by", "")).startswith("qreport "), "%s: About gives the version" % name)
    check(facts.get("Layout") not in (None, ""), "%s: About names the layout" % name)
    check(set(legend) == {"met", "under", "not-met", "no-data"} and all(legend.values()),
          "%s: About has the status legend %r" % (name, legend))
    text = " ".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v)
    check("Tolerance" in text and "unless a measure sets its own" in text,
          "%s: About states the tolerance rule" % name)


def layout_colors(layout):
    """Status colours as the layout file writes them, read without the program."""
    text = open("layouts/%s.xml" % layout, encoding="utf-8").read()
    return {m.group(1): m.group(2).upper()
            for m in re.finditer(r'<status name="([a-z-]+)"[^>]*color="#([0-9A-Fa-f]{6})"', text)}


def fill_of(c):
    rgb = c.fill.fgColor.rgb if c.fill is not None and c.fill.fgColor is not None else None
    return rgb[-6:].upper() if isinstance(rgb, str) else None


def check_status_colors(name, wb, legend, colors):
    """Each status cell is filled with its status colour from the layout."""
    ws = wb["Measures"]
    h = header_map(ws)
    by_label = {v: k for k, v in legend.items()}
    bad, seen = [], set()
    for row in range(2, ws.max_row + 1):
        c = ws.cell(row, h["Status"])
        if c.value is None:
            continue
        word = by_label.get(c.value)
        seen.add(word)
        if fill_of(c) != colors.get(word):
            bad.append("%s: %s filled %s, layout says %s" % (c.coordinate, c.value, fill_of(c), colors.get(word)))
        if not re.match(r'^"[^"]+ "@$', c.number_format):
            bad.append("%s: format %r shows no symbol" % (c.coordinate, c.number_format))
    for b in bad[:5]:
        print("# " + b)
    check(not bad and seen, "%s: status cells are filled with the layout's colours and show a symbol" % name)


def check_charts(name, rep, path):
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
        xml = [z.read(n).decode() for n in charts]
    multi = [m for m in rep["measures"] if sum(p["actual"] is not None for p in m["periods"]) >= 2]
    check(len(charts) == 1 + len(multi),
          "%s: one chart per measure with two periods of data, plus the summary (%d, expected %d)"
          % (name, len(charts), 1 + len(multi)))
    check(any("barChart" in x and "stacked" in x for x in xml), "%s: the summary chart is a stacked bar" % name)
    lines = [x for x in xml if "lineChart" in x]
    with_target = [m for m in multi if any(p["target"] is not None for p in m["periods"])]
    check(sum('prstDash val="dash"' in x for x in lines) == len(with_target),
          "%s: each chart with a target draws it dashed" % name)
    # Thousands of charts: each names its cells rather than carrying a copy
    # of them, which would double its size and the time to write it.
    check(not any("numCache" in x or "strCache" in x for x in lines),
          "%s: measure charts read their cells and hold no copy of them" % name)


def cell_range(ws, ref):
    """The values of a chart reference such as Charts!$B$3:$B$14."""
    sheet, cells = ref.split("!")
    cells = cells.replace("$", "")
    first, _, last = cells.partition(":")
    rows = ws[first:last or first]
    return [c.value for row in rows for c in row], sheet


def check_chart_data(name, rep, path, wbv, facts):
    """Each measure's chart plots its own series, the one the presentation
    gives (--facts): every quarter of its range, values with gaps, the
    target where one applies, the benchmarks. The chart reads cells, so the
    cells it names must hold exactly that."""
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)),
                       key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)))
        xml = [z.read(n).decode() for n in names]
    units = {m["id"]: m["unit"] for m in rep["measures"]}
    drawn = [m for m in facts["measures"] if m["full_chart"]["drawn"]]
    lines = [x for x in xml if "lineChart" in x]
    if not check(len(lines) == len(drawn), "%s: a line chart per measure with a history" % name):
        return
    ws = wbv["Charts"]
    bad = []
    for m, x in zip(drawn, lines):
        c = m["full_chart"]
        title = re.search(r"<a:t>(.*?)</a:t>", x)
        if not title or html_unescape(title.group(1)).strip() != m["name"].strip():
            bad.append("%s: chart titled %r" % (m["id"], title and title.group(1)))
            continue
        unit = units[m["id"]]
        labels = [p["label"] for p in c["points"]]
        want = [(c["value_name"], [stored(unit, p["value"]) if "value" in p else None for p in c["points"]])]
        if c["segments"]:
            want.append((c["target_name"],
                         [stored(unit, p["target"]) if "target" in p else None for p in c["points"]]))
        for b in c["benchmarks"][:4]:
            want.append((b["label"], [stored(unit, b["value"])] * len(c["points"])))
        series = re.findall(r"<c:ser>(.*?)</c:ser>", x)
        if len(series) != len(want):
            bad.append("%s: %d series, expected %d" % (m["id"], len(series), len(want)))
            continue
        for s, (label, values) in zip(series, want):
            tx = re.search(r"<c:tx><c:v>(.*?)</c:v></c:tx>", s)
            cat = re.search(r"<c:cat><c:strRef><c:f>(.*?)</c:f>", s)
            val = re.search(r"<c:val><c:numRef><c:f>(.*?)</c:f>", s)
            if not (tx and cat and val):
                bad.append("%s: series without a name, categories or values" % m["id"])
                continue
            got_labels, sheet1 = cell_range(ws, cat.group(1))
            got_values, sheet2 = cell_range(ws, val.group(1))
            if html_unescape(tx.group(1)) != label:
                bad.append("%s: series %r, expected %r" % (m["id"], tx.group(1), label))
            if (sheet1, sheet2) != ("Charts", "Charts") or got_labels != labels:
                bad.append("%s %s: categories %r, expected %r" % (m["id"], label, got_labels, labels))
            elif len(got_values) != len(values) or any(
                    (w is None) != (g is None) or (w is not None and not near(g, w))
                    for g, w in zip(got_values, values)):
                bad.append("%s %s: values %r, expected %r" % (m["id"], label, got_values, values))
    for b in bad[:6]:
        print("# " + b)
    check(not bad, "%s: every chart plots its measure's periods, actuals and targets from "
          "the Charts sheet (%d charts)" % (name, len(lines)))


def html_unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def check_properties(name, rep, wb):
    p = wb.properties
    # The title names whose report and which quarter, as the PDF's does.
    title = "%s: %s, %s" % (rep["organization"], rep["title"], rep["period_label"])
    check(p.title == title, "%s: document title names the city, the report and the quarter" % name)
    check(p.creator == rep["organization"], "%s: document author is the organization" % name)
    if rep.get("published"):
        check(p.created is not None and p.created.date().isoformat() == rep["published"]
              and p.created.time() == datetime.time(0, 0),
              "%s: created is the published date (%s)" % (name, p.created))


def check_example(example, tmp):
    name = os.path.basename(example)
    d = run(["--dump", example])
    if not check(d.returncode == 0, "%s: --dump runs" % name):
        return
    rep = parse_dump(d.stdout)
    out = os.path.join(tmp, "a-" + name)
    p, path = write_workbook(example, out)
    if not check(p.returncode == 0 and os.path.isfile(path),
                 "%s: --format xlsx writes %s" % (name, os.path.basename(path))):
        print("# " + p.stderr.replace("\n", "\n# "))
        return
    check(sorted(os.listdir(out)) == [os.path.basename(path)],
          "%s: only the workbook is written, no temporary file left" % name)
    wb = openpyxl.load_workbook(path)
    wbv = openpyxl.load_workbook(path, data_only=True)
    check(wb.sheetnames == SHEETS, "%s: sheets are %s" % (name, ", ".join(SHEETS)))
    if wb.sheetnames != SHEETS:
        return
    legend = legend_of(wbv["About"])
    check_about(name, rep, wbv, legend)
    if len(legend) != 4:
        return
    check_summary(name, rep, wb, wbv, legend)
    check_measures(name, rep, wb, wbv, legend)
    check_history(name, rep, wb, wbv, legend)
    check_narrative(name, rep, wb, wbv)
    check_charts(name, rep, path)
    facts = json.loads(run(["--facts", example]).stdout)
    check_chart_data(name, rep, path, wbv, facts)
    check_properties(name, rep, wb)
    for s in SHEETS:
        ws = wb[s]
        check(ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
              and ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
              and "&P" in (ws.oddFooter.right.text or ""),
              "%s: %s prints landscape, one page wide, with page numbers" % (name, s))

    # Same inputs, same bytes: with and without SOURCE_DATE_EPOCH.
    with open(path, "rb") as f:
        first = f.read()
    _, again = write_workbook(example, os.path.join(tmp, "b-" + name))
    with open(again, "rb") as f:
        check(f.read() == first, "%s: a second run gives identical bytes" % name)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    _, e1 = write_workbook(example, os.path.join(tmp, "c-" + name), env)
    _, e2 = write_workbook(example, os.path.join(tmp, "d-" + name), env)
    with open(e1, "rb") as f1, open(e2, "rb") as f2:
        b1 = f1.read()
        check(b1 == f2.read(), "%s: identical bytes with SOURCE_DATE_EPOCH set" % name)
    created = openpyxl.load_workbook(e1).properties.created
    check(created == datetime.datetime(2023, 11, 14, 22, 13, 20),
          "%s: SOURCE_DATE_EPOCH sets the created time (%s)" % (name, created))
    return rep, wb, wbv


def known_figures(tmp):
    """Figures from the Independence press release, independent of the program."""
    ex = EXAMPLES[0]
    _, path = write_workbook(ex, os.path.join(tmp, "known"))
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Measures"]
    h = header_map(ws)
    rows = {r[h["Measure ID"] - 1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    fmt = {ws.cell(i, h["Measure ID"]).value: ws.cell(i, h["Actual"]).number_format
           for i in range(2, ws.max_row + 1)}
    g = lambda mid, col: rows.get(mid, [None] * len(h))[h[col] - 1]
    check(near(g("code-inspections", "Actual"), 0.81) and fmt.get("code-inspections") == "0%",
          "independence: 81% is stored as 0.81 with format 0%")
    check(near(g("code-inspections", "Target"), 0.75), "independence: the 75% target is 0.75")
    check(near(g("code-inspections", "Variance"), 6), "independence: 81% against 75% is a variance of 6 points")
    check(near(g("police-response", "Actual"), 517 / 86400), "independence: 8:37 is stored as 517/86400 of a day")
    check(near(g("police-response", "Target"), 300 / 86400), "independence: the 5:00 target is 300/86400")
    check(near(g("police-response", "Variance"), 217), "independence: 8:37 against 5:00 is 217 seconds over")
    check(near(g("utility-call-answer", "Actual"), 8.53) and fmt.get("utility-call-answer") == '#,##0.00" min"',
          "independence: 8.53 minutes is the number 8.53 shown as minutes")
    check(near(g("jobs-created", "Actual"), 342) if "jobs-created" in rows else
          any(near(r[h["Actual"] - 1], 342) for r in rows.values()),
          "independence: 342 jobs is the number 342")
    demo = [r for mid, r in rows.items() if mid and "demolition" in mid]
    check(demo and near(demo[0][h["Pro-rated target"] - 1], 5) and near(demo[0][h["Target"] - 1], 20),
          "independence: 20 demolitions a year is pro-rated to 5 for Q1")
    labels = {g(mid, "Status") for mid in ("code-inspections", "police-response")}
    check(g("code-inspections", "Status") != g("police-response", "Status") and None not in labels,
          "independence: code inspections and police response have different statuses")


def layout_run(tmp):
    """With the independence layout, statuses wear its colours."""
    ex = EXAMPLES[1]
    out = os.path.join(tmp, "layout")
    p = run(["--layout", "independence", "--format", "xlsx", "--out", out, ex])
    if not check(p.returncode == 0, "riverbend with --layout independence writes a workbook"):
        return
    path = os.path.join(out, os.path.splitext(os.path.basename(ex))[0] + ".xlsx")
    wb = openpyxl.load_workbook(path)
    legend = legend_of(openpyxl.load_workbook(path, data_only=True)["About"])
    colors = layout_colors("independence")
    check(len(set(colors.values())) == 4, "the independence layout has four status colours")
    check_status_colors("riverbend (independence layout)", wb, legend, colors)
    with zipfile.ZipFile(path) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    check(all(c in chart.upper() for c in colors.values()),
          "the summary chart's bars use the layout's status colours")


def write_failure(tmp):
    """A target that cannot be replaced: exit 3, message, no partial file."""
    out = os.path.join(tmp, "blocked")
    os.makedirs(os.path.join(out, "independence-fy2018-q1.xlsx"))
    p = run(["--format", "xlsx", "--out", out, EXAMPLES[0]])
    check(p.returncode == 3, "a workbook that cannot be written exits 3 (got %d)" % p.returncode)
    check("error" in p.stderr and "independence-fy2018-q1.xlsx" in p.stderr,
          "a write failure names the file in an error message")
    check(os.listdir(out) == ["independence-fy2018-q1.xlsx"],
          "a write failure leaves no temporary file (%r)" % os.listdir(out))


def main():
    if not os.access(QREPORT, os.X_OK):
        check(False, "the program %s exists" % QREPORT)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for ex in EXAMPLES:
            check_example(ex, tmp)
        # A report made by gen-report: hundreds of charts, every unit with
        # its decimals, gaps in histories, annual targets.
        generated = os.path.join(tmp, "generated-%d.xml" % GENERATED)
        with open(generated, "w", encoding="utf-8") as f:
            g = subprocess.run([os.path.join(BUILD, "gen-report"), str(GENERATED)], stdout=f)
        if check(g.returncode == 0, "gen-report writes a report of %d measures" % GENERATED):
            check_example(generated, tmp)
        known_figures(tmp)
        layout_run(tmp)
        write_failure(tmp)
    return failed


if __name__ == "__main__":
    sys.exit(main())
