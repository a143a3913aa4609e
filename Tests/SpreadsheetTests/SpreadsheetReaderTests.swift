import Foundation
import Testing
@testable import Spreadsheet

@Suite("Format detection")
struct SpreadsheetReaderTests {
    @Test func emptyDataIsEmpty() {
        #expect(throws: SpreadsheetError.empty) { try SpreadsheetReader.read(Data()) }
    }

    @Test func textIsReadAsCSV() throws {
        let (format, table) = try SpreadsheetReader.read(Data(utf8: "企业名称,代码\n甲,1\n"))
        #expect(format == .csv)
        #expect(table.rows == [["企业名称", "代码"], ["甲", "1"]])
    }

    @Test func zipMagicIsReadAsXLSX() throws {
        let data = try XLSX.write(SheetTable(rows: [["企业名称"], ["甲"]]))
        let (format, table) = try SpreadsheetReader.read(data)
        #expect(format == .xlsx)
        #expect(table.rows == [["企业名称"], ["甲"]])
    }

    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "PNG"),
        (Array("%PDF-1.7\n".utf8), "PDF"),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], "JPEG"),
        (Array("GIF89a".utf8), "GIF"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], ".xls"),
    ] as [([UInt8], String)])
    func knownBinaryFormatsAreNamed(bytes: [UInt8], name: String) throws {
        let error = try #require(throws: SpreadsheetError.self) { try SpreadsheetReader.read(Data(bytes)) }
        guard case .notASpreadsheet(let seen) = error else {
            Issue.record("expected .notASpreadsheet, got \(error)")
            return
        }
        #expect(seen.contains(name))
        #expect(error.description.hasPrefix("不是"))
    }

    @Test func nulBytesMeanBinary() throws {
        let error = try #require(throws: SpreadsheetError.self) {
            try SpreadsheetReader.read(Data([0x61, 0x2C, 0x00, 0x62, 0x0A]))
        }
        guard case .notASpreadsheet(let seen) = error else {
            Issue.record("expected .notASpreadsheet, got \(error)")
            return
        }
        #expect(seen.contains("NUL"))
    }

    @Test func manyControlCharactersMeanBinaryButOneDoesNot() throws {
        let binary = Data((0..<64).map { UInt8(1 + $0 % 8) } + Array("a,b\n".utf8))
        #expect(throws: SpreadsheetError.self) { try SpreadsheetReader.read(binary) }
        let text = try SpreadsheetReader.read(Data(utf8: "名称,备注\n甲,含\u{0B}垂直制表符\n"))
        #expect(text.1.rows[1] == ["甲", "含\u{0B}垂直制表符"])
    }

    @Test func xlsbIsNamed() throws {
        var zip = TestZip()
        zip.add("[Content_Types].xml", "<Types/>")
        zip.add("_rels/.rels", #"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#)
        zip.add("xl/workbook.bin", "binary")
        let error = try #require(throws: SpreadsheetError.self) { try SpreadsheetReader.read(zip.data) }
        #expect(error.description.contains(".xlsb"))
    }

    @Test func htmlSavedAsXLSIsNotASpreadsheet() throws {
        let error = try #require(throws: SpreadsheetError.self) {
            try SpreadsheetReader.read(Data(utf8: "  <html><body><table><tr><td>1</td></tr></table></body></html>"))
        }
        guard case .notASpreadsheet(let seen) = error else {
            Issue.record("expected .notASpreadsheet, got \(error)")
            return
        }
        #expect(seen.contains("HTML"))
    }

    @Test func utf16TextAsksForUTF8() {
        #expect(throws: SpreadsheetError.invalidEncoding(line: 1)) {
            try SpreadsheetReader.read(Data([0xFF, 0xFE, 0x41, 0x00, 0x2C, 0x00]))
        }
    }

    @Test func descriptionsPutChineseFirst() {
        #expect(SpreadsheetError.empty.description == "文件为空 / the file is empty")
        let malformed = SpreadsheetError.malformed("缺少 xl/workbook.xml", "missing xl/workbook.xml").description
        #expect(malformed == "表格文件结构有误：缺少 xl/workbook.xml / malformed spreadsheet: missing xl/workbook.xml")
    }
}

@Suite("Hostile input never crashes")
struct FuzzTests {
    @Test func randomBytesThrowOrParse() {
        var generator = SeededGenerator(state: 0x5EED)
        for index in 0..<200 {
            let length = Int.random(in: 0...2048, using: &generator)
            var bytes = generator.bytes(length)
            switch index % 4 {
            case 0: bytes = [0x50, 0x4B, 0x03, 0x04] + bytes
            case 1: bytes = bytes.map { $0 & 0x7F | 0x20 }  // printable-ish: exercises the CSV path
            default: break
            }
            do {
                _ = try SpreadsheetReader.read(Data(bytes))
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test func damagedWorkbooksThrowOrParse() throws {
        let table = SheetTable(rows: [["企业名称", "金额"], ["甲", "1.5"], ["乙", "2"]])
        let written = try [UInt8](XLSX.write(table))
        let handBuilt = TestWorkbook.zip(sheets: [TestWorkbook.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)],
                                         sharedStrings: #"<sst><si><t>甲</t></si></sst>"#).build()
        var generator = SeededGenerator(state: 0xBAD)
        for original in [written, handBuilt] {
            for _ in 0..<150 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                _ = try? SpreadsheetReader.read(Data(bytes))
            }
            for cut in stride(from: 0, to: original.count, by: max(1, original.count / 97)) {
                _ = try? SpreadsheetReader.read(Data(original[..<cut]))
            }
        }
    }
}
