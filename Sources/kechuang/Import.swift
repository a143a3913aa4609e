import ArgumentParser
import Foundation
import Services
import Spreadsheet

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load enterprises, fiscal facts, R&D reports or a published designation list from a CSV or XLSX file.",
        discussion: """
        --kind designations reads a list the authorities published (认定名单, 入库名单): the
        columns are found by their Chinese headers (企业名称, 统一社会信用代码, 证书编号 or
        入库登记编号, 所属区县) in any order, below any title line. Each row is matched by code,
        else name, else former name, else normalised name; rows naming another district are
        skipped. It previews unless --confirm is given; then it writes the matched rows and the
        rows --choose settles (LINE=USCC), and lists those left for a person to decide.

        The file uses the template of `kechuang export --template KIND`. Every cell is checked
        before anything is written; if any is bad, nothing is loaded and every problem is listed
        (row, column, value, reason). --skip-invalid loads the good rows and lists the rest.
        Rows equal to what is stored change nothing, so importing the same file twice is safe.
        A file changes only its own columns: a missing column or an empty cell keeps the stored
        value; the word 清空 clears it. Every field that changes is listed, before and after.
        A file that changes an enterprise's 经营状态 (注销 → 存续, say) loads only with
        --confirm-status-changes; run with --dry-run first to see the changes.
        Exit status: 0 loaded (or previewed), 2 problems found or status changes unconfirmed
        (nothing loaded unless --skip-invalid).
        """)

    @Argument(help: "The .csv or .xlsx file.") var file: String
    @Option(help: "What the file holds: enterprises, fiscal-years, rd-reports or designations (default: read from its header).") var kind: ImportTarget?
    @OptionGroup var list: DesignationListOptions
    @Flag(help: "Load the valid rows and report the invalid ones instead of loading nothing.") var skipInvalid = false
    @Flag(help: "Check the file and list what it would change, writing nothing.") var dryRun = false
    @Flag(help: "Apply the 经营状态 (status) changes the file makes; without it such a file loads nothing.") var confirmStatusChanges = false
    @Option(help: "Also write the full report as JSON to this file.") var report: String?
    @Option(help: "Largest file accepted, in MiB.") var maxSize = 512
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw ValidationError("找不到文件 / cannot read \(file)") }
        guard size <= maxSize * 1_048_576 else { throw ValidationError("文件超过 \(maxSize) MiB / the file is larger than \(maxSize) MiB") }
        let data = try Data(contentsOf: url)
        if self.kind == .designations { return try await list.run(data, db: db) }
        let kind = self.kind?.kind ?? Self.guessKind(data)
        let bar = ProgressBar("导入 / importing \(url.lastPathComponent)")
        let result = try await withDatabase(db) { database in
            try await RegistryImporter(transactor: database, now: isoNow)
                .run(data, kind: kind, options: .init(skipInvalid: skipInvalid, actor: "cli:import", dryRun: dryRun,
                                                      confirmStatusChanges: confirmStatusChanges), progress: bar.update)
        }
        bar.finish()
        for change in result.changes.prefix(200) {
            let fields = change.fields.map { "\($0.column) \($0.before.isEmpty ? "（空）" : $0.before) → \($0.after.isEmpty ? "（空）" : $0.after)" }
            print("第 \(change.row) 行 / row \(change.row) \(change.subject)\(change.changesStatus ? " [经营状态变更 / status change]" : "")：\(fields.joined(separator: "；"))")
        }
        if result.changes.count > 200 { print("…另有 \(result.changes.count - 200) 家的改动 / and \(result.changes.count - 200) more (see --report)") }
        for p in result.problems.prefix(200) { printError(p.description) }
        if result.problems.count > 200 { printError("…另有 \(result.problems.count - 200) 个问题 / and \(result.problems.count - 200) more (see --report)") }
        print(result.summary)
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(result).write(to: URL(fileURLWithPath: report))
        }
        if result.awaitingConfirmation {
            printError("文件会改变 \(result.statusChanges) 家企业的经营状态，未导入；核对后加 --confirm-status-changes 重新运行"
                       + " / the file changes the status of \(result.statusChanges) firms; nothing loaded: check them and run again with --confirm-status-changes")
            throw ExitCode(2)
        }
        if !result.problems.isEmpty { throw ExitCode(2) }
    }

    /// A file with a year column holds fiscal facts; otherwise enterprises.
    static func guessKind(_ data: Data) -> ImportKind {
        guard let (_, table) = try? SpreadsheetReader.read(data), let header = table.rows.first else { return .enterprises }
        let names = Set(header.map { $0.trimmingCharacters(in: .whitespaces) })
        if !names.isDisjoint(with: ["季度", "quarter"]) { return .rdReports }
        return !names.isDisjoint(with: ["年度", "year"]) ? .fiscalYears : .enterprises
    }
}

extension ImportKind: ExpressibleByArgument {}

/// What `kechuang import --kind` names: the registry's own templates, or a published list.
enum ImportTarget: String, ExpressibleByArgument, CaseIterable {
    case enterprises, fiscalYears = "fiscal-years", rdReports = "rd-reports", designations

    var kind: ImportKind? { ImportKind(rawValue: rawValue) }
}
