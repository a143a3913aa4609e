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

    /// assessment-v1.md (revised 2026-12): shares 0.25 and 0.7317 met; with only 2023 of the window 2021–2023 on
    /// record the R&D intensity and the domestic share are unknown, with no value; score range 22–88, "possible".
    @Test func contractExample() {
        let r = HighTechEvaluator.evaluate(input(), rules: rules)
        #expect(r.conditions.filter { !["highTech.rdIntensity", "highTech.domesticRdShare"].contains($0.id) }.allSatisfy { $0.status == .met }, "\(r.conditions)")
        #expect(status(r, "rdIntensity") == .unknown && status(r, "domesticRdShare") == .unknown)
        func ratio(_ id: String) -> Fraction? {
            guard case .ratio(let f)? = r.conditions.first(where: { $0.id == "highTech." + id })?.value else { return nil }
            return f
        }
        // Exact values; the report's 4-decimal rounding is tested with the contract in WebServerTests.
        #expect(ratio("stStaffShare") == Fraction(30, 120))
        #expect(ratio("rdIntensity") == nil && ratio("domesticRdShare") == nil, "one good year never stands in for three")
        #expect(ratio("highTechRevenueShare") == Fraction(6_000_000_000, 8_200_000_000))
        guard case .ratio(let required)? = r.conditions.first(where: { $0.id == "highTech.rdIntensity" })?.required else { Issue.record("no requirement"); return }
        #expect(required == .percent(4))
        #expect(r.scoreRange == PointRange(22, 88))
        #expect(r.verdict == .possible)
    }

    static func year(_ y: Int, rd: Int64 = 4_200_000, domestic: Int64? = 4_200_000) -> FiscalYearFacts {
        var f = example
        f.year = y; f.rdExpense = Money(yuan: rd); f.rdExpenseDomestic = domestic.map { Money(yuan: $0) }
        return f
    }

    /// The window (assessment-v1.md, revised 2026-12): Y−2…Y, less the years before registration; every
    /// year of it on record, or the ratios are unknown. Both sides of each edge.
    @Test(arguments: [
        ([2021, 2022, 2023], "2016-04-12", Check.Status.met),      // the full window
        ([2022, 2023], "2016-04-12", .unknown),                    // 2021 missing
        ([2021, 2023], "2016-04-12", .unknown),                    // a hole in the middle
        ([2020, 2022, 2023], "2016-04-12", .unknown),              // a year before the window does not stand in
        ([2022, 2023], "2022-03-01", .met),                        // registered in 2022: the window is 2022–2023
        ([2023], "2022-03-01", .unknown),                          // … and 2022 is part of it
        ([2023], "2023-01-01", .met),                              // registered in Y: Y alone
    ] as [([Int], String, Check.Status)])
    func theWindowIsEveryYearSinceTheLaterOfYMinusTwoAndRegistration(_ years: [Int], _ registered: String, _ expected: Check.Status) {
        let r = HighTechEvaluator.evaluate(input(years.map { Self.year($0) }, registeredOn: registered), rules: rules)
        #expect(status(r, "rdIntensity") == expected && status(r, "domesticRdShare") == expected)
        #expect((r.conditions.first { $0.id == "highTech.rdIntensity" }?.value == nil) == (expected == .unknown), "unknown carries no value")
    }

    /// Over the whole window: 2021 weak, 2022 and 2023 strong — the sum decides, not the latest year.
    @Test func theRatioIsTheWindowsSums() {
        let weak = HighTechEvaluator.evaluate(input([Self.year(2021, rd: 200_000), Self.year(2022, rd: 2_000_000), Self.year(2023)]), rules: rules)
        // (0.2 + 2 + 4.2) M / 240 M = 2.67% < 4%
        #expect(status(weak, "rdIntensity") == .unmet)
        let noDomestic = HighTechEvaluator.evaluate(input([Self.year(2021), Self.year(2022, domestic: nil), Self.year(2023)]), rules: rules)
        #expect(status(noDomestic, "rdIntensity") == .met && status(noDomestic, "domesticRdShare") == .unknown, "a year without its domestic share")
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
