#!/usr/bin/python3
"""Hostile files given to qreport import: zip bombs (a size declared past
the limit, and a size declared small that inflates past it), DOCTYPEs and
entities in the XML, names in the zip and relationship targets that climb
out of the archive, huge shared-string tables and strings, too many files
and cells, an old .xls and a file that is no zip, malformed CSV and CSV in
the wrong encoding. Each is refused with one clear message naming the
file, quickly and without touching the data file. The limits are those of
docs/limits.md.

Prints one line per check, "ok - what" or "not ok - what"; exits 1 if any
check failed. Needs $QREPORT (the program) and runs from the source tree."""

import hashlib
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

QREPORT = os.environ.get("QREPORT", "build/qreport")
DATA = "examples/independence-fy2018-q1.xml"
TIME_LIMIT = 10.0 if "asan" in QREPORT else 4.0  # seconds of CPU
failed = 0

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WB = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="Police" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{sheet}"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
           '</Relationships>')
SHEET = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c>'
         '<c r="B1" t="inlineStr"><is><t>Actual</t></is></c></row>'
         '<row r="2"><c r="A2" t="inlineStr"><is><t>police-response</t></is></c>'
         '<c r="B2" t="inlineStr"><is><t>4:58</t></is></c></row>{more}</sheetData></worksheet>')
SST = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{si}</sst>'


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1
    return cond


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def workbook(path, parts=None, sheet=None, sst="", sheet_target="worksheets/sheet1.xml",
             extra=()):
    """A small workbook; parts override or add members."""
    members = {
        "[Content_Types].xml": CT,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WB,
        "xl/_rels/workbook.xml.rels": WB_RELS.format(sheet=sheet_target),
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else SHEET.format(more=""),
        "xl/sharedStrings.xml": SST.format(si=sst),
    }
    members.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members.items():
            z.writestr(name, text)
        for name, text in extra:
            z.writestr(name, text)


def lie_about_size(path, member, size):
    """Rewrite the uncompressed size the zip declares for `member`, in its
    local header and in the central directory, keeping everything else."""
    data = bytearray(open(path, "rb").read())
    name = member.encode()
    i = 0
    while True:
        i = data.find(b"PK\x03\x04", i)
        if i < 0:
            break
        n = struct.unpack_from("<H", data, i + 26)[0]
        if data[i + 30:i + 30 + n] == name:
            struct.pack_into("<I", data, i + 22, size)
        i += 4
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        n = struct.unpack_from("<H", data, i + 28)[0]
        if data[i + 46:i + 46 + n] == name:
            struct.pack_into("<I", data, i + 24, size)
        i += 4
    open(path, "wb").write(bytes(data))


def refused(tmp, path, words, what):
    """qreport import refuses `path` quickly, with one message naming it."""
    data = os.path.join(tmp, "data.xml")
    shutil.copy(DATA, data)
    before = sha(data)
    t0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run([QREPORT, "import", data, path], capture_output=True, text=True,
                       timeout=120)
    t1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (t1.ru_utime - t0.ru_utime) + (t1.ru_stime - t0.ru_stime)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    check(r.returncode == 1, f"{what}: refused (exit 1, got {r.returncode})")
    check(errors and errors[0].startswith(path) and re.search(words, errors[0], re.I),
          f"{what}: the message names the file and says why ({errors[:1]})")
    check(sha(data) == before, f"{what}: the data file is untouched")
    check(cpu < TIME_LIMIT, f"{what}: within {TIME_LIMIT:.0f} s of CPU ({cpu:.2f} s)")


