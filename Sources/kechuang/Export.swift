import ArgumentParser
import Foundation
import Services
import Spreadsheet

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write enterprises or fiscal facts (or an empty template) as CSV or XLSX.",
        discussion: "The columns are the import template's, so an export can be edited and imported again.")

    @Argument(help: "enterprises or fiscal-years.") var kind: ImportKind
    @Flag(help: "Write the empty import template instead of the data.") var template = false
    @Option(help: "csv or xlsx (default: from --out's extension, else csv).") var format: SpreadsheetFormat?
    @Option(help: "Output file (default: standard output).") var out: String?
    @Flag(help: "Add a second header row with the English column keys.") var englishHeader = false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let format = self.format ?? (out?.lowercased().hasSuffix(".xlsx") == true ? .xlsx : .csv)
        let table = template
            ? RegistryExporter.template(kind, englishHeader: englishHeader)
            : try await withDatabase(db) { try await RegistryExporter(transactor: $0).table(kind, englishHeader: englishHeader) }
        // The template's drop-downs list no towns or chains here (the database is not opened for
        // a template); the web's /import/template carries the district's.
        let data = template && format == .xlsx
            ? try RegistryExporter.templateWorkbook(kind, towns: [], chains: [], englishHeader: englishHeader)
            : try RegistryExporter.encode(table, as: format, sheetName: kind == .enterprises ? "企业名录" : "年度数据", notesFor: kind)
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
            printError("已写出 \(table.rows.count) 行 / wrote \(table.rows.count) rows to \(out)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

extension SpreadsheetFormat: ExpressibleByArgument {}
