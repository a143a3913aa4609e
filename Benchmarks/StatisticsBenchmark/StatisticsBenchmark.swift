import Foundation
import Kernel
import Logging
import Services
import Storage
import StorageSQL

/// The statistics report over about 1,000,000 firm-quarters (issue: R&D monitoring, target
/// under 1 s on SQLite and on PostgreSQL).
///
///     swift run -c release StatisticsBenchmark [database] [enterprises=280000] [rounds=5]
///
/// The database is an SQLite path or a postgres:// URL (default: a temporary SQLite file). An
/// empty one is seeded first with the demo district of that size, whose firms file 2022Q1–2024Q1
/// (not timed). Then the whole report — every letter figure for 2023 — is computed `rounds`
/// times; the figures print once so the work is visible.
@main
struct StatisticsBenchmark {
    static func main() async throws {
        let args = Array(CommandLine.arguments.dropFirst())
        let location = args.first ?? NSTemporaryDirectory() + "kechuang-statistics-\(getpid()).sqlite"
        let count = args.dropFirst().first.flatMap(Int.init) ?? 280_000
        let rounds = args.dropFirst(2).first.flatMap(Int.init) ?? 5
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let db = try await KechuangDatabase.open(try DatabaseLocation(parsing: location), logger: logger)
        try await Migrator(db).migrate()
        if try await db.read({ try await $0.registry.countEnterprises() }) == 0 {
            let size = min(count, DemoDistrict.rdReportsUpTo), start = Date()
            _ = try await DemoSeeder(transactor: db, now: { "2024-07-01T00:00:00Z" }).seedIfEmpty(DemoDistrict(seed: 7, enterprises: size))
            print(String(format: "seeded %d enterprises in %.0f s", size, Date().timeIntervalSince(start)))
        }
        let statistics = DistrictStatistics(transactor: db)
        let from = LocalDate("2023-01-01")!, to = LocalDate("2023-12-31")!
        let rd = try await statistics.rdFigures(year: 2023)
        var times: [Double] = []
        var report: StatisticsReport?
        for _ in 0..<rounds {
            let start = Date()
            report = try await statistics.report(from: from, to: to, batch: "2023-1")
            times.append(Date().timeIntervalSince(start))
        }
        times.sort()
        // The two halves, once each, to show where the time goes.
        var start = Date()
        _ = try await statistics.registryFigures(since: from, asOf: to, batch: "2023-1")
        let registryTime = Date().timeIntervalSince(start)
        start = Date()
        _ = try await statistics.rdFigures(year: 2023)
        print(String(format: "of which: registry, loans and white list %.3f s; R&D figures %.3f s", registryTime, Date().timeIntervalSince(start)))
        print("engine \(db.engine), \(rd.firms) firms reporting in 2023 (about \(rd.firms * 4) firm-quarters)")
        for f in report?.figures ?? [] where ["F8", "F11", "F12", "F13", "F22"].contains(f.id) { print("  \(f.id) \(f.value)") }
        print(String(format: "statistics report: best %.3f s, median %.3f s, worst %.3f s over %d rounds", times.first ?? 0, times[times.count / 2], times.last ?? 0, rounds))
        try await db.close()
    }
}
