import Kernel
import Registry
import Testing
@testable import Qualification

/// Property: each 高企 gap is the smallest change that meets its condition — adding exactly the
/// amount meets it, one unit less does not (国科发火〔2016〕32号 第十一条 (四)(五)(六)).
@Suite struct GapTests {
    typealias G = MonotonicityTests

    func status(_ id: String, _ f: AssessmentFacts) -> Check.Status? {
        Assessment.evaluate(f, rules: .cn2024_1).highTech.conditions.first { $0.id == id }?.status
    }

    /// Changes the evaluation year's books.
    func adjusting(_ f: AssessmentFacts, _ change: (inout FiscalYearFacts) -> Void) -> AssessmentFacts {
        var g = f
        g.fiscalYears = f.fiscalYears.map { y in var y = y; if y.year == f.evaluationYear { change(&y) }; return y }
        return g
    }

    @Test func gapsAreExactlyEnough() {
        var gen = G.Generator(seed: 7)
        var seen: [String: Int] = [:]
        for i in 0..<3_000 {
            let f = G.firm(&gen)
            for gap in Assessment.evaluate(f, rules: .cn2024_1).highTechGaps {
                seen[gap.id, default: 0] += 1
                let q = gap.quantity
                switch gap.id {
                case "highTech.rdIntensity":
                    let add = { (yuan: Int64) in adjusting(f) { $0.rdExpense = ($0.rdExpense ?? Money(fen: 0)) + Money(yuan: yuan) } }
                    #expect(status(gap.id, add(q)) == .met, "case \(i): \(q) yuan more R&D")
                    #expect(status(gap.id, add(q - 1)) == .unmet, "case \(i): \(q - 1) yuan is not enough")
                case "highTech.stStaffShare":
                    let hire = { (n: Int64) in adjusting(f) { $0.employees! += Int(n); $0.stStaff! += Int(n) } }
                    #expect(status(gap.id, hire(q)) == .met, "case \(i): \(q) more S&T staff")
                    #expect(status(gap.id, hire(q - 1)) == .unmet, "case \(i): \(q - 1) is not enough")
                case "highTech.highTechRevenueShare":
                    let earn = { (yuan: Int64) in
                        adjusting(f) { $0.highTechRevenue = $0.highTechRevenue! + Money(yuan: yuan); $0.totalIncome = $0.totalIncome! + Money(yuan: yuan) }
                    }
                    #expect(status(gap.id, earn(q)) == .met, "case \(i): \(q) yuan more high-tech income")
                    #expect(status(gap.id, earn(q - 1)) == .unmet, "case \(i): \(q - 1) yuan is not enough")
                default:
                    #expect(gap.id == "highTech.coreIP" && q == 1)
                }
            }
        }
        // The random firms exercise every kind of gap, so the property is not vacuous.
        #expect(seen["highTech.rdIntensity", default: 0] > 100 && seen["highTech.stStaffShare", default: 0] > 100
                && seen["highTech.highTechRevenueShare", default: 0] > 100, "\(seen)")
    }
}
