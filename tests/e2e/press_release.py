#!/usr/bin/python3
"""The draft press release (--format release), for the three examples with
both layouts and for a generated report of 200 measures:
  - the Markdown and the text say the same words, and each example's match
    its golden copy (tests/golden/NAME-release.md and .txt; UPDATE=1
    rewrites them from the current program, to be read before committing);
  - the headline and lead give the report's counts, each goal's paragraph
    its goal's counts (--facts);
  - every measure is named once, in its own goal's paragraph, with its
    status word, and every number said about it is in its facts;
  - every other number (dates, the fiscal year) is in the facts, and the
    numbers in the quotes are the data file's;
  - the dateline and date are the data file's;
  - a layout's own words replace the defaults;
  - the same bytes from two runs.
Prints "ok - what" / "not ok - what" per check; exits 1 if any failed."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
UPDATE = os.environ.get("UPDATE") == "1"
failed = 0
NUMBER = re.compile(r"\d[\d,]*(?:[.:]\d+)*")


def check(cond, what, detail=None):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1
        if detail:
            print("#   " + str(detail)[:500])
    return cond


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def numbers(s):
    return [n.replace(",", "") for n in NUMBER.findall(s)]


def from_markdown(md):
    """The text the Markdown shows: headings' marks and escapes taken off."""
    out = []
    for line in md.split("\n"):
        line = re.sub(r"^#+ ", "", line)
        line = re.sub(r"\*\*(.*)\*\*", r"\1", line)
        line = line.rstrip(" ")
        out.append(re.sub(r"\\(.)", r"\1", line))
    return "\n".join(out)


def check_one(data, layout, tag, tmp, golden=None):
    stem = os.path.basename(data)[:-4]
    outs = []
    for k in (1, 2):
        out = os.path.join(tmp, f"{tag}-{k}")
        r = run(QREPORT, "--layout", layout, "--format", "release", "--out", out, data)
        if not check(r.returncode == 0, f"{tag}: runs", r.stderr):
            return
        outs.append(out)
    md_path = os.path.join(outs[0], stem + "-release.md")
    txt_path = os.path.join(outs[0], stem + "-release.txt")
    check(sorted(os.listdir(outs[0])) == [stem + "-release.md", stem + "-release.txt"],
          f"{tag}: writes the release as Markdown and as text, nothing else")
    md, txt = open(md_path, encoding="utf-8").read(), open(txt_path, encoding="utf-8").read()
    check(all(open(os.path.join(o, f), "rb").read() == open(os.path.join(outs[0], f), "rb").read()
              for o in outs for f in os.listdir(outs[0])), f"{tag}: two runs give the same bytes")
    check(from_markdown(md) == txt, f"{tag}: the Markdown and the text say the same")
    if golden:
        for ext, body in (("md", md), ("txt", txt)):
            path = f"tests/golden/{golden}-release.{ext}"
            if UPDATE:
                open(path, "w", encoding="utf-8").write(body)
                check(True, f"{tag}: golden {path} updated")
            else:
                want = open(path, encoding="utf-8").read() if os.path.exists(path) else None
                check(want == body, f"{tag}: matches {path}",
                      "missing (create it with UPDATE=1)" if want is None else
                      next((f"first difference at line {i + 1}: {a!r} / {b!r}"
                            for i, (a, b) in enumerate(zip(want.split("\n"), body.split("\n"))) if a != b),
                           "lengths differ"))

    facts = json.loads(run(QREPORT, "--facts", "--layout", layout, data).stdout)
    root = ET.parse(data).getroot()
    paras = [p for p in txt.split("\n\n") if p.strip()]
    quotes = [p for p in paras if p.startswith("\u201c")]
    narrative = " ".join("".join(q.itertext()) for q in root.iter("quote"))
    check(len(quotes) == len(list(root.iter("quote"))), f"{tag}: every quote of the narrative, once")
    check(all(n in numbers(narrative) for q in quotes for n in numbers(q)),
          f"{tag}: the quotes' numbers are the data file's")
    for q, el in zip(quotes, root.iter("quote")):
        who = el.get("by")
        if not check(who in q, f"{tag}: a quote says who said it ({who})", q[-120:]):
            break

    counts = facts["report"]["counts"]
    total = len(facts["measures"])
    headline = paras[2] if paras[1].startswith("For release") else paras[1]
    check(numbers(headline)[:2] == [str(counts["met"]), str(total)],
          f"{tag}: the headline gives {counts['met']} met of {total}", headline)
    lead = next(p for p in paras if "performance goal" in p and p != headline)
    dateline = root.findtext("meta/dateline")
    if dateline:
        check(lead.startswith(dateline.strip() + " \u2013 "), f"{tag}: the lead opens with the dateline",
              lead[:60])
    pub = facts["report"].get("published")
    if pub:
        check(pub.replace("Published ", "") in txt.split("\n")[1], f"{tag}: dated as published")
    others = {s: counts[s] for s in ("under", "not-met", "no-data") if counts[s]}
    lead_numbers = numbers(lead.split(" \u2013 ", 1)[-1])
    check(str(counts["met"]) in lead_numbers and all(str(v) in lead_numbers for v in others.values()),
          f"{tag}: the lead gives the counts of the others too", lead)

    # Each goal's paragraph, and each measure in its own, once.
    text_of = {}
    for i, p in enumerate(paras):
        for g in facts["goals"]:
            if p.endswith(g["name"]) and i + 1 < len(paras):
                text_of[g["id"]] = paras[i + 1]
    check(len(text_of) == len(facts["goals"]), f"{tag}: a paragraph for each goal area")
    fact_text = json.dumps(facts, ensure_ascii=False)
    fact_numbers = set(numbers(fact_text))
    bad_goal, missing, twice, stray = [], [], [], []
    for g in facts["goals"]:
        body = text_of.get(g["id"], "")
        ms = [m for m in facts["measures"] if m["goal"] == g["id"]]
        if ms and numbers(body)[:2] != [str(g["counts"]["met"]), str(len(ms))]:
            bad_goal.append(g["id"])
        # Names may repeat within a goal: each is named as often as it is
        # a measure's, with each such measure's status and sentence.
        for name in {m["name"] for m in ms}:
            same = [m for m in ms if m["name"] == name]
            # A sentence starts after the one before it.
            here = (". " + body).count(". " + name + " \u2013 ")
            if here < len(same):
                missing.append(same[0]["id"])
            elif here > len(same):
                twice.append(same[0]["id"])
            for m in same:
                if f"{name} \u2013 {m['status_word']}" not in body or (m["sentence"] or "") not in body:
                    stray.append(f"{m['id']}: its status and sentence")
        # Every number of the paragraph is in its measures' facts.
        own = set(numbers(json.dumps(ms, ensure_ascii=False)))
        stray += [f"{g['id']}: {n}" for n in numbers(body)[2:] if n not in own]
    check(not bad_goal, f"{tag}: each goal's paragraph gives its counts", bad_goal)
    check(not missing, f"{tag}: no measure is missing", missing)
    check(not twice, f"{tag}: no measure is named twice", twice)
    named = sum((". " + p).count(". " + m["name"] + " \u2013 ") for p in text_of.values()
                for m in {m["name"]: m for m in facts["measures"]}.values())
    check(named == total, f"{tag}: as many measures named as there are ({named} of {total})")
    check(not stray, f"{tag}: each measure's numbers and status are its facts'", stray[:5])
    # Everything else: headline, lead, dates, closing.
    rest = [p for p in paras if p not in quotes and p not in text_of.values()]
    loose = [n for p in rest for n in numbers(p) if n not in fact_numbers]
    check(not loose, f"{tag}: every other number is in the facts", loose[:5])


