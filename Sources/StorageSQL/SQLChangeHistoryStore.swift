import Kernel
import Registry
import SQLiteNIO
import SQLKit
import Storage

struct SQLChangeHistoryStore: ChangeHistoryStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func append(_ records: [ChangeRecord]) async throws {
        try await bulk.insertMany(
            into: "change_history", columns: ["uscc", "subject", "actor", "at", "before_json", "after_json"], rows: records,
            values: { [$0.enterprise.code, $0.subject, $0.actor, $0.at, $0.before, $0.after] },
            sqliteValues: { r, out in
                out.append(.text(r.enterprise.code)); out.append(.text(r.subject)); out.append(.text(r.actor)); out.append(.text(r.at))
                out.append(r.before.map { .text($0) } ?? .null); out.append(r.after.map { .text($0) } ?? .null)
            })
    }

    func fetchHistory(_ uscc: USCC, limit: Int) async throws -> [ChangeRecord] {
        try await db.raw("SELECT * FROM change_history WHERE uscc = \(bind: uscc.code) ORDER BY id DESC LIMIT \(literal: limit)")
            .all().map { try ChangeRecord(row: $0) }
    }

    func fetchEnterpriseSnapshots() async throws -> [(USCC, String)] {
        try await db.raw("SELECT uscc, before_json FROM change_history WHERE subject = 'enterprise' AND before_json IS NOT NULL").all().map {
            (try $0.decode(column: "uscc", as: USCC.self), try $0.decode(column: "before_json", as: String.self))
        }
    }
}
