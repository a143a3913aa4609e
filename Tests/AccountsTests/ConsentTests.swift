import Kernel
import Testing
@testable import Accounts

@Suite struct ConsentRuleTests {
    let from = LocalDate("2024-07-01")!
    func consent(to: String, scopes: Set<Consent.Scope> = [.points], revoked: String? = nil) -> Consent {
        Consent(uscc: try! USCC("91500151MA6012340R"), bank: "b", scopes: scopes, purpose: "授信", validFrom: from,
                validTo: LocalDate(to)!, grantedAt: "t", grantedBy: "u", revokedAt: revoked)
    }

    /// The longest consent: exactly three years is allowed, a day more is not; configurable.
    @Test func maximumPeriodAtItsEdge() {
        #expect(consent(to: "2027-07-01").problems.isEmpty)
        #expect(consent(to: "2027-07-02").problems.map(\.path) == ["validTo"])
        #expect(consent(to: "2027-07-02").problems(maximumYears: 5).isEmpty)
        #expect(consent(to: "2024-06-30").problems.map(\.path) == ["validTo"], "ends before it starts")
        #expect(consent(to: "2025-01-01", scopes: []).problems.map(\.path) == ["scopes"])
    }

    @Test func liveOnlyWithinItsPeriodAndUnrevoked() {
        let c = consent(to: "2025-06-30", scopes: [.points])
        #expect(!c.isLive(on: LocalDate("2024-06-30")!) && c.isLive(on: from) && c.isLive(on: LocalDate("2025-06-30")!))
        #expect(!c.isLive(on: LocalDate("2025-07-01")!))
        #expect(c.allows([.points], on: from) && !c.allows([.points, .breakdown], on: from), "only what was granted")
        #expect(!consent(to: "2025-06-30", revoked: "2024-08-01T00:00:00Z").isLive(on: from))
    }
}
