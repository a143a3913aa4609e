import Kernel
import Registry
import Testing
@testable import Qualification

/// 重庆市科技型企业 (rules.md §5.1): size classes and their thresholds, on both sides of each edge.
@Suite struct CQTechEnterpriseTests {
    let rules = CQTechEnterpriseRules.cq2023
    let uscc = try! USCC("91500151MA6012340R")

    @Test(arguments: [(1_000, 400_000_000, "large"), (999, 400_000_000, "medium"), (1_000, 399_999_999, "medium"),
                      (300, 20_000_000, "medium"), (299, 20_000_000, "small"), (20, 3_000_000, "small"),
                      (19, 3_000_000, "micro"), (20, 2_999_999, "micro")] as [(Int, Int64, String)])
    func sizeClasses(_ employees: Int, _ revenue: Int64, _ name: String) {
        #expect(rules.sizeClass(employees: employees, revenue: Money(yuan: revenue)).name == name)
    }

    func evaluate(employees: Int = 100, rdStaff: Int, revenue: Int64 = 10_000_000, rd: Int64) -> CQTechEnterpriseResult {
        CQTechEnterpriseEvaluator.evaluate(uscc: uscc, registeredOn: LocalDate("2016-04-12"), asOf: LocalDate("2024-06-30")!,
            year: FiscalYearFacts(year: 2023, employees: employees, rdStaff: rdStaff, operatingRevenue: Money(yuan: revenue),
                                  mainBusinessRevenue: Money(yuan: revenue), rdExpense: Money(yuan: rd)),
            ip: [IPItem(kind: .utilityModel)], rules: rules)
    }

    /// A small firm (100 staff, 10 M revenue): R&D staff 5% and R&D 2% of main revenue, inclusive.
    @Test func smallFirmEdges() {
        #expect(evaluate(rdStaff: 5, rd: 200_000).qualifies)
        #expect(!evaluate(rdStaff: 4, rd: 200_000).qualifies)
        #expect(!evaluate(rdStaff: 5, rd: 199_999).qualifies)
        #expect(evaluate(rdStaff: 5, rd: 200_000).sizeClass == "small")
    }

    /// A micro firm needs 10% and 3%; a medium one 3% and 1%.
    @Test func otherClasses() {
        #expect(evaluate(employees: 10, rdStaff: 1, revenue: 1_000_000, rd: 30_000).qualifies)
        #expect(!evaluate(employees: 10, rdStaff: 1, revenue: 1_000_000, rd: 29_999).qualifies)
        #expect(evaluate(employees: 400, rdStaff: 12, revenue: 50_000_000, rd: 500_000).qualifies)
        #expect(!evaluate(employees: 400, rdStaff: 11, revenue: 50_000_000, rd: 500_000).qualifies)
    }

    @Test func registrationOutsideChongqingOrTooRecent() {
        let beijing = try! USCC("91110108551385082Q")
        let r = CQTechEnterpriseEvaluator.evaluate(uscc: beijing, registeredOn: LocalDate("2023-07-02"), asOf: LocalDate("2024-06-30")!,
                                                   year: nil, ip: [], rules: rules)
        #expect(r.checks.map(\.status) == [.unmet, .unmet, .unknown, .unknown, .unmet])
        #expect(!r.qualifies)
    }
}
