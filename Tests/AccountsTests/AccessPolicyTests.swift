import Kernel
import Registry
import Testing
@testable import Accounts

@Suite struct AccessPolicyTests {
    let mine = RecordOwner(uscc: try! USCC("91500151MA6012340R"), townCode: "500151001")
    let other = RecordOwner(uscc: try! USCC("914403001922038216"), townCode: "500151002")

    func user(_ role: Role) -> User {
        User(id: 1, username: "u", displayName: "u", role: role,
             enterprise: role == .enterprise ? mine.uscc : nil, townCode: role == .townOfficer ? "500151001" : nil)
    }

    @Test(arguments: Role.allCases)
    func recordAccessFollowsTheRole(_ role: Role) {
        let u = user(role)
        let readsMine = AccessPolicy.allows(u, .readEnterprise, on: mine)
        let readsOther = AccessPolicy.allows(u, .readEnterprise, on: other)
        switch role {
        case .bureauAdmin, .bureauReviewer, .bureauApprover, .auditor:
            #expect(readsMine && readsOther)
        case .townOfficer, .enterprise:
            #expect(readsMine && !readsOther, "\(role) sees its own record only")
        case .bank, .expert:
            #expect(!readsMine && !readsOther)
        }
    }

    @Test func auditorsChangeNothing() {
        for p in [Permission.createEnterprise, .editEnterprise, .editFiscalFacts, .addDesignation, .importData, .manageAccounts] {
            #expect(!AccessPolicy.allows(.auditor, p), "\(p)")
        }
        #expect(AccessPolicy.allows(.auditor, .readAuditLog))
    }

    @Test func enterpriseUsersSeeNoLists() {
        #expect(!AccessPolicy.allows(.enterprise, .listEnterprises))
        #expect(!AccessPolicy.allows(.enterprise, .viewDashboard))
        #expect(AccessPolicy.allows(user(.enterprise), .editFiscalFacts, on: mine))
        #expect(!AccessPolicy.allows(user(.enterprise), .editFiscalFacts, on: other))
    }

    /// Review, approval and payment of a subsidy sit with reviewers, approvers and the
    /// administrator; the step code and the schema keep the three people apart.
    @Test func cashoutDutiesBelongToDistinctRoles() {
        let holders = { (p: Permission) in Set(Role.allCases.filter { AccessPolicy.allows($0, p) }) }
        #expect(holders(.reviewCashout) == [.bureauAdmin, .bureauReviewer])
        #expect(holders(.approveCashout) == [.bureauAdmin, .bureauApprover])
        #expect(holders(.payCashout) == [.bureauAdmin])
        #expect(holders(.applyCashout) == [.enterprise])
        #expect(!AccessPolicy.allows(.auditor, .payCashout) && AccessPolicy.allows(.auditor, .viewCashout))
    }

    @Test func aTownOfficerWithoutATownSeesNothing() {
        var u = user(.townOfficer)
        u.townCode = nil
        #expect(AccessPolicy.scope(of: u) == .none)
        #expect(!AccessPolicy.allows(u, .readEnterprise, on: mine))
    }
}

@Suite struct LoginThrottleTests {
    let t = LoginThrottle()

    @Test func freeAttemptsHaveNoDelay() {
        #expect(t.decide(failures: 2, lastFailureAt: 100, lockedUntil: nil, now: 100) == .allowed)
    }

    @Test func delaysGrowAfterTheFreeAttempts() {
        #expect(t.decide(failures: 3, lastFailureAt: 100, lockedUntil: nil, now: 101) == .wait(seconds: 1))
        #expect(t.decide(failures: 3, lastFailureAt: 100, lockedUntil: nil, now: 102) == .allowed)
        #expect(t.decide(failures: 5, lastFailureAt: 100, lockedUntil: nil, now: 100) == .wait(seconds: 8))
        #expect(t.decide(failures: 5, lastFailureAt: 100, lockedUntil: nil, now: 108) == .allowed)
    }

    @Test func locksAfterEightFailuresForFifteenMinutes() {
        #expect(!t.locks(afterFailures: 7))
        #expect(t.locks(afterFailures: 8))
        #expect(t.decide(failures: 8, lastFailureAt: 100, lockedUntil: 1_000, now: 999) == .locked(seconds: 1))
        #expect(t.decide(failures: 0, lastFailureAt: nil, lockedUntil: 1_000, now: 1_000) == .allowed)
    }
}

/// Common passwords and patterns are refused however long (issue 19, item 2).
@Suite struct CommonPasswordTests {
    @Test func commonOnesAndPatternsAreWeak() {
        for weak in ["123456789012", "Password1234", "1qaz2wsx3edc", "woaini1314520", "aaaaaaaaaaaa", "abcdefghijklmn", "qwertyuiopas",
                     "987654321098", "abcabcabcabc", "520520520520", "kechuang1234"] {
            #expect(CommonPasswords.weakness(weak) != nil, "\(weak)")
        }
        for strong in ["correct-horse-42", "demo-admin-2024", "重庆铜梁科技局2024年", "Tl-kj-9f3c-2x7q", "abcdefghijkx"] {
            #expect(CommonPasswords.weakness(strong) == nil, "\(strong)")
        }
    }
}
