#!/usr/bin/python3
"""Pathological but valid data files finish, and finish in time proportional
to their size; files beyond the loader's limits are refused with a clear
message. Every file is generated here, into a temporary folder.

For each shape the test runs the full program (PDF and workbook) on the
file the shape is about, then on files of size M and 2M, with M big enough
that the run takes a while: each must succeed within TIME_LIMIT seconds of
CPU time, and 2M must take less than RATIO_LIMIT times as long as M, which
catches a step that is quadratic in the size.
"""
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

QREPORT = os.environ.get("QREPORT", "build/qreport")
TIME_LIMIT = 10.0  # CPU seconds, for each run
# A run that takes this long on the clock is taken to hang.
WALL_LIMIT = 120.0
RATIO_LIMIT = 3.0
# Below this many CPU seconds, start-up and noise dominate a ratio.
RATIO_FLOOR = 0.2

failures = 0


def report(ok, what):
    """Print one TAP-style line and count failures."""
    global failures
    print(("ok - " if ok else "not ok - ") + what, flush=True)
    if not ok:
        failures += 1


def load_limits():
    """The LOAD_MAX_* limits, read from the loader's header so the test
    follows them when they change."""
    limits = {}
    with open("src/load_limits.h", encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#define (LOAD_MAX_\w+) (.*)", line)
            if m:
                expr = re.sub(r"(\d+)L\b", r"\1", m.group(2))
                if re.fullmatch(r"[\d\s*()+-]+", expr):
                    limits[m.group(1)] = eval(expr)  # digits and * only
    return limits


def measure_xml(i, values=(("FY2018-Q1", "81"),), commentary=""):
    """One percent measure with the given (period, actual) values."""
    vals = "".join(
        f'<value period="{p}" actual="{a}"/>' for p, a in values)
    return (f'<measure id="m{i}" unit="percent">'
            f"<name>Measure number {i}</name>"
            f'<target at-least="75"/>{vals}{commentary}</measure>\n')


def document(goals="", narrative=""):
    """A valid data file around the given goals and narrative sections."""
    if not goals:
        goals = '<goal id="g" name="Goal">' + measure_xml(0) + "</goal>"
    nar = f"<narrative>{narrative}</narrative>" if narrative else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<report format="1">
<meta>
<organization>City of Pathology</organization>
<title>Performance Dashboard</title>
<fiscal-year start-month="7" named-by="end"/>
<period>FY2018-Q1</period>
</meta>
<goals>
{goals}
</goals>
{nar}
</report>
"""


def section(body, sid="s"):
    """A narrative section holding the given blocks."""
    return f'<section id="{sid}" title="Section">{body}</section>'


WORDS = ("city staff answered calls within the target time while the "
         "department filled vacancies and trained new").split()


def long_paragraph(n):
    """The same long paragraph in the narrative and as a measure's
    commentary, which the workbook holds in one cell."""
    words = " ".join(WORDS[i % len(WORDS)] for i in range(n))
    goal = ('<goal id="g" name="Goal">'
            + measure_xml(0, commentary=f"<commentary>{words}</commentary>") + "</goal>")
    return document(goals=goal, narrative=section(f"<p>{words}</p>"))


def long_word(n):
    """One word of n letters, which the layout must break by itself."""
    word = ("abcdefghij" * (n // 10 + 1))[:n]
    return document(narrative=section(f"<p>Before {word} after.</p>"))


def many_measures(n):
    """n measures in a single goal."""
    ms = "".join(measure_xml(i) for i in range(n))
    return document(goals=f'<goal id="g" name="One goal">{ms}</goal>')


def quarters(n):
    """n quarters of history ending at FY2018-Q1, for a handful of measures."""
    end = 2018 * 4  # FY2018-Q1 as fy * 4 + quarter - 1
    periods = [(f"FY{(end - k) // 4}-Q{(end - k) % 4 + 1}", str(50 + (k * 7) % 40))
               for k in range(n - 1, -1, -1)]
    ms = "".join(measure_xml(i, values=periods) for i in range(10))
    return document(goals=f'<goal id="g" name="History">{ms}</goal>')


def many_attributes(n):
    """One measure carrying n attributes the format does not know."""
    attrs = " ".join(f'x{i}="1"' for i in range(n))
    return document(goals=f'<goal id="g" name="Goal"><measure id="m0" unit="count" {attrs}>'
                    '<name>N</name><target at-least="1"/>'
                    '<value period="FY2018-Q1" actual="2"/></measure></goal>')


def many_benchmarks(n):
    """One measure with n benchmarks."""
    bench = "".join(f'<benchmark label="Peer {i}" value="{i % 100}"/>' for i in range(n))
    return document(goals=f'<goal id="g" name="Goal"><measure id="m0" unit="percent">'
                    f'<name>N</name><target at-least="75"/>{bench}'
                    '<value period="FY2018-Q1" actual="81"/></measure></goal>')


def repeated_refs(n):
    """One refs list naming the same measure n times."""
    return document(narrative=section('<measures refs="%s"/>' % " ".join(["m0"] * n)))


def many_card_lists(n):
    """n refs lists of one measure each: n cards in all."""
    return document(narrative=section('<measures refs="m0"/>' * n))


def nested(depth, copies):
    """`copies` paragraphs, each with inline markup `depth` levels deep."""
    opening = "".join("<b>" if k % 2 == 0 else "<i>" for k in range(depth))
    closing = "".join("</b>" if k % 2 == 0 else "</i>" for k in reversed(range(depth)))
    paras = "".join(f"<p>start {opening}deep text {k}{closing} end</p>" for k in range(copies))
    return document(narrative=section(paras))


def long_texts(n):
    """Every kind of plain text and a link, each n characters long: they
    land in places with limits of their own (PDF strings, bookmarks,
    document information, spreadsheet cells)."""
    t = ("Longname" * (n // 8 + 1))[:n]
    url = "https://example.org/" + "a" * n
    measure = (f'<measure id="m" unit="count"><name>{t}</name><department>{t}</department>'
               f'<target at-least="5"/><benchmark label="{t}" value="4"/>'
               f'<value period="FY2018-Q1" actual="5"/>'
               f'<commentary>See <a href="{url}">{t}</a>.</commentary></measure>')
    doc = document(goals=f'<goal id="g" name="{t}">{measure}</goal>',
                   narrative=section(f'<quote by="{t}" role="{t}">{t}</quote>'
                                     f'<measures refs="m"/>', sid="s").replace(
                                         'title="Section"', f'title="{t}"'))
    return (doc.replace("<organization>City of Pathology</organization>",
                        f"<organization>{t}</organization>")
            .replace("<title>Performance Dashboard</title>",
                     f"<title>{t}</title><subtitle>{t}</subtitle><plan>{t}</plan>"))


def run(path, out, timeout):
    """Run the program; return (exit status or None on timeout, CPU seconds,
    stderr). CPU time (user + system) rather than the clock: the clock
    also counts waiting for the disk (outputs are synced before they are
    renamed into place) and for other programs on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        p = subprocess.run([QREPORT, "--quiet", "--out", out, path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=timeout)
        status, err = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        status, err = None, ""
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return status, cpu, err


def outputs_ok(out, stem):
    """Both files are there and look complete."""
    try:
        with open(os.path.join(out, stem + ".pdf"), "rb") as f:
            pdf = f.read()
        with open(os.path.join(out, stem + ".xlsx"), "rb") as f:
            xlsx = f.read()
    except OSError:
        return False
    return (pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-32:]
            and xlsx.startswith(b"PK") and len(xlsx) > 1000)


def check_shape(tmp, name, make, n, m, desc):
    """The size n the test is about, then m and 2m: each succeeds in time,
    and 2m takes less than RATIO_LIMIT times as long as m. m is chosen big
    enough that a quadratic step would show above start-up time."""
    times = {}
    for size in sorted({n, m, 2 * m}):
        stem = f"{name}-{size}"
        path = os.path.join(tmp, stem + ".xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(make(size))
        out = os.path.join(tmp, "out-" + stem)
        status, secs, err = run(path, out, WALL_LIMIT)
        label = desc.format(n=size)
        os.remove(path)
        if status is None:
            report(False, f"{label}: finishes (killed after {WALL_LIMIT:.0f} s)")
            return
        report(status == 0, f"{label}: exit status 0 (got {status})"
               + ("" if status == 0 else "; " + err.strip()[:300]))
        report(outputs_ok(out, stem), f"{label}: PDF and workbook written")
        report(secs < TIME_LIMIT, f"{label}: within {TIME_LIMIT:.0f} s of CPU ({secs:.2f} s)")
        times[size] = secs
        shutil.rmtree(out, ignore_errors=True)
    small, large = times[m], times[2 * m]
    what = f"{desc.format(n=2 * m)} against {m}"
    if large < RATIO_FLOOR:
        report(True, f"{what}: too quick to time ({large:.2f} s), so no quadratic step")
    else:
        ratio = large / max(small, 1e-3)
        report(ratio < RATIO_LIMIT,
               f"{what}: twice the size takes {ratio:.1f}x as long (under {RATIO_LIMIT:.0f}x)")


def check_refused(tmp, name, content, what, limit_words):
    """A file beyond a limit: exit 1, a FILE[:LINE]: error: message, nothing written."""
    path = os.path.join(tmp, name + ".xml")
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(path, mode) as f:
        f.write(content)
    out = os.path.join(tmp, "out-" + name)
    status, secs, err = run(path, out, WALL_LIMIT)
    report(status == 1, f"{what}: exit status 1 (got {status})")
    first = err.splitlines()[0] if err else ""
    ok = re.match(re.escape(path) + r"(:\d+)?: error: \S", first) is not None
    report(ok, f"{what}: message in the form FILE:LINE: error: ... ({first[:160]!r})")
    report(re.search(limit_words, err, re.I) is not None,
           f"{what}: the message says which limit ({limit_words})")
    report(secs < TIME_LIMIT, f"{what}: refused within {TIME_LIMIT:.0f} s of CPU ({secs:.2f} s)")
    report(not os.path.exists(out) or not os.listdir(out), f"{what}: nothing written")
    os.remove(path)
    return secs


def main():
    if not os.access(QREPORT, os.X_OK):
        report(False, f"{QREPORT} is built")
        return 1
    lim = load_limits()
    for k in ("LOAD_MAX_FILE_BYTES", "LOAD_MAX_DEPTH", "LOAD_MAX_TEXT_BYTES",
              "LOAD_MAX_MEASURES", "LOAD_MAX_VALUES_PER_MEASURE",
              "LOAD_MAX_BENCHMARKS_PER_MEASURE", "LOAD_MAX_NARRATIVE_CARDS",
              "LOAD_MAX_ATTRIBUTES", "LOAD_MAX_VALUES"):
        if k not in lim:
            report(False, f"src/load_limits.h defines {k}")
            return 1
    tmp = tempfile.mkdtemp(prefix="qreport-patho.")
    try:
        check_shape(tmp, "paragraph", long_paragraph, 10000, 60000,
                    "a paragraph of {n} words")
        check_shape(tmp, "word", long_word, 100000, 400000, "a word of {n} characters")
        check_shape(tmp, "measures", many_measures, 5000, 2500, "{n} measures in one goal")
        check_shape(tmp, "quarters", quarters, 40, 180, "{n} quarters of history")
        check_shape(tmp, "long-texts", long_texts, 100000, 100000,
                    "every name, title and link {n} characters long")
        check_shape(tmp, "nesting", lambda n: nested(50, n), 1, 2000,
                    "inline markup 50 levels deep in {n} paragraph(s)")

        # Past each limit: refused, quickly, with a message that says why.
        pad = lim["LOAD_MAX_FILE_BYTES"] + 1
        doc = document().encode()
        big = doc.replace(b"<goals>", b"<!--" + b"x" * pad + b"-->\n<goals>")
        check_refused(tmp, "too-big", big, "a file over the size limit",
                      r"size|large|big|bytes|MB|MiB")
        depth = lim["LOAD_MAX_DEPTH"] + 10
        check_refused(tmp, "too-deep", nested(depth, 1),
                      f"inline markup {depth} levels deep", r"deep|depth|nest|level")
        text = lim["LOAD_MAX_TEXT_BYTES"] + 10
        check_refused(tmp, "too-long", long_word(text), f"a text of {text} characters",
                      r"long|length|size|bytes|characters|text")
        # A 10 MB attribute: one message naming it, then nothing from libxml2.
        huge = document(goals='<goal id="g" name="' + "x" * (10 * 1024 * 1024) + '">'
                        + measure_xml(0) + "</goal>")
        check_refused(tmp, "long-attribute", huge, "a 10 MB attribute", r"attribute name on <goal>")
        path = os.path.join(tmp, "long-attribute.xml")
        with open(path, "w") as f:
            f.write(huge)
        status, secs, err = run(path, os.path.join(tmp, "out-long-attribute"), WALL_LIMIT)
        report(len(err.splitlines()) == 1,
               f"a 10 MB attribute: one message, nothing after it ({len(err.splitlines())} lines)")
        os.remove(path)
        del huge
        n = lim["LOAD_MAX_MEASURES"] + 1
        many = many_measures(n)
        check_refused(tmp, "too-many-measures", many, f"{n} measures",
                      r"measures")
        del many
        v = lim["LOAD_MAX_VALUES_PER_MEASURE"] + 1
        check_refused(tmp, "too-many-values", quarters(v), f"{v} values in one measure",
                      r"values|periods|quarters")
        # More values than the workbook's History sheet has rows for: refused
        # while parsing, before the tree is walked.
        n = lim["LOAD_MAX_VALUES"] // lim["LOAD_MAX_VALUES_PER_MEASURE"] + 1
        end = 2018 * 4
        periods = [(f"FY{(end - k) // 4}-Q{(end - k) % 4 + 1}", "5")
                   for k in range(lim["LOAD_MAX_VALUES_PER_MEASURE"] - 1, -1, -1)]
        rows = document(goals='<goal id="g" name="Goal">'
                        + "".join(measure_xml(i, values=periods) for i in range(n)) + "</goal>")
        check_refused(tmp, "too-many-rows", rows,
                      f"{n * lim['LOAD_MAX_VALUES_PER_MEASURE']} values in the file",
                      r"values.*rows")
        del rows
        # Shapes that cost time or memory in the square of their size: each
        # is refused by a limit checked before the costly step, at a size
        # just past the limit and at a hostile size and twice that, which
        # must take about as long as each other.
        for k, make, what, words in (
                ("LOAD_MAX_ATTRIBUTES", many_attributes, "{n} attributes on one element",
                 r"attributes"),
                ("LOAD_MAX_BENCHMARKS_PER_MEASURE", many_benchmarks,
                 "{n} benchmarks on one measure", r"benchmarks"),
                ("LOAD_MAX_NARRATIVE_CARDS", many_card_lists, "{n} measure cards in the narrative",
                 r"cards")):
            n = lim[k] + 1
            check_refused(tmp, "past-" + k, make(n), what.format(n=n), words)
        for make, hostile, what, words in (
                (many_attributes, 100000, "{n} attributes on one element", r"attributes"),
                (many_benchmarks, 16000, "{n} benchmarks on one measure", r"benchmarks"),
                (repeated_refs, 20000, "one measure {n} times in one refs list",
                 r"more than once")):
            times = []
            for n in (hostile, 2 * hostile):
                times.append(check_refused(tmp, f"hostile-{n}", make(n), what.format(n=n), words))
            ratio = times[1] / max(times[0], 0.05)
            report(ratio < RATIO_LIMIT, f"{what.format(n=hostile)}: twice as many takes "
                   f"{ratio:.1f}x as long (under {RATIO_LIMIT:.0f}x)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
