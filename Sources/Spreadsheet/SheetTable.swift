/// A table of cell strings. Row 0 is usually the header.
///
/// Rows may be ragged when they come from CSV; the caller decides whether that is an error.
/// From XLSX, `rows[i]` is always spreadsheet row `i + 1`, so row numbers in error messages match Excel.
public struct SheetTable: Sendable, Equatable {
    public var rows: [[String]]
    /// Which cells Excel stored as numbers (XLSX only): `numericMask[row]` holds one bit per column,
    /// 64 columns a word; a row with no numeric cell has no words. A code column (USCC, town,
    /// industry) must be text: a number of 16 or more digits has already lost its last digits.
    public var numericMask: [[UInt64]]
    /// Merged ranges as the sheet declares them (XLSX only); only the top-left cell holds a value.
    public var merges: [CellRange]
    /// Columns a writer must keep as text ("@" in Excel), so that codes typed in later stay text.
    public var textColumns: Set<Int>
    /// Drop-down lists a writer attaches to columns below the header (Excel's data validation).
    public var listValidations: [ListValidation] = []
    /// Written as a hidden sheet (lists that drop-downs draw on); readers skip hidden sheets.
    public var hidden = false

    public init(rows: [[String]], numericMask: [[UInt64]] = [], merges: [CellRange] = [], textColumns: Set<Int> = []) {
        self.rows = rows
        self.numericMask = numericMask
        self.merges = merges
        self.textColumns = textColumns
    }

    /// Whether Excel stored the cell at zero-based `row`, `column` as a number.
    public func isNumeric(row: Int, column: Int) -> Bool {
        guard row >= 0, row < numericMask.count else { return false }
        return Self.bitIsSet(numericMask[row], column)
    }

    /// Whether `column`'s bit is set in one row of `numericMask`.
    public static func bitIsSet(_ words: [UInt64], _ column: Int) -> Bool {
        let word = column >> 6
        guard column >= 0, word < words.count else { return false }
        return words[word] & (1 << UInt64(column & 63)) != 0
    }

    static func setBit(_ words: inout [UInt64], _ column: Int) {
        let word = column >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        words[word] |= 1 << UInt64(column & 63)
    }
}

/// A drop-down on one column, rows 2 to `lastRow`: `formula` is what Excel's data validation
/// takes, a quoted list (`"\"是,否\""`) or a range on another sheet (`'选项'!$A$2:$A$29`).
public struct ListValidation: Sendable, Hashable {
    public var column: Int
    public var formula: String
    public var lastRow: Int
    public init(column: Int, formula: String, lastRow: Int = 10_000) {
        self.column = column; self.formula = formula; self.lastRow = lastRow
    }
}

/// A rectangular range of cells, zero-based and inclusive, as in a `<mergeCell ref="A2:A10"/>`.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow; self.firstColumn = firstColumn; self.lastRow = lastRow; self.lastColumn = lastColumn
    }

    public var spansColumns: Bool { lastColumn > firstColumn }

    /// "A2:A10" as Excel names it.
    public var description: String {
        let first = CellReference.columnName(firstColumn) + String(firstRow + 1)
        let last = CellReference.columnName(lastColumn) + String(lastRow + 1)
        return first == last ? first : "\(first):\(last)"
    }
}

extension SheetTable {
    /// A value merged down one column belongs to every row of the merge, as Excel shows it: the
    /// top cell's value (and its number flag) is copied into the cells below it. Merges that span
    /// several columns, or that reach into the first `headerRows` rows, have no single reading
    /// and are returned instead, for the caller to refuse by name.
    public func fillingColumnMerges(headerRows: Int) -> (table: SheetTable, refused: [CellRange]) {
        var out = self
        var refused: [CellRange] = []
        for range in merges.sorted(by: { ($0.firstRow, $0.firstColumn) < ($1.firstRow, $1.firstColumn) }) {
            if range.spansColumns || range.firstRow < headerRows {
                refused.append(range)
                continue
            }
            let last = min(range.lastRow, out.rows.count - 1)
            guard range.firstRow < last else { continue }
            let column = range.firstColumn
            let top = column < out.rows[range.firstRow].count ? out.rows[range.firstRow][column] : ""
            let numeric = isNumeric(row: range.firstRow, column: column)
            for row in (range.firstRow + 1)...last {
                if column >= out.rows[row].count {
                    out.rows[row].append(contentsOf: repeatElement("", count: column - out.rows[row].count + 1))
                }
                out.rows[row][column] = top
                if numeric {
                    while out.numericMask.count <= row { out.numericMask.append([]) }
                    Self.setBit(&out.numericMask[row], column)
                }
            }
        }
        return (out, refused)
    }
}

public enum SpreadsheetFormat: String, Sendable {
    case csv
    case xlsx
}
