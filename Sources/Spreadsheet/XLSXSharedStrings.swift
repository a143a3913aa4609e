/// xl/sharedStrings.xml: one string per `<si>`, rich-text runs joined, phonetic guides (`<rPh>`) skipped.
enum XLSXSharedStrings {
    static func parse(_ bytes: [UInt8], part: String, limit: Int = XLSXLimits.standard.sharedStrings) throws(SpreadsheetError) -> [String] {
        var strings: [String] = []
        var scanner = XMLScanner(bytes: bytes, part: part)
        var text: [UInt8] = []
        var inItem = false
        var inText = false
        var phoneticDepth = 0
        while true {
            switch try scanner.next() {
            case .eof:
                return strings
            case .start(let tag):
                if scanner.isNamed(tag, XMLName.si) {
                    guard strings.count < limit else {
                        throw .tooLarge("共享字符串超过 \(limit) 个", "more than \(limit) shared strings")
                    }
                    text.removeAll(keepingCapacity: true)
                    if tag.isSelfClosing {
                        strings.append("")
                    } else {
                        inItem = true
                    }
                } else if scanner.isNamed(tag, XMLName.rPh) {
                    if !tag.isSelfClosing { phoneticDepth += 1 }
                } else if scanner.isNamed(tag, XMLName.t) {
                    inText = inItem && phoneticDepth == 0 && !tag.isSelfClosing
                }
            case .end(let nameStart, let nameEnd):
                if scanner.matches(XMLName.t, nameStart, nameEnd) {
                    inText = false
                } else if scanner.matches(XMLName.rPh, nameStart, nameEnd) {
                    phoneticDepth = max(0, phoneticDepth - 1)
                } else if scanner.matches(XMLName.si, nameStart, nameEnd), inItem {
                    strings.append(finish(text))
                    inItem = false
                    phoneticDepth = 0
                }
            case .text(let range):
                if inText { XMLEscaping.decode(scanner.bytes, range, cdata: false, into: &text) }
            case .cdata(let range):
                if inText { XMLEscaping.decode(scanner.bytes, range, cdata: true, into: &text) }
            }
        }
    }

    private static func finish(_ text: [UInt8]) -> String {
        let bytes = text.contains(UInt8(ascii: "_")) ? XMLEscaping.decodeExcelEscapes(text) : text
        return String(decoding: bytes, as: UTF8.self)
    }
}
