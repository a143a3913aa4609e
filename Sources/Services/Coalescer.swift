import Synchronization

/// Runs concurrent calls for the same kind of database work as one batch. The first caller
/// starts a batch at once; callers arriving while it runs wait for the next batch, which takes
/// them all (up to `limit`). Under no load nothing waits; under load N callers share one round
/// trip instead of making N. Why: on SQLite each statement is a hop to sqlite-nio's thread pool
/// and back, and a bank's points read cost about ten of them — the load benchmark (issue #9)
/// found the read at 7% of a hello-world route, bounded by hops, not by SQLite's work.
///
/// `work` answers the inputs in their order; when it throws, every caller of that batch gets
/// the error. Nothing is cached: each caller's answer is read after the caller arrived.
/// A lock, not an actor: callers only append, and an actor's hop per call cost more than the
/// append (profiled).
public final class Coalescer<Input: Sendable, Output: Sendable>: Sendable {
    public typealias Work = @Sendable ([Input]) async throws -> [Output]
    private typealias Waiter = (input: Input, reply: CheckedContinuation<Output, any Error>)
    private struct Queue: ~Copyable {
        var waiting: [Waiter] = []
        var draining = false
    }

    private let work: Work
    private let limit: Int
    private let queue = Mutex(Queue())

    public init(limit: Int = 256, _ work: @escaping Work) {
        precondition(limit > 0)
        self.limit = limit; self.work = work
    }

    public func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { reply in
            let start = queue.withLock { q in
                q.waiting.append((input, reply))
                defer { q.draining = true }
                return !q.draining
            }
            if start { Task { await drain() } }
        }
    }

    private func drain() async {
        while true {
            // Let the tasks already runnable reach the queue first, while they keep arriving:
            // under load the batch grows (measured: CPU per request fell); with nothing
            // runnable a yield returns at once.
            var seen = 0
            for _ in 0..<4 {
                let count = queue.withLock { $0.waiting.count }
                guard count > seen, count < limit else { break }
                seen = count
                await Task.yield()
            }
            let batch = queue.withLock { q in
                let batch = Array(q.waiting.prefix(limit))
                q.waiting.removeFirst(batch.count)
                if batch.isEmpty { q.draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let outputs = try await work(batch.map(\.input))
                guard outputs.count == batch.count else { throw CoalescerError.wrongCount(expected: batch.count, got: outputs.count) }
                for (item, output) in zip(batch, outputs) { item.reply.resume(returning: output) }
            } catch {
                for item in batch { item.reply.resume(throwing: error) }
            }
        }
    }
}

public enum CoalescerError: Error, CustomStringConvertible {
    case wrongCount(expected: Int, got: Int)
    public var description: String {
        switch self {
        case .wrongCount(let e, let g): return "batch answered \(g) of \(e) inputs"
        }
    }
}
