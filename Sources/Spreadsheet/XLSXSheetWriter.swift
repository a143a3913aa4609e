/// Writes one worksheet part straight into bytes: at 100,000 rows a String-based builder would
/// spend most of its time copying.
enum XLSXSheetWriter {
    static let maximumCellLength = 32_767

    static func sheetXML(_ table: SheetTable, name: String) throws(SpreadsheetError) -> [UInt8] {
        let rows = table.rows
        let width = rows.reduce(0) { max($0, $1.count) }
        guard rows.count <= CellReference.maximumRows, width <= CellReference.maximumColumns else {
            throw .malformed(
                "工作表“\(name)”超过 Excel 的上限（1,048,576 行、16,384 列）",
                "sheet \"\(name)\" exceeds Excel's limits of 1,048,576 rows and 16,384 columns"
            )
        }
        let columns = (0..<width).map { Array(CellReference.columnName($0).utf8) }

        var out: [UInt8] = []
        out.reserveCapacity(estimatedSize(rows))
        var dimension = "A1"
        if width > 0, !rows.isEmpty, rows.count > 1 || width > 1 {
            dimension += ":" + String(decoding: columns[width - 1], as: UTF8.self) + String(rows.count)
        }
        appendPrologue(dimension: dimension, widthSample: rows, width: width, textColumns: table.textColumns, to: &out)
        for (rowIndex, row) in rows.enumerated() {
            try appendRow(row, index: rowIndex, columns: columns, textColumns: table.textColumns, sheetName: name, to: &out)
        }
        out.append(contentsOf: "</sheetData>".utf8)
        appendValidations(table.listValidations, to: &out)
        out.append(contentsOf: "</worksheet>".utf8)
        return out
    }

