import Kernel
import Testing
@testable import Registry

/// Designation states and reminders, on both sides of each edge.
@Suite struct LifecycleTests {
    // A high-tech certificate of 2021-11-15, valid to 2024-11-14.
    let hte = Designation(kind: .highTech, issuedOn: LocalDate("2021-11-15")!, expiresOn: LocalDate("2024-11-14")!)

    @Test(arguments: [("2021-11-14", DesignationState.applying), ("2021-11-15", .valid), ("2024-08-15", .valid),
                      ("2024-08-16", .expiring), ("2024-11-14", .expiring), ("2024-11-15", .expired)])
    func states(_ date: String, _ state: DesignationState) {
        #expect(hte.state(on: LocalDate(date)!) == state)
    }

    @Test(arguments: [("2024-08-15", nil), ("2024-08-16", 90), ("2024-10-14", 90), ("2024-10-15", 30), ("2024-11-14", 30), ("2024-11-15", nil)] as [(String, Int?)])
    func reminders(_ date: String, _ window: Int?) {
        #expect(hte.reminder(on: LocalDate(date)!) == window)
    }

    @Test func revokedAndOpenEnded() {
        var revoked = hte
        revoked.revokedOn = LocalDate("2023-01-01")
        #expect(revoked.state(on: LocalDate("2022-12-31")!) == .valid)
        #expect(revoked.state(on: LocalDate("2023-01-01")!) == .revoked)
        let pool = Designation(kind: .highTechPool, issuedOn: LocalDate("2023-03-01")!)
        #expect(pool.state(on: LocalDate("2030-01-01")!) == .valid)
        #expect(pool.reminder(on: LocalDate("2030-01-01")!) == nil)
    }

    @Test func policyIsData() {
        let weekly = ReminderPolicy(daysBefore: [7])
        #expect(hte.state(on: LocalDate("2024-11-06")!, policy: weekly) == .valid)
        #expect(hte.state(on: LocalDate("2024-11-07")!, policy: weekly) == .expiring)
        #expect(hte.reminder(on: LocalDate("2024-11-07")!, policy: weekly) == 7)
    }

    @Test func validityByKind() {
        let d = LocalDate("2024-02-29")!
        #expect(DesignationValidity.expiry(of: .techSME, issuedOn: d) == LocalDate("2024-12-31"))
        #expect(DesignationValidity.expiry(of: .highTech, issuedOn: LocalDate("2021-11-15")!) == LocalDate("2024-11-14"))
        #expect(DesignationValidity.expiry(of: .specializedSME, issuedOn: d) == LocalDate("2027-02-27"), "29 Feb + 3 years is 28 Feb, less a day")
        #expect(DesignationValidity.expiry(of: .highTechPool, issuedOn: d) == nil)
        #expect(DesignationValidity.expiry(of: .cqTechEnterprise, issuedOn: d) == nil)
    }

    @Test func reRecognitionIsTold() {
        let first = Designation(kind: .highTech, issuedOn: LocalDate("2018-11-01")!, expiresOn: LocalDate("2021-10-31")!)
        let again = Designation(kind: .highTech, issuedOn: LocalDate("2021-12-01")!, expiresOn: LocalDate("2024-11-30")!)
        let other = Designation(kind: .techSME, issuedOn: LocalDate("2017-05-01")!, expiresOn: LocalDate("2017-12-31")!)
        #expect(!first.isRenewal(among: [first, again, other]))
        #expect(again.isRenewal(among: [first, again, other]))
        #expect(!again.isRenewal(among: [again, other]), "another kind held earlier does not count")
    }
}
