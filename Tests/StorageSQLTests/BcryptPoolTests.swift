import Foundation
import Services
import Testing

/// bcrypt runs on its own bounded pool, never on the threads that serve requests (issue 19, item 2).
@Suite struct BcryptPoolTests {
    @Test func aFullPoolAnswersBusyAtOnce() async throws {
        let pool = BcryptPool(concurrency: 1, queueLimit: 2)
        let gate = DispatchSemaphore(value: 0)
        async let a: Int = pool.run { gate.wait(); return 1 }
        async let b: Int = pool.run { gate.wait(); return 2 }
        try await Task.sleep(for: .milliseconds(50))
        // Both admitted checks are held at the gate: a third that queued would never return.
        let refused = await withTaskGroup(of: String.self) { group in
            group.addTask { do { _ = try await pool.run { 3 }; return "ran" } catch is BcryptPool.Busy { return "busy" } catch { return "other" } }
            // On timeout the gate opens, so a regression fails the test instead of hanging it.
            group.addTask { try? await Task.sleep(for: .seconds(5)); gate.signal(); gate.signal(); return "waited" }
            let first = await group.next() ?? "none"
            group.cancelAll()
            return first
        }
        gate.signal(); gate.signal()
        #expect(refused == "busy", "refused at once, not queued")
        #expect(try await a + b == 3)
        #expect(try await pool.run { 4 } == 4, "room again once they finish")
    }

    /// Checks that block do not hold the threads async work runs on: with every slot of the pool
    /// blocked (and more waiting), an ordinary async task still runs. On the cooperative pool
    /// (`Task.detached`, as before) sixteen blocked checks would hold every thread and it would not.
    @Test func checksLeaveTheCooperativePoolFree() async throws {
        // More blocked checks than the cooperative pool has threads, whatever the machine.
        let count = max(16, ProcessInfo.processInfo.activeProcessorCount + 1)
        let pool = BcryptPool(concurrency: 2, queueLimit: count + 8)
        let gate = DispatchSemaphore(value: 0)
        // The timeout opens the gate from a Dispatch thread, so a regression fails instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 5) { for _ in 0..<count { gate.signal() } }
        let jobs = Task { try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<count { group.addTask { try await pool.run { gate.wait(); return i } } }
            return try await group.reduce(0, +)
        } }
        try await Task.sleep(for: .milliseconds(50))
        let started = Date()
        _ = await Task.detached { true }.value
        let waited = Date().timeIntervalSince(started)
        for _ in 0..<count { gate.signal() }
        // On the cooperative pool it could only run once the timeout opened the gate, 5 s on.
        #expect(waited < 4, "an async task ran while every bcrypt slot was blocked (after \(waited) s)")
        #expect(try await jobs.value == (0..<count).reduce(0, +))
    }

    @Test func bcryptThroughThePool() async throws {
        let hash = try await BcryptPool.shared.hash("correct-horse-42", cost: 4)
        #expect(try await BcryptPool.shared.verify("correct-horse-42", hash: hash))
        #expect(try await !BcryptPool.shared.verify("wrong-horse-42", hash: hash))
    }
}
