#!/usr/bin/python3
"""Who may include what: the rules of docs/architecture.md, read from the
sources. Dependencies run one way, load → model → eval → present → lay out →
back ends; each third-party library's header is included by its own stage
only; and no two files include each other's headers in a circle.

Prints "ok - what" / "not ok - what" per check; exits 1 if any failed."""

import glob
import os
import re
import sys

failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1


# Stages, lowest first, by the names of their files (header or source).
# A file may include headers of its own stage and of the stages below,
# except those named in FORBIDDEN.
STAGES = [
    ("base", r"(arena|diag|readfile|paths|outfile|strbuf|ttf|version)"),
    ("model", r"(model|period|source_date|load_limits)"),
    # Spreadsheets to import are read like data files: at the loader's level.
    ("load", r"(load|load_.*|style|units|units_.*|datafile_.*|import_.*|xlsxread)"),
    ("eval", r"(eval|eval_.*)"),
    ("present", r"(present|present_.*)"),
    ("layout", r"(layout|layout_.*|boxes|metrics)"),
    ("back end", r"(render|render_.*|pdf_.*|xlsx|xlsx_.*|html|html_.*|svg_.*|csv_.*|chart|chart_.*|output_process|outputs|backends)"),
    # The quarterly cycle's commands run the stages themselves, as main does.
    ("program", r"(main|cycle|cycle_.*|cmd_cycle)"),
]

# Headers a stage may not include even though they sit below it: the back
# ends and the lay-out stage take their words and numbers from the
# presentation, never from the evaluator or the amount formatter.
FORBIDDEN = {
    "layout": {"eval.h", "units.h", "load.h"},
    "back end": {"eval.h", "units.h", "load.h", "present_internal.h"},
}
# The debugging dump shows the evaluation itself, amounts as written included.
EXEMPT = {"render_dump.c": {"eval.h", "units.h"},
          # The facts print numbers exactly as the evaluator rounds them.
          "render_facts.c": {"units.h"}}

# Third-party headers and the only files that may include them.
THIRD_PARTY = [
    # ...and the data file's in-place editor, which reads it as the loader does.
    (r"libxml/", r"(load(_.*)?|datafile_edit|xlsxread)\.[ch]"),
    # libzip reads the workbooks to import, libcsv the CSV files.
    (r"zip\.h", r"xlsxread\.c"),
    (r"csv\.h", r"import_csv\.c"),
    (r"hpdf\.h", r"(pdf_.*|render_pdf)\.[ch]"),
    (r"xlsxwriter\.h", r"(xlsx(_.*)?|render_xlsx)\.[ch]"),
    # The chart pictures' PNG: librsvg on cairo, the layout's fonts made
    # known to fontconfig, the pixels written by libpng (which also checks
    # a layout's logo).
    (r"(librsvg/|cairo|fontconfig/)", r"chart_png\.c"),
    (r"png\.h", r"(load_image|chart_png)\.c"),
]


def stage_of(name):
    stem = os.path.splitext(name)[0]
    for i, (label, pattern) in enumerate(STAGES):
        if re.fullmatch(pattern, stem):
            return i, label
    return None, None


files = sorted(glob.glob("src/*.c") + glob.glob("src/*.h"))
includes = {}
for path in files:
    src = open(path, encoding="utf-8").read()
    includes[os.path.basename(path)] = (re.findall(r'^#include "([^"]+)"', src, re.M),
                                        re.findall(r"^#include <([^>]+)>", src, re.M))

unplaced = [f for f in includes if stage_of(f)[0] is None]
check(not unplaced, "every source file belongs to a stage" + (f" (not: {unplaced})" if unplaced else ""))

for name, (ours, theirs) in includes.items():
    level, label = stage_of(name)
    if level is None:
        continue
    up = []
    for inc in ours:
        il, ilabel = stage_of(os.path.basename(inc))
        if il is None:
            continue
        if il > level:
            up.append(f"{inc} ({ilabel})")
        elif inc in FORBIDDEN.get(label, set()) and inc not in EXEMPT.get(name, set()):
            up.append(f"{inc} (not for the {label} stage)")
    check(not up, f"{name} ({label}) includes only what its stage may" + (f": not {up}" if up else ""))
    for header, allowed in THIRD_PARTY:
        users = [t for t in theirs if re.match(header, t)]
        if users:
            check(re.fullmatch(allowed, name) is not None,
                  f"{name} may include <{users[0]}>")

# No circles among the headers: a header never includes, through others,
# itself.
def reach(h, seen):
    for inc in includes.get(h, ([], []))[0]:
        if inc not in seen:
            seen.add(inc)
            reach(inc, seen)
    return seen


circles = [h for h in includes if h.endswith(".h") and h in reach(h, set())]
check(not circles, "no header includes itself through others" + (f" ({circles})" if circles else ""))
sys.exit(failed)
