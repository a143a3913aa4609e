import Accounts
import Crypto
import Foundation
import HummingbirdBcrypt
import Kernel
import Registry
import Storage

public enum AuthError: Error, Equatable, CustomStringConvertible {
    case invalidCredentials
    case wait(seconds: Int)
    case locked(seconds: Int)
    case invalidAccount([Problem])

    public var description: String {
        switch self {
        case .invalidCredentials: return "用户名或密码错误 / wrong username or password"
        case .wait(let s): return "尝试过于频繁，请 \(s) 秒后再试 / too many attempts; try again in \(s) s"
        case .locked(let s): return "账号已临时锁定，请 \(s / 60 + 1) 分钟后再试 / account locked; try again in \(s / 60 + 1) min"
        case .invalidAccount(let p): return p.map(\.description).joined(separator: "\n")
        }
    }
}

/// Sign-in, sessions stored in the database (so several instances share them), and accounts.
public struct AuthService: Sendable {
    public struct Settings: Sendable {
        public var idleTimeout: TimeInterval = 30 * 60
        public var absoluteTimeout: TimeInterval = 12 * 3600
        public var apiTokenLifetime: TimeInterval = 12 * 3600
        /// An API token unused this long ends, as an idle browser session does (issue 19, item 2) [I]:
        /// a client that calls at least every two hours keeps its token for its lifetime.
        public var apiIdleTimeout: TimeInterval = 2 * 3600
        /// bcrypt cost; tests lower it.
        public var bcryptCost: UInt8 = 11
        public var throttle = LoginThrottle()
        public init() {}
    }

