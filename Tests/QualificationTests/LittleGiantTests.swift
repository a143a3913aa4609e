import Kernel
import Registry
import Testing
@testable import Qualification

@Suite struct LittleGiantTests {
    let rules = LittleGiantRules.cn2022

    func evaluate(_ years: [FiscalYearFacts], niche: Int? = 5, awards: [Award] = [], specialised: Bool = true) -> LittleGiantResult {
        let d = Designation(kind: .specializedSME, issuedOn: LocalDate("2022-05-01")!, expiresOn: LocalDate("2025-04-30")!)
        return LittleGiantEvaluator.evaluate(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, years: years, yearsInNiche: niche,
                                             ip: [IPItem(kind: .invention), IPItem(kind: .invention)], awards: awards,
                                             rdInstitutions: [RDInstitution(level: .municipal)], equityFinancing: [],
                                             designations: specialised ? [d] : [], rules: rules)
    }

    func year(_ y: Int, revenue: Int64, rd: Int64, main: Int64? = nil) -> FiscalYearFacts {
        FiscalYearFacts(year: y, employees: 300, rdStaff: 60, operatingRevenue: Money(yuan: revenue), mainBusinessRevenue: Money(yuan: main ?? revenue),
                        rdExpense: Money(yuan: rd), totalAssets: Money(yuan: 100), totalLiabilities: Money(yuan: 70))
    }

    func status(_ r: LittleGiantResult, _ id: String) -> Check.Status? { r.checks.first { $0.id == "littleGiant." + id }?.status }

    /// Revenue ≥ 100 M: R&D ≥ 3% in each of the last two years, inclusive.
    @Test func rdRuleForLargeRevenue() {
        let ok = [year(2021, revenue: 90_000_000, rd: 1), year(2022, revenue: 100_000_000, rd: 3_000_000), year(2023, revenue: 110_000_000, rd: 3_300_000)]
        #expect(status(evaluate(ok), "rdInput") == .met)
        var short = ok
        short[1] = year(2022, revenue: 100_000_000, rd: 2_999_999)
        #expect(status(evaluate(short), "rdInput") == .unmet)
    }

    /// Revenue 50–100 M: 6% each year.
    @Test func rdRuleForMiddleRevenue() {
        let ok = [year(2021, revenue: 50_000_000, rd: 1), year(2022, revenue: 50_000_000, rd: 3_000_000), year(2023, revenue: 55_000_000, rd: 3_300_000)]
        #expect(status(evaluate(ok), "rdInput") == .met)
        let short = [ok[0], ok[1], year(2023, revenue: 55_000_000, rd: 3_299_999)]
        #expect(status(evaluate(short), "rdInput") == .unmet)
    }

    /// Debt ratio up to 70% inclusive; growth averaged over two years, 5% inclusive.
    @Test func debtAndGrowthEdges() {
        let years = [year(2021, revenue: 100_000_000, rd: 3_000_000), year(2022, revenue: 100_000_000, rd: 3_000_000), year(2023, revenue: 110_000_000, rd: 3_300_000)]
        let r = evaluate(years)
        #expect(status(r, "debtRatio") == .met)
        #expect(status(r, "averageGrowth") == .met, "½(1.00 + 1.10) − 1 = 5% exactly")
        let slower = [years[0], years[1], year(2023, revenue: 109_999_999, rd: 3_300_000)]
        #expect(status(evaluate(slower), "averageGrowth") == .unmet)
        // A missing middle or latest year leaves the growth unknown, never unmet.
        #expect(status(evaluate([years[0], years[2]]), "averageGrowth") == .unknown, "the middle year missing")
        #expect(status(evaluate([years[0], years[1]]), "averageGrowth") == .unknown, "the latest year missing")
        #expect(status(evaluate([years[1], years[2]]), "averageGrowth") == .unknown, "the first year missing")
    }

    @Test func neverQualifiesOnDataAlone() {
        let years = [year(2021, revenue: 100_000_000, rd: 3_000_000), year(2022, revenue: 100_000_000, rd: 3_000_000), year(2023, revenue: 110_000_000, rd: 3_300_000)]
        let r = evaluate(years)
        #expect(!r.qualifies)
        #expect(r.checks.combined == .unknown, "only the evidence items remain open")
        #expect(status(evaluate(years, specialised: false), "specializedSME") == .unmet)
        let direct = evaluate(years, awards: [Award(level: .national, year: 2022, rank: 1)])
        #expect(status(direct, "directInnovation") == .met && status(direct, "rdInput") == nil)
    }
}
