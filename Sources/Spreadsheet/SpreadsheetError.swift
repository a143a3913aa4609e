import Foundation

/// Structural problems with an uploaded file. Messages are bilingual because they go straight to
/// bureau staff (Chinese) and to developers reading logs (English).
public enum SpreadsheetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Zero bytes, or no rows.
    case empty
    /// Not CSV or XLSX at all; the payload says what was seen, as "中文 / English".
    case notASpreadsheet(String)
    /// A CSV or XLSX whose structure is broken; the payload says where, as "中文 / English".
    case malformed(String)
    /// CSV bytes that are neither UTF-8 nor GB18030; `line` is the first line (1-based) with a bad byte.
    case invalidEncoding(line: Int)
    /// Beyond one of `XLSXLimits`; the payload says which, as "中文 / English".
    case tooLarge(String)

    public var description: String {
        switch self {
        case .empty:
            return "文件为空 / the file is empty"
        case .notASpreadsheet(let detail):
            let (zh, en) = Self.split(detail)
            return "不是 CSV 或 XLSX 表格文件：\(zh) / not a CSV or XLSX spreadsheet: \(en)"
        case .malformed(let detail):
            let (zh, en) = Self.split(detail)
            return "表格文件结构有误：\(zh) / malformed spreadsheet: \(en)"
        case .tooLarge(let detail):
            let (zh, en) = Self.split(detail)
            return "表格文件超出处理上限：\(zh) / the spreadsheet is beyond what the platform reads: \(en)"
        case .invalidEncoding(let line):
            return "第 \(line) 行的文字编码无法识别（既不是 UTF-8 也不是 GB18030），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新上传"
                + " / line \(line) is neither UTF-8 nor GB18030 text; in Excel, save as \"CSV UTF-8 (Comma delimited)\" and upload again"
        }
    }

    /// Payloads are built by `bilingual(_:_:)`; anything else (a caller's own text) is shown on both sides.
    private static func split(_ detail: String) -> (zh: String, en: String) {
        guard let range = detail.range(of: " / ") else { return (detail, detail) }
        return (String(detail[..<range.lowerBound]), String(detail[range.upperBound...]))
    }

    static func bilingual(_ zh: String, _ en: String) -> String {
        "\(zh) / \(en)"
    }

    static func malformed(_ zh: String, _ en: String) -> SpreadsheetError {
        .malformed(bilingual(zh, en))
    }

    static func notASpreadsheet(_ zh: String, _ en: String) -> SpreadsheetError {
        .notASpreadsheet(bilingual(zh, en))
    }
}
