import Kernel
import Testing
@testable import RDMonitoring

/// rules.md §9 and §11.6: worked examples of the indicators, the above-scale edge, quarters,
/// validation, target splits and progress.
@Suite struct RDMonitoringTests {
    let a = try! USCC("91500151MA6012340R")

    @Test func quarters() {
        let q = Quarter("2023Q4")!
        #expect(q.code == 20234 && q.firstDay == LocalDate("2023-10-01")! && q.lastDay == LocalDate("2023-12-31")!)
        #expect(q.next == Quarter("2024Q1")! && Quarter("2024-Q1")!.previous == q)
        #expect(q.dueDate() == LocalDate("2024-01-15")!)
        #expect(Quarter(containing: LocalDate("2024-06-30")!) == Quarter("2024Q2")! && Quarter(containing: LocalDate("2024-07-01")!).quarter == 3)
        #expect(Quarter("2023Q5") == nil && Quarter("2023") == nil && Quarter(code: 20230) == nil)
        #expect(Quarter.range(Quarter("2023Q3")!, Quarter("2024Q2")!).map(\.description) == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"])
    }

    /// F11 and F13 as the letter states them: 58.9 % and 3.02 %.
    @Test func workedExamples() {
        let t = RDTotals(firms: 1_200, aboveScaleIndustrial: 1_000, aboveScaleWithRD: 589, statisticalRD: Money(yuan: 2_226_000_000),
                         operatingRevenue: Money(yuan: 100_000_000_000))
        #expect(t.shareWithRD == 589 && RDIndicators.percentText(589, places: 1) == "58.9%")
        // 2.226 billion over a GDP of 73.71 billion is 3.01995…% → 3.02 %.
        let i = RDIndicators.intensity(rd: t.statisticalRD, gdp: Money(yuan: 73_710_000_000))
        #expect(i == 302 && RDIndicators.percentText(302, places: 2) == "3.02%")
        #expect(t.intensity == 223, "2.226 over 100 billion of revenue: 2.226 % → 2.23 %")
        // Half up at the edge: 1/8 = 12.5 % → 125 tenths; 1/2000 = 0.05 % → 1 tenth (0.5 rounds up).
        #expect(RDIndicators.ratio(1, 8, scale: 1_000) == 125 && RDIndicators.ratio(1, 2_000, scale: 1_000) == 1)
        #expect(RDIndicators.ratio(1, 2_001, scale: 1_000) == 0)
        #expect(RDTotals().shareWithRD == nil && RDIndicators.intensity(rd: Money(fen: 1), gdp: Money(fen: 0)) == nil)
        #expect(RDIndicators.percentText(5, places: 2) == "0.05%" && RDIndicators.percentText(1_000, places: 1) == "100.0%")
        let sum = t + t
        #expect(sum.shareWithRD == 589 && sum.statisticalRD == Money(yuan: 4_452_000_000))
    }

