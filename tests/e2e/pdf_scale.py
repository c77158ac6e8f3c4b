#!/usr/bin/python3
"""The PDF at scale and at its extremes, with every bundled layout.

Two data files, both made here in a temporary folder: one from gen-report
with hundreds of measures, and one written by hand with a 300-character
word in a measure's name, its commentary and the narrative, and a
5,000-word commentary. For each, the PDF must be sound (qpdf), carry its
fonts, say every measure's name, figure and status in reading order in the
goal areas and again in the appendix, have a bookmark per goal and per
measure, repeat the appendix table's head row on each page it continues
to, keep every word inside the layout's text area (only the header and
footer sit in the margins), and come out byte for byte the same twice.

Run from the top of the source tree with $QREPORT naming the program and
$QREPORT_BUILD its build folder; prints "ok - ..." or "not ok - ..." per
check and exits non-zero if any failed.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
LAYOUTS = ("independence", "plain")
MEASURES = 300   # the generated report
SEED = 11
LONG_WORD = ("Transportationinfrastructureresilience" * 8)[:300]
COMMENTARY_WORDS = 5000
SLACK = 1.0      # points of rounding allowed on a word's box
PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
# Where a "local" page size is Letter (docs/layouts.md); A4 elsewhere.
LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "CR", "DO", "GT", "NI", "PA", "PR", "SV",
                    "VE"}


def local_size(data_path):
    """The paper a "local" layout puts a data file on: by its country, else
    by its language's region."""
    root = ET.parse(data_path).getroot()
    country = root.findtext("meta/country")
    if not country:
        region = [t for t in (root.get("lang") or "en-US").split("-")[1:] if len(t) == 2]
        country = region[0].upper() if region else ""
    return PAGE_SIZES["letter" if country in LETTER_COUNTRIES else "a4"]

failures = 0


def check(cond, what):
    """Print one TAP-style line and count failures."""
    global failures
    print(("ok - " if cond else "not ok - ") + what, flush=True)
    if not cond:
        failures += 1
    return cond


def run(args, env=None):
    return subprocess.run(args, capture_output=True, text=True, env=env)


def collapse(s):
    return re.sub(r"\s+", " ", s or "").strip()


def squeeze(s):
    """Text without any white space: a word cut over lines still matches."""
    return re.sub(r"\s+", "", s or "")


def length_pt(text):
    """A layout length ("0.75in", "20mm", "54pt") in points."""
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)(pt|mm|cm|in)", text)
    return float(m.group(1)) * {"pt": 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72}[m.group(2)]


def layout_info(name):
    """Page size, margins (top, right, bottom, left), status labels and the
    header and footer templates of a bundled layout, read from its file."""
    root = ET.parse(f"layouts/{name}.xml").getroot()
    page = root.find("page")
    size = PAGE_SIZES.get(page.get("size", "letter")) if page is not None else PAGE_SIZES["letter"]
    margins = [54.0] * 4
    if page is not None:
        if "margin" in page.attrib:
            margins = [length_pt(page.get("margin"))] * 4
        for i, side in enumerate(("top", "right", "bottom", "left")):
            if f"margin-{side}" in page.attrib:
                margins[i] = length_pt(page.get(f"margin-{side}"))
    labels = {"met": "Goal Met", "under": "Under Goal", "not-met": "Goal Not Met",
              "no-data": "No Data"}
    for s in root.findall("statuses/status"):
        if s.get("label"):
            labels[s.get("name")] = s.get("label")
    furniture = []
    for tag in ("header", "footer"):
        el = root.find(tag)
        if el is not None:
            furniture += [el.get("left", ""), el.get("right", "")]
    return {"size": size, "margins": margins, "labels": labels, "furniture": furniture}


def data_info(path):
    """What the data file says, read independently of the program: goals with
    their measures' ids and names, in order, and the meta fields."""
    root = ET.parse(path).getroot()
    meta = root.find("meta")
    goals = []
    for g in root.iter("goal"):
        goals.append((g.get("name"), [(m.get("id"), collapse("".join(m.find("name").itertext())))
                                      for m in g.findall("measure")]))
    return {
        "organization": collapse(meta.findtext("organization")),
        "title": collapse(meta.findtext("title")),
        # The document's title names whose report and which quarter:
        # "City of X: Performance Dashboard, Q1 FY2018".
        "doc_title": "%s: %s, %s" % (collapse(meta.findtext("organization")), collapse(meta.findtext("title")),
                                     re.sub(r"FY(\d{4})-Q(\d)", r"Q\2 FY\1", meta.findtext("period").strip())),
        "sections": len(root.findall("narrative/section")),
        "goals": goals,
        "measures": [m for _, ms in goals for m in ms],
    }


