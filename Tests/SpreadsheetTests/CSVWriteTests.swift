import Foundation
import Testing
@testable import Spreadsheet

@Suite("CSV writing")
struct CSVWriteTests {
    @Test func writesBOMAndCRLF() {
        let data = CSV.write(SheetTable(rows: [["企业名称", "代码"], ["甲", "1"]]))
        #expect(Array(data) == [0xEF, 0xBB, 0xBF] + Array("企业名称,代码\r\n甲,1\r\n".utf8))
    }

    @Test func bomCanBeLeftOut() {
        let data = CSV.write(SheetTable(rows: [["a"]]), bom: false)
        #expect(Array(data) == Array("a\r\n".utf8))
    }

    @Test func quotesOnlyTheCellsThatNeedIt() {
        let row = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "trail ", "中文"]
        let data = CSV.write(SheetTable(rows: [row]), bom: false)
        let expected = "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\" lead\",\"trail \",中文\r\n"
        #expect(String(decoding: data, as: UTF8.self) == expected)
    }

    @Test func firstCellStartingWithIDIsQuotedWithoutBOM() {
        // Excel mistakes a file starting with "ID" for SYLK.
        let data = CSV.write(SheetTable(rows: [["ID", "名称"]]), bom: false)
        #expect(String(decoding: data, as: UTF8.self) == "\"ID\",名称\r\n")
    }

    @Test func chineseTextRoundTrips() throws {
        let table = SheetTable(rows: [
            ["统一社会信用代码", "企业名称", "注册地址", "备注"],
            ["91500151MA6012340R", "重庆科创有限公司", "重庆市沙坪坝区, 大学城", "含\"引号\"\r\n和换行"],
            ["0012", "", " 前后空格 ", "😀 emoji"],
        ])
        #expect(try CSV.parse(CSV.write(table)) == table)
        #expect(try CSV.parse(CSV.write(table, bom: false)) == table)
    }
}
