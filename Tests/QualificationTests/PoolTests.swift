import Foundation
import Kernel
import Registry
import Testing
@testable import Qualification

/// The district 高企培育库 checklist (rules.md §5.2 [I], relaxed 国科发火〔2016〕32号 第十一条), its
/// support rule (rules.md §11.7 S4), and the near-miss ranking.
@Suite struct PoolTests {
    let rules = PoolRules.tongliang2024
    let asOf = LocalDate("2024-06-30")!
    let uscc = try! USCC("91500151MA6012340R")

    /// One firm with sales of 30 M a year for three years: S&T staff, R&D and high-tech income vary.
    func facts(employees: Int = 100, stStaff: Int = 10, rdPerYear: Int64 = 900_000, highTech: Int64 = 40, total: Int64 = 100,
               ip: [IPItem] = [IPItem(kind: .utilityModel)], registered: String = "2018-01-01", designations: [Designation] = []) -> AssessmentFacts {
        let years = (2021...2023).map { y in
            FiscalYearFacts(year: y, employees: employees, stStaff: stStaff, salesRevenue: Money(yuan: 30_000_000),
                            totalIncome: Money(yuan: total), highTechRevenue: Money(yuan: highTech), rdExpense: Money(yuan: rdPerYear),
                            rdExpenseDomestic: Money(yuan: rdPerYear))
        }
        return AssessmentFacts(uscc: uscc, registeredOn: LocalDate(registered), asOf: asOf, fiscalYears: years, ip: ip, designations: designations)
    }

    func status(_ id: String, _ f: AssessmentFacts) -> Check.Status? {
        PoolChecklist.evaluate(f, rules: rules).first { $0.id == id }?.status
    }

    @Test func theDefaultRulesAreValid() {
        #expect(rules.problems.isEmpty)
        #expect(RuleSet.cn2024_1.problems.isEmpty)
        var bad = rules
        bad.items.append("pool.typo")
        #expect(bad.problems == ["pool: unknown checklist item pool.typo"])
    }

    /// S&T staff ≥ 5% (高企 10%): exactly 5 of 100 is in, 4.99% is out.
    @Test(arguments: [(100, 5, Check.Status.met), (10_000, 499, .unmet), (100, 4, .unmet), (0, 0, .unknown)])
    func stStaffEdge(_ employees: Int, _ staff: Int, _ want: Check.Status) {
        #expect(status("pool.stStaffShare", facts(employees: employees, stStaff: staff)) == want)
    }

    /// R&D ≥ 3% of sales up to 50 M (高企 5%): 900,000 of 30,000,000 is exactly 3%.
    @Test(arguments: [(900_000, Check.Status.met), (899_999, .unmet)] as [(Int64, Check.Status)])
    func rdEdge(_ rd: Int64, _ want: Check.Status) {
        #expect(status("pool.rdIntensity", facts(rdPerYear: rd)) == want)
    }

    /// High-tech income ≥ 40% of total income (高企 60%).
    @Test(arguments: [(40, 100, Check.Status.met), (3_999, 10_000, .unmet)] as [(Int64, Int64, Check.Status)])
    func highTechIncomeEdge(_ h: Int64, _ t: Int64, _ want: Check.Status) {
        #expect(status("pool.highTechRevenueShare", facts(highTech: h, total: t)) == want)
    }

    @Test func registrationAndIPAreChecked() {
        #expect(status("pool.registeredOneYear", facts(registered: "2023-07-01")) == .met)   // 365 days to 2024-06-30
        #expect(status("pool.registeredOneYear", facts(registered: "2023-07-02")) == .unmet)
        #expect(status("pool.coreIP", facts(ip: [])) == .unmet)
        #expect(PoolChecklist.evaluate(facts(), rules: rules).allSatisfy { $0.basis == PoolRules.basis.description })
    }

    @Test func candidatesExcludeHoldersAndMembers() {
        let f = facts()
        let checks = PoolChecklist.evaluate(f, rules: rules)
        #expect(PoolChecklist.isCandidate(checks, designations: [], on: asOf))
        let hte = Designation(kind: .highTech, issuedOn: LocalDate("2022-11-01")!, expiresOn: LocalDate("2025-10-31")!)
        #expect(!PoolChecklist.isCandidate(checks, designations: [hte], on: asOf))
        let member = Designation(kind: .highTechPool, issuedOn: LocalDate("2024-01-01")!)
        #expect(!PoolChecklist.isCandidate(checks, designations: [member], on: asOf))
        let former = Designation(kind: .highTechPool, issuedOn: LocalDate("2022-01-01")!, expiresOn: LocalDate("2023-12-31")!)
        #expect(PoolChecklist.isCandidate(checks, designations: [former], on: asOf), "a former member may come back")
        #expect(!PoolChecklist.isCandidate(PoolChecklist.evaluate(facts(stStaff: 4), rules: rules), designations: [], on: asOf))
    }

