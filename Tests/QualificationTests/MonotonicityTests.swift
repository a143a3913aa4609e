import Kernel
import Registry
import Testing
@testable import Qualification

/// Property: more R&D, more S&T staff or one more patent never lowers any score of any
/// qualification (issue: qualification engine, tests). Random firms from a fixed seed, so a
/// failure names a reproducible case.
@Suite struct MonotonicityTests {
    typealias Generator = SeededRandom

    static let uscc = try! USCC("91500151MA6012340R")

    static func firm(_ g: inout Generator) -> AssessmentFacts {
        let employees = Int(g.int64(1...600))
        let years = (2021...2023).map { y -> FiscalYearFacts in
            let sales = g.int64(0...300_000_000)
            return FiscalYearFacts(year: y, employees: employees, stStaff: Int(g.int64(0...Int64(employees))), rdStaff: Int(g.int64(0...Int64(employees))),
                                   salesRevenue: Money(yuan: sales), operatingRevenue: Money(yuan: sales), mainBusinessRevenue: Money(yuan: sales * 8 / 10),
                                   totalIncome: Money(yuan: sales + 1), highTechRevenue: Money(yuan: sales * g.int64(0...10) / 10),
                                   totalCostAndExpense: Money(yuan: g.int64(1...300_000_000)), rdExpense: Money(yuan: g.int64(0...20_000_000)),
                                   rdExpenseDomestic: nil, totalAssets: Money(yuan: g.int64(1...300_000_000)),
                                   totalLiabilities: Money(yuan: g.int64(0...100_000_000)), netProfit: Money(yuan: g.int64(-5_000_000...20_000_000)),
                                   conversions: Int(g.int64(0...8)))
        }
        let ip = (0..<g.int64(0...5)).map { _ in IPItem(kind: IPKind.allCases[Int(g.int64(0...Int64(IPKind.allCases.count - 1)))]) }
        return AssessmentFacts(uscc: uscc, registeredOn: LocalDate("2015-03-01"), asOf: LocalDate("2024-06-30")!, sme: true,
                               fiscalYears: years, ip: ip, yearsInNiche: Int(g.int64(0...6)), strategicEmergingIndustry: true)
    }

    /// Every score the engine gives, lower bound of the 高企 range included.
    static func scores(_ f: AssessmentFacts) -> [String: Int] {
        let a = Assessment.evaluate(f, rules: .cn2024_1)
        return ["techSME": a.techSME.score, "highTech.min": a.highTech.scoreRange.min, "highTech.max": a.highTech.scoreRange.max,
                "innovativeSME": a.innovativeSME.score, "specializedSME": a.specializedSME.score]
    }

    static func noneLower(_ before: [String: Int], _ after: [String: Int]) -> [String] {
        before.keys.sorted().filter { after[$0]! < before[$0]! }.map { "\($0): \(before[$0]!) → \(after[$0]!)" }
    }

    /// For 500 random firms from `seed`, every change `raise` makes never lowers a score.
    static func neverLower(seed: UInt64, _ raise: (AssessmentFacts, inout Generator) -> [(String, AssessmentFacts)]) {
        var g = Generator(seed: seed)
        for i in 0..<500 {
            let f = firm(&g)
            for (label, more) in raise(f, &g) {
                let lowered = noneLower(scores(f), scores(more))
                #expect(lowered.isEmpty, "case \(i) \(label): \(lowered)")
            }
        }
    }

    @Test func moreRDNeverLowersAScore() {
        Self.neverLower(seed: 1) { f, g in
            var more = f
            let extra = g.int64(1...5_000_000)
            more.fiscalYears = f.fiscalYears.map { var y = $0; y.rdExpense = Money(yuan: (y.rdExpense?.fen ?? 0) / 100 + extra); return y }
            return [("R&D", more)]
        }
    }

    @Test func moreStaffNeverLowersAScore() {
        Self.neverLower(seed: 2) { f, _ in
            var more = f
            more.fiscalYears = f.fiscalYears.map { var y = $0; y.stStaff = y.employees; y.rdStaff = y.employees; return y }
            return [("staff", more)]
        }
    }

    @Test func oneMorePatentNeverLowersAScore() {
        Self.neverLower(seed: 3) { f, _ in
            [IPKind.invention, .utilityModel, .software].map { kind in
                var more = f
                more.ip.append(IPItem(kind: kind))
                return ("+\(kind)", more)
            }
        }
    }
}
