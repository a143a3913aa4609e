import Kernel

/// "准高企": enterprises a few concrete steps from the 高企 hard conditions, with the cost of
/// those steps, so the bureau can rank who is cheapest to bring over the line (issue: gaps).
///
/// Steps are priced in yuan with `GapCosts`; R&D is its own cost. High-tech income is not spent
/// but earned, so it is listed and counted as a step but costs nothing here. [I]
public struct NearMiss: Sendable, Hashable {
    public var gaps: [HighTechGaps.Gap]
    /// Unmet hard conditions, including any with no computable gap.
    public var unmet: Int
    public var estimatedCost: Money

    /// Nil when no hard condition is unmet, when an unmet one has no gap people can act on
    /// (registration age, an incident), or when more than `costs.maxSteps` are unmet. Unknown
    /// facts are not steps: the officer confirms them, and they are shown as unknown.
    public static func of(_ a: Assessment, costs: GapCosts) -> NearMiss? {
        let failing = a.highTech.conditions.filter { $0.status == .unmet }
        guard !failing.isEmpty, failing.count <= costs.maxSteps,
              failing.allSatisfy({ c in a.highTechGaps.contains { c.hasID($0.idText) } }) else { return nil }
        var fen: Int64 = 0
        for g in a.highTechGaps {
            let amount = g.quantity
            switch g.unit {
            case "yuan" where g.idText.sameText(as: "highTech.rdIntensity"): fen += amount * 100
            case "people": fen += amount * costs.perStStaff.fen
            case "patent": fen += amount * costs.perPatent.fen
            default: break
            }
        }
        return NearMiss(gaps: a.highTechGaps, unmet: failing.count, estimatedCost: Money(fen: fen))
    }

    /// Fewest steps first, then cheapest.
    public static func ranked<T>(_ items: [(T, NearMiss)]) -> [(T, NearMiss)] {
        items.sorted { ($0.1.unmet, $0.1.estimatedCost) < ($1.1.unmet, $1.1.estimatedCost) }
    }
}

/// What each kind of step costs, for ranking near-misses [I]: a year of one S&T employee and the
/// cost of filing and obtaining one utility-model patent. Data, so the bureau can set its own.
public struct GapCosts: Sendable, Hashable, Codable {
    public var perStStaff: Money
    public var perPatent: Money
    /// Firms failing more hard conditions than this are not near-misses.
    public var maxSteps: Int

    public static let tongliang2024 = GapCosts(perStStaff: Money(yuan: 120_000), perPatent: Money(yuan: 10_000), maxSteps: 2)
}
