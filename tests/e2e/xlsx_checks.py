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
SHEETS = ["Summary", "Measures", "History", "Status by period", "Charts", "Definitions",
          "Benchmarks", "Narrative", "Chart data", "About"]
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


def links_of(dumped):
    """The link targets of a dumped paragraph, in order."""
    return [unquote(h) for h in re.findall(r'<a href=\\"(.*?)\\">', dumped)]


def parse_dump(text):
    rep = {"goals": [], "measures": [], "sections": []}
    goal = measure = period = section = None
    section_links = None
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
        if depth == 2 and s in ("commentary:", "action:"):
            section_links = s
            continue
        if depth <= 2 and not s.startswith("p: "):
            section_links = None
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
                       "goal_id": goal["id"], "targets": {}, "periods": [], "changes": [],
                       "benchmarks": [], "benchmark_labels": [], "benchmark_words": [], "values": {},
                       "department": None, "definition": None, "links": [], "tolerance": None}
            goal["measures"].append(measure)
            rep["measures"].append(measure)
        elif measure is None:
            continue
        elif depth == 2 and s.startswith("unit: "):
            m = re.match(r"unit: (\w+), decimals (\d+)(?:, currency (\w+))?, aggregation (\w+)", s)
            measure["unit"], measure["decimals"] = m.group(1), int(m.group(2))
            measure["currency"] = m.group(3)
            measure["aggregation"] = m.group(4)
        elif depth == 2 and s.startswith("department: "):
            measure["department"] = unquote(s[len("department: ") + 1:-1])
        elif depth == 2 and s.startswith("definition: "):
            text = s[len("definition: "):].rsplit(" line ", 1)[0][1:-1]
            measure["definition"] = plain(text)
            measure["links"] += links_of(text)
        elif depth == 2 and s.startswith("tolerance: "):
            m = re.match(r"tolerance: (\S+?)(%)?(?: \"(.*)\")?(?:,| \(|$)", s)
            measure["tolerance"] = {"amount": float(m.group(1)), "relative": m.group(2) == "%"}
        elif depth == 2 and s.startswith("value: "):
            m = re.match(r"value: (\S+) actual (\S+)", s)
            measure["values"][m.group(1)] = None if m.group(2) == "(none)," else float(m.group(2).rstrip(","))
        elif depth == 3 and s.startswith("p: ") and section_links is not None:
            measure["links"] += links_of(s[3:].rsplit(" line ", 1)[0][1:-1])
        elif depth == 2 and s.startswith("direction: "):
            measure["direction"] = s[len("direction: "):]
        elif depth == 2 and s.startswith("target: "):
            m = re.match(r"target: (\S+) (\S+) " + QUOTED + r" per (\w+), .*line (\d+)$", s)
            measure["targets"][int(m.group(5))] = {
                "cmp": m.group(1), "amount": float(m.group(2)), "per": m.group(4)}
        elif depth == 2 and s.startswith("benchmark: "):
            m = re.match(r"benchmark: " + QUOTED + r" (?:text " + QUOTED + r"|(\S+))", s)
            # A benchmark in words has no amount.
            measure["benchmarks"].append(None if m.group(3) is None else float(m.group(3)))
            measure["benchmark_words"].append(None if m.group(2) is None else unquote(m.group(2)))
            measure["benchmark_labels"].append(unquote(m.group(1)))
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


def format_ok(unit, decimals, currency, fmt, value=None):
    # Minutes the data file gives no decimals for (none of these reports
    # does) show the places each amount has, up to the default, as readers
    # see them: 5 min, 8.53 min.
    if unit == "minutes" and value is not None:
        decimals = places(value, 0, decimals)
    dec = "" if decimals == 0 else "." + "0" * decimals
    if unit == "duration":
        return "[m]:ss" in fmt and "[h]:mm:ss" in fmt and '" min"' in fmt and '" h"' in fmt
    if unit == "percent":
        return fmt == "0" + dec + "%"
    if unit in ("count", "number"):
        return fmt == "#,##0" + dec
    if unit == "minutes":
        return fmt == '#,##0' + dec + '" min"'
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


def places(v, at_least, at_most=6):
    """The fewest decimal places, from at_least to at_most, that show v exactly."""
    # An amount has at most 15 significant digits (the format's rule);
    # digits past them are the noise of binary arithmetic.
    text = repr(float("%.15g" % v))
    k = 0 if "e" in text or "." not in text else len(text.split(".")[1].rstrip("0"))
    return min(max(k, at_least), at_most)


def decimals_of(fmt):
    """Places a number format shows: "#,##0.00" is 2."""
    first = fmt.split(";")[0]
    m = re.search(r"0\.(0+)", first)
    return len(m.group(1)) if m else 0


def miss_format_ok(unit, currency, decimals, fmt):
    """An allowed miss: no sign, the unit's differences, `decimals` places."""
    if fmt.startswith("+") or decimals_of(fmt) != decimals:
        return False
    return unit_suffix_ok(unit, currency, fmt)


