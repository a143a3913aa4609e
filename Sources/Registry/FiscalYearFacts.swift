import Kernel

/// What an enterprise reported for one fiscal year: the fields of `assessment-v1.md`.
/// Every field is optional because "not known" must stay distinct from zero.
public struct FiscalYearFacts: Hashable, Sendable, Codable {
    public var year: Int
    public var employees: Int?
    public var stStaff: Int?
    public var rdStaff: Int?
    public var salesRevenue: Money?
    public var operatingRevenue: Money?
    public var mainBusinessRevenue: Money?
    public var totalIncome: Money?
    public var highTechRevenue: Money?
    public var totalCostAndExpense: Money?
    public var rdExpense: Money?
    public var rdExpenseDomestic: Money?
    public var totalAssets: Money?
    public var totalLiabilities: Money?
    public var netProfit: Money?
    public var conversions: Int?

    public init(year: Int, employees: Int? = nil, stStaff: Int? = nil, rdStaff: Int? = nil,
                salesRevenue: Money? = nil, operatingRevenue: Money? = nil, mainBusinessRevenue: Money? = nil,
                totalIncome: Money? = nil, highTechRevenue: Money? = nil, totalCostAndExpense: Money? = nil,
                rdExpense: Money? = nil, rdExpenseDomestic: Money? = nil, totalAssets: Money? = nil,
                totalLiabilities: Money? = nil, netProfit: Money? = nil, conversions: Int? = nil) {
        self.year = year; self.employees = employees; self.stStaff = stStaff; self.rdStaff = rdStaff
        self.salesRevenue = salesRevenue; self.operatingRevenue = operatingRevenue
        self.mainBusinessRevenue = mainBusinessRevenue; self.totalIncome = totalIncome
        self.highTechRevenue = highTechRevenue; self.totalCostAndExpense = totalCostAndExpense
        self.rdExpense = rdExpense; self.rdExpenseDomestic = rdExpenseDomestic; self.totalAssets = totalAssets
        self.totalLiabilities = totalLiabilities; self.netProfit = netProfit; self.conversions = conversions
    }
}

/// Where a group of facts came from, so a reader can weigh it (rules §11.6 R4 keeps bases apart).
public enum FactSource: String, Hashable, Sendable, Codable, CaseIterable {
    case declared   // 企业申报，已核实: declared by the enterprise and confirmed by a reviewer (unconfirmed ones wait in `fiscal_year_declarations`)
    case imported   // 文件导入: loaded from a spreadsheet
    case staff      // 工作人员录入: entered by bureau or town staff
    case demo       // 演示数据: generated for the demo district

    public var label: String {
        switch self {
        case .declared: return "企业申报，已核实 / declared by the enterprise, verified"
        case .imported: return "文件导入 / imported from a file"
        case .staff: return "工作人员录入 / entered by staff"
        case .demo: return "演示数据 / demo data"
        }
    }
}

/// Facts with their provenance, as stored.
public struct StampedFiscalYear: Hashable, Sendable, Codable {
    public var facts: FiscalYearFacts
    public var source: FactSource
    /// ISO 8601 instant the facts were recorded.
    public var recordedAt: String

    public init(facts: FiscalYearFacts, source: FactSource, recordedAt: String) {
        self.facts = facts; self.source = source; self.recordedAt = recordedAt
    }
}
