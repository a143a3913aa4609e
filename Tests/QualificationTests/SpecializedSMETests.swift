import Kernel
import Registry
import Testing
@testable import Qualification

/// 工信部企业〔2022〕63号 附件2: the contract example (45 points, by award), each condition's edge,
/// each direct route.
@Suite struct SpecializedSMETests {
    let rules = SpecializedSMERules.cn2022

    func input(_ f: FiscalYearFacts = HighTechTests.example, previous: FiscalYearFacts? = nil, niche: Int? = 4,
               awards: [Award] = [], institutions: [RDInstitution] = [RDInstitution(level: .provincial)],
               equity: [EquityFinancing] = []) -> SpecializedSMEInput {
        SpecializedSMEInput(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, sme: true, years: [f] + (previous.map { [$0] } ?? []),
                            yearsInNiche: niche, ip: [IPItem(kind: .invention)], awards: awards, rdInstitutions: institutions, equityFinancing: equity)
    }

    func with(_ change: (inout FiscalYearFacts) -> Void) -> FiscalYearFacts {
        var f = HighTechTests.example
        change(&f)
        return f
    }

    /// 5 (share) + 2 (niche) + 6 (margin) + 5 (debt) + 8 (IP) + 8 (R&D) + 3 (R&D staff) + 8 (institution) = 45.
    @Test func contractExample() {
        let r = SpecializedSMEEvaluator.evaluate(input(awards: [Award(level: .national, year: 2022, rank: 2)]), rules: rules)
        #expect(r.score == 45)
        #expect(r.eligible && r.qualifies && r.route == .award)
    }

    @Test func conditionEdges() {
        #expect(SpecializedSMEEvaluator.evaluate(input(niche: 2), rules: rules).eligible)
        #expect(!SpecializedSMEEvaluator.evaluate(input(niche: 1), rules: rules).eligible)
        #expect(SpecializedSMEEvaluator.evaluate(input(niche: nil), rules: rules).eligibility == .unknown)
        // R&D at least 1,000,000 yuan and at least 3% of operating revenue (here 30 M).
        let small = { (rd: Int64) in with { $0.operatingRevenue = Money(yuan: 30_000_000); $0.rdExpense = Money(fen: rd) } }
        #expect(SpecializedSMEEvaluator.evaluate(input(small(100_000_000)), rules: rules).eligible)
        #expect(!SpecializedSMEEvaluator.evaluate(input(small(99_999_999)), rules: rules).eligible)
        let share = { (rd: Int64) in with { $0.operatingRevenue = Money(yuan: 50_000_000); $0.rdExpense = Money(yuan: rd) } }
        #expect(SpecializedSMEEvaluator.evaluate(input(share(1_500_000)), rules: rules).eligible)
        #expect(!SpecializedSMEEvaluator.evaluate(input(share(1_499_999)), rules: rules).eligible)
        // Revenue below 10 M needs 20 M of qualified equity financing in the last two years.
        let low = with { $0.operatingRevenue = Money(yuan: 9_999_999); $0.rdExpense = Money(yuan: 1_000_000) }
        #expect(!SpecializedSMEEvaluator.evaluate(input(low), rules: rules).eligible)
        let funded = EquityFinancing(date: LocalDate("2022-05-01")!, amount: Money(yuan: 20_000_000), qualifiedInvestor: true)
        #expect(SpecializedSMEEvaluator.evaluate(input(low, equity: [funded]), rules: rules).eligible)
    }

    @Test func directRoutes() {
        func route(_ i: SpecializedSMEInput) -> SpecializedSMEResult.Route? { SpecializedSMEEvaluator.evaluate(i, rules: rules).route }
        #expect(route(input()) == nil, "45 points and no direct route")
        #expect(route(input(awards: [Award(level: .provincial, year: 2021, rank: 3)])) == .award)
        #expect(route(input(awards: [Award(level: .provincial, year: 2021, rank: 4)])) == nil)
        #expect(route(input(awards: [Award(level: .national, year: 2021, rank: 5)])) == .award)
        #expect(route(input(awards: [Award(level: .national, year: 2020, rank: 1)])) == nil, "older than three years")
        let big = with { $0.rdExpense = Money(yuan: 10_000_000); $0.rdExpenseDomestic = Money(yuan: 10_000_000) }
        let bigBefore = with { $0.year = 2022; $0.rdExpense = Money(yuan: 10_000_000) }
        let r = SpecializedSMEEvaluator.evaluate(input(big, previous: bigBefore, institutions: []), rules: rules)
        #expect(r.score == 39 && r.route == .rdAverage, "an average R&D of 10,000,000 yuan over two years qualifies directly")
        let money = EquityFinancing(date: LocalDate("2022-05-01")!, amount: Money(yuan: 60_000_000), qualifiedInvestor: true)
        #expect(route(input(equity: [money])) == .equityFinancing)
    }
}
