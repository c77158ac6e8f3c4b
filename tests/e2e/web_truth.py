#!/usr/bin/python3
"""One truth on the web: the page (read with Python's HTML parser) and the
CSV (read with Python's csv module) are held against the presentation facts
(`qreport --facts`), for both examples with both layouts, the cases of
tests/data/truths.xml, a generated report and a data file full of text that
HTML gives a meaning to (tests/data/web-escaping.xml). Also: the page is
self-contained (nothing it loads comes from elsewhere), every link goes
somewhere allowed, ids are unique, both outputs are byte-reproducible, and
the CSV is RFC 4180 with the columns docs/outputs.md documents.

Prints "ok - what" / "not ok - what" per check; exits 1 if any failed."""

import csv
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1510531200")
failed = 0

CASES = [
    ("examples/independence-fy2018-q1.xml", "independence"),
    ("examples/independence-fy2018-q1.xml", "plain"),
    ("examples/riverbend-fy2025-q3.xml", "plain"),
    ("examples/riverbend-fy2025-q3.xml", "independence"),
    ("tests/data/truths.xml", "plain"),
    ("tests/data/kinds.xml", "plain"),
    ("tests/data/web-escaping.xml", "independence"),
]

COLUMNS = ["measure_id", "measure", "goal_id", "goal", "department", "unit", "currency", "frequency",
           "period", "fiscal_year", "quarter", "period_start", "period_end", "actual", "estimated",
           "target_comparison", "target", "target_high_comparison", "target_high", "year_to_date",
           "compared", "allowed_miss", "status", "status_label", "status_reason", "computed_status",
           "status_reported"]
NUMBER_COLUMNS = ["actual", "target", "target_high", "compared", "allowed_miss"]


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


# ---- a small DOM from Python's own HTML parser ----

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Elements that run on with the text around them; any other starts a new
# line, as a browser shows it.
INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "svg", "use",
          "text", "title", "g"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        out = []

        def walk(n):
            for c in n.children:
                if isinstance(c, str):
                    out.append(c)
                else:
                    block = c.tag not in INLINE
                    if block:
                        out.append(" ")
                    walk(c)
                    if block:
                        out.append(" ")
        walk(self)
        return words("".join(out))

    def all(self, tag=None):
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.all(tag)

    def first(self, tag):
        return next(self.all(tag), None)


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.at = self.root
        self.problems = []
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.at)
        self.at.children.append(n)
        if tag not in VOID:
            self.at = n

    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Node(tag, attrs, self.at))

    def handle_endtag(self, tag):
        n = self.at
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is self.root:
            self.problems.append(f"</{tag}> closes nothing")
            return
        if n is not self.at:
            self.problems.append(f"</{tag}> closes <{self.at.tag}> too")
        self.at = n.parent

    def handle_data(self, data):
        self.at.children.append(data)


def parse(path):
    t = Tree()
    with open(path, encoding="utf-8") as f:
        t.feed(f.read())
    t.close()
    return t


# ---- the page ----

