import Synchronization

/// A first-come, first-served lock for async code: a transaction spans many awaits on one
/// connection, so its holder suspends while holding it. A plain lock guards the state, not an
/// actor: taking a free lock is then no hop at all (profiled on the bank points read, where
/// every request takes a reader's lock).
final class AsyncMutex: Sendable {
    private struct State: ~Copyable {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func lock() async {
        if tryLock() { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { s in
                if !s.locked { s.locked = true; return true }
                s.waiters.append(waiter)
                return false
            }
            if acquired { waiter.resume() }
        }
    }

    /// Takes the lock only if it is free at once.
    func tryLock() -> Bool {
        state.withLock { s in
            if s.locked { return false }
            s.locked = true
            return true
        }
    }

    /// Hands the lock to the longest waiter (it stays locked), or frees it.
    func unlock() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.waiters.isEmpty { s.locked = false; return nil }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }

    /// Runs `body` holding the lock; `held` when the caller took it already (`tryLock`).
    func withLock<T: Sendable>(held: Bool = false, _ body: () async throws -> T) async throws -> T {
        if !held { await lock() }
        do {
            let value = try await body()
            unlock()
            return value
        } catch {
            unlock()
            throw error
        }
    }
}
