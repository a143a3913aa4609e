import Kernel
import Registry
import Testing
@testable import Qualification

/// 国科发政〔2017〕115号: every band edge on both sides, the worked example of assessment-v1.md,
/// and each direct route of 第八条.
@Suite struct TechSMETests {
    let rules = TechSMERules.cn2017
    static let compliant = Compliance(residentEnterprise: true, taxOnBooks: true, restrictedIndustry: false,
                                      seriousIncidentLastYear: false, dishonestList: false, abnormalOperationList: false)

    func input(employees: Int = 100, stStaff: Int = 30, sales: Int64 = 10_000_000, cost: Int64? = nil, rd: Int64 = 600_000,
               ip: [IPItem] = [IPItem(kind: .invention)], compliance: Compliance = compliant,
               designations: [Designation] = [], awards: [Award] = [], institutions: [RDInstitution] = [],
               standards: [StandardLed] = []) -> TechSMEInput {
        TechSMEInput(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!,
                     year: FiscalYearFacts(year: 2023, employees: employees, stStaff: stStaff, salesRevenue: Money(yuan: sales),
                                           totalCostAndExpense: cost.map { Money(yuan: $0) }, rdExpense: Money(yuan: rd),
                                           totalAssets: Money(yuan: 50_000_000)),
                     ip: ip, awards: awards, rdInstitutions: institutions, standardsLed: standards, designations: designations,
                     compliance: compliance)
    }

    /// 第七条 (一): S&T staff of 1,000 employees → points, each edge and one below it.
    @Test(arguments: [(300, 20), (299, 16), (250, 16), (249, 12), (200, 12), (199, 8), (150, 8), (149, 4), (100, 4), (99, 0), (0, 0)])
    func stStaffBands(_ staff: Int, _ points: Int) {
        #expect(TechSMEEvaluator.evaluate(input(employees: 1_000, stStaff: staff), rules: rules).stStaffPoints == points)
    }

    /// 第七条 (二): R&D per 100,000,000 fen of sales (1,000,000 yuan) → points.
    @Test(arguments: [(60_000, 50), (59_999, 40), (50_000, 40), (49_999, 30), (40_000, 30), (39_999, 20),
                      (30_000, 20), (29_999, 10), (20_000, 10), (19_999, 0)] as [(Int64, Int)])
    func rdToSalesBands(_ rd: Int64, _ points: Int) {
        #expect(TechSMEEvaluator.evaluate(input(sales: 1_000_000, rd: rd), rules: rules).rdInputPoints == points)
    }

    /// 第七条 (二): the cost ratio counts when it is the better one.
    @Test(arguments: [(300_000, 50), (299_999, 40), (250_000, 40), (249_999, 30), (200_000, 30), (199_999, 20),
                      (150_000, 20), (149_999, 10), (100_000, 10), (99_999, 0)] as [(Int64, Int)])
    func rdToCostBands(_ rd: Int64, _ points: Int) {
        // Sales so large that the sales ratio earns nothing; the cost ratio decides.
        #expect(TechSMEEvaluator.evaluate(input(sales: 100_000_000, cost: 1_000_000, rd: rd), rules: rules).rdInputPoints == points)
    }

    /// 第七条 (三): one class-I item earns 30; class-II items count up to four; invalid or unrelated items count nothing.
    @Test(arguments: [(0, 0), (1, 6), (2, 12), (3, 18), (4, 24), (9, 24)])
    func classIICounts(_ n: Int, _ points: Int) {
        let ip = Array(repeating: IPItem(kind: .utilityModel), count: n)
        #expect(TechSMEEvaluator.evaluate(input(ip: ip), rules: rules).achievementPoints == points)
    }

    @Test func onlyValidRelatedIPCounts() {
        let ip = [IPItem(kind: .invention, valid: false), IPItem(kind: .invention, relatedToMainProduct: false), IPItem(kind: .software)]
        #expect(TechSMEEvaluator.evaluate(input(ip: ip), rules: rules).achievementPoints == 6)
    }

