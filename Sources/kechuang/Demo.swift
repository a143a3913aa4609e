import ArgumentParser
import Foundation
import Registry
import Services
import Spreadsheet

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the demo district, into the database or as files.",
        discussion: """
        The same seed and size always give the same district. With the defaults (seed 2024,
        2,400 enterprises) it reproduces the registry figures of the letter 铜科局函〔2024〕8号.
        Without --out it seeds an empty database; with --out it writes enterprises.csv and
        fiscal-years.csv in the import template (for example 100,000 or 1,000,000 enterprises for
        benchmarks), streaming so any size fits in memory.
        """)

    @Option(help: "Random seed.") var seed: UInt64 = DemoDistrict.defaultSeed
    @Option(help: "Number of enterprises.") var enterprises = DemoDistrict.defaultEnterprises
    @Option(help: "Write CSV files into this folder instead of seeding the database.") var out: String?
    @OptionGroup var db: DatabaseOption

    func validate() throws {
        guard (1...5_000_000).contains(enterprises) else { throw ValidationError("--enterprises must be between 1 and 5,000,000") }
    }

    func run() async throws {
        let district = DemoDistrict(seed: seed, enterprises: enterprises)
        if let out {
            try DemoFiles.write(district, to: URL(fileURLWithPath: out, isDirectory: true))
            return
        }
        let bar = ProgressBar("生成演示区 / seeding")
        let outcome = try await withDatabase(db) {
            try await DemoSeeder(transactor: $0, now: isoNow).seedIfEmpty(district, progress: bar.update)
        }
        bar.finish()
        switch outcome {
        case .seeded(let n): print("已生成演示区：\(n) 家企业 / demo district seeded: \(n) enterprises")
        case .alreadyPopulated(let n):
            printError("数据库已有 \(n) 家企业，未写入演示数据 / the database already holds \(n) enterprises; nothing seeded")
            throw ExitCode(1)
        }
    }
}

/// Streams a district to CSV files in chunks, so a million enterprises need little memory.
enum DemoFiles {
    static func write(_ district: DemoDistrict, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let enterprisesURL = folder.appendingPathComponent("enterprises.csv")
        let fiscalURL = folder.appendingPathComponent("fiscal-years.csv")
        _ = FileManager.default.createFile(atPath: enterprisesURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: fiscalURL.path, contents: nil)
        let eh = try FileHandle(forWritingTo: enterprisesURL)
        let fh = try FileHandle(forWritingTo: fiscalURL)
        defer { try? eh.close(); try? fh.close() }
        var eRows = RegistryExporter.template(.enterprises, englishHeader: false).rows
        var fRows = RegistryExporter.template(.fiscalYears, englishHeader: false).rows
        var first = true
        var fiscalCount = 0
        let bar = ProgressBar("写出 / writing \(folder.path)")
        let chunk = 10_000
        for start in stride(from: 0, to: district.count, by: chunk) {
            for i in start..<min(start + chunk, district.count) {
                let d = district.enterprise(at: i)
                eRows.append(RegistryExporter.cells(of: d.enterprise))
                for f in d.fiscalYears { fRows.append(RegistryExporter.cells(of: f, uscc: d.enterprise.uscc)) }
            }
            fiscalCount += fRows.count - (first ? 1 : 0)
            try eh.write(contentsOf: CSV.write(SheetTable(rows: eRows), bom: first))
            try fh.write(contentsOf: CSV.write(SheetTable(rows: fRows), bom: first))
            eRows.removeAll(keepingCapacity: true)
            fRows.removeAll(keepingCapacity: true)
            first = false
            bar.update(Double(min(start + chunk, district.count)) / Double(district.count))
        }
        bar.finish()
        print("已写出 \(district.count) 家企业、\(fiscalCount) 条年度数据 / wrote \(district.count) enterprises and \(fiscalCount) enterprise-years to \(folder.path)")
    }
}
