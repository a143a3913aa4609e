/// A1-style references. Limits are Excel's, so a hostile reference like "ZZZZZZ1" cannot make us
/// allocate a row with millions of cells.
enum CellReference {
    static let maximumRows = 1_048_576
    static let maximumColumns = 16_384

    /// Zero-based (row, column) of a reference like "C7"; nil when it is not a valid reference.
    static func parse(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (row: Int, column: Int)? {
        var i = start
        var column = 0
        while i < end {
            let b = bytes[i] | 0x20
            guard b >= UInt8(ascii: "a"), b <= UInt8(ascii: "z") else { break }
            column = column * 26 + Int(b - UInt8(ascii: "a")) + 1
            guard column <= maximumColumns else { return nil }
            i += 1
        }
        guard column > 0, let row = parseRowNumber(bytes, i, end) else { return nil }
        return (row - 1, column - 1)
    }

    /// The column of a reference; the row is ignored (the enclosing `<row>` already says it).
    static func parseColumn(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        var column = 0
        while i < end {
            let b = bytes[i] | 0x20
            guard b >= UInt8(ascii: "a"), b <= UInt8(ascii: "z") else { break }
            column = column * 26 + Int(b - UInt8(ascii: "a")) + 1
            guard column <= maximumColumns else { return nil }
            i += 1
        }
        return column > 0 ? column - 1 : nil
    }

    /// A 1-based row number within Excel's limit.
    static func parseRowNumber(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var value = 0
        var i = start
        guard i < end else { return nil }
        while i < end {
            let b = bytes[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            guard value <= maximumRows else { return nil }
            i += 1
        }
        return value >= 1 ? value : nil
    }

    /// "A", "B", …, "Z", "AA", … for a zero-based column.
    static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [UInt8] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}
