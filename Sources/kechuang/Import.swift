import ArgumentParser
import Foundation
import Services
import Spreadsheet

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load enterprises or fiscal facts from a CSV or XLSX file.",
        discussion: """
        The file uses the template of `kechuang export --template KIND`. Every cell is checked
        before anything is written; if any is bad, nothing is loaded and every problem is listed
        (row, column, value, reason). --skip-invalid loads the good rows and lists the rest.
        Rows equal to what is stored change nothing, so importing the same file twice is safe.
        Exit status: 0 loaded, 2 problems found (nothing loaded unless --skip-invalid).
        """)

    @Argument(help: "The .csv or .xlsx file.") var file: String
    @Option(help: "What the file holds: enterprises or fiscal-years (default: read from its header).") var kind: ImportKind?
    @Flag(help: "Load the valid rows and report the invalid ones instead of loading nothing.") var skipInvalid = false
    @Option(help: "Also write the full report as JSON to this file.") var report: String?
    @Option(help: "Largest file accepted, in MiB.") var maxSize = 512
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw ValidationError("找不到文件 / cannot read \(file)") }
        guard size <= maxSize * 1_048_576 else { throw ValidationError("文件超过 \(maxSize) MiB / the file is larger than \(maxSize) MiB") }
        let data = try Data(contentsOf: url)
        let kind = self.kind ?? Self.guessKind(data)
        let bar = ProgressBar("导入 / importing \(url.lastPathComponent)")
        let result = try await withDatabase(db) { database in
            try await RegistryImporter(transactor: database, now: isoNow)
                .run(data, kind: kind, options: .init(skipInvalid: skipInvalid, actor: "cli:import"), progress: bar.update)
        }
        bar.finish()
        for p in result.problems.prefix(200) { printError(p.description) }
        if result.problems.count > 200 { printError("…另有 \(result.problems.count - 200) 个问题 / and \(result.problems.count - 200) more (see --report)") }
        print(result.summary)
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(result).write(to: URL(fileURLWithPath: report))
        }
        if !result.problems.isEmpty { throw ExitCode(2) }
    }

    /// A file with a year column holds fiscal facts; otherwise enterprises.
    static func guessKind(_ data: Data) -> ImportKind {
        guard let (_, table) = try? SpreadsheetReader.read(data), let header = table.rows.first else { return .enterprises }
        return header.contains(where: { ["年度", "year"].contains($0.trimmingCharacters(in: .whitespaces)) }) ? .fiscalYears : .enterprises
    }
}

extension ImportKind: ExpressibleByArgument {}
