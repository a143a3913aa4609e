/// Cells a spreadsheet program would take for a formula (OWASP "CSV injection", issue 19,
/// item 5): text from users — a firm's name, a bank account, a purpose — that begins with `=`,
/// `+`, `-`, `@`, a tab or a carriage return could run as a formula in whoever opens an export.
/// Plain numbers ("-12.50") are numbers, not formulas, and stay as they are.
///
/// CSV has no cell types, so a risky cell is written with a leading apostrophe, which Excel and
/// WPS show as text; our importers drop that apostrophe again (`restored`), so an export read
/// back in gives the value that was exported. XLSX cells are inline strings with Excel's
/// `quotePrefix` style: the value is unchanged and stays text even when someone edits the cell.
public enum FormulaGuard {
    static let triggers: [UInt8] = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    public static func isRisky(_ cell: String) -> Bool {
        guard let first = cell.utf8.first, triggers.contains(first) else { return false }
        return !ExcelNumber.isPlainNumber(cell)
    }

    /// The cell as a CSV file should carry it.
    public static func neutralised(_ cell: String) -> String { isRisky(cell) ? "'" + cell : cell }

    /// The value behind a neutralised cell: the apostrophe is dropped only where `neutralised`
    /// would have added it.
    public static func restored(_ cell: String) -> String {
        guard cell.utf8.first == UInt8(ascii: "'") else { return cell }
        let rest = String(cell.dropFirst())
        return isRisky(rest) ? rest : cell
    }
}
