"""Tables a screen reader can walk: the structure tree read with qpdf.

For both examples with both bundled layouts, and a generated report long
enough to split the ID tree into leaves:

- every Table is regular: each row spans the same number of columns,
  counting a cell's /ColSpan (a goal's row in the appendix is one header
  cell across the table);
- every TH says what it heads (/Scope), and the appendix ties each cell to
  its headers (/Headers): its column's, its goal's row, and for figures
  its measure's name, a row header;
- every identifier a cell names is in the /IDTree, sorted and within its
  leaves' limits, and leads to a TH of the same table with that /ID;
- a cell that shows a dash for a missing figure is read as words, through
  /ActualText ("no result", "no comparison").

Run from the top of the source tree with $QREPORT naming the program and
$QREPORT_BUILD its build folder; prints one "ok - ..." or "not ok - ..."
per check and exits non-zero if any failed.
"""

import json
import os
import subprocess
import sys
import tempfile

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", "build")
EXAMPLES = ("independence-fy2018-q1", "riverbend-fy2025-q3")
LAYOUTS = ("independence", "plain")
CELLS = ("/TH", "/TD")

failures = 0


def check(cond, what):
    """Print one TAP-style line and count failures."""
    global failures
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failures += 1
    return cond


class Pdf:
    """The objects of a PDF, as qpdf's JSON gives them."""

    def __init__(self, path):
        out = subprocess.run(["qpdf", "--json", "--json-key=qpdf", path], capture_output=True,
                             check=True).stdout
        self.objs = {k[4:]: v.get("value") for k, v in json.loads(out)["qpdf"][1].items()
                     if k.startswith("obj:")}

    def get(self, v):
        """Follow a reference."""
        while isinstance(v, str) and v.endswith(" R") and v in self.objs:
            v = self.objs[v]
        return v


def text(v):
    """A PDF string from qpdf's JSON ("u:..." or "b:hex")."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        raw = bytes.fromhex(v[2:])
        return raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
    return None


def kids(pdf, elem):
    """An element's /K as a list, references to elements kept as such."""
    k = elem.get("/K")
    if k is None:
        return []
    if isinstance(k, str) and isinstance(pdf.objs.get(k), list):
        return pdf.objs[k]
    return k if isinstance(k, list) else [k]


def elements(pdf, ref, out):
    """Every structure element under `ref`, as (ref, dict), in order."""
    d = pdf.get(ref)
    if not isinstance(d, dict) or "/S" not in d:
        return
    out.append((ref, d))
    for k in kids(pdf, d):
        if isinstance(k, str) and k.endswith(" R"):
            elements(pdf, k, out)


def id_tree(pdf, node, out, problems):
    """Identifier -> element reference, checking order and limits."""
    node = pdf.get(node)
    names = node.get("/Names")
    if names is not None:
        keys = [text(names[i]) for i in range(0, len(names), 2)]
        if keys != sorted(keys):
            problems.append("names out of order")
        lim = node.get("/Limits")
        if lim and (text(lim[0]) != keys[0] or text(lim[1]) != keys[-1]):
            problems.append(f"limits {lim} for {keys[0]}..{keys[-1]}")
        for i in range(0, len(names), 2):
            out[text(names[i])] = names[i + 1]
    for k in node.get("/Kids", []):
        id_tree(pdf, k, out, problems)