def page_checks(tag, facts, page_path, out_dir, stem, data):
    t = parse(page_path)
    root = t.root
    check(t.doctype == "DOCTYPE html" and not t.problems,
          f"{tag}: the page parses as HTML with every element closed" + (f" ({t.problems[:3]})" if t.problems else ""))
    by_id = {}
    dup = []
    for n in root.all():
        if "id" in n.attrs:
            if n.attrs["id"] in by_id:
                dup.append(n.attrs["id"])
            by_id[n.attrs["id"]] = n
    check(not dup, f"{tag}: every id is used once" + (f" (twice: {dup[:3]})" if dup else ""))
    html_el = root.first("html")
    check(html_el is not None and html_el.attrs.get("lang") == facts["report"]["lang"],
          f"{tag}: the page's language is the data file's ({facts['report']['lang']})")
    title = root.first("title")
    check(title is not None and title.text() == words(facts["report"]["title"]),
          f"{tag}: the page's title is the presentation's")

    # Nothing to fetch: no script, no style sheet or frame from elsewhere,
    # images as data; links go to the page itself, the run's other outputs,
    # or the web and mail as the format allows.
    bad = [n.tag for n in root.all() if n.tag in ("script", "link", "iframe", "object", "embed", "frame", "base")]
    bad += [f"{n.tag} src={n.attrs['src'][:30]}" for n in root.all() if "src" in n.attrs and not n.attrs["src"].startswith("data:")]
    for st in root.all("style"):
        css = "".join(c for c in st.children if isinstance(c, str))
        # Images in the stylesheet (the status icons) are data, not files.
        if "@import" in css or re.search(r"url\((?!\"data:)", css):
            bad.append("a style asks for a file")
    bad += [f"{n.tag} {k}" for n in root.all() for k in n.attrs if k.startswith("on")]
    check(not bad, f"{tag}: self-contained: no script, no handler, nothing loaded from elsewhere" + (f" ({bad[:3]})" if bad else ""))
    csp = [n for n in root.all("meta") if n.attrs.get("http-equiv") == "Content-Security-Policy"]
    check(csp and "default-src 'none'" in csp[0].attrs.get("content", ""),
          f"{tag}: a content security policy forbids every request")
    badlinks = []
    for a in root.all("a"):
        href = a.attrs.get("href", "")
        if href.startswith("#"):
            if href[1:] not in by_id:
                badlinks.append(href)
        elif href.startswith("./"):
            name = urllib.parse.unquote(href[2:])
            if not os.path.exists(os.path.join(out_dir, name)):
                badlinks.append(href)
        elif not re.match(r"(?i)(https?:|mailto:).", href):
            badlinks.append(href)
    for u in root.all("use"):
        if u.attrs.get("href", "")[1:] not in by_id:
            badlinks.append(u.attrs.get("href"))
    check(not badlinks, f"{tag}: every link leads to the page, an output beside it, or an allowed address"
          + (f" ({badlinks[:3]})" if badlinks else ""))

    # Links to the other outputs, in the presentation's words.
    page = facts["page"]
    want = {".csv": page["csv_link"], ".xlsx": page["xlsx_link"], ".pdf": page["pdf_link"]}
    got = {}
    for a in root.all("a"):
        href = a.attrs.get("href", "")
        if href.startswith("./"):
            got[urllib.parse.unquote(href[2:])] = a.text()
    check(got == {stem + k: v for k, v in want.items()},
          f"{tag}: the page links to the CSV, the workbook and the PDF written beside it, by name")

    body = root.first("body").text()
    skip = root.first("a")
    check(skip is not None and skip.attrs.get("href") == "#main" and skip.text() == page["skip_link"]
          and "main" in by_id and by_id["main"].tag == "main", f"{tag}: the first link skips to the report")
    check(words(facts["report"]["glance_intro"]) in body, f"{tag}: at a glance says the presented counts")

    glance = by_id.get("glance")
    if check(glance is not None, f"{tag}: at a glance has its anchor"):
        counts = [li.text() for li in glance.first("ul").all("li")]
        wantc = [f"{facts['report']['counts'][s]} {facts['status_labels'][s]}" for s in facts["status_labels"]]
        check(counts == wantc, f"{tag}: the four status counts as presented ({counts})")
        tiles = {a.attrs.get("href"): a.text() for a in glance.all("a")}
        bad = []
        for g in facts["goals"]:
            text = tiles.get("#g-" + g["id"])
            if text is None or words(g["name"]) not in text or words(g["counts_sentence"]) not in text:
                bad.append(g["id"])
            if "g-" + g["id"] not in by_id:
                bad.append("no anchor " + g["id"])
        check(not bad, f"{tag}: a tile per goal area, with its counts, linking to it" + (f" ({bad[:3]})" if bad else ""))

    missing = []
    charts = []
    for m in facts["measures"]:
        card = by_id.get("m-" + m["id"])
        if card is None:
            missing.append(f"{m['id']}: no card")
            continue
        text = card.text()
        h3 = card.first("h3")
        if h3 is None or h3.text() != words(m["name"]):
            missing.append(f"{m['id']}: name")
        changes = [m[k] for k in ("vs_last_year", "vs_last_quarter")
                   if not m[k]["says_little"] and m[k].get("applies", True)]
        for w in [m["status_word"], m["sentence"], m["reason"], m["this_quarter"], m["benchmarks"],
                  m["override_note"], m.get("recent"), m.get("latest"), m.get("to_date"),
                  m.get("pace"), m.get("targets_text"), m.get("frequency_note"), m.get("second"),
                  m.get("second_label"), m.get("source"), m.get("since_note")] + \
                [c["text"] for c in changes] + [c["trend"] for c in changes]:
            if w and words(w) not in text:
                missing.append(f"{m['id']}: {w}")
        # A comparison with a period that has no result says nothing: left out.
        for k in ("vs_last_year", "vs_last_quarter"):
            ch = m[k]
            if (ch["says_little"] or not ch.get("applies", True)) and ch["text"] and \
                    words(ch["text"]) in text:
                missing.append(f"{m['id']}: says {ch['text']!r}, which says nothing")
        # The judged period's breakdown, part by part.
        parts = next((t for t in card.all("table") if "parts" in t.attrs.get("class", "")), None)
        if m.get("parts"):
            got = [[x.text() for x in tr.all() if x.tag in ("th", "td")] for tr in parts.all("tr")] \
                if parts is not None else []
            want = [[words(m["breakdown_title"]), words(m["judged_label"])]] + \
                [[words(pt["label"]), words(pt["value"] or facts["report"]["no_result_mark"] + "no result")]
                 for pt in m["parts"]]
            if got != want:
                missing.append(f"{m['id']}: breakdown {got[:2]} != {want[:2]}")
        elif parts is not None:
            missing.append(f"{m['id']}: a breakdown that is not presented")
        c = m["card_chart"]
        svg = card.first("svg") if False else next((s for s in card.all("svg") if s.attrs.get("role") == "img"), None)
        if not c["drawn"]:
            if svg is not None:
                missing.append(f"{m['id']}: a chart that is not presented")
            continue
        if svg is None:
            missing.append(f"{m['id']}: no chart")
            continue
        # The chart's name is its text alternative, kept once in the page:
        # the caption of the table of its figures.
        name = by_id.get(svg.attrs.get("aria-labelledby", ""))
        if name is None or name.text() != words(c["alt"]) or svg.first("title") is not None:
            missing.append(f"{m['id']}: the chart's text alternative")
        # Value labels are the chart's own, or in a piece it shares.
        labels = [x.text() for x in svg.all("text")]
        for u in svg.all("use"):
            labels += [x.text() for x in by_id[u.attrs["href"][1:]].all("text")]
        for tick in c["ticks"]:
            if words(tick) not in labels:
                missing.append(f"{m['id']}: tick {tick}")
        table = card.first("table")
        if table is None:
            missing.append(f"{m['id']}: no table of the chart's figures")
            continue
        rows = [[x.text() for x in tr.all() if x.tag in ("th", "td")] for tr in table.all("tr")][1:]
        wantr = []
        for p in c["points"]:
            r = [words(p["label"]), words(p.get("value_text") or facts["report"]["no_result_mark"] + page["no_value"])]
            if c["segments"]:
                r.append(words(p.get("range_text") or p.get("target_text")
                               or facts["report"]["no_result_mark"] + page["no_target"]))
            wantr.append(r)
        if rows != wantr:
            missing.append(f"{m['id']}: the chart's table {rows[:2]} != {wantr[:2]}")
        charts.append(m["id"])
    check(not missing, f"{tag}: every measure's card says what is presented: name, status, sentences, "
          f"comparisons, chart and its figures ({len(charts)} charts)" + (f" (wrong: {missing[:3]})" if missing else ""))

    # Initiatives: each goal's sentence, and per initiative its status and
    # each milestone's row, as presented.
    bad = []
    for g in facts["goals"]:
        sec = by_id.get("g-" + g["id"])
        if sec is None or not g.get("initiatives_sentence"):
            continue
        if words(g["initiatives_sentence"]) not in sec.text():
            bad.append(f"{g['id']}: {g['initiatives_sentence']}")
        groups = {}
        for tb in sec.all("tbody"):
            head = tb.first("th")
            if head is not None and head.attrs.get("scope") == "rowgroup":
                groups[head.children[0].strip() if isinstance(head.children[0], str) else ""] = tb
        for ini in facts.get("initiatives", []):
            if ini["goal"] != g["id"]:
                continue
            tb = groups.get(ini["name"])
            if tb is None:
                bad.append(f"{ini['id']}: no rows")
                continue
            rows = [[x.text() for x in tr.children if isinstance(x, Node)] for tr in tb.all("tr")]
            if rows[0][1] != words(ini["status_word"]):
                bad.append(f"{ini['id']}: status {rows[0][1]!r}")
            for k, ms in enumerate(ini["milestones"]):
                cells = rows[k][-3:]
                want = [words(ms["text"]), words(ms["due"] or ""),
                        words(ms["status_word"] + (", " + facts_overdue(facts) if ms["overdue"] else ""))]
                if cells != want:
                    bad.append(f"{ini['id']}: {cells} != {want}")
            if not ini["milestones"] and words(ini["summary"]) not in tb.text():
                bad.append(f"{ini['id']}: {ini['summary']}")
    check(not bad, f"{tag}: initiatives: each goal's count, each initiative's status and milestones as presented"
          + (f" ({bad[:3]})" if bad else ""))

    appendix = by_id.get("appendix")
    if check(appendix is not None, f"{tag}: the table of every measure has its anchor"):
        rows = {}
        for tr in appendix.first("table").all("tr"):
            cells = [x for x in tr.children if isinstance(x, Node)]
            if len(cells) == 4 and cells[0].tag == "th" and cells[0].attrs.get("scope") == "row":
                a = cells[0].first("a")
                key = a.attrs["href"][3:] if a is not None else cells[0].text()
                rows[key] = [x.text() for x in cells]
        bad = []
        for m in facts["measures"]:
            want = [words(m["name"]), words(m["status_word"]),
                    words(m["result"] or facts["report"]["no_result_mark"] + "no result"), words(m["target"])]
            if rows.get(m["id"]) != want:
                bad.append(f"{m['id']}: {rows.get(m['id'])} != {want}")
        check(not bad and len(rows) == len(facts["measures"]),
              f"{tag}: the table of every measure: name, status, result and target as presented" + (f" ({bad[:2]})" if bad else ""))
    legend = by_id.get("legend")
    if check(legend is not None, f"{tag}: the legend has its anchor"):
        lt = legend.text()
        lg = facts["legend"]
        wants = [lg["title"], lg["tolerance_rule"], lg["ytd_rule"], lg["override_rule"], lg["change_rule"],
                 lg.get("phasing_rule"), lg.get("target_rule"), lg.get("period_rule"),
                 lg.get("estimate_rule"), lg.get("initiative_rule")]
        wants += [f"{facts['status_labels'][s]} {lg['meanings'][s]}" for s in lg["meanings"]]
        miss = [w for w in wants if w and words(w) not in lt]
        check(not miss, f"{tag}: the legend gives each status's meaning and the rules as presented" + (f" ({miss[:2]})" if miss else ""))
    return root, by_id


