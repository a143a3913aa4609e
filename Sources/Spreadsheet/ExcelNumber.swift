/// How numbers cross the XLSX boundary as text.
enum ExcelNumber {
    /// Integers that a writer spelled as "1.0E7" or "10000000.0" come back as "10000000"; anything else,
    /// including real fractions, is returned exactly as written so no precision is invented or lost.
    static func normalised(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) else {
            return text
        }
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var integerDigits = 0
        while i < bytes.count, isDigit(bytes[i]) {
            digits.append(bytes[i])
            integerDigits += 1
            i += 1
        }
        var sawPointOrExponent = false
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            sawPointOrExponent = true
            i += 1
            while i < bytes.count, isDigit(bytes[i]) {
                digits.append(bytes[i])
                i += 1
            }
        }
        var exponent = 0
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            sawPointOrExponent = true
            i += 1
            var exponentNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            let exponentStart = i
            while i < bytes.count, isDigit(bytes[i]), i - exponentStart < 4 {
                exponent = exponent * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
            }
            guard i > exponentStart else { return text }
            if exponentNegative { exponent = -exponent }
        }
        guard sawPointOrExponent, i == bytes.count, !digits.isEmpty else { return text }

        let pointPosition = integerDigits + exponent
        guard pointPosition >= 0 else {
            return digits.allSatisfy({ $0 == UInt8(ascii: "0") }) ? "0" : text
        }
        if pointPosition < digits.count,
           !digits[pointPosition...].allSatisfy({ $0 == UInt8(ascii: "0") }) {
            return text
        }
        var integer = Array(digits.prefix(pointPosition))
        if pointPosition > digits.count {
            integer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: pointPosition - digits.count))
        }
        while integer.count > 1, integer.first == UInt8(ascii: "0") { integer.removeFirst() }
        if integer.isEmpty { integer = [UInt8(ascii: "0")] }
        // Beyond 21 digits a double has long stopped being exact; keep the writer's spelling.
        guard integer.count <= 21 else { return text }
        let isZero = integer == [UInt8(ascii: "0")]
        return (negative && !isZero ? "-" : "") + String(decoding: integer, as: UTF8.self)
    }

    /// Whether the writer stores `text` as a number: plain decimal, no leading zeros (so codes like
    /// "0012" stay text), at most 15 significant digits (Excel's precision, so an 18-digit USCC or ID
    /// number stays text), and not "-0", which Excel would show as "0".
    static func isPlainNumber(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 64 else { return false }
        var i = utf8.startIndex
        if utf8[i] == UInt8(ascii: "-") { i = utf8.index(after: i) }
        let negative = i != utf8.startIndex
        var integerDigits = 0
        var firstDigit: UInt8 = 0
        while i < utf8.endIndex, isDigit(utf8[i]) {
            if integerDigits == 0 { firstDigit = utf8[i] }
            integerDigits += 1
            i = utf8.index(after: i)
        }
        guard integerDigits > 0 else { return false }
        if integerDigits > 1, firstDigit == UInt8(ascii: "0") { return false }
        var fractionDigits = 0
        var fractionLeadingZeros = 0
        var fractionAllZero = true
        if i < utf8.endIndex {
            guard utf8[i] == UInt8(ascii: ".") else { return false }
            i = utf8.index(after: i)
            while i < utf8.endIndex, isDigit(utf8[i]) {
                if utf8[i] != UInt8(ascii: "0") {
                    fractionAllZero = false
                } else if fractionAllZero {
                    fractionLeadingZeros += 1
                }
                fractionDigits += 1
                i = utf8.index(after: i)
            }
            guard fractionDigits > 0, i == utf8.endIndex else { return false }
        }
        let integerIsZero = integerDigits == 1 && firstDigit == UInt8(ascii: "0")
        if negative, integerIsZero, fractionAllZero { return false }
        let significant = integerIsZero ? fractionDigits - fractionLeadingZeros : integerDigits + fractionDigits
        return significant <= 15
    }

    static func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }
}