    /// 20 million yuan a year, annualised over the quarters reported: both sides of the edge.
    @Test func aboveScaleEdge() {
        #expect(RDIndicators.isAboveScale(revenue: Money(yuan: 20_000_000), quarters: 4))
        #expect(!RDIndicators.isAboveScale(revenue: Money(fen: 2_000_000_000 - 1), quarters: 4))
        #expect(RDIndicators.isAboveScale(revenue: Money(yuan: 10_000_000), quarters: 2))
        #expect(!RDIndicators.isAboveScale(revenue: Money(fen: 1_000_000_000 - 1), quarters: 2))
        #expect(!RDIndicators.isAboveScale(revenue: Money(yuan: 50_000_000), quarters: 0))
        #expect(RDIndicators.isIndustrial(industryCode: "C3841") && RDIndicators.isIndustrial(industryCode: "B06")
                && RDIndicators.isIndustrial(industryCode: "D44") && !RDIndicators.isIndustrial(industryCode: "I65") && !RDIndicators.isIndustrial(industryCode: nil))
    }

    @Test func reportValidation() {
        let q = Quarter("2024Q1")!
        var r = RDReport(uscc: a, quarter: q, statisticalRD: Money(yuan: 100), operatingRevenue: Money(yuan: 100), rdStaff: 5, employees: 5)
        #expect(r.problems.isEmpty && r.hasRDActivity)
        r.statisticalRD = Money(yuan: 101)
        #expect(r.problems.map(\.path) == ["statistical"], "R&D above revenue")
        r.statisticalRD = Money(yuan: 0); r.taxDeductionRD = Money(fen: -1); r.rdStaff = 6
        #expect(Set(r.problems.map(\.path)) == ["taxDeduction", "rdStaff"])
        r.taxDeductionRD = nil; r.rdStaff = 1
        #expect(r.problems.isEmpty && !r.hasRDActivity)
        r.rdProjects = 1
        #expect(r.hasRDActivity, "a project under way is R&D activity")
        // Ceilings keep district sums in 64 bits and counts in the database's 32-bit integers.
        r.operatingRevenue = RDReport.maximumAmount
        #expect(r.problems.isEmpty)
        r.operatingRevenue = Money(fen: RDReport.maximumAmount.fen + 1); r.employees = RDReport.maximumCount + 1
        #expect(Set(r.problems.map(\.path)) == ["operatingRevenue", "employees"])
        // The bases stay apart: a missing basis is missing, not the statistical amount.
        #expect(r.amount(.taxDeduction) == nil && r.amount(.statistical) == Money(fen: 0))
    }

    @Test func targetSplitsAddUp() {
        let town1 = TargetUnit.town("500151001"), town2 = TargetUnit.town("500151002")
        var plan = TargetPlan(year: 2024, targets: [
            RDTarget(year: 2024, indicator: .totalRD, unit: .district, value: 1_000),
            RDTarget(year: 2024, indicator: .totalRD, unit: town1, value: 600),
            RDTarget(year: 2024, indicator: .totalRD, unit: town2, value: 400),
            RDTarget(year: 2024, indicator: .totalRD, unit: .firm(a), value: 300),
            RDTarget(year: 2024, indicator: .shareWithRD, unit: .district, value: 600),
            RDTarget(year: 2024, indicator: .shareWithRD, unit: town1, value: 700),
        ])
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        plan.targets[2].value = 399
        #expect(plan.problems.count == 1 && plan.problems[0].contains("town targets add up"))
        plan.targets[2].value = 400
        plan.targets.append(RDTarget(year: 2024, indicator: .totalRD, unit: .department("经信委"), value: 999))
        #expect(plan.problems.count == 1 && plan.problems[0].contains("department"))
        plan.targets.removeLast()
        plan.targets[3].value = 1_001
        #expect(plan.problems.contains { $0.contains("key firms") })
        plan.targets[3].value = 300
        plan.targets[5].value = 1_001
        #expect(plan.problems.contains { $0.contains("above 100%") })
        plan.targets[5].value = 700
        plan.targets.append(RDTarget(year: 2024, indicator: .intensity, unit: town2, value: 300))
        #expect(plan.problems.contains { $0.contains("the district has none") })
        plan.targets.removeLast()
        plan.targets.append(plan.targets[0])
        #expect(plan.problems.contains { $0.contains("set twice") })
        #expect(TargetUnit(kind: "firm", code: "nope") == nil && TargetUnit(kind: "town", code: "x") == .town("x") && TargetUnit(kind: "planet", code: "x") == nil)
    }

    @Test func progressForecastAndPace() {
        let p = RDProgress(target: 1_000, actual: 400, quartersElapsed: 2)
        #expect(p.forecast(.totalRD) == 800 && p.expected(.totalRD) == 500 && p.isBehindPace(.totalRD) && p.gap == 600)
        let on = RDProgress(target: 1_000, actual: 500, quartersElapsed: 2)
        #expect(!on.isBehindPace(.totalRD), "exactly on pace is not behind")
        let ratio = RDProgress(target: 600, actual: 599, quartersElapsed: 3)
        #expect(ratio.forecast(.shareWithRD) == 599 && ratio.isBehindPace(.shareWithRD))
        #expect(RDProgress(target: 10, actual: 12, quartersElapsed: 4).gap == 0)
        #expect(RDProgress(target: 1, actual: Int64.max / 2, quartersElapsed: 1, seasonalShare: 1).forecast(.totalRD) == Int64.max, "clamped, not trapped")
        #expect(RDProgress(target: 10, actual: 1, quartersElapsed: 3).forecast(.totalRD) == 1, "4/3 rounds to 1")
        // Last year's shape: 22 % of the year's R&D by the end of Q1.
        let share = RDProgress.seasonalShare(lastYear: [1: 22, 2: 24, 3: 25, 4: 29], through: 1)
        #expect(share == 2_200 && RDProgress.seasonalShare(lastYear: [1: 22, 2: 24, 3: 25], through: 1) == nil, "an incomplete year is no shape")
        let q1 = RDProgress(target: 1_000, actual: 230, quartersElapsed: 1, seasonalShare: share)
        #expect(q1.expected(.totalRD) == 220 && !q1.isBehindPace(.totalRD) && q1.forecast(.totalRD) == 1_045)
        let q1Behind = RDProgress(target: 1_000, actual: 219, quartersElapsed: 1, seasonalShare: share)
        #expect(q1Behind.isBehindPace(.totalRD), "one below last year's shape is behind")
        #expect(RDProgress(target: 1_000, actual: 230, quartersElapsed: 1).isBehindPace(.totalRD), "against a straight line it would be behind")
    }

    /// 数据截至 is the latest quarter due (rules.md §9: reports due on RDRules' day, the 15th [I]),
    /// within the year — both sides of the due day, and the years before and after.
    @Test(arguments: [
        ("2024-07-14", 2024, "2024Q1"), ("2024-07-15", 2024, "2024Q2"), ("2024-04-14", 2024, nil),
        ("2024-04-15", 2024, "2024Q1"), ("2024-07-01", 2023, "2023Q4"), ("2024-07-01", 2025, nil),
    ] as [(String, Int, String?)])
    func theQuarterRunsToTheLastOneDue(_ day: String, _ year: Int, _ through: String?) throws {
        let date = try #require(LocalDate(day))
        #expect(Quarter.reportedThrough(year: year, on: date) == through.flatMap { Quarter($0) })
    }
}
