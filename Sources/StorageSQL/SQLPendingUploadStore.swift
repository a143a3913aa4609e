import SQLKit
import Storage

struct SQLPendingUploadStore: PendingUploadStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func insert(_ u: PendingUpload) async throws {
        try await bulk.insertMany(into: "pending_uploads", columns: ["token_hash", "user_id", "kind", "file_name", "content_base64", "created_at"],
                                rows: [[u.tokenHash, u.userID, u.kind, u.fileName, u.contentBase64, u.createdAt]])
    }

    func fetch(tokenHash: String, userID: Int64) async throws -> PendingUpload? {
        guard let row = try await db.raw("SELECT * FROM pending_uploads WHERE token_hash = \(bind: tokenHash) AND user_id = \(bind: userID)").first() else { return nil }
        return PendingUpload(tokenHash: tokenHash, userID: userID, kind: try row.decode(column: "kind", as: String.self),
                             fileName: try row.decode(column: "file_name", as: String.self),
                             contentBase64: try row.decode(column: "content_base64", as: String.self),
                             createdAt: try row.decode(column: "created_at", as: String.self))
    }

    func delete(tokenHash: String) async throws {
        try await db.raw("DELETE FROM pending_uploads WHERE token_hash = \(bind: tokenHash)").run()
    }

    func deleteOlder(than before: String) async throws {
        try await db.raw("DELETE FROM pending_uploads WHERE created_at < \(bind: before)").run()
    }
}
