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
        let address = AuditContext.clientAddress
        for var e in entries {
            if e.address.isEmpty { e.address = address }
            let h = hash(prev, e)
            rows.append([e.at, e.actor, e.action, e.subject, e.detail, e.role, e.before, e.after, e.address, prev, h])
            prev = h
        }
        try await bulk.insertMany(into: "audit_log", columns: ["at", "actor", "action", "subject", "detail", "role", "before_digest", "after_digest", "client_address",
                                                               "prev_hash", "hash"], rows: rows)
        try await db.raw("UPDATE audit_head SET hash = \(bind: prev) WHERE id = 1").run()
    }

    func fetch(afterID: Int64, limit: Int) async throws -> [ChainedAuditEntry] {
        try await db.raw("SELECT * FROM audit_log WHERE id > \(bind: afterID) ORDER BY id LIMIT \(literal: limit)").all().map { try Self.entry($0) }
    }

    func fetchLatest(limit: Int) async throws -> [ChainedAuditEntry] {
        try await db.raw("SELECT * FROM audit_log ORDER BY id DESC LIMIT \(literal: limit)").all().map { try Self.entry($0) }
    }

    static func conditions(_ f: AuditFilter) -> SQLQueryString {
        var parts: [SQLQueryString] = []
        if let a = f.actor, !a.isEmpty { parts.append("(actor = \(bind: a) OR actor = \(bind: "user:" + a))") }
        if let r = f.role, !r.isEmpty { parts.append("role = \(bind: r)") }
        if let a = f.action, !a.isEmpty {
            parts.append("(action = \(bind: a) OR action LIKE \(bind: SQLEnterpriseSearchStore.escapeLike(a) + ".%") ESCAPE '\\')")
        }
        if let s = f.subject, !s.isEmpty { parts.append("subject LIKE \(bind: "%" + SQLEnterpriseSearchStore.escapeLike(s) + "%") ESCAPE '\\'") }
        if let from = f.from { parts.append("at >= \(bind: from)") }
        if let until = f.until { parts.append("at < \(bind: until)") }
        return parts.isEmpty ? "1 = 1" : parts.joined(separator: " AND ")
    }

    func search(_ f: AuditFilter, sort: AuditSort, offset: Int, limit: Int) async throws -> (total: Int, entries: [ChainedAuditEntry]) {
        let whereClause = Self.conditions(f)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE " + whereClause).first()?.decode(column: "n", as: Int.self) ?? 0
        let order: String
        switch sort {
        case .newest: order = "id DESC"
        case .oldest: order = "id"
        case .actor: order = "actor, id DESC"
        case .action: order = "action, id DESC"
        case .subject: order = "subject, id DESC"
        }
        let rows = try await db.raw("SELECT * FROM audit_log WHERE " + whereClause + " ORDER BY \(unsafeRaw: order) LIMIT \(literal: limit) OFFSET \(literal: offset)").all()
        return (total, try rows.map { try Self.entry($0) })
    }

    func fetch(_ f: AuditFilter, beforeID: Int64?, limit: Int) async throws -> [ChainedAuditEntry] {
        var whereClause = Self.conditions(f)
        if let beforeID { whereClause = whereClause + " AND id < \(bind: beforeID)" }
        return try await db.raw("SELECT * FROM audit_log WHERE " + whereClause + " ORDER BY id DESC LIMIT \(literal: limit)").all().map { try Self.entry($0) }
    }

    /// The head before the first row.
    static let genesis = String(repeating: "0", count: 64)

    func head() async throws -> String? {
        try await db.raw("SELECT hash FROM audit_head WHERE id = 1").first()?.decode(column: "hash", as: String.self)
    }

    func count(upTo id: Int64) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE id <= \(bind: id)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func latestID() async throws -> Int64? {
        try await db.raw("SELECT MAX(id) AS id FROM audit_log").first()?.decode(column: "id", as: Int64?.self)
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
                              before: try row.decode(column: "before_digest", as: String.self), after: try row.decode(column: "after_digest", as: String.self),
                              address: try row.decode(column: "client_address", as: String.self)),
            prevHash: try row.decode(column: "prev_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }
}
