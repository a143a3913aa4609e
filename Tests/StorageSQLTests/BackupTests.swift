import Foundation
import KechuangTestSupport
import Kernel
import Registry
import Services
import SQLKit
import Storage
import StorageSQL
import Testing

/// Backups (issue: production readiness, item 3): an online SQLite backup taken while a writer
/// is busy is a consistent snapshot; restored into a fresh file, every table matches.
@Suite struct BackupTests {
    /// Every table's rows as sorted text, so two databases can be compared table by table.
    static func contents(_ db: KechuangDatabase) async throws -> [String: [String]] {
        try await db.withSQL(transaction: false) { sql in
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }
            var out: [String: [String]] = [:]
            for t in tables {
                let rows = try await sql.raw("SELECT * FROM \(ident: t)").all()
                out[t] = try rows.map { row -> String in
                    let cells: [String] = try row.allColumns.map { (c: String) -> String in
                        // SQLite columns hold text, integers or reals; NULL is ∅.
                        if try row.decodeNil(column: c) { return "∅" }
                        if let text = try? row.decode(column: c, as: String.self) { return text }
                        if let n = try? row.decode(column: c, as: Int64.self) { return String(n) }
                        return String(try row.decode(column: c, as: Double.self))
                    }
                    return cells.joined(separator: "|")
                }.sorted()
            }
            return out
        }
    }

    @Test func backupUnderWriteLoadRestoresEveryTable() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kc-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try await KechuangDatabase.open(.sqlite(path: dir + "/live.sqlite"))
        try await Migrator(db).migrate()
        _ = try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(DemoDistrict(seed: 3, enterprises: 200))
        let registry = RegistryService(transactor: db, now: fixedNow)
        let demo = DemoDistrict(seed: 3, enterprises: 400)

        // A writer adds enterprises one transaction at a time while the backup runs.
        let writer = Task {
            for i in 200..<400 { try await registry.create(demo.enterprise(at: i).enterprise, actor: "load") }
        }
        try await Task.sleep(for: .milliseconds(50))
        try await db.backupSQLite(to: dir + "/backup.sqlite")
        #expect((try FileManager.default.attributesOfItem(atPath: dir + "/backup.sqlite")[.posixPermissions] as? Int) == 0o600, "the owner alone reads a backup")
        try await writer.value

        // The snapshot holds a whole number of the writer's transactions: each firm with its
        // history row, none half-written.
        let snapshot = try await KechuangDatabase.open(.sqlite(path: dir + "/backup.sqlite"))
        #expect(try await snapshot.integrityCheck() == "ok")
        let taken = try await snapshot.read { try await $0.registry.countEnterprises() }
        let history = try await snapshot.withSQL(transaction: false) { try await $0.raw("SELECT COUNT(*) AS n FROM change_history WHERE actor = 'load'").first()!.decode(column: "n", as: Int.self) }
        #expect((200...400).contains(taken) && history == taken - 200, "\(taken) firms, \(history) of their history rows")
        try await snapshot.close()

        // Restored into a fresh file, the backup is table for table the database it came from.
        let restored = dir + "/restored.sqlite"
        let migrations = try await Migrator(db).applied().count
        #expect(try await KechuangDatabase.restoreSQLite(from: dir + "/backup.sqlite", to: restored, force: false) == migrations)
        await #expect(throws: BackupError.self) { try await KechuangDatabase.restoreSQLite(from: dir + "/backup.sqlite", to: restored, force: false) }
        let final = dir + "/final.sqlite"
        try await db.backupSQLite(to: final)
        let again = dir + "/again.sqlite"
        try await KechuangDatabase.restoreSQLite(from: final, to: again, force: false)
        let a = try await KechuangDatabase.open(.sqlite(path: again))
        let live = try await Self.contents(db), copy = try await Self.contents(a)
        #expect(Set(live.keys) == Set(copy.keys) && live.count > 30)
        for (table, rows) in live { #expect(copy[table] == rows, "table \(table)") }
        try await a.close()
        try await db.close()

        // Not a database, or not ours: refused, and the target is untouched.
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: dir + "/junk.sqlite"))
        await #expect(throws: (any Error).self) { try await KechuangDatabase.restoreSQLite(from: dir + "/junk.sqlite", to: restored, force: true) }
        let still = try await KechuangDatabase.open(.sqlite(path: restored))
        #expect(try await still.read { try await $0.registry.countEnterprises() } == taken)
        try await still.close()
    }
}
