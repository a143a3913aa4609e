import SQLKit
import Storage

struct SQLIdempotencyStore: IdempotencyStore {
    let db: any SQLDatabase

    func claim(userID: Int64, key: String, requestHash: String, at: String) async throws -> Bool {
        // The primary key decides between concurrent claims on both engines.
        let rows = try await db.raw("""
            INSERT INTO idempotency_keys (user_id, key, request_hash, created_at)
            VALUES (\(bind: userID), \(bind: key), \(bind: requestHash), \(bind: at))
            ON CONFLICT (user_id, key) DO NOTHING RETURNING key
            """).all()
        return !rows.isEmpty
    }

    func fetch(userID: Int64, key: String) async throws -> IdempotentResponse? {
        guard let row = try await db.raw("SELECT * FROM idempotency_keys WHERE user_id = \(bind: userID) AND key = \(bind: key)").first() else { return nil }
        return IdempotentResponse(requestHash: try row.decode(column: "request_hash", as: String.self),
                                  status: try row.decode(column: "status", as: Int?.self),
                                  contentType: try row.decode(column: "content_type", as: String?.self),
                                  body: try row.decode(column: "body", as: String?.self))
    }

    func complete(userID: Int64, key: String, status: Int, contentType: String, body: String) async throws {
        try await db.raw("""
            UPDATE idempotency_keys SET status = \(bind: status), content_type = \(bind: contentType), body = \(bind: body)
            WHERE user_id = \(bind: userID) AND key = \(bind: key)
            """).run()
    }

    func release(userID: Int64, key: String) async throws {
        try await db.raw("DELETE FROM idempotency_keys WHERE user_id = \(bind: userID) AND key = \(bind: key)").run()
    }

    func deleteOlder(than before: String) async throws {
        try await db.raw("DELETE FROM idempotency_keys WHERE created_at < \(bind: before)").run()
    }
}
