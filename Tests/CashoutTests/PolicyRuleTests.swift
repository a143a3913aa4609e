import Kernel
import Registry
import Testing
@testable import Cashout

/// Eligibility, amounts (band edges on both sides), once-keys and working days.
@Suite struct PolicyRuleTests {
    let firm = try! USCC("91500151MA6012340R")
    let day = LocalDate("2023-09-01")!

    func hte(_ number: String, _ issued: String) -> Designation {
        Designation(kind: .highTech, number: number, issuedOn: LocalDate(issued)!, expiresOn: LocalDate(issued)!.adding(years: 3).adding(days: -1))
    }

    func policy(_ recognition: Condition.Recognition, _ yuan: Int64) -> Policy {
        Policy(id: "hte-\(recognition.rawValue)", name: "高企认定奖励", basis: "铜梁十二条", round: "2023",
               window: DateWindow(opens: LocalDate("2023-01-01")!, closes: LocalDate("2023-12-31")!), mode: .proactive,
               eligibility: .recognisedInYear(.highTech, recognition), amount: .fixed(Money(yuan: yuan)), frequency: .perCertificate(.highTech), budgetLine: "L")
    }

    @Test func firstAndLaterRecognitionPayTheirOwnAmountOncePerCertificate() {
        let first = policy(.first, 300_000), later = policy(.later, 200_000)
        let newcomer = PolicySubject(uscc: firm, designations: [hte("GR202351000001", "2023-05-10")], fiscalYears: [])
        let renewing = PolicySubject(uscc: firm, designations: [hte("GR202051000009", "2020-05-10"), hte("GR202351000002", "2023-05-10")], fiscalYears: [])
        let a = first.match(newcomer, year: 2023, on: day), b = later.match(newcomer, year: 2023, on: day)
        #expect(a.verdict == .eligible && a.amount == Money(yuan: 300_000) && a.certificate == "GR202351000001")
        #expect(b.verdict == .ineligible && b.amount == nil)
        let c = first.match(renewing, year: 2023, on: day), d = later.match(renewing, year: 2023, on: day)
        #expect(c.verdict == .ineligible)
        #expect(d.verdict == .eligible && d.amount == Money(yuan: 200_000) && d.certificate == "GR202351000002")
        // Both subsidies pay a certificate under one key.
        #expect(a.onceKey == "certificate:highTech:GR202351000001")
        #expect(first.onceKey(uscc: firm, certificate: "X", year: 2023) == later.onceKey(uscc: firm, certificate: "X", year: 2023))
        #expect(first.match(newcomer, year: 2024, on: day).verdict == .ineligible)
    }

    @Test func shareIsCappedAndRoundedDown() {
        let rule = AmountRule.share(of: .declared("设备购置额"), basisPoints: 1_000, cap: Money(yuan: 500_000))
        #expect(rule.amount(base: Money(fen: 999)) == Money(fen: 99))
        #expect(rule.amount(base: Money(yuan: 4_999_990)) == Money(yuan: 499_999))
        #expect(rule.amount(base: Money(yuan: 5_000_000)) == Money(yuan: 500_000))
        #expect(rule.amount(base: Money(yuan: 5_000_010)) == Money(yuan: 500_000))
        #expect(rule.amount(base: nil) == nil)
        #expect(rule.amount(base: Money(fen: -1)) == nil)
    }

    @Test func tiersStartAtTheirFloor() {
        let rule = AmountRule.tiered(of: .fact(.rdExpense), tiers: [AmountRule.Tier(atLeast: Money(yuan: 5_000_000), amount: Money(yuan: 100_000)),
                                                                   AmountRule.Tier(atLeast: Money(yuan: 1_000_000), amount: Money(yuan: 30_000))])
        #expect(rule.amount(base: Money(fen: 99_999_999)) == .zero)
        #expect(rule.amount(base: Money(yuan: 1_000_000)) == Money(yuan: 30_000))
        #expect(rule.amount(base: Money(fen: 499_999_999)) == Money(yuan: 30_000))
        #expect(rule.amount(base: Money(yuan: 5_000_000)) == Money(yuan: 100_000))
    }

