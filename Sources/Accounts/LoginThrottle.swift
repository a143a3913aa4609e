/// Growing delays, then a temporary lock, after failed logins. Pure: the caller passes the
/// failure count and the clock reading, in seconds.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures allowed before any delay.
    public var freeAttempts = 3
    /// Failures that lock the account.
    public var lockAfter = 8
    public var lockSeconds = 15 * 60
    /// Delay after the first failure beyond the free ones, doubling each time.
    public var baseDelaySeconds = 2

    public init() {}

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
