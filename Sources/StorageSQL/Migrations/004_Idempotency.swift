/// 004: remembered responses of state-changing API requests sent with an `Idempotency-Key`, so a
/// client that retries after a lost answer gets the first answer instead of a second change.
enum Migration004Idempotency {
    static let migration = Migration(id: 4, name: "idempotency", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE idempotency_keys (
              user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
              key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
              request_hash TEXT NOT NULL,
              status INTEGER,
              content_type TEXT,
              body TEXT,
              created_at TEXT NOT NULL,
              PRIMARY KEY (user_id, key))
            """,
        ]
    }

    static func down(_ e: SQLEngine) -> [String] { ["DROP TABLE idempotency_keys"] }
}