    @Test func missingFactsAreMissingDataNotNo() {
        var p = policy(.any, 0)
        p.eligibility = .all([.holds(.highTech), .factAtLeast(.rdExpense, atLeast: Money(yuan: 1_000_000))])
        p.amount = .share(of: .fact(.rdExpense), basisPoints: 500, cap: Money(yuan: 1_000_000))
        let holder = [hte("GR1", "2022-01-01")]
        let unknown = p.match(PolicySubject(uscc: firm, designations: holder, fiscalYears: []), year: 2023, on: day)
        #expect(unknown.verdict == .missingData && unknown.missing.count == 1 && unknown.amount == nil)
        var facts = FiscalYearFacts(year: 2022); facts.rdExpense = Money(yuan: 1_000_000)
        let edge = p.match(PolicySubject(uscc: firm, designations: holder, fiscalYears: [facts]), year: 2023, on: day)
        #expect(edge.verdict == .eligible && edge.amount == Money(yuan: 50_000))
        facts.rdExpense = Money(fen: 99_999_999)
        #expect(p.match(PolicySubject(uscc: firm, designations: holder, fiscalYears: [facts]), year: 2023, on: day).verdict == .ineligible)
        #expect(p.match(PolicySubject(uscc: firm, designations: [], fiscalYears: [facts]), year: 2023, on: day).verdict == .ineligible)
    }

    @Test func policiesAreCheckedBeforePublication() {
        var p = policy(.first, 300_000)
        #expect(p.problems.isEmpty)
        p.id = "bad id"; p.basis = ""; p.amount = .share(of: .declared("x"), basisPoints: 0, cap: nil)
        #expect(Set(p.problems.map(\.path)) == ["id", "basis", "amount.basisPoints", "amount.cap", "mode"])
    }

    @Test func aPerCertificatePolicyNeedsItsDesignationAndItsCertificate() {
        var p = policy(.first, 300_000)
        p.eligibility = .factAtLeast(.rdExpense, atLeast: Money(yuan: 1))
        #expect(p.problems.map(\.path).contains("frequency"))
        // Holding a certificate of another kind does not key a 高企 payment.
        p.eligibility = .all([.holds(.techSME), .holds(.highTech)])
        let techSME = Designation(kind: .techSME, number: "TS1", issuedOn: LocalDate("2023-01-01")!, expiresOn: LocalDate("2023-12-31")!)
        let m = p.match(PolicySubject(uscc: firm, designations: [techSME, hte("GR9", "2022-01-01")], fiscalYears: []), year: 2023, on: day)
        #expect(m.certificate == "GR9" && m.onceKey == "certificate:highTech:GR9")
        #expect(p.subsidyYear == 2022, "the year before the window opens")
    }

    @Test func workingDaysSkipWeekendsAndHolidaysAndCountMadeUpDays() {
        let cal = WorkingCalendar.china
        #expect(cal.isWorkingDay(LocalDate("2023-09-01")!))            // Friday
        #expect(!cal.isWorkingDay(LocalDate("2023-09-02")!))           // Saturday
        #expect(!cal.isWorkingDay(LocalDate("2023-10-02")!))           // National Day
        #expect(cal.isWorkingDay(LocalDate("2023-10-07")!))            // a Saturday made a working day
        #expect(cal.adding(workingDays: 5, to: LocalDate("2023-09-25")!) == LocalDate("2023-10-08")!)  // 26, 27, 28 Sep, 7 and 8 Oct
        #expect(cal.workingDays(from: LocalDate("2023-09-25")!, to: LocalDate("2023-10-07")!) == 4)
        #expect(StepDeadlines().total == 60)
    }
}
