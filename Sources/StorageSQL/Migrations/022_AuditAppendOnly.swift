/// 022: the audit log refuses UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) in the database
/// itself (issue 19, item 6): no code path, console session or faulty migration of ours can
/// change a row; whoever removes the triggers needs DDL rights, and the keyed chain and its
/// signed checkpoints then show what they did.
enum Migration022AuditAppendOnly {
    static let migration = Migration(id: 22, name: "audit log append-only", up: up, down: down, holdsAuditLog: true)

    static func up(_ e: SQLEngine) -> [String] {
        switch e {
        case .sqlite:
            return [
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            ]
        case .postgres:
            return [
                """
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
                """,
                "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
                "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
            ]
        }
    }

    static func down(_ e: SQLEngine) -> [String] {
        switch e {
        case .sqlite: return ["DROP TRIGGER audit_log_no_delete", "DROP TRIGGER audit_log_no_update"]
        case .postgres:
            return ["DROP TRIGGER audit_log_no_truncate ON audit_log", "DROP TRIGGER audit_log_no_change ON audit_log", "DROP FUNCTION audit_log_append_only()"]
        }
    }
}