    public let transactor: any Transactor
    public let clock: @Sendable () -> Date
    public let settings: Settings
    /// Concurrent requests' sessions are read together, each with its user (see `Coalescer`).
    private let sessions: Coalescer<String, (session: StoredSession, user: StoredUser)?>

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date, settings: Settings = Settings()) {
        self.transactor = transactor; self.clock = clock; self.settings = settings
        sessions = Coalescer { hashes in
            let found = try await transactor.readEach { try await $0.accounts.fetchSessions(tokenHashes: hashes) }
            return hashes.map { found[$0] }
        }
    }

    public struct SignedIn: Sendable {
        public var user: User
        /// The secret the client keeps (cookie or bearer token); only its hash is stored.
        public var token: String
        public var csrfToken: String
        public var expiresAt: Date
    }

    public enum SessionKind: String, Sendable { case web, api }

    /// Checks the password, with growing delays and a temporary lock after repeated failures.
    /// Every success, failure and lock is audited. A new session id is issued on every login.
    public func login(username: String, password: String, kind: SessionKind, from client: String = "") async throws -> SignedIn {
        let now = clock()
        // Nothing longer than a username can be one; refuse before it reaches the audit log.
        guard username.count <= 64 else { throw AuthError.invalidCredentials }
        let stored = try await transactor.read { try await $0.accounts.fetchUser(username: username) }
        guard let stored, !stored.disabled else {
            _ = await Self.verifyOffThread(password, hash: Self.dummyHash(cost: settings.bcryptCost))   // same time as a real check
            try await transactor.write { try await $0.audit(AuditEntry(at: iso(now), actor: "anonymous", action: "login.failed", subject: "user:\(username)", detail: "unknown or disabled account \(client)")) }
            throw AuthError.invalidCredentials
        }
        // The attempt counts as a failure until the password proves otherwise, and the throttle
        // decides on that count inside the same transaction: parallel guesses queue on the row.
        let throttle = settings.throttle
        let id = stored.user.id, actor = stored.user.actorName
        let reservation: Result<Int, AuthError> = try await transactor.write { stores in
            let before = try await stores.accounts.reserveLoginAttempt(userID: id, at: iso(now))
            let decision = throttle.decide(failures: before.failures, lastFailureAt: seconds(before.lastFailedAt),
                                           lockedUntil: seconds(before.lockedUntil), now: Int(now.timeIntervalSince1970))
            switch decision {
            case .allowed:
                return .success(before.failures + 1)
            case .wait(let s), .locked(let s):
                try await stores.accounts.cancelLoginAttempt(userID: id, previousLastFailedAt: before.lastFailedAt)
                let isLock: Bool = { if case .locked = decision { return true } else { return false } }()
                try await stores.audit(AuditEntry(at: iso(now), actor: "anonymous", action: "login.refused", subject: actor, detail: "\(isLock ? "locked" : "throttled") \(client)"))
                return .failure(isLock ? .locked(seconds: s) : .wait(seconds: s))
            }
        }
        let failures = try reservation.get()
        guard await Self.verifyOffThread(password, hash: stored.passwordHash) else {
            let locks = throttle.locks(afterFailures: failures)
            let lockedUntil = iso(now.addingTimeInterval(TimeInterval(throttle.lockSeconds)))
            try await transactor.write { stores in
                try await stores.audit(AuditEntry(at: iso(now), actor: "anonymous", action: "login.failed", subject: actor, detail: "failure \(failures) \(client)"))
                if locks {
                    try await stores.accounts.lockAccount(userID: id, until: lockedUntil)
                    try await stores.audit(AuditEntry(at: iso(now), actor: "system", action: "account.locked", subject: actor, detail: "until \(lockedUntil)"))
                }
            }
            throw locks ? AuthError.locked(seconds: throttle.lockSeconds) : AuthError.invalidCredentials
        }
        let token = Self.randomToken(), csrf = Self.randomToken()
        let expires = now.addingTimeInterval(kind == .web ? settings.absoluteTimeout : settings.apiTokenLifetime)
        try await transactor.write { stores in
            try await stores.accounts.clearFailures(userID: id)
            try await stores.accounts.insertSession(StoredSession(tokenHash: Self.digest(token), userID: id, kind: kind.rawValue,
                                                                  csrfToken: csrf, createdAt: iso(now), lastSeenAt: iso(now), expiresAt: iso(expires)))
            try await stores.audit(AuditEntry(at: iso(now), actor: actor, action: "login", subject: actor, detail: "\(kind.rawValue) \(client)"))
        }
        return SignedIn(user: stored.user, token: token, csrfToken: csrf, expiresAt: expires)
    }

    public struct Authenticated: Sendable {
        public var user: User
        public var csrfToken: String
        public var tokenHash: String
    }

    /// The user behind a session token, or nil when it is unknown, expired or idle too long.
    public func authenticate(token: String, kind: SessionKind) async throws -> Authenticated? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        let now = clock()
        let hash = Self.digest(token)
        guard let (session, user) = try await sessions.submit(hash), session.kind == kind.rawValue, !user.disabled,
              let expires = date(session.expiresAt), let lastSeen = date(session.lastSeenAt) else { return nil }
        let idleExpired = now.timeIntervalSince(lastSeen) > (kind == .web ? settings.idleTimeout : settings.apiIdleTimeout)
        guard now < expires, !idleExpired else {
            try await transactor.write { try await $0.accounts.deleteSession(tokenHash: hash) }
            return nil
        }
        // Refresh the idle clock at most once a minute, so reads do not all become writes.
        if now.timeIntervalSince(lastSeen) > 60 {
            try await transactor.write { try await $0.accounts.touchSession(tokenHash: hash, at: iso(now)) }
        }
        return Authenticated(user: user.user, csrfToken: session.csrfToken, tokenHash: hash)
    }

    public func logout(_ session: Authenticated) async throws {
        let now = clock()
        try await transactor.write { stores in
            try await stores.accounts.deleteSession(tokenHash: session.tokenHash)
            try await stores.audit(AuditEntry(at: iso(now), actor: session.user.actorName, action: "logout", subject: session.user.actorName))
        }
    }

    public func setLanguage(_ user: User, _ language: Language) async throws {
        try await transactor.write { try await $0.accounts.setLanguage(userID: user.id, language) }
    }

    /// Creates an account. Passwords follow `passwordProblems`; an enterprise user names an
    /// enterprise in the registry and a town officer a town.
    @discardableResult
    public func createUser(username: String, displayName: String, password: String, role: Role,
                           enterprise: USCC? = nil, townCode: String? = nil, bank: String? = nil, actor: String) async throws -> User {
        var problems: [Problem] = []
        if username.count < 3 || username.count > 64 || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }) {
            problems.append(Problem(path: "username", message: "3–64 个字母、数字或 ._-@ / 3–64 letters, digits or ._-@"))
        }
        problems += Self.passwordProblems(password, username: username)
        if role == .enterprise && enterprise == nil { problems.append(Problem(path: "enterprise", message: "企业用户须指定企业 / an enterprise user needs --enterprise USCC")) }
        if role == .townOfficer && townCode == nil { problems.append(Problem(path: "town", message: "镇街专员须指定镇街 / a town officer needs --town CODE")) }
        if role == .bank && bank == nil { problems.append(Problem(path: "bank", message: "银行用户须指定银行 / a bank officer needs --bank CODE")) }
        guard problems.isEmpty else { throw AuthError.invalidAccount(problems) }
        let hash = await Self.hashOffThread(password, cost: settings.bcryptCost)
        let now = clock()
        return try await transactor.write { stores in
            if try await stores.accounts.fetchUser(username: username) != nil {
                throw AuthError.invalidAccount([Problem(path: "username", message: "用户名已存在 / the username is taken")])
            }
            if let enterprise, try await stores.registry.fetchEnterprise(enterprise) == nil {
                throw AuthError.invalidAccount([Problem(path: "enterprise", message: "企业 \(enterprise) 未登记 / enterprise not registered")])
            }
            if let townCode, !(try await stores.district.fetchTowns().contains { $0.code == townCode }) {
                throw AuthError.invalidAccount([Problem(path: "town", message: "镇街 \(townCode) 不存在 / unknown town")])
            }
            if role == .bank, let bank, !(try await stores.consents.fetchBanks().contains { $0.code == bank }) {
                throw AuthError.invalidAccount([Problem(path: "bank", message: "银行 \(bank) 未登记 / unknown bank")])
            }
            let id = try await stores.accounts.insertUser(NewUser(username: username, displayName: displayName, passwordHash: hash, role: role,
                                                                 enterprise: role == .enterprise ? enterprise : nil,
                                                                 townCode: role == .townOfficer ? townCode : nil,
                                                                 bank: role == .bank ? bank : nil), createdAt: iso(now))
            try await stores.audit(AuditEntry(at: iso(now), actor: actor, action: "account.create", subject: "user:\(username)", detail: role.rawValue))
            return User(id: id, username: username, displayName: displayName, role: role,
                        enterprise: role == .enterprise ? enterprise : nil, townCode: role == .townOfficer ? townCode : nil,
                        bank: role == .bank ? bank : nil)
        }
    }

    // MARK: helpers

    /// A hash at the configured cost, so an unknown username takes as long as a wrong password.
    static func dummyHash(cost: UInt8) -> String {
        dummyHashes.withLock { cache in
            if let h = cache[cost] { return h }
            let h = Bcrypt.hash("not a real password", cost: cost)
            cache[cost] = h
            return h
        }
    }
    private static let dummyHashes = LockedDictionary()

    static func verifyOffThread(_ password: String, hash: String) async -> Bool {
        await Task.detached { Bcrypt.verify(password, hash: hash) }.value
    }

    static func hashOffThread(_ password: String, cost: UInt8) async -> String {
        await Task.detached { Bcrypt.hash(password, cost: cost) }.value
    }

    public static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func digest(_ token: String) -> String {
        Hashing.sha256Hex(Data(token.utf8))
    }
}

func iso(_ date: Date) -> String { ISOTime.format(date) }
func date(_ text: String) -> Date? { ISOTime.parse(text) }
func seconds(_ text: String?) -> Int? { text.flatMap(date).map { Int($0.timeIntervalSince1970) } }

/// A tiny lock-protected cache (the dummy hashes, one per bcrypt cost).
final class LockedDictionary: @unchecked Sendable {
    // @unchecked: `values` is only touched under `lock`.
    private let lock = NSLock()
    private var values: [UInt8: String] = [:]
    func withLock<T>(_ body: (inout [UInt8: String]) -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body(&values)
    }
}
