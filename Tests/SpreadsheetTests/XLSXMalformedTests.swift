import Foundation
import Testing
@testable import Spreadsheet

@Suite("XLSX structural errors")
struct XLSXMalformedTests {
    static let sheet = TestWorkbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row>"#)

    @Test func zipWithoutWorkbookNamesTheMissingPart() throws {
        let data = TestWorkbook.zip(sheets: [Self.sheet], omit: ["xl/workbook.xml"]).data
        let message = try malformedMessage { _ = try XLSX.read(data) }
        #expect(message.contains("xl/workbook.xml"))
    }

    @Test func missingWorksheetNamesThePart() throws {
        let data = TestWorkbook.zip(sheets: [Self.sheet], omit: ["xl/worksheets/sheet1.xml"]).data
        #expect(try malformedMessage { _ = try XLSX.read(data) }.contains("xl/worksheets/sheet1.xml"))
    }

    @Test func missingWorkbookRelationshipsNamesThePart() throws {
        let data = TestWorkbook.zip(sheets: [Self.sheet], omit: ["xl/_rels/workbook.xml.rels"]).data
        #expect(try malformedMessage { _ = try XLSX.read(data) }.contains("xl/_rels/workbook.xml.rels"))
    }

    @Test func truncatedSheetXMLIsMalformed() throws {
        let data = TestWorkbook.zip(sheets: [String(Self.sheet.prefix(90))]).data
        _ = try malformedMessage { _ = try XLSX.read(data) }
    }

    @Test func sharedStringIndexOutOfRangeNamesTheCell() throws {
        let sheet = TestWorkbook.sheet(#"<row r="7"><c r="C7" t="s"><v>5</v></c></row>"#)
        let data = TestWorkbook.zip(sheets: [sheet], sharedStrings: "<sst><si><t>甲</t></si></sst>").data
        #expect(try malformedMessage { _ = try XLSX.read(data) }.contains("C7"))
    }

    @Test func truncatedZipThrowsAtEveryLength() throws {
        let bytes = try [UInt8](XLSX.write(SheetTable(rows: [["企业名称", "代码"], ["甲", "91500151MA6012340R"]])))
        for length in 0..<bytes.count {
            #expect(throws: SpreadsheetError.self) { try XLSX.read(Data(bytes[..<length])) }
        }
    }

    @Test func damagedDataFailsTheCRCCheck() throws {
        var bytes = TestWorkbook.zip(sheets: [Self.sheet]).build()
        let marker = Array("甲".utf8)
        let index = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        bytes[index] = Array("乙".utf8)[0]
        bytes[index + 1] = Array("乙".utf8)[1]
        bytes[index + 2] = Array("乙".utf8)[2]
        #expect(try malformedMessage { _ = try XLSX.read(Data(bytes)) }.contains("CRC"))
    }

    @Test func hostileZIP64OffsetIsRejectedNotTrapped() {
        // ZIPFoundation 0.9.20's Archive traps ("Not enough bits") iterating this entry.
        var zip = TestZip()
        zip.add("xl/workbook.xml", "<workbook/>")
        zip.entries[0].localHeaderOffset = 0xFFFF_FFFF
        zip.entries[0].centralExtra = zip.le16(1) + zip.le16(8) + [0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: SpreadsheetError.self) { try XLSX.read(zip.data) }
    }

    @Test func deflateStreamThatNeverEndsIsRejectedNotLoopedOn() throws {
        // A stored deflate block claiming 65,535 bytes: ZIPFoundation 0.9.20's Archive.extract spins forever.
        var zip = TestZip()
        zip.entries.append(TestZip.Entry(name: "xl/workbook.xml", bytes: [0x00, 0xFF, 0xFF, 0x00, 0x00, 0x41, 0x42], method: 8, uncompressedSize: 100))
        let message = try malformedMessage { _ = try XLSX.read(zip.data) }
        #expect(message.contains("xl/workbook.xml"))
    }

    @Test func deflatedPartsWrittenByOthersAreRead() throws {
        // A final stored deflate block: valid deflate that is easy to make by hand.
        let sheet = Array(Self.sheet.utf8)
        let length = UInt16(sheet.count)
        var zip = TestWorkbook.zip(sheets: [Self.sheet])
        let index = try #require(zip.entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" })
        zip.entries[index].bytes = [0x01] + zip.le16(length) + zip.le16(~length) + sheet
        zip.entries[index].method = 8
        zip.entries[index].uncompressedSize = UInt32(sheet.count)
        zip.entries[index].crc = TestZip.crc32(sheet)
        #expect(try XLSX.read(zip.data).rows == [["甲"]])
    }

    @Test func otherOfficeDocumentsAreNotSpreadsheets() throws {
        var docx = TestZip()
        docx.add("[Content_Types].xml", "<Types/>")
        docx.add("word/document.xml", "<document/>")
        let error = try #require(throws: SpreadsheetError.self) { try SpreadsheetReader.read(docx.data) }
        guard case .notASpreadsheet(let seen) = error else {
            Issue.record("expected .notASpreadsheet, got \(error)")
            return
        }
        #expect(seen.contains("Word"))
    }

    @Test func notAZipAtAll() throws {
        _ = try malformedMessage { _ = try XLSX.read(Data(utf8: "PK\u{3}\u{4} but nothing else")) }
    }

    private func malformedMessage(_ body: () throws -> Void) throws -> String {
        let error = try #require(throws: SpreadsheetError.self) { try body() }
        guard case .malformed(let message) = error else {
            Issue.record("expected .malformed, got \(error)")
            return ""
        }
        return message
    }
}
