/// 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
///
/// A value of this type is always valid: the initialiser checks the length, the character set and
/// the check digit (第 18 位), so an invalid code cannot exist in memory.
public struct USCC: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The 31 characters GB 32100-2015 allows: digits and capitals without I, O, Z, S, V
    /// (they are too easily confused with 1, 0, 2, 5, U).
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    /// Weights of positions 1–17 (3^(i-1) mod 31), GB 32100-2015 §4.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public let code: String

    public init(_ text: String) throws(USCCError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 18 else {
            // Full-width digits and other non-ASCII characters: name the character, not the length.
            if text.count == 18, let (i, c) = text.enumerated().first(where: { !$0.element.isASCII }) {
                throw .invalidCharacter(position: i + 1, character: String(c))
            }
            throw .wrongLength(text.count)
        }
        var values: [Int] = []
        values.reserveCapacity(18)
        for (index, byte) in bytes.enumerated() {
            guard let value = USCC.value(of: byte) else {
                throw .invalidCharacter(position: index + 1, character: String(decoding: [byte], as: UTF8.self))
            }
            values.append(value)
        }
        let expected = USCC.checkValue(values[0..<17])
        guard values[17] == expected else {
            throw .checkDigitMismatch(expected: Character(UnicodeScalar(USCC.alphabet[expected])),
                                      found: Character(UnicodeScalar(bytes[17])))
        }
        code = text
    }

    /// Index of a character in the alphabet, or nil when GB 32100-2015 does not allow it.
    @inline(__always) static func value(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        default:
            // Lower-case letters are not in the set: the standard fixes capitals.
            return alphabet.firstIndex(of: byte)
        }
    }

    static func checkValue(_ values: ArraySlice<Int>) -> Int {
        var sum = 0
        for (offset, value) in values.enumerated() { sum += value * weights[offset] }
        let check = 31 - sum % 31
        return check == 31 ? 0 : check
    }

    /// Completes a 17-character body with its check character; used by the demo generator.
    public static func withCheckDigit(body: String) -> USCC? {
        let bytes = Array(body.utf8)
        guard bytes.count == 17 else { return nil }
        var values: [Int] = []
        for byte in bytes {
            guard let v = value(of: byte) else { return nil }
            values.append(v)
        }
        let check = alphabet[checkValue(values[...])]
        return try? USCC(body + String(UnicodeScalar(check)))
    }

    public var description: String { code }
    public static func < (a: USCC, b: USCC) -> Bool { a.code < b.code }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try USCC(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

public enum USCCError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongLength(Int)
    case invalidCharacter(position: Int, character: String)
    case checkDigitMismatch(expected: Character, found: Character)

    public var description: String {
        switch self {
        case .wrongLength(let n):
            return "统一社会信用代码应为 18 位，实为 \(n) 位 / a USCC has 18 characters, this one has \(n)"
        case .invalidCharacter(let position, let character):
            return "第 \(position) 位字符“\(character)”不在 GB 32100-2015 字符集内（数字与除 I、O、Z、S、V 外的大写字母）"
                + " / character \(position) '\(character)' is not allowed (digits and capitals except I, O, Z, S, V)"
        case .checkDigitMismatch(let expected, let found):
            return "校验码错误：第 18 位应为 \(expected)，实为 \(found) / check digit mismatch: expected \(expected), found \(found)"
        }
    }
}