def main():
    tmp = tempfile.mkdtemp(prefix="qreport-hostile.")
    try:
        # The small workbook itself is read: the tests below fail for their
        # own reason, not because the file was never readable.
        good = os.path.join(tmp, "good.xlsx")
        workbook(good)
        data = os.path.join(tmp, "data.xml")
        shutil.copy(DATA, data)
        r = subprocess.run([QREPORT, "import", "--period", "FY2018-Q1", data, good],
                           capture_output=True, text=True)
        check(r.returncode == 0 and 'actual="4:58"' in open(data).read(),
              f"a small hand-made workbook imports ({r.stderr.strip()[:200]})")

        # The forms Excel writes that openpyxl does not: shared strings in
        # rich-text runs with phonetic guides, cells without references, a
        # formula with its cached value, a custom percent format, and the
        # relationships namespace of strict OOXML.
        styles = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
                  '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>')
        sst = ('<si><t>ID</t></si><si><t>Actual</t></si>'
               '<si><r><t>police-</t></r><r><rPr><b/></rPr><t>response</t></r>'
               '<rPh sb="0" eb="1"><t>ignored</t></rPh></si>'
               '<si><t xml:space="preserve"> 4:41 </t></si><si><t>code-inspections</t></si>'
               '<si><t>demolitions</t></si>')
        sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 '<sheetData><row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>'
                 '<row r="2"><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>'
                 '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" s="1"><v>0.825</v></c></row>'
                 '<row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4"><f>4+2</f><v>6</v></c></row>'
                 '</sheetData></worksheet>')
        strict_wb = WB.replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                               "http://purl.oclc.org/ooxml/officeDocument/relationships")
        p = os.path.join(tmp, "excel.xlsx")
        rels = WB_RELS.format(sheet="/xl/worksheets/sheet1.xml").replace(
            "</Relationships>", '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        workbook(p, sheet=sheet, sst=sst, parts={"xl/styles.xml": styles, "xl/workbook.xml": strict_wb,
                                                  "xl/_rels/workbook.xml.rels": rels})
        shutil.copy(DATA, data)
        r = subprocess.run([QREPORT, "import", "--period", "FY2018-Q1", data, p],
                           capture_output=True, text=True)
        text = open(data).read()
        check(r.returncode == 0 and 'actual="4:41"' in text and 'actual="82.5"' in text
              and 'actual="6"' in text,
              f"the forms Excel writes are read: rich text, no references, formulas, custom "
              f"percent ({r.stderr.strip()[:200]})")

        p = os.path.join(tmp, "bomb-declared.xlsx")
        workbook(p, extra=[("xl/media/padding.bin", b"\0" * (65 * 1024 * 1024))])
        refused(tmp, p, r"inflates to \d+ bytes; expected at most", "a part declared past 64 MB")

        p = os.path.join(tmp, "bomb-lying.xlsx")
        big_sheet = SHEET.format(more="<row r='3'/>" + " " * (70 * 1024 * 1024))
        workbook(p, sheet=big_sheet)
        lie_about_size(p, "xl/worksheets/sheet1.xml", 1000)
        refused(tmp, p, r"inflates past|damaged", "a part declared small that inflates past 64 MB")

        p = os.path.join(tmp, "bomb-total.xlsx")
        workbook(p, extra=[(f"xl/media/pad{i}.bin", b"\0" * (60 * 1024 * 1024)) for i in range(5)])
        refused(tmp, p, r"inflates to \d+ bytes; expected at most \d+ bytes \(256 MB\) in all",
                "parts declared past 256 MB in all")

        laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{"&lol%s;" % ("" if i == 1 else i - 1) * 10}">'
                            for i in range(1, 10))
                  + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
                  '</sheetData></worksheet>')
        p = os.path.join(tmp, "laughs.xlsx")
        workbook(p, sheet=laughs)
        refused(tmp, p, r"DOCTYPE", "a billion laughs in a sheet")

        p = os.path.join(tmp, "external.xlsx")
        workbook(p, parts={"xl/sharedStrings.xml":
                           '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM '
                           '"file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>'})
        refused(tmp, p, r"DOCTYPE", "an external entity in the shared strings")

        p = os.path.join(tmp, "climb.xlsx")
        workbook(p, extra=[("../../evil.xml", "<x/>")])
        refused(tmp, p, r"points outside the workbook", "a zip entry named ../../evil.xml")

        p = os.path.join(tmp, "absolute.xlsx")
        workbook(p, extra=[("/etc/cron.d/evil", "x")])
        refused(tmp, p, r"points outside the workbook", "a zip entry with an absolute name")

        p = os.path.join(tmp, "target.xlsx")
        workbook(p, sheet_target="../../../../etc/passwd")
        refused(tmp, p, r"outside the workbook", "a relationship target out of the archive")

        p = os.path.join(tmp, "many-strings.xlsx")
        workbook(p, sst="<si><t>x</t></si>" * 1000001)
        refused(tmp, p, r"more than 1000000 shared strings", "a shared-string table of a million and one")

        p = os.path.join(tmp, "long-string.xlsx")
        workbook(p, sst="<si><t>" + "x" * 40000 + "</t></si>")
        refused(tmp, p, r"over 32767 characters", "a shared string of 40,000 characters")

        p = os.path.join(tmp, "many-cells.xlsx")
        row = "<row r='3'>" + "<c><v>1</v></c>" * 10000 + "</row>"
        cells = "".join(row.replace("r='3'", f"r='{3 + i}'") for i in range(101))
        workbook(p, sheet=SHEET.format(more=cells))
        refused(tmp, p, r"more than 1000000 cells", "a million and ten cells")

        p = os.path.join(tmp, "many-files.xlsx")
        workbook(p, extra=[(f"xl/media/f{i}.bin", "") for i in range(10001)])
        refused(tmp, p, r"holds \d+ files; expected at most 10000", "ten thousand and more files")

        p = os.path.join(tmp, "old.xlsx")
        open(p, "wb").write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\0" * 512)
        refused(tmp, p, r"97-2003 workbook \(\.xls\)", "an old .xls named .xlsx")

        p = os.path.join(tmp, "not-a-zip.xlsx")
        open(p, "w").write("ID,Actual\n")
        refused(tmp, p, r"not an \.xlsx workbook", "a text file named .xlsx")

        p = os.path.join(tmp, "latin1.csv")
        open(p, "wb").write(b"ID,Actual,Commentary\npolice-response,4:58,Caf\xe9\n")
        refused(tmp, p, r"not UTF-8", "a CSV in Windows-1252")
        check(re.search(r"latin1\.csv:2: error", subprocess.run(
            [QREPORT, "import", data, p], capture_output=True, text=True).stderr) is not None,
              "the encoding problem is reported at its line")

        p = os.path.join(tmp, "quotes.csv")
        open(p, "w").write('ID,Actual,Commentary\npolice-response,4:58,"fine"\n'
                           'fire-response,6:00,"a "quoted" word"\n')
        refused(tmp, p, r"malformed", "a CSV with a stray quote")

        p = os.path.join(tmp, "open-quote.csv")
        open(p, "w").write('ID,Actual,Commentary\npolice-response,4:58,"never closed\n')
        refused(tmp, p, r"ends inside a quoted field", "a CSV whose quote never closes")

        p = os.path.join(tmp, "huge.csv")
        with open(p, "w") as f:
            f.write("ID,Actual\n")
            f.write(("x," * 1000 + "\n") * 1001)
        refused(tmp, p, r"more than 1000000 fields", "a CSV of a million fields")
    finally:
        shutil.rmtree(tmp)
    return failed


if __name__ == "__main__":
    sys.exit(main())