def unit_suffix_ok(unit, currency, fmt):
    suffix = {"percent": '" pts"', "duration": '" s"', "minutes": '" min"'}.get(unit)
    if suffix:
        return suffix in fmt
    if unit == "currency":
        sign = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "JPY": "\u00a5"}.get(currency or "USD", "")
        return sign in fmt
    return "pts" not in fmt and " s" not in fmt and " min" not in fmt


def signed_format_ok(unit, currency, decimals, fmt):
    """A signed difference with `decimals` places and its unit, zero in the unit too."""
    parts = fmt.split(";")
    return (len(parts) == 3 and parts[0].startswith("+") and parts[1].startswith("-")
            and all(decimals_of(x) == decimals for x in parts)
            and all(unit_suffix_ok(unit, currency, x) for x in parts))


def period_of(pid):
    return int(pid[2:6]), int(pid[-1])


def ytd_sum(m, pid):
    """A summed measure's year to date at period pid, from its values alone."""
    fy, q = period_of(pid)
    total = 0.0
    for k in range(1, q + 1):
        v = m["values"].get("FY%d-Q%d" % (fy, k))
        if v is None:
            return None
        total += v
    return round(total, 9)


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
                legend[r[2]] = r[0]
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
    bad = []
    for g, goal in enumerate(rep["goals"]):
        for k, w in enumerate(order):
            f = ws.cell(first + 1 + g, 2 + k).value
            want = '=COUNTIFS(MeasureTable[Goal ID],"=%s",MeasureTable[Status],"=%s")' % (
                goal["id"], legend[w])
            if f != want:
                bad.append("%s %s: %r" % (goal["id"], w, f))
    for b in bad[:3]:
        print("# " + b)
    check(not bad, "%s: each goal's counts are COUNTIFS over the Measures table" % name)
    total_row = first + max(len(rep["goals"]), 1) + 1
    label = wv.cell(total_row, 1).value
    tot = [wv.cell(total_row, c).value for c in range(2, 7)]
    want = [rep["counts"][w] for w in order] + [sum(rep["counts"].values())]
    check(label == "All goals" and tot == want,
          "%s: the All goals row caches the report's counts %r (got %r)" % (name, want, tot))
    f = ws.cell(total_row, 2).value
    check(isinstance(f, str) and f.startswith("=SUM("), "%s: totals are live SUM formulas" % name)


AMOUNT_COLUMNS = ("Actual", "Year-to-date actual", "Prior year-to-date", "Compared amount",
                  "Target compared", "Annual target", "Actual a year ago", "Actual last quarter")
HISTORY_AMOUNTS = ("Actual", "Year-to-date actual", "Compared amount", "Target compared",
                   "Annual target")


def seconds_problems(mid, unit, row, h, columns, what):
    """Each amount of a duration has its seconds beside it; no other unit has."""
    out = []
    for col in columns:
        v = row(col)
        sec = row(col + " (seconds)")
        if unit == "duration" and v is not None:
            if not (is_number(sec) and near(sec, num(v) * 86400, 1e-6)):
                out.append("%s %s %s: seconds %r for %r" % (mid, what, col, sec, v))
        elif sec is not None:
            out.append("%s %s %s: seconds %r without a duration" % (mid, what, col, sec))
    return out


def variance_places(m, p):
    """Places a variance shows: the target compared's, seconds for durations."""
    if m["unit"] == "duration":
        return places(p["target"], 0)
    if per_year(m, p):
        return places(p["target"], m["decimals"], m["decimals"] + 2)
    return m["decimals"]


def per_year(m, p):
    """Whether the period is judged on an annual target (its year to date)."""
    return p["target_line"] is not None and m["targets"][p["target_line"]]["per"] == "year"


def judged_problems(m, p, cell, form, row_no, h, what):
    """The columns a status was decided on, against the dump."""
    out = []
    unit, mid = m["unit"], m["id"]
    if p["target_line"] is None:
        for col in ("Comparison", "Target compared", "Annual target", "Allowed miss", "Variance"):
            if cell(col).value is not None:
                out.append("%s %s %s without a target" % (mid, what, col))
        return out
    t = m["targets"][p["target_line"]]
    if cell("Comparison").value != t["cmp"].replace("-", " "):
        out.append("%s %s comparison %r" % (mid, what, cell("Comparison").value))
    if not near(cell("Target compared").value, stored(unit, p["target"])):
        out.append("%s %s target compared %r" % (mid, what, cell("Target compared").value))
    annual = cell("Annual target").value
    if t["per"] == "year":
        if not near(annual, stored(unit, t["amount"])):
            out.append("%s %s annual target %r" % (mid, what, annual))
    elif annual is not None:
        out.append("%s %s annual target for a quarterly target" % (mid, what))
    c = cell("Allowed miss")
    if not near(c.value, p["tolerance"]):
        out.append("%s %s allowed miss %r" % (mid, what, c.value))
    # Seconds, and minutes without decimals= (none of these reports gives
    # them), show the places the miss has; other units at least their own.
    elif not miss_format_ok(unit, m["currency"], places(p["tolerance"], 0 if unit in ("duration", "minutes")
                                                        else m["decimals"]), c.number_format):
        out.append("%s %s allowed miss format %r" % (mid, what, c.number_format))
    if p["compared"] is None:
        return out
    c = cell("Variance")
    want = p["compared"] - p["target"]
    factor = {"percent": "*100", "duration": "*86400"}.get(unit, "")
    a = openpyxl.utils.get_column_letter(h["Compared amount"])
    b = openpyxl.utils.get_column_letter(h["Target compared"])
    if not near(c.value, want, 1e-7):
        out.append("%s %s variance %r, expected %r" % (mid, what, c.value, want))
    if form("Variance") != "=ROUND((%s%d-%s%d)%s,9)" % (a, row_no, b, row_no, factor):
        out.append("%s %s variance formula %r" % (mid, what, form("Variance")))
    if not signed_format_ok(unit, m["currency"], variance_places(m, p), c.number_format):
        out.append("%s %s variance format %r" % (mid, what, c.number_format))
    return out


