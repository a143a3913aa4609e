import Kernel

/// The letter's loan figures (rules.md §11.8 L3): distinct enterprises, enterprise-times (one per
/// loan) and amounts, for a product and a period.
public struct LoanFigures: Sendable, Hashable, Codable {
    public var enterprises: Int
    public var enterpriseTimes: Int
    public var amount: Money

    public static func of(_ loans: [Loan], product: Loan.Product, from: LocalDate? = nil, to: LocalDate) -> LoanFigures {
        let chosen = loans.filter { l in l.product == product && l.drawnOn <= to && (from.map { l.drawnOn >= $0 } ?? true) }
        return LoanFigures(enterprises: Set(chosen.map(\.uscc)).count, enterpriseTimes: chosen.count,
                           amount: chosen.reduce(Money(fen: 0)) { $0 + $1.amount })
    }
}
