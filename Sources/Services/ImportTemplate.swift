import Kernel

/// What a bulk file holds: enterprises (企业名录) or their fiscal facts (年度财务与科技数据).
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    case enterprises
    case fiscalYears = "fiscal-years"
    case rdReports = "rd-reports"

    public var label: String {
        switch self {
        case .enterprises: return "企业名录 / enterprises"
        case .fiscalYears: return "年度数据 / fiscal years"
        case .rdReports: return "研发投入季报 / quarterly R&D reports"
        }
    }

    public var columns: [ImportColumn] {
        switch self {
        case .enterprises: return ImportColumn.enterprise
        case .fiscalYears: return ImportColumn.fiscalYear
        case .rdReports: return ImportColumn.rdReport
        }
    }
}

/// One column of an import template: its key (the English header and the JSON field of
/// `assessment-v1.md`), its Chinese header, and whether a row without it is an error.
public struct ImportColumn: Sendable, Hashable {
    public let key: String
    public let chinese: String
    public let required: Bool

    init(_ key: String, _ chinese: String, required: Bool = false) {
        self.key = key; self.chinese = chinese; self.required = required
    }

    public var label: String { "\(chinese) (\(key))" }

    static let enterprise: [ImportColumn] = [
        .init("uscc", "统一社会信用代码", required: true),
        .init("name", "企业名称", required: true),
        .init("registeredOn", "成立日期"),
        .init("townCode", "镇街代码"),
        .init("industryCode", "行业代码"),
        .init("chainTags", "产业链"),
        .init("status", "经营状态"),
        .init("sme", "中小企业"),
    ]

    /// The three R&D bases are separate columns: none stands in for another.
    static let rdReport: [ImportColumn] = [
        .init("uscc", "统一社会信用代码", required: true),
        .init("quarter", "季度", required: true),
        .init("operatingRevenue", "本季营业收入（元）", required: true),
        .init("statisticalRD", "研发经费内部支出（元）", required: true),
        .init("taxDeductionRD", "加计扣除研发费用（元）"),
        .init("highTechRD", "高企口径研发费用（元）"),
        .init("rdProjects", "在研项目数"),
        .init("rdStaff", "研发人员数"),
        .init("employees", "从业人员数"),
    ]

    static let fiscalYear: [ImportColumn] = [
        .init("uscc", "统一社会信用代码", required: true),
        .init("year", "年度", required: true),
        .init("employees", "职工总数"),
        .init("stStaff", "科技人员数"),
        .init("rdStaff", "研发人员数"),
        .init("salesRevenue", "销售收入（元）"),
        .init("operatingRevenue", "营业收入（元）"),
        .init("mainBusinessRevenue", "主营业务收入（元）"),
        .init("totalIncome", "收入总额（元）"),
        .init("highTechRevenue", "高新技术产品（服务）收入（元）"),
        .init("totalCostAndExpense", "成本费用总额（元）"),
        .init("rdExpense", "研发费用（元）"),
        .init("rdExpenseDomestic", "境内研发费用（元）"),
        .init("totalAssets", "资产总额（元）"),
        .init("totalLiabilities", "负债总额（元）"),
        .init("netProfit", "净利润（元）"),
        .init("conversions", "科技成果转化数"),
    ]
}

/// One bad cell (or row, or header) of an import, said so that a clerk can find and fix it.
public struct ImportProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Spreadsheet row number as the user sees it (the header is row 1); 0 for the whole file.
    public var row: Int
    /// Column header as written in the file, or empty for a whole-row problem.
    public var column: String
    public var value: String
    public var reason: String

    public init(row: Int, column: String, value: String, reason: String) {
        self.row = row; self.column = column; self.value = value; self.reason = reason
    }

    public var description: String {
        var place = row == 0 ? "文件 / file" : "第 \(row) 行 / row \(row)"
        if !column.isEmpty { place += "，\(column)" }
        let shown = value.isEmpty ? "" : "「\(value.count > 60 ? String(value.prefix(60)) + "…" : value)」"
        return "\(place)：\(shown)\(reason)"
    }
}
