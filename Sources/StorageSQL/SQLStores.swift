import SQLiteKit
import SQLiteNIO
import SQLKit
import Storage

/// The stores of one unit of work, all on the same transaction's connection.
struct SQLStores: Stores {
    let db: any SQLDatabase
    let engine: SQLEngine
    let sqlite: SQLiteConnection?

    var bulk: BulkInserter { BulkInserter(db: db, sqlite: sqlite) }
    var registry: any RegistryStore { SQLRegistryStore(db: db, bulk: bulk) }
    var history: any ChangeHistoryStore { SQLChangeHistoryStore(db: db, bulk: bulk) }
    var district: any DistrictStore { SQLDistrictStore(db: db, bulk: bulk) }
    var accounts: any AccountStore { SQLAccountStore(db: db, bulk: bulk) }
    var audit: any AuditStore { SQLAuditStore(db: db, bulk: bulk) }
    var search: any EnterpriseSearchStore { SQLEnterpriseSearchStore(db: db, engine: engine) }
    var uploads: any PendingUploadStore { SQLPendingUploadStore(db: db, bulk: bulk) }
    var idempotency: any IdempotencyStore { SQLIdempotencyStore(db: db) }
    var qualification: any QualificationStore { SQLQualificationStore(db: db, bulk: bulk) }
    var pool: any PoolStore { SQLPoolStore(db: db, bulk: bulk) }
    var points: any PointsStore { SQLPointsStore(db: db, bulk: bulk) }
    var consents: any ConsentStore { SQLConsentStore(db: db, bulk: bulk) }
    var loans: any LoanStore { SQLLoanStore(db: db, bulk: bulk, engine: engine) }
    var whiteLists: any WhiteListStore { SQLWhiteListStore(db: db, bulk: bulk) }
    var rd: any RDStore { SQLRDStore(db: db, bulk: bulk) }
    var jobs: any JobStore { SQLJobStore(db: db) }
    var cashout: any CashoutStore { SQLCashoutStore(db: db, engine: engine) }
    var programmes: any ProgrammeStore { SQLProgrammeStore(db: db, bulk: bulk, engine: engine) }
    var sharing: any SharingStore { SQLSharingStore(db: db, engine: engine) }
    var supply: any SupplyStore { SQLSupplyStore(db: db, bulk: bulk) }
    var declarations: any DeclarationStore { SQLDeclarationStore(db: db) }
}

typealias SQLValue = any Encodable & Sendable

/// Inserts many rows with few statements: one multi-row INSERT per chunk, sized to stay under
/// SQLite's 32,766 bound parameters. Statement round trips, not rows, dominate bulk loads. On
/// SQLite the values go straight to sqlite-nio as `SQLiteData`, skipping SQLKit's Codable
/// encoding, which profiling showed to cost more than SQLite's own work in a 100,000-row import.
struct BulkInserter: Sendable {
    let db: any SQLDatabase
    let sqlite: SQLiteConnection?

    func insertMany(into table: String, columns: [String], rows: [[SQLValue]],
                    upsertOn conflictColumns: [String]? = nil, ignoreConflicts: Bool = false) async throws {
        guard !rows.isEmpty else { return }
        let perChunk = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + perChunk, rows.count)
            let chunk = rows[start..<end]
            if let sqlite, let binds = Self.sqliteData(chunk) {
                try await sqlite.query(Self.insertSQL(table, columns, rows: chunk.count, conflict: conflictColumns, ignore: ignoreConflicts), binds) { _ in }
            } else {
                let builder = db.insert(into: table).columns(columns)
                for row in chunk { builder.values(row.map { SQLBind($0) as any SQLExpression }) }
                if let conflictColumns {
                    let updated = columns.filter { !conflictColumns.contains($0) }
                    builder.onConflict(with: conflictColumns) { update in updated.reduce(update) { $0.set(excludedValueOf: $1) } }
                } else if ignoreConflicts {
                    builder.ignoringConflicts()
                }
                try await builder.run()
            }
            start = end
        }
    }

    /// The typed path for the largest bulk writes (fiscal years, history): on SQLite each row
    /// appends its `SQLiteData` directly, with no existential boxing or dynamic casts.
    func insertMany<Row>(into table: String, columns: [String], rows: [Row], upsertOn conflictColumns: [String]? = nil,
                         values: (Row) -> [SQLValue], sqliteValues: (Row, inout [SQLiteData]) -> Void) async throws {
        guard let sqlite else {
            try await insertMany(into: table, columns: columns, rows: rows.map(values), upsertOn: conflictColumns)
            return
        }
        let perChunk = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + perChunk, rows.count)
            var binds: [SQLiteData] = []
            binds.reserveCapacity((end - start) * columns.count)
            for row in rows[start..<end] { sqliteValues(row, &binds) }
            try await sqlite.query(Self.insertSQL(table, columns, rows: end - start, conflict: conflictColumns, ignore: false), binds) { _ in }
            start = end
        }
    }

    static func insertSQL(_ table: String, _ columns: [String], rows: Int, conflict: [String]?, ignore: Bool) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        var sql = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
        sql += Array(repeating: tuple, count: rows).joined(separator: ",")
        if let conflict {
            let updated = columns.filter { !conflict.contains($0) }
            sql += " ON CONFLICT (" + conflict.map { "\"\($0)\"" }.joined(separator: ",") + ") DO "
            sql += updated.isEmpty ? "NOTHING" : "UPDATE SET " + updated.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ",")
        } else if ignore {
            sql += " ON CONFLICT DO NOTHING"
        }
        return sql
    }

    /// The binds as `SQLiteData`, or nil when a value is of a type this fast path does not know
    /// (then the SQLKit path encodes it).
    static func sqliteData(_ rows: ArraySlice<[SQLValue]>) -> [SQLiteData]? {
        var out: [SQLiteData] = []
        out.reserveCapacity(rows.count * (rows.first?.count ?? 0))
        for row in rows {
            for value in row {
                switch value {
                case let v as String: out.append(.text(v))
                case let v as Int: out.append(.integer(v))
                case let v as Int64: out.append(.integer(Int(v)))
                case let v as Bool: out.append(.integer(v ? 1 : 0))
                default:
                    // A nil optional arrives boxed; anything else falls back to SQLKit.
                    let mirror = Mirror(reflecting: value)
                    guard mirror.displayStyle == .optional, mirror.children.isEmpty else { return nil }
                    out.append(.null)
                }
            }
        }
        return out
    }
}
