/// 021: sign-in throttling by who is asking from where (issue 19, item 3), and the client
/// address on every audit row.
///
/// Failures used to count on the account, so a stranger who typed a staff member's name eight
/// times locked that person out, as often as they liked. Now a key is a (user name, address) pair
/// or an address alone: a stranger slows and locks only their own attempts. Unknown user names
/// count exactly as known ones do. `previous_failed_at` lets an attempt that was refused at once
/// restore the time of the failure before it (see `SQLAccountStore.reserveThrottle`).
enum Migration021LoginThrottle {
    static let migration = Migration(id: 21, name: "login throttle and client address", up: up, down: down, holdsAuditLog: true)

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE login_throttle (
              key TEXT PRIMARY KEY CHECK (length(key) <= 200),
              failures INTEGER NOT NULL CHECK (failures >= 0),
              last_failed_at TEXT,
              previous_failed_at TEXT,
              locked_until TEXT)
            """,
            "ALTER TABLE audit_log ADD COLUMN client_address TEXT NOT NULL DEFAULT '' CHECK (length(client_address) <= 64)",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["ALTER TABLE audit_log DROP COLUMN client_address", "DROP TABLE login_throttle"]
    }
}
