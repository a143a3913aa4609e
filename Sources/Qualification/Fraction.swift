/// An exact non-negative ratio of two integers. Band edges are compared by cross-multiplying,
/// never in binary floating point, so a share of exactly 30% earns the 30% band.
public struct Fraction: Sendable, Hashable, Codable, CustomStringConvertible {
    public let numerator: Int64
    public let denominator: Int64

    public init(_ numerator: Int64, _ denominator: Int64) {
        precondition(denominator > 0, "a fraction needs a positive denominator")
        self.numerator = numerator; self.denominator = denominator
    }

    /// A percentage such as 30 (meaning 30%).
    public static func percent(_ p: Int64) -> Fraction { Fraction(p, 100) }

    public static func >= (a: Fraction, b: Fraction) -> Bool {
        // Products stay far inside Int64: amounts are fen below 10^15, denominators ≤ 10^4.
        a.numerator.multipliedFullWidth(by: b.denominator) >= b.numerator.multipliedFullWidth(by: a.denominator)
    }

    public static func < (a: Fraction, b: Fraction) -> Bool { !(a >= b) }

    public var description: String { "\(numerator)/\(denominator)" }
}

private func >= (a: (high: Int64, low: UInt64), b: (high: Int64, low: UInt64)) -> Bool {
    a.high != b.high ? a.high > b.high : a.low >= b.low
}
