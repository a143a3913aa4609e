import Foundation
import Kernel
import Lending
import SQLKit
import Storage

struct SQLWhiteListStore: WhiteListStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func insertList(_ l: PublishedWhiteList) async throws -> Int64 {
        let rule = String(decoding: try JSONEncoder().encode(l.rule), as: UTF8.self)
        let id = try await db.raw("""
            INSERT INTO whitelists (rule_id, rule_json, as_of, published_at, actor, considered)
            VALUES (\(bind: l.rule.id), \(bind: rule), \(bind: l.asOf.description), \(bind: l.publishedAt), \(bind: l.actor), \(bind: l.considered)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
        try await bulk.insertMany(into: "whitelist_entries", columns: ["list_id", "position", "uscc", "name", "reasons"],
                                  rows: l.entries.enumerated().map { i, v in [id, i + 1, v.uscc.code, v.name, v.met.joined(separator: "\n")] })
        return id
    }

    func latestList(asOf: LocalDate?) async throws -> PublishedWhiteList? {
        let filter: SQLQueryString = asOf.map { "WHERE as_of <= \(bind: $0.description)" } ?? ""
        guard let row = try await db.raw("SELECT * FROM whitelists \(filter) ORDER BY id DESC LIMIT 1").first() else { return nil }
        let id = try row.decode(column: "id", as: Int64.self)
        guard let asOf = try row.decodeDate("as_of") else { throw RowMappingError.badValue("whitelists", "NULL as_of") }
        let entries = try await db.raw("SELECT * FROM whitelist_entries WHERE list_id = \(bind: id) ORDER BY position").all().map { e in
            WhiteListVerdict(uscc: try e.decode(column: "uscc", as: USCC.self), name: try e.decode(column: "name", as: String.self), included: true,
                             met: try e.decode(column: "reasons", as: String.self).split(separator: "\n").map(String.init), unmet: [])
        }
        return PublishedWhiteList(id: id, rule: try JSONDecoder().decode(WhiteListRule.self, from: Data(try row.decode(column: "rule_json", as: String.self).utf8)),
                                  asOf: asOf, publishedAt: try row.decode(column: "published_at", as: String.self),
                                  actor: try row.decode(column: "actor", as: String.self), considered: try row.decode(column: "considered", as: Int.self),
                                  entries: entries)
    }
}
