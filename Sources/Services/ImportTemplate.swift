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
    /// A code (USCC, town, industry): text in the template, refused when a cell holds a number.
    public let isCode: Bool
    /// How to fill it in, for the template's notes.
    public let hint: String

    init(_ key: String, _ chinese: String, required: Bool = false, code: Bool = false, hint: String = "") {
        self.key = key; self.chinese = chinese; self.required = required; self.isCode = code; self.hint = hint
    }

    public var label: String { "\(chinese) (\(key))" }

    static let enterprise: [ImportColumn] = [
        .init("uscc", "统一社会信用代码", required: true, code: true, hint: "18 位，文本格式"),
        .init("name", "企业名称", required: true, hint: "不超过 100 字"),
        .init("registeredOn", "成立日期", hint: "如 2016-04-12"),
        .init("townCode", "镇街代码", code: true, hint: "镇街名称（下拉选择）或 9 位代码（文本格式）"),
        .init("industryCode", "行业代码", code: true, hint: "GB/T 4754，如 C3841"),
        .init("chainTags", "产业链", hint: "产业链名称或代码，多个用分号隔开"),
        .init("status", "经营状态", hint: "存续、迁出或注销；不能清空"),
        .init("sme", "中小企业", hint: "是 或 否"),
    ]

    /// The three R&D bases are separate columns: none stands in for another.
    static let rdReport: [ImportColumn] = [
        .init("uscc", "统一社会信用代码", required: true, code: true, hint: "18 位，文本格式"),
        .init("quarter", "季度", required: true, hint: "如 2024Q1"),
        .init("operatingRevenue", "本季营业收入（元）", required: true),
        .init("statisticalRD", "研发经费内部支出（元）", required: true),
        .init("taxDeductionRD", "加计扣除研发费用（元）"),
        .init("highTechRD", "高企口径研发费用（元）"),
        .init("rdProjects", "在研项目数"),
        .init("rdStaff", "研发人员数"),
        .init("employees", "从业人员数"),
    ]

    static let fiscalYear: [ImportColumn] = [
        .init("uscc", "统一社会信用代码", required: true, code: true, hint: "18 位，文本格式"),
        .init("year", "年度", required: true, hint: "如 2023"),
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

extension ImportKind {
    /// The template's notes (a second sheet, 填写说明): every column, and what an empty cell means.
    public var notes: [[String]] {
        var rows: [[String]] = [["列名", "英文键", "是否必填", "填写说明"]]
        rows += columns.map { [$0.chinese, $0.key, $0.required ? "必填" : "选填", $0.hint.isEmpty && $0.chinese.hasSuffix("（元）") ? "金额，单位元，最多两位小数" : $0.hint] }
        rows += [[""], ["规则"],
                 ["1. 文件只改动它所含的列：缺少的列和空白单元格都保留平台中的原值。"],
                 ["2. 要清除某一项，请在该单元格填写「清空」；必填列和经营状态不能清空。"],
                 ["3. 代码列（统一社会信用代码、镇街代码、行业代码）须为文本格式，存为数字的代码会被拒绝。"],
                 ["4. 不要合并单元格；向下合并的同一列单元格按每行各自填写读取，跨列合并的文件会被拒绝。"],
                 ["5. 导入前先预览：每条记录改动的字段、前后取值和经营状态变更都会列出，确认后才写入。"]]
        return rows
    }

    /// Indexes of the code columns, which the template keeps as text.
    public var codeColumns: Set<Int> { Set(columns.indices.filter { columns[$0].isCode }) }
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
