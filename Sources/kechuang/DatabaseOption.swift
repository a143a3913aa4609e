import ArgumentParser
import Foundation
import Logging
import StorageSQL

/// `--database`, shared by every command that touches the data.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Database: an SQLite file path or postgres://user:password@host:port/db?sslmode=disable.",
        discussion: "Defaults to KECHUANG_DATABASE_URL, then kechuang.sqlite in the current folder."))
    var database: String?

    var location: DatabaseLocation {
        get throws {
            let text = database ?? ProcessInfo.processInfo.environment["KECHUANG_DATABASE_URL"] ?? "kechuang.sqlite"
            do { return try DatabaseLocation(parsing: text) } catch { throw ValidationError(error.description) }
        }
    }

    /// Opens the database and applies pending migrations, so every command sees the current schema.
    func open(migrate: Bool = true) async throws -> KechuangDatabase {
        // Every command that writes may write audit rows: a malformed audit key stops it here.
        _ = try auditKey()
        var logger = Logger(label: "kechuang")
        logger.logLevel = .warning
        let db = try await KechuangDatabase.open(try location, logger: logger)
        if migrate {
            do { try await Migrator(db).migrate() } catch { try? await db.close(); throw error }
        }
        return db
    }
}

/// Runs `body` with the database open and always closes it (sqlite-nio insists).
func withDatabase<T>(_ option: DatabaseOption, migrate: Bool = true, _ body: (KechuangDatabase) async throws -> T) async throws -> T {
    let db = try await option.open(migrate: migrate)
    do {
        let value = try await body(db)
        try await db.close()
        return value
    } catch {
        try? await db.close()
        throw error
    }
}

/// ISO 8601 instants for history rows; the only place the CLI reads the clock.
@Sendable func isoNow() -> String {
    ISO8601DateFormatter().string(from: Date())
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes a line to standard output at once (unbuffered), so a server's log file shows it
/// even while the process keeps running.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
