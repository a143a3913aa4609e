import ArgumentParser
import Foundation
import StorageSQL

/// `kechuang backup FILE`: SQLite's online backup (VACUUM INTO, writers carry on) or, for
/// PostgreSQL, pg_dump's custom format. `kechuang restore FILE`: checks the backup, then puts it
/// in place (SQLite) or loads it with pg_restore (PostgreSQL).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back up the database online: SQLite's VACUUM INTO, or pg_dump for PostgreSQL.")

    @Argument(help: "The backup file to write (must not exist).") var file: String
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw ValidationError("\(file) 已存在 / already exists; choose a new file") }
        // Whatever writes the file (SQLite or pg_dump) creates it readable by its owner only.
        umask(0o077)
        let location = try db.location
        let started = Date()
        switch location {
        case .sqlite:
            try await withDatabase(db) { try await $0.backupSQLite(to: file) }
        case .postgres(let s):
            try PostgresTools.run("pg_dump", s, ["--format=custom", "--no-owner", "--file=\(file)"])
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        printError(String(format: "已备份 / backed up to %@ (%d bytes) in %.1f s", file, size, Date().timeIntervalSince(started)))
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup into the database (an empty one unless --force).")

    @Argument(help: "The backup file.") var file: String
    @Flag(help: "Replace a database that already has data.") var force = false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("找不到 / cannot find \(file)") }
        switch try db.location {
        case .sqlite(let target):
            let applied = try await KechuangDatabase.restoreSQLite(from: file, to: target, force: force)
            printError("已恢复 / restored \(file) into \(target) (\(applied) migrations applied)")
        case .postgres(let s):
            // The archive is read through once before anything is dropped: a damaged file stops here.
            try PostgresTools.list(file)
            try PostgresTools.run("pg_restore", s, ["--no-owner", "--exit-on-error"] + (force ? ["--clean", "--if-exists"] : []) + [file])
            printError("已恢复 / restored \(file) into PostgreSQL \(s.database)")
        }
    }
}

/// Runs a PostgreSQL client tool against the configured database, the password through the
/// environment (never the command line).
enum PostgresTools {
    /// `pg_restore --list`: reads the whole archive's table of contents without a database.
    static func list(_ file: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_restore", "--list", file]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("备份文件无法读取，未做任何改动 / \(file) is not a readable pg_dump archive; nothing was changed") }
    }

    static func run(_ tool: String, _ s: PostgresSettings, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool, "--host=\(s.host)", "--port=\(s.port)", "--username=\(s.username)", "--dbname=\(s.database)"] + arguments
        var env = ProcessInfo.processInfo.environment
        if let p = s.password { env["PGPASSWORD"] = p }
        env["PGSSLMODE"] = s.requireTLS ? "require" : "disable"
        process.environment = env
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(tool) 失败 / failed with status \(process.terminationStatus)") }
    }
}
