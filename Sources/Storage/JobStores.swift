/// Leases for scheduled jobs (issue: production readiness, item 1): several instances share one
/// database, and a job's run for a day is claimed by one of them; a claim that is not completed
/// before its lease ends (the instance died) can be taken by another.
public protocol JobStore: Sendable {
    /// Claims `job`'s run for `day` (YYYY-MM-DD) for `owner` until `leaseUntil` (ISO time):
    /// true when this owner won it — the day has not been completed and no live lease is held by
    /// another. Atomic on both engines (one UPDATE … RETURNING).
    func claim(_ job: String, day: String, owner: String, now: String, leaseUntil: String) async throws -> Bool
    /// Marks the day's run done, so no instance runs it again.
    func complete(_ job: String, day: String, owner: String) async throws
}
