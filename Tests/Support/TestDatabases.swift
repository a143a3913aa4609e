import SQLKit
import Foundation
import Logging
import StorageSQL

/// A fresh, migrated database for one test: an SQLite file in the temporary folder, or, when
/// `KECHUANG_TEST_DATABASE_URL` names a PostgreSQL server, a schema of its own there. Each test
/// gets its own, so tests run in parallel without seeing each other's rows.
public enum TestDatabases {
    public static let postgresURL = ProcessInfo.processInfo.environment["KECHUANG_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The engines to run each storage test on.
    public static var engines: [SQLEngine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    public static func with<T: Sendable>(_ engine: SQLEngine, migrate: Bool = true,
                                         _ body: (KechuangDatabase) async throws -> T) async throws -> T {
        try await withLocation(engine, migrate: migrate) { db, _ in try await body(db) }
    }

    /// As `with`, also handing over the database's location as `--database` takes it, for
    /// tests that run the `kechuang` executable against the same database.
    public static func withLocation<T: Sendable>(_ engine: SQLEngine, migrate: Bool = true,
                                                 _ body: (KechuangDatabase, String) async throws -> T) async throws -> T {
        var logger = Logger(label: "kechuang.test")
        logger.logLevel = .warning
        let location: DatabaseLocation
        let text: String
        var cleanup: () async throws -> Void
        switch engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("kechuang-test-\(UUID().uuidString).sqlite").path
            location = .sqlite(path: path)
            text = path
            cleanup = { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        case .postgres:
            guard let base = postgresURL else { fatalError("PostgreSQL test without KECHUANG_TEST_DATABASE_URL") }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let admin = try await KechuangDatabase.open(try DatabaseLocation(parsing: base), logger: logger)
            try await admin.withSQL(transaction: true) { try await $0.raw("CREATE SCHEMA \(ident: schema)").run() }
            try await admin.close()
            text = base + (base.contains("?") ? "&" : "?") + "search_path=\(schema)"
            location = try DatabaseLocation(parsing: text)
            cleanup = {
                let admin = try await KechuangDatabase.open(try DatabaseLocation(parsing: base), logger: logger)
                try await admin.withSQL(transaction: true) { try await $0.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
                try await admin.close()
            }
        }
        let db = try await KechuangDatabase.open(location, logger: logger, poolSize: 4)
        do {
            if migrate { try await Migrator(db).migrate() }
            let value = try await body(db, text)
            try await db.close()
            try await cleanup()
            return value
        } catch {
            try? await db.close()
            try? await cleanup()
            throw error
        }
    }
}

/// The `kechuang` executable built beside the tests (`swift build --build-tests` builds it).
public enum BuiltExecutable {
    public static var kechuang: URL? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let url = dir.appendingPathComponent("kechuang")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }
}
