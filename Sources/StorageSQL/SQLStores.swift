import SQLKit
import Storage

/// The stores of one unit of work, all on the same transaction's connection.
struct SQLStores: Stores {
    let db: any SQLDatabase
    let engine: SQLEngine

    var registry: any RegistryStore { SQLRegistryStore(db: db) }
    var history: any ChangeHistoryStore { SQLChangeHistoryStore(db: db) }
    var district: any DistrictStore { SQLDistrictStore(db: db) }
    var accounts: any AccountStore { SQLAccountStore(db: db) }
    var audit: any AuditStore { SQLAuditStore(db: db) }
    var search: any EnterpriseSearchStore { SQLEnterpriseSearchStore(db: db) }
    var uploads: any PendingUploadStore { SQLPendingUploadStore(db: db) }
}

typealias SQLValue = any Encodable & Sendable

extension SQLDatabase {
    /// Inserts many rows with few statements: one multi-row INSERT per chunk, sized to stay
    /// under SQLite's 32,766 bound parameters. Statement round trips, not rows, dominate the cost
    /// of bulk loads, so this is what makes an import of 100,000 rows take seconds, not minutes.
    func insertMany(into table: String, columns: [String], rows: [[SQLValue]],
                    upsertOn conflictColumns: [String]? = nil, ignoreConflicts: Bool = false) async throws {
        guard !rows.isEmpty else { return }
        let perChunk = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + perChunk, rows.count)
            let builder = self.insert(into: table).columns(columns)
            for row in rows[start..<end] { builder.values(row.map { SQLBind($0) as any SQLExpression }) }
            if let conflictColumns {
                let updated = columns.filter { !conflictColumns.contains($0) }
                builder.onConflict(with: conflictColumns) { update in
                    updated.reduce(update) { $0.set(excludedValueOf: $1) }
                }
            } else if ignoreConflicts {
                builder.ignoringConflicts()
            }
            try await builder.run()
            start = end
        }
    }
}
