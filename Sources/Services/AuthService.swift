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
        case .locked(let s): return "失败次数过多，此处的登录已暂停，请 \(s / 60 + 1) 分钟后再试 / too many failures from here; sign-in paused for \(s / 60 + 1) min"
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
        /// Per (user name, client address) pair, and per address (issue 19, item 3).
        public var throttle = LoginThrottle()
        public var addressThrottle = LoginThrottle.perAddress
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

    /// Checks the password, with growing delays and a temporary lock after repeated failures of
    /// the same name from the same address, and of one address (issue 19, item 3). Known and
    /// unknown names take the same path — the same writes, a bcrypt check, the same answers — so
    /// nothing tells them apart. Every success, failure and lock is audited with the address. A
    /// new session id is issued on every login.
    public func login(username: String, password: String, kind: SessionKind, from address: String = "") async throws -> SignedIn {
        let now = clock()
        // Nothing longer than a username can be one; refuse before it reaches the audit log.
        guard username.unicodeScalars.count <= 64 else { throw AuthError.invalidCredentials }
        let keys = ThrottleKeys(username: username, address: address)
        let subject = "user:\(username)"
        let failures = try await reserve(keys, subject: subject, now: now)
        let stored = try await transactor.read { try await $0.accounts.fetchUser(username: username) }
        let checked: Bool
        do { checked = try await Self.verifyOffThread(password, hash: stored?.passwordHash ?? Self.dummyHash(cost: settings.bcryptCost)) } catch {
            // Too busy to check: the attempt was never made, so it counts against nobody.
            try await transactor.write { stores in
                try await stores.accounts.cancelThrottle(keys.pair)
                try await stores.accounts.cancelThrottle(keys.address)
            }
            throw error
        }
        guard checked, let stored, !stored.disabled else {
            let pairLocks = settings.throttle.locks(afterFailures: failures.pair)
            let addressLocks = settings.addressThrottle.locks(afterFailures: failures.address)
            let pairUntil = iso(now.addingTimeInterval(TimeInterval(settings.throttle.lockSeconds)))
            let addressUntil = iso(now.addingTimeInterval(TimeInterval(settings.addressThrottle.lockSeconds)))
            try await transactor.write { stores in
                try await stores.audit(AuditEntry(at: iso(now), actor: "anonymous", action: "login.failed", subject: subject,
                                                  detail: "failure \(failures.pair)", address: address))
                if pairLocks {
                    try await stores.accounts.lockThrottle(keys.pair, until: pairUntil)
                    try await stores.audit(AuditEntry(at: iso(now), actor: "system", action: "login.locked", subject: subject,
                                                      detail: "this name from this address until \(pairUntil)", address: address))
                }
                if addressLocks {
                    try await stores.accounts.lockThrottle(keys.address, until: addressUntil)
                    try await stores.audit(AuditEntry(at: iso(now), actor: "system", action: "login.locked", subject: "address",
                                                      detail: "every name from this address until \(addressUntil)", address: address))
                }
            }
            if pairLocks { throw AuthError.locked(seconds: settings.throttle.lockSeconds) }
            if addressLocks { throw AuthError.locked(seconds: settings.addressThrottle.lockSeconds) }
            throw AuthError.invalidCredentials
        }
        let id = stored.user.id, actor = stored.user.actorName
        let token = Self.randomToken(), csrf = Self.randomToken()
        let expires = now.addingTimeInterval(kind == .web ? settings.absoluteTimeout : settings.apiTokenLifetime)
        try await transactor.write { stores in
            // A success is no failure: neither this name from here nor the address keeps it.
            try await stores.accounts.clearThrottle(keys.pair)
            try await stores.accounts.cancelThrottle(keys.address)
            try await stores.accounts.insertSession(StoredSession(tokenHash: Self.digest(token), userID: id, kind: kind.rawValue,
                                                                  csrfToken: csrf, createdAt: iso(now), lastSeenAt: iso(now), expiresAt: iso(expires)))
            try await stores.audit(AuditEntry(at: iso(now), actor: actor, action: "login", subject: actor, detail: kind.rawValue, address: address))
        }
        return SignedIn(user: stored.user, token: token, csrfToken: csrf, expiresAt: expires)
    }

    /// The two throttle keys of an attempt. Names are compared without case, so "Admin" and
    /// "admin" share a count.
    struct ThrottleKeys {
        let pair: String, address: String
        init(username: String, address client: String) {
            let network = Self.network(client)
            pair = "u:\(username.lowercased())|a:\(network)"
            address = "a:\(network)"
        }

        /// An IPv4 address as it is; an IPv6 one by its /64, which one subscriber usually holds
        /// whole: counting each of its 2^64 addresses apart would give a guesser endless fresh counts.
        static func network(_ address: String) -> String {
            guard address.contains(":") else { return address }
            var raw = in6_addr()
            guard inet_pton(AF_INET6, address, &raw) == 1 else { return address }
            let bytes = withUnsafeBytes(of: &raw) { Array($0.prefix(8)) }
            return stride(from: 0, to: 8, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }.joined(separator: ":") + "::/64"
        }
    }

    /// Counts the attempt as a failure under both keys until the password proves otherwise, in one
    /// transaction with the throttles' decision; a refused attempt is taken back and audited.
    /// Returns the failure counts this attempt would make.
    private func reserve(_ keys: ThrottleKeys, subject: String, now: Date) async throws -> (pair: Int, address: Int) {
        let pairThrottle = settings.throttle, addressThrottle = settings.addressThrottle
        let address = String(keys.address.dropFirst(2))
        let outcome: Result<(Int, Int), AuthError> = try await transactor.write { stores in
            var decisions: [LoginThrottle.Decision] = []
            var counts: [Int] = []
            for (key, throttle) in [(keys.pair, pairThrottle), (keys.address, addressThrottle)] {
                var before = try await stores.accounts.reserveThrottle(key, at: iso(now))
                if throttle.forgets(lastFailureAt: seconds(before.lastFailedAt), now: Int(now.timeIntervalSince1970)),
                   (seconds(before.lockedUntil) ?? 0) <= Int(now.timeIntervalSince1970) {
                    try await stores.accounts.clearThrottle(key)
                    before = try await stores.accounts.reserveThrottle(key, at: iso(now))
                }
                decisions.append(throttle.decide(failures: before.failures, lastFailureAt: seconds(before.lastFailedAt),
                                                 lockedUntil: seconds(before.lockedUntil), now: Int(now.timeIntervalSince1970)))
                counts.append(before.failures + 1)
            }
            // The stricter answer: a lock before a wait, the longer wait.
            let refusal = decisions.compactMap { d -> AuthError? in
                switch d {
                case .allowed: return nil
                case .wait(let s): return .wait(seconds: s)
                case .locked(let s): return .locked(seconds: s)
                }
            }.max { a, b in Self.severity(a) < Self.severity(b) }
            guard let refusal else { return .success((counts[0], counts[1])) }
            try await stores.accounts.cancelThrottle(keys.pair)
            try await stores.accounts.cancelThrottle(keys.address)
            let kind: String = { if case .locked = refusal { return "locked" } else { return "throttled" } }()
            try await stores.audit(AuditEntry(at: iso(now), actor: "anonymous", action: "login.refused", subject: subject, detail: kind, address: address))
            return .failure(refusal)
        }
        let (pair, addressCount) = try outcome.get()
        return (pair, addressCount)
    }

    private static func severity(_ e: AuthError) -> Int {
        switch e {
        case .locked(let s): return 1_000_000 + s
        case .wait(let s): return s
        default: return 0
        }
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
        let hash = try await Self.hashOffThread(password, cost: settings.bcryptCost)
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

    /// bcrypt on its own bounded pool (`BcryptPool`); a full pool is "busy, retry in a second".
    static func verifyOffThread(_ password: String, hash: String) async throws -> Bool {
        do { return try await BcryptPool.shared.verify(password, hash: hash) } catch is BcryptPool.Busy { throw AuthError.wait(seconds: 1) }
    }

    static func hashOffThread(_ password: String, cost: UInt8) async throws -> String {
        do { return try await BcryptPool.shared.hash(password, cost: cost) } catch is BcryptPool.Busy { throw AuthError.wait(seconds: 1) }
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
