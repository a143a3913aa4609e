import Kernel

/// Risk compensation for knowledge-value credit loans (rules.md §8, §11.8 L2): the fund pays
/// 80 % of overdue principal, funded 40 % by the city and 60 % by the district; the bank keeps
/// 20 % of the principal and all the interest loss. Shares are data, in basis points.
public struct RiskCompensationRules: Sendable, Hashable, Codable {
    public var fundShare: Int        // of overdue principal
    public var cityShare: Int        // of the compensation; the district pays the rest
    /// Stop new loans for a bank whose overdue principal reaches this share of its outstanding
    /// principal (the circuit breaker, configurable per bank through `overrides`).
    public var breakerShare: Int
    public var overrides: [String: Int]

    public static let chongqing2024 = RiskCompensationRules(fundShare: 8_000, cityShare: 4_000, breakerShare: 500, overrides: [:])

    public struct Compensation: Sendable, Hashable {
        public var total: Money, city: Money, district: Money, bankKeeps: Money
    }

    /// Rounded to the fen half up, and split so the parts always add up to the whole.
    public func compensation(overduePrincipal p: Money) -> Compensation {
        let total = Self.share(p.fen, fundShare)
        let city = Self.share(total, cityShare)
        return Compensation(total: Money(fen: total), city: Money(fen: city), district: Money(fen: total - city), bankKeeps: Money(fen: p.fen - total))
    }

    static func share(_ fen: Int64, _ basisPoints: Int) -> Int64 { Int64((Int128(fen) * Int128(basisPoints) + 5_000) / 10_000) }

    /// A bank's standing against its circuit breaker over its knowledge-value loans (the ones the
    /// fund compensates): principal outstanding (drawn or overdue),
    /// overdue principal, and the threshold that applies to it.
    public struct Breaker: Sendable, Hashable, Codable {
        public var bank: String
        public var outstanding: Money
        public var overdue: Money
        public var threshold: Int
        /// New loans are allowed while overdue < threshold × outstanding (in integers).
        public var allowsNewLoans: Bool { outstanding.fen == 0 || Int128(overdue.fen) * 10_000 < Int128(threshold) * Int128(outstanding.fen) }
        /// The overdue share in basis points, rounded down.
        public var overdueShare: Int { outstanding.fen == 0 ? 0 : Int(Int128(overdue.fen) * 10_000 / Int128(outstanding.fen)) }
    }

    public func breaker(bank: String, loans: [Loan]) -> Breaker {
        let own = loans.filter { $0.bank == bank && $0.product == .knowledgeValue && ($0.status == .drawn || $0.status == .overdue) }
        return Breaker(bank: bank, outstanding: own.reduce(Money(fen: 0)) { $0 + $1.amount },
                       overdue: own.reduce(Money(fen: 0)) { $0 + $1.overduePrincipal }, threshold: overrides[bank] ?? breakerShare)
    }

    /// Whether `bank` may make new loans: its overdue principal is below its breaker share of the
    /// principal outstanding (drawn or overdue).
    public func allowsNewLoans(bank: String, loans: [Loan]) -> Bool { breaker(bank: bank, loans: loans).allowsNewLoans }

    public var problems: [String] {
        var out: [String] = []
        for (name, v) in [("fundShare", fundShare), ("cityShare", cityShare), ("breakerShare", breakerShare)] + overrides.map({ ("overrides.\($0.key)", $0.value) })
        where !(0...10_000).contains(v) { out.append("\(name) must be between 0 and 10000 basis points") }
        return out
    }
}
