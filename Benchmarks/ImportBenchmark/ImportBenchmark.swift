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

        // The same database as it stands now, for the SQLite-alone measurement below.
        let floorDB = dir.appendingPathComponent("floor.sqlite").path
        try await db.backupSQLite(to: floorDB)

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

        // SQLite alone doing the writes the import does — the same rows into Kechuang's
        // fiscal_years (keys, CHECKs, foreign key) and one JSON history row each, one transaction
        // — from a table the shell has already loaded (untimed): the floor under any importer
        // that keeps per-row history on this schema.
        let floor = try runSQLite3Timed(floorDB, setup: ".mode csv\nCREATE TEMP TABLE f(\(Self.csvColumns.joined(separator: ","))) ;\n.import --skip 1 \(fiscalPath.path) f\n",
                                        timed: Self.floorWrites)

        func secs(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        print(String(format: "kechuang import (parse, validate, diff, upsert, history): %.2f s  (%.0f rows/s)", secs(ours), Double(fRows.count - 1) / secs(ours)))
        print(String(format: "kechuang re-import of the same file (no changes):       %.2f s", secs(reimport)))
        if status == 0 {
            print(String(format: "sqlite3 .import of the same file:                        %.2f s", secs(shell)))
            print(String(format: "ratio: %.2f× sqlite3 (target ≤ 3×); target ≤ 10 s", secs(ours) / secs(shell)))
            if let floor {
                print(String(format: "sqlite3 alone writing the same rows + history into our schema: %.2f s (%.2f× .import) — the floor", floor, floor / secs(shell)))
            }
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

    static let csvColumns = ["uscc", "year"] + (1...15).map { "c\($0)" }

    /// The importer's writes as SQL: yuan to fen, the stamp, and history JSON with its sorted keys.
    static let floorWrites = """
        BEGIN IMMEDIATE;
        INSERT INTO fiscal_years SELECT uscc, year+0, c1+0, c2+0, c3+0, \((4...14).map { "CAST(round(c\($0)*100) AS INTEGER)" }.joined(separator: ", ")), c15+0, 'imported', '2024-07-01T00:00:00Z' FROM f;
        INSERT INTO change_history (uscc, subject, actor, at, before_json, after_json)
          SELECT uscc, 'fiscalYear:' || year, 'import', '2024-07-01T00:00:00Z', NULL, json_object('conversions', c15+0, 'employees', c1+0,
            'highTechRevenue', c8+0, 'mainBusinessRevenue', c6+0, 'netProfit', c14+0, 'operatingRevenue', c5+0, 'rdExpense', c10+0,
            'rdExpenseDomestic', c11+0, 'rdStaff', c3+0, 'salesRevenue', c4+0, 'stStaff', c2+0, 'totalAssets', c12+0,
            'totalCostAndExpense', c9+0, 'totalIncome', c7+0, 'totalLiabilities', c13+0, 'year', year+0) FROM f;
        COMMIT;
        """

    /// Runs `setup` untimed, then `timed` with the shell's timer on (each statement printed as
    /// "Run Time: real S …"), with the writer's pragmas; the sum of the timed statements in seconds.
    static func runSQLite3Timed(_ path: String, setup: String, timed: String) throws -> Double? {
        let pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;\n"
        let out = Pipe()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", path]
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = out
        try p.run()
        input.fileHandleForWriting.write(Data((pragmas + setup + ".timer on\n" + timed + "\n").utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        let times = text.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return Double(line.dropFirst("Run Time: real ".count).split(separator: " ").first ?? "")
        }
        return times.isEmpty ? nil : times.reduce(0, +)
    }
}
