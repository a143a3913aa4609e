import Accounts
import Foundation
import Kernel
import Storage

/// What a signed-in user does with their own account (issue 19, item 2): change the password —
/// the current one required, every other session ended — and see and end their own sessions.
extension AuthService {
    public enum AccountError: Error, Equatable, CustomStringConvertible {
        case invalid([Problem])
        case sessionNotFound
        case userNotFound
        case notPermitted
        public var description: String {
            switch self {
            case .invalid(let p): return p.map(\.description).joined(separator: "\n")
            case .sessionNotFound: return "会话不存在或已结束 / no such session"
            case .userNotFound: return "账户不存在 / no such account"
            case .notPermitted: return "无权管理账户 / you may not manage accounts"
            }
        }
    }

    /// Password rules [I]: at least 12 characters, at most 72 bytes (bcrypt ignores the rest, so
    /// longer is refused rather than silently cut), not the username, not a common password or a
    /// pattern (`CommonPasswords`), not the current password.
    public static func passwordProblems(_ password: String, username: String, path: String = "password") -> [Problem] {
        var out: [Problem] = []
        if password.count < 12 { out.append(Problem(path: path, message: "至少 12 个字符 / at least 12 characters")) }
        if password.utf8.count > 72 { out.append(Problem(path: path, message: "不超过 72 字节（约 24 个汉字） / at most 72 bytes")) }
        if password.lowercased() == username.lowercased() { out.append(Problem(path: path, message: "不能与用户名相同 / must differ from the username")) }
        if let why = CommonPasswords.weakness(password) { out.append(Problem(path: path, message: "过于常见：\(why.zh) / too common: \(why.en)")) }
        return out
    }

    /// Changes `session`'s user's password after checking the current one, and ends the user's
    /// other sessions (web and API): whoever knew the old password is signed out. Returns how
    /// many sessions ended.
    public func changePassword(_ session: Authenticated, current: String, new: String) async throws -> Int {
        let user = session.user
        guard let stored = try await transactor.read({ try await $0.accounts.fetchUser(id: user.id) }) else { throw AccountError.sessionNotFound }
        guard try await Self.verifyOffThread(current, hash: stored.passwordHash) else {
            throw AccountError.invalid([Problem(path: "current", message: "当前密码不正确 / the current password is wrong")])
        }
        var problems = Self.passwordProblems(new, username: user.username, path: "new")
        if new == current { problems.append(Problem(path: "new", message: "须与当前密码不同 / must differ from the current one")) }
        guard problems.isEmpty else { throw AccountError.invalid(problems) }
        let hash = try await Self.hashOffThread(new, cost: settings.bcryptCost)
        let at = ISOTime.format(clock())
        return try await transactor.write { stores in
            try await stores.accounts.updatePasswordHash(userID: user.id, hash)
            let ended = try await stores.accounts.deleteSessions(userID: user.id, keeping: session.tokenHash)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "account.password", subject: user.actorName,
                                              detail: "\(ended) other sessions ended", role: user.role.rawValue))
            return ended
        }
    }

    /// A session as its owner sees it: a public id (a digest of the token's digest, so the page
    /// never shows what identifies the session to the server), when it began and was last used.
    public struct SessionInfo: Sendable, Hashable {
        public var id: String
        public var kind: String
        public var createdAt: String
        public var lastSeenAt: String
        public var expiresAt: String
        public var current: Bool
    }

    static func publicID(_ tokenHash: String) -> String { String(digest(tokenHash).prefix(16)) }

    public func sessions(of session: Authenticated) async throws -> [SessionInfo] {
        try await transactor.read { try await $0.accounts.fetchSessions(userID: session.user.id) }.map { s in
            SessionInfo(id: Self.publicID(s.tokenHash), kind: s.kind, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt,
                        current: s.tokenHash == session.tokenHash)
        }
    }

    /// Ends one of the user's own sessions by its public id.
    public func endSession(_ id: String, of session: Authenticated) async throws {
        let user = session.user
        let mine = try await transactor.read { try await $0.accounts.fetchSessions(userID: user.id) }
        guard let target = mine.first(where: { Self.publicID($0.tokenHash) == id }) else { throw AccountError.sessionNotFound }
        let at = ISOTime.format(clock())
        try await transactor.write { stores in
            try await stores.accounts.deleteSession(tokenHash: target.tokenHash)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "account.session.end", subject: user.actorName,
                                              detail: target.kind, role: user.role.rawValue))
        }
    }
}
