import Foundation
import Testing
@testable import Spreadsheet

@Suite("CSV parsing")
struct CSVParseTests {
    @Test func plainRowsWithLFLineEnds() throws {
        let table = try CSV.parse(Data(utf8: "企业名称,统一社会信用代码\n重庆甲公司,91500151MA6012340R\n"))
        #expect(table.rows == [["企业名称", "统一社会信用代码"], ["重庆甲公司", "91500151MA6012340R"]])
    }

    @Test func crlfAndLFGiveTheSameRows() throws {
        let lf = try CSV.parse(Data(utf8: "a,b\nc,d\n"))
        let crlf = try CSV.parse(Data(utf8: "a,b\r\nc,d\r\n"))
        #expect(lf == crlf)
        #expect(crlf.rows == [["a", "b"], ["c", "d"]])
    }

    @Test func loneCREndsARow() throws {
        #expect(try CSV.parse(Data(utf8: "a,b\rc,d")).rows == [["a", "b"], ["c", "d"]])
    }

    @Test func quotedCellsKeepCommasNewlinesAndDoubledQuotes() throws {
        let text = "名称,备注\n\"重庆, 甲公司\",\"第一行\r\n第二行\"\n\"说\"\"是\"\"\",\"\"\n"
        let table = try CSV.parse(Data(utf8: text))
        #expect(table.rows == [["名称", "备注"], ["重庆, 甲公司", "第一行\r\n第二行"], ["说\"是\"", ""]])
    }

    @Test func utf8BOMIsStripped() throws {
        let table = try CSV.parse(Data([0xEF, 0xBB, 0xBF] + Array("企业名称,代码\n".utf8)))
        #expect(table.rows == [["企业名称", "代码"]])
    }

    @Test func lastLineWithoutNewlineIsARow() throws {
        #expect(try CSV.parse(Data(utf8: "a,b\nc,d")).rows == [["a", "b"], ["c", "d"]])
    }

    @Test func trailingEmptyLinesAndEmptyRowsAreDropped() throws {
        #expect(try CSV.parse(Data(utf8: "a,b\n\n,\n\n")).rows == [["a", "b"]])
    }

    @Test func blankLineInTheMiddleIsAnEmptyRow() throws {
        #expect(try CSV.parse(Data(utf8: "a\n\nb\n")).rows == [["a"], [""], ["b"]])
    }

    @Test func raggedRowsAreKeptAsTheyAre() throws {
        #expect(try CSV.parse(Data(utf8: "a,b,c\n1\n1,2,3,4\n")).rows == [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]])
    }

    @Test func trailingCommaGivesAnEmptyLastCell() throws {
        #expect(try CSV.parse(Data(utf8: "a,b,")).rows == [["a", "b", ""]])
        #expect(try CSV.parse(Data(utf8: "a,b,\n")).rows == [["a", "b", ""]])
    }

    @Test func strayQuotesAreReadLikeExcelDoes() throws {
        #expect(try CSV.parse(Data(utf8: "ab\"c,\"x\"y\n")).rows == [["ab\"c", "xy"]])
    }

    @Test func emptyInputIsEmpty() {
        #expect(throws: SpreadsheetError.empty) { try CSV.parse(Data()) }
        #expect(throws: SpreadsheetError.empty) { try CSV.parse(Data([0xEF, 0xBB, 0xBF])) }
        #expect(throws: SpreadsheetError.empty) { try CSV.parse(Data(utf8: "\r\n\n")) }
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() throws {
        let error = try #require(throws: SpreadsheetError.self) {
            try CSV.parse(Data(utf8: "名称,备注\n甲,乙\n丙,\"没有结束\n的引号\n"))
        }
        guard case .malformed = error else {
            Issue.record("expected .malformed, got \(error)")
            return
        }
        #expect(error.description.contains("第 3 行"))
        #expect(error.description.contains("line 3"))
    }

    @Test func gbkBytesFromChineseExcelAreDecoded() throws {
        // "企业名称,统一社会信用代码\n" as GB18030, the encoding Chinese Excel uses for plain "CSV".
        let gbk: [UInt8] = [
            0xC6, 0xF3, 0xD2, 0xB5, 0xC3, 0xFB, 0xB3, 0xC6, 0x2C,
            0xCD, 0xB3, 0xD2, 0xBB, 0xC9, 0xE7, 0xBB, 0xE1, 0xD0, 0xC5, 0xD3, 0xC3, 0xB4, 0xFA, 0xC2, 0xEB, 0x0A,
        ]
        #expect(try CSV.parse(Data(gbk)).rows == [["企业名称", "统一社会信用代码"]])
    }

    @Test func bytesThatAreNeitherUTF8NorGB18030NameTheFirstBadLine() {
        // A lone GB18030 lead byte at the end cannot be completed.
        #expect(throws: SpreadsheetError.invalidEncoding(line: 2)) {
            try CSV.parse(Data(Array("abc\n".utf8) + [0x81]))
        }
    }

    @Test func mostlyUTF8WithADamagedByteIsNotDecodedAsGBK() {
        // Decoding this as GB18030 "succeeds" with mojibake; it must be reported instead.
        let bytes = Array("企业名称,代码\n重庆甲公司,1\n".utf8) + [0xFF] + Array("乙,2\n".utf8)
        #expect(throws: SpreadsheetError.invalidEncoding(line: 3)) { try CSV.parse(Data(bytes)) }
    }

    @Test func invalidEncodingMessageAsksForCSVUTF8InBothLanguages() {
        let message = SpreadsheetError.invalidEncoding(line: 4).description
        #expect(message.hasPrefix("第 4 行"))
        #expect(message.contains("CSV UTF-8"))
        #expect(message.contains("line 4"))
    }

    @Test func utf16TextIsRefusedWithAnEncodingError() {
        #expect(throws: SpreadsheetError.invalidEncoding(line: 1)) {
            try CSV.parse(Data([0xFF, 0xFE, 0x41, 0x00]))
        }
    }
}
