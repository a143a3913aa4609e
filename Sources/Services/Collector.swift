import Foundation

/// Gathers what the streaming batch callbacks of one read produce. The callbacks must be
/// @Sendable, so the array sits behind a lock even though the batches arrive one at a time.
final class Collector<Element>: @unchecked Sendable {
    // @unchecked: every access takes the lock.
    private let lock = NSLock()
    private var items: [Element] = []
    func add(_ more: [Element]) { lock.lock(); items += more; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }
    var all: [Element] { lock.lock(); defer { lock.unlock() }; return items }
}
