import Testing
import Kernel
@testable import Registry

@Suite struct ValidationTests {
    let uscc = try! USCC("91500151MA6012340R")

    @Test func acceptsAWellFormedEnterprise() {
        let e = Enterprise(uscc: uscc, name: "重庆示例储能科技有限公司", townCode: "500151001", industryCode: "C3841")
        #expect(e.problems().isEmpty)
    }

    /// A name is one line of visible text: NUL, other control characters and line breaks are refused.
    @Test(arguments: ["甲\u{0}乙", "甲\n乙", "甲\r乙", "甲\t乙", "甲\u{1B}乙", "甲\u{85}乙"])
    func aNameRefusesControlCharacters(_ name: String) {
        let problems = Enterprise(uscc: uscc, name: name).problems()
        #expect(problems.map(\.path) == ["name"] && problems[0].message.contains("控制字符"), "\(problems)")
    }

    @Test(arguments: ["C3841", "C38", "C384", "A", "T9999"])
    func acceptsIndustryCodes(_ code: String) { #expect(Enterprise.isIndustryCode(code)) }

    @Test(arguments: ["3841", "c3841", "C3", "C38411", "U01", "C38A1", ""])
    func rejectsIndustryCodes(_ code: String) { #expect(!Enterprise.isIndustryCode(code)) }

    @Test func reportsEveryProblemWithItsPath() {
        let e = Enterprise(uscc: uscc, name: "  ", townCode: "5001", industryCode: "x")
        #expect(Set(e.problems(at: "enterprise").map(\.path)) == ["enterprise.name", "enterprise.townCode", "enterprise.industryCode"])
    }

    @Test func fiscalFactsMustBeNonNegativeAndConsistent() {
        let f = FiscalYearFacts(year: 2023, employees: -1, salesRevenue: Money(fen: -100),
                                rdExpense: Money(yuan: 10), rdExpenseDomestic: Money(yuan: 11), netProfit: Money(yuan: -5))
        let paths = Set(f.problems(at: "fiscalYears[0]").map(\.path))
        #expect(paths == ["fiscalYears[0].employees", "fiscalYears[0].salesRevenue", "fiscalYears[0].rdExpenseDomestic"])
    }

    @Test func moreStaffThanEmployeesIsAProblem() {
        let f = FiscalYearFacts(year: 2023, employees: 10, stStaff: 11, rdStaff: 12)
        #expect(f.problems(at: "").map(\.path) == ["stStaff", "rdStaff"])
    }

    @Test func yearBeforeRegistrationIsAProblem() {
        let f = FiscalYearFacts(year: 2015)
        #expect(f.problems(at: "", registeredOn: LocalDate("2016-04-12")).map(\.path) == ["year"])
        #expect(f.problems(at: "", registeredOn: LocalDate("2015-12-31")).isEmpty)
    }

    @Test func designationValidityIsInclusiveOfBothEnds() {
        let d = Designation(kind: .highTech, issuedOn: LocalDate("2021-11-15")!, expiresOn: LocalDate("2024-11-14")!)
        #expect(!d.isValid(on: LocalDate("2021-11-14")!))
        #expect(d.isValid(on: LocalDate("2021-11-15")!))
        #expect(d.isValid(on: LocalDate("2024-11-14")!))
        #expect(!d.isValid(on: LocalDate("2024-11-15")!))
        var revoked = d
        revoked.revokedOn = LocalDate("2023-01-01")
        #expect(!revoked.isValid(on: LocalDate("2023-01-01")!))
        #expect(revoked.isValid(on: LocalDate("2022-12-31")!))
    }
}
