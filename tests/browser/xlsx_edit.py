#!/usr/bin/env python3
# Test support for tests/browser/consolidation.test.mjs: edits a report workbook as a user saving
# it from Excel would. Usage: xlsx_edit.py IN OUT CODE=TEXT... (CODE=#123: a number) — every report cell code (e.g.
# HCM_THU_NS.TH of form sheet 1) gets TEXT as an inline string; the address is read from the
# hidden map sheet '#baocao' (columns: form, cell code, ..., address), as tests/support/xlsx_edit.h.
import re
import sys
import zipfile
from xml.sax.saxutils import escape

src, dst, edits = sys.argv[1], sys.argv[2], dict(a.split('=', 1) for a in sys.argv[3:])
z = zipfile.ZipFile(src)
parts = {n: z.read(n) for n in z.namelist()}
wb = parts['xl/workbook.xml'].decode()
rels = parts['xl/_rels/workbook.xml.rels'].decode()
rid = re.search(r'<sheet [^>]*name="#baocao"[^>]*r:id="([^"]+)"', wb) or re.search(r'<sheet [^>]*r:id="([^"]+)"[^>]*name="#baocao"', wb)
target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid.group(1), rels) or re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid.group(1), rels)
map_part = 'xl/' + target.group(1).lstrip('/').removeprefix('xl/')
shared = []
if 'xl/sharedStrings.xml' in parts:
    shared = [re.sub(r'<[^>]+>', '', si) for si in re.findall(r'<si>(.*?)</si>', parts['xl/sharedStrings.xml'].decode(), re.S)]

def text(c):
    if 't="s"' in c.split('>', 1)[0]:
        return shared[int(re.search(r'<v>(.*?)</v>', c).group(1))]
    m = re.search(r'<t[^>]*>(.*?)</t>', c, re.S) or re.search(r'<v>(.*?)</v>', c)
    return m.group(1) if m else ''

address = {}
for row in re.findall(r'<row[^>]*>(.*?)</row>', parts[map_part].decode(), re.S):
    cells = [text(c) for c in re.findall(r'<c [^>]*?(?:/>|>.*?</c>)', row, re.S)]
    if len(cells) > 3:
        address[cells[1]] = cells[3]
sheet = 'xl/worksheets/sheet1.xml'
xml = parts[sheet].decode()
for code, value in edits.items():
    ref = address[code]
    new = ('<c r="%s"><v>%s</v></c>' % (ref, value[1:])) if value.startswith("#") else ('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(value)))
    xml, n = re.subn(r'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % ref, new, xml, count=1, flags=re.S)
    if n != 1:
        sys.exit('no cell %s (%s) in %s' % (ref, code, sheet))
    print(code, ref)
parts[sheet] = xml.encode()
with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as out:
    for n in z.namelist():
        out.writestr(n, parts[n])
