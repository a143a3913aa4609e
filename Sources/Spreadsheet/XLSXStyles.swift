/// xl/styles.xml, reduced to one question: does cell style `s` show a number as a date?
enum XLSXStyles {
    /// Indexed by the cell's `s` attribute (its position in `<cellXfs>`).
    static func dateStyleFlags(_ bytes: [UInt8], part: String) throws(SpreadsheetError) -> [Bool] {
        var customFormats: [Int: String] = [:]
        var formatIds: [Int] = []
        var scanner = XMLScanner(bytes: bytes, part: part)
        var inCellXfs = false
        while true {
            switch try scanner.next() {
            case .eof:
                return formatIds.map { id in
                    if let code = customFormats[id] { return ExcelDate.isDateFormatCode(code) }
                    return ExcelDate.isBuiltInDateFormat(id)
                }
            case .start(let tag):
                if scanner.isNamed(tag, XMLName.numFmt) {
                    if let id = scanner.attribute(XMLName.numFmtId, of: tag).flatMap({ Int($0) }),
                       let code = scanner.attribute(XMLName.formatCode, of: tag) {
                        customFormats[id] = code
                    }
                } else if scanner.isNamed(tag, XMLName.cellXfs) {
                    inCellXfs = !tag.isSelfClosing
                } else if inCellXfs, scanner.isNamed(tag, XMLName.xf) {
                    formatIds.append(scanner.attribute(XMLName.numFmtId, of: tag).flatMap { Int($0) } ?? 0)
                }
            case .end(let nameStart, let nameEnd):
                if scanner.matches(XMLName.cellXfs, nameStart, nameEnd) { inCellXfs = false }
            case .text, .cdata:
                continue
            }
        }
    }
}
