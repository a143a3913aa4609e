import Accounts
import Kernel
import SQLKit
import Storage

struct SQLAccountStore: AccountStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func insertUser(_ u: NewUser, createdAt: String) async throws -> Int64 {
        let id = try await db.raw("""
            INSERT INTO users (username, display_name, password_hash, role, enterprise_uscc, town_code, language, created_at)
            VALUES (\(bind: u.username), \(bind: u.displayName), \(bind: u.passwordHash), \(bind: u.role.rawValue),
                    \(bind: u.enterprise?.code), \(bind: u.townCode), \(bind: u.language.rawValue), \(bind: createdAt))
            RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
        if let bank = u.bank {
            try await db.raw("INSERT INTO bank_officers (user_id, bank_code) VALUES (\(bind: id), \(bind: bank))").run()
        }
        return id
    }

    func fetchUser(username: String) async throws -> StoredUser? {
        try await db.raw("SELECT u.*, b.bank_code FROM users u LEFT JOIN bank_officers b ON b.user_id = u.id WHERE u.username = \(bind: username)").first().map { try StoredUser(row: $0) }
    }

    func fetchUser(id: Int64) async throws -> StoredUser? {
        try await db.raw("SELECT u.*, b.bank_code FROM users u LEFT JOIN bank_officers b ON b.user_id = u.id WHERE u.id = \(bind: id)").first().map { try StoredUser(row: $0) }
    }

    func fetchUsers() async throws -> [StoredUser] {
        try await db.raw("SELECT u.*, b.bank_code FROM users u LEFT JOIN bank_officers b ON b.user_id = u.id ORDER BY u.role, u.username").all().map { try StoredUser(row: $0) }
    }

    func clearThrottles(username: String) async throws -> Int {
        // A prefix compared as text, not LIKE: a name may hold % or _.
        let prefix = "u:\(username.lowercased())|"
        let rows = try await db.raw("""
            DELETE FROM login_throttle WHERE substr(key, 1, CAST(\(bind: prefix.count) AS INTEGER)) = \(bind: prefix) RETURNING key
            """).all()
        return rows.count
    }

    func setDisabled(userID: Int64, _ disabled: Bool) async throws {
        try await db.raw("UPDATE users SET disabled = \(bind: disabled) WHERE id = \(bind: userID)").run()
    }

    func countUsers() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func fetchDisplayNames(usernames: [String]) async throws -> [String: String] {
        guard !usernames.isEmpty else { return [:] }
        var names: [String: String] = [:]
        for row in try await db.raw("SELECT username, display_name FROM users WHERE username IN (\(binds: usernames.map { $0 as SQLValue }))").all() {
            names[try row.decode(column: "username", as: String.self)] = try row.decode(column: "display_name", as: String.self)
        }
        return names
    }

    func reserveThrottle(_ key: String, at: String) async throws -> ThrottleState {
        // The right-hand sides read the row as it was, on both engines: `previous_failed_at` keeps
        // the time `cancelThrottle` restores.
        guard let row = try await db.raw("""
            INSERT INTO login_throttle (key, failures, last_failed_at) VALUES (\(bind: key), 1, \(bind: at))
            ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1, previous_failed_at = login_throttle.last_failed_at,
              last_failed_at = excluded.last_failed_at
            RETURNING failures, previous_failed_at, locked_until
            """).first() else { return ThrottleState(failures: 0, lastFailedAt: nil, lockedUntil: nil) }
        return ThrottleState(failures: try row.decode(column: "failures", as: Int.self) - 1,
                             lastFailedAt: try row.decode(column: "previous_failed_at", as: String?.self),
                             lockedUntil: try row.decode(column: "locked_until", as: String?.self))
    }

    func cancelThrottle(_ key: String) async throws {
        try await db.raw("""
            UPDATE login_throttle SET failures = failures - 1, last_failed_at = previous_failed_at WHERE key = \(bind: key) AND failures > 0
            """).run()
    }

    func lockThrottle(_ key: String, until: String) async throws {
        try await db.raw("UPDATE login_throttle SET locked_until = \(bind: until) WHERE key = \(bind: key)").run()
    }

    func clearThrottle(_ key: String) async throws {
        try await db.raw("DELETE FROM login_throttle WHERE key = \(bind: key)").run()
    }

    func setLanguage(userID: Int64, _ language: Language) async throws {
        try await db.raw("UPDATE users SET language = \(bind: language.rawValue) WHERE id = \(bind: userID)").run()
    }

    func insertSession(_ s: StoredSession) async throws {
        try await bulk.insertMany(into: "sessions", columns: ["token_hash", "user_id", "kind", "csrf_token", "created_at", "last_seen_at", "expires_at"],
                                rows: [[s.tokenHash, s.userID, s.kind, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt]])
    }

    func fetchSessions(tokenHashes: [String]) async throws -> [String: (session: StoredSession, user: StoredUser)] {
        var out: [String: (session: StoredSession, user: StoredUser)] = [:]
        for chunk in Array(Set(tokenHashes)).chunked(into: 500) {
            for row in try await db.raw("""
                SELECT \(unsafeRaw: Self.sessionColumns), u.*, b.bank_code FROM sessions s JOIN users u ON u.id = s.user_id
                LEFT JOIN bank_officers b ON b.user_id = u.id WHERE s.token_hash IN (\(binds: Array(chunk)))
                """).all() {
                let session = try Self.session(row)
                out[session.tokenHash] = (session, try StoredUser(row: row))
            }
        }
        return out
    }

    /// The session's columns under names that cannot clash with the user's beside them.
    private static let sessionColumns = """
        s.token_hash AS s_token_hash, s.user_id AS s_user_id, s.kind AS s_kind, s.csrf_token AS s_csrf_token,
        s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, s.expires_at AS s_expires_at
        """

    private static func session(_ row: some SQLRow) throws -> StoredSession {
        StoredSession(tokenHash: try row.decode(column: "s_token_hash", as: String.self),
                      userID: try row.decode(column: "s_user_id", as: Int64.self),
                      kind: try row.decode(column: "s_kind", as: String.self),
                      csrfToken: try row.decode(column: "s_csrf_token", as: String.self),
                      createdAt: try row.decode(column: "s_created_at", as: String.self),
                      lastSeenAt: try row.decode(column: "s_last_seen_at", as: String.self),
                      expiresAt: try row.decode(column: "s_expires_at", as: String.self))
    }

    func touchSession(tokenHash: String, at: String) async throws {
        try await db.raw("UPDATE sessions SET last_seen_at = \(bind: at) WHERE token_hash = \(bind: tokenHash)").run()
    }

    func deleteSession(tokenHash: String) async throws {
        try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
    }

    func fetchSessions(userID: Int64) async throws -> [StoredSession] {
        try await db.raw("SELECT \(unsafeRaw: Self.sessionColumns) FROM sessions s WHERE s.user_id = \(bind: userID) ORDER BY s.created_at DESC").all().map { try Self.session($0) }
    }

    func deleteSessions(userID: Int64, keeping: String?) async throws -> Int {
        try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: userID) AND token_hash <> \(bind: keeping ?? "") RETURNING token_hash").all().count
    }

    func updatePasswordHash(userID: Int64, _ hash: String) async throws {
        try await db.raw("UPDATE users SET password_hash = \(bind: hash) WHERE id = \(bind: userID)").run()
    }
}

extension StoredUser {
    init(row: some SQLRow) throws {
        self.init(
            user: User(id: try row.decode(column: "id", as: Int64.self),
                       username: try row.decode(column: "username", as: String.self),
                       displayName: try row.decode(column: "display_name", as: String.self),
                       role: try row.decodeEnum("role"),
                       enterprise: try row.decode(column: "enterprise_uscc", as: USCC?.self),
                       townCode: try row.decode(column: "town_code", as: String?.self),
                       bank: try row.decode(column: "bank_code", as: String?.self),
                       language: try row.decodeEnum("language")),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            disabled: try row.decode(column: "disabled", as: Bool.self))
    }
}
