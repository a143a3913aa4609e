import SQLKit
import Storage

struct SQLAuditStore: AuditStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func append(_ entries: [AuditEntry], hash: @Sendable (String, AuditEntry) -> String) async throws {
        guard !entries.isEmpty else { return }
        // Lock the head first (a row lock on PostgreSQL; SQLite's writer is already exclusive).
        try await db.raw("UPDATE audit_head SET hash = hash WHERE id = 1").run()
        guard var prev = try await head() else { throw AuditChainBroken(reason: "head row missing") }
        guard prev == (try await lastHash() ?? Self.genesis) else { throw AuditChainBroken(reason: "head does not match the newest row") }
        var rows: [[SQLValue]] = []
        for e in entries {
            let h = hash(prev, e)
            rows.append([e.at, e.actor, e.action, e.subject, e.detail, e.role, e.before, e.after, prev, h])
            prev = h
        }
        try await bulk.insertMany(into: "audit_log", columns: ["at", "actor", "action", "subject", "detail", "role", "before_digest", "after_digest", "prev_hash", "hash"], rows: rows)
        try await db.raw("UPDATE audit_head SET hash = \(bind: prev) WHERE id = 1").run()
    }

    func fetch(afterID: Int64, limit: Int) async throws -> [ChainedAuditEntry] {
        try await db.raw("SELECT * FROM audit_log WHERE id > \(bind: afterID) ORDER BY id LIMIT \(literal: limit)").all().map { try Self.entry($0) }
    }

    func fetchLatest(limit: Int) async throws -> [ChainedAuditEntry] {
        try await db.raw("SELECT * FROM audit_log ORDER BY id DESC LIMIT \(literal: limit)").all().map { try Self.entry($0) }
    }

    /// The head before the first row.
    static let genesis = String(repeating: "0", count: 64)

    func head() async throws -> String? {
        try await db.raw("SELECT hash FROM audit_head WHERE id = 1").first()?.decode(column: "hash", as: String.self)
    }

    func lastHash() async throws -> String? {
        try await db.raw("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").first()?.decode(column: "hash", as: String.self)
    }

    static func entry(_ row: some SQLRow) throws -> ChainedAuditEntry {
        ChainedAuditEntry(
            id: try row.decode(column: "id", as: Int64.self),
            entry: AuditEntry(at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                              action: try row.decode(column: "action", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                              detail: try row.decode(column: "detail", as: String.self), role: try row.decode(column: "role", as: String.self),
                              before: try row.decode(column: "before_digest", as: String.self), after: try row.decode(column: "after_digest", as: String.self)),
            prevHash: try row.decode(column: "prev_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }
}
