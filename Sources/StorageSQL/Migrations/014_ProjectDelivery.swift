/// 014: what a project promises and delivers (issue: programmes and matching, items 2 and 3).
/// A project's period and the budget line a call is paid from — what the duplicate check
/// compares across a firm's claims — and the milestones a contracted project reports until
/// acceptance (验收). A milestone's report, its date and who filed it come together or not at all.
enum Migration014ProjectDelivery {
    static let migration = Migration(id: 14, name: "project delivery", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            "ALTER TABLE projects ADD COLUMN starts_on TEXT",
            "ALTER TABLE projects ADD COLUMN ends_on TEXT",
            "ALTER TABLE programme_calls ADD COLUMN budget_line TEXT",
            "CREATE INDEX projects_firm ON projects (uscc)",
            """
            CREATE TABLE project_milestones (
              project_id BIGINT NOT NULL REFERENCES projects(id),
              seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 20),
              title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
              due_on TEXT NOT NULL,
              planned_at TEXT NOT NULL,
              planned_by TEXT NOT NULL,
              reported_on TEXT,
              report TEXT,
              reported_by TEXT,
              CHECK ((reported_on IS NULL) = (report IS NULL) AND (report IS NULL) = (reported_by IS NULL)),
              PRIMARY KEY (project_id, seq))
            """,
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP TABLE project_milestones", "DROP INDEX projects_firm", "ALTER TABLE programme_calls DROP COLUMN budget_line",
         "ALTER TABLE projects DROP COLUMN ends_on", "ALTER TABLE projects DROP COLUMN starts_on"]
    }
}