def derived_status(row, legend_by_label):
    """The computed status worked out from a History row alone: the amount
    compared, the comparison, the variance and the allowed miss."""
    if row("Compared amount") is None or row("Target compared") is None:
        return "no-data"
    var, allowed, cmp = row("Variance"), row("Allowed miss"), row("Comparison")
    met = {"at least": var >= 0, "more than": var > 0, "at most": var <= 0,
           "less than": var < 0}[cmp]
    if met:
        return "met"
    return "under" if abs(var) <= allowed else "not-met"


def check_measures(name, rep, wb, wbv, legend, facts):
    ws, wv = wb["Measures"], wbv["Measures"]
    h = header_map(ws)
    n = len(rep["measures"])
    check_tables(name, ws, "MeasureTable", len(h), n)
    check(ws.freeze_panes == "C2", "%s: Measures header row, ids and names are frozen" % name)
    for col in AMOUNT_COLUMNS + ("Year-to-date change", "Variance", "Variance %", "Allowed miss",
                                 "Change on a year ago", "Change on last quarter") + tuple(
                                     c + " (seconds)" for c in AMOUNT_COLUMNS):
        if check(col in h, "%s: Measures has a %s column" % (name, col)):
            check_number_column(name, wv, h[col], col)
    drawn = {m["id"] for m in facts["measures"] if m["full_chart"]["drawn"]}
    charts = wb["Charts"]
    problems = []
    for i, m in enumerate(rep["measures"]):
        r = i + 2
        cur = m["current"]
        cell = lambda col: wv.cell(r, h[col])
        form = lambda col: ws.cell(r, h[col]).value
        value = lambda col: wv.cell(r, h[col]).value
        if cell("Measure ID").value != m["id"]:
            problems.append("%s: row %d is %r" % (m["id"], r, cell("Measure ID").value))
            continue
        unit = m["unit"]
        if (cell("Unit").value, cell("Goal ID").value, cell("Goal").value, cell("Period").value) != \
                (unit, m["goal_id"], m["goal"], rep["period"]):
            problems.append("%s unit, goal or period" % m["id"])
        if cur["actual"] is not None:
            c = cell("Actual")
            if not near(c.value, stored(unit, cur["actual"])):
                problems.append("%s actual %r" % (m["id"], c.value))
            if not format_ok(unit, m["decimals"], m["currency"], c.number_format, cur["actual"]):
                problems.append("%s actual format %r" % (m["id"], c.number_format))
        elif cell("Actual").value is not None:
            problems.append("%s has an actual" % m["id"])
        if cur["compared"] is None:
            if cell("Compared amount").value is not None:
                problems.append("%s compared amount without one" % m["id"])
        elif not near(cell("Compared amount").value, stored(unit, cur["compared"])):
            problems.append("%s compared amount %r" % (m["id"], cell("Compared amount").value))
        problems += judged_problems(m, cur, cell, form, r, h, "now")
        if cur["compared"] is not None and cur["target"] and not near(
                cell("Variance %").value, (cur["compared"] - cur["target"]) / abs(cur["target"]), 1e-7):
            problems.append("%s variance %%" % m["id"])
        # Year to date, from the values alone, where the measure sums.
        ytd = ytd_sum(m, rep["period"]) if m["aggregation"] == "sum" else None
        fy, q = period_of(rep["period"])
        prior = ytd_sum(m, "FY%d-Q%d" % (fy - 1, q)) if m["aggregation"] == "sum" else None
        for col, want in (("Year-to-date actual", ytd), ("Prior year-to-date", prior)):
            got = cell(col).value
            if (want is None) != (got is None) or (want is not None and not near(got, stored(unit, want))):
                problems.append("%s %s %r, expected %r" % (m["id"], col, got, want))
        change = cell("Year-to-date change")
        if ytd is not None and prior is not None:
            a = openpyxl.utils.get_column_letter(h["Year-to-date actual"])
            b = openpyxl.utils.get_column_letter(h["Prior year-to-date"])
            if not near(change.value, ytd - prior, 1e-7) or form("Year-to-date change") != \
                    "=ROUND((%s%d-%s%d)%s,9)" % (a, r, b, r, {"percent": "*100", "duration": "*86400"}.get(unit, "")):
                problems.append("%s year-to-date change %r %r" % (m["id"], change.value,
                                                                   form("Year-to-date change")))
        elif change.value is not None:
            problems.append("%s year-to-date change without both sums" % m["id"])
        problems += seconds_problems(m["id"], unit, value, h, AMOUNT_COLUMNS, "now")
        for col in ("Target compared", "Annual target", "Actual a year ago", "Actual last quarter",
                    "Year-to-date actual", "Prior year-to-date"):
            c = cell(col)
            dec = m["decimals"]
            if col == "Target compared" and per_year(m, cur) and unit != "duration":
                dec = places(cur["target"], dec, dec + 2)
            if c.value is not None and not format_ok(unit, dec, m["currency"], c.number_format,
                                                     num(c.value)):
                problems.append("%s %s format %r" % (m["id"], col, c.number_format))
        for col in ("Change on a year ago", "Change on last quarter", "Year-to-date change"):
            c = cell(col)
            dec = 0 if unit == "duration" else m["decimals"]
            if c.value is not None and not signed_format_ok(unit, m["currency"], dec, c.number_format):
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
            if not (isinstance(form(delta_col), str) and form(delta_col).startswith("=ROUND((")):
                problems.append("%s %s is not a formula" % (m["id"], delta_col))
            if cell(trend_col).value != change["trend"]:
                problems.append("%s %s" % (m["id"], trend_col))
        if cell("Benchmark").value != m.get("benchmark_text"):
            problems.append("%s benchmark text" % m["id"])
        if cell("Summary").value != m.get("summary"):
            problems.append("%s summary" % m["id"])
        # The chart link leads to the measure's line beside its goal's chart.
        link = ws.cell(r, h["Chart"]).hyperlink
        if m["id"] in drawn:
            loc = link.location if link is not None else None
            target = re.match(r"'?Charts'?!A(\d+)$", loc or "")
            if not target or charts.cell(int(target.group(1)), 1).value != m["id"]:
                problems.append("%s chart link %r" % (m["id"], loc))
        elif link is not None or cell("Chart").value is not None:
            problems.append("%s has a chart link without a chart" % m["id"])
    for p in problems[:10]:
        print("# " + p)
    check(not problems, "%s: every Measures row agrees with --dump (%d measures)" % (name, n))
    last = wv.cell(n + 2, 1).value
    check(last is None, "%s: Measures has one row per measure and no more" % name)


