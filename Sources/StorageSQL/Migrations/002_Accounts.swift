/// 002: accounts, database-backed sessions (so several instances share them) and the audit log,
/// a hash chain that `AuditLog.verify` walks.
enum Migration002Accounts {
    static let migration = Migration(id: 2, name: "accounts", up: up, down: down, holdsAuditLog: true)

    static let roles = "'bureauAdmin','bureauReviewer','bureauApprover','townOfficer','enterprise','bank','expert','auditor'"

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE users (
              id \(e.serialPrimaryKey),
              username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 64),
              display_name TEXT NOT NULL,
              password_hash TEXT NOT NULL,
              role TEXT NOT NULL CHECK (role IN (\(roles))),
              enterprise_uscc TEXT REFERENCES enterprises(uscc),
              town_code TEXT REFERENCES towns(code),
              language TEXT NOT NULL DEFAULT 'zh' CHECK (language IN ('zh','en')),
              failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
              last_failed_at TEXT,
              locked_until TEXT,
              disabled BOOLEAN NOT NULL DEFAULT FALSE,
              created_at TEXT NOT NULL,
              CHECK (role <> 'enterprise' OR enterprise_uscc IS NOT NULL),
              CHECK (role <> 'townOfficer' OR town_code IS NOT NULL))
            """,
            """
            CREATE TABLE sessions (
              token_hash TEXT PRIMARY KEY,
              user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
              kind TEXT NOT NULL CHECK (kind IN ('web','api')),
              csrf_token TEXT NOT NULL,
              created_at TEXT NOT NULL,
              last_seen_at TEXT NOT NULL,
              expires_at TEXT NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions(user_id)",
            """
            CREATE TABLE audit_log (
              id \(e.serialPrimaryKey),
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              subject TEXT NOT NULL,
              detail TEXT NOT NULL,
              prev_hash TEXT NOT NULL,
              hash TEXT NOT NULL UNIQUE)
            """,
            // Uploaded files between the preview and the confirmation of an import, as base64 text
            // (one column type on both engines); kept in the database so any instance can confirm.
            """
            CREATE TABLE pending_uploads (
              token_hash TEXT PRIMARY KEY,
              user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
              kind TEXT NOT NULL,
              file_name TEXT NOT NULL,
              content_base64 TEXT NOT NULL,
              created_at TEXT NOT NULL)
            """,
            // One row holding the chain's head. Every append first updates it, which takes a row
            // lock on PostgreSQL, so concurrent appends queue instead of forking the chain.
            "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), hash TEXT NOT NULL)",
            "INSERT INTO audit_head (id, hash) VALUES (1, '\(String(repeating: "0", count: 64))')",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["pending_uploads", "audit_head", "audit_log", "sessions", "users"].map { "DROP TABLE \($0)" }
    }
}
