import KechuangTestSupport
import Storage
import StorageSQL
import Testing

/// Scheduled jobs on several instances (issue: production readiness, item 1): one claim wins a
/// day; a finished day is not run again; a lease left by a dead instance is taken over.
@Suite struct JobLeaseTests {
    @Test(arguments: TestDatabases.engines)
    func oneInstanceRunsEachDayAndADeadOnesRunIsTakenOver(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            func claim(_ owner: String, day: String = "2024-07-02", now: String, until: String) async throws -> Bool {
                try await db.write { try await $0.jobs.claim("nightly", day: day, owner: owner, now: now, leaseUntil: until) }
            }
            // Two instances wake at 02:00 and race: exactly one wins.
            async let a = claim("a", now: "2024-07-01T18:00:00Z", until: "2024-07-01T19:00:00Z")
            async let b = claim("b", now: "2024-07-01T18:00:00Z", until: "2024-07-01T19:00:00Z")
            let (wonA, wonB) = try await (a, b)
            #expect(wonA != wonB, "one and only one claim wins")
            let winner = wonA ? "a" : "b", loser = wonA ? "b" : "a"
            // The winner dies without completing; while its lease lasts nobody else runs...
            #expect(try await !claim(loser, now: "2024-07-01T18:30:00Z", until: "2024-07-01T19:30:00Z"))
            // ...once it has ended, the other takes the run over, and completes it.
            #expect(try await claim(loser, now: "2024-07-01T19:00:01Z", until: "2024-07-01T20:00:01Z"))
            try await db.write { try await $0.jobs.complete("nightly", day: "2024-07-02", owner: loser) }
            // A completed day is not run again, by anyone, even after the lease time.
            #expect(try await !claim(winner, now: "2024-07-01T21:00:00Z", until: "2024-07-01T22:00:00Z"))
            // The next day is new.
            #expect(try await claim(winner, day: "2024-07-03", now: "2024-07-02T18:00:00Z", until: "2024-07-02T19:00:00Z"))
        }
    }
}
