import Foundation

extension CSV {
    /// Writes rows as CSV with CRLF line ends.
    ///
    /// A cell is quoted when it holds a comma, quote, CR or LF, or starts or ends with a space or tab
    /// (Excel would otherwise trim it). With `bom`, Excel opens the file as UTF-8; without it, Chinese
    /// Excel assumes GBK and shows mojibake. With `neutralise` (every file a person will open), a
    /// cell that would run as a formula gets a leading apostrophe (`FormulaGuard`).
    public static func write(_ table: SheetTable, bom: Bool = true, neutralise: Bool = true) -> Data {
        var out: [UInt8] = []
        let sample = table.rows.prefix(100)
        let sampleBytes = sample.reduce(0) { sum, row in sum + row.reduce(2) { $0 + $1.utf8.count + 1 } }
        out.reserveCapacity(sampleBytes * table.rows.count / max(1, sample.count) + 64)
        if bom { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        for (rowIndex, row) in table.rows.enumerated() {
            for (column, cell) in row.enumerated() {
                if column > 0 { out.append(UInt8(ascii: ",")) }
                // Without a BOM, a file starting with "ID" is taken by Excel for a SYLK file.
                let forceQuote = !bom && rowIndex == 0 && column == 0 && cell.hasPrefix("ID")
                appendCell(neutralise ? FormulaGuard.neutralised(cell) : cell, to: &out, forceQuote: forceQuote)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return Data(out)
    }

    private static func appendCell(_ cell: String, to out: inout [UInt8], forceQuote: Bool) {
        let utf8 = cell.utf8
        guard forceQuote || needsQuotes(utf8) else {
            out.append(contentsOf: utf8)
            return
        }
        let quote = UInt8(ascii: "\"")
        out.append(quote)
        for b in utf8 {
            if b == quote { out.append(quote) }
            out.append(b)
        }
        out.append(quote)
    }

    private static func needsQuotes(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        if first == space || first == tab || last == space || last == tab { return true }
        for b in utf8 {
            switch b {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0D, 0x0A: return true
            default: continue
            }
        }
        return false
    }
}
