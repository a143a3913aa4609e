/// 007: the history of every loan's status as its bank reports it, appended and never edited,
/// and the innovation-points model drafts staff edit before publishing (issue: innovation points
/// and the bank side, items 2, 5 and 6).
enum Migration007LoanUpdates {
    static let migration = Migration(id: 7, name: "loan_updates_points_drafts", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE loan_updates (
              id \(e.serialPrimaryKey),
              loan_id BIGINT NOT NULL REFERENCES loans(id),
              at TEXT NOT NULL,
              officer TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('approved','drawn','repaid','overdue')),
              overdue_principal_fen BIGINT NOT NULL CHECK (overdue_principal_fen >= 0),
              note TEXT NOT NULL DEFAULT '')
            """,
            "CREATE INDEX loan_updates_loan ON loan_updates(loan_id, id)",
            "CREATE INDEX loans_bank ON loans(bank_code, status)",
            """
            CREATE TABLE points_drafts (
              id \(e.serialPrimaryKey),
              version TEXT NOT NULL UNIQUE CHECK (length(version) BETWEEN 1 AND 64),
              model_json TEXT NOT NULL,
              based_on TEXT NOT NULL,
              author TEXT NOT NULL,
              created_at TEXT NOT NULL,
              published_run_id BIGINT REFERENCES points_runs(id))
            """,
            """
            CREATE TABLE whitelists (
              id \(e.serialPrimaryKey),
              rule_id TEXT NOT NULL,
              rule_json TEXT NOT NULL,
              as_of TEXT NOT NULL,
              published_at TEXT NOT NULL,
              actor TEXT NOT NULL,
              considered INTEGER NOT NULL CHECK (considered >= 0))
            """,
            """
            CREATE TABLE whitelist_entries (
              list_id BIGINT NOT NULL REFERENCES whitelists(id),
              position INTEGER NOT NULL CHECK (position >= 1),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              name TEXT NOT NULL,
              reasons TEXT NOT NULL,
              PRIMARY KEY (list_id, uscc),
              UNIQUE (list_id, position))
            """,
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP TABLE whitelist_entries", "DROP TABLE whitelists", "DROP TABLE points_drafts", "DROP INDEX loans_bank", "DROP TABLE loan_updates"]
    }
}
