#!/usr/bin/python3
"""Memory at New York's size: a report of 2,000 measures with 12 quarters
each stays under 150 MB with both outputs, the two processes together, and
each back end stays well inside that on its own. Memory does not depend on
how busy the machine is, so unlike speed it can be held to a limit in a
test; `make bench` measures the rest."""
import os
import subprocess
import sys
import tempfile
import time

QREPORT = os.environ.get("QREPORT", "build/qreport")
BUILD = os.environ.get("QREPORT_BUILD", "build")
MEASURES = 2000
LIMIT_BOTH_MB = 150    # the target for both outputs, all processes together
LIMIT_PDF_MB = 100     # the PDF alone
LIMIT_WORKBOOK_MB = 110  # the workbook alone (its second process)

failed = False


def check(ok, what):
    global failed
    print(("ok - " if ok else "not ok - ") + what)
    failed = failed or not ok


def pss_kb(pid):
    """Proportional resident size: pages shared after fork count once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def run(args, sample):
    """Exit status, the largest process's peak (MB) and, when sampled, the
    peak of all the run's processes together (MB)."""
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    together = 0
    if not sample:
        _, status, ru = os.wait4(p.pid, 0)
    else:
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid == p.pid:
                break
            total = pss_kb(p.pid) + sum(pss_kb(c) for c in children(p.pid))
            together = max(together, total)
            time.sleep(0.005)
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    largest = ru.ru_maxrss / 1024
    return p.returncode, err, largest, max(together / 1024, largest)


if BUILD.endswith("-asan"):
    print("# memory is measured with the normal build: AddressSanitizer's shadow memory says nothing about the program's own")
    sys.exit(0)
if not os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children"):
    print("skip - memory of both processes: this kernel does not list a process's children")
    sys.exit(0)

with tempfile.TemporaryDirectory() as tmp:
    data = os.path.join(tmp, "ny.xml")
    with open(data, "w") as f:
        subprocess.run([os.path.join(BUILD, "gen-report"), str(MEASURES)], stdout=f, check=True)
    base = [QREPORT, "--layout", "independence", "--quiet", "--out", os.path.join(tmp, "out")]

    rc, err, largest, _ = run(base + ["--format", "pdf", data], False)
    check(rc == 0, f"{MEASURES} measures, PDF only: runs (exit {rc}) {err.strip()[:200]}")
    check(largest < LIMIT_PDF_MB,
          f"{MEASURES} measures, PDF only: peak {largest:.1f} MB, under {LIMIT_PDF_MB} MB")

    rc, err, largest, _ = run(base + ["--format", "xlsx", data], False)
    check(rc == 0, f"{MEASURES} measures, workbook only: runs (exit {rc}) {err.strip()[:200]}")
    check(largest < LIMIT_WORKBOOK_MB,
          f"{MEASURES} measures, workbook only: peak {largest:.1f} MB, under {LIMIT_WORKBOOK_MB} MB")

    rc, err, largest, together = run(base + [data], True)
    check(rc == 0, f"{MEASURES} measures, both: runs (exit {rc}) {err.strip()[:200]}")
    check(together < LIMIT_BOTH_MB,
          f"{MEASURES} measures, both: peak {together:.1f} MB for both processes together "
          f"(largest alone {largest:.1f} MB), under {LIMIT_BOTH_MB} MB")

sys.exit(1 if failed else 0)
