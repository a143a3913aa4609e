import Accounts
import Kernel

/// A stored account with what login needs; only the auth service sees the hash.
public struct StoredUser: Sendable {
    public var user: User
    public var passwordHash: String
    public var disabled: Bool
    /// Failed sign-ins are counted per name and address (`login_throttle`), not on the account;
    /// the users table's old failure columns are no longer read.
    public init(user: User, passwordHash: String, disabled: Bool = false) {
        self.user = user; self.passwordHash = passwordHash; self.disabled = disabled
    }
}

public struct NewUser: Sendable {
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var role: Role
    public var enterprise: USCC?
    public var townCode: String?
    public var bank: String?
    public var language: Language
    public init(username: String, displayName: String, passwordHash: String, role: Role,
                enterprise: USCC? = nil, townCode: String? = nil, bank: String? = nil, language: Language = .zh) {
        self.username = username; self.displayName = displayName; self.passwordHash = passwordHash
        self.role = role; self.enterprise = enterprise; self.townCode = townCode; self.bank = bank; self.language = language
    }
}

public struct StoredSession: Sendable {
    public var tokenHash: String
    public var userID: Int64
    public var kind: String
    public var csrfToken: String
    public var createdAt: String
    public var lastSeenAt: String
    public var expiresAt: String
    public init(tokenHash: String, userID: Int64, kind: String, csrfToken: String, createdAt: String, lastSeenAt: String, expiresAt: String) {
        self.tokenHash = tokenHash; self.userID = userID; self.kind = kind; self.csrfToken = csrfToken
        self.createdAt = createdAt; self.lastSeenAt = lastSeenAt; self.expiresAt = expiresAt
    }
}

public protocol AccountStore: Sendable {
    func insertUser(_ user: NewUser, createdAt: String) async throws -> Int64
    func fetchUser(username: String) async throws -> StoredUser?
    func fetchUser(id: Int64) async throws -> StoredUser?
    func countUsers() async throws -> Int
    /// Every account, by role then user name (the administrator's list).
    func fetchUsers() async throws -> [StoredUser]
    /// Forgets the sign-in failures of `username` from every address (staff unlock it).
    func clearThrottles(username: String) async throws -> Int
    /// Disables or re-enables an account; a disabled one cannot sign in and its sessions stop working.
    func setDisabled(userID: Int64, _ disabled: Bool) async throws
    /// Display names by user name, for the names a page shows instead of `user:…`.
    func fetchDisplayNames(usernames: [String]) async throws -> [String: String]
    /// Counts a login attempt as a failure before the password is checked, atomically (a row
    /// lock on PostgreSQL), so parallel guesses cannot all pass the throttle on one stale count.
    /// Returns the state before this attempt.
    /// Counts an attempt under `key` as a failure until the password proves otherwise, and returns
    /// the key's state before it (issue 19, item 3). On PostgreSQL the upsert locks the row, so
    /// parallel guesses queue.
    func reserveThrottle(_ key: String, at: String) async throws -> ThrottleState
    /// Undoes `reserveThrottle` for an attempt refused without being checked.
    func cancelThrottle(_ key: String) async throws
    func lockThrottle(_ key: String, until: String) async throws
    /// Forgets the failures of `key` (a success, or failures too old to count).
    func clearThrottle(_ key: String) async throws
    func setLanguage(userID: Int64, _ language: Language) async throws

    func insertSession(_ session: StoredSession) async throws
    /// The sessions among `tokenHashes`, each with its user, in one query (a batch of requests).
    func fetchSessions(tokenHashes: [String]) async throws -> [String: (session: StoredSession, user: StoredUser)]
    func touchSession(tokenHash: String, at: String) async throws
    func deleteSession(tokenHash: String) async throws
    /// A user's sessions, newest first.
    func fetchSessions(userID: Int64) async throws -> [StoredSession]
    /// Ends every session of the user but `keeping` (nil: all of them); returns how many ended.
    func deleteSessions(userID: Int64, keeping: String?) async throws -> Int
    func updatePasswordHash(userID: Int64, _ hash: String) async throws
}

/// One row of the audit log as written; the store adds the chain hashes.
/// A throttle key's failures: consecutive, the last one's time, and a lock.
public struct ThrottleState: Sendable, Hashable {
    public var failures: Int
    public var lastFailedAt: String?
    public var lockedUntil: String?
    public init(failures: Int, lastFailedAt: String?, lockedUntil: String?) {
        self.failures = failures; self.lastFailedAt = lastFailedAt; self.lockedUntil = lockedUntil
    }
}

/// Who asked from where, for the audit rows a request writes (issue 19, item 3): the web layer
/// sets it per request, the audit store stamps it on each row that names none.
public enum AuditContext {
    @TaskLocal public static var clientAddress: String = ""
}

public struct AuditEntry: Sendable, Codable, Hashable {
    public var at: String
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
    /// The actor's role, and SHA-256 digests of the object before and after the change, where
    /// the change has an object (empty otherwise).
    public var role: String
    public var before: String
    public var after: String
    /// The client's IP address (empty for the command line and jobs).
    public var address: String
    public init(at: String, actor: String, action: String, subject: String, detail: String = "", role: String = "", before: String = "", after: String = "",
                address: String = "") {
        self.at = at; self.actor = actor; self.action = action; self.subject = subject; self.detail = detail
        self.role = role; self.before = before; self.after = after; self.address = address
    }
}

