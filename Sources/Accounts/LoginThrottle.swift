/// Growing delays, then a temporary lock, after failed logins. Pure: the caller passes the
/// failure count and the clock reading, in seconds. One throttle applies to each (user name,
/// client address) pair, a looser one to each address (issue 19, item 3): a stranger guessing a
/// name slows and locks only their own attempts, never the person who owns it.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures allowed before any delay.
    public var freeAttempts = 3
    /// Failures that lock the account.
    public var lockAfter = 8
    public var lockSeconds = 15 * 60
    /// Delay after the first failure beyond the free ones, doubling each time.
    public var baseDelaySeconds = 2
    /// Failures older than this no longer count (a fresh start the next day).
    public var forgetAfterSeconds = 24 * 3600

    public init() {}

    /// Per client address, whatever name is typed: an office behind one address has many people
    /// who mistype, so more failures pass before any delay, and a lock needs a hundred. [I]
    public static let perAddress: LoginThrottle = {
        var t = LoginThrottle()
        t.freeAttempts = 20; t.lockAfter = 100; t.baseDelaySeconds = 1
        return t
    }()

    /// Whether failures last recorded at `lastFailureAt` are too old to count at `now`.
    public func forgets(lastFailureAt: Int?, now: Int) -> Bool {
        guard let lastFailureAt else { return false }
        return now - lastFailureAt >= forgetAfterSeconds
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        case wait(seconds: Int)
        case locked(seconds: Int)
    }

    /// Whether a login attempt may be checked now.
    public func decide(failures: Int, lastFailureAt: Int?, lockedUntil: Int?, now: Int) -> Decision {
        if let lockedUntil, lockedUntil > now { return .locked(seconds: lockedUntil - now) }
        guard failures >= freeAttempts, let last = lastFailureAt else { return .allowed }
        let delay = baseDelaySeconds << min(failures - freeAttempts, 10)
        return now - last < delay ? .wait(seconds: delay - (now - last)) : .allowed
    }

    /// Whether the failure just recorded (making `failures` in all) locks the account.
    public func locks(afterFailures failures: Int) -> Bool { failures >= lockAfter }
}
