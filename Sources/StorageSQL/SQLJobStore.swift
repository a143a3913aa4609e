import SQLKit
import Storage

struct SQLJobStore: JobStore {
    let db: any SQLDatabase

    func claim(_ job: String, day: String, owner: String, now: String, leaseUntil: String) async throws -> Bool {
        try await db.raw("INSERT INTO jobs (name) VALUES (\(bind: job)) ON CONFLICT (name) DO NOTHING").run()
        // One statement decides: a new day, or the same day not done and its lease ended.
        let won = try await db.raw("""
            UPDATE jobs SET day = \(bind: day), done = FALSE, lease_owner = \(bind: owner), lease_until = \(bind: leaseUntil)
            WHERE name = \(bind: job)
              AND (day IS NULL OR day < \(bind: day) OR (day = \(bind: day) AND done = FALSE AND (lease_until IS NULL OR lease_until < \(bind: now))))
            RETURNING name
            """).first()
        return won != nil
    }

    func complete(_ job: String, day: String, owner: String) async throws {
        try await db.raw("""
            UPDATE jobs SET done = TRUE, lease_until = NULL WHERE name = \(bind: job) AND day = \(bind: day) AND lease_owner = \(bind: owner)
            """).run()
    }
}
