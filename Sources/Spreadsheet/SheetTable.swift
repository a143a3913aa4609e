/// A table of cell strings. Row 0 is usually the header.
///
/// Rows may be ragged when they come from CSV; the caller decides whether that is an error.
/// From XLSX, `rows[i]` is always spreadsheet row `i + 1`, so row numbers in error messages match Excel.
public struct SheetTable: Sendable, Equatable {
    public var rows: [[String]]

    public init(rows: [[String]]) {
        self.rows = rows
    }
}

public enum SpreadsheetFormat: String, Sendable {
    case csv
    case xlsx
}
