/// 005: why a designation was revoked; batch assessment runs and the standing each left per enterprise (so the next run can
/// say what changed), the 高企培育库 event log, and the research projects the pool rule counts.
enum Migration005Qualification {
    static let migration = Migration(id: 5, name: "qualification", up: up, down: down)

    static let qualifications = "'techSME','cqTechEnterprise','highTech','innovativeSME','specializedSME','littleGiant'"
    static let verdicts = "'ineligible','unlikely','possible','likely'"

    static func up(_ e: SQLEngine) -> [String] {
        [
            // Why a designation was revoked: falsification bars 科技型中小企业 for three years.
            "ALTER TABLE designations ADD COLUMN revoked_for TEXT CHECK (revoked_for IS NULL OR revoked_for IN ('falsification','other'))",
            """
            CREATE TABLE assessment_runs (
              id \(e.serialPrimaryKey),
              started_at TEXT NOT NULL,
              finished_at TEXT,
              as_of TEXT NOT NULL,
              rule_set TEXT NOT NULL,
              run_trigger TEXT NOT NULL CHECK (run_trigger IN ('cli','nightly','web')),
              assessed INTEGER NOT NULL DEFAULT 0 CHECK (assessed >= 0),
              changed INTEGER NOT NULL DEFAULT 0 CHECK (changed >= 0))
            """,
            """
            CREATE TABLE standings (
              uscc TEXT PRIMARY KEY REFERENCES enterprises(uscc) ON DELETE CASCADE,
              run_id BIGINT NOT NULL REFERENCES assessment_runs(id),
              as_of TEXT NOT NULL,
              tech_sme BOOLEAN NOT NULL,
              cq_tech_enterprise BOOLEAN NOT NULL,
              high_tech TEXT NOT NULL CHECK (high_tech IN (\(verdicts))),
              high_tech_min INTEGER NOT NULL,
              high_tech_max INTEGER NOT NULL,
              innovative_sme BOOLEAN NOT NULL,
              specialized_sme BOOLEAN NOT NULL,
              little_giant BOOLEAN NOT NULL,
              pool_candidate BOOLEAN NOT NULL,
              near_miss_steps INTEGER CHECK (near_miss_steps IS NULL OR near_miss_steps > 0),
              near_miss_cost_fen BIGINT CHECK (near_miss_cost_fen IS NULL OR near_miss_cost_fen >= 0),
              CHECK (high_tech_min <= high_tech_max))
            """,
            "CREATE INDEX standings_near_miss ON standings(near_miss_steps, near_miss_cost_fen)",
            """
            CREATE TABLE standing_changes (
              run_id BIGINT NOT NULL REFERENCES assessment_runs(id),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              qualification TEXT NOT NULL CHECK (qualification IN (\(qualifications))),
              before_value TEXT,
              after_value TEXT NOT NULL,
              PRIMARY KEY (run_id, uscc, qualification))
            """,
            "CREATE INDEX standing_changes_uscc ON standing_changes(uscc, run_id)",
            """
            CREATE TABLE pool_events (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              kind TEXT NOT NULL CHECK (kind IN ('admit','remove')),
              on_date TEXT NOT NULL,
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
              automatic BOOLEAN NOT NULL DEFAULT FALSE)
            """,
            "CREATE INDEX pool_events_uscc ON pool_events(uscc, id)",
            """
            CREATE TABLE supported_projects (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              number TEXT,
              title TEXT NOT NULL CHECK (length(title) > 0),
              programme TEXT,
              supported_on TEXT NOT NULL,
              funding_fen BIGINT NOT NULL DEFAULT 0 CHECK (funding_fen >= 0))
            """,
            "CREATE INDEX supported_projects_uscc ON supported_projects(uscc)",
            // Expiry reminders, each recorded once per designation and window (90, 30 days).
            """
            CREATE TABLE reminders (
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              kind TEXT NOT NULL,
              issued_on TEXT NOT NULL,
              expires_on TEXT NOT NULL,
              days_before INTEGER NOT NULL CHECK (days_before > 0),
              due_on TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              PRIMARY KEY (uscc, kind, issued_on, days_before))
            """,
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP TABLE reminders", "DROP TABLE supported_projects", "DROP TABLE pool_events", "DROP TABLE standing_changes", "DROP TABLE standings",
         "DROP TABLE assessment_runs", "ALTER TABLE designations DROP COLUMN revoked_for"]
    }
}
