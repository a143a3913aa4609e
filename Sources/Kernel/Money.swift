/// An amount of RMB as a whole number of fen (分). Never a binary floating-point number:
/// sums and comparisons of money must be exact.
public struct Money: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    /// Parses a yuan amount written as digits with at most two decimals ("80000000", "1234.5",
    /// "-12.05"); thousands separators "," and surrounding spaces are accepted because
    /// spreadsheets add them. Reads the UTF-8 bytes directly: imports parse millions of these.
    public init(yuanText raw: String) throws(MoneyError) {
        var negative = false, sawDigit = false, inFraction = false, signAllowed = true
        var whole: Int64 = 0, cents: Int64 = 0, fractionDigits = 0, wholeDigits = 0
        var trailingSpace = false
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if sawDigit || inFraction { trailingSpace = true }
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard signAllowed, !trailingSpace else { throw .notANumber(raw) }
                negative = byte == UInt8(ascii: "-")
            case UInt8(ascii: ","):
                guard sawDigit, !inFraction, !trailingSpace else { throw .notANumber(raw) }
            case UInt8(ascii: "."):
                guard !inFraction, !trailingSpace else { throw .notANumber(raw) }
                inFraction = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard !trailingSpace else { throw .notANumber(raw) }
                let d = Int64(byte - UInt8(ascii: "0"))
                if inFraction {
                    fractionDigits += 1
                    guard fractionDigits <= 2 else { throw .tooManyDecimals(raw) }
                    cents = cents * 10 + d
                } else {
                    wholeDigits += 1
                    guard wholeDigits <= 15 else { throw .outOfRange(raw) }
                    whole = whole * 10 + d
                }
                sawDigit = true
            default:
                throw .notANumber(raw)
            }
            signAllowed = false
        }
        guard sawDigit else { throw .notANumber(raw) }
        if fractionDigits == 1 { cents *= 10 }
        let fen = whole * 100 + cents
        self.fen = negative ? -fen : fen
    }

    /// "1234.50" style: whole yuan without decimals when the fen part is zero.
    public var yuanText: String {
        let sign = fen < 0 ? "-" : ""
        let a = fen.magnitude
        let cents = a % 100
        return cents == 0 ? "\(sign)\(a / 100)" : "\(sign)\(a / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { "¥" + yuanText }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
}

public enum MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
    case notANumber(String)
    case tooManyDecimals(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .notANumber(let s): return "“\(s)”不是金额（元）/ '\(s)' is not an amount in yuan"
        case .tooManyDecimals(let s): return "“\(s)”小数超过两位（分）/ '\(s)' has more than two decimals"
        case .outOfRange(let s): return "“\(s)”超出范围 / '\(s)' is out of range"
        }
    }
}

