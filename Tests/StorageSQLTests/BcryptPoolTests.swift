import Foundation
import Services
import Testing

/// bcrypt runs on its own bounded pool, never on the threads that serve requests (issue 19, item 2).
@Suite struct BcryptPoolTests {
    @Test func aFullPoolAnswersBusyAtOnce() async throws {
        let pool = BcryptPool(concurrency: 1, queueLimit: 2)
        async let a: Int = pool.run { usleep(300_000); return 1 }
        async let b: Int = pool.run { usleep(300_000); return 2 }
        try await Task.sleep(for: .milliseconds(50))
        let started = Date()
        await #expect(throws: BcryptPool.Busy.self) { _ = try await pool.run { 3 } }
        #expect(Date().timeIntervalSince(started) < 0.1, "refused without waiting")
        #expect(try await a + b == 3)
        #expect(try await pool.run { 4 } == 4, "room again once they finish")
    }

    @Test func checksLeaveTheCooperativePoolFree() async throws {
        let pool = BcryptPool(concurrency: 2, queueLimit: 64)
        let jobs = Task { try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<16 { group.addTask { try await pool.run { usleep(100_000); return i } } }
            return try await group.reduce(0, +)
        } }
        try await Task.sleep(for: .milliseconds(20))
        // While sixteen blocking checks queue, ordinary async work still gets a thread at once.
        var worst: TimeInterval = 0
        for _ in 0..<20 {
            let t = Date()
            _ = await Task.detached { 1 + 1 }.value
            worst = max(worst, Date().timeIntervalSince(t))
        }
        #expect(worst < 0.05, "an async task waited \(worst) s")
        #expect(try await jobs.value == (0..<16).reduce(0, +))
    }

    @Test func bcryptThroughThePool() async throws {
        let hash = try await BcryptPool.shared.hash("correct-horse-42", cost: 4)
        #expect(try await BcryptPool.shared.verify("correct-horse-42", hash: hash))
        #expect(try await !BcryptPool.shared.verify("wrong-horse-42", hash: hash))
    }
}
