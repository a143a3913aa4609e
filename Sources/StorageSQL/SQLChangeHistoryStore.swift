import Kernel
import Registry
import SQLKit
import Storage

struct SQLChangeHistoryStore: ChangeHistoryStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func append(_ records: [ChangeRecord]) async throws {
        try await bulk.insertMany(into: "change_history", columns: ["uscc", "subject", "actor", "at", "before_json", "after_json"],
                                rows: records.map { [$0.enterprise.code, $0.subject, $0.actor, $0.at, $0.before, $0.after] })
    }

    func fetchHistory(_ uscc: USCC, limit: Int) async throws -> [ChangeRecord] {
        try await db.raw("SELECT * FROM change_history WHERE uscc = \(bind: uscc.code) ORDER BY id DESC LIMIT \(literal: limit)")
            .all().map { try ChangeRecord(row: $0) }
    }
}