    /// The worked example of assessment-v1.md: 16 + 40 + 30 = 86, by score.
    @Test func contractExample() {
        let r = TechSMEEvaluator.evaluate(input(employees: 120, stStaff: 30, sales: 80_000_000, cost: 70_000_000, rd: 4_200_000), rules: rules)
        #expect((r.stStaffPoints, r.rdInputPoints, r.achievementPoints, r.score) == (16, 40, 30, 86))
        #expect(r.eligible && r.qualifies && r.route == .score)
        #expect(r.checks.first { $0.id == "techSME.employees" }?.status == .met)
    }

    /// 第六条 (二): size limits are inclusive.
    @Test func sizeLimitsAreInclusive() {
        #expect(TechSMEEvaluator.evaluate(input(employees: 500, stStaff: 150), rules: rules).eligible)
        #expect(!TechSMEEvaluator.evaluate(input(employees: 501, stStaff: 150), rules: rules).eligible)
        #expect(TechSMEEvaluator.evaluate(input(sales: 200_000_000, rd: 12_000_000), rules: rules).eligible)
        #expect(!TechSMEEvaluator.evaluate(input(sales: 200_000_001, rd: 12_000_000), rules: rules).eligible)
    }

    /// 第六条（五）: a score of 60 on the 第七条 table passes only with S&T staff points above zero.
    @Test func passNeedsSixtyAndStaffPoints() {
        // 4 + 30 + 30 = 64 → passes; 0 staff points with 80 → does not pass by score.
        let low = TechSMEEvaluator.evaluate(input(employees: 100, stStaff: 10, rd: 400_000), rules: rules)
        #expect(low.score == 64 && low.route == .score)
        for id in ["techSME.score", "techSME.stStaffNonZero"] {
            #expect(low.checks.first { $0.id == id }?.basis == "国科发政〔2017〕115号 第六条（五）", "\(id) cites the condition, not the table")
        }
        let noStaff = TechSMEEvaluator.evaluate(input(employees: 100, stStaff: 9, rd: 600_000), rules: rules)
        #expect(noStaff.score == 80 && !noStaff.qualifies && noStaff.route == nil)
        let fiftyNine = TechSMEEvaluator.evaluate(input(employees: 100, stStaff: 15, rd: 200_000, ip: []), rules: rules)
        #expect(fiftyNine.score < 60 && !fiftyNine.qualifies)
    }

