/// 011: a lease per scheduled job, so a job runs on one instance per day and is taken over when
/// that instance dies mid-run (issue: production readiness, item 1).
enum Migration011Jobs {
    static let migration = Migration(id: 11, name: "jobs", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE jobs (
              name TEXT PRIMARY KEY,
              day TEXT,
              done BOOLEAN NOT NULL DEFAULT FALSE,
              lease_owner TEXT,
              lease_until TEXT)
            """,
        ]
    }

    static func down(_ e: SQLEngine) -> [String] { ["DROP TABLE jobs"] }
}
