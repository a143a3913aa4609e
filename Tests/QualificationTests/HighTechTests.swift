import Foundation
import Kernel
import Registry
import Testing
@testable import Qualification

/// 国科发火〔2016〕32号 第十一条 and its 工作指引: the contract example, each threshold on both
/// sides of its edge, the growth formula with its zero rules.
@Suite struct HighTechTests {
    let rules = HighTechRules.cn2016
    static let example = FiscalYearFacts(
        year: 2023, employees: 120, stStaff: 30, rdStaff: 22, salesRevenue: Money(yuan: 80_000_000), operatingRevenue: Money(yuan: 80_000_000),
        mainBusinessRevenue: Money(yuan: 76_000_000), totalIncome: Money(yuan: 82_000_000), highTechRevenue: Money(yuan: 60_000_000),
        totalCostAndExpense: Money(yuan: 70_000_000), rdExpense: Money(yuan: 4_200_000), rdExpenseDomestic: Money(yuan: 4_200_000),
        totalAssets: Money(yuan: 120_000_000), totalLiabilities: Money(yuan: 50_000_000), netProfit: Money(yuan: 6_000_000), conversions: 3)

    func input(_ years: [FiscalYearFacts] = [example], registeredOn: String = "2016-04-12",
               ip: [IPItem] = [IPItem(kind: .invention)], standards: [StandardLed] = [StandardLed(level: .industry, year: 2021)]) -> HighTechInput {
        HighTechInput(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, registeredOn: LocalDate(registeredOn), years: years, ip: ip,
                      standardsLed: standards, compliance: Compliance(seriousIncidentLastYear: false))
    }

    func status(_ r: HighTechResult, _ id: String) -> Check.Status? { r.conditions.first { $0.id == "highTech." + id }?.status }

    /// assessment-v1.md: every condition met, shares 0.25 / 0.0525 / 1.0 / 0.7317, score range 22–88, "possible".
    @Test func contractExample() {
        let r = HighTechEvaluator.evaluate(input(), rules: rules)
        #expect(r.conditions.allSatisfy { $0.status == .met }, "\(r.conditions)")
        func ratio(_ id: String) -> Fraction? {
            guard case .ratio(let f)? = r.conditions.first(where: { $0.id == "highTech." + id })?.value else { return nil }
            return f
        }
        // Exact values; the report's 4-decimal rounding is tested with the contract in WebServerTests.
        #expect(ratio("stStaffShare") == Fraction(30, 120))
        #expect(ratio("rdIntensity") == Fraction(420_000_000, 8_000_000_000))
        #expect(ratio("domesticRdShare") == Fraction(420_000_000, 420_000_000))
        #expect(ratio("highTechRevenueShare") == Fraction(6_000_000_000, 8_200_000_000))
        guard case .ratio(let required)? = r.conditions.first(where: { $0.id == "highTech.rdIntensity" })?.required else { Issue.record("no requirement"); return }
        #expect(required == .percent(4))
        #expect(r.scoreRange == PointRange(22, 88))
        #expect(r.verdict == .possible)
    }

    /// 第十一条 (五): the requirement by latest-year sales, each ceiling inclusive.
    @Test(arguments: [(50_000_000, 5), (50_000_001, 4), (200_000_000, 4), (200_000_001, 3)] as [(Int64, Int64)])
    func rdRequirementBySales(_ sales: Int64, _ percent: Int64) {
        #expect(rules.requiredRdIntensity(latestSales: Money(yuan: sales)) == .percent(percent))
    }

    /// 第十一条 (四) and (六): exactly 10% S&T staff and exactly 60% high-tech income meet; one less does not.
    @Test func sharesAtTheirEdges() {
        var f = Self.example
        f.employees = 100; f.stStaff = 10; f.totalIncome = Money(yuan: 100_000_000); f.highTechRevenue = Money(yuan: 60_000_000)
        #expect(status(HighTechEvaluator.evaluate(input([f]), rules: rules), "stStaffShare") == .met)
        #expect(status(HighTechEvaluator.evaluate(input([f]), rules: rules), "highTechRevenueShare") == .met)
        f.stStaff = 9; f.highTechRevenue = Money(fen: 6_000_000_000 - 1)
        #expect(status(HighTechEvaluator.evaluate(input([f]), rules: rules), "stStaffShare") == .unmet)
        #expect(status(HighTechEvaluator.evaluate(input([f]), rules: rules), "highTechRevenueShare") == .unmet)
    }