    /// 第八条: each direct route qualifies an eligible firm below 60, in the article's order.
    @Test func directRoutes() {
        let weak = { (i: TechSMEInput) in TechSMEEvaluator.evaluate(i, rules: self.rules) }
        let base = input(stStaff: 5, rd: 0, ip: [])
        #expect(!weak(base).qualifies)
        let hte = Designation(kind: .highTech, issuedOn: LocalDate("2022-11-01")!, expiresOn: LocalDate("2025-10-31")!)
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], designations: [hte])).route == .highTech)
        let expired = Designation(kind: .highTech, issuedOn: LocalDate("2020-11-01")!, expiresOn: LocalDate("2023-10-31")!)
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], designations: [expired])).route == nil)
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], awards: [Award(level: .national, year: 2019, rank: 3)])).route == .award)
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], awards: [Award(level: .national, year: 2018, rank: 1)])).route == nil, "older than five years")
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], awards: [Award(level: .national, year: 2022, rank: 4)])).route == nil, "not in the top three")
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], institutions: [RDInstitution(level: .provincial)])).route == .rdInstitution)
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], institutions: [RDInstitution(level: .municipal)])).route == nil)
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], standards: [StandardLed(level: .industry, year: 2019)])).route == .standard)
        var dishonest = Self.compliant
        dishonest.dishonestList = true
        #expect(weak(input(stStaff: 5, rd: 0, ip: [], compliance: dishonest, designations: [hte])).route == nil, "no route without eligibility")
    }

    /// 国科火字〔2022〕67号: a number revoked this year bars the rest of the year; falsification three years.
    @Test func sanctionsBlockEligibility() {
        func techSME(revokedOn: String, for reason: RevocationReason? = nil) -> Designation {
            Designation(kind: .techSME, number: "2023500151A0000001", issuedOn: LocalDate("2023-05-01")!, expiresOn: LocalDate("2023-12-31")!,
                        revokedOn: LocalDate(revokedOn), revokedFor: reason)
        }
        func status(_ id: String, _ d: Designation) -> Check.Status? {
            TechSMEEvaluator.evaluate(input(designations: [d]), rules: rules).checks.first { $0.id == id }?.status
        }
        // asOf 2024-06-30: revoked in 2024 bars; revoked in 2023 does not.
        #expect(status("techSME.notRevokedThisYear", techSME(revokedOn: "2024-01-15")) == .unmet)
        #expect(!TechSMEEvaluator.evaluate(input(designations: [techSME(revokedOn: "2024-01-15")]), rules: rules).qualifies)
        #expect(status("techSME.notRevokedThisYear", techSME(revokedOn: "2023-12-31")) == .met)
        // Falsification: revoked in 2022 bars 2022–2024; in 2021 bars 2021–2023 only.
        #expect(status("techSME.noFalsificationBar", techSME(revokedOn: "2022-03-01", for: .falsification)) == .unmet)
        #expect(status("techSME.noFalsificationBar", techSME(revokedOn: "2021-12-31", for: .falsification)) == .met)
        #expect(status("techSME.noFalsificationBar", techSME(revokedOn: "2022-03-01", for: .other)) == .met)
        #expect(TechSMEEvaluator.evaluate(input(), rules: rules).checks.first { $0.id == "techSME.noFalsificationBar" }?.basis.contains("国科火字〔2022〕67号") == true)
    }

    /// rules.md §11.2 K6: each on-site flag on both sides of its edge.
    @Test func onSiteCheckFlags() {
        let held = Designation(kind: .techSME, issuedOn: LocalDate("2023-05-01")!, expiresOn: LocalDate("2023-12-31")!)
        func flags(employees: Int, stStaff: Int, designations: [Designation] = [held]) -> [TechSMEResult.OnSiteReason] {
            TechSMEEvaluator.evaluate(input(employees: employees, stStaff: stStaff, designations: designations), rules: rules).onSiteCheck
        }
        #expect(flags(employees: 5, stStaff: 1) == [.fewEmployees])
        #expect(flags(employees: 6, stStaff: 1).isEmpty)
        #expect(flags(employees: 50, stStaff: 45) == [.highStStaffShare])
        #expect(flags(employees: 50, stStaff: 44).isEmpty)
        #expect(flags(employees: 49, stStaff: 49).isEmpty, "a high share in a small firm is not flagged")
        #expect(flags(employees: 100, stStaff: 30, designations: []) == [.firstApplication])
        let sanctioned = Designation(kind: .techSME, issuedOn: LocalDate("2022-05-01")!, expiresOn: LocalDate("2022-12-31")!,
                                     revokedOn: LocalDate("2022-09-01"), revokedFor: .other)
        #expect(flags(employees: 100, stStaff: 30, designations: [held, sanctioned]) == [.recentSanction])
    }

    @Test func unknownFactsAreUnknownNotFailed() {
        let r = TechSMEEvaluator.evaluate(input(compliance: Compliance()), rules: rules)
        #expect(r.eligibility == .unknown)
        #expect(!r.qualifies)
        #expect(r.checks.first { $0.id == "techSME.resident" }?.status == .unknown)
    }

    @Test func publishedRulesAreConsistent() {
        #expect(rules.problems.isEmpty)
        #expect(RuleSet.cn2024_1.problems.isEmpty)
        #expect(RuleSet.cn2024_1.id == "cn-2024.1")
        var broken = rules
        broken.stStaff = BandTable(percent: [(30, 10), (25, 16)], basis: "test")
        #expect(!broken.problems.isEmpty)
    }

    /// More R&D, staff or patents never lower the score.
    @Test func monotone() {
        var previous = -1
        for rd in stride(from: Int64(0), through: 1_000_000, by: 25_000) {
            let s = TechSMEEvaluator.evaluate(input(rd: rd), rules: rules).score
            #expect(s >= previous)
            previous = s
        }
        previous = -1
        for staff in 0...100 {
            let s = TechSMEEvaluator.evaluate(input(stStaff: staff), rules: rules).score
            #expect(s >= previous)
            previous = s
        }
    }
}
