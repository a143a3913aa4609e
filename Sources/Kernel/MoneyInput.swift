/// Amounts as people type them into a form: `32万`, `30,500,000`, `1.2亿元`, `３２万`
/// (full-width, as Chinese input methods produce), with a field's own default unit for a bare
/// number (the targets page asks for 万元). Spreadsheet cells keep `Money(yuanText:)`: a cell
/// has one unit, named in its header.
public enum MoneyUnit: Int64, Sendable {
    case yuan = 1
    case wan = 10_000
    case yi = 100_000_000

    /// How many decimal places the unit shifts a yuan amount by.
    var places: Int { self == .yuan ? 0 : self == .wan ? 4 : 8 }
}

extension Money {
    public init(formText raw: String, defaultUnit: MoneyUnit = .yuan) throws(MoneyError) {
        var text = ""
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: text.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30) ?? "0")
            case 0xFF0C: text.append(",")   // ，
            case 0xFF0E, 0x3002: text.append(".")   // ． 。
            case 0xFF0D: text.append("-")
            default: text.unicodeScalars.append(scalar)
            }
        }
        text = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        var unit = defaultUnit
        if text.hasSuffix("元") { text.removeLast(); unit = .yuan }   // 元 written out wins over the field's unit
        if text.hasSuffix("万") { unit = .wan; text.removeLast() } else if text.hasSuffix("亿") { unit = .yi; text.removeLast() }
        while text.hasSuffix(" ") { text.removeLast() }   // "32 万"
        guard unit != .yuan else { try self.init(yuanText: text); return }
        // Shift the decimal point right by the unit's places, then read it as yuan: exact, and
        // more than two decimals left over (0.0000001万) is refused as too fine, as for yuan.
        let plain = text.filter { $0 != "," }
        let negative = plain.hasPrefix("-")
        let body = negative || plain.hasPrefix("+") ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { throw .notANumber(raw) }
        let whole = String(parts[0]), fraction = parts.count == 2 ? String(parts[1]) : ""
        let moved = fraction.prefix(unit.places) + String(repeating: "0", count: max(0, unit.places - fraction.count))
        let rest = fraction.dropFirst(unit.places)
        let yuan = (whole + moved) + (rest.isEmpty ? "" : "." + rest)
        do { try self.init(yuanText: (negative ? "-" : "") + yuan) } catch {
            switch error {   // name what the person typed, not the shifted text
            case .notANumber: throw .notANumber(raw)
            case .tooManyDecimals: throw .tooManyDecimals(raw)
            case .outOfRange: throw .outOfRange(raw)
            }
        }
    }
}