    /// 第十一条 (五): R&D summed over three years against the latest year's band; exactly 4% meets.
    @Test func rdIntensityOverThreeYears() {
        func year(_ y: Int, sales: Int64, rd: Int64) -> FiscalYearFacts {
            var f = Self.example
            f = FiscalYearFacts(year: y, employees: f.employees, stStaff: f.stStaff, salesRevenue: Money(yuan: sales), totalIncome: f.totalIncome,
                                highTechRevenue: f.highTechRevenue, rdExpense: Money(yuan: rd), rdExpenseDomestic: Money(yuan: rd))
            return f
        }
        // 2 + 3 + 7 = 12 M over 100 + 100 + 100 M = 4.0% with latest sales 100 M (4% band).
        let exact = [year(2021, sales: 100_000_000, rd: 2_000_000), year(2022, sales: 100_000_000, rd: 3_000_000), year(2023, sales: 100_000_000, rd: 7_000_000)]
        #expect(status(HighTechEvaluator.evaluate(input(exact), rules: rules), "rdIntensity") == .met)
        var short = exact
        short[2] = year(2023, sales: 100_000_000, rd: 6_999_999)
        #expect(status(HighTechEvaluator.evaluate(input(short), rules: rules), "rdIntensity") == .unmet)
        // Without the latest year nothing can be said.
        #expect(status(HighTechEvaluator.evaluate(input(Array(exact.prefix(2))), rules: rules), "rdIntensity") == .unknown)
    }

    /// 第十一条 (一): registered 365 days by the application date.
    @Test func registeredOneYear() {
        #expect(status(HighTechEvaluator.evaluate(input(registeredOn: "2023-07-01"), rules: rules), "registeredOneYear") == .met)
        #expect(status(HighTechEvaluator.evaluate(input(registeredOn: "2023-07-02"), rules: rules), "registeredOneYear") == .unmet)
    }

    /// Class-II IP already used in a high-tech application cannot support another (工作指引).
    @Test func usedClassIIIsNotCoreIP() {
        let used = IPItem(kind: .utilityModel, usedInHighTechApplication: true)
        let r = HighTechEvaluator.evaluate(input(ip: [used]), rules: rules)
        #expect(status(r, "coreIP") == .unmet)
        #expect(r.verdict == .ineligible)
    }

    /// 工作指引 growth: ½(x2/x1 + x3/x2) − 1 with band edges exact; zero rules.
    @Test func growthFormula() {
        let m = { (y: Int64) in Money(yuan: y) }
        func pts(_ a: Int64?, _ b: Int64?, _ c: Int64?) -> PointRange {
            Growth.points(Growth.rate(a.map(m), b.map(m), c.map(m)), bands: rules.growthBands)
        }
        #expect(pts(100, 115, 132) == PointRange(3, 4), "½(1.15 + 1.1478) − 1 = 14.89%: just below the 15% band")
        #expect(pts(100, 100, 130) == PointRange(5, 6), "½(1 + 1.3) − 1 = 15% exactly earns the 15% band")
        #expect(pts(100, 100, 129) == PointRange(3, 4), "14.5% does not")
        #expect(pts(0, 100, 135) == PointRange(9, 10), "first year zero: the last two years alone, 35%")
        #expect(pts(100, 0, 135) == .zero, "middle year zero: no points")
        #expect(pts(100, 100, 100) == .zero, "no growth earns nothing")
        #expect(pts(100, 90, 80) == .zero)
        #expect(pts(nil, 100, 105) == PointRange(3, 4), "two years known: simple growth 5%")
    }
}
