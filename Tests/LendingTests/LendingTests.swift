import Kernel
import Registry
import Testing
@testable import Lending

/// rules.md §8, §11.8: compensation arithmetic in fen, the breaker at its edge, the figures.
@Suite struct LendingTests {
    let rules = RiskCompensationRules.chongqing2024
    let a = try! USCC("91500151MA6012340R"), b = try! USCC("914403001922038216")

    @Test func compensationSplitsAndAddsUp() {
        let c = rules.compensation(overduePrincipal: Money(yuan: 1_000_000))
        #expect(c.total == Money(yuan: 800_000) && c.city == Money(yuan: 320_000) && c.district == Money(yuan: 480_000))
        #expect(c.bankKeeps == Money(yuan: 200_000))
        // Odd fen: 80 % of 0.03 yuan is 2.4 fen → 2; the parts still add up.
        let odd = rules.compensation(overduePrincipal: Money(fen: 3))
        #expect(odd.total == Money(fen: 2) && odd.city.fen + odd.district.fen == 2 && odd.bankKeeps == Money(fen: 1))
        for fen in [Int64(1), 7, 99, 12_345, 987_654_321] {
            let x = rules.compensation(overduePrincipal: Money(fen: fen))
            #expect(x.city.fen + x.district.fen == x.total.fen && x.total.fen + x.bankKeeps.fen == fen)
        }
    }

    func loan(_ u: USCC, _ bank: String, _ yuan: Int64, _ status: Loan.Status, overdue: Int64 = 0, on: String = "2024-03-01",
              product: Loan.Product = .knowledgeValue) -> Loan {
        Loan(uscc: u, bank: bank, product: product, amount: Money(yuan: yuan), drawnOn: LocalDate(on)!, maturesOn: LocalDate(on)!.adding(years: 1),
             status: status, overduePrincipal: Money(yuan: overdue))
    }

    /// The breaker trips when overdue principal reaches 5 % of what the bank has outstanding.
    @Test func circuitBreakerAtItsEdge() {
        let below = [loan(a, "x", 1_000_000, .drawn), loan(b, "x", 1_000_000, .overdue, overdue: 99_999)]
        #expect(rules.allowsNewLoans(bank: "x", loans: below))
        let at = [loan(a, "x", 1_000_000, .drawn), loan(b, "x", 1_000_000, .overdue, overdue: 100_000)]
        #expect(!rules.allowsNewLoans(bank: "x", loans: at))
        #expect(rules.allowsNewLoans(bank: "y", loans: at), "another bank is not stopped")
        var lenient = rules
        lenient.overrides["x"] = 1_000
        #expect(lenient.allowsNewLoans(bank: "x", loans: at), "a per-bank threshold")
        #expect(rules.allowsNewLoans(bank: "x", loans: [loan(a, "x", 500, .repaid)]), "nothing outstanding")
    }

    @Test func figuresCountEnterprisesAndTimes() {
        let loans = [loan(a, "x", 100, .repaid, on: "2023-05-01"), loan(a, "x", 200, .drawn, on: "2024-02-01"),
                     loan(b, "x", 300, .drawn, on: "2024-06-30"), loan(b, "x", 400, .drawn, on: "2024-07-01"),
                     loan(a, "x", 999, .drawn, on: "2024-03-01", product: .innovationPoints)]
        let half = LoanFigures.of(loans, product: .knowledgeValue, from: LocalDate("2024-01-01"), to: LocalDate("2024-06-30")!)
        #expect(half == LoanFigures(enterprises: 2, enterpriseTimes: 2, amount: Money(yuan: 500)))
        let all = LoanFigures.of(loans, product: .knowledgeValue, to: LocalDate("2024-06-30")!)
        #expect(all == LoanFigures(enterprises: 2, enterpriseTimes: 3, amount: Money(yuan: 600)))
    }

    @Test func badLoansAreRefused() {
        var l = loan(a, "x", 100, .drawn, overdue: 50)
        #expect(l.problems.map(\.path) == ["status"])
        l.amount = Money(fen: 0)
        #expect(l.problems.map(\.path).contains("amount"))
        l = loan(a, "x", 10_000_000_000, .drawn)
        #expect(l.problems.isEmpty, "the ceiling itself is allowed")
        l.amount = Money(fen: Loan.maximumAmount.fen + 1)
        #expect(l.problems.map(\.path) == ["amount"], "one fen above the ceiling is not")
    }

