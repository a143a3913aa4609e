#!/usr/bin/env python3
"""Writes the import corpus: files made by other programs, the way bureaus' files arrive.

Run from this folder: python3 make.py (needs openpyxl from PyPI and, for the re-saved files,
LibreOffice from Debian: libreoffice-calc-nogui). The files are committed; expected.json says what
each must give, and FixtureCorpusTests imports each one and compares every stored field.
"""
import datetime, os, shutil, subprocess, tempfile, zipfile, zlib
import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def uscc(body17):
    """GB 32100-2015: the check character for a 17-character body."""
    s = sum(CHARS.index(c) * w for c, w in zip(body17, WEIGHTS))
    return body17 + CHARS[(31 - s % 31) % 31]

A = "91500151MA6012340R"          # seeded in the base state (注销, with every field)
B = uscc("91500151MA601235X")
C = uscc("91500151MA601236X")
NUMERIC = uscc("91500151625355000")  # all digits: Excel keeps it only as a rounded number

ENTERPRISE_HEADER = ["统一社会信用代码", "企业名称", "成立日期", "镇街代码", "行业代码", "产业链", "经营状态", "中小企业"]
FISCAL_HEADER = ["统一社会信用代码", "年度", "职工总数", "科技人员数", "研发人员数", "销售收入（元）", "研发费用（元）", "净利润（元）"]

def text_codes(ws, columns):
    for col in columns:
        for cell in ws[col]:
            cell.number_format = "@"

def full_enterprises(path, date1904=False):
    wb = openpyxl.Workbook()
    if date1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "企业名录"
    ws.append(ENTERPRISE_HEADER)
    ws.append([B, "重庆乙科技有限公司", datetime.date(2018, 3, 9), "500151001", "C3841", "CH-EV;CH-MAT", "存续", "是"])
    ws.append([C, "重庆丙材料有限公司", datetime.date(2020, 12, 31), "500151002", "C2651", "CH-MAT", "迁出", "否"])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "yyyy-mm-dd"
    text_codes(ws, "ADE")
    ws.freeze_panes = "A2"
    wb.save(path)

def excel_layout(path):
    """As Excel and WPS templates come: a hidden first sheet of drop-down lists, shared strings."""
    wb = openpyxl.Workbook()
    lists = wb.active
    lists.title = "下拉列表"
    for v in ["存续", "迁出", "注销"]:
        lists.append([v])
    lists.sheet_state = "hidden"
    ws = wb.create_sheet("企业名录")
    ws.append(ENTERPRISE_HEADER)
    ws.append([B, "  重庆乙科技有限公司  ", "2018/3/9", "500151001", "C3841", "CH-EV；CH-MAT", "存续", "是"])
    text_codes(ws, "ADE")
    wb.save(path)

def gbk_csv(path, encoding, name):
    rows = [ENTERPRISE_HEADER, [B, name, "2018-03-09", "500151001", "C3841", "CH-EV", "存续", "是"]]
    with open(path, "wb") as f:
        f.write("\r\n".join(",".join(r) for r in rows).encode(encoding) + b"\r\n")

def bom_fiscal(path):
    rows = [FISCAL_HEADER, [A, "2022", "100", "20", "10", "70000000", "3000000.50", "-12.5"]]
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + "\n".join(",".join(r) for r in rows).encode("utf-8") + b"\n")

def merged_town(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["统一社会信用代码", "企业名称", "镇街代码", "经营状态"])
    ws.append([B, "重庆乙科技有限公司", "500151002", "存续"])
    ws.append([C, "重庆丙材料有限公司", None, "迁出"])
    ws.append([A, "重庆示例储能科技有限公司", None, "注销"])
    ws.merge_cells("C2:C4")
    text_codes(ws, "AC")
    wb.save(path)

def merged(path, header, row, merge):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    ws.append(row)
    ws.merge_cells(merge)
    text_codes(ws, "ACD")
    wb.save(path)

def merged_header(path):
    merged(path, ["统一社会信用代码", "企业名称", "镇街代码", None], [B, "重庆乙科技有限公司", "500151002", "x"], "C1:D1")

def merged_across(path):
    merged(path, ["统一社会信用代码", "企业名称", "镇街代码", "行业代码"], [B, "重庆乙科技有限公司", "500151002", None], "C2:D2")

def numeric_uscc(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["统一社会信用代码", "企业名称"])
    ws.append([float(NUMERIC), "重庆数字代码有限公司"])
    wb.save(path)

def partial_enterprises(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["统一社会信用代码", "企业名称"])
    ws.append([A, "重庆示例储能股份有限公司"])
    text_codes(ws, "A")
    wb.save(path)

