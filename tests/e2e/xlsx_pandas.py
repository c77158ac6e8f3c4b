#!/usr/bin/python3
"""The workbook as an analyst's code reads it: pandas (Debian's
python3-pandas, through openpyxl) loads each table sheet, and plain
vectorised arithmetic on the columns gives back what the workbook says:
variances from the seconds and amount columns, every computed status from
its History row, Status by period from History, the Summary counts from
Measures. Amounts are checked against `qreport --facts`.

Prints "ok - what" / "not ok - what" per check; exits 1 if any failed."""

import datetime
import json
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import pandas as pd
except ImportError:  # Debian: python3-pandas, run with /usr/bin/python3
    print("not ok - pandas is importable (install python3-pandas)")
    sys.exit(1)

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1
    return cond


def run(*args):
    return subprocess.run([QREPORT, *args], capture_output=True, text=True)


STATUS = {"Goal Met": "met", "Under Goal": "under", "Goal Not Met": "not-met", "No Data": "no-data"}
FACTOR = {"percent": 100.0, "duration": 86400.0}
# A range's comparison words: whether its lower and upper ends are excluded.
RANGES = {"between": (False, False), "more than; at most": (True, False),
          "at least; less than": (False, True), "more than; less than": (True, True)}


def close(a, b):
    return np.allclose(a.astype(float), b.astype(float), rtol=1e-9, atol=1e-7, equal_nan=True)


