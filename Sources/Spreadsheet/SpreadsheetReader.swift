import Foundation

/// Entry point for uploads: decides CSV or XLSX from the bytes, never from the file name.
public enum SpreadsheetReader {
    /// Detects the format and reads the first sheet.
    ///
    /// ZIP magic → XLSX. PNG, JPEG, GIF, PDF, old .xls (OLE2), archives, HTML/XML pages, and bytes with
    /// NUL or many control characters → `.notASpreadsheet` saying what was seen. UTF-16 text (Excel's
    /// "Unicode text") → `.invalidEncoding(line: 1)`. Everything else → CSV.
    public static func read(_ data: Data, limits: XLSXLimits = .standard) throws(SpreadsheetError) -> (SpreadsheetFormat, SheetTable) {
        guard !data.isEmpty else { throw .empty }
        let head = [UInt8](data.prefix(16))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return (.xlsx, try XLSX.read(data, limits: limits))
        }
        if let seen = FileSignature.binaryKind(of: head) {
            throw .notASpreadsheet(seen)
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw .invalidEncoding(line: 1)
        }
        if let seen = FileSignature.markupKind(of: data) {
            throw .notASpreadsheet(seen)
        }
        let bytes = [UInt8](data)
        // Text never holds NUL; binary files almost always do.
        if bytes.contains(0) {
            throw .notASpreadsheet("二进制数据（含 NUL 字节）", "binary data (contains NUL bytes)")
        }
        if FileSignature.looksBinary(bytes) {
            throw .notASpreadsheet("二进制数据（大量控制字符）", "binary data (many control characters)")
        }
        return (.csv, try CSV.parse(bytes: bytes))
    }
}

enum FileSignature {
    /// What a binary upload is, for the error message; nil when nothing known matches.
    static func binaryKind(of head: [UInt8]) -> String? {
        let known: [(magic: [UInt8], zh: String, en: String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "PNG 图片", "a PNG image"),
            ([0xFF, 0xD8, 0xFF], "JPEG 图片", "a JPEG image"),
            (Array("GIF8".utf8), "GIF 图片", "a GIF image"),
            (Array("%PDF".utf8), "PDF 文档", "a PDF document"),
            (
                [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
                "旧版 Excel 97-2003（.xls）或加密的工作簿，请在 Excel 中另存为 .xlsx 或 CSV UTF-8",
                "an old Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx or CSV UTF-8"
            ),
            ([0x1F, 0x8B], "gzip 压缩文件", "a gzip archive"),
            (Array("Rar!".utf8), "RAR 压缩文件", "a RAR archive"),
            ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7z 压缩文件", "a 7z archive"),
        ]
        for entry in known where head.starts(with: entry.magic) {
            return SpreadsheetError.bilingual(entry.zh, entry.en)
        }
        return nil
    }

    /// Random or compressed bytes without NUL would otherwise "decode" as GB18030 into a garbage table;
    /// real CSV has next to no control characters besides tab, CR and LF.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(65_536)
        var controls = 0
        for b in sample where (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F {
            controls += 1
        }
        return controls >= 8 && controls * 100 > sample.count
    }

    /// Web pages and XML saved with an .xls name are common in government systems' "Excel" exports.
    static func markupKind(of data: Data) -> String? {
        var head = [UInt8](data.prefix(256))
        if TextEncoding.hasUTF8BOM(head) { head.removeFirst(3) }
        let text = String(decoding: head, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .lowercased()
        if text.hasPrefix("<!doctype html") || text.hasPrefix("<html") {
            return SpreadsheetError.bilingual("HTML 网页", "an HTML page")
        }
        if text.hasPrefix("<?xml") {
            return SpreadsheetError.bilingual(
                "XML 文件（可能是 Excel 2003 XML 表格），请另存为 .xlsx",
                "an XML file (perhaps an Excel 2003 XML spreadsheet); save it as .xlsx"
            )
        }
        return nil
    }
}