public struct ChainedAuditEntry: Sendable, Codable, Hashable {
    public var id: Int64
    public var entry: AuditEntry
    public var prevHash: String
    public var hash: String
    public init(id: Int64, entry: AuditEntry, prevHash: String, hash: String) {
        self.id = id; self.entry = entry; self.prevHash = prevHash; self.hash = hash
    }
}

/// Which audit rows a reader wants (issue 22, item 2). Every part is optional; given ones all apply.
public struct AuditFilter: Sendable, Equatable {
    /// The actor exactly as recorded ("user:admin", "system") — or a user name, matched as "user:<name>".
    public var actor: String?
    public var role: String?
    /// An action or a family of them: "cashout" matches cashout.submit, cashout.approve ….
    public var action: String?
    /// Part of the object: a USCC, "application:12".
    public var subject: String?
    /// ISO instants, `from` inclusive and `until` exclusive.
    public var from: String?
    public var until: String?
    public init(actor: String? = nil, role: String? = nil, action: String? = nil, subject: String? = nil, from: String? = nil, until: String? = nil) {
        self.actor = actor; self.role = role; self.action = action; self.subject = subject; self.from = from; self.until = until
    }
}

/// The orders the audit page offers; each ends on the row id, so a page never repeats a row.
public enum AuditSort: String, Sendable, CaseIterable {
    case newest, oldest, actor, action, subject
}

public protocol AuditStore: Sendable {
    /// Appends in order, chaining each entry to the head; `hash` computes an entry's hash from
    /// the previous hash (the store knows no cryptography).
    func append(_ entries: [AuditEntry], hash: @Sendable (String, AuditEntry) -> String) async throws
    func fetch(afterID: Int64, limit: Int) async throws -> [ChainedAuditEntry]
    func fetchLatest(limit: Int) async throws -> [ChainedAuditEntry]
    /// One page of the rows the filter selects, in `sort` order, with their total.
    func search(_ filter: AuditFilter, sort: AuditSort, offset: Int, limit: Int) async throws -> (total: Int, entries: [ChainedAuditEntry])
    /// Newest first, below `beforeID`: an export walks the filtered rows in keyset batches.
    func fetch(_ filter: AuditFilter, beforeID: Int64?, limit: Int) async throws -> [ChainedAuditEntry]
    /// The recorded head; nil when its row is missing (a broken chain, never a crash).
    func head() async throws -> String?
    /// The newest row's id; nil when the log is empty. Every state change writes a row, so this
    /// is the data's version: a page may keep what it computed until it moves.
    func latestID() async throws -> Int64?
    /// The hash of the newest row; nil when the log is empty.
    func lastHash() async throws -> String?
    /// How many rows have an id up to `id` (a checkpoint counts them).
    func count(upTo id: Int64) async throws -> Int
}

/// A write that would extend a broken audit chain is refused: the chain's head is missing, or
/// does not end at the newest row. `kechuang audit verify` names the break.
public struct AuditChainBroken: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "审计日志链已断开（\(reason)），暂停一切写入；请运行 kechuang audit verify / the audit chain is broken (\(reason)); writes are refused until it is repaired" }
}

public struct PendingUpload: Sendable {
    public var tokenHash: String
    public var userID: Int64
    public var kind: String
    public var fileName: String
    public var contentBase64: String
    public var createdAt: String
    public init(tokenHash: String, userID: Int64, kind: String, fileName: String, contentBase64: String, createdAt: String) {
        self.tokenHash = tokenHash; self.userID = userID; self.kind = kind; self.fileName = fileName
        self.contentBase64 = contentBase64; self.createdAt = createdAt
    }
}

public protocol PendingUploadStore: Sendable {
    func insert(_ upload: PendingUpload) async throws
    func fetch(tokenHash: String, userID: Int64) async throws -> PendingUpload?
    func delete(tokenHash: String) async throws
    /// Removes uploads older than `before` (ISO 8601).
    func deleteOlder(than before: String) async throws
}

/// A remembered answer to a request sent with an `Idempotency-Key`; `status` is nil while the
/// first request is still being processed.
public struct IdempotentResponse: Sendable, Equatable {
    public var requestHash: String
    public var status: Int?
    public var contentType: String?
    public var body: String?
    public init(requestHash: String, status: Int?, contentType: String?, body: String?) {
        self.requestHash = requestHash; self.status = status; self.contentType = contentType; self.body = body
    }
}

public protocol IdempotencyStore: Sendable {
    /// Claims the key for a request; false when the key was already claimed.
    func claim(userID: Int64, key: String, requestHash: String, at: String) async throws -> Bool
    func fetch(userID: Int64, key: String) async throws -> IdempotentResponse?
    func complete(userID: Int64, key: String, status: Int, contentType: String, body: String) async throws
    func release(userID: Int64, key: String) async throws
    func deleteOlder(than before: String) async throws
}
