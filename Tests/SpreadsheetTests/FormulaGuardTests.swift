import Foundation
import Testing
@testable import Spreadsheet

/// Exports never hand a formula to whoever opens them (issue 19, item 5).
@Suite("Formula injection")
struct FormulaGuardTests {
    static let risky = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "-", "=1"]
    static let safe = ["-12.50", "0", "1500.25", "重庆示例", "a=b", "", "'quoted", "—"]

    @Test func onlyFormulaStartsAreRisky() {
        for cell in Self.risky { #expect(FormulaGuard.isRisky(cell), "\(cell)") }
        for cell in Self.safe { #expect(!FormulaGuard.isRisky(cell), "\(cell)") }
    }

    @Test func csvCellsGetAnApostropheAndComeBack() {
        let data = CSV.write(SheetTable(rows: [Self.risky, Self.safe]), bom: false)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",'+1+cmd|' /C calc'!A0,'-2+3,'@SUM(A1),'\tTAB,\"'\rCR\",'-,'=1\r\n"))
        #expect(text.hasSuffix("-12.50,0,1500.25,重庆示例,a=b,,'quoted,—\r\n"), "numbers and plain text untouched")
        for cell in Self.risky + Self.safe { #expect(FormulaGuard.restored(FormulaGuard.neutralised(cell)) == cell, "\(cell)") }
        #expect(FormulaGuard.restored("'quoted") == "'quoted", "an apostrophe the guard did not add stays")
    }

    @Test func rawCSVWhenAskedFor() {
        let data = CSV.write(SheetTable(rows: [["=1"]]), bom: false, neutralise: false)
        #expect(String(decoding: data, as: UTF8.self) == "=1\r\n")
    }

    @Test func xlsxCellsAreQuotedTextWithTheirValueUnchanged() throws {
        let table = SheetTable(rows: [["名称", "金额"], ["=1+1", "-3.5"], ["@cmd", "正常"]])
        let data = try XLSX.write(table)
        let zip = try ZIPReader(bytes: [UInt8](data))
        let sheet = String(decoding: try #require(try zip.contents(of: "xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheet.contains(#"<c r="A2" s="4" t="inlineStr"><is><t>=1+1</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B2"><v>-3.5</v></c>"#), "a negative number stays a number")
        #expect(sheet.contains(#"<c r="A3" s="4" t="inlineStr">"#) && sheet.contains(#"<c r="B3" s="2" t="inlineStr">"#))
        #expect(!sheet.contains("<f>"), "no formula element anywhere")
        let styles = String(decoding: try #require(try zip.contents(of: "xl/styles.xml")), as: UTF8.self)
        #expect(styles.contains(#"<cellXfs count="5">"#) && styles.contains(#"quotePrefix="1""#))
        #expect(try XLSX.read(data).rows == table.rows, "the values read back unchanged")
    }

    @Test func streamedWorkbooksAreGuardedToo() throws {
        let writer = try XLSXStreamWriter(sheetName: "导出", header: ["名称"], textColumns: [], sample: [["=cmd"]])
        try writer.append([["=cmd"], ["+x"]])
        var bytes = writer.drain()
        bytes += try writer.finish()
        let table = try XLSX.read(Data(bytes))
        #expect(table.rows == [["名称"], ["=cmd"], ["+x"]])
        let zip = try ZIPReader(bytes: bytes)
        let sheet = String(decoding: try #require(try zip.contents(of: "xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheet.contains(#"<c r="A2" s="4" t="inlineStr">"#) && sheet.contains(#"<c r="A3" s="4" t="inlineStr">"#))
    }
}