def partial_fiscal(path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("统一社会信用代码,年度,研发费用（元）\r\n")
        f.write(f"{A},2023,5100000\r\n")

def clearing(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("统一社会信用代码,企业名称,行业代码,中小企业,产业链\n")
        f.write(f"{A},重庆示例储能科技有限公司,清空,,清空\n")

def formulas(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(FISCAL_HEADER)
    ws.append([A, 2022, 100, 20, "=C2/10", "=7*10000000", "=1000000*4.2", "=-1-0.5"])
    text_codes(ws, "A")
    wb.save(path)

def control_char(path):
    with open(path, "wb") as f:
        f.write(("统一社会信用代码,企业名称\n" + B + ",重庆乙\x1b科技有限公司\n").encode("utf-8"))

def status_revive(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"统一社会信用代码,企业名称,经营状态\n{A},重庆示例储能科技有限公司,存续\n")

def bomb(path, inflated_mib=400):
    """A valid workbook whose one sheet inflates to hundreds of MiB from a few hundred KiB."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    head = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = b"</sheetData></worksheet>"
    block = row * ((1 << 20) // len(row))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head)
            for _ in range(inflated_mib):
                sheet.write(block)
            sheet.write(tail)

def lying_bomb(path, inflated_mib=400):
    """As bomb(), but the ZIP directory claims the sheet is 1,000 bytes: only a check made while
    inflating stops it."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    block = row * ((1 << 20) // len(row))
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = deflate.compress(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    for _ in range(inflated_mib):
        data += deflate.compress(block)
    data += deflate.compress(b"</sheetData></worksheet>") + deflate.flush()
    tmp = path + ".tmp"
    bomb(tmp, inflated_mib=1)
    with zipfile.ZipFile(tmp) as z, open(path, "wb") as out:
        import struct
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist() if i.filename != "xl/worksheets/sheet1.xml"]
        central, offset = b"", 0
        def entry(name, payload, method, crc, size):
            nonlocal central, offset
            n = name.encode()
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(payload), size, len(n), 0) + n + payload)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(payload), size, len(n), 0, 0, 0, 0, 0, offset) + n
            offset += 30 + len(n) + len(payload)
        for name, payload in parts:
            entry(name, payload, 0, zlib.crc32(payload), len(payload))
        entry("xl/worksheets/sheet1.xml", data, 8, 0, 1000)
        out.write(central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts) + 1, len(parts) + 1, len(central), offset, 0))
    os.remove(tmp)

def stray_cell(path):
    """A few thousand rows and one stray cell far to the right: padded, millions of cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["统一社会信用代码", "企业名称"])
    for i in range(4000):
        ws.append([B, f"企业{i}"])
    ws.cell(row=2, column=1000, value="x")
    wb.save(path)

def libreoffice_resave(source, target):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([office, "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, source],
                       check=True, capture_output=True)
        shutil.move(os.path.join(out, os.path.splitext(os.path.basename(source))[0] + ".xlsx"), target)

if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    full_enterprises("openpyxl-enterprises.xlsx")
    full_enterprises("openpyxl-date1904.xlsx", date1904=True)
    excel_layout("excel-layout-hidden-lists.xlsx")
    gbk_csv("gbk-crlf.csv", "gbk", "重庆乙科技有限公司")
    gbk_csv("gb18030-crlf.csv", "gb18030", "重庆𠮷乙科技有限公司")
    bom_fiscal("utf8-bom-fiscal.csv")
    merged_town("merged-town-down.xlsx")
    merged_header("merged-header.xlsx")
    merged_across("merged-across-data.xlsx")
    numeric_uscc("numeric-uscc.xlsx")
    partial_enterprises("partial-enterprises.xlsx")
    partial_fiscal("partial-fiscal.csv")
    clearing("clearing-words.csv")
    formulas("formulas-openpyxl-uncomputed.xlsx")
    control_char("control-char.csv")
    status_revive("status-revive.csv")
    stray_cell("stray-cell-wide.xlsx")
    bomb("bomb-400mib.xlsx")
    lying_bomb("bomb-lying-size.xlsx")
    libreoffice_resave("openpyxl-enterprises.xlsx", "libreoffice-resaved-enterprises.xlsx")
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "formulas-libreoffice.xlsx")
        shutil.copy("formulas-openpyxl-uncomputed.xlsx", source)
        libreoffice_resave(source, "formulas-libreoffice-computed.xlsx")
    print("B =", B, "C =", C, "NUMERIC =", NUMERIC)