def program_view(path):
    """The report period's label, each measure's figure for it and, for an
    annual target, its total so far, as the program shows them (--dump), and
    each measure's status (--check)."""
    dump = run([QREPORT, "--dump", path]).stdout
    label = re.search(r'^  period: FY\d{4}-Q\d "([^"]*)"', dump, re.M)
    actuals, to_date, current, in_period = {}, {}, None, False
    for line in dump.splitlines():
        m = re.match(r"^  measure ([a-z0-9-]+)", line)
        if m:
            current, in_period = m.group(1), False
            continue
        if re.match(r"^    period FY\d{4}-Q\d", line):
            in_period = line.endswith("(report period)")
            continue
        m = re.match(r'^      actual: \S+ "(.*)"', line)
        if m and current and in_period:
            actuals[current] = m.group(1)
        m = re.match(r'^      compared: \S+ "(.*)" year to date$', line)
        if m and current and in_period:
            to_date[current] = m.group(1)
    out = run([QREPORT, "--check", path]).stdout
    statuses = dict(line.split(" ", 1) for line in out.splitlines()
                    if line and not line.startswith("goal "))
    return (label.group(1) if label else ""), actuals, to_date, statuses


def find_in_order(text, needles):
    """The first needle not found after the previous one, or None."""
    pos = 0
    for n in needles:
        at = text.find(n, pos)
        if at < 0:
            return n
        pos = at + len(n)
    return None


def name_pattern(name):
    """A measure's name as pdftotext may give it: any character may be
    followed by a line break (a long word cut over lines), and the name must
    end there (so "on scene" does not match "on scene, Ward 5")."""
    parts = []
    for c in collapse(name):
        parts.append(r"\s+" if c == " " else re.escape(c) + r"\s?")
    return re.compile("".join(parts) + r"(?![,\w])")


def find_records(text, records):
    """Records (a name, then what must follow it before the next record's
    name) in order; the first thing missing, or None. Within a record the
    order is free: pdftotext may read a card's right-hand status before or
    after the facts beside it. Text is pdftotext's with white space collapsed."""
    pats = [name_pattern(r[0]) for r in records]
    pos = 0
    for k, (name, *rest) in enumerate(records):
        m = pats[k].search(text, pos)
        if not m:
            return name
        pos = m.end()
        nxt = pats[k + 1].search(text, pos) if k + 1 < len(records) else None
        segment = squeeze(text[pos:nxt.start() if nxt else len(text)])
        for item in rest:
            if squeeze(item) not in segment:
                return f"{item} after {name[:40]}"
    return None


def outline_of(pdf):
    """Bookmarks as (title, page from 1, kids) trees."""
    data = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf]).stdout or "{}")

    def conv(items):
        return [(collapse(i.get("title", "")), i.get("destpageposfrom1", 0), conv(i.get("kids", [])))
                for i in items]
    return conv(data.get("outlines", []))


def pages_text(pdf, *opts):
    """pdftotext's text, one string per page."""
    out = run(["pdftotext", *opts, pdf, "-"]).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def furniture_words(lay, data, period_label, npages):
    """Every word the header and footer may show, page numbers aside."""
    words = set()
    for tpl in lay["furniture"]:
        text = (tpl.replace("{organization}", data["organization"]).replace("{title}", data["title"])
                .replace("{period}", period_label).replace("{page}", "").replace("{pages}", ""))
        words.update(text.split())
    return words


def words_misplaced(bbox_html, lay, allowed):
    """Words outside the text columns, and words in the top or bottom margin
    that are not the header's or footer's."""
    top, right, bottom, left = lay["margins"]
    bad = []
    for number, page in enumerate(re.split(r"<page ", bbox_html)[1:], 1):
        w = float(re.search(r'width="([0-9.]+)"', page).group(1))
        h = float(re.search(r'height="([0-9.]+)"', page).group(1))
        for m in re.finditer(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" '
                             r'xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>', page):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            word = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            if x0 < left - SLACK or x1 > w - right + SLACK:
                bad.append((number, word[:20], "beside the column", round(x0), round(x1)))
            elif y0 < top - SLACK or y1 > h - bottom + SLACK:
                if (y1 > top and y0 < h - bottom) or not (word in allowed or word.isdigit()):
                    bad.append((number, word[:20], "in the margin", round(y0), round(y1)))
    return bad


