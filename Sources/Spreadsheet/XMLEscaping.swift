/// XML text in and out of the byte buffers, plus Excel's own `_xHHHH_` escapes for characters XML cannot hold.
enum XMLEscaping {
    // MARK: - Reading

    /// Decodes entities and XML's line-end normalisation in `range`; with `excelEscapes`, also `_xHHHH_`.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, cdata: Bool = false, excelEscapes: Bool = false) -> String {
        var needsWork = false
        for i in range {
            let b = bytes[i]
            if b == amp || b == cr || (excelEscapes && b == underscore) {
                needsWork = true
                break
            }
        }
        guard needsWork else { return String(decoding: bytes[range], as: UTF8.self) }
        var out: [UInt8] = []
        decode(bytes, range, cdata: cdata, into: &out)
        if excelEscapes, out.contains(underscore) {
            out = decodeExcelEscapes(out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the decoded bytes of `range` to `out`, so text split by comments or CDATA can be joined.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, cdata: Bool, into out: inout [UInt8]) {
        var i = range.lowerBound
        let end = range.upperBound
        out.reserveCapacity(out.count + range.count)
        while i < end {
            let b = bytes[i]
            if b == cr {
                // XML turns CRLF and a lone CR into LF; a real CR arrives as &#13;.
                out.append(lf)
                i += (i + 1 < end && bytes[i + 1] == lf) ? 2 : 1
            } else if b == amp, !cdata, let (scalar, length) = entity(bytes, at: i, end: end) {
                out.append(contentsOf: String(Character(scalar)).utf8)
                i += length
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    private static func entity(_ bytes: [UInt8], at start: Int, end: Int) -> (Unicode.Scalar, Int)? {
        var semicolon = start + 1
        while semicolon < end, semicolon - start <= 12, bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
        guard semicolon < end, bytes[semicolon] == UInt8(ascii: ";") else { return nil }
        let name = bytes[(start + 1)..<semicolon]
        let length = semicolon - start + 1
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return ("&", length)
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        default: break
        }
        guard name.first == UInt8(ascii: "#") else { return nil }
        let digits = name.dropFirst()
        let value: UInt32?
        if digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X") {
            value = UInt32(String(decoding: digits.dropFirst(), as: UTF8.self), radix: 16)
        } else {
            value = UInt32(String(decoding: digits, as: UTF8.self), radix: 10)
        }
        guard let value else { return nil }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Excel writes control characters as `_x000D_` and a literal `_x` sequence as `_x005F_x…`.
    static func decodeExcelEscapes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var pendingHigh: UInt32?
        while i < bytes.count {
            if let unit = excelEscape(bytes, at: i) {
                i += 7
                if (0xD800...0xDBFF).contains(unit) {
                    if pendingHigh != nil { out.append(contentsOf: replacement) }
                    pendingHigh = unit
                    continue
                }
                var scalarValue = unit
                if (0xDC00...0xDFFF).contains(unit) {
                    guard let high = pendingHigh else {
                        out.append(contentsOf: replacement)
                        continue
                    }
                    scalarValue = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                } else if pendingHigh != nil {
                    out.append(contentsOf: replacement)
                }
                pendingHigh = nil
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(scalar)).utf8)
                continue
            }
            if pendingHigh != nil {
                out.append(contentsOf: replacement)
                pendingHigh = nil
            }
            out.append(bytes[i])
            i += 1
        }
        if pendingHigh != nil { out.append(contentsOf: replacement) }
        return out
    }

    /// The UTF-16 unit of an `_xHHHH_` escape at `i`.
    private static func excelEscape(_ bytes: [UInt8], at i: Int) -> UInt32? {
        guard i + 7 <= bytes.count, bytes[i] == underscore, bytes[i + 1] == UInt8(ascii: "x"),
              bytes[i + 6] == underscore else { return nil }
        var value: UInt32 = 0
        for k in 2..<6 {
            guard let digit = hexValue(bytes[i + k]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: - Writing

    /// Appends `text` escaped for element content or a double-quoted attribute.
    ///
    /// Characters XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF) are dropped,
    /// since no XML reader would accept the file otherwise. CR is written as `&#13;` so it survives
    /// line-end normalisation, and a literal `_xHHHH_` gets Excel's `_x005F_` escape so Excel does not
    /// turn it into a character.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        guard utf8.contains(where: needsEscaping) else {
            out.append(contentsOf: utf8)
            return
        }
        let bytes = Array(utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case amp: out.append(contentsOf: ampEntity)
            case UInt8(ascii: "<"): out.append(contentsOf: ltEntity)
            case UInt8(ascii: ">"): out.append(contentsOf: gtEntity)
            case UInt8(ascii: "\""): out.append(contentsOf: quotEntity)
            case UInt8(ascii: "'"): out.append(contentsOf: aposEntity)
            case cr: out.append(contentsOf: crEntity)
            case 0x09, lf: out.append(b)
            case 0x00..<0x20: break
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                i += 2
            case underscore where excelEscape(bytes, at: i) != nil:
                out.append(contentsOf: escapedUnderscore)
            default: out.append(b)
            }
            i += 1
        }
    }

    private static func needsEscaping(_ b: UInt8) -> Bool {
        switch b {
        case amp, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), underscore, 0xEF: true
        case 0x00..<0x20: b != 0x09 && b != lf
        default: false
        }
    }

    private static let amp = UInt8(ascii: "&")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let underscore = UInt8(ascii: "_")
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
    private static let ampEntity = Array("&amp;".utf8)
    private static let ltEntity = Array("&lt;".utf8)
    private static let gtEntity = Array("&gt;".utf8)
    private static let quotEntity = Array("&quot;".utf8)
    private static let aposEntity = Array("&apos;".utf8)
    private static let crEntity = Array("&#13;".utf8)
    private static let escapedUnderscore = Array("_x005F_".utf8)
}
