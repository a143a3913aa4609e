import Foundation
import Testing
@testable import Spreadsheet

@Suite("XLSX write then read")
struct XLSXRoundTripTests {
    static let enterprises = SheetTable(rows: [
        ["统一社会信用代码", "企业名称", "注册资本（万元）", "从业人数", "邮政编码", "备注"],
        ["91500151MA6012340R", "重庆科创有限公司", "1500.25", "120", "400000", "R&D <核心> \"团队\" 'A'"],
        ["915001070000000001", "重庆乙公司", "-3.5", "0", "0012", ""],
        ["91500107MA00000003", "", "", "7", "", "中间有空单元格"],
    ])

    @Test func tableComesBackUnchanged() throws {
        let read = try XLSX.read(XLSX.write(Self.enterprises, sheetName: "企业名录"))
        #expect(read.rows == Self.enterprises.rows)
        #expect(read.merges.isEmpty)
    }

    @Test func uSCCAndCodesStayTextAndNumbersAreNumbers() throws {
        let sheet = try part("xl/worksheets/sheet1.xml", of: XLSX.write(Self.enterprises))
        #expect(sheet.contains(#"<c r="A2" s="2" t="inlineStr"><is><t>91500151MA6012340R</t></is></c>"#))
        #expect(sheet.contains(#"<c r="A3" s="2" t="inlineStr"><is><t>915001070000000001</t></is></c>"#))
        #expect(sheet.contains(#"<c r="E3" s="2" t="inlineStr"><is><t>0012</t></is></c>"#))
        #expect(sheet.contains(#"<c r="C2"><v>1500.25</v></c>"#))
        #expect(sheet.contains(#"<c r="D3"><v>0</v></c>"#))
        #expect(sheet.contains(#"<c r="C3"><v>-3.5</v></c>"#))
        #expect(!sheet.contains(#"r="B4""#), "empty cells are not written")
    }

    @Test func headerIsBoldAndFrozen() throws {
        let data = try XLSX.write(Self.enterprises)
        let sheet = try part("xl/worksheets/sheet1.xml", of: data)
        #expect(sheet.contains(#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#))
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>统一社会信用代码</t></is></c>"#))
        let styles = try part("xl/styles.xml", of: data)
        #expect(styles.contains("<b/>"))
        #expect(styles.contains(#"<xf numFmtId="0" fontId="1""#))
    }

    @Test func xmlSpecialCharactersAreEscaped() throws {
        let sheet = try part("xl/worksheets/sheet1.xml", of: XLSX.write(Self.enterprises))
        #expect(sheet.contains("R&amp;D &lt;核心&gt; &quot;团队&quot; &apos;A&apos;"))
    }

    @Test func whitespaceLineBreaksAndExcelEscapeLookalikesSurvive() throws {
        let table = SheetTable(rows: [["头"], ["  两边空格  "], ["第一行\n第二行"], ["回车\r\n换行"], ["_x0041_ 不是 A"], ["tab\there"]])
        #expect(try XLSX.read(XLSX.write(table)) == table)
    }

    @Test func charactersIllegalInXMLAreDropped() throws {
        let table = SheetTable(rows: [["a\u{01}b\u{1F}c\u{FFFE}d"]])
        #expect(try XLSX.read(XLSX.write(table)).rows == [["abcd"]])
    }

    @Test func readReturnsTheFirstOfThreeSheets() throws {
        let data = try XLSX.write(sheets: [
            (name: "企业", table: SheetTable(rows: [["第一张"]])),
            (name: "项目", table: SheetTable(rows: [["第二张"]])),
            (name: "人员", table: SheetTable(rows: [["第三张"]])),
        ])
        #expect(try XLSX.read(data).rows == [["第一张"]])
        let workbook = try part("xl/workbook.xml", of: data)
        #expect(workbook.contains(#"<sheet name="企业" sheetId="1" r:id="rId1"/>"#))
        #expect(workbook.contains(#"<sheet name="人员" sheetId="3" r:id="rId3"/>"#))
    }

    @Test func longIntegersGetAFormatThatIsNotScientific() throws {
        let sheet = try part("xl/worksheets/sheet1.xml", of: XLSX.write(SheetTable(rows: [["金额"], ["123456789012345"]])))
        #expect(sheet.contains(#"<c r="A2" s="3"><v>123456789012345</v></c>"#))
    }

    @Test func raggedRowsComeBackPaddedToTheWidestRow() throws {
        let table = SheetTable(rows: [["a", "b", "c"], ["1"], [], ["x", "", "z"]])
        #expect(try XLSX.read(XLSX.write(table)).rows == [["a", "b", "c"], ["1", "", ""], ["", "", ""], ["x", "", "z"]])
    }

    @Test func emptyTableWritesAValidWorkbookThatReadsAsEmpty() throws {
        let data = try XLSX.write(SheetTable(rows: []))
        #expect(throws: SpreadsheetError.empty) { try XLSX.read(data) }
    }

    @Test func noSheetsIsEmpty() {
        #expect(throws: SpreadsheetError.empty) { try XLSX.write(sheets: []) }
    }

    @Test func overlongCellIsReportedWithItsReference() throws {
        let error = try #require(throws: SpreadsheetError.self) {
            try XLSX.write(SheetTable(rows: [["备注"], [String(repeating: "长", count: 32_768)]]))
        }
        #expect(error.description.contains("A2"))
    }

    private func part(_ path: String, of data: Data) throws -> String {
        let zip = try ZIPReader(bytes: [UInt8](data))
        let bytes = try #require(try zip.contents(of: path))
        return String(decoding: bytes, as: UTF8.self)
    }
}