def workbook_checks(tag, path, facts):
    sheets = pd.read_excel(path, sheet_name=None)
    m = sheets["Measures"]
    h = sheets["History"]

    # Every column of seconds, and every column of differences, is a
    # column of numbers a data frame can subtract.
    numeric = [c for c in list(m.columns) + list(h.columns)
               if c.endswith("(seconds)") or c in ("Variance", "Allowed miss", "Variance %",
                                                   "Year-to-date change", "Fiscal year", "Quarter")]
    bad = [c for c in numeric if not pd.api.types.is_numeric_dtype((m if c in m.columns else h)[c])]
    check(not bad, f"{tag}: seconds, differences and periods read as numbers {bad}")
    # Every column on any sheet of rows that holds a time has a companion
    # of plain seconds, equal to the time on every row that has one (Chart
    # data is blocks of chart series, not a table: History has its rows).
    bad, n = [], 0
    for sheet, df in sheets.items():
        if sheet == "Chart data":
            continue
        for col in df.columns:
            times = df[col].map(lambda v: isinstance(v, datetime.time))
            if not times.any():
                continue
            n += 1
            sec = str(col) + " (seconds)"
            if sec not in df.columns:
                bad.append(f"{sheet}!{col}: no seconds")
                continue
            want = df[col][times].map(lambda t: t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6)
            if not (pd.api.types.is_numeric_dtype(df[sec]) and close(df[sec][times], want)):
                bad.append(f"{sheet}!{sec}")
    check(not bad, f"{tag}: every column with times has its seconds beside ({n} columns) {bad[:3]}")
    check(pd.api.types.is_datetime64_any_dtype(h["Start"]) and pd.api.types.is_datetime64_any_dtype(h["End"]),
          f"{tag}: History's Start and End read as dates")
    check(m["Period"].nunique() == 1 and m["Period"].iloc[0] == facts["report"]["period"]
          if "period" in facts["report"] else m["Period"].nunique() == 1,
          f"{tag}: every Measures row names its period, so quarterly extracts stack")

    # Variance from the columns: seconds for durations, amounts otherwise.
    for name, df in (("Measures", m), ("History", h)):
        dur = df["Unit"] == "duration"
        judged = df["Variance"].notna()
        sec = (df["Compared amount (seconds)"] - df["Target compared (seconds)"])[dur & judged]
        check(dur[judged].sum() == 0 or close(sec, df["Variance"][dur & judged]),
              f"{tag}: {name}: seconds columns subtract to the variance of every duration ({int((dur & judged).sum())})")
        # Levels are words; their variance is a number of levels.
        other = judged & ~dur & ~df["Unit"].isin(["rating", "yes-no"])
        factor = df["Unit"].map(FACTOR).fillna(1.0)[other]
        amounts = (df["Compared amount"][other].astype(float) - df["Target compared"][other].astype(float)) * factor
        check(close(amounts, df["Variance"][other]),
              f"{tag}: {name}: amount columns subtract to the variance of every other measure ({int(other.sum())})")

    # Every computed status follows from its History row: the comparison
    # holds on the variance, or the miss is within the allowed miss. A
    # range is judged against the end the amount lies beyond.
    met = pd.Series(False, index=h.index)
    for words, holds in (("at least", h["Variance"] >= 0), ("more than", h["Variance"] > 0),
                         ("at most", h["Variance"] <= 0), ("less than", h["Variance"] < 0)):
        met |= (h["Comparison"] == words) & holds
    miss = h["Variance"].abs()
    ranges = h["Comparison"].isin(RANGES)
    if ranges.any():
        dur = h["Unit"] == "duration"
        pick = lambda col: pd.to_numeric(h[col + " (seconds)"].where(dur, h[col]), errors="coerce")
        c, lo, hi = pick("Compared amount"), pick("Target compared"), pick("Target upper end")
        factor = h["Unit"].map({"percent": 100.0}).fillna(1.0)
        strict_lo = h["Comparison"].map(lambda w: RANGES.get(w, (False, False))[0])
        strict_hi = h["Comparison"].map(lambda w: RANGES.get(w, (False, False))[1])
        low_ok = np.where(strict_lo, c > lo, c >= lo)
        high_ok = np.where(strict_hi, c < hi, c <= hi)
        met |= ranges & low_ok & high_ok
        miss = miss.where(~ranges, np.where(~low_ok, (lo - c) * factor, (c - hi) * factor))
    judged = h["Compared amount"].notna() & h["Target compared"].notna()
    derived = np.where(~judged, "no-data", np.where(met, "met", np.where(
        miss.round(9) <= h["Allowed miss"].round(9), "under", "not-met")))
    computed = h["Computed status"].map(STATUS)
    check(len(h) > 0 and (derived == computed).all(),
          f"{tag}: every History status is derived again from its row ({len(h)} rows)")

    # Status by period is History grouped by goal, period and status.
    want = h.groupby(["Goal ID", "Period", "Status"]).size().unstack(fill_value=0)
    sp = sheets["Status by period"].set_index(["Goal ID", "Period"])
    labels = [c for c in sp.columns if c in STATUS]
    got = sp[labels]
    want = want.reindex(columns=labels, fill_value=0).reindex(got.index, fill_value=0)
    check(len(got) == len(h.groupby(["Goal ID", "Period"])) and (got.values == want.values).all()
          and all(pd.api.types.is_integer_dtype(got[c]) for c in labels),
          f"{tag}: Status by period equals History grouped by goal, period and status")

    # The Summary's goal table is Measures counted by goal and status.
    raw = sheets["Summary"]
    top = next(i for i, v in enumerate(raw.iloc[:, 0]) if v == "Goal")
    summary = pd.read_excel(path, sheet_name="Summary", header=top + 1).dropna(subset=["Goal"])
    summary = summary[summary["Goal"] != "All goals"].set_index("Goal")
    counts = m.groupby(["Goal", "Status"]).size().unstack(fill_value=0).reindex(
        index=summary.index, columns=labels, fill_value=0)
    check((summary[labels].values == counts.values).all(),
          f"{tag}: the Summary's counts are Measures grouped by goal and status")

    # Year to date, as an analyst adds it up from History: for a measure
    # whose figures sum, average or accumulate over the fiscal year, the
    # judged period's year so far and the same span a year before, blank
    # where a period of the span has no figure. A month judged against its
    # quarter's target still has the year's total here (its quarter's is
    # the Compared amount).
    d = sheets["Definitions"].set_index("Measure ID")
    raw = sheets["Summary"]
    start = pd.Timestamp(raw[raw.iloc[:, 0] == "Period start"].iloc[0, 1])
    quarter = int(facts["report"]["period"][-1])
    first_month = (start.month - 1 - 3 * (quarter - 1)) % 12 + 1
    hv = h.copy()
    hv["Place"] = np.where(
        hv["Measure ID"].map(d["Frequency"]) == "monthly",
        (hv["Start"].dt.month - first_month) % 12 + 1, hv["Quarter"])
    hv["Figure"] = pd.to_numeric(hv["Actual (seconds)"].where(hv["Unit"] == "duration", hv["Actual"]),
                                 errors="coerce")

    def to_date(mid, fy, place, how):
        span = hv[(hv["Measure ID"] == mid) & (hv["Fiscal year"] == fy) & (hv["Place"] <= place)
                  & hv["Figure"].notna()]
        if how == "cumulative":
            at = span[span["Place"] == place]["Figure"]
            return at.iloc[0] if len(at) else np.nan
        if len(span) != place:
            return np.nan
        return span["Figure"].sum() if how == "sum" else span["Figure"].mean()

    bad, n = [], 0
    for _, row in m.iterrows():
        mid = row["Measure ID"]
        how = d.loc[mid, "Aggregation"]
        if how not in ("sum", "average", "cumulative") or d.loc[mid, "Frequency"] not in ("monthly", "quarterly"):
            continue
        judged = hv[(hv["Measure ID"] == mid) & (hv["Period"] == row["Period judged"])]
        if len(judged) != 1:
            bad.append((mid, "no History row for the period judged"))
            continue
        fy, place = judged["Fiscal year"].iloc[0], judged["Place"].iloc[0]
        dur = row["Unit"] == "duration"
        got = [row[c + " (seconds)"] if dur else row[c] for c in ("Year-to-date actual", "Prior year-to-date")]
        want = [to_date(mid, fy, place, how), to_date(mid, fy - 1, place, how)]
        change = (want[0] - want[1]) * (100.0 if row["Unit"] == "percent" else 1.0)
        n += 1
        if not (close(pd.Series(got), pd.Series(want))
                and close(pd.Series([row["Year-to-date change"]]), pd.Series([change]))):
            bad.append((mid, got, want, row["Year-to-date change"]))
    check(not bad, f"{tag}: year to date and a year before add up from History ({n} measures) {bad[:2]}")

    # Amounts as the presentation has them.
    by_id = {x["id"]: x for x in facts["measures"]}
    bad = []
    for _, row in m.iterrows():
        f = by_id[row["Measure ID"]]
        if row["Status"] != f["status_word"]:
            bad.append(row["Measure ID"])
    check(not bad, f"{tag}: Measures' statuses are the presented ones {bad[:3]}")

    # Definitions and Benchmarks: every benchmark of every measure, numbers.
    d = sheets["Definitions"]
    b = sheets["Benchmarks"]
    check(list(d["Measure ID"]) == list(m["Measure ID"])
          and pd.api.types.is_integer_dtype(d["Benchmark count"])
          and int(d["Benchmark count"].sum()) == len(b),
          f"{tag}: Definitions counts every benchmark Benchmarks lists ({len(b)})")
    if len(b):
        dur = b["Unit"] == "duration"
        valued = b["Value"].notna()
        check(pd.api.types.is_numeric_dtype(b["Value (seconds)"]) and b["Value (seconds)"][dur & valued].notna().all()
              and b["Value (seconds)"][~(dur & valued)].isna().all(),
              f"{tag}: Benchmarks gives a duration's value in seconds, as a number")
        # A benchmark in words has them and no value: never a zero.
        worded = b["In words"].notna()
        check((valued ^ worded).all()
              and all(f"{r['Benchmark']}: {r['In words']}" in (by_id[r["Measure ID"]]["benchmarks"] or "")
                      for _, r in b[worded].iterrows()),
              f"{tag}: Benchmarks gives each benchmark a value or its words, as presented ({int(worded.sum())} in words)")
        # In the order the presentation lists them ("National average: 5:00; ...").
        bad = []
        for mid, rows in b.groupby("Measure ID", sort=False):
            text = by_id[mid]["benchmarks"] or ""
            at = 0
            for label in rows.sort_values("Order")["Benchmark"]:
                at = text.find(label + ": ", at)
                if at < 0:
                    bad.append((mid, label))
                    break
        check(not bad, f"{tag}: Benchmarks' labels are the presented ones, in order {bad[:2]}")


def main():
    if not os.access(QREPORT, os.X_OK):
        check(False, f"the program {QREPORT} exists")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        gen = os.path.join(tmp, "generated.xml")
        with open(gen, "w") as f:
            subprocess.run([os.path.join(BUILD, "gen-report"), "120"], stdout=f, check=True)
        for data in ("examples/independence-fy2018-q1.xml", "examples/riverbend-fy2025-q3.xml",
                     "examples/harmon-falls-fy2025-q2.xml", "tests/data/truths.xml",
                     "tests/data/kinds.xml", gen):
            tag = os.path.basename(data)
            res = run("--facts", data)
            if not check(res.returncode == 0, f"{tag}: --facts runs"):
                continue
            facts = json.loads(res.stdout)
            out = os.path.join(tmp, "out-" + tag)
            if not check(run("--format", "xlsx", "--out", out, data).returncode == 0,
                         f"{tag}: the workbook is written"):
                continue
            stem = os.path.splitext(tag)[0]
            workbook_checks(tag, os.path.join(out, stem + ".xlsx"), facts)
    return failed


if __name__ == "__main__":
    sys.exit(main())
