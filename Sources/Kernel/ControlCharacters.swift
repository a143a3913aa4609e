/// Control characters have no place in what people type: PostgreSQL refuses NUL in text, SQLite
/// and C strings cut a value at it, and the others are invisible on a page and in a spreadsheet.
/// Every door (the JSON API, forms, imports) asks this before a value goes further.
public enum ControlCharacters {
    /// The first control character in `text` (C0, DEL or C1), or nil. Tab, line feed and carriage
    /// return are allowed where `allowLineBreaks` is true: a note or an Excel cell may hold lines.
    public static func first(in text: String, allowLineBreaks: Bool = true) -> Unicode.Scalar? {
        // Fast path over the bytes: C0 and DEL are single bytes, C1 is 0xC2 0x80…0x9F in UTF-8.
        var previous: UInt8 = 0
        var found = false
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                if !(allowLineBreaks && (byte == 0x09 || byte == 0x0A || byte == 0x0D)) { found = true; break }
            }
            previous = byte
        }
        guard found else { return nil }
        return text.unicodeScalars.first { s in
            s.properties.generalCategory == .control && !(allowLineBreaks && (s == "\t" || s == "\n" || s == "\r"))
        }
    }

    /// "U+0000" for a message.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The message every door gives, in both languages.
    public static func message(_ scalar: Unicode.Scalar) -> String {
        "含有不可见的控制字符 \(name(scalar))，请删除后重新填写 / contains the control character \(name(scalar)); remove it and try again"
    }
}
