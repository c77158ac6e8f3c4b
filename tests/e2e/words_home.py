#!/usr/bin/python3
"""Every sentence a reader meets has one home, the presentation layer
(src/present*.c): the back ends (the lay-out stage and every output
writer) hold none, and decide no status. This reads their source and
fails on any sentence in a string (six or more words, or words ending in a
full stop) outside a diagnostic message (messages to the person running
qreport are not report text), and on any call of the status rules. Short
labels (a column header, a sheet name) may stay with the back end that
lays them out.

Prints "ok - what" / "not ok - what" per check; exits 1 if any failed."""

import glob
import os
import re
import sys

BACK_ENDS = ["layout_", "xlsx_", "pdf_", "render_", "html_", "csv_", "svg_", "scorecard_",
             "release_", "chart_"]
# Whose words are a diagnostic for the user, not the report's.
DIAG = re.compile(r"\b(diag_error|diag_warn|diag_msg|diag_note|fail|fprintf|snprintf\(why)\b")
RULES = re.compile(r"\b(status_decide|tolerance_amount|eval_target_for|eval_report)\s*\(")
failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1


def strip_comments(src):
    return re.sub(r"/\*.*?\*/|//[^\n]*", lambda m: re.sub(r"[^\n]", " ", m.group(0)), src, flags=re.S)


def literals(src):
    """(offset, text) of each run of adjacent string literals."""
    out = []
    for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"(?:\s*"(?:[^"\\\n]|\\.)*")*', src):
        parts = re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(0))
        out.append((m.start(), "".join(parts)))
    return out


def function_name(src, at):
    """The name of the function whose body holds `at`."""
    heads = list(re.finditer(r"^[A-Za-z_][^\n;]*?\b([A-Za-z_]\w*)\s*\([^;{]*$", src[:at], re.M))
    return heads[-1].group(1) if heads else ""


def statement_start(src, at):
    """Offset of the start of the statement holding `at`."""
    return max(src.rfind(";", 0, at), src.rfind("{", 0, at), src.rfind("}", 0, at)) + 1


files = sorted(f for f in glob.glob("src/*.c")
               if any(os.path.basename(f).startswith(p) for p in BACK_ENDS)
               and os.path.basename(f) != "render_dump.c")
check(len(files) > 20, f"the back ends' files are found ({len(files)})")
for path in files:
    src = strip_comments(open(path, encoding="utf-8").read())
    found = []
    for at, text in literals(src):
        plain = re.sub(r"%[-+ #0-9.]*[a-z]|\\(x[0-9A-Fa-f]{2}|[0-7]{3}|.)", " ", text)
        if re.search(r"[/<>\[\]&{}]", plain) or '=\\"' in text:
            continue  # PDF, XML, CSS, markup attributes or number-format syntax, not words
        nwords = len(re.findall(r"[A-Za-z][A-Za-z']+", plain))
        if nwords < 6 and not (nwords >= 2 and plain.rstrip().endswith(".")):
            continue
        if DIAG.search(src[statement_start(src, at):at]):
            continue
        if re.search(r"error|reason|message", function_name(src, at)):
            continue  # words for a diagnostic, returned to the code that reports it
        found.append(text[:60])
    check(not found, f"{path}: no reader-facing sentence of its own" +
          (f" (found: {found[:3]})" if found else ""))
    rules = RULES.findall(src)
    check(not rules, f"{path}: decides no status" + (f" (calls {rules})" if rules else ""))
sys.exit(failed)
