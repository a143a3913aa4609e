import Kernel
import Matching
import Testing

/// Leaders' purchase needs matched to local suppliers: capability first, the chain a little,
/// never the leader or its present suppliers, stable; the stages; the local share.
@Suite struct SupplyMatchingTests {
    static let leader = try! USCC("91500151MA6012340R")
    static func firm(_ n: Int) -> USCC {
        [try! USCC("914403001922038216"), try! USCC("91110108551385082Q"), try! USCC("91110000802100433B"), try! USCC("91500106MA61B3L371")][n]
    }
    /// The published rule, and variants of it for the edges.
    static let rule = ProgrammeRules.tongliang2024.supply
    static func with(maxProposals: Int? = nil, minAffinity: Double? = nil) -> SupplyRule {
        var r = rule
        if let maxProposals { r.maxProposals = maxProposals }
        if let minAffinity { r.minAffinity = minAffinity }
        return r
    }
    let need = PurchaseNeed(id: 1, leader: leader, chain: "energy-storage", title: "电芯结构件", capabilities: ["冲压", "铝壳", "精密加工"], annualFen: 1_000_000_00)

    @Test func capabilityDecidesAndTheChainHelps() {
        let profiles = [
            SupplierProfile(uscc: Self.firm(0), chains: ["energy-storage"], capabilities: ["冲压", "铝壳"], summary: ""),      // 0.8·2/3 + 0.2
            SupplierProfile(uscc: Self.firm(1), chains: ["motorcycle"], capabilities: ["冲压", "铝壳", "精密加工"], summary: ""), // 0.8
            SupplierProfile(uscc: Self.firm(2), chains: ["energy-storage"], capabilities: ["注塑"], summary: ""),              // shares nothing
            SupplierProfile(uscc: Self.firm(3), chains: [], capabilities: ["冲压", "焊接", "喷涂", "装配"], summary: ""),        // 0.8·1/6 ≈ 0.13
            SupplierProfile(uscc: Self.leader, chains: ["energy-storage"], capabilities: ["冲压", "铝壳", "精密加工"], summary: ""),
        ]
        let proposed = Self.rule.propose(need, among: profiles)
        #expect(proposed.map(\.supplier) == [Self.firm(1), Self.firm(0)], "no shared capability, below the floor, or the leader: not proposed")
        #expect(abs(proposed[0].affinity - 0.8) < 1e-9 && abs(proposed[1].affinity - (0.8 * 2 / 3 + 0.2)) < 1e-9)
        #expect(Self.rule.propose(need, among: profiles, excluding: [Self.firm(1)]).map(\.supplier) == [Self.firm(0)], "a present supplier is not proposed again")
        #expect(Self.with(maxProposals: 1).propose(need, among: profiles).count == 1)
        let floor = Self.rule.affinity(need, profiles[3])
        #expect(Self.with(minAffinity: floor).propose(need, among: profiles).map(\.supplier) == [Self.firm(1), Self.firm(0), Self.firm(3)], "the floor is inclusive")
        #expect(Self.with(minAffinity: floor.nextUp).propose(need, among: profiles).count == 2, "just above it, out")
        #expect(Self.rule.propose(need, among: profiles.reversed()).map(\.supplier) == proposed.map(\.supplier), "order of arrival does not matter")
    }

    @Test func tiesGoToTheLowerCode() {
        let twins = [SupplierProfile(uscc: Self.firm(3), chains: [], capabilities: ["冲压"], summary: ""),
                     SupplierProfile(uscc: Self.firm(0), chains: [], capabilities: ["冲压"], summary: "")]
        #expect(Self.with(minAffinity: 0).propose(need, among: twins).map(\.supplier) == [Self.firm(0), Self.firm(3)].sorted { $0.code < $1.code })
    }

    @Test func stagesAndShare() {
        let allowed: Set<String> = ["proposed→met", "proposed→declined", "met→ordered", "met→declined"]
        for a in SupplyStage.allCases { for b in SupplyStage.allCases { #expect(a.canMove(to: b) == allowed.contains("\(a)→\(b)"), "\(a)→\(b)") } }
        #expect(SupplyRule.localShare(orderedFen: 25, totalFen: 100) == 0.25)
        #expect(SupplyRule.localShare(orderedFen: 150, totalFen: 100) == 1)
        #expect(SupplyRule.localShare(orderedFen: 5, totalFen: 0) == nil)
    }
}

/// The event funnel counts each firm at its furthest stage and every earlier one.
@Suite struct EventFunnelTests {
    @Test func stagesCountCumulatively() {
        var f = EventFunnel()
        #expect(f.conversions.attendance == nil && f.conversions.intention == nil && f.conversions.contract == nil, "an empty event has no rates")
        f.add(attended: false, intention: false, contractFen: nil)
        f.add(attended: true, intention: false, contractFen: nil)
        f.add(attended: true, intention: true, contractFen: nil)
        f.add(attended: true, intention: true, contractFen: 200_000_00)
        f.add(attended: false, intention: true, contractFen: 5)   // inconsistent input counts only as registered
        #expect(f.registered == 5 && f.attended == 3 && f.intentions == 2 && f.contracts == 1 && f.contractFen == 200_000_00)
        #expect(f.conversions.attendance == 0.6 && f.conversions.intention == 2.0 / 3 && f.conversions.contract == 0.5)
    }
}

/// Round names and which is open.
@Suite struct ChiefRoundTests {
    @Test func roundsAreYearsComparedAsNumbers() {
        for good in ["2024", "2024-1", "2024-99", "2000", "2200"] { #expect(ChiefRound.isValid(good), "\(good)") }
        for bad in ["", "9", "~", "24", "2024-0", "2024-100", "2024-", "-2024", "1999", "2201", "2024-1-1", "２０２４"] { #expect(!ChiefRound.isValid(bad), "\(bad)") }
        #expect(ChiefRound.latest(["2024-9", "2024-10", "2024", "2023-12"]) == "2024-10", "not text order")
        #expect(ChiefRound.latest(["2024", "2025"]) == "2025" && ChiefRound.latest([]) == nil)
    }
}