    @Test func theChecklistIsConfigurable() {
        var strict = rules
        strict.items = ["highTech.stStaffShare"]
        strict.relaxed.minStStaffShare = .percent(20)
        let checks = PoolChecklist.evaluate(facts(stStaff: 19), rules: strict)
        #expect(checks.map(\.id) == ["pool.stStaffShare"])
        #expect(checks[0].status == .unmet)
    }

    /// Every member is to have a supported project within its time in the pool, after the grace period.
    @Test func supportRuleListsMembersWithoutAProject() {
        let admitted = LocalDate("2024-01-01")!
        let member = PoolSupportRule.Member(uscc: uscc, admittedOn: admitted)
        let graceEnd = admitted.adding(days: rules.projectGraceDays)
        #expect(PoolSupportRule.exceptions([member], projects: [:], on: graceEnd, rules: rules).isEmpty, "still within the grace period")
        #expect(PoolSupportRule.exceptions([member], projects: [:], on: graceEnd.adding(days: 1), rules: rules) == [member])
        let before = SupportedProject(title: "旧项目", supportedOn: LocalDate("2023-12-31")!)
        #expect(PoolSupportRule.exceptions([member], projects: [uscc: [before]], on: asOf, rules: rules) == [member],
                "a project from before admission does not count")
        let during = SupportedProject(title: "培育项目", supportedOn: admitted)
        #expect(PoolSupportRule.exceptions([member], projects: [uscc: [during]], on: asOf, rules: rules).isEmpty)
    }

    /// 准高企: the unmet 高企 conditions with their gaps, priced; fewest steps, then cheapest, first.
    @Test func nearMissesArePricedAndRanked() throws {
        let rules = RuleSet.cn2024_1
        // R&D 4% of 30 M sales, 5% required: short by 1% of 90 M over three years = 900,000 yuan.
        var f = facts(employees: 100, stStaff: 20, rdPerYear: 1_200_000, highTech: 70, total: 100)
        let one = try #require(NearMiss.of(Assessment.evaluate(f, rules: rules), costs: rules.gapCosts))
        #expect(one.unmet == 1)
        #expect(one.estimatedCost == Money(yuan: 900_000))
        // Also short of S&T staff: 5 of 100 against 10% → hire 6 (11 of 106 ≥ 10%) at 120,000 each.
        f = facts(employees: 100, stStaff: 5, rdPerYear: 1_200_000, highTech: 70, total: 100)
        let two = try #require(NearMiss.of(Assessment.evaluate(f, rules: rules), costs: rules.gapCosts))
        #expect(two.unmet == 2)
        #expect(two.estimatedCost == Money(yuan: 900_000 + 6 * 120_000))
        #expect(NearMiss.ranked([("b", two), ("a", one)]).map(\.0) == ["a", "b"])
        // Three conditions short is more than a near-miss; so is one with no gap to act on.
        f = facts(employees: 100, stStaff: 5, rdPerYear: 1_200_000, highTech: 10, total: 100)
        #expect(NearMiss.of(Assessment.evaluate(f, rules: rules), costs: rules.gapCosts) == nil)
        f = facts(stStaff: 20, rdPerYear: 1_200_000, highTech: 70, total: 100, registered: "2024-01-01")
        #expect(NearMiss.of(Assessment.evaluate(f, rules: rules), costs: rules.gapCosts) == nil)
        // Meeting every hard condition is not a near-miss either.
        f = facts(stStaff: 20, rdPerYear: 1_500_000, highTech: 70, total: 100)
        #expect(NearMiss.of(Assessment.evaluate(f, rules: rules), costs: rules.gapCosts) == nil)
    }

    @Test func standingChangesSayWhatMoved() {
        let base = Standing(techSME: false, cqTechEnterprise: true, highTech: .ineligible, highTechScore: PointRange(10, 40),
                            innovativeSME: false, specializedSME: false, littleGiant: false)
        #expect(base.changes(since: nil) == [StandingChange(qualification: .cqTechEnterprise, before: nil, after: "qualifies")],
                "a first assessment reports only what is met")
        var later = base
        later.highTech = .possible
        later.highTechScore = PointRange(20, 80)
        later.cqTechEnterprise = false
        #expect(later.changes(since: base) == [
            StandingChange(qualification: .cqTechEnterprise, before: "qualifies", after: "no"),
            StandingChange(qualification: .highTech, before: "ineligible", after: "possible"),
        ])
        var rescored = base
        rescored.highTechScore = PointRange(12, 44)
        #expect(rescored.changes(since: base).isEmpty, "a moved score range alone is not a change of standing")
        #expect(later.meets(.highTech) && !base.meets(.highTech))
    }
}

@Suite struct RuleSetCopyTests {
    @Test func aPrivateCopyIsEqualAndDecodes() throws {
        let data = try JSONEncoder().encode(RuleSet.cn2024_1)
        let copy = try JSONDecoder().decode(RuleSet.self, from: data)
        #expect(copy == RuleSet.cn2024_1)
        #expect(RuleSet.cn2024_1.privateCopy() == RuleSet.cn2024_1)
    }
}
