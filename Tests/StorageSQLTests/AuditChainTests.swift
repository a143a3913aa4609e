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

    static let key = try! AuditKey(bytes: Array(repeating: 7, count: 32))

    func writeKeyed(_ db: KechuangDatabase, _ range: ClosedRange<Int>, key: AuditKey? = Self.key) async throws {
        try await db.write { stores in
            for i in range {
                try await stores.audit.append([AuditEntry(at: "2024-07-01T00:00:\(10 + i)Z", actor: "user:a", action: "test.step", subject: "s\(i)", detail: "step \(i)")],
                                              hash: { AuditLog.hash(previous: $0, $1, key: key) })
            }
        }
    }

    /// Keyed rows need the key; one rewritten without it is found even when every hash after it
    /// was recomputed (issue 19, item 6).
    @Test(arguments: TestDatabases.engines)
    func aKeyedChainCannotBeRewrittenWithoutItsKey(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await writeKeyed(db, 1...3, key: nil)      // rows from before the key was configured
            try await writeKeyed(db, 4...8)
            guard case .intact(8, let head) = try await AuditLog.verify(db, key: Self.key) else { Issue.record("a keyed chain verifies"); return }
            // This process has no key: it may not add an unkeyed row to a keyed chain.
            await #expect(throws: AuditChainBroken.self) {
                try await db.write { try await $0.audit(AuditEntry(at: "2024-07-01T00:01:00Z", actor: "user:a", action: "test.step", subject: "s", detail: "d")) }
            }
            #expect(head.hasPrefix("k1:"))
            guard case .broken(4, let reason) = try await AuditLog.verify(db, key: nil) else { Issue.record("keyed rows need the key"); return }
            #expect(reason.contains("key"))
            let other = try AuditKey(bytes: Array(repeating: 9, count: 32))
            guard case .broken(4, _) = try await AuditLog.verify(db, key: other) else { Issue.record("another key does not verify"); return }

            // The administrator edits row 6 and recomputes plain hashes from there on, head included.
            let rows = try await db.read { try await $0.audit.fetch(afterID: 0, limit: 10) }
            var previous = rows[4].hash
            var statements = Self.removeGuard(engine) + ["UPDATE audit_log SET detail = 'step six' WHERE id = \(rows[5].id)"]
            for (i, row) in rows.enumerated().dropFirst(5) {
                var e = row.entry
                if i == 5 { e.detail = "step six" }
                let h = AuditLog.hash(previous: previous, e)
                statements.append("UPDATE audit_log SET prev_hash = '\(previous)', hash = '\(h)' WHERE id = \(row.id)")
                previous = h
            }
            statements.append("UPDATE audit_head SET hash = '\(previous)' WHERE id = 1")
            let rewrite = statements
            try await db.withSQL(transaction: true) { sql in for s in rewrite { try await sql.raw(SQLQueryString(s)).run() } }
            guard case .broken(let at, let why) = try await AuditLog.verify(db, key: Self.key) else { Issue.record("the rewrite went unnoticed"); return }
            #expect(at == rows[5].id && why.contains("unkeyed"), "\(why)")
        }
    }

    /// A tail cut and the head moved back leaves a chain that verifies on its own; the signed
    /// checkpoint shows it, and an altered checkpoint shows itself.
    @Test(arguments: TestDatabases.engines)
    func aCheckpointShowsACutTail(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await writeKeyed(db, 1...5)
            let checkpoint = try #require(try await AuditCheckpoint.make(db, key: Self.key, at: "2024-07-01T23:59:59+08:00"))
            #expect(AuditCheckpoint.parse(checkpoint.text) == checkpoint)
            try await writeKeyed(db, 6...8)
            #expect(try await checkpoint.problem(db, key: Self.key) == nil, "rows after the checkpoint are fine")

            let rows = try await db.read { try await $0.audit.fetch(afterID: 0, limit: 10) }
            try await db.withSQL(transaction: true) { sql in
                for s in Self.removeGuard(engine) + ["DELETE FROM audit_log WHERE id >= \(rows[3].id)", "UPDATE audit_head SET hash = '\(rows[2].hash)' WHERE id = 1"] {
                    try await sql.raw(SQLQueryString(s)).run()
                }
            }
            guard case .intact(3, _) = try await AuditLog.verify(db, key: Self.key) else { Issue.record("the shortened chain is consistent in itself"); return }
            let problem = try await checkpoint.problem(db, key: Self.key)
            #expect(problem?.contains("cut") == true, "\(problem ?? "none")")

            var forged = checkpoint
            forged.id = rows[2].id; forged.count = 3; forged.head = rows[2].hash
            #expect(try await forged.problem(db, key: Self.key)?.contains("altered") == true)
            let otherKey = try AuditKey(bytes: Array(repeating: 1, count: 32))
            #expect(try await checkpoint.problem(db, key: otherKey)?.contains("another key") == true)
        }
    }

    /// The same through the command line, as an operator runs it.
    @Test(arguments: TestDatabases.engines)
    func checkpointsThroughTheCommandLine(_ engine: SQLEngine) async throws {
        let cli = try #require(BuiltExecutable.kechuang, "the kechuang executable is built beside the tests")
        try await TestDatabases.withLocation(engine) { db, location in
            try await writeKeyed(db, 1...5)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoints-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("day.txt").path
            func run(_ arguments: [String]) throws -> (Int32, String) {
                let p = Process()
                p.executableURL = cli
                p.arguments = arguments + ["--database", location]
                p.environment = ProcessInfo.processInfo.environment.merging(["KECHUANG_AUDIT_KEY": String(repeating: "07", count: 32)]) { _, b in b }
                let out = Pipe()
                p.standardOutput = out; p.standardError = out
                try p.run()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                return (p.terminationStatus, text)
            }
            let written = try run(["audit", "checkpoint", "--out", file])
            #expect(written.0 == 0, "\(written.1)")
            #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
            let ok = try run(["audit", "verify", "--checkpoint", file])
            #expect(ok.0 == 0 && ok.1.contains("1 checkpoints hold"), "\(ok.1)")
            let rows = try await db.read { try await $0.audit.fetch(afterID: 0, limit: 10) }
            try await db.withSQL(transaction: true) { sql in
                for s in Self.removeGuard(engine) + ["DELETE FROM audit_log WHERE id = \(rows[4].id)", "UPDATE audit_head SET hash = '\(rows[3].hash)' WHERE id = 1"] {
                    try await sql.raw(SQLQueryString(s)).run()
                }
            }
            let cut = try run(["audit", "verify", "--checkpoint", file])
            #expect(cut.0 == 1 && cut.1.contains("the log was cut"), "\(cut.1)")
            // A malformed key stops a command before it writes anything.
            let p = Process()
            p.executableURL = cli
            p.arguments = ["audit", "verify", "--database", location]
            p.environment = ProcessInfo.processInfo.environment.merging(["KECHUANG_AUDIT_KEY": "not a key!"]) { _, b in b }
            let err = Pipe()
            p.standardOutput = FileHandle.nullDevice; p.standardError = err
            try p.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus != 0 && text.contains("hex or base64"), "\(text)")
        }
    }

    @Test func theKeyComesFromAPrivateFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("audit-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("audit.key").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data((String(repeating: "ab", count: 32) + "\n").utf8), attributes: [.posixPermissions: 0o644]))
        #expect(throws: AuditKeyError.tooOpen(path, 0o644)) { try AuditKey.load(["KECHUANG_AUDIT_KEY_FILE": path]) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let key = try #require(try AuditKey.load(["KECHUANG_AUDIT_KEY_FILE": path]))
        #expect(key.id == (try AuditKey(bytes: Array(repeating: 0xAB, count: 32))).id)
        #expect(throws: AuditKeyError.tooShort) { try AuditKey.load(["KECHUANG_AUDIT_KEY": "abcd"]) }
        #expect(throws: AuditKeyError.malformed) { try AuditKey.load(["KECHUANG_AUDIT_KEY": "not a key!"]) }
        #expect(try AuditKey.load([:]) == nil)
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