def check_history(name, rep, wb, wbv, legend):
    ws, wv = wb["History"], wbv["History"]
    h = header_map(ws)
    want = [(m, p) for m in rep["measures"] for p in m["periods"]]
    # A sheet of filters rather than a table: it is written a row at a
    # time, which tables do not allow.
    last = openpyxl.utils.get_column_letter(len(h))
    check(ws.auto_filter.ref == "A1:%s%d" % (last, max(len(want), 1) + 1),
          "%s: History filters cover the data (%s)" % (name, ws.auto_filter.ref))
    check(ws.freeze_panes == "C2", "%s: History header row, ids and names are frozen" % name)
    for col in ("Fiscal year", "Quarter", "Variance", "Allowed miss") + HISTORY_AMOUNTS + tuple(
            c + " (seconds)" for c in HISTORY_AMOUNTS):
        if check(col in h, "%s: History has a %s column" % (name, col)):
            check_number_column(name, wv, h[col], col)
    rows = list(wv.iter_rows(min_row=2, values_only=True))
    rows = [r for r in rows if any(v is not None for v in r)]
    check(len(rows) == len(want),
          "%s: History has one row per measure and period (%d, expected %d)" % (name, len(rows), len(want)))
    problems, underived = [], []
    g = lambda row, col: row[h[col] - 1]
    by_label = {v: k for k, v in legend.items()}
    for i, (row, (m, p)) in enumerate(zip(rows, want)):
        fy, q = period_of(p["id"])
        start, end = quarter_dates(fy, q, rep["start_month"], rep["named_by_end"])
        if g(row, "Measure ID") != m["id"] or g(row, "Period") != p["id"]:
            problems.append("row %r for %s %s" % (row[:5], m["id"], p["id"]))
            continue
        if (g(row, "Goal ID"), g(row, "Goal")) != (m["goal_id"], m["goal"]):
            problems.append("%s %s goal" % (m["id"], p["id"]))
        if g(row, "Fiscal year") != fy or g(row, "Quarter") != q:
            problems.append("%s %s fiscal year/quarter" % (m["id"], p["id"]))
        if not (isinstance(g(row, "Start"), datetime.datetime) and as_date(g(row, "Start")) == start
                and isinstance(g(row, "End"), datetime.datetime) and as_date(g(row, "End")) == end):
            problems.append("%s %s dates %r %r" % (m["id"], p["id"], g(row, "Start"), g(row, "End")))
        for col, key in (("Actual", "actual"), ("Compared amount", "compared")):
            v = g(row, col)
            if p[key] is None and v is not None or p[key] is not None and not near(v, stored(m["unit"], p[key])):
                problems.append("%s %s %s %r" % (m["id"], p["id"], col, v))
        ytd = ytd_sum(m, p["id"]) if m["aggregation"] == "sum" else None
        v = g(row, "Year-to-date actual")
        if (ytd is None) != (v is None) or (ytd is not None and not near(v, stored(m["unit"], ytd))):
            problems.append("%s %s year to date %r, expected %r" % (m["id"], p["id"], v, ytd))
        r = i + 2
        problems += judged_problems(m, p, lambda col: wv.cell(r, h[col]),
                                    lambda col: ws.cell(r, h[col]).value, r, h, p["id"])
        problems += seconds_problems(m["id"], m["unit"], lambda col: g(row, col), h,
                                     HISTORY_AMOUNTS, p["id"])
        if g(row, "Status") != legend[p["status"]] or g(row, "Computed status") != legend[p["computed"]]:
            problems.append("%s %s status" % (m["id"], p["id"]))
        if derived_status(lambda col: g(row, col), by_label) != by_label.get(g(row, "Computed status")):
            underived.append("%s %s: the row gives %s, the status is %s" % (
                m["id"], p["id"], derived_status(lambda col: g(row, col), by_label), p["computed"]))
        if p["actual"] is not None:
            c = wb["History"].cell(r, h["Actual"])
            if not format_ok(m["unit"], m["decimals"], m["currency"], c.number_format, p["actual"]):
                problems.append("%s %s actual format %r" % (m["id"], p["id"], c.number_format))
        if g(row, "Override") is not p["override"]:
            problems.append("%s %s override %r" % (m["id"], p["id"], g(row, "Override")))
    for p in problems[:10]:
        print("# " + p)
    check(not problems, "%s: every History row agrees with --dump and the fiscal calendar" % name)
    for u in underived[:5]:
        print("# " + u)
    check(rows and not underived, "%s: every computed status follows from its History row alone" % name)
    if rep["period_start"]:
        report_rows = [r for r, (m, p) in zip(rows, want) if p["report"]]
        check(all(as_date(g(r, "Start")).isoformat() == rep["period_start"] for r in report_rows),
              "%s: report-period rows start on %s" % (name, rep["period_start"]))


