import SQLKit

/// Applies and reverts the numbered migrations, recording each applied one in `schema_migrations`.
/// Each migration runs in its own transaction (both engines support transactional DDL).
public struct Migrator: Sendable {
    let database: KechuangDatabase

    public init(_ database: KechuangDatabase) { self.database = database }

    public struct Applied: Sendable, Equatable { public let id: Int; public let name: String }

    /// Applies every pending migration; returns those applied now.
    @discardableResult
    public func migrate() async throws -> [Applied] {
        try await ensureLedger()
        let done = Set(try await applied().map(\.id))
        var now: [Applied] = []
        for m in allMigrations where !done.contains(m.id) {
            let engine = database.engine
            try await database.withSQL(transaction: true) { db in
                for statement in m.up(engine) { try await db.raw("\(unsafeRaw: statement)").run() }
                try await db.raw("INSERT INTO schema_migrations (id, name) VALUES (\(bind: m.id), \(bind: m.name))").run()
            }
            now.append(Applied(id: m.id, name: m.name))
        }
        return now
    }

    /// Reverts the last `count` applied migrations, newest first; returns those reverted.
    @discardableResult
    public func revert(count: Int) async throws -> [Applied] {
        try await ensureLedger()
        let last = try await applied().sorted { $0.id > $1.id }.prefix(count)
        var reverted: [Applied] = []
        for a in last {
            guard let m = allMigrations.first(where: { $0.id == a.id }) else {
                throw MigrationError.unknown(a.id)
            }
            let engine = database.engine
            try await database.withSQL(transaction: true) { db in
                if m.holdsAuditLog, try await db.raw("SELECT 1 AS one FROM audit_log LIMIT 1").first() != nil {
                    throw MigrationError.holdsAuditLog(m.id)
                }
                for statement in m.down(engine) { try await db.raw("\(unsafeRaw: statement)").run() }
                try await db.raw("DELETE FROM schema_migrations WHERE id = \(bind: m.id)").run()
            }
            reverted.append(a)
        }
        return reverted
    }

    public func applied() async throws -> [Applied] {
        try await ensureLedger()
        return try await database.withSQL(transaction: false) { db in
            try await db.raw("SELECT id, name FROM schema_migrations ORDER BY id").all().map {
                Applied(id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self))
            }
        }
    }

    public var pending: [Int] { get async throws {
        let done = Set(try await applied().map(\.id))
        return allMigrations.map(\.id).filter { !done.contains($0) }
    } }

    private func ensureLedger() async throws {
        try await database.withSQL(transaction: true) { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL)").run()
        }
    }
}

public enum MigrationError: Error, CustomStringConvertible {
    case unknown(Int)
    case holdsAuditLog(Int)
    public var description: String {
        switch self {
        case .unknown(let id): return "数据库记录了未知的迁移 \(id)（版本更新？）/ the database records migration \(id), which this build does not know"
        case .holdsAuditLog(let id):
            return "迁移 \(id) 承载审计日志，日志已有记录，不能回退 / migration \(id) holds the audit log, which has rows: it is never reverted"
        }
    }
}
