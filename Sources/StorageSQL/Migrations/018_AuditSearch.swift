/// 018: indexes for the audit log's filters (issue 22, item 2): a bureau looks up one person's
/// or one kind of action's rows, or a span of days, among millions.
enum Migration018AuditSearch {
    static let migration = Migration(id: 18, name: "audit search", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            "CREATE INDEX audit_log_actor ON audit_log(actor, id)",
            "CREATE INDEX audit_log_action ON audit_log(action, id)",
            "CREATE INDEX audit_log_at ON audit_log(at)",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP INDEX audit_log_at", "DROP INDEX audit_log_action", "DROP INDEX audit_log_actor"]
    }
}
