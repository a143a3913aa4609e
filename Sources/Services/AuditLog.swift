import Crypto
import Foundation
import Storage

/// The audit log is a hash chain: each row's hash covers the previous hash and the row, so an
/// edited or deleted row breaks every hash after it, and `verify` finds the first break.
public enum AuditLog {
    /// Keyed rows' hashes carry this prefix: the verifier knows which need the key, and a keyed row
    /// followed by an unkeyed one is a break (a rewrite without the key).
    static let keyedPrefix = "k1:"

    /// The row's hash: HMAC-SHA256 under `key` when there is one, plain SHA-256 otherwise.
    @Sendable public static func hash(previous: String, _ e: AuditEntry, key: AuditKey?) -> String {
        guard let key else { return hash(previous: previous, e) }
        return keyedPrefix + key.mac(text(previous: previous, e))
    }

    @Sendable public static func hash(previous: String, _ e: AuditEntry) -> String {
        Hashing.sha256Hex(Data(text(previous: previous, e).utf8))
    }

    static func text(previous: String, _ e: AuditEntry) -> String {
        // Unit separators keep fields apart, so "ab"+"c" and "a"+"bc" hash differently.
        var fields = [previous, e.at, e.actor, e.action, e.subject, e.detail]
        // Rows from before the role and digests, or the client address, existed hash as they did then.
        if !(e.role.isEmpty && e.before.isEmpty && e.after.isEmpty) || !e.address.isEmpty { fields += [e.role, e.before, e.after] }
        if !e.address.isEmpty { fields.append(e.address) }
        return fields.joined(separator: "\u{1F}")
    }

    public enum Verdict: Sendable, Equatable {
        case intact(entries: Int, head: String)
        case broken(atID: Int64, reason: String)
    }

    /// Walks the whole chain in id order and checks it ends at the recorded head. Keyed rows need
    /// `key`; after the first keyed row every row must be keyed.
    public static func verify(_ transactor: any Transactor, key: AuditKey? = AuditKey.configured) async throws -> Verdict {
        try await transactor.read { stores in
            var previous = String(repeating: "0", count: 64)
            var after: Int64 = 0
            var count = 0
            var keyedSeen = false
            while true {
                let batch = try await stores.audit.fetch(afterID: after, limit: 5_000)
                if batch.isEmpty { break }
                for row in batch {
                    guard row.prevHash == previous else { return .broken(atID: row.id, reason: "prev_hash does not match the row before") }
                    let keyed = row.hash.hasPrefix(keyedPrefix)
                    if keyed {
                        guard let key else { return .broken(atID: row.id, reason: "the row is keyed: run with the audit key (KECHUANG_AUDIT_KEY_FILE)") }
                        guard hash(previous: previous, row.entry, key: key) == row.hash else {
                            return .broken(atID: row.id, reason: "row content does not match its keyed hash (or another key)")
                        }
                        keyedSeen = true
                    } else {
                        guard !keyedSeen else { return .broken(atID: row.id, reason: "an unkeyed row after keyed rows: rewritten without the key") }
                        guard hash(previous: previous, row.entry) == row.hash else { return .broken(atID: row.id, reason: "row content does not match its hash") }
                    }
                    previous = row.hash
                    count += 1
                }
                after = batch[batch.count - 1].id
            }
            guard let head = try await stores.audit.head() else {
                return .broken(atID: after, reason: "the head row (audit_head) is missing")
            }
            return head == previous ? .intact(entries: count, head: head) : .broken(atID: after, reason: "the chain does not end at the recorded head (rows removed?)")
        }
    }

    /// The cheap check behind `/readyz` and every write: the head exists and is the newest row's
    /// hash. Nil when it holds; the problem otherwise. (`verify` walks every row.)
    public static func headProblem(_ transactor: any Transactor) async throws -> String? {
        try await transactor.read { stores in
            guard let head = try await stores.audit.head() else { return "head row missing" }
            let last = try await stores.audit.lastHash() ?? String(repeating: "0", count: 64)
            return head == last ? nil : "head does not match the newest row"
        }
    }
}

extension Stores {
    /// Appends audit rows inside the caller's transaction.
    public func audit(_ entries: AuditEntry...) async throws {
        let key = AuditKey.configured
        // Once keyed, always keyed: an unkeyed row after keyed ones would read as a rewrite forever.
        if key == nil, let head = try await audit.head(), head.hasPrefix(AuditLog.keyedPrefix) {
            throw AuditChainBroken(reason: "the audit chain is keyed and this process has no key: set KECHUANG_AUDIT_KEY_FILE")
        }
        try await audit.append(entries, hash: { AuditLog.hash(previous: $0, $1, key: key) })
    }
}
