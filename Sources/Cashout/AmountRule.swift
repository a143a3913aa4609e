import Kernel
import Registry

/// How much a policy pays (rules.md §11.7 S1): a fixed sum, a share of a base with a cap, or a
/// tier of the base. The base is a fiscal fact of the year before the subsidy year, or an amount
/// the firm declares in its application (an equipment purchase), checked by the reviewer.
public enum AmountRule: Sendable, Codable, Hashable {
    case fixed(Money)
    /// `basisPoints` of the base (100 bp = 1 %), rounded down to the fen, at most `cap`.
    case share(of: Base, basisPoints: Int, cap: Money?)
    /// The amount of the highest tier whose floor the base reaches; nothing below the lowest.
    case tiered(of: Base, tiers: [Tier])

    public enum Base: Sendable, Codable, Hashable {
        case fact(Condition.Fact)
        case declared(String)
    }

    public struct Tier: Sendable, Codable, Hashable {
        public var atLeast: Money
        public var amount: Money
        public init(atLeast: Money, amount: Money) { self.atLeast = atLeast; self.amount = amount }
    }

    /// The largest amount any rule may pay one firm at once: 100 million yuan.
    public static let ceiling = Money(yuan: 100_000_000)

    public var base: Base? {
        switch self {
        case .fixed: return nil
        case .share(let b, _, _), .tiered(let b, _): return b
        }
    }

    /// The amount for a base value (nil: the rule needs a base it was not given).
    public func amount(base value: Money?) -> Money? {
        switch self {
        case .fixed(let m): return m
        case .share(_, let bp, let cap):
            guard let value, value.fen >= 0 else { return nil }
            // Int128: a trillion-yuan base times 10,000 bp stays exact.
            let raw = Money(fen: Int64(Int128(value.fen) * Int128(bp) / 10_000))
            return cap.map { min($0, raw) } ?? raw
        case .tiered(_, let tiers):
            guard let value else { return nil }
            return tiers.filter { value >= $0.atLeast }.max { $0.atLeast < $1.atLeast }?.amount ?? .zero
        }
    }

    /// The base this rule reads for a firm: a fact of `year - 1`, or what it declared.
    public func baseValue(_ s: PolicySubject, year: Int, declared: Money?) -> Money? {
        switch base {
        case nil: return nil
        case .fact(let f): return s.facts(year: Policy.factYear(year)).flatMap(f.value(in:))
        case .declared: return declared
        }
    }

    public var problems: [Problem] {
        var p: [Problem] = []
        func money(_ m: Money, _ path: String) {
            if m.fen < 0 || m > Self.ceiling { p.append(Problem(path: path, message: "须在 0 至 1 亿元之间 / between 0 and 100 million yuan")) }
        }
        switch self {
        case .fixed(let m): money(m, "fixed")
        case .share(_, let bp, let cap):
            if !(1...10_000).contains(bp) { p.append(Problem(path: "basisPoints", message: "1–10000 (0.01 %–100 %)")) }
            if let cap { money(cap, "cap") } else { p.append(Problem(path: "cap", message: "比例补助须设上限 / a share needs a cap")) }
        case .tiered(_, let tiers):
            if tiers.isEmpty { p.append(Problem(path: "tiers", message: "至少一档 / at least one tier")) }
            for (i, t) in tiers.enumerated() { money(t.amount, "tiers[\(i)].amount"); money(t.atLeast, "tiers[\(i)].atLeast") }
            if Set(tiers.map(\.atLeast)).count != tiers.count { p.append(Problem(path: "tiers", message: "档位下限重复 / two tiers share a floor")) }
        }
        return p
    }

    /// The rule as a policy document writes it: "30 万元", "设备购置额 × 10%，上限 100 万元".
    public var summary: String {
        let amount = MoneyText.amountZh
        switch self {
        case .fixed(let m): return amount(m)
        case .share(let b, let bp, let cap):
            return "\(b.label) × \(MoneyText.scaled(Int64(bp), unit: 100, places: 2, trimZeros: true))%" + (cap.map { "，上限 \(amount($0))" } ?? "")
        case .tiered(let b, let tiers):
            return "\(b.label)分档：" + tiers.sorted { $0.atLeast < $1.atLeast }.map { "≥\(amount($0.atLeast)) → \(amount($0.amount))" }.joined(separator: "；")
        }
    }
}

extension AmountRule.Base {
    public var label: String {
        switch self {
        case .fact(let f): return "上年\(f.chineseName)"
        case .declared(let name): return name
        }
    }
}
