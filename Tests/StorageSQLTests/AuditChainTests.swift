import Foundation
import KechuangTestSupport
import Services
import SQLKit
import Storage
import StorageSQL
import Testing

/// `kechuang audit verify` finds tampering (issue: policy cash-out, items 7 and 10): a changed
/// byte, a deleted row, a reordered pair, a removed tail — each named by its first broken row.
@Suite struct AuditChainTests {
    enum Tamper: String, CaseIterable { case changedByte, deletedRow, reorderedPair, removedTail, changedRole }

    @Test(arguments: TestDatabases.engines)
    func verifyNamesTheFirstBrokenRow(_ engine: SQLEngine) async throws {
        for tamper in Tamper.allCases {
            try await TestDatabases.withLocation(engine) { db, location in
                try await db.write { stores in
                    for i in 1...8 {
                        try await stores.audit(AuditEntry(at: "2024-07-01T00:00:0\(i)Z", actor: "user:a", action: "test.step", subject: "application:\(i)",
                                                          detail: "step \(i)", role: "bureauReviewer", before: String(repeating: "a", count: 64), after: String(repeating: "b", count: 64)))
                    }
                }
                guard case .intact(8, _) = try await AuditLog.verify(db) else { Issue.record("a fresh chain verifies"); return }
                let ids = try await db.read { try await $0.audit.fetch(afterID: 0, limit: 10) }.map(\.id)
                let (five, six, last) = (ids[4], ids[5], ids[7])
                let sql: [String]
                switch tamper {
                case .changedByte: sql = ["UPDATE audit_log SET detail = 'step 6' WHERE id = \(five)"]
                case .changedRole: sql = ["UPDATE audit_log SET role = 'bureauAdmin' WHERE id = \(five)"]
                case .deletedRow: sql = ["DELETE FROM audit_log WHERE id = \(five)"]
                case .removedTail: sql = ["DELETE FROM audit_log WHERE id = \(last)"]
                case .reorderedPair:
                    // Swap the two rows' contents, hashes and all, keeping their ids.
                    sql = ["UPDATE audit_log SET id = -1 WHERE id = \(five)", "UPDATE audit_log SET id = \(five) WHERE id = \(six)", "UPDATE audit_log SET id = \(six) WHERE id = -1"]
                }
                // The tamperer first removes the database's guard, which takes DDL rights (issue 19, item 6).
                try await db.withSQL(transaction: true) { sqlDB in for s in Self.removeGuard(engine) + sql { try await sqlDB.raw(SQLQueryString(s)).run() } }
                let verdict = try await AuditLog.verify(db)
                let expected: Int64 = switch tamper {
                case .changedByte, .changedRole, .reorderedPair: five
                case .deletedRow: six
                case .removedTail: ids[6]
                }
                guard case .broken(let at, _) = verdict else { Issue.record("\(tamper) went unnoticed"); return }
                #expect(at == expected, "\(tamper)")
                if tamper == .changedByte, let (status, text) = try Self.verifyWithTheCommandLine(location) {
                    #expect(status == 1 && text.contains("row \(five)"), "\(text)")
                }
            }
        }
    }

    /// What someone with DDL rights runs before changing the log.
    static func removeGuard(_ engine: SQLEngine) -> [String] {
        engine == .sqlite ? ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"] : ["ALTER TABLE audit_log DISABLE TRIGGER USER"]
    }

    /// The database itself refuses to change or remove a row, and the migrations that hold the log
    /// are never reverted once it has one (issue 19, item 6).
    @Test(arguments: TestDatabases.engines)
    func theLogIsAppendOnlyInTheDatabase(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let entry = AuditEntry(at: "2024-07-01T00:00:00Z", actor: "user:a", action: "test.step", subject: "s", detail: "d")
            try await db.write { try await $0.audit(entry, entry) }
            var statements = ["UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log"]
            if engine == .postgres { statements.append("TRUNCATE audit_log") }
            for statement in statements {
                await #expect(throws: (any Error).self, "\(statement)") {
                    try await db.withSQL(transaction: true) { try await $0.raw(SQLQueryString(statement)).run() }
                }
            }
            #expect(try await db.read { try await $0.audit.fetch(afterID: 0, limit: 10) }.count == 2)
            let migrator = Migrator(db)
            await #expect(throws: MigrationError.self, "022 holds the guard") { try await migrator.revert(count: 1) }
            #expect(try await migrator.pending.isEmpty, "nothing was reverted")
            guard case .intact(2, _) = try await AuditLog.verify(db) else { Issue.record("the chain still verifies"); return }
        }
    }

    /// `kechuang audit verify` against `location`: its exit status and standard error.
    static func verifyWithTheCommandLine(_ location: String) throws -> (Int32, String)? {
        guard let cli = BuiltExecutable.kechuang else { return nil }
        let p = Process()
        p.executableURL = cli
        p.arguments = ["audit", "verify", "--database", location]
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice; p.standardError = err
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    /// A missing head is a reported break, never a crash (issue 17, item 5): `audit verify` exits 1
    /// naming it, and a write that would extend the chain is refused and leaves nothing behind.
    @Test(arguments: TestDatabases.engines)
    func aMissingHeadIsAReportedBreak(_ engine: SQLEngine) async throws {
        try await TestDatabases.withLocation(engine) { db, location in
            let entry = AuditEntry(at: "2024-07-01T00:00:00Z", actor: "user:a", action: "test.step", subject: "s", detail: "d")
            try await db.write { try await $0.audit(entry) }
            #expect(try await AuditLog.headProblem(db) == nil)
            try await db.withSQL(transaction: true) { try await $0.raw("DELETE FROM audit_head").run() }

            guard case .broken(_, let reason) = try await AuditLog.verify(db) else { Issue.record("a missing head went unnoticed"); return }
            #expect(reason.contains("audit_head"))
            #expect(try await AuditLog.headProblem(db) == "head row missing")
            await #expect(throws: AuditChainBroken.self) { try await db.write { try await $0.audit(entry) } }
            #expect(try await db.read { try await $0.audit.fetch(afterID: 0, limit: 10) }.count == 1, "the refused write added no row")

            let (status, text) = try #require(try Self.verifyWithTheCommandLine(location), "the kechuang executable is built beside the tests")
            #expect(status == 1 && text.contains("audit_head"), "\(text)")
        }
    }

    /// A head that no longer matches the newest row (the tail removed) refuses writes too.
    @Test(arguments: TestDatabases.engines)
    func aHeadBehindTheNewestRowRefusesWrites(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let entry = AuditEntry(at: "2024-07-01T00:00:00Z", actor: "user:a", action: "test.step", subject: "s", detail: "d")
            try await db.write { try await $0.audit(entry, entry) }
            try await db.withSQL(transaction: true) { sql in
                for s in Self.removeGuard(engine) { try await sql.raw(SQLQueryString(s)).run() }
                try await sql.raw("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)").run()
            }
            #expect(try await AuditLog.headProblem(db) == "head does not match the newest row")
            await #expect(throws: AuditChainBroken.self) { try await db.write { try await $0.audit(entry) } }
        }
    }
}