    /// Only knowledge-value loans count toward the breaker: the fund compensates only them.
    @Test func breakerCountsOnlyKnowledgeValueLoans() {
        let mixed = [loan(a, "x", 1_000_000, .drawn), loan(b, "x", 1_000_000, .overdue, overdue: 900_000, product: .innovationPoints)]
        let b = rules.breaker(bank: "x", loans: mixed)
        #expect(b.outstanding == Money(yuan: 1_000_000) && b.overdue == Money(fen: 0) && b.allowsNewLoans)
        let tripped = rules.breaker(bank: "x", loans: [loan(a, "x", 1_000_000, .overdue, overdue: 60_000)])
        #expect(tripped.overdueShare == 600 && !tripped.allowsNewLoans)
        var bad = rules
        bad.breakerShare = 10_001
        #expect(!bad.problems.isEmpty && rules.problems.isEmpty)
    }

    /// The status moves a bank may report; repaid is final.
    @Test func loanStatusMoves() {
        let allowed: Set<String> = ["approved>approved", "approved>drawn", "drawn>drawn", "drawn>repaid", "drawn>overdue",
                                    "overdue>overdue", "overdue>repaid", "overdue>drawn"]
        for from in Loan.Status.allCases {
            for to in Loan.Status.allCases {
                #expect(from.canMove(to: to) == allowed.contains("\(from.rawValue)>\(to.rawValue)"), "\(from) → \(to)")
            }
        }
    }

    // MARK: the white list

    let asOf = LocalDate("2024-06-30")!
    func candidate(rd: Money?, highTechUntil: String? = "2026-11-14", list: Int? = nil) -> WhiteListCandidate {
        let d = highTechUntil.map { [Designation(kind: .highTech, number: "GR2023", issuedOn: LocalDate("2023-11-15")!, expiresOn: LocalDate($0)!)] } ?? []
        return WhiteListCandidate(uscc: a, name: "甲", designations: d,
                                  fiscalYears: rd.map { [FiscalYearFacts(year: 2023, rdExpense: $0)] } ?? [],
                                  pointsList: list.map { (index: $0, name: "榜\($0)") })
    }

    /// Each condition at its edge: the R&D threshold reached or missed by one fen, the 高企
    /// valid on the day or expired the day before, the points list at the bound or below it.
    @Test func whiteListRuleAtItsEdges() {
        let rule = WhiteListRule(id: "t", requiredDesignations: [.highTech], rdExpenseAtLeast: Money(yuan: 30_000_000))
        #expect(rule.evaluate(candidate(rd: Money(yuan: 30_000_000)), asOf: asOf).included)
        let short = rule.evaluate(candidate(rd: Money(fen: 3_000_000_000 - 1)), asOf: asOf)
        #expect(!short.included && short.unmet.count == 1 && short.met.count == 1)
        #expect(rule.evaluate(candidate(rd: Money(yuan: 40_000_000), highTechUntil: "2024-06-30"), asOf: asOf).included, "valid on its last day")
        #expect(!rule.evaluate(candidate(rd: Money(yuan: 40_000_000), highTechUntil: "2024-06-29"), asOf: asOf).included, "expired the day before")
        #expect(!rule.evaluate(candidate(rd: nil), asOf: asOf).included, "no R&D on record is no R&D activity")

        let any = WhiteListRule.highTechWithRD
        #expect(any.evaluate(candidate(rd: Money(fen: 1)), asOf: asOf).included)
        #expect(!any.evaluate(candidate(rd: Money(fen: 0)), asOf: asOf).included, "R&D activity means spending above zero")

        var listed = any
        listed.bestPointsList = 1
        #expect(listed.evaluate(candidate(rd: Money(fen: 1), list: 1), asOf: asOf).included)
        #expect(listed.evaluate(candidate(rd: Money(fen: 1), list: 0), asOf: asOf).included)
        #expect(!listed.evaluate(candidate(rd: Money(fen: 1), list: 2), asOf: asOf).included)
        #expect(!listed.evaluate(candidate(rd: Money(fen: 1), list: nil), asOf: asOf).included)
        listed.bestPointsList = -1
        #expect(!listed.problems.isEmpty && any.problems.isEmpty)
    }
}
