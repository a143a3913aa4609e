import Foundation
import Kernel

/// One published version of every qualification rule, named and dated, so any past report can
/// be recomputed with exactly the rules it used. A change is a new version, never an edit.
public struct RuleSet: Sendable, Hashable, Codable {
    public var id: String
    public var effectiveFrom: LocalDate
    public var techSME: TechSMERules
    public var highTech: HighTechRules
    public var innovativeSME: InnovativeSMERules
    public var specializedSME: SpecializedSMERules
    public var littleGiant: LittleGiantRules
    public var cqTechEnterprise: CQTechEnterpriseRules
    /// The general conditions of the MIIT tiers (rules.md §6.0), with the choices made on them.
    public var generalConditions: GeneralConditions
    /// The district's own rules: the 高企培育库 checklist and the prices that rank near-misses.
    public var pool: PoolRules
    public var gapCosts: GapCosts

    public static let cn2024_1 = RuleSet(
        id: "cn-2024.1", effectiveFrom: LocalDate(year: 2024, month: 1, day: 1)!,
        techSME: .cn2017, highTech: .cn2016, innovativeSME: .cn2022, specializedSME: .cn2022,
        littleGiant: .cn2022, cqTechEnterprise: .cq2023, generalConditions: .cn2022, pool: .tongliang2024, gapCosts: .tongliang2024)

    /// Checks made when a rule set is loaded: bands that do not overlap and rise with their edges.
    public var problems: [String] {
        techSME.problems + innovativeSME.rdToOperatingRevenue.problems + innovativeSME.mainBusinessGrowth.problems
            + innovativeSME.mainBusinessShare.problems + specializedSME.mainShare.problems + specializedSME.mainGrowth.problems
            + specializedSME.netMargin.problems + specializedSME.rdStaffShare.problems + specializedSME.rdShare.problems
            + pool.problems
            + (highTech.scale.classIIQuantity.map(\.count) == highTech.scale.classIIQuantity.map(\.count).sorted(by: >) ? [] : ["highTech: class-II quantity bands out of order"])
    }
}

extension RuleSet {
    /// A copy that shares no storage with this one. Threads that evaluate in parallel each take
    /// one: reading a shared array retains and releases its buffer, and two cores doing that to
    /// the same counter millions of times serialise on it (measured in AssessBenchmark).
    public func privateCopy() -> RuleSet {
        // Codable round trip: rebuilds every array and string; a rule set is a few kilobytes.
        guard let data = try? JSONEncoder().encode(self), let copy = try? JSONDecoder().decode(RuleSet.self, from: data) else { return self }
        return copy
    }
}
