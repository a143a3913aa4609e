/// 012: policy cash-out (issue: 政策兑现). The budget ledger is append-only — triggers refuse
/// UPDATE and DELETE on its rows — and each line's balance carries the invariants as CHECKs:
/// nothing below zero, available = appropriated − reserved − spent. One payment per application
/// and per once-key (a 高企 certificate is paid once across both of its subsidies); the reviewer,
/// approver and payer of an application are three different people. The audit log gains the
/// actor's role and before/after digests.
enum Migration012Cashout {
    static let migration = Migration(id: 12, name: "cashout", up: up, down: down)

    static let statuses = "'draft','submitted','returned','withdrawn','underReview','inPublication','objected','approved','rejected','paid','reversed'"

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE cashout_policies (
              id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
              version INTEGER NOT NULL CHECK (version >= 1),
              name TEXT NOT NULL,
              round TEXT NOT NULL,
              budget_line TEXT NOT NULL,
              definition TEXT NOT NULL,
              published_at TEXT NOT NULL,
              published_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE cashout_policy_versions (
              id TEXT NOT NULL REFERENCES cashout_policies(id),
              version INTEGER NOT NULL,
              definition TEXT NOT NULL,
              published_at TEXT NOT NULL,
              published_by TEXT NOT NULL,
              PRIMARY KEY (id, version))
            """,
            """
            CREATE TABLE budget_lines (
              code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 64),
              name TEXT NOT NULL,
              year INTEGER NOT NULL,
              appropriated_fen BIGINT NOT NULL DEFAULT 0 CHECK (appropriated_fen >= 0),
              reserved_fen BIGINT NOT NULL DEFAULT 0 CHECK (reserved_fen >= 0),
              spent_fen BIGINT NOT NULL DEFAULT 0 CHECK (spent_fen >= 0),
              available_fen BIGINT NOT NULL DEFAULT 0 CHECK (available_fen >= 0),
              CHECK (available_fen = appropriated_fen - reserved_fen - spent_fen))
            """,
            """
            CREATE TABLE cashout_applications (
              id \(e.serialPrimaryKey),
              policy_id TEXT NOT NULL REFERENCES cashout_policies(id),
              policy_version INTEGER NOT NULL,
              budget_line TEXT NOT NULL REFERENCES budget_lines(code),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              year INTEGER NOT NULL,
              status TEXT NOT NULL CHECK (status IN (\(statuses))),
              proactive BOOLEAN NOT NULL,
              once_key TEXT,
              certificate TEXT,
              declared_base_fen BIGINT CHECK (declared_base_fen >= 0),
              amount_fen BIGINT CHECK (amount_fen >= 0),
              form TEXT NOT NULL DEFAULT '{}',
              bank_account TEXT NOT NULL DEFAULT '',
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              status_since TEXT NOT NULL,
              reviewer_id BIGINT REFERENCES users(id),
              approver_id BIGINT REFERENCES users(id),
              payer_id BIGINT REFERENCES users(id),
              batch_id BIGINT,
              bank_reference TEXT,
              paid_on TEXT,
              CHECK (reviewer_id IS NULL OR approver_id IS NULL OR reviewer_id <> approver_id),
              CHECK (payer_id IS NULL OR reviewer_id IS NULL OR payer_id <> reviewer_id),
              CHECK (payer_id IS NULL OR approver_id IS NULL OR payer_id <> approver_id),
              CHECK (status <> 'paid' OR (payer_id IS NOT NULL AND bank_reference IS NOT NULL AND amount_fen > 0)))
            """,
            "CREATE UNIQUE INDEX cashout_applications_live_key ON cashout_applications(once_key) WHERE status NOT IN ('withdrawn','rejected','reversed')",
            "CREATE INDEX cashout_applications_uscc ON cashout_applications(uscc, id)",
            "CREATE INDEX cashout_applications_status ON cashout_applications(status, policy_id)",
            """
            CREATE TABLE budget_entries (
              id \(e.serialPrimaryKey),
              line TEXT NOT NULL REFERENCES budget_lines(code),
              kind TEXT NOT NULL CHECK (kind IN ('appropriation','reserve','release','post','refund')),
              amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
              application_id BIGINT REFERENCES cashout_applications(id),
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              note TEXT NOT NULL DEFAULT '',
              CHECK ((kind = 'appropriation') = (application_id IS NULL)))
            """,
            "CREATE UNIQUE INDEX budget_entries_once ON budget_entries(application_id, kind) WHERE application_id IS NOT NULL",
            "CREATE INDEX budget_entries_line ON budget_entries(line, id)",
            """
            CREATE TABLE cashout_events (
              id \(e.serialPrimaryKey),
              application_id BIGINT NOT NULL REFERENCES cashout_applications(id),
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              from_status TEXT,
              to_status TEXT NOT NULL,
              comment TEXT NOT NULL DEFAULT '')
            """,
            "CREATE INDEX cashout_events_application ON cashout_events(application_id, id)",
            """
            CREATE TABLE cashout_payments (
              application_id BIGINT PRIMARY KEY REFERENCES cashout_applications(id),
              once_key TEXT NOT NULL UNIQUE,
              amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
              batch_id BIGINT,
              bank_reference TEXT NOT NULL CHECK (length(bank_reference) >= 1),
              paid_at TEXT NOT NULL,
              payer_id BIGINT NOT NULL REFERENCES users(id))
            """,
            """
            CREATE TABLE cashout_attachments (
              id \(e.serialPrimaryKey),
              application_id BIGINT NOT NULL REFERENCES cashout_applications(id),
              name TEXT NOT NULL,
              file_name TEXT NOT NULL,
              content_type TEXT NOT NULL,
              size INTEGER NOT NULL CHECK (size >= 0),
              sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
              uploaded_at TEXT NOT NULL,
              data \(e == .postgres ? "BYTEA" : "BLOB") NOT NULL)
            """,
            "CREATE INDEX cashout_attachments_application ON cashout_attachments(application_id)",
            """
            CREATE TABLE payment_batches (
              id \(e.serialPrimaryKey),
              created_at TEXT NOT NULL,
              created_by TEXT NOT NULL,
              count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
              total_fen BIGINT NOT NULL DEFAULT 0 CHECK (total_fen >= 0),
              digest TEXT NOT NULL DEFAULT '',
              lines TEXT NOT NULL DEFAULT '[]')
            """,
            """
            CREATE TABLE firm_notices (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              at TEXT NOT NULL,
              text TEXT NOT NULL,
              application_id BIGINT REFERENCES cashout_applications(id))
            """,
            "CREATE INDEX firm_notices_uscc ON firm_notices(uscc, id)",
            "ALTER TABLE audit_log ADD COLUMN role TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE audit_log ADD COLUMN before_digest TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE audit_log ADD COLUMN after_digest TEXT NOT NULL DEFAULT ''",
        ] + appendOnly(e, table: "budget_entries") + appendOnly(e, table: "cashout_payments")
    }

    /// Triggers that refuse to change or remove a row once written.
    static func appendOnly(_ e: SQLEngine, table: String) -> [String] {
        switch e {
        case .sqlite:
            return ["UPDATE", "DELETE"].map { op in
                "CREATE TRIGGER \(table)_no_\(op.lowercased()) BEFORE \(op) ON \(table) BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END"
            }
        case .postgres:
            return [
                """
                CREATE FUNCTION \(table)_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '\(table) is append-only'; END $$
                """,
                "CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION \(table)_append_only()",
            ]
        }
    }

    static func down(_ e: SQLEngine) -> [String] {
        var drops: [String] = []
        if e == .postgres { drops += ["DROP FUNCTION budget_entries_append_only() CASCADE", "DROP FUNCTION cashout_payments_append_only() CASCADE"] }
        return drops + [
            "ALTER TABLE audit_log DROP COLUMN after_digest", "ALTER TABLE audit_log DROP COLUMN before_digest", "ALTER TABLE audit_log DROP COLUMN role",
            "DROP TABLE firm_notices", "DROP TABLE payment_batches", "DROP TABLE cashout_attachments", "DROP TABLE cashout_payments",
            "DROP TABLE cashout_events", "DROP TABLE budget_entries", "DROP TABLE cashout_applications", "DROP TABLE budget_lines",
            "DROP TABLE cashout_policy_versions", "DROP TABLE cashout_policies",
        ]
    }
}
