/// 006: innovation-points runs and scores. Each run keeps the model it used (as JSON, never
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
        ]
    }

    static func down(_ e: SQLEngine) -> [String] { ["DROP TABLE points_scores", "DROP TABLE points_runs"] }
}
