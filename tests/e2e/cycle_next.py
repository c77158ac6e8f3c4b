#!/usr/bin/python3
"""qreport next: last quarter's file becomes this quarter's, and a diff shows
only what had to change: the period, one empty value per measure, and for=
on last quarter's texts. The new file loads, every measure has no data yet,
last quarter's texts are warned about with their lines and left out of the
PDF, and a file already there is never overwritten by accident.

Prints one line per check, "ok - what" or "not ok - what"; exits 1 if any
check failed. Needs $QREPORT (the program) and runs from the source tree."""

import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", os.path.dirname(QREPORT) or "build")
EXAMPLES = ["examples/independence-fy2018-q1.xml", "examples/riverbend-fy2025-q3.xml"]
failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1
    return cond


def run(*args):
    return subprocess.run([QREPORT, *args], capture_output=True, text=True)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def next_period(p):
    fy, q = int(p[2:6]), int(p[8])
    return "FY%04d-Q%d" % ((fy + 1, 1) if q == 4 else (fy, q + 1))


def check_diff(old_path, new_path, old_period, label):
    """Every changed line is the period, a new empty value, or a start tag
    with for="OLD" added; nothing else moved."""
    new_period = next_period(old_period)
    old = open(old_path, encoding="utf-8").read().splitlines()
    new = open(new_path, encoding="utf-8").read().splitlines()
    measures = sum(1 for l in old if re.search(r"<measure\s", l))
    texts = sum(1 for l in old if re.search(r"<(commentary|action|section)\b(?![^>]*\bfor=)", l))
    added_values = 0
    marked = 0
    stray = []
    sm = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            continue
        removed, added = old[a0:a1], new[b0:b1]
        rest = []
        for line in added:
            if line.strip() == '<value period="%s"/>' % new_period:
                added_values += 1
            else:
                rest.append(line)
        if len(rest) != len(removed):
            stray += removed + rest
            continue
        for was, now in zip(removed, rest):
            if was.replace("<period>%s</period>" % old_period,
                           "<period>%s</period>" % new_period) == now:
                continue
            m = re.match(r'^(.*<(?:commentary|action|section)\b[^>]*?)( for="%s")(.*)$'
                         % old_period, now)
            if m and m.group(1) + m.group(3) == was:
                marked += 1
                continue
            stray += [was, now]
    check(not stray, "%s: the diff holds only the period, new values and for= (%s)"
          % (label, "; ".join(stray[:4])))
    check(added_values == measures,
          "%s: one empty value per measure (%d of %d)" % (label, added_values, measures))
    check(marked == texts, "%s: every unmarked text is marked (%d of %d)" % (label, marked, texts))
    return texts