def facts_overdue(facts):
    """The word beside a milestone due and not complete, from a presented line."""
    for ini in facts.get("initiatives", []):
        for ms in ini["milestones"]:
            if ms["overdue"]:
                return ms["line"].rsplit(", ", 1)[1]
    return ""


# ---- the CSV ----

def csv_checks(tag, facts, path):
    raw = open(path, "rb").read()
    check(not raw.startswith(b"\xef\xbb\xbf"), f"{tag}: the CSV is UTF-8 without a byte order mark")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        check(False, f"{tag}: the CSV is UTF-8")
        return
    lines = text.split("\r\n")
    check(lines[-1] == "" and "\n" not in text.replace("\r\n", ""),
          f"{tag}: every CSV record ends with CRLF (RFC 4180)")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    check(rows and rows[0] == COLUMNS, f"{tag}: the CSV's header names the documented columns")
    data = [dict(zip(rows[0], r)) for r in rows[1:]]
    check(all(len(r) == len(COLUMNS) for r in rows), f"{tag}: every CSV row has every column")
    want = [(m, h) for m in facts["measures"] for h in m["history"]]
    if not check(len(data) == len(want), f"{tag}: a CSV row per measure and quarter ({len(data)} of {len(want)})"):
        return
    bad = []
    for row, (m, h) in zip(data, want):
        if (row["measure_id"], row["measure"], row["period"], row["status"], row["status_label"],
                row["status_reason"]) != (m["id"], m["name"], h["period"], h["status"], h["status_word"],
                                          h["reason"] or ""):
            bad.append(f"{m['id']} {h['period']}")
        for col, fact in (("actual", "actual"), ("target", "target"), ("compared", "compared")):
            if (row[col] != "") != (h[fact] is not None):
                bad.append(f"{m['id']} {h['period']} {col} filled={row[col] != ''} presented {h[fact]!r}")
        # A quarter's fiscal year and quarter are in its id; a month's or a
        # year's are worked out from the fiscal calendar.
        q = re.fullmatch(r"FY(\d{4})-Q(\d)", h["period"])
        if q and (row["fiscal_year"], row["quarter"]) != q.groups():
            bad.append(f"{m['id']} {h['period']}: year and quarter")
        if re.fullmatch(r"FY\d{4}", h["period"]) and (row["fiscal_year"], row["quarter"]) != (h["period"][2:], ""):
            bad.append(f"{m['id']} {h['period']}: a fiscal year has no quarter")

        if not re.fullmatch(r"\d{4}-\d\d-\d\d", row["period_start"]) or not re.fullmatch(r"\d{4}-\d\d-\d\d", row["period_end"]):
            bad.append(f"{m['id']} {h['period']}: dates")
    check(not bad, f"{tag}: each CSV row's measure, quarter, status and reason as presented" + (f" ({bad[:3]})" if bad else ""))
    bad = []
    for row in data:
        for col in NUMBER_COLUMNS:
            v = row[col]
            if v and not re.fullmatch(r"-?\d+(\.\d+)?", v):
                bad.append(f"{row['measure_id']} {col}={v!r}")
            elif v:
                float(v)
    check(not bad, f"{tag}: CSV numbers are plain numbers (no grouping, no units)" + (f" ({bad[:3]})" if bad else ""))
    # The numbers are the charts' numbers: a quarter's result, and the
    # target that applied, wherever the chart plots quarters.
    by = {(r["measure_id"], r["period"]): r for r in data}
    bad = []
    n = 0
    for m in facts["measures"]:
        c = m["full_chart"]
        if c["ytd"]:
            continue
        for p in c["points"]:
            r = by.get((m["id"], p["period"]))
            if r is None:
                continue
            if "value" in p:
                n += 1
                if abs(float(r["actual"]) - p["value"]) > 1e-9:
                    bad.append(f"{m['id']} {p['period']} actual {r['actual']} != {p['value']}")
            if "target" in p and r["target"] and r["year_to_date"] == "false":
                if abs(float(r["target"]) - p["target"]) > 1e-9:
                    bad.append(f"{m['id']} {p['period']} target {r['target']} != {p['target']}")
                # A range's upper end, where the chart draws one.
                if ("high" in p) != (r["target_high"] != "") or \
                        ("high" in p and abs(float(r["target_high"]) - p["high"]) > 1e-9):
                    bad.append(f"{m['id']} {p['period']} upper end {r['target_high']!r} != {p.get('high')}")
    check(not bad, f"{tag}: CSV results and targets (a range's both ends) equal the presented chart series ({n} values)" + (f" ({bad[:3]})" if bad else ""))


