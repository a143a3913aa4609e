import Foundation
import Logging
import Registry
import Services
import Spreadsheet
import Storage
import StorageSQL

/// Import of 100,000 enterprise-years from CSV into SQLite, against the sqlite3 shell's `.import`
/// of the same file into a plain table, measured in the same run (issue: Foundation I).
///
///     swift run -c release ImportBenchmark [rows=100000]
///
/// The demo generator makes the rows (about 30,000 enterprises with their years); the
/// enterprises file is imported first (not timed), then the fiscal-years file is timed: parse,
/// validate every cell, diff against the stored rows, write with change history, commit.
@main
struct ImportBenchmark {
    static func main() async throws {
        let target = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kechuang-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        // Enterprises of the demo generator, with all their years, until `target` rows are reached.
        let district = DemoDistrict(seed: 1, enterprises: target)
        var eRows = RegistryExporter.template(.enterprises, englishHeader: false).rows
        var fRows = RegistryExporter.template(.fiscalYears, englishHeader: false).rows
        var i = 0
        while fRows.count - 1 < target {
            let d = district.enterprise(at: i)
            i += 1
            eRows.append(RegistryExporter.cells(of: d.enterprise))
            for f in d.fiscalYears.prefix(target - (fRows.count - 1)) { fRows.append(RegistryExporter.cells(of: f, uscc: d.enterprise.uscc)) }
        }
        let eData = CSV.write(SheetTable(rows: eRows)), fData = CSV.write(SheetTable(rows: fRows))
        let fiscalPath = dir.appendingPathComponent("fiscal-years.csv")
        try fData.write(to: fiscalPath)
        print("rows: \(fRows.count - 1) enterprise-years of \(eRows.count - 1) enterprises, \(fData.count / 1024) KiB")

        let dbPath = dir.appendingPathComponent("bench.sqlite").path
        var logger = Logger(label: "bench"); logger.logLevel = .warning
        let db = try await KechuangDatabase.open(.sqlite(path: dbPath), logger: logger)
        try await Migrator(db).migrate()
        // The towns and chains the enterprises refer to, as a district sets them up once.
        try await db.write { stores in
            try await stores.district.upsertTowns(district.towns)
            try await stores.district.upsertChains(district.chains)
        }
        let importer = RegistryImporter(transactor: db, now: { "2024-07-01T00:00:00Z" })
        let e = try await importer.run(eData, kind: .enterprises)
        precondition(e.applied && e.problems.isEmpty, "enterprise import failed: \(e.problems.prefix(3))")

        let start = ContinuousClock.now
        let report = try await importer.run(fData, kind: .fiscalYears)
        let ours = ContinuousClock.now - start
        precondition(report.applied && report.inserted == fRows.count - 1, "fiscal import failed: \(report.summary)")
        let again = ContinuousClock.now
        let re = try await importer.run(fData, kind: .fiscalYears)
        let reimport = ContinuousClock.now - again
        precondition(re.unchanged == fRows.count - 1)
        try await db.close()

        // The sqlite3 shell: CSV into a fresh table with the same columns, in one transaction.
        let shellDB = dir.appendingPathComponent("shell.sqlite").path
        let script = ".mode csv\n.import --skip 1 \(fiscalPath.path) fiscal\n"
        let create = "CREATE TABLE fiscal (" + ImportKind.fiscalYears.columns.map { "\"\($0.key)\"" }.joined(separator: ",") + ");"
        let shellStart = ContinuousClock.now
        let status = try runSQLite3(shellDB, input: create + "\nBEGIN;\n" + script + "COMMIT;\n")
        let shell = ContinuousClock.now - shellStart

        func secs(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        print(String(format: "kechuang import (parse, validate, diff, upsert, history): %.2f s  (%.0f rows/s)", secs(ours), Double(fRows.count - 1) / secs(ours)))
        print(String(format: "kechuang re-import of the same file (no changes):       %.2f s", secs(reimport)))
        if status == 0 {
            print(String(format: "sqlite3 .import of the same file:                        %.2f s", secs(shell)))
            print(String(format: "ratio: %.2f× sqlite3 (target ≤ 3×); target ≤ 10 s", secs(ours) / secs(shell)))
        } else {
            print("sqlite3 shell not available (apt-get install sqlite3) — no comparison")
        }
    }

    static func runSQLite3(_ path: String, input: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", path]
        let pipe = Pipe()
        p.standardInput = pipe
        try p.run()
        pipe.fileHandleForWriting.write(Data(input.utf8))
        try pipe.fileHandleForWriting.close()
        p.waitUntilExit()
        return p.terminationStatus
    }
}
