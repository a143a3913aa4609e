import Foundation
import HummingbirdBcrypt
import Synchronization

/// bcrypt off the cooperative thread pool, with a bounded queue (issue 19, item 2). A check at
/// cost 11 holds a core for about a tenth of a second: run on Swift's cooperative pool, a flood of
/// sign-ins would occupy every thread that serves requests. Here checks run on their own threads,
/// at most one per core at once and at a lower priority than requests; beyond `queueLimit`
/// waiting, a sign-in is answered "busy, retry" at once instead of queueing without end.
public final class BcryptPool: Sendable {
    public static let shared = BcryptPool(concurrency: ProcessInfo.processInfo.activeProcessorCount, queueLimit: 256)

    public struct Busy: Error {}

    private let queue: OperationQueue
    private let queueLimit: Int
    private let inFlight = Mutex(0)

    public init(concurrency: Int, queueLimit: Int) {
        let q = OperationQueue()
        q.name = "kechuang.bcrypt"
        q.maxConcurrentOperationCount = max(1, concurrency)
        q.qualityOfService = .utility
        queue = q
        self.queueLimit = max(1, queueLimit)
    }

    /// Runs `work` on the pool's threads; throws `Busy` when `queueLimit` checks are already waiting or running.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        let admitted = inFlight.withLock { n -> Bool in
            guard n < queueLimit else { return false }
            n += 1
            return true
        }
        guard admitted else { throw Busy() }
        return await withCheckedContinuation { continuation in
            queue.addOperation {
                let value = work()
                self.inFlight.withLock { $0 -= 1 }
                continuation.resume(returning: value)
            }
        }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool { try await run { Bcrypt.verify(password, hash: hash) } }
    public func hash(_ password: String, cost: UInt8) async throws -> String { try await run { Bcrypt.hash(password, cost: cost) } }
}