def check_status_periods(name, rep, wb, wbv, legend):
    """A row per goal and period, its counts COUNTIFS over History that
    cache the statuses the dump gives that goal's measures in that period."""
    ws, wv = wb["Status by period"], wbv["Status by period"]
    h = header_map(ws)
    order = ["met", "under", "not-met", "no-data"]
    want = []
    for goal in rep["goals"]:
        periods = sorted({p["id"] for m in goal["measures"] for p in m["periods"]})
        for pid in periods:
            counts = [sum(1 for m in goal["measures"] for p in m["periods"]
                          if p["id"] == pid and p["status"] == w) for w in order]
            want.append([goal["id"], goal["name"], pid] + counts + [sum(counts)])
    check(list(h)[:8] == ["Goal ID", "Goal", "Period"] + [legend[w] for w in order] + ["Total"],
          "%s: Status by period's columns are goal, period, the statuses and a total" % name)
    check_tables(name, ws, "StatusByPeriod", 8, len(want))
    got = [list(r[:8]) for r in wv.iter_rows(min_row=2, values_only=True) if r[0] is not None]
    check(got == want, "%s: Status by period counts each goal's statuses per period (%d rows)"
          % (name, len(want)) + ("" if got == want else " first difference %r" % next(
              ((a, b) for a, b in zip(got, want) if a != b), (len(got), len(want)))))
    bad = [c.coordinate for row in ws.iter_rows(min_row=2, min_col=4, max_col=7) for c in row
           if c.value is not None and not str(c.value).startswith("=COUNTIFS(History!$C$2:$C$")]
    check(got and not bad, "%s: Status by period counts are COUNTIFS over History %r"
          % (name, bad[:3]))


