import Accounts
import Foundation
import Kernel
import Registry
import Storage

/// One account per role for the demo district, with passwords printed at start-up and shown on
/// the sign-in page. Created only together with the demo data: outside demo mode no account
/// exists until `kechuang user add` makes one, so there is no default password.
public enum DemoAccounts {
    public struct Account: Sendable, Equatable {
        public var username: String
        public var password: String
        public var role: Role
    }

    public static func accounts() -> [Account] {
        [
            Account(username: "admin", password: "demo-admin-2024", role: .bureauAdmin),
            Account(username: "reviewer", password: "demo-reviewer-2024", role: .bureauReviewer),
            Account(username: "approver", password: "demo-approver-2024", role: .bureauApprover),
            Account(username: "town", password: "demo-town-2024", role: .townOfficer),
            Account(username: "enterprise", password: "demo-enterprise-2024", role: .enterprise),
            Account(username: "bank", password: "demo-bank-2024", role: .bank),
            Account(username: "expert", password: "demo-expert-2024", role: .expert),
            Account(username: "auditor", password: "demo-auditor-2024", role: .auditor),
        ]
    }

    /// Creates the demo accounts when the database has no account yet; returns them either way
    /// when they exist, so the sign-in page can list them.
    public static func ensure(_ auth: AuthService, district: DemoDistrict) async throws -> [Account] {
        let count = try await auth.transactor.read { try await $0.accounts.countUsers() }
        let firm = district.enterprise(at: 0).enterprise
        if count == 0 {
            for a in accounts() {
                try await auth.createUser(username: a.username, displayName: displayName(a.role, firm: firm.name), password: a.password, role: a.role,
                                          enterprise: a.role == .enterprise ? firm.uscc : nil,
                                          townCode: a.role == .townOfficer ? firm.townCode : nil,
                                          bank: a.role == .bank ? DemoDistrict.banks[0].code : nil, actor: "system:demo")
            }
        }
        try await reenable(auth)
        let existing = try await auth.transactor.read { stores in
            try await accounts().asyncFilter { try await stores.accounts.fetchUser(username: $0.username) != nil }
        }
        return existing
    }

    /// Outside demo mode a demo database's accounts that still have their published passwords
    /// are disabled (issue 19, item 7): anyone who read the README could sign in as the bureau.
    /// An account whose password was changed is left alone. Returns the user names disabled.
    public static func disablePublished(_ auth: AuthService, actor: String = "system:serve") async throws -> [String] {
        var disabled: [String] = []
        for a in try await published(auth, disabled: false) {
            try await auth.administer(.disable, username: a.username, actor: actor)
            disabled.append(a.username)
        }
        return disabled
    }

    /// In demo mode the demo accounts work again (they were disabled by a start without it).
    static func reenable(_ auth: AuthService, actor: String = "system:demo") async throws {
        for a in try await published(auth, disabled: true) { try await auth.administer(.enable, username: a.username, actor: actor) }
    }

    /// The demo accounts, in the given state, that still have their published passwords.
    static func published(_ auth: AuthService, disabled: Bool) async throws -> [Account] {
        var out: [Account] = []
        for a in accounts() {
            guard let stored = try await auth.transactor.read({ try await $0.accounts.fetchUser(username: a.username) }), stored.disabled == disabled,
                  try await AuthService.verifyOffThread(a.password, hash: stored.passwordHash) else { continue }
            out.append(a)
        }
        return out
    }

    static func displayName(_ role: Role, firm: String) -> String {
        switch role {
        case .bureauAdmin: return "王科长"
        case .bureauReviewer: return "李审核"
        case .bureauApprover: return "张审批"
        case .townOfficer: return "赵专员"
        case .enterprise: return firm
        case .bank: return "邮储银行 陈经理"
        case .expert: return "刘教授"
        case .auditor: return "周审计"
        }
    }
}

extension Array where Element: Sendable {
    func asyncFilter(_ keep: (Element) async throws -> Bool) async rethrows -> [Element] {
        var out: [Element] = []
        for e in self where try await keep(e) { out.append(e) }
        return out
    }
}
