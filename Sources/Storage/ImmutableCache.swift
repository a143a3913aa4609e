import Synchronization

/// A bounded map of values derived from records that never change once written — a published
/// points run, a stored model — so nothing can make an entry stale. When full it forgets
/// everything at once: the live working set (the latest run's firms) refills it within seconds.
public final class ImmutableCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])
    private let capacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    public subscript(key: Key) -> Value? { values.withLock { $0[key] } }

    public func store(_ value: Value, for key: Key) {
        values.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[key] = value
        }
    }

    public func value(_ key: Key, orCompute compute: () throws -> Value) rethrows -> Value {
        if let hit = self[key] { return hit }
        let value = try compute()
        store(value, for: key)
        return value
    }

    public func value(_ key: Key, orCompute compute: () async throws -> Value) async rethrows -> Value {
        if let hit = self[key] { return hit }
        let value = try await compute()
        store(value, for: key)
        return value
    }
}
