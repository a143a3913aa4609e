import ArgumentParser
import Foundation
import Kernel
import Lending
import Services
import Spreadsheet

struct WhiteListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whitelist",
        abstract: "Compute the re-lending white list (政银联动 白名单) and write it as a table, CSV or XLSX.",
        discussion: "Default rule: a valid 高新技术企业 with R&D expense in the last closed fiscal year. --rule FILE reads a JSON rule instead.")

    @Option(help: "The list's date (YYYY-MM-DD; default today).") var asOf: String?
    @Option(help: "A rule as JSON (id, requiredDesignations, rdExpenseAtLeast in fen, bestPointsList).") var rule: String?
    @Option(help: "Only firms on this innovation-points list or better (1 = the top list).") var bestList: Int?
    @Option(help: "table, csv or xlsx (default: from --out's extension, else table).") var format: String?
    @Option(help: "Output file (default: standard output).") var out: String?
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let asOf = try asOf.map { text in
            guard let d = LocalDate(text) else { throw ValidationError("--as-of must be YYYY-MM-DD") }
            return d
        } ?? LocalDate(secondsSince1970: Date().timeIntervalSince1970)
        var rule = WhiteListService.districtRule
        if let path = self.rule {
            do { rule = try JSONDecoder().decode(WhiteListRule.self, from: Data(contentsOf: URL(fileURLWithPath: path))) }
            catch { throw ValidationError("--rule \(path): \(error)") }
        }
        if let best = bestList {
            guard best >= 1 else { throw ValidationError("--best-list counts from 1 (the top list)") }
            rule.bestPointsList = best - 1
        }
        guard rule.problems.isEmpty else { throw ValidationError("the rule is invalid: " + rule.problems.joined(separator: "; ")) }
        let format = self.format ?? (out?.lowercased().hasSuffix(".xlsx") == true ? "xlsx" : out?.lowercased().hasSuffix(".csv") == true ? "csv" : "table")
        guard ["table", "csv", "xlsx"].contains(format) else { throw ValidationError("--format is table, csv or xlsx") }
        let chosen = rule
        let result = try await withDatabase(db) { try await WhiteListService(transactor: $0).compute(rule: chosen, asOf: asOf) }
        let data: Data
        switch format {
        case "csv": data = CSV.write(WhiteListService.table(rule: result.rule, asOf: result.asOf, entries: result.included))
        case "xlsx": data = try XLSX.write(WhiteListService.table(rule: result.rule, asOf: result.asOf, entries: result.included), sheetName: "白名单")
        default:
            var lines = ["白名单 / white list \(result.rule.id) at \(asOf): \(result.included.count) of \(result.considered) firms"]
            for (i, v) in result.included.enumerated() { lines.append("\(String(i + 1).leftPad(4))  \(v.uscc)  \(v.name)  \(v.met.joined(separator: "；"))") }
            data = Data((lines.joined(separator: "\n") + "\n").utf8)
        }
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
            printError("已写出 \(result.included.count) 家 / wrote \(result.included.count) firms to \(out)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

}