def main():
    if not os.path.exists(QREPORT):
        check(False, f"{QREPORT} is built")
        return 1
    with tempfile.TemporaryDirectory(prefix="qreport-release.") as tmp:
        for example in ("independence-fy2018-q1", "riverbend-fy2025-q3", "harmon-falls-fy2025-q2"):
            for layout in ("independence", "plain"):
                check_one(f"examples/{example}.xml", layout, f"{example} with {layout}", tmp,
                          example if layout == "independence" else None)
        gen = os.path.join(BUILD, "gen-report")
        if check(os.path.exists(gen), f"{gen} is built"):
            data = os.path.join(tmp, "gen-200.xml")
            with open(data, "w") as f:
                subprocess.run([gen, "200"], stdout=f, check=True)
            check_one(data, "independence", "200 measures", tmp)

        # A layout's own words, in another language.
        lay = os.path.join(tmp, "fr.xml")
        shutil.copy("layouts/plain.xml", lay)
        xml = open(lay, encoding="utf-8").read().replace("</layout>", """  <press>
    <words name="headline" text="{name} a atteint {met} de ses {measures} objectifs au {period-words}"/>
    <words name="period-words" text="{quarter} trimestre de l'exercice {year}"/>
    <words name="quarter-1" text="premier"/>
    <words name="end" text="-30-"/>
  </press>
</layout>""")
        open(lay, "w", encoding="utf-8").write(xml)
        out = os.path.join(tmp, "fr")
        r = run(QREPORT, "--layout", lay, "--format", "release", "--out", out,
                "examples/independence-fy2018-q1.xml")
        txt = open(os.path.join(out, "independence-fy2018-q1-release.txt"), encoding="utf-8").read() \
            if r.returncode == 0 else r.stderr
        check("Independence a atteint 3 de ses 7 objectifs au premier trimestre de l'exercice 2018" in txt,
              "a layout's own words make the headline", txt[:200])
        check(txt.rstrip().endswith("-30-"), "and the end mark")
        for layout in ("layouts/independence.xml", "layouts/plain.xml", lay):
            v = run("xmllint", "--noout", "--schema", "schema/layout-1.xsd", layout)
            check(v.returncode == 0, f"{os.path.basename(layout)} is valid by schema/layout-1.xsd",
                  v.stderr)
    return failed


if __name__ == "__main__":
    sys.exit(main())
