import Foundation
import ZIPFoundation

extension XLSX {
    /// A one-sheet workbook; see `write(sheets:)`.
    public static func write(_ table: SheetTable, sheetName: String = "Sheet1") throws(SpreadsheetError) -> Data {
        try write(sheets: [(name: sheetName, table: table)])
    }

    /// A minimal workbook Excel, WPS and LibreOffice open without repair.
    ///
    /// - Plain decimal numbers (no leading zeros, at most 15 significant digits) are stored as numbers;
    ///   everything else, an 18-character USCC or a code like "0012" included, as text in a text-formatted
    ///   cell, so Excel neither rounds it nor converts it when someone edits it.
    /// - Row 1 is bold and frozen; column widths follow the content (CJK counted double).
    /// - Characters XML 1.0 cannot hold (control characters other than tab, CR, LF) are dropped.
    /// - Sheet names are made valid: `[]:*?/\` become "_", at most 31 characters, unique ignoring case,
    ///   an empty name becomes "SheetN".
    /// - Throws: `.empty` with no sheets; `.malformed` when a table exceeds Excel's limits
    ///   (1,048,576 rows, 16,384 columns, 32,767 characters in a cell).
    public static func write(sheets: [(name: String, table: SheetTable)]) throws(SpreadsheetError) -> Data {
        guard !sheets.isEmpty else { throw .empty }
        let names = XLSXSheetName.sanitised(sheets.map(\.name))
        var parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", XLSXPackageParts.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", XLSXPackageParts.rootRelationships),
            ("xl/workbook.xml", XLSXPackageParts.workbook(sheetNames: names, hidden: Set(sheets.indices.filter { sheets[$0].table.hidden }))),
            ("xl/_rels/workbook.xml.rels", XLSXPackageParts.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", XLSXPackageParts.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", try XLSXSheetWriter.sheetXML(sheet.table, name: names[index])))
        }
        return try zip(parts)
    }

    private static func zip(_ parts: [(path: String, bytes: [UInt8])]) throws(SpreadsheetError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let bytes = part.bytes
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                    compressionMethod: .deflate, bufferSize: 1 << 20,
                    provider: { position, size in
                        let start = min(bytes.count, max(0, Int(position)))
                        return Data(bytes[start..<min(bytes.count, start + size)])
                    }
                )
            }
            guard let data = archive.data else {
                throw SpreadsheetError.malformed("无法生成 XLSX 文件", "could not build the XLSX file")
            }
            return data
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw .malformed("无法生成 XLSX 文件（\(error)）", "could not build the XLSX file (\(error))")
        }
    }
}

enum XLSXSheetName {
    /// Excel refuses a workbook whose sheet names break its rules, so names are repaired, not rejected.
    static func sanitised(_ names: [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for (index, name) in names.enumerated() {
            var clean = String(name.map { "[]:*?/\\".contains($0) || $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true ? "_" : $0 })
            clean = clean.trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespaces))
            clean = truncated(clean, to: 31)
            if clean.isEmpty { clean = "Sheet\(index + 1)" }
            var candidate = clean
            var counter = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(counter))"
                candidate = truncated(clean, to: 31 - suffix.utf16.count) + suffix
                counter += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    /// Excel counts UTF-16 units; whole characters are kept so no surrogate pair is cut.
    private static func truncated(_ text: String, to limit: Int) -> String {
        var result = ""
        var units = 0
        for character in text {
            let count = character.utf16.count
            guard units + count <= limit else { break }
            result.append(character)
            units += count
        }
        return result
    }
}
