#!/usr/bin/env python3
"""Makes the XLSX fixtures of tests/exchange/org_io_test.cc (run here; outputs committed).

foreign.xlsx: a workbook as other producers write it: x: element prefixes, shared strings with
rich-text runs and a phonetic run, inline strings, a formula string, a number in a code column,
a date serial, a DD/MM/YYYY date, an absolute sheet target and a row gap.
bad-type.xlsx: the same with an invalid type in C3. bomb.xlsx: a part that inflates to 60 MB."""
import zipfile
CT='''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'''
RELS='''<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'''
WB='''<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Đơn vị" sheetId="1" r:id="rId7"/></sheets></workbook>'''
WBRELS='''<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>'''
SST='''<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7"><si><t>ma</t></si><si><t>loai</t></si><si><t>ma_cap_tren</t></si><si><t>hieu_luc_den</t></si><si><t>79</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Thành phố </t></r><r><t>Hồ Chí Minh</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t>province</t></si><si><t>H26824</t></si></sst>'''
def sheet(row3type):
    return f'''<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>ten</x:t></x:is></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="s"><x:v>2</x:v></x:c><x:c r="E1" t="inlineStr"><x:is><x:t>hieu_luc_tu</x:t></x:is></x:c><x:c r="F1" t="s"><x:v>3</x:v></x:c></x:row>
<x:row r="2"><x:c r="A2" t="s"><x:v>4</x:v></x:c><x:c r="B2" t="s"><x:v>5</x:v></x:c><x:c r="C2" t="s"><x:v>6</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>26824</x:t></x:is></x:c><x:c r="B3" t="inlineStr"><x:is><x:r><x:t xml:space="preserve">Phường </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>Thủ Đức</x:t></x:r></x:is></x:c><x:c r="C3" t="inlineStr"><x:is><x:t>{row3type}</x:t></x:is></x:c><x:c r="D3"><x:v>79</x:v></x:c><x:c r="E3" s="1"><x:v>45839</x:v></x:c></x:row>
<x:row r="6"><x:c r="A6" t="s"><x:v>7</x:v></x:c><x:c r="B6" t="str"><x:f>"Phường Bình "&amp;"Thọ"</x:f><x:v>Phường Bình Thọ</x:v></x:c><x:c r="C6" t="inlineStr"><x:is><x:t>commune</x:t></x:is></x:c><x:c r="F6" t="inlineStr"><x:is><x:t>30/06/2025</x:t></x:is></x:c></x:row>
</x:sheetData></x:worksheet>'''
def make(name, row3type):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT); z.writestr('_rels/.rels', RELS)
        z.writestr('xl/workbook.xml', WB); z.writestr('xl/_rels/workbook.xml.rels', WBRELS)
        z.writestr('xl/sharedStrings.xml', SST); z.writestr('xl/worksheets/sheet1.xml', sheet(row3type))
make('foreign.xlsx', 'commune')
make('bad-type.xlsx', 'xa')
# zip bomb: a 60 MB workbook.xml of spaces compresses to ~60 KB
with zipfile.ZipFile('bomb.xlsx', 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr('[Content_Types].xml', CT)
    z.writestr('xl/workbook.xml', ' ' * (60 * 1024 * 1024))
