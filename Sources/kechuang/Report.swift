import ArgumentParser
import Foundation
import Kernel
import Services
import Spreadsheet
import WebPages

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every figure of the letter 铜科局函〔2024〕8号 that the records hold, for a period.",
        discussion: "Registry and loan figures are counted over --from … --to (at --to); the R&D figures F11–F13 are those of the last whole year ending by --to.")

    @Option(name: [.customLong("from"), .customLong("since")], help: "Start of the period (YYYY-MM-DD).") var from = "2023-01-01"
    @Option(name: [.customLong("to"), .customLong("as-of")], help: "End of the period, the reporting date (YYYY-MM-DD).") var to = "2024-06-30"
    @Option(help: "科技型企业 batch to count (F7); default the first batch of --to's year.") var batch: String?
    @Option(help: "table, json, xlsx or html (default: from --out's extension, else table).") var format: String?
    @Option(help: "Output file (default: standard output).") var out: String?
    @Flag(help: "Same as --format json.") var json = false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        guard let from = LocalDate(self.from) else { throw ValidationError("--from must be YYYY-MM-DD") }
        guard let to = LocalDate(self.to) else { throw ValidationError("--to must be YYYY-MM-DD") }
        guard from <= to else { throw ValidationError("--from must not be after --to") }
        let ext = out.map { URL(fileURLWithPath: $0).pathExtension.lowercased() }
        let format = json ? "json" : self.format ?? (["json", "xlsx", "html"].contains(ext ?? "") ? ext! : "table")
        guard ["table", "json", "xlsx", "html"].contains(format) else { throw ValidationError("--format is table, json, xlsx or html") }
        let batch = self.batch ?? DistrictStatistics.defaultBatch(for: to)
        let report = try await withDatabase(db) { try await DistrictStatistics(transactor: $0).report(from: from, to: to, batch: batch) }
        let data: Data
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(report) + Data("\n".utf8)
        case "xlsx": data = try XLSX.write(StatisticsSheet.table(report), sheetName: "统计报表")
        case "html": data = Data(StatisticsPage.document(report).utf8)
        default:
            let lines = report.figures.map { f in "\(f.id.padding(toLength: 4, withPad: " ", startingAt: 0)) \(f.value.leftPad(14))  \(f.label)  [\(f.period)]" }
            data = Data(((["统计报表 / statistics \(from)–\(to)"] + lines).joined(separator: "\n") + "\n").utf8)
        }
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
            printError("已写出 \(report.figures.count) 项指标 / wrote \(report.figures.count) figures to \(out)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
