import Foundation
import Kernel
import Registry
import Spreadsheet

/// Reads typed values out of one spreadsheet row, collecting a problem for each bad cell
/// instead of stopping at the first, so the report lists everything at once.
struct ImportRowReader {
    let rowNumber: Int
    let cells: [String]
    /// Column key → (index in `cells`, header as written).
    let columns: [String: (index: Int, header: String)]
    /// The row's number flags (`SheetTable.numericMask`): which cells Excel stored as numbers.
    var numeric: [UInt64] = []
    var problems: [ImportProblem] = []

    func has(_ key: String) -> Bool { columns[key] != nil }

    /// The trimmed cell, or nil when the column is absent or the cell empty.
    func raw(_ key: String) -> String? {
        guard let c = columns[key], c.index < cells.count else { return nil }
        return ImportRowReader.trimmed(cells[c.index])
    }

    /// Trims spaces, tabs, line breaks and full-width spaces; nil when nothing is left. Most cells
    /// need no trimming, and Foundation's `trimmingCharacters` dominated import time, so the
    /// common case returns the cell untouched. A cell our own CSV export guarded against formulas
    /// ("'=…") reads back as the value that was exported.
    static func trimmed(_ cell: String) -> String? {
        guard let first = cell.unicodeScalars.first, let last = cell.unicodeScalars.last else { return nil }
        if !isSpace(first) && !isSpace(last) { return first == "'" ? FormulaGuard.restored(cell) : cell }
        let scalars = cell.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) }) else { return nil }
        return FormulaGuard.restored(String(scalars[start...end]))
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{3000}" || s == "\u{A0}"
    }

    mutating func fail(_ key: String, _ value: String, _ reason: String) {
        problems.append(ImportProblem(row: rowNumber, column: columns[key]?.header ?? key, value: value, reason: reason))
    }

    mutating func required(_ key: String) -> String? {
        guard let v = raw(key) else {
            fail(key, "", "必填项为空 / required cell is empty")
            return nil
        }
        return v
    }

    mutating func uscc(_ key: String) -> USCC? {
        guard let v = required(key), textCode(key, v) else { return nil }
        do { return try USCC(v) } catch { fail(key, v, error.description); return nil }
    }

    /// A code (town, industry) read as text; nil when absent, empty or stored as a number.
    mutating func code(_ key: String) -> String? {
        guard let v = raw(key), textCode(key, v) else { return nil }
        return v
    }

    /// Codes are text: a code that Excel stored as a number (or that a CSV carries in Excel's
    /// scientific form, 9.15001E+17) has lost its leading zeros or its last digits, and a rounded
    /// USCC can still pass its check digit as another firm's code. Refused with its own message.
    private mutating func textCode(_ key: String, _ v: String) -> Bool {
        guard let c = columns[key] else { return true }
        let scientific = v.contains(where: { $0 == "E" || $0 == "e" }) && Double(v) != nil && v.contains(".")
        guard SheetTable.bitIsSet(numeric, c.index) || scientific else { return true }
        fail(key, v, "\(c.header)须为文本：Excel 已将其存为数字 \(v)，请将该列设为文本后重新录入"
             + " / a code must be text: Excel stored it as the number \(v); format the column as Text and enter the codes again")
        return false
    }

    /// What the cell says about a stored field: absent column or empty cell → keep, 清空 → clear,
    /// a value → set (or keep, with the problem recorded, when `read` refuses it).
    mutating func edit<V: Sendable & Equatable>(_ key: String, _ read: (inout ImportRowReader) -> V?) -> CellEdit<V> {
        guard let v = raw(key) else { return .keep }
        if CellEdit<V>.clearWords.contains(v) { return .clear }
        return read(&self).map(CellEdit.set) ?? .keep
    }

    mutating func int(_ key: String, range: ClosedRange<Int> = 0...10_000_000) -> Int? {
        guard let v = raw(key) else { return nil }
        // Spreadsheets sometimes store whole numbers as "120.0".
        let text = v.hasSuffix(".0") ? String(v.dropLast(2)) : v
        guard let n = Int(text) else { fail(key, v, "不是整数 / not a whole number"); return nil }
        guard range.contains(n) else {
            fail(key, v, n < range.lowerBound ? "不能小于 \(range.lowerBound) / must be >= \(range.lowerBound)"
                                              : "不能大于 \(range.upperBound) / must be <= \(range.upperBound)")
            return nil
        }
        return n
    }

    mutating func money(_ key: String, allowNegative: Bool = false) -> Money? {
        guard let v = raw(key) else { return nil }
        do {
            let m = try Money(yuanText: v)
            if m.fen < 0 && !allowNegative { fail(key, v, "金额不能为负数 / must be >= 0"); return nil }
            return m
        } catch { fail(key, v, error.description); return nil }
    }

    mutating func date(_ key: String) -> LocalDate? {
        guard let v = raw(key) else { return nil }
        // Accept the forms Chinese spreadsheets produce: 2016-04-12, 2016/4/12, 2016.4.12.
        let parts = v.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
           parts[0].count == 4, let date = LocalDate(year: y, month: m, day: d) {
            return date
        }
        fail(key, v, "不是日期（应为 YYYY-MM-DD）/ not a date (YYYY-MM-DD)")
        return nil
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let v = raw(key) else { return nil }
        switch v.lowercased() {
        case "是", "y", "yes", "true", "1": return true
        case "否", "n", "no", "false", "0": return false
        default: fail(key, v, "应为 是 或 否 / expected yes or no"); return nil
        }
    }

    mutating func oneOf<E: RawRepresentable & CaseIterable>(_ key: String, labels: (E) -> [String]) -> E? where E.RawValue == String {
        guard let v = raw(key) else { return nil }
        if let e = E(rawValue: v) { return e }
        if let e = E.allCases.first(where: { labels($0).contains(v) }) { return e }
        let allowed = E.allCases.map { labels($0).first ?? $0.rawValue }.joined(separator: "、")
        fail(key, v, "应为以下之一 / must be one of: \(allowed)")
        return nil
    }
}