def check_definitions(name, rep, wb, wbv):
    ws = wbv["Definitions"]
    h = header_map(ws)
    check_tables(name, wb["Definitions"], "DefinitionTable", len(h), len(rep["measures"]))
    rows = {r[h["Measure ID"] - 1]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    bad = []
    for m in rep["measures"]:
        r = rows.get(m["id"])
        if r is None:
            bad.append("%s: no row" % m["id"])
            continue
        g = lambda col: r[h[col] - 1]
        t = m["tolerance"]
        cmps = []
        for line in sorted(m["targets"]):
            c = m["targets"][line]["cmp"].replace("-", " ")
            if c not in cmps:
                cmps.append(c)
        want = {
            "Measure": m["name"], "Goal ID": m["goal_id"], "Goal": m["goal"],
            "Department": m["department"], "Definition": m["definition"], "Unit": m["unit"],
            "Currency": m["currency"], "Decimals": None if m["unit"] == "duration" else m["decimals"],
            "Direction": m["direction"], "Comparison": ", ".join(cmps) or None,
            "Aggregation": m["aggregation"], "Benchmarks": m.get("benchmark_text"),
            "Benchmark count": len(m["benchmarks"]),
            "Links": " ".join(dict.fromkeys(m["links"])) or None,
            "Tolerance (% of target)": t["amount"] if t["relative"] else None,
            "Tolerance (amount)": None if t["relative"] else t["amount"],
        }
        for col, w in want.items():
            v = g(col)
            if isinstance(w, float) and near(v, w):
                continue
            if v != w:
                bad.append("%s %s: %r, expected %r" % (m["id"], col, v, w))
    for b in bad[:8]:
        print("# " + b)
    check(not bad, "%s: Definitions gives every measure's definition fields as the data file has them" % name)


def check_benchmarks(name, rep, wb, wbv):
    ws = wbv["Benchmarks"]
    h = header_map(ws)
    want = [(m["id"], k + 1, label, words, None if v is None else stored(m["unit"], v),
             v if m["unit"] == "duration" else None)
            for m in rep["measures"]
            for k, (label, words, v) in enumerate(zip(m["benchmark_labels"], m["benchmark_words"],
                                                      m["benchmarks"]))]
    check_tables(name, wb["Benchmarks"], "BenchmarkTable", len(h), len(want))
    got = [(r[h["Measure ID"] - 1], r[h["Order"] - 1], r[h["Benchmark"] - 1], r[h["In words"] - 1],
            None if r[h["Value"] - 1] is None else num(r[h["Value"] - 1]), r[h["Value (seconds)"] - 1])
           for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None]
    ok = len(got) == len(want) and all(
        a[:4] == b[:4] and (a[4] == b[4] or near(a[4], b[4] or 0)) and (a[5] == b[5] or near(a[5], b[5] or 0))
        for a, b in zip(got, want))
    check(ok, "%s: Benchmarks lists every benchmark with its value (%d)" % (name, len(want))
          + ("" if ok else " %r != %r" % (got[:2], want[:2])))


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


def chart_parts(path):
    """Chart XML parts in number order, and the drawing anchors of each sheet."""
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)),
                       key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)))
        return [z.read(n).decode() for n in names]


