#!/usr/bin/python3
"""The one-page scorecard (--format scorecard), read back with poppler,
qpdf and pdf.js: for the three examples with both layouts and for generated
reports of 7, 42, 200 and 2,000 measures,
  - exactly one page, in the layout's paper size;
  - the four status counts are the report's (--facts);
  - the text, as pdftotext extracts it, reads in order: the organization,
    the title, the dates, the counts, then each goal shown with its counts,
    its listed measures (the first of the goal's, in the data file's order,
    with status word, result and target, a year's target as due by now)
    and, where some are left out, a line saying how many and with which
    statuses; the goals left out likewise; and every measure is either
    listed or counted in such a line;
  - no text is smaller than 7 pt;
  - tagged like the report: pdf.js's structure check (tests/pdfjs), qpdf
    --check, /Lang, the title shown, bookmarks for the title and each goal
    shown, no status icon read as a figure;
  - the same bytes from two runs.
Prints "ok - what" / "not ok - what" per check; exits 1 if any failed."""

import json
import os
import re
import subprocess
import sys
import tempfile

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
failed = 0


def check(cond, what, detail=None):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1
        if detail:
            print("#   " + str(detail)[:400])
    return cond


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def squeeze(s):
    return re.sub(r"\s+", " ", s).strip()


def number(s):
    return int(s.replace(",", ""))


LABELS = {"met": "Goal Met", "under": "Under Goal", "not-met": "Goal Not Met", "no-data": "No Data"}
ORDER = ["met", "under", "not-met", "no-data"]


def counts_words(counts):
    """"5 Goal Met, 4 Under Goal": the counts that are not zero, as the
    scorecard writes them."""
    return ", ".join(f"{counts[s]:,} {LABELS[s]}" for s in ORDER if counts[s])