    /// Everything before the first row: the declaration, the frozen header row, the column widths
    /// (from `widthSample`), and the opening of the sheet data. `dimension` nil leaves it out, as a
    /// streamed sheet must: it does not know its last row yet.
    static func appendPrologue(dimension: String?, widthSample: [[String]], width: Int, textColumns: Set<Int>, to out: inout [UInt8]) {
        out.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.utf8)
        out.append(0x0A)
        out.append(contentsOf: #"<worksheet xmlns="\#(XLSXPackageParts.mainNamespace)" xmlns:r="\#(XLSXPackageParts.relationshipNamespace)">"#.utf8)
        if let dimension { out.append(contentsOf: #"<dimension ref="\#(dimension)"/>"#.utf8) }
        out.append(contentsOf: #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#.utf8)
        out.append(contentsOf: #"<sheetFormatPr defaultRowHeight="15"/>"#.utf8)
        appendColumnWidths(widthSample, width: width, textColumns: textColumns, to: &out)
        out.append(contentsOf: "<sheetData>".utf8)
    }

    /// One row (`index` 0 is the header, bold); an empty row writes nothing. Plain numbers are
    /// numbers unless their column is text; everything else is an inline string.
    static func appendRow(_ row: [String], index rowIndex: Int, columns: [[UInt8]], textColumns: Set<Int>, sheetName name: String,
                          to out: inout [UInt8]) throws(SpreadsheetError) {
        guard row.contains(where: { !$0.isEmpty }) else { return }
        var rowNumber: [UInt8] = []
        appendDecimal(rowIndex + 1, to: &rowNumber)
        let isHeader = rowIndex == 0
        out.append(contentsOf: #"<row r=""#.utf8)
        out.append(contentsOf: rowNumber)
        out.append(contentsOf: #"">"#.utf8)
        for (column, cell) in row.enumerated() where !cell.isEmpty && column < columns.count {
            out.append(contentsOf: #"<c r=""#.utf8)
            out.append(contentsOf: columns[column])
            out.append(contentsOf: rowNumber)
            if ExcelNumber.isPlainNumber(cell), !textColumns.contains(column) {
                let style = isHeader ? XLSXPackageParts.headerStyle : needsIntegerFormat(cell) ? XLSXPackageParts.integerStyle : 0
                if style != 0 {
                    out.append(contentsOf: #"" s=""#.utf8)
                    appendDecimal(style, to: &out)
                }
                out.append(contentsOf: #""><v>"#.utf8)
                out.append(contentsOf: cell.utf8)
                out.append(contentsOf: "</v></c>".utf8)
            } else {
                if cell.utf8.count > maximumCellLength, cell.utf16.count > maximumCellLength {
                    let reference = String(decoding: columns[column] + rowNumber, as: UTF8.self)
                    throw .malformed(
                        "工作表“\(name)”的单元格 \(reference) 超过 Excel 的 32,767 个字符上限",
                        "cell \(reference) of sheet \"\(name)\" is longer than Excel's limit of 32,767 characters"
                    )
                }
                out.append(contentsOf: #"" s=""#.utf8)
                appendDecimal(isHeader ? XLSXPackageParts.headerStyle
                              : FormulaGuard.isRisky(cell) ? XLSXPackageParts.quotedTextStyle : XLSXPackageParts.textStyle, to: &out)
                out.append(contentsOf: #"" t="inlineStr"><is><t"#.utf8)
                if hasOuterWhitespace(cell) { out.append(contentsOf: #" xml:space="preserve""#.utf8) }
                out.append(UInt8(ascii: ">"))
                XMLEscaping.appendEscaped(cell, to: &out)
                out.append(contentsOf: "</t></is></c>".utf8)
            }
        }
        out.append(contentsOf: "</row>".utf8)
    }

    /// Drop-downs that still accept other values (a warning, not a stop), so a name the list lacks
    /// is caught by the import's own check with a clear message rather than by Excel.
    private static func appendValidations(_ validations: [ListValidation], to out: inout [UInt8]) {
        guard !validations.isEmpty else { return }
        out.append(contentsOf: #"<dataValidations count=""#.utf8)
        appendDecimal(validations.count, to: &out)
        out.append(contentsOf: #"">"#.utf8)
        for v in validations {
            let column = CellReference.columnName(v.column)
            out.append(contentsOf: #"<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" sqref=""#.utf8)
            out.append(contentsOf: "\(column)2:\(column)\(max(2, v.lastRow))".utf8)
            out.append(contentsOf: #""><formula1>"#.utf8)
            XMLEscaping.appendEscaped(v.formula, to: &out)
            out.append(contentsOf: "</formula1></dataValidation>".utf8)
        }
        out.append(contentsOf: "</dataValidations>".utf8)
    }

    /// Excel's General format shows integers past 11 digits in scientific notation.
    private static func needsIntegerFormat(_ cell: String) -> Bool {
        let utf8 = cell.utf8
        return utf8.count > 11 && !utf8.contains(UInt8(ascii: "."))
    }

    private static func hasOuterWhitespace(_ cell: String) -> Bool {
        guard let first = cell.utf8.first, let last = cell.utf8.last else { return false }
        return XMLScanner.isSpace(first) || XMLScanner.isSpace(last)
    }

    /// Widths from the first 1,000 rows, CJK characters counting double, between 8 and 60.
    /// Text columns also carry the "@" style, so that what is typed into them later stays text.
    static func appendColumnWidths(_ rows: [[String]], width: Int, textColumns: Set<Int>, to out: inout [UInt8]) {
        guard width > 0 else { return }
        var widths = [Int](repeating: 0, count: width)
        for row in rows.prefix(1000) {
            for (column, cell) in row.enumerated() where !cell.isEmpty {
                var w = 0
                for scalar in cell.unicodeScalars {
                    w += scalar.value >= 0x1100 ? 2 : 1
                    if w > 60 { break }
                }
                widths[column] = max(widths[column], w)
            }
        }
        out.append(contentsOf: "<cols>".utf8)
        for (index, w) in widths.enumerated() {
            let units = min(60, max(8, w + 2))
            out.append(contentsOf: #"<col min=""#.utf8)
            appendDecimal(index + 1, to: &out)
            out.append(contentsOf: #"" max=""#.utf8)
            appendDecimal(index + 1, to: &out)
            out.append(contentsOf: #"" width=""#.utf8)
            appendDecimal(units, to: &out)
            if textColumns.contains(index) {
                out.append(contentsOf: #"" style=""#.utf8)
                appendDecimal(XLSXPackageParts.textStyle, to: &out)
            }
            out.append(contentsOf: #"" customWidth="1"/>"#.utf8)
        }
        out.append(contentsOf: "</cols>".utf8)
    }

    private static func estimatedSize(_ rows: [[String]]) -> Int {
        let sample = rows.prefix(100)
        let bytes = sample.reduce(0) { sum, row in sum + row.reduce(16) { $0 + $1.utf8.count + 48 } }
        return 1024 + bytes * rows.count / max(1, sample.count)
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = max(0, value)
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
