import Foundation

/// RFC 4180 CSV as Excel writes it: comma-separated, `"` quoting with `""` for a quote, CRLF or LF.
public enum CSV {
    /// Parses CSV bytes into rows of cells.
    ///
    /// - UTF-8 (a BOM is stripped); bytes that are not UTF-8 are decoded as GB18030, which is what
    ///   Chinese Excel writes when saving as plain "CSV".
    /// - A newline at the end does not make an extra row; trailing rows whose cells are all empty are dropped.
    /// - A blank line inside the file is a row with one empty cell; ragged rows are kept as they are.
    /// - Lenient where Excel is: a quote inside an unquoted cell is literal, and text after a closing
    ///   quote is appended (`"ab"c` → `abc`).
    /// - Throws: `.empty`, `.malformed` for a quote that never closes, `.invalidEncoding`.
    public static func parse(_ data: Data) throws(SpreadsheetError) -> SheetTable {
        try parse(bytes: [UInt8](data))
    }

    static func parse(bytes raw: [UInt8]) throws(SpreadsheetError) -> SheetTable {
        guard !raw.isEmpty else { throw .empty }
        let (bytes, start) = try TextEncoding.utf8Text(from: raw)
        var rows = try CSVParser.parseRows(bytes, from: start)
        while let last = rows.last, last.allSatisfy(\.isEmpty) {
            rows.removeLast()
        }
        guard !rows.isEmpty else { throw .empty }
        return SheetTable(rows: rows)
    }
}

enum CSVParser {
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// `bytes[start...]` must be valid UTF-8: cells are cut at ASCII delimiters, so each slice is too.
    static func parseRows(_ bytes: [UInt8], from start: Int) throws(SpreadsheetError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var width = 0
        var scratch: [UInt8] = []
        var line = 1
        var i = start
        let n = bytes.count

        while i < n {
            if bytes[i] == quote {
                let openingLine = line
                i += 1
                var segmentStart = i
                var usesScratch = false
                var closed = false
                scratch.removeAll(keepingCapacity: true)
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n, bytes[i + 1] == quote {
                            scratch.append(contentsOf: bytes[segmentStart...i])
                            usesScratch = true
                            i += 2
                            segmentStart = i
                            continue
                        }
                        closed = true
                        break
                    }
                    if b == lf || (b == cr && !(i + 1 < n && bytes[i + 1] == lf)) {
                        line += 1
                    }
                    i += 1
                }
                guard closed else {
                    throw .malformed(
                        "第 \(openingLine) 行开始的引号没有闭合",
                        "the quoted cell starting at line \(openingLine) never closes (unterminated quote)"
                    )
                }
                let segmentEnd = i
                i += 1
                let tailStart = i
                while i < n {
                    let b = bytes[i]
                    if b == comma || b == lf || b == cr { break }
                    i += 1
                }
                if usesScratch || tailStart < i {
                    scratch.append(contentsOf: bytes[segmentStart..<segmentEnd])
                    scratch.append(contentsOf: bytes[tailStart..<i])
                    row.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    row.append(String(decoding: bytes[segmentStart..<segmentEnd], as: UTF8.self))
                }
            } else {
                let cellStart = i
                while i < n {
                    let b = bytes[i]
                    if b == comma || b == lf || b == cr { break }
                    i += 1
                }
                row.append(String(decoding: bytes[cellStart..<i], as: UTF8.self))
            }

            guard i < n else { break }
            if bytes[i] == comma {
                i += 1
                if i == n { row.append("") }
                continue
            }
            if bytes[i] == cr, i + 1 < n, bytes[i + 1] == lf {
                i += 2
            } else {
                i += 1
            }
            line += 1
            width = max(width, row.count)
            rows.append(row)
            row = []
            row.reserveCapacity(width)
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }
}