def check_charts(name, rep, path, wb, wbv, facts):
    """A chart per goal with a measure that has one, of the measure chosen
    in its box; the formulas beside it read that measure's block on Chart
    data, which holds the presented series."""
    xml = chart_parts(path)
    drawn = [m for m in facts["measures"] if m["full_chart"]["drawn"]]
    goals = [g for g in rep["goals"] if any(m["goal"] == g["id"] for m in drawn)]
    check(len(xml) == 1 + len(goals),
          "%s: a chart per goal with a measure to chart, plus the summary (%d, expected %d)"
          % (name, len(xml), 1 + len(goals)))
    check(any("barChart" in x and "stacked" in x for x in xml), "%s: the summary chart is a stacked bar" % name)
    lines = [x for x in xml if "lineChart" in x]
    check(len(lines) == len(goals) and all('prstDash val="dash"' in x for x in lines),
          "%s: each goal chart draws its target dashed" % name)
    check(all(x.count("<c:title>") == 3 for x in xml),
          "%s: every chart has a title and both axes have titles" % name)
    check(not any("numCache" in x for x in lines),
          "%s: goal charts read their cells and hold no copy of them" % name)
    def series_colors(x):
        return [re.search(r'<a:ln[^>]*><a:solidFill><a:srgbClr val="(\w+)"', ser).group(1)
                for ser in re.findall(r"<c:ser>(.*?)</c:ser>", x)]
    colors = [series_colors(x) for x in lines]
    check(all(len(c) >= 2 and c[1] != c[0] and c[1] not in c[2:] for c in colors),
          "%s: each goal chart draws its target in a colour of its own %r" % (name, colors[:1]))
    bars = next((x for x in xml if "barChart" in x), "")
    fills = re.findall(r"<c:ser>.*?<c:spPr>(.*?)</c:spPr>", bars)
    patterns = [re.search(r'<a:pattFill prst="(\w+)"', f) for f in fills]
    kinds = [p.group(1) if p else "solid" for p in patterns]
    check(len(kinds) == 4 and len(set(kinds)) == 4,
          "%s: the plain layout's grey statuses differ in texture too %r" % (name, kinds))
    titles = [html_unescape(re.search(r"<a:t>(.*?)</a:t>", x).group(1)) for x in lines]
    check(titles == [g["name"] for g in goals], "%s: each goal chart is titled with its goal" % name)

    # Chart data: a block per measure with a chart, the presented series.
    cd = wbv["Chart data"]
    col_a = [c.value for c in cd["A"]]
    units = {m["id"]: m["unit"] for m in rep["measures"]}
    bad = []
    for m in drawn:
        c, unit = m["full_chart"], units[m["id"]]
        if col_a.count(m["id"]) != 1:
            bad.append("%s: %d blocks" % (m["id"], col_a.count(m["id"])))
            continue
        at = col_a.index(m["id"]) + 1
        head = [cd.cell(at, k).value for k in range(1, 6)]
        if head[1] != m["name"] or head[4] != len(c["points"]):
            bad.append("%s: head %r" % (m["id"], head))
        names = [cd.cell(at + 1, k).value for k in range(2, 5 + len(c["benchmarks"][:4]))]
        if names != ["Period", c["value_name"], c["target_name"]] + [b["label"] for b in c["benchmarks"][:4]]:
            bad.append("%s: series names %r" % (m["id"], names))
        for i, p in enumerate(c["points"]):
            r = at + 2 + i
            got = [cd.cell(r, k).value for k in range(2, 5 + len(c["benchmarks"][:4]))]
            want = [p["label"], stored(unit, p["value"]) if "value" in p else None,
                    stored(unit, p["target"]) if "target" in p else None] + [
                        stored(unit, b["value"]) for b in c["benchmarks"][:4]]
            if got[0] != want[0] or any((g is None) != (w is None) or (w is not None and not near(g, w))
                                        for g, w in zip(got[1:], want[1:])):
                bad.append("%s %s: %r, expected %r" % (m["id"], p["label"], got, want))
                break
    for b in bad[:6]:
        print("# " + b)
    check(not bad, "%s: Chart data holds every presented chart's quarters, values, targets and "
          "benchmarks (%d measures)" % (name, len(drawn)))

    # Each goal's section: the box offers the goal's charted measures, the
    # first chosen; the formulas' cached values are that measure's series
    # as plain numbers in the unit the legend names.
    ws, wv = wb["Charts"], wbv["Charts"]
    bad = []
    sections = [r for r in range(1, ws.max_row + 1)
                if ws.cell(r, 1).value in {g["name"] for g in goals} and ws.cell(r + 1, 1).value == "Measure"]
    if len(sections) != len(goals):
        bad.append("%d sections for %d goals" % (len(sections), len(goals)))
    facts_by_id = {m["id"]: m for m in facts["measures"]}
    for top, g in zip(sections, goals):
        ids = [m["id"] for m in drawn if m["goal"] == g["id"]]
        first = facts_by_id[ids[0]]
        c, unit = first["full_chart"], units[ids[0]]
        if wv.cell(top + 1, 2).value != ids[0] or wv.cell(top + 2, 2).value != first["name"]:
            bad.append("%s: box %r" % (g["id"], wv.cell(top + 1, 2).value))
            continue
        scale = {"percent": 100.0}.get(unit, 1.0)
        if unit == "duration":
            scale = {"seconds": 86400.0, "minutes": 1440.0, "hours": 24.0}[wv.cell(top + 3, 2).value]
        legend = wv.cell(top + 7, 2).value
        if legend != "%s: %s (%s)" % (first["name"], c["value_name"], wv.cell(top + 3, 2).value):
            bad.append("%s: legend %r" % (g["id"], legend))
        for i, p in enumerate(c["points"]):
            r = top + 8 + i
            got = [wv.cell(r, 1).value, wv.cell(r, 2).value, wv.cell(r, 3).value]
            want = [p["label"], stored(unit, p["value"]) * scale if "value" in p else "#N/A",
                    stored(unit, p["target"]) * scale if "target" in p else "#N/A"]
            if got[0] != want[0] or any(w == "#N/A" and gv != w or w != "#N/A" and not near(gv, w, 1e-9)
                                        for gv, w in zip(got[1:], want[1:])):
                bad.append("%s %s: %r, expected %r" % (g["id"], p["label"], got, want))
                break
        dv = [v for v in ws.data_validations.dataValidation if str(v.sqref) == "B%d" % (top + 1)]
        if len(dv) != 1:
            bad.append("%s: %d boxes" % (g["id"], len(dv)))
            continue
        lo, hi = dv[0].formula1.replace("$", "").split(":")
        offered = [row[0].value for row in ws[lo:hi]]
        if offered != ids:
            bad.append("%s: box offers %r" % (g["id"], offered))
        # Each choice links back to its row on the Measures sheet.
        measures = wb["Measures"]
        for row in ws[lo:hi]:
            link = ws.cell(row[0].row, 3).hyperlink
            loc = re.match(r"'?Measures'?!B(\d+)$", link.location if link else "")
            if not loc or measures.cell(int(loc.group(1)), 1).value != row[0].value:
                bad.append("%s: %s links back to %r" % (g["id"], row[0].value, link and link.location))
    for b in bad[:6]:
        print("# " + b)
    check(not bad, "%s: each goal chart's box, cached series and links agree with the facts" % name)


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
    facts = json.loads(run(["--facts", example]).stdout)
    check_summary(name, rep, wb, wbv, legend)
    check_measures(name, rep, wb, wbv, legend, facts)
    check_history(name, rep, wb, wbv, legend)
    check_status_periods(name, rep, wb, wbv, legend)
    check_definitions(name, rep, wb, wbv)
    check_benchmarks(name, rep, wb, wbv)
    check_narrative(name, rep, wb, wbv)
    check_charts(name, rep, path, wb, wbv, facts)
    check_properties(name, rep, wb)
    check_print(name, wb, path, "plain")

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


WIDE = {"Measures": ("Notes", "Measure"), "History": ("Second figure", "Measure"),
        "Definitions": ("Links", "Measure")}
# The layout's paper: the independence layout's is Letter, and the plain
# layout's the data file's country's, Letter for these American reports.
PAPER = {"plain": "1", "independence": "1"}


