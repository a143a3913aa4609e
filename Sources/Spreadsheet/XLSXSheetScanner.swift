/// Turns a worksheet part (`<sheetData><row><c r="A1" s="1" t="s"><v>0</v></c>…`) into rows of strings.
///
/// One pass, no tree: names are compared as bytes and only cell values become Strings, which keeps a
/// 100,000-row sheet well under a few seconds.
struct XLSXSheetScanner {
    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    private var scanner: XMLScanner
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool
    private let limits: XLSXLimits

    /// Per row, the columns whose cells were numbers (see `SheetTable.numericMask`).
    private(set) var numericMask: [[UInt64]] = []
    /// `<mergeCell ref="…"/>` ranges, read after the sheet data.
    private(set) var merges: [CellRange] = []

    // Row being built.
    private var output: [[String]] = []
    private var row: [String] = []
    private var rowNumeric: [UInt64] = []
    private var rowIndex = -1
    private var inRow = false
    private var nextColumn = 0
    private var width = 0

    // Cell being read.
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = -1
    private var cellHasFormula = false
    private var inInlineString = false
    private var phoneticDepth = 0
    private var collecting = false
    private var segments: [(range: Range<Int>, cdata: Bool)] = []

    init(scanner: XMLScanner, sharedStrings: [String], dateStyles: [Bool], date1904: Bool, limits: XLSXLimits = .standard) {
        self.scanner = scanner
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.limits = limits
    }

    mutating func rows() throws(SpreadsheetError) -> [[String]] {
        try skipToSheetData()
        scan: while true {
            switch try scanner.next() {
            case .eof:
                throw .malformed("\(scanner.part) 不完整（缺少 </sheetData>）", "\(scanner.part) is truncated (no </sheetData>)")
            case .start(let tag):
                try startElement(tag)
            case .end(let nameStart, let nameEnd):
                if try endElement(nameStart, nameEnd) { break scan }
            case .text(let range):
                if collecting { segments.append((range, false)) }
            case .cdata(let range):
                if collecting { segments.append((range, true)) }
            }
        }
        if inRow { try commitRow() }
        try readMerges()
        while let last = output.last, last.isEmpty { output.removeLast() }
        if numericMask.count > output.count { numericMask.removeLast(numericMask.count - output.count) }
        for index in output.indices where output[index].count < width {
            output[index].append(contentsOf: repeatElement("", count: width - output[index].count))
        }
        return output
    }

    /// Merged ranges follow `</sheetData>`; a reference that is not a range is ignored, as Excel does.
    private mutating func readMerges() throws(SpreadsheetError) {
        // What follows the data is read only for these; a damaged tail loses nothing of the data.
        while let event = try? scanner.next() {
            switch event {
            case .eof:
                return
            case .start(let tag) where scanner.isNamed(tag, XMLName.mergeCell):
                var cursor = tag.attributesStart
                while let attribute = scanner.nextAttribute(of: tag, cursor: &cursor) {
                    guard !attribute.hasPrefix, scanner.matches(XMLName.ref, attribute.nameStart, attribute.nameEnd) else { continue }
                    if let range = Self.range(scanner.bytes, attribute.valueStart, attribute.valueEnd) {
                        guard merges.count < limits.cells else {
                            throw .tooLarge("合并单元格区域过多", "too many merged ranges")
                        }
                        merges.append(range)
                    }
                }
            default:
                continue
            }
        }
    }

    private static func range(_ bytes: [UInt8], _ start: Int, _ end: Int) -> CellRange? {
        guard let colon = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")),
              let first = CellReference.parse(bytes, start, colon),
              let last = CellReference.parse(bytes, colon + 1, end) else { return nil }
        return CellRange(firstRow: min(first.row, last.row), firstColumn: min(first.column, last.column),
                         lastRow: max(first.row, last.row), lastColumn: max(first.column, last.column))
    }

    private func beyond(_ what: String, _ limit: Int, _ en: String) -> SpreadsheetError {
        .tooLarge("\(scanner.part) 的\(what)超过 \(limit)", "\(scanner.part) has more \(en) than \(limit)")
    }

    private mutating func skipToSheetData() throws(SpreadsheetError) {
        while true {
            switch try scanner.next() {
            case .eof:
                throw .malformed("\(scanner.part) 中没有 <sheetData>", "\(scanner.part) has no <sheetData>")
            case .start(let tag) where scanner.isNamed(tag, XMLName.sheetData):
                if tag.isSelfClosing { throw .empty }
                return
            default:
                continue
            }
        }
    }

