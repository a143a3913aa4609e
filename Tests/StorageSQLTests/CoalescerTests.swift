import Foundation
import Services
import KechuangTestSupport
import Storage
import StorageSQL
import Testing

/// The coalescer batches concurrent calls without mixing their answers up.
@Suite struct CoalescerTests {
    /// Records each batch the work was given.
    final class Batches: @unchecked Sendable {
        private let lock = NSLock()
        private var sizes: [Int] = []
        func record(_ n: Int) { lock.withLock { sizes.append(n) } }
        var all: [Int] { lock.withLock { sizes } }
    }

    @Test func concurrentCallsShareBatchesAndEachGetsItsOwnAnswer() async throws {
        let batches = Batches()
        let doubler = Coalescer<Int, Int>(limit: 16) { inputs in
            batches.record(inputs.count)
            try await Task.sleep(for: .milliseconds(20))
            return inputs.map { $0 * 2 }
        }
        let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for i in 0..<60 { group.addTask { (i, try await doubler.submit(i)) } }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(answers.count == 60 && answers.allSatisfy { $0.value == $0.key * 2 })
        #expect(batches.all.reduce(0, +) == 60)
        #expect(batches.all.count < 60, "calls waiting behind a batch share the next: \(batches.all)")
        #expect(batches.all.allSatisfy { $0 <= 16 }, "no batch beyond the limit: \(batches.all)")
    }

    struct Refused: Error {}

    @Test func aFailedBatchThrowsAndTheNextBatchRuns() async throws {
        let failing = Coalescer<Int, Int> { inputs in
            if inputs.contains(13) { throw Refused() }
            return inputs
        }
        await #expect(throws: Refused.self) { try await failing.submit(13) }
        #expect(try await failing.submit(7) == 7, "the next batch runs")
        let wrong = Coalescer<Int, Int> { _ in [] }
        await #expect(throws: CoalescerError.self) { try await wrong.submit(1) }
    }
}

/// Hex by hand (profiled) must still be SHA-256's usual spelling.
@Suite struct HashingTests {
    @Test func knownDigests() {
        #expect(Hashing.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hashing.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

/// A read takes a free SQLite reader rather than queueing behind a long one on its turn.
@Suite struct ReaderChoiceTests {
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var open = false
        func release() { lock.withLock { open = true } }
        var isOpen: Bool { lock.withLock { open } }
    }

    /// Three of the four readers are held until the quick reads are done — or, if a quick read
    /// queued behind one of them, until a 20-second watchdog gives up (no timing otherwise).
    @Test func quickReadsPassLongOnes() async throws {
        try await TestDatabases.with(.sqlite) { db in
            let gate = Gate(), watchdogFired = Gate()
            let long = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<3 {
                        group.addTask { try await db.read { _ in while !gate.isOpen { try await Task.sleep(for: .milliseconds(5)) } } }
                    }
                    try await group.waitForAll()
                }
            }
            let watchdog = Task {
                try await Task.sleep(for: .seconds(20))
                watchdogFired.release(); gate.release()
            }
            try await Task.sleep(for: .milliseconds(300))
            // Round robin would send one of these four to a held reader.
            for _ in 0..<4 { _ = try await db.read { try await $0.registry.countEnterprises() } }
            #expect(!watchdogFired.isOpen, "a quick read waited for a long one")
            gate.release()
            watchdog.cancel()
            try await long.value
        }
    }
}
