import Accounts
import Foundation
import Kernel
import Storage

/// An account as the administrator's list shows it.
public struct AccountSummary: Sendable {
    public var user: User
    public var disabled: Bool
    public var sessions: Int
}

/// Staff manage accounts (issue 19, item 2): disable and enable, unlock sign-in, reset a password,
/// end sessions — each audited, none on one's own account (the account page serves that), and
/// only with `manageAccounts`.
extension AuthService {
    public enum AdminAction: String, Sendable, CaseIterable {
        case disable, enable, unlock, endSessions = "end-sessions", resetPassword = "reset-password"
    }

    public func accounts(by admin: User) async throws -> [AccountSummary] {
        guard AccessPolicy.allows(admin.role, .manageAccounts) else { throw AccountError.notPermitted }
        return try await transactor.read { stores in
            var out: [AccountSummary] = []
            for s in try await stores.accounts.fetchUsers() {
                out.append(AccountSummary(user: s.user, disabled: s.disabled, sessions: try await stores.accounts.fetchSessions(userID: s.user.id).count))
            }
            return out
        }
    }

    /// Applies `action` to `username`'s account; `password` is the new one for a reset. Returns
    /// what to tell the administrator, in Chinese and English.
    @discardableResult
    public func administer(_ action: AdminAction, username: String, password: String? = nil, by admin: User) async throws -> String {
        guard AccessPolicy.allows(admin.role, .manageAccounts) else { throw AccountError.notPermitted }
        guard username != admin.username else {
            throw AccountError.invalid([Problem(path: "username", message: "不能对自己的账户执行此操作，请在“我的账户”中修改 / not on your own account: use the account page")])
        }
        return try await administer(action, username: username, password: password, actor: admin.actorName, role: admin.role.rawValue)
    }

    /// As above, for the operator at the command line (`kechuang user disable …`), who holds the
    /// server and so every account already.
    @discardableResult
    public func administer(_ action: AdminAction, username: String, password: String? = nil, actor: String, role: String = "") async throws -> String {
        guard let stored = try await transactor.read({ try await $0.accounts.fetchUser(username: username) }) else { throw AccountError.userNotFound }
        var hash: String?
        if action == .resetPassword {
            let problems = Self.passwordProblems(password ?? "", username: username)
            guard problems.isEmpty else { throw AccountError.invalid(problems) }
            hash = try await Self.hashOffThread(password ?? "", cost: settings.bcryptCost)
        }
        let at = ISOTime.format(clock()), id = stored.user.id, subject = stored.user.actorName, newHash = hash
        return try await transactor.write { stores in
            let message: String
            switch action {
            case .disable:
                try await stores.accounts.setDisabled(userID: id, true)
                let ended = try await stores.accounts.deleteSessions(userID: id, keeping: nil)
                message = "已停用，结束 \(ended) 个会话 / disabled; \(ended) sessions ended"
            case .enable:
                try await stores.accounts.setDisabled(userID: id, false)
                message = "已启用 / enabled"
            case .unlock:
                let n = try await stores.accounts.clearThrottles(username: username)
                message = "已解除登录限制（\(n) 处）/ sign-in unlocked (\(n) places)"
            case .endSessions:
                let ended = try await stores.accounts.deleteSessions(userID: id, keeping: nil)
                message = "已结束 \(ended) 个会话 / \(ended) sessions ended"
            case .resetPassword:
                guard let newHash else { throw AccountError.invalid([Problem(path: "password", message: "须填写新密码 / a new password is required")]) }
                try await stores.accounts.updatePasswordHash(userID: id, newHash)
                let ended = try await stores.accounts.deleteSessions(userID: id, keeping: nil)
                _ = try await stores.accounts.clearThrottles(username: username)
                message = "已重置密码，结束 \(ended) 个会话；请当面或电话告知新密码 / password reset; \(ended) sessions ended"
            }
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "account.\(action.rawValue)", subject: subject,
                                              detail: message.components(separatedBy: " / ").last ?? "", role: role))
            return message
        }
    }
}