def hand_made(path):
    """A data file with the extremes: a 300-character word and a 5,000-word commentary."""
    vocab = ("the city council department measure quarter residents service response improved "
             "target staffing budget program community crews demand season review figure").split()
    words = [vocab[(i * 7 + i // 19) % len(vocab)] for i in range(COMMENTARY_WORDS)]
    commentary = " ".join(words)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<report format="1">
  <meta>
    <organization>City of Long Words</organization>
    <title>Stress Report</title>
    <fiscal-year start-month="7" named-by="end"/>
    <period>FY2018-Q2</period>
    <published>2018-01-15</published>
  </meta>
  <goals>
    <goal id="quality" name="Quality">
      <statement>To keep {LONG_WORD} working.</statement>
      <measure id="long-name" unit="count">
        <name>Cases {LONG_WORD} closed</name>
        <department>Code Enforcement</department>
        <target at-least="10"/>
        <value period="FY2017-Q2" actual="9"/>
        <value period="FY2018-Q1" actual="12"/>
        <value period="FY2018-Q2" actual="14"/>
        <commentary>Before {LONG_WORD} after.</commentary>
        <action>Keep going.</action>
      </measure>
      <measure id="long-commentary" unit="percent">
        <name>Share of calls answered within a minute</name>
        <target at-least="80"/>
        <value period="FY2018-Q2" actual="85"/>
        <commentary>{commentary}</commentary>
      </measure>
      <measure id="short" unit="duration">
        <name>Dispatch to arrival</name>
        <department>Police</department>
        <target at-most="5:00"/>
        <value period="FY2018-Q1" actual="5:20"/>
        <value period="FY2018-Q2" actual="5:40"/>
      </measure>
    </goal>
    <goal id="empty" name="Growth">
      <statement>No measures yet.</statement>
    </goal>
  </goals>
  <narrative>
    <section id="overview" title="Overview">
      <p>A paragraph with {LONG_WORD} in it.</p>
      <measures refs="long-name"/>
    </section>
  </narrative>
</report>
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(xml)
    return words


def check_case(tag, data_path, layout, tmp, commentary=None, min_appendix_pages=1):
    lay = layout_info(layout)
    if lay["size"] is None:
        lay["size"] = local_size(data_path)
    data = data_info(data_path)
    period_label, actuals, to_date, statuses = program_view(data_path)
    stem = os.path.splitext(os.path.basename(data_path))[0]
    tag = f"{tag} with {layout}"

    outs = []
    for n in (1, 2):
        out_dir = os.path.join(tmp, f"{stem}-{layout}-{n}")
        r = run([QREPORT, "--layout", layout, "--format", "pdf", "--out", out_dir, data_path])
        if not check(r.returncode == 0, f"{tag}: run {n} succeeds"):
            print("# " + r.stderr.replace("\n", "\n# "))
            return
        outs.append(os.path.join(out_dir, stem + ".pdf"))
    pdf = outs[0]
    with open(outs[0], "rb") as a, open(outs[1], "rb") as b:
        check(a.read() == b.read(), f"{tag}: two runs give identical bytes")

    r = run(["qpdf", "--check", pdf])
    check(r.returncode == 0 and "WARNING" not in r.stdout + r.stderr, f"{tag}: qpdf --check is clean")

    rows = run(["pdffonts", pdf]).stdout.splitlines()[2:]
    check(rows and all(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row) for row in rows),
          f"{tag}: every font is embedded ({len(rows)} fonts)")

    info = dict((k.strip(), v.strip()) for k, v in
                (line.split(":", 1) for line in run(["pdfinfo", pdf]).stdout.splitlines() if ":" in line))
    npages = int(info.get("Pages", "0"))
    # Raw order is the order the content is drawn in: the reading order.
    text_pages = pages_text(pdf, "-raw")
    footer_total = {int(m) for p in text_pages for m in re.findall(r"Page \d+ of (\d+)", p)}
    check(footer_total == {npages}, f"{tag}: pdfinfo's {npages} pages are the footers' page count")
    # The cover, contents, glance and appendix, plus a page per goal and the narrative.
    least = 4 + len(data["goals"]) + (1 if data["sections"] else 0)
    check(npages >= least, f"{tag}: at least a page per part and per goal ({npages} >= {least})")
    size = re.search(r"([0-9.]+) x ([0-9.]+) pts", info.get("Page size", ""))
    check(size and abs(float(size.group(1)) - lay["size"][0]) < 0.5
          and abs(float(size.group(2)) - lay["size"][1]) < 0.5,
          f"{tag}: pages are the layout's size ({info.get('Page size')})")
    check(info.get("Title") == data["doc_title"] and info.get("Author") == data["organization"],
          f"{tag}: Title names the city, the report and the quarter; Author is the organization")
    check(info.get("Creator", "").startswith("qreport ") and period_label in info.get("Subject", ""),
          f"{tag}: Creator names qreport and Subject the quarter")

    # Bookmarks: a goal's kids are its measures, in the data file's order.
    outline = outline_of(pdf)
    by_title = [o for o in outline if o[0] in {g for g, _ in data["goals"]}]
    check([o[0] for o in by_title] == [g for g, _ in data["goals"]],
          f"{tag}: a bookmark per goal, in order ({len(by_title)})")
    kids_ok = len(by_title) == len(data["goals"]) and all(
        [collapse(k[0]) for k in o[2]] == [name for _, name in ms]
        for o, (_, ms) in zip(by_title, data["goals"]))
    nkids = sum(len(o[2]) for o in by_title)
    check(kids_ok and nkids == len(data["measures"]),
          f"{tag}: a bookmark per measure under its goal ({nkids} of {len(data['measures'])})")
    appendix = [o for o in outline if o[0].startswith("Appendix")]
    if not check(by_title and appendix, f"{tag}: bookmarks lead to the goal areas and the appendix"):
        return
    goals_from, appendix_from = by_title[0][1], appendix[0][1]

    # Goal areas: each card's name, status and figure, card after card.
    labels = lay["labels"]
    records = [[name, labels[statuses[mid]]] + ([actuals[mid]] if actuals.get(mid) else [])
               for mid, name in data["measures"]]
    cards = collapse(" ".join(text_pages[goals_from - 1:appendix_from - 1]))
    lost = find_records(cards, records)
    check(lost is None, f"{tag}: every measure's name, status and figure in reading order in the "
          f"goal areas" + (f" (lost at '{lost[:60]}')" if lost else ""))
    if commentary:
        words_text = collapse(" ".join(text_pages[goals_from - 1:appendix_from - 1]))
        lost = find_in_order(words_text, [" " + w for w in commentary])
        check(lost is None, f"{tag}: all {len(commentary)} words of the long commentary, in order")

    # Appendix: every row in order, the head row atop each page it continues to.
    # A row shows the total so far where an annual target judges it.
    rows = [[name, labels[statuses[mid]]] +
            ([to_date[mid] + " so far"] if mid in to_date else [actuals[mid]] if actuals.get(mid) else [])
            for mid, name in data["measures"]]
    rows_text = collapse(" ".join(text_pages[appendix_from - 1:]))
    lost = find_records(rows_text, rows)
    check(lost is None, f"{tag}: the appendix lists every measure with its figure and status, in order" +
          (f" (lost at '{lost[:60]}')" if lost else ""))
    layout_pages = pages_text(pdf, "-layout", "-f", str(appendix_from))
    head = re.compile(r"^\s*Measure\s+Target\s+Result\s+Status\s+On last year\s*$")
    heads, continued, bare = 0, 0, []
    for k, page in enumerate(layout_pages):
        lines = [ln for ln in page.splitlines() if ln.strip()]
        body = lines[1:-1]  # without the header and footer lines
        has_head = any(head.match(ln) for ln in body)
        heads += has_head
        legend_first = bool(body) and body[0].strip().startswith("How to read this report")
        if k > 0 and not legend_first:
            continued += 1
            if not (body and head.match(body[0])):
                bare.append(appendix_from + k)
        if legend_first or any("How to read this report" in ln for ln in body):
            break
    check(continued + 1 >= min_appendix_pages,
          f"{tag}: the appendix table runs over {continued + 1} page(s)")
    check(not bare and heads == continued + 1,
          f"{tag}: the table's head row opens each of its pages" + (f" (not on {bare[:5]})" if bare else ""))

    # Every word inside the text area; only header and footer in the margins.
    bbox = run(["pdftotext", "-bbox", pdf, "-"]).stdout
    bad = words_misplaced(bbox, lay, furniture_words(lay, data, period_label, npages))
    check(not bad, f"{tag}: no word outside the text area" +
          (f" ({len(bad)}, first {bad[:3]})" if bad else ""))


def main():
    gen = os.path.join(BUILD, "gen-report")
    with tempfile.TemporaryDirectory(prefix="qreport-scale-") as tmp:
        big = os.path.join(tmp, f"generated-{MEASURES}.xml")
        with open(big, "w", encoding="utf-8") as f:
            r = subprocess.run([gen, str(MEASURES), str(SEED)], stdout=f)
        if not check(r.returncode == 0, f"gen-report writes a report of {MEASURES} measures"):
            sys.exit(1)
        hand = os.path.join(tmp, "extremes.xml")
        words = hand_made(hand)
        for layout in LAYOUTS:
            check_case(f"{MEASURES} measures", big, layout, tmp, min_appendix_pages=3)
            check_case("300-character word, 5,000-word commentary", hand, layout, tmp,
                       commentary=words)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