    private mutating func startElement(_ tag: XMLScanner.Tag) throws(SpreadsheetError) {
        let length = tag.nameEnd - tag.nameStart
        let first = scanner.bytes[tag.nameStart]
        switch (length, first) {
        case (1, UInt8(ascii: "c")):
            guard inRow else { return }
            startCell(tag)
            if tag.isSelfClosing { nextColumn = cellColumn + 1 }
        case (1, UInt8(ascii: "v")):
            if !tag.isSelfClosing { collecting = true }
        case (1, UInt8(ascii: "f")):
            if inRow { cellHasFormula = true }
        case (1, UInt8(ascii: "t")):
            if inInlineString, phoneticDepth == 0, !tag.isSelfClosing { collecting = true }
        case (2, UInt8(ascii: "i")) where scanner.isNamed(tag, XMLName.is):
            inInlineString = !tag.isSelfClosing
        case (3, UInt8(ascii: "r")) where scanner.isNamed(tag, XMLName.row):
            if inRow { try commitRow() }
            try startRow(tag)
            if tag.isSelfClosing { try commitRow() }
        case (3, UInt8(ascii: "r")) where scanner.isNamed(tag, XMLName.rPh):
            if !tag.isSelfClosing { phoneticDepth += 1 }
        default:
            return
        }
    }

    /// Returns true at `</sheetData>`.
    private mutating func endElement(_ nameStart: Int, _ nameEnd: Int) throws(SpreadsheetError) -> Bool {
        let length = nameEnd - nameStart
        guard length > 0 else { return false }
        let first = scanner.bytes[nameStart]
        switch (length, first) {
        case (1, UInt8(ascii: "c")):
            guard inRow else { return false }
            try finishCell()
        case (1, UInt8(ascii: "v")), (1, UInt8(ascii: "t")):
            collecting = false
        case (2, UInt8(ascii: "i")) where scanner.matches(XMLName.is, nameStart, nameEnd):
            inInlineString = false
        case (3, UInt8(ascii: "r")) where scanner.matches(XMLName.row, nameStart, nameEnd):
            if inRow { try commitRow() }
        case (3, UInt8(ascii: "r")) where scanner.matches(XMLName.rPh, nameStart, nameEnd):
            phoneticDepth = max(0, phoneticDepth - 1)
        case (9, UInt8(ascii: "s")) where scanner.matches(XMLName.sheetData, nameStart, nameEnd):
            return true
        default:
            break
        }
        return false
    }

    // MARK: - Rows

    private mutating func startRow(_ tag: XMLScanner.Tag) throws(SpreadsheetError) {
        var number: Int?
        var cursor = tag.attributesStart
        while let attribute = scanner.nextAttribute(of: tag, cursor: &cursor) {
            if !attribute.hasPrefix, scanner.matches(XMLName.r, attribute.nameStart, attribute.nameEnd) {
                number = CellReference.parseRowNumber(scanner.bytes, attribute.valueStart, attribute.valueEnd)
                break
            }
        }
        let index = number.map { $0 - 1 } ?? rowIndex + 1
        guard index < CellReference.maximumRows else {
            throw .malformed("\(scanner.part) 的行数超过 Excel 上限", "\(scanner.part) has more rows than Excel allows")
        }
        guard index < limits.rows else { throw beyond("行数", limits.rows, "rows") }
        rowIndex = index
        row = []
        rowNumeric = []
        row.reserveCapacity(width)
        nextColumn = 0
        inRow = true
    }

    private mutating func commitRow() throws(SpreadsheetError) {
        inRow = false
        width = max(width, row.count)
        // Every row is padded to the widest, so this is what the table will hold.
        let (cells, overflow) = max(rowIndex + 1, output.count).multipliedReportingOverflow(by: width)
        guard !overflow, cells <= limits.cells else { throw beyond("单元格数（行数 × 列数）", limits.cells, "cells (rows × columns)") }
        if rowIndex >= output.count {
            while output.count < rowIndex { output.append([]) }
            output.append(row)
        } else {
            // Rows out of order or repeated: merge rather than lose cells.
            for (column, value) in row.enumerated() where !value.isEmpty {
                Self.place(value, at: column, in: &output[rowIndex])
            }
        }
        if !rowNumeric.isEmpty {
            while numericMask.count <= rowIndex { numericMask.append([]) }
            for (word, bits) in rowNumeric.enumerated() where bits != 0 {
                if word >= numericMask[rowIndex].count {
                    numericMask[rowIndex].append(contentsOf: repeatElement(0, count: word - numericMask[rowIndex].count + 1))
                }
                numericMask[rowIndex][word] |= bits
            }
        }
        row = []
        rowNumeric = []
    }

    private static func place(_ value: String, at column: Int, in row: inout [String]) {
        if column < row.count {
            row[column] = value
        } else {
            if column > row.count { row.append(contentsOf: repeatElement("", count: column - row.count)) }
            row.append(value)
        }
    }

    // MARK: - Cells

    private mutating func startCell(_ tag: XMLScanner.Tag) {
        cellColumn = nextColumn
        cellType = .number
        cellStyle = -1
        cellHasFormula = false
        inInlineString = false
        phoneticDepth = 0
        collecting = false
        segments.removeAll(keepingCapacity: true)
        let bytes = scanner.bytes
        var cursor = tag.attributesStart
        while let attribute = scanner.nextAttribute(of: tag, cursor: &cursor) {
            guard !attribute.hasPrefix, attribute.nameEnd - attribute.nameStart == 1 else { continue }
            switch bytes[attribute.nameStart] {
            case UInt8(ascii: "r"):
                if let column = CellReference.parseColumn(bytes, attribute.valueStart, attribute.valueEnd) {
                    cellColumn = column
                }
            case UInt8(ascii: "s"):
                cellStyle = Self.parseSmallInt(bytes, attribute.valueStart, attribute.valueEnd) ?? -1
            case UInt8(ascii: "t"):
                cellType = Self.cellType(bytes, attribute.valueStart, attribute.valueEnd)
            default:
                continue
            }
        }
    }