def docs_checks():
    with open("docs/outputs.md", encoding="utf-8") as f:
        doc = f.read()
    missing = [c for c in COLUMNS if f"`{c}`" not in doc]
    check(not missing, "docs/outputs.md documents every CSV column" + (f" (not: {missing})" if missing else ""))


with tempfile.TemporaryDirectory() as tmp:
    for data, layout in CASES:
        tag = f"{os.path.basename(data)} ({layout})"
        res = run("--facts", "--layout", layout, data)
        if not check(res.returncode == 0, f"{tag}: --facts runs"):
            continue
        facts = json.loads(res.stdout)
        out = os.path.join(tmp, layout + "-" + os.path.basename(data))
        res = run("--layout", layout, "--out", out, data)
        if not check(res.returncode == 0, f"{tag}: the report is written ({res.stderr.strip()[:200]})"):
            continue
        stem = os.path.splitext(os.path.basename(data))[0]
        page_checks(tag, facts, os.path.join(out, stem + ".html"), out, stem, data)
        csv_checks(tag, facts, os.path.join(out, stem + ".csv"))
        again = os.path.join(tmp, "again")
        shutil.rmtree(again, ignore_errors=True)
        run("--layout", layout, "--out", again, "--format", "html,csv,xlsx,pdf", data)
        same = all(open(os.path.join(out, stem + s), "rb").read() == open(os.path.join(again, stem + s), "rb").read()
                   for s in (".html", ".csv"))
        check(same, f"{tag}: the page and the CSV are byte-identical from run to run")

    # A generated report: many measures, gaps and targets of every kind.
    gen = os.path.join(tmp, "generated.xml")
    with open(gen, "w") as f:
        subprocess.run([os.path.join(BUILD, "gen-report"), "70"], stdout=f, check=True)
    res = run("--facts", gen)
    if check(res.returncode == 0, "generated: --facts runs"):
        facts = json.loads(res.stdout)
        out = os.path.join(tmp, "gen")
        if check(run("--out", out, "--format", "html,csv", gen).returncode == 0, "generated: the page and CSV are written"):
            root, _ = page_checks("generated", facts, os.path.join(out, "generated.html"), out, "generated", gen) \
                if False else (None, None)
            t = parse(os.path.join(out, "generated.html"))
            # Written without the workbook and the PDF: the page links to the CSV only.
            hrefs = [a.attrs["href"] for a in t.root.all("a") if a.attrs.get("href", "").startswith("./")]
            check(hrefs == ["./generated.csv"], f"generated: the page links only to the outputs written with it ({hrefs})")
            csv_checks("generated", facts, os.path.join(out, "generated.csv"))
        out = os.path.join(tmp, "gen-all")
        if check(run("--out", out, gen).returncode == 0, "generated: the report is written"):
            page_checks("generated", facts, os.path.join(out, "generated.html"), out, "generated", gen)

    # Text HTML gives a meaning to shows as typed.
    esc = "tests/data/web-escaping.xml"
    facts = json.loads(run("--facts", esc).stdout)
    name = "a \"b\" #c?d&e:f <g> 'h' %20.xml"
    odd = os.path.join(tmp, "odd")
    os.makedirs(odd)
    shutil.copy(esc, os.path.join(odd, name))
    out = os.path.join(tmp, "odd-out")
    res = run("--out", out, os.path.join(odd, name))
    if check(res.returncode == 0, f"escaping: a data file named {name!r} is written"):
        stem = name[:-4]
        t = parse(os.path.join(out, stem + ".html"))
        root = t.root
        check(not t.problems and root.first("script") is None, "escaping: markup in the data is text: no element of it appears")
        check(root.first("h1").text() == "Informe <script>alert(1)</script> ]]>", "escaping: the title shows as typed")
        m = facts["measures"][0]
        card = next(n for n in root.all() if n.attrs.get("id") == "m-" + m["id"])
        check(card.first("h3").text() == m["name"] == "<script>alert(\"x\")</script> & 'single' \"double\" ]]>",
              "escaping: a measure named <script>… & quotes ]]> shows as typed")
        check(words("Dept. </title> &amp;") in card.text(), "escaping: an entity written as text stays text (&amp;amp;)")
        links = {a.text(): a.attrs.get("href") for a in root.all("a")}
        check(links.get("link with quotes") == 'http://example.org/"onmouseover="alert(1)',
              "escaping: a link address with quotes stays one attribute, as written")
        check(links.get("link whose address has &, quotes and <>")
              == 'https://example.org/?a=1&b="2"&c=<3>', "escaping: a link address with & and <> is kept whole")
        check(links.get("a mail link") == "mailto:someone@example.org?subject=a%20b&body=<x>",
              "escaping: a mailto link is kept")
        hrefs = {urllib.parse.unquote(a.attrs["href"][2:]) for a in root.all("a") if a.attrs.get("href", "").startswith("./")}
        check(hrefs == {stem + s for s in (".csv", ".xlsx", ".pdf")} and
              all(a.attrs["href"].startswith("./") and ":" not in a.attrs["href"] and "#" not in a.attrs["href"]
                  for a in root.all("a") if a.attrs.get("href", "").startswith("./")),
              "escaping: links to outputs with an odd name are percent-encoded and lead to them")
        body = root.first("body").text()
        for s in ["Plan </style><style>body{display:none}", "Quoted <text> ]]>.", "Item <li>",
                  "Section <h1> & \"title\"", "A. <Writer>, \"Role\" & more",
                  "<svg onload=alert(1)> benchmark, \"quoted\"", "<img src=x onerror=alert(1)> Goal"]:
            check(words(s) in body, f"escaping: {s!r} shows as typed")
        style = "".join(c for st in root.all("style") for c in st.children if isinstance(c, str))
        check("display:none}" not in style.split("@media print")[0].replace(".defs", ""),
              "escaping: text from the data never reaches the stylesheet")
        rows = list(csv.reader(open(os.path.join(out, stem + ".csv"), encoding="utf-8", newline="")))
        check(rows[1][1] == m["name"] and rows[-1][1] == 'Line one, "quoted", with commas',
              "escaping: the CSV gives names with quotes and commas back as typed")

    docs_checks()

sys.exit(failed)