def anchors(path, sheet_index):
    """(from row, to row) of each drawing on the sheet, 0-based, as written."""
    with zipfile.ZipFile(path) as z:
        rels = z.read("xl/worksheets/_rels/sheet%d.xml.rels" % sheet_index).decode() \
            if "xl/worksheets/_rels/sheet%d.xml.rels" % sheet_index in z.namelist() else ""
        m = re.search(r'Target="../drawings/(drawing\d+\.xml)"', rels)
        if not m:
            return []
        d = z.read("xl/drawings/" + m.group(1)).decode()
    return [(int(a), int(b)) for a, b in re.findall(
        r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>.*?"
        r"<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>", d)]


def check_print(name, wb, path, layout):
    """The print set-up read back from the file: wide tables across pages at
    a readable size with their ids, names and header row on every page;
    other sheets one page wide; a page break above each goal chart, and no
    chart taller than a page."""
    for s in SHEETS:
        ws = wb[s]
        ok = ws.page_setup.orientation == "landscape" and "&P" in (ws.oddFooter.right.text or "")
        if s in WIDE:
            h = header_map(ws)
            last = openpyxl.utils.get_column_letter(h[WIDE[s][0]])
            area = ws.print_area or ""
            area = ",".join(area) if isinstance(area, (list, tuple)) else area
            area = area.replace("$", "").replace("'", "")
            ok = ok and not ws.sheet_properties.pageSetUpPr.fitToPage \
                and ws.page_setup.scale == 75 and ws.page_setup.pageOrder == "overThenDown" \
                and ws.print_title_rows in ("1:1", "$1:$1") \
                and (ws.print_title_cols or "").replace("$", "") == "A:" + openpyxl.utils.get_column_letter(
                    h[WIDE[s][1]]) \
                and area.split("!")[-1] == "A1:%s%d" % (last, max(ws.max_row, 2)) \
                and str(ws.page_setup.paperSize) == PAPER[layout]
            check(ok, "%s: %s prints across pages at 75%% with its header row and ids repeated, "
                  "seconds left out (%r, %r, %r)" % (name, s, ws.page_setup.scale, ws.print_title_cols, area))
        else:
            ok = ok and ws.sheet_properties.pageSetUpPr.fitToPage \
                and ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
            check(ok, "%s: %s prints landscape, one page wide, with page numbers" % (name, s))
    ws = wb["Charts"]
    tops = [r - 1 for r in range(1, ws.max_row + 1) if ws.cell(r + 1, 1).value == "Measure"
            and ws.cell(r + 1, 2).value is not None and ws.cell(r, 1).value]
    breaks = [b.id for b in ws.row_breaks.brk]
    check(breaks == tops[1:], "%s: a page break above every goal chart but the first (%r, %r)"
          % (name, breaks[:4], tops[:4]))
    short = {"9": 595.28, "1": 612.0}[str(ws.page_setup.paperSize)]
    printable = short - 2 * 0.75 * 72
    drawn = anchors(path, SHEETS.index("Charts") + 1)
    bounds = tops + [10 ** 9]
    bad = []
    for a, b in drawn:
        k = max(i for i, t in enumerate(tops) if t <= a) if tops and a >= tops[0] else None
        if k is None or b >= bounds[k + 1] or (b - bounds[k] + 1) * 15 > printable:
            bad.append((a, b))
    check(len(drawn) == len(tops) and not bad,
          "%s: each goal chart sits within its page, under its break (%r)" % (name, bad[:3]))


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
    check(near(g("code-inspections", "Target compared"), 0.75), "independence: the 75% target is 0.75")
    check(near(g("code-inspections", "Variance"), 6), "independence: 81% against 75% is a variance of 6 points")
    check(near(g("police-response", "Actual"), 517 / 86400), "independence: 8:37 is stored as 517/86400 of a day")
    check(near(g("police-response", "Target compared"), 300 / 86400), "independence: the 5:00 target is 300/86400")
    check(g("police-response", "Actual (seconds)") == 517 and g("police-response", "Target compared (seconds)") == 300,
          "independence: 8:37 against 5:00 is 517 against 300 in the seconds columns")
    check(near(g("police-response", "Variance"), 217), "independence: 8:37 against 5:00 is 217 seconds over")
    check(near(g("utility-call-answer", "Actual"), 8.53) and fmt.get("utility-call-answer") == '#,##0.00" min"',
          "independence: 8.53 minutes is the number 8.53 shown as minutes")
    check(near(g("jobs-created", "Actual"), 342) if "jobs-created" in rows else
          any(near(r[h["Actual"] - 1], 342) for r in rows.values()),
          "independence: 342 jobs is the number 342")
    demo = [r for mid, r in rows.items() if mid and "demolition" in mid]
    check(demo and near(demo[0][h["Target compared"] - 1], 5) and near(demo[0][h["Annual target"] - 1], 20),
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
    check_print("riverbend (independence layout)", wb, path, "independence")
    with zipfile.ZipFile(path) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    check(all(c in chart.upper() for c in colors.values()),
          "the summary chart's bars use the layout's status colours")
    check("pattFill" not in chart, "a layout with coloured statuses fills the bars plainly")


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
