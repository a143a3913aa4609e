import Foundation
import Kernel
import RDMonitoring
import Registry
import Spreadsheet
import Storage

/// Writes the registry back out in the import template, so an export can be edited and
/// re-imported unchanged (and re-importing it changes nothing).
public struct RegistryExporter: Sendable {
    public let transactor: any Transactor

    public init(transactor: any Transactor) { self.transactor = transactor }

    /// The empty template: Chinese headers, optionally a second row of English keys.
    public static func template(_ kind: ImportKind, englishHeader: Bool) -> SheetTable {
        SheetTable(rows: headerRows(kind, englishHeader: englishHeader), textColumns: kind.codeColumns)
    }

    static func headerRows(_ kind: ImportKind, englishHeader: Bool) -> [[String]] {
        var rows = [kind.columns.map(\.chinese)]
        if englishHeader { rows.append(kind.columns.map(\.key)) }
        return rows
    }

    public func table(_ kind: ImportKind, englishHeader: Bool = false) async throws -> SheetTable {
        var rows = Self.headerRows(kind, englishHeader: englishHeader)
        let collected: [[String]] = try await transactor.read { stores in
            let box = Collector<[String]>()
            switch kind {
            case .enterprises:
                try await stores.registry.forEachEnterpriseBatch(batchSize: 5_000) { batch in
                    box.add(batch.map(Self.cells(of:)))
                }
            case .fiscalYears:
                try await stores.registry.forEachFiscalYearBatch(batchSize: 10_000) { batch in
                    box.add(batch.map { Self.cells(of: $0.1.facts, uscc: $0.0) })
                }
            case .rdReports:
                try await stores.rd.forEachReportBatch(batchSize: 2_000) { batch in
                    box.add(batch.map { Self.cells(of: $0.report) })
                }
            }
            return box.all
        }
        rows += collected
        return SheetTable(rows: rows, textColumns: kind.codeColumns)
    }

    public static func cells(of e: Enterprise) -> [String] {
        [e.uscc.code, e.name, e.registeredOn?.description ?? "", e.townCode ?? "", e.industryCode ?? "",
         e.chainTags.joined(separator: ";"), e.status.label.components(separatedBy: " / ")[0],
         e.sme.map { $0 ? "是" : "否" } ?? ""]
    }

    public static func cells(of f: FiscalYearFacts, uscc: USCC) -> [String] {
        let n = { (v: Int?) in v.map { "\($0)" } ?? "" }
        let m = { (v: Money?) in v?.yuanText ?? "" }
        return [uscc.code, String(f.year), n(f.employees), n(f.stStaff), n(f.rdStaff), m(f.salesRevenue), m(f.operatingRevenue),
                m(f.mainBusinessRevenue), m(f.totalIncome), m(f.highTechRevenue), m(f.totalCostAndExpense), m(f.rdExpense),
                m(f.rdExpenseDomestic), m(f.totalAssets), m(f.totalLiabilities), m(f.netProfit), n(f.conversions)]
    }

    public static func cells(of r: RDReport) -> [String] {
        let n = { (v: Int?) in v.map { "\($0)" } ?? "" }
        return [r.uscc.code, r.quarter.description, r.operatingRevenue.yuanText, r.statisticalRD.yuanText, r.taxDeductionRD?.yuanText ?? "",
                r.highTechRD?.yuanText ?? "", String(r.rdProjects), n(r.rdStaff), n(r.employees)]
    }

    /// The XLSX template: the header (code columns kept as text), drop-downs on the town, chain,
    /// status and SME columns, the notes (填写说明) and, hidden, the lists the drop-downs draw on.
    /// Without towns or chains those columns simply have no drop-down.
    public static func templateWorkbook(_ kind: ImportKind, towns: [Town], chains: [IndustryChain], englishHeader: Bool = false) throws -> Data {
        var table = template(kind, englishHeader: englishHeader)
        let sheet = "选项"
        var options = SheetTable(rows: [["镇街", "产业链"]] + (0..<max(towns.count, chains.count)).map { i in
            [i < towns.count ? towns[i].name : "", i < chains.count ? chains[i].name : ""]
        })
        options.hidden = true
        func column(_ key: String) -> Int? { kind.columns.firstIndex { $0.key == key } }
        if let c = column("townCode"), !towns.isEmpty {
            table.listValidations.append(ListValidation(column: c, formula: "'\(sheet)'!$A$2:$A$\(towns.count + 1)"))
        }
        if let c = column("chainTags"), !chains.isEmpty {
            table.listValidations.append(ListValidation(column: c, formula: "'\(sheet)'!$B$2:$B$\(chains.count + 1)"))
        }
        if let c = column("status") {
            table.listValidations.append(ListValidation(column: c, formula: "\"" + EnterpriseStatus.allCases.map { $0.label.components(separatedBy: " / ")[0] }.joined(separator: ",") + "\""))
        }
        if let c = column("sme") { table.listValidations.append(ListValidation(column: c, formula: "\"是,否\"")) }
        return try XLSX.write(sheets: [(kind.chineseLabel, table), notesSheet(kind), (sheet, options)])
    }

    /// The XLSX template with this district's towns and chains in its drop-downs.
    public func templateWorkbook(_ kind: ImportKind, englishHeader: Bool = false) async throws -> Data {
        let (towns, chains) = try await transactor.read { stores in (try await stores.district.fetchTowns(), try await stores.district.fetchChains()) }
        return try Self.templateWorkbook(kind, towns: towns, chains: chains, englishHeader: englishHeader)
    }

    static func notesSheet(_ kind: ImportKind) -> (name: String, table: SheetTable) { ("填写说明", SheetTable(rows: kind.notes)) }

    /// An XLSX of an import kind carries the template's notes as a second sheet (填写说明).
    public static func encode(_ table: SheetTable, as format: SpreadsheetFormat, sheetName: String, notesFor kind: ImportKind? = nil) throws -> Data {
        switch format {
        case .csv: return CSV.write(table)
        case .xlsx:
            guard let kind else { return try XLSX.write(table, sheetName: sheetName) }
            return try XLSX.write(sheets: [(sheetName, table), notesSheet(kind)])
        }
    }
}
