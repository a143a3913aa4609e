/// A first-come, first-served lock for async code. An actor alone is not enough: its methods
/// interleave at every `await`, and a transaction spans many awaits on one connection.
actor AsyncMutex {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !locked { locked = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Takes the lock only if it is free at once.
    func tryLock() -> Bool {
        if locked { return false }
        locked = true
        return true
    }

    func unlock() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }

    /// Runs `body` holding the lock; `held` when the caller took it already (`tryLock`).
    nonisolated func withLock<T: Sendable>(held: Bool = false, _ body: () async throws -> T) async throws -> T {
        if !held { await lock() }
        do {
            let value = try await body()
            await unlock()
            return value
        } catch {
            await unlock()
            throw error
        }
    }
}