    private mutating func finishCell() throws(SpreadsheetError) {
        collecting = false
        nextColumn = cellColumn + 1
        guard !segments.isEmpty else {
            // A formula saved without its result (openpyxl and other generators write these):
            // reading it as empty would silently keep or drop a value. An empty text result
            // (t="str", `<v></v>`) is a real empty cell.
            if cellHasFormula, cellType == .number {
                let reference = CellReference.columnName(cellColumn) + String(rowIndex + 1)
                throw .malformed("单元格 \(reference) 的公式没有计算结果，请在 Excel 或 WPS 中打开、保存后重新导入",
                                 "the formula in cell \(reference) has no computed value; open and save the file in Excel or WPS, then import it again")
            }
            return
        }
        guard cellColumn < limits.columns else { throw beyond("列数", limits.columns, "columns") }
        let (value, isNumber) = try cellValue()
        if !value.isEmpty {
            Self.place(value, at: cellColumn, in: &row)
            if isNumber { SheetTable.setBit(&rowNumeric, cellColumn) }
        }
    }

    /// The cell as shown, and whether Excel stored it as a number (a date is not one).
    private func cellValue() throws(SpreadsheetError) -> (String, Bool) {
        switch cellType {
        case .number:
            let raw = numberText()
            guard !raw.isEmpty else { return ("", false) }
            if cellStyle >= 0, cellStyle < dateStyles.count, dateStyles[cellStyle],
               let date = ExcelDate.isoDate(serial: raw, date1904: date1904) {
                return (date, false)
            }
            return (ExcelNumber.normalised(raw), true)
        default:
            return (try textValue(), false)
        }
    }

    private func textValue() throws(SpreadsheetError) -> String {
        switch cellType {
        case .sharedString:
            guard segments.count == 1, !segments[0].cdata,
                  let index = Self.parseSmallInt(scanner.bytes, segments[0].range.lowerBound, segments[0].range.upperBound)
            else {
                return try sharedString(at: Int(text(excelEscapes: false).trimmingSpaces()))
            }
            return try sharedString(at: index)
        case .inlineString, .formulaString:
            return text(excelEscapes: true)
        case .boolean:
            let raw = text(excelEscapes: false).trimmingSpaces()
            return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : String(raw)
        case .error, .isoDate, .number:
            return text(excelEscapes: false)
        }
    }

    /// Numbers rarely hold entities, so the common case trims bytes instead of Characters.
    private func numberText() -> String {
        guard segments.count == 1, !segments[0].cdata else {
            return String(text(excelEscapes: false).trimmingSpaces())
        }
        let bytes = scanner.bytes
        var start = segments[0].range.lowerBound
        var end = segments[0].range.upperBound
        while start < end, XMLScanner.isSpace(bytes[start]) { start += 1 }
        while end > start, XMLScanner.isSpace(bytes[end - 1]) { end -= 1 }
        if bytes[start..<end].contains(UInt8(ascii: "&")) {
            return String(text(excelEscapes: false).trimmingSpaces())
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func sharedString(at index: Int?) throws(SpreadsheetError) -> String {
        guard let index, index >= 0, index < sharedStrings.count else {
            let reference = CellReference.columnName(cellColumn) + String(rowIndex + 1)
            throw .malformed(
                "单元格 \(reference) 引用的共享字符串不存在",
                "cell \(reference) refers to a shared string that does not exist"
            )
        }
        return sharedStrings[index]
    }

    private func text(excelEscapes: Bool) -> String {
        if segments.count == 1 {
            return XMLEscaping.decode(scanner.bytes, segments[0].range, cdata: segments[0].cdata, excelEscapes: excelEscapes)
        }
        var out: [UInt8] = []
        for segment in segments {
            XMLEscaping.decode(scanner.bytes, segment.range, cdata: segment.cdata, into: &out)
        }
        if excelEscapes, out.contains(UInt8(ascii: "_")) { out = XMLEscaping.decodeExcelEscapes(out) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func cellType(_ bytes: [UInt8], _ start: Int, _ end: Int) -> CellType {
        switch end - start {
        case 1:
            switch bytes[start] {
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return .number
            }
        case 3 where bytes[start] == UInt8(ascii: "s"):
            return .formulaString
        case 9 where bytes[start] == UInt8(ascii: "i"):
            return .inlineString
        default:
            return .number
        }
    }

    /// Digits only (spaces around allowed), capped so hostile input cannot overflow.
    private static func parseSmallInt(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        var e = end
        while i < e, XMLScanner.isSpace(bytes[i]) { i += 1 }
        while e > i, XMLScanner.isSpace(bytes[e - 1]) { e -= 1 }
        guard i < e, e - i <= 12 else { return nil }
        var value = 0
        while i < e {
            let b = bytes[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            i += 1
        }
        return value
    }
}
