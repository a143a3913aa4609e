/// 006: innovation-points runs and scores; banks, their officers, consents, the bank access log and the loan register. Each run keeps the model it used (as JSON, never
/// edited) and each score the inputs and the points per indicator, so any score can be
/// recomputed and explained later (issue: innovation points, versioned models).
enum Migration006Points {
    static let migration = Migration(id: 6, name: "points", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE points_runs (
              id \(e.serialPrimaryKey),
              model_id TEXT NOT NULL,
              model_json TEXT NOT NULL,
              period INTEGER NOT NULL CHECK (period BETWEEN 1949 AND 2200),
              computed_at TEXT NOT NULL,
              actor TEXT NOT NULL,
              firms INTEGER NOT NULL DEFAULT 0 CHECK (firms >= 0),
              published BOOLEAN NOT NULL DEFAULT FALSE)
            """,
            """
            CREATE TABLE points_scores (
              run_id BIGINT NOT NULL REFERENCES points_runs(id),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              stage INTEGER NOT NULL CHECK (stage >= 0),
              points_centi BIGINT NOT NULL CHECK (points_centi >= 0),
              rank INTEGER NOT NULL CHECK (rank >= 1),
              stage_size INTEGER NOT NULL CHECK (stage_size >= rank),
              list INTEGER,
              inputs_json TEXT NOT NULL,
              parts_json TEXT NOT NULL,
              PRIMARY KEY (run_id, uscc))
            """,
            "CREATE INDEX points_scores_rank ON points_scores(run_id, stage, rank)",
            "CREATE INDEX points_scores_uscc ON points_scores(uscc, run_id)",
            // Banks, their officers, the consents enterprises give them, and every read.
            "CREATE TABLE banks (code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 32), name TEXT NOT NULL)",
            """
            CREATE TABLE bank_officers (
              user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
              bank_code TEXT NOT NULL REFERENCES banks(code))
            """,
            """
            CREATE TABLE consents (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              bank_code TEXT NOT NULL REFERENCES banks(code),
              scopes TEXT NOT NULL CHECK (length(scopes) > 0),
              purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200),
              valid_from TEXT NOT NULL,
              valid_to TEXT NOT NULL CHECK (valid_to >= valid_from),
              granted_at TEXT NOT NULL,
              granted_by TEXT NOT NULL,
              revoked_at TEXT)
            """,
            "CREATE INDEX consents_bank ON consents(bank_code, uscc)",
            "CREATE INDEX consents_uscc ON consents(uscc, id)",
            """
            CREATE TABLE bank_access_log (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL,
              bank_code TEXT,
              officer TEXT NOT NULL,
              at TEXT NOT NULL,
              consent_id BIGINT REFERENCES consents(id),
              fields TEXT NOT NULL,
              allowed BOOLEAN NOT NULL,
              reason TEXT)
            """,
            "CREATE INDEX bank_access_uscc ON bank_access_log(uscc, id)",
            """
            CREATE TABLE loans (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              bank_code TEXT NOT NULL REFERENCES banks(code),
              product TEXT NOT NULL CHECK (product IN ('innovationPoints','knowledgeValue','other')),
              amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
              drawn_on TEXT NOT NULL,
              matures_on TEXT NOT NULL CHECK (matures_on >= drawn_on),
              status TEXT NOT NULL CHECK (status IN ('approved','drawn','repaid','overdue')),
              overdue_principal_fen BIGINT NOT NULL DEFAULT 0 CHECK (overdue_principal_fen BETWEEN 0 AND amount_fen),
              CHECK (overdue_principal_fen = 0 OR status = 'overdue'))
            """,
            "CREATE INDEX loans_product ON loans(product, drawn_on)",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP TABLE loans", "DROP TABLE bank_access_log", "DROP TABLE consents", "DROP TABLE bank_officers", "DROP TABLE banks",
         "DROP TABLE points_scores", "DROP TABLE points_runs"]
    }
}