def check_one(data, layout, tag, tmp):
    out1, out2 = os.path.join(tmp, tag + "-1"), os.path.join(tmp, tag + "-2")
    stem = os.path.basename(data)[:-4]
    r1 = run(QREPORT, "--layout", layout, "--format", "scorecard", "--out", out1, data)
    r2 = run(QREPORT, "--layout", layout, "--format", "scorecard", "--out", out2, data)
    if not check(r1.returncode == 0 and r2.returncode == 0, f"{tag}: runs", r1.stderr + r2.stderr):
        return
    pdf = os.path.join(out1, stem + "-scorecard.pdf")
    check(sorted(os.listdir(out1)) == [stem + "-scorecard.pdf"], f"{tag}: writes the scorecard alone")
    check(open(pdf, "rb").read() == open(os.path.join(out2, stem + "-scorecard.pdf"), "rb").read(),
          f"{tag}: two runs give the same bytes")
    facts = json.loads(run(QREPORT, "--facts", "--layout", layout, data).stdout)

    info = run("pdfinfo", pdf).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    check(pages and pages.group(1) == "1", f"{tag}: exactly one page",
          pages.group(1) if pages else info)
    size = re.search(r"^Page size:\s+([\d.]+ x [\d.]+)", info, re.M)
    # The report's own paper, as the layout (and the data file's country) give it.
    rep = os.path.join(tmp, tag + "-report")
    run(QREPORT, "--layout", layout, "--format", "pdf", "--out", rep, data)
    rinfo = run("pdfinfo", os.path.join(rep, stem + ".pdf")).stdout
    rsize = re.search(r"^Page size:\s+([\d.]+ x [\d.]+)", rinfo, re.M)
    check(size and rsize and size.group(1) == rsize.group(1),
          f"{tag}: on the report's paper ({size.group(1) if size else None})")
    check(re.search(r"^Tagged:\s+yes", info, re.M) is not None, f"{tag}: tagged")
    title = re.search(r"^Title:\s+(.*)$", info, re.M)
    check(title and "scorecard" in title.group(1) and facts["report"]["period_label"] in title.group(1),
          f"{tag}: its title names the scorecard and the quarter", title.group(1) if title else info)

    # The text, in reading order.
    text = squeeze(run("pdftotext", "-raw", pdf, "-").stdout)
    pos = 0

    def find(needle, what):
        nonlocal pos
        i = text.find(needle, pos)
        if i < 0:
            check(False, f"{tag}: {what}", f"'{needle}' not found after: {text[pos:pos + 160]}")
            return False
        pos = i + len(needle)
        return True

    ok = True
    counts = facts["report"]["counts"]
    for s in ORDER:
        ok &= find(f"{counts[s]:,} {LABELS[s]}" if counts[s] >= 1000 else f"{counts[s]} {LABELS[s]}",
                   f"the count of {LABELS[s]} is the report's")
    check(ok, f"{tag}: the four status counts are the report's ({counts})")

    by_goal = {}
    for m in facts["measures"]:
        by_goal.setdefault(m["goal"], []).append(m)
    listed_total = summed_total = 0
    goals_shown = 0
    order_ok = True
    for g in facts["goals"]:
        ms = by_goal.get(g["id"], [])
        at = text.find(g["name"], pos)
        if at < 0:
            break  # goals from here on are summed up in one line
        goals_shown += 1
        pos = at + len(g["name"])
        if ms:
            order_ok &= find(g["counts_sentence"], f"{g['name']}: its counts follow its name")
        listed = 0
        for m in ms:
            at = text.find(m["name"], pos)
            nxt = text.find(" more measures: ", pos)
            if at < 0 or (0 <= nxt < at):
                break
            # Status word, name, result, target: in that order on the line.
            line = text[max(0, at - 40):at + len(m["name"]) + 120]
            if m["status_word"] not in text[max(0, at - 30):at]:
                order_ok = check(False, f"{tag}: {m['id']}'s status word comes before its name", line)
            pos = at + len(m["name"])
            # A year's target as due by now, as the report's tables give it.
            for part in ((m["result"] or "\u2014"), m.get("target_due") or m["target"]):
                order_ok &= find(part, f"{m['id']}: result and target follow its name")
            listed += 1
        if listed == 0:
            summed_total += len(ms)  # the goal's row counts them
        elif listed < len(ms):
            rest = ms[listed:]
            n = {s: sum(1 for m in rest if m["status"] == s) for s in ORDER}
            line = f"and {len(rest):,} more measures: {counts_words(n)}"
            order_ok &= find(line, f"{g['name']}: the measures left out are counted by status")
            summed_total += len(rest)
        listed_total += listed
    rest_goals = facts["goals"][goals_shown:]
    if rest_goals:
        n = {s: sum(g["counts"][s] for g in rest_goals) for s in ORDER}
        total = sum(len(by_goal.get(g["id"], [])) for g in rest_goals)
        order_ok &= find(f"and {len(rest_goals):,} more goal areas with {total:,} measures: {counts_words(n)}",
                         "the goals left out are counted by status")
        summed_total += total
    check(order_ok, f"{tag}: the text reads in order: goals, their measures, what is left out")
    check(listed_total + summed_total == len(facts["measures"]) and goals_shown >= 1,
          f"{tag}: every measure is listed or counted ({listed_total} listed, {summed_total} counted, "
          f"{len(facts['measures'])} in all)")
    if len(facts["measures"]) <= 7:
        check(listed_total == len(facts["measures"]), f"{tag}: a small report lists every measure")

    # No text under 7 pt: every font size the content streams set.
    qdf = os.path.join(tmp, tag + ".qdf.pdf")
    run("qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
    raw = open(qdf, "rb").read().decode("latin-1")
    sizes = [float(s) for s in re.findall(r"/\S+ ([\d.]+) Tf", raw)]
    check(sizes and min(sizes) >= 7, f"{tag}: no text under 7 pt (least {min(sizes) if sizes else None} pt)")
    check(re.search(r"/Lang \((en-US|[a-z]{2}(-[A-Z]{2})?)\)", raw) is not None, f"{tag}: the catalog names the language")
    check("/DisplayDocTitle true" in raw, f"{tag}: viewers show the title")
    outlines = len(re.findall(r"/Title ", raw)) - 0
    check("/Outlines" in raw and outlines >= 1 + min(goals_shown, 1),
          f"{tag}: bookmarks for the title and the goals shown ({outlines})")
    q = run("qpdf", "--check", pdf)
    check(q.returncode == 0 and "warning" not in q.stdout.lower(), f"{tag}: qpdf --check is clean",
          q.stdout[-300:])
    order = os.path.join(tmp, tag + ".order")
    pj = run("node", "tests/pdfjs/check-structure.mjs", "--no-links", pdf, tag, order)
    for line in pj.stdout.splitlines():
        if line.startswith(("ok ", "not ok ")):
            print(line)
            if line.startswith("not ok"):
                failed_structure(line)
    if pj.returncode != 0 and "not ok" not in pj.stdout:
        check(False, f"{tag}: the pdf.js structure check runs", pj.stderr[-300:])
    figures = [l for l in open(order, encoding="utf-8") if l.startswith("Figure\t")] if os.path.exists(order) else []
    check(not figures, f"{tag}: status icons are decoration beside their words, no figure",
          figures[:3])
    words = open(order, encoding="utf-8").read() if os.path.exists(order) else ""
    shown = {m["status"] for m in facts["measures"]}
    check(all(LABELS[s] in words for s in shown), f"{tag}: every status is read as words")


def failed_structure(line):
    global failed
    failed = 1


def main():
    if not os.path.exists(QREPORT):
        check(False, f"{QREPORT} is built")
        return 1
    gen = os.path.join(BUILD, "gen-report")
    with tempfile.TemporaryDirectory(prefix="qreport-scorecard.") as tmp:
        for example in ("examples/independence-fy2018-q1.xml", "examples/riverbend-fy2025-q3.xml",
                        "examples/harmon-falls-fy2025-q2.xml"):
            for layout in ("independence", "plain"):
                check_one(example, layout, f"{os.path.basename(example)[:-4]} with {layout}", tmp)
        if not check(os.path.exists(gen), f"{gen} is built"):
            return 1
        for n in (7, 42, 200, 2000):
            data = os.path.join(tmp, f"gen-{n}.xml")
            with open(data, "w") as f:
                subprocess.run([gen, str(n)], stdout=f, check=True)
            check_one(data, "independence", f"{n} measures", tmp)
        check_one(os.path.join(tmp, "gen-200.xml"), "plain", "200 measures with plain", tmp)
    return failed


if __name__ == "__main__":
    sys.exit(main())
