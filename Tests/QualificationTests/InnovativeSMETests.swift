import Kernel
import Registry
import Testing
@testable import Qualification

/// 工信部企业〔2022〕63号 附件1: the contract example, band edges, block minimums, direct conditions.
@Suite struct InnovativeSMETests {
    let rules = InnovativeSMERules.cn2022
    let example = HighTechTests.example

    func input(latest: FiscalYearFacts? = HighTechTests.example, previous: FiscalYearFacts? = nil, sme: Bool? = true,
               ip: [IPItem] = [IPItem(kind: .invention)], awards: [Award] = [], strategic: Bool? = true,
               equity: [EquityFinancing] = [], designations: [Designation] = [], institutions: [RDInstitution] = []) -> InnovativeSMEInput {
        InnovativeSMEInput(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, sme: sme, latest: latest, previous: previous, ip: ip,
                           awards: awards, rdInstitutions: institutions, equityFinancing: equity, designations: designations,
                           strategicEmergingIndustry: strategic)
    }

    /// assessment-v1.md: 75 = 35 + 10 + 30; growth unknown so its block misses 15; qualifies by award.
    @Test func contractExample() {
        let r = InnovativeSMEEvaluator.evaluate(input(awards: [Award(level: .national, year: 2022, rank: 2)]), rules: rules)
        #expect((r.score, r.innovation, r.growth, r.specialisation) == (75, 35, 10, 30))
        #expect(r.qualifies && r.route == .award)
        #expect(r.checks.contains { $0.id == "innovativeSME.mainBusinessGrowth" && $0.status == .unknown })
    }

    func with(_ change: (inout FiscalYearFacts) -> Void) -> FiscalYearFacts {
        var f = example
        change(&f)
        return f
    }

    /// R&D / operating revenue: 5% earns 20, just below earns 15 (operating revenue 100 M).
    @Test(arguments: [(5_000_000, 20), (4_999_999, 15), (3_000_000, 15), (2_999_999, 10), (2_000_000, 10), (1_999_999, 5), (1_000_000, 5), (999_999, 0)] as [(Int64, Int)])
    func rdBands(_ rd: Int64, _ points: Int) {
        let f = with { $0.operatingRevenue = Money(yuan: 100_000_000); $0.mainBusinessRevenue = Money(yuan: 100_000_000); $0.rdExpense = Money(yuan: rd) }
        let r = InnovativeSMEEvaluator.evaluate(input(latest: f), rules: rules)
        #expect(r.innovation - 15 == points, "IP 15 + R&D \(points)")
    }

    /// Main-business growth: 15% earns 20; 0% earns 5; a fall earns 0.
    @Test(arguments: [(115, 20), (114, 15), (110, 15), (105, 10), (104, 5), (100, 5), (99, 0)] as [(Int64, Int)])
    func growthBands(_ now: Int64, _ points: Int) {
        let before = with { $0.year = 2022; $0.mainBusinessRevenue = Money(yuan: 100_000_000) }
        let after = with { $0.mainBusinessRevenue = Money(yuan: now * 1_000_000); $0.operatingRevenue = Money(yuan: now * 1_000_000) }
        let r = InnovativeSMEEvaluator.evaluate(input(latest: after, previous: before), rules: rules)
        #expect(r.growth - 10 == points, "debt ratio 10 + growth \(points)")
    }

    /// Asset-liability ratio: below 55% earns 10; 55% to 75% inclusive earns 5; above 75% earns 0.
    @Test(arguments: [(54, 10), (55, 5), (75, 5), (76, 0)] as [(Int64, Int)])
    func debtBands(_ percent: Int64, _ points: Int) {
        let f = with { $0.totalAssets = Money(yuan: 100_000_000); $0.totalLiabilities = Money(yuan: percent * 1_000_000) }
        #expect(InnovativeSMEEvaluator.evaluate(input(latest: f), rules: rules).growth == points)
    }

    /// Main-business share: 70% earns 20 … below 50% earns 0.
    @Test(arguments: [(70, 20), (69, 15), (60, 15), (59, 10), (55, 10), (54, 5), (50, 5), (49, 0)] as [(Int64, Int)])
    func shareBands(_ percent: Int64, _ points: Int) {
        let f = with { $0.operatingRevenue = Money(yuan: 100_000_000); $0.mainBusinessRevenue = Money(yuan: percent * 1_000_000) }
        #expect(InnovativeSMEEvaluator.evaluate(input(latest: f), rules: rules).specialisation == 10 + points)
    }

    @Test func ipLevels() {
        func ipPoints(_ ip: [IPItem]) -> Int { InnovativeSMEEvaluator.evaluate(input(ip: ip), rules: rules).innovation - 20 }
        #expect(ipPoints([IPItem(kind: .invention, highValue: true)]) == 20)
        #expect(ipPoints([IPItem(kind: .invention)]) == 15)
        #expect(ipPoints([IPItem(kind: .invention, selfDeveloped: false)]) == 10)
        #expect(ipPoints([IPItem(kind: .software)]) == 5)
        #expect(ipPoints([]) == 0)
    }

    @Test func directConditionsInOrder() {
        let weak = with { $0.rdExpense = Money.zero }
        func route(_ i: InnovativeSMEInput) -> InnovativeSMEResult.Route? { InnovativeSMEEvaluator.evaluate(i, rules: rules).route }
        #expect(route(input(latest: weak)) == nil)
        #expect(route(input(latest: weak, awards: [Award(level: .provincial, year: 2021)])) == .award)
        #expect(route(input(latest: weak, awards: [Award(level: .provincial, year: 2020)])) == nil, "older than three years")
        let hte = Designation(kind: .highTech, issuedOn: LocalDate("2022-11-01")!, expiresOn: LocalDate("2025-10-31")!)
        #expect(route(input(latest: weak, designations: [hte])) == .honour)
        #expect(route(input(latest: weak, institutions: [RDInstitution(level: .national)])) == .rdInstitution)
        let money = EquityFinancing(date: LocalDate("2022-03-01")!, amount: Money(yuan: 5_000_000), qualifiedInvestor: true)
        #expect(route(input(latest: weak, equity: [money])) == .equityFinancing)
        let short = EquityFinancing(date: LocalDate("2022-03-01")!, amount: Money(fen: 499_999_999), qualifiedInvestor: true)
        #expect(route(input(latest: weak, equity: [short])) == nil)
        #expect(route(input(latest: weak, sme: false, designations: [hte])) == nil, "only SMEs")
    }

    @Test func passingByScoreNeedsEveryBlockMinimum() {
        let before = with { $0.year = 2022; $0.mainBusinessRevenue = Money(yuan: 60_000_000) }
        let r = InnovativeSMEEvaluator.evaluate(input(previous: before), rules: rules)
        #expect(r.growth == 30 && r.route == .score)
    }
}