def check_tables(tag, path, expect_headers):
    pdf = Pdf(path)
    root = next(v for v in pdf.objs.values()
                if isinstance(v, dict) and v.get("/Type") == "/StructTreeRoot")
    elems = []
    for k in kids(pdf, root):
        elements(pdf, k, elems)
    ids, tree_problems = {}, []
    if "/IDTree" in root:
        id_tree(pdf, root["/IDTree"], ids, tree_problems)
    by_ref = dict(elems)
    check(not tree_problems, f"{tag}: the ID tree's names are sorted and within their limits"
          + (f" ({tree_problems[:2]})" if tree_problems else ""))
    wrong_ids = [i for i, ref in ids.items() if text(by_ref.get(ref, {}).get("/ID")) != i]
    check(not wrong_ids, f"{tag}: each of the {len(ids)} identifiers leads to the element "
          "bearing it" + (f" ({wrong_ids[:3]})" if wrong_ids else ""))

    tables = [(ref, d) for ref, d in elems if d["/S"] == "/Table"]
    irregular, unscoped, bad_headers, headed, dashes, unread = [], [], [], 0, 0, []
    for tref, table in tables:
        rows = []
        for k in kids(pdf, table):
            d = pdf.get(k)
            if isinstance(d, dict) and d.get("/S") == "/TR":
                rows.append(d)
            elif isinstance(d, dict) and d.get("/S") in ("/THead", "/TBody", "/TFoot"):
                rows += [pdf.get(r) for r in kids(pdf, d) if pdf.get(r).get("/S") == "/TR"]
        widths = set()
        own_ths = set()
        cells = []
        for row in rows:
            w = 0
            for c in kids(pdf, row):
                cd = pdf.get(c)
                if not isinstance(cd, dict) or cd.get("/S") not in CELLS:
                    continue
                a = pdf.get(cd.get("/A")) or {}
                w += int(a.get("/ColSpan", 1))
                cells.append((c, cd, a))
                if cd["/S"] == "/TH":
                    own_ths.add(c)
                    if a.get("/Scope") not in ("/Row", "/Column", "/Both"):
                        unscoped.append(tref)
            widths.add(w)
        if len(widths) > 1:
            irregular.append(f"{tref}: rows of {sorted(widths)} columns")
        for c, cd, a in cells:
            heads = a.get("/Headers")
            if heads is None:
                continue
            headed += 1
            for h in heads:
                ref = ids.get(text(h))
                if ref is None or ref not in own_ths:
                    bad_headers.append(f"{c} names {h}")
            if cd.get("/ActualText") is not None:
                dashes += 1
                if not text(cd["/ActualText"]).strip():
                    unread.append(c)
        dashes += sum(1 for c, cd, a in cells if a.get("/Headers") is None and
                      cd.get("/ActualText") is not None)
    check(tables and not irregular, f"{tag}: each of the {len(tables)} tables has rows of one "
          "width, column spans counted" + (f" ({irregular[:2]})" if irregular else ""))
    check(not unscoped, f"{tag}: every header cell has a scope")
    check(not bad_headers, f"{tag}: every header a cell names is a TH of its table"
          + (f" ({bad_headers[:2]})" if bad_headers else ""))
    if expect_headers:
        check(headed > 0, f"{tag}: the appendix ties its cells to their headers ({headed} cells)")
    return dashes, unread


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for ex in EXAMPLES:
            for lay in LAYOUTS:
                out = os.path.join(tmp, lay)
                subprocess.run([QREPORT, "--quiet", "--format", "pdf", "--layout", lay, "--out",
                                out, f"examples/{ex}.xml"], check=True)
                dashes, unread = check_tables(f"{ex} ({lay})", os.path.join(out, ex + ".pdf"), True)
                if ex == "riverbend-fy2025-q3":
                    check(dashes > 0 and not unread,
                          f"{ex} ({lay}): the dashes for missing figures are read as words "
                          f"({dashes} cells)")
        # Enough measures that the ID tree is split into leaves.
        data = os.path.join(tmp, "long.xml")
        with open(data, "wb") as f:
            subprocess.run([os.path.join(BUILD, "gen-report"), "700"], stdout=f, check=True)
        subprocess.run([QREPORT, "--quiet", "--format", "pdf", "--out", tmp, data], check=True)
        check_tables("700 measures", os.path.join(tmp, "long.pdf"), True)
    sys.exit(1 if failures else 0)


main()