def main():
    tmp = tempfile.mkdtemp()
    try:
        for ex in EXAMPLES:
            name = os.path.basename(ex)
            src = os.path.join(tmp, name)
            shutil.copy(ex, src)
            before = sha(src)
            old_period = re.search(r"<period>(FY\d{4}-Q\d)</period>", open(src).read()).group(1)
            new_period = next_period(old_period)
            r = run("next", src)
            check(r.returncode == 0, "%s: next succeeds (%s)" % (name, r.stderr.strip()[:200]))
            new = os.path.join(tmp, name.replace(old_period.lower(), new_period.lower()))
            check(os.path.exists(new), "%s: the new file is named after %s" % (name, new_period))
            check(sha(src) == before, "%s: last quarter's file is untouched" % name)
            if not os.path.exists(new):
                continue
            check(new in r.stdout, "%s: next says which file it wrote" % name)
            texts = check_diff(src, new, old_period, name)

            r = run("--check", new)
            check(r.returncode == 0, "%s: the new file passes --check" % name)
            statuses = [l.split()[1] for l in r.stdout.splitlines() if not l.startswith("goal ")]
            check(statuses and all(s == "no-data" for s in statuses),
                  "%s: every measure has no data yet" % name)
            warned = re.findall(r"^%s:(\d+): warning: <(commentary|action|section)"
                                % re.escape(new), r.stderr, re.M)
            check(len(warned) == texts,
                  "%s: --check warns with a line for every text from last quarter (%d of %d)"
                  % (name, len(warned), texts))
            lines = open(new, encoding="utf-8").read().splitlines()
            check(all('for="%s"' % old_period in lines[int(n) - 1] for n, _ in warned),
                  "%s: each warning's line holds the marked text" % name)
            pub = re.search(r"<published>(\d{4}-\d\d-\d\d)</published>", open(new).read())
            if pub:
                check(re.search(r"warning: <published>%s</published> is before the end of the "
                                r"report period %s" % (pub.group(1), new_period), r.stderr),
                      "%s: --check warns that the publication date is last quarter's" % name)

            # A normal run warns too, and the PDF leaves last quarter's words out.
            out = os.path.join(tmp, "out-" + name)
            r = run("--format", "pdf", "--out", out, new)
            check(r.returncode == 0 and len(re.findall(r"warning: <(commentary|action|section)",
                                                       r.stderr)) == texts,
                  "%s: a normal run warns about every text from last quarter" % name)
            pdf = os.path.join(out, os.path.basename(new)[:-4] + ".pdf")
            if shutil.which("pdftotext") and os.path.exists(pdf):
                text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                                      text=True).stdout
                old_words = re.search(r"<commentary[^>]*>\s*(?:<p>)?([^<]{30,})",
                                      open(src).read()).group(1)
                words = " ".join(old_words.split()[:5])
                check(words not in " ".join(text.split()),
                      "%s: last quarter's commentary is not in the PDF (%s)" % (name, words))
            elif not shutil.which("pdftotext"):
                print("skip - %s: the PDF text (pdftotext missing)" % name)

            # Never over a file already there, unless asked.
            before_new = sha(new)
            r = run("next", src)
            check(r.returncode == 3 and "already there" in r.stderr and sha(new) == before_new,
                  "%s: next again refuses to overwrite the new file (exit 3)" % name)
            r = run("next", "--force", src)
            check(r.returncode == 0 and sha(new) == before_new,
                  "%s: --force replaces it with the same bytes" % name)

        # The fiscal year rolls over after a Q4, in the name too.
        ind = os.path.join(tmp, "independence-fy2018-q1.xml")
        q = ind
        for _ in range(4):
            r = run("next", "--force", q)
            m = re.match(r"^(\S+): ", r.stdout)
            q = m.group(1) if m else q
        check(q.endswith("independence-fy2019-q1.xml") and os.path.exists(q),
              "after FY2018-Q4 comes FY2019-Q1, file name and all")
        r = run("--check", q)
        check(r.returncode == 0 and "FY2019-Q1" in open(q).read(), "the FY2019-Q1 file loads")

        # A name without the period needs --out; --out names any file.
        plain = os.path.join(tmp, "plain.xml")
        shutil.copy(EXAMPLES[0], plain)
        r = run("next", plain)
        check(r.returncode == 2 and "--out" in r.stderr,
              "a file name without the period needs --out (exit 2)")
        r = run("next", "--out", os.path.join(tmp, "sub", "q2.xml"), plain)
        check(r.returncode == 0 and os.path.exists(os.path.join(tmp, "sub", "q2.xml")),
              "--out names the new file, folder and all")
        r = run("next", os.path.join(tmp, "missing-fy2018-q1.xml"))
        check(r.returncode == 1 and "cannot open" in r.stderr, "a missing data file is bad input")
        bad = os.path.join(tmp, "bad-fy2018-q1.xml")
        open(bad, "w").write(open(EXAMPLES[0]).read().replace('actual="81"', 'actual="8l"'))
        r = run("next", bad)
        check(r.returncode == 1 and re.search(r"bad-fy2018-q1.xml:\d+: error: ", r.stderr)
              and not os.path.exists(os.path.join(tmp, "bad-fy2018-q2.xml")),
              "a data file with errors gets no next quarter (exit 1)")
        r = run("next", "--colour", ind)
        check(r.returncode == 2 and "unknown option" in r.stderr, "an unknown option is bad usage")
        r = run("next", "--help")
        check(r.returncode == 0 and "usage: qreport next" in r.stdout, "next --help")
        check(not [f for f in os.listdir(tmp) if f.startswith(".")],
              "no temporary files are left")

        # A generated report of 500 measures, in well under a second.
        gen = os.path.join(BUILD, "gen-report")
        big = os.path.join(tmp, "gen-fy2019-q3.xml")
        with open(big, "w") as f:
            subprocess.run([gen, "500"], stdout=f, check=True)
        t0 = time.monotonic()
        r = run("next", big)
        took = time.monotonic() - t0
        check(r.returncode == 0, "500 measures: next succeeds")
        check_diff(big, os.path.join(tmp, "gen-fy2019-q4.xml"), "FY2019-Q3", "500 measures")
        limit = 5.0 if "asan" in QREPORT else 1.0
        check(took < limit, "500 measures: next in %.2f s (under %.0f s)" % (took, limit))
    finally:
        shutil.rmtree(tmp)
    return failed


if __name__ == "__main__":
    sys.exit(main())
