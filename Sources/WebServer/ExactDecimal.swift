import Foundation

/// A decimal number from a form or JSON as an exact integer of a smaller unit (yuan → fen,
/// percent → tenths or basis points): nil when it has more decimals than the unit holds or lies
/// outside `range`, so nothing is rounded silently and nothing overflows.
enum ExactDecimal {
    static func scaled(_ d: Decimal, by factor: Int64, within range: ClosedRange<Decimal>) -> Int64? {
        guard range.contains(d) else { return nil }
        var scaled = d * Decimal(factor), rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return rounded == scaled ? NSDecimalNumber(decimal: rounded).int64Value : nil
    }

    static func scaled(_ text: String, by factor: Int64, within range: ClosedRange<Decimal>) -> Int64? {
        Decimal(string: text.trimmingCharacters(in: .whitespaces)).flatMap { scaled($0, by: factor, within: range) }
    }
}
