import Foundation
import Kernel
import RDMonitoring
import Registry

/// What one cell of an import says about a stored field. A column the file does not have, and an
/// empty cell, leave the field as it is; only the word 清空 clears it ([I] issue 17: an import
/// changes exactly what the file says, and a blank in Excel is far more often "not filled in" than
/// "erase this"). The template's notes and the preview say so.
enum CellEdit<Value: Sendable & Equatable>: Sendable {
    case keep
    case set(Value)
    case clear

    func applied(to current: Value?) -> Value? {
        switch self {
        case .keep: return current
        case .set(let value): return value
        case .clear: return nil
        }
    }

    /// The words that clear a field, as the template's notes give them.
    static var clearWords: Set<String> { ["清空", "(清空)", "（清空）", "CLEAR", "clear"] }
}

/// One enterprise row: the USCC and name always, every other field only as the file says.
struct EnterpriseEdit: Sendable {
    var uscc: USCC
    var name: String
    var registeredOn: CellEdit<LocalDate> = .keep
    var townCode: CellEdit<String> = .keep
    var industryCode: CellEdit<String> = .keep
    var chainTags: CellEdit<[String]> = .keep
    var status: CellEdit<EnterpriseStatus> = .keep
    var sme: CellEdit<Bool> = .keep

    /// The record after the edit; a new enterprise starts from nothing known and 存续.
    func applied(to old: Enterprise?) -> Enterprise {
        Enterprise(uscc: uscc, name: name, registeredOn: registeredOn.applied(to: old?.registeredOn),
                   townCode: townCode.applied(to: old?.townCode), industryCode: industryCode.applied(to: old?.industryCode),
                   chainTags: chainTags.applied(to: old?.chainTags) ?? [], status: status.applied(to: old?.status) ?? .active,
                   sme: sme.applied(to: old?.sme))
    }
}

/// The district's towns and chains by code and by name, so a file may give either (the
/// template's drop-downs offer the names).
struct DistrictNames: Sendable {
    /// Code or name → code.
    var towns: [String: String] = [:]
    var chains: [String: String] = [:]

    init(towns: [Town], chains: [IndustryChain]) {
        for t in towns { self.towns[t.name] = t.code }
        for t in towns { self.towns[t.code] = t.code }
        for c in chains { self.chains[c.name] = c.code }
        for c in chains { self.chains[c.code] = c.code }
    }

    func resolving(_ edit: EnterpriseEdit) -> EnterpriseEdit {
        var out = edit
        if case .set(let town) = edit.townCode, let code = towns[town] { out.townCode = .set(code) }
        if case .set(let tags) = edit.chainTags { out.chainTags = .set(Array(Set(tags.map { chains[$0] ?? $0 })).sorted()) }
        return out
    }
}

/// One fiscal-year row: the firm and year, and each figure only as the file says.
struct FiscalYearEdit: Sendable {
    var uscc: USCC
    var year: Int
    var counts: [(any WritableKeyPath<FiscalYearFacts, Int?> & Sendable, CellEdit<Int>)] = []
    var amounts: [(any WritableKeyPath<FiscalYearFacts, Money?> & Sendable, CellEdit<Money>)] = []

    func applied(to old: FiscalYearFacts?) -> FiscalYearFacts {
        var facts = old ?? FiscalYearFacts(year: year)
        for (path, edit) in counts { facts[keyPath: path] = edit.applied(to: facts[keyPath: path]) }
        for (path, edit) in amounts { facts[keyPath: path] = edit.applied(to: facts[keyPath: path]) }
        return facts
    }
}

/// One quarterly R&D row: the required figures always, the optional ones only as the file says.
struct RDReportEdit: Sendable {
    var uscc: USCC
    var quarter: Quarter
    var operatingRevenue: Money
    var statisticalRD: Money
    var taxDeductionRD: CellEdit<Money> = .keep
    var highTechRD: CellEdit<Money> = .keep
    var rdProjects: CellEdit<Int> = .keep
    var rdStaff: CellEdit<Int> = .keep
    var employees: CellEdit<Int> = .keep

    func applied(to old: RDReport?) -> RDReport {
        RDReport(uscc: uscc, quarter: quarter, statisticalRD: statisticalRD,
                 taxDeductionRD: taxDeductionRD.applied(to: old?.taxDeductionRD), highTechRD: highTechRD.applied(to: old?.highTechRD),
                 operatingRevenue: operatingRevenue, rdStaff: rdStaff.applied(to: old?.rdStaff), employees: employees.applied(to: old?.employees),
                 rdProjects: rdProjects.applied(to: old?.rdProjects) ?? 0)
    }
}

/// How each field is shown in the preview's before/after: as the export writes it (the same
/// cells, keyed by the template's columns), so a preview reads like the file that made it.
enum ImportFieldText {
    static func enterprise(_ e: Enterprise) -> [String: String] { keyed(.enterprises, RegistryExporter.cells(of: e)) }
    static func fiscalYear(_ uscc: USCC) -> (FiscalYearFacts) -> [String: String] {
        { keyed(.fiscalYears, RegistryExporter.cells(of: $0, uscc: uscc)) }
    }
    static func rdReport(_ r: RDReport) -> [String: String] { keyed(.rdReports, RegistryExporter.cells(of: r)) }

    private static func keyed(_ kind: ImportKind, _ cells: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(kind.columns.map(\.key), cells))
    }

    /// The fiscal figures an import reads, by template key, for laying the file's cells over the record.
    static let fiscalCounts: [(String, any WritableKeyPath<FiscalYearFacts, Int?> & Sendable)] = [
        ("employees", \.employees), ("stStaff", \.stStaff), ("rdStaff", \.rdStaff), ("conversions", \.conversions),
    ]
    static let fiscalAmounts: [(String, any WritableKeyPath<FiscalYearFacts, Money?> & Sendable)] = [
        ("salesRevenue", \.salesRevenue), ("operatingRevenue", \.operatingRevenue), ("mainBusinessRevenue", \.mainBusinessRevenue),
        ("totalIncome", \.totalIncome), ("highTechRevenue", \.highTechRevenue), ("totalCostAndExpense", \.totalCostAndExpense),
        ("rdExpense", \.rdExpense), ("rdExpenseDomestic", \.rdExpenseDomestic), ("totalAssets", \.totalAssets),
        ("totalLiabilities", \.totalLiabilities), ("netProfit", \.netProfit),
    ]

    /// The fields that differ, in the template's column order, each with its Chinese header.
    static func changes(_ kind: ImportKind, before: [String: String], after: [String: String]) -> [FieldChange] {
        kind.columns.compactMap { column in
            let old = before[column.key] ?? "", new = after[column.key] ?? ""
            return old == new ? nil : FieldChange(column: column.chinese, key: column.key, before: old, after: new)
        }
    }
}
